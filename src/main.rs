//! The `planwright` command: parse arguments, call the library, print diagnostics, exit.
//!
//! Exit codes: 0 ok, 1 invalid plan (or warnings under `--strict`), 2 I/O or internal failure.
//!
//! Messages are in the plan's language (its `meta.locale`); before a plan is read, in the
//! language of `LC_ALL`/`LC_MESSAGES`/`LANG` when it is English, else Chinese. A closed
//! standard output (`| head`) never stops a report from being written.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use planwright::error::Error;
use planwright::limits::MAX_RENDER_SECONDS;
use planwright::messages::Catalog;
use planwright::model::Locale;
use planwright::render::Format;
use planwright::{Engine, output, tr};

/// Turn a sales or business plan written in YAML into a board-ready report.
#[derive(Parser)]
#[command(name = "planwright", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where reports go and how they are made: the options `render` and `watch` share.
#[derive(clap::Args, Debug)]
struct ReportArgs {
    /// Output folder; each plan gets a sub-folder named after it.
    #[arg(short, long, default_value = "output")]
    out: PathBuf,
    /// Formats to write, comma-separated: md, html, pdf.
    #[arg(short, long, default_value = "md,html,pdf", value_delimiter = ',')]
    formats: Vec<String>,
    /// Folder of templates that override the built-in ones file by file.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// A theme file (`theme.toml`), or `print` / `colorful` for a built-in example.
    #[arg(long, value_name = "FILE")]
    theme: Option<PathBuf>,
}

impl ReportArgs {
    fn setup(&self) -> planwright::Setup<'_> {
        planwright::Setup { templates: self.templates.as_deref(), theme: self.theme.as_deref() }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Check plans and write their reports (`output/<plan>/<plan>.{md,html,pdf}`).
    ///
    /// Plans may be files, folders (every `*.yaml`/`*.yml` below, their structure kept under
    /// the output folder) or quoted globs (`'plans/**/*.yaml'`); they render in parallel.
    Render {
        /// Plan files, folders or globs.
        #[arg(required = true)]
        plans: Vec<PathBuf>,
        #[command(flatten)]
        report: ReportArgs,
        /// Treat warnings as errors: write nothing and exit 1.
        #[arg(long)]
        strict: bool,
        /// A TrueType/OpenType font for the PDF instead of the bundled Noto Sans SC.
        #[arg(long, value_name = "FILE")]
        font: Option<PathBuf>,
        /// The bold face to go with `--font` (default: `--font` itself).
        #[arg(long, value_name = "FILE", requires = "font")]
        bold_font: Option<PathBuf>,
        /// Render only the plans of shard K of N (`2/8`), split by a stable hash of each
        /// report's path: N machines given 1/N … N/N render every plan exactly once.
        #[arg(long, value_name = "K/N", value_parser = planwright::batch::Shard::parse)]
        shard: Option<planwright::batch::Shard>,
        /// Print one JSON object per plan on standard output (path, status, outputs,
        /// warnings and errors with line and column, milliseconds), then a summary object.
        #[arg(long)]
        json: bool,
        /// Print only errors and warnings.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Re-render a plan whenever it, a template or the theme changes; `--serve` shows the
    /// HTML report in a browser that reloads itself after each render.
    Watch {
        /// The plan file.
        plan: PathBuf,
        #[command(flatten)]
        report: ReportArgs,
        /// Serve the HTML report on 127.0.0.1 (this machine only; adds html to `--formats`).
        #[arg(long)]
        serve: bool,
        /// The port for `--serve` (0: any free port).
        #[arg(long, default_value_t = 8090, requires = "serve")]
        port: u16,
    },
    /// Check plans and print every error and warning.
    Check {
        /// Plan files (YAML).
        #[arg(required = true)]
        plans: Vec<PathBuf>,
        /// Exit 1 on warnings too.
        #[arg(long)]
        strict: bool,
        /// Folder of templates whose template sets `meta.kind` may name.
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// Print the JSON Schema of the plan format (for editors: completion, hover, validation).
    Schema {
        /// Write it to this file instead of standard output.
        #[arg(short, long)]
        out: Option<PathBuf>,
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
        Command::Render { plans, report, strict, font, bold_font, shard, json, quiet } => {
            let fonts = Fonts { regular: font, bold: bold_font };
            let show = Show { json, quiet };
            render(
                &plans,
                &report.out,
                &report.formats,
                report.setup(),
                strict,
                &fonts,
                shard,
                show,
            )
        }
        Command::Check { plans, strict, templates } => check(&plans, strict, templates.as_deref()),
        Command::Watch { plan, report, serve, port } => {
            watch(&plan, &report.out, &report.formats, report.setup(), serve.then_some(port))
        }
        Command::New { kind, path } => new(&kind, path),
        Command::Schema { out } => schema(out.as_deref()),
        Command::Templates { action: TemplatesAction::Export { dir, force } } => {
            export(&dir, force)
        }
    };
    ExitCode::from(outcome as u8)
}

/// Prints to standard output; a closed pipe (`| head`) is not a failure of the run.
fn say(text: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// Prints to standard error, ignoring a closed stream likewise.
fn tell(text: &str) {
    let _ = write!(std::io::stderr().lock(), "{text}");
}

/// The language of messages before a plan says its own: English when the environment asks
/// for it, else Chinese.
fn env_locale() -> Locale {
    let lang = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let lang = lang.split('.').next().unwrap_or("");
    match Locale::parse(lang) {
        Some(l) => l,
        None if lang.starts_with("en") => Locale::En,
        None => Locale::ZhCn,
    }
}

fn fail(e: &Error, cat: &Catalog) -> Outcome {
    tell(&format!("{}\n", tr!(cat, "cli.error", message = e.localized(cat))));
    Outcome::Failed
}

/// A valid plan, and how many warnings it has.
type Loaded = (planwright::model::Plan, planwright::figures::Figures, usize);

/// Checks one plan against the template sets `sets` and prints its diagnostics
/// (`planwright check`; rendering goes through `batch::render_plan`).
fn load(path: &Path, strict: bool, sets: &[String]) -> Result<Loaded, Outcome> {
    let source = planwright::read_plan(path).map_err(|e| fail(&e, &Catalog::new(env_locale())))?;
    let checked = planwright::check_with_sets(&path.display().to_string(), &source, sets);
    let d = &checked.diagnostics;
    if !d.items.is_empty() {
        tell(&d.render());
    }
    let cat = Catalog::new(d.locale);
    let (errors, warnings) = (d.error_count(), d.warning_count());
    if errors > 0 || (strict && warnings > 0) {
        let file = path.display().to_string();
        let message = planwright::batch::invalid(&cat, &file, errors, warnings, false);
        tell(&format!("{}\n", tr!(cat, "cli.error", message = message)));
        return Err(Outcome::Invalid);
    }
    checked.valid.map(|(p, f)| (p, f, warnings)).ok_or(Outcome::Invalid)
}

/// Runs `work`, stopping the whole process with an error when it takes longer than
/// [`MAX_RENDER_SECONDS`]: the backstop for a template that loops without writing (the
/// template engine cannot be interrupted, and nothing has been written yet).
fn within_time_limit<T>(file: &Path, cat: &Catalog, work: impl FnOnce() -> T) -> T {
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let message = tr!(
        cat,
        "cli.error",
        message = tr!(cat, "cli.render-time", file = file.display(), seconds = MAX_RENDER_SECONDS)
    );
    std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
            wait.recv_timeout(Duration::from_secs(MAX_RENDER_SECONDS))
        {
            tell(&format!("{message}\n"));
            std::process::exit(Outcome::Failed as i32);
        }
    });
    let result = work();
    let _ = done.send(());
    result
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
        planwright::render::pdf::Fonts::from_paths(regular, self.bold.as_deref()).map(Some)
    }
}

/// What `render` prints besides errors.
#[derive(Clone, Copy)]
struct Show {
    /// JSON on standard output instead of lines for people.
    json: bool,
    /// No "wrote" lines, no progress bar, no summary.
    quiet: bool,
}

/// Above this many plans a terminal gets a progress bar and each report one line.
const MANY: usize = 3;

#[allow(clippy::too_many_arguments)]
fn render(
    inputs: &[PathBuf],
    out: &Path,
    formats: &[String],
    setup: planwright::Setup,
    strict: bool,
    fonts: &Fonts,
    shard: Option<planwright::batch::Shard>,
    show: Show,
) -> Outcome {
    use planwright::batch::{self, Status};
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    let env_cat = Catalog::new(env_locale());
    let mut wanted = Vec::new();
    for f in formats {
        match Format::parse(f) {
            Some(fmt) if !wanted.contains(&fmt) => wanted.push(fmt),
            Some(_) => {}
            None => return fail(&Error::UnknownFormat(f.clone()), &env_cat),
        }
    }
    let mut plans = match batch::discover(inputs) {
        Ok(p) => p,
        Err(e) => return fail(&e, &env_cat),
    };
    if let Some(shard) = shard {
        plans.retain(|p| shard.takes(p));
    }
    let engine = match Engine::load(setup, &env_cat) {
        Ok(e) => e,
        Err(e) => return fail(&e, &env_cat),
    };
    // Two threads a core: while one waits for the disk to take a report, the other renders
    // (RAYON_NUM_THREADS overrides). No more than the plans need (one each, plus one for a
    // report's PDF laid out beside its HTML): idle workers spinning for work took CPU from a
    // single report's render on a 2-core machine. One plan needs two whatever the cores, and
    // counting them (cgroup files) is skipped.
    let needed = plans.len() + 1;
    let threads =
        std::env::var("RAYON_NUM_THREADS").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
            if needed <= 2 {
                return needed;
            }
            let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
            (2 * cores).min(needed)
        });
    // One plan: this thread renders it, as one of the pool's threads, and the pool's other
    // thread starts compiling the templates now, while the fonts load and the plan is read
    // and checked. Two threads for two cores: a thread of its own for the compile and a
    // hand-over of the plan to a new thread made three, and in four runs of ten one of them
    // waited a whole time slice (about 3 ms here).
    let single = (plans.len() == 1).then(|| pool(threads, true, engine.warm_up()));
    let engine = match fonts.load() {
        Ok(Some(f)) => engine.with_fonts(f),
        Ok(None) => engine,
        Err(e) => return fail(&e, &env_cat),
    };
    if wanted.contains(&Format::Pdf)
        && let Err(e) = engine.fonts()
    {
        return fail(&e, &env_cat);
    }
    let sets = engine.templates().sets();
    let opts = batch::Options { out, formats: &wanted, strict, sets: &sets };
    let many = plans.len() > MANY;
    let bar = (many && !show.quiet && !show.json && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(plans.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} {elapsed_precise} eta {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    });
    let print_err = |text: &str| match &bar {
        Some(b) => b.suspend(|| tell(text)),
        None => tell(text),
    };
    let render_one = |plan: &batch::PlanFile| {
        within_time_limit(&plan.path, &env_catalog(), || batch::render_plan(&engine, plan, &opts))
    };
    let mut counts = [0usize; 4];
    let mut report = |r: batch::PlanResult| {
        counts[r.status as usize] += 1;
        if !r.log.is_empty() {
            print_err(&r.log);
        }
        if show.json {
            if let Ok(line) = serde_json::to_string(&r) {
                say(&line);
            }
        } else if !show.quiet && matches!(r.status, Status::Rendered | Status::Warnings) {
            if many {
                let line = tr!(
                    r.catalog,
                    "cli.wrote-report",
                    path = r.report.display(),
                    count = r.outputs.len()
                );
                match &bar {
                    Some(b) => b.suspend(|| say(&line)),
                    None => say(&line),
                }
            } else {
                for f in &r.outputs {
                    say(&tr!(r.catalog, "cli.wrote", path = r.report.join(f).display()));
                }
            }
        }
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    if let [plan] = plans.as_slice() {
        let result = match single {
            Some(Ok(pool)) => pool.install(|| render_one(plan)),
            _ => render_one(plan),
        };
        report(result);
    } else {
        // Plans render on every core; each result is printed as soon as it is in, whole, so
        // the lines of two plans never interleave.
        let (tx, rx) = std::sync::mpsc::channel();
        let warm_up = engine.warm_up();
        std::thread::scope(|scope| {
            let (plans, render_one) = (&plans, &render_one);
            scope.spawn(move || {
                let work = move || {
                    plans.par_iter().for_each_with(tx, |tx, plan| {
                        let _ = tx.send(render_one(plan));
                    });
                };
                match pool(threads, false, warm_up) {
                    Ok(pool) => pool.install(work),
                    Err(_) => work(),
                }
            });
            for r in rx {
                report(r);
            }
        });
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let [rendered, warned, invalid, failed] = counts;
    let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
    if show.json {
        let summary = serde_json::json!({"summary": {
            "plans": plans.len(), "rendered": rendered, "warnings": warned,
            "invalid": invalid, "failed": failed, "seconds": started.elapsed().as_secs_f64(),
        }});
        say(&summary.to_string());
    } else if many && !show.quiet {
        tell(&format!(
            "{}\n",
            tr!(
                env_cat,
                "cli.summary",
                total = plans.len(),
                rendered = rendered + warned,
                warned = warned,
                failed = invalid + failed,
                seconds = seconds
            )
        ));
    }
    // the process ends here: the OS takes the compiled templates back at once, where
    // dropping them node by node would cost a single-report run 1.5 ms
    std::mem::forget(engine);
    if failed > 0 {
        Outcome::Failed
    } else if invalid > 0 {
        Outcome::Invalid
    } else {
        Outcome::Ok
    }
}

/// A rayon pool of `threads` (this thread one of them when `current`) whose first new thread
/// runs `warm_up`, the template compile, before it joins: a new thread is placed on an idle
/// core, where a job handed to a sleeping worker needed a wake-up the kernel often served on
/// the busy core.
fn pool(
    threads: usize,
    current: bool,
    warm_up: impl FnOnce() + Send + 'static,
) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    let mut warm_up = Some(warm_up);
    let mut builder = rayon::ThreadPoolBuilder::new().num_threads(threads);
    if current {
        builder = builder.use_current_thread();
    }
    builder
        .spawn_handler(|thread| {
            let job = warm_up.take();
            std::thread::Builder::new().spawn(move || {
                if let Some(job) = job {
                    job();
                }
                thread.run();
            })?;
            Ok(())
        })
        .build()
}

/// `planwright watch`: renders once, then again after every change that concerns the
/// report, printing the time or the errors; a broken plan, template or theme leaves the
/// last good report in place (and the served page as it was).
fn watch(
    plan: &Path,
    out: &Path,
    formats: &[String],
    setup: planwright::Setup,
    serve: Option<u16>,
) -> Outcome {
    use planwright::batch::{self, Status};
    use planwright::preview::{Generation, Preview};
    let env_cat = env_catalog();
    let mut wanted = Vec::new();
    for f in formats {
        match Format::parse(f) {
            Some(fmt) if !wanted.contains(&fmt) => wanted.push(fmt),
            Some(_) => {}
            None => return fail(&Error::UnknownFormat(f.clone()), &env_cat),
        }
    }
    if serve.is_some() && !wanted.contains(&Format::Html) {
        wanted.push(Format::Html);
    }
    let files = match batch::discover(&[plan.to_path_buf()]) {
        Ok(f) => f,
        Err(e) => return fail(&e, &env_cat),
    };
    let Some(file) = files.into_iter().next() else {
        return fail(&Error::NoPlans(plan.to_path_buf()), &env_cat);
    };
    let sources = match planwright::watch::Sources::resolve(plan, setup.templates, setup.theme) {
        Ok(s) => s,
        Err(e) => return fail(&e, &env_cat),
    };
    let watch = match planwright::watch::Watch::start(sources) {
        Ok(w) => w,
        Err(e) => return fail(&e, &env_cat),
    };
    let report = out.join(&file.report);
    let generation = Generation::default();
    let _server = match serve.map(Preview::bind).transpose() {
        Ok(Some(p)) => {
            let page = format!(
                "{}.html",
                file.report.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
            );
            p.serve(report.clone(), page, generation.clone());
            say(&tr!(env_cat, "cli.watch.serving", url = format!("http://{}/", p.addr())));
            Some(p)
        }
        Ok(None) => None,
        Err(e) => return fail(&e, &env_cat),
    };
    let s = watch.sources();
    let mut watched = vec![s.plan.display().to_string()];
    watched.extend(s.templates.iter().chain(&s.theme).map(|p| p.display().to_string()));
    say(&tr!(env_cat, "cli.watch.start", paths = watched.join(", ")));
    loop {
        // templates and theme are read again each time: they may be what changed
        match Engine::load(setup, &env_cat) {
            Err(e) => {
                fail(&e, &env_cat);
                say(&tr!(env_cat, "cli.watch.kept", report = report.display()));
            }
            Ok(engine) => {
                let sets = engine.templates().sets();
                let opts = batch::Options { out, formats: &wanted, strict: false, sets: &sets };
                let r = batch::render_plan(&engine, &file, &opts);
                if !r.log.is_empty() {
                    tell(&r.log);
                }
                match r.status {
                    Status::Rendered | Status::Warnings => {
                        generation.bump();
                        let ms = format!("{:.0}", r.millis);
                        say(&tr!(
                            r.catalog,
                            "cli.watch.rendered",
                            ms = ms,
                            report = report.display()
                        ));
                    }
                    Status::Invalid | Status::Failed => {
                        say(&tr!(r.catalog, "cli.watch.kept", report = report.display()));
                    }
                }
            }
        }
        // wait for the next change (a day at a time: the watch runs until stopped)
        let changed = loop {
            match watch.next(Duration::from_secs(86_400)) {
                planwright::watch::Next::Changed(paths) => break paths,
                planwright::watch::Next::Quiet => {}
                planwright::watch::Next::Stopped => return Outcome::Failed,
            }
        };
        let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
        say(&tr!(env_cat, "cli.watch.changed", paths = names.join(", ")));
    }
}

/// The catalog of the environment's language, for messages about no plan in particular.
fn env_catalog() -> Catalog {
    Catalog::new(env_locale())
}

fn check(plans: &[PathBuf], strict: bool, templates: Option<&Path>) -> Outcome {
    let env_cat = Catalog::new(env_locale());
    let sets = match templates {
        None => planwright::templates::builtin_sets(),
        Some(dir) => match Engine::new(Some(dir)) {
            Ok(e) => e.templates().sets(),
            Err(e) => return fail(&e, &env_cat),
        },
    };
    let mut worst = Outcome::Ok;
    for path in plans {
        match load(path, strict, &sets) {
            Ok((plan, _, 0)) => {
                say(&tr!(Catalog::new(plan.meta.locale), "cli.ok", file = path.display()));
            }
            Ok((plan, _, w)) => say(&tr!(
                Catalog::new(plan.meta.locale),
                "cli.ok-warnings",
                file = path.display(),
                count = w
            )),
            Err(o) => worst = worst.max(o),
        }
    }
    worst
}

/// The schema as pretty JSON.
fn schema_text() -> String {
    let schema = planwright::model::schema::json_schema();
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

fn schema(out: Option<&Path>) -> Outcome {
    match out {
        None => {
            let _ = write!(std::io::stdout().lock(), "{}", schema_text());
            Outcome::Ok
        }
        Some(path) => match output::write_atomic(path, schema_text().as_bytes()) {
            Ok(()) => {
                say(&tr!(env_catalog(), "cli.wrote", path = path.display()));
                Outcome::Ok
            }
            Err(e) => fail(&e, &env_catalog()),
        },
    }
}

fn new(kind: &str, path: Option<PathBuf>) -> Outcome {
    let Some(text) = planwright::starter::starter(kind) else {
        tell(&format!("{}\n", tr!(env_catalog(), "cli.new.unknown", kind = kind)));
        return Outcome::Invalid;
    };
    let path = path.unwrap_or_else(|| PathBuf::from(format!("{kind}-plan.yaml")));
    if path.exists() {
        tell(&format!(
            "{}\n",
            tr!(env_catalog(), "cli.new.exists", path = path.display(), kind = kind)
        ));
        return Outcome::Failed;
    }
    // the schema its first line names, beside it: completion and checks in the editor
    let schema = path.with_file_name(planwright::starter::SCHEMA_FILE);
    let written = output::write_atomic(&path, text.as_bytes())
        .and_then(|()| output::write_atomic(&schema, schema_text().as_bytes()));
    match written {
        Ok(()) => {
            let cat = env_catalog();
            say(&tr!(cat, "cli.wrote", path = path.display()));
            say(&tr!(cat, "cli.new.schema", path = schema.display()));
            say(&tr!(cat, "cli.new.next", path = path.display()));
            Outcome::Ok
        }
        Err(e) => fail(&e, &Catalog::new(env_locale())),
    }
}

fn export(dir: &Path, force: bool) -> Outcome {
    let mut worst = Outcome::Ok;
    // the templates, the default theme with every key commented out, the example themes
    let theme = planwright::theme::default_toml();
    let examples = planwright::theme::EXAMPLES
        .iter()
        .map(|(name, text)| (format!("themes/{name}.toml"), text.to_string()));
    let files: Vec<(String, String)> = planwright::templates::BUILTINS
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .chain([("theme.toml".to_string(), theme)])
        .chain(examples)
        .collect();
    for (name, text) in &files {
        let path = dir.join(name);
        if path.exists() && !force {
            say(&tr!(env_catalog(), "cli.kept", path = path.display()));
            continue;
        }
        match output::write_atomic(&path, text.as_bytes()) {
            Ok(()) => say(&tr!(env_catalog(), "cli.wrote", path = path.display())),
            Err(e) => {
                // One error is enough: the next file would fail the same way.
                worst = worst.max(fail(&e, &Catalog::new(env_locale())));
                break;
            }
        }
    }
    worst
}
