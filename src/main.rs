//! The `ocaq` command: parses arguments, calls the library, prints.

use clap::{Parser, Subcommand, ValueEnum};
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

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
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
        /// Keep HTML and CSS as the templates write them.
        #[arg(long)]
        no_minify: bool,
    },
    /// Check everything a build checks, and report translation coverage; writes nothing.
    Check {
        /// The folder that holds site.yaml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new page in every language: `ocaq new programmes/youth-house`.
    New {
        /// Path of the page inside content/, without language or extension.
        path: String,
        /// The folder that holds site.yaml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build, serve on 127.0.0.1, rebuild on change and reload the browser.
    Serve {
        /// The folder that holds site.yaml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
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

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
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
            no_minify,
        } => {
            let opts = BuildOptions {
                root,
                out,
                base_url,
                drafts,
                minify: !no_minify,
            };
            match ocaq::build(&opts) {
                Ok(report) => {
                    print_all(&report.warnings);
                    let photos = if report.images.pictures == 0 {
                        String::new()
                    } else {
                        format!(
                            ", {} (copies: {} resized, {} from the cache)",
                            plural(report.images.pictures, "photo"),
                            report.images.made,
                            report.images.reused
                        )
                    };
                    eprintln!(
                        "built {} ({}){photos} into {} in {} ms{}",
                        plural(report.pages, "page"),
                        plural(report.files, "file"),
                        report.out.display(),
                        report.elapsed.as_millis(),
                        if report.warnings.is_empty() {
                            String::new()
                        } else {
                            format!(", {}", plural(report.warnings.len(), "warning"))
                        }
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, "build failed", "nothing was published"),
            }
        }
        Command::Check {
            root,
            strict,
            format,
            drafts,
        } => {
            let opts = BuildOptions {
                drafts,
                ..BuildOptions::new(root)
            };
            match ocaq::check::check(&opts) {
                Ok(report) => {
                    match format {
                        Format::Json => match serde_json::to_string_pretty(&report) {
                            Ok(json) => println!("{json}"),
                            Err(e) => eprintln!("cannot write the report: {e}"),
                        },
                        Format::Text => {
                            print_all(&report.diagnostics);
                            let languages: Vec<String> = report
                                .coverage
                                .first()
                                .map(|c| c.languages.keys().cloned().collect())
                                .unwrap_or_default();
                            println!(
                                "translations:\n{}",
                                ocaq::check::coverage_table(&report, &languages)
                            );
                            if !report.suppressed.is_empty() {
                                println!("statistics hidden to protect children:");
                                for s in &report.suppressed {
                                    println!("  {}", s.line());
                                }
                            }
                            println!(
                                "{}, {}",
                                plural(report.errors(), "error"),
                                plural(report.warnings(), "warning")
                            );
                        }
                    }
                    if report.errors() > 0 || (strict && report.warnings() > 0) {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => match format {
                    Format::Json => {
                        let json = serde_json::json!({"diagnostics": e.diagnostics(), "coverage": [], "unused": []});
                        println!(
                            "{}",
                            serde_json::to_string_pretty(&json).unwrap_or_default()
                        );
                        ExitCode::from(e.exit_code() as u8)
                    }
                    Format::Text => fail(&e, "check failed", "fix these and run it again"),
                },
            }
        }
        Command::New { path, root } => {
            let config = match ocaq::build::load_config(&root, None) {
                Ok(c) => c,
                Err(e) => return fail(&e, "cannot create the page", "site.yaml must be readable"),
            };
            match ocaq::new_page::new_page(&root, &config, &path, &ocaq::new_page::today()) {
                Ok(files) => {
                    for f in files {
                        println!("created {}", f.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    eprintln!("{d}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            drafts,
        } => {
            let opts = BuildOptions {
                drafts,
                minify: false,
                ..BuildOptions::new(root)
            };
            match ocaq::serve::serve(&opts, &bind, port, &mut |line| eprintln!("{line}")) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

fn fail(e: &BuildError, what: &str, consequence: &str) -> ExitCode {
    let diags = e.diagnostics();
    print_all(diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    eprintln!("{what}: {}; {consequence}", plural(errors, "error"));
    ExitCode::from(e.exit_code() as u8)
}
