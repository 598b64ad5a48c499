//! Incremental rebuilds must give exactly what a full build gives: after each kind of edit,
//! every file of a fresh build is compared with what the session serves.

use crate::support::temp_site;
use guidesite::incremental::Session;
use guidesite::Project;
use std::path::Path;

fn assert_same_as_full_build(session: &mut Session, root: &Path, what: &str) {
    let full = guidesite::build(&Project::new(root)).unwrap_or_else(|d| panic!("{what}: {d:?}"));
    for output in &full.outputs {
        let served = session.get(&output.path).unwrap_or_else(|| panic!("{what}: {} is not served", output.path));
        assert!(
            served.as_slice() == output.bytes.as_slice(),
            "{what}: {} differs from a full build\n--- served\n{}\n--- built\n{}",
            output.path,
            String::from_utf8_lossy(&served),
            String::from_utf8_lossy(&output.bytes)
        );
    }
}

fn edit(root: &Path, file: &str, from: &str, to: &str) -> std::path::PathBuf {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
    path
}

#[test]
fn every_kind_of_edit_matches_a_full_build() {
    let site = temp_site("basic");
    let root = site.path().canonicalize().unwrap();
    let mut session = Session::start(Project::new(&root)).unwrap();
    assert_same_as_full_build(&mut session, &root, "start");

    let changed = edit(&root, "content/framework/1/1.1.1.md", "Reports.", "Reports and minutes.");
    let rebuild = session.apply(&[changed]).unwrap();
    assert!(!rebuild.full && rebuild.rendered == 2, "a body edit renders the page in each language: {rebuild:?}");
    assert_same_as_full_build(&mut session, &root, "body edit");

    let changed =
        edit(&root, "content/framework/1/1.1.2.md", "title: The FI tests products.", "title: The FI pilots products.");
    assert!(!session.apply(&[changed]).unwrap().full);
    assert_same_as_full_build(&mut session, &root, "title edit");

    let changed = edit(&root, "content/about.md", "Plain page.", "Plain page, see [[1.1.10]].");
    session.apply(&[changed]).unwrap();
    assert_same_as_full_build(&mut session, &root, "new reference (backlinks)");

    let changed =
        edit(&root, "content/framework/1/1.md", "title: Product Design", "title: Product Design and Delivery");
    session.apply(&[changed]).unwrap();
    assert_same_as_full_build(&mut session, &root, "principle title (navigation)");

    let new_page = root.join("content/framework/1/1.1.3.md");
    std::fs::write(&new_page, "---\nid: \"1.1.3\"\ntitle: A new indicator.\n---\nSee [[1.1.1]].\n").unwrap();
    assert!(session.apply(std::slice::from_ref(&new_page)).unwrap().full);
    assert_same_as_full_build(&mut session, &root, "new page");

    std::fs::remove_file(&new_page).unwrap();
    session.apply(&[new_page]).unwrap();
    assert_same_as_full_build(&mut session, &root, "deleted page");

    let changed = edit(&root, "locales/fr.ftl", "nav-home = Accueil", "nav-home = Page d'accueil");
    assert!(session.apply(&[changed]).unwrap().full);
    assert_same_as_full_build(&mut session, &root, "locale edit");
}

#[test]
fn a_broken_edit_keeps_the_last_good_build() {
    let site = temp_site("basic");
    let root = site.path().canonicalize().unwrap();
    let mut session = Session::start(Project::new(&root)).unwrap();
    let before = session.get("en/about.html").unwrap();
    let changed = edit(&root, "content/about.md", "See [[repayment-capacity]]", "See [[nowhere]]");
    let errors = session.apply(std::slice::from_ref(&changed)).unwrap_err();
    assert!(errors[0].message.contains("unknown id `nowhere`"));
    assert_eq!(session.get("en/about.html").unwrap(), before);
    edit(&root, "content/about.md", "See [[nowhere]]", "See [[repayment-capacity]]");
    session.apply(&[changed]).unwrap();
    assert_same_as_full_build(&mut session, &root, "after the fix");
}
