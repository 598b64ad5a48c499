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
use crate::render::{Job, Renderer};
use crate::site::{Kind, PageIdx, Site};
use crate::source::{self, is_page_file, Source};
use crate::{Loaded, Project};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a rebuild did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebuild {
    /// Files rendered.
    pub rendered: usize,
    /// True when everything was reloaded and rendered.
    pub full: bool,
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
        let loaded = crate::load(&project)?;
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
        let loaded = crate::load(&self.project)?;
        let previous = std::mem::replace(&mut self.loaded, loaded);
        match self.render_everything() {
            Ok(rendered) => Ok(Rebuild { rendered, full: true }),
            Err(d) => {
                self.loaded = previous;
                Err(d)
            }
        }
    }

    fn renderer(&self) -> Renderer<'_> {
        Renderer { site: &self.loaded.site, theme: &self.loaded.theme, locales: &self.loaded.locales }
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
        let old = &self.loaded.site;
        let (sources, scans, touched) = updated_sources(&self.project, old, changed)?;
        let (site, _warnings) =
            Site::assemble_with_scans(old.config.clone(), sources, scans).map_err(|d| d.into_sorted())?;
        let dirty = match dirty_pages(old, &site, &touched) {
            Some(dirty) => dirty,
            None => {
                self.loaded.site = site;
                let rendered = self.render_everything()?;
                return Ok(Rebuild { rendered, full: true });
            }
        };
        let previous = std::mem::replace(&mut self.loaded.site, site);
        let renderer = self.renderer();
        let jobs: Vec<Job> =
            dirty.iter().flat_map(|&p| (0..renderer.site.langs.len()).map(move |l| Job::Page(p, l))).collect();
        let files = match render_jobs(&renderer, &jobs) {
            Ok(files) => files,
            Err(d) => {
                self.loaded.site = previous;
                return Err(d);
            }
        };
        let aggregates: Vec<(String, Job)> = renderer
            .all_jobs()
            .into_iter()
            .filter(|j| !matches!(j, Job::Page(..) | Job::Landing))
            .map(|j| (renderer.job_path(j), j))
            .collect();
        let rendered = files.len();
        self.files.extend(files);
        self.stale.extend(aggregates);
        Ok(Rebuild { rendered, full: false })
    }
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

type Sources = (Vec<Arc<Source>>, Vec<Option<Arc<crate::markdown::Scan>>>, HashSet<PathBuf>);

/// The old sources with the changed files re-read (added, replaced or removed), the scans to
/// reuse, and the display paths that changed.
fn updated_sources(project: &Project, old: &Site, changed: &[PathBuf]) -> Result<Sources, Vec<Diagnostic>> {
    let mut touched = HashSet::new();
    let mut fresh: HashMap<PathBuf, Option<Source>> = HashMap::new();
    let mut errors = Vec::new();
    for path in changed.iter().collect::<BTreeSet<_>>() {
        let shown = project.display(path);
        touched.insert(shown.clone());
        if !path.exists() {
            fresh.insert(shown, None);
            continue;
        }
        match source::load_one(project, &old.config, path) {
            Ok(s) => {
                fresh.insert(shown, Some(s));
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut sources = Vec::with_capacity(old.sources.len() + fresh.len());
    let mut scans = Vec::with_capacity(old.sources.len() + fresh.len());
    for (source, scan) in old.sources.iter().zip(&old.scans) {
        match fresh.remove(&source.path) {
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
    for new in fresh.into_values().flatten() {
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
