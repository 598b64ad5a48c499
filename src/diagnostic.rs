//! Diagnostics: every problem an author can fix, with the file, line and column it comes from.
//!
//! Stages never stop at the first problem: they push [`Diagnostic`]s and carry on, and the
//! pipeline stops after the stage that produced an error (see [`crate::build`]). Rendering a
//! diagnostic for a terminal (`path:line:col`, the source line, a caret and a hint) lives here
//! too, so the CLI, `serve`'s overlay and the tests all show the same text.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is: errors fail the build, warnings are reported and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build fails.
    Error,
    /// The build goes on; `check` reports it.
    Warning,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the project root where possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when unknown.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The text of the offending line, for the snippet.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error about `path` as a whole; add a position with [`Diagnostic::at`].
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path.into(), message.into())
    }

    /// A warning about `path` as a whole.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path.into(), message.into())
    }

    fn new(severity: Severity, path: PathBuf, message: String) -> Self {
        Diagnostic { severity, path, line: 0, column: 0, message, help: None, snippet: None }
    }

    /// Places the diagnostic at a 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Adds a hint that says what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Takes the offending line out of the file's full text, for the snippet.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.line > 0 {
            self.snippet = text.lines().nth(self.line - 1).map(str::to_owned);
        }
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` (or less, when the position is unknown).
    pub fn location(&self) -> String {
        let path = self.path.display();
        match (self.line, self.column) {
            (0, _) => format!("{path}"),
            (line, 0) => format!("{path}:{line}"),
            (line, col) => format!("{path}:{line}:{col}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// rustc-style report: headline, location, source line with a caret, hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let gutter = " ".repeat(self.line.to_string().len());
        writeln!(f, "{gutter}--> {}", self.location())?;
        if let Some(snippet) = &self.snippet {
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{} | {}", self.line, snippet)?;
            if self.column > 0 {
                writeln!(f, "{gutter} | {}^", " ".repeat(self.column - 1))?;
            }
        }
        if let Some(help) = &self.help {
            writeln!(f, "{gutter} = help: {help}")?;
        }
        Ok(())
    }
}

/// The diagnostics of a stage or a whole build.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl Diagnostics {
    /// Adds one.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds many.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(more);
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Sorted by file and position, so reports are stable from run to run.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message)));
        self.0.dedup();
        self.0
    }

    /// Iterates in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

/// `count` followed by the singular or plural noun: "1 error", "2 errors" (the tool's own
/// messages are English; UI strings have their own plural rules in `locales`).
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", plural(count, one, many))
}

/// The singular noun for 1, the plural otherwise.
pub fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 {
        one
    } else {
        many
    }
}

/// 1-based (line, column) of a byte offset in `text`; columns count characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// A path shown relative to `root` when it lies inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\nçé [[x]]\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        let offset = text.find("[[").unwrap();
        assert_eq!(line_col(text, offset), (2, 4));
    }

    #[test]
    fn report_shows_location_snippet_caret_and_help() {
        let d = Diagnostic::error("content/a.md", "unknown id `2.9`")
            .at(2, 3)
            .help("did you mean `2.1`?")
            .with_source("---\nA [[2.9]]\n");
        let text = d.to_string();
        assert!(text.contains("error: unknown id `2.9`"), "{text}");
        assert!(text.contains("--> content/a.md:2:3"), "{text}");
        assert!(text.contains("2 | A [[2.9]]"), "{text}");
        assert!(text.contains("  |   ^"), "{text}");
        assert!(text.contains("= help: did you mean `2.1`?"), "{text}");
    }
}
