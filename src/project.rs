//! The project on disk: where content, themes, locales and template overrides live, and the
//! site settings read strictly from `content/site.yaml`.

use crate::diagnostic::{display_path, Diagnostic};
use crate::yaml::yaml_diagnostic;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Name of the site settings file inside `content/`.
pub const SETTINGS_FILE: &str = "site.yaml";

/// The folders of a site, all derived from its root.
#[derive(Debug, Clone)]
pub struct Project {
    /// The site root (holds `content/`, `themes/`, `locales/`).
    pub root: PathBuf,
}

impl Project {
    /// A project rooted at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Project { root: root.into() }
    }

    /// `content/`: Markdown pages and `site.yaml`.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    /// `locales/`: one Fluent file per language.
    pub fn locales_dir(&self) -> PathBuf {
        self.root.join("locales")
    }

    /// `themes/`: one folder per theme.
    pub fn themes_dir(&self) -> PathBuf {
        self.root.join("themes")
    }

    /// `templates/`: site-level overrides of theme templates, by name.
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// Every folder that holds the site's sources: content, locales, themes, templates. The
    /// preview watches them and a build never writes into them.
    pub fn source_dirs(&self) -> [PathBuf; 4] {
        [self.content_dir(), self.locales_dir(), self.themes_dir(), self.templates_dir()]
    }

    /// `content/site.yaml`.
    pub fn settings_path(&self) -> PathBuf {
        self.content_dir().join(SETTINGS_FILE)
    }

    /// A path as shown in messages: relative to the root when inside it.
    pub fn display(&self, path: &Path) -> PathBuf {
        display_path(&self.root, path)
    }
}

/// Site settings, as written in `content/site.yaml`. Unknown keys are errors.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title, shown in every page header.
    pub title: String,
    /// The language that every other language translates from.
    pub default_language: String,
    /// Languages to publish, in switcher order. Must include the default language.
    pub languages: Vec<String>,
    /// Theme folder under `themes/` (`default` is built in).
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Absolute URL where the site is published, for `sitemap.xml`; optional.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The edition, printed on the print guide's title page with the build date; optional.
    #[serde(default)]
    pub edition: Option<String>,
}

fn default_theme() -> String {
    "default".to_owned()
}

impl Config {
    /// Reads and validates `content/site.yaml`.
    pub fn load(project: &Project) -> Result<Config, Vec<Diagnostic>> {
        let path = project.settings_path();
        let shown = project.display(&path);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![Diagnostic::error(&shown, format!("cannot read the site settings: {e}"))
                .help("create content/site.yaml with title, default_language and languages (see `guidesite init`)")]
        })?;
        let config: Config = serde_yaml::from_str(&text)
            .map_err(|e| vec![yaml_diagnostic(&shown, &text, 0..text.len(), &e, "site settings")])?;
        let problems = config.problems(&shown, &text);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn problems(&self, shown: &Path, text: &str) -> Vec<Diagnostic> {
        let at_key = |key: &str, message: String| {
            let line = key_line(text, key).unwrap_or(0);
            Diagnostic::error(shown, message).at(line, 1).with_source(text)
        };
        let mut problems = Vec::new();
        for lang in &self.languages {
            if !is_language_code(lang) {
                problems.push(
                    at_key("languages", format!("`{lang}` is not a language code"))
                        .help("use lower-case codes such as en, fr, es, ru, ar, pt"),
                );
            }
        }
        if !self.languages.contains(&self.default_language) {
            problems.push(
                at_key(
                    "default_language",
                    format!("the default language `{}` is not in `languages`", self.default_language),
                )
                .help("add it to the `languages` list"),
            );
        }
        let mut seen = std::collections::HashSet::new();
        for lang in &self.languages {
            if !seen.insert(lang) {
                problems.push(at_key("languages", format!("language `{lang}` is listed twice")));
            }
        }
        problems
    }

    /// The published languages with the default language first.
    pub fn languages_default_first(&self) -> Vec<String> {
        let mut langs = vec![self.default_language.clone()];
        langs.extend(self.languages.iter().filter(|l| **l != self.default_language).cloned());
        langs
    }
}

/// True for a code such as `en`, `fr`, `pt-br`.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// 1-based line of a top-level `key:` in a YAML text.
pub fn key_line(yaml: &str, key: &str) -> Option<usize> {
    crate::yaml::find_key(yaml, key).map(|offset| crate::diagnostic::line_col(yaml, offset).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes() {
        for ok in ["en", "ar", "pt-br", "fil"] {
            assert!(is_language_code(ok), "{ok}");
        }
        for bad in ["EN", "e", "english", "en-", "1", ""] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }

    #[test]
    fn key_line_finds_top_level_keys() {
        let yaml = "title: x\nlanguages: [en]\ndefault_language: en\n";
        assert_eq!(key_line(yaml, "languages"), Some(2));
        assert_eq!(key_line(yaml, "default_language"), Some(3));
        assert_eq!(key_line(yaml, "theme"), None);
    }
}
