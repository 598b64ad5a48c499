//! Output files and where they go: kept in memory ([`Collector`]) or written to disk.
//!
//! Writing to disk is guarded and atomic:
//! - [`guard`] decides whether a folder may be replaced at all (missing, empty, or marked as
//!   a guidesite output; never the site's own sources, a folder that holds them, or home);
//! - [`staging`] writes the new output in a work area the user never sees and swaps it in
//!   whole when every file is written, so a failed or interrupted build leaves the previous
//!   output exactly as it was and nothing beside it.

pub mod guard;
pub mod staging;

pub use guard::{check_destination, Refusal, MARKER};
pub use staging::{write_atomically, Staging};

use std::io;

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

/// Drops every file (`check`: rendering runs for its errors only).
#[derive(Debug, Default, Clone, Copy)]
pub struct Discard;

impl Sink for Discard {
    fn file(&self, _: Output) -> Result<(), crate::Diagnostic> {
        Ok(())
    }

    fn stream(
        &self,
        _: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), crate::Diagnostic> {
        write(&mut io::sink()).map_err(|e| crate::Diagnostic::error("build", format!("cannot render: {e}")))
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
