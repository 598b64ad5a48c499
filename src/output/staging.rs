//! Writing a build to disk and swapping it in whole.
//!
//! A build writes into a staging folder while it renders (any thread, any order); when every
//! file is written, [`Staging::commit`] renames it over the destination, so a failed build
//! leaves the previous output exactly as it was. The staging folder, the previous output and a
//! lock live in a *work area* the user never sees: a folder per destination under the user's
//! cache (`$XDG_CACHE_HOME/guidesite/builds/`, else `~/.cache/...`), on the destination's own
//! disk so the swap is a rename. The previous output is kept there as the *spare*, and the
//! next build rewrites its files in place instead of creating every file again (see
//! BENCHMARKS.md for what that buys). A work area whose output folder is gone is removed by the
//! next build, so the cache never keeps a copy of a site the user deleted. When the cache is on another disk than the destination
//! (a USB stick), the work area is a hidden folder beside the destination that is removed when
//! the build ends, and by the next build if a crash left it.
//!
//! The lock is held for the whole build, so a second build into the same destination stops
//! at once with a plain message instead of racing the first.

use super::guard::{MARKER, MARKER_TEXT};
use super::Output;
use rayon::prelude::*;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// Writes `outputs` to `dest` through a staging folder, then swaps it in.
pub fn write_atomically(outputs: &[Output], dest: &Path) -> io::Result<()> {
    let staging = Staging::create(dest)?;
    outputs.par_iter().try_for_each(|o| staging.write(&o.path, &o.bytes))?;
    staging.commit()
}

/// The error a second build gets while another one writes the same destination.
pub fn is_busy(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::WouldBlock
}

/// A destination's private folder: `lock`, `next/` (the staging folder) and `spare/`.
#[derive(Debug)]
struct WorkArea {
    dir: PathBuf,
    /// Held (locked) until the build ends.
    _lock: File,
    /// True for a work area beside the destination, removed when the build ends.
    beside: bool,
}

impl WorkArea {
    fn claim(dest: &Path) -> io::Result<WorkArea> {
        let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let (dir, beside) = match cached_work_dir(dest, parent) {
            Some(dir) => (dir, false),
            None => (parent.join(format!(".{}.guidesite-work", file_name(dest))), true),
        };
        std::fs::create_dir_all(&dir)?;
        let lock = lock_in(&dir)?;
        if !beside {
            // Which output this area serves, so a later build can tell when it is gone.
            std::fs::write(dir.join("dest"), super::guard::resolve(dest).as_os_str().as_encoded_bytes())?;
            if let Some(builds) = dir.parent() {
                remove_orphaned_work_areas(builds);
            }
        }
        Ok(WorkArea { dir, _lock: lock, beside })
    }

    fn next(&self) -> PathBuf {
        self.dir.join("next")
    }

    fn spare(&self) -> PathBuf {
        self.dir.join("spare")
    }
}

/// Opens and locks `dir/lock`; an error of kind `WouldBlock` when another build holds it.
fn lock_in(dir: &Path) -> io::Result<File> {
    let lock = File::options().create(true).truncate(false).write(true).open(dir.join("lock"))?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(std::fs::TryLockError::WouldBlock) => {
            Err(io::Error::new(io::ErrorKind::WouldBlock, "another build is writing there"))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Removes the work areas (and the outputs they keep) of destinations that no longer hold a
/// guidesite output, so the cache never keeps a copy of a site the user deleted. Areas in use
/// by another build are left alone.
fn remove_orphaned_work_areas(builds: &Path) {
    let Ok(entries) = std::fs::read_dir(builds) else {
        return;
    };
    for area in entries.filter_map(Result::ok).map(|e| e.path()) {
        let Ok(dest) = std::fs::read(area.join("dest")) else {
            continue;
        };
        let dest = PathBuf::from(String::from_utf8_lossy(&dest).into_owned());
        if dest.join(MARKER).is_file() {
            continue;
        }
        if let Ok(_held) = lock_in(&area) {
            let _ = std::fs::remove_dir_all(&area);
        }
    }
}

/// The work folder under the user's cache, when the cache is on the destination's disk.
fn cached_work_dir(dest: &Path, parent: &Path) -> Option<PathBuf> {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|c| !c.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| PathBuf::from(h).join(".cache")))?;
    let builds = cache.join("guidesite").join("builds");
    std::fs::create_dir_all(&builds).ok()?;
    if !same_disk(&builds, parent) {
        return None;
    }
    let key = super::guard::resolve(dest);
    let hash = blake3::hash(key.as_os_str().as_encoded_bytes()).to_hex();
    Some(builds.join(format!("{}-{}", file_name(dest), &hash[..16])))
}

#[cfg(unix)]
fn same_disk(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_disk(_: &Path, _: &Path) -> bool {
    false
}

fn file_name(dest: &Path) -> String {
    dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into())
}

/// A folder a build writes into while it renders, swapped in whole by [`Staging::commit`];
/// until then the destination is not touched. Dropped without a commit (a failed build), its
/// files become the next build's spare, or go with a work area beside the destination.
#[derive(Debug)]
pub struct Staging {
    work: WorkArea,
    root: PathBuf,
    dest: PathBuf,
    written: std::sync::Mutex<Vec<PathBuf>>,
    /// True when the folder is a reused spare, whose stale files must go at commit.
    reused: bool,
    committed: bool,
}

impl Staging {
    /// Claims `dest`'s work area (an error of kind `WouldBlock` when another build holds it)
    /// and prepares a staging folder: the spare one when there is one, else a new one.
    pub fn create(dest: &Path) -> io::Result<Staging> {
        let work = WorkArea::claim(dest)?;
        remove_old_leftovers(dest);
        let root = work.next();
        // A staging folder left by a killed build is as good a spare as any.
        let spare = if root.exists() { root.clone() } else { work.spare() };
        let reused = spare.exists() && (spare == root || std::fs::rename(&spare, &root).is_ok());
        if !reused {
            let _ = std::fs::remove_dir_all(&root);
            std::fs::create_dir(&root)?;
        }
        Ok(Staging { work, root, dest: dest.to_owned(), written: Default::default(), reused, committed: false })
    }

    /// Writes one file (`path` relative to the site root, `/`-separated), creating its folder
    /// the first time it is missing.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let full = self.root.join(path);
        io::Write::write_all(&mut create(&full)?, bytes)?;
        self.record(full);
        Ok(())
    }

    /// Writes one file piece by piece through a buffer.
    pub fn write_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let full = self.root.join(path);
        let mut buffered = io::BufWriter::with_capacity(1 << 20, create(&full)?);
        write(&mut buffered)?;
        io::Write::flush(&mut buffered)?;
        self.record(full);
        Ok(())
    }

    fn record(&self, full: PathBuf) {
        if !self.reused {
            return;
        }
        if let Ok(mut written) = self.written.lock() {
            written.push(full);
        }
    }

    /// Removes what an earlier build left in a reused folder and this build did not write
    /// (a new folder holds only what this build wrote: nothing to walk).
    fn prune(&mut self) -> io::Result<()> {
        if !self.reused {
            return Ok(());
        }
        let mut written: std::collections::HashSet<PathBuf> =
            std::mem::take(self.written.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner))
                .into_iter()
                .collect();
        written.insert(self.root.join(MARKER));
        let mut stale_dirs = Vec::new();
        for entry in walkdir::WalkDir::new(&self.root).min_depth(1).contents_first(true) {
            let entry = entry.map_err(io::Error::other)?;
            if entry.file_type().is_dir() {
                stale_dirs.push(entry.into_path());
            } else if !written.contains(entry.path()) {
                std::fs::remove_file(entry.path())?;
            }
        }
        // Children come before their folder, so emptied folders go too.
        for dir in stale_dirs {
            let _ = std::fs::remove_dir(dir);
        }
        Ok(())
    }

    /// Swaps the written folder in for the destination. The previous output becomes the spare
    /// (or is deleted, with a work area beside the destination).
    pub fn commit(mut self) -> io::Result<()> {
        self.prune()?;
        std::fs::write(self.root.join(MARKER), MARKER_TEXT)?;
        let spare = self.work.spare();
        let _ = remove_any(&spare);
        let had_previous = std::fs::symlink_metadata(&self.dest).is_ok();
        if had_previous {
            std::fs::rename(&self.dest, &spare)?;
        }
        if let Err(e) = std::fs::rename(&self.root, &self.dest) {
            if had_previous {
                let _ = std::fs::rename(&spare, &self.dest);
            }
            return Err(e);
        }
        self.committed = true;
        Ok(())
    }
}

/// Earlier versions kept their staging folder (`.public.new-<pid>`) and the previous output
/// (`.public.spare`) beside the output; removes those that hold a built site.
fn remove_old_leftovers(dest: &Path) {
    let (Some(parent), Some(name)) = (dest.parent(), dest.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(if parent.as_os_str().is_empty() { Path::new(".") } else { parent }) else {
        return;
    };
    let spare = format!(".{name}.spare");
    let staging = format!(".{name}.new-");
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(n) = file_name.to_str() else { continue };
        let ours = n == spare || n.strip_prefix(&staging).is_some_and(|pid| pid.chars().all(|c| c.is_ascii_digit()));
        let built_site = entry.path().join("index.html").is_file() || entry.path().join("assets").is_dir();
        if ours && (built_site || is_empty_dir(&entry.path())) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

/// Removes a folder or a file, whichever is there.
fn remove_any(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(_) => Ok(()),
    }
}

/// Creates (or truncates) a file, making its folder the first time it is missing.
fn create(path: &Path) -> io::Result<File> {
    match File::create(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            File::create(path)
        }
        opened => opened,
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.work.beside {
            let _ = std::fs::remove_dir_all(&self.work.dir);
        } else if !self.committed {
            let _ = std::fs::rename(&self.root, self.work.spare());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `f` with the user's cache in a folder of its own (tests share the process's
    /// environment, so they take turns).
    fn with_cache<T>(cache: &Path, f: impl FnOnce() -> T) -> T {
        static ENV: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _turn = ENV.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let before = std::env::var_os("XDG_CACHE_HOME");
        // SAFETY: tests that touch the environment hold ENV; nothing else reads it meanwhile.
        unsafe { std::env::set_var("XDG_CACHE_HOME", cache) };
        let result = f();
        match before {
            Some(v) => unsafe { std::env::set_var("XDG_CACHE_HOME", v) },
            None => unsafe { std::env::remove_var("XDG_CACHE_HOME") },
        }
        result
    }

    fn tree(dir: &Path) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
            .filter(|p| p != MARKER)
            .collect();
        files.sort();
        files
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_output_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        with_cache(cache.path(), || {
            write_atomically(&[Output::new("a/index.html".into(), b"one".to_vec())], &dest).unwrap();
            write_atomically(&[Output::new("b/index.html".into(), b"two".to_vec())], &dest).unwrap();
            assert_eq!(tree(&dest), ["b", "b/index.html"]);
            assert!(dest.join(MARKER).is_file(), "every output carries the marker");
            // The third build is written over the first one's files: what it does not write goes.
            let third =
                [Output::new("b/index.html".into(), b"three".to_vec()), Output::new("c.html".into(), b"c".to_vec())];
            write_atomically(&third, &dest).unwrap();
            assert_eq!(tree(&dest), ["b", "b/index.html", "c.html"]);
            assert_eq!(std::fs::read(dest.join("b/index.html")).unwrap(), b"three");
        });
        assert_eq!(names(dir.path()), ["public"], "nothing beside the output");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        with_cache(cache.path(), || {
            write_atomically(&[Output::new("index.html".into(), b"good".to_vec())], &dest).unwrap();
            // A file and a folder at the same path cannot both be written.
            let clash = [Output::new("x".into(), b"file".to_vec()), Output::new("x/y".into(), b"inside".to_vec())];
            assert!(write_atomically(&clash, &dest).is_err());
            assert_eq!(tree(&dest), ["index.html"]);
            assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), b"good");
            // The next build starts from the failed one's folder and leaves nothing of it.
            write_atomically(&[Output::new("z.html".into(), b"z".to_vec())], &dest).unwrap();
            assert_eq!(tree(&dest), ["z.html"]);
        });
        assert_eq!(names(dir.path()), ["public"]);
    }

    #[test]
    fn a_second_build_into_the_same_folder_is_told_it_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        with_cache(cache.path(), || {
            let first = Staging::create(&dest).unwrap();
            let second = Staging::create(&dest).unwrap_err();
            assert!(is_busy(&second), "{second}");
            first.commit().unwrap();
            Staging::create(&dest).unwrap();
        });
    }

    #[test]
    fn a_killed_build_leaves_nothing_in_the_users_folder_and_its_leftovers_are_reused() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        with_cache(cache.path(), || {
            // What a killed build leaves: its staging folder in the work area, nothing else.
            let work = cached_work_dir(&dest, dir.path()).unwrap();
            std::fs::create_dir_all(work.join("next")).unwrap();
            std::fs::write(work.join("next/half.html"), b"half").unwrap();
            assert_eq!(names(dir.path()), Vec::<String>::new());
            write_atomically(&[Output::new("whole.html".into(), b"w".to_vec())], &dest).unwrap();
            assert_eq!(tree(&dest), ["whole.html"]);
        });
        assert_eq!(names(dir.path()), ["public"]);
    }

    #[test]
    fn the_cache_forgets_outputs_that_were_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let builds = cache.path().join("guidesite/builds");
        with_cache(cache.path(), || {
            for _ in 0..2 {
                write_atomically(&[Output::new("a.html".into(), b"a".to_vec())], &dir.path().join("old")).unwrap();
            }
            assert!(std::fs::read_dir(&builds).unwrap().any(|e| e.unwrap().path().join("spare").exists()));
            std::fs::remove_dir_all(dir.path().join("old")).unwrap();
            write_atomically(&[Output::new("b.html".into(), b"b".to_vec())], &dir.path().join("new")).unwrap();
        });
        let areas: Vec<String> = names(&builds);
        assert_eq!(areas.len(), 1, "only the live output's area is kept: {areas:?}");
        assert!(areas[0].starts_with("new-"), "{areas:?}");
    }

    #[test]
    fn leftovers_of_earlier_versions_beside_the_output_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        for old in [".public.spare", ".public.new-4242"] {
            std::fs::create_dir_all(dir.path().join(old).join("assets")).unwrap();
            std::fs::write(dir.path().join(old).join("index.html"), "old").unwrap();
        }
        std::fs::create_dir(dir.path().join(".public.new-notes")).unwrap();
        std::fs::write(dir.path().join(".public.new-notes/mine.txt"), "mine").unwrap();
        with_cache(cache.path(), || {
            write_atomically(&[Output::new("a.html".into(), b"a".to_vec())], &dir.path().join("public")).unwrap();
        });
        assert_eq!(names(dir.path()), [".public.new-notes", "public"], "only what earlier versions left goes");
    }

    #[test]
    fn without_a_cache_on_the_same_disk_the_work_area_beside_goes_away() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        // A cache that cannot be created stands for one on another disk.
        let blocked = dir.path().join("not-a-folder");
        std::fs::write(&blocked, "").unwrap();
        with_cache(&blocked, || {
            write_atomically(&[Output::new("a.html".into(), b"a".to_vec())], &dest).unwrap();
            write_atomically(&[Output::new("b.html".into(), b"b".to_vec())], &dest).unwrap();
        });
        assert_eq!(tree(&dest), ["b.html"]);
        assert_eq!(names(dir.path()), ["not-a-folder", "public"]);
    }
}
