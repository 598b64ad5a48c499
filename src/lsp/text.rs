//! Places in a page's text: LSP positions (lines and UTF-16 columns) to byte offsets and
//! back, file paths to URIs and back, and the cross-references written on a line.

use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The byte offset of an LSP position in `text` (clamped to the line's end).
pub(super) fn offset(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
    let mut units = 0;
    for (i, c) in text[line_start..line_end].char_indices() {
        if units >= position.character as usize {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    line_end
}

/// The LSP position of a byte offset of `text`.
pub(super) fn position(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    Position::new(line as u32, character as u32)
}

/// The LSP range of bytes `from..to` of `text`.
pub(super) fn range(text: &str, from: usize, to: usize) -> Range {
    Range::new(position(text, from), position(text, to))
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The byte offset of 1-based `line` and `column` (in characters), as diagnostics count.
pub(super) fn offset_of_line_col(text: &str, line: usize, column: usize) -> usize {
    let line_start = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>();
    let rest = &text[line_start.min(text.len())..];
    let chars = column.saturating_sub(1);
    line_start + rest.char_indices().nth(chars).map_or(rest.find('\n').unwrap_or(rest.len()), |(i, _)| i)
}

/// Bytes that stay as they are in a `file:` URI's path.
const PATH: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'/').remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The `file:` URI of an absolute path.
pub(super) fn uri_of(path: &Path) -> Option<Uri> {
    let encoded = percent_encoding::utf8_percent_encode(&path.to_string_lossy(), PATH).to_string();
    Uri::from_str(&format!("file://{encoded}")).ok()
}

/// The path a `file:` URI names.
pub(super) fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let path = rest.find('/').map(|i| &rest[i..])?;
    Some(PathBuf::from(percent_encoding::percent_decode_str(path).decode_utf8().ok()?.into_owned()))
}

/// A cross-reference as written: `[[id#anchor|text]]`, `[text](id:id#anchor)` or
/// `<id:id#anchor>`, with byte ranges into the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Written {
    /// The whole reference.
    pub(super) whole: std::ops::Range<usize>,
    /// The id.
    pub(super) id: std::ops::Range<usize>,
    /// The anchor after `#`, if any.
    pub(super) anchor: Option<std::ops::Range<usize>>,
    /// True for `[[id]]` and `<id:...>`, which show the target's number and name.
    pub(super) bare: bool,
}

/// Every cross-reference written in `text` (a line, or a whole body), in order.
pub(super) fn references(text: &str) -> Vec<Written> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some((start, open, close)) = next_opener(text, from) {
        let inner_start = start + open.len();
        let Some(len) = text[inner_start..].find(close) else {
            from = inner_start;
            continue;
        };
        let inner = &text[inner_start..inner_start + len];
        let target_len = match open {
            "[[" => inner.find('|').map_or(inner.len(), |i| i.saturating_sub(usize::from(inner[..i].ends_with('\\')))),
            _ => inner.len(),
        };
        let target = &inner[..target_len];
        let (id_len, anchor) = match target.find('#') {
            Some(h) => (h, Some(inner_start + h + 1..inner_start + target_len)),
            None => (target_len, None),
        };
        let whole_start = if open == "](id:" { text[..start].rfind('[').unwrap_or(start) } else { start };
        found.push(Written {
            whole: whole_start..inner_start + len + close.len(),
            id: inner_start..inner_start + id_len,
            anchor,
            bare: open != "](id:" && (open == "<id:" || !inner.contains('|')),
        });
        from = inner_start + len + close.len();
    }
    found
}

/// The next `[[`, `](id:` or `<id:` from `from`, with its closing.
fn next_opener(text: &str, from: usize) -> Option<(usize, &'static str, &'static str)> {
    [("[[", "]]"), ("](id:", ")"), ("<id:", ">")]
        .into_iter()
        .filter_map(|(open, close)| text[from..].find(open).map(|i| (from + i, open, close)))
        .min_by_key(|(at, _, _)| *at)
}

/// What is being typed at the end of `before` (the line up to the cursor) inside a reference
/// not closed yet: the id typed so far, or the page and the anchor typed so far after `#`.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Typing<'a> {
    /// `[[2.1` : the id so far.
    Id(&'a str),
    /// `[[2.1.3#evi`: the page, and the anchor so far.
    Anchor(&'a str, &'a str),
}

/// See [`Typing`]; `None` outside an open reference (or in its own text after `|`).
pub(super) fn typing(before: &str) -> Option<Typing<'_>> {
    let (at, open, close) = ["[[", "(id:", "<id:"]
        .into_iter()
        .zip(["]]", ")", ">"])
        .filter_map(|(open, close)| before.rfind(open).map(|i| (i, open, close)))
        .max_by_key(|(at, _, _)| *at)?;
    let typed = &before[at + open.len()..];
    if typed.contains(close) || typed.contains('|') || typed.contains(char::is_whitespace) {
        return None;
    }
    Some(match typed.split_once('#') {
        Some((page, anchor)) => Typing::Anchor(page, anchor),
        None => Typing::Id(typed),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let text = "ab\nдé😀x\n";
        let x = text.find('x').expect("x is there");
        assert_eq!(position(text, x), Position::new(1, 4));
        assert_eq!(offset(text, Position::new(1, 4)), x);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
        assert_eq!(offset_of_line_col(text, 2, 4), x);
    }

    #[test]
    fn references_of_every_form_are_found_with_their_parts() {
        let line = "See [[2.1.3]], [[2.1#how|how]], [it](id:about#team) and <id:4>.";
        let found = references(line);
        let ids: Vec<&str> = found.iter().map(|r| &line[r.id.clone()]).collect();
        assert_eq!(ids, ["2.1.3", "2.1", "about", "4"]);
        assert_eq!(found[1].anchor.clone().map(|a| &line[a]), Some("how"));
        assert_eq!(&line[found[2].whole.clone()], "[it](id:about#team)");
        assert_eq!(found.iter().map(|r| r.bare).collect::<Vec<_>>(), [true, false, false, true]);
        let cell = "| [[1.1\\|x]] |";
        assert_eq!(&cell[references(cell)[0].id.clone()], "1.1");
    }

    #[test]
    fn typing_knows_ids_and_anchors_inside_open_references() {
        assert_eq!(typing("See [[2.1"), Some(Typing::Id("2.1")));
        assert_eq!(typing("See [it](id:2.1.3#ev"), Some(Typing::Anchor("2.1.3", "ev")));
        assert_eq!(typing("See [[2.1]] and "), None);
        assert_eq!(typing("See [[2.1|its"), None);
        assert_eq!(typing("<id:"), Some(Typing::Id("")));
    }

    #[test]
    fn uris_round_trip_with_spaces_and_letters_of_any_script() {
        let path = Path::new("/tmp/my site/content/доступ.md");
        let uri = uri_of(path).expect("a valid URI");
        assert!(uri.as_str().starts_with("file:///tmp/my%20site/"), "{}", uri.as_str());
        assert_eq!(path_of(&uri).as_deref(), Some(path));
    }
}
