//! `guidesite serve`: the live preview for authors and translators, and the LAN mode for
//! field offices.
//!
//! Preview (module `preview`) builds the site into memory, serves it, watches the sources,
//! rebuilds after every change and tells open pages to reload (server-sent events). When
//! content is broken it keeps serving the last good build and shows every error in an overlay;
//! the server never stops because of content. Static mode (`--static DIR`) serves a built site
//! or an unpacked bundle from disk, with caching headers and gzip, no watcher and no script.
//! The module `connections` keeps slow and idle clients from starving readers; Ctrl+C stops
//! the server within a second, open pages or not.
//!
//! Only files of the site are ever served: request paths with `..`, encoded dots, backslashes
//! or absolute parts are refused, and in static mode a file must resolve (symlinks followed)
//! inside the served folder.

mod connections;
mod files;
mod preview;

pub use files::{content_type, safe_path};
pub use preview::is_watched;

use crate::Project;
use axum::extract::State;
use axum::http::{header, HeaderMap, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use files::{not_found, redirect, redirect_for};
use preview::{Message, Preview};
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio_stream::wrappers::{BroadcastStream, WatchStream};
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

const LIVE_JS: &str = include_str!("live.js");

/// How long open connections get to finish after Ctrl+C.
const GRACE: Duration = Duration::from_millis(500);

enum App {
    Preview(Arc<Preview>, watch::Receiver<bool>),
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
    let result = runtime.block_on(serve(project, options, say));
    // Nothing that is still running may keep the process alive after Ctrl+C.
    runtime.shutdown_timeout(Duration::from_millis(100));
    result
}

async fn serve(project: Project, options: Options, say: Say) -> Result<(), String> {
    let (stop_tx, stop) = watch::channel(false);
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
        None => {
            let preview = tokio::task::block_in_place(|| preview::start(project, &say))?;
            Arc::new(App::Preview(preview, stop.clone()))
        }
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
    let serving = tokio::spawn(connections::serve(listener, router, stop.clone()));
    let _ = tokio::signal::ctrl_c().await;
    say("Stopping".to_owned());
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(GRACE, serving).await;
    Ok(())
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

/// The live-reload stream; it ends when the server stops, so no open page holds it up.
async fn events(State(app): State<Arc<App>>) -> Response {
    let App::Preview(preview, stop) = app.as_ref() else {
        return not_found();
    };
    // The stop signal joins the stream as `None`, which ends it.
    let stopped = WatchStream::new(stop.clone()).filter(|stopped| *stopped).map(|_| None);
    let messages = BroadcastStream::new(preview.events.subscribe()).filter_map(|message| {
        let event = match message.ok()? {
            Message::Changed(paths) => {
                Event::default().event("changed").data(serde_json::to_string(&*paths).unwrap_or_default())
            }
            Message::Errors(json) => Event::default().event("errors").data(json.as_str()),
        };
        Some(Some(Ok::<_, Infallible>(event)))
    });
    let stream = messages.merge(stopped).take_while(Option::is_some).filter_map(|event| event);
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

async fn errors_json(State(app): State<Arc<App>>) -> Response {
    let App::Preview(preview, _) = app.as_ref() else {
        return not_found();
    };
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], preview.errors_json())
        .into_response()
}

async fn live_js(State(app): State<Arc<App>>) -> Response {
    match app.as_ref() {
        App::Preview(..) => ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], LIVE_JS).into_response(),
        App::Static(_) => not_found(),
    }
}

async fn file(State(app): State<Arc<App>>, uri: Uri, headers: HeaderMap) -> Response {
    let raw = uri.path();
    let Some(path) = safe_path(raw) else {
        return not_found();
    };
    match app.as_ref() {
        App::Preview(preview, _) => {
            let snapshot = preview.snapshot();
            match snapshot.get(&path) {
                Some(bytes) => files::preview_response(&path, inject_live_script(&path, &bytes)),
                None => {
                    redirect_for(raw, &path, |p| snapshot.get(p).is_some()).map_or_else(not_found, |to| redirect(&to))
                }
            }
        }
        App::Static(root) => {
            let inside = |p: &str| root.join(p).canonicalize().ok().filter(|real| real.starts_with(root));
            match inside(&path).filter(|real| real.is_file()) {
                Some(real) => match read_with_date(&real).await {
                    Some((bytes, modified)) => files::static_response(&path, bytes, modified, &headers),
                    None => not_found(),
                },
                None => {
                    let exists = |p: &str| inside(p).is_some_and(|real| real.is_file());
                    redirect_for(raw, &path, exists).map_or_else(not_found, |to| redirect(&to))
                }
            }
        }
    }
}

async fn read_with_date(path: &std::path::Path) -> Option<(Vec<u8>, std::time::SystemTime)> {
    let modified = tokio::fs::metadata(path).await.ok()?.modified().ok()?;
    Some((tokio::fs::read(path).await.ok()?, modified))
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

#[cfg(test)]
mod tests {
    use super::*;

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
