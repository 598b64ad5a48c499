//! The "whole guide" page of a language: a title page, the contents, every principle,
//! standard and indicator in order, then the glossary, for printing or saving as PDF.
//! References to framework items and glossary terms become in-page anchors (`#p-2.1.3`), and
//! heading ids are prefixed per item so they stay unique on the one page.

use super::body::Body;
use super::chrome::Placement;
use super::context::Chrome;
use super::pages::PageResolver;
use super::{urls, Renderer};
use crate::diagnostic::Diagnostic;
use crate::markdown::Embedding;
use crate::output::Sink;
use crate::site::{Kind, PageIdx};
use minijinja::Value;
use serde::Serialize;

/// Context of the print page.
#[derive(Debug, Serialize)]
pub(super) struct PrintContext<'a> {
    /// Chrome.
    #[serde(flatten)]
    pub chrome: Chrome<'a>,
    /// Title of the page.
    pub title: String,
    /// The language's name in itself, for the title page.
    pub language_name: &'a str,
    /// The site's edition (`edition` in `site.yaml`), if set.
    pub edition: Option<&'a str>,
    /// The build date, `YYYY-MM-DD` (see [`crate::edition`]).
    pub date: String,
    /// Every framework item in reading order.
    pub items: Vec<PrintItem>,
    /// The glossary terms, in site order, printed after the framework.
    pub glossary: Vec<PrintItem>,
}

/// One principle, standard, indicator or glossary term on the print page.
#[derive(Debug, Serialize)]
pub(super) struct PrintItem {
    /// `p-2.1.3`: the item's anchor.
    pub anchor: String,
    /// `principle`, `standard`, `indicator` or `term`.
    pub kind: &'static str,
    /// Framework number (empty for a term).
    pub number: String,
    /// The name it is listed by: its short title, or its title.
    pub name: String,
    /// Set when the name is not translated.
    pub name_lang: Option<String>,
    /// The full title (an indicator's statement), when it differs from the name.
    pub statement: Option<String>,
    /// Set when the body is shown untranslated.
    pub body_lang: Option<String>,
    /// Summary.
    pub summary: Option<String>,
    /// The body, written where the template prints it.
    pub body: Value,
    /// Products.
    pub applies_to: Vec<&'static str>,
    /// Evidence categories.
    pub evidence: Vec<&'static str>,
}

/// The anchor of a framework item or term on the print page.
fn anchor_of(id: &str) -> String {
    format!("p-{id}")
}

impl<'a> Renderer<'a> {
    /// `<lang>/print.html`, streamed to `sink` (bodies are written as the template reaches
    /// them). A template error fails the job; a failed write is the inner error.
    pub(super) fn print_into(&self, lang: &'a str, sink: &dyn Sink) -> Result<Result<(), Diagnostic>, Diagnostic> {
        let site = self.site;
        let path = urls::special_path("print", lang);
        let placement = Placement {
            path: &path,
            current: None,
            path_in: &|l| urls::special_path("print", l),
            translated: &|_| true,
        };
        let framework = site.pages.iter().enumerate().filter(|(_, p)| p.kind.is_framework()).map(|(p, _)| p);
        let terms = site.pages_of(Kind::Term).map(|(p, _)| p);
        let locale = self.locales.get(lang);
        let context = PrintContext {
            chrome: self.chrome(&placement, lang)?,
            title: super::ui(locale, "print_title"),
            language_name: &locale.name,
            edition: site.config.edition.as_deref(),
            date: crate::edition::build_date(),
            items: framework.map(|p| self.print_item(p, &path, lang)).collect(),
            glossary: terms.map(|p| self.print_item(p, &path, lang)).collect(),
        };
        let context = self.context(lang, &context);
        let mut failed = None;
        let written = sink.stream(&path, &mut |out| match self.theme.render_to("print.html", context.clone(), out) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(template)) => {
                failed = Some(template);
                Ok(())
            }
            Err(write) => Err(write),
        });
        match failed {
            Some(template) => Err(template),
            None => Ok(written),
        }
    }

    fn print_item(&self, p: PageIdx, path: &str, lang: &str) -> PrintItem {
        let site = self.site;
        let page = &site.pages[p];
        let (name, name_lang) = site.short_title(page, lang);
        let (title, _) = site.title(page, lang);
        let (s, _) = site.version(page, lang);
        let (b, body_fallback) = site.body_version(page, lang);
        let structure = &site.sources[site.default_version(page)].front;
        let resolver = PageResolver {
            renderer: self,
            from: path,
            lang,
            text_lang: &site.sources[b].lang,
            in_page: Some(in_page_url),
        };
        let embedding =
            Embedding { anchor_prefix: format!("{}--", anchor_of(&page.id)), heading_shift: heading_shift(page.kind) };
        PrintItem {
            body: Body::value(self.body_of(b), &resolver, embedding),
            anchor: anchor_of(&page.id),
            kind: page.kind.as_str(),
            number: if page.kind.is_framework() { page.id.clone() } else { String::new() },
            name: name.to_owned(),
            name_lang: name_lang.map(str::to_owned),
            statement: (title != name).then(|| title.to_owned()),
            body_lang: body_fallback.then(|| site.sources[b].lang.clone()),
            summary: site.sources[s].front.summary.clone(),
            applies_to: structure.applies_to.iter().map(|p| p.as_str()).collect(),
            evidence: structure.evidence.iter().map(|e| e.as_str()).collect(),
        }
    }
}

/// Item headings are h2 (principle), h3 (standard and glossary term) and h4 (indicator);
/// body headings go one level below their item's.
fn heading_shift(kind: Kind) -> u8 {
    match kind {
        Kind::Principle => 1,
        Kind::Standard | Kind::Term => 2,
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
