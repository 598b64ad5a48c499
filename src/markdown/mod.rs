//! Markdown: the parser options, heading anchors, cross-reference syntax, and HTML rendering.
//!
//! Two passes use the same rules: [`scan`] reads a body for its heading anchors and the
//! references it makes (the site graph needs them before anything renders), and [`to_html`]
//! renders it with every reference resolved to a relative URL and a title in the page's
//! language. Reference syntax: `[[2.1.3]]`, `[[2.1.3|own text]]`, `[own text](id:2.1.3#anchor)`,
//! `<id:2.1.3>`.

mod highlight;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
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

/// What [`scan`] finds in a body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// References in order.
    pub refs: Vec<RefUse>,
    /// What the search index needs of the body.
    pub search: crate::words::BodyWords,
    /// Constructs that cannot work as written; the check stage reports them as errors.
    pub problems: Vec<Problem>,
    /// The body's HTML, rendered once for every page that shows it.
    pub html: Compiled,
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
    // NUL marks the holes in the HTML; CommonMark replaces it in input anyway (reference
    // offsets are mapped back to the body as written).
    if body.contains('\0') {
        let mut scan = scan(&body.replace('\0', "\u{FFFD}"));
        let nuls: Vec<usize> = body.match_indices('\0').map(|(i, _)| i).collect();
        for r in &mut scan.refs {
            let before = nuls.iter().enumerate().take_while(|&(k, &at)| at + 2 * k < r.offset).count();
            r.offset -= 2 * before;
        }
        return scan;
    }
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options()).into_offset_iter().collect();
    let (text, labels) = reader_text(&events);
    let mut compiler = Compiler::new(events);
    compiler.run();
    let mut marked = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut marked, compiler.out.into_iter());
    Scan {
        headings: compiler.headings,
        refs: compiler.refs,
        problems: compiler.problems,
        search: crate::words::body_words(&text, &labels),
        html: Compiled::from_marked(&marked, compiler.holes),
    }
}

/// The marker left in the HTML where a hole is; NUL never reaches the HTML otherwise.
const MARKER: &str = "\0";

/// Turns a body's events into HTML events with hole markers, collecting headings and
/// references on the way.
struct Compiler<'a> {
    events: Vec<(Event<'a>, Range<usize>)>,
    out: Vec<Event<'a>>,
    holes: Vec<Hole>,
    headings: Vec<Heading>,
    refs: Vec<RefUse>,
    anchors: Anchors,
    image_depth: usize,
    problems: Vec<Problem>,
    /// Inside a table: the byte offset of the cell being compiled and its text so far.
    cell: Option<(usize, String)>,
}

impl<'a> Compiler<'a> {
    fn new(events: Vec<(Event<'a>, Range<usize>)>) -> Self {
        Compiler {
            out: Vec::with_capacity(events.len() + 8),
            events,
            holes: Vec::new(),
            headings: Vec::new(),
            refs: Vec::new(),
            anchors: Anchors::default(),
            image_depth: 0,
            problems: Vec::new(),
            cell: None,
        }
    }

    fn run(&mut self) {
        let mut i = 0;
        while i < self.events.len() {
            i = match &self.events[i].0 {
                Event::Start(Tag::Heading { .. }) => self.heading(i),
                Event::Start(Tag::CodeBlock(_)) => self.code_block(i),
                _ => self.one(i),
            };
        }
    }

    /// The event at `i`, taken out of the input.
    fn take(&mut self, i: usize) -> Event<'a> {
        std::mem::replace(&mut self.events[i].0, Event::SoftBreak)
    }

    /// The index of the end of the element opened at `i`.
    fn end_of(&self, i: usize) -> usize {
        let mut depth = 0usize;
        for (j, (event, _)) in self.events.iter().enumerate().skip(i + 1) {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => return j,
                Event::End(_) => depth -= 1,
                _ => {}
            }
        }
        self.events.len()
    }

    fn text_between(&self, from: usize, to: usize) -> String {
        events_text(self.events[from..to.min(self.events.len())].iter().map(|(e, _)| e))
    }

    /// A heading: its anchor comes from its own text (references unresolved); its level and
    /// id are holes, so a page that embeds the body can shift and prefix them.
    fn heading(&mut self, i: usize) -> usize {
        let end = self.end_of(i);
        let Event::Start(Tag::Heading { level, id, classes, attrs }) = self.take(i) else {
            return i + 1;
        };
        let text = self.text_between(i + 1, end);
        if let Some(explicit) = id.as_deref() {
            if let Some(owner) = self.headings.iter().find(|h| h.anchor == explicit) {
                self.problems.push(Problem {
                    offset: self.events[i].1.start,
                    message: format!("the heading id `{explicit}` is already the id of the heading \"{}\"", owner.text),
                    help: "give this heading another id with `{#...}`, or remove the `{#...}` to let it be numbered"
                        .to_owned(),
                });
            }
        }
        let anchor = self.anchors.unique(id.as_deref(), &text);
        let level = level as u8;
        let heading = self.headings.len() as u32;
        self.headings.push(Heading { anchor, text, level, offset: self.events[i].1.start });
        self.holes.push(Hole::HeadingStart { heading, attrs: heading_attrs(&classes, &attrs) });
        self.out.push(Event::InlineHtml(MARKER.into()));
        let mut j = i + 1;
        while j < end {
            j = self.one(j);
        }
        self.holes.push(Hole::HeadingEnd { heading });
        self.out.push(Event::InlineHtml(MARKER.into()));
        end + 1
    }

    /// A code block, highlighted once here.
    fn code_block(&mut self, i: usize) -> usize {
        let end = self.end_of(i);
        let Event::Start(Tag::CodeBlock(kind)) = self.take(i) else {
            return i + 1;
        };
        let code = self.text_between(i + 1, end);
        self.out.push(Event::Html(code_block(&kind, &code).into()));
        end + 1
    }

    /// One inline or block event. A cross-reference's opening becomes a hole (except inside
    /// an image's text, where HTML shows no links); the text of a `[[id]]` without its own
    /// text becomes a label hole.
    fn one(&mut self, i: usize) -> usize {
        let event = self.take(i);
        let at = self.events[i].1.start;
        match &event {
            Event::Start(Tag::Image { link_type: LinkType::WikiLink { .. }, dest_url, .. }) => {
                self.image_depth += 1;
                self.problems.push(Problem {
                    offset: at,
                    message: format!("`![[{dest_url}]]` would show the page `{dest_url}` as a picture"),
                    help: format!(
                        "write `[[{dest_url}]]` for a link to it, or `![what it shows](picture.png)` for a picture"
                    ),
                });
            }
            Event::Start(Tag::Image { .. }) => self.image_depth += 1,
            Event::End(TagEnd::Image) => self.image_depth = self.image_depth.saturating_sub(1),
            Event::Start(Tag::TableCell) => self.cell = Some((at, String::new())),
            Event::End(TagEnd::TableCell) => self.check_split_reference(),
            Event::Text(text) => {
                if let Some((_, cell)) = &mut self.cell {
                    cell.push_str(text);
                }
            }
            _ => {}
        }
        let Event::Start(Tag::Link { link_type, dest_url, title, .. }) = &event else {
            self.out.push(event);
            return i + 1;
        };
        let Some((target, anchor)) = reference(*link_type, dest_url) else {
            self.out.push(event);
            return i + 1;
        };
        self.refs.push(RefUse {
            target: target.to_owned(),
            anchor: anchor.map(str::to_owned),
            offset: self.events[i].1.start,
        });
        if self.image_depth > 0 {
            self.out.push(event);
            return i + 1;
        }
        let labelled = shows_label(*link_type);
        let end = if labelled { self.end_of(i) } else { i + 1 };
        self.holes.push(Hole::Link {
            reference: self.refs.len() as u32 - 1,
            title: (!title.is_empty()).then(|| title.as_ref().into()),
        });
        self.out.push(Event::InlineHtml(MARKER.into()));
        if labelled {
            self.holes.push(Hole::Label);
            self.out.push(Event::InlineHtml(MARKER.into()));
        }
        end
    }
}

impl Compiler<'_> {
    /// A `[[id|text]]` in a table cell is cut by the table's `|` into `[[id` and `text]]`
    /// (the text would land in the next cell, the reference would be lost): an error with
    /// the escape that makes it work.
    fn check_split_reference(&mut self) {
        let Some((at, text)) = self.cell.take() else { return };
        let Some(open) = text.rfind("[[") else { return };
        if text[open..].contains("]]") {
            return;
        }
        let id = text[open + 2..].trim();
        self.problems.push(Problem {
            offset: at,
            message: format!(
                "the table's `|` cuts the reference `[[{id}|...]]` in two, and its text would move to the next cell"
            ),
            help: format!("escape the bar inside a table: `[[{id}\\|your text]]`"),
        });
    }
}

type Attrs<'a> = [(CowStr<'a>, Option<CowStr<'a>>)];

/// ` class="a b" key="value"`: a heading's attributes besides its id, as HTML.
fn heading_attrs(classes: &[CowStr<'_>], attrs: &Attrs<'_>) -> Option<Box<str>> {
    if classes.is_empty() && attrs.is_empty() {
        return None;
    }
    let mut out = String::new();
    if !classes.is_empty() {
        let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
        out.push_str(&format!(" class=\"{}\"", escape(&joined.join(" "))));
    }
    for (name, value) in attrs {
        out.push_str(&format!(" {}=\"{}\"", escape(name), escape(value.as_deref().unwrap_or(""))));
    }
    Some(out.into())
}

/// What the page that shows a body decides, at one place of the body's HTML. Holes point
/// into the scan's headings and references instead of copying them (every body of the site
/// is kept for the whole build).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Hole {
    /// `<hN id="...">` of a heading (index into [`Scan::headings`]): the level may be shifted
    /// and the id prefixed. `attrs`: its other attributes as HTML.
    HeadingStart { heading: u32, attrs: Option<Box<str>> },
    /// `</hN>`.
    HeadingEnd { heading: u32 },
    /// `<a href="...">` of a cross-reference (index into [`Scan::refs`]).
    Link { reference: u32, title: Option<Box<str>> },
    /// The number and title of the link just opened (`[[id]]` without text of its own).
    Label,
}

/// A body's HTML, rendered once, with holes where the page that shows it decides: heading
/// levels and ids, and the URL and label of each cross-reference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compiled {
    /// The HTML around the holes.
    html: String,
    /// Each hole with the byte offset in `html` where it goes, in order.
    holes: Vec<(u32, Hole)>,
}

impl Compiled {
    /// Takes HTML with a [`MARKER`] where each hole goes (the compiler's output; NUL never
    /// reaches it otherwise) and keeps the offsets instead of the markers.
    fn from_marked(marked: &str, holes: Vec<Hole>) -> Compiled {
        let mut html = String::with_capacity(marked.len());
        let mut at = Vec::with_capacity(holes.len());
        debug_assert_eq!(marked.matches(MARKER).count(), holes.len(), "one marker per hole");
        let mut pieces = marked.split(MARKER);
        html.push_str(pieces.next().unwrap_or_default());
        for (hole, piece) in holes.into_iter().zip(pieces) {
            at.push((html.len() as u32, hole));
            html.push_str(piece);
        }
        Compiled { html, holes: at }
    }

    /// The size of the HTML without its holes filled: about the size of the result.
    pub fn len(&self) -> usize {
        self.html.len()
    }

    /// True for an empty body.
    pub fn is_empty(&self) -> bool {
        self.html.is_empty()
    }
}

impl Scan {
    /// The body's HTML in one page: references resolved by `resolver`, headings placed by
    /// `embedding`.
    pub fn render(&self, resolver: &dyn Resolver, embedding: &Embedding) -> String {
        let mut out = String::with_capacity(self.html.len() + self.html.holes.len() * 48);
        self.render_into(&mut out, &self.resolve(resolver), embedding);
        out
    }

    /// The target of each reference, in order, as `resolver` finds it.
    pub fn resolve(&self, resolver: &dyn Resolver) -> Vec<Option<Resolved>> {
        self.refs.iter().map(|r| resolver.resolve(&r.target, r.anchor.as_deref())).collect()
    }

    /// Appends the body's HTML to `out`, with `resolved` (from [`Scan::resolve`]) for its
    /// references.
    pub fn render_into(&self, out: &mut String, resolved: &[Option<Resolved>], embedding: &Embedding) {
        let start = out.len();
        let html = &self.html.html;
        let mut from = 0;
        let mut last: Option<u32> = None;
        let level = |h: &u32| self.headings.get(*h as usize).map_or(6, |h| (h.level + embedding.heading_shift).min(6));
        for (at, hole) in &self.html.holes {
            let at = *at as usize;
            out.push_str(&html[from..at]);
            from = at;
            match hole {
                Hole::HeadingStart { heading, attrs } => {
                    if out.len() > start && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    out.push_str(&format!("<h{} id=\"", level(heading)));
                    let _ = pulldown_cmark_escape::escape_html(&mut *out, &embedding.anchor_prefix);
                    if let Some(h) = self.headings.get(*heading as usize) {
                        let _ = pulldown_cmark_escape::escape_html(&mut *out, &h.anchor);
                    }
                    out.push('"');
                    out.push_str(attrs.as_deref().unwrap_or_default());
                    out.push('>');
                }
                Hole::HeadingEnd { heading } => {
                    out.push_str(&format!("</h{}>", level(heading)));
                    if !html[at..].starts_with('\n') {
                        out.push('\n');
                    }
                }
                Hole::Link { reference, title } => {
                    let target = resolved.get(*reference as usize).and_then(Option::as_ref);
                    out.push_str("<a href=\"");
                    let _ = pulldown_cmark_escape::escape_href(&mut *out, target.map_or("#", |r| &r.url));
                    if let Some(title) = title {
                        out.push_str("\" title=\"");
                        let _ = pulldown_cmark_escape::escape_html(&mut *out, title);
                    }
                    out.push_str("\">");
                    last = Some(*reference);
                }
                Hole::Label => self.label_into(out, last, resolved),
            }
        }
        out.push_str(&html[from..]);
    }

    /// The number and title of reference `reference`; a target that does not exist shows
    /// the reference as written.
    fn label_into(&self, out: &mut String, reference: Option<u32>, resolved: &[Option<Resolved>]) {
        let Some(reference) = reference else { return };
        if let Some(Some(target)) = resolved.get(reference as usize) {
            out.push_str(&reference_label(target));
        } else if let Some(r) = self.refs.get(reference as usize) {
            let _ = pulldown_cmark_escape::escape_html(&mut *out, &r.target);
            if let Some(anchor) = &r.anchor {
                out.push('#');
                let _ = pulldown_cmark_escape::escape_html(&mut *out, anchor);
            }
        }
    }
}

/// Adds an event's words to a plain-text rendering (blocks and breaks become spaces).
/// The body's text as a reader sees it, for search: the text of a `[[id]]` without its own
/// text is the target's label, which only the page that shows the body knows, so it is left
/// out and its place noted as `(byte offset in the text, index into the scan's references)`.
fn reader_text(events: &[(Event<'_>, Range<usize>)]) -> (String, Vec<(usize, u32)>) {
    let mut text = String::new();
    let mut labels = Vec::new();
    let mut references = 0u32;
    let mut in_label = false;
    for (event, _) in events {
        if let Event::Start(Tag::Link { link_type, dest_url, .. }) = event {
            if reference(*link_type, dest_url).is_some() {
                references += 1;
                if shows_label(*link_type) {
                    labels.push((text.len(), references - 1));
                    in_label = true;
                    continue;
                }
            }
        }
        if in_label {
            in_label = !matches!(event, Event::End(TagEnd::Link));
            continue;
        }
        collect_text(event, &mut text);
    }
    (text, labels)
}

fn collect_text(event: &Event<'_>, text: &mut String) {
    match event {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak | Event::End(_) if !text.ends_with(' ') => text.push(' '),
        _ => {}
    }
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

fn events_text<'e>(events: impl Iterator<Item = &'e Event<'e>>) -> String {
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
    label_html(r.number.as_deref(), &r.title, r.title_lang.as_deref())
}

/// How every link to a page shows it, in bodies and in the theme's lists alike: the number
/// isolated (`<bdi class="num">2.1.3</bdi>`), then the name (a short title, or a title without
/// its final period, so a sentence that ends on a reference never ends "..").
/// A name in another language than the text around it is isolated and marked
/// (`<bdi lang="ar">...</bdi>`), so its direction and punctuation stay its own.
pub fn label_html(number: Option<&str>, title: &str, title_lang: Option<&str>) -> String {
    let title = title.strip_suffix('.').filter(|t| !t.ends_with('.')).unwrap_or(title);
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

fn code_block(kind: &CodeBlockKind<'_>, code: &str) -> String {
    let lang = match kind {
        CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
        CodeBlockKind::Indented => "",
    };
    if let Some(html) = highlight::highlight(lang, code) {
        return html.to_string();
    }
    // The class Markdown tools and stylesheets expect, for every info string.
    match lang {
        "" => format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code)),
        lang => {
            format!("<pre class=\"code\"><code class=\"language-{}\">{}</code></pre>\n", escape(lang), escape(code))
        }
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
        assert_eq!(scan.search.words, "see and that standard");
        assert_eq!(scan.search.snippet, "See ,  and that standard .");
        assert_eq!(scan.search.labels, [(4, 0), (6, 1)]);
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

    proptest::proptest! {
        /// Every heading has its two holes and every hole sits in order inside the HTML, on a
        /// character boundary, so rendering neither drops text nor leaves a NUL behind.
        #[test]
        fn every_hole_has_its_place(body in "([\\[\\]#a-z0-9 .|!()*`{}\n\0-]|id:|\\[\\[|\\]\\]|\n## |\n```\n){0,40}") {
            let scan = scan(&body);
            let html = &scan.html.html;
            proptest::prop_assert!(!html.contains('\0'), "{:?}", body);
            let starts = scan.html.holes.iter().filter(|(_, h)| matches!(h, Hole::HeadingStart { .. })).count();
            proptest::prop_assert_eq!(starts, scan.headings.len(), "{:?}", body);
            let offsets: Vec<usize> = scan.html.holes.iter().map(|(at, _)| *at as usize).collect();
            proptest::prop_assert!(offsets.windows(2).all(|w| w[0] <= w[1]), "{:?}", body);
            proptest::prop_assert!(offsets.iter().all(|&at| html.is_char_boundary(at)), "{:?}", body);
            let html = scan.render(&Fixed, &Embedding { anchor_prefix: "p--".into(), heading_shift: 2 });
            proptest::prop_assert!(!html.contains('\0'), "{:?} gave {:?}", body, html);
        }
    }
}
