//! Grouping sources into pages, and checking every link between pages: ids, translations,
//! `related` and `glossary` lists, and the references in bodies with their anchors.

use super::id::nearest;
use super::{classify, file_error, Kind, Page, Site};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::project::Config;
use crate::source::front_matter::FrontMatter;
use crate::source::Source;
use std::collections::{BTreeMap, HashMap};

/// One page per default-language source; translations join the page of the file they sit beside.
pub(super) fn group_pages(
    config: &Config,
    sources: &[std::sync::Arc<Source>],
    diagnostics: &mut Diagnostics,
) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    let mut by_stem: HashMap<&std::ffi::OsStr, usize> = HashMap::new();
    let mut first = FirstOf::default();
    for (s, source) in sources.iter().enumerate().filter(|(_, s)| s.lang == config.default_language) {
        let Some(page) = page_of(s, source, diagnostics) else {
            continue;
        };
        let original_of = |p: usize| &sources[pages[p].versions[&config.default_language]];
        if let Some(clash) = first.clash(&page, pages.len(), source, original_of) {
            diagnostics.push(clash);
            continue;
        }
        by_stem.insert(source.stem.as_os_str(), pages.len());
        pages.push(page);
    }
    for (s, source) in sources.iter().enumerate().filter(|(_, s)| s.lang != config.default_language) {
        let Some(&p) = by_stem.get(source.stem.as_os_str()) else {
            diagnostics.push(
                file_error(source, "this translation has no source file")
                    .at(1, 1)
                    .help(format!("a translation sits beside its source: expected {}.md", source.stem.display())),
            );
            continue;
        };
        let original = &sources[pages[p].versions[&config.default_language]];
        if let Some(problem) = translation_problem(source, original, &pages[p].id) {
            diagnostics.push(problem);
            continue;
        }
        pages[p].versions.insert(source.lang.clone(), s);
    }
    pages
}

/// The first page of each id, and the home page: a second one is an error.
#[derive(Default)]
struct FirstOf {
    by_id: HashMap<String, usize>,
    home: Option<usize>,
}

impl FirstOf {
    /// Takes `page` as page number `at`, or says which earlier page it clashes with.
    fn clash<'s>(
        &mut self,
        page: &Page,
        at: usize,
        source: &Source,
        original_of: impl Fn(usize) -> &'s std::sync::Arc<Source>,
    ) -> Option<Diagnostic> {
        if let Some(&other) = self.by_id.get(&page.id) {
            let message = format!("duplicate id `{}`: {} has it too", page.id, original_of(other).path.display());
            return Some(source.error_at_key("id", message).help("every page needs its own id; change one of them"));
        }
        if page.kind == Kind::Home {
            if let Some(h) = self.home {
                let message = format!("a second home page: {} is the home page", original_of(h).path.display());
                return Some(source.error_at_key("kind", message).help("keep `kind: home` on one page only"));
            }
            self.home = Some(at);
        }
        self.by_id.insert(page.id.clone(), at);
        None
    }
}

fn page_of(s: usize, source: &Source, diagnostics: &mut Diagnostics) -> Option<Page> {
    let front = &source.front;
    let Some(id) = front.id.clone() else {
        diagnostics.push(
            file_error(source, "the page has no `id`")
                .at(1, 1)
                .help("add `id: \"2.1.3\"` for a framework item or `id: a-slug` for another page"),
        );
        return None;
    };
    if front.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        diagnostics
            .push(source.error_at_key("title", "the page has no `title`").help("add `title:` to the front matter"));
    }
    if let Some(too_long) = id_too_long(&id, source) {
        diagnostics.push(too_long);
        return None;
    }
    let (kind, number) = match classify(&id, front.kind) {
        Ok(found) => found,
        Err(message) => {
            diagnostics.push(source.error_at_key("id", message).help(
                "ids are framework numbers in quotes (\"2\", \"2.1\", \"2.1.3\") or slugs of lower-case letters, digits and `-`",
            ));
            return None;
        }
    };
    Some(Page {
        id,
        kind,
        number,
        weight: front.weight.unwrap_or(0),
        versions: BTreeMap::from([(source.lang.clone(), s)]),
        parent: None,
        children: Vec::new(),
        prev: None,
        next: None,
        related: Vec::new(),
        glossary: Vec::new(),
        backlinks: Vec::new(),
    })
}

/// Pages are files named `<id>.html`, and most file systems allow 255 bytes in a name.
fn id_too_long(id: &str, source: &Source) -> Option<Diagnostic> {
    const LONGEST_ID: usize = 255 - ".html".len();
    (id.len() > LONGEST_ID).then(|| {
        source
            .error_at_key("id", format!("this id is {} bytes long; its page's file name would be too long", id.len()))
            .help(format!("shorten the id to at most {LONGEST_ID} characters"))
    })
}

/// A translation carries translatable fields only; structural ones must agree with the source.
fn translation_problem(translation: &Source, original: &Source, id: &str) -> Option<Diagnostic> {
    let (t, o): (&FrontMatter, &FrontMatter) = (&translation.front, &original.front);
    if o.source_hash.is_some() {
        return Some(
            original
                .error_at_key("source_hash", "`source_hash` belongs in translations, not in a source file")
                .help("remove it; `guidesite i18n mark` writes it into translation files"),
        );
    }
    if let Some(tid) = &t.id {
        if tid != id {
            return Some(
                translation
                    .error_at_key(
                        "id",
                        format!(
                            "this translation says id `{tid}`, but its source {} is `{id}`",
                            original.path.display()
                        ),
                    )
                    .help("a translation takes its id from its source: remove `id` or make it match"),
            );
        }
    }
    let differs = [
        ("kind", t.kind.is_some() && t.kind != o.kind),
        ("weight", t.weight.is_some() && t.weight != o.weight),
        ("applies_to", !t.applies_to.is_empty() && t.applies_to != o.applies_to),
        ("evidence", !t.evidence.is_empty() && t.evidence != o.evidence),
        ("related", !t.related.is_empty() && t.related != o.related),
        ("glossary", !t.glossary.is_empty() && t.glossary != o.glossary),
    ];
    let (field, _) = differs.into_iter().find(|(_, differs)| *differs)?;
    Some(
        translation
            .error_at_key(
                field,
                format!("`{field}` is structural and differs from the source {}", original.path.display()),
            )
            .help(format!("structural fields live in the source file only: remove `{field}` from this translation")),
    )
}

/// Resolves `related` and `glossary` ids to pages.
pub(super) fn resolve_lists(site: &mut Site, diagnostics: &mut Diagnostics) {
    for p in 0..site.pages.len() {
        let source = &site.sources[site.default_version(&site.pages[p])];
        let mut related = Vec::new();
        for id in &source.front.related {
            match site.by_id.get(id) {
                Some(&target) => related.push(target),
                None => diagnostics.push(unknown_id(site, source, "related", id)),
            }
        }
        let mut glossary = Vec::new();
        for id in &source.front.glossary {
            match site.by_id.get(id) {
                Some(&target) if site.pages[target].kind == Kind::Term => glossary.push(target),
                Some(_) => diagnostics.push(
                    source
                        .error_at_value("glossary", id, format!("`{id}` is not a glossary term"))
                        .help("list only pages with `kind: term` under `glossary`; use `related` for other pages"),
                ),
                None => diagnostics.push(unknown_id(site, source, "glossary", id)),
            }
        }
        site.pages[p].related = related;
        site.pages[p].glossary = glossary;
    }
}

fn unknown_id(site: &Site, source: &Source, key: &str, id: &str) -> Diagnostic {
    with_hint(source.error_at_value(key, id, format!("unknown id `{id}` in `{key}`")), site, id)
}

fn with_hint(d: Diagnostic, site: &Site, id: &str) -> Diagnostic {
    let near = nearest(id, site.by_id.keys().map(String::as_str));
    if near.is_empty() {
        d.help("check the id; every page's id is in its front matter")
    } else {
        d.help(format!("did you mean {}?", near.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")))
    }
}

/// Every principle, standard and indicator should have a short title (the name it is listed
/// and referred to by); a missing one is a warning, so a site without them still builds. A
/// translation is warned about only when its source has one. More than a few missing come as
/// one warning at the first of them, which counts the rest, so a site that has none at all
/// hears it once and not ten thousand times.
pub(super) fn check_short_titles(site: &Site, diagnostics: &mut Diagnostics) {
    let mut missing: Vec<(usize, String)> = Vec::new();
    let mut untranslated: Vec<(usize, String, String)> = Vec::new();
    for page in site.pages.iter().filter(|p| p.kind.is_framework()) {
        let s = site.default_version(page);
        let Some(short) = site.sources[s].front.short_title.as_deref() else {
            missing.push((s, format!("{} `{}` has no short title", page.kind.as_str(), page.id)));
            continue;
        };
        for (lang, &t) in &page.versions {
            if *lang != site.config.default_language && site.sources[t].front.short_title.is_none() {
                untranslated.push((
                    t,
                    format!("the `{lang}` translation of `{}` has no short title", page.id),
                    short.to_owned(),
                ));
            }
        }
    }
    let add_help = "add `short_title:` with a few words that name it (\"Debt-service ceiling\"): sidebars, breadcrumbs and references show it";
    let (shown, more) = first_few(&missing);
    for (s, message) in shown {
        diagnostics.push(site.sources[*s].warning_at_key("title", format!("{message}{more}")).help(add_help));
    }
    let (shown, more) = first_few(&untranslated);
    for (t, message, short) in shown {
        diagnostics.push(
            site.sources[*t]
                .warning_at_key("title", format!("{message}{more}"))
                .help(format!("translate `short_title: {short}`")),
        );
    }
}

/// Up to five warnings of a kind are given one by one; more come as the first, which counts
/// the rest (" (and 41 more like it)").
fn first_few<T>(all: &[T]) -> (&[T], String) {
    const ONE_BY_ONE: usize = 5;
    if all.len() > ONE_BY_ONE {
        (&all[..1], format!(" (and {} more like it)", all.len() - 1))
    } else {
        (all, String::new())
    }
}

/// Constructs the scan found that cannot work as written (a reference cut by a table's `|`, a
/// heading id used twice, `![[id]]`): errors at their place, with what to write instead.
pub(super) fn check_constructs(site: &Site, diagnostics: &mut Diagnostics) {
    for (s, source) in site.sources.iter().enumerate() {
        for problem in &site.outlines[s].problems {
            diagnostics.push(source.error_in_body(problem.offset, problem.message.clone()).help(problem.help.clone()));
        }
    }
}

/// A heading whose id the theme also writes (`## Main` gets `main`, the theme's `<main>`):
/// links to it would reach the theme's element, and the page would hold the id twice.
pub(super) fn check_theme_ids(site: &Site, theme_ids: &std::collections::BTreeMap<String, String>) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    for (s, source) in site.sources.iter().enumerate() {
        for heading in &site.outlines[s].headings {
            if let Some(template) = theme_ids.get(&heading.anchor) {
                diagnostics.push(
                    source
                        .error_in_body(
                            heading.offset,
                            format!(
                                "the heading's id `{}` is also an id of the theme (in `{template}`)",
                                heading.anchor
                            ),
                        )
                        .help(format!(
                            "give the heading an id of its own: `{} {} {{#{}-section}}`",
                            "#".repeat(heading.level.into()),
                            heading.text,
                            heading.anchor
                        )),
                );
            }
        }
    }
    diagnostics
}

/// Every reference in every body must name a page, and its anchor a heading of that page —
/// in each language the body is shown in: a default-language body also stands in for the
/// languages its page is not translated into, and there its links lead to those languages'
/// versions of the target.
pub(super) fn check_references(site: &Site, diagnostics: &mut Diagnostics) {
    let mut shown_in: Vec<Vec<&str>> = vec![Vec::new(); site.sources.len()];
    for page in &site.pages {
        for lang in &site.langs {
            let (s, _) = site.body_version(page, lang);
            shown_in[s].push(lang);
        }
    }
    for (s, source) in site.sources.iter().enumerate() {
        for r in &site.outlines[s].refs {
            let Some(target) = site.page(&r.target) else {
                let d = source.error_in_body(r.offset, format!("unknown id `{}` in cross-reference", r.target));
                diagnostics.push(with_hint(d, site, &r.target));
                continue;
            };
            let Some(anchor) = &r.anchor else { continue };
            for lang in &shown_in[s] {
                let (shown, _) = site.body_version(target, lang);
                let scan = &site.outlines[shown];
                if scan.has_anchor(anchor) {
                    continue;
                }
                let known: Vec<String> = scan.headings.iter().map(|h| format!("`{}`", h.anchor)).collect();
                let version = if *lang == source.lang { String::new() } else { format!(" (its `{lang}` version)") };
                let help = if known.is_empty() {
                    format!("`{}`{version} has no headings; link to the page without `#{anchor}`", target.id)
                } else if version.is_empty() {
                    format!("the headings of `{}` are {}", target.id, known.join(", "))
                } else {
                    format!(
                        "the headings of `{}`{version} are {}; a translated heading keeps its original anchor with `{{#{anchor}}}`",
                        target.id,
                        known.join(", ")
                    )
                };
                diagnostics.push(
                    source
                        .error_in_body(r.offset, format!("unknown anchor `#{anchor}` in `{}`{version}", target.id))
                        .help(help),
                );
                break;
            }
        }
    }
}
