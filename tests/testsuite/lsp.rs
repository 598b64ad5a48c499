//! The language server through the real protocol: `guidesite lsp` started as an editor starts
//! it, JSON-RPC messages over its stdin and stdout (initialize, didOpen, didChange,
//! completion, hover, inlay hints, definition, references, rename, symbols, shutdown, exit).

use crate::support::{command, temp_site};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running server and the messages it sent.
struct Editor {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    next_id: u64,
}

impl Editor {
    fn start(root: &Path) -> Editor {
        let mut child = command(root)
            .args(["lsp", "--root", "."])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (send, messages) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        let mut editor = Editor { child, stdin, messages, next_id: 1 };
        let root_uri = uri(root);
        let result =
            editor.request("initialize", json!({ "processId": null, "rootUri": root_uri, "capabilities": {} }));
        assert!(result["capabilities"]["completionProvider"].is_object(), "{result}");
        editor.notify("initialized", json!({}));
        editor
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its result; an error response fails the test.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.send_request(method, params);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// Sends a request and waits for the whole response (diagnostics published meanwhile are
    /// skipped: [`Editor::diagnostics_for`] waits for the next ones).
    fn send_request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.messages.recv_timeout(Duration::from_secs(20)).expect("a response in time");
            if message["id"] == json!(id) {
                return message;
            }
        }
    }

    /// The errors among the next diagnostics published for `file` (the fixture's pages have
    /// warnings: no short titles).
    fn errors_for(&mut self, file: &Path) -> Vec<Value> {
        self.diagnostics_for(file).into_iter().filter(|d| d["severity"] == 1).collect()
    }

    /// The next diagnostics published for `file`.
    fn diagnostics_for(&mut self, file: &Path) -> Vec<Value> {
        let wanted = uri(file);
        loop {
            let message = self.messages.recv_timeout(Duration::from_secs(20)).expect("diagnostics in time");
            if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == json!(wanted) {
                return message["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
            }
        }
    }

    fn open(&mut self, file: &Path) {
        let text = std::fs::read_to_string(file).unwrap();
        let item = json!({ "uri": uri(file), "languageId": "markdown", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": item }));
    }

    fn change(&mut self, file: &Path, text: &str, version: i32) {
        let document = json!({ "uri": uri(file), "version": version });
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": document, "contentChanges": [{ "text": text }] }),
        );
    }

    fn at(&mut self, method: &str, file: &Path, line: u32, character: u32) -> Value {
        let params =
            json!({ "textDocument": { "uri": uri(file) }, "position": { "line": line, "character": character } });
        self.request(method, params)
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().expect("the server exits");
        assert!(status.success(), "{status}");
    }
}

fn read_message(from: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if from.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    from.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The line and column (0-based, ASCII text) where `needle` first is in `text`.
fn place_of(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).expect("the fixture has it");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (text[..at].matches('\n').count() as u32, (at - line_start) as u32)
}

fn uri(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// The site's files, in a fresh copy of the `basic` fixture.
fn site() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = temp_site("basic");
    let root = site.path().canonicalize().unwrap();
    (site, root)
}

#[test]
fn completion_hover_hints_and_definition_answer_in_the_files_language() {
    let (_site, root) = site();
    let mut editor = Editor::start(&root);
    let page = root.join("content/framework/1/1.1.2.md");
    editor.open(&page);
    assert!(editor.errors_for(&page).is_empty());
    // A reference being typed: `[[1.1` offers the ids that start so, with their names.
    let text = std::fs::read_to_string(&page).unwrap().replace("Pilot, then", "Pilot, see [[1.1 then");
    editor.change(&page, &text, 2);
    let (line, column) = place_of(&text, "[[1.1 ");
    let column = column + 5;
    let list = editor.at("textDocument/completion", &page, line, column);
    let labels: Vec<&str> = list["items"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"1.1.1") && labels.contains(&"1.1.10") && !labels.contains(&"about"), "{labels:?}");
    let item = list["items"].as_array().unwrap().iter().find(|i| i["label"] == "1.1.1").unwrap();
    assert_eq!(item["detail"], "The FI researches client needs.");
    // After `#`: the anchors of the page.
    let text = text.replace("see [[1.1 then", "see [[1.1.1#ev then");
    editor.change(&page, &text, 3);
    let anchors = editor.at("textDocument/completion", &page, line, column + 5);
    let labels: Vec<&str> = anchors["items"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["evidence"]);
    // Hover on `[[1.1.1#how-to-comply]]`: number, name, parent, section.
    let text = text.replace("see [[1.1.1#ev then", "then");
    editor.change(&page, &text, 4);
    let (line, _) = place_of(&text, "[[1.1.1#how-to-comply]]");
    let hover = editor.at("textDocument/hover", &page, line, 16);
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.contains("1.1.1 The FI researches client needs") && card.contains("Part of 1.1"), "{card}");
    assert!(card.contains("Section: How to comply"), "{card}");
    // Definition: the target's file, at the heading.
    let target = editor.at("textDocument/definition", &page, line, 16);
    assert!(target["uri"].as_str().unwrap().ends_with("/content/framework/1/1.1.1.md"), "{target}");
    assert_eq!(target["range"]["start"]["line"], 10);
    // Inlay hints: the name after each bare reference.
    let hints = editor.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri(&page) },
        "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } } }),
    );
    let labels: Vec<&str> = hints.as_array().unwrap().iter().map(|h| h["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["The FI researches client needs"]);
    editor.stop();
}

#[test]
fn a_french_page_gets_french_names_and_the_original_when_untranslated() {
    let (_site, root) = site();
    let mut editor = Editor::start(&root);
    let page = root.join("content/framework/1/1.fr.md");
    editor.open(&page);
    let text = std::fs::read_to_string(&page).unwrap();
    let (line, column) = place_of(&text, "[[1.1.2]]");
    let column = column + 3;
    let card = editor.at("textDocument/hover", &page, line, column)["contents"]["value"].as_str().unwrap().to_owned();
    assert!(card.contains("Not translated into `fr`: shown in `en`"), "{card}");
    editor.stop();
}

#[test]
fn problems_show_as_you_type_and_clear_when_fixed_across_files() {
    let (_site, root) = site();
    let mut editor = Editor::start(&root);
    let page = root.join("content/about.md");
    editor.open(&page);
    assert!(editor.diagnostics_for(&page).is_empty());
    let original = std::fs::read_to_string(&page).unwrap();
    editor.change(&page, &original.replace("[[repayment-capacity]]", "[[2.4.2]]"), 2);
    let problems = editor.diagnostics_for(&page);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0]["message"].as_str().unwrap().contains("2.4.2"), "{problems:?}");
    let column = original.lines().nth(4).unwrap().find("[[").unwrap();
    assert_eq!(problems[0]["range"]["start"], json!({ "line": 4, "character": column }));
    editor.change(&page, &original, 3);
    assert!(editor.diagnostics_for(&page).is_empty(), "fixed, so cleared");
    // A heading whose id the theme uses already (`<main id="main">`).
    editor.change(&page, &format!("{original}\n## Main\n"), 4);
    let problems = editor.diagnostics_for(&page);
    assert!(
        problems.iter().any(|p| p["message"].as_str().unwrap().contains("also an id of the theme")),
        "{problems:?}"
    );
    editor.change(&page, &original, 5);
    assert!(editor.diagnostics_for(&page).is_empty());
    // Deleting a heading flags the reference to its anchor in another file.
    let target = root.join("content/framework/1/1.1.1.md");
    editor.open(&target);
    assert!(editor.errors_for(&target).is_empty());
    let text = std::fs::read_to_string(&target).unwrap().replace("## How to comply\n", "");
    editor.change(&target, &text, 2);
    let elsewhere = root.join("content/framework/1/1.1.2.md");
    // (Diagnostics published before the change come first: wait for the ones that follow it.)
    let flagged = (0..10).any(|_| {
        editor.errors_for(&elsewhere).iter().any(|p| p["message"].as_str().unwrap().contains("how-to-comply"))
    });
    assert!(flagged, "the reference to the deleted heading is flagged in the other file");
    editor.stop();
}

#[test]
fn references_rename_and_symbols_span_files_and_languages() {
    let (_site, root) = site();
    let mut editor = Editor::start(&root);
    let about = root.join("content/about.md");
    editor.open(&about);
    // References to the glossary term, from the reference in `about`: in every file.
    let found = editor.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri(&about) },
        "position": { "line": 4, "character": 20 }, "context": { "includeDeclaration": false } }),
    );
    let mut files: Vec<&str> =
        found.as_array().unwrap().iter().map(|l| l["uri"].as_str().unwrap().rsplit('/').next().unwrap()).collect();
    files.sort_unstable();
    assert_eq!(files, ["1.1.1.md", "about.md"]);
    // Renaming the slug id edits its front matter, the `glossary:` list and every reference.
    let edit = editor.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri(&about) },
        "position": { "line": 4, "character": 20 }, "newName": "ability-to-repay" }),
    );
    let changes = edit["changes"].as_object().unwrap();
    let count: usize = changes.values().map(|v| v.as_array().unwrap().len()).sum();
    assert_eq!(count, 5, "its id, two glossary lists, two references: {edit}");
    assert!(changes.values().flat_map(|v| v.as_array().unwrap()).all(|e| e["newText"] == "ability-to-repay"));
    // The id part and the anchor part of a reference can be renamed.
    let page = root.join("content/framework/1/1.1.2.md");
    editor.open(&page);
    let text = std::fs::read_to_string(&page).unwrap();
    let (line, _) = place_of(&text, "[[1.1.1#how-to-comply]]");
    let id = editor.at("textDocument/prepareRename", &page, line, 15);
    assert_eq!((id["start"]["character"].as_u64(), id["end"]["character"].as_u64()), (Some(14), Some(19)), "{id}");
    // A framework number is not renamed.
    let refused = editor.send_request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri(&page) },
        "position": { "line": line, "character": 15 }, "newName": "x" }),
    );
    assert!(refused["error"]["message"].as_str().unwrap().contains("framework number"), "{refused}");
    // Renaming an anchor: the heading gets it explicitly, and every reference to it changes.
    let edit = editor.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri(&page) },
        "position": { "line": line, "character": 22 }, "newName": "steps" }),
    );
    let texts: Vec<&str> = edit["changes"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|v| v.as_array().unwrap())
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&" {#steps}") && texts.iter().filter(|t| **t == "steps").count() == 2, "{edit}");
    // Renaming from a heading of its own page: the heading gets the anchor explicitly.
    let heading = text.lines().position(|l| l == "## Evidence").unwrap() as u32;
    let edit = editor.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri(&page) },
        "position": { "line": heading, "character": 4 }, "newName": "proof" }),
    );
    let edits: Vec<&Value> =
        edit["changes"].as_object().unwrap().values().flat_map(|v| v.as_array().unwrap()).collect();
    assert_eq!(edits.len(), 1, "{edit}");
    assert_eq!(
        (edits[0]["newText"].as_str(), edits[0]["range"]["start"]["line"].as_u64()),
        (Some(" {#proof}"), Some(heading.into()))
    );
    // Symbols: the page's headings, and every page of the site.
    let symbols = editor.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri(&page) } }));
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["How to comply", "Evidence"]);
    let all = editor.request("workspace/symbol", json!({ "query": "researches" }));
    assert_eq!(all.as_array().unwrap().len(), 1, "{all}");
    editor.stop();
}

#[test]
fn saving_the_site_settings_reads_the_site_again() {
    let (_site, root) = site();
    let mut editor = Editor::start(&root);
    let page = root.join("content/about.md");
    editor.open(&page);
    assert!(editor.errors_for(&page).is_empty());
    let settings = root.join("content/site.yaml");
    let good = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, good.replace("languages: [en, fr]", "languages: [en, fr")).unwrap();
    editor.notify("textDocument/didSave", json!({ "textDocument": { "uri": uri(&settings) } }));
    let problems = editor.errors_for(&settings);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["range"]["start"]["line"], 2, "{problems:?}");
    std::fs::write(&settings, &good).unwrap();
    editor.notify("textDocument/didSave", json!({ "textDocument": { "uri": uri(&settings) } }));
    assert!(editor.diagnostics_for(&settings).is_empty(), "fixed, so cleared");
    // The open page is read from its buffer again, not from disk.
    editor.change(&page, "---\nid: about\ntitle: About\n---\nSee [[nowhere]].\n", 2);
    assert_eq!(editor.errors_for(&page).len(), 1);
    editor.stop();
}
