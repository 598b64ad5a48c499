//! Words as search sees them: [`normalize`] folds text (NFKD, combining marks removed, lower
//! case, Arabic letter forms unified), so "resume" finds "résumé", "ёлка" finds "елка" and
//! "الأطفال" finds "الاطفال"; [`body_words`] gives the distinct folded words of a body and its
//! snippet, computed once when the body is scanned. The folding is the contract with
//! `themes/default/static/search.js`, which folds the reader's query the same way.

use rustc_hash::FxHashSet as HashSet;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// How many characters of each page's text the index keeps for result snippets.
const SNIPPET_SOURCE_CHARS: usize = 360;

/// Folds text for matching: compatibility decomposition, marks dropped, lower case, Arabic
/// tatweel removed, alef wasla, ta marbuta and alef maqsura unified.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Char by char: marks are dropped, so NFKD's reordering of marks changes nothing. Texts
    // repeat few distinct letters, so each one's folding is looked up once.
    let mut out = String::with_capacity(text.len());
    let mut memo = Memo::<Option<Option<char>>>::default();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        // Some(None): dropped; Some(Some(x)): one char; None: several (folded each time).
        match memo.get(c, || single(fold_char(c))) {
            Some(Some(x)) => out.push(x),
            Some(None) => {}
            None => out.extend(fold_char(c)),
        }
    }
    out
}

/// One char folded: compatibility decomposition, marks and tatweel dropped, lower case.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    let mut parts = Vec::with_capacity(2);
    decompose_compatible(c, |d| {
        if !is_combining_mark(d) && d != '\u{0640}' {
            parts.extend(d.to_lowercase().map(unify_arabic));
        }
    });
    parts.into_iter()
}

fn single(mut chars: impl Iterator<Item = char>) -> Option<Option<char>> {
    match (chars.next(), chars.next()) {
        (None, _) => Some(None),
        (Some(x), None) => Some(Some(x)),
        _ => None,
    }
}

/// A small direct-mapped memo of a function of a char.
struct Memo<T: Copy>([(char, T); 64]);

impl<T: Copy + Default> Default for Memo<T> {
    fn default() -> Self {
        // '\0' is ASCII and never looked up, so the empty slots never match.
        Memo([('\0', T::default()); 64])
    }
}

impl<T: Copy> Memo<T> {
    fn get(&mut self, c: char, compute: impl FnOnce() -> T) -> T {
        let slot = &mut self.0[c as usize % 64];
        if slot.0 != c {
            *slot = (c, compute());
        }
        slot.1
    }
}

/// Alef wasla, ta marbuta and alef maqsura as the letters readers type for them; Arabic-Indic
/// and Eastern Arabic digits as ASCII digits, so "٦٫١" finds 6.1.
fn unify_arabic(c: char) -> char {
    match c {
        '\u{0671}' => '\u{0627}',
        '\u{0629}' => '\u{0647}',
        '\u{0649}' => '\u{064A}',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        other => other,
    }
}

/// The words of a folded text.
pub fn tokens(normalized: &str) -> impl Iterator<Item = &str> {
    let mut memo = Memo::<bool>::default();
    normalized
        .split(
            move |c: char| {
                if c.is_ascii() {
                    !c.is_ascii_alphanumeric()
                } else {
                    !memo.get(c, || c.is_alphanumeric())
                }
            },
        )
        .filter(|t| !t.is_empty())
}

/// What the index needs of one body, computed once when the body is scanned (in parallel),
/// and shared by every language that shows that body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyWords {
    /// Distinct words (lower case, marks dropped: see [`light_fold`]) in order of first use,
    /// joined by single spaces (one allocation per body).
    pub words: String,
    /// The start of the body's text, for result snippets.
    pub snippet: String,
    /// Where the label of a `[[id]]` without text of its own belongs: `(byte offset in the
    /// snippet, index into the scan's references)`, for every such reference of the body
    /// (offsets past the snippet's end are outside it).
    pub labels: Vec<(u32, u32)>,
}

/// The distinct words of a body's plain text (with the joined form of each hyphenated
/// compound), and its snippet. `labels`: where the text leaves out a reference's label
/// (byte offset in `plain`, reference index).
pub fn body_words(plain: &str, labels: &[(usize, u32)]) -> BodyWords {
    let mut words = if plain.is_ascii() { distinct_ascii_words(plain) } else { distinct_words(&light_fold(plain)) };
    add_compounds(plain, &mut words);
    let lead = plain.len() - plain.trim_start().len();
    let snippet: String = plain.trim().chars().take(SNIPPET_SOURCE_CHARS).collect();
    let labels = labels.iter().map(|&(at, r)| (at.saturating_sub(lead).min(u32::MAX as usize) as u32, r)).collect();
    BodyWords { words, snippet, labels }
}

/// Lower case with combining marks and tatweel dropped, letters otherwise as written: the
/// form a stemmer reads (Snowball's suffixes keep their accents: "reclamações"), which
/// [`normalize`] folds further for matching.
pub fn light_fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if !is_combining_mark(c) && c != '\u{0640}' {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Adds "overindebtedness" for "over-indebtedness" to a space-separated list of distinct
/// words, so the compound is found written either way.
pub fn add_compounds(text: &str, words: &mut String) {
    for joined in compounds(text) {
        if !words.split(' ').any(|w| w == joined) {
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(&joined);
        }
    }
}

/// The lightly folded ([`light_fold`]), joined form of each hyphenated word of a text ("e-mail" → "email").
pub fn compounds(text: &str) -> Vec<String> {
    let is_word = |c: char| c.is_alphanumeric();
    let mut out: Vec<String> = Vec::new();
    for (at, dash) in text.match_indices(['-', '\u{2011}']) {
        let (before, after) = (&text[..at], &text[at + dash.len()..]);
        // Only the first hyphen of a chain starts a compound; it takes every part.
        if before.ends_with(is_word) && after.starts_with(is_word) {
            let start = before.trim_end_matches(is_word);
            if start.ends_with(['-', '\u{2011}']) {
                continue;
            }
            let whole: String = text[start.len()..]
                .split(|c: char| !is_word(c) && c != '-' && c != '\u{2011}')
                .next()
                .unwrap_or_default()
                .chars()
                .filter(|&c| is_word(c))
                .collect();
            let folded = light_fold(&whole);
            if !out.contains(&folded) {
                out.push(folded);
            }
        }
    }
    out
}

/// Reduces a folded word to its stem with the Snowball stemmer of a language (English,
/// French, Spanish, Russian, Portuguese, Arabic and eleven more); words of other languages and
/// numbers stay as they are. The browser never stems: the index maps every word it holds to
/// its stem, and the page's script finds the stem of a word it does not hold inside it.
pub struct Stemmer(Option<rust_stemmers::Stemmer>);

impl Stemmer {
    /// The stemmer for a language code ("fr", "pt-BR"); none for a language Snowball lacks.
    pub fn for_language(lang: &str) -> Stemmer {
        use rust_stemmers::Algorithm::*;
        let primary = lang.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        let algorithm = match primary.as_str() {
            "ar" => Arabic,
            "da" => Danish,
            "de" => German,
            "el" => Greek,
            "en" => English,
            "es" => Spanish,
            "fi" => Finnish,
            "fr" => French,
            "hu" => Hungarian,
            "it" => Italian,
            "nl" => Dutch,
            "no" | "nb" | "nn" => Norwegian,
            "pt" => Portuguese,
            "ro" => Romanian,
            "ru" => Russian,
            "sv" => Swedish,
            "ta" => Tamil,
            "tr" => Turkish,
            _ => return Stemmer(None),
        };
        Stemmer(Some(rust_stemmers::Stemmer::create(algorithm)))
    }

    /// The stem of a lightly folded word ([`light_fold`]: Snowball reads accents); the word
    /// itself when it has digits or no stemmer applies.
    pub fn stem<'w>(&self, word: &'w str) -> std::borrow::Cow<'w, str> {
        match &self.0 {
            Some(stemmer) if !word.bytes().any(|b| b.is_ascii_digit()) => {
                let stem = stemmer.stem(without_conjunction_before_article(word));
                // A stem is never empty, nor shorter than two letters unless the word is.
                if stem.chars().count() < 2 {
                    std::borrow::Cow::Borrowed(word)
                } else {
                    stem
                }
            }
            _ => std::borrow::Cow::Borrowed(word),
        }
    }
}

/// Arabic "and"/"so" (و، ف) written onto the article (والمديونية): Snowball's Arabic stemmer
/// keeps the conjunction there (it never strips و or ف before an alef), so the word would not
/// meet المديونية; the conjunction is dropped first. Any other word is returned as it is.
fn without_conjunction_before_article(word: &str) -> &str {
    match word.strip_prefix('و').or_else(|| word.strip_prefix('ف')) {
        Some(rest) if rest.starts_with("ال") && rest.chars().count() >= 5 => rest,
        _ => word,
    }
}

/// The distinct words of a folded text in order of first use, joined by single spaces.
fn distinct_words(folded: &str) -> String {
    let mut seen: HashSet<&str> = HashSet::default();
    seen.reserve(folded.len() / 8);
    let words: Vec<&str> = tokens(folded).filter(|w| seen.insert(w)).collect();
    words.join(" ")
}

/// Which bytes are word characters of ASCII text: letters and digits.
static IS_ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// [`distinct_words`] of `normalize(text)` for ASCII text, in one pass over the bytes:
/// folding ASCII is lower-casing, and a word of up to 16 bytes is compared as one integer.
fn distinct_ascii_words(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() / 3);
    let mut short: HashSet<u128> = HashSet::default();
    short.reserve(text.len() / 16);
    let mut long: HashSet<String> = HashSet::default();
    let mut rest = bytes;
    while let Some(start) = rest.iter().position(|&b| IS_ASCII_WORD[b as usize]) {
        rest = &rest[start..];
        let end = rest.iter().position(|&b| !IS_ASCII_WORD[b as usize]).unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        rest = after;
        let new = if word.len() <= 16 {
            let mut key = [0u8; 16];
            key[..word.len()].copy_from_slice(word);
            key.make_ascii_lowercase();
            // Words hold no NUL, so the zero padding keeps keys of different lengths apart.
            short.insert(u128::from_le_bytes(key))
        } else {
            long.insert(String::from_utf8_lossy(word).to_ascii_lowercase())
        };
        if new {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.iter().map(|b| b.to_ascii_lowercase() as char));
        }
    }
    // Kept for the whole build, for every body: no spare capacity.
    out.shrink_to_fit();
    out
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

    /// The folding as the browser does it (`normalize('NFKD')`, marks removed, lower case):
    /// the char-by-char version must agree with it on every script.
    fn folded_like_the_browser(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        text.nfkd()
            .filter(|&c| !is_combining_mark(c) && c != '\u{0640}')
            .flat_map(char::to_lowercase)
            .map(unify_arabic)
            .collect()
    }

    #[test]
    fn char_by_char_folding_is_nfkd_folding() {
        let samples = [
            "Résumé ﬁnance ①②",
            "Ёлка İstanbul ǅemal",
            "مُعَلِّم كـتـاب ٱلمدرسة على",
            "한국어 テスト ｶﾀｶﾅ",
            "Ω Å ẞ ﬀ Ⅻ",
            "e\u{0301}\u{0327} a\u{0323}\u{0302}",
        ];
        for text in samples {
            assert_eq!(normalize(text), folded_like_the_browser(text), "{text}");
        }
        let every_char: String = (0..0x3_0000u32).filter_map(char::from_u32).collect();
        assert_eq!(normalize(&every_char), folded_like_the_browser(&every_char));
    }

    #[test]
    fn arabic_digits_fold_to_ascii_digits() {
        assert_eq!(normalize("٦٫١ ۲۳"), "6٫1 23");
    }

    #[test]
    fn hyphenated_words_are_also_indexed_joined() {
        assert_eq!(
            compounds("Over-indebtedness and a cooling-off period; e-mail-based -x y-"),
            ["overindebtedness", "coolingoff", "emailbased"]
        );
        let words = body_words("over-indebtedness overindebtedness Über-Schuld", &[]).words;
        assert_eq!(words, "over indebtedness overindebtedness über schuld überschuld");
    }

    #[test]
    fn stems_join_the_forms_of_a_word_in_each_language() {
        let same = |lang: &str, a: &str, b: &str| {
            let stemmer = Stemmer::for_language(lang);
            assert_eq!(stemmer.stem(&light_fold(a)), stemmer.stem(&light_fold(b)), "{lang}: {a} / {b}");
        };
        same("en", "collecting", "collected");
        same("fr", "remboursements", "remboursement");
        same("es", "garantías", "garantía");
        same("ru", "задолженности", "задолженность");
        same("pt", "reclamações", "reclamação");
        same("ar", "الشكاوى", "شكاوى");
        same("ar", "بالشكاوى", "شكاوى");
        same("ar", "والمديونية", "المديونية");
        same("ar", "فالعملاء", "العملاء");
        // و that is part of the word stays: وكالة is not كالة.
        assert_eq!(without_conjunction_before_article("وكالة"), "وكالة");
        assert_eq!(Stemmer::for_language("xx").stem("loans"), "loans");
        assert_eq!(Stemmer::for_language("en").stem("2024s"), "2024s");
    }

    /// The word list the browser suite checks the page's script against
    /// (`tests/browser/search.test.mjs`): the stems there are this stemmer's, so both sides
    /// agree on them.
    #[test]
    fn the_shared_word_list_holds_this_stemmers_stems() {
        let list: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> =
            serde_json::from_str(include_str!("../tests/browser/fixtures/stems.json")).expect("the list is JSON");
        assert_eq!(list.len(), 6);
        for (lang, words) in list {
            let stemmer = Stemmer::for_language(&lang);
            assert!(words.len() >= 10, "{lang}");
            for (word, stem) in words {
                assert_eq!(normalize(&stemmer.stem(&light_fold(&word))), stem, "{lang}: {word}");
            }
        }
    }

    #[test]
    fn tokens_split_on_anything_but_letters_and_digits() {
        let folded = normalize("Over-indebtedness: 2.1.3, l'IF");
        assert_eq!(tokens(&folded).collect::<Vec<_>>(), ["over", "indebtedness", "2", "1", "3", "l", "if"]);
    }

    #[test]
    fn ascii_words_are_the_folded_tokens_in_order_of_first_use() {
        let samples = [
            "",
            "  ",
            "Loans, LOANS and loans: 2.1.3 (see 2.1.3)",
            "over-indebtedness Over-Indebtedness overindebtedness",
            "Sixteen-letters! abcdefghijklmnop ABCDEFGHIJKLMNOP abcdefghijklmnopq ABCDEFGHIJKLMNOPQ",
            "a b a\tb\nc ... _x_ x",
            "abcdefghijklmnopqrstuvwxyz0123456789 abcdefghijklmnopqrstuvwxyz012345678",
        ];
        for text in samples {
            assert_eq!(distinct_ascii_words(text), distinct_words(&normalize(text)), "{text:?}");
        }
        // Every printable ASCII character, in words of every length up to 40.
        let printable: Vec<u8> = (0x20..0x7f).collect();
        let text: String = (1..=40)
            .flat_map(|len| printable.chunks(len).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(distinct_ascii_words(&text), distinct_words(&normalize(&text)));
    }
}
