//! The preview must serve exactly what a full build gives: after every edit, every file of a
//! fresh build is compared, byte for byte, with the session's snapshot, and the snapshot may
//! hold no file the build lacks. Regression cases first, then random sequences of edits.

use crate::support::temp_site;
use guidesite::incremental::Session;
use guidesite::Project;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn assert_same_as_full_build(session: &Session, root: &Path, what: &str) {
    let full = guidesite::build(&Project::new(root)).unwrap_or_else(|d| panic!("{what}: {d:?}"));
    let snapshot = session.snapshot();
    for output in &full.outputs {
        let served = snapshot.get(&output.path).unwrap_or_else(|| panic!("{what}: {} is not served", output.path));
        assert!(
            served.as_slice() == output.bytes.as_slice(),
            "{what}: {} differs from a full build\n--- served\n{}\n--- built\n{}",
            output.path,
            String::from_utf8_lossy(&served),
            String::from_utf8_lossy(&output.bytes)
        );
    }
    let built: Vec<&str> = full.outputs.iter().map(|o| o.path.as_str()).collect();
    let extra: Vec<&str> = snapshot.paths().into_iter().filter(|p| !built.contains(p)).collect();
    assert!(extra.is_empty(), "{what}: served but not built: {extra:?}");
}

fn edit(root: &Path, file: &str, from: &str, to: &str) -> PathBuf {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
    path
}

fn start(site: &tempfile::TempDir) -> (Session, PathBuf) {
    let root = site.path().canonicalize().unwrap();
    (Session::start(Project::new(&root)).unwrap(), root)
}

/// Regression: a principle page lists its grandchildren, so an indicator's new title must
/// reach it (the hand-kept dependency list of earlier versions missed this).
#[test]
fn an_indicator_title_reaches_its_principle_page() {
    let site = temp_site("basic");
    let (mut session, root) = start(&site);
    let changed = edit(
        &root,
        "content/framework/1/1.1.1.md",
        "title: The FI researches client needs.",
        "title: The FI studies what clients need.",
    );
    let change = session.apply(&[changed]).unwrap();
    assert!(change.changed.contains(&"en/1.html".to_owned()), "{:?}", change.changed);
    let principle = String::from_utf8(session.snapshot().get("en/1.html").unwrap().to_vec()).unwrap();
    // Listed by its title, without the final period (the item has no short title).
    assert!(principle.contains("The FI studies what clients need</a>"));
    assert_same_as_full_build(&session, &root, "indicator title");
}

/// Regression: the about page's title shows on the home pages and on every page that refers
/// to it.
#[test]
fn the_about_title_reaches_the_home_pages_and_its_referrers() {
    let site = temp_site("basic");
    let (mut session, root) = start(&site);
    edit(&root, "content/home.md", "Start at [[1]]", "Start at [[1]] or [[about]]");
    session.full().unwrap();
    let changed = edit(&root, "content/about.md", "title: About", "title: About this guide");
    session.apply(&[changed]).unwrap();
    for page in ["en/index.html", "fr/index.html"] {
        let html = String::from_utf8(session.snapshot().get(page).unwrap().to_vec()).unwrap();
        assert!(html.contains("About this guide"), "{page}");
    }
    assert_same_as_full_build(&session, &root, "about title");
}

/// The quick step gives the edited page exactly as the full build that follows does.
#[test]
fn the_quick_step_renders_the_edited_page_as_the_full_build_does() {
    let site = temp_site("basic");
    let (mut session, root) = start(&site);
    let changed = edit(&root, "content/framework/1/1.1.1.md", "Reports.", "Reports and minutes.");
    let quick = session.quick(&[changed]).unwrap().expect("a page edit has a quick step");
    assert!(quick.changed.contains(&"en/1.1.1.html".to_owned()), "{:?}", quick.changed);
    let after_quick = session.snapshot().get("en/1.1.1.html").unwrap();
    session.full().unwrap();
    assert_eq!(session.snapshot().get("en/1.1.1.html").unwrap(), after_quick);
    assert_same_as_full_build(&session, &root, "quick then full");
}

#[test]
fn a_broken_edit_keeps_the_last_good_build() {
    let site = temp_site("basic");
    let (mut session, root) = start(&site);
    let before = session.snapshot().get("en/about.html").unwrap();
    let changed = edit(&root, "content/about.md", "See [[repayment-capacity]]", "See [[nowhere]]");
    let errors = session.apply(std::slice::from_ref(&changed)).unwrap_err();
    assert!(errors[0].message.contains("unknown id `nowhere`"));
    assert_eq!(session.snapshot().get("en/about.html").unwrap(), before);
    edit(&root, "content/about.md", "See [[nowhere]]", "See [[repayment-capacity]]");
    session.apply(&[changed]).unwrap();
    assert_same_as_full_build(&session, &root, "after the fix");
}

/// A site-wide page's template error reaches the author (it used to be hidden until the page
/// was asked for, and then answered 404 with no message).
#[test]
fn a_broken_overview_template_is_reported() {
    let site = temp_site("basic");
    let (mut session, root) = start(&site);
    let templates = root.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("overview.html"),
        "{% extends \"base.html\" %}{% block main %}{{ nope.x }}{% endblock %}",
    )
    .unwrap();
    let errors = session.apply(&[templates.join("overview.html")]).unwrap_err();
    assert!(errors.iter().any(|d| d.path.to_string_lossy().contains("overview")), "{errors:?}");
}

/// One random edit of the fixture site; each is valid, so every step must build.
#[derive(Debug, Clone)]
enum Edit {
    IndicatorTitle(u8),
    Body(u8),
    Summary(u8),
    AddIndicator(u8),
    RemoveAdded,
    RenameFile,
    Translate(u8),
    UntranslateAll,
    LocaleString(u8),
    Template(u8),
    SiteTitle(u8),
    Reference,
}

fn an_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<u8>().prop_map(Edit::IndicatorTitle),
        any::<u8>().prop_map(Edit::Body),
        any::<u8>().prop_map(Edit::Summary),
        (3u8..9).prop_map(Edit::AddIndicator),
        Just(Edit::RemoveAdded),
        Just(Edit::RenameFile),
        any::<u8>().prop_map(Edit::Translate),
        Just(Edit::UntranslateAll),
        any::<u8>().prop_map(Edit::LocaleString),
        any::<u8>().prop_map(Edit::Template),
        any::<u8>().prop_map(Edit::SiteTitle),
        Just(Edit::Reference),
    ]
}

/// Applies `edit` to the files of the site at `root`; returns the paths it touched.
fn apply_edit(root: &Path, edit: &Edit) -> Vec<PathBuf> {
    let file = |p: &str| root.join(p);
    let replace_line = |path: PathBuf, prefix: &str, line: String| {
        let text = std::fs::read_to_string(&path).unwrap();
        let new: Vec<String> =
            text.lines().map(|l| if l.starts_with(prefix) { line.clone() } else { l.to_owned() }).collect();
        std::fs::write(&path, new.join("\n") + "\n").unwrap();
        vec![path]
    };
    let added = file("content/framework/1/1.1.3.md");
    match edit {
        Edit::IndicatorTitle(n) => {
            replace_line(file("content/framework/1/1.1.2.md"), "title:", format!("title: The FI pilots products {n}."))
        }
        Edit::Body(n) => {
            let path = file("content/framework/1/1.1.1.md");
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, format!("{text}\nMore words {n}.\n")).unwrap();
            vec![path]
        }
        Edit::Summary(n) => {
            replace_line(file("content/framework/1/1.md"), "summary:", format!("summary: Products suit clients {n}."))
        }
        Edit::AddIndicator(n) => {
            let text = format!(
                "---\nid: \"1.1.3\"\ntitle: A new indicator {n}.\nrelated: [\"1.1.1\"]\n---\nSee [[1.1.{n}]].\n"
            )
            .replace(&format!("[[1.1.{n}]]"), if n % 2 == 0 { "[[1.1.1]]" } else { "[[1.1.2]]" });
            std::fs::write(&added, text).unwrap();
            vec![added]
        }
        Edit::RemoveAdded => {
            let _ = std::fs::remove_file(&added);
            vec![added]
        }
        Edit::RenameFile => {
            let from = file("content/glossary/repayment-capacity.md");
            let to = file("content/glossary/capacity.md");
            let (a, b) = if from.exists() { (from, to) } else { (to, from) };
            std::fs::rename(&a, &b).unwrap();
            vec![a, b]
        }
        Edit::Translate(n) => {
            let path = file("content/about.fr.md");
            std::fs::write(
                &path,
                format!("---\ntitle: À propos {n}\n---\nPage simple. Voir [[repayment-capacity]].\n"),
            )
            .unwrap();
            vec![path]
        }
        Edit::UntranslateAll => {
            let path = file("content/about.fr.md");
            let _ = std::fs::remove_file(&path);
            vec![path]
        }
        Edit::LocaleString(n) => replace_line(file("locales/fr.ftl"), "nav-home =", format!("nav-home = Accueil {n}")),
        Edit::Template(n) => {
            let dir = file("templates");
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("partials/pager.html");
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("<nav class=\"pager\">pager {n}</nav>\n")).unwrap();
            vec![path]
        }
        Edit::SiteTitle(n) => replace_line(file("content/site.yaml"), "title:", format!("title: Fixture Guide {n}")),
        Edit::Reference => {
            let path = file("content/about.md");
            let text = std::fs::read_to_string(&path).unwrap();
            let text = if text.contains("[[1.1.10]]") {
                text.replace(" Also [[1.1.10]].", "")
            } else {
                text.replace("Plain page.", "Plain page. Also [[1.1.10]].")
            };
            std::fs::write(&path, text).unwrap();
            vec![path]
        }
    }
}

proptest! {
    #![proptest_config(crate::properties::config(12))]

    /// After any sequence of edits, every file the preview serves equals a fresh full build.
    #[test]
    fn any_sequence_of_edits_serves_what_a_full_build_gives(edits in proptest::collection::vec(an_edit(), 1..7)) {
        let site = temp_site("basic");
        let (mut session, root) = start(&site);
        for (i, e) in edits.iter().enumerate() {
            let touched = apply_edit(&root, e);
            session.apply(&touched).unwrap_or_else(|d| panic!("step {i} {e:?}: {d:?}"));
            assert_same_as_full_build(&session, &root, &format!("step {i} {e:?}"));
        }
    }
}
