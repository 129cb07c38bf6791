//! Many plans at once: which files a command line names (files, folders, globs), where each
//! report goes (names never collide), which plans one shard of a split batch takes, and
//! one plan's whole run — read, check, render, write — as a result the caller prints or
//! reports as JSON.
//!
//! Plans are independent: the caller runs [`render_plan`] on many threads with one
//! [`crate::Engine`] (templates, labels and fonts loaded once) shared by all of them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::diagnostic::{Diagnostics, Severity};
use crate::error::Error;
use crate::messages::Catalog;
use crate::render::Format;
use crate::{Engine, output, tr};

/// One plan of a batch: where it is and the report folder it writes (relative to `-o`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlanFile {
    /// The plan file.
    pub path: PathBuf,
    /// Its report folder under the output folder: the plan's name, preceded by its folders
    /// below the folder that was named (or, for files named one by one, by as much of
    /// their folders as keeps two reports apart).
    pub report: PathBuf,
}

/// True for a plan file name: `*.yaml` or `*.yml`.
fn is_plan(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e == "yaml" || e == "yml")
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "plan".into())
}

/// Every plan file below `dir`, in name order; hidden folders and files are skipped.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let read_err = |source| Error::Read { path: dir.to_path_buf(), source };
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).map_err(read_err)?.collect::<Result<_, _>>().map_err(read_err)?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = e.path();
        // a link is followed to a plan file, never into a folder (no cycles)
        let kind = e.file_type().map_err(read_err)?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if is_plan(&path) && path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

/// True when `arg` is a glob pattern rather than a path (`plans/**/*.yaml`).
fn is_glob(arg: &str) -> bool {
    arg.contains(['*', '?', '['])
}

/// The folder a glob pattern starts from: its components before the first wildcard.
fn glob_base(pattern: &str) -> PathBuf {
    let mut base = PathBuf::new();
    for part in Path::new(pattern).components() {
        if is_glob(&part.as_os_str().to_string_lossy()) {
            break;
        }
        base.push(part);
    }
    base
}

/// The plans that `inputs` name, each with its report folder, in a stable order.
///
/// - a file is one plan; its report is named after it (`plan.yaml` → `plan/`), and when two
///   files named one by one share a name, each keeps enough of its folders to tell them
///   apart (`east/plan/`, `west/plan/`);
/// - a folder is every `*.yaml`/`*.yml` below it, recursively; reports keep the folder
///   structure below it (`regions/east/plan.yaml` → `east/plan/`);
/// - a glob (`plans/**/*.yaml`, quoted so the shell leaves it) is every plan it matches;
///   reports keep the structure below the pattern's fixed start.
///
/// A plan named twice is taken once. Two plans that still land on one report folder are an
/// error naming both.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<PlanFile>, Error> {
    // (plan, the folder its report name is relative to; None for a plan named alone)
    let mut found: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for input in inputs {
        let text = input.to_string_lossy();
        if input.is_dir() {
            let mut plans = Vec::new();
            walk(input, &mut plans)?;
            if plans.is_empty() {
                return Err(Error::NoPlans(input.clone()));
            }
            found.extend(plans.into_iter().map(|p| (p, Some(input.clone()))));
        } else if !input.exists() && is_glob(&text) {
            let base = glob_base(&text);
            let paths = glob::glob(&text).map_err(|e| Error::BadGlob {
                pattern: text.to_string(),
                message: e.msg.to_string(),
            })?;
            let mut plans: Vec<PathBuf> =
                paths.filter_map(Result::ok).filter(|p| p.is_file() && is_plan(p)).collect();
            plans.sort();
            if plans.is_empty() {
                return Err(Error::NoPlans(input.clone()));
            }
            found.extend(plans.into_iter().map(|p| (p, Some(base.clone()))));
        } else {
            // a file (a missing one is reported when it is read, with the others)
            found.push((input.clone(), None));
        }
    }
    // a plan named twice (a file and its folder) is rendered once
    let mut seen = std::collections::BTreeSet::new();
    found.retain(|(p, _)| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));

    let mut plans: Vec<PlanFile> = found
        .iter()
        .map(|(path, base)| {
            let report = match base {
                Some(b) => {
                    let rel = path.strip_prefix(b).unwrap_or(path);
                    rel.parent().unwrap_or(Path::new("")).join(stem(path))
                }
                None => PathBuf::from(stem(path)),
            };
            PlanFile { path: path.clone(), report }
        })
        .collect();
    separate_loose_files(&mut plans, &found);
    let mut by_report: BTreeMap<&Path, &Path> = BTreeMap::new();
    for p in &plans {
        if let Some(first) = by_report.insert(&p.report, &p.path) {
            return Err(Error::SameReport {
                first: first.to_path_buf(),
                second: p.path.clone(),
                report: p.report.clone(),
            });
        }
    }
    Ok(plans)
}

/// Files named one by one that share a name keep as many of their parent folders as it
/// takes to tell them apart (`a/east/plan.yaml`, `b/west/plan.yaml` → `east/plan`, `west/plan`).
fn separate_loose_files(plans: &mut [PlanFile], found: &[(PathBuf, Option<PathBuf>)]) {
    let mut clash: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, p) in plans.iter().enumerate() {
        clash.entry(p.report.clone()).or_default().push(i);
    }
    for group in clash.values().filter(|g| g.len() > 1) {
        let loose: Vec<usize> = group.iter().copied().filter(|&i| found[i].1.is_none()).collect();
        if loose.is_empty() {
            continue;
        }
        let parts = |i: usize| -> Vec<String> {
            let abs = plans[i].path.canonicalize().unwrap_or_else(|_| plans[i].path.clone());
            abs.parent()
                .map(|d| d.components().map(|c| c.as_os_str().to_string_lossy().into()).collect())
                .unwrap_or_default()
        };
        let dirs: Vec<Vec<String>> = loose.iter().map(|&i| parts(i)).collect();
        let deepest = dirs.iter().map(Vec::len).max().unwrap_or(0);
        // the fewest trailing folders that make every name different
        let depth = (1..=deepest)
            .find(|&k| {
                let names: std::collections::BTreeSet<Vec<&String>> =
                    dirs.iter().map(|d| d.iter().rev().take(k).collect()).collect();
                names.len() == dirs.len()
            })
            .unwrap_or(deepest);
        for (&i, d) in loose.iter().zip(&dirs) {
            let mut report = PathBuf::new();
            for part in d.iter().rev().take(depth).collect::<Vec<_>>().into_iter().rev() {
                report.push(part.trim_start_matches('/'));
            }
            report.push(stem(&plans[i].path));
            plans[i].report = report;
        }
    }
}

/// One shard of a batch split across machines: `K/N`, the K-th of N (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, 1 to `of`.
    pub index: u32,
    /// How many shards.
    pub of: u32,
}

impl Shard {
    /// Parses `K/N` with 1 ≤ K ≤ N.
    pub fn parse(s: &str) -> Result<Self, String> {
        let (k, n) = s.split_once('/').ok_or_else(|| format!("`{s}` is not K/N, e.g. 2/8"))?;
        let k: u32 = k.trim().parse().map_err(|_| format!("`{k}` is not a shard number"))?;
        let n: u32 = n.trim().parse().map_err(|_| format!("`{n}` is not a shard count"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("shard {k}/{n}: K must be from 1 to N"));
        }
        Ok(Self { index: k, of: n })
    }

    /// True when this shard takes `plan`: a stable hash (FNV-1a) of its report path, the
    /// same on every machine and every run, modulo N.
    pub fn takes(&self, plan: &PlanFile) -> bool {
        let key = plan
            .report
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        fnv1a(key.as_bytes()) % u64::from(self.of) == u64::from(self.index - 1)
    }
}

/// How a batch renders its plans.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The output folder.
    pub out: &'a Path,
    /// Formats to write.
    pub formats: &'a [Format],
    /// Warnings fail the plan.
    pub strict: bool,
    /// Template sets a plan's `kind` may name.
    pub sets: &'a [String],
}

/// How one plan's run ended, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Rendered, no warning.
    Rendered,
    /// Rendered, with warnings.
    Warnings,
    /// The plan has errors (or warnings under `--strict`): nothing written.
    Invalid,
    /// Reading, rendering or writing failed.
    Failed,
}

/// One error or warning, for machines: where, what, and what to write instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// The message, in the plan's language.
    pub message: String,
    /// 1-based line, when the plan text has a place for it.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    /// What to write instead.
    pub hints: Vec<String>,
}

/// One plan's run.
#[derive(Debug, Clone, Serialize)]
pub struct PlanResult {
    /// The plan file.
    pub path: PathBuf,
    /// Its report folder.
    pub report: PathBuf,
    /// How it ended.
    pub status: Status,
    /// Files written, under `report`.
    pub outputs: Vec<PathBuf>,
    /// Warnings (the report is written unless `--strict`).
    pub warnings: Vec<Issue>,
    /// Errors (nothing is written).
    pub errors: Vec<Issue>,
    /// Wall time of the run, milliseconds.
    pub millis: f64,
    /// What a person reads on the terminal: diagnostics with their source snippets and the
    /// verdict, in the plan's language.
    #[serde(skip)]
    pub log: String,
    /// The language the plan's messages are in.
    #[serde(skip)]
    pub catalog: Catalog,
}

fn issues(d: &Diagnostics, severity: Severity) -> Vec<Issue> {
    d.items
        .iter()
        .filter(|i| i.severity == severity)
        .map(|i| Issue {
            message: i.message.clone(),
            line: i.span.map(|s| s.line),
            column: i.span.map(|s| s.col),
            hints: i.hints.clone(),
        })
        .collect()
}

/// Why a plan stops: `` `plan.yaml` has 2 errors, 1 warning`` (`; nothing written` when
/// it was to be rendered). A warning stops a plan only under `--strict`, and says so.
pub fn invalid(
    cat: &Catalog,
    file: &str,
    errors: usize,
    warnings: usize,
    rendering: bool,
) -> String {
    let mut what = String::new();
    if errors > 0 {
        what.push_str(&tr!(cat, "cli.errors", count = errors));
    }
    if warnings > 0 {
        let key = if errors == 0 { "cli.strict-warnings" } else { "cli.warnings" };
        what.push_str(&tr!(cat, key, count = warnings));
    }
    let key = if rendering { "cli.invalid.nothing-written" } else { "cli.invalid" };
    tr!(cat, key, file = file, what = what)
}

/// Reads, checks, renders and writes one plan; never panics on its input, and reports
/// everything that happened in the result (no printing).
pub fn render_plan(engine: &Engine, plan: &PlanFile, opts: &Options) -> PlanResult {
    let started = Instant::now();
    let mut result = PlanResult {
        path: plan.path.clone(),
        report: opts.out.join(&plan.report),
        status: Status::Failed,
        outputs: Vec::new(),
        warnings: Vec::new(),
        errors: Vec::new(),
        millis: 0.0,
        log: String::new(),
        catalog: Catalog::new(crate::model::Locale::default()),
    };
    run(engine, plan, opts, &mut result);
    result.millis = started.elapsed().as_secs_f64() * 1000.0;
    result
}

fn run(engine: &Engine, plan: &PlanFile, opts: &Options, r: &mut PlanResult) {
    let file = plan.path.display().to_string();
    let fail = |r: &mut PlanResult, e: &Error| {
        let message = e.localized(&r.catalog);
        r.log.push_str(&tr!(r.catalog, "cli.error", message = message));
        r.log.push('\n');
        r.errors.push(Issue { message, line: None, column: None, hints: Vec::new() });
        r.status = Status::Failed;
    };
    let source = match crate::read_plan(&plan.path) {
        Ok(s) => s,
        Err(e) => return fail(r, &e),
    };
    let checked = crate::check_with_sets(&file, &source, opts.sets);
    let d = &checked.diagnostics;
    r.catalog = Catalog::new(d.locale);
    if !d.items.is_empty() {
        r.log.push_str(&d.render());
    }
    r.errors = issues(d, Severity::Error);
    r.warnings = issues(d, Severity::Warning);
    let (errors, warnings) = (d.error_count(), d.warning_count());
    if errors > 0 || (opts.strict && warnings > 0) {
        let cat = &r.catalog;
        let message = invalid(cat, &file, errors, warnings, true);
        r.log.push_str(&tr!(cat, "cli.error", message = message));
        r.log.push('\n');
        r.status = Status::Invalid;
        return;
    }
    let Some((p, figures)) = checked.valid else {
        r.status = Status::Invalid;
        return;
    };
    let name =
        plan.report.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let report = match engine.render(&p, &figures, &name, opts.formats) {
        Ok(report) => report,
        Err(e) => return fail(r, &e),
    };
    for w in &report.warnings {
        let line = tr!(r.catalog, "cli.warning", file = file, message = w);
        r.log.push_str(&line);
        r.log.push('\n');
        r.warnings.push(Issue { message: w.clone(), line: None, column: None, hints: Vec::new() });
    }
    if opts.strict && !report.warnings.is_empty() {
        let cat = &r.catalog;
        let message = tr!(cat, "cli.render-warnings", file = file, count = report.warnings.len());
        r.log.push_str(&tr!(cat, "cli.error", message = message));
        r.log.push('\n');
        r.status = Status::Invalid;
        return;
    }
    let parent = r.report.parent().map_or_else(|| opts.out.to_path_buf(), Path::to_path_buf);
    if output::is_locked(&parent, &name) {
        let line = tr!(r.catalog, "cli.waiting", path = r.report.display());
        r.log.push_str(&line);
        r.log.push('\n');
    }
    // One report, one write: all of it or none of it, and one error if it fails.
    match output::write_report(&parent, &name, &report.files) {
        Ok(_) => {
            r.outputs = report.files.iter().map(|f| f.path.clone()).collect();
            r.status = if r.warnings.is_empty() { Status::Rendered } else { Status::Warnings };
        }
        Err(e) => fail(r, &e),
    }
}

/// 64-bit FNV-1a: tiny, stable across versions and platforms (unlike `std`'s hasher).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("pw-batch-{}", fnv1a(files.concat().as_bytes())));
        let _ = std::fs::remove_dir_all(&dir);
        for f in files {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "meta: {}").unwrap();
        }
        dir
    }

    #[test]
    fn folders_keep_their_structure_and_skip_other_files() {
        let d = tree(&[
            "east/plan.yaml",
            "west/plan.yml",
            "west/notes.txt",
            ".hidden/x.yaml",
            "a.yaml",
        ]);
        let plans = discover(std::slice::from_ref(&d)).unwrap();
        let reports: Vec<_> = plans.iter().map(|p| p.report.clone()).collect();
        assert_eq!(
            reports,
            [PathBuf::from("a"), PathBuf::from("east/plan"), PathBuf::from("west/plan")]
        );
    }

    #[test]
    fn loose_files_with_one_name_keep_their_folders() {
        let d = tree(&["x/east/plan.yaml", "x/west/plan.yaml", "x/solo.yaml"]);
        let plans = discover(&[
            d.join("x/east/plan.yaml"),
            d.join("x/west/plan.yaml"),
            d.join("x/solo.yaml"),
        ])
        .unwrap();
        let reports: Vec<_> = plans.iter().map(|p| p.report.clone()).collect();
        assert_eq!(
            reports,
            [PathBuf::from("east/plan"), PathBuf::from("west/plan"), PathBuf::from("solo")]
        );
    }

    #[test]
    fn globs_match_below_their_fixed_start() {
        let d = tree(&["g/r1/m.yaml", "g/r2/m.yaml", "g/r2/skip.txt"]);
        let pattern = format!("{}/g/**/*.yaml", d.display());
        let plans = discover(&[PathBuf::from(&pattern)]).unwrap();
        let reports: Vec<_> = plans.iter().map(|p| p.report.clone()).collect();
        assert_eq!(reports, [PathBuf::from("r1/m"), PathBuf::from("r2/m")]);
        let none = format!("{}/g/**/*.json", d.display());
        assert!(matches!(discover(&[PathBuf::from(none)]), Err(Error::NoPlans(_))));
    }

    #[test]
    fn a_plan_named_twice_is_taken_once() {
        let d = tree(&["twice/p.yaml"]);
        let plans = discover(&[d.join("twice"), d.join("twice/p.yaml")]).unwrap();
        assert_eq!(plans.len(), 1);
    }

    #[test]
    fn shards_cover_every_plan_exactly_once() {
        let plans: Vec<PlanFile> = (0..500)
            .map(|i| PlanFile {
                path: PathBuf::from(format!("r/{i}.yaml")),
                report: PathBuf::from(format!("r/{i}")),
            })
            .collect();
        for n in [1, 2, 3, 7] {
            let shards: Vec<Shard> = (1..=n).map(|k| Shard { index: k, of: n }).collect();
            for p in &plans {
                assert_eq!(shards.iter().filter(|s| s.takes(p)).count(), 1);
            }
            // and they are balanced
            for s in &shards {
                let share = plans.iter().filter(|p| s.takes(p)).count();
                assert!(share > 500 / n as usize / 2, "{n}: shard {} takes {share}", s.index);
            }
        }
        assert_eq!(Shard::parse("2/8"), Ok(Shard { index: 2, of: 8 }));
        assert!(Shard::parse("0/8").is_err() && Shard::parse("9/8").is_err());
        assert!(Shard::parse("x").is_err());
    }
}
