//! Front matter: splitting the `---` block off a page and reading it into [`FrontMatter`].
//!
//! YAML errors are reported at their line in the Markdown file, not in the block: the block's
//! first line is added to every position the YAML parser gives.

use crate::diagnostic::{line_col, Diagnostic};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::ops::Range;
use std::path::Path;

/// A page's front matter. Unknown fields are errors, so a typo never passes silently.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// `"2.1.3"` for the framework or a slug; may be left out in a translation.
    #[serde(default, deserialize_with = "de_opt_id")]
    pub id: Option<String>,
    /// Page title; for an indicator, the indicator statement.
    pub title: Option<String>,
    /// One or two sentences for listings and the top of the page.
    pub summary: Option<String>,
    /// Kind of a slug page; framework kinds come from the number.
    pub kind: Option<SlugKind>,
    /// Ordering among slug pages of one kind.
    pub weight: Option<i64>,
    /// Products the item applies to.
    #[serde(default)]
    pub applies_to: Vec<Product>,
    /// What an assessor reviews.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Related page ids.
    #[serde(default, deserialize_with = "de_ids")]
    pub related: Vec<String>,
    /// Glossary term ids used by the page.
    #[serde(default, deserialize_with = "de_ids")]
    pub glossary: Vec<String>,
    /// In a translation: the hash of the source text it was translated from
    /// (written by `guidesite i18n mark`).
    pub source_hash: Option<String>,
}

/// Kinds of pages that have a slug id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum SlugKind {
    /// The language home page.
    Home,
    /// An ordinary page (about, help).
    Page,
    /// A Detailed Guidance article.
    Guide,
    /// A Smart Operations department page.
    Department,
    /// A glossary term.
    Term,
}

/// Products an item can apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Product {
    /// Every product.
    All,
    /// Loans.
    Credit,
    /// Deposits.
    Savings,
    /// Payments and transfers.
    Payments,
    /// Insurance.
    Insurance,
}

impl Product {
    /// The name used in front matter and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Product::All => "all",
            Product::Credit => "credit",
            Product::Savings => "savings",
            Product::Payments => "payments",
            Product::Insurance => "insurance",
        }
    }
}

/// Kinds of evidence an assessor reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// Policies, manuals, reports, files.
    Documents,
    /// Talks with staff, management and clients.
    Interviews,
    /// What the assessor sees at a branch or in a system.
    Observation,
}

impl Evidence {
    /// The name used in front matter and UI string keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Documents => "documents",
            Evidence::Interviews => "interviews",
            Evidence::Observation => "observation",
        }
    }
}

/// An id written as a string or a whole number; a float (`2.10`) loses digits, so it is refused.
struct IdValue(String);

impl<'de> Deserialize<'de> for IdValue {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = IdValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id such as \"2.1.3\" or over-indebtedness")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<IdValue, E> {
                Ok(IdValue(v.to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<IdValue, E> {
                Err(E::custom(format!("the number {v} must be quoted, or 2.10 would read as 2.1: write \"{v}\"")))
            }
        }
        de.deserialize_any(V)
    }
}

fn de_opt_id<'de, D: Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<IdValue>::deserialize(de)?.map(|v| v.0))
}

fn de_ids<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<String>, D::Error> {
    Ok(Vec::<IdValue>::deserialize(de)?.into_iter().map(|v| v.0).collect())
}

/// Where the parts of a page file are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML between the fences.
    pub yaml: (usize, usize),
    /// 1-based line of the YAML's first line.
    pub yaml_line: usize,
    /// Byte offset of the body.
    pub body: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---`.
    Missing,
    /// The opening `---` has no closing `---`.
    NotClosed,
}

/// Finds the `---` fenced YAML block at the start of `text` (a UTF-8 BOM is allowed).
pub fn split(text: &str) -> Result<Split, SplitError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if rest[..first_line_end].trim_end() != "---" {
        return Err(SplitError::Missing);
    }
    let yaml_start = start + first_line_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map(|i| pos + i + 1).unwrap_or(text.len());
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split { yaml: (yaml_start, pos), yaml_line: 2, body: end });
        }
        pos = end;
    }
    Err(SplitError::NotClosed)
}

/// Parses the YAML block; errors are placed at their line in the whole file.
pub fn parse(path: &Path, text: &str, split: &Split) -> Result<FrontMatter, Diagnostic> {
    let yaml = &text[split.yaml.0..split.yaml.1];
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    serde_yaml::from_str(yaml).map_err(|e| yaml_diagnostic(path, text, split.yaml.0..split.yaml.1, &e, "front matter"))
}

/// Turns a YAML error into a diagnostic placed in the whole file; `yaml` is where the YAML
/// is in `text`. `what` names the document in the message ("front matter", "site settings").
/// Where the parser's own position is not where the fault is (an unclosed quote is noticed
/// only at the end of the block, a control character is given as a character count), the
/// position of the fault is found in the text.
pub fn yaml_diagnostic(path: &Path, text: &str, yaml: Range<usize>, e: &serde_yaml::Error, what: &str) -> Diagnostic {
    let raw = e.to_string();
    let message = raw.split(" at line ").next().unwrap_or(&raw).trim_end_matches(',').to_owned();
    let block = &text[yaml.clone()];
    if let Some((offset, fault)) = fault_in(block, &message) {
        let (line, column) = line_col(text, yaml.start + offset);
        return Diagnostic::error(path, format!("invalid YAML: {}", fault.message))
            .at(line, column)
            .help(fault.help)
            .with_source(text);
    }
    let first_line = line_col(text, yaml.start).0;
    let (line, column) = e.location().map(|l| (l.line() + first_line - 1, l.column())).unwrap_or((first_line, 0));
    let (message, help) = explain(&message, what);
    Diagnostic::error(path, message).at(line, column).help(help).with_source(text)
}

/// A fault found in the text, said better than the parser says it.
struct Fault {
    message: String,
    help: &'static str,
}

/// Where in `yaml` the fault of `message` really is, when the parser's position is not it
/// (an unclosed quote is noticed only at the end of the block; a control character is given
/// as a character count).
fn fault_in(yaml: &str, message: &str) -> Option<(usize, Fault)> {
    if message.contains("control character") {
        let (at, c) = yaml.char_indices().find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))?;
        let fault = Fault {
            message: format!("an invisible control character (U+{:04X}) is not allowed here", u32::from(c)),
            help: "delete it (it often comes with text pasted from another program) and retype the text around it",
        };
        return Some((at, fault));
    }
    let unclosed_flow = message.contains("did not find expected ',' or");
    if unclosed_flow || message.contains("end of stream") || message.contains("while scanning a quoted scalar") {
        let at = unclosed_opening(yaml)?;
        let what = match yaml[at..].chars().next() {
            Some('"' | '\'') => "quote",
            Some('[') => "bracket",
            _ => "brace",
        };
        let fault = Fault {
            message: format!("this {what} is never closed"),
            help: "close it on the same line (a value in quotes or brackets ends where it closes)",
        };
        return Some((at, fault));
    }
    None
}

/// The message and the hint for a YAML error's own message.
fn explain(message: &str, what: &str) -> (String, String) {
    let about_fields = ["invalid type", "invalid value", "unknown", "missing field", "must be quoted"];
    let full = if about_fields.iter().any(|m| message.contains(m)) {
        format!("invalid {what}: {message}")
    } else {
        format!("invalid YAML: {message}")
    };
    let help = if message.contains("unknown field") {
        "remove the field or fix its spelling; the allowed fields are listed in docs/authoring.md".to_owned()
    } else if message.contains("must be quoted") {
        "put framework numbers in quotes".to_owned()
    } else if message.contains("unknown variant") {
        "use one of the values the message lists".to_owned()
    } else if let Some(expected) = message.split("expected ").nth(1).filter(|_| message.contains("invalid type")) {
        type_hint(expected)
    } else {
        "fix the YAML syntax (indentation, a missing `:` or an unclosed quote or bracket)".to_owned()
    };
    (full, help)
}

/// What to write instead of a value of the wrong type.
fn type_hint(expected: &str) -> String {
    let wanted = if expected.contains("string") {
        "text: one value on the line, in quotes if it starts with `[`, `{` or `-` or holds `: ` (title: \"Words: more words\")"
    } else if expected.contains("sequence") || expected.contains("list") {
        "a list: [a, b] on one line, or one `- item` per line below the key"
    } else if expected.contains("integer") || expected.contains("number") {
        "a whole number, such as 10"
    } else {
        expected
    };
    format!("this field takes {wanted}")
}

/// The first quote, bracket or brace in `yaml` that is never closed.
fn unclosed_opening(yaml: &str) -> Option<usize> {
    let mut quote: Option<(char, usize)> = None;
    let mut brackets: Vec<usize> = Vec::new();
    let mut chars = yaml.char_indices().peekable();
    // The last character on this line that is not a space: a scalar starts after these.
    let mut last = None;
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(('"', _)) if c == '\\' => {
                chars.next();
            }
            Some(('"', _)) if c == '"' => quote = None,
            Some(('\'', _)) if c == '\'' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None => {
                let starts_value = matches!(last, None | Some(':' | '-' | '[' | ',' | '{'));
                match c {
                    '#' if last.is_none() || yaml[..i].ends_with(' ') => {
                        while chars.peek().is_some_and(|&(_, n)| n != '\n') {
                            chars.next();
                        }
                    }
                    '"' | '\'' if starts_value => quote = Some((c, i)),
                    '[' | '{' if starts_value => brackets.push(i),
                    ']' | '}' => {
                        brackets.pop();
                    }
                    _ => {}
                }
            }
        }
        match c {
            '\n' => last = None,
            ' ' | '\t' => {}
            other => last = Some(other),
        }
    }
    quote.map(|(_, at)| at).or_else(|| brackets.first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_block_and_body() {
        let text = "---\nid: \"1\"\n---\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.yaml.0..s.yaml.1], "id: \"1\"\n");
        assert_eq!(&text[s.body..], "Body\n");
        assert_eq!(s.yaml_line, 2);
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(split("---\nid: x\nBody\n"), Err(SplitError::NotClosed));
        assert!(split("\u{feff}---\n---\n").is_ok());
    }

    fn error_of(text: &str) -> Diagnostic {
        let s = split(text).unwrap();
        parse(Path::new("a.md"), text, &s).unwrap_err()
    }

    #[test]
    fn an_unclosed_quote_is_reported_on_its_own_line() {
        let d = error_of("---\nid: about\ntitle: \"About\nsummary: x\n---\nBody\n");
        assert_eq!((d.line, d.column), (3, 8), "{d}");
        let d = error_of("---\nid: about\nrelated: [a, b\nsummary: x\n---\n");
        assert_eq!(d.line, 3, "{d}");
        let d = error_of("---\nid: about\ntitle: L'IF \"dit\"\nsummary: 'x\n---\n");
        assert_eq!(d.line, 4, "an apostrophe inside a plain value opens nothing: {d}");
    }

    #[test]
    fn a_control_character_is_reported_where_it_is() {
        let d = error_of("---\nid: about\ntitle: \"Ab\u{1}out\"\n---\n");
        assert_eq!((d.line, d.column), (3, 11), "{d}");
        assert!(d.message.contains("control character (U+0001)"), "{d}");
    }

    #[test]
    fn a_type_error_explains_the_type() {
        let d = error_of("---\nid: about\ntitle: [a, b]\n---\n");
        assert_eq!(d.line, 3);
        let help = d.help.unwrap_or_default();
        assert!(help.contains("this field takes text") && !help.contains("indentation"), "{help}");
    }

    #[test]
    fn yaml_errors_point_at_the_file_line() {
        let text = "---\ntitle: A\nid: \"unclosed\n---\n";
        let s = split(text).unwrap();
        let d = parse(Path::new("a.md"), text, &s).unwrap_err();
        assert!(d.line >= 3, "{d}");
        assert!(d.message.starts_with("invalid YAML"), "{d}");
    }

    #[test]
    fn unknown_field_is_named_with_its_line() {
        let text = "---\nid: \"1\"\ntitel: A\n---\n";
        let s = split(text).unwrap();
        let d = parse(Path::new("a.md"), text, &s).unwrap_err();
        assert_eq!(d.line, 3, "{d}");
        assert!(d.message.contains("unknown field `titel`"), "{d}");
    }

    #[test]
    fn float_ids_are_refused_and_integers_accepted() {
        let text = "---\nid: 2.10\n---\n";
        let d = parse(Path::new("a.md"), text, &split(text).unwrap()).unwrap_err();
        assert!(d.message.contains("must be quoted"), "{d}");
        let text = "---\nid: 2\nrelated: [3, \"2.1\"]\n---\n";
        let fm = parse(Path::new("a.md"), text, &split(text).unwrap()).unwrap();
        assert_eq!(fm.id.as_deref(), Some("2"));
        assert_eq!(fm.related, vec!["3", "2.1"]);
    }
}
