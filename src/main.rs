//! The `ocaq` command: parses arguments, calls the library, prints.

use clap::{Parser, Subcommand, ValueEnum};
use ocaq::BuildOptions;
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

mod print;

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
                Ok(report) => print::built(&report),
                Err(e) => print::failed(&e, "build failed", "nothing was published"),
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
            let result = ocaq::check::check(&opts);
            match format {
                Format::Json => print::check_json(&result, strict),
                Format::Text => print::check_text(&result, strict),
            }
        }
        Command::New { path, root } => match ocaq::new_page(&root, &path, &ocaq::today()) {
            Ok(files) => print::created(&files),
            Err(e) => print::failed(&e, "cannot create the page", "nothing was created"),
        },
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
