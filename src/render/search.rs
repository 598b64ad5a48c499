//! The search index: one per language, written as a classic script
//! (`assets/search/<lang>.js` assigns `window.GUIDESITE_SEARCH[lang]`), because browsers refuse
//! `fetch`, modules and WASM from `file://`. The page loads it with `<script src>` the first
//! time the reader searches.
//!
//! Words are stemmed here, at build time, by the language's Snowball stemmer
//! ([`crate::words::Stemmer`]); postings are per stem. The browser never stems: the index
//! carries its vocabulary (every folded word it saw, sorted, with its stem), so the page's script maps
//! a query word it knows straight to its stem, and finds the stem of a form it does not know
//! inside the word (`affix`: how many letters may stand before and after it). Each posting
//! carries a field weight (name, headings, summary, body) for the script's BM25 ranking.

use super::urls;
use crate::markdown::{Compiled, Outline};
use crate::output::Output;
use crate::site::{Page, Site};
use crate::words::{compounds, light_fold, normalize, tokens, Stemmer};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::sync::Arc;

/// Field weights of a word on a page: a word counts at its best field's weight, plus one for
/// each further place it is in (another field, a second heading).
const NAME: u8 = 8;
const HEADING: u8 = 3;
const SUMMARY: u8 = 2;
const BODY: u8 = 1;

/// One page as the script sees it: `[number, name, url from the language root, snippet,
/// language of the name when it falls back, language of the snippet when it falls back,
/// number of distinct stems]`.
type Doc<'a> = (&'a str, &'a str, String, String, &'a str, &'a str, u32);

/// The index of one language, as the script sees it.
#[derive(Debug, Serialize)]
struct Index<'a> {
    /// Letters a query word may have before and after a stem of the index (Arabic's attached
    /// particles come before the word; other languages inflect at the end).
    affix: [u8; 2],
    docs: Vec<Doc<'a>>,
    /// Every stem, in order of first use.
    stems: Vec<String>,
    /// Every folded word seen, separated by spaces, sorted as JavaScript compares strings
    /// (by UTF-16 code units), so the script finds a word or a prefix by binary search with
    /// no sorting of its own.
    words: String,
    /// The stem of each word.
    word_stems: Vec<u32>,
    /// Per stem: `[document - previous document, field weight, ...]`.
    postings: Vec<Vec<u32>>,
}

/// `assets/search/<lang>.js` for one language.
pub(super) fn index_for(site: &Site, bodies: &[Arc<Compiled>], lang: &str) -> Output {
    let prefix = format!("{lang}/");
    let mut vocabulary = Vocabulary::new(lang);
    let mut fields: HashMap<u32, u8> = HashMap::default();
    let mut postings: Vec<Vec<u32>> = Vec::new();
    let mut last_doc: Vec<u32> = Vec::new();
    let mut docs = Vec::with_capacity(site.pages.len());
    for (d, page) in site.pages.iter().enumerate() {
        fields.clear();
        page_fields(site, bodies, page, lang, &mut vocabulary, &mut fields);
        for (&stem, &weight) in &fields {
            let stem = stem as usize;
            if postings.len() <= stem {
                postings.resize_with(stem + 1, Vec::new);
                last_doc.resize(stem + 1, 0);
            }
            postings[stem].extend([d as u32 - last_doc[stem], u32::from(weight)]);
            last_doc[stem] = d as u32;
        }
        docs.push(doc(site, bodies, page, lang, &prefix, fields.len() as u32));
    }
    let (words, word_stems) = vocabulary.sorted_words();
    let index = Index { affix: affix_for(lang), docs, stems: vocabulary.stems, words, word_stems, postings };
    let json = serde_json::to_vec(&index).expect("the index serializes");
    Output::new(format!("{}/search/{lang}.js", urls::ASSETS_DIR), script_for(lang, &json))
}

/// The classic script that hands an index to the page. The JSON goes in as a string for
/// `JSON.parse`, which browsers read about twice as fast as the same object written as code.
fn script_for(lang: &str, json: &[u8]) -> Vec<u8> {
    let lang = serde_json::Value::from(lang);
    let mut script = Vec::with_capacity(json.len() + json.len() / 16 + 128);
    script.extend_from_slice(
        format!("window.GUIDESITE_SEARCH=window.GUIDESITE_SEARCH||{{}};window.GUIDESITE_SEARCH[{lang}]=JSON.parse('")
            .as_bytes(),
    );
    // Inside a single-quoted string: a backslash and a quote are escaped; JSON holds no raw
    // line breaks, and U+2028/U+2029 are allowed in string literals.
    for &b in json {
        match b {
            b'\\' => script.extend_from_slice(b"\\\\"),
            b'\'' => script.extend_from_slice(b"\\'"),
            _ => script.push(b),
        }
    }
    script.extend_from_slice(b"');\n");
    script
}

/// Arabic attaches up to three letters of particles and article before a word (وال، بال،
/// لل) and pronouns after it; the other languages only inflect at the end.
fn affix_for(lang: &str) -> [u8; 2] {
    if lang.split('-').next() == Some("ar") {
        [3, 3]
    } else {
        [0, 5]
    }
}

/// The entry of one page in `docs`.
fn doc<'s>(site: &'s Site, bodies: &[Arc<Compiled>], page: &'s Page, lang: &str, prefix: &str, stems: u32) -> Doc<'s> {
    let (name, name_lang) = site.short_title(page, lang);
    let (b, body_fallback) = site.body_version(page, lang);
    let number = page.number.as_ref().map(|_| page.id.as_str()).unwrap_or_default();
    let path = urls::page_path(page, lang);
    let url = path.strip_prefix(prefix).map(str::to_owned).unwrap_or(path);
    let snippet = snippet(site, (&site.outlines[b], &bodies[b]), lang, &site.sources[b].lang);
    let snippet_lang = if body_fallback { site.sources[b].lang.as_str() } else { "" };
    (number, name, url, snippet, name_lang.unwrap_or_default(), snippet_lang, stems)
}

/// The start of the body as the reader sees it: each `[[id]]` shows its target's number and
/// title. In a body shown in another language than the page's (a fallback), each such title
/// is in the page's language: it is wrapped in Unicode isolates (FSI ... PDI), so its
/// direction and punctuation stay its own inside the snippet.
fn snippet(site: &Site, (outline, body): (&Outline, &Compiled), lang: &str, body_lang: &str) -> String {
    let isolate = lang != body_lang;
    let text = &body.words.snippet;
    let mut out = String::with_capacity(text.len() + 64);
    let mut from = 0;
    for &(at, r) in &body.words.labels {
        let at = at as usize;
        if at > text.len() || !text.is_char_boundary(at) {
            break;
        }
        out.push_str(&text[from..at]);
        from = at;
        if let Some(target) = outline.refs.get(r as usize).and_then(|r| site.page(&r.target)) {
            if isolate {
                out.push('\u{2068}');
            }
            out.push_str(&label_text(site, target, lang));
            if isolate {
                out.push('\u{2069}');
            }
        }
    }
    out.push_str(&text[from..]);
    out
}

/// What a `[[id]]` shows as text, as pages show it (see [`crate::markdown::label_text`]):
/// the number, then the short title.
fn label_text(site: &Site, target: &Page, lang: &str) -> String {
    let (title, _) = site.short_title(target, lang);
    crate::markdown::label_text(target.number.as_ref().map(|_| target.id.as_str()), title)
}

/// Every stem of a page in `lang` with its field weight: number, short title and title;
/// headings; summary; body with the labels of its references.
fn page_fields(
    site: &Site,
    bodies: &[Arc<Compiled>],
    page: &Page,
    lang: &str,
    vocabulary: &mut Vocabulary,
    fields: &mut HashMap<u32, u8>,
) {
    let (s, _) = site.version(page, lang);
    let (b, _) = site.body_version(page, lang);
    let front = &site.sources[s].front;
    let (outline, body) = (&site.outlines[b], &bodies[b]);
    let mut add_text = |vocabulary: &mut Vocabulary, text: &str, weight: u8| {
        let light = light_fold(text);
        for word in tokens(&light).chain(compounds(text).iter().map(String::as_str)) {
            add_field(fields, vocabulary.stem_of(word), weight);
        }
    };
    if page.number.is_some() {
        add_text(vocabulary, &page.id, NAME);
    }
    for text in [front.short_title.as_deref(), front.title.as_deref()].into_iter().flatten() {
        add_text(vocabulary, text, NAME);
    }
    if front.title.is_none() {
        add_text(vocabulary, &page.id, NAME);
    }
    for heading in &outline.headings {
        add_text(vocabulary, &heading.text, HEADING);
    }
    if let Some(summary) = front.summary.as_deref() {
        add_text(vocabulary, summary, SUMMARY);
    }
    for &(_, r) in &body.words.labels {
        if let Some(target) = outline.refs.get(r as usize).and_then(|r| site.page(&r.target)) {
            add_text(vocabulary, &label_text(site, target, lang), BODY);
        }
    }
    for word in body.words.words.split_ascii_whitespace() {
        add_field(fields, vocabulary.stem_of(word), BODY);
    }
}

/// A word in one more place of a page: its best field counts in full, each other place adds one.
fn add_field(fields: &mut HashMap<u32, u8>, stem: u32, weight: u8) {
    fields.entry(stem).and_modify(|w| *w = (*w).max(weight) + 1).or_insert(weight);
}

/// The words and stems of one language's index: each distinct word is folded and stemmed once.
struct Vocabulary {
    stemmer: Stemmer,
    /// Lightly folded word → stem.
    seen: HashMap<String, u32>,
    /// Folded word → stem (the first stem seen, when two forms fold alike).
    folded: HashMap<String, u32>,
    stems: Vec<String>,
    stem_ids: HashMap<String, u32>,
}

impl Vocabulary {
    fn new(lang: &str) -> Vocabulary {
        Vocabulary {
            stemmer: Stemmer::for_language(lang),
            seen: HashMap::default(),
            folded: HashMap::default(),
            stems: Vec::new(),
            stem_ids: HashMap::default(),
        }
    }

    /// The stem of a lightly folded word.
    fn stem_of(&mut self, word: &str) -> u32 {
        if let Some(&stem) = self.seen.get(word) {
            return stem;
        }
        let stem = normalize(&self.stemmer.stem(word));
        let next = self.stems.len() as u32;
        let id = *self.stem_ids.entry(stem.clone()).or_insert(next);
        if id == next {
            self.stems.push(stem);
        }
        self.folded.entry(normalize(word)).or_insert(id);
        self.seen.insert(word.to_owned(), id);
        id
    }

    /// The folded words, sorted as [`Index::words`] says, and the stem of each.
    fn sorted_words(&mut self) -> (String, Vec<u32>) {
        let mut words: Vec<(String, u32)> = std::mem::take(&mut self.folded).into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        let stems = words.iter().map(|(_, stem)| *stem).collect();
        let words: Vec<String> = words.into_iter().map(|(word, _)| word).collect();
        (words.join(" "), stems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_in_several_fields_counts_its_best_field_and_one_per_other() {
        let mut fields = HashMap::default();
        add_field(&mut fields, 7, BODY);
        assert_eq!(fields[&7], 1);
        add_field(&mut fields, 7, NAME);
        assert_eq!(fields[&7], NAME + 1);
        add_field(&mut fields, 7, BODY);
        assert_eq!(fields[&7], NAME + 2);
    }

    #[test]
    fn forms_of_a_word_share_one_stem_and_every_form_is_in_the_vocabulary() {
        let mut vocabulary = Vocabulary::new("pt");
        let a = vocabulary.stem_of("reclamações");
        let b = vocabulary.stem_of("reclamação");
        assert_eq!(a, b);
        assert_eq!(vocabulary.stems[a as usize], "reclam");
        assert_eq!(vocabulary.sorted_words(), ("reclamacao reclamacoes".to_owned(), vec![a, a]));
    }

    #[test]
    fn words_are_sorted_as_javascript_compares_strings() {
        let mut vocabulary = Vocabulary::new("xx");
        // U+E000 (one UTF-16 unit) sorts after U+10428 (two units, the first 0xD801) in
        // JavaScript, though its UTF-8 bytes sort before.
        for word in ["\u{e000}", "\u{10428}", "b", "a"] {
            vocabulary.stem_of(word);
        }
        assert_eq!(vocabulary.sorted_words().0, "a b \u{10428} \u{e000}");
    }

    #[test]
    fn the_script_hands_the_json_to_json_parse_with_quotes_and_backslashes_escaped() {
        let script = String::from_utf8(script_for("fr", br#"{"a":"l'IF \\ \"x\""}"#)).unwrap();
        assert_eq!(
            script,
            "window.GUIDESITE_SEARCH=window.GUIDESITE_SEARCH||{};window.GUIDESITE_SEARCH[\"fr\"]=JSON.parse('{\"a\":\"l\\'IF \\\\\\\\ \\\\\"x\\\\\"\"}');\n"
        );
    }
}
