//! What readers meet (issue 16): short titles wherever an item is named, references that read
//! as prose, labels marked with their language, the sidebar tree, pages without repetition and
//! the printed guide.

use crate::support::{build_ok, pages, temp_site};
use std::fs;
use std::path::Path;

/// Puts `short_title:` after the title of a fixture file.
fn add_short_title(root: &Path, file: &str, short: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    let at = text.find("\ntitle:").unwrap() + 1;
    let end = at + text[at..].find('\n').unwrap() + 1;
    fs::write(&path, format!("{}short_title: {short}\n{}", &text[..end], &text[end..])).unwrap();
}

/// Indicators `1.1.<n>` for each `n`, with a short title `"<short> <n>"` when given.
fn add_indicators(root: &Path, numbers: std::ops::RangeInclusive<u32>, short: Option<&str>) {
    for n in numbers {
        let short_title = short.map(|s| format!("short_title: {s} {n}\n")).unwrap_or_default();
        let page = format!("---\nid: \"1.1.{n}\"\ntitle: Indicator {n}.\n{short_title}---\nText.\n");
        fs::write(root.join(format!("content/framework/1/1.1.{n}.md")), page).unwrap();
    }
}

#[test]
fn a_missing_short_title_is_a_warning_and_the_title_stands_in() {
    let site = temp_site("basic");
    let built = build_ok(site.path());
    let warned: Vec<String> = built.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warned.iter().any(|w| w.contains("indicator `1.1.1` has no short title") && w.contains("1.1.1.md:3")),
        "{warned:?}"
    );
    assert!(built.warnings.iter().all(|w| !w.is_error()));
    // The French translation of 1 is warned about only once its English source has one.
    assert!(!warned.iter().any(|w| w.contains("`fr` translation")), "{warned:?}");
    add_short_title(site.path(), "content/framework/1/1.md", "Product design");
    let warned: Vec<String> = build_ok(site.path()).warnings.iter().map(|w| w.to_string()).collect();
    assert!(warned.iter().any(|w| w.contains("the `fr` translation of `1` has no short title")), "{warned:?}");
}

#[test]
fn references_name_items_by_short_title_and_never_double_a_period() {
    let site = temp_site("basic");
    add_short_title(site.path(), "content/framework/1/1.1.2.md", "Product pilots");
    fs::write(
        site.path().join("content/about.md"),
        "---\nid: about\nkind: page\ntitle: About\n---\nSee [[1.1.2]]. And [[1.1.1]].\n",
    )
    .unwrap();
    let pages = pages(&build_ok(site.path()).outputs);
    let about = &pages["en/about.html"];
    assert!(about.contains(r#"<bdi class="num">1.1.2</bdi> Product pilots</a>."#), "{about}");
    // 1.1.1 has no short title: its title shows without its own final period.
    assert!(about.contains(r#"<bdi class="num">1.1.1</bdi> The FI researches client needs</a>."#), "{about}");
    for (path, html) in &pages {
        if path.ends_with(".html") {
            assert!(!html.contains("</a>.."), "{path} doubles a period");
        }
    }
    // The page itself leads with number, short title, then the full statement.
    let page = &pages["en/1.1.2.html"];
    assert!(page.contains("<h1>Product pilots</h1>"), "{page}");
    assert!(page.contains(r#"<p class="statement"><span class="visually-hidden">"#), "{page}");
    assert!(page.contains("<title>1.1.2 Product pilots · "), "{page}");
}

#[test]
fn a_label_in_another_language_than_the_text_around_it_is_marked() {
    let site = temp_site("basic");
    // 1.1.1 has no French version, so fr/1.1.1.html shows its English body, whose reference to
    // the repayment-capacity term (French title below) must be marked French.
    fs::write(
        site.path().join("content/glossary/repayment-capacity.fr.md"),
        "---\ntitle: Capacité de remboursement\n---\nCe que le client peut rembourser.\n",
    )
    .unwrap();
    let pages = pages(&build_ok(site.path()).outputs);
    let fr = &pages["fr/1.1.1.html"];
    assert!(fr.contains(r#"<bdi lang="fr">Capacité de remboursement</bdi>"#), "{fr}");
    // The same reference in French text is not marked.
    let term = &pages["fr/repayment-capacity.html"];
    assert!(!term.contains(r#"<bdi lang="fr">"#), "{term}");
}

#[test]
fn the_sidebar_opens_the_current_branch_and_marks_the_page() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let sidebar = |html: &str| {
        let start = html.find(r#"<nav class="sidebar""#).unwrap();
        html[start..start + html[start..].find("</nav>").unwrap()].to_owned()
    };
    let indicator = sidebar(&pages["en/1.1.2.html"]);
    assert!(indicator.contains(r#"href="1.1.html""#), "its standard is listed: {indicator}");
    assert!(indicator.contains(r#"<a href="1.1.2.html" aria-current="page">"#), "{indicator}");
    assert!(indicator.contains(r#"href="1.1.10.html""#), "its siblings are listed");
    assert_eq!(indicator.matches("aria-current").count(), 1);
    let principle = sidebar(&pages["en/1.html"]);
    assert!(principle.contains(r#"<a href="1.html" aria-current="page">"#));
    assert!(
        principle.contains(r#"href="1.1.html""#) && !principle.contains(r#"href="1.1.2.html""#),
        "standards open, indicators closed: {principle}"
    );
    let term = sidebar(&pages["en/repayment-capacity.html"]);
    assert!(!term.contains("aria-current") && !term.contains(r#"href="1.1.html""#), "{term}");
    assert!(!pages["en/index.html"].contains(r#"<nav class="sidebar""#), "the home page lists the principles once");
}

#[test]
fn pages_do_not_repeat_themselves() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let page = &pages["en/1.1.1.html"];
    // 1.1.2 refers to 1.1.1 and is listed in its `related`: it is listed once.
    let start = page.find(r#"<section class="related""#).unwrap();
    let related = &page[start..start + page[start..].find("</main>").unwrap()];
    assert_eq!(related.matches(r#"href="1.1.2.html""#).count(), 1, "{related}");
    assert_eq!(page.matches("Evidence an assessor reviews").count(), 1);
    assert!(!page.contains(r#"<section class="evidence""#));
}

#[test]
fn the_printed_guide_has_a_title_page_contents_every_item_and_the_glossary() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let print = &pages["fr/print.html"];
    let at = |needle: &str| print.find(needle).unwrap_or_else(|| panic!("{needle} missing: {print}"));
    assert!(at(r#"<section class="title-page""#) < at(r#"<nav class="toc""#));
    assert!(print.contains(r#"<time datetime=""#));
    // Contents: numbers only from the items, not from the list too.
    assert!(print.contains(r#"<nav class="toc" aria-labelledby="toc-heading">"#));
    assert!(!print[at(r#"<nav class="toc""#)..].split("</nav>").next().unwrap().contains("<ol>"));
    // The glossary comes last, and references to its terms stay on the page.
    assert!(at(r#"id="print-glossary""#) > at(r#"id="p-1.1.10""#));
    assert!(print.contains(r##"href="#p-repayment-capacity""##), "{print}");
    // Items shown in English on the French guide say so.
    assert!(print.contains(r#"<p class="print-untranslated" role="note">"#));
}

#[test]
fn many_missing_short_titles_are_one_warning_that_counts_them() {
    let site = temp_site("basic");
    add_indicators(site.path(), 3..=6, None);
    let built = build_ok(site.path());
    let short: Vec<String> =
        built.warnings.iter().map(|w| w.to_string()).filter(|w| w.contains("no short title")).collect();
    assert_eq!(short.len(), 1, "{short:?}");
    assert!(short[0].contains("(and 8 more like it)"), "{short:?}");
}

#[test]
fn a_long_list_in_the_sidebar_shows_the_part_around_the_page_and_how_many_there_are() {
    let site = temp_site("basic");
    add_indicators(site.path(), 11..=30, Some("Item"));
    let pages = pages(&build_ok(site.path()).outputs);
    let html = &pages["en/1.1.25.html"];
    let start = html.find(r#"<nav class="sidebar""#).unwrap();
    let sidebar = &html[start..start + html[start..].find("</nav>").unwrap()];
    // 23 indicators: 1.1.1, 1.1.2, 1.1.10 .. 1.1.30; the page is the 17th, in the second part.
    assert!(sidebar.contains(r#"<a href="1.1.25.html" aria-current="page">"#), "{sidebar}");
    assert!(!sidebar.contains(r#"href="1.1.1.html""#), "the first part is left out: {sidebar}");
    assert!(sidebar.contains(r#"<li class="tree-all"><a href="1.1.html">23 indicators</a></li>"#), "{sidebar}");
    assert!(sidebar.matches("<li><a href=\"1.1.").count() <= 12, "{sidebar}");
}
