//! The `ocaq` command: parses arguments, calls the library, prints.

use clap::{Parser, Subcommand};
use ocaq::{BuildError, BuildOptions, Diagnostic};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ocaq",
    version,
    about = "Static site generator for SOS Children's Villages Azerbaijan"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --out).
    Build {
        /// The folder that holds site.yaml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Use this base URL instead of the one in site.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
}

fn print_all(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            drafts,
        } => {
            let opts = BuildOptions {
                root,
                out,
                base_url,
                drafts,
            };
            match ocaq::build(&opts) {
                Ok(report) => {
                    print_all(&report.warnings);
                    eprintln!(
                        "built {} pages ({} files) into {} in {} ms{}",
                        report.pages,
                        report.files,
                        report.out.display(),
                        report.elapsed.as_millis(),
                        if report.warnings.is_empty() {
                            String::new()
                        } else {
                            format!(", {} warnings", report.warnings.len())
                        }
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
    }
}

fn fail(e: &BuildError) -> ExitCode {
    let diags = e.diagnostics();
    print_all(diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    eprintln!(
        "build failed: {errors} error{}; nothing was published",
        if errors == 1 { "" } else { "s" }
    );
    ExitCode::from(e.exit_code() as u8)
}
