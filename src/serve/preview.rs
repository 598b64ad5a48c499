//! The live preview's side of the server: the snapshot requests read, the watcher thread that
//! rebuilds on every change, and the messages to open pages (reload, errors).
//!
//! Requests never wait for a build: they clone the current [`Snapshot`] (an `Arc`) and answer
//! from it. The watcher thread owns the [`Session`]; after a batch of changes it renders the
//! edited pages at once (swapped in, so the page being edited reloads within milliseconds),
//! and a full build runs on another thread. A full build is served only if no change came
//! after it started; otherwise another one starts, so a fast typist never waits for one and
//! never sees an older text come back. Each swap tells open pages which files changed, and a
//! page reloads only when its own file is among them.

use crate::diagnostic::{counted, Diagnostic};
use crate::incremental::{Change, FullBuild, Session, Snapshot};
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
    !leftover && project.source_dirs().iter().any(|dir| path.starts_with(dir))
}

/// What the watcher thread hears: file events, and full builds that finished.
enum Heard {
    File(notify::Result<notify::Event>),
    Built { generation: u64, result: Result<Box<FullBuild>, Vec<Diagnostic>> },
}

/// Watches the sources on a thread: batches a burst of events, renders the edited pages at
/// once, and keeps one full build running on another thread after the latest change.
fn watch(session: Session, preview: Arc<Preview>, say: Say) -> Result<(), String> {
    use notify::{RecursiveMode, Watcher};
    let project = session.project().clone();
    let (tx, rx) = mpsc::channel();
    let events = tx.clone();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = events.send(Heard::File(event));
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    for dir in project.source_dirs() {
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
        }
    }
    std::thread::spawn(move || {
        let _watcher = watcher;
        let mut rebuilder =
            Rebuilder { session, preview, say, builds: tx, generation: 0, running: false, again: false };
        let mut batch = Batch::default();
        while let Some(heard) = batch.next(&rx, &project) {
            match heard {
                Next::Changed(changed) => rebuilder.changed(&changed),
                Next::Built(generation, result) => rebuilder.built(generation, result),
            }
        }
    });
    Ok(())
}

/// The watcher thread's state between events.
struct Rebuilder {
    session: Session,
    preview: Arc<Preview>,
    say: Say,
    builds: mpsc::Sender<Heard>,
    /// How many batches of changes have been applied.
    generation: u64,
    /// A full build is running.
    running: bool,
    /// Another full build is needed when the running one ends.
    again: bool,
}

impl Rebuilder {
    /// The edited pages first (served at once), then a full build in the background.
    fn changed(&mut self, changed: &[PathBuf]) {
        self.generation += 1;
        let what = describe(self.session.project(), changed);
        match self.session.quick(changed) {
            Ok(Some(quick)) => {
                self.preview.publish(&quick);
                (self.say)(format!(
                    "{what}: page updated in {:.0} ms; rebuilding the whole site",
                    quick.took.as_secs_f64() * 1000.0
                ));
            }
            Ok(None) => (self.say)(format!("{what}: rebuilding the whole site")),
            Err(diagnostics) => report(&self.preview, &what, diagnostics, &self.say),
        }
        self.start_full();
    }

    fn start_full(&mut self) {
        if self.running {
            self.again = true;
            return;
        }
        self.running = true;
        self.again = false;
        let project = self.session.project().clone();
        let generation = self.generation;
        let builds = self.builds.clone();
        std::thread::spawn(move || {
            let result = FullBuild::run(&project).map(Box::new);
            let _ = builds.send(Heard::Built { generation, result });
        });
    }

    /// A full build ended: served when no change came after it started, else built again.
    fn built(&mut self, generation: u64, result: Result<Box<FullBuild>, Vec<Diagnostic>>) {
        self.running = false;
        if generation != self.generation || self.again {
            self.start_full();
            return;
        }
        match result {
            Ok(built) => {
                let full = self.session.adopt(*built);
                self.preview.publish(&full);
                self.preview.set_errors(Vec::new());
                (self.say)(format!(
                    "Whole site rebuilt in {:.0} ms ({} changed)",
                    full.took.as_secs_f64() * 1000.0,
                    counted(full.changed.len(), "file", "files")
                ));
            }
            Err(diagnostics) => report(&self.preview, "The whole site", diagnostics, &self.say),
        }
    }
}

/// What the watcher thread does next.
enum Next {
    Changed(Vec<PathBuf>),
    Built(u64, Result<Box<FullBuild>, Vec<Diagnostic>>),
}

/// How long the files must stay quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(25);

/// File events gathered into one batch: an editor's write-and-rename or a checkout of many
/// files becomes one rebuild.
#[derive(Default)]
struct Batch {
    changed: Vec<PathBuf>,
    started: Option<Instant>,
}

impl Batch {
    /// The next batch, once the files have been quiet for [`QUIET`] (2 s at most), or a
    /// finished full build, whichever comes first; `None` when the watcher is gone.
    fn next(&mut self, rx: &mpsc::Receiver<Heard>, project: &Project) -> Option<Next> {
        loop {
            let wait = if self.started.is_some() { QUIET } else { Duration::from_secs(3600) };
            match rx.recv_timeout(wait) {
                Ok(Heard::Built { generation, result }) => return Some(Next::Built(generation, result)),
                Ok(Heard::File(Ok(event))) => {
                    if matches!(event.kind, notify::EventKind::Access(_)) {
                        continue;
                    }
                    for path in event.paths.into_iter().filter(|p| is_watched(project, p)) {
                        if !self.changed.contains(&path) {
                            self.changed.push(path);
                        }
                        self.started.get_or_insert_with(Instant::now);
                    }
                    if self.started.is_some_and(|s| s.elapsed() > Duration::from_secs(2)) {
                        return Some(self.take());
                    }
                }
                Ok(Heard::File(Err(_))) => continue,
                Err(mpsc::RecvTimeoutError::Timeout) if self.started.is_some() => return Some(self.take()),
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    fn take(&mut self) -> Next {
        self.started = None;
        Next::Changed(std::mem::take(&mut self.changed))
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
