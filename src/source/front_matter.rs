//! Front matter: splitting the `---` block off a page and reading it into [`FrontMatter`].
//!
//! YAML errors are reported at their line in the Markdown file, not in the block: the block's
//! first line is added to every position the YAML parser gives.

use crate::diagnostic::Diagnostic;
use crate::yaml::yaml_diagnostic;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::path::Path;

/// A page's front matter. Unknown fields are errors, so a typo never passes silently.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// `"2.1.3"` for the framework or a slug; may be left out in a translation.
    #[serde(default, deserialize_with = "de_opt_id")]
    pub id: Option<String>,
    /// Page title; for an indicator, the indicator statement.
    pub title: Option<String>,
    /// A few words that name the item wherever it is listed or referred to ("Debt-service
    /// ceiling"); the title stays the full statement.
    pub short_title: Option<String>,
    /// One or two sentences for listings and the top of the page.
    pub summary: Option<String>,
    /// Kind of a slug page; framework kinds come from the number.
    pub kind: Option<SlugKind>,
    /// Ordering among slug pages of one kind.
    pub weight: Option<i64>,
    /// Products the item applies to.
    #[serde(default)]
    pub applies_to: Vec<Product>,
    /// What an assessor reviews.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Related page ids.
    #[serde(default, deserialize_with = "de_ids")]
    pub related: Vec<String>,
    /// Glossary term ids used by the page.
    #[serde(default, deserialize_with = "de_ids")]
    pub glossary: Vec<String>,
    /// In a translation: the hash of the source text it was translated from
    /// (written by `guidesite i18n mark`).
    pub source_hash: Option<String>,
}

/// Kinds of pages that have a slug id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum SlugKind {
    /// The language home page.
    Home,
    /// An ordinary page (about, help).
    Page,
    /// A Detailed Guidance article.
    Guide,
    /// A Smart Operations department page.
    Department,
    /// A glossary term.
    Term,
}

/// Products an item can apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Product {
    /// Every product.
    All,
    /// Loans.
    Credit,
    /// Deposits.
    Savings,
    /// Payments and transfers.
    Payments,
    /// Insurance.
    Insurance,
}

impl Product {
    /// The name used in front matter and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Product::All => "all",
            Product::Credit => "credit",
            Product::Savings => "savings",
            Product::Payments => "payments",
            Product::Insurance => "insurance",
        }
    }
}

/// Kinds of evidence an assessor reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// Policies, manuals, reports, files.
    Documents,
    /// Talks with staff, management and clients.
    Interviews,
    /// What the assessor sees at a branch or in a system.
    Observation,
}

impl Evidence {
    /// The name used in front matter and UI string keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Documents => "documents",
            Evidence::Interviews => "interviews",
            Evidence::Observation => "observation",
        }
    }
}

/// An id written as a string or a whole number; a float (`2.10`) loses digits, so it is refused.
struct IdValue(String);

impl<'de> Deserialize<'de> for IdValue {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = IdValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id such as \"2.1.3\" or over-indebtedness")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<IdValue, E> {
                Ok(IdValue(v.to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<IdValue, E> {
                Err(E::custom(format!("the number {v} must be quoted, or 2.10 would read as 2.1: write \"{v}\"")))
            }
        }
        de.deserialize_any(V)
    }
}

fn de_opt_id<'de, D: Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<IdValue>::deserialize(de)?.map(|v| v.0))
}

fn de_ids<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<String>, D::Error> {
    Ok(Vec::<IdValue>::deserialize(de)?.into_iter().map(|v| v.0).collect())
}

/// Where the parts of a page file are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML between the fences.
    pub yaml: (usize, usize),
    /// 1-based line of the YAML's first line.
    pub yaml_line: usize,
    /// Byte offset of the body.
    pub body: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---`.
    Missing,
    /// The opening `---` has no closing `---`.
    NotClosed,
}

/// Finds the `---` fenced YAML block at the start of `text` (a UTF-8 BOM is allowed).
pub fn split(text: &str) -> Result<Split, SplitError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if rest[..first_line_end].trim_end() != "---" {
        return Err(SplitError::Missing);
    }
    let yaml_start = start + first_line_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map(|i| pos + i + 1).unwrap_or(text.len());
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split { yaml: (yaml_start, pos), yaml_line: 2, body: end });
        }
        pos = end;
    }
    Err(SplitError::NotClosed)
}

/// Parses the YAML block; errors are placed at their line in the whole file.
pub fn parse(path: &Path, text: &str, split: &Split) -> Result<FrontMatter, Diagnostic> {
    let yaml = &text[split.yaml.0..split.yaml.1];
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    serde_yaml::from_str(yaml).map_err(|e| yaml_diagnostic(path, text, split.yaml.0..split.yaml.1, &e, "front matter"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_block_and_body() {
        let text = "---\nid: \"1\"\n---\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.yaml.0..s.yaml.1], "id: \"1\"\n");
        assert_eq!(&text[s.body..], "Body\n");
        assert_eq!(s.yaml_line, 2);
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(split("---\nid: x\nBody\n"), Err(SplitError::NotClosed));
        assert!(split("\u{feff}---\n---\n").is_ok());
    }

    fn error_of(text: &str) -> Diagnostic {
        let s = split(text).unwrap();
        parse(Path::new("a.md"), text, &s).unwrap_err()
    }

    #[test]
    fn an_unclosed_quote_is_reported_on_its_own_line() {
        let d = error_of("---\nid: about\ntitle: \"About\nsummary: x\n---\nBody\n");
        assert_eq!((d.line, d.column), (3, 8), "{d}");
        let d = error_of("---\nid: about\nrelated: [a, b\nsummary: x\n---\n");
        assert_eq!(d.line, 3, "{d}");
        let d = error_of("---\nid: about\ntitle: L'IF \"dit\"\nsummary: 'x\n---\n");
        assert_eq!(d.line, 4, "an apostrophe inside a plain value opens nothing: {d}");
    }

    #[test]
    fn a_control_character_is_reported_where_it_is() {
        let d = error_of("---\nid: about\ntitle: \"Ab\u{1}out\"\n---\n");
        assert_eq!((d.line, d.column), (3, 11), "{d}");
        assert!(d.message.contains("control character (U+0001)"), "{d}");
    }

    #[test]
    fn a_type_error_explains_the_type() {
        let d = error_of("---\nid: about\ntitle: [a, b]\n---\n");
        assert_eq!(d.line, 3);
        let help = d.help.unwrap_or_default();
        assert!(help.contains("this field takes text") && !help.contains("indentation"), "{help}");
    }

    #[test]
    fn yaml_errors_point_at_the_file_line() {
        let text = "---\ntitle: A\nid: \"unclosed\n---\n";
        let s = split(text).unwrap();
        let d = parse(Path::new("a.md"), text, &s).unwrap_err();
        assert!(d.line >= 3, "{d}");
        assert!(d.message.starts_with("invalid YAML"), "{d}");
    }

    #[test]
    fn unknown_field_is_named_with_its_line() {
        let text = "---\nid: \"1\"\ntitel: A\n---\n";
        let s = split(text).unwrap();
        let d = parse(Path::new("a.md"), text, &s).unwrap_err();
        assert_eq!(d.line, 3, "{d}");
        assert!(d.message.contains("unknown field `titel`"), "{d}");
    }

    #[test]
    fn float_ids_are_refused_and_integers_accepted() {
        let text = "---\nid: 2.10\n---\n";
        let d = parse(Path::new("a.md"), text, &split(text).unwrap()).unwrap_err();
        assert!(d.message.contains("must be quoted"), "{d}");
        let text = "---\nid: 2\nrelated: [3, \"2.1\"]\n---\n";
        let fm = parse(Path::new("a.md"), text, &split(text).unwrap()).unwrap();
        assert_eq!(fm.id.as_deref(), Some("2"));
        assert_eq!(fm.related, vec!["3", "2.1"]);
    }
}
