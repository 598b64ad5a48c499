//! The `guidesite` command line: parses arguments, calls the library, prints diagnostics and
//! chooses the exit status (0 success, 1 content errors, 2 usage errors).

use clap::{Parser, Subcommand};
use guidesite::diagnostic::counted;
use guidesite::site::Texts;
use guidesite::{Diagnostic, Observer, Project, Unobserved};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Building a site allocates many small strings; mimalloc is markedly faster at that than
/// the system allocator (measured in BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Build multilingual guidance sites: one page per indicator, links that work from disk.
#[derive(Parser)]
#[command(name = "guidesite", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced whole, only when the build succeeds).
    Build {
        /// The site root (holds content/, locales/, themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: public/ in the site root). Replaced whole, so it
        /// must be missing, empty or an earlier output, unless --force.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the output folder even when guidesite did not write it (never the site's
        /// own folders or your home folder).
        #[arg(long)]
        force: bool,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// How to print errors and warnings: `text` for people, `json` for tools (one JSON
        /// object per line on stdout: severity, path, line, column, message, help, snippet).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Run every check of `build` and write nothing; the exit status says whether it passed.
    Check {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print errors and warnings: `text` for people, `json` for tools (one JSON
        /// object per line on stdout: severity, path, line, column, message, help, snippet).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Create a small working site in a new folder.
    Init {
        /// The folder to create (must be absent or empty).
        dir: PathBuf,
    },
    /// Preview the site with live reload, or serve a built site to a local network.
    #[cfg(feature = "serve")]
    Serve {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port (the next free one is used when it is taken; 0 picks any).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; 0.0.0.0 makes it reachable from the local network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// Serve this built folder (or unpacked bundle) as it is: no watcher, no reload script.
        #[arg(long = "static", value_name = "DIR")]
        static_dir: Option<PathBuf>,
    },
    /// Run the language server for editors (LSP over standard input and output).
    #[cfg(feature = "lsp")]
    Lsp {
        /// The site root, or a folder inside it (the editor's workspace folder wins).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build an offline bundle (a zip to open from disk or a USB stick), verified complete.
    Pack {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Languages to include, comma-separated (default: all).
        #[arg(long, value_delimiter = ',')]
        lang: Vec<String>,
        /// The zip to write (default: guide-offline.zip in the site root). An existing file is
        /// replaced only when it is an earlier bundle, unless --force.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the zip even when it is not an earlier guidesite bundle.
        #[arg(long)]
        force: bool,
    },
    /// Translation work: what is missing or out of date, and marking reviewed translations.
    I18n {
        #[command(subcommand)]
        command: I18nCommand,
    },
}

#[derive(Subcommand)]
enum I18nCommand {
    /// Per language: pages translated, title-only, outdated and missing, with the pages.
    Status {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit with status 1 when any page is not translated and current.
        #[arg(long)]
        strict: bool,
    },
    /// Record translations as made from the current source (after review).
    Mark {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Translation files, such as content/framework/2/2.1.3.fr.md.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { root, output, force, timings, format } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            build(root, output, force, timings, format)
        }
        Command::Check { root, format } => check(root, format),
        Command::Init { dir } => init(dir),
        Command::Pack { root, lang, output, force } => {
            let output = output.unwrap_or_else(|| root.join("guide-offline.zip"));
            pack(root, lang, output, force)
        }
        #[cfg(feature = "serve")]
        Command::Serve { root, port, bind, open, static_dir } => {
            serve(root, guidesite::serve::Options { bind, port, open, static_dir })
        }
        #[cfg(feature = "lsp")]
        Command::Lsp { root } => match guidesite::lsp::run(&root) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: the language server stopped: {e}");
                ExitCode::FAILURE
            }
        },
        Command::I18n { command: I18nCommand::Status { root, format, strict } } => i18n_status(root, format, strict),
        Command::I18n { command: I18nCommand::Mark { root, files } } => i18n_mark(root, files),
    }
}

fn build(root: PathBuf, dest: PathBuf, force: bool, show_timings: bool, format: Format) -> ExitCode {
    let started = Instant::now();
    let project = Project::new(&root);
    let observer: &dyn Observer = if show_timings { &PrintedTimings } else { &Unobserved };
    let built = match guidesite::build_to(&project, &dest, force, observer) {
        Ok(built) => built,
        Err(diagnostics) => return report_failure_as(&diagnostics, format),
    };
    print_diagnostics_as(&built.warnings, format);
    eprintln!(
        "Built {} in {} ({}) into {} in {:.2} s",
        counted(built.site.pages.len(), "page", "pages"),
        counted(built.site.langs.len(), "language", "languages"),
        counted(built.files, "file", "files"),
        dest.display(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// `build --timings`: each stage's time on standard error as it ends.
struct PrintedTimings;

impl Observer for PrintedTimings {
    fn took(&self, stage: &str, took: std::time::Duration) {
        eprintln!("{:>8.1} ms  {stage}", took.as_secs_f64() * 1000.0);
    }
}

fn check(root: PathBuf, format: Format) -> ExitCode {
    match guidesite::check(&Project::new(&root)) {
        Ok(built) => {
            print_diagnostics_as(&built.warnings, format);
            eprintln!(
                "No errors: {} in {}, {}",
                counted(built.site.pages.len(), "page", "pages"),
                counted(built.site.langs.len(), "language", "languages"),
                counted(built.warnings.len(), "warning", "warnings")
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => report_failure_as(&diagnostics, format),
    }
}

fn init(dir: PathBuf) -> ExitCode {
    match guidesite::init::init(&dir) {
        Ok(files) => {
            for file in files {
                eprintln!("  created {}", dir.join(file).display());
            }
            eprintln!("A new site is ready. Next: guidesite build --root {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot create the site: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(feature = "serve")]
fn serve(root: PathBuf, options: guidesite::serve::Options) -> ExitCode {
    let say: guidesite::serve::Say = std::sync::Arc::new(|line: String| eprintln!("{line}"));
    match guidesite::serve::run(Project::new(root), options, say) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

fn pack(root: PathBuf, langs: Vec<String>, output: PathBuf, force: bool) -> ExitCode {
    let started = Instant::now();
    if let Err(refusal) = guidesite::pack::check_zip_destination(&output, force) {
        return report_failure(&[refusal]);
    }
    let project = Project::new(&root);
    let (outputs, folder) = match guidesite::pack::bundle(&project, &langs)
        .and_then(|outputs| guidesite::pack::folder_name(&project).map(|folder| (outputs, folder)))
    {
        Ok(bundle) => bundle,
        Err(diagnostics) => return report_failure(&diagnostics),
    };
    if let Err(e) = guidesite::pack::write_zip(&outputs, &folder, &output) {
        let failed = Diagnostic::error(&output, format!("cannot write the bundle: {e}"))
            .help("check that the folder exists and is writable and that the disk has room; nothing was written");
        return report_failure(&[failed]);
    }
    let size = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "Packed {} ({:.1} MB) into {} in {:.2} s; every link inside was checked. Unzip it and open {folder}/index.html.",
        counted(outputs.len(), "file", "files"),
        size as f64 / 1e6,
        output.display(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

fn i18n_status(root: PathBuf, format: Format, strict: bool) -> ExitCode {
    let loaded = match guidesite::load(&Project::new(&root), Texts::Keep) {
        Ok(loaded) => loaded,
        Err(diagnostics) => return report_failure(&diagnostics),
    };
    let statuses = guidesite::i18n::status(&loaded.site);
    match format {
        Format::Json => match serde_json::to_string_pretty(&statuses) {
            Ok(json) => print_stdout(&(json + "\n")),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        },
        Format::Text => print_status_text(&statuses, loaded.site.pages.len()),
    }
    let incomplete = statuses.iter().any(|s| s.current < loaded.site.pages.len());
    if strict && incomplete {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_status_text(statuses: &[guidesite::i18n::LangStatus], total: usize) {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "{} in the source language", counted(total, "page", "pages"));
    let _ = writeln!(out, "{:<6} {:>8} {:>9} {:>11} {:>8}", "lang", "current", "outdated", "title-only", "missing");
    for s in statuses {
        let _ = writeln!(out, "{:<6} {:>8} {:>9} {:>11} {:>8}", s.lang, s.current, s.outdated, s.title_only, s.missing);
    }
    for s in statuses.iter().filter(|s| !s.pages.is_empty()) {
        let _ = writeln!(out, "\n{}:", s.lang);
        for e in &s.pages {
            let state =
                serde_json::to_value(e.state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            let _ = writeln!(out, "  {:<11} {:<24} {}", state, e.id, e.path.display());
        }
    }
    print_stdout(&out);
}

/// Prints to stdout; a closed pipe (`| head`) is not an error.
fn print_stdout(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn i18n_mark(root: PathBuf, files: Vec<PathBuf>) -> ExitCode {
    let loaded = match guidesite::load(&Project::new(&root), Texts::Keep) {
        Ok(loaded) => loaded,
        Err(diagnostics) => return report_failure(&diagnostics),
    };
    match guidesite::i18n::mark(&root, &loaded.site, &files) {
        Ok(changed) => {
            eprintln!("Marked {} translation{} as current", changed.len(), if changed.len() == 1 { "" } else { "s" });
            ExitCode::SUCCESS
        }
        Err(diagnostics) => report_failure(&diagnostics),
    }
}

/// Text goes to stderr for people; JSON lines go to stdout for tools (CI annotations,
/// editors), while the summary line stays on stderr.
fn print_diagnostics_as(diagnostics: &[Diagnostic], format: Format) {
    for d in diagnostics {
        match format {
            Format::Text => eprintln!("{d}"),
            Format::Json => match serde_json::to_string(d) {
                Ok(line) => println!("{line}"),
                Err(e) => eprintln!("error: cannot write a diagnostic as JSON: {e}"),
            },
        }
    }
}

fn report_failure(diagnostics: &[Diagnostic]) -> ExitCode {
    report_failure_as(diagnostics, Format::Text)
}

fn report_failure_as(diagnostics: &[Diagnostic], format: Format) -> ExitCode {
    print_diagnostics_as(diagnostics, format);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    eprintln!("Failed with {}; nothing was written.", counted(errors, "error", "errors"));
    ExitCode::from(1)
}
