//! Broken input: each folder under `tests/errors/` is laid over a copy of the `basic` fixture,
//! and the build's diagnostics (file, line, column, message, hint) are one snapshot.
//! Nothing may be written: the previous output stays as it was.

use crate::support::{copy_dir, repo_root, temp_site};
use guidesite::{Project, Severity};

fn diagnostics_for(case: &str) -> String {
    let site = temp_site("basic");
    copy_dir(&repo_root().join("tests/errors").join(case), site.path());
    let diagnostics = match guidesite::build(&Project::new(site.path())) {
        Ok(_) => panic!("{case}: the build should fail"),
        Err(d) => d,
    };
    assert!(diagnostics.iter().any(|d| d.severity == Severity::Error), "{case}: no error");
    let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        assert!(!d.path.as_os_str().is_empty(), "{case}: an error without a file");
        assert!(d.help.is_some(), "{case}: an error without a hint: {d}");
    }
    errors.join("\n")
}

#[test]
fn every_broken_input_has_a_snapshot() {
    let mut cases: Vec<String> = std::fs::read_dir(repo_root().join("tests/errors"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for case in &cases {
            insta::assert_snapshot!(format!("error-{case}"), diagnostics_for(case));
        }
    });
}

#[test]
fn errors_carry_lines_for_positional_problems() {
    for (case, file, line) in [
        ("invalid-yaml", "content/framework/1/1.1.2.md", 4),
        ("unknown-field", "content/framework/1/1.1.2.md", 4),
        ("broken-reference", "content/about.md", 7),
        ("broken-anchor", "content/about.md", 5),
        ("template-error", "templates/indicator.html", 3),
        ("not-utf8", "content/about.md", 5),
        ("parent-missing", "content/framework/1/1.4.1.md", 2),
        ("template-unclosed-tag", "templates/indicator.html", 2),
        ("yaml-unclosed-quote", "content/about.md", 3),
        ("yaml-type-error", "content/about.md", 3),
        ("yaml-control-character", "content/about.md", 3),
        ("locale-unclosed-brace", "locales/fr.ftl", 4),
        ("id-too-long", "content/long.md", 2),
    ] {
        let text = diagnostics_for(case);
        assert!(text.contains(&format!("{file}:{line}")), "{case}: expected {file}:{line} in\n{text}");
    }
}
