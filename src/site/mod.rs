//! The site graph: every page by id, its versions per language, its place in the framework
//! (parent, children, previous and next), and the links between pages (references, related,
//! glossary, backlinks).
//!
//! [`Site::assemble`] turns the sources into the graph and checks it: ids, parents,
//! duplicates, translations and every reference with its anchor. It knows nothing of HTML.

pub mod id;
mod links;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::Outline;
use crate::project::Config;
use crate::source::front_matter::SlugKind;
use crate::source::Source;
use id::{FrameworkNumber, Level, ParsedId};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// What the site keeps of its sources' texts (their bodies are scanned before the site is
/// assembled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    /// The whole texts: for the dev server, which checks and renders again from them, and for
    /// commands that rewrite files.
    Keep,
    /// Only what rendering needs (front matter, translation hashes): a build of 50,000 pages
    /// holds 270 MB less at its peak. Messages read the file again. A source shared with
    /// someone else keeps its text.
    Release,
}

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The language home page.
    Home,
    /// `2`
    Principle,
    /// `2.1`
    Standard,
    /// `2.1.3`
    Indicator,
    /// A Detailed Guidance article.
    Guide,
    /// A Smart Operations department.
    Department,
    /// An ordinary page.
    Page,
    /// A glossary term.
    Term,
}

impl Kind {
    fn from_level(level: Level) -> Kind {
        match level {
            Level::Principle => Kind::Principle,
            Level::Standard => Kind::Standard,
            Level::Indicator => Kind::Indicator,
        }
    }

    fn from_slug_kind(kind: SlugKind) -> Kind {
        match kind {
            SlugKind::Home => Kind::Home,
            SlugKind::Page => Kind::Page,
            SlugKind::Guide => Kind::Guide,
            SlugKind::Department => Kind::Department,
            SlugKind::Term => Kind::Term,
        }
    }

    /// True for principles, standards and indicators.
    pub fn is_framework(self) -> bool {
        matches!(self, Kind::Principle | Kind::Standard | Kind::Indicator)
    }

    /// The name used in templates and CSS.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Principle => "principle",
            Kind::Standard => "standard",
            Kind::Indicator => "indicator",
            Kind::Guide => "guide",
            Kind::Department => "department",
            Kind::Page => "page",
            Kind::Term => "term",
        }
    }
}

/// Index of a page in [`Site::pages`].
pub type PageIdx = usize;
/// Index of a source in [`Site::sources`].
pub type SourceIdx = usize;

/// One page: an id with its versions in each language.
#[derive(Debug, Clone)]
pub struct Page {
    /// The id, as written.
    pub id: String,
    /// What it is.
    pub kind: Kind,
    /// Framework number, for principles, standards and indicators.
    pub number: Option<FrameworkNumber>,
    /// Ordering among slug pages of one kind.
    pub weight: i64,
    /// Source of each language version; the default language is always there.
    pub versions: BTreeMap<String, SourceIdx>,
    /// Framework parent.
    pub parent: Option<PageIdx>,
    /// Framework children in numeric order.
    pub children: Vec<PageIdx>,
    /// Previous page in reading order.
    pub prev: Option<PageIdx>,
    /// Next page in reading order.
    pub next: Option<PageIdx>,
    /// Pages listed in `related`.
    pub related: Vec<PageIdx>,
    /// Glossary terms listed in `glossary`.
    pub glossary: Vec<PageIdx>,
    /// Pages that refer to this one, in site order.
    pub backlinks: Vec<PageIdx>,
}

/// The whole site graph.
#[derive(Debug)]
pub struct Site {
    /// Site settings.
    pub config: Config,
    /// Published languages, default first.
    pub langs: Vec<String>,
    /// Every source file.
    pub sources: Vec<Arc<Source>>,
    /// The outline of each source's body (headings, references), parallel to `sources`.
    pub outlines: Vec<Arc<Outline>>,
    /// Pages in site order: home, the framework in number order, then other pages by kind.
    pub pages: Vec<Page>,
    /// Page index by id.
    pub by_id: HashMap<String, PageIdx>,
    /// Pages of each kind, in site order (every page lists the principles: no scan of all
    /// pages per page).
    by_kind: std::collections::BTreeMap<Kind, Vec<PageIdx>>,
}

/// For each source, whether it is in the default language and has a translation (a source and
/// its translations share a stem): translations compare with its hash, so
/// [`Source::release_text`] keeps it.
pub fn translated_originals(config: &Config, sources: &[Arc<Source>]) -> Vec<bool> {
    let mut versions: HashMap<&std::path::Path, usize> = HashMap::with_capacity(sources.len());
    for source in sources {
        *versions.entry(source.stem.as_path()).or_default() += 1;
    }
    sources.iter().map(|s| s.lang == config.default_language && versions[s.stem.as_path()] > 1).collect()
}

impl Site {
    /// Builds and checks the graph from the sources and the outline of each one's body
    /// (see [`crate::markdown::scan`]). Errors are collected; the site is returned only
    /// without them.
    pub fn assemble(
        config: Config,
        sources: Vec<Arc<Source>>,
        outlines: Vec<Arc<Outline>>,
    ) -> Result<(Site, Diagnostics), Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        let pages = links::group_pages(&config, &sources, &mut diagnostics);
        let mut site = Site {
            langs: config.languages_default_first(),
            config,
            sources,
            outlines,
            pages,
            by_id: HashMap::new(),
            by_kind: Default::default(),
        };
        site.order_pages();
        site.link_framework(&mut diagnostics);
        links::resolve_lists(&mut site, &mut diagnostics);
        links::check_references(&site, &mut diagnostics);
        links::check_short_titles(&site, &mut diagnostics);
        links::check_constructs(&site, &mut diagnostics);
        site.compute_backlinks();
        if diagnostics.has_errors() {
            Err(diagnostics)
        } else {
            Ok((site, diagnostics))
        }
    }

    /// Makes this graph the one of an offline copy: only `langs` (all when empty) are
    /// published, and no URL is absolute (it would leave the copy). Fails with the languages
    /// the site does not have.
    pub fn offline_copy(&mut self, langs: &[String]) -> Result<(), Vec<String>> {
        let unknown: Vec<String> = langs.iter().filter(|l| !self.langs.contains(l)).cloned().collect();
        if !unknown.is_empty() {
            return Err(unknown);
        }
        if !langs.is_empty() {
            self.langs.retain(|l| langs.contains(l));
        }
        self.config.base_url = None;
        Ok(())
    }

    /// Puts a new text of source `s` in place, with its outline: only when the page's links
    /// and headings are as before (the graph does not change; the live preview checks that).
    pub fn replace_text(&mut self, s: SourceIdx, source: Source, outline: Outline) {
        self.sources[s] = Arc::new(source);
        self.outlines[s] = Arc::new(outline);
    }

    /// The page with this id.
    pub fn page(&self, id: &str) -> Option<&Page> {
        self.by_id.get(id).map(|&i| &self.pages[i])
    }

    /// The source shown for `page` in `lang`: its translation, or the default-language source.
    pub fn version(&self, page: &Page, lang: &str) -> (SourceIdx, bool) {
        match page.versions.get(lang) {
            Some(&s) => (s, false),
            None => (self.default_version(page), true),
        }
    }

    /// The source whose body is shown for `page` in `lang`: a translation with a body, or
    /// the default-language source (for a missing or a title-only translation).
    pub fn body_version(&self, page: &Page, lang: &str) -> (SourceIdx, bool) {
        match page.versions.get(lang) {
            Some(&s) if self.sources[s].has_body => (s, false),
            _ => (self.default_version(page), lang != self.config.default_language),
        }
    }

    /// The default-language source of a page.
    pub fn default_version(&self, page: &Page) -> SourceIdx {
        page.versions[&self.config.default_language]
    }

    /// The title of `page` in `lang`, and the language it is really in when it falls back.
    pub fn title<'s>(&'s self, page: &'s Page, lang: &str) -> (&'s str, Option<&'s str>) {
        let (source, fallback) = self.version(page, lang);
        let source = &self.sources[source];
        let title = source.front.title.as_deref().unwrap_or(&page.id);
        (title, fallback.then_some(source.lang.as_str()))
    }

    /// Errors for headings whose ids the theme writes too (see the theme's `ids`).
    pub fn check_theme_ids(&self, theme_ids: &BTreeMap<String, String>) -> Diagnostics {
        links::check_theme_ids(self, theme_ids)
    }

    /// The name of `page` where it is listed or referred to in `lang`: its short title, or
    /// its title when the version shown has no short title; and the language it is really in
    /// when it falls back.
    pub fn short_title<'s>(&'s self, page: &'s Page, lang: &str) -> (&'s str, Option<&'s str>) {
        let (source, fallback) = self.version(page, lang);
        match self.sources[source].front.short_title.as_deref() {
            Some(short) => (short, fallback.then_some(self.sources[source].lang.as_str())),
            None => self.title(page, lang),
        }
    }

    /// Pages of one kind, in site order.
    pub fn pages_of(&self, kind: Kind) -> impl Iterator<Item = (PageIdx, &Page)> {
        self.by_kind.get(&kind).into_iter().flatten().map(|&p| (p, &self.pages[p]))
    }

    fn order_pages(&mut self) {
        let titles: Vec<String> = self
            .pages
            .iter()
            .map(|p| self.sources[p.versions[&self.config.default_language]].front.title.clone().unwrap_or_default())
            .collect();
        let mut order: Vec<usize> = (0..self.pages.len()).collect();
        order.sort_by(|&a, &b| {
            let (pa, pb) = (&self.pages[a], &self.pages[b]);
            let rank = |p: &Page| match p.kind {
                Kind::Home => 0,
                k if k.is_framework() => 1,
                k => 2 + k as usize,
            };
            (rank(pa), &pa.number, pa.weight, &titles[a], &pa.id).cmp(&(
                rank(pb),
                &pb.number,
                pb.weight,
                &titles[b],
                &pb.id,
            ))
        });
        let mut pages: Vec<Option<Page>> = std::mem::take(&mut self.pages).into_iter().map(Some).collect();
        self.pages = order.into_iter().filter_map(|i| pages[i].take()).collect();
        self.by_id = self.pages.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
        self.by_kind.clear();
        for (i, page) in self.pages.iter().enumerate() {
            self.by_kind.entry(page.kind).or_default().push(i);
        }
    }

    /// Parents, children and reading order; a missing parent is an error.
    fn link_framework(&mut self, diagnostics: &mut Diagnostics) {
        for i in 0..self.pages.len() {
            let Some(parent_id) = self.pages[i].number.as_ref().and_then(FrameworkNumber::parent) else {
                continue;
            };
            match self.by_id.get(&parent_id) {
                Some(&parent) => {
                    self.pages[i].parent = Some(parent);
                    self.pages[parent].children.push(i);
                }
                None => {
                    let page = &self.pages[i];
                    let source = &self.sources[self.default_version(page)];
                    diagnostics.push(
                        source
                            .error_at_key("id", format!("`{}` has no parent: `{parent_id}` does not exist", page.id))
                            .help(format!("add a page with id \"{parent_id}\" or fix this number")),
                    );
                }
            }
        }
        let mut previous_by_group: HashMap<u8, PageIdx> = HashMap::new();
        for i in 0..self.pages.len() {
            let group = match self.pages[i].kind {
                Kind::Home => continue,
                k if k.is_framework() => 0,
                k => k as u8 + 1,
            };
            if let Some(prev) = previous_by_group.insert(group, i) {
                self.pages[i].prev = Some(prev);
                self.pages[prev].next = Some(i);
            }
        }
    }

    fn compute_backlinks(&mut self) {
        let mut backlinks: Vec<Vec<PageIdx>> = vec![Vec::new(); self.pages.len()];
        for (from, page) in self.pages.iter().enumerate() {
            let body_refs = page.versions.values().flat_map(|&s| self.outlines[s].refs.iter());
            let targets = body_refs
                .filter_map(|r| self.by_id.get(&r.target).copied())
                .chain(page.related.iter().copied())
                .chain(page.glossary.iter().copied());
            for to in targets.filter(|&to| to != from) {
                backlinks[to].push(from);
            }
        }
        // Sorted and deduplicated once at the end: a page that many pages cite would make a
        // `contains` check per reference quadratic (a 50,000-page site: 80 ms of each check).
        for (page, mut list) in self.pages.iter_mut().zip(backlinks) {
            list.sort_unstable();
            list.dedup();
            page.backlinks = list;
        }
    }
}

/// What an id means for grouping: its kind and number, or why it is invalid.
pub(crate) fn classify(id: &str, declared: Option<SlugKind>) -> Result<(Kind, Option<FrameworkNumber>), String> {
    match id::parse(id)? {
        ParsedId::Framework(number) => {
            if declared.is_some() {
                return Err(format!("`kind` is implied by the number `{id}`; remove the `kind` field"));
            }
            Ok((Kind::from_level(number.level()), Some(number)))
        }
        ParsedId::Slug => Ok((Kind::from_slug_kind(declared.unwrap_or(SlugKind::Page)), None)),
    }
}

/// Kept for diagnostics that name a source without a position.
pub(crate) fn file_error(source: &Source, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(&source.path, message)
}
