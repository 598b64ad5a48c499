//! Compiling a body's Markdown events into HTML with holes ([`Hole`]) where the page that
//! shows it decides, collecting its outline (headings, references, problems) on the way.

use super::compiled::Hole;
use super::highlight;
use super::text::events_text;
use super::{escape, reference, shows_label, Anchors, Heading, Outline, Problem, RefUse};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};
use std::ops::Range;

/// Compiles a body's events: its outline, its HTML with a [`MARKER`] where each hole is, and
/// the holes in order.
pub(super) fn compile(events: Vec<(Event<'_>, Range<usize>)>) -> (Outline, String, Vec<Hole>) {
    let size: usize = events.last().map_or(0, |(_, r)| r.end);
    let mut compiler = Compiler::new(events);
    compiler.run();
    let mut marked = String::with_capacity(size * 3 / 2);
    pulldown_cmark::html::push_html(&mut marked, compiler.out.into_iter());
    let outline = Outline { headings: compiler.headings, refs: compiler.refs, problems: compiler.problems };
    (outline, marked, compiler.holes)
}

/// The marker left in the HTML where a hole is; NUL never reaches the HTML otherwise.
pub(super) const MARKER: char = '\0';

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
        self.track(&event, self.events[i].1.start);
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

    /// Keeps track of where an event at byte `at` is: inside how many images, inside which
    /// table cell with what text (for [`Compiler::check_split_reference`]); `![[id]]` is a
    /// problem.
    fn track(&mut self, event: &Event<'_>, at: usize) {
        match event {
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
