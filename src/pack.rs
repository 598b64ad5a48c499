//! `guidesite pack`: an offline bundle of the site for field offices — a zip that works
//! unpacked on a USB stick or a shared folder, opened from `index.html` with no network.
//!
//! The bundle is rendered for the chosen languages only (the landing page, switchers and
//! search list just those), gets a short read-me per language, and is verified before the zip
//! is written: every link and asset must resolve inside the bundle.

use crate::diagnostic::Diagnostic;
use crate::output::Output;
use crate::render::Renderer;
use crate::{linkcheck, Project};
use std::io::Write;
use std::path::Path;

/// Renders and verifies the bundle for `langs` (all the site's languages when empty).
pub fn bundle(project: &Project, langs: &[String]) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let mut loaded = crate::load(project, crate::site::Texts::Release)?;
    let site = &mut loaded.site;
    if !langs.is_empty() {
        let unknown: Vec<&String> = langs.iter().filter(|l| !site.langs.contains(l)).collect();
        if !unknown.is_empty() {
            let listed: Vec<String> = unknown.iter().map(|l| format!("`{l}`")).collect();
            return Err(vec![Diagnostic::error(
                project.display(&project.settings_path()),
                format!("not a language of this site: {}", listed.join(", ")),
            )
            .help(format!("choose from {}", site.langs.join(", ")))]);
        }
        site.langs.retain(|l| langs.contains(l));
    }
    // Absolute URLs would leave the bundle.
    site.config.base_url = None;
    let renderer = Renderer::new(&loaded.site, &loaded.theme, &loaded.locales);
    let mut outputs = renderer.render_all().map_err(|d| d.into_sorted())?;
    for lang in &loaded.site.langs {
        let text = loaded.locales.get(lang).format("pack-readme", None).unwrap_or_default();
        outputs.push(Output::new(format!("README-{lang}.txt"), format!("{text}\n").into_bytes()));
    }
    verify(&outputs)?;
    Ok(outputs)
}

/// Every link and asset of the bundle must resolve inside it.
pub fn verify(outputs: &[Output]) -> Result<(), Vec<Diagnostic>> {
    let broken = linkcheck::check(outputs);
    if broken.is_empty() {
        return Ok(());
    }
    Err(broken
        .into_iter()
        .map(|b| {
            Diagnostic::error(&b.page, format!("link `{}` {}", b.link, b.reason))
                .help("the bundle must be complete offline: fix the link or include the language it points to")
        })
        .collect())
}

/// Writes the bundle as a zip (deflated), through a temporary file so a failure leaves no
/// half-written archive.
pub fn write_zip(outputs: &[Output], path: &Path) -> std::io::Result<()> {
    let partial = path.with_extension("zip.partial");
    let result = (|| {
        let file = std::fs::File::create(&partial)?;
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let mut sorted: Vec<&Output> = outputs.iter().collect();
        sorted.sort_by(|a, b| a.path.cmp(&b.path));
        for output in sorted {
            zip.start_file(output.path.as_str(), options).map_err(std::io::Error::other)?;
            zip.write_all(&output.bytes)?;
        }
        zip.finish().map_err(std::io::Error::other)?.flush()
    })();
    match result {
        Ok(()) => std::fs::rename(&partial, path),
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}
