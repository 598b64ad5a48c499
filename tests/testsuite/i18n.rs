//! Translation status and marking, through the library and the binary.

use crate::support::{build_ok, main_of, pages, temp_site};
use guidesite::i18n::{self, State};
use guidesite::Project;
use std::process::Command;

fn state_of(root: &std::path::Path, id: &str, lang: &str) -> State {
    let loaded = guidesite::load(&Project::new(root), guidesite::site::Texts::Keep).unwrap_or_else(|d| panic!("{d:?}"));
    let page = loaded.site.page(id).unwrap();
    i18n::state(&loaded.site, page, lang)
}

#[test]
fn unmarked_translation_is_outdated_until_marked_and_again_after_the_source_changes() {
    let site = temp_site("basic");
    let root = site.path();
    assert_eq!(state_of(root, "1", "fr"), State::Outdated);
    assert_eq!(state_of(root, "1.1", "fr"), State::Missing);

    let out = Command::new(env!("CARGO_BIN_EXE_guidesite"))
        .args(["i18n", "mark", "content/framework/1/1.fr.md"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let marked = std::fs::read_to_string(root.join("content/framework/1/1.fr.md")).unwrap();
    assert!(marked.contains("source_hash: "), "{marked}");
    assert!(marked.contains("title: Conception des produits"), "the rest of the file is kept: {marked}");
    assert_eq!(state_of(root, "1", "fr"), State::Current);

    let source = root.join("content/framework/1/1.md");
    let text = std::fs::read_to_string(&source).unwrap().replace("Because.", "Because clients matter.");
    std::fs::write(&source, text).unwrap();
    assert_eq!(state_of(root, "1", "fr"), State::Outdated);
    let pages = pages(&build_ok(root).outputs);
    assert!(pages["fr/1.html"].contains("notice-outdated"), "an outdated translation says so");
    // regression: the original itself was reported as an outdated translation, so every
    // page of the default language carried the notice.
    assert_eq!(state_of(root, "1", "en"), State::Current);
    assert!(!pages["en/1.html"].contains("notice-outdated"), "the original is never outdated");
}

#[test]
fn title_only_translation_shows_the_original_body_marked() {
    let site = temp_site("basic");
    let root = site.path();
    std::fs::write(
        root.join("content/framework/1/1.1.1.fr.md"),
        "---\ntitle: L'IF étudie les besoins des clients.\n---\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_guidesite"))
        .args(["i18n", "mark", "content/framework/1/1.1.1.fr.md"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(state_of(root, "1.1.1", "fr"), State::TitleOnly);
    let pages = pages(&build_ok(root).outputs);
    let main = main_of(&pages["fr/1.1.1.html"]);
    assert!(
        main.contains("<h1>L&#39;IF étudie les besoins des clients.</h1>")
            || main.contains("<h1>L'IF étudie les besoins des clients.</h1>"),
        "{main}"
    );
    assert!(main.contains(r#"<div class="body" lang="en" dir="ltr">"#), "{main}");
}

#[test]
fn status_text_json_and_strict() {
    let site = temp_site("basic");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_guidesite")).args(args).current_dir(site.path()).output().unwrap()
    };
    let text = run(&["i18n", "status"]);
    assert!(text.status.success());
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("8 pages in the source language"), "{stdout}");
    assert!(stdout.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["fr", "0", "1", "0", "7"]), "{stdout}");
    assert!(stdout.contains("missing     1.1"), "{stdout}");

    let json = run(&["i18n", "status", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value[0]["lang"], "fr");
    assert_eq!(value[0]["outdated"], 1);
    assert_eq!(value[0]["missing"], 7);
    assert!(value[0]["pages"].as_array().unwrap().iter().any(|p| p["id"] == "1.1" && p["state"] == "missing"));

    assert_eq!(run(&["i18n", "status", "--strict"]).status.code(), Some(1));
}

#[test]
fn marking_a_source_file_is_refused() {
    let site = temp_site("basic");
    let out = Command::new(env!("CARGO_BIN_EXE_guidesite"))
        .args(["i18n", "mark", "content/framework/1/1.md"])
        .current_dir(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("source file, not a translation"));
}

#[test]
fn translation_status_page_lists_the_work() {
    let site = temp_site("basic");
    let pages = pages(&build_ok(site.path()).outputs);
    let status = main_of(&pages["fr/translations.html"]);
    assert!(status.contains(r#"href="1.1.html""#), "missing pages are listed: {status}");
    assert!(status.contains(r#"href="1.html""#), "outdated pages are listed: {status}");
}
