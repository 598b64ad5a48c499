//! Output files and writing them. A build writes into a fresh folder beside the destination
//! ([`Staging`]), file by file as pages are rendered, and swaps it in only when every file is
//! written, so a failed build leaves the previous output exactly as it was. The old folder is
//! deleted after the swap.

use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl Output {
    /// A file at `path` with `bytes`.
    pub fn new(path: String, bytes: Vec<u8>) -> Self {
        Output { path, bytes }
    }
}

/// Where rendered files go, from any rendering thread: kept in memory ([`Collector`]) or
/// written into a [`Staging`] folder.
pub trait Sink: Sync {
    /// Takes one file.
    fn file(&self, output: Output) -> Result<(), crate::Diagnostic>;

    /// Takes one large file that `write` produces piece by piece (the print page), so it
    /// need not be held in memory whole. By default the pieces are gathered into one file.
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), crate::Diagnostic> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| crate::Diagnostic::error(path, format!("cannot render: {e}")))?;
        self.file(Output::new(path.to_owned(), bytes))
    }
}

/// Gathers the files that rendering threads hand over, for builds kept in memory.
#[derive(Debug, Default)]
pub struct Collector(std::sync::Mutex<Vec<Output>>);

impl Sink for Collector {
    fn file(&self, output: Output) -> Result<(), crate::Diagnostic> {
        let mut files = self.0.lock().map_err(|_| crate::Diagnostic::error("build", "a rendering thread failed"))?;
        files.push(output);
        Ok(())
    }
}

impl Collector {
    /// Every file kept, sorted by path.
    pub fn into_sorted(self) -> Vec<Output> {
        let mut files = self.0.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// Writes `outputs` to `dest`: into a temporary sibling first, then swapped in.
pub fn write_atomically(outputs: &[Output], dest: &Path) -> io::Result<()> {
    let staging = Staging::create(dest)?;
    outputs.par_iter().try_for_each(|o| staging.write(&o.path, &o.bytes))?;
    staging.commit()
}

/// A folder beside the destination that a build writes into while it renders (any thread,
/// any order), swapped in whole by [`Staging::commit`]; until then the destination is not
/// touched. The output a commit replaces is kept as `.<name>.spare` and becomes the next
/// build's staging folder: its files are overwritten in place and the ones no longer built
/// are removed, because creating and deleting thousands of files costs far more than
/// rewriting them (on this project's machines, files created just after a large delete are
/// several times slower to create). A failed build leaves its staging folder as the spare.
#[derive(Debug)]
pub struct Staging {
    root: PathBuf,
    dest: PathBuf,
    spare: PathBuf,
    written: std::sync::Mutex<Vec<PathBuf>>,
    /// True when the folder is a reused spare, whose stale files must go at commit.
    reused: bool,
    committed: bool,
}

impl Staging {
    /// A staging folder for `dest`: the spare one when there is one, else a new one.
    pub fn create(dest: &Path) -> io::Result<Staging> {
        let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let root = parent.join(format!(".{name}.new-{}", std::process::id()));
        let spare = parent.join(format!(".{name}.spare"));
        // Claiming the spare folder by renaming it keeps two builds from sharing it.
        let reused = std::fs::rename(&spare, &root).is_ok();
        if !reused {
            let _ = std::fs::remove_dir_all(&root);
            std::fs::create_dir(&root)?;
        }
        Ok(Staging { root, dest: dest.to_owned(), spare, written: Default::default(), reused, committed: false })
    }

    /// Writes one file (`path` relative to the site root, `/`-separated), creating its folder
    /// the first time it is missing.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let full = self.root.join(path);
        io::Write::write_all(&mut create(&full)?, bytes)?;
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

    /// Removes what an earlier build left in a reused folder and this build did not write
    /// (a new folder holds only what this build wrote: nothing to walk).
    fn prune(&mut self) -> io::Result<()> {
        if !self.reused {
            return Ok(());
        }
        let written: std::collections::HashSet<PathBuf> =
            std::mem::take(self.written.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner))
                .into_iter()
                .collect();
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

    /// Swaps the written folder in for the destination; the previous output is kept as the
    /// spare folder for the next build.
    pub fn commit(mut self) -> io::Result<()> {
        self.prune()?;
        let had_previous = self.dest.exists();
        if had_previous {
            std::fs::rename(&self.dest, &self.spare)?;
        }
        if let Err(e) = std::fs::rename(&self.root, &self.dest) {
            if had_previous {
                let _ = std::fs::rename(&self.spare, &self.dest);
            }
            return Err(e);
        }
        self.committed = true;
        Ok(())
    }
}

/// Creates (or truncates) a file, making its folder the first time it is missing.
fn create(path: &Path) -> io::Result<std::fs::File> {
    match std::fs::File::create(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::File::create(path)
        }
        opened => opened,
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && std::fs::rename(&self.root, &self.spare).is_err() {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dir: &Path) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn replaces_previous_output_whole_and_reuses_the_one_before() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        write_atomically(&[Output::new("a/index.html".into(), b"one".to_vec())], &dest).unwrap();
        write_atomically(&[Output::new("b/index.html".into(), b"two".to_vec())], &dest).unwrap();
        assert_eq!(tree(&dest), ["b", "b/index.html"]);
        assert_eq!(tree(&dir.path().join(".public.spare")), ["a", "a/index.html"], "the previous output is kept");
        // The third build is written over the first one's files: what it does not write goes.
        let third =
            [Output::new("b/index.html".into(), b"three".to_vec()), Output::new("c.html".into(), b"c".to_vec())];
        write_atomically(&third, &dest).unwrap();
        assert_eq!(tree(&dest), ["b", "b/index.html", "c.html"]);
        assert_eq!(std::fs::read(dest.join("b/index.html")).unwrap(), b"three");
        assert_eq!(tree(&dir.path().join(".public.spare")), ["b", "b/index.html"]);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "only the output and its spare: {names:?}");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        write_atomically(&[Output::new("index.html".into(), b"good".to_vec())], &dest).unwrap();
        // A file and a folder at the same path cannot both be written.
        let clash = [Output::new("x".into(), b"file".to_vec()), Output::new("x/y".into(), b"inside".to_vec())];
        assert!(write_atomically(&clash, &dest).is_err());
        assert_eq!(tree(&dest), ["index.html"]);
        assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), b"good");
        // The next build starts from the failed one's folder and leaves nothing of it.
        write_atomically(&[Output::new("z.html".into(), b"z".to_vec())], &dest).unwrap();
        assert_eq!(tree(&dest), ["z.html"]);
    }
}
