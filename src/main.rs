//! The `guidesite` command line: parses arguments, calls the library, prints diagnostics and
//! chooses the exit status (0 success, 1 content errors, 2 usage errors).

use clap::{Parser, Subcommand};
use guidesite::{Diagnostic, Project};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

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
        /// Where to write the site (relative paths are taken from the root).
        #[arg(long, short, default_value = "public")]
        output: PathBuf,
    },
    /// Run every check of `build` and write nothing; the exit status says whether it passed.
    Check {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a small working site in a new folder.
    Init {
        /// The folder to create (must be absent or empty).
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { root, output } => build(root, output),
        Command::Check { root } => check(root),
        Command::Init { dir } => init(dir),
    }
}

fn build(root: PathBuf, output: PathBuf) -> ExitCode {
    let started = Instant::now();
    let project = Project::new(&root);
    let built = match guidesite::build(&project) {
        Ok(built) => built,
        Err(diagnostics) => return report_failure(&diagnostics),
    };
    print_diagnostics(&built.warnings);
    let dest = if output.is_absolute() { output } else { root.join(output) };
    if let Err(e) = guidesite::output::write_atomically(&built.outputs, &dest) {
        eprintln!("error: cannot write the site to {}: {e}", dest.display());
        eprintln!("  = help: check that the folder is writable; the previous output was left as it was");
        return ExitCode::from(1);
    }
    eprintln!(
        "Built {} pages in {} languages ({} files) into {} in {:.2} s",
        built.site.pages.len(),
        built.site.langs.len(),
        built.outputs.len(),
        dest.display(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

fn check(root: PathBuf) -> ExitCode {
    match guidesite::build(&Project::new(&root)) {
        Ok(built) => {
            print_diagnostics(&built.warnings);
            eprintln!(
                "No errors: {} pages in {} languages, {} warnings",
                built.site.pages.len(),
                built.site.langs.len(),
                built.warnings.len()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => report_failure(&diagnostics),
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

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

fn report_failure(diagnostics: &[Diagnostic]) -> ExitCode {
    print_diagnostics(diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    eprintln!("Failed with {errors} error{}; nothing was written.", if errors == 1 { "" } else { "s" });
    ExitCode::from(1)
}
