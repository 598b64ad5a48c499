//! `guidesite pack`: an offline bundle of the site for field offices — a zip that works
//! unpacked on a USB stick or a shared folder, opened from `index.html` with no network.
//!
//! The bundle is rendered for the chosen languages only (the landing page, switchers and
//! search list just those), gets a short read-me per language, and is verified before the zip
//! is written: every link and asset must resolve inside the bundle. Everything sits in one
//! folder named after the guide and its build date ([`folder_name`]), so unzipping never
//! spills a thousand files into the folder it happens in.

use crate::diagnostic::Diagnostic;
use crate::output::Output;
use crate::render::Renderer;
use crate::{linkcheck, Project};
use std::io::Write;
use std::path::Path;

/// Renders and verifies the bundle for `langs` (all the site's languages when empty).
pub fn bundle(project: &Project, langs: &[String]) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let mut loaded = crate::load(project, crate::site::Texts::Release)?;
    if let Err(unknown) = loaded.site.offline_copy(langs) {
        let listed: Vec<String> = unknown.iter().map(|l| format!("`{l}`")).collect();
        return Err(vec![Diagnostic::error(
            project.display(&project.settings_path()),
            format!("not a language of this site: {}", listed.join(", ")),
        )
        .help(format!("choose from {}", loaded.site.langs.join(", ")))]);
    }
    let renderer = Renderer::new(&loaded.site, &loaded.bodies, &loaded.theme, &loaded.locales);
    let mut outputs = renderer.render_all().map_err(|d| d.into_sorted())?;
    for lang in &loaded.site.langs {
        let text = loaded.locales.get(lang).format("pack-readme", None).unwrap_or_default();
        outputs.push(Output::new(format!("README-{lang}.txt"), format!("{text}\n").into_bytes()));
    }
    verify(&outputs)?;
    Ok(outputs)
}

/// The bundle's one top folder: the site's title as a file name, then the build date
/// (`client-protection-detailed-guidance-2026-12-07`).
pub fn folder_name(project: &Project) -> Result<String, Vec<Diagnostic>> {
    let config = crate::project::Config::load(project)?;
    let mut name = crate::markdown::anchor_for(&config.title);
    if name.is_empty() {
        name.push_str("guide");
    }
    Ok(format!("{name}-{}", crate::edition::build_date()))
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

/// The comment every bundle carries, so a later `pack` knows the file is its own.
const BUNDLE_COMMENT: &str = "guidesite offline bundle";

/// Checks that `path` may be written: missing, or an earlier bundle (anything but a folder
/// with `force`).
pub fn check_zip_destination(path: &Path, force: bool) -> Result<(), Diagnostic> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(Diagnostic::error(path, "this is a folder; `pack` writes a zip file")
            .help("name the zip to write, such as -o guide-offline.zip"));
    }
    if force || is_bundle(path) {
        return Ok(());
    }
    Err(Diagnostic::error(path, "this file exists and is not a guidesite bundle; `pack` would replace it")
        .help("choose another file name with -o, or pass --force to replace it"))
}

fn is_bundle(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    zip::ZipArchive::new(file).is_ok_and(|archive| archive.comment() == BUNDLE_COMMENT.as_bytes())
}

/// Writes the bundle as a zip (deflated), creating its folder when missing: made in memory,
/// then written to a temporary file beside `path` and renamed, so a failure leaves neither a half-written archive nor the
/// temporary file.
pub fn write_zip(outputs: &[Output], folder: &str, path: &Path) -> std::io::Result<()> {
    let bytes = zip_bytes(outputs, folder)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = path.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let written = std::fs::write(&partial, &bytes).and_then(|()| std::fs::rename(&partial, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

fn zip_bytes(outputs: &[Output], folder: &str) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.set_comment(BUNDLE_COMMENT).map_err(std::io::Error::other)?;
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut sorted: Vec<&Output> = outputs.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for output in sorted {
        zip.start_file(format!("{folder}/{}", output.path), options).map_err(std::io::Error::other)?;
        zip.write_all(&output.bytes)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}
