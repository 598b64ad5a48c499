//! UI strings per language, from `locales/<lang>.ftl` (Fluent), with CLDR plural rules.
//!
//! A language's strings fall back to the default language's file, then to the built-in
//! English strings that ship with the binary. Each file also names its language in that
//! language (`language-name`) and its direction (`language-direction = rtl`).

use crate::diagnostic::{line_col, Diagnostic, Diagnostics};
use crate::project::{Config, Project};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The built-in English strings: the last fallback for every language.
pub(crate) const BUILTIN_EN: &str = include_str!("../locales/en.ftl");

/// One language's UI.
pub struct Locale {
    /// Language code.
    pub code: String,
    /// The language's name in itself (`Français`).
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Every message without arguments, fallbacks applied, keyed with `_` for `-`.
    pub strings: BTreeMap<String, String>,
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale").field("code", &self.code).field("dir", &self.dir).finish()
    }
}

impl Locale {
    /// Formats `key` with a `count` argument (plural forms follow the language's CLDR rules).
    pub fn format(&self, key: &str, count: Option<f64>) -> Option<String> {
        let mut args = FluentArgs::new();
        if let Some(n) = count {
            args.set("count", n);
        }
        self.bundles.iter().find_map(|bundle| {
            let pattern = bundle.get_message(key)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
            Some(text.into_owned())
        })
    }
}

/// The UI of every published language.
#[derive(Debug, Default)]
pub struct Locales {
    by_lang: HashMap<String, Locale>,
}

impl Locales {
    /// Reads `locales/<lang>.ftl` for each language. Syntax errors fail; missing strings warn.
    pub fn load(project: &Project, config: &Config) -> Result<(Locales, Diagnostics), Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        let builtin = parse(Path::new("<built-in en.ftl>"), BUILTIN_EN.to_owned()).map_err(|d| {
            let mut all = Diagnostics::default();
            all.push(d);
            all
        })?;
        let mut own: HashMap<String, FluentResource> = HashMap::new();
        for lang in &config.languages {
            let path = project.locales_dir().join(format!("{lang}.ftl"));
            let shown = project.display(&path);
            match std::fs::read_to_string(&path) {
                Ok(text) => match parse(&shown, text) {
                    Ok(resource) => {
                        own.insert(lang.clone(), resource);
                    }
                    Err(d) => diagnostics.push(d),
                },
                Err(_) => diagnostics.push(
                    Diagnostic::warning(&shown, format!("no UI strings for `{lang}`: the default language's are used"))
                        .help(format!(
                            "create {} (copy the default language's file and translate it)",
                            shown.display()
                        )),
                ),
            }
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let default_keys = own.get(&config.default_language).map(message_keys).unwrap_or_default();
        let mut by_lang = HashMap::new();
        for lang in &config.languages {
            let mut chain: Vec<&FluentResource> = Vec::new();
            chain.extend(own.get(lang));
            if *lang != config.default_language {
                chain.extend(own.get(&config.default_language));
                if let Some(resource) = own.get(lang) {
                    warn_missing(project, lang, resource, &default_keys, &mut diagnostics);
                }
            }
            chain.push(&builtin);
            by_lang.insert(lang.clone(), build_locale(lang, &chain));
        }
        Ok((Locales { by_lang }, diagnostics))
    }

    /// The locale of a published language.
    pub fn get(&self, lang: &str) -> &Locale {
        self.by_lang.get(lang).or_else(|| self.by_lang.values().next()).expect("a site has at least one language")
    }
}

fn parse(path: &Path, text: String) -> Result<FluentResource, Diagnostic> {
    FluentResource::try_new(text.clone()).map_err(|(_, errors)| {
        let first = &errors[0];
        let (line, col) = line_col(&text, fault_offset(&text, first));
        Diagnostic::error(path, format!("invalid Fluent syntax: {}", first.kind))
            .at(line, col)
            .with_source(&text)
            .help("a message is `key = text`; continuation lines are indented")
    })
}

/// Where a Fluent error's fault is. A missing closing token (`}`, `=`) is noticed at the start of
/// the next line; the fault is at the end of the line before.
fn fault_offset(text: &str, error: &fluent_syntax::parser::ParserError) -> usize {
    let at = error.pos.start.min(text.len());
    let missing_token = matches!(error.kind, fluent_syntax::parser::ErrorKind::ExpectedToken(_));
    if missing_token && at > 0 && text.as_bytes()[at - 1] == b'\n' {
        let line_end = text[..at - 1].trim_end_matches('\r').len();
        return line_end;
    }
    at
}

fn message_keys(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

fn warn_missing(
    project: &Project,
    lang: &str,
    resource: &FluentResource,
    default_keys: &[String],
    diagnostics: &mut Diagnostics,
) {
    let have = message_keys(resource);
    let missing: Vec<&str> = default_keys.iter().filter(|k| !have.contains(k)).map(String::as_str).collect();
    if !missing.is_empty() {
        let path = project.display(&project.locales_dir().join(format!("{lang}.ftl")));
        diagnostics.push(
            Diagnostic::warning(
                path,
                format!(
                    "{} not translated: {}",
                    crate::diagnostic::counted(missing.len(), "UI string is", "UI strings are"),
                    missing.join(", ")
                ),
            )
            .help("they show in the default language until they are added"),
        );
    }
}

fn build_locale(lang: &str, chain: &[&FluentResource]) -> Locale {
    let langid: unic_langid::LanguageIdentifier = lang.parse().unwrap_or_default();
    let bundles: Vec<FluentBundle<FluentResource>> = chain
        .iter()
        .map(|resource| {
            let mut bundle = FluentBundle::new_concurrent(vec![langid.clone()]);
            bundle.set_use_isolating(false);
            // Each bundle holds one resource, so ids cannot clash.
            let _ = bundle.add_resource(FluentResource::try_new(resource_source(resource)).unwrap_or_else(|(r, _)| r));
            bundle
        })
        .collect();
    let mut locale =
        Locale { code: lang.to_owned(), name: lang.to_owned(), dir: "ltr", strings: BTreeMap::new(), bundles };
    for resource in chain.iter().rev() {
        for key in message_keys(resource) {
            if let Some(text) = locale.format(&key, None) {
                locale.strings.insert(key.replace('-', "_"), text);
            }
        }
    }
    if let Some(name) = locale.format("language-name", None) {
        locale.name = name;
    }
    let default_dir = if ["ar", "he", "fa", "ur"].contains(&lang) { "rtl" } else { "ltr" };
    locale.dir = match locale.format("language-direction", None).as_deref() {
        Some("rtl") => "rtl",
        Some("ltr") => "ltr",
        _ => default_dir,
    };
    locale
}

fn resource_source(resource: &FluentResource) -> String {
    resource.source().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_closing_brace_is_reported_on_its_own_line() {
        let text = "a = A\nkey = { $x\nb = B\n".to_owned();
        let d = parse(Path::new("fr.ftl"), text).unwrap_err();
        assert_eq!((d.line, d.column), (2, 11), "{d}");
        let d = parse(Path::new("fr.ftl"), "a = A\nbroken\n".to_owned()).unwrap_err();
        assert_eq!(d.line, 2, "{d}");
    }
}
