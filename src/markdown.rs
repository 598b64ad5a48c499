//! Markdown: the parser options, heading anchors, cross-reference syntax, and HTML rendering.
//!
//! Two passes use the same rules: [`scan`] reads a body for its heading anchors and the
//! references it makes (the site graph needs them before anything renders), and [`to_html`]
//! renders it with every reference resolved to a relative URL and a title in the page's
//! language. Reference syntax: `[[2.1.3]]`, `[[2.1.3|own text]]`, `[own text](id:2.1.3#anchor)`.

use crate::render::highlight;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

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

/// What [`scan`] finds in a body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// References in order.
    pub refs: Vec<RefUse>,
    /// What the search index needs of the body.
    pub search: crate::search::BodyWords,
}

impl Scan {
    /// True when the body has a heading with this anchor.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.headings.iter().any(|h| h.anchor == anchor)
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
        LinkType::WikiLink { .. } => dest,
        _ => dest.strip_prefix("id:")?,
    };
    Some(match target.split_once('#') {
        Some((id, anchor)) => (id.trim(), Some(anchor.trim())),
        None => (target.trim(), None),
    })
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

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Reads a body's headings and references.
pub fn scan(body: &str) -> Scan {
    let mut scan = Scan::default();
    let mut anchors = Anchors::default();
    let mut heading: Option<(Option<String>, u8, String)> = None;
    let mut text = String::with_capacity(body.len());
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        collect_text(&event, &mut text);
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((id.map(|i| i.to_string()), level_number(level), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, level, text)) = heading.take() {
                    let anchor = anchors.unique(id.as_deref(), &text);
                    scan.headings.push(Heading { anchor, text, level });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                if let Some((id, anchor)) = reference(link_type, &dest_url) {
                    scan.refs.push(RefUse {
                        target: id.to_owned(),
                        anchor: anchor.map(str::to_owned),
                        offset: range.start,
                    });
                }
            }
            _ => {}
        }
    }
    scan.search = crate::search::body_words(&text);
    scan
}

/// Adds an event's words to a plain-text rendering (blocks and breaks become spaces).
fn collect_text(event: &Event<'_>, text: &mut String) {
    match event {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak | Event::End(_) if !text.ends_with(' ') => text.push(' '),
        _ => {}
    }
}

/// Renders a body to HTML, resolving references, adding heading anchors and highlighting code.
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
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut anchors = Anchors::default();
    let mut parser = Parser::new_ext(body, options());
    while let Some(event) = parser.next() {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                // The anchor comes from the heading's own text, before references are
                // rewritten, exactly as `scan` computes it.
                let inner = collect_until_end(&mut parser);
                let text = events_text(&inner);
                let anchor = format!("{}{}", embedding.anchor_prefix, anchors.unique(id.as_deref(), &text));
                let level = shifted(level, embedding.heading_shift);
                events.push(Event::Start(Tag::Heading { level, id: Some(anchor.into()), classes, attrs }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let inner = collect_until_end(&mut parser);
                events.push(Event::Html(code_block(&kind, &events_text(&inner)).into()));
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, resolve_references(events, resolver).into_iter());
    html
}

/// Points every cross-reference (in paragraphs, lists, tables and headings alike) at its
/// target; a `[[id]]` without its own text shows the target's number and title.
fn resolve_references<'a>(events: Vec<Event<'a>>, resolver: &dyn Resolver) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut events = events.into_iter();
    while let Some(event) = events.next() {
        let Event::Start(Tag::Link { link_type, dest_url, title, id }) = event else {
            out.push(event);
            continue;
        };
        let Some((target, anchor)) = reference(link_type, &dest_url).map(|(t, a)| (t.to_owned(), a.map(str::to_owned)))
        else {
            out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            continue;
        };
        let resolved = resolver.resolve(&target, anchor.as_deref());
        let url = resolved.as_ref().map(|r| r.url.clone()).unwrap_or_else(|| "#".into());
        out.push(Event::Start(Tag::Link { link_type, dest_url: url.into(), title, id }));
        if let (LinkType::WikiLink { has_pothole: false }, Some(r)) = (link_type, &resolved) {
            skip_until_end(&mut events);
            out.push(Event::InlineHtml(reference_label(r).into()));
            out.push(Event::End(TagEnd::Link));
        }
    }
    out
}

/// Drops the events up to the end of the element just opened.
fn skip_until_end<'a>(events: &mut impl Iterator<Item = Event<'a>>) {
    let mut depth = 0usize;
    for event in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return,
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
}

fn shifted(level: HeadingLevel, shift: u8) -> HeadingLevel {
    match (level as u8 + shift).min(6) {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Takes the events up to the end of the element just opened (nested elements included).
fn collect_until_end<'a>(parser: &mut Parser<'a>) -> Vec<Event<'a>> {
    let mut depth = 0usize;
    let mut inner = Vec::new();
    for event in parser.by_ref() {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        inner.push(event);
    }
    inner
}

fn events_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text
}

/// The text of a body without markup (for search and exports): words of paragraphs,
/// headings, lists and code, separated by spaces.
pub fn plain_text(body: &str) -> String {
    let mut text = String::with_capacity(body.len());
    for event in Parser::new_ext(body, options()) {
        collect_text(&event, &mut text);
    }
    text.trim_end().to_owned()
}

/// `<bdi class="num">2.1.3</bdi> Title`: the number is isolated so right-to-left text never
/// reorders its digits.
pub fn reference_label(r: &Resolved) -> String {
    let title = escape(&r.title);
    let title = match &r.title_lang {
        Some(lang) => format!("<span lang=\"{}\" dir=\"auto\">{title}</span>", escape(lang)),
        None => title,
    };
    match &r.number {
        Some(n) => format!("<bdi class=\"num\">{}</bdi> {title}", escape(n)),
        None => title,
    }
}

fn code_block(kind: &CodeBlockKind<'_>, code: &str) -> String {
    let lang = match kind {
        CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
        CodeBlockKind::Indented => "",
    };
    if let Some(html) = highlight::highlight(lang, code) {
        return html.to_string();
    }
    format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code))
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

    struct Fixed;
    impl Resolver for Fixed {
        fn resolve(&self, id: &str, anchor: Option<&str>) -> Option<Resolved> {
            (id == "2.1.3").then(|| Resolved {
                url: format!("../2.1.3/index.html{}", anchor.map(|a| format!("#{a}")).unwrap_or_default()),
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
        let anchors: Vec<_> = scan.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["guide", "guide-1", "own"]);
        assert_eq!(scan.refs.len(), 2);
        assert_eq!(scan.refs[0].target, "2.1.3");
        assert_eq!(&body[scan.refs[0].offset..scan.refs[0].offset + 2], "[[");
        assert_eq!(scan.refs[1].anchor.as_deref(), Some("how-it-is-assessed"));
    }

    #[test]
    fn references_render_with_number_and_escaped_title() {
        let html = to_html("See [[2.1.3]], [[2.1.3|that]] and [it](id:2.1.3#evidence).", &Fixed);
        assert!(
            html.contains(
                r#"<a href="../2.1.3/index.html"><bdi class="num">2.1.3</bdi> Repayment &lt;capacity&gt;</a>"#
            ),
            "{html}"
        );
        assert!(html.contains(r#"<a href="../2.1.3/index.html">that</a>"#), "{html}");
        assert!(html.contains(r#"<a href="../2.1.3/index.html#evidence">it</a>"#), "{html}");
    }

    #[test]
    fn headings_get_ids_and_unknown_code_is_plain() {
        let html = to_html("## How to comply\n\n```nosuchlang\n<x>\n```\n", &Fixed);
        assert!(html.contains(r#"<h2 id="how-to-comply">How to comply</h2>"#), "{html}");
        assert!(html.contains("<pre class=\"code\"><code>&lt;x&gt;\n</code></pre>"), "{html}");
    }

    #[test]
    fn known_code_is_highlighted_with_classes() {
        let html = to_html("```rust\nfn main() {}\n```\n", &Fixed);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }
}
