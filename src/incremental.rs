//! The live preview's builds, in memory.
//!
//! What the preview serves is always a full build: after every change the whole site is
//! loaded from disk and rendered again ([`Session::full`]), exactly as `build` does, and the
//! result replaces the served [`Snapshot`] whole. Nothing decides by hand which pages depend
//! on which, so nothing can be forgotten: a title shown on its principle's page, a template
//! or a UI string reach every page that uses them because every page is rendered again.
//!
//! Before that full build, [`Session::quick`] renders only the pages whose files were edited,
//! on top of the current snapshot, so the page an author is looking at reloads within
//! milliseconds; the full build that follows corrects every other page and the site-wide
//! files (overview, glossary, search, print page, exports) a moment later, and reports their
//! errors too. When a change breaks the site, the last good snapshot stays and the
//! diagnostics are returned.

use crate::diagnostic::Diagnostic;
use crate::markdown::{Compiled, Outline, Scan};
use crate::render::{Job, Renderer};
use crate::site::{PageIdx, Site, SourceIdx, Texts};
use crate::source::{self, is_page_file, Source};
use crate::{Loaded, Project, Scanned};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Every file of one build, by path; immutable once made, shared by the requests that read it.
#[derive(Debug, Default, Clone)]
pub struct Snapshot {
    files: HashMap<String, Arc<Vec<u8>>>,
}

impl Snapshot {
    /// The file at `path` (relative, `/`-separated).
    pub fn get(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.files.get(path).cloned()
    }

    /// How many files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there is no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every path, sorted.
    pub fn paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self.files.keys().map(String::as_str).collect();
        paths.sort_unstable();
        paths
    }

    /// Paths whose bytes differ from `older`'s, or that one of the two lacks, sorted.
    fn changed_since(&self, older: &Snapshot) -> Vec<String> {
        let mut changed: Vec<String> = self
            .files
            .iter()
            .filter(|(path, bytes)| older.files.get(*path).is_none_or(|old| old != *bytes))
            .map(|(path, _)| path.clone())
            .chain(older.files.keys().filter(|p| !self.files.contains_key(*p)).cloned())
            .collect();
        changed.sort_unstable();
        changed
    }
}

/// A new snapshot and what it changed.
#[derive(Debug, Clone)]
pub struct Change {
    /// The snapshot to serve from now on.
    pub snapshot: Arc<Snapshot>,
    /// Paths whose contents changed (added, edited or removed), sorted.
    pub changed: Vec<String>,
    /// Time spent reading, checking and rendering.
    pub took: Duration,
}

/// The preview's state: the last good build's site and its snapshot.
pub struct Session {
    project: Project,
    loaded: Loaded,
    snapshot: Arc<Snapshot>,
}

impl Session {
    /// Loads and renders the whole site.
    pub fn start(project: Project) -> Result<Session, Vec<Diagnostic>> {
        let FullBuild { loaded, snapshot, .. } = FullBuild::run(&project)?;
        Ok(Session { project, loaded, snapshot: Arc::new(snapshot) })
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

    /// What to serve now.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot)
    }

    /// Both steps of a rebuild, one after the other: [`Session::quick`] when it applies,
    /// then [`Session::full`]. The returned change lists every path either step changed.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Change, Vec<Diagnostic>> {
        let started = Instant::now();
        let quick = self.quick(changed)?;
        let mut change = self.full()?;
        if let Some(quick) = quick {
            change.changed.extend(quick.changed);
            change.changed.sort_unstable();
            change.changed.dedup();
        }
        change.took = started.elapsed();
        Ok(change)
    }

    /// Loads the whole site from disk and renders every file, as `build` does, and serves
    /// the result from now on. On errors the last good snapshot stays.
    pub fn full(&mut self) -> Result<Change, Vec<Diagnostic>> {
        let built = FullBuild::run(&self.project)?;
        Ok(self.adopt(built))
    }

    /// Serves a full build made elsewhere (on another thread, while edits went on).
    pub fn adopt(&mut self, built: FullBuild) -> Change {
        let FullBuild { loaded, snapshot, took } = built;
        let changed = snapshot.changed_since(&self.snapshot);
        self.loaded = loaded;
        self.snapshot = Arc::new(snapshot);
        Change { snapshot: self.snapshot(), changed, took }
    }

    /// Renders the pages of the edited page files (every language) on top of the current
    /// snapshot, for a fast first reload; `Ok(None)` when the change is not only to page files
    /// (a template, a locale, the settings) and only a full build can say what it changes.
    pub fn quick(&mut self, changed: &[PathBuf]) -> Result<Option<Change>, Vec<Diagnostic>> {
        let started = Instant::now();
        let content = self.project.content_dir();
        let settings = self.project.settings_path();
        let pages_only = changed.iter().all(|p| p.starts_with(&content) && *p != settings && is_page_file(p));
        if !pages_only || changed.is_empty() {
            return Ok(None);
        }
        let edited = self.reload_pages(changed)?;
        let renderer = Renderer::new(&self.loaded.site, &self.loaded.bodies, &self.loaded.theme, &self.loaded.locales);
        let langs = self.loaded.site.langs.len();
        let jobs: Vec<Job> = edited.iter().flat_map(|&p| (0..langs).map(move |l| Job::Page(p, l))).collect();
        let files = render_jobs(&renderer, &jobs)?;
        // Only the files just rendered can differ from the snapshot they go into.
        let mut changed: Vec<String> = files
            .iter()
            .filter(|(path, bytes)| self.snapshot.files.get(*path).is_none_or(|old| old != *bytes))
            .map(|(path, _)| path.clone())
            .collect();
        changed.sort_unstable();
        let mut snapshot = Snapshot::clone(&self.snapshot);
        snapshot.files.extend(files);
        let snapshot = Arc::new(snapshot);
        self.snapshot = Arc::clone(&snapshot);
        Ok(Some(Change { snapshot, changed, took: started.elapsed() }))
    }

    /// Re-reads the changed page files into the site graph; returns the pages they belong to.
    fn reload_pages(&mut self, changed: &[PathBuf]) -> Result<BTreeSet<PageIdx>, Vec<Diagnostic>> {
        if let Some(edits) = self.body_only_edits(changed) {
            return Ok(self.replace_bodies(edits));
        }
        let old = &self.loaded.site;
        let (mut sources, cached, touched) = updated_sources(&self.project, old, &self.loaded.bodies, changed)?;
        let (outlines, bodies) = crate::scan_bodies(&mut sources, cached, None);
        let (site, _warnings) = Site::assemble(old.config.clone(), sources, outlines).map_err(|d| d.into_sorted())?;
        let edited = (0..site.pages.len())
            .filter(|&p| site.pages[p].versions.values().any(|&s| touched.contains(&site.sources[s].path)))
            .collect();
        self.loaded.site = site;
        self.loaded.bodies = bodies;
        Ok(edited)
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
            if !same_links(&scan.outline, &site.outlines[s]) {
                return None;
            }
            edits.push((s, new, scan));
        }
        Some(edits)
    }

    /// Swaps new texts in; returns the pages that show them.
    fn replace_bodies(&mut self, edits: Vec<(SourceIdx, Source, Scan)>) -> BTreeSet<PageIdx> {
        let Loaded { site, bodies, .. } = &mut self.loaded;
        let mut edited = BTreeSet::new();
        for (s, source, scan) in edits {
            site.replace_text(s, source, scan.outline);
            bodies[s] = Arc::new(scan.compiled);
            edited.extend(site.pages.iter().position(|p| p.versions.values().any(|&v| v == s)));
        }
        edited
    }
}

/// What `build` does, kept in memory: the checked site and every file.
pub struct FullBuild {
    loaded: Loaded,
    snapshot: Snapshot,
    took: Duration,
}

impl FullBuild {
    /// Loads the whole site from disk and renders every file.
    pub fn run(project: &Project) -> Result<FullBuild, Vec<Diagnostic>> {
        let started = Instant::now();
        let loaded = crate::load(project, Texts::Keep)?;
        let renderer = Renderer::new(&loaded.site, &loaded.bodies, &loaded.theme, &loaded.locales);
        let outputs = renderer.render_all().map_err(|d| d.into_sorted())?;
        let files = outputs.into_iter().map(|o| (o.path, Arc::new(o.bytes))).collect();
        Ok(FullBuild { loaded, snapshot: Snapshot { files }, took: started.elapsed() })
    }
}

/// Same references (targets and anchors) and same headings: nothing another page sees changed.
fn same_links(a: &Outline, b: &Outline) -> bool {
    let refs = |s: &Outline| s.refs.iter().map(|r| (r.target.clone(), r.anchor.clone())).collect::<Vec<_>>();
    let anchors = |s: &Outline| s.headings.iter().map(|h| h.anchor.clone()).collect::<Vec<_>>();
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

type Sources = (Vec<Arc<Source>>, Vec<Option<Scanned>>, HashSet<PathBuf>);

/// The old sources with the changed files re-read (added, replaced or removed), the scanned
/// bodies to reuse, and the display paths that changed.
fn updated_sources(
    project: &Project,
    old: &Site,
    bodies: &[Arc<Compiled>],
    changed: &[PathBuf],
) -> Result<Sources, Vec<Diagnostic>> {
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
    for ((source, outline), body) in old.sources.iter().zip(&old.outlines).zip(bodies) {
        let replaced = fresh.iter().position(|(p, _)| p.as_os_str() == source.path.as_os_str());
        match replaced.map(|i| fresh.swap_remove(i).1) {
            Some(Some(new)) => {
                sources.push(Arc::new(new));
                scans.push(None);
            }
            Some(None) => {}
            None => {
                sources.push(Arc::clone(source));
                scans.push(Some((Arc::clone(outline), Arc::clone(body))));
            }
        }
    }
    for new in fresh.into_iter().filter_map(|(_, s)| s) {
        sources.push(Arc::new(new));
        scans.push(None);
    }
    Ok((sources, scans, touched))
}
