//! Watching a build: how long each stage takes, for whoever asks (`build --timings`). The
//! pipeline reports to an [`Observer`] as it goes; nothing about time is in its results.

use std::time::Duration;

/// Told when a stage of a build ends, and how long it took. Called from rendering threads.
pub trait Observer: Sync {
    /// `stage` ended after `took`: wall time for stages ("load and check (wall)"), CPU time
    /// summed over threads for each kind of rendering ("  pages (cpu)").
    fn took(&self, stage: &str, took: Duration);
}

/// The observer of a build nobody watches.
#[derive(Debug, Default, Clone, Copy)]
pub struct Unobserved;

impl Observer for Unobserved {
    fn took(&self, _: &str, _: Duration) {}
}
