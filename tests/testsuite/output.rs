//! The output folder never costs a user a file: what `build` and `pack` may replace, what
//! they refuse, and that nothing is left beside the output whatever happens to the build.

use crate::support::{command, copy_dir, repo_root, temp_site};
use std::path::Path;
use std::process::Output;

fn run(args: &[&str], dir: &Path) -> Output {
    command(dir).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_folder_of_the_user_is_refused_and_left_as_it_was() {
    let site = temp_site("basic");
    let docs = site.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("thesis.odt"), "years of work").unwrap();
    let out = run(&["build", "--output", "docs"], site.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("not a guidesite output folder") && err.contains("thesis.odt"), "{err}");
    assert!(err.contains("--force"), "the message says how to proceed: {err}");
    assert_eq!(names(&docs), ["thesis.odt"]);
    assert_eq!(std::fs::read_to_string(docs.join("thesis.odt")).unwrap(), "years of work");
    // Twice, to be sure no spare copy was made that a second build would delete.
    assert_eq!(run(&["build", "--output", "docs"], site.path()).status.code(), Some(1));
    assert_eq!(names(&docs), ["thesis.odt"]);
}

#[test]
fn with_force_a_users_folder_is_replaced_and_then_counts_as_output() {
    let site = temp_site("basic");
    let docs = site.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("old.txt"), "x").unwrap();
    let out = run(&["build", "--output", "docs", "--force"], site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(docs.join("en/index.html").is_file());
    assert!(!docs.join("old.txt").exists());
    assert!(run(&["build", "--output", "docs"], site.path()).status.success(), "now marked as an output");
}

#[test]
fn a_plain_file_is_refused_without_force() {
    let site = temp_site("basic");
    std::fs::write(site.path().join("notes"), "mine").unwrap();
    let out = run(&["build", "--output", "notes"], site.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("a file, not a folder"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(site.path().join("notes")).unwrap(), "mine");
}

#[test]
fn the_sites_own_folders_and_what_holds_them_are_refused_even_with_force() {
    let site = temp_site("basic");
    let before = crate::support::tree_digest(site.path());
    for dest in ["content", "locales", "themes", "templates", ".", "content/framework", "public/..", ".."] {
        let out = run(&["build", "--output", dest, "--force"], site.path());
        assert_eq!(out.status.code(), Some(1), "{dest}: {}", stderr(&out));
        assert!(stderr(&out).contains("refusing to write the site into"), "{dest}: {}", stderr(&out));
    }
    let home = tempfile::tempdir().unwrap();
    let out = command(site.path())
        .env("HOME", home.path())
        .args(["build", "--force", "--output", home.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("home folder"), "{}", stderr(&out));
    assert_eq!(crate::support::tree_digest(site.path()), before, "nothing in the site changed");
}

#[test]
fn nothing_is_left_beside_the_output_after_success_or_failure() {
    let site = temp_site("basic");
    let before = names(site.path());
    assert!(run(&["build"], site.path()).status.success());
    assert!(run(&["build"], site.path()).status.success());
    copy_dir(&repo_root().join("tests/errors/broken-reference"), site.path());
    assert_eq!(run(&["build"], site.path()).status.code(), Some(1));
    let mut expected = before.clone();
    expected.push("public".to_owned());
    expected.sort();
    assert_eq!(names(site.path()), expected);
    let public: Vec<String> = names(&site.path().join("public"));
    assert!(public.contains(&guidesite::output::MARKER.to_owned()), "{public:?}");
}

/// A build killed at any moment leaves the user's folders as they were: the work in
/// progress lives in the cache, and the next build cleans it up.
#[test]
fn a_killed_build_leaves_nothing_in_the_users_folder() {
    let site = temp_site("basic");
    let before = names(site.path());
    for delay_ms in [0, 5, 20, 60] {
        let mut child = command(site.path()).args(["build", "--output", "out"]).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now: Vec<String> = names(site.path()).into_iter().filter(|n| n != "out").collect();
        assert_eq!(now, before, "after a kill at {delay_ms} ms");
    }
    assert!(run(&["build", "--output", "out"], site.path()).status.success());
    assert!(site.path().join("out/en/index.html").is_file());
}

#[test]
fn a_second_build_into_the_same_output_is_told_plainly() {
    let site = temp_site("basic");
    let dest = site.path().join("public");
    // This process holds the output's lock, as a running build would (same cache folder).
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache-busy");
    let _holder = {
        let _env = crate::support::ENV.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // SAFETY: every test that reads or writes the environment holds support::ENV.
        unsafe { std::env::set_var("XDG_CACHE_HOME", &cache) };
        let staging = guidesite::output::Staging::create(&dest).unwrap();
        unsafe { std::env::remove_var("XDG_CACHE_HOME") };
        staging
    };
    let out = command(site.path()).env("XDG_CACHE_HOME", &cache).arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("another guidesite build is writing this output folder"), "{}", stderr(&out));
}

#[test]
fn pack_does_not_overwrite_a_file_that_is_not_a_bundle() {
    let site = temp_site("basic");
    std::fs::write(site.path().join("report.zip"), "my report").unwrap();
    let out = run(&["pack", "-o", "report.zip"], site.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a guidesite bundle"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(site.path().join("report.zip")).unwrap(), "my report");
    assert!(run(&["pack", "-o", "guide.zip"], site.path()).status.success());
    assert!(run(&["pack", "-o", "guide.zip"], site.path()).status.success(), "an earlier bundle is replaced");
    assert!(run(&["pack", "-o", "report.zip", "--force"], site.path()).status.success());
    let names = names(site.path());
    assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
}

#[test]
fn pack_creates_the_folder_of_its_zip() {
    let site = temp_site("basic");
    assert!(run(&["pack", "-o", "dist/offline/guide.zip"], site.path()).status.success());
    assert!(site.path().join("dist/offline/guide.zip").is_file());
}

#[test]
fn a_failed_pack_write_speaks_to_people() {
    let site = temp_site("basic");
    std::fs::write(site.path().join("notes.txt"), "a file, not a folder").unwrap();
    let out = run(&["pack", "-o", "notes.txt/guide.zip"], site.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("cannot write the bundle") && !err.contains("ZipWriter"), "{err}");
}
