//! Offline features: search index, print page, exports, sitemap and `guidesite pack`.

use crate::support::{build_ok, pages, temp_site};
use guidesite::Project;
use std::process::Command;

/// The index of one language as its script hands it to the page (`JSON.parse('...')`).
fn search_index(pages: &std::collections::BTreeMap<String, String>, lang: &str) -> serde_json::Value {
    let js = &pages[&format!("assets/search/{lang}.js")];
    let prefix = format!(
        "window.GUIDESITE_SEARCH=window.GUIDESITE_SEARCH||{{}};window.GUIDESITE_SEARCH[\"{lang}\"]=JSON.parse('"
    );
    assert!(js.starts_with(&prefix), "{js}");
    assert!(!js.contains("import ") && !js.contains("fetch("));
    let literal = js[prefix.len()..].strip_suffix("');\n").expect("the script ends the string");
    let json = literal.replace("\\\\", "\u{0}").replace("\\'", "'").replace('\u{0}', "\\");
    serde_json::from_str(&json).expect("the index is JSON")
}

/// Every folded word of an index with its stem.
fn vocabulary(index: &serde_json::Value) -> Vec<(String, String)> {
    let stems: Vec<&str> = index["stems"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    let words = index["words"].as_str().unwrap().split(' ');
    let word_stems = index["word_stems"].as_array().unwrap().iter().map(|s| stems[s.as_u64().unwrap() as usize]);
    words.zip(word_stems).map(|(w, s)| (w.to_owned(), s.to_owned())).collect()
}

#[test]
fn search_index_is_a_classic_script_per_language_with_stems_and_their_words() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let html = &pages["fr/1.html"];
    assert!(html.contains(r#"data-index="../assets/search/fr.js""#), "pages point at their language's index");
    let fr = search_index(&pages, "fr");
    let words = vocabulary(&fr);
    let stem_of = |word: &str| words.iter().find(|(w, _)| w == word).map(|(_, s)| s.clone());
    // French Snowball, on the word as written ("conception"), folded after.
    assert_eq!(stem_of("conception").as_deref(), Some("concept"));
    assert_eq!(stem_of("produits").as_deref(), Some("produit"));
    assert_eq!(stem_of("pourquoi").as_deref(), Some("pourquoi"));
    let docs = fr["docs"].as_array().unwrap();
    let doc = docs.iter().position(|d| d[1] == "Conception des produits").expect("the French page is a document");
    // Its title words are in the name field (weight 8 or more) of the stem's postings.
    let stems: Vec<&str> = fr["stems"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    let concept = stems.iter().position(|s| *s == "concept").unwrap();
    let postings: Vec<u64> = fr["postings"][concept].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    let mut at = 0;
    let weight = postings.chunks(2).find_map(|p| {
        at += p[0];
        (at == doc as u64).then_some(p[1])
    });
    assert!(weight.is_some_and(|w| w >= 8), "{postings:?}");
    // The snippet shows references as the reader sees them, never the bare id.
    let snippet = docs[doc][3].as_str().unwrap();
    assert!(snippet.starts_with("Introduction avec 1.1 "), "{snippet}");
    // 1.1.1 has no French version: the French index finds it by its English words, and its
    // snippet says it is English.
    assert!(stem_of("researches").is_some());
    let fallback = docs.iter().find(|d| d[0] == "1.1.1").unwrap();
    assert_eq!((fallback[4].as_str(), fallback[5].as_str()), (Some("en"), Some("en")), "{fallback}");
    // Its English snippet names the glossary term it refers to in French, isolated.
    let term = site.path().join("content/glossary/repayment-capacity.fr.md");
    std::fs::write(term, "---\ntitle: Capacité de remboursement\n---\nCe que le client peut rembourser.\n").unwrap();
    let rebuilt = crate::support::pages(&build_ok(site.path()).outputs);
    let fr = search_index(&rebuilt, "fr");
    let doc = fr["docs"].as_array().unwrap().iter().find(|d| d[0] == "1.1.1").unwrap().clone();
    let snippet = doc[3].as_str().unwrap();
    assert!(snippet.contains("\u{2068}Capacité de remboursement\u{2069}"), "{snippet}");
}

#[test]
fn search_index_holds_reference_titles_not_slugs_and_joined_compounds() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let en = search_index(&pages, "en");
    let words = vocabulary(&en);
    let has = |word: &str| words.iter().any(|(w, _)| w == word);
    // 1.1.1's body says ([[repayment-capacity]]): the glossary title's words, not the slug.
    assert!(has("repayment") && has("capacity"), "the reference's title is indexed");
    let docs = en["docs"].as_array().unwrap();
    let doc = docs.iter().find(|d| d[0] == "1.1.1").unwrap();
    assert!(!doc[3].as_str().unwrap().contains("repayment-capacity"), "{doc}");
}

#[test]
fn print_page_turns_references_into_anchors_with_unique_ids() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let print = &pages["en/print.html"];
    assert!(print.contains(r#"id="p-1.1.1""#));
    assert!(print.contains(r##"href="#p-1.1.1--how-to-comply""##), "anchored references stay on the page");
    assert!(print.contains(r#"id="p-1.1.1--how-to-comply""#));
    let ids: Vec<&str> = print.split(" id=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids on the print page");
    let at = |needle: &str| print.find(needle).unwrap();
    assert!(at(r#"id="p-1.1.2""#) < at(r#"id="p-1.1.10""#), "numeric order");
}

#[test]
fn exports_have_every_framework_item() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let json: serde_json::Value = serde_json::from_str(&pages["fr/framework.json"]).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["id"], "1");
    assert_eq!(rows[0]["title"], "Conception des produits");
    assert_eq!(rows[2]["parent"], "1.1");
    assert_eq!(rows[2]["url"], "1.1.1.html");
    assert_eq!(rows[2]["evidence"], serde_json::json!(["documents", "interviews"]));
    let csv = &pages["en/framework.csv"];
    assert!(csv.starts_with("\u{feff}id,level,parent,title,applies_to,evidence,url\r\n"));
    assert!(csv.contains("1.1,standard,1,The FI designs suitable products,credit;savings,,1.1.html\r\n"), "{csv}");
}

#[test]
fn sitemap_only_with_a_base_url() {
    let site = temp_site("basic");
    assert!(!pages(&build_ok(site.path()).outputs).contains_key("sitemap.xml"));
    let settings = site.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&settings).unwrap() + "base_url: https://guide.example.org/\n";
    std::fs::write(&settings, text).unwrap();
    let pages = pages(&build_ok(site.path()).outputs);
    let sitemap = &pages["sitemap.xml"];
    assert!(sitemap.contains("<loc>https://guide.example.org/fr/1.1.html</loc>"), "{sitemap}");
    assert!(sitemap.contains(r#"hreflang="en" href="https://guide.example.org/en/1.1.html""#));
}

#[test]
fn pack_bundles_chosen_languages_verified() {
    let site = temp_site("basic");
    let outputs = guidesite::pack::bundle(&Project::new(site.path()), &["fr".to_owned()]).unwrap();
    let paths: Vec<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    assert!(paths.contains(&"fr/1.1.1.html"));
    assert!(paths.contains(&"README-fr.txt"));
    assert!(!paths.iter().any(|p| p.starts_with("en/")), "only the chosen language");
    let landing = String::from_utf8_lossy(&outputs.iter().find(|o| o.path == "index.html").unwrap().bytes).into_owned();
    assert!(landing.contains("fr/index.html") && !landing.contains("en/index.html"), "{landing}");
    assert!(guidesite::linkcheck::check(&outputs).is_empty());
}

#[test]
fn pack_writes_a_zip_and_refuses_unknown_languages() {
    let site = temp_site("basic");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_guidesite")).args(args).current_dir(site.path()).output().unwrap()
    };
    let out = Command::new(env!("CARGO_BIN_EXE_guidesite"))
        .args(["pack", "-o", "bundle.zip"])
        .env("SOURCE_DATE_EPOCH", "1796472000")
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // One top folder, named after the guide and the build date.
    let folder = "fixture-guide-2026-12-05";
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("open {folder}/index.html")));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(site.path().join("bundle.zip")).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.expect("a readable name").into_owned()).collect();
    assert!(names.iter().all(|n| n.starts_with(&format!("{folder}/"))), "{names:?}");
    assert!(zip.by_name(&format!("{folder}/index.html")).is_ok());
    let bad = run(&["pack", "--lang", "de", "-o", "other.zip"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a language of this site: `de`"));
    assert!(!site.path().join("other.zip").exists());
}

#[test]
fn pack_verification_names_the_page_and_the_link() {
    let outputs = vec![guidesite::Output::new("fr/a.html".into(), br#"<a href="../en/a.html">x</a>"#.to_vec())];
    let errors = guidesite::pack::verify(&outputs).unwrap_err();
    assert_eq!(errors[0].path.to_str(), Some("fr/a.html"));
    assert!(errors[0].message.contains("../en/a.html"), "{}", errors[0].message);
}
