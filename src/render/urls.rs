//! Output paths and relative URLs. Every link the site makes is relative and names the file
//! (`2.1.html`, `../assets/style.css`), so the site works from `file://`, from a USB stick and
//! under any sub-path of a web server.
//!
//! Each language is one folder of flat files: `en/index.html` is its home, `en/2.1.3.html` a
//! page, `en/overview.html` a page the site makes. No folder per page: a 50,000-page site is
//! 50,000 files to create, not 50,000 folders and files (a build spent a third of its kernel
//! time in `mkdir`), and a copy to a USB stick is that much quicker too.

use crate::site::{Kind, Page};

/// The folder of the shared assets (stylesheet, scripts).
pub const ASSETS_DIR: &str = "assets";

/// Output path of a page in a language: `en/index.html` for home, `en/2.1.3.html` else.
pub fn page_path(page: &Page, lang: &str) -> String {
    match page.kind {
        Kind::Home => format!("{lang}/index.html"),
        _ => format!("{lang}/{}.html", page.id),
    }
}

/// Output path of a page the site makes itself (`overview`, `glossary`): `en/overview.html`.
pub fn special_path(name: &str, lang: &str) -> String {
    format!("{lang}/{name}.html")
}

/// The URL that leads from the file at `from` to the file at `to` (both relative to the site
/// root, `/`-separated).
pub fn relative(from: &str, to: &str) -> String {
    let from_dir = from.rfind('/').map_or("", |i| &from[..=i]);
    let (to_dir, file) = to.rfind('/').map_or(("", to), |i| (&to[..=i], &to[i + 1..]));
    // The longest common run of whole folders.
    let mut common = 0;
    for (i, (a, b)) in from_dir.bytes().zip(to_dir.bytes()).enumerate() {
        if a != b {
            break;
        }
        if a == b'/' {
            common = i + 1;
        }
    }
    let ups = from_dir[common..].matches('/').count();
    let mut url = String::with_capacity(3 * ups + to.len() - common);
    for _ in 0..ups {
        url.push_str("../");
    }
    url.push_str(&to_dir[common..]);
    url.push_str(file);
    url
}

/// The prefix that leads from the file at `from` to the site root (`../../` or empty).
pub fn to_root(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(relative("en/2.1.html", "en/2.1.3.html"), "2.1.3.html");
        assert_eq!(relative("en/2.1.html", "en/2.1.html"), "2.1.html");
        assert_eq!(relative("en/index.html", "en/2.html"), "2.html");
        assert_eq!(relative("en/2.html", "en/index.html"), "index.html");
        assert_eq!(relative("en/2.html", "fr/2.html"), "../fr/2.html");
        assert_eq!(relative("index.html", "ar/index.html"), "ar/index.html");
        assert_eq!(relative("en/2.html", "assets/style.css"), "../assets/style.css");
        // Folders deeper than a language's still resolve (theme assets, exports).
        assert_eq!(relative("a/b/c.html", "a/d/e.html"), "../d/e.html");
        assert_eq!(relative("a/b/c.html", "x.html"), "../../x.html");
    }

    #[test]
    fn root_prefix() {
        assert_eq!(to_root("index.html"), "");
        assert_eq!(to_root("en/index.html"), "../");
        assert_eq!(to_root("en/2.1.html"), "../");
        assert_eq!(to_root("en/a/b.html"), "../../");
    }
}
