//! Code highlighting with syntect, as CSS classes (`hl-keyword`, ...) rather than inline
//! styles, so one stylesheet themes every page and pages stay valid under a strict CSP.
//! The syntax set loads once, on the first fenced block that names a language. Highlighting
//! is slow (syntect's grammars run regular expressions line by line), and the same block shows
//! in every language version of a page and on the print page, so results are kept by content.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

type Cache = Mutex<HashMap<(String, String), Option<Arc<str>>>>;

/// Highlighted `<pre>` for `code` in `lang`, or `None` when the language is unknown.
pub(super) fn highlight(lang: &str, code: &str) -> Option<Arc<str>> {
    if lang.is_empty() {
        return None;
    }
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    let key = (lang.to_owned(), code.to_owned());
    if let Some(done) = cache.lock().unwrap_or_else(PoisonError::into_inner).get(&key) {
        return done.clone();
    }
    let html: Option<Arc<str>> = highlight_uncached(lang, code).map(Arc::from);
    cache.lock().unwrap_or_else(PoisonError::into_inner).insert(key, html.clone());
    html
}

fn highlight_uncached(lang: &str, code: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator =
        ClassedHTMLGenerator::new_with_class_style(syntax, set, ClassStyle::SpacedPrefixed { prefix: "hl-" });
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    let lang = super::escape(lang);
    Some(format!(
        "<pre class=\"code\" data-lang=\"{lang}\"><code class=\"language-{lang}\">{}</code></pre>\n",
        generator.finalize()
    ))
}
