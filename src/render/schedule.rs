//! Running every job of a site in parallel and handing each file to a [`Sink`] as soon as it
//! is rendered (the build writes it to disk there and then, so the site is never held in
//! memory whole), with the CPU time of each kind of job told to an [`Observer`].

use super::{Job, Renderer};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::observe::Observer;
use crate::output::{Output, Sink};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// What became of one job: how long it took and the rendering error, if any.
type Done = (Job, Duration, Option<Diagnostic>);

impl Renderer<'_> {
    /// Renders the whole site in memory: all jobs in parallel, plus the theme's assets,
    /// sorted by path.
    pub fn render_all(&self) -> Result<Vec<Output>, Diagnostics> {
        let files = crate::output::Collector::default();
        self.render_each(&files, &crate::observe::Unobserved)?;
        Ok(files.into_sorted())
    }

    /// Renders every job in parallel and hands each file to `sink` as soon as it is rendered,
    /// then the assets. Fails with every rendering error, or the first error of the sink.
    pub fn render_each(&self, sink: &dyn Sink, observer: &dyn Observer) -> Result<(), Diagnostics> {
        let mut jobs = self.all_jobs();
        // The few large jobs first, so no thread is left with one of them at the end.
        jobs.sort_by_key(|job| !matches!(job, Job::Print(_) | Job::SearchIndex(_)));
        let sink_failed = OnceLock::new();
        let done: Vec<Done> = jobs.par_iter().map(|&job| self.run(job, sink, &sink_failed)).collect();
        let mut diagnostics = Diagnostics::default();
        let mut spent: BTreeMap<&'static str, Duration> = BTreeMap::new();
        for (job, took, error) in done {
            *spent.entry(job.kind()).or_default() += took;
            diagnostics.extend(error);
        }
        diagnostics.extend(sink_failed.into_inner());
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        for asset in self.assets() {
            sink.file(asset).map_err(Diagnostics::from)?;
        }
        // The largest first.
        let mut spent: Vec<(&'static str, Duration)> = spent.into_iter().collect();
        spent.sort_by_key(|(_, took)| std::cmp::Reverse(*took));
        for (kind, took) in spent {
            observer.took(&format!("  {kind} (cpu)"), took);
        }
        Ok(())
    }

    /// Renders one job into `sink`, unless the sink already failed (then the build stops
    /// as soon as it can). The time of a job includes writing its file.
    fn run(&self, job: Job, sink: &dyn Sink, sink_failed: &OnceLock<Diagnostic>) -> Done {
        if sink_failed.get().is_some() {
            return (job, Duration::ZERO, None);
        }
        let started = Instant::now();
        // The print page, too large to hold in memory at scale, is written as it renders.
        let outcome = match job {
            Job::Print(lang) => self.print_into(&self.site.langs[lang], sink),
            _ => self.render(job).map(|output| sink.file(output)),
        };
        let took = started.elapsed();
        match outcome {
            Ok(written) => {
                if let Err(d) = written {
                    let _ = sink_failed.set(d);
                }
                (job, took, None)
            }
            Err(d) => (job, took, Some(d)),
        }
    }
}
