//! The "whole guide" page of a language: every principle, standard and indicator in order,
//! with a table of contents, for printing or saving as PDF. References to framework items
//! become in-page anchors (`#p-2.1.3`), and heading ids are prefixed per item so they stay
//! unique on the one page.

use super::context::Chrome;
use super::{urls, PageResolver, Renderer};
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::output::Sink;
use crate::site::{Kind, PageIdx};
use serde::Serialize;

/// Context of the print page.
#[derive(Debug, Serialize)]
pub(super) struct PrintContext<'a> {
    /// Chrome.
    #[serde(flatten)]
    pub chrome: Chrome<'a>,
    /// Title of the page.
    pub title: String,
    /// Every framework item in reading order.
    pub items: Vec<PrintItem>,
}

/// One principle, standard or indicator on the print page.
#[derive(Debug, Serialize)]
pub(super) struct PrintItem {
    /// `p-2.1.3`: the item's anchor.
    pub anchor: String,
    /// `principle`, `standard` or `indicator`.
    pub kind: &'static str,
    /// Framework number.
    pub number: String,
    /// Title in the language (or the original).
    pub title: String,
    /// Set when the title is not translated.
    pub title_lang: Option<String>,
    /// Set when the body is shown untranslated.
    pub body_lang: Option<String>,
    /// Summary.
    pub summary: Option<String>,
    /// Where the body goes (see `Renderer::output_with_bodies`).
    pub body: String,
    /// Products.
    pub applies_to: Vec<&'static str>,
    /// Evidence categories.
    pub evidence: Vec<&'static str>,
}

/// The anchor of a framework item on the print page.
fn anchor_of(id: &str) -> String {
    format!("p-{id}")
}

impl Renderer<'_> {
    /// `<lang>/print.html`, streamed to `sink`. A template error fails the job; a
    /// failed write is the inner error.
    pub(super) fn print_into(&self, lang: &str, sink: &dyn Sink) -> Result<Result<(), Diagnostic>, Diagnostic> {
        let site = self.site;
        let path = urls::special_path("print", lang);
        let framework: Vec<PageIdx> = (0..site.pages.len()).filter(|&p| site.pages[p].kind.is_framework()).collect();
        let items = framework.iter().enumerate().map(|(n, &p)| self.print_item(n, p, lang)).collect();
        let context = PrintContext {
            chrome: self.chrome(&path, lang, None, |l| urls::special_path("print", l), |_| true)?,
            title: super::ui(self.locales.get(lang), "print_title"),
            items,
        };
        let html = self.rendered("print.html", &super::tera_context(&context, "print.html")?)?;
        let resolver = PageResolver { renderer: self, from: &path, lang, in_page: Some(in_page_url) };
        let fill = |n: usize, out: &mut String| {
            let Some(&p) = framework.get(n) else { return };
            let page = &site.pages[p];
            let (b, _) = site.body_version(page, lang);
            let embedding = markdown::Embedding {
                anchor_prefix: format!("{}--", anchor_of(&page.id)),
                heading_shift: heading_shift(page.kind),
            };
            site.scans[b].render_into(out, &resolver, &embedding);
        };
        Ok(sink.stream(&path, &mut |out| super::fill_slots(&html, &fill, out)))
    }

    fn print_item(&self, n: usize, p: PageIdx, lang: &str) -> PrintItem {
        let site = self.site;
        let page = &site.pages[p];
        let (title, title_lang) = site.title(page, lang);
        let (s, _) = site.version(page, lang);
        let (b, body_fallback) = site.body_version(page, lang);
        let structure = &site.sources[site.default_version(page)].front;
        PrintItem {
            body: super::body_slot(n),
            anchor: anchor_of(&page.id),
            kind: page.kind.as_str(),
            number: page.id.clone(),
            title: title.to_owned(),
            title_lang: title_lang.map(str::to_owned),
            body_lang: body_fallback.then(|| site.sources[b].lang.clone()),
            summary: site.sources[s].front.summary.clone(),
            applies_to: structure.applies_to.iter().map(|p| p.as_str()).collect(),
            evidence: structure.evidence.iter().map(|e| e.as_str()).collect(),
        }
    }
}

/// Item headings are h2 (principle), h3 (standard) and h4 (indicator); body headings go one
/// level below their item's.
fn heading_shift(kind: Kind) -> u8 {
    match kind {
        Kind::Principle => 1,
        Kind::Standard => 2,
        _ => 3,
    }
}

/// The in-page target of a reference to a framework item.
fn in_page_url(id: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(a) => format!("#{}--{a}", anchor_of(id)),
        None => format!("#{}", anchor_of(id)),
    }
}
