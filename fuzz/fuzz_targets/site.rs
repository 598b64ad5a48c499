//! The pipeline from one page file to every rendered output, in memory but for the file
//! itself: the `basic` fixture is loaded once; each input is written as one page file (a new
//! page, a replacement or a translation), read by `source::load_one` exactly as a build reads
//! it (UTF-8, language suffix, front matter), joins the fixture's pages in the site graph (ids,
//! parents, references, anchors) and, when the graph checks out, every output is rendered.
//!
//! The first byte picks where the page goes; the rest is the file's bytes.
#![no_main]

use guidesite::markdown;
use guidesite::render::Renderer;
use guidesite::site::{Site, Texts};
use guidesite::source::{self, Source};
use guidesite::{Loaded, Project};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The `basic` fixture, loaded once (config, locales, theme, sources).
fn fixture() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/basic");
        match guidesite::load(&Project::new(root), Texts::Keep) {
            Ok(loaded) => loaded,
            Err(diagnostics) => panic!("the fixture does not load: {diagnostics:#?}"),
        }
    })
}

/// A scratch project the input is written into (only its page file is ever read).
fn scratch() -> &'static Project {
    static SCRATCH: OnceLock<Project> = OnceLock::new();
    SCRATCH.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("guidesite-fuzz-site-{}", std::process::id()));
        for dir in ["content/framework/1", "content/glossary"] {
            std::fs::create_dir_all(root.join(dir)).expect("scratch folder");
        }
        Project::new(root)
    })
}

/// Where the page goes, and the fixture file it replaces.
const PLACES: &[(&str, Option<&str>)] = &[
    ("content/fuzz.md", None),
    ("content/framework/1/1.1.1.fr.md", None),
    ("content/about.md", Some("content/about.md")),
    ("content/home.fr.md", None),
    ("content/fuzz.fr.md", None),
    ("content/framework/1/1.1.md", Some("content/framework/1/1.1.md")),
    ("content/glossary/repayment-capacity.md", Some("content/glossary/repayment-capacity.md")),
    ("content/fuzz.de.md", None),
];

fuzz_target!(|data: &[u8]| {
    let Some((&place, file)) = data.split_first() else {
        return;
    };
    let (at, replaces) = PLACES[usize::from(place) % PLACES.len()];
    let loaded = fixture();
    let project = scratch();
    let path: PathBuf = project.root.join(at);
    std::fs::write(&path, file).expect("scratch file");
    let page = source::load_one(project, &loaded.site.config, &path);
    let _ = std::fs::remove_file(&path);
    let page = match page {
        Ok(page) => page,
        Err(diagnostic) => {
            let _ = diagnostic.to_string();
            return;
        }
    };
    let mut sources: Vec<Arc<Source>> =
        loaded.site.sources.iter().filter(|s| replaces.is_none_or(|r| s.path != Path::new(r))).cloned().collect();
    sources.push(Arc::new(page));

    let scans: Vec<markdown::Scan> = sources.iter().map(|s| markdown::scan(s.body())).collect();
    let outlines = scans.iter().map(|s| Arc::new(s.outline.clone())).collect();
    let bodies: Vec<_> = scans.into_iter().map(|s| Arc::new(s.compiled)).collect();
    let site = match Site::assemble(loaded.site.config.clone(), sources, outlines) {
        Ok((site, _warnings)) => site,
        Err(diagnostics) => {
            for d in diagnostics.iter() {
                let _ = d.to_string();
            }
            return;
        }
    };
    let renderer = Renderer::new(&site, &bodies, &loaded.theme, &loaded.locales);
    for job in renderer.all_jobs() {
        if let Err(d) = renderer.render(job) {
            let _ = d.to_string();
        }
    }
});
