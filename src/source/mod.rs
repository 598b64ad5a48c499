//! Sources: the Markdown files under `content/`, read and split into front matter and body.
//!
//! This stage knows files, encodings, file-name language suffixes and YAML; it knows nothing of
//! ids, links or HTML. Files are read in parallel; every unreadable file becomes a diagnostic.

pub mod front_matter;

use crate::diagnostic::{line_col, Diagnostic, Diagnostics};
use crate::project::{is_language_code, Config, Project};
use front_matter::{FrontMatter, SplitError};
use rayon::prelude::*;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// One Markdown file, read and split.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as shown in messages (relative to the project root).
    pub path: PathBuf,
    /// The file's language (from its suffix, or the default language).
    pub lang: String,
    /// The path without language suffix and `.md`: a source and its translations share it.
    pub stem: PathBuf,
    /// Where the file was read from: messages read it again once the text is released.
    pub file: PathBuf,
    /// The whole file (empty once [`Source::release_text`] ran; a source is never empty
    /// before, since it starts with front matter).
    pub text: String,
    /// True when the body holds more than white space.
    pub has_body: bool,
    /// The parsed front matter.
    pub front: FrontMatter,
    /// Byte offset of the YAML block and of the body.
    pub yaml_range: (usize, usize),
    /// Byte offset where the body starts.
    pub body_offset: usize,
    /// The hashes a translation of this source records, computed on first use
    /// ([`Source::translation_hash`]): without and with the body.
    pub hashes: std::sync::OnceLock<(String, String)>,
}

impl Source {
    /// Frees the file's text once its body is scanned: a build of 50,000 pages holds 270 MB
    /// less at its peak. The hashes a translation compares with are computed first when
    /// `keep_hashes` is set. Afterwards the body and YAML block read as empty, and a message
    /// about the file reads it again (see [`Source::error_in_body`]).
    pub fn release_text(&mut self, keep_hashes: bool) {
        if keep_hashes {
            self.translation_hash(true);
        }
        self.text = String::new();
    }

    /// The hash a translation records (`source_hash`): of this source's title and summary, and
    /// of its body when the translation has one. `i18n` compares it with the translation's.
    pub fn translation_hash(&self, with_body: bool) -> &str {
        let (short, full) = self.hashes.get_or_init(|| (self.compute_hash(false), self.compute_hash(true)));
        if with_body {
            full
        } else {
            short
        }
    }

    fn compute_hash(&self, with_body: bool) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.front.title.as_deref().unwrap_or_default().trim().as_bytes());
        hasher.update(b"\0");
        hasher.update(self.front.summary.as_deref().unwrap_or_default().trim().as_bytes());
        if with_body {
            hasher.update(b"\0");
            hasher.update(self.body().trim().as_bytes());
        }
        hasher.finalize().to_hex()[..16].to_owned()
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.text.get(self.body_offset..).unwrap_or_default()
    }

    /// The YAML block.
    pub fn yaml(&self) -> &str {
        self.yaml_in(&self.text)
    }

    /// The YAML block of `text` (the file's text, in memory or read again).
    fn yaml_in<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.yaml_range.0..self.yaml_range.1).unwrap_or_default()
    }

    /// The text a message points into: the one in memory, or the file read again once it was
    /// released (if the file changed since, the line shown may be off; if it is gone, the
    /// message shows no line of it).
    fn text_for_message(&self) -> Cow<'_, str> {
        if self.text.is_empty() {
            Cow::Owned(std::fs::read_to_string(&self.file).unwrap_or_default())
        } else {
            Cow::Borrowed(&self.text)
        }
    }

    /// An error at a byte offset of the body.
    pub fn error_in_body(&self, body_offset: usize, message: impl Into<String>) -> Diagnostic {
        let text = self.text_for_message();
        let (line, col) = line_col(&text, self.body_offset + body_offset);
        Diagnostic::error(&self.path, message).at(line, col).with_source(&text)
    }

    /// An error at the line of a front-matter key (or line 1 when the key is absent).
    pub fn error_at_key(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        self.at_key(Diagnostic::error(&self.path, message), key)
    }

    /// A warning at the line of a front-matter key (or line 1 when the key is absent).
    pub fn warning_at_key(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        self.at_key(Diagnostic::warning(&self.path, message), key)
    }

    fn at_key(&self, diagnostic: Diagnostic, key: &str) -> Diagnostic {
        let text = self.text_for_message();
        let (line, col) = self.key_position(&text, key, None);
        diagnostic.at(line, col).with_source(&text)
    }

    /// An error at a value inside a front-matter list, such as one id in `related`.
    pub fn error_at_value(&self, key: &str, value: &str, message: impl Into<String>) -> Diagnostic {
        let text = self.text_for_message();
        let (line, col) = self.key_position(&text, key, Some(value));
        Diagnostic::error(&self.path, message).at(line, col).with_source(&text)
    }

    fn key_position(&self, text: &str, key: &str, value: Option<&str>) -> (usize, usize) {
        let yaml = self.yaml_in(text);
        let Some(key_at) = crate::yaml::find_key(yaml, key) else {
            return (1, 1);
        };
        let block = key_block(&yaml[key_at..]);
        let at = value.and_then(|v| find_word(block, v)).map(|i| key_at + i).unwrap_or(key_at);
        line_col(text, self.yaml_range.0 + at)
    }
}

/// The text of a top-level key with its value: its own line plus the indented lines below.
fn key_block(from_key: &str) -> &str {
    let mut end = 0;
    for (i, line) in from_key.split_inclusive('\n').enumerate() {
        if i > 0 && !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            break;
        }
        end += line.len();
    }
    &from_key[..end]
}

/// Offset of `word` in `text` where it is not part of a longer id (`2.1` is not in `2.1.3`).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let continues_id = |rest: &str| {
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if c.is_alphanumeric() || c == '-' => true,
            Some('.') => chars.next().is_some_and(char::is_alphanumeric),
            _ => false,
        }
    };
    text.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let starts_clean = !before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '-');
        starts_clean && !continues_id(&text[i + word.len()..])
    })
}

/// Reads every page under `content/`; returns the good ones and a diagnostic for each bad one.
pub fn load_all(project: &Project, config: &Config) -> (Vec<Source>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let files = match markdown_files(&project.content_dir()) {
        Ok(files) => files,
        Err(e) => {
            diagnostics.push(Diagnostic::error(project.display(&project.content_dir()), e));
            return (Vec::new(), diagnostics);
        }
    };
    let results: Vec<Result<Source, Diagnostic>> =
        files.par_iter().map(|path| load_one(project, config, path)).collect();
    let mut sources = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(source) => sources.push(source),
            Err(d) => diagnostics.push(d),
        }
    }
    (sources, diagnostics)
}

/// All `.md` files below `dir`, sorted; hidden files and editor leftovers are skipped (see
/// [`is_leftover`]), even when they are dangling links (Emacs lock files are).
pub fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name();
    for entry in walker.into_iter().filter_entry(|e| e.depth() == 0 || !is_leftover_name(e.file_name())) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) if e.path().is_some_and(|p| p.file_name().is_some_and(is_leftover_name)) => continue,
            Err(e) => return Err(unreadable(&e)),
        };
        if entry.file_type().is_file() && is_page_file(entry.path()) {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

fn unreadable(e: &walkdir::Error) -> String {
    let path = e.path().map(|p| p.display().to_string()).unwrap_or_default();
    match e.io_error().map(std::io::Error::kind) {
        Some(std::io::ErrorKind::NotFound) => {
            format!("`{path}` is a link to something that does not exist: remove the link or restore what it points to")
        }
        _ => format!("cannot read `{path}` in the content folder: {e}"),
    }
}

fn is_leftover_name(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_none_or(is_leftover)
}

/// True for names that are never sources: hidden files and folders, and what editors and
/// file managers leave beside a file they edit (Emacs `.#x.md` locks and `#x.md#` autosaves,
/// `x.md~` backups, Vim `.x.md.swp` swaps and its `4913` probe, `*.tmp`, `*.bak`, `*.orig`,
/// JetBrains `*___jb_tmp___`, Chrome `*.crswap`). `build`, `check` and the preview's watcher
/// all ask this one function.
pub fn is_leftover(name: &str) -> bool {
    const SUFFIXES: [&str; 11] =
        ["~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".orig", ".crswap", "___jb_tmp___", "___jb_old___", "#"];
    name.starts_with('.')
        || name.starts_with('#')
        || name == "4913"
        || SUFFIXES.iter().any(|s| name.ends_with(s))
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// True for `*.md` files that are not editor leftovers.
pub fn is_page_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with(".md") && !is_leftover(name)
}

/// Reads and splits one page file.
pub fn load_one(project: &Project, config: &Config, path: &Path) -> Result<Source, Diagnostic> {
    let shown = project.display(path);
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::error(&shown, format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| not_utf8(&shown, e))?;
    from_text(project, config, path, text)
}

/// A page file from its text (an editor's unsaved buffer, or the file as read).
pub fn from_text(project: &Project, config: &Config, path: &Path, text: String) -> Result<Source, Diagnostic> {
    let shown = project.display(path);
    let (lang, stem) = language_of(&shown, config)?;
    let split = front_matter::split(&text).map_err(|e| split_error(&shown, &text, e))?;
    let front = front_matter::parse(&shown, &text, &split)?;
    Ok(Source {
        path: shown,
        lang,
        stem,
        file: path.to_owned(),
        has_body: !text[split.body..].trim().is_empty(),
        text,
        front,
        yaml_range: split.yaml,
        body_offset: split.body,
        hashes: std::sync::OnceLock::new(),
    })
}

fn not_utf8(path: &Path, e: std::string::FromUtf8Error) -> Diagnostic {
    let valid = e.utf8_error().valid_up_to();
    let bytes = e.as_bytes();
    let good = String::from_utf8_lossy(&bytes[..valid]);
    let (line, col) = line_col(&good, valid);
    Diagnostic::error(path, format!("the file is not valid UTF-8 (bad byte 0x{:02x})", bytes[valid]))
        .at(line, col)
        .help("save the file as UTF-8 in your editor")
}

fn split_error(path: &Path, text: &str, e: SplitError) -> Diagnostic {
    match e {
        SplitError::Missing => Diagnostic::error(path, "the page has no front matter")
            .at(1, 1)
            .help("start the file with a `---` line, then `id:` and `title:`, then another `---` line"),
        SplitError::NotClosed => Diagnostic::error(path, "the front matter is not closed")
            .at(1, 1)
            .help("add a line with `---` after the last front-matter field"),
    }
    .with_source(text)
}

/// The language of a file from its name (`x.fr.md` is French), and its translation stem.
/// The language of a page file from its name (`x.fr.md`: `fr`; no suffix: the default
/// language), and its stem. An unknown language suffix is an error.
pub(crate) fn language_of(path: &Path, config: &Config) -> Result<(String, PathBuf), Diagnostic> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let base = name.strip_suffix(".md").unwrap_or(name);
    let stem_of = |s: &str| path.with_file_name(s);
    if let Some((rest, suffix)) = base.rsplit_once('.') {
        if is_language_code(suffix) {
            if config.languages.iter().any(|l| l == suffix) {
                return Ok((suffix.to_owned(), stem_of(rest)));
            }
            return Err(Diagnostic::error(path, format!("unknown language suffix `.{suffix}`")).help(format!(
                "the site's languages are {}; add `{suffix}` to `languages` in content/site.yaml or rename the file",
                config.languages.join(", ")
            )));
        }
    }
    Ok((config.default_language.clone(), stem_of(base)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config {
            title: "t".into(),
            default_language: "en".into(),
            languages: vec!["en".into(), "fr".into()],
            theme: "default".into(),
            base_url: None,
            edition: None,
        }
    }

    #[test]
    fn language_suffixes() {
        let c = config();
        let (lang, stem) = language_of(Path::new("c/2.1.3.fr.md"), &c).unwrap();
        assert_eq!((lang.as_str(), stem), ("fr", PathBuf::from("c/2.1.3")));
        let (lang, stem) = language_of(Path::new("c/2.1.3.md"), &c).unwrap();
        assert_eq!((lang.as_str(), stem), ("en", PathBuf::from("c/2.1.3")));
        let err = language_of(Path::new("c/about.de.md"), &c).unwrap_err();
        assert!(err.message.contains("unknown language suffix `.de`"));
    }

    #[test]
    fn a_released_text_keeps_what_rendering_needs() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let project = Project::new(dir.path());
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("writable");
            load_one(&project, &config(), &path).expect("a valid page")
        };
        let mut full = write("a.md", "---\ntitle: A\n---\n\nSome *body*.\n");
        let mut bare = write("a.fr.md", "---\ntitle: Un\n---\n  \n");
        assert!(full.has_body && !bare.has_body);
        let hashes = (full.translation_hash(false).to_owned(), full.translation_hash(true).to_owned());
        full.hashes = std::sync::OnceLock::new();
        full.release_text(true);
        bare.release_text(false);
        for source in [&full, &bare] {
            assert!(source.text.is_empty() && source.body().is_empty() && source.yaml().is_empty());
        }
        assert!(full.has_body && !bare.has_body);
        assert_eq!(full.translation_hash(false), hashes.0);
        assert_eq!(full.translation_hash(true), hashes.1);
        assert_eq!(full.front.title.as_deref(), Some("A"));
        // Messages read the file again: the line and its text are those of the file.
        let error = full.error_in_body(full.body().len() + 2, "here");
        assert_eq!((error.line, error.snippet.as_deref()), (5, Some("Some *body*.")));
        let error = full.error_at_key("title", "there");
        assert_eq!((error.line, error.snippet.as_deref()), (2, Some("title: A")));
    }

    #[test]
    fn editor_temporaries_are_not_pages() {
        assert!(is_page_file(Path::new("a/b.md")));
        for tmp in ["a/.#b.md", "a/b.md~", "a/#b.md#", "a/.b.md.swp", "a/b.md.tmp"] {
            assert!(!is_page_file(Path::new(tmp)), "{tmp}");
        }
    }
}
