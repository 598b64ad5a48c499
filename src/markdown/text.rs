//! The text of a body as a reader sees it, without markup: for the search index and exports.

use super::{reference, shows_label};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// The body's text as a reader sees it, for search: the text of a `[[id]]` without its own
/// text is the target's label, which only the page that shows the body knows, so it is left
/// out and its place noted as `(byte offset in the text, index into the scan's references)`.
pub(super) fn reader_text(events: &[(Event<'_>, Range<usize>)]) -> (String, Vec<(usize, u32)>) {
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

/// Adds an event's words to a plain-text rendering (blocks and breaks become spaces).
pub(super) fn collect_text(event: &Event<'_>, text: &mut String) {
    match event {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak | Event::End(_) if !text.ends_with(' ') => text.push(' '),
        _ => {}
    }
}

pub(super) fn events_text<'e>(events: impl Iterator<Item = &'e Event<'e>>) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text
}
