//! Building fixture sites through the library: output layout, page content, languages.

use crate::support::{build_ok, main_of, pages, temp_site};
use guidesite::linkcheck;

#[test]
fn every_page_exists_in_every_language_with_relative_paths() {
    let site = temp_site("basic");
    let built = build_ok(site.path());
    let pages = pages(&built.outputs);
    for lang in ["en", "fr"] {
        for path in [
            "index.html",
            "1.html",
            "1.1.html",
            "1.1.1.html",
            "about.html",
            "repayment-capacity.html",
            "overview.html",
            "glossary.html",
        ] {
            assert!(pages.contains_key(&format!("{lang}/{path}")), "missing {lang}/{path}");
        }
    }
    assert!(pages.contains_key("index.html"));
    assert!(pages.contains_key("assets/style.css"));
}

#[test]
fn every_link_and_fragment_resolves() {
    let site = temp_site("basic");
    let built = build_ok(site.path());
    let broken = linkcheck::check(&built.outputs);
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn indicator_page_main() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    insta::assert_snapshot!(main_of(&pages["en/1.1.1.html"]));
}

#[test]
fn principle_page_main_in_french() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    insta::assert_snapshot!(main_of(&pages["fr/1.html"]));
}

#[test]
fn standard_page_lists_indicators_in_numeric_order() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let html = &pages["en/1.1.html"];
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle} not in page"));
    assert!(at(">1.1.2</bdi>") < at(">1.1.10</bdi>"), "1.1.10 must come after 1.1.2");
    insta::assert_snapshot!(main_of(html));
}

#[test]
fn untranslated_page_falls_back_visibly() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let html = &pages["fr/1.1.1.html"];
    assert!(html.contains(r#"<html lang="fr" dir="ltr">"#));
    assert!(html.contains(r#"<article class="page page-indicator" lang="en" dir="ltr">"#), "{html}");
    assert!(html.contains("pas encore traduite"));
    assert!(html.contains(r#"href="../en/1.1.1.html""#));
}

#[test]
fn references_show_number_and_title_in_the_page_language() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let fr = &pages["fr/1.html"];
    // 1.1 has no French title: the English one shows, marked as English.
    assert!(
        fr.contains(
            r#"<a href="1.1.html"><bdi class="num">1.1</bdi> <bdi lang="en">The FI designs suitable products</bdi></a>"#
        ),
        "{fr}"
    );
    let en = &pages["en/index.html"];
    assert!(en.contains(r#"<a href="1.1.1.html#how-to-comply">the first indicator</a>"#), "{en}");
}

#[test]
fn backlinks_list_the_pages_that_refer_here() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let term = main_of(&pages["en/repayment-capacity.html"]);
    let backlinks = &term[term.find("class=\"backlinks\"").expect("backlinks section")..];
    assert!(backlinks.contains(r#"href="1.1.1.html""#), "{backlinks}");
    assert!(backlinks.contains(r#"href="about.html""#), "{backlinks}");
    assert!(backlinks.contains(r#"href="1.html""#), "{backlinks}");
}

#[test]
fn code_is_highlighted_with_classes_and_unknown_languages_stay_plain() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let about = &pages["en/about.html"];
    assert!(about.contains(r#"<pre class="code" data-lang="rust">"#), "{about}");
    assert!(about.contains("hl-"), "{about}");
    assert!(
        about.contains("<pre class=\"code\"><code class=\"language-unknown-language\">&lt;kept as text&gt;"),
        "{about}"
    );
    assert!(!about.contains("style=\""), "no inline styles");
}

#[test]
fn no_request_leaves_the_site() {
    let site = temp_site("basic");
    let built = build_ok(site.path());
    for (path, html) in pages(&built.outputs).iter().filter(|(p, _)| p.ends_with(".html")) {
        for attr in ["href=\"http", "src=\"http", "href=\"/", "src=\"/", "url(http"] {
            assert!(!html.contains(attr), "{path} has {attr}");
        }
    }
}

#[test]
fn site_templates_override_theme_templates_by_name() {
    let site = temp_site("basic");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/glossary.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Custom glossary</h1>{% endblock main %}",
    )
    .unwrap();
    let pages = pages(&build_ok(site.path()).outputs);
    assert!(pages["en/glossary.html"].contains("<h1>Custom glossary</h1>"));
}

/// Every construct works or errors (issue 19): a code block keeps its language class, known
/// to the highlighter or not; a reference in a table cell works with its bar escaped.
#[test]
fn code_blocks_keep_their_language_class_and_table_references_work_escaped() {
    let site = temp_site("basic");
    std::fs::write(
        site.path().join("content/about.md"),
        "---\nid: about\nkind: page\ntitle: About\n---\n```rust\nfn main() {}\n```\n\n```nosuchlang\nx\n```\n\n| item | page |\n|---|---|\n| design | [[1.1\\|the standard]] |\n\nSee <id:1.1>.\n",
    )
    .unwrap();
    let pages = pages(&build_ok(site.path()).outputs);
    let about = &pages["en/about.html"];
    assert!(about.contains(r#"<code class="language-rust">"#), "{about}");
    assert!(about.contains(r#"<code class="language-nosuchlang">x"#), "{about}");
    assert!(about.contains(r#"<td><a href="1.1.html">the standard</a></td>"#), "{about}");
    // The autolink `<id:1.1>` shows the number and name, as `[[1.1]]` does.
    assert!(
        about.contains(r#"See <a href="1.1.html"><bdi class="num">1.1</bdi> The FI designs suitable products</a>."#),
        "{about}"
    );
}

/// Every page gets a context of its own: a field one page has (a summary, a translation
/// notice) never shows on the next page rendered, whatever the order or thread. A template
/// prints the fields whether they are set or not, so a leak would show.
#[test]
fn no_page_sees_another_pages_fields() {
    let site = temp_site("basic");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/page.html"),
        "<p id=\"leak\">[{{ page.id }}|{{ page.summary }}|{{ page.content_lang }}|{{ page.body_lang }}]</p>",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/a.md"),
        "---\nid: a\nkind: page\ntitle: A\nsummary: Only A has this.\n---\nA\n",
    )
    .unwrap();
    std::fs::write(site.path().join("content/b.md"), "---\nid: b\nkind: page\ntitle: B\n---\nB\n").unwrap();
    let pages = pages(&build_ok(site.path()).outputs);
    assert!(pages["en/a.html"].contains("[a|Only A has this.||]"), "{}", pages["en/a.html"]);
    assert!(pages["en/b.html"].contains("[b|||]"), "{}", pages["en/b.html"]);
    let leaked: Vec<&String> =
        pages.iter().filter(|(p, html)| !p.ends_with("/a.html") && html.contains("Only A")).map(|(p, _)| p).collect();
    assert!(leaked.is_empty(), "A's summary shows on {leaked:?}");
}
