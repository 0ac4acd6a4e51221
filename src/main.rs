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
    /// Problems one per line on stderr, with the line they are on.
    Text,
    /// JSON on stdout: `check`'s whole report, `build`'s problems.
    Json,
    /// GitHub workflow annotations on stdout, shown on the lines of a pull request.
    Github,
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
        /// How to print problems.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
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
    /// Record that translations are up to date with their default-language page:
    /// `ocaq translated content/about.en.md`.
    Translated {
        /// The translations' files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
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

// A build allocates millions of small strings on every core at once; glibc's
// allocator spent a fifth of the build's time in malloc and free (perf), mimalloc
// a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // mimalloc asks the kernel for huge pages, so each first touch of fresh memory
    // zeroed 2 MB (a tenth of a large build's perf samples) and the peak memory was
    // counted in 2 MB steps. Without them the kernel zeroes only the pages used.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
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
            format,
        } => {
            let opts = BuildOptions {
                root,
                out,
                base_url,
                drafts,
                minify: !no_minify,
            };
            let result = ocaq::build(&opts);
            match (format, result) {
                (Format::Github, result) => print::build_github(&result, &opts.root),
                (Format::Json, result) => print::build_json(&result),
                (_, Ok(report)) => print::built(&report),
                (_, Err(e)) => print::failed(&e, "build failed", "nothing was published"),
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
            let root = &opts.root;
            match format {
                Format::Json => print::check_json(&result, strict),
                Format::Github => print::check_github(&result, strict, root),
                Format::Text => print::check_text(&result, strict),
            }
        }
        Command::New { path, root } => match ocaq::new_page(&root, &path, &ocaq::today()) {
            Ok(files) => print::created(&files),
            Err(e) => print::failed(&e, "cannot create the page", "nothing was created"),
        },
        Command::Translated { files, root } => match ocaq::translated(&root, &files) {
            Ok(marked) => print::translated(&marked),
            Err(e) => print::failed(&e, "cannot mark the translations", "no file was changed"),
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
