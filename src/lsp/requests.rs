//! Answers to the editor's requests at a place of a page: what is under the cursor (a
//! reference, an `id:` line), and the handlers that turn it into completion, hover,
//! definition, references, rename, inlay hints and symbols.

use super::{answers, file_of, navigate, params, text, Server};
use lsp_server::Request;
use lsp_types::{Position, Range, Uri};
use std::path::Path;

/// Where a request points: the file, its text, the byte offset and the position.
pub(super) struct At {
    file: std::path::PathBuf,
    text: String,
    offset: usize,
    position: Position,
    lang: String,
}

impl At {
    /// The cursor's line: where it starts, and its text.
    fn line(&self) -> (usize, &str) {
        let start = self.text[..self.offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[self.offset..].find('\n').map_or(self.text.len(), |i| self.offset + i);
        (start, &self.text[start..end])
    }
}

impl Server<'_> {
    /// Runs `answer` at the position a request names (every position request has the same
    /// `textDocument` and `position`).
    pub(super) fn with_position<T>(
        &self,
        request: Request,
        answer: impl Fn(&Self, &At) -> Result<T, String>,
    ) -> Result<T, String> {
        let params: lsp_types::TextDocumentPositionParams = params(request)?;
        let at = self.at(&params.text_document.uri, params.position).ok_or("not a page of the site")?;
        answer(self, &at)
    }

    pub(super) fn at(&self, uri: &Uri, position: Position) -> Option<At> {
        let file = self.site_file(uri)?;
        let text = self.text_of(&file);
        let offset = text::offset(&text, position);
        Some(At { lang: self.lang_of(&file), file, text, offset, position })
    }

    /// The file a URI names, when it is inside the site (requests about other files are not
    /// the server's: they get no answer, and the file is not read).
    fn site_file(&self, uri: &Uri) -> Option<std::path::PathBuf> {
        file_of(uri).filter(|file| file.starts_with(&self.project.root))
    }

    /// The language of a page file (empty while the site does not load).
    pub(super) fn lang_of(&self, file: &Path) -> String {
        self.workspace.as_ref().map(|w| w.lang_of(file)).unwrap_or_default()
    }

    pub(super) fn site(&self) -> Result<&crate::site::Site, String> {
        self.workspace.as_ref().ok().and_then(|w| w.site.as_ref()).ok_or_else(|| "the site does not load".to_owned())
    }
}

/// The reference written at `at`, if the cursor is on one: its id, its anchor, and whether
/// the cursor is on the anchor.
fn reference_at(at: &At) -> Option<(String, Option<String>, text::Written, usize)> {
    let (line_start, line) = at.line();
    let cursor = at.offset - line_start;
    let written = text::references(line).into_iter().find(|r| r.whole.start <= cursor && cursor <= r.whole.end)?;
    let id = line[written.id.clone()].trim().to_owned();
    let anchor = written.anchor.clone().map(|a| line[a].trim().to_owned());
    Some((id, anchor, written, line_start))
}

/// The id of the page whose front matter holds the cursor's `id:` line.
fn front_matter_id(at: &At) -> Option<String> {
    if !at.text.starts_with("---") {
        return None;
    }
    let end = at.text[3..].find("\n---").map(|i| i + 3)?;
    let value = at.line().1.strip_prefix("id:")?;
    (at.offset <= end).then(|| value.trim().trim_matches(['"', '\'']).to_owned())
}

impl Server<'_> {
    pub(super) fn completion(&self, at: &At) -> Result<Option<lsp_types::CompletionList>, String> {
        let (line_start, _) = at.line();
        Ok(answers::complete(self.site()?, &at.lang, &at.text[line_start..at.offset], at.position))
    }

    pub(super) fn hover(&self, at: &At) -> Result<Option<lsp_types::Hover>, String> {
        let site = self.site()?;
        if let Some((id, anchor, written, line_start)) = reference_at(at) {
            let range = text::range(&at.text, line_start + written.whole.start, line_start + written.whole.end);
            let card = answers::card(site, &at.lang, &id, anchor.as_deref())
                .unwrap_or_else(|| format!("**No page has the id `{id}`.**"));
            return Ok(Some(answers::hover(card, range)));
        }
        let Some(id) = front_matter_id(at) else { return Ok(None) };
        let range = Range::new(Position::new(at.position.line, 0), at.position);
        Ok(answers::referred_by(site, &at.lang, &id).map(|text| answers::hover(text, range)))
    }

    pub(super) fn definition(&self, at: &At) -> Result<Option<lsp_types::Location>, String> {
        let Some((id, anchor, _, _)) = reference_at(at) else { return Ok(None) };
        Ok(navigate::definition(self.site()?, &at.lang, &id, anchor.as_deref()))
    }

    pub(super) fn references(&self, at: &At) -> Result<Vec<lsp_types::Location>, String> {
        let site = self.site()?;
        let (id, anchor) = match reference_at(at) {
            Some((id, anchor, written, line_start)) => {
                let on_anchor = written.anchor.is_some_and(|a| at.offset >= line_start + a.start);
                (id, anchor.filter(|_| on_anchor))
            }
            None => (front_matter_id(at).ok_or("no reference or id here")?, None),
        };
        Ok(navigate::locations(site, &navigate::references(site, &id, anchor.as_deref())))
    }

    pub(super) fn prepare_rename(&self, at: &At) -> Result<Option<Range>, String> {
        let Some((_, _, written, line_start)) = reference_at(at) else {
            if let Some((_, _, line)) = self.heading_at(at) {
                return Ok(Some(text::range(&at.text, line.start, line.end)));
            }
            return Ok(front_matter_id(at).map(|_| Range::new(at.position, at.position)));
        };
        let part = match &written.anchor {
            Some(a) if at.offset >= line_start + a.start => a.clone(),
            _ => written.id.clone(),
        };
        Ok(Some(text::range(&at.text, line_start + part.start, line_start + part.end)))
    }

    pub(super) fn rename(&self, params: lsp_types::RenameParams) -> Result<lsp_types::WorkspaceEdit, String> {
        let position = params.text_document_position;
        let at = self.at(&position.text_document.uri, position.position).ok_or("not a page of the site")?;
        let site = self.site()?;
        match reference_at(&at) {
            Some((id, Some(anchor), written, line_start))
                if written.anchor.as_ref().is_some_and(|a| at.offset >= line_start + a.start) =>
            {
                navigate::rename_anchor(site, &id, &anchor, &params.new_name)
            }
            Some((id, _, _, _)) => navigate::rename_id(site, &id, &params.new_name),
            None => match self.heading_at(&at) {
                Some((id, anchor, _)) => navigate::rename_anchor(site, &id, &anchor, &params.new_name),
                None => navigate::rename_id(site, &front_matter_id(&at).ok_or("no id here")?, &params.new_name),
            },
        }
    }

    /// The heading on the cursor's line: its page's id, its anchor, and the line's bytes.
    fn heading_at(&self, at: &At) -> Option<(String, String, std::ops::Range<usize>)> {
        let (line_start, line) = at.line();
        if !line.starts_with('#') {
            return None;
        }
        let (page, outline) = self.workspace.as_ref().ok()?.page(&at.file)?;
        let heading = outline.headings.iter().find(|h| page.body_offset + h.offset == line_start)?;
        Some((page.front.id.clone()?, heading.anchor.clone(), line_start..line_start + line.len()))
    }

    pub(super) fn inlay_hints(&self, uri: &Uri) -> Option<Vec<lsp_types::InlayHint>> {
        let file = self.site_file(uri)?;
        let site = self.site().ok()?;
        Some(answers::inlay_hints(site, &self.lang_of(&file), &self.text_of(&file)))
    }

    /// The headings of a page, as the workspace last read it.
    #[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, though deprecated.
    pub(super) fn document_symbols(&self, uri: &Uri) -> Option<lsp_types::DocumentSymbolResponse> {
        let (page, outline) = self.workspace.as_ref().ok()?.page(&file_of(uri)?)?;
        let text = &page.text;
        let symbols = outline
            .headings
            .iter()
            .map(|h| {
                let at = page.body_offset + h.offset;
                let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                lsp_types::DocumentSymbol {
                    name: h.text.clone(),
                    detail: Some(format!("#{}", h.anchor)),
                    kind: lsp_types::SymbolKind::STRING,
                    tags: None,
                    deprecated: None,
                    range: text::range(text, at, end),
                    selection_range: text::range(text, at, end),
                    children: None,
                }
            })
            .collect();
        Some(lsp_types::DocumentSymbolResponse::Nested(symbols))
    }
}
