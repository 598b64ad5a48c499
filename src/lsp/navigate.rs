//! Moving through the site from the editor: the definition of a reference (its target's file,
//! in the same language when translated), every reference to a page or a heading across files
//! and languages, renaming a slug id or a heading anchor everywhere, and symbols.

use super::text;
use crate::site::{Page, Site, SourceIdx};
use crate::source::Source;
use lsp_types::{Location, Position, Range, SymbolInformation, SymbolKind, TextEdit, Uri, WorkspaceEdit};
use std::collections::HashMap;

/// Where `id` (with `#anchor`) is defined, for a file in `lang`: its version in `lang` when
/// there is one, at the heading when an anchor is given.
pub(super) fn definition(site: &Site, lang: &str, id: &str, anchor: Option<&str>) -> Option<Location> {
    let page = site.page(id)?;
    let (s, _) = match anchor {
        Some(_) => site.body_version(page, lang),
        None => site.version(page, lang),
    };
    let source = &site.sources[s];
    let at = anchor
        .and_then(|a| site.outlines[s].headings.iter().find(|h| h.anchor == a))
        .map_or(0, |h| source.body_offset + h.offset);
    Some(Location::new(text::uri_of(&source.file)?, text::range(&source.text, at, at)))
}

/// Every reference to page `id` (and only to `#anchor` when given), in every file and
/// language, with the range of its id (or of its anchor).
pub(super) fn references(site: &Site, id: &str, anchor: Option<&str>) -> Vec<(SourceIdx, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    for (s, source) in site.sources.iter().enumerate() {
        for r in site.outlines[s].refs.iter().filter(|r| r.target == id) {
            if anchor.is_some() && r.anchor.as_deref() != anchor {
                continue;
            }
            let from = source.body_offset + r.offset;
            let written = text::references(&source.text[from..source.text.len().min(from + 2048)]);
            let Some(first) = written.into_iter().next() else { continue };
            let part = match anchor {
                Some(_) => first.anchor,
                None => Some(first.id),
            };
            found.extend(part.map(|p| (s, from + p.start..from + p.end)));
        }
    }
    found
}

/// [`references`] as locations.
pub(super) fn locations(site: &Site, found: &[(SourceIdx, std::ops::Range<usize>)]) -> Vec<Location> {
    found
        .iter()
        .filter_map(|(s, at)| {
            let source = &site.sources[*s];
            Some(Location::new(text::uri_of(&source.file)?, text::range(&source.text, at.start, at.end)))
        })
        .collect()
}

/// Renames the slug id of page `id` to `new`: its `id` in every language, every reference and
/// every `related`/`glossary` entry naming it.
pub(super) fn rename_id(site: &Site, id: &str, new: &str) -> Result<WorkspaceEdit, String> {
    let page = site.page(id).ok_or_else(|| format!("no page has the id `{id}`"))?;
    if page.kind.is_framework() {
        return Err(format!("`{id}` is a framework number: it follows the framework, it is not renamed"));
    }
    if new.is_empty() || !new.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(format!("`{new}` is not a slug: use lower-case letters, digits and `-`"));
    }
    if site.page(new).is_some() {
        return Err(format!("another page already has the id `{new}`"));
    }
    let mut edits = Edits::default();
    for (s, at) in references(site, id, None) {
        edits.add(&site.sources[s], at, new);
    }
    for source in &site.sources {
        for at in front_matter_ids(source, id) {
            edits.add(source, at, new);
        }
    }
    Ok(edits.into_workspace_edit())
}

/// Renames the anchor `old` of page `id`'s headings to `new` in every language version that
/// has it (an explicit `{#new}` on the heading), and every reference to it.
pub(super) fn rename_anchor(site: &Site, id: &str, old: &str, new: &str) -> Result<WorkspaceEdit, String> {
    let page = site.page(id).ok_or_else(|| format!("no page has the id `{id}`"))?;
    if new.is_empty() || new.contains(|c: char| c.is_whitespace() || c == '#' || c == '}' || c == '{') {
        return Err(format!("`{new}` cannot be an anchor: no spaces, `#` or braces"));
    }
    let mut edits = Edits::default();
    for &s in page.versions.values() {
        let source = &site.sources[s];
        if let Some(h) = site.outlines[s].headings.iter().find(|h| h.anchor == old) {
            let (at, replacement) = heading_anchor_edit(source, source.body_offset + h.offset, old, new);
            edits.add(source, at, &replacement);
        }
    }
    for (s, at) in references(site, id, Some(old)) {
        edits.add(&site.sources[s], at, new);
    }
    Ok(edits.into_workspace_edit())
}

/// The edit that gives the heading at byte `at` of `source` the anchor `new`: the explicit
/// `{#old}` replaced, or ` {#new}` added at the end of its line.
fn heading_anchor_edit(source: &Source, at: usize, old: &str, new: &str) -> (std::ops::Range<usize>, String) {
    let line_end = source.text[at..].find('\n').map_or(source.text.len(), |i| at + i);
    let line = &source.text[at..line_end];
    match line.find(&format!("{{#{old}}}")) {
        Some(i) => (at + i + 2..at + i + 2 + old.len(), new.to_owned()),
        None => {
            let end = at + line.trim_end().len();
            (end..end, format!(" {{#{new}}}"))
        }
    }
}

/// Where the front matter of `source` names `id`: its own `id`, and its `related` and
/// `glossary` entries (each a whole word, so `team` in `teamwork` is left alone).
fn front_matter_ids(source: &Source, id: &str) -> Vec<std::ops::Range<usize>> {
    let (start, end) = source.yaml_range;
    let yaml = &source.text[start..end];
    let mut found = Vec::new();
    let mut key = "";
    let mut line_start = start;
    for line in yaml.split_inclusive('\n') {
        if !line.starts_with([' ', '-', '\t']) {
            key = line.split(':').next().unwrap_or_default().trim();
        }
        if matches!(key, "id" | "related" | "glossary") {
            found.extend(whole_words(line, id).map(|i| line_start + i..line_start + i + id.len()));
        }
        line_start += line.len();
    }
    found
}

/// Where `word` stands alone in `line` (not inside a longer id or word).
fn whole_words<'a>(line: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    let part_of_id = |c: char| c.is_alphanumeric() || c == '-' || c == '.' || c == '_';
    line.match_indices(word).map(|(i, _)| i).filter(move |&i| {
        let before = line[..i].chars().next_back();
        let after = line[i + word.len()..].chars().next();
        !before.is_some_and(part_of_id) && !after.is_some_and(part_of_id)
    })
}

/// Text edits gathered by file.
#[derive(Default)]
struct Edits(HashMap<Uri, Vec<TextEdit>>);

impl Edits {
    fn add(&mut self, source: &Source, at: std::ops::Range<usize>, new: &str) {
        if let Some(uri) = text::uri_of(&source.file) {
            let range = text::range(&source.text, at.start, at.end);
            self.0.entry(uri).or_default().push(TextEdit::new(range, new.to_owned()));
        }
    }

    fn into_workspace_edit(self) -> WorkspaceEdit {
        WorkspaceEdit { changes: Some(self.0), ..WorkspaceEdit::default() }
    }
}

/// Every page as a symbol (its id and name in the default language), those whose id or name
/// holds `query` (case aside), at most `most`.
#[allow(deprecated)] // `SymbolInformation::deprecated` must be written, though deprecated.
pub(super) fn workspace_symbols(site: &Site, query: &str, most: usize) -> Vec<SymbolInformation> {
    let query = query.to_lowercase();
    let lang = site.config.default_language.as_str();
    site.pages
        .iter()
        .filter_map(|page| {
            let (name, _) = site.short_title(page, lang);
            let label = format!("{} {name}", page.id);
            if !label.to_lowercase().contains(&query) {
                return None;
            }
            let source = &site.sources[site.default_version(page)];
            Some(SymbolInformation {
                name: label,
                kind: symbol_kind(page),
                tags: None,
                deprecated: None,
                location: Location::new(
                    text::uri_of(&source.file)?,
                    Range::new(Position::new(0, 0), Position::new(0, 0)),
                ),
                container_name: page.parent.map(|p| site.pages[p].id.clone()),
            })
        })
        .take(most)
        .collect()
}

fn symbol_kind(page: &Page) -> SymbolKind {
    if page.kind.is_framework() {
        SymbolKind::NUMBER
    } else {
        SymbolKind::FILE
    }
}

#[cfg(test)]
mod tests {
    use super::whole_words;

    #[test]
    fn whole_words_leave_longer_ids_alone() {
        let found: Vec<usize> = whole_words("related: [team, teamwork, my-team, team]", "team").collect();
        assert_eq!(found, [10, 35]);
    }
}
