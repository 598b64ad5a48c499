//! The theme: templates (Jinja syntax, rendered by MiniJinja) and static assets, from `themes/<name>/` (the default theme is
//! also built into the binary), with site-level overrides from `templates/` by name.
//! Template errors are reported with the template's file and line.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::locales::Locales;
use crate::project::{Config, Project};
use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};
use pulldown_cmark_escape::FmtWriter;
use std::borrow::Cow;
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
    templates: Environment<'static>,
    /// Static files: path under `assets/` and bytes.
    pub assets: Vec<(String, Vec<u8>)>,
    /// Where each template came from, for error messages.
    origins: HashMap<String, (PathBuf, String)>,
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
        let origins: HashMap<String, (PathBuf, String)> = templates.clone().into_iter().collect();
        let mut environment = environment(locales);
        for (name, (_, text)) in &templates {
            environment
                .add_template_owned(name.clone(), text.clone())
                .map_err(|e| Diagnostics::from(template_error(&e, &origins)))?;
        }
        let ids = fixed_ids(&templates);
        Ok(Theme { templates: environment, assets, origins, ids })
    }

    /// Renders a template into a string; a failure is a diagnostic naming the template file
    /// and line.
    pub fn render(&self, name: &str, context: Value) -> Result<String, Diagnostic> {
        self.template(name)?.render(context).map_err(|e| template_error(&e, &self.origins))
    }

    /// Renders a template into `out` as it goes (the print page, too large to hold whole).
    /// The outer error is a failed write, the inner one a template error.
    pub fn render_to(
        &self,
        name: &str,
        context: Value,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<Result<(), Diagnostic>> {
        let template = match self.template(name) {
            Ok(template) => template,
            Err(d) => return Ok(Err(d)),
        };
        match template.render_captured_to(context, out) {
            Ok(_) => Ok(Ok(())),
            Err(e) if e.kind() == ErrorKind::WriteFailure => Err(std::io::Error::other(e.to_string())),
            Err(e) => Ok(Err(template_error(&e, &self.origins))),
        }
    }

    fn template(&self, name: &str) -> Result<minijinja::Template<'_, '_>, Diagnostic> {
        self.templates.get_template(name).map_err(|e| template_error(&e, &self.origins))
    }
}

/// The template engine as every theme gets it: HTML escaping for `.html` and `.xml` (of
/// `<>&"'` only, so URLs stay readable), undefined variables an error except in `if`, the
/// file's last newline kept, `t()` for UI strings with arguments, and bodies written as
/// they render (see [`super::body`]).
fn environment(locales: Arc<Locales>) -> Environment<'static> {
    let mut environment = Environment::new();
    environment.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    environment.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    // Errors carry the span of the failing expression (copied only when one happens).
    environment.set_debug(true);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder().keep_trailing_newline(true).build() {
        environment.set_syntax(syntax);
    }
    environment.set_formatter(format_value);
    environment.add_filter("safe", safe);
    environment.add_function("t", move |kwargs: Kwargs| translate(&locales, &kwargs));
    environment
}

/// Writes a value into a template's output: a body as it renders, a safe string as it is,
/// anything else escaped when the template is HTML; `none` writes nothing.
fn format_value(
    out: &mut minijinja::Output<'_>,
    state: &mut minijinja::State<'_, '_>,
    value: &Value,
) -> Result<(), Error> {
    if let Some(body) = value.downcast_object_ref::<super::body::Body>() {
        return body.write_to(out).map_err(Error::from);
    }
    if value.is_none() {
        return Ok(());
    }
    let escaped = *state.auto_escape() == AutoEscape::Html && !value.is_safe();
    if !escaped || value.is_number() || value.is_undefined() {
        return minijinja::escape_formatter(out, state, value);
    }
    let text = value.as_str().map_or_else(|| Cow::Owned(value.to_string()), Cow::Borrowed);
    pulldown_cmark_escape::escape_html(FmtWriter(&mut *out), &text).map_err(Error::from)
}

/// `| safe`: marks text as HTML. A body or a string already marked passes through
/// untouched (not copied).
fn safe(value: Value) -> Value {
    if value.is_safe() || value.downcast_object_ref::<super::body::Body>().is_some() {
        value
    } else {
        Value::from_safe_string(value.to_string())
    }
}

/// `t(lang="fr", key="indicator-count", count=3)`: a UI string with arguments.
fn translate(locales: &Locales, kwargs: &Kwargs) -> Result<String, Error> {
    let lang: String = kwargs.get("lang")?;
    let key: String = kwargs.get("key")?;
    let count: Option<f64> = kwargs.get("count")?;
    kwargs.assert_all_used()?;
    locales
        .get(&lang)
        .format(&key, count)
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("no UI string `{key}`")))
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

/// A template engine error as a diagnostic: the template file and line the engine names (the
/// innermost error of an include), what went wrong, and the opening of a tag left unclosed
/// (the engine notices it only where it gives up, often lines later).
fn template_error(e: &Error, origins: &HashMap<String, (PathBuf, String)>) -> Diagnostic {
    let mut innermost = e;
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if let Some(inner) = inner.downcast_ref::<Error>().filter(|i| i.name().is_some()) {
            innermost = inner;
        }
        source = inner.source();
    }
    let explanation = match innermost.detail() {
        Some(detail) => format!("{}: {detail}", innermost.kind()),
        None => innermost.kind().to_string(),
    };
    let Some((path, text)) = innermost.name().and_then(|n| origins.get(n)) else {
        return Diagnostic::error("templates", format!("template error: {explanation}"));
    };
    let span = innermost.range().filter(|r| text.get(r.clone()).is_some());
    let mut at = match &span {
        Some(range) => crate::diagnostic::line_col(text, range.start),
        None => (innermost.line().unwrap_or(0), 0),
    };
    let mut explanation = explanation;
    if innermost.kind() == ErrorKind::SyntaxError {
        at = unclosed_tag(text).unwrap_or(at);
    } else if let Some(range) = span.filter(|r| !explanation.contains(&text[r.clone()])) {
        explanation.push_str(&format!(" in `{}`", &text[range]));
    }
    Diagnostic::error(path, format!("template error: {explanation}"))
        .at(at.0, at.1)
        .with_source(text)
        .help("fix the template; the syntax is Jinja's, as MiniJinja reads it (docs.rs/minijinja)")
}

/// The first `{{`, `{%` or `{#` that is not closed before the next one opens.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, context: Value) -> Result<String, Error> {
        let mut environment = environment(Arc::new(Locales::default()));
        environment.add_template_owned("t.html", template.to_owned())?;
        environment.get_template("t.html")?.render(context)
    }

    #[test]
    fn html_is_escaped_but_slashes_and_safe_text_are_not() {
        let context = minijinja::context! { url => "a/b?x=1&y=\"2\"", html => "<b>" };
        let out = render("{{ url }} {{ html }} {{ html | safe }} {{ none }}|", context).expect("renders");
        assert_eq!(out, "a/b?x=1&amp;y=&quot;2&quot; &lt;b&gt; <b> |");
    }

    #[test]
    fn an_undefined_variable_is_an_error_with_its_line_but_not_in_if() {
        assert_eq!(
            render("{% if page.nope %}x{% endif %}", minijinja::context! { page => () }).ok(),
            Some(String::new())
        );
        let e = render("a\n{{ nope.title }}", Value::UNDEFINED).expect_err("undefined");
        assert_eq!(e.line(), Some(2));
    }
}
