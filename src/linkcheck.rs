//! Checks that every internal link and asset reference of a built site resolves: the file
//! exists in the outputs and, for `#fragment` links, the target has an element with that id.
//! Used by the tests, by `guidesite check --links` style callers, and before packing a bundle.

use crate::output::Output;
use std::collections::{HashMap, HashSet};

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page that has the link.
    pub page: String,
    /// The link as written.
    pub link: String,
    /// Why it is broken.
    pub reason: String,
}

/// Every broken internal link of the outputs. External (`http:`, `mailto:` ...) links are
/// counted as leaving the site and reported too, since the site must work offline.
pub fn check(outputs: &[Output]) -> Vec<BrokenLink> {
    let files: HashMap<&str, &[u8]> = outputs.iter().map(|o| (o.path.as_str(), o.bytes.as_slice())).collect();
    let mut ids_cache: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut broken = Vec::new();
    for output in outputs.iter().filter(|o| o.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&output.bytes);
        for link in attribute_values(&html, &["href", "src"]) {
            if let Some(reason) = problem(&output.path, &link, &files, &mut ids_cache) {
                broken.push(BrokenLink { page: output.path.clone(), link, reason });
            }
        }
    }
    broken
}

/// Every file some other page links to (fragments dropped).
pub fn link_targets(outputs: &[Output]) -> HashSet<String> {
    let mut targets = HashSet::new();
    for output in outputs.iter().filter(|o| o.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&output.bytes);
        for link in attribute_values(&html, &["href", "src"]) {
            let path = link.split('#').next().unwrap_or_default();
            if path.is_empty() || path.contains(':') {
                continue;
            }
            if let Some(target) = resolve(&output.path, path) {
                if target != output.path {
                    targets.insert(target);
                }
            }
        }
    }
    targets
}

fn problem<'a>(
    page: &str,
    link: &str,
    files: &HashMap<&'a str, &'a [u8]>,
    ids_cache: &mut HashMap<&'a str, HashSet<String>>,
) -> Option<String> {
    if link.contains("://") || link.starts_with("mailto:") || link.starts_with("//") {
        return Some("leaves the site".into());
    }
    if link.starts_with('/') {
        return Some("absolute path: breaks from file:// and under a sub-path".into());
    }
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let target = if path.is_empty() {
        page.to_owned()
    } else {
        match resolve(page, path) {
            Some(target) => target,
            None => return Some("climbs above the site root".into()),
        }
    };
    let Some((&key, bytes)) = files.get_key_value(target.as_str()) else {
        return Some(format!("no file {target}"));
    };
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let ids = ids_cache.entry(key).or_insert_with(|| element_ids(&String::from_utf8_lossy(bytes)));
    (!ids.contains(fragment)).then(|| format!("no id `{fragment}` in {target}"))
}

/// Joins a relative link to the page's folder; `None` when it climbs above the root.
fn resolve(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Values of the named attributes, entity `&amp;` decoded.
fn attribute_values(html: &str, names: &[&str]) -> Vec<String> {
    let mut values = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut rest = html;
        while let Some(i) = rest.find(&needle) {
            rest = &rest[i + needle.len()..];
            if let Some(end) = rest.find('"') {
                values.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    values
}

fn element_ids(html: &str) -> HashSet<String> {
    attribute_values(html, &["id"]).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str, html: &str) -> Output {
        Output::new(path.into(), html.as_bytes().to_vec())
    }

    #[test]
    fn finds_missing_files_fragments_and_escapes() {
        let outputs = [
            out(
                "en/a/index.html",
                r##"<a href="../b/index.html#x">b</a> <a href="../b/index.html#nope">b</a> <a href="../../../x.html">up</a> <img src="https://cdn/x.png"> <a href="#top">top</a><h1 id="top"></h1>"##,
            ),
            out("en/b/index.html", r#"<h2 id="x">X</h2><a href="../c/index.html">c</a>"#),
        ];
        let broken: Vec<(String, String)> = check(&outputs).into_iter().map(|b| (b.link, b.reason)).collect();
        assert_eq!(broken.len(), 4, "{broken:?}");
        assert!(broken.iter().any(|(l, r)| l.ends_with("#nope") && r.contains("no id `nope`")));
        assert!(broken.iter().any(|(l, _)| l == "../../../x.html"));
        assert!(broken.iter().any(|(_, r)| r == "leaves the site"));
        assert!(broken.iter().any(|(l, r)| l == "../c/index.html" && r.contains("no file en/c/index.html")));
    }
}
