//! The shipped corpus (`content/` of this repository) has the shape the guide promises.

use crate::support::{build_ok, repo_root};
use guidesite::site::Kind;

#[test]
fn shipped_site_builds_and_every_link_resolves() {
    let built = build_ok(&repo_root());
    let broken = guidesite::linkcheck::check(&built.outputs);
    assert!(broken.is_empty(), "{} broken links, first: {:?}", broken.len(), broken.first());
}

#[test]
fn corpus_shape() {
    let built = build_ok(&repo_root());
    let site = &built.site;
    let count = |kind| site.pages_of(kind).count();
    assert_eq!(count(Kind::Principle), 7, "principles");
    assert_eq!(count(Kind::Standard), 30, "standards");
    assert!(count(Kind::Indicator) >= 100, "indicators: {}", count(Kind::Indicator));
    assert!(count(Kind::Term) >= 30, "glossary terms: {}", count(Kind::Term));
    assert_eq!(count(Kind::Guide), 7, "one Detailed Guidance article per principle");
    assert_eq!(count(Kind::Department), 10, "Smart Operations departments");
    for (_, standard) in site.pages_of(Kind::Standard) {
        assert!(standard.children.len() >= 3, "standard {} has {} indicators", standard.id, standard.children.len());
    }
}

#[test]
fn every_indicator_has_the_required_sections_and_references() {
    let built = build_ok(&repo_root());
    let site = &built.site;
    for (_, page) in site.pages_of(Kind::Indicator) {
        let s = site.default_version(page);
        let source = &site.sources[s];
        let headings: Vec<&str> = site.scans[s].headings.iter().map(|h| h.anchor.as_str()).collect();
        for required in ["how-to-comply", "evidence", "common-pitfalls"] {
            assert!(headings.contains(&required), "{}: no `{required}` section", source.path.display());
        }
        assert!(site.scans[s].refs.len() >= 2, "{}: fewer than two cross-references", source.path.display());
        assert!(page.related.len() >= 2, "{}: fewer than two related ids", source.path.display());
        assert!(!source.front.applies_to.is_empty(), "{}: no applies_to", source.path.display());
        assert!(!source.front.evidence.is_empty(), "{}: no evidence", source.path.display());
    }
}

#[test]
fn no_orphan_pages() {
    let built = build_ok(&repo_root());
    let linked = guidesite::linkcheck::link_targets(&built.outputs);
    for output in built.outputs.iter().filter(|o| o.path.ends_with(".html") && o.path != "index.html") {
        assert!(linked.contains(output.path.as_str()), "{} is linked from no other page", output.path);
    }
    for (_, term) in built.site.pages_of(Kind::Term) {
        assert!(!term.backlinks.is_empty(), "glossary term {} is used by no page", term.id);
    }
}
