//! The pages the site makes of its own: the landing page (choose a language), and per
//! language the overview matrix, the glossary index and the translation status.

use super::chrome::Placement;
use super::context::{
    Chrome, LandingContext, LandingLang, LangCounts, LangLink, Link, ListingContext, Section, TranslationsContext,
};
use super::{site_title, ui, urls, Renderer};
use crate::i18n;
use crate::output::Output;
use crate::site::Kind;
use crate::source::front_matter::Product;
use crate::Diagnostic;

impl<'a> Renderer<'a> {
    /// `index.html`: every language's home page, and the site's name in each.
    pub(super) fn landing(&self) -> Result<Output, Diagnostic> {
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
            assets: format!("{}/", urls::ASSETS_DIR),
            languages,
        };
        self.output("index.html", "landing.html", &default.code, &context)
    }

    /// The path and chrome of the listing `name` (`overview`, ...) in `lang`.
    fn listing_chrome(&self, name: &str, lang: &'a str) -> Result<(String, Chrome<'a>), Diagnostic> {
        let path = urls::special_path(name, lang);
        let placement =
            Placement { path: &path, current: None, path_in: &|l| urls::special_path(name, l), translated: &|_| true };
        let chrome = self.chrome(&placement, lang)?;
        Ok((path, chrome))
    }

    /// The overview matrix: every principle, standard and indicator with its products.
    pub(super) fn overview(&self, lang: &'a str) -> Result<Output, Diagnostic> {
        let (path, chrome) = self.listing_chrome("overview", lang)?;
        let items = self.site.pages_of(Kind::Principle).map(|(p, _)| self.link_with_children(p, &path, lang)).collect();
        let context = ListingContext {
            chrome,
            title: ui(self.locales.get(lang), "overview_title"),
            items,
            products: self.products(),
        };
        self.output(&path, "overview.html", lang, &context)
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

    /// The glossary index: every term with its summary, in alphabetical order.
    pub(super) fn glossary(&self, lang: &'a str) -> Result<Output, Diagnostic> {
        let (path, chrome) = self.listing_chrome("glossary", lang)?;
        let mut items: Vec<Link> =
            self.site.pages_of(Kind::Term).map(|(p, _)| self.link_with_summary(p, &path, lang)).collect();
        items.sort_by_cached_key(|l| l.title.to_lowercase());
        let context =
            ListingContext { chrome, title: ui(self.locales.get(lang), "glossary_title"), items, products: Vec::new() };
        self.output(&path, "glossary.html", lang, &context)
    }

    /// The translation status of a language: counts for every language, and this one's
    /// pages that need work.
    pub(super) fn translations(&self, lang: &'a str) -> Result<Output, Diagnostic> {
        let (path, chrome) = self.listing_chrome("translations", lang)?;
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
        let groups = statuses.iter().find(|s| s.lang == lang).map(|mine| self.work_left(mine, &path, lang));
        let context = TranslationsContext {
            chrome,
            title: ui(self.locales.get(lang), "translations_title"),
            counts,
            groups: groups.unwrap_or_default(),
        };
        self.output(&path, "translations.html", lang, &context)
    }

    /// A language's outdated, title-only and missing pages, as sections of links.
    fn work_left(&self, status: &i18n::LangStatus, path: &str, lang: &str) -> Vec<Section> {
        let mut groups = Vec::new();
        for (state, heading) in [
            (i18n::State::Outdated, "translations_outdated"),
            (i18n::State::TitleOnly, "translations_title_only"),
            (i18n::State::Missing, "translations_missing"),
        ] {
            let links: Vec<Link> = status
                .pages
                .iter()
                .filter(|e| e.state == state)
                .filter_map(|e| self.site.by_id.get(&e.id))
                .map(|&p| self.link(p, path, lang))
                .collect();
            if !links.is_empty() {
                groups.push(Section { heading: heading.to_owned(), links });
            }
        }
        groups
    }
}
