//! Code highlighting with syntect, as CSS classes (`hl-keyword`, ...) rather than inline
//! styles, so one stylesheet themes every page and pages stay valid under a strict CSP.
//! The syntax set loads once, on the first fenced block that names a language.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlighted `<pre>` for `code` in `lang`, or `None` when the language is unknown.
pub fn highlight(lang: &str, code: &str) -> Option<String> {
    if lang.is_empty() {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    let lang = crate::markdown::escape(lang);
    Some(format!(
        "<pre class=\"code\" data-lang=\"{lang}\"><code>{}</code></pre>\n",
        generator.finalize()
    ))
}
