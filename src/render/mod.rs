//! Rendering: the site graph to files in memory ([`Output`]s), one per page and language,
//! plus the overview, the glossary index, the landing page, the print page, the search
//! indexes, the exports and the theme's assets. Nothing here touches the disk.
//!
//! Every output is a pure function of the site, theme and locales ([`Renderer::render`] of
//! one [`Job`]), so jobs run in parallel (`schedule`) and `serve` can re-render just the
//! jobs an edit touches. The files by responsibility:
//! - `schedule`: running every job and handing its file to a sink, timed;
//! - `chrome`: what every page shares (header, language switcher, sidebar tree, links);
//! - `pages`: content pages, and the resolver of references in bodies;
//! - `listings`: the landing page, overview, glossary index and translation status;
//! - `print`, `search`, `export`: the whole guide on one page, search indexes,
//!   `framework.json`/`.csv` and the sitemap;
//! - [`theme`], [`context`], `body`: templates, what they see, and bodies as template values.

mod body;
mod chrome;
pub mod context;
mod export;
mod listings;
mod pages;
mod print;
mod schedule;
mod search;
pub mod theme;
pub mod urls;

use crate::locales::{Locale, Locales};
use crate::markdown::Compiled;
use crate::output::Output;
use crate::site::{PageIdx, Site};
use crate::Diagnostic;
use minijinja::value::{Serde, Value};
use std::collections::HashMap;
use std::sync::Arc;
use theme::Theme;

/// One file to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    /// `index.html`: choose a language.
    Landing,
    /// A page in a language (index into `Site::langs`).
    Page(PageIdx, usize),
    /// The overview matrix of a language.
    Overview(usize),
    /// The glossary index of a language.
    Glossary(usize),
    /// The translation status page of a language.
    Translations(usize),
    /// `sitemap.xml` with language alternates (only when the site has a base URL).
    Sitemap,
    /// The search index of a language.
    SearchIndex(usize),
    /// The whole guide on one page, for print.
    Print(usize),
    /// `framework.json` of a language.
    ExportJson(usize),
    /// `framework.csv` of a language.
    ExportCsv(usize),
}

impl Job {
    /// A short name of the kind of job, for timings.
    pub fn kind(self) -> &'static str {
        match self {
            Job::Landing => "landing page",
            Job::Page(..) => "pages",
            Job::Overview(_) => "overview",
            Job::Glossary(_) => "glossary index",
            Job::Translations(_) => "translation status",
            Job::Sitemap => "sitemap",
            Job::SearchIndex(_) => "search index",
            Job::Print(_) => "print page",
            Job::ExportJson(_) | Job::ExportCsv(_) => "exports",
        }
    }
}

/// Renders jobs against one site, theme and set of locales.
pub struct Renderer<'a> {
    /// The site graph.
    pub site: &'a Site,
    /// Each source's compiled body, parallel to `site.sources`.
    pub bodies: &'a [Arc<Compiled>],
    /// Templates.
    pub theme: &'a Theme,
    /// UI strings.
    pub locales: &'a Locales,
    /// The UI strings of each language as a template value, made once and shared by every
    /// page's context (`ui`).
    ui: HashMap<String, Value>,
    /// Sidebars rendered so far (see [`chrome`]).
    sidebars: chrome::Sidebars,
}

impl<'a> Renderer<'a> {
    /// A renderer of `site` (with the compiled body of each source) with `theme` and
    /// `locales`.
    pub fn new(site: &'a Site, bodies: &'a [Arc<Compiled>], theme: &'a Theme, locales: &'a Locales) -> Self {
        let ui = site
            .langs
            .iter()
            .chain([&site.config.default_language])
            .map(|lang| (lang.clone(), Value::from(Serde(&locales.get(lang).strings))))
            .collect();
        Renderer { site, bodies, theme, locales, ui, sidebars: Default::default() }
    }

    /// Every job of the site, in a stable order.
    pub fn all_jobs(&self) -> Vec<Job> {
        let mut jobs = vec![Job::Landing];
        for lang in 0..self.site.langs.len() {
            jobs.extend((0..self.site.pages.len()).map(|p| Job::Page(p, lang)));
        }
        jobs.extend(self.site_wide_jobs());
        jobs
    }

    /// The jobs that gather the whole site (overview, glossary, status, search, print,
    /// exports, sitemap): what any page edit can change besides the pages themselves.
    pub fn site_wide_jobs(&self) -> Vec<Job> {
        let mut jobs = Vec::new();
        for lang in 0..self.site.langs.len() {
            jobs.extend([
                Job::Overview(lang),
                Job::Glossary(lang),
                Job::Translations(lang),
                Job::SearchIndex(lang),
                Job::Print(lang),
                Job::ExportJson(lang),
                Job::ExportCsv(lang),
            ]);
        }
        if self.site.config.base_url.is_some() {
            jobs.push(Job::Sitemap);
        }
        jobs
    }

    /// The output path a job writes, known without rendering it.
    pub fn job_path(&self, job: Job) -> String {
        let lang = |l: usize| self.site.langs[l].as_str();
        match job {
            Job::Landing => "index.html".to_owned(),
            Job::Page(p, l) => urls::page_path(&self.site.pages[p], lang(l)),
            Job::Overview(l) => urls::special_path("overview", lang(l)),
            Job::Glossary(l) => urls::special_path("glossary", lang(l)),
            Job::Translations(l) => urls::special_path("translations", lang(l)),
            Job::Print(l) => urls::special_path("print", lang(l)),
            Job::Sitemap => "sitemap.xml".to_owned(),
            Job::SearchIndex(l) => format!("{}/search/{}.js", urls::ASSETS_DIR, lang(l)),
            Job::ExportJson(l) => format!("{}/framework.json", lang(l)),
            Job::ExportCsv(l) => format!("{}/framework.csv", lang(l)),
        }
    }

    /// The theme's static files under `assets/`.
    pub fn assets(&self) -> Vec<Output> {
        self.theme
            .assets
            .iter()
            .map(|(name, bytes)| Output::new(format!("{}/{name}", urls::ASSETS_DIR), bytes.clone()))
            .collect()
    }

    /// Renders one job.
    pub fn render(&self, job: Job) -> Result<Output, Diagnostic> {
        let lang = |l: usize| self.site.langs[l].as_str();
        match job {
            Job::Landing => self.landing(),
            Job::Page(p, l) => self.page(p, lang(l)),
            Job::Overview(l) => self.overview(lang(l)),
            Job::Glossary(l) => self.glossary(lang(l)),
            Job::Translations(l) => self.translations(lang(l)),
            Job::Sitemap => Ok(export::sitemap(self.site)),
            Job::SearchIndex(l) => Ok(search::index_for(self.site, self.bodies, lang(l))),
            Job::Print(l) => {
                let files = crate::output::Collector::default();
                self.print_into(lang(l), &files)??;
                files.into_sorted().pop().ok_or_else(|| Diagnostic::error("build", "the print page was not rendered"))
            }
            Job::ExportJson(l) => Ok(export::json(self.site, lang(l))),
            Job::ExportCsv(l) => Ok(export::csv(self.site, lang(l))),
        }
    }

    /// The body of source `s`: its outline and compiled HTML.
    fn body_of(&self, s: crate::site::SourceIdx) -> (&Arc<crate::markdown::Outline>, &Arc<Compiled>) {
        (&self.site.outlines[s], &self.bodies[s])
    }

    /// A template's context: the given fields, and `ui`, the UI strings of `lang`.
    fn context(&self, lang: &str, fields: &impl serde::Serialize) -> Value {
        let ui = self.ui.get(lang).cloned().unwrap_or_default();
        minijinja::context! { ui => ui, ..Value::from(Serde(fields)) }
    }

    /// Renders `template` with `fields` (and `ui` of `lang`) into the file at `path`.
    fn output(
        &self,
        path: &str,
        template: &str,
        lang: &str,
        fields: &impl serde::Serialize,
    ) -> Result<Output, Diagnostic> {
        let html = self.theme.render(template, self.context(lang, fields))?;
        Ok(Output::new(path.to_owned(), html.into_bytes()))
    }
}

/// The site's name in a language: its `site-title` UI string, else `title` of `site.yaml`.
fn site_title<'s>(site: &'s Site, locale: &'s Locale) -> &'s str {
    locale.strings.get("site_title").map_or(site.config.title.as_str(), String::as_str)
}

/// A UI string of a locale, or its key when the locale lacks it.
pub(crate) fn ui(locale: &Locale, key: &str) -> String {
    locale.strings.get(key).cloned().unwrap_or_else(|| key.to_owned())
}
