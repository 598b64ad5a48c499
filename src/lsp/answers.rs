//! What the editor shows about references while an author types: completion of ids and
//! anchors, hover cards, and the name after each bare `[[id]]` (inlay hints). Names are in
//! the language of the file being edited, with the original's when it is not translated.

use super::text::{self, Typing};
use crate::site::{Page, Site};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionTextEdit, Documentation, Hover, HoverContents,
    InlayHint, InlayHintKind, InlayHintLabel, MarkupContent, MarkupKind, Position, Range, TextEdit,
};

/// At most this many completion items; more matches make the list incomplete, so the editor
/// asks again as the author types on.
const MOST_ITEMS: usize = 200;

/// Completion at the end of `before` (the line up to the cursor) in a file in `lang`.
pub(super) fn complete(site: &Site, lang: &str, before: &str, cursor: Position) -> Option<CompletionList> {
    let (items, complete) = match text::typing(before)? {
        Typing::Id(typed) => ids(site, lang, typed, cursor),
        Typing::Anchor(id, typed) => (anchors(site, lang, id, typed, cursor)?, true),
    };
    Some(CompletionList { is_incomplete: !complete, items })
}

/// Pages whose id starts with `typed`, or whose name in `lang` holds it (case aside).
fn ids(site: &Site, lang: &str, typed: &str, cursor: Position) -> (Vec<CompletionItem>, bool) {
    let range = typed_range(typed, cursor);
    let wanted = typed.to_lowercase();
    let matching = site
        .pages
        .iter()
        .filter(|page| page.id.starts_with(typed) || site.short_title(page, lang).0.to_lowercase().contains(&wanted));
    let items: Vec<CompletionItem> =
        matching.take(MOST_ITEMS + 1).map(|page| id_item(site, page, lang, range)).collect();
    let complete = items.len() <= MOST_ITEMS;
    (items.into_iter().take(MOST_ITEMS).collect(), complete)
}

fn id_item(site: &Site, page: &Page, lang: &str, range: Range) -> CompletionItem {
    let (name, _) = site.short_title(page, lang);
    let (title, _) = site.title(page, lang);
    CompletionItem {
        label: page.id.clone(),
        kind: Some(if page.kind.is_framework() { CompletionItemKind::REFERENCE } else { CompletionItemKind::FILE }),
        detail: Some(name.to_owned()),
        documentation: (title != name).then(|| Documentation::String(title.to_owned())),
        // Typing words of the name finds the page too.
        filter_text: Some(format!("{} {name}", page.id)),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, page.id.clone()))),
        ..CompletionItem::default()
    }
}

/// The headings of page `id` (its version in `lang`) whose anchor starts with `typed`.
fn anchors(site: &Site, lang: &str, id: &str, typed: &str, cursor: Position) -> Option<Vec<CompletionItem>> {
    let page = site.page(id)?;
    let (b, _) = site.body_version(page, lang);
    let range = typed_range(typed, cursor);
    let items = site.outlines[b]
        .headings
        .iter()
        .filter(|h| h.anchor.starts_with(typed))
        .map(|h| CompletionItem {
            label: h.anchor.clone(),
            kind: Some(CompletionItemKind::REFERENCE),
            detail: Some(h.text.clone()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, h.anchor.clone()))),
            ..CompletionItem::default()
        })
        .collect();
    Some(items)
}

/// The range of what was typed just before the cursor.
fn typed_range(typed: &str, cursor: Position) -> Range {
    let units: usize = typed.chars().map(char::len_utf16).sum();
    Range::new(Position::new(cursor.line, cursor.character.saturating_sub(units as u32)), cursor)
}

/// The card of page `id` (and `#anchor`) as a file in `lang` refers to it: number and name,
/// full title (an indicator's statement), where it belongs, and the original's name when the
/// page is not translated into `lang`.
pub(super) fn card(site: &Site, lang: &str, id: &str, anchor: Option<&str>) -> Option<String> {
    let page = site.page(id)?;
    let (name, name_lang) = site.short_title(page, lang);
    let (title, _) = site.title(page, lang);
    let number = page.number.as_ref().map(|_| format!("{id} ")).unwrap_or_default();
    let mut card = format!("**{number}{name}** ({})", page.kind.as_str());
    if title != name {
        card.push_str(&format!("\n\n{title}"));
    }
    if let Some(parent) = page.parent.map(|p| &site.pages[p]) {
        card.push_str(&format!("\n\nPart of {} {}", parent.id, site.short_title(parent, lang).0));
    }
    if let Some(original) = name_lang {
        card.push_str(&format!("\n\n_Not translated into `{lang}`: shown in `{original}`._"));
    }
    if let Some(anchor) = anchor {
        let (b, _) = site.body_version(page, lang);
        let heading = site.outlines[b].headings.iter().find(|h| h.anchor == anchor);
        card.push_str(&match heading {
            Some(h) => format!("\n\nSection: {}", h.text),
            None => format!("\n\n**No heading `#{anchor}` on this page.**"),
        });
    }
    Some(card)
}

/// The pages that refer to page `id`, for the hover of the id in its own front matter.
pub(super) fn referred_by(site: &Site, lang: &str, id: &str) -> Option<String> {
    let page = site.page(id)?;
    if page.backlinks.is_empty() {
        return Some(format!("**{id}**: no page refers to it."));
    }
    let lines: Vec<String> = page
        .backlinks
        .iter()
        .map(|&b| {
            let from = &site.pages[b];
            format!("- {} {}", from.id, site.short_title(from, lang).0)
        })
        .collect();
    Some(format!("**{id}** is referred to by {} pages:\n\n{}", lines.len(), lines.join("\n")))
}

/// A hover of markdown `text` over `range`.
pub(super) fn hover(text: String, range: Range) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
        range: Some(range),
    }
}

/// The name of the target after each bare `[[id]]` of `text` (a whole file in `lang`), so a
/// wrong number is seen at a glance; an unknown id gets none (the check reports it).
pub(super) fn inlay_hints(site: &Site, lang: &str, text: &str) -> Vec<InlayHint> {
    text::references(text)
        .into_iter()
        .filter(|r| r.bare)
        .filter_map(|r| {
            let page = site.page(&text[r.id.clone()])?;
            let (name, _) = site.short_title(page, lang);
            Some(InlayHint {
                position: text::position(text, r.whole.end),
                label: InlayHintLabel::String(name.trim_end_matches('.').to_owned()),
                kind: Some(InlayHintKind::TYPE),
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}
