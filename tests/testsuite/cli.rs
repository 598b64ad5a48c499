//! The `guidesite` binary end to end: exit codes, messages, init, atomic output.

use crate::support::{copy_dir, repo_root, temp_site};
use std::path::Path;
use std::process::Output;

fn guidesite(args: &[&str], dir: &Path) -> Output {
    crate::support::command(dir).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn build_writes_public_and_reports_what_it_did() {
    let site = temp_site("basic");
    let out = guidesite(&["build"], site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Built 8 pages in 2 languages"), "{}", stderr(&out));
    assert!(site.path().join("public/en/1.1.1.html").is_file());
    assert!(site.path().join("public/fr/index.html").is_file());
}

/// The files `build` streams to disk (the print page piece by piece) are exactly the files
/// the in-memory build makes, and nothing else is written.
#[test]
fn build_on_disk_matches_the_build_in_memory() {
    let site = temp_site("basic");
    let out = guidesite(&["build"], site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let built = crate::support::build_ok(site.path());
    let public = site.path().join("public");
    let on_disk: Vec<String> = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.file_name() != guidesite::output::MARKER)
        .map(|e| e.path().strip_prefix(&public).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    assert_eq!(on_disk.len(), built.outputs.len(), "{on_disk:?}");
    for output in &built.outputs {
        let written = std::fs::read(public.join(&output.path)).unwrap();
        assert!(written == output.bytes, "{} differs on disk", output.path);
    }
    assert!(built.outputs.iter().any(|o| o.path == "fr/print.html"));
}

/// Paths on the command line are taken from the current folder, like every other command's;
/// the default output is `public/` in the site root.
#[test]
fn build_takes_root_and_output_from_the_current_folder() {
    let site = temp_site("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let root = site.path().to_str().unwrap();
    let out = guidesite(&["build", "--root", root, "--output", "out"], elsewhere.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(elsewhere.path().join("out/en/index.html").is_file());
    let out = guidesite(&["build", "--root", root], elsewhere.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.path().join("public/en/index.html").is_file());
}

#[test]
fn failed_build_exits_1_and_leaves_previous_output_untouched() {
    let site = temp_site("basic");
    assert!(guidesite(&["build"], site.path()).status.success());
    let before = std::fs::read(site.path().join("public/en/about.html")).unwrap();
    copy_dir(&repo_root().join("tests/errors/broken-reference"), site.path());
    let out = guidesite(&["build"], site.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("content/about.md:7:"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(std::fs::read(site.path().join("public/en/about.html")).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".public")), "staging left behind: {names:?}");
}

#[test]
fn check_writes_nothing_and_reports_every_error() {
    let site = temp_site("basic");
    copy_dir(&repo_root().join("tests/errors/broken-reference"), site.path());
    let out = guidesite(&["check"], site.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown id `1.1.3`") && err.contains("unknown id `repayment-capacit`"), "{err}");
    assert!(err.contains("Failed with 2 errors"), "{err}");
    // The build frees source texts once scanned; its messages read the file again.
    assert!(err.contains("content/about.md:7:14") && err.contains("content/about.md:7:54"), "{err}");
    assert!(err.contains("7 | It refers to [[1.1.3]], which does not exist"), "{err}");
    assert!(!site.path().join("public").exists());
    let clean = temp_site("basic");
    assert!(guidesite(&["check"], clean.path()).status.success());
}

#[test]
fn usage_errors_exit_2_and_help_and_version_work() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(guidesite(&["frobnicate"], dir.path()).status.code(), Some(2));
    assert_eq!(guidesite(&["build", "--no-such-flag"], dir.path()).status.code(), Some(2));
    for args in [&["--help"][..], &["build", "--help"], &["check", "--help"], &["init", "--help"]] {
        let out = guidesite(args, dir.path());
        assert!(out.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"), "{args:?}");
    }
    let out = guidesite(&["--version"], dir.path());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("guidesite "));
}

#[test]
fn init_scaffolds_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let out = guidesite(&["init", "mysite"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let out = guidesite(&["build", "--root", "mysite"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    for page in ["index.html", "en/index.html", "en/1.html", "en/1.1.html", "en/1.1.1.html", "en/1.1.2.html"] {
        assert!(dir.path().join("mysite/public").join(page).is_file(), "{page}");
    }
    let again = guidesite(&["init", "mysite"], dir.path());
    assert_eq!(again.status.code(), Some(1), "init must refuse a non-empty folder");
}

#[test]
fn missing_settings_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = guidesite(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("content/site.yaml"), "{}", stderr(&out));
}

/// Counts in the tool's own messages agree with their nouns: "1 language", "1 error".
#[test]
fn messages_count_in_the_singular_and_plural() {
    let dir = tempfile::tempdir().unwrap();
    assert!(guidesite(&["init", "site"], dir.path()).status.success());
    let root = dir.path().join("site");
    let out = guidesite(&["check"], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains(" in 1 language, 0 warnings"), "{said}");
    let about = std::fs::read_dir(root.join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, format!("{text}\nSee [[no-such-page]].\n")).unwrap();
    let said = stderr(&guidesite(&["check"], &root));
    assert!(said.contains("Failed with 1 error;"), "{said}");
}

/// `check --format json` prints one JSON object per diagnostic on stdout, for CI annotations
/// and editors; the summary stays on stderr.
#[test]
fn check_prints_diagnostics_as_json_lines() {
    let site = temp_site("basic");
    std::fs::write(
        site.path().join("content/about.md"),
        "---\nid: about\nkind: page\ntitle: About\n---\nSee [[9.9]].\n",
    )
    .unwrap();
    let out = guidesite(&["check", "--format", "json"], site.path());
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON object"))
        .collect();
    let error = lines.iter().find(|d| d["severity"] == "error").expect("the error is there");
    assert_eq!(error["path"], "content/about.md");
    assert_eq!((error["line"].as_u64(), error["column"].as_u64()), (Some(6), Some(5)));
    assert!(error["message"].as_str().unwrap().contains("unknown id `9.9`"));
    assert!(lines.iter().any(|d| d["severity"] == "warning"), "warnings too");
    assert!(stderr(&out).contains("Failed with 1 error"), "{}", stderr(&out));
    let ok = guidesite(&["check", "--format", "json"], &repo_root());
    assert!(ok.status.success());
    assert!(ok.stdout.is_empty(), "no diagnostics, no lines");
    let built = guidesite(&["build", "--format", "json", "-o", "out"], site.path());
    assert_eq!(built.status.code(), Some(1), "build takes the same option");
    assert!(String::from_utf8_lossy(&built.stdout).lines().any(|l| l.contains("unknown id")));
}
