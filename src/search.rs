//! The search index: one per language, written as a classic script
//! (`assets/search/<lang>.js` assigns `window.GUIDESITE_SEARCH[lang]`), because browsers refuse
//! `fetch`, modules and WASM from `file://`. The page loads it with `<script src>` the first
//! time the reader searches.
//!
//! [`normalize`] is the contract with `themes/default/static/search.js`: both sides fold text
//! the same way (NFKD, combining marks removed, lower case, Arabic letter forms unified), so
//! "resume" finds "résumé", "ёлка" finds "елка" and "الأطفال" finds "الاطفال".

use crate::markdown;
use crate::output::Output;
use crate::render::urls;
use crate::site::Site;
use serde::Serialize;
use std::collections::BTreeMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// How many characters of each page's text the index keeps for result snippets.
const SNIPPET_SOURCE_CHARS: usize = 360;

/// Folds text for matching: compatibility decomposition, marks dropped, lower case, Arabic
/// tatweel removed, alef wasla, ta marbuta and alef maqsura unified.
pub fn normalize(text: &str) -> String {
    text.nfkd()
        .filter(|&c| !is_combining_mark(c) && c != '\u{0640}')
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{0671}' => '\u{0627}',
            '\u{0629}' => '\u{0647}',
            '\u{0649}' => '\u{064A}',
            other => other,
        })
        .collect()
}

/// The words of a folded text.
pub fn tokens(normalized: &str) -> impl Iterator<Item = &str> {
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// The index of one language, as the script sees it.
#[derive(Debug, Serialize)]
struct Index {
    /// `[number, title, url from the language root, text for snippets]` per page.
    docs: Vec<(String, String, String, String)>,
    /// Folded words, sorted, so a prefix is a binary search away.
    terms: Vec<String>,
    /// For each term, `doc * 2 + 1` when the word is in the title, `doc * 2` otherwise.
    postings: Vec<Vec<u32>>,
}

/// `assets/search/<lang>.js` for one language.
pub fn index_for(site: &Site, lang: &str) -> Output {
    let mut words: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut docs = Vec::with_capacity(site.pages.len());
    for (d, page) in site.pages.iter().enumerate() {
        let (title, _) = site.title(page, lang);
        let (b, _) = site.body_version(page, lang);
        let source = &site.sources[b];
        let text = markdown::plain_text(source.body());
        let number = page
            .number
            .as_ref()
            .map(|_| page.id.clone())
            .unwrap_or_default();
        let doc = d as u32;
        for word in tokens(&normalize(&format!("{number} {title}"))) {
            add(&mut words, word, doc * 2 + 1);
        }
        let summary = source.front.summary.as_deref().unwrap_or_default();
        for word in tokens(&normalize(&format!("{summary} {text}"))) {
            add(&mut words, word, doc * 2);
        }
        let url = urls::page_path(page, lang)
            .trim_start_matches(&format!("{lang}/"))
            .to_owned();
        let snippet_source: String = text.chars().take(SNIPPET_SOURCE_CHARS).collect();
        docs.push((number, title.to_owned(), url, snippet_source));
    }
    let (terms, postings) = words.into_iter().unzip();
    let index = Index {
        docs,
        terms,
        postings,
    };
    let json = serde_json::to_string(&index).expect("the index serializes");
    let script = format!(
        "window.GUIDESITE_SEARCH=window.GUIDESITE_SEARCH||{{}};window.GUIDESITE_SEARCH[{}]={json};\n",
        serde_json::Value::from(lang)
    );
    Output::new(
        format!("{}/search/{lang}.js", urls::ASSETS_DIR),
        script.into_bytes(),
    )
}

/// Adds a posting once per document; a title hit wins over a body hit.
fn add(words: &mut BTreeMap<String, Vec<u32>>, word: &str, posting: u32) {
    let list = words.entry(word.to_owned()).or_default();
    match list.last_mut() {
        Some(last) if *last / 2 == posting / 2 => *last |= posting & 1,
        _ => list.push(posting),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_across_accents_cases_and_letter_forms() {
        assert_eq!(normalize("Résumé CRÉDIT"), "resume credit");
        assert_eq!(normalize("Ёлка"), "елка");
        assert_eq!(normalize("الأطفال"), normalize("الاطفال"));
        assert_eq!(normalize("إدارة"), normalize("ادارة"));
        assert_eq!(normalize("مدرسة"), "مدرسه");
        assert_eq!(normalize("كـتـاب"), "كتاب");
        assert_eq!(normalize("مُعَلِّم"), "معلم");
        assert_eq!(normalize("Proteção"), "protecao");
    }

    #[test]
    fn tokens_split_on_anything_but_letters_and_digits() {
        let folded = normalize("Over-indebtedness: 2.1.3, l'IF");
        assert_eq!(
            tokens(&folded).collect::<Vec<_>>(),
            ["over", "indebtedness", "2", "1", "3", "l", "if"]
        );
    }

    #[test]
    fn postings_are_once_per_document_with_title_flag() {
        let mut words = BTreeMap::new();
        add(&mut words, "loan", 3 * 2);
        add(&mut words, "loan", 3 * 2 + 1);
        add(&mut words, "loan", 3 * 2);
        add(&mut words, "loan", 4 * 2);
        assert_eq!(words["loan"], vec![7, 8]);
    }
}
