//! The theme: Tera templates and static assets, from `themes/<name>/` (the default theme is
//! also built into the binary), with site-level overrides from `templates/` by name.
//! Template errors are reported with the template's file and line.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::locales::Locales;
use crate::project::{Config, Project};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

/// The built-in copy of `themes/default`, so `guidesite init` sites need no theme folder.
mod builtin {
    macro_rules! theme_files {
        ($($name:literal),* $(,)?) => {
            &[$(($name, include_str!(concat!("../../themes/default/", $name)))),*]
        };
    }
    pub(super) const FILES: &[(&str, &str)] = theme_files!(
        "templates/base.html",
        "templates/partials/badges.html",
        "templates/partials/breadcrumb.html",
        "templates/partials/link_list.html",
        "templates/partials/notice.html",
        "templates/partials/pager.html",
        "templates/partials/sidebar.html",
        "templates/landing.html",
        "templates/home.html",
        "templates/page.html",
        "templates/principle.html",
        "templates/standard.html",
        "templates/indicator.html",
        "templates/overview.html",
        "templates/glossary.html",
        "templates/translations.html",
        "templates/print.html",
        "static/style.css",
        "static/search.js",
        "static/landing.js",
        "static/overview.js",
    );
}

/// The ids templates write literally (`id="main"`, not `id="{{ item.anchor }}"`).
fn fixed_ids(templates: &BTreeMap<String, (PathBuf, String)>) -> BTreeMap<String, String> {
    let mut ids = BTreeMap::new();
    for (name, (_, text)) in templates {
        for piece in text.split(" id=\"").skip(1) {
            let Some(id) = piece.split('"').next() else { continue };
            if !id.is_empty() && !id.contains("{{") && !id.contains("{%") {
                ids.entry(id.to_owned()).or_insert_with(|| name.clone());
            }
        }
    }
    ids
}

/// Templates ready to render, and the files to copy under `assets/`.
pub struct Theme {
    /// The compiled templates.
    pub tera: tera::Tera,
    /// Static files: path under `assets/` and bytes.
    pub assets: Vec<(String, Vec<u8>)>,
    /// Where each template came from, for error messages.
    pub origins: HashMap<String, (PathBuf, String)>,
    /// The element ids the templates write as they are (`id="main"`), with the template that
    /// writes each: a heading of a page must not take one.
    pub ids: BTreeMap<String, String>,
}

impl Theme {
    /// Loads the theme named in the settings, then the overrides, and compiles the templates.
    pub fn load(project: &Project, config: &Config, locales: Arc<Locales>) -> Result<Theme, Diagnostics> {
        let files = theme_files(project, config).map_err(Diagnostics::from)?;
        let mut templates: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        let mut assets = Vec::new();
        for (relative, shown, bytes) in files {
            if let Some(name) = relative.strip_prefix("templates/") {
                let text = String::from_utf8(bytes)
                    .map_err(|_| Diagnostics::from(Diagnostic::error(&shown, "the template is not valid UTF-8")))?;
                templates.insert(name.to_owned(), (shown, text));
            } else if let Some(name) = relative.strip_prefix("static/") {
                assets.push((name.to_owned(), bytes));
            }
        }
        for (name, shown, text) in overrides(project).map_err(Diagnostics::from)? {
            templates.insert(name, (shown, text));
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default also escapes `/`, which makes every URL unreadable in the source.
        tera.set_escape_fn(crate::markdown::escape);
        let raw: Vec<(&str, &str)> = templates.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())).collect();
        let origins: HashMap<String, (PathBuf, String)> = templates.clone().into_iter().collect();
        if let Err(e) = tera.add_raw_templates(raw) {
            return Err(template_error(&e, &origins).into());
        }
        tera.register_function("t", TranslateFn(locales));
        let ids = fixed_ids(&templates);
        Ok(Theme { tera, assets, origins, ids })
    }

    /// Renders a template into `out` (bytes, so no UTF-8 check of the result and no regrowing
    /// from a small buffer); a failure is a diagnostic naming the template file (and line
    /// when found).
    pub fn render_to(&self, name: &str, context: &tera::Context, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        self.tera.render_to(name, context, out).map_err(|e| template_error(&e, &self.origins))
    }
}

type ThemeFile = (String, PathBuf, Vec<u8>);

fn is_leftover(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_none_or(crate::source::is_leftover)
}

/// The theme's files: from `themes/<name>/` when it exists, else the built-in default theme.
fn theme_files(project: &Project, config: &Config) -> Result<Vec<ThemeFile>, Diagnostic> {
    let dir = project.themes_dir().join(&config.theme);
    if dir.is_dir() {
        let mut files = Vec::new();
        let walker = walkdir::WalkDir::new(&dir).sort_by_file_name();
        for entry in walker.into_iter().filter_entry(|e| e.depth() == 0 || !is_leftover(e.file_name())) {
            let entry =
                entry.map_err(|e| Diagnostic::error(project.display(&dir), format!("cannot read the theme: {e}")))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path())
                .map_err(|e| Diagnostic::error(project.display(entry.path()), format!("cannot read: {e}")))?;
            files.push((relative, project.display(entry.path()), bytes));
        }
        return Ok(files);
    }
    if config.theme == "default" {
        return Ok(builtin::FILES
            .iter()
            .map(|(path, text)| {
                (path.to_string(), PathBuf::from(format!("<built-in theme>/{path}")), text.as_bytes().to_vec())
            })
            .collect());
    }
    Err(Diagnostic::error(
        project.settings_path().strip_prefix(&project.root).unwrap_or(&project.settings_path()),
        format!("theme `{}` not found", config.theme),
    )
    .help(format!("create {} or set `theme: default`", project.display(&dir).display())))
}

/// Templates in `templates/` replace the theme's templates of the same name.
fn overrides(project: &Project) -> Result<Vec<(String, PathBuf, String)>, Diagnostic> {
    let dir = project.templates_dir();
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(&dir).sort_by_file_name();
    for entry in walker.into_iter().filter_entry(|e| e.depth() == 0 || !is_leftover(e.file_name())) {
        let entry = entry.map_err(|e| Diagnostic::error(project.display(&dir), format!("cannot read: {e}")))?;
        if entry.file_type().is_file() {
            let name = entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(entry.path()).map_err(|e| {
                Diagnostic::error(project.display(entry.path()), format!("cannot read the template: {e}"))
            })?;
            found.push((name, project.display(entry.path()), text));
        }
    }
    Ok(found)
}

/// A Tera error as a diagnostic: the template file, the line when Tera or the variable name
/// gives it away, and Tera's own explanation.
fn template_error(e: &tera::Error, origins: &HashMap<String, (PathBuf, String)>) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        chain.push(inner.to_string());
        source = inner.source();
    }
    let full = chain.join("\n");
    let name = quoted_template_name(&full, origins);
    let Some((path, text)) = name.and_then(|n| origins.get(n)) else {
        return Diagnostic::error("templates", format!("template error: {}", chain.join(": ")));
    };
    let parsed_at = parse_position(&full).map(|at| unclosed_tag(text).unwrap_or(at));
    let (line, column) = parsed_at.or_else(|| variable_position(&full, text)).unwrap_or((0, 0));
    let explanation = chain.last().cloned().unwrap_or_default();
    let explanation = explanation
        .lines()
        .filter(|l| l.trim_start().starts_with('='))
        .map(|l| l.trim().trim_start_matches("= "))
        .next()
        .map(str::to_owned)
        .unwrap_or(explanation);
    Diagnostic::error(path, format!("template error: {}", first_line(&explanation)))
        .at(line, column)
        .with_source(text)
        .help("fix the template; Tera's syntax is described at keats.github.io/tera")
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

fn quoted_template_name<'a>(text: &str, origins: &'a HashMap<String, (PathBuf, String)>) -> Option<&'a str> {
    origins
        .keys()
        .filter(|name| {
            text.contains(&format!("'{name}'"))
                || text.contains(&format!("\"{name}\""))
                || text.contains(&format!("`{name}`"))
        })
        .max_by_key(|name| text.find(name.as_str()).map(|i| usize::MAX - i))
        .map(String::as_str)
}

/// `--> 3:12` in a Tera parse error.
fn parse_position(text: &str) -> Option<(usize, usize)> {
    let after = text.split("--> ").nth(1)?;
    let (line, rest) = after.split_once(':')?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The first `{{`, `{%` or `{#` that is not closed before the next one opens: a parser notices
/// it only where it gives up, often lines later.
fn unclosed_tag(template: &str) -> Option<(usize, usize)> {
    let opener = |from: usize| {
        ["{{", "{%", "{#"]
            .iter()
            .filter_map(|o| template[from..].find(o).map(|i| (from + i, *o)))
            .min_by_key(|(i, _)| *i)
    };
    let mut from = 0;
    while let Some((at, open)) = opener(from) {
        let close = match open {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        let closed = template[at + 2..].find(close).map(|i| at + 2 + i);
        let next = opener(at + 2).map(|(i, _)| i);
        match closed {
            Some(c) if next.is_none_or(|n| n > c) => from = c + 2,
            _ => return Some(crate::diagnostic::line_col(template, at)),
        }
    }
    None
}

/// For render errors that name a variable, the first line of the template that uses it.
fn variable_position(message: &str, template: &str) -> Option<(usize, usize)> {
    let name = message.split('`').nth(1)?;
    template.lines().enumerate().find_map(|(i, l)| l.find(name).map(|c| (i + 1, l[..c].chars().count() + 1)))
}

/// `t(lang="fr", key="indicator-count", count=3)`: a UI string with arguments.
struct TranslateFn(Arc<Locales>);

impl tera::Function for TranslateFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let get = |k: &str| args.get(k).and_then(tera::Value::as_str);
        let (Some(lang), Some(key)) = (get("lang"), get("key")) else {
            return Err("t() needs lang= and key=".into());
        };
        let count = args.get("count").and_then(tera::Value::as_f64);
        self.0
            .get(lang)
            .format(key, count)
            .map(tera::Value::String)
            .ok_or_else(|| format!("no UI string `{key}`").into())
    }

    fn is_safe(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_from_tera_messages() {
        assert_eq!(parse_position("Failed to parse 'a.html'\n --> 3:12\n"), Some((3, 12)));
        assert_eq!(variable_position("Variable `page.nope` not found", "a\n {{ page.nope }}\n"), Some((2, 5)));
    }
}
