//! `guidesite lsp`: a language server (LSP over stdio) for any editor. It reads the site as a
//! build does, with the editor's unsaved buffers in place of their files (`workspace`), and
//! answers from the site graph: every problem `check` finds in the content as you type (in
//! every file, so deleting a heading flags the references to it elsewhere), completion of
//! ids and anchors, hover cards, inlay names after `[[id]]`, definition, references, rename
//! of slug ids and anchors, and symbols.

mod answers;
mod navigate;
mod requests;
mod text;
mod workspace;

use crate::diagnostic::{Diagnostic, Severity};
use crate::project::Project;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{notification, request, OneOf, ServerCapabilities, Uri};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use workspace::Workspace;

/// Serves the site found at or above `root` (or at the workspace folder the editor names)
/// over stdin and stdout until the editor says `exit`.
pub fn run(root: &Path) -> Result<(), String> {
    let (connection, threads) = Connection::stdio();
    let capabilities = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let params = connection.initialize(capabilities).map_err(|e| e.to_string())?;
    let params: lsp_types::InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let root = editor_root(&params).unwrap_or_else(|| root.to_owned());
    let mut server = Server::new(&connection, site_root(&root));
    server.publish();
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                    break;
                }
                server.request(request);
            }
            Message::Notification(notification) => server.notification(notification),
            Message::Response(_) => {}
        }
    }
    drop(server);
    drop(connection);
    threads.join().map_err(|e| e.to_string())
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(lsp_types::TextDocumentSyncKind::FULL.into()),
        completion_provider: Some(lsp_types::CompletionOptions {
            trigger_characters: Some(["[", ":", "#"].map(String::from).to_vec()),
            ..Default::default()
        }),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(lsp_types::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// The folder the editor opened, if it says.
#[allow(deprecated)] // `root_uri`: older editors send only that.
fn editor_root(params: &lsp_types::InitializeParams) -> Option<PathBuf> {
    let folder = params.workspace_folders.as_ref().and_then(|f| f.first()).map(|f| &f.uri);
    folder.or(params.root_uri.as_ref()).and_then(text::path_of)
}

/// The file a `file:` URI names, as the workspace knows it (links resolved, as the site's
/// root is).
fn file_of(uri: &Uri) -> Option<PathBuf> {
    text::path_of(uri).map(|p| p.canonicalize().unwrap_or(p))
}

/// The site root: the nearest folder at or above `from` with `content/site.yaml`.
fn site_root(from: &Path) -> PathBuf {
    let from = from.canonicalize().unwrap_or_else(|_| from.to_owned());
    from.ancestors().find(|dir| dir.join("content/site.yaml").is_file()).unwrap_or(&from).to_owned()
}

/// The server's state: the site, the open buffers, and where problems were last shown.
struct Server<'c> {
    connection: &'c Connection,
    project: Project,
    workspace: Result<Workspace, Vec<Diagnostic>>,
    open: HashMap<PathBuf, String>,
    published: BTreeSet<PathBuf>,
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection, root: PathBuf) -> Server<'c> {
        let project = Project::new(root);
        let workspace = Workspace::load(project.clone());
        Server { connection, project, workspace, open: HashMap::new(), published: BTreeSet::new() }
    }

    fn notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let changed = match method.as_str() {
            notification::DidOpenTextDocument::METHOD => notification
                .extract::<lsp_types::DidOpenTextDocumentParams>(&method)
                .ok()
                .map(|p| (p.text_document.uri, Some(p.text_document.text))),
            notification::DidChangeTextDocument::METHOD => notification
                .extract::<lsp_types::DidChangeTextDocumentParams>(&method)
                .ok()
                .and_then(|mut p| Some((p.text_document.uri, Some(p.content_changes.pop()?.text)))),
            notification::DidCloseTextDocument::METHOD => notification
                .extract::<lsp_types::DidCloseTextDocumentParams>(&method)
                .ok()
                .map(|p| (p.text_document.uri, None)),
            notification::DidSaveTextDocument::METHOD => {
                let saved = notification.extract::<lsp_types::DidSaveTextDocumentParams>(&method).ok();
                let file = saved.and_then(|p| file_of(&p.text_document.uri));
                if self.workspace.is_err() || file.is_some_and(|f| !workspace::is_page(&self.project, &f)) {
                    self.reload_all();
                }
                None
            }
            _ => None,
        };
        if let Some((uri, text)) = changed {
            self.edited(&uri, text);
        }
    }

    /// Reads the whole site again (settings, UI strings or templates changed), with the open
    /// buffers in place of their files.
    fn reload_all(&mut self) {
        self.workspace = Workspace::load(self.project.clone());
        if let Ok(workspace) = &mut self.workspace {
            for (file, text) in &self.open {
                workspace.update(file, text.clone());
            }
        }
        self.publish();
    }

    /// A buffer opened or changed (`text`), or closed (`None`): checks the site again and
    /// shows the problems.
    fn edited(&mut self, uri: &Uri, text: Option<String>) {
        let Some(file) = file_of(uri) else { return };
        match text {
            Some(text) => {
                self.open.insert(file.clone(), text.clone());
                if let Ok(workspace) = &mut self.workspace {
                    workspace.update(&file, text);
                }
            }
            None => {
                self.open.remove(&file);
                if let Ok(workspace) = &mut self.workspace {
                    workspace.reload(&file);
                }
            }
        }
        self.publish();
    }

    /// Shows every problem of the last check, and clears the files that have none now.
    fn publish(&mut self) {
        let problems = match &self.workspace {
            Ok(workspace) => workspace.problems.clone(),
            Err(errors) => workspace::by_file(&self.project, errors.iter()),
        };
        let now: BTreeSet<PathBuf> = problems.keys().cloned().collect();
        // Open files always get an answer, so an editor clears what an earlier check showed.
        let shown: BTreeSet<&PathBuf> = now.iter().chain(&self.published).chain(self.open.keys()).collect();
        for file in shown {
            let text = self.text_of(file);
            let found = problems.get(file).map(Vec::as_slice).unwrap_or_default();
            let diagnostics = found.iter().map(|d| lsp_diagnostic(d, &text)).collect();
            let Some(uri) = text::uri_of(file) else { continue };
            let params = lsp_types::PublishDiagnosticsParams { uri, diagnostics, version: None };
            self.send(Notification::new(notification::PublishDiagnostics::METHOD.to_owned(), params).into());
        }
        self.published = now;
    }

    /// The text of a file: its open buffer, or the file on disk.
    fn text_of(&self, file: &Path) -> String {
        self.open.get(file).cloned().unwrap_or_else(|| std::fs::read_to_string(file).unwrap_or_default())
    }

    fn send(&self, message: Message) {
        // The editor went away: the receiver loop ends on its own.
        let _ = self.connection.sender.send(message);
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let response = match self.answer(request) {
            Ok(result) => Response::new_ok(id, result),
            Err(message) => Response::new_err(id, ErrorCode::InvalidRequest as i32, message),
        };
        self.send(response.into());
    }

    /// The answer to one request, as JSON.
    fn answer(&mut self, request: Request) -> Result<serde_json::Value, String> {
        match request.method.as_str() {
            request::Completion::METHOD => to_json(self.with_position(request, Self::completion)),
            request::HoverRequest::METHOD => to_json(self.with_position(request, Self::hover)),
            request::GotoDefinition::METHOD => to_json(self.with_position(request, Self::definition)),
            request::References::METHOD => to_json(self.with_position(request, Self::references)),
            request::PrepareRenameRequest::METHOD => to_json(self.with_position(request, Self::prepare_rename)),
            request::Rename::METHOD => to_json(params(request).and_then(|p| self.rename(p))),
            request::InlayHintRequest::METHOD => {
                to_json(params(request).map(|p: lsp_types::InlayHintParams| self.inlay_hints(&p.text_document.uri)))
            }
            request::DocumentSymbolRequest::METHOD => to_json(
                params(request).map(|p: lsp_types::DocumentSymbolParams| self.document_symbols(&p.text_document.uri)),
            ),
            request::WorkspaceSymbolRequest::METHOD => {
                to_json(params(request).map(|p: lsp_types::WorkspaceSymbolParams| {
                    self.site().ok().map(|site| navigate::workspace_symbols(site, &p.query, 500))
                }))
            }
            method => Err(format!("{method} is not supported")),
        }
    }
}

/// A request's parameters.
fn params<P: serde::de::DeserializeOwned>(request: Request) -> Result<P, String> {
    serde_json::from_value(request.params).map_err(|e| format!("{}: {e}", request.method))
}

fn to_json<T: serde::Serialize>(value: Result<T, String>) -> Result<serde_json::Value, String> {
    value.and_then(|v| serde_json::to_value(v).map_err(|e| e.to_string()))
}

/// A problem as the editor shows it: from its column to the end of the word there (the whole
/// first line when it concerns the file), with the help after the message.
fn lsp_diagnostic(d: &Diagnostic, text: &str) -> lsp_types::Diagnostic {
    let start = if d.line == 0 { 0 } else { text::offset_of_line_col(text, d.line, d.column.max(1)) };
    let word_end = text[start..].find(|c: char| c.is_whitespace() || c == ']' || c == ')' || c == '|');
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = match (d.column, word_end) {
        (0, _) | (_, None) => line_end,
        (_, Some(i)) => (start + i).min(line_end).max(start + 1).min(line_end),
    };
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    lsp_types::Diagnostic {
        range: text::range(text, start, end),
        severity: Some(match d.severity {
            Severity::Error => lsp_types::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp_types::DiagnosticSeverity::WARNING,
        }),
        source: Some("guidesite".to_owned()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}
