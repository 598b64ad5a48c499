//! Markdown: the parser options, heading anchors, cross-reference syntax, and HTML rendering.
//!
//! Two passes use the same rules: [`scan`] reads a body for its heading anchors and the
//! references it makes (the site graph needs them before anything renders), and [`to_html`]
//! renders it with every reference resolved to a relative URL and a title in the page's
//! language. Reference syntax: `[[2.1.3]]`, `[[2.1.3|own text]]`, `[own text](id:2.1.3#anchor)`,
//! `<id:2.1.3>`.

mod compile;
mod compiled;
mod highlight;
mod text;

pub use compiled::Compiled;

use pulldown_cmark::{Event, LinkType, Options, Parser};
use std::collections::HashSet;
use std::ops::Range;

/// The Markdown extensions every page gets.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// A heading of a page body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Its anchor (`id` attribute).
    pub anchor: String,
    /// Its plain text.
    pub text: String,
    /// 1 to 6.
    pub level: u8,
    /// Byte offset of the heading in the body.
    pub offset: usize,
}

/// A cross-reference found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefUse {
    /// The id referred to.
    pub target: String,
    /// The `#anchor`, if any.
    pub anchor: Option<String>,
    /// Byte offset of the reference in the body.
    pub offset: usize,
}

/// A construct of a body that cannot work as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset in the body.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: String,
}

/// The structure of a body: what the site graph needs of it (and checks).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// References in order.
    pub refs: Vec<RefUse>,
    /// Constructs that cannot work as written; the check stage reports them as errors.
    pub problems: Vec<Problem>,
}

impl Outline {
    /// True when the body has a heading with this anchor.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.headings.iter().any(|h| h.anchor == anchor)
    }

    /// The target of each reference, in order, as `resolver` finds it.
    pub fn resolve(&self, resolver: &dyn Resolver) -> Vec<Option<Resolved>> {
        self.refs.iter().map(|r| resolver.resolve(&r.target, r.anchor.as_deref())).collect()
    }
}

/// What [`scan`] finds in a body, read once: its outline, for the site graph, and its HTML and
/// words, for rendering.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Headings, references, problems.
    pub outline: Outline,
    /// HTML with holes, and the words for search.
    pub compiled: Compiled,
}

impl Scan {
    /// The body's HTML on a page: references resolved by `resolver`, headings placed by
    /// `embedding`.
    pub fn render(&self, resolver: &dyn Resolver, embedding: &Embedding) -> String {
        self.compiled.render(&self.outline, resolver, embedding)
    }
}

/// A resolved reference, as the renderer shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Relative URL, with its fragment.
    pub url: String,
    /// Framework number, shown isolated before the title.
    pub number: Option<String>,
    /// Title in the page's language, or in the language given by `title_lang`.
    pub title: String,
    /// Set when the title is a fallback in another language.
    pub title_lang: Option<String>,
}

/// Resolves references while rendering.
pub trait Resolver {
    /// The target of `id` (and `anchor`), or `None` when it does not exist.
    fn resolve(&self, id: &str, anchor: Option<&str>) -> Option<Resolved>;
}

/// The id and anchor a link destination refers to, if it is a cross-reference.
fn reference(link_type: LinkType, dest: &str) -> Option<(&str, Option<&str>)> {
    let target = match link_type {
        // In a table, `[[id\|text]]` escapes the bar; the escape stays on the id.
        LinkType::WikiLink { .. } => dest.strip_suffix('\\').unwrap_or(dest),
        _ => dest.strip_prefix("id:")?,
    };
    Some(match target.split_once('#') {
        Some((id, anchor)) => (id.trim(), Some(anchor.trim())),
        None => (target.trim(), None),
    })
}

/// True for the references that show their target's number and name instead of text of
/// their own: `[[2.1.3]]` and the autolink `<id:2.1.3>`.
fn shows_label(link_type: LinkType) -> bool {
    matches!(link_type, LinkType::WikiLink { has_pothole: false } | LinkType::Autolink)
}

/// An anchor from heading text: lower case, words joined by `-`, punctuation dropped.
/// Letters of every script are kept, so Russian and Arabic headings get readable anchors.
pub fn anchor_for(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else if c.is_whitespace() || c == '-' || c == '_' {
            pending_dash = true;
        }
    }
    if out.is_empty() {
        "section".to_owned()
    } else {
        out
    }
}

/// Gives each heading a unique anchor: a second "Evidence" becomes `evidence-1`.
#[derive(Default)]
struct Anchors(HashSet<String>);

impl Anchors {
    /// The heading's anchor, numbered when taken (also when taken by a numbered one: "a 1",
    /// "a", "a" give `a-1`, `a`, `a-2`).
    fn unique(&mut self, explicit: Option<&str>, text: &str) -> String {
        let base = explicit.map(str::to_owned).unwrap_or_else(|| anchor_for(text));
        let mut candidate = base.clone();
        let mut n = 0;
        while self.0.contains(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.0.insert(candidate.clone());
        candidate
    }
}

/// Reads a body once: its headings and references (for the site graph), its words (for the
/// search index) and its HTML with holes (for every page that shows it).
pub fn scan(body: &str) -> Scan {
    // NUL marks the holes while compiling; CommonMark replaces it in input anyway (reference
    // offsets are mapped back to the body as written).
    if body.contains('\0') {
        let mut scan = scan(&body.replace('\0', "\u{FFFD}"));
        let nuls: Vec<usize> = body.match_indices('\0').map(|(i, _)| i).collect();
        for r in &mut scan.outline.refs {
            let before = nuls.iter().enumerate().take_while(|&(k, &at)| at + 2 * k < r.offset).count();
            r.offset -= 2 * before;
        }
        return scan;
    }
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options()).into_offset_iter().collect();
    let (text, labels) = text::reader_text(&events);
    let (outline, marked, holes) = compile::compile(events);
    let words = crate::words::body_words(&text, &labels);
    Scan { outline, compiled: Compiled::from_marked(&marked, holes, words) }
}

/// Renders a body to HTML on a page of its own. (Pages use the HTML their body's [`Scan`]
/// compiled instead of scanning again.)
pub fn to_html(body: &str, resolver: &dyn Resolver) -> String {
    to_html_with(body, resolver, &Embedding::default())
}

/// How a body sits in a page that holds many bodies (the print page).
#[derive(Debug, Clone, Default)]
pub struct Embedding {
    /// Put before every heading id, so ids stay unique on the page.
    pub anchor_prefix: String,
    /// Added to every heading level (capped at 6), so the outline stays in order.
    pub heading_shift: u8,
}

/// [`to_html`] for a body embedded in a larger page.
pub fn to_html_with(body: &str, resolver: &dyn Resolver, embedding: &Embedding) -> String {
    scan(body).render(resolver, embedding)
}

/// `<bdi class="num">2.1.3</bdi> Title`: the number is isolated so right-to-left text never
/// reorders its digits.
pub fn reference_label(r: &Resolved) -> String {
    label_html(r.number.as_deref(), &r.title, r.title_lang.as_deref())
}

/// How every link to a page shows it, in bodies and in the theme's lists alike: the number
/// isolated (`<bdi class="num">2.1.3</bdi>`), then the name (a short title, or a title without
/// its final period, so a sentence that ends on a reference never ends "..").
/// A name in another language than the text around it is isolated and marked
/// (`<bdi lang="ar">...</bdi>`), so its direction and punctuation stay its own.
pub fn label_html(number: Option<&str>, title: &str, title_lang: Option<&str>) -> String {
    let title = label_name(title);
    let mut out = String::with_capacity(title.len() + 48);
    if let Some(n) = number {
        out.push_str("<bdi class=\"num\">");
        out.push_str(&escape(n));
        out.push_str("</bdi> ");
    }
    match title_lang {
        Some(lang) => {
            out.push_str("<bdi lang=\"");
            out.push_str(&escape(lang));
            out.push_str("\">");
            out.push_str(&escape(title));
            out.push_str("</bdi>");
        }
        None => out.push_str(&escape(title)),
    }
    out
}

/// The name a label shows: the title without its final period (an ellipsis stays).
fn label_name(title: &str) -> &str {
    title.strip_suffix('.').filter(|t| !t.ends_with('.')).unwrap_or(title)
}

/// A label as plain text (search snippets and index words): the number, then the name, as
/// [`label_html`] shows them.
pub fn label_text(number: Option<&str>, title: &str) -> String {
    match number {
        Some(n) => format!("{n} {}", label_name(title)),
        None => label_name(title).to_owned(),
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_leaves_a_place_for_each_label_instead_of_the_bare_id() {
        let scan = scan("See [[2.1.3]], [[over-indebtedness]] and [[2.1|that standard]].");
        assert_eq!(scan.compiled.words.words, "see and that standard");
        assert_eq!(scan.compiled.words.snippet, "See ,  and that standard .");
        assert_eq!(scan.compiled.words.labels, [(4, 0), (6, 1)]);
    }

    struct Fixed;
    impl Resolver for Fixed {
        fn resolve(&self, id: &str, anchor: Option<&str>) -> Option<Resolved> {
            (id == "2.1.3").then(|| Resolved {
                url: format!("2.1.3.html{}", anchor.map(|a| format!("#{a}")).unwrap_or_default()),
                number: Some("2.1.3".into()),
                title: "Repayment <capacity>".into(),
                title_lang: None,
            })
        }
    }

    #[test]
    fn anchors_keep_letters_of_every_script() {
        assert_eq!(anchor_for("How to comply"), "how-to-comply");
        assert_eq!(anchor_for("What's new?"), "whats-new");
        assert_eq!(anchor_for("Доказательства"), "доказательства");
        assert_eq!(anchor_for("!!!"), "section");
    }

    #[test]
    fn scan_finds_headings_and_references() {
        let body = "# Guide\n\n## Guide\n\nSee [[2.1.3]] and [this](id:2.1#how-it-is-assessed).\n\n## Mine {#own}\n";
        let scan = scan(body);
        let anchors: Vec<_> = scan.outline.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["guide", "guide-1", "own"]);
        assert_eq!(scan.outline.refs.len(), 2);
        assert_eq!(scan.outline.refs[0].target, "2.1.3");
        assert_eq!(&body[scan.outline.refs[0].offset..scan.outline.refs[0].offset + 2], "[[");
        assert_eq!(scan.outline.refs[1].anchor.as_deref(), Some("how-it-is-assessed"));
    }

    #[test]
    fn references_render_with_number_and_escaped_title() {
        let html = to_html("See [[2.1.3]], [[2.1.3|that]] and [it](id:2.1.3#evidence).", &Fixed);
        assert!(
            html.contains(r#"<a href="2.1.3.html"><bdi class="num">2.1.3</bdi> Repayment &lt;capacity&gt;</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="2.1.3.html">that</a>"#), "{html}");
        assert!(html.contains(r#"<a href="2.1.3.html#evidence">it</a>"#), "{html}");
    }

    #[test]
    fn headings_get_ids_and_unknown_code_is_plain_with_its_language_class() {
        let html = to_html("## How to comply\n\n```nosuchlang\n<x>\n```\n\n    indented\n", &Fixed);
        assert!(html.contains(r#"<h2 id="how-to-comply">How to comply</h2>"#), "{html}");
        assert!(
            html.contains("<pre class=\"code\"><code class=\"language-nosuchlang\">&lt;x&gt;\n</code></pre>"),
            "{html}"
        );
        assert!(html.contains("<pre class=\"code\"><code>indented\n</code></pre>"), "{html}");
    }

    #[test]
    fn known_code_is_highlighted_with_classes() {
        let html = to_html("```rust\nfn main() {}\n```\n", &Fixed);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn one_compiled_body_renders_on_its_page_and_embedded() {
        let compiled = scan("## How {.x}\n\nSee [[2.1.3]], [[9.9]] and ![a [b](id:2.1.3) c](i.png).\n\n## How\n");
        let page = compiled.render(&Fixed, &Embedding::default());
        assert!(page.starts_with("<h2 id=\"how\" class=\"x\">How</h2>\n<p>See <a href=\"2.1.3.html\"><bdi"), "{page}");
        assert!(page.contains(r##"<a href="#">9.9</a>"##), "an unknown target keeps its text: {page}");
        assert!(page.contains(r#"alt="a b c""#), "no link inside alt text: {page}");
        assert!(page.ends_with("<h2 id=\"how-1\">How</h2>\n"), "{page}");
        let embedded = compiled.render(&Fixed, &Embedding { anchor_prefix: "p-1--".into(), heading_shift: 3 });
        assert!(embedded.starts_with("<h5 id=\"p-1--how\" class=\"x\">How</h5>\n"), "{embedded}");
        assert!(!embedded.contains('\0'), "{embedded}");
    }

    #[test]
    fn nul_in_a_body_cannot_open_a_hole() {
        let html = to_html("a\0b [[2.1.3]]\n\n```\n\0\n```\n", &Fixed);
        assert!(!html.contains('\0'), "{html}");
        assert!(html.contains(r#"<a href="2.1.3.html"><bdi class="num">2.1.3</bdi>"#), "{html}");
    }
}
