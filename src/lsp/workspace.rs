//! The site as the editor sees it: every page file from disk, with the editor's unsaved
//! buffers in place of the files they show, checked by the same stages a build runs
//! (sources, outlines, the site graph and its checks). An edit re-reads one file and
//! re-checks the graph; nothing is rendered.

use crate::diagnostic::Diagnostic;
use crate::locales::Locales;
use crate::markdown::{self, Outline};
use crate::project::{Config, Project};
use crate::render::theme::Theme;
use crate::site::Site;
use crate::source::{self, Source};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Every page file, the last site graph that checked out, and the problems found.
pub(super) struct Workspace {
    pub(super) project: Project,
    config: Config,
    sources: Vec<Arc<Source>>,
    outlines: Vec<Arc<Outline>>,
    /// The last graph that assembled without errors: what completion, hover and navigation
    /// read while the text has errors.
    pub(super) site: Option<Site>,
    /// Errors of files that cannot be read as pages (bad front matter), by absolute path.
    unreadable: HashMap<PathBuf, Diagnostic>,
    /// The element ids the theme writes, which no heading may take (see
    /// [`Site::check_theme_ids`]), and the problems of the UI strings and theme themselves.
    theme_ids: BTreeMap<String, String>,
    theme_problems: Vec<Diagnostic>,
    /// Every problem of the last check, by absolute path.
    pub(super) problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
}

impl Workspace {
    /// Reads and checks every page file of the site at `project`.
    pub(super) fn load(project: Project) -> Result<Workspace, Vec<Diagnostic>> {
        let config = Config::load(&project)?;
        let (sources, problems) = source::load_all(&project, &config);
        let mut sources: Vec<Arc<Source>> = sources.into_iter().map(Arc::new).collect();
        let unread = vec![None; sources.len()];
        let (outlines, _) = crate::scan_bodies(&mut sources, unread, None);
        let unreadable = problems.iter().map(|d| (absolute(&project, d), d.clone())).collect();
        let (theme_ids, theme_problems) = theme_ids(&project, &config);
        let mut workspace = Workspace {
            project,
            config,
            sources,
            outlines,
            site: None,
            unreadable,
            theme_ids,
            theme_problems,
            problems: BTreeMap::new(),
        };
        workspace.check();
        Ok(workspace)
    }

    /// Takes the text of the page file at `file` (an editor's buffer, or the file as saved)
    /// in place of what was read before, and checks the site again.
    pub(super) fn update(&mut self, file: &Path, text: String) {
        if !is_page(&self.project, file) {
            return;
        }
        match source::from_text(&self.project, &self.config, file, text) {
            Ok(page) => {
                self.unreadable.remove(file);
                let outline = Arc::new(markdown::scan(page.body()).outline);
                match self.sources.iter().position(|s| s.file == file) {
                    Some(s) => {
                        self.sources[s] = Arc::new(page);
                        self.outlines[s] = outline;
                    }
                    None => {
                        self.sources.push(Arc::new(page));
                        self.outlines.push(outline);
                    }
                }
            }
            Err(problem) => {
                self.unreadable.insert(file.to_owned(), problem);
            }
        }
        self.check();
    }

    /// Reads the file at `file` from disk again (its buffer was closed), or forgets it when
    /// it is gone.
    pub(super) fn reload(&mut self, file: &Path) {
        match std::fs::read_to_string(file) {
            Ok(text) => self.update(file, text),
            Err(_) => {
                if let Some(s) = self.sources.iter().position(|s| s.file == file) {
                    self.sources.remove(s);
                    self.outlines.remove(s);
                }
                self.unreadable.remove(file);
                self.check();
            }
        }
    }

    /// Assembles and checks the graph: its errors and warnings become the problems, and the
    /// graph is kept when it has no errors.
    fn check(&mut self) {
        let assembled = Site::assemble(self.config.clone(), self.sources.clone(), self.outlines.clone());
        let found = match assembled {
            Ok((site, mut warnings)) => {
                warnings.extend(site.check_theme_ids(&self.theme_ids).iter().cloned());
                self.site = Some(site);
                warnings
            }
            Err(errors) => errors,
        };
        let all = found.iter().chain(self.unreadable.values()).chain(&self.theme_problems);
        self.problems = by_file(&self.project, all);
    }

    /// The page file at `file` as last read (its buffer when it is open and readable), with
    /// the outline of its body.
    pub(super) fn page(&self, file: &Path) -> Option<(&Source, &Outline)> {
        let s = self.sources.iter().position(|s| s.file == file)?;
        Some((&self.sources[s], &self.outlines[s]))
    }

    /// The language of the page file at `file`, from its name as a build reads it (`x.fr.md`).
    pub(super) fn lang_of(&self, file: &Path) -> String {
        source::language_of(&self.project.display(file), &self.config)
            .map_or_else(|_| self.config.default_language.clone(), |(lang, _)| lang)
    }
}

/// True for a page file of the site: what the workspace reads from an editor's buffer.
/// Settings, UI strings and templates are read from disk.
pub(super) fn is_page(project: &Project, file: &Path) -> bool {
    source::is_page_file(file) && file.starts_with(project.content_dir())
}

/// Problems by the absolute path of their file.
pub(super) fn by_file<'d>(
    project: &Project,
    problems: impl Iterator<Item = &'d Diagnostic>,
) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let mut found: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    for d in problems {
        found.entry(absolute(project, d)).or_default().push(d.clone());
    }
    found
}

fn absolute(project: &Project, d: &Diagnostic) -> PathBuf {
    project.root.join(&d.path)
}

/// The ids the theme writes (from its templates), and the problems of loading the UI strings
/// and the theme.
fn theme_ids(project: &Project, config: &Config) -> (BTreeMap<String, String>, Vec<Diagnostic>) {
    let locales = match Locales::load(project, config) {
        Ok((locales, _warnings)) => locales,
        Err(errors) => return (BTreeMap::new(), errors.into_sorted()),
    };
    match Theme::load(project, config, Arc::new(locales)) {
        Ok(theme) => (theme.ids, Vec::new()),
        Err(errors) => (BTreeMap::new(), errors.into_sorted()),
    }
}
