//! The search index: one per language, written as a classic script
//! (`assets/search/<lang>.js` assigns `window.GUIDESITE_SEARCH[lang]`), because browsers refuse
//! `fetch`, modules and WASM from `file://`. The page loads it with `<script src>` the first
//! time the reader searches. Words are folded by [`crate::words`], the same way the page's
//! script folds the query.

use super::urls;
use crate::output::Output;
use crate::site::Site;
use crate::words::{normalize, tokens};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

/// `[number, title, url from the language root, text for snippets]` of one page.
type Doc<'a> = (&'a str, &'a str, String, &'a str);

/// The index of one language, as the script sees it.
#[derive(Debug, Serialize)]
struct Index<'a> {
    /// `[number, title, url from the language root, text for snippets]` per page.
    docs: Vec<Doc<'a>>,
    /// Folded words, sorted, so a prefix is a binary search away.
    terms: Vec<&'a str>,
    /// For each term, `doc * 2 + 1` when the word is in the title, `doc * 2` otherwise.
    postings: Vec<Vec<u32>>,
}

/// `assets/search/<lang>.js` for one language.
pub(super) fn index_for(site: &Site, lang: &str) -> Output {
    let prefix = format!("{lang}/");
    // Per page, in parallel: its entry in `docs`, its title words and its summary words.
    let (docs, heads): (Vec<Doc<'_>>, Vec<(String, Vec<String>)>) = site
        .pages
        .par_iter()
        .map(|page| {
            let (title, _) = site.title(page, lang);
            let (s, _) = site.version(page, lang);
            let (b, _) = site.body_version(page, lang);
            let number = page.number.as_ref().map(|_| page.id.as_str()).unwrap_or_default();
            let summary = site.sources[s].front.summary.as_deref().unwrap_or_default();
            let title_words = tokens(&normalize(&format!("{number} {title}"))).map(str::to_owned).collect();
            let summary_words = tokens(&normalize(summary)).map(str::to_owned).collect();
            let path = urls::page_path(page, lang);
            let url = path.strip_prefix(&prefix).map(str::to_owned).unwrap_or(path);
            let doc = (number, title, url, site.scans[b].search.snippet.as_str());
            (doc, (title_words_joined(title_words), summary_words))
        })
        .unzip();
    let mut words: HashMap<&str, Vec<u32>> = HashMap::default();
    for (d, (page, (title_words, summary_words))) in site.pages.iter().zip(&heads).enumerate() {
        let doc = d as u32;
        for word in title_words.split_ascii_whitespace() {
            add(&mut words, word, doc * 2 + 1);
        }
        let (b, _) = site.body_version(page, lang);
        let body = &site.scans[b].search;
        for word in summary_words.iter().map(String::as_str).chain(body.words.split_ascii_whitespace()) {
            add(&mut words, word, doc * 2);
        }
    }
    let mut terms: Vec<(&str, Vec<u32>)> = words.into_iter().collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    let (terms, postings): (Vec<&str>, Vec<Vec<u32>>) = terms.into_iter().unzip();
    let index = Index { docs, terms, postings };
    // One buffer: at 50,000 pages the index is 60 MB, so no second copy of it.
    let mut script = format!(
        "window.GUIDESITE_SEARCH=window.GUIDESITE_SEARCH||{{}};window.GUIDESITE_SEARCH[{}]=",
        serde_json::Value::from(lang)
    )
    .into_bytes();
    serde_json::to_writer(&mut script, &index).expect("the index serializes");
    script.extend_from_slice(b";\n");
    Output::new(format!("{}/search/{lang}.js", urls::ASSETS_DIR), script)
}

/// Title words joined by spaces (deduplicated), so one allocation holds them.
fn title_words_joined(mut words: Vec<String>) -> String {
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

/// Adds a posting once per document; a title hit wins over a body hit.
fn add<'a>(words: &mut HashMap<&'a str, Vec<u32>>, word: &'a str, posting: u32) {
    let list = words.entry(word).or_default();
    match list.last_mut() {
        Some(last) if *last / 2 == posting / 2 => *last |= posting & 1,
        _ => list.push(posting),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_once_per_document_with_title_flag() {
        let mut words = HashMap::default();
        add(&mut words, "loan", 3 * 2);
        add(&mut words, "loan", 3 * 2 + 1);
        add(&mut words, "loan", 3 * 2);
        add(&mut words, "loan", 4 * 2);
        assert_eq!(words["loan"], vec![7, 8]);
    }
}
