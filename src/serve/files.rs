//! Turning a request path into a site file and a file into a response: which paths are
//! allowed (never outside the site), redirects for folder URLs, content types, and for the
//! LAN server the caching (ETag, Last-Modified, 304) and gzip that a small office needs.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::io::Write;
use std::path::Path;
use std::time::SystemTime;

/// The preview's own URLs start with this; no site file may.
pub(super) const PREFIX: &str = "/__guidesite/";

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

/// Where a request for a missing file is sent, if anywhere: a folder without its slash
/// (`/en`) to the folder (`/en/`), and a page asked for as a folder (`/en/2.1/`,
/// `/en/2.1/index.html` or `/en/2.1`, as links and bookmarks made before pages were flat
/// files did) to its file (`/en/2.1.html`).
pub(super) fn redirect_for(raw: &str, path: &str, exists: impl Fn(&str) -> bool) -> Option<String> {
    if exists(&format!("{path}/index.html")) {
        return Some(format!("{raw}/"));
    }
    let stem = path.strip_suffix("/index.html").unwrap_or(path);
    let raw_stem = raw.trim_end_matches('/');
    let raw_stem = raw_stem.strip_suffix("/index.html").unwrap_or(raw_stem);
    let page = format!("{stem}.html");
    (!stem.is_empty() && !stem.ends_with(".html") && exists(&page)).then(|| format!("{raw_stem}.html"))
}

/// A preview response: never cached, since the next save changes it.
pub(super) fn preview_response(path: &str, bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, content_type(path)), (header::CACHE_CONTROL, "no-cache")], Body::from(bytes))
        .into_response()
}

/// A file of a built site for the LAN: `304 Not Modified` when the reader's copy is current
/// (by ETag or date), gzip when the reader accepts it and the file is text.
pub(super) fn static_response(path: &str, bytes: Vec<u8>, modified: SystemTime, request: &HeaderMap) -> Response {
    let etag = format!("\"{}\"", &blake3::hash(&bytes).to_hex()[..20]);
    let last_modified = httpdate::fmt_http_date(modified);
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(path)));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    insert(&mut headers, header::ETAG, &etag);
    insert(&mut headers, header::LAST_MODIFIED, &last_modified);
    if is_current(request, &etag, modified) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    let body = match gzipped(path, &bytes, request) {
        Some(compressed) => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            compressed
        }
        None => bytes,
    };
    (headers, Body::from(body)).into_response()
}

fn insert(headers: &mut HeaderMap, name: header::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

/// True when the request's validators say the reader already has this version.
fn is_current(request: &HeaderMap, etag: &str, modified: SystemTime) -> bool {
    if let Some(tags) = request.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        return tags.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == etag);
    }
    let since = request.get(header::IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok());
    match since.and_then(|s| httpdate::parse_http_date(s).ok()) {
        // HTTP dates have whole seconds.
        Some(since) => modified.duration_since(since).map_or(true, |newer| newer.as_secs() == 0),
        None => false,
    }
}

/// The file gzipped, when it is text worth compressing and the request accepts gzip.
fn gzipped(path: &str, bytes: &[u8], request: &HeaderMap) -> Option<Vec<u8>> {
    let accepts = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.split(';').next().is_some_and(|name| name.trim() == "gzip")));
    let text = content_type(path).starts_with("text/") || path.ends_with(".json") || path.ends_with(".svg");
    if !accepts || !text || bytes.len() < 1024 {
        return None;
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::fast());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

pub(super) fn redirect(to: &str) -> Response {
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to.to_owned())]).into_response()
}

pub(super) fn not_found() -> Response {
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

    fn request(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (k.clone(), HeaderValue::from_str(v).unwrap())).collect()
    }

    #[test]
    fn validators_answer_304_and_text_is_gzipped_when_asked() {
        let modified = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        let page = "<p>guidance</p>".repeat(200).into_bytes();
        let first = static_response("en/a.html", page.clone(), modified, &HeaderMap::new());
        assert_eq!(first.status(), StatusCode::OK);
        assert!(first.headers().get(header::CONTENT_ENCODING).is_none(), "not asked for gzip");
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
        let again = static_response("en/a.html", page.clone(), modified, &request(&[(header::IF_NONE_MATCH, &etag)]));
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let date = httpdate::fmt_http_date(modified);
        let by_date = request(&[(header::IF_MODIFIED_SINCE, &date)]);
        assert_eq!(static_response("en/a.html", page.clone(), modified, &by_date).status(), StatusCode::NOT_MODIFIED);
        let changed =
            static_response("en/a.html", b"new".to_vec(), modified, &request(&[(header::IF_NONE_MATCH, &etag)]));
        assert_eq!(changed.status(), StatusCode::OK);
        let gzip = request(&[(header::ACCEPT_ENCODING, "br;q=1.0, gzip;q=0.8")]);
        let compressed = static_response("en/a.html", page.clone(), modified, &gzip);
        assert_eq!(compressed.headers()[header::CONTENT_ENCODING], "gzip");
        let png = static_response("a.png", page, modified, &gzip);
        assert!(png.headers().get(header::CONTENT_ENCODING).is_none(), "images are not gzipped");
    }
}
