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

/// Alef wasla, ta marbuta and alef maqsura as the letters readers type for them.
fn unify_arabic(c: char) -> char {
    match c {
        '\u{0671}' => '\u{0627}',
        '\u{0629}' => '\u{0647}',
        '\u{0649}' => '\u{064A}',
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
    /// Distinct folded words in order of first use, joined by single spaces (one allocation
    /// per body).
    pub words: String,
    /// The start of the body's text, for result snippets.
    pub snippet: String,
}

/// The distinct folded words of a body's plain text, and its snippet.
pub fn body_words(plain: &str) -> BodyWords {
    let words = if plain.is_ascii() { distinct_ascii_words(plain) } else { distinct_words(&normalize(plain)) };
    let snippet = plain.trim().chars().take(SNIPPET_SOURCE_CHARS).collect();
    BodyWords { words, snippet }
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
