//! Typed template contexts. Templates see exactly these fields, and `ui`, the UI strings of
//! the page's language (documented in `themes/default/README.md`); nothing is assembled as an
//! untyped map. Every page gets a context of its own.

use minijinja::Value;
use serde::Serialize;

/// What every page's chrome needs: language, UI strings, navigation, switcher.
#[derive(Debug, Serialize)]
pub struct Chrome<'a> {
    /// The site title.
    pub site_title: &'a str,
    /// This page's language.
    pub lang: &'a str,
    /// `ltr` or `rtl`.
    pub dir: &'a str,
    /// Direction of the default language, for content shown untranslated.
    pub source_dir: &'a str,
    /// Relative prefix to the site root (`../../`).
    pub root: String,
    /// Relative prefix to the assets folder.
    pub assets: String,
    /// Links to this language's home, overview and glossary.
    pub home_url: String,
    /// See `home_url`.
    pub overview_url: String,
    /// See `home_url`.
    pub glossary_url: String,
    /// The same page in every language.
    pub languages: Vec<LangLink<'a>>,
    /// `partials/sidebar.html` as rendered for this page, marked safe (`{{ sidebar }}`).
    pub sidebar: Value,
}

/// Context of `partials/sidebar.html`, rendered once per language and current page.
#[derive(Debug, Serialize)]
pub struct SidebarContext<'a> {
    /// The language.
    pub lang: &'a str,
    /// `ltr` or `rtl`.
    pub dir: &'a str,
    /// The principles; the current page's principle has its standards as `children`, and
    /// its standard its indicators.
    pub principles: &'a [Link],
}

/// One entry of the language switcher.
#[derive(Debug, Serialize)]
pub struct LangLink<'a> {
    /// Language code.
    pub code: &'a str,
    /// Its name in itself.
    pub name: &'a str,
    /// `ltr` or `rtl`.
    pub dir: &'a str,
    /// Relative URL of the same page in that language.
    pub url: String,
    /// True for the page's own language.
    pub current: bool,
    /// True when the page really is translated into it.
    pub translated: bool,
}

/// A link to a page, as listings show it. Absent optional fields are left out of the
/// template context (templates test them with `if`), which keeps per-page contexts small.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The page id.
    pub id: String,
    /// What it is (`indicator`, `term`, ...).
    pub kind: &'static str,
    /// Framework number, if any.
    pub number: Option<String>,
    /// Title in the page's language (or a fallback).
    pub title: String,
    /// Set when the title is in another language than the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_lang: Option<String>,
    /// One-sentence summary, when the listing shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Relative URL.
    pub url: String,
    /// Number and title as HTML, exactly as references in bodies show them
    /// (`{{ l.label | safe }}`).
    pub label: String,
    /// Products, for framework items.
    pub applies_to: Vec<&'static str>,
    /// Nested items (standards of a principle, indicators of a standard).
    pub children: Vec<Link>,
    /// Set in the sidebar when `children` holds only a part of them: how many there are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all_children: Option<usize>,
}

/// The page being rendered.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// Its id.
    pub id: &'a str,
    /// What it is.
    pub kind: &'static str,
    /// Framework number.
    pub number: Option<&'a str>,
    /// Title (for an indicator, the statement).
    pub title: &'a str,
    /// The short title, when the version shown has one: the page leads with it, the title
    /// (statement) follows.
    pub short_title: Option<&'a str>,
    /// Summary, if written.
    pub summary: Option<&'a str>,
    /// The body, written into the page where the template prints it (`{{ page.body | safe }}`).
    pub body: Value,
    /// Products.
    pub applies_to: Vec<&'static str>,
    /// Evidence categories.
    pub evidence: Vec<&'static str>,
    /// When the content is not translated: the language it is shown in.
    pub content_lang: Option<&'a str>,
    /// When the content is not translated: the URL of the original.
    pub original_url: Option<String>,
    /// When only the title is translated: the language the body is shown in.
    pub body_lang: Option<&'a str>,
    /// True when the translation was made from an older version of the source.
    pub outdated: bool,
    /// "On this page": the body's second-level headings, on the pages long or wide enough to
    /// need them (empty otherwise).
    pub toc: Vec<TocEntry<'a>>,
}

/// One entry of a page's "on this page" contents.
#[derive(Debug, Serialize)]
pub struct TocEntry<'a> {
    /// The heading's id on the page.
    pub anchor: &'a str,
    /// Its text.
    pub text: &'a str,
}

/// Context of a content page.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    /// Chrome.
    #[serde(flatten)]
    pub chrome: Chrome<'a>,
    /// The page.
    pub page: PageView<'a>,
    /// Ancestors, outermost first (principle, standard).
    pub breadcrumb: Vec<Link>,
    /// Previous page in reading order.
    pub prev: Option<Link>,
    /// Next page in reading order.
    pub next: Option<Link>,
    /// Children (standards with their indicators, or indicators; on the home page the
    /// principles with their summaries).
    pub children: Vec<Link>,
    /// Related pages.
    pub related: Vec<Link>,
    /// Glossary terms used.
    pub glossary: Vec<Link>,
    /// Pages that refer to this one.
    pub backlinks: Vec<Link>,
    /// On the home page: guides, departments and other pages.
    pub sections: Vec<Section>,
}

/// A titled list of links (home page sections, glossary index).
#[derive(Debug, Serialize)]
pub struct Section {
    /// Heading key in `ui`.
    pub heading: String,
    /// Links.
    pub links: Vec<Link>,
}

/// Context of a listing page the site makes (overview, glossary index).
#[derive(Debug, Serialize)]
pub struct ListingContext<'a> {
    /// Chrome.
    #[serde(flatten)]
    pub chrome: Chrome<'a>,
    /// Title of the page.
    pub title: String,
    /// The items.
    pub items: Vec<Link>,
    /// On the overview: the products items apply to, for its filter (`credit`, ...).
    pub products: Vec<&'static str>,
}

/// Context of the root landing page.
#[derive(Debug, Serialize)]
pub struct LandingContext<'a> {
    /// Site title.
    pub site_title: &'a str,
    /// Default language (the page's own language).
    pub lang: &'a str,
    /// Its direction.
    pub dir: &'a str,
    /// Assets prefix.
    pub assets: String,
    /// Every language's home page.
    pub languages: Vec<LandingLang<'a>>,
}

/// One language on the landing page: its switcher entry, and the site's name and "Continue
/// in" (`landing-continue`) in that language, for the suggestion the page's script makes from
/// the browser's languages.
#[derive(Debug, Serialize)]
pub struct LandingLang<'a> {
    /// Code, name, direction and home page.
    #[serde(flatten)]
    pub language: LangLink<'a>,
    /// The site's name in that language.
    pub site_title: &'a str,
    /// "Continue in" in that language.
    pub continue_label: &'a str,
}

/// One language's translation counts.
#[derive(Debug, Serialize)]
pub struct LangCounts<'a> {
    /// Language code.
    pub code: &'a str,
    /// Its name in itself.
    pub name: &'a str,
    /// Link to that language's status page.
    pub url: String,
    /// Pages translated from the current source.
    pub current: usize,
    /// Pages translated from an older source.
    pub outdated: usize,
    /// Pages with a translated title only.
    pub title_only: usize,
    /// Pages not translated.
    pub missing: usize,
}

/// Context of a translation status page.
#[derive(Debug, Serialize)]
pub struct TranslationsContext<'a> {
    /// Chrome.
    #[serde(flatten)]
    pub chrome: Chrome<'a>,
    /// Title of the page.
    pub title: String,
    /// Counts for every translated language.
    pub counts: Vec<LangCounts<'a>>,
    /// This language's pages that need work, by state (`ui` key and links).
    pub groups: Vec<Section>,
}
