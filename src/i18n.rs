//! Translation status: which pages each language has translated, which translations are out
//! of date, and recording a reviewed translation as current.
//!
//! A translation stores `source_hash`, a hash of the source text it was made from (title,
//! summary and, for a full translation, the body). When the source changes, the hash no longer
//! matches and the translation is reported — and published — as outdated.

use crate::diagnostic::Diagnostic;
use crate::site::{Page, Site};
use crate::source::Source;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How far one page is translated into one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// No translation file.
    Missing,
    /// Only the title (and summary) are translated; the body shows in the original.
    TitleOnly,
    /// Translated, but the source changed since (or the translation was never marked).
    Outdated,
    /// Translated from the current source.
    Current,
}

/// One page's state in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Page id.
    pub id: String,
    /// The translation file, or where it would go.
    pub path: PathBuf,
    /// Its state.
    pub state: State,
}

/// The status of one language.
#[derive(Debug, Clone, Serialize)]
pub struct LangStatus {
    /// Language code.
    pub lang: String,
    /// Pages translated and current.
    pub current: usize,
    /// Pages translated but out of date.
    pub outdated: usize,
    /// Pages with a translated title only.
    pub title_only: usize,
    /// Pages with no translation.
    pub missing: usize,
    /// Every page that is not current, in site order.
    pub pages: Vec<Entry>,
}

/// The state of `page` in `lang`.
pub fn state(site: &Site, page: &Page, lang: &str) -> State {
    let Some(&t) = page.versions.get(lang) else {
        return State::Missing;
    };
    let original = site.default_version(page);
    if t == original {
        return State::Current;
    }
    let translation = &site.sources[t];
    let source = &site.sources[original];
    let full = translation.has_body;
    let expected = source.translation_hash(full);
    match (&translation.front.source_hash, full) {
        (Some(hash), _) if hash != expected => State::Outdated,
        (None, _) => State::Outdated,
        (Some(_), true) => State::Current,
        (Some(_), false) => State::TitleOnly,
    }
}

/// The status of every language but the default one.
pub fn status(site: &Site) -> Vec<LangStatus> {
    site.langs
        .iter()
        .filter(|l| **l != site.config.default_language)
        .map(|lang| {
            let mut status = LangStatus {
                lang: lang.clone(),
                current: 0,
                outdated: 0,
                title_only: 0,
                missing: 0,
                pages: Vec::new(),
            };
            for page in &site.pages {
                let state = state(site, page, lang);
                match state {
                    State::Current => status.current += 1,
                    State::Outdated => status.outdated += 1,
                    State::TitleOnly => status.title_only += 1,
                    State::Missing => status.missing += 1,
                }
                if state != State::Current {
                    let path = match page.versions.get(lang.as_str()) {
                        Some(&t) => site.sources[t].path.clone(),
                        None => translation_path(&site.sources[site.default_version(page)], lang),
                    };
                    status.pages.push(Entry { id: page.id.clone(), path, state });
                }
            }
            status
        })
        .collect()
}

/// Where the translation of `source` into `lang` goes: `x.md` -> `x.fr.md`.
pub fn translation_path(source: &Source, lang: &str) -> PathBuf {
    let stem = source.stem.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    source.stem.with_file_name(format!("{stem}.{lang}.md"))
}

/// Records the translations at `files` as made from their current source: writes
/// `source_hash` into each one's front matter. Returns the files changed.
pub fn mark(root: &Path, site: &Site, files: &[PathBuf]) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut plans = Vec::new();
    for file in files {
        let wanted = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        let found = site.pages.iter().find_map(|page| {
            page.versions
                .values()
                .find(|&&s| std::fs::canonicalize(root.join(&site.sources[s].path)).is_ok_and(|p| p == wanted))
                .map(|&s| (page, s))
        });
        match found {
            Some((page, s)) if site.sources[s].lang != site.config.default_language => {
                let translation = &site.sources[s];
                let hash = site.sources[site.default_version(page)].translation_hash(translation.has_body);
                plans.push((root.join(&translation.path), with_hash(translation, hash)));
            }
            Some(_) => problems.push(
                Diagnostic::error(file, "this is a source file, not a translation")
                    .help("name translation files such as `2.1.3.fr.md`"),
            ),
            None => problems.push(
                Diagnostic::error(file, "not a page of this site")
                    .help("give the path of a translation file under content/"),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut changed = Vec::new();
    for (path, text) in plans {
        std::fs::write(&path, text).map_err(|e| vec![Diagnostic::error(&path, format!("cannot write: {e}"))])?;
        changed.push(path);
    }
    Ok(changed)
}

/// The translation's text with `source_hash` set, everything else kept as written.
fn with_hash(translation: &Source, hash: &str) -> String {
    let text = &translation.text;
    let (start, end) = translation.yaml_range;
    let yaml = &text[start..end];
    let line = format!("source_hash: {hash}\n");
    let new_yaml = match yaml.lines().position(|l| l.starts_with("source_hash:")) {
        Some(i) => {
            yaml.lines()
                .enumerate()
                .map(|(n, l)| if n == i { line.trim_end().to_owned() } else { l.to_owned() })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        }
        None if yaml.is_empty() || yaml.ends_with('\n') => format!("{yaml}{line}"),
        None => format!("{yaml}\n{line}"),
    };
    format!("{}{new_yaml}{}", &text[..start], &text[end..])
}
