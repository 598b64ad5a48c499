//! Output files and writing them. A build writes into a fresh folder beside the destination
//! and swaps it in only when every file is written, so a failed build leaves the previous
//! output exactly as it was. The old folder is deleted after the swap.

use rayon::prelude::*;
use std::collections::BTreeSet;
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

/// Writes `outputs` to `dest`: into a temporary sibling first, then swapped in.
pub fn write_atomically(outputs: &[Output], dest: &Path) -> io::Result<()> {
    let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    if let Err(e) = write_tree(outputs, &staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let had_previous = dest.exists();
    if had_previous {
        std::fs::rename(dest, &retired)?;
    }
    if let Err(e) = std::fs::rename(&staging, dest) {
        if had_previous {
            let _ = std::fs::rename(&retired, dest);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if had_previous {
        delete_in_background(&retired)?;
    }
    Ok(())
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

/// Writes every output under `root` (which must not exist yet), in parallel.
fn write_tree(outputs: &[Output], root: &Path) -> io::Result<()> {
    let dirs: BTreeSet<PathBuf> =
        outputs.iter().filter_map(|o| Path::new(&o.path).parent().map(|d| root.join(d))).collect();
    std::fs::create_dir_all(root)?;
    for dir in &dirs {
        std::fs::create_dir_all(dir)?;
    }
    outputs.par_iter().try_for_each(|o| std::fs::write(root.join(&o.path), &o.bytes))
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
