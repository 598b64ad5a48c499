//! Property tests (proptest) for the parsers and the pure helpers: the front-matter splitter,
//! id parsing, relative URLs, heading anchors, search folding, and "no page file can make the
//! build panic". Failures proptest found are kept below as plain tests marked `regression:`.
//!
//! Case counts stay modest so the suite stays fast; `PROPTEST_CASES=10000 cargo test --test
//! testsuite properties` runs a deeper search. Failures are not saved to a seed file: proptest
//! prints the shrunk input, which goes below as a `regression:` test.

use crate::support::temp_site;
use guidesite::markdown::{self, Resolved, Resolver};
use guidesite::render::urls;
use guidesite::site::id::{self, FrameworkNumber, Level, ParsedId};
use guidesite::source::front_matter::{self, SplitError};
use guidesite::words;
use guidesite::Project;
use proptest::prelude::*;
use std::path::Path;

/// `cases` cases, or `PROPTEST_CASES` when it is set; no seed files in the work tree.
pub(crate) fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// Characters that tend to break text handling: case mappings that change length (`İ`, `ß`),
/// title case, final sigma, combining marks, right-to-left letters, Arabic forms the search
/// folds, zero-width and odd spaces, line separators, a BOM, and ASCII punctuation.
const TRICKY: &[char] = &[
    'a',
    'Z',
    '0',
    '9',
    ' ',
    '\t',
    '\n',
    '\r',
    '-',
    '_',
    '.',
    '#',
    '[',
    ']',
    '|',
    ':',
    '`',
    '*',
    '!',
    '?',
    '\'',
    '"',
    '<',
    '>',
    '&',
    'İ',
    'ı',
    'ß',
    'ẞ',
    'ǅ',
    'Σ',
    'ς',
    'Å',
    'Ω',
    'K',
    'ﬁ',
    '²',
    'Ⅻ',
    '①',
    '\u{0301}',
    '\u{0307}',
    '\u{0640}',
    '\u{0671}',
    '\u{0629}',
    '\u{0649}',
    'أ',
    'إ',
    'ة',
    'ﻻ',
    'Ё',
    'й',
    '한',
    '中',
    '\u{00a0}',
    '\u{2003}',
    '\u{200b}',
    '\u{200d}',
    '\u{2028}',
    '\u{0085}',
    '\u{feff}',
    '\u{202e}',
    '🅐',
    '😀',
    '\u{10ffff}',
];

/// Any string, with a strong share of [`TRICKY`] characters.
fn text(max: usize) -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        3 => prop::sample::select(TRICKY),
        1 => any::<char>(),
    ];
    prop_oneof![
        3 => prop::collection::vec(ch, 0..max).prop_map(|cs| cs.into_iter().collect()),
        1 => any::<String>(),
    ]
}

/// One line of YAML-ish text (no `\n`), including near-fences that must not close the block.
fn yaml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_]{1,10}: ?[ -~]{0,20}",
        "  - [ -~]{0,12}",
        "#[^\n]{0,12}",
        Just(String::new()),
        Just("--".to_owned()),
        Just("----".to_owned()),
        Just(" ---".to_owned()),
        Just("---x".to_owned()),
        Just("-- -".to_owned()),
        Just("..".to_owned()),
        Just("....".to_owned()),
        Just(" ...".to_owned()),
        Just("...a".to_owned()),
        "[^\n]{0,20}",
    ]
    .prop_filter("a fence line closes the block", |l| !is_fence(l))
}

/// A line the splitter takes for the closing fence.
fn is_fence(line: &str) -> bool {
    let line = line.trim_end();
    line == "---" || line == "..."
}

/// One path segment of an output path: `[a-z0-9.]+`, but never `.` or `..`, which name the
/// folder itself or its parent (the site never makes such segments: ids cannot be dots).
fn segment() -> impl Strategy<Value = String> {
    "[a-z0-9.]{1,8}".prop_filter("dot segments", |s| s != "." && s != "..")
}

/// A site path of 1 to 3 segments whose last one is a file name.
fn site_path() -> impl Strategy<Value = String> {
    let file = prop_oneof![
        3 => Just("index.html".to_owned()),
        1 => "[a-z0-9]{1,6}\\.(html|css|js|json|csv)",
    ];
    (prop::collection::vec(segment(), 0..=2), file).prop_map(|(mut dirs, file)| {
        dirs.push(file);
        dirs.join("/")
    })
}

/// A valid framework number: 1 to 3 positive parts.
fn framework_parts() -> impl Strategy<Value = Vec<u32>> {
    let part = prop_oneof![3 => 1u32..30, 1 => 1u32..=u32::MAX];
    prop::collection::vec(part, 1..=3)
}

fn join(parts: &[u32]) -> String {
    parts.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
}

fn number(id: &str) -> FrameworkNumber {
    match id::parse(id) {
        Ok(ParsedId::Framework(n)) => n,
        other => panic!("{id:?} should parse as a framework number, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(512))]

    /// `---\n{yaml}\n---\n{body}` splits back into exactly that YAML (with the newline that ends
    /// its last line) and that body, whatever the body holds.
    #[test]
    fn front_matter_splits_back_into_yaml_and_body(
        bom in any::<bool>(),
        lines in prop::collection::vec(yaml_line(), 0..8),
        closing in prop::sample::select(&["---", "...", "---  ", "...\t", "---\r"][..]),
        body in text(80),
    ) {
        let yaml = lines.join("\n");
        let bom = if bom { "\u{feff}" } else { "" };
        let text = format!("{bom}---\n{yaml}\n{closing}\n{body}");
        let split = front_matter::split(&text)
            .map_err(|e| TestCaseError::fail(format!("{e:?} for {text:?}")))?;
        prop_assert_eq!(&text[split.yaml.0..split.yaml.1], format!("{yaml}\n"));
        prop_assert_eq!(&text[split.body..], body.as_str());
        prop_assert_eq!(split.yaml_line, 2);
    }

    /// Any text splits or fails without panicking; a split names in-bounds ranges on character
    /// boundaries, in order, and parsing the block never panics either.
    #[test]
    fn front_matter_split_and_parse_never_panic(
        text in prop_oneof![
            text(200),
            prop::collection::vec(any::<u8>(), 0..200)
                .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
            prop::collection::vec(
                prop_oneof![
                    Just("---".to_owned()), Just("...".to_owned()), Just("\n".to_owned()),
                    Just("\r\n".to_owned()), Just("\u{feff}".to_owned()), Just("id: ".to_owned()),
                    Just("\"1.1\"".to_owned()), Just("title: x".to_owned()), Just("[".to_owned()),
                    Just("related: [".to_owned()), Just("2.10".to_owned()), Just("  ".to_owned()),
                    Just("&a".to_owned()), Just("*a".to_owned()), Just("!!".to_owned()),
                    text(6),
                ],
                0..24,
            ).prop_map(|parts| parts.concat()),
        ],
    ) {
        if let Ok(split) = front_matter::split(&text) {
            let (a, b) = split.yaml;
            prop_assert!(a <= b && b <= split.body && split.body <= text.len(), "{split:?}");
            for i in [a, b, split.body] {
                prop_assert!(text.is_char_boundary(i), "{i} in {text:?}");
            }
            if let Err(d) = front_matter::parse(Path::new("p.md"), &text, &split) {
                let _ = d.to_string();
            }
        }
    }

    /// Text whose first line (after an optional BOM) is not `---` has no front matter.
    #[test]
    fn text_without_leading_fence_is_missing(
        bom in any::<bool>(),
        first in prop_oneof![
            Just(String::new()), Just("--".to_owned()), Just("----".to_owned()),
            Just(" ---".to_owned()), Just("---x".to_owned()), Just("...".to_owned()),
            Just("# Title".to_owned()), Just("\u{feff}\u{feff}---".to_owned()), "[^\n]{0,12}",
        ],
        rest in prop_oneof![Just(String::new()), text(60).prop_map(|t| format!("\n{t}"))],
    ) {
        let bom = if bom { "\u{feff}" } else { "" };
        let text = format!("{bom}{first}{rest}");
        // One BOM is allowed before the fence.
        let first_line = text.strip_prefix('\u{feff}').unwrap_or(&text).split('\n').next();
        prop_assume!(first_line.map(str::trim_end) != Some("---"));
        prop_assert_eq!(front_matter::split(&text), Err(SplitError::Missing), "{:?}", text);
    }
}

// ---------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(512))]

    /// Every valid framework number parses, with its parts, level and parent.
    #[test]
    fn valid_framework_numbers_parse(parts in framework_parts()) {
        let text = join(&parts);
        let n = number(&text);
        prop_assert_eq!(n.parts(), parts.as_slice());
        let level = [Level::Principle, Level::Standard, Level::Indicator][parts.len() - 1];
        prop_assert_eq!(n.level(), level);
        let parent = (parts.len() > 1).then(|| join(&parts[..parts.len() - 1]));
        prop_assert_eq!(n.parent(), parent.clone());
        if let Some(parent) = parent {
            let p = number(&parent);
            prop_assert!(p < n, "{parent} sorts before {text}");
        }
    }

    /// Framework numbers sort by their parts as numbers (2.9 < 2.10), never as text.
    #[test]
    fn framework_numbers_order_numerically(a in framework_parts(), b in framework_parts()) {
        let (na, nb) = (number(&join(&a)), number(&join(&b)));
        prop_assert_eq!(na.cmp(&nb), a.cmp(&b));
        prop_assert_eq!(na == nb, a == b);
    }

    /// A part with a leading zero, an empty part, or a fourth part makes the id invalid.
    #[test]
    fn malformed_framework_numbers_are_refused(
        parts in prop::collection::vec("[1-9][0-9]{0,3}", 1..=3),
        at in any::<prop::sample::Index>(),
        flaw in prop_oneof![
            "0[0-9]{0,3}".prop_map(Some),
            Just(Some(String::new())),
            Just(None),
        ],
        extra in prop::collection::vec("[1-9][0-9]{0,2}", 1..4),
    ) {
        let mut parts = parts;
        match flaw {
            Some(bad) => {
                let i = at.index(parts.len());
                parts[i] = bad;
            }
            None => {
                parts.extend(extra);
                while parts.len() < 4 {
                    parts.push("1".to_owned());
                }
            }
        }
        let text = parts.join(".");
        prop_assert!(id::parse(&text).is_err(), "{:?} was accepted", text);
    }

    /// Any string is accepted or refused without panicking; an accepted number is written
    /// canonically (joining its parts gives the id back) and an accepted slug uses only
    /// lower-case letters, digits and inner `-`.
    #[test]
    fn id_parse_never_panics(
        text in prop_oneof![
            text(24),
            "[0-9.]{0,16}",
            "[0-9a-z.+ -]{0,16}",
        ]
    ) {
        match id::parse(&text) {
            Ok(ParsedId::Framework(n)) => {
                prop_assert_eq!(join(n.parts()), text.clone());
                prop_assert!((1..=3).contains(&n.parts().len()));
                prop_assert!(n.parts().iter().all(|&p| p > 0));
            }
            Ok(ParsedId::Slug) => {
                prop_assert!(!text.is_empty());
                prop_assert!(text
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
                prop_assert!(!text.starts_with('-') && !text.ends_with('-'));
            }
            Err(message) => prop_assert!(!message.is_empty()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Relative URLs
// ---------------------------------------------------------------------------------------------

/// Resolves a relative URL against the folder of the site file `from` (RFC 3986 merge and dot
/// segment removal); `None` when it climbs above the site root or is not relative.
fn resolve(from: &str, url: &str) -> Option<String> {
    if url.starts_with('/') || url.contains("://") {
        return None;
    }
    let mut path: Vec<&str> = from.split('/').collect();
    path.pop();
    let segments: Vec<&str> = url.split('/').collect();
    let (last, dirs) = segments.split_last()?;
    for segment in dirs {
        match *segment {
            ".." => {
                path.pop()?;
            }
            "." => {}
            other => path.push(other),
        }
    }
    match *last {
        "" | "." | ".." => return None,
        file => path.push(file),
    }
    Some(path.join("/"))
}

proptest! {
    #![proptest_config(config(1024))]

    /// The URL from one site file to another leads exactly there, and is always relative.
    #[test]
    fn relative_urls_resolve_to_their_target(from in site_path(), to in site_path()) {
        let url = urls::relative(&from, &to);
        prop_assert!(!url.starts_with('/'), "{url:?}");
        prop_assert!(!url.contains("://"), "{url:?}");
        prop_assert_eq!(resolve(&from, &url), Some(to.clone()), "{} from {} to {}", url, from, to);
    }

    /// `to_root` climbs exactly to the root: root-relative paths prefixed with it resolve home.
    #[test]
    fn to_root_leads_to_the_root(from in site_path(), to in site_path()) {
        let url = format!("{}{to}", urls::to_root(&from));
        prop_assert_eq!(resolve(&from, &url), Some(to));
    }
}

// ---------------------------------------------------------------------------------------------
// Anchors and search folding
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(1024))]

    /// Heading anchors are non-empty, alphanumeric words joined by single `-`, and stable.
    #[test]
    fn anchors_are_clean_and_idempotent(heading in text(40)) {
        let anchor = markdown::anchor_for(&heading);
        prop_assert!(!anchor.is_empty());
        prop_assert!(!anchor.chars().any(char::is_whitespace), "{:?}", anchor);
        prop_assert!(
            anchor.chars().all(|c| c.is_alphanumeric() || c == '-'),
            "{:?} from {:?}", anchor, heading
        );
        prop_assert!(!anchor.starts_with('-') && !anchor.ends_with('-') && !anchor.contains("--"));
        prop_assert_eq!(markdown::anchor_for(&anchor), anchor.clone(), "from {:?}", heading);
    }

    /// Search folding is idempotent and yields lower case, so a folded query matches folded text.
    #[test]
    fn search_folding_is_idempotent_and_lower_case(words in text(40)) {
        let folded = words::normalize(&words);
        prop_assert_eq!(words::normalize(&folded), folded.clone(), "from {:?}", words);
        prop_assert_eq!(folded.to_lowercase(), folded.clone(), "from {:?}", words);
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown passes
// ---------------------------------------------------------------------------------------------

/// Resolves `1`, `1.1` and `1.1.1` (with any anchor) and nothing else.
struct SomeIds;

impl Resolver for SomeIds {
    fn resolve(&self, id: &str, anchor: Option<&str>) -> Option<Resolved> {
        ["1", "1.1", "1.1.1"].contains(&id).then(|| Resolved {
            url: format!("{id}.html{}", anchor.map(|a| format!("#{a}")).unwrap_or_default()),
            number: Some(id.to_owned()),
            title: format!("Title <{id}>"),
            title_lang: (id == "1.1").then(|| "fr".to_owned()),
        })
    }
}

/// Block and inline markup both body generators mix in.
const PLAIN_MARKUP: &[&str] = &["> quote", "- item", "1. item", "~~s~~", "**b**", "`c`", "\\"];

/// `pieces` and [`PLAIN_MARKUP`], one picked at a time.
fn markup(pieces: &[&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select([pieces, PLAIN_MARKUP].concat()).prop_map(str::to_owned)
}

/// Markdown made of the constructs the site uses, with references to known and unknown ids.
fn markdown_body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        "#{1,7} ".prop_map(|s| format!("\n{s}")),
        Just(" {#own-id}".to_owned()),
        markup(
            &[
                "[[1]]",
                "[[1.1]]",
                "[[1.1.1]]",
                "[[9.9]]",
                "[[]]",
                "[[ 1.1 ]]",
                "[[1.1#x]]",
                "[[1.1|own words]]",
                "[[#]]",
                "[[|]]",
                "[[[1]]]",
                "[[1]",
                "[1]]",
                "[it](id:1.1#how-it-is-assessed)",
                "[it](id:)",
                "[it](id:#)",
                "[x](http://e.org)",
                "[^1]",
                "\n[^1]: note",
                "| a | b |\n|---|---|\n| 1 | 2 |",
                "```rust\nfn x() {}\n```",
                "```\n<raw>\n```",
                "```nosuchlang x\n",
                "    indented code",
                "<div>",
                "</div>",
                "<!--",
                "-->",
                "&amp;",
                "<https://x.org>",
                "![img](a.png)",
                "<id:1.1>",
                "[r][d]\n\n[d]: id:1.1.1",
                "[[1.1.1]](x)"
            ][..]
        ),
        text(12),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(config(256))]

    /// Both Markdown passes take any body; the scan's references point into the body at the
    /// `[` of a link (or the `<` of an autolink, `<id:1.1>`), and the rendered page carries
    /// every heading anchor the scan found.
    #[test]
    fn markdown_passes_never_panic(body in prop_oneof![markdown_body(), text(120)]) {
        let scan = markdown::scan(&body);
        for r in &scan.outline.refs {
            prop_assert!(body.is_char_boundary(r.offset));
            prop_assert!(body[r.offset..].starts_with(['[', '<']), "{r:?} in {body:?}");
        }
        let html = markdown::to_html(&body, &SomeIds);
        prop_assert!(!html.contains('\0'), "a hole was not filled: {html:?}");
        for h in &scan.outline.headings {
            prop_assert!(html.contains(&format!("id=\"{}\"", markdown::escape(&h.anchor))),
                "{h:?} not in {html}");
        }
    }

    /// Every heading of a body gets its own anchor, even when one heading's text is another's
    /// anchor with a counter (`a`, `a`, `a-1`).
    #[test]
    fn heading_anchors_are_unique(
        headings in prop::collection::vec(
            prop_oneof![
                prop::sample::select(&["a", "A", "a 1", "a-1", "a-2", "b", "{#a}", "{#a-1}"][..])
                    .prop_map(str::to_owned),
                text(6),
            ],
            1..8,
        )
    ) {
        let body: String = headings.iter().map(|h| format!("## {h}\n\n")).collect();
        let scan = markdown::scan(&body);
        let mut seen = std::collections::HashSet::new();
        for h in &scan.outline.headings {
            prop_assert!(seen.insert(h.anchor.clone()), "anchor {:?} twice in {:?}", h.anchor, body);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// No page file can make the build panic
// ---------------------------------------------------------------------------------------------

/// Front matter of a page: valid, odd or broken.
fn front() -> impl Strategy<Value = String> {
    let id = prop_oneof![
        Just("\"1.1.3\"".to_owned()),
        Just("\"1.1.1\"".to_owned()),
        Just("\"2.1\"".to_owned()),
        Just("\"1.1.01\"".to_owned()),
        Just("1.10".to_owned()),
        Just("7".to_owned()),
        Just("fuzz-page".to_owned()),
        Just("home".to_owned()),
        Just("glossary".to_owned()),
        Just("[a, b]".to_owned()),
        Just("".to_owned()),
        text(10).prop_map(|t| format!("{t:?}")),
    ];
    let field = prop_oneof![
        id.prop_map(|id| format!("id: {id}")),
        text(20).prop_map(|t| format!("title: {t:?}")),
        Just("title: A page".to_owned()),
        Just("title:".to_owned()),
        text(20).prop_map(|t| format!("summary: {t:?}")),
        prop::sample::select(&["home", "page", "guide", "department", "term", "nope"][..])
            .prop_map(|k| format!("kind: {k}")),
        any::<i64>().prop_map(|w| format!("weight: {w}")),
        Just("applies_to: [credit, gold]".to_owned()),
        Just("evidence: [documents]".to_owned()),
        Just("related: [\"1.1\", \"9\", 1]".to_owned()),
        Just("glossary: [repayment-capacity, about]".to_owned()),
        Just("source_hash: abc".to_owned()),
        Just("unknown: 1".to_owned()),
        Just("id: \"unclosed".to_owned()),
        Just("  bad: indentation".to_owned()),
        Just("{".to_owned()),
        Just("- a list".to_owned()),
        Just("&anchor x: *anchor".to_owned()),
        Just("---".to_owned()),
        text(16),
    ];
    prop::collection::vec(field, 0..6).prop_map(|f| f.join("\n"))
}

/// A Markdown body whose references all resolve in the `basic` fixture, so the build goes
/// on to render it.
fn good_body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        "#{1,6} ".prop_map(|s| format!("\n{s}")),
        markup(
            &[
                "[[1]]",
                "[[1.1]]",
                "[[1.1.1#how-to-comply]]",
                "[[repayment-capacity]]",
                "[[1.1.2|own words]]",
                "[it](id:1.1.1#evidence)",
                "[top](#)",
                "[^n]",
                "\n[^n]: note",
                "| a | b |\n|---|---|\n| 1 | 2 |\n",
                "```rust\nfn x() {}\n```\n",
                "```python\ndef f(:\n```\n",
                "```\n<raw>\n```\n",
                "<script>x</script>",
                " {#own}",
                "{",
                "}",
                "<a href=\"#\">",
                "</a>",
                "[in text](<>)"
            ][..]
        ),
        text(16).prop_map(|t| t.replace('[', "(")),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

/// A YAML double-quoted scalar holding exactly `text`.
fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Where a page goes in a copy of the `basic` fixture (new or replacing a page).
const PAGE_PATHS: &[&str] = &[
    "content/fuzz.md",
    "content/framework/1/1.1.3.md",
    "content/framework/1/1.1.1.md",
    "content/framework/1/1.1.1.fr.md",
    "content/fuzz.fr.md",
    "content/fuzz.de.md",
    "content/about.md",
    "content/home.md",
    "content/glossary/repayment-capacity.fr.md",
];

/// Places where a page with these id lines fits the `basic` fixture.
const GOOD_PLACES: &[(&str, &str)] = &[
    ("content/fuzz.md", "id: fuzz-page\n"),
    ("content/fuzz.md", "id: fuzz-page\nkind: guide\nweight: -3\n"),
    ("content/framework/1/1.1.3.md", "id: \"1.1.3\"\napplies_to: [credit]\n"),
    ("content/framework/1/1.1.1.fr.md", ""),
    ("content/about.md", "id: about\n"),
    ("content/glossary/repayment-capacity.fr.md", ""),
];

/// A page file and where it goes: random bytes, text, a page that should build, or front
/// matter of any kind with a Markdown body.
fn page_file() -> impl Strategy<Value = (&'static str, Vec<u8>)> {
    let anywhere = prop::sample::select(PAGE_PATHS);
    let title = prop_oneof![Just("A page".to_owned()), text(24)];
    prop_oneof![
        1 => (anywhere.clone(), prop::collection::vec(any::<u8>(), 0..256)),
        1 => (anywhere.clone(), text(200).prop_map(String::into_bytes)),
        4 => (prop::sample::select(GOOD_PLACES), title, text(24), good_body()).prop_map(
            |((at, id), title, summary, body)| {
                let (title, summary) = (yaml_quoted(&title), yaml_quoted(&summary));
                let page = format!("---\n{id}title: {title}\nsummary: {summary}\n---\n{body}");
                (at, page.into_bytes())
            }
        ),
        4 => (
            anywhere,
            prop::sample::select(&["---\n", "\u{feff}---\n", "---\r\n", "--\n", ""][..]),
            front(),
            prop::sample::select(&["\n---\n", "\n...\n", "\n---", "\n", ""][..]),
            markdown_body(),
        )
            .prop_map(|(at, open, front, close, body)| {
                (at, format!("{open}{front}{close}{body}").into_bytes())
            }),
    ]
}

proptest! {
    #![proptest_config(config(64))]

    /// Whatever a page file holds and wherever it sits, `build` returns Ok or Err.
    #[test]
    fn no_page_file_makes_build_panic(
        (at, bytes) in page_file(),
    ) {
        let site = temp_site("basic");
        std::fs::write(site.path().join(at), &bytes).unwrap();
        match guidesite::build(&Project::new(site.path())) {
            Ok(built) => prop_assert!(!built.outputs.is_empty()),
            Err(diagnostics) => {
                prop_assert!(diagnostics.iter().any(|d| d.is_error()));
                for d in &diagnostics {
                    let _ = d.to_string();
                }
            }
        }
    }
}

/// A page that fits the `basic` fixture, with references that all resolve.
fn good_page() -> impl Strategy<Value = (&'static str, String)> {
    let title = prop_oneof![Just("A page".to_owned()), text(24)];
    (prop::sample::select(GOOD_PLACES), title, good_body()).prop_map(|((at, id), title, body)| {
        let title = yaml_quoted(&title);
        (at, format!("---\n{id}title: {title}\n---\n{body}"))
    })
}

proptest! {
    #![proptest_config(config(32))]

    /// When a page builds, every link of the site leads to a file and an element that exist.
    #[test]
    fn a_page_that_builds_has_no_broken_links((at, page) in good_page()) {
        let site = temp_site("basic");
        std::fs::write(site.path().join(at), &page).unwrap();
        if let Ok(built) = guidesite::build(&Project::new(site.path())) {
            let broken = guidesite::linkcheck::check(&built.outputs);
            prop_assert!(broken.is_empty(), "{:#?}\nfor {} holding {:?}", broken, at, page);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Regressions: inputs the properties above found (each fixed in src/ since), kept as plain tests.
// ---------------------------------------------------------------------------------------------

/// The anchors of the headings of a rendered body, in order.
fn rendered_heading_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for part in html.split("<h").skip(1) {
        if let Some(rest) = part.get(1..).and_then(|p| p.strip_prefix(" id=\"")) {
            ids.push(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    ids
}

/// regression: (heading_anchors_are_unique) a heading whose own anchor is another's
/// de-duplicated anchor gets the same id: "Evidence", "Evidence", "Evidence 1" all become
/// `evidence`, `evidence-1`, `evidence-1` (src/markdown.rs, `Anchors::unique`); the page then
/// has two elements with one id. Proptest's shrunk input: `## a 1`, `## {#a}`, `## {#a}`.
#[test]
fn regression_deduplicated_anchor_collides_with_a_real_one() {
    for body in ["## Evidence\n\n## Evidence\n\n## Evidence 1\n", "## a 1\n\n## {#a}\n\n## {#a}\n"] {
        let scan = markdown::scan(body);
        let anchors: Vec<&str> = scan.outline.headings.iter().map(|h| h.anchor.as_str()).collect();
        let mut unique = anchors.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), anchors.len(), "{anchors:?} for {body:?}");
        let rendered = rendered_heading_ids(&markdown::to_html(body, &SomeIds));
        assert_eq!(rendered, anchors, "to_html and scan must agree for {body:?}");
    }
}

/// regression: (a_page_that_builds_has_no_broken_links) a cross-reference inside a heading is
/// checked by `scan` but never resolved by `to_html` (src/markdown.rs, `to_html_with`: the
/// heading's inner events are pushed as they are), so `# [[1]]` renders `<a href="1">` and
/// the built site has a broken link although the build succeeded.
#[test]
fn regression_reference_in_a_heading_is_resolved() {
    let html = markdown::to_html("# See [[1]] and [it](id:1.1#how)\n", &SomeIds);
    assert!(html.contains(r#"href="1.html""#), "{html}");
    assert!(html.contains(r#"href="1.1.html#how""#), "{html}");

    let site = temp_site("basic");
    let page = "---\nid: fuzz-page\ntitle: A page\n---\n\n# [[1]]";
    std::fs::write(site.path().join("content/fuzz.md"), page).unwrap();
    let built = crate::support::build_ok(site.path());
    let broken = guidesite::linkcheck::check(&built.outputs);
    assert!(broken.is_empty(), "{broken:#?}");
}

/// regression: (a_page_that_builds_has_no_broken_links) anchors are checked only in the
/// version of the target shown in the *referring source's* language (src/site/links.rs,
/// `check_references`). `home.md` (English) links to `[[1.1.1#how-to-comply]]`; it is also
/// published as the French home page (no French translation), where the link leads to
/// `fr/1.1.1.html`, which now shows a French body without that heading. The build
/// succeeds with a broken fragment in French instead of reporting the missing anchor.
#[test]
fn regression_translation_without_a_linked_anchor_is_reported() {
    let site = temp_site("basic");
    let page = "---\ntitle: \"A page\"\n---\n\n# x\n\n";
    std::fs::write(site.path().join("content/framework/1/1.1.1.fr.md"), page).unwrap();
    match guidesite::build(&Project::new(site.path())) {
        Ok(built) => {
            let broken = guidesite::linkcheck::check(&built.outputs);
            assert!(broken.is_empty(), "the build passed with {broken:#?}");
        }
        Err(diagnostics) => {
            assert!(diagnostics.iter().any(|d| d.message.contains("how-to-comply")), "{diagnostics:#?}")
        }
    }
}
