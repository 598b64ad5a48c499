//! Shared helpers: fixture sites copied into a temporary folder, built through the library,
//! and the `<main>` of a page for snapshots.

use guidesite::{Output, Project};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `tests/fixtures/<name>`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The repository root (the shipped site).
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder tree.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh copy of a fixture in a temporary folder.
pub(crate) fn temp_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    dir
}

/// Builds a site through the library; panics with the diagnostics on failure.
pub(crate) fn build_ok(root: &Path) -> guidesite::Build {
    match guidesite::build(&Project::new(root)) {
        Ok(built) => built,
        Err(diagnostics) => {
            let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            panic!("build failed:\n{}", text.join("\n"))
        }
    }
}

/// Outputs by path, as text.
pub(crate) fn pages(outputs: &[Output]) -> BTreeMap<String, String> {
    outputs.iter().map(|o| (o.path.clone(), String::from_utf8_lossy(&o.bytes).into_owned())).collect()
}

/// The `<main>` element of a page (the part snapshots compare; the chrome is noise).
pub(crate) fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    html[start..end].lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// The `guidesite` binary run in `dir`, with a build cache of the test run's own (not the
/// user's), so tests never touch the home folder.
pub(crate) fn command(dir: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_guidesite"));
    command.current_dir(dir).env("XDG_CACHE_HOME", Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache"));
    command
}

/// Tests that change the process's environment take turns through this lock.
pub(crate) static ENV: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Every file below `dir` with its contents, to compare a folder before and after.
pub(crate) fn tree_digest(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}
