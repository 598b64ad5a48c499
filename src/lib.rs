//! guidesite turns Markdown guidance on the Client Protection Principles, their standards and
//! indicators into a multilingual, cross-linked static site with one page per indicator.
//!
//! The pipeline, one stage per module; each stage takes the previous stage's output and may
//! add [`Diagnostic`]s, and the build stops after the first stage that produced an error:
//!
//! ```text
//! content/site.yaml ─► Config                      (project)
//! locales/<lang>.ftl ─► Locales                    (locales)
//! themes/<name>/     ─► Theme                      (render::theme)
//! content/**.md      ─► Vec<Source>                (source)
//!                    ─► Site: pages, links, checks (site, markdown::scan, words)
//!                    ─► Output per file            (render, render::search, filling markdown::Compiled)
//!                    ─► disk, swapped in whole     (output::guard, output::staging)
//! ```
//!
//! Modules import in one direction only (`tests/testsuite/architecture.rs` fails on a cycle):
//! `yaml` and `words` serve the stages, `project` < `source` < `site` < `render` < `output`,
//! and `serve`, `pack` and `incremental` sit on top.
//!
//! [`build_to`] runs every stage, writing each file as soon as it is rendered; [`build`] keeps
//! the files in memory instead (`serve`, `pack`, tests). The library never prints.
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod diagnostic;
pub mod edition;
pub mod i18n;
pub mod incremental;
pub mod init;
pub mod linkcheck;
pub mod locales;
pub mod markdown;
pub mod observe;
pub mod output;
pub mod pack;
pub mod project;
pub mod render;
pub mod serve;
pub mod site;
pub mod source;
pub mod words;
pub mod yaml;

pub use diagnostic::{Diagnostic, Severity};
pub use observe::{Observer, Unobserved};
pub use output::Output;
pub use project::{Config, Project};

use diagnostic::Diagnostics;
use locales::Locales;
use render::theme::Theme;
use render::Renderer;
use site::Site;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// A successful build: the site graph, every output file, and the warnings.
#[derive(Debug)]
pub struct Build {
    /// The checked site graph.
    pub site: Site,
    /// Every file of the site, in memory.
    pub outputs: Vec<Output>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Everything a build renders from: the checked site graph, its UI strings and theme.
pub struct Loaded {
    /// The checked site graph.
    pub site: Site,
    /// UI strings.
    pub locales: Arc<Locales>,
    /// Compiled templates and assets.
    pub theme: Theme,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Runs the pipeline up to the checked site graph (no rendering), keeping or releasing the
/// source texts as `texts` says. On failure, returns every diagnostic (errors and warnings),
/// sorted by file and line.
pub fn load(project: &Project, texts: site::Texts) -> Result<Loaded, Vec<Diagnostic>> {
    let mut all = Diagnostics::default();
    let config = Config::load(project)?;
    let locales = Arc::new(stage(Locales::load(project, &config), &mut all)?);
    // Compiling the templates takes a while on its own: it runs beside reading the sources.
    let (theme, (sources, problems)) =
        rayon::join(|| Theme::load(project, &config, Arc::clone(&locales)), || source::load_all(project, &config));
    let theme = theme.map_err(|d| fail(&mut all, d))?;
    if problems.has_errors() {
        return Err(fail(&mut all, problems));
    }
    all.extend(problems.iter().cloned());
    let sources = sources.into_iter().map(Arc::new).collect();
    let site = stage(Site::assemble(config, sources, texts), &mut all)?;
    let clashes = site.check_theme_ids(&theme.ids);
    if clashes.has_errors() {
        return Err(fail(&mut all, clashes));
    }
    Ok(Loaded { site, locales, theme, warnings: all.into_sorted() })
}

/// Runs the pipeline up to rendering: every output file in memory.
pub fn build(project: &Project) -> Result<Build, Vec<Diagnostic>> {
    let files = output::Collector::default();
    let (site, warnings) = render_with(project, &files, &Unobserved)?;
    Ok(Build { site, outputs: files.into_sorted(), warnings })
}

/// A build written to disk.
#[derive(Debug)]
pub struct Written {
    /// The checked site graph.
    pub site: Site,
    /// How many files were written.
    pub files: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Runs the whole pipeline into `dest`: each file is written into a staging folder as soon as
/// it is rendered (in parallel), and the folder replaces `dest` only when the build succeeded;
/// on failure `dest` is left as it was. `dest` must be missing, empty or an earlier output
/// (any folder but the site's own with `force`): see [`output::guard`].
pub fn build_to(
    project: &Project,
    dest: &std::path::Path,
    force: bool,
    observer: &dyn Observer,
) -> Result<Written, Vec<Diagnostic>> {
    output::check_destination(dest, &project.root, force)
        .map_err(|refusal| vec![Diagnostic::error(dest, refusal.message(dest)).help(refusal.help())])?;
    // Claimed before rendering: a second build into the same folder stops at once.
    let staging = output::Staging::create(dest).map_err(|e| vec![cannot_write(dest, e)])?;
    let sink = ToDisk { dest, staging: &staging, files: AtomicUsize::new(0) };
    let (site, warnings) = render_with(project, &sink, observer)?;
    let files = sink.files.into_inner();
    let swapping = Instant::now();
    staging.commit().map_err(|e| vec![cannot_write(dest, e)])?;
    observer.took("swap into place (wall)", swapping.elapsed());
    Ok(Written { site, files, warnings })
}

/// The message for a failed write of the output: another build at work, or the disk.
fn cannot_write(dest: &std::path::Path, e: std::io::Error) -> Diagnostic {
    if output::staging::is_busy(&e) {
        return Diagnostic::error(dest, "another guidesite build is writing this output folder right now")
            .help("wait for it to finish, or build into another folder with --output");
    }
    Diagnostic::error(dest, format!("cannot write the site: {e}"))
        .help("check that the folder is writable and the disk has room; the previous output was left as it was")
}

/// Writes each file into the staging folder as it comes.
struct ToDisk<'a> {
    dest: &'a std::path::Path,
    staging: &'a output::Staging,
    files: AtomicUsize,
}

impl output::Sink for ToDisk<'_> {
    fn file(&self, output: Output) -> Result<(), Diagnostic> {
        self.staging.write(&output.path, &output.bytes).map_err(|e| cannot_write(self.dest, e))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        self.staging.write_stream(path, write).map_err(|e| cannot_write(self.dest, e))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// Loads, checks and renders the site, handing every file to `sink`.
fn render_with(
    project: &Project,
    sink: &dyn output::Sink,
    observer: &dyn Observer,
) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let started = Instant::now();
    let Loaded { site, locales, theme, mut warnings } = load(project, site::Texts::Release)?;
    observer.took("load and check (wall)", started.elapsed());
    let rendering = Instant::now();
    let renderer = Renderer::new(&site, &theme, &locales);
    if let Err(errors) = renderer.render_each(sink, observer) {
        warnings.extend(errors.into_sorted());
        return Err(warnings);
    }
    observer.took("render and write (wall)", rendering.elapsed());
    Ok((site, warnings))
}

/// Keeps a stage's warnings; turns its errors into the build's failure.
fn stage<T>(result: Result<(T, Diagnostics), Diagnostics>, all: &mut Diagnostics) -> Result<T, Vec<Diagnostic>> {
    match result {
        Ok((value, warnings)) => {
            all.extend(warnings.iter().cloned());
            Ok(value)
        }
        Err(errors) => Err(fail(all, errors)),
    }
}

fn fail(all: &mut Diagnostics, errors: Diagnostics) -> Vec<Diagnostic> {
    all.extend(errors.iter().cloned());
    std::mem::take(all).into_sorted()
}
