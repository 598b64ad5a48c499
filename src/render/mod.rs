//! Rendering: the site graph to HTML files in memory ([`Output`]s), one per page and
//! language, plus the overview, the glossary index, the landing page and the theme's assets.
//!
//! Every output is a pure function of the site, theme and locales ([`Renderer::render`] of
//! one [`Job`]), so pages render in parallel and `serve` can re-render just the jobs an edit
//! touches. Nothing here touches the disk.

pub mod context;
mod export;
mod print;
mod search;
pub mod theme;
pub mod urls;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n;
use crate::locales::{Locale, Locales};
use crate::markdown::{self, Resolved, Resolver};
use crate::output::{Output, Sink};
use crate::site::{Kind, Page, PageIdx, Site};
use crate::source::front_matter::Product;
use context::{
    Chrome, LandingContext, LandingLang, LangCounts, LangLink, Link, ListingContext, PageContext, PageView, Section,
    SidebarContext, TranslationsContext,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};
use theme::Theme;

/// Room reserved for a page's template output (see [`Renderer::rendered`]).
const PAGE_CAPACITY: usize = 16 << 10;

/// Time spent per kind of job.
pub type Timings = Vec<(&'static str, Duration)>;

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
    /// Templates.
    pub theme: &'a Theme,
    /// UI strings.
    pub locales: &'a Locales,
    /// Sidebars rendered so far: by language, current principle and the page's folder.
    sidebars: std::sync::RwLock<HashMap<SidebarKey, String>>,
}

impl<'a> Renderer<'a> {
    /// A renderer of `site` with `theme` and `locales`.
    pub fn new(site: &'a Site, theme: &'a Theme, locales: &'a Locales) -> Self {
        Renderer { site, theme, locales, sidebars: Default::default() }
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

    /// Renders the whole site in memory: all jobs in parallel, plus the theme's assets,
    /// sorted by path.
    pub fn render_all(&self) -> Result<Vec<Output>, Diagnostics> {
        let files = crate::output::Collector::default();
        self.render_each(&files)?;
        Ok(files.into_sorted())
    }

    /// Renders every job in parallel and hands each file to `sink` as soon as it is rendered
    /// (the build writes it to disk there and then, so the site is never held in memory
    /// whole). Returns the CPU time spent per kind of job; fails with every rendering error,
    /// or the first error of the sink.
    pub fn render_each(&self, sink: &dyn Sink) -> Result<Timings, Diagnostics> {
        let mut jobs = self.all_jobs();
        // The few large jobs first, so no thread is left with one of them at the end.
        jobs.sort_by_key(|job| !matches!(job, Job::Print(_) | Job::SearchIndex(_)));
        let sink_failed = std::sync::OnceLock::new();
        let results: Vec<(Job, Duration, Option<Diagnostic>)> = jobs
            .par_iter()
            .map_init(LanguageContexts::default, |contexts, &job| {
                if sink_failed.get().is_some() {
                    return (job, Duration::ZERO, None);
                }
                let started = Instant::now();
                // The print page, too large to hold in memory at scale, is written as it renders;
                // so the time of every kind of job includes writing its file.
                let outcome = match job {
                    Job::Print(lang) => self.print_into(&self.site.langs[lang], sink),
                    _ => self.render_in(job, contexts).map(|output| sink.file(output)),
                };
                let took = started.elapsed();
                match outcome {
                    Ok(written) => {
                        if let Err(d) = written {
                            let _ = sink_failed.set(d);
                        }
                        (job, took, None)
                    }
                    Err(d) => (job, took, Some(d)),
                }
            })
            .collect();
        let mut diagnostics = Diagnostics::default();
        let mut spent: BTreeMap<&'static str, Duration> = BTreeMap::new();
        for (job, took, error) in results {
            *spent.entry(job.kind()).or_default() += took;
            diagnostics.extend(error);
        }
        if let Some(d) = sink_failed.into_inner() {
            diagnostics.push(d);
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        for asset in self.assets() {
            sink.file(asset).map_err(Diagnostics::from)?;
        }
        let mut spent: Vec<(&'static str, Duration)> = spent.into_iter().collect();
        spent.sort_by_key(|(_, took)| std::cmp::Reverse(*took));
        Ok(spent)
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
        self.render_in(job, &mut LanguageContexts::default())
    }

    fn render_in(&self, job: Job, contexts: &mut LanguageContexts) -> Result<Output, Diagnostic> {
        match job {
            Job::Landing => self.landing(),
            Job::Page(p, lang) => self.page(p, lang, contexts),
            Job::Overview(lang) => self.overview(&self.site.langs[lang]),
            Job::Glossary(lang) => self.glossary(&self.site.langs[lang]),
            Job::Translations(lang) => self.translations(&self.site.langs[lang]),
            Job::Sitemap => Ok(self.sitemap()),
            Job::SearchIndex(lang) => Ok(search::index_for(self.site, &self.site.langs[lang])),
            Job::Print(lang) => {
                let files = crate::output::Collector::default();
                self.print_into(&self.site.langs[lang], &files)??;
                files.into_sorted().pop().ok_or_else(|| Diagnostic::error("build", "the print page was not rendered"))
            }
            Job::ExportJson(lang) => Ok(self.export_json(&self.site.langs[lang])),
            Job::ExportCsv(lang) => Ok(self.export_csv(&self.site.langs[lang])),
        }
    }

    fn landing(&self) -> Result<Output, Diagnostic> {
        let path = "index.html";
        let default = self.locales.get(&self.site.config.default_language);
        let languages = self
            .site
            .langs
            .iter()
            .map(|lang| {
                let locale = self.locales.get(lang);
                LandingLang {
                    language: LangLink {
                        code: lang,
                        name: &locale.name,
                        dir: locale.dir,
                        url: format!("{lang}/index.html"),
                        current: false,
                        translated: true,
                    },
                    site_title: site_title(self.site, locale),
                    continue_label: locale.strings.get("landing_continue").map_or("", String::as_str),
                }
            })
            .collect();
        let context = LandingContext {
            site_title: site_title(self.site, default),
            lang: &default.code,
            dir: default.dir,
            ui: &default.strings,
            assets: format!("{}/", urls::ASSETS_DIR),
            languages,
        };
        self.output(path, "landing.html", &context)
    }

    fn page(&self, p: PageIdx, l: usize, contexts: &mut LanguageContexts) -> Result<Output, Diagnostic> {
        let site = self.site;
        let lang = site.langs[l].as_str();
        let page = &site.pages[p];
        let path = urls::page_path(page, lang);
        let (s, fallback) = site.version(page, lang);
        let source = &site.sources[s];
        let structure = &site.sources[site.default_version(page)].front;
        let (b, body_fallback) = site.body_version(page, lang);
        let body_source = &site.sources[b];
        let state = i18n::state(site, page, lang);
        let view = PageView {
            id: &page.id,
            kind: page.kind.as_str(),
            number: page.number.as_ref().map(|_| page.id.as_str()),
            title: source.front.title.as_deref().unwrap_or(&page.id),
            short_title: source.front.short_title.as_deref(),
            summary: source.front.summary.as_deref(),
            body: body_slot(0),
            applies_to: structure.applies_to.iter().map(|p| p.as_str()).collect(),
            evidence: structure.evidence.iter().map(|e| e.as_str()).collect(),
            content_lang: fallback.then_some(source.lang.as_str()),
            original_url: (body_fallback && site.langs.contains(&body_source.lang))
                .then(|| urls::relative(&path, &urls::page_path(page, &body_source.lang))),
            body_lang: (body_fallback && !fallback).then_some(body_source.lang.as_str()),
            outdated: state == i18n::State::Outdated,
            toc: on_this_page(page.kind, &site.scans[b]),
        };
        let links = |list: &[PageIdx]| list.iter().map(|&t| self.link(t, &path, lang)).collect::<Vec<_>>();
        let context = PageContext {
            chrome: self.chrome(
                &path,
                lang,
                Some(&page.id),
                |l| urls::page_path(page, l),
                |l| {
                    l == site.config.default_language
                        || matches!(i18n::state(site, page, l), i18n::State::Current | i18n::State::Outdated)
                },
            )?,
            page: view,
            breadcrumb: self.ancestors(page).into_iter().map(|a| self.link(a, &path, lang)).collect(),
            prev: page.prev.map(|t| self.link(t, &path, lang)),
            next: page.next.map(|t| self.link(t, &path, lang)),
            // The home page's cards: the principles its text does not list already.
            children: if page.kind == Kind::Home {
                let listed: Vec<&str> = site.scans[b].refs.iter().map(|r| r.target.as_str()).collect();
                self.site
                    .pages_of(Kind::Principle)
                    .filter(|(_, principle)| !listed.contains(&principle.id.as_str()))
                    .map(|(p, _)| self.link_with_summary(p, &path, lang))
                    .collect()
            } else {
                page.children.iter().map(|&c| self.link_with_children(c, &path, lang)).collect()
            },
            related: links(&page.related),
            glossary: links(&page.glossary),
            // Pages already listed as related are not listed again.
            backlinks: links(&page.backlinks.iter().copied().filter(|b| !page.related.contains(b)).collect::<Vec<_>>()),
            sections: if page.kind == Kind::Home { self.home_sections(&path, lang) } else { Vec::new() },
        };
        let template = match page.kind {
            Kind::Home => "home.html",
            Kind::Principle => "principle.html",
            Kind::Standard => "standard.html",
            Kind::Indicator => "indicator.html",
            _ => "page.html",
        };
        let scan = &site.scans[b];
        let resolver = PageResolver { renderer: self, from: &path, lang, text_lang: &body_source.lang, in_page: None };
        // The UI strings are already in the language's context.
        let context = PageContext { chrome: Chrome { ui: None, ..context.chrome }, ..context };
        let tera_context = contexts.with_page(l, self.locales.get(lang), &context, template)?;
        self.output_with_bodies(&path, template, tera_context, scan.html.len(), &|_, out| {
            scan.render_into(out, &resolver, &markdown::Embedding::default())
        })
    }

    fn overview(&self, lang: &str) -> Result<Output, Diagnostic> {
        let path = urls::special_path("overview", lang);
        let items = self.site.pages_of(Kind::Principle).map(|(p, _)| self.link_with_children(p, &path, lang)).collect();
        let locale = self.locales.get(lang);
        let context = ListingContext {
            chrome: self.chrome(&path, lang, None, |l| urls::special_path("overview", l), |_| true)?,
            title: ui(locale, "overview_title"),
            items,
            products: self.products(),
        };
        self.output(&path, "overview.html", &context)
    }

    /// The products framework items name (`all` aside), in the order of [`Product`].
    fn products(&self) -> Vec<&'static str> {
        let site = self.site;
        let mut named: Vec<Product> = site
            .pages
            .iter()
            .filter(|p| p.kind.is_framework())
            .flat_map(|p| site.sources[site.default_version(p)].front.applies_to.iter().copied())
            .filter(|&p| p != Product::All)
            .collect();
        named.sort();
        named.dedup();
        named.into_iter().map(Product::as_str).collect()
    }

    fn glossary(&self, lang: &str) -> Result<Output, Diagnostic> {
        let path = urls::special_path("glossary", lang);
        let mut items: Vec<Link> =
            self.site.pages_of(Kind::Term).map(|(p, _)| self.link_with_summary(p, &path, lang)).collect();
        items.sort_by_cached_key(|l| l.title.to_lowercase());
        let locale = self.locales.get(lang);
        let context = ListingContext {
            chrome: self.chrome(&path, lang, None, |l| urls::special_path("glossary", l), |_| true)?,
            title: ui(locale, "glossary_title"),
            items,
            products: Vec::new(),
        };
        self.output(&path, "glossary.html", &context)
    }

    fn translations(&self, lang: &str) -> Result<Output, Diagnostic> {
        let path = urls::special_path("translations", lang);
        let statuses = i18n::status(self.site);
        let counts = statuses
            .iter()
            .map(|s| LangCounts {
                code: &s.lang,
                name: &self.locales.get(&s.lang).name,
                url: urls::relative(&path, &urls::special_path("translations", &s.lang)),
                current: s.current,
                outdated: s.outdated,
                title_only: s.title_only,
                missing: s.missing,
            })
            .collect();
        let mut groups = Vec::new();
        if let Some(mine) = statuses.iter().find(|s| s.lang == lang) {
            for (state, heading) in [
                (i18n::State::Outdated, "translations_outdated"),
                (i18n::State::TitleOnly, "translations_title_only"),
                (i18n::State::Missing, "translations_missing"),
            ] {
                let links: Vec<Link> = mine
                    .pages
                    .iter()
                    .filter(|e| e.state == state)
                    .filter_map(|e| self.site.by_id.get(&e.id))
                    .map(|&p| self.link(p, &path, lang))
                    .collect();
                if !links.is_empty() {
                    groups.push(Section { heading: heading.to_owned(), links });
                }
            }
        }
        let context = TranslationsContext {
            chrome: self.chrome(&path, lang, None, |l| urls::special_path("translations", l), |_| true)?,
            title: ui(self.locales.get(lang), "translations_title"),
            counts,
            groups,
        };
        self.output(&path, "translations.html", &context)
    }

    /// `sitemap.xml`: every page in every language, with its alternates.
    fn sitemap(&self) -> Output {
        let base = self.site.config.base_url.as_deref().unwrap_or_default().trim_end_matches('/');
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
        for page in &self.site.pages {
            for lang in &self.site.langs {
                xml.push_str(&format!(
                    "  <url>\n    <loc>{base}/{}</loc>\n",
                    markdown::escape(&urls::page_path(page, lang))
                ));
                for other in &self.site.langs {
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{base}/{}\"/>\n",
                        markdown::escape(&urls::page_path(page, other))
                    ));
                }
                xml.push_str("  </url>\n");
            }
        }
        xml.push_str("</urlset>\n");
        Output::new("sitemap.xml".into(), xml.into_bytes())
    }

    fn output(&self, path: &str, template: &str, context: &impl serde::Serialize) -> Result<Output, Diagnostic> {
        Ok(Output::new(path.to_owned(), self.rendered(template, &tera_context(context, template)?)?))
    }

    fn html(&self, template: &str, context: &impl serde::Serialize) -> Result<String, Diagnostic> {
        let bytes = self.rendered(template, &tera_context(context, template)?)?;
        String::from_utf8(bytes).map_err(|e| Diagnostic::error(template, format!("rendered invalid UTF-8: {e}")))
    }

    /// A template's output, in a buffer sized for a page: most fit, so it rarely regrows.
    fn rendered(&self, template: &str, context: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(PAGE_CAPACITY);
        self.theme.render_to(template, context, &mut out)?;
        Ok(out)
    }

    /// Renders a template whose context holds [`body_slot`]s instead of bodies, then writes
    /// each body (`fill(n, out)`) straight into the output where its slot was. Bodies never
    /// pass through the template context: no copy into JSON values, no copy by Tera.
    fn output_with_bodies(
        &self,
        path: &str,
        template: &str,
        context: &tera::Context,
        body_bytes: usize,
        fill: &dyn Fn(usize, &mut String),
    ) -> Result<Output, Diagnostic> {
        let html = self.rendered(template, context)?;
        let mut out = Vec::with_capacity(html.len() + body_bytes + body_bytes / 4);
        fill_slots(&html, fill, &mut out).map_err(|e| Diagnostic::error(path, format!("cannot render: {e}")))?;
        Ok(Output::new(path.to_owned(), out))
    }

    fn chrome(
        &self,
        path: &str,
        lang: &'a str,
        current: Option<&str>,
        path_in: impl Fn(&str) -> String,
        translated: impl Fn(&str) -> bool,
    ) -> Result<Chrome<'a>, Diagnostic> {
        let site = self.site;
        let locale = self.locales.get(lang);
        let root = urls::to_root(path);
        let home = site
            .pages_of(Kind::Home)
            .next()
            .map(|(_, p)| urls::page_path(p, lang))
            .unwrap_or_else(|| format!("{lang}/index.html"));
        let sidebar = self.sidebar(path, lang, current)?;
        Ok(Chrome {
            site_title: site_title(site, locale),
            lang,
            dir: locale.dir,
            source_dir: self.locales.get(&site.config.default_language).dir,
            ui: Some(&locale.strings),
            assets: format!("{root}{}/", urls::ASSETS_DIR),
            root,
            home_url: urls::relative(path, &home),
            overview_url: urls::relative(path, &urls::special_path("overview", lang)),
            glossary_url: urls::relative(path, &urls::special_path("glossary", lang)),
            languages: site
                .langs
                .iter()
                .map(|l| {
                    let other = self.locales.get(l);
                    LangLink {
                        code: l,
                        name: &other.name,
                        dir: other.dir,
                        url: urls::relative(path, &path_in(l)),
                        current: l == lang,
                        translated: translated(l),
                    }
                })
                .collect(),
            sidebar,
        })
    }

    /// `partials/sidebar.html` for the page at `path`: the principles, the current page's
    /// principle open on its standards and its standard open on its indicators (a long list
    /// shows the part of [`TREE_PART`] items that holds the way to the current page, and how
    /// many there are). Rendered once for all the pages that show the same tree (same
    /// language, folder, open branch and parts), then the current page's link in it gets
    /// `aria-current="page"` (each page is in the tree at most once before any "all N" link to
    /// its parent, so its `href` finds it).
    fn sidebar(&self, path: &str, lang: &str, current: Option<&str>) -> Result<String, Diagnostic> {
        let site = self.site;
        let current = current.and_then(|id| site.by_id.get(id).copied());
        let branch = self.open_branch(current);
        let folder = path.rfind('/').map_or("", |i| &path[..i]);
        let key = SidebarKey { lang: lang.to_owned(), folder: folder.to_owned(), branch };
        let cached = self.sidebars.read().ok().and_then(|cache| cache.get(&key).cloned());
        let html = match cached {
            Some(html) => html,
            None => {
                let principles: Vec<Link> =
                    site.pages_of(Kind::Principle).map(|(p, _)| self.tree_link(p, &branch, path, lang)).collect();
                let locale = self.locales.get(lang);
                let context = SidebarContext { lang, dir: locale.dir, ui: &locale.strings, principles: &principles };
                let html = self.html("partials/sidebar.html", &context)?;
                if let Ok(mut cache) = self.sidebars.write() {
                    cache.insert(key, html.clone());
                }
                html
            }
        };
        Ok(match current {
            Some(p) => {
                let href = format!("href=\"{}\"", urls::relative(path, &urls::page_path(&site.pages[p], lang)));
                html.replacen(&href, &format!("{href} aria-current=\"page\""), 1)
            }
            _ => html,
        })
    }

    /// The principle and standard the sidebar opens for a page (its own and its ancestors),
    /// and which part of each one's children it shows: the part that holds the next step
    /// towards the page.
    fn open_branch(&self, current: Option<PageIdx>) -> Branch {
        let mut branch = Branch::default();
        let mut at = current;
        let mut below = None;
        while let Some(p) = at {
            let page = &self.site.pages[p];
            let level = match page.kind {
                Kind::Principle => Some(0),
                Kind::Standard => Some(1),
                _ => None,
            };
            if let Some(level) = level {
                branch.open[level] = Some(p);
                let position = below.and_then(|b| page.children.iter().position(|&c| c == b)).unwrap_or(0);
                branch.part[level] = position / TREE_PART;
            }
            below = Some(p);
            at = page.parent;
        }
        branch
    }

    /// A link of the sidebar tree, with its children (or the part of them the branch shows)
    /// when it is on the open branch.
    fn tree_link(&self, target: PageIdx, branch: &Branch, from: &str, lang: &str) -> Link {
        let mut link = self.link(target, from, lang);
        let Some(level) = branch.open.iter().position(|&o| o == Some(target)) else {
            return link;
        };
        let children = &self.site.pages[target].children;
        let shown = if children.len() > TREE_PART {
            link.all_children = Some(children.len());
            let start = branch.part[level] * TREE_PART;
            &children[start.min(children.len())..(start + TREE_PART).min(children.len())]
        } else {
            &children[..]
        };
        link.children = shown.iter().map(|&c| self.tree_link(c, branch, from, lang)).collect();
        link
    }

    /// A link from the file at `from` to page `target`, named in `lang` by its short title.
    fn link(&self, target: PageIdx, from: &str, lang: &str) -> Link {
        let site = self.site;
        let page = &site.pages[target];
        let (title, title_lang) = site.short_title(page, lang);
        let structure = &site.sources[site.default_version(page)].front;
        let number = page.number.as_ref().map(|_| page.id.as_str());
        Link {
            id: page.id.clone(),
            kind: page.kind.as_str(),
            number: number.map(str::to_owned),
            label: markdown::label_html(number, title, title_lang),
            title: title.to_owned(),
            title_lang: title_lang.map(str::to_owned),
            summary: None,
            url: urls::relative(from, &urls::page_path(page, lang)),
            applies_to: structure.applies_to.iter().map(|p| p.as_str()).collect(),
            children: Vec::new(),
            all_children: None,
        }
    }

    /// A link that also carries the page's summary (cards, glossary).
    fn link_with_summary(&self, target: PageIdx, from: &str, lang: &str) -> Link {
        let mut link = self.link(target, from, lang);
        let (s, _) = self.site.version(&self.site.pages[target], lang);
        link.summary = self.site.sources[s].front.summary.clone();
        link
    }

    fn link_with_children(&self, target: PageIdx, from: &str, lang: &str) -> Link {
        let mut link = self.link(target, from, lang);
        link.children =
            self.site.pages[target].children.iter().map(|&c| self.link_with_children(c, from, lang)).collect();
        link
    }

    fn ancestors(&self, page: &Page) -> Vec<PageIdx> {
        let mut chain = Vec::new();
        let mut current = page.parent;
        while let Some(p) = current {
            chain.push(p);
            current = self.site.pages[p].parent;
        }
        chain.reverse();
        chain
    }

    fn home_sections(&self, from: &str, lang: &str) -> Vec<Section> {
        [(Kind::Guide, "guides_heading"), (Kind::Department, "departments_heading"), (Kind::Page, "pages_heading")]
            .into_iter()
            .map(|(kind, heading)| Section {
                heading: heading.to_owned(),
                links: self.site.pages_of(kind).map(|(p, _)| self.link(p, from, lang)).collect(),
            })
            .filter(|s| !s.links.is_empty())
            .collect()
    }
}

fn tera_context(context: &impl serde::Serialize, template: &str) -> Result<tera::Context, Diagnostic> {
    tera::Context::from_serialize(context)
        .map_err(|e| Diagnostic::error(template, format!("cannot build the template context: {e}")))
}

/// How many children an open item of the sidebar shows at most: a standard of 40 indicators
/// shows the 12 around the current one and how many there are, so every page does not carry
/// the whole list.
const TREE_PART: usize = 12;

/// What decides a sidebar's HTML: language, folder (relative URLs) and the open branch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct SidebarKey {
    lang: String,
    folder: String,
    branch: Branch,
}

/// The open principle and standard of a sidebar, and which part of each one's children
/// (counted in [`TREE_PART`]s) it shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
struct Branch {
    open: [Option<PageIdx>; 2],
    part: [usize; 2],
}

/// Template contexts of content pages, one per language and rendering thread: the UI strings
/// go in once, and each page's own fields replace the previous page's (every content page has
/// the same fields), so the strings are not turned into template values again for every page.
#[derive(Default)]
struct LanguageContexts(BTreeMap<usize, tera::Context>);

impl LanguageContexts {
    fn with_page(
        &mut self,
        lang: usize,
        locale: &Locale,
        page: &PageContext<'_>,
        template: &str,
    ) -> Result<&tera::Context, Diagnostic> {
        let context = match self.0.entry(lang) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                let mut context = tera::Context::new();
                context.insert("ui", &locale.strings);
                e.insert(context)
            }
        };
        context.extend(tera_context(page, template)?);
        Ok(context)
    }
}

/// Writes a template's output to `out` with every [`body_slot`] replaced by its body.
fn fill_slots(html: &[u8], fill: &dyn Fn(usize, &mut String), out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut body = String::new();
    let mut parts = memchr::memchr_iter(0, html).chain([html.len()]).scan(0, |start, end| {
        let part = &html[*start..end];
        *start = end + 1;
        Some(part)
    });
    out.write_all(parts.next().unwrap_or_default())?;
    while let Some(inside) = parts.next() {
        match inside.strip_prefix(b"body:").and_then(slot_number) {
            Some(n) => {
                body.clear();
                fill(n, &mut body);
                out.write_all(body.as_bytes())?;
                out.write_all(parts.next().unwrap_or_default())?;
            }
            // A NUL of the content itself, not a slot.
            None => {
                out.write_all(b"\0")?;
                out.write_all(inside)?;
            }
        }
    }
    Ok(())
}

fn slot_number(digits: &[u8]) -> Option<usize> {
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// What a template context holds in place of body number `n`: see
/// [`Renderer::output_with_bodies`].
fn body_slot(n: usize) -> String {
    format!("\0body:{n}\0")
}

/// "On this page" for a page: its body's second-level headings, for principles, standards,
/// articles and pages of two or more sections, and for any page of four or more.
fn on_this_page(kind: Kind, scan: &markdown::Scan) -> Vec<context::TocEntry<'_>> {
    let sections: Vec<context::TocEntry<'_>> = scan
        .headings
        .iter()
        .filter(|h| h.level == 2)
        .map(|h| context::TocEntry { anchor: &h.anchor, text: &h.text })
        .collect();
    let wide =
        matches!(kind, Kind::Principle | Kind::Standard | Kind::Guide | Kind::Department | Kind::Page | Kind::Home);
    if sections.len() >= 4 || (wide && sections.len() >= 2) {
        sections
    } else {
        Vec::new()
    }
}

/// The site's name in a language: its `site-title` UI string, else `title` of `site.yaml`.
fn site_title<'s>(site: &'s Site, locale: &'s Locale) -> &'s str {
    locale.strings.get("site_title").map_or(site.config.title.as_str(), String::as_str)
}

pub(crate) fn ui(locale: &Locale, key: &str) -> String {
    locale.strings.get(key).cloned().unwrap_or_else(|| key.to_owned())
}

/// Resolves references of one page in one language. On the print page (`in_page` set),
/// references to framework items become anchors on that page, built by the given function.
pub(crate) struct PageResolver<'r, 'a> {
    pub(crate) renderer: &'r Renderer<'a>,
    pub(crate) from: &'r str,
    pub(crate) lang: &'r str,
    /// The language of the text the references stand in (the body's, which differs from
    /// `lang` when the body is shown untranslated): a label in another language is marked.
    pub(crate) text_lang: &'r str,
    pub(crate) in_page: Option<fn(&str, Option<&str>) -> String>,
}

impl Resolver for PageResolver<'_, '_> {
    fn resolve(&self, id: &str, anchor: Option<&str>) -> Option<Resolved> {
        let site = self.renderer.site;
        let page = site.page(id)?;
        let (title, title_lang) = site.short_title(page, self.lang);
        let title_lang = title_lang.unwrap_or(self.lang);
        let url = match self.in_page {
            Some(in_page) if page.kind.is_framework() || page.kind == Kind::Term => in_page(id, anchor),
            _ => {
                let mut url = urls::relative(self.from, &urls::page_path(page, self.lang));
                if let Some(anchor) = anchor {
                    url.push('#');
                    url.push_str(anchor);
                }
                url
            }
        };
        Some(Resolved {
            url,
            number: page.number.as_ref().map(|_| page.id.clone()),
            title: title.to_owned(),
            title_lang: (title_lang != self.text_lang).then(|| title_lang.to_owned()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(html: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let fill = |n: usize, body: &mut String| body.push_str(&format!("<p>body {n}</p>"));
        fill_slots(html, &fill, &mut out).expect("writing to memory works");
        out
    }

    #[test]
    fn slots_take_their_bodies_and_other_nuls_stay() {
        let html = format!("<main>{}</main><aside>{}</aside>", body_slot(0), body_slot(12));
        assert_eq!(filled(html.as_bytes()), b"<main><p>body 0</p></main><aside><p>body 12</p></aside>");
        assert_eq!(filled(b"a\0b\0body:x\0"), b"a\0b\0body:x\0");
        assert_eq!(filled(b""), b"");
        assert_eq!(filled(b"\0"), b"\0");
        assert_eq!(filled(b"\0body:3\0"), b"<p>body 3</p>");
    }
}
