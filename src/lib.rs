//! guidesite turns Markdown guidance on the Client Protection Principles, their standards and
//! indicators into a multilingual, cross-linked static site with one page per indicator.
//!
//! # What the library does
//!
//! - [`build_to`]: build a site into a folder (replaced whole, only when the build
//!   succeeded); [`build`]: the same into memory, every file an [`Output`];
//! - [`check`]: every error and warning, without rendering;
//! - [`load`]: the checked site graph ([`site::Site`]), for tools that read it
//!   ([`i18n::status`], editors);
//! - [`pack::bundle`] and [`pack::write_zip`]: an offline copy, verified complete;
//! - [`serve`] (feature `serve`, on by default): the live preview and a static server;
//! - [`Observer`]: told how long each stage took.
//!
//! Every problem is a [`Diagnostic`] with file, line, message and help. The library never
//! prints.
//!
//! # The pipeline
//!
//! One stage per module; each takes the previous stage's output, and the build stops after
//! the first stage that produced an error:
//!
//! ```text
//! content/site.yaml  ─► Config                        (project)
//! locales/<lang>.ftl ─► Locales                       (locales)
//! themes/<name>/     ─► Theme                         (render::theme)
//! content/**.md      ─► Vec<Source>                   (source: files, front matter)
//!                    ─► per body: Outline + Compiled  (markdown, one pass: headings and
//!                                                      references; HTML with holes; words)
//!                    ─► Site: ids, parents, links     (site: structure only, checked)
//!                    ─► Output per file               (render: pages, listings, print,
//!                                                      search indexes, exports)
//!                    ─► disk, swapped in whole        (output)
//! ```
//!
//! Modules import in one direction only (`tests/testsuite/architecture.rs` fails on a cycle):
//! `yaml` and `words` serve the stages, `project` < `source` < `markdown` < `site` < `render`
//! < `output`, and `pack`, `incremental` and `serve` sit on top.
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod diagnostic;
pub mod i18n;
#[cfg(feature = "serve")]
pub mod incremental;
pub mod init;
#[cfg(feature = "lsp")]
pub mod lsp;
pub mod observe;
pub mod output;
pub mod pack;
pub mod project;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;

// The stages' own modules are not part of the API. Those hidden here are reachable only for
// the fuzz targets and the property tests, which exercise their parsers directly; no
// stability promise.
mod edition;
#[doc(hidden)]
pub mod linkcheck;
mod locales;
#[doc(hidden)]
pub mod markdown;
#[doc(hidden)]
pub mod render;
#[doc(hidden)]
pub mod source;
#[doc(hidden)]
pub mod words;
mod yaml;

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

/// Everything a build renders from: the checked site graph, the compiled bodies, the UI
/// strings and the theme.
pub struct Loaded {
    /// The checked site graph.
    pub site: Site,
    /// Each source's body as HTML with holes, and its words, parallel to `site.sources`.
    #[doc(hidden)]
    pub bodies: Vec<Arc<markdown::Compiled>>,
    /// UI strings.
    #[doc(hidden)]
    pub locales: Arc<Locales>,
    /// Compiled templates and assets.
    #[doc(hidden)]
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
    let mut sources: Vec<Arc<source::Source>> = sources.into_iter().map(Arc::new).collect();
    let keep_hash = (texts == site::Texts::Release).then(|| site::translated_originals(&config, &sources));
    let unread = vec![None; sources.len()];
    let (outlines, bodies) = scan_bodies(&mut sources, unread, keep_hash.as_deref());
    let site = stage(Site::assemble(config, sources, outlines), &mut all)?;
    let clashes = site.check_theme_ids(&theme.ids);
    if clashes.has_errors() {
        return Err(fail(&mut all, clashes));
    }
    Ok(Loaded { site, bodies, locales, theme, warnings: all.into_sorted() })
}

/// A body read once, in its two parts: its outline for the site graph, its HTML and words
/// for rendering.
pub(crate) type Scanned = (Arc<markdown::Outline>, Arc<markdown::Compiled>);

/// Reads every source's body once, in parallel (`cached` holds the parts of bodies read
/// before, for the sources that did not change): the outlines, and the compiled bodies.
/// With `release` (per source, whether to keep its hash: see
/// [`site::translated_originals`]), each text is let go as soon as it is read, so a large
/// site never holds all texts and all compiled bodies at once.
pub(crate) fn scan_bodies(
    sources: &mut [Arc<source::Source>],
    cached: Vec<Option<Scanned>>,
    release: Option<&[bool]>,
) -> (Vec<Arc<markdown::Outline>>, Vec<Arc<markdown::Compiled>>) {
    use rayon::prelude::*;
    sources
        .par_iter_mut()
        .enumerate()
        .zip(cached)
        .map(|((s, source), cached)| {
            let scanned = cached.unwrap_or_else(|| {
                let scan = markdown::scan(source.body());
                (Arc::new(scan.outline), Arc::new(scan.compiled))
            });
            if let (Some(keep_hash), Some(owned)) = (release, Arc::get_mut(source)) {
                owned.release_text(keep_hash[s]);
            }
            scanned
        })
        .unzip()
}

/// Runs the pipeline up to rendering: every output file in memory.
pub fn build(project: &Project) -> Result<Build, Vec<Diagnostic>> {
    let files = output::Collector::default();
    let (site, warnings) = render_with(project, &files, &Unobserved)?;
    Ok(Build { site, outputs: files.into_sorted(), warnings })
}

/// A checked site: the graph and the warnings.
#[derive(Debug)]
pub struct Checked {
    /// The checked site graph.
    pub site: Site,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Runs every stage, rendering included (templates fail only when they run), and keeps
/// nothing: every error and warning a build would give.
pub fn check(project: &Project) -> Result<Checked, Vec<Diagnostic>> {
    let (site, warnings) = render_with(project, &output::Discard, &Unobserved)?;
    Ok(Checked { site, warnings })
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
    let Loaded { site, bodies, locales, theme, mut warnings } = load(project, site::Texts::Release)?;
    observer.took("load and check (wall)", started.elapsed());
    let rendering = Instant::now();
    let renderer = Renderer::new(&site, &bodies, &theme, &locales);
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
