//! Incremental rebuilds in memory, for `serve`.
//!
//! A [`Session`] holds the last good build: the checked site, its theme and UI strings, and
//! every rendered file. [`Session::apply`] takes the files that changed on disk and re-renders
//! only what depends on them:
//!
//! - an edited page's body: that page in every language (its translation state shows in each);
//! - its title, summary or products: also the pages that show them (pages that refer to it,
//!   its parent, children and neighbours); a principle's or the home page's: every page, since
//!   the navigation shows them;
//! - a reference added or removed: the pages whose "Referenced by" list changed;
//! - anything structural (a page added, removed or moved, `related` edited) or a template,
//!   locale or settings change: everything.
//!
//! Pages that gather the whole site (overview, glossary, translation status, print page,
//! search index, exports) are rendered when first requested after a change, not on every save.
//! When a change breaks the build, the session keeps the last good state and returns the
//! diagnostics.

use crate::diagnostic::Diagnostic;
use crate::markdown::Scan;
use crate::render::{Job, Renderer};
use crate::site::{Kind, PageIdx, Site, SourceIdx, Texts};
use crate::source::{self, is_page_file, Source};
use crate::{Loaded, Project};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a rebuild did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebuild {
    /// Files rendered.
    pub rendered: usize,
    /// True when everything was reloaded and rendered.
    pub full: bool,
    /// Time spent reading, checking and rendering (for the server's log and benchmarks).
    pub stages: Vec<(&'static str, Duration)>,
}

/// The last good build, in memory.
pub struct Session {
    project: Project,
    loaded: Loaded,
    files: HashMap<String, Arc<Vec<u8>>>,
    /// Aggregate pages to render on their next request.
    stale: HashMap<String, Job>,
}

impl Session {
    /// Loads and renders the site.
    pub fn start(project: Project) -> Result<Session, Vec<Diagnostic>> {
        let loaded = crate::load(&project, Texts::Keep)?;
        let mut session = Session { project, loaded, files: HashMap::new(), stale: HashMap::new() };
        session.render_everything()?;
        Ok(session)
    }

    /// The project served.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Warnings of the last good build.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.loaded.warnings
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.loaded.site.pages.len()
    }

    /// A file of the site, rendering it first if it is a stale aggregate.
    pub fn get(&mut self, path: &str) -> Option<Arc<Vec<u8>>> {
        if let Some(job) = self.stale.remove(path) {
            let renderer = self.renderer();
            match renderer.render(job) {
                Ok(output) => {
                    self.files.insert(output.path, Arc::new(output.bytes));
                }
                Err(_) => return None,
            }
        }
        self.files.get(path).cloned()
    }

    /// Applies changed files (paths as reported by the file watcher).
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Rebuild, Vec<Diagnostic>> {
        let content = self.project.content_dir();
        let settings = self.project.settings_path();
        let pages_only = changed.iter().all(|p| p.starts_with(&content) && *p != settings && is_page_file(p));
        if !pages_only {
            return self.reload();
        }
        self.apply_pages(changed)
    }

    /// Reloads everything from disk and renders it all.
    pub fn reload(&mut self) -> Result<Rebuild, Vec<Diagnostic>> {
        let loaded = crate::load(&self.project, Texts::Keep)?;
        let previous = std::mem::replace(&mut self.loaded, loaded);
        match self.render_everything() {
            Ok(rendered) => Ok(Rebuild { rendered, full: true, stages: Vec::new() }),
            Err(d) => {
                self.loaded = previous;
                Err(d)
            }
        }
    }

    fn renderer(&self) -> Renderer<'_> {
        Renderer::new(&self.loaded.site, &self.loaded.theme, &self.loaded.locales)
    }

    /// Renders every page now and marks the aggregates stale.
    fn render_everything(&mut self) -> Result<usize, Vec<Diagnostic>> {
        let renderer = self.renderer();
        let (eager, lazy): (Vec<Job>, Vec<Job>) =
            renderer.all_jobs().into_iter().partition(|j| matches!(j, Job::Page(..) | Job::Landing));
        let files = render_jobs(&renderer, &eager)?;
        let stale: HashMap<String, Job> = lazy.into_iter().map(|j| (renderer.job_path(j), j)).collect();
        let assets = renderer.assets();
        let rendered = files.len();
        self.files = files;
        for asset in assets {
            self.files.insert(asset.path, Arc::new(asset.bytes));
        }
        self.stale = stale;
        Ok(rendered)
    }

    fn apply_pages(&mut self, changed: &[PathBuf]) -> Result<Rebuild, Vec<Diagnostic>> {
        let mut clock = Instant::now();
        let mut stages = Vec::new();
        let mut lap = |name: &'static str| {
            stages.push((name, clock.elapsed()));
            clock = Instant::now();
        };
        if let Some(edits) = self.body_only_edits(changed) {
            lap("read");
            let (dirty, previous) = self.replace_bodies(edits);
            let result = self.render_dirty(dirty, stages, clock);
            if result.is_err() {
                self.restore_bodies(previous);
            }
            return result;
        }
        let old = &self.loaded.site;
        let (sources, scans, touched) = updated_sources(&self.project, old, changed)?;
        lap("read");
        let (site, _warnings) =
            Site::assemble_with_scans(old.config.clone(), sources, scans, Texts::Keep).map_err(|d| d.into_sorted())?;
        lap("check");
        let dirty = match dirty_pages(old, &site, &touched) {
            Some(dirty) => dirty,
            None => {
                self.loaded.site = site;
                let rendered = self.render_everything()?;
                return Ok(Rebuild { rendered, full: true, stages });
            }
        };
        let previous = std::mem::replace(&mut self.loaded.site, site);
        let result = self.render_dirty(dirty, stages, clock);
        if result.is_err() {
            self.loaded.site = previous;
        }
        result
    }

    /// Re-renders the dirty pages in every language and marks the site-wide pages stale.
    fn render_dirty(
        &mut self,
        dirty: BTreeSet<PageIdx>,
        mut stages: Vec<(&'static str, Duration)>,
        clock: Instant,
    ) -> Result<Rebuild, Vec<Diagnostic>> {
        let renderer = self.renderer();
        let jobs: Vec<Job> =
            dirty.iter().flat_map(|&p| (0..renderer.site.langs.len()).map(move |l| Job::Page(p, l))).collect();
        let files = render_jobs(&renderer, &jobs)?;
        let aggregates: Vec<(String, Job)> =
            renderer.site_wide_jobs().into_iter().map(|j| (renderer.job_path(j), j)).collect();
        let rendered = files.len();
        self.files.extend(files);
        self.stale.extend(aggregates);
        stages.push(("render", clock.elapsed()));
        Ok(Rebuild { rendered, full: false, stages })
    }

    /// When every changed file is an existing page whose front matter, references and
    /// headings are as before, the site graph cannot change: the new texts, to swap in.
    fn body_only_edits(&self, changed: &[PathBuf]) -> Option<Vec<(SourceIdx, Source, Scan)>> {
        let site = &self.loaded.site;
        let mut edits = Vec::with_capacity(changed.len());
        for path in changed {
            let shown = self.project.display(path);
            let s = site.sources.iter().position(|src| src.path.as_os_str() == shown.as_os_str())?;
            let new = source::load_one(&self.project, &site.config, path).ok()?;
            let old = &site.sources[s];
            if new.front != old.front || new.lang != old.lang {
                return None;
            }
            let scan = crate::markdown::scan(new.body());
            if !same_links(&scan, &site.scans[s]) {
                return None;
            }
            edits.push((s, new, scan));
        }
        Some(edits)
    }

    /// Swaps new texts in; returns the pages that show them and what was there before.
    fn replace_bodies(&mut self, edits: Vec<(SourceIdx, Source, Scan)>) -> (BTreeSet<PageIdx>, Vec<Swapped>) {
        let site = &mut self.loaded.site;
        let mut dirty = BTreeSet::new();
        let mut previous = Vec::with_capacity(edits.len());
        for (s, source, scan) in edits {
            let old_source = std::mem::replace(&mut site.sources[s], Arc::new(source));
            let old_scan = std::mem::replace(&mut site.scans[s], Arc::new(scan));
            previous.push((s, old_source, old_scan));
            dirty.extend(site.pages.iter().position(|p| p.versions.values().any(|&v| v == s)));
        }
        (dirty, previous)
    }

    fn restore_bodies(&mut self, previous: Vec<Swapped>) {
        for (s, source, scan) in previous {
            self.loaded.site.sources[s] = source;
            self.loaded.site.scans[s] = scan;
        }
    }
}

/// Same references (targets and anchors) and same headings: nothing another page sees changed.
fn same_links(a: &Scan, b: &Scan) -> bool {
    let refs = |s: &Scan| s.refs.iter().map(|r| (r.target.clone(), r.anchor.clone())).collect::<Vec<_>>();
    let anchors = |s: &Scan| s.headings.iter().map(|h| h.anchor.clone()).collect::<Vec<_>>();
    refs(a) == refs(b) && anchors(a) == anchors(b)
}

fn render_jobs(renderer: &Renderer<'_>, jobs: &[Job]) -> Result<HashMap<String, Arc<Vec<u8>>>, Vec<Diagnostic>> {
    let results: Vec<_> = jobs.par_iter().map(|&j| renderer.render(j)).collect();
    let mut files = HashMap::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(o) => {
                files.insert(o.path, Arc::new(o.bytes));
            }
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        errors.dedup();
        Err(errors)
    }
}

type Swapped = (SourceIdx, Arc<Source>, Arc<Scan>);
type Sources = (Vec<Arc<Source>>, Vec<Option<Arc<Scan>>>, HashSet<PathBuf>);

/// The old sources with the changed files re-read (added, replaced or removed), the scans to
/// reuse, and the display paths that changed.
fn updated_sources(project: &Project, old: &Site, changed: &[PathBuf]) -> Result<Sources, Vec<Diagnostic>> {
    let mut touched = HashSet::new();
    // Few files change at a time: a short list compared by bytes beats hashing every path.
    let mut fresh: Vec<(PathBuf, Option<Source>)> = Vec::new();
    let mut errors = Vec::new();
    for path in changed.iter().collect::<BTreeSet<_>>() {
        let shown = project.display(path);
        touched.insert(shown.clone());
        if !path.exists() {
            fresh.push((shown, None));
            continue;
        }
        match source::load_one(project, &old.config, path) {
            Ok(s) => fresh.push((shown, Some(s))),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut sources = Vec::with_capacity(old.sources.len() + fresh.len());
    let mut scans = Vec::with_capacity(old.sources.len() + fresh.len());
    for (source, scan) in old.sources.iter().zip(&old.scans) {
        let replaced = fresh.iter().position(|(p, _)| p.as_os_str() == source.path.as_os_str());
        match replaced.map(|i| fresh.swap_remove(i).1) {
            Some(Some(new)) => {
                sources.push(Arc::new(new));
                scans.push(None);
            }
            Some(None) => {}
            None => {
                sources.push(Arc::clone(source));
                scans.push(Some(Arc::clone(scan)));
            }
        }
    }
    for new in fresh.into_iter().filter_map(|(_, s)| s) {
        sources.push(Arc::new(new));
        scans.push(None);
    }
    Ok((sources, scans, touched))
}

/// Pages to re-render, or `None` when the structure changed and everything must be.
fn dirty_pages(old: &Site, new: &Site, touched: &HashSet<PathBuf>) -> Option<BTreeSet<PageIdx>> {
    if old.pages.len() != new.pages.len() {
        return None;
    }
    for (a, b) in old.pages.iter().zip(&new.pages) {
        let same = a.id == b.id
            && a.parent == b.parent
            && a.children == b.children
            && a.prev == b.prev
            && a.next == b.next
            && a.related == b.related
            && a.glossary == b.glossary
            && a.versions.keys().eq(b.versions.keys());
        if !same {
            return None;
        }
    }
    let mut dirty = BTreeSet::new();
    for (p, page) in new.pages.iter().enumerate() {
        let edited = page.versions.values().any(|&s| touched.contains(&new.sources[s].path));
        if edited {
            dirty.insert(p);
            if shown_elsewhere_changed(old, new, p) {
                if matches!(page.kind, Kind::Principle | Kind::Home) {
                    // The navigation of every page shows these.
                    return None;
                }
                dirty.extend(page.backlinks.iter().copied());
                dirty.extend(page.children.iter().copied());
                dirty.extend(page.parent);
                dirty.extend(page.prev);
                dirty.extend(page.next);
            }
        }
        if old.pages[p].backlinks != page.backlinks {
            dirty.insert(p);
        }
    }
    Some(dirty)
}

/// True when what other pages show of page `p` (titles, summaries, products) changed.
fn shown_elsewhere_changed(old: &Site, new: &Site, p: PageIdx) -> bool {
    let face = |site: &Site| -> Vec<(Option<String>, Option<String>, Vec<&'static str>)> {
        site.pages[p]
            .versions
            .values()
            .map(|&s| {
                let f = &site.sources[s].front;
                (f.title.clone(), f.summary.clone(), f.applies_to.iter().map(|a| a.as_str()).collect())
            })
            .collect()
    };
    face(old) != face(new)
}

/// True for paths the preview watches: pages, settings, locales, templates and theme files.
pub fn is_watched(project: &Project, path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let temporary = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp");
    if temporary {
        return false;
    }
    [project.content_dir(), project.locales_dir(), project.themes_dir(), project.templates_dir()]
        .iter()
        .any(|dir| path.starts_with(dir))
}
