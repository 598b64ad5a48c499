//! The live preview's side of the server: the snapshot requests read, the watcher thread that
//! rebuilds on every change, and the messages to open pages (reload, errors).
//!
//! Requests never wait for a build: they clone the current [`Snapshot`] (an `Arc`) and answer
//! from it. The watcher thread owns the [`Session`]; after a batch of changes it renders the
//! edited pages first (swapped in, so the page being edited reloads at once), then the whole
//! site (swapped in whole). Each swap tells open pages which files changed, and a page reloads
//! only when its own file is among them.

use crate::diagnostic::{counted, Diagnostic};
use crate::incremental::{Change, Session, Snapshot};
use crate::Project;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

use super::Say;

/// What requests read, and where messages for open pages go.
pub(super) struct Preview {
    snapshot: RwLock<Arc<Snapshot>>,
    errors: Mutex<Vec<Diagnostic>>,
    pub(super) events: broadcast::Sender<Message>,
}

/// A message for open pages.
#[derive(Debug, Clone)]
pub(super) enum Message {
    /// These files changed: a page showing one of them reloads.
    Changed(Arc<Vec<String>>),
    /// The current errors (empty when fixed), as JSON.
    Errors(Arc<String>),
}

impl Preview {
    /// The files to answer from now.
    pub(super) fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// The current errors as JSON.
    pub(super) fn errors_json(&self) -> String {
        serde_json::to_string(&*lock(&self.errors)).unwrap_or_else(|_| "[]".into())
    }

    fn publish(&self, change: &Change) {
        *self.snapshot.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::clone(&change.snapshot);
        if !change.changed.is_empty() {
            let _ = self.events.send(Message::Changed(Arc::new(change.changed.clone())));
        }
    }

    fn set_errors(&self, errors: Vec<Diagnostic>) {
        let mut current = lock(&self.errors);
        if *current == errors {
            return;
        }
        *current = errors;
        let json = serde_json::to_string(&*current).unwrap_or_else(|_| "[]".into());
        let _ = self.events.send(Message::Errors(Arc::new(json)));
    }
}

/// Builds the site once, starts the watcher, and returns what the server reads.
pub(super) fn start(project: Project, say: &Say) -> Result<Arc<Preview>, String> {
    let started = Instant::now();
    let session = match Session::start(project.clone()) {
        Ok(session) => session,
        Err(diagnostics) => {
            for d in &diagnostics {
                say(d.to_string());
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            return Err(format!(
                "the site has {}; fix them and start again (the preview needs one good build to serve)",
                counted(errors, "error", "errors")
            ));
        }
    };
    for w in session.warnings() {
        say(w.to_string());
    }
    say(format!(
        "Built {} in memory in {} ms",
        counted(session.page_count(), "page", "pages"),
        started.elapsed().as_millis()
    ));
    let (events, _) = broadcast::channel(64);
    let preview =
        Arc::new(Preview { snapshot: RwLock::new(session.snapshot()), errors: Mutex::new(Vec::new()), events });
    watch(session, Arc::clone(&preview), Arc::clone(say))?;
    Ok(preview)
}

/// True for paths the preview watches: sources in the site's folders, not editor leftovers.
pub fn is_watched(project: &Project, path: &Path) -> bool {
    let leftover = path.file_name().and_then(|n| n.to_str()).is_none_or(crate::source::is_leftover);
    !leftover
        && [project.content_dir(), project.locales_dir(), project.themes_dir(), project.templates_dir()]
            .iter()
            .any(|dir| path.starts_with(dir))
}

/// Watches the sources on a thread: batches a burst of events, then rebuilds once.
fn watch(mut session: Session, preview: Arc<Preview>, say: Say) -> Result<(), String> {
    use notify::{RecursiveMode, Watcher};
    let project = session.project().clone();
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    for dir in [project.content_dir(), project.locales_dir(), project.themes_dir(), project.templates_dir()] {
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
        }
    }
    std::thread::spawn(move || {
        let _watcher = watcher;
        while let Some(changed) = next_batch(&rx, &project) {
            rebuild(&mut session, &preview, &changed, &say);
        }
    });
    Ok(())
}

/// How long the files must stay quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(25);

/// Waits for a change, then gathers events until [`QUIET`] passes (2 s at most): an editor's
/// write-and-rename or a checkout of many files becomes one batch.
fn next_batch(rx: &mpsc::Receiver<notify::Result<notify::Event>>, project: &Project) -> Option<Vec<PathBuf>> {
    let mut changed: Vec<PathBuf> = Vec::new();
    let mut started: Option<Instant> = None;
    loop {
        let wait = if started.is_some() { QUIET } else { Duration::from_secs(3600) };
        match rx.recv_timeout(wait) {
            Ok(Ok(event)) => {
                if matches!(event.kind, notify::EventKind::Access(_)) {
                    continue;
                }
                for path in event.paths.into_iter().filter(|p| is_watched(project, p)) {
                    if !changed.contains(&path) {
                        changed.push(path);
                    }
                    started.get_or_insert_with(Instant::now);
                }
                if started.is_some_and(|s| s.elapsed() > Duration::from_secs(2)) {
                    return Some(changed);
                }
            }
            Ok(Err(_)) => continue,
            Err(mpsc::RecvTimeoutError::Timeout) if started.is_some() => return Some(changed),
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// The edited pages first, then the whole site; each result is served as soon as it exists.
fn rebuild(session: &mut Session, preview: &Preview, changed: &[PathBuf], say: &Say) {
    let what = describe(session.project(), changed);
    let quick = match session.quick(changed) {
        Ok(quick) => quick,
        Err(diagnostics) => return report(preview, &what, diagnostics, say),
    };
    if let Some(quick) = &quick {
        preview.publish(quick);
    }
    match session.full() {
        Ok(full) => {
            preview.publish(&full);
            preview.set_errors(Vec::new());
            say(summary(&what, quick.as_ref(), &full));
        }
        Err(diagnostics) => report(preview, &what, diagnostics, say),
    }
}

fn report(preview: &Preview, what: &str, diagnostics: Vec<Diagnostic>, say: &Say) {
    for d in &diagnostics {
        say(d.to_string());
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    say(format!(
        "{what}: the preview keeps the last good build until the {} above {} fixed",
        counted(errors, "error", "errors"),
        if errors == 1 { "is" } else { "are" }
    ));
    preview.set_errors(diagnostics);
}

/// The log line of a rebuild, in words.
fn summary(what: &str, quick: Option<&Change>, full: &Change) -> String {
    let files = |n: usize| counted(n, "file", "files");
    let first = match quick {
        Some(q) => format!("page updated in {:.0} ms, then ", q.took.as_secs_f64() * 1000.0),
        None => String::new(),
    };
    format!(
        "{what}: {first}whole site rebuilt in {:.0} ms ({} changed)",
        full.took.as_secs_f64() * 1000.0,
        files(full.changed.len() + quick.map_or(0, |q| q.changed.len()))
    )
}

/// "content/about.md changed", "2 files changed (content/a.md, locales/fr.ftl)", "... removed".
fn describe(project: &Project, changed: &[PathBuf]) -> String {
    let names: Vec<String> = changed.iter().map(|p| project.display(p).display().to_string()).collect();
    match changed {
        [one] if !one.exists() => format!("{} removed", names[0]),
        [_] => format!("{} changed", names[0]),
        _ => {
            let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
            let more = if names.len() > 3 { ", ..." } else { "" };
            format!("{} changed ({}{more})", counted(names.len(), "file", "files"), shown.join(", "))
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
