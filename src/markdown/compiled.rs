//! A body's HTML, compiled once and shown by many pages: the HTML around its holes, and
//! how a page fills them (heading levels and ids, reference URLs and labels).

use super::compile::MARKER;
use super::{reference_label, Embedding, Outline, Resolved, Resolver};
use crate::words::BodyWords;

/// What the page that shows a body decides, at one place of the body's HTML. Holes point
/// into the scan's headings and references instead of copying them (every body of the site
/// is kept for the whole build).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Hole {
    /// `<hN id="...">` of a heading (index into [`Outline::headings`]): the level may be shifted
    /// and the id prefixed. `attrs`: its other attributes as HTML.
    HeadingStart { heading: u32, attrs: Option<Box<str>> },
    /// `</hN>`.
    HeadingEnd { heading: u32 },
    /// `<a href="...">` of a cross-reference (index into [`Outline::refs`]).
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
    /// What the search index needs of the body.
    pub words: BodyWords,
}

impl Compiled {
    /// Takes HTML with a [`MARKER`] where each hole goes (the compiler's output; NUL never
    /// reaches it otherwise) and keeps the offsets instead of the markers.
    pub(super) fn from_marked(marked: &str, holes: Vec<Hole>, words: BodyWords) -> Compiled {
        let mut html = String::with_capacity(marked.len());
        let mut at = Vec::with_capacity(holes.len());
        debug_assert_eq!(marked.matches(MARKER).count(), holes.len(), "one marker per hole");
        let mut pieces = marked.split(MARKER);
        html.push_str(pieces.next().unwrap_or_default());
        for (hole, piece) in holes.into_iter().zip(pieces) {
            at.push((html.len() as u32, hole));
            html.push_str(piece);
        }
        Compiled { html, holes: at, words }
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

impl Compiled {
    /// The body's HTML in one page: references resolved by `resolver`, headings placed by
    /// `embedding`.
    pub fn render(&self, outline: &Outline, resolver: &dyn Resolver, embedding: &Embedding) -> String {
        let mut out = String::with_capacity(self.html.len() + self.holes.len() * 48);
        self.render_into(outline, &mut out, &outline.resolve(resolver), embedding);
        out
    }

    /// Appends the body's HTML to `out`, with `resolved` (from [`Outline::resolve`]) for its
    /// references; `outline` is the body's own.
    pub fn render_into(
        &self,
        outline: &Outline,
        out: &mut String,
        resolved: &[Option<Resolved>],
        embedding: &Embedding,
    ) {
        let start = out.len();
        let html = &self.html;
        let mut from = 0;
        let mut last: Option<u32> = None;
        for (at, hole) in &self.holes {
            let at = *at as usize;
            out.push_str(&html[from..at]);
            from = at;
            match hole {
                Hole::HeadingStart { heading, attrs } => {
                    if out.len() > start && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    heading_start(outline, *heading, attrs.as_deref(), embedding, out);
                }
                Hole::HeadingEnd { heading } => {
                    out.push_str(&format!("</h{}>", level(outline, *heading, embedding)));
                    if !html[at..].starts_with('\n') {
                        out.push('\n');
                    }
                }
                Hole::Link { reference, title } => {
                    let target = resolved.get(*reference as usize).and_then(Option::as_ref);
                    link_start(target, title.as_deref(), out);
                    last = Some(*reference);
                }
                Hole::Label => label_into(outline, out, last, resolved),
            }
        }
        out.push_str(&html[from..]);
    }
}

/// The level heading `heading` shows at: its own, shifted by the embedding, at most 6.
fn level(outline: &Outline, heading: u32, embedding: &Embedding) -> u8 {
    outline.headings.get(heading as usize).map_or(6, |h| (h.level + embedding.heading_shift).min(6))
}

/// `<hN id="prefix-anchor" attrs>`.
fn heading_start(outline: &Outline, heading: u32, attrs: Option<&str>, embedding: &Embedding, out: &mut String) {
    out.push_str(&format!("<h{} id=\"", level(outline, heading, embedding)));
    let _ = pulldown_cmark_escape::escape_html(&mut *out, &embedding.anchor_prefix);
    if let Some(h) = outline.headings.get(heading as usize) {
        let _ = pulldown_cmark_escape::escape_html(&mut *out, &h.anchor);
    }
    out.push('"');
    out.push_str(attrs.unwrap_or_default());
    out.push('>');
}

/// `<a href="url" title="title">`; a target that does not exist links to `#`.
fn link_start(target: Option<&Resolved>, title: Option<&str>, out: &mut String) {
    out.push_str("<a href=\"");
    let _ = pulldown_cmark_escape::escape_href(&mut *out, target.map_or("#", |r| &r.url));
    if let Some(title) = title {
        out.push_str("\" title=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut *out, title);
    }
    out.push_str("\">");
}

/// The number and title of reference `reference`; a target that does not exist shows
/// the reference as written.
fn label_into(outline: &Outline, out: &mut String, reference: Option<u32>, resolved: &[Option<Resolved>]) {
    let Some(reference) = reference else { return };
    if let Some(Some(target)) = resolved.get(reference as usize) {
        out.push_str(&reference_label(target));
    } else if let Some(r) = outline.refs.get(reference as usize) {
        let _ = pulldown_cmark_escape::escape_html(&mut *out, &r.target);
        if let Some(anchor) = &r.anchor {
            out.push('#');
            let _ = pulldown_cmark_escape::escape_html(&mut *out, anchor);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every target exists, at `<id>.html`.
    struct Any;
    impl Resolver for Any {
        fn resolve(&self, id: &str, _: Option<&str>) -> Option<Resolved> {
            Some(Resolved { url: format!("{id}.html"), number: None, title: id.to_owned(), title_lang: None })
        }
    }

    proptest::proptest! {
        /// Every heading has its two holes and every hole sits in order inside the HTML, on a
        /// character boundary, so rendering neither drops text nor leaves a NUL behind.
        #[test]
        fn every_hole_has_its_place(body in "([\\[\\]#a-z0-9 .|!()*`{}\n\0-]|id:|\\[\\[|\\]\\]|\n## |\n```\n){0,40}") {
            let scan = super::super::scan(&body);
            let html = &scan.compiled.html;
            proptest::prop_assert!(!html.contains('\0'), "{:?}", body);
            let starts = scan.compiled.holes.iter().filter(|(_, h)| matches!(h, Hole::HeadingStart { .. })).count();
            proptest::prop_assert_eq!(starts, scan.outline.headings.len(), "{:?}", body);
            let offsets: Vec<usize> = scan.compiled.holes.iter().map(|(at, _)| *at as usize).collect();
            proptest::prop_assert!(offsets.windows(2).all(|w| w[0] <= w[1]), "{:?}", body);
            proptest::prop_assert!(offsets.iter().all(|&at| html.is_char_boundary(at)), "{:?}", body);
            let html = scan.render(&Any, &Embedding { anchor_prefix: "p--".into(), heading_shift: 2 });
            proptest::prop_assert!(!html.contains('\0'), "{:?} gave {:?}", body, html);
        }
    }
}
