//! Offline features: search index, print page, exports, sitemap and `guidesite pack`.

use crate::support::{build_ok, pages, temp_site};
use guidesite::Project;
use std::process::Command;

#[test]
fn search_index_is_a_classic_script_per_language() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    for lang in ["en", "fr"] {
        let js = &pages[&format!("assets/search/{lang}.js")];
        assert!(js.starts_with("window.GUIDESITE_SEARCH=window.GUIDESITE_SEARCH||{};"), "{js}");
        assert!(!js.contains("import ") && !js.contains("fetch("));
    }
    let fr = &pages["assets/search/fr.js"];
    assert!(fr.contains("\"conception\""), "French words are folded and indexed");
    assert!(fr.contains("Conception des produits"));
    let html = &pages["fr/1.html"];
    assert!(html.contains(r#"data-index="../assets/search/fr.js""#), "pages point at their language's index");
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
    let out = run(&["pack", "-o", "bundle.zip"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(site.path().join("bundle.zip")).unwrap();
    assert_eq!(&bytes[..2], b"PK");
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
