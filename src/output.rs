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

/// A fresh folder beside the destination that a build writes into while it renders (any
/// thread, any order), swapped in whole by [`Staging::commit`]. Dropped without a commit
/// (a failed build), it is deleted and the destination is left as it was.
#[derive(Debug)]
pub struct Staging {
    root: PathBuf,
    dest: PathBuf,
    retired: PathBuf,
    committed: bool,
}

impl Staging {
    /// An empty staging folder for `dest`.
    pub fn create(dest: &Path) -> io::Result<Staging> {
        let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let root = parent.join(format!(".{name}.new-{}", std::process::id()));
        let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir(&root)?;
        Ok(Staging { root, dest: dest.to_owned(), retired, committed: false })
    }

    /// Writes one file (`path` relative to the site root, `/`-separated), creating its folder
    /// the first time it is missing.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let full = self.root.join(path);
        match std::fs::write(&full, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(dir) = full.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(&full, bytes)
            }
            done => done,
        }
    }

    /// Writes one file piece by piece through a buffer.
    pub fn write_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let full = self.root.join(path);
        let file = match std::fs::File::create(&full) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(dir) = full.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::File::create(&full)?
            }
            opened => opened?,
        };
        let mut buffered = io::BufWriter::with_capacity(1 << 20, file);
        write(&mut buffered)?;
        io::Write::flush(&mut buffered)
    }

    /// Swaps the written folder in for the destination; the previous output is deleted in
    /// the background.
    pub fn commit(mut self) -> io::Result<()> {
        let had_previous = self.dest.exists();
        if had_previous {
            std::fs::rename(&self.dest, &self.retired)?;
        }
        if let Err(e) = std::fs::rename(&self.root, &self.dest) {
            if had_previous {
                let _ = std::fs::rename(&self.retired, &self.dest);
            }
            return Err(e);
        }
        self.committed = true;
        if had_previous {
            delete_in_background(&self.retired)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

/// Deletes the retired output without making the build wait: deleting thousands of files
/// takes about as long as writing them. On Unix a detached `rm -rf` finishes the job after
/// this process exits; elsewhere the folder is deleted here.
fn delete_in_background(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::process::{Command, Stdio};
        let spawned = Command::new("rm")
            .arg("-rf")
            .arg(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return Ok(());
        }
    }
    std::fs::remove_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        write_atomically(&[Output::new("a/index.html".into(), b"one".to_vec())], &dest).unwrap();
        write_atomically(&[Output::new("b/index.html".into(), b"two".to_vec())], &dest).unwrap();
        assert!(!dest.join("a/index.html").exists());
        assert_eq!(std::fs::read(dest.join("b/index.html")).unwrap(), b"two");
        // The retired folder is deleted in the background: it must be gone shortly.
        let names = || -> Vec<_> { std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect() };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while names().len() > 1 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(names(), vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        write_atomically(&[Output::new("index.html".into(), b"good".to_vec())], &dest).unwrap();
        // A file and a folder at the same path cannot both be written.
        let clash = [Output::new("x".into(), b"file".to_vec()), Output::new("x/y".into(), b"inside".to_vec())];
        assert!(write_atomically(&clash, &dest).is_err());
        assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), b"good");
    }
}
