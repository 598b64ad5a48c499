//! `guidesite serve` over real HTTP on 127.0.0.1: live rebuilds, broken content, path
//! traversal, LAN (static) mode. Requests are written by hand so that paths reach the server
//! exactly as sent (no client-side normalising of `..`).

use crate::support::temp_site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
    /// Every line the server has printed so far.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str], dir: &Path) -> Server {
    let mut child = crate::support::command(dir)
        .arg("serve")
        .args(["--port", "0"])
        .args(args)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let lines = std::sync::Arc::clone(&log);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                let _ = tx.send(port.parse::<u16>().unwrap());
            }
            lines.lock().unwrap().push(line);
        }
    });
    let port = rx.recv_timeout(Duration::from_secs(60)).expect("the server announces its address");
    Server { child, port, log }
}

/// (status, head, body) of a GET sent exactly as written.
fn request(port: u16, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_owned(), body.to_owned())
}

/// (status, body) of a GET.
fn get(port: u16, path: &str) -> (u16, String) {
    let (status, _, body) = request(port, path);
    (status, body)
}

/// One response header of a GET.
fn header(port: u16, path: &str, name: &str) -> Option<String> {
    let (_, head, _) = request(port, path);
    head.lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_owned()))
}

/// Polls until `ok` holds (10 s at most).
fn eventually(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

#[test]
fn preview_serves_from_memory_and_rebuilds_on_save() {
    let site = temp_site("basic");
    let server = start(&[], site.path());
    let (status, body) = get(server.port, "/en/1.1.1.html");
    assert_eq!(status, 200);
    assert!(body.contains("/__guidesite/live.js"), "the preview injects its script");
    assert!(!site.path().join("public").exists(), "the preview writes nothing to disk");
    let page = site.path().join("content/framework/1/1.1.1.md");
    let text = std::fs::read_to_string(&page).unwrap().replace("Reports.", "Reports and minutes.");
    std::fs::write(&page, text).unwrap();
    eventually("the edit shows", || get(server.port, "/en/1.1.1.html").1.contains("Reports and minutes."));
    assert!(get(server.port, "/fr/1.1.1.html").1.contains("Reports and minutes."), "the fallback page follows");
    eventually("site-wide pages follow", || get(server.port, "/en/print.html").1.contains("Reports and minutes."));
    // The log says what changed in words.
    eventually("the log line", || {
        server
            .log
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.starts_with("content/framework/1/1.1.1.md changed: page updated in"))
    });
    eventually("the full rebuild's line", || {
        server.log.lock().unwrap().iter().any(|l| l.starts_with("Whole site rebuilt in"))
    });
    assert_eq!(header(server.port, "/en/1.1.1/", "location").as_deref(), Some("/en/1.1.1.html"));
}

#[test]
fn broken_content_keeps_the_last_good_build_and_reports_errors() {
    let site = temp_site("basic");
    let server = start(&[], site.path());
    let page = site.path().join("content/about.md");
    let good = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, good.replace("See [[repayment-capacity]]", "See [[no-such-page]]")).unwrap();
    eventually("the error is reported", || get(server.port, "/__guidesite/errors").1.contains("no-such-page"));
    let errors: serde_json::Value = serde_json::from_str(&get(server.port, "/__guidesite/errors").1).unwrap();
    assert_eq!(errors[0]["path"], "content/about.md");
    assert_eq!(errors[0]["line"], 5);
    let (status, body) = get(server.port, "/en/about.html");
    assert_eq!(status, 200, "still serving");
    assert!(body.contains("repayment-capacity"), "the last good page");
    std::fs::write(&page, "---\nid: about\n").unwrap();
    eventually("front matter error", || get(server.port, "/__guidesite/errors").1.contains("not closed"));
    std::fs::write(&page, &good).unwrap();
    eventually("the errors clear", || get(server.port, "/__guidesite/errors").1 == "[]");
}

#[test]
fn rename_saves_and_bursts_end_in_one_correct_state() {
    let site = temp_site("basic");
    let server = start(&[], site.path());
    let page = site.path().join("content/framework/1/1.1.2.md");
    let original = std::fs::read_to_string(&page).unwrap();
    // An editor that writes a temporary file, then renames it over the page.
    let temporary = site.path().join("content/framework/1/.1.1.2.md.swp");
    std::fs::write(&temporary, original.replace("Pilot reports.", "Pilot reports, renamed.")).unwrap();
    std::fs::rename(&temporary, &page).unwrap();
    eventually("rename-save", || get(server.port, "/en/1.1.2.html").1.contains("Pilot reports, renamed."));
    // A burst of saves: only the last content may remain.
    for i in 0..30 {
        std::fs::write(&page, original.replace("Pilot reports.", &format!("Pilot reports, save {i}."))).unwrap();
    }
    eventually("last of the burst", || get(server.port, "/en/1.1.2.html").1.contains("Pilot reports, save 29."));
    // Many new files at once (a checkout): all appear.
    for i in 0..200 {
        let term = format!("---\nid: term-{i}\nkind: term\ntitle: Term {i}\n---\nUses [[1.1.1]].\n");
        std::fs::write(site.path().join(format!("content/glossary/term-{i}.md")), term).unwrap();
    }
    eventually("200 new pages", || {
        get(server.port, "/en/term-199.html").0 == 200 && get(server.port, "/en/term-0.html").0 == 200
    });
    eventually("backlinks updated", || get(server.port, "/en/1.1.1.html").1.contains("term-150.html"));
}

#[test]
fn requests_outside_the_site_are_refused() {
    let site = temp_site("basic");
    std::fs::write(site.path().join("secret.txt"), "secret").unwrap();
    let server = start(&[], site.path());
    for path in [
        "/../secret.txt",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%5csecret.txt",
        "/en/..%2f..%2fsecret.txt",
        "//etc/passwd",
        "/content/site.yaml",
    ] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("secret"), "{path}");
    }
}

#[test]
fn static_mode_serves_a_folder_with_types_and_refuses_escapes() {
    let site = temp_site("basic");
    assert!(Command::new(env!("CARGO_BIN_EXE_guidesite"))
        .arg("build")
        .current_dir(site.path())
        .status()
        .unwrap()
        .success());
    std::fs::write(site.path().join("secret.txt"), "secret").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.path().join("secret.txt"), site.path().join("public/link.txt")).unwrap();
    let server = start(&["--static", "public"], site.path());
    let (status, body) = get(server.port, "/en/1.1.html");
    assert_eq!(status, 200);
    assert!(!body.contains("live.js"), "no reload script in static mode");
    assert_eq!(header(server.port, "/assets/style.css", "content-type").as_deref(), Some("text/css; charset=utf-8"));
    assert_eq!(
        header(server.port, "/assets/search.js", "content-type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(header(server.port, "/en", "location").as_deref(), Some("/en/"));
    // Pages asked for as folders (links and bookmarks from before pages were flat files).
    assert_eq!(header(server.port, "/en/1.1/", "location").as_deref(), Some("/en/1.1.html"));
    assert_eq!(header(server.port, "/en/1.1/index.html", "location").as_deref(), Some("/en/1.1.html"));
    assert_eq!(get(server.port, "/en/9.9/").0, 404);
    assert_eq!(get(server.port, "/link.txt").0, 404, "a symlink out of the folder");
    assert_eq!(get(server.port, "/../secret.txt").0, 404);
    assert_eq!(get(server.port, "/__guidesite/events").0, 404);
}

#[test]
fn a_taken_port_moves_to_the_next_and_says_so() {
    let site = temp_site("basic");
    let blocker = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let taken = blocker.local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_guidesite"))
        .args(["serve", "--port", &taken.to_string()])
        .current_dir(site.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let said = lines.find(|l| l.as_ref().is_ok_and(|l| l.contains("is in use"))).and_then(Result::ok);
    let _ = child.kill();
    let _ = child.wait();
    let said = said.expect("a message about the port");
    assert!(said.contains(&format!("Port {taken} is in use")), "{said}");
}

/// Ctrl+C stops the preview within a second, with a page open on the live-reload stream and
/// a request in flight.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_preview_with_pages_open() {
    let site = temp_site("basic");
    let mut server = start(&[], site.path());
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(stream, "GET /__guidesite/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut first = [0u8; 64];
    let _ = stream.read(&mut first).unwrap();
    let mut half = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(half, "GET /en/index.html HTTP/1.1\r\nHost: local").unwrap();
    let pid = server.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let asked = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(asked.elapsed() < Duration::from_secs(2), "still running 2 s after Ctrl+C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(asked.elapsed() < Duration::from_millis(1500), "stopped in {:?}", asked.elapsed());
    assert!(status.success(), "{status:?}");
}

/// A flood of idle connections cannot keep a reader out, and an idle connection is closed.
#[test]
fn idle_connections_cannot_starve_a_reader() {
    let site = temp_site("basic");
    let server = start(&[], site.path());
    let idle: Vec<TcpStream> = (0..300).filter_map(|_| TcpStream::connect(("127.0.0.1", server.port)).ok()).collect();
    assert!(idle.len() >= 290, "opened {}", idle.len());
    let asked = Instant::now();
    assert_eq!(get(server.port, "/en/index.html").0, 200);
    assert!(asked.elapsed() < Duration::from_secs(3), "answered in {:?}", asked.elapsed());
    // A connection that never sends its request is closed by the server.
    let mut silent = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    silent.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let started = Instant::now();
    let mut buffer = [0u8; 16];
    let read = silent.read(&mut buffer);
    assert!(matches!(read, Ok(0)) || read.is_err(), "{read:?}");
    assert!(started.elapsed() < Duration::from_secs(15), "closed after {:?}", started.elapsed());
    drop(idle);
}

/// The LAN server answers 304 to a reader whose copy is current and gzips text on request.
#[test]
fn static_mode_caches_and_compresses() {
    let site = temp_site("basic");
    assert!(crate::support::command(site.path()).arg("build").status().unwrap().success());
    let server = start(&["--static", "public"], site.path());
    let etag = header(server.port, "/en/index.html", "etag").expect("an ETag");
    assert!(header(server.port, "/en/index.html", "last-modified").is_some());
    let raw = |extra: &str| {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(stream, "GET /en/index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        response
    };
    let again = raw(&format!("If-None-Match: {etag}\r\n"));
    assert!(again.starts_with(b"HTTP/1.1 304"), "{}", String::from_utf8_lossy(&again));
    let gz = raw("Accept-Encoding: gzip\r\n");
    let text = String::from_utf8_lossy(&gz).to_ascii_lowercase();
    assert!(text.contains("content-encoding: gzip"), "{text}");
    let body = &gz[gz.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4..];
    let mut html = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(body), &mut html).unwrap();
    assert!(html.contains("<html"), "the gzip body is the page");
}

/// Editor leftovers in the content folder never break the preview (or the build).
#[cfg(unix)]
#[test]
fn editor_leftovers_are_not_sources() {
    let site = temp_site("basic");
    let dir = site.path().join("content/framework/1");
    // An Emacs lock file is a dangling symlink.
    std::os::unix::fs::symlink("root@host.1234:1700000000", dir.join(".#1.1.1.md")).unwrap();
    std::fs::write(dir.join("1.1.1.md~"), "not yaml at all").unwrap();
    std::fs::write(dir.join("#1.1.1.md#"), "autosave").unwrap();
    std::fs::write(dir.join(".1.1.1.md.swp"), [0u8, 1, 2]).unwrap();
    std::fs::write(dir.join("4913"), "").unwrap();
    let out = crate::support::command(site.path()).arg("build").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let server = start(&[], site.path());
    std::fs::write(dir.join("1.1.2.md~"), "backup").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(get(server.port, "/__guidesite/errors").1, "[]");
    assert_eq!(get(server.port, "/en/1.1.1.html").0, 200);
}
