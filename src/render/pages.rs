//! Content pages: one page of the site in one language (home, principle, standard,
//! indicator, article, term, ...), and the resolver that turns the references of its body into
//! links in that language.

use super::body::Body;
use super::chrome::Placement;
use super::context::{Link, PageContext, PageView, Section, TocEntry};
use super::{urls, Renderer};
use crate::i18n;
use crate::markdown::{Embedding, Outline, Resolved, Resolver};
use crate::output::Output;
use crate::site::{Kind, Page, PageIdx};
use crate::Diagnostic;

impl<'a> Renderer<'a> {
    /// Page `p` in `lang`, with the template of its kind.
    pub(super) fn page(&self, p: PageIdx, lang: &'a str) -> Result<Output, Diagnostic> {
        let site = self.site;
        let page = &site.pages[p];
        let path = urls::page_path(page, lang);
        let translated = |l: &str| {
            l == site.config.default_language
                || matches!(i18n::state(site, page, l), i18n::State::Current | i18n::State::Outdated)
        };
        let placement = Placement {
            path: &path,
            current: Some(&page.id),
            path_in: &|l| urls::page_path(page, l),
            translated: &translated,
        };
        let (b, _) = site.body_version(page, lang);
        let context = PageContext {
            chrome: self.chrome(&placement, lang)?,
            page: self.page_view(page, &path, lang),
            breadcrumb: self.links(&self.ancestors(page), &path, lang),
            prev: page.prev.map(|t| self.link(t, &path, lang)),
            next: page.next.map(|t| self.link(t, &path, lang)),
            children: self.children(page, &site.outlines[b], &path, lang),
            related: self.links(&page.related, &path, lang),
            glossary: self.links(&page.glossary, &path, lang),
            // Pages already listed as related are not listed again.
            backlinks: self.links(
                &page.backlinks.iter().copied().filter(|b| !page.related.contains(b)).collect::<Vec<_>>(),
                &path,
                lang,
            ),
            sections: if page.kind == Kind::Home { self.home_sections(&path, lang) } else { Vec::new() },
        };
        self.output(&path, template_of(page.kind), lang, &context)
    }

    /// What the template shows of the page itself, in `lang` (or the language it falls back
    /// to), its body included.
    fn page_view(&self, page: &'a Page, path: &str, lang: &'a str) -> PageView<'a> {
        let site = self.site;
        let (s, fallback) = site.version(page, lang);
        let source = &site.sources[s];
        let structure = &site.sources[site.default_version(page)].front;
        let (b, body_fallback) = site.body_version(page, lang);
        let body_source = &site.sources[b];
        let resolver = PageResolver { renderer: self, from: path, lang, text_lang: &body_source.lang, in_page: None };
        PageView {
            id: &page.id,
            kind: page.kind.as_str(),
            number: page.number.as_ref().map(|_| page.id.as_str()),
            title: source.front.title.as_deref().unwrap_or(&page.id),
            short_title: source.front.short_title.as_deref(),
            summary: source.front.summary.as_deref(),
            body: Body::value(self.body_of(b), &resolver, Embedding::default()),
            applies_to: structure.applies_to.iter().map(|p| p.as_str()).collect(),
            evidence: structure.evidence.iter().map(|e| e.as_str()).collect(),
            content_lang: fallback.then_some(source.lang.as_str()),
            original_url: (body_fallback && site.langs.contains(&body_source.lang))
                .then(|| urls::relative(path, &urls::page_path(page, &body_source.lang))),
            body_lang: (body_fallback && !fallback).then_some(body_source.lang.as_str()),
            outdated: i18n::state(site, page, lang) == i18n::State::Outdated,
            toc: on_this_page(page.kind, &site.outlines[b]),
        }
    }

    /// The children a page lists: on the home page, cards for the principles its text does
    /// not list already; elsewhere its framework children with theirs.
    fn children(&self, page: &Page, body: &Outline, path: &str, lang: &str) -> Vec<Link> {
        if page.kind != Kind::Home {
            return page.children.iter().map(|&c| self.link_with_children(c, path, lang)).collect();
        }
        let listed: Vec<&str> = body.refs.iter().map(|r| r.target.as_str()).collect();
        self.site
            .pages_of(Kind::Principle)
            .filter(|(_, principle)| !listed.contains(&principle.id.as_str()))
            .map(|(p, _)| self.link_with_summary(p, path, lang))
            .collect()
    }

    /// The home page's lists of guides, departments and other pages.
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

/// The template of each kind of page.
fn template_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Home => "home.html",
        Kind::Principle => "principle.html",
        Kind::Standard => "standard.html",
        Kind::Indicator => "indicator.html",
        _ => "page.html",
    }
}

/// "On this page" for a page: its body's second-level headings, for principles, standards,
/// articles and pages of two or more sections, and for any page of four or more.
fn on_this_page(kind: Kind, outline: &Outline) -> Vec<TocEntry<'_>> {
    let sections: Vec<TocEntry<'_>> = outline
        .headings
        .iter()
        .filter(|h| h.level == 2)
        .map(|h| TocEntry { anchor: &h.anchor, text: &h.text })
        .collect();
    let wide =
        matches!(kind, Kind::Principle | Kind::Standard | Kind::Guide | Kind::Department | Kind::Page | Kind::Home);
    if sections.len() >= 4 || (wide && sections.len() >= 2) {
        sections
    } else {
        Vec::new()
    }
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
