//! The `planwright` command: parse arguments, call the library, print diagnostics, exit.
//!
//! Exit codes: 0 ok, 1 invalid plan (or warnings under `--strict`), 2 I/O or internal failure.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use planwright::error::Error;
use planwright::render::Format;
use planwright::{Engine, output};

/// Turn a sales or business plan written in YAML into a board-ready report.
#[derive(Parser)]
#[command(name = "planwright", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check plans and write their reports (`output/<plan>/<plan>.{md,html,pdf}`).
    Render {
        /// Plan files (YAML).
        #[arg(required = true)]
        plans: Vec<PathBuf>,
        /// Output folder; each plan gets a sub-folder named after it.
        #[arg(short, long, default_value = "output")]
        out: PathBuf,
        /// Formats to write, comma-separated: md, html, pdf.
        #[arg(short, long, default_value = "md,html,pdf", value_delimiter = ',')]
        formats: Vec<String>,
        /// Folder of templates that override the built-in ones file by file.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Treat warnings as errors: write nothing and exit 1.
        #[arg(long)]
        strict: bool,
        /// A TrueType/OpenType font for the PDF instead of the bundled Noto Sans SC.
        #[arg(long, value_name = "FILE")]
        font: Option<PathBuf>,
        /// The bold face to go with `--font` (default: `--font` itself).
        #[arg(long, value_name = "FILE", requires = "font")]
        bold_font: Option<PathBuf>,
    },
    /// Check plans and print every error and warning.
    Check {
        /// Plan files (YAML).
        #[arg(required = true)]
        plans: Vec<PathBuf>,
        /// Exit 1 on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Write a commented starter plan.
    New {
        /// `annual` (board report) or `monthly` (battle plan).
        #[arg(value_parser = ["annual", "monthly"])]
        kind: String,
        /// Where to write it (default: `<kind>-plan.yaml`).
        path: Option<PathBuf>,
    },
    /// Work with the built-in templates.
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
}

#[derive(Subcommand)]
enum TemplatesAction {
    /// Write the built-in templates into a folder, to edit and pass with `--templates`.
    Export {
        /// Target folder (created; existing files are kept unless --force).
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// How a run ended, ordered by how bad.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Ok = 0,
    Invalid = 1,
    Failed = 2,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Render { plans, out, formats, templates, strict, font, bold_font } => {
            let fonts = Fonts { regular: font, bold: bold_font };
            render(&plans, &out, &formats, templates.as_deref(), strict, &fonts)
        }
        Command::Check { plans, strict } => check(&plans, strict),
        Command::New { kind, path } => new(&kind, path),
        Command::Templates { action: TemplatesAction::Export { dir, force } } => {
            export(&dir, force)
        }
    };
    ExitCode::from(outcome as u8)
}

fn fail(e: &Error) -> Outcome {
    eprintln!("error: {e}");
    Outcome::Failed
}

/// Checks one plan, prints its diagnostics; returns the valid plan unless it must stop.
/// A valid plan, and how many warnings it has.
type Loaded = (planwright::model::Plan, planwright::figures::Figures, usize);

/// Checks one plan and prints its diagnostics; `rendering` adds "nothing written" to the
/// verdict of a plan that must stop.
fn load(path: &Path, strict: bool, rendering: bool) -> Result<Loaded, Outcome> {
    let source = planwright::read_plan(path).map_err(|e| fail(&e))?;
    let checked = planwright::check(&path.display().to_string(), &source);
    let d = &checked.diagnostics;
    if !d.items.is_empty() {
        eprint!("{}", d.render());
    }
    let (errors, warnings) = (d.error_count(), d.warning_count());
    if errors > 0 || (strict && warnings > 0) {
        let what = match (errors, warnings) {
            (0, w) => format!("{w} warning(s) (--strict)"),
            (e, 0) => format!("{e} error(s)"),
            (e, w) => format!("{e} error(s), {w} warning(s)"),
        };
        let tail = if rendering { "; nothing written" } else { "" };
        eprintln!("error: `{}` has {what}{tail}", path.display());
        return Err(Outcome::Invalid);
    }
    checked.valid.map(|(p, f)| (p, f, warnings)).ok_or(Outcome::Invalid)
}

/// Font files named on the command line.
struct Fonts {
    regular: Option<PathBuf>,
    bold: Option<PathBuf>,
}

impl Fonts {
    /// Reads and parses the named fonts, if any.
    fn load(&self) -> Result<Option<planwright::render::pdf::Fonts>, Error> {
        let Some(regular) = &self.regular else { return Ok(None) };
        let read = |p: &Path| -> Result<(String, Vec<u8>), Error> {
            let bytes =
                std::fs::read(p).map_err(|source| Error::Read { path: p.to_path_buf(), source })?;
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            Ok((planwright::render::pdf::fonts::postscript_name(&stem), bytes))
        };
        let bold = self.bold.as_deref().map(read).transpose()?;
        planwright::render::pdf::Fonts::from_files(read(regular)?, bold).map(Some)
    }
}

fn render(
    plans: &[PathBuf],
    out: &Path,
    formats: &[String],
    templates: Option<&Path>,
    strict: bool,
    fonts: &Fonts,
) -> Outcome {
    let mut wanted = Vec::new();
    for f in formats {
        match Format::parse(f) {
            Some(fmt) if !wanted.contains(&fmt) => wanted.push(fmt),
            Some(_) => {}
            None => return fail(&Error::UnknownFormat(f.clone())),
        }
    }
    let engine = match Engine::new(templates) {
        Ok(e) => e,
        Err(e) => return fail(&e),
    };
    let engine = match fonts.load() {
        Ok(Some(f)) => engine.with_fonts(f),
        Ok(None) => engine,
        Err(e) => return fail(&e),
    };
    // Two plans with one file name would overwrite each other's report.
    let mut names = std::collections::BTreeMap::new();
    for path in plans {
        if let Some(first) = names.insert(output::report_name(path), path) {
            eprintln!(
                "error: `{}` and `{}` would both write `{}`\nhint: rename one, or render them with different `-o` folders",
                first.display(),
                path.display(),
                out.join(output::report_name(path)).display()
            );
            return Outcome::Failed;
        }
    }
    let mut worst = Outcome::Ok;
    for path in plans {
        let (plan, figures, _) = match load(path, strict, true) {
            Ok(v) => v,
            Err(o) => {
                worst = worst.max(o);
                continue;
            }
        };
        let name = output::report_name(path);
        // Everything is rendered in memory first: a failure leaves no partial report.
        let report = match engine.render(&plan, &figures, &name, &wanted) {
            Ok(r) => r,
            Err(e) => {
                worst = worst.max(fail(&e));
                continue;
            }
        };
        for w in &report.warnings {
            eprintln!("warning: {}: {w}", path.display());
        }
        if strict && !report.warnings.is_empty() {
            let n = report.warnings.len();
            eprintln!(
                "error: `{}` has {n} rendering warning(s) (--strict); nothing written",
                path.display()
            );
            worst = worst.max(Outcome::Invalid);
            continue;
        }
        for f in report.files {
            let file = out.join(&name).join(&f.path);
            match output::write_atomic(&file, &f.bytes) {
                Ok(()) => println!("wrote {}", file.display()),
                Err(e) => worst = worst.max(fail(&e)),
            }
        }
    }
    worst
}

fn check(plans: &[PathBuf], strict: bool) -> Outcome {
    let mut worst = Outcome::Ok;
    for path in plans {
        match load(path, strict, false) {
            Ok((.., 0)) => println!("ok {}", path.display()),
            Ok((.., w)) => println!("ok {} ({w} warning(s))", path.display()),
            Err(o) => worst = worst.max(o),
        }
    }
    worst
}

fn new(kind: &str, path: Option<PathBuf>) -> Outcome {
    let Some(text) = planwright::starter::starter(kind) else {
        eprintln!("error: no starter plan `{kind}`\nhint: use `annual` or `monthly`");
        return Outcome::Invalid;
    };
    let path = path.unwrap_or_else(|| PathBuf::from(format!("{kind}-plan.yaml")));
    if path.exists() {
        eprintln!(
            "error: `{}` already exists; nothing written\nhint: name another file: `planwright new {kind} my-plan.yaml`",
            path.display()
        );
        return Outcome::Failed;
    }
    match output::write_atomic(&path, text.as_bytes()) {
        Ok(()) => {
            println!(
                "wrote {}\nnext: edit it, then `planwright render {}`",
                path.display(),
                path.display()
            );
            Outcome::Ok
        }
        Err(e) => fail(&e),
    }
}

fn export(dir: &Path, force: bool) -> Outcome {
    let mut worst = Outcome::Ok;
    for (name, text) in planwright::templates::BUILTINS {
        let path = dir.join(name);
        if path.exists() && !force {
            println!("kept {} (exists; --force overwrites)", path.display());
            continue;
        }
        match output::write_atomic(&path, text.as_bytes()) {
            Ok(()) => println!("wrote {}", path.display()),
            Err(e) => worst = worst.max(fail(&e)),
        }
    }
    worst
}
