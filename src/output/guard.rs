//! Which folders a build may replace. A build replaces its destination whole, so a wrong
//! `--output` must never cost a user a file: the destination is replaced only when it is
//! missing, empty, or carries the [`MARKER`] that every build writes; anything else needs
//! `--force`; and the site's own sources, any folder that holds them, and the home folder
//! are refused even then.

use std::path::{Component, Path, PathBuf};

/// The file every output folder carries, so the next build knows the folder is its own.
pub const MARKER: &str = ".guidesite-output";

/// What the marker file says to a person who opens it.
pub const MARKER_TEXT: &str =
    "This folder was written by guidesite. The next `guidesite build` into it replaces it whole.\n";

/// Why a destination was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Holds the site or its sources, or is the home folder: never replaced.
    Protected {
        /// What the folder is, for the message ("the site's content folder").
        what: String,
    },
    /// Holds things guidesite did not write: replaced only with `--force`.
    Foreign {
        /// What is there, for the message ("3 entries: notes.txt, photos, a.md").
        what: String,
    },
}

impl Refusal {
    /// The message for people, naming the destination.
    pub fn message(&self, dest: &Path) -> String {
        match self {
            Refusal::Protected { what } => {
                format!("refusing to write the site into `{}`: it is {what}", dest.display())
            }
            Refusal::Foreign { what } => format!(
                "`{}` is not a guidesite output folder and holds {what}; a build would replace it whole",
                dest.display()
            ),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> &'static str {
        match self {
            Refusal::Protected { .. } => {
                "choose a folder outside the site's content/, locales/, themes/ and templates/ folders, such as --output public"
            }
            Refusal::Foreign { .. } => {
                "choose another folder with --output (a new or empty one), or pass --force to replace this one and everything in it"
            }
        }
    }
}

/// Checks that a build may replace `dest` for the site at `site_root`. `force` allows a
/// folder (or file) guidesite did not write, never a protected one.
pub fn check_destination(dest: &Path, site_root: &Path, force: bool) -> Result<(), Refusal> {
    let dest = resolve(dest);
    if let Some(what) = protected(&dest, &resolve(site_root)) {
        return Err(Refusal::Protected { what });
    }
    match foreign_contents(&dest) {
        Some(what) if !force => Err(Refusal::Foreign { what }),
        _ => Ok(()),
    }
}

/// Why `dest` may never be replaced, if it may not.
fn protected(dest: &Path, root: &Path) -> Option<String> {
    if root.starts_with(dest) {
        return Some(if root == dest {
            "the site's root folder".to_owned()
        } else {
            "a folder that holds the site".to_owned()
        });
    }
    for dir in crate::Project::new(root).source_dirs() {
        if dest.starts_with(&dir) {
            let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            return Some(format!("the site's {name} folder or inside it"));
        }
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| resolve(Path::new(&h)));
    if home.is_some_and(|home| home.starts_with(dest)) {
        return Some("your home folder or a folder that holds it".to_owned());
    }
    None
}

/// What is at `dest` that guidesite did not write, described for a message; `None` when the
/// destination is missing, empty, or a guidesite output.
fn foreign_contents(dest: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(dest).ok()?;
    if !meta.is_dir() {
        return Some("a file, not a folder".to_owned());
    }
    let entries = match std::fs::read_dir(dest) {
        Ok(entries) => entries,
        Err(e) => return Some(format!("contents that cannot be listed ({e})")),
    };
    let mut names: Vec<String> =
        entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    if names.is_empty() || names.iter().any(|n| n == MARKER) {
        return None;
    }
    names.sort();
    let count = names.len();
    let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
    let more = if count > 3 { ", ..." } else { "" };
    Some(format!("{count} {} ({}{more})", crate::diagnostic::plural(count, "entry", "entries"), shown.join(", ")))
}

/// `path` made absolute, with its longest existing part resolved (symlinks followed) and
/// `.`/`..` in the rest applied, so two spellings of one folder compare equal.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |acc: PathBuf, part: &Component<'_>| apply(acc, *part));
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

fn apply(mut path: PathBuf, part: Component<'_>) -> PathBuf {
    match part {
        Component::ParentDir => {
            path.pop();
        }
        Component::CurDir => {}
        other => path.push(other),
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["content", "locales", "themes", "templates"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        dir
    }

    #[test]
    fn missing_empty_and_marked_folders_may_be_replaced() {
        let site = site();
        let root = site.path();
        assert_eq!(check_destination(&root.join("public"), root, false), Ok(()));
        std::fs::create_dir(root.join("empty")).unwrap();
        assert_eq!(check_destination(&root.join("empty"), root, false), Ok(()));
        std::fs::create_dir(root.join("old")).unwrap();
        std::fs::write(root.join("old").join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(root.join("old/index.html"), "x").unwrap();
        assert_eq!(check_destination(&root.join("old"), root, false), Ok(()));
    }

    #[test]
    fn a_folder_or_file_of_the_user_needs_force() {
        let site = site();
        let root = site.path();
        std::fs::create_dir(root.join("docs")).unwrap();
        std::fs::write(root.join("docs/thesis.odt"), "mine").unwrap();
        let refusal = check_destination(&root.join("docs"), root, false).unwrap_err();
        assert!(refusal.message(&root.join("docs")).contains("1 entry (thesis.odt)"), "{refusal:?}");
        assert_eq!(check_destination(&root.join("docs"), root, true), Ok(()));
        std::fs::write(root.join("notes.txt"), "mine").unwrap();
        assert!(matches!(check_destination(&root.join("notes.txt"), root, false), Err(Refusal::Foreign { .. })));
    }

    #[test]
    fn sources_the_root_and_what_holds_it_are_refused_even_with_force() {
        let site = site();
        let root = site.path();
        for dest in [
            root.to_path_buf(),
            root.join("."),
            root.join("content"),
            root.join("content/framework"),
            root.join("locales"),
            root.join("themes"),
            root.join("templates"),
            root.join("public/.."),
            root.parent().unwrap().to_path_buf(),
            PathBuf::from("/"),
        ] {
            assert!(
                matches!(check_destination(&dest, root, true), Err(Refusal::Protected { .. })),
                "{} must be refused",
                dest.display()
            );
        }
    }

    #[test]
    fn spellings_of_one_folder_resolve_alike() {
        let site = site();
        let root = site.path().canonicalize().unwrap();
        assert_eq!(resolve(&root.join("content/../public/./x")), root.join("public/x"));
        assert_eq!(resolve(&root.join("content")), root.join("content"));
    }
}
