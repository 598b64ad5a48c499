//! What every page shares: the chrome (site title, language, switcher, site links), the
//! sidebar tree of the guide, and links to pages as listings and the tree show them.

use super::context::{Chrome, LangLink, Link, SidebarContext};
use super::{site_title, urls, Renderer};
use crate::markdown;
use crate::site::{Kind, Page, PageIdx};
use crate::Diagnostic;
use minijinja::Value;
use std::collections::HashMap;
use std::sync::RwLock;

/// How many children an open item of the sidebar shows at most: a standard of 40 indicators
/// shows the 12 around the current one and how many there are, so every page does not carry
/// the whole list.
const TREE_PART: usize = 12;

/// Sidebars rendered so far, by what decides their HTML.
pub(super) type Sidebars = RwLock<HashMap<SidebarKey, String>>;

/// What decides a sidebar's HTML: language, folder (relative URLs) and the open branch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct SidebarKey {
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

/// Where a page is and what it is called elsewhere: its file, the id of the page it shows
/// (none for listings), its path in another language, and whether that language has it.
pub(super) struct Placement<'p> {
    pub(super) path: &'p str,
    pub(super) current: Option<&'p str>,
    pub(super) path_in: &'p dyn Fn(&str) -> String,
    pub(super) translated: &'p dyn Fn(&str) -> bool,
}

impl<'a> Renderer<'a> {
    /// The chrome of the file at `placement.path` in `lang`.
    pub(super) fn chrome(&self, placement: &Placement<'_>, lang: &'a str) -> Result<Chrome<'a>, Diagnostic> {
        let site = self.site;
        let path = placement.path;
        let locale = self.locales.get(lang);
        let root = urls::to_root(path);
        let home = site
            .pages_of(Kind::Home)
            .next()
            .map(|(_, p)| urls::page_path(p, lang))
            .unwrap_or_else(|| format!("{lang}/index.html"));
        Ok(Chrome {
            site_title: site_title(site, locale),
            lang,
            dir: locale.dir,
            source_dir: self.locales.get(&site.config.default_language).dir,
            assets: format!("{root}{}/", urls::ASSETS_DIR),
            root,
            home_url: urls::relative(path, &home),
            overview_url: urls::relative(path, &urls::special_path("overview", lang)),
            glossary_url: urls::relative(path, &urls::special_path("glossary", lang)),
            languages: self.languages(placement, lang),
            sidebar: Value::from_safe_string(self.sidebar(path, lang, placement.current)?),
        })
    }

    /// The language switcher: the same page in every language.
    fn languages(&self, placement: &Placement<'_>, lang: &str) -> Vec<LangLink<'a>> {
        self.site
            .langs
            .iter()
            .map(|l| {
                let other = self.locales.get(l);
                LangLink {
                    code: l,
                    name: &other.name,
                    dir: other.dir,
                    url: urls::relative(placement.path, &(placement.path_in)(l)),
                    current: l == lang,
                    translated: (placement.translated)(l),
                }
            })
            .collect()
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
                let context = SidebarContext { lang, dir: self.locales.get(lang).dir, principles: &principles };
                let html = self.theme.render("partials/sidebar.html", self.context(lang, &context))?;
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
    pub(super) fn link(&self, target: PageIdx, from: &str, lang: &str) -> Link {
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

    /// Links to each of `targets`.
    pub(super) fn links(&self, targets: &[PageIdx], from: &str, lang: &str) -> Vec<Link> {
        targets.iter().map(|&t| self.link(t, from, lang)).collect()
    }

    /// A link that also carries the page's summary (cards, glossary).
    pub(super) fn link_with_summary(&self, target: PageIdx, from: &str, lang: &str) -> Link {
        let mut link = self.link(target, from, lang);
        let (s, _) = self.site.version(&self.site.pages[target], lang);
        link.summary = self.site.sources[s].front.summary.clone();
        link
    }

    /// A link with every descendant as nested `children`.
    pub(super) fn link_with_children(&self, target: PageIdx, from: &str, lang: &str) -> Link {
        let mut link = self.link(target, from, lang);
        link.children =
            self.site.pages[target].children.iter().map(|&c| self.link_with_children(c, from, lang)).collect();
        link
    }

    /// The framework ancestors of a page, outermost first.
    pub(super) fn ancestors(&self, page: &Page) -> Vec<PageIdx> {
        let mut chain = Vec::new();
        let mut current = page.parent;
        while let Some(p) = current {
            chain.push(p);
            current = self.site.pages[p].parent;
        }
        chain.reverse();
        chain
    }
}
