//! `guidesite serve`: the live preview for authors and translators, and the LAN mode for
//! field offices.
//!
//! Preview builds the site into memory ([`Session`]), serves it, watches the sources, rebuilds
//! what an edit touches and tells open pages to reload (server-sent events). When content is
//! broken it keeps serving the last good build and shows every error in an overlay; the
//! server never stops because of content. Static mode (`--static DIR`) serves a built site or
//! an unpacked bundle from disk, with no watcher and no script injected.
//!
//! Only files of the site are ever served: request paths with `..`, encoded dots, backslashes
//! or absolute parts are refused, and in static mode a file must resolve (symlinks followed)
//! inside the served folder.

use crate::diagnostic::Diagnostic;
use crate::incremental::{is_watched, Session};
use crate::Project;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    /// Address to bind (loopback by default).
    pub bind: IpAddr,
    /// Port to try first; 0 lets the system choose.
    pub port: u16,
    /// Open a browser when ready.
    pub open: bool,
    /// Serve this folder as it is (LAN mode) instead of previewing the project.
    pub static_dir: Option<PathBuf>,
}

/// What the server says on its own (the caller prints it).
pub type Say = Arc<dyn Fn(String) + Send + Sync>;

const LIVE_JS: &str = include_str!("serve_live.js");
const PREFIX: &str = "/__guidesite/";

struct Preview {
    session: Mutex<Session>,
    errors: Mutex<Vec<Diagnostic>>,
    events: broadcast::Sender<String>,
}

enum App {
    Preview(Arc<Preview>),
    Static(PathBuf),
}

/// Runs the server until Ctrl+C. Returns an error message for problems the user must fix
/// (port taken, folder missing); content errors never stop it.
pub fn run(project: Project, options: Options, say: Say) -> Result<(), String> {
    // Watcher events carry absolute paths; so must the project.
    let root = project.root.canonicalize().map_err(|e| format!("cannot open {}: {e}", project.root.display()))?;
    let project = Project::new(root);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(serve(project, options, say))
}

async fn serve(project: Project, options: Options, say: Say) -> Result<(), String> {
    let app = match &options.static_dir {
        Some(dir) => {
            let dir = dir.canonicalize().map_err(|e| format!("cannot serve {}: {e}", dir.display()))?;
            if !dir.join("index.html").is_file() {
                return Err(format!(
                    "{} has no index.html: build the site or unpack a bundle there first",
                    dir.display()
                ));
            }
            Arc::new(App::Static(dir))
        }
        None => Arc::new(App::Preview(start_preview(project, &say)?)),
    };
    let listener = bind(options.bind, options.port, &say).await?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    announce(&options, address, &say);
    if options.open {
        open_browser(&format!("http://{}/", display_host(address)));
    }
    let router = Router::new()
        .route("/__guidesite/events", get(events))
        .route("/__guidesite/errors", get(errors_json))
        .route("/__guidesite/live.js", get(live_js))
        .fallback(get(file))
        .with_state(app);
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

fn start_preview(project: Project, say: &Say) -> Result<Arc<Preview>, String> {
    let started = Instant::now();
    let (session, errors) = match Session::start(project.clone()) {
        Ok(session) => (session, Vec::new()),
        Err(diagnostics) => {
            for d in &diagnostics {
                say(d.to_string());
            }
            return Err(format!(
                "the site has {} errors; fix them and start again (the preview needs one good build to serve)",
                diagnostics.iter().filter(|d| d.is_error()).count()
            ));
        }
    };
    for w in session.warnings() {
        say(w.to_string());
    }
    say(format!(
        "Built {} in memory in {} ms",
        crate::diagnostic::counted(session.page_count(), "page", "pages"),
        started.elapsed().as_millis()
    ));
    let (events, _) = broadcast::channel(16);
    let preview = Arc::new(Preview { session: Mutex::new(session), errors: Mutex::new(errors), events });
    watch(project, Arc::clone(&preview), Arc::clone(say))?;
    Ok(preview)
}

/// Binds the port, or the next free one after it (saying so).
async fn bind(ip: IpAddr, port: u16, say: &Say) -> Result<tokio::net::TcpListener, String> {
    let tries = if port == 0 { 1 } else { 10 };
    for offset in 0..tries {
        let candidate = port.saturating_add(offset);
        match tokio::net::TcpListener::bind(SocketAddr::new(ip, candidate)).await {
            Ok(listener) => {
                if offset > 0 {
                    say(format!("Port {port} is in use, so the server uses port {candidate}"));
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(format!("cannot listen on {ip}:{candidate}: {e}")),
        }
    }
    Err(format!("ports {port} to {} are all in use: choose another with --port", port.saturating_add(tries - 1)))
}

fn display_host(address: SocketAddr) -> String {
    if address.ip().is_unspecified() {
        format!("127.0.0.1:{}", address.port())
    } else {
        address.to_string()
    }
}

fn announce(options: &Options, address: SocketAddr, say: &Say) {
    let what = if options.static_dir.is_some() { "Serving" } else { "Previewing" };
    say(format!("{what} at http://{}/ (Ctrl+C stops)", display_host(address)));
    if address.ip().is_unspecified() || !address.ip().is_loopback() {
        for ip in lan_addresses() {
            say(format!("  on the network: http://{}/", SocketAddr::new(ip, address.port())));
        }
        if options.static_dir.is_none() {
            say("warning: the preview is reachable from other machines; use --bind 127.0.0.1 to keep it local"
                .to_owned());
        }
    }
}

fn lan_addresses() -> Vec<IpAddr> {
    if_addrs::get_if_addrs()
        .map(|list| list.into_iter().filter(|i| !i.is_loopback()).map(|i| i.ip()).filter(IpAddr::is_ipv4).collect())
        .unwrap_or_default()
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(program).arg(url).spawn();
}

/// Watches the sources on a thread: batches a burst of events, then rebuilds once.
fn watch(project: Project, preview: Arc<Preview>, say: Say) -> Result<(), String> {
    use notify::{RecursiveMode, Watcher};
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
            rebuild(&preview, &changed, &say);
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

fn rebuild(preview: &Preview, changed: &[PathBuf], say: &Say) {
    let started = Instant::now();
    let result = lock(&preview.session).apply(changed);
    let names: Vec<String> =
        changed.iter().map(|p| lock(&preview.session).project().display(p).display().to_string()).collect();
    match result {
        Ok(rebuild) => {
            let stages: Vec<String> = rebuild
                .stages
                .iter()
                .map(|(name, took)| format!("{name} {:.1}", took.as_secs_f64() * 1000.0))
                .collect();
            say(format!(
                "Rebuilt {} file{} in {:.1} ms{} [{}] ({})",
                rebuild.rendered,
                if rebuild.rendered == 1 { "" } else { "s" },
                started.elapsed().as_secs_f64() * 1000.0,
                if rebuild.full { ", everything" } else { "" },
                stages.join(", "),
                names.join(", ")
            ));
            lock(&preview.errors).clear();
            let _ = preview.events.send("reload".to_owned());
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                say(d.to_string());
            }
            say(format!(
                "The preview keeps the last good build until the {} error(s) above are fixed",
                diagnostics.len()
            ));
            let json = serde_json::to_string(&diagnostics).unwrap_or_else(|_| "[]".into());
            *lock(&preview.errors) = diagnostics;
            let _ = preview.events.send(format!("errors:{json}"));
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

async fn events(State(app): State<Arc<App>>) -> Response {
    let App::Preview(preview) = app.as_ref() else {
        return not_found();
    };
    let stream = BroadcastStream::new(preview.events.subscribe()).filter_map(|message| {
        let message = message.ok()?;
        let event = match message.strip_prefix("errors:") {
            Some(json) => Event::default().event("errors").data(json),
            None => Event::default().event("reload").data("reload"),
        };
        Some(Ok::<_, Infallible>(event))
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

async fn errors_json(State(app): State<Arc<App>>) -> Response {
    let App::Preview(preview) = app.as_ref() else {
        return not_found();
    };
    let json = serde_json::to_string(&*lock(&preview.errors)).unwrap_or_else(|_| "[]".into());
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], json).into_response()
}

async fn live_js(State(app): State<Arc<App>>) -> Response {
    match app.as_ref() {
        App::Preview(_) => ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], LIVE_JS).into_response(),
        App::Static(_) => not_found(),
    }
}

async fn file(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let raw = uri.path();
    let Some(path) = safe_path(raw) else {
        return not_found();
    };
    match app.as_ref() {
        App::Preview(preview) => {
            let found = lock(&preview.session).get(&path);
            let exists = |p: &str| lock(&preview.session).get(p).is_some();
            match found {
                Some(bytes) => respond(&path, inject_live_script(&path, &bytes)),
                None => redirect_for(raw, &path, exists).map_or_else(not_found, |to| redirect(&to)),
            }
        }
        App::Static(root) => {
            let inside = |p: &str| root.join(p).canonicalize().ok().filter(|real| real.starts_with(root));
            match inside(&path).filter(|real| real.is_file()) {
                Some(real) => match tokio::fs::read(&real).await {
                    Ok(bytes) => respond(&path, bytes),
                    Err(_) => not_found(),
                },
                None => {
                    let exists = |p: &str| inside(p).is_some_and(|real| real.is_file());
                    redirect_for(raw, &path, exists).map_or_else(not_found, |to| redirect(&to))
                }
            }
        }
    }
}

/// Where a request for a missing file is sent, if anywhere: a folder without its slash
/// (`/en`) to the folder (`/en/`), and a page asked for as a folder (`/en/2.1/`,
/// `/en/2.1/index.html` or `/en/2.1`, as links and bookmarks made before pages were flat
/// files did) to its file (`/en/2.1.html`).
fn redirect_for(raw: &str, path: &str, exists: impl Fn(&str) -> bool) -> Option<String> {
    if exists(&format!("{path}/index.html")) {
        return Some(format!("{raw}/"));
    }
    let stem = path.strip_suffix("/index.html").unwrap_or(path);
    let raw_stem = raw.trim_end_matches('/');
    let raw_stem = raw_stem.strip_suffix("/index.html").unwrap_or(raw_stem);
    let page = format!("{stem}.html");
    (!stem.is_empty() && !stem.ends_with(".html") && exists(&page)).then(|| format!("{raw_stem}.html"))
}

/// The site file a request path names, or `None` when it could leave the site.
pub fn safe_path(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) || decoded.starts_with(PREFIX) {
        return None;
    }
    let mut parts = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return None,
            s if s.contains(':') => return None,
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if path.is_empty() {
        path = "index.html".to_owned();
    } else if decoded.ends_with('/') {
        path.push_str("/index.html");
    }
    Some(path)
}

fn inject_live_script(path: &str, bytes: &[u8]) -> Vec<u8> {
    if !path.ends_with(".html") {
        return bytes.to_vec();
    }
    let html = String::from_utf8_lossy(bytes);
    let tag = "<script src=\"/__guidesite/live.js\"></script>";
    match html.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{tag}").into_bytes(),
    }
}

fn respond(path: &str, bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, content_type(path)), (header::CACHE_CONTROL, "no-cache")], Body::from(bytes))
        .into_response()
}

fn redirect(to: &str) -> Response {
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to.to_owned())]).into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "Not found\n").into_response()
}

/// The content type of a site file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = Path::new(path).extension().and_then(|e| e.to_str()).unwrap_or_default();
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_inside_the_site() {
        assert_eq!(safe_path("/").as_deref(), Some("index.html"));
        assert_eq!(safe_path("/en/2.1/").as_deref(), Some("en/2.1/index.html"));
        assert_eq!(safe_path("/assets/style.css").as_deref(), Some("assets/style.css"));
        assert_eq!(safe_path("/fr/caf%C3%A9/").as_deref(), Some("fr/café/index.html"));
        for bad in [
            "/../Cargo.toml",
            "/en/../../etc/passwd",
            "/%2e%2e/secret",
            "/%2E%2E%2Fsecret",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "/C:/Windows",
            "/a/%00",
            "/__guidesite/x",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn folders_and_old_page_folders_redirect_to_files() {
        let files = ["index.html", "en/index.html", "en/2.1.html", "fr/café.html"];
        let exists = |p: &str| files.contains(&p);
        let to = |raw: &str| redirect_for(raw, &safe_path(raw).unwrap(), exists);
        assert_eq!(to("/en").as_deref(), Some("/en/"));
        assert_eq!(to("/en/2.1/").as_deref(), Some("/en/2.1.html"));
        assert_eq!(to("/en/2.1").as_deref(), Some("/en/2.1.html"));
        assert_eq!(to("/en/2.1/index.html").as_deref(), Some("/en/2.1.html"));
        assert_eq!(to("/fr/caf%C3%A9/").as_deref(), Some("/fr/caf%C3%A9.html"));
        assert_eq!(to("/en/2.2/"), None);
        assert_eq!(to("/en/2.1.html/"), None);
        assert_eq!(to("/de/"), None);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/search/fr.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
        assert_eq!(content_type("f.woff2"), "font/woff2");
    }

    #[test]
    fn live_script_goes_before_the_end_of_body() {
        let out = inject_live_script("a.html", b"<html><body>x</body></html>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body>x<script src=\"/__guidesite/live.js\"></script></body></html>"
        );
        assert_eq!(inject_live_script("a.css", b"body{}"), b"body{}");
    }
}
