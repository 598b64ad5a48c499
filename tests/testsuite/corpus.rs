//! The shipped corpus (`content/` of this repository) has the shape the guide promises.

use crate::support::{build_ok, repo_root};
use guidesite::site::Kind;

#[test]
fn shipped_site_builds_and_every_link_resolves() {
    let built = build_ok(&repo_root());
    let broken = guidesite::linkcheck::check(&built.outputs);
    assert!(broken.is_empty(), "{} broken links, first: {:?}", broken.len(), broken.first());
}

/// Issue 17's limit: the six search indexes together stay under 15 % of the site's HTML.
#[test]
fn search_indexes_are_a_small_share_of_the_html() {
    let built = build_ok(&repo_root());
    let bytes = |pick: &dyn Fn(&str) -> bool| -> usize {
        built.outputs.iter().filter(|o| pick(&o.path)).map(|o| o.bytes.len()).sum()
    };
    let indexes = bytes(&|p| p.starts_with("assets/search/"));
    let html = bytes(&|p| p.ends_with(".html"));
    assert_eq!(built.outputs.iter().filter(|o| o.path.starts_with("assets/search/")).count(), 6);
    assert!(indexes * 100 <= html * 15, "indexes {indexes} bytes, HTML {html} bytes");
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
        let headings: Vec<&str> = site.outlines[s].headings.iter().map(|h| h.anchor.as_str()).collect();
        for required in ["how-to-comply", "evidence", "common-pitfalls"] {
            assert!(headings.contains(&required), "{}: no `{required}` section", source.path.display());
        }
        assert!(site.outlines[s].refs.len() >= 2, "{}: fewer than two cross-references", source.path.display());
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

/// English words that no sentence of French, Spanish, Russian, Arabic or Portuguese needs: a
/// translated body that holds several of them on one line has English left in it.
const ENGLISH_ONLY: [&str; 30] = [
    "the", "and", "with", "which", "that", "is", "are", "should", "must", "when", "their", "from", "this", "these",
    "those", "have", "has", "been", "will", "would", "they", "what", "how", "who", "where", "does", "its", "into",
    "about", "each",
];

/// One line of a body with what is not prose taken out: code, link targets, ids, anchors.
fn prose_of(line: &str) -> String {
    let mut text = String::new();
    let mut rest = line;
    // `code`, (id:...) and (http...) link targets, [[refs]] and {#anchors} are not prose.
    while let Some(start) = rest.find(['`', '(', '[', '{']) {
        text.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = if let Some(code) = tail.strip_prefix('`') {
            code.find('`').map(|i| i + 2)
        } else if tail.starts_with("(id:") || tail.starts_with("(http") {
            tail.find(')').map(|i| i + 1)
        } else if tail.starts_with("[[") {
            tail.find("]]").map(|i| i + 2)
        } else if tail.starts_with("{#") {
            tail.find('}').map(|i| i + 1)
        } else {
            Some(1)
        };
        let end = end.unwrap_or(tail.len());
        if tail.starts_with('[') && !tail.starts_with("[[") || tail.starts_with('(') && end == 1 {
            text.push(' ');
        }
        rest = &tail[end..];
    }
    text.push_str(rest);
    text
}

/// English words left in a translated body, by line: what a native reader would trip over.
fn english_left_in(body: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    let mut in_code = false;
    for (n, line) in body.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let words: Vec<String> = prose_of(line)
            .split(|c: char| !c.is_alphabetic() && c != '\'')
            .filter(|w| ENGLISH_ONLY.contains(&w.to_lowercase().as_str()))
            .map(str::to_owned)
            .collect();
        if words.len() >= 2 {
            found.push((n + 1, words));
        }
    }
    found
}

#[test]
fn the_english_check_finds_english_and_passes_translations() {
    assert_eq!(english_left_in("Le client paie.\nThe client pays when the loan is due.").len(), 1);
    assert!(english_left_in("Voir [[the-and-is]] et `the code is` ici.").is_empty());
    assert!(english_left_in("```\nthe code is here\n```\nTexte.").is_empty());
    assert!(english_left_in("Un seul mot anglais: the.").is_empty());
}

/// No translated body keeps English sentences (outside code, ids and names).
#[test]
fn translated_bodies_hold_no_english_sentences() {
    let content = repo_root().join("content");
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(&content).into_iter().map(|e| e.unwrap()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let translated = ["fr", "es", "ru", "ar", "pt"].iter().any(|l| name.ends_with(&format!(".{l}.md")));
        if !translated {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap_or_default();
        for (line, words) in english_left_in(body) {
            let shown = entry.path().strip_prefix(&content).unwrap().display().to_string();
            problems.push(format!("content/{shown}: body line {line}: {}", words.join(" ")));
        }
    }
    assert!(problems.is_empty(), "English left in translations:\n{}", problems.join("\n"));
}
