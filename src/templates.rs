//! Built-in and user templates → one Tera instance with Planwright's filters, loaded once.
//!
//! Built-ins are embedded in the binary. A user folder overrides them file by file (its
//! files are added first; a built-in is added only where the user has none), and every
//! built-in stays reachable as `builtin/<name>` so an override can extend the original.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rust_decimal::Decimal;
use tera::{Kwargs, State, Tera, Value};

mod compiled;

use compiled::{Compiled, Failure};

use crate::context::locale_of;
use crate::error::Error;
use crate::format::{self, MoneyStyle, Precision};
use crate::limits::{MAX_TEMPLATE_FILE_BYTES, MAX_TEMPLATE_OUTPUT, MAX_TEMPLATE_SECONDS};
use crate::model::Locale;
use crate::model::date::Date;
use crate::model::values::{Currency, Period};
use crate::plan::yaml::{self, NodeKind};

/// Every built-in template file, by name relative to `templates/`.
pub const BUILTINS: &[(&str, &str)] = &[
    ("labels.yaml", include_str!("../templates/labels.yaml")),
    ("annual/report.md", include_str!("../templates/annual/report.md")),
    ("annual/dashboard.md", include_str!("../templates/annual/dashboard.md")),
    ("monthly/report.md", include_str!("../templates/monthly/report.md")),
    ("monthly/dashboard.md", include_str!("../templates/monthly/dashboard.md")),
    ("monthly/schedule.md", include_str!("../templates/monthly/schedule.md")),
    ("monthly/strategies.md", include_str!("../templates/monthly/strategies.md")),
    ("chapters/summary.md", include_str!("../templates/chapters/summary.md")),
    ("chapters/review.md", include_str!("../templates/chapters/review.md")),
    ("chapters/market.md", include_str!("../templates/chapters/market.md")),
    ("chapters/swot.md", include_str!("../templates/chapters/swot.md")),
    ("chapters/targets.md", include_str!("../templates/chapters/targets.md")),
    ("chapters/strategies.md", include_str!("../templates/chapters/strategies.md")),
    ("chapters/schedule.md", include_str!("../templates/chapters/schedule.md")),
    ("chapters/budget.md", include_str!("../templates/chapters/budget.md")),
    ("chapters/kpis.md", include_str!("../templates/chapters/kpis.md")),
    ("chapters/risks.md", include_str!("../templates/chapters/risks.md")),
    ("chapters/team.md", include_str!("../templates/chapters/team.md")),
    ("chapters/service.md", include_str!("../templates/chapters/service.md")),
    ("chapters/section.md", include_str!("../templates/chapters/section.md")),
    ("parts/pricing.md", include_str!("../templates/parts/pricing.md")),
    ("parts/funnel.md", include_str!("../templates/parts/funnel.md")),
    ("parts/promotions.md", include_str!("../templates/parts/promotions.md")),
    ("html/report.html", include_str!("../templates/html/report.html")),
    ("html/style.css", include_str!("../templates/html/style.css")),
];

/// The template sets built in (`annual`, `monthly`).
pub fn builtin_sets() -> Vec<String> {
    BUILTINS.iter().filter_map(|(n, _)| n.strip_suffix("/report.md").map(str::to_string)).collect()
}

/// Templates compiled together. Tera resolves an include only within one instance, so a
/// part holds a group of templates and every template they include.
struct Part {
    /// The set whose own templates these are; `None` for those every set uses (or all of
    /// an author's folder, compiled as one).
    set: Option<String>,
    /// The templates it holds, sorted.
    names: Vec<String>,
    tera: Compiled,
}

impl Part {
    fn holds(&self, name: &str) -> bool {
        self.names.binary_search_by(|n| n.as_str().cmp(name)).is_ok()
    }
}

/// Templates and labels, ready to render any number of plans.
pub struct Templates {
    /// The built-ins in parts (the shared chapters, the page, each set's own), compiled on
    /// first use or by [`Templates::warm_up`]; an author's folder as one part.
    parts: Vec<Part>,
    /// The set the first plan rendered asked for: a warm-up then skips the other sets.
    wanted: Arc<OnceLock<String>>,
    /// Every template's name, sorted (known before the compile ends).
    names: Vec<String>,
    /// Theme files of the user's folder: `theme.toml` (all sets) and `<set>/theme.toml`, by
    /// path, with their text.
    themes: Vec<(String, std::path::PathBuf, String)>,
    /// The user's templates by name, with their files (a name not here is a built-in).
    origins: BTreeMap<String, std::path::PathBuf>,
    /// The author's `labels.yaml`, key → locale tag → text, over the built-in table
    /// ([`crate::builtin::LABELS`], read in place rather than copied on every run).
    labels: BTreeMap<String, BTreeMap<String, String>>,
}

impl Templates {
    /// Loads the built-ins, overridden by the files of `dir` when given.
    pub fn load(dir: Option<&Path>) -> Result<Self, Error> {
        let mut user: Vec<(String, String)> = Vec::new();
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(Error::TemplateDirMissing(dir.to_path_buf()));
            }
            collect(dir, dir, &mut user)?;
        }
        let is_template =
            |n: &str| n.ends_with(".md") || n.ends_with(".html") || n.ends_with(".css");
        let themes = user
            .iter()
            .filter(|(n, _)| is_theme_name(n))
            .filter_map(|(n, t)| Some((n.clone(), dir?.join(n), t.clone())))
            .collect();
        let mut sources: Vec<(String, String)> = Vec::new();
        for (name, text) in &user {
            if is_template(name) {
                sources.push((name.clone(), text.clone()));
            }
        }
        for (name, text) in BUILTINS {
            if !is_template(name) {
                continue;
            }
            // `builtin/<name>` is for the overrides of a template folder to extend: without
            // one nothing can name it, and compiling every template twice costs 2 ms a run
            if dir.is_some() {
                sources.push((format!("builtin/{name}"), text.to_string()));
            }
            if !user.iter().any(|(n, _)| n == name) {
                sources.push((name.to_string(), text.to_string()));
            }
        }
        let origins: BTreeMap<String, std::path::PathBuf> = user
            .iter()
            .filter(|(n, _)| is_template(n))
            .filter_map(|(n, _)| Some((n.clone(), dir?.join(n))))
            .collect();
        let mut names: Vec<String> = sources.iter().map(|(n, _)| n.clone()).collect();
        names.sort();
        // An author's folder compiles now, so its mistakes are reported before any plan is
        // read; the built-ins (which compile, `tests` say so) on first use, or beside the
        // plan's check when the caller runs [`Templates::warm_up`] on a spare thread.
        let parts = if dir.is_some() {
            let tera = Compiled::ready(Ok(compile(&sources, &origins).map_err(|f| f.error())?));
            vec![Part { set: None, names: names.clone(), tera }]
        } else {
            builtin_parts(&sources)
        };
        let labels = match user.iter().find(|(n, _)| n == "labels.yaml") {
            Some((_, text)) => parse_labels("labels.yaml", text)?,
            None => BTreeMap::new(),
        };
        Ok(Self { parts, wanted: Arc::default(), names, themes, origins, labels })
    }

    /// A job that compiles the templates ahead of their first use, for a spare thread: the
    /// first render then finds them compiled (or waits for the compile under way).
    pub fn warm_up(&self) -> impl FnOnce() + Send + 'static + use<> {
        let jobs: Vec<(Option<String>, _)> =
            self.parts.iter().map(|p| (p.set.clone(), p.tera.warm())).collect();
        let wanted = Arc::clone(&self.wanted);
        move || {
            for (set, job) in jobs {
                // a set's own part only if no plan has asked for another set yet
                if let (Some(set), Some(wanted)) = (&set, wanted.get())
                    && set != wanted
                {
                    continue;
                }
                job();
            }
        }
    }

    /// Notes the set a plan is rendered with, so a warm-up under way compiles that set's
    /// own templates and not the others' (the first plan's set counts).
    fn want(&self, set: &str) {
        let _ = self.wanted.set(set.to_string());
    }

    /// The parts `set` renders with: those every set shares, and its own.
    fn parts_of<'a>(&'a self, set: &'a str) -> impl DoubleEndedIterator<Item = &'a Part> {
        self.parts.iter().filter(move |p| p.set.as_deref().is_none_or(|s| s == set))
    }

    /// Readies the templates for a plan of `set`: a warm-up under way is told to skip the
    /// other sets, and the parts of `set` that no thread has begun compile here (the
    /// warm-up's thread may not have run yet: on a busy host a new thread can wait
    /// milliseconds for a core), in the reverse of the warm-up's order, so the two meet in
    /// the middle.
    pub fn compile_unclaimed(&self, set: &str) {
        self.want(set);
        for p in self.parts_of(set).rev() {
            p.tera.compile_unless_claimed();
        }
    }

    /// True once the templates `set` renders with are compiled: a render of it will not
    /// wait for a compile.
    pub fn compiled(&self, set: &str) -> bool {
        self.parts_of(set).all(|p| p.tera.is_done())
    }

    /// The theme files of the user's folder for `set`: the folder's own `theme.*` first,
    /// then the set's `<set>/theme.*` (which wins where both set a key).
    pub fn theme_files(&self, set: &str) -> Vec<(&std::path::Path, &str)> {
        let own = format!("{set}/");
        let root = self.themes.iter().filter(|(n, ..)| !n.contains('/'));
        let of_set = self.themes.iter().filter(|(n, ..)| n.starts_with(&own));
        root.chain(of_set).map(|(_, p, t)| (p.as_path(), t.as_str())).collect()
    }

    /// Every label key → locale tag → text: the built-in ones with the author's over them.
    fn merged(&self) -> BTreeMap<&str, BTreeMap<&str, &str>> {
        let mut all: BTreeMap<&str, BTreeMap<&str, &str>> = crate::builtin::LABELS
            .iter()
            .map(|(key, texts)| (*key, texts.iter().copied().collect()))
            .collect();
        for (key, texts) in &self.labels {
            let by = all.entry(key.as_str()).or_default();
            by.extend(texts.iter().map(|(t, x)| (t.as_str(), x.as_str())));
        }
        all
    }

    /// The labels of one locale. A missing translation falls back to the other Traditional
    /// locale for `zh-TW`/`zh-HK`, then to `zh-CN` (which [`Templates::untranslated`] reports:
    /// a Traditional report never shows Simplified words silently).
    pub fn labels(&self, locale: Locale) -> BTreeMap<String, String> {
        // the author's texts first, so `pick` finds them before the built-in ones
        let own = |key: &str| {
            self.labels.get(key).into_iter().flatten().map(|(t, x)| (t.as_str(), x.as_str()))
        };
        let builtin = crate::builtin::LABELS.iter().map(|(key, texts)| (*key, Some(*texts)));
        let known = |key: &str| crate::builtin::LABELS.iter().any(|(k, _)| *k == key);
        let theirs = self.labels.keys().filter(|k| !known(k)).map(|key| (key.as_str(), None));
        builtin
            .chain(theirs)
            .filter_map(|(key, texts)| {
                let texts = own(key).chain(texts.into_iter().flatten().copied());
                Some((key.to_string(), pick(locale, texts)?.to_string()))
            })
            .collect()
    }

    /// Every label as written, key → locale tag → text (for tests that check translations).
    pub fn label_table(&self) -> BTreeMap<String, BTreeMap<String, String>> {
        self.merged()
            .into_iter()
            .map(|(k, by)| {
                (
                    k.to_string(),
                    by.into_iter().map(|(t, x)| (t.to_string(), x.to_string())).collect(),
                )
            })
            .collect()
    }

    /// Label keys a Traditional Chinese locale has no text for in its own script (shown in
    /// `zh-CN` or another language instead); empty for other locales.
    pub fn untranslated(&self, locale: Locale) -> Vec<String> {
        if !locale.is_traditional() {
            return Vec::new();
        }
        self.merged()
            .into_iter()
            .filter(|(_, by)| !by.contains_key("zh-TW") && !by.contains_key("zh-HK"))
            .map(|(k, _)| k.to_string())
            .collect()
    }

    /// Template sets available: the built-in ones and every folder of the user's that holds
    /// a chapter, a layout or a theme (`quarterly/kpis.md`, `quarterly/theme.toml`).
    pub fn sets(&self) -> Vec<String> {
        let shared = ["chapters", "html", "builtin", "themes", "parts"];
        let from_templates = self
            .names
            .iter()
            .filter(|n| n.ends_with(".md"))
            .filter_map(|n| n.split_once('/'))
            .filter(|(set, rest)| !shared.contains(set) && !rest.contains('/'))
            .map(|(set, _)| set.to_string());
        let from_themes =
            self.themes.iter().filter_map(|(n, ..)| n.split_once('/')).map(|(s, _)| s.to_string());
        let mut sets: Vec<String> = from_templates.chain(from_themes).collect();
        sets.sort();
        sets.dedup();
        sets
    }

    /// The layout of `set`: its own `report.md`, else the annual board report's (a set may
    /// be a folder of a few chapters and a theme); `None` for a set that does not exist.
    pub fn layout(&self, set: &str) -> Option<String> {
        if !self.sets().iter().any(|s| s == set) {
            return None;
        }
        [format!("{set}/report.md"), "annual/report.md".to_string()]
            .into_iter()
            .find(|n| self.has(n))
    }

    /// The HTML layout of `set`: its own `report.html`, else the shared one.
    pub fn html_layout(&self, set: &str) -> String {
        let own = format!("{set}/report.html");
        if self.has(&own) { own } else { "html/report.html".to_string() }
    }

    /// Whether a template of this name exists.
    fn has(&self, name: &str) -> bool {
        self.names.binary_search_by(|n| n.as_str().cmp(name)).is_ok()
    }

    /// The template for `chapter` in `set`: the set's own, else the shared one.
    pub fn resolve(&self, set: &str, chapter: &str) -> Option<String> {
        [format!("{set}/{chapter}.md"), format!("chapters/{chapter}.md")]
            .into_iter()
            .find(|n| self.has(n))
    }

    /// Renders template `name` with `context`, within [`MAX_TEMPLATE_OUTPUT`] bytes and
    /// [`MAX_TEMPLATE_SECONDS`] (a template that loops too long or writes too much is an
    /// error, not a hang).
    pub fn render(&self, set: &str, name: &str, ctx: &tera::Context) -> Result<String, Error> {
        let mut out = Bounded {
            bytes: Vec::with_capacity(8 << 10),
            deadline: Instant::now() + Duration::from_secs(MAX_TEMPLATE_SECONDS),
            over: None,
            writes: 0,
        };
        // the set's own part first: a shared name (`parts/…`) is in several
        let part = (self.parts.iter())
            .find(|p| p.set.as_deref() == Some(set) && p.holds(name))
            .or_else(|| self.parts.iter().find(|p| p.holds(name)))
            .or_else(|| self.parts.first());
        let Some(part) = part else {
            return Err(self.render_error(name, "template not found"));
        };
        let result = part.tera.get()?.render_to(name, ctx, &mut out);
        match out.over {
            Some(Over::Size) => {
                return Err(Error::TemplateOutput {
                    name: name.to_string(),
                    limit: MAX_TEMPLATE_OUTPUT,
                });
            }
            Some(Over::Time) => {
                return Err(Error::TemplateTime {
                    name: name.to_string(),
                    seconds: MAX_TEMPLATE_SECONDS,
                });
            }
            None => {}
        }
        result.map_err(|e| self.render_error(name, &e.to_string()))?;
        String::from_utf8(out.bytes).map_err(|e| self.render_error(name, &e.to_string()))
    }

    /// A render error of template `name` (or of a template it includes), with the file it
    /// comes from, its line and column, and the valid name nearest to an unknown one.
    fn render_error(&self, name: &str, message: &str) -> Error {
        let all: Vec<&str> = self.names.iter().map(String::as_str).collect();
        let (at, place) = place_of(message, name, &self.origins, &all);
        Error::Render { name: at, message: message.to_string(), place }
    }
}

/// Which bound a template render crossed.
#[derive(Clone, Copy)]
enum Over {
    Size,
    Time,
}

/// A buffer that refuses to grow past [`MAX_TEMPLATE_OUTPUT`] or to be written after its
/// deadline: Tera stops rendering at the first refused write.
struct Bounded {
    bytes: Vec<u8>,
    deadline: Instant,
    over: Option<Over>,
    /// Writes so far: the clock is read every [`CLOCK_EVERY`] of them, not on each (a
    /// chapter is thousands of small writes).
    writes: u32,
}

/// How many writes pass between two looks at the clock.
const CLOCK_EVERY: u32 = 64;

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writes = self.writes.wrapping_add(1);
        if self.bytes.len() + buf.len() > MAX_TEMPLATE_OUTPUT {
            self.over = Some(Over::Size);
        } else if self.writes.is_multiple_of(CLOCK_EVERY) && Instant::now() > self.deadline {
            self.over = Some(Over::Time);
        }
        if self.over.is_some() {
            return Err(std::io::Error::other("template output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Filters registered here and the Tera built-ins templates use most, for did-you-mean.
const FILTERS: [&str; 32] = [
    "fmt",
    "money",
    "growth",
    "delta",
    "with_unit",
    "percent",
    "number",
    "date",
    "period",
    "period_label",
    "status",
    "text",
    "cell",
    "md",
    "fill",
    "safe",
    "escape",
    "upper",
    "lower",
    "trim",
    "length",
    "default",
    "join",
    "first",
    "last",
    "replace",
    "round",
    "truncate",
    "title",
    "split",
    "reverse",
    "sort",
];

/// The built-in templates in parts that compile apart: the page (`html/`), the chapters
/// every set shares (`chapters/`, `parts/`), then each set's own (`annual/`, `monthly/`),
/// each part with the templates its own include. A plan compiles the shared parts and its
/// set's: the annual report no longer waits for the monthly set to compile.
fn builtin_parts(sources: &[(String, String)]) -> Vec<Part> {
    let dir = |n: &str| n.split('/').next().unwrap_or("").to_string();
    let mut groups: Vec<(Option<String>, Vec<String>)> = vec![
        (None, Vec::new()), // chapters and parts
        (None, Vec::new()), // the page
    ];
    for (name, _) in sources {
        match dir(name).as_str() {
            "chapters" | "parts" => groups[0].1.push(name.clone()),
            "html" => groups[1].1.push(name.clone()),
            set => match groups.iter_mut().find(|(s, _)| s.as_deref() == Some(set)) {
                Some((_, names)) => names.push(name.clone()),
                None => groups.push((Some(set.to_string()), vec![name.clone()])),
            },
        }
    }
    groups
        .into_iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(set, names)| {
            let names = with_includes(names, sources);
            let own: Vec<(String, String)> =
                sources.iter().filter(|(n, _)| names.contains(n)).cloned().collect();
            let tera = Compiled::lazy(move || compile(&own, &BTreeMap::new()));
            Part { set, names, tera }
        })
        .collect()
}

/// `names` and every template their texts name in quotes (`{% include "parts/x.md" %}`),
/// and those theirs, sorted.
fn with_includes(mut names: Vec<String>, sources: &[(String, String)]) -> Vec<String> {
    let mut i = 0;
    while i < names.len() {
        let text = sources.iter().find(|(n, _)| *n == names[i]).map_or("", |(_, t)| t.as_str());
        // a template is named between quotes: one pass over the text, every piece between
        // two quotes a candidate (prose with a stray quote cannot hide a name)
        for quoted in text.split('"') {
            if !names.iter().any(|n| n == quoted) && sources.iter().any(|(n, _)| n == quoted) {
                names.push(quoted.to_string());
            }
        }
        i += 1;
    }
    names.sort();
    names
}

/// One Tera instance with Planwright's filters and the templates `sources` (name, text).
fn compile(
    sources: &[(String, String)],
    origins: &BTreeMap<String, std::path::PathBuf>,
) -> Result<Tera, Failure> {
    let mut tera = Tera::new();
    // Markdown is escaped by our own filters; HTML layouts by Tera.
    tera.autoescape_on([".html"]);
    register_filters(&mut tera);
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))).map_err(|e| {
        let message = e.to_string();
        let all: Vec<&str> = sources.iter().map(|(n, _)| n.as_str()).collect();
        let (name, place) = place_of(&message, "", origins, &all);
        Failure { name, message, place }
    })?;
    Ok(tera)
}

/// Reads Tera's report: the template it names (` --> name:line:col`, else `fallback`), where,
/// and, for an unknown variable, field, filter or template, the nearest valid name.
fn place_of(
    message: &str,
    fallback: &str,
    origins: &BTreeMap<String, std::path::PathBuf>,
    templates: &[&str],
) -> (String, Box<crate::error::Place>) {
    let at = message.lines().find_map(|l| l.trim_start().strip_prefix("--> "));
    let (name, line, col) = match at.map(|a| a.rsplitn(3, ':').collect::<Vec<_>>()) {
        Some(p) if p.len() == 3 => {
            (p[2].to_string(), p[1].parse().unwrap_or(0), p[0].parse().unwrap_or(0))
        }
        _ => (fallback.to_string(), 0, 0),
    };
    let quoted = |after: &str| {
        let rest = message.split(after).nth(1)?;
        let rest = rest.strip_prefix('`')?;
        Some(rest[..rest.find('`')?].to_string())
    };
    let listed = |label: &str| -> Vec<String> {
        message
            .split(label)
            .nth(1)
            .and_then(|r| r.lines().next())
            .map(|r| r.split(',').map(|n| n.trim().trim_end_matches('.').to_string()).collect())
            .unwrap_or_default()
    };
    let near = |wrong: Option<String>, valid: Vec<String>| {
        let wrong = wrong?;
        let valid: Vec<&str> = valid.iter().map(String::as_str).collect();
        crate::model::nearest(&wrong, &valid).map(str::to_string)
    };
    let nearest = if message.contains("Variable `") {
        near(quoted("Variable "), listed("Available variables:"))
    } else if message.contains("Field `") {
        near(quoted("Field "), listed("Available fields:"))
    } else if message.contains("Unknown filter `") {
        near(quoted("Unknown filter "), FILTERS.iter().map(|f| f.to_string()).collect())
    } else if message.contains("Unknown template `") || message.contains("Template `") {
        let all = templates.iter().map(|t| t.to_string());
        let wrong = quoted("Unknown template ").or_else(|| quoted("Template "));
        near(wrong, all.collect())
    } else {
        None
    };
    let file = origins.get(&name).cloned();
    (name, Box::new(crate::error::Place { file, line, col, nearest }))
}

/// Reads every template file under `dir` as (relative name with `/`, text).
///
/// Only regular files inside the folder are read: a link is followed only when it stays
/// inside `root` (a link to `/etc/passwd` is an error), and a FIFO or device named `*.md`
/// is an error instead of a read that never ends. Each file is read at most
/// [`MAX_TEMPLATE_FILE_BYTES`].
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> Result<(), Error> {
    let real_root =
        root.canonicalize().map_err(|source| Error::Read { path: root.into(), source })?;
    collect_in(&real_root, root, dir, out, 0)
}

fn collect_in(
    real_root: &Path,
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, String)>,
    depth: usize,
) -> Result<(), Error> {
    let read_err = |source| Error::Read { path: dir.to_path_buf(), source };
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).map_err(read_err)?.collect::<Result<_, _>>().map_err(read_err)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let err = |source| Error::Read { path: path.clone(), source };
        let link = std::fs::symlink_metadata(&path).map_err(err)?.file_type().is_symlink();
        let real = path.canonicalize().map_err(err)?;
        if link && !real.starts_with(real_root) {
            return Err(Error::TemplateOutside { path, target: real });
        }
        let meta = std::fs::metadata(&real).map_err(err)?;
        if meta.is_dir() {
            // Links may loop inside the folder: a real template tree is a few levels deep.
            if depth < 8 {
                collect_in(real_root, root, &path, out, depth + 1)?;
            }
            continue;
        }
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else { continue };
        if !matches!(ext, "md" | "yaml" | "yml" | "html" | "css" | "toml") {
            continue;
        }
        if !meta.is_file() {
            return Err(Error::TemplateNotFile(path));
        }
        if meta.len() > MAX_TEMPLATE_FILE_BYTES {
            return Err(Error::TooLarge { path, size: meta.len(), limit: MAX_TEMPLATE_FILE_BYTES });
        }
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let name =
            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let bytes = crate::read_bounded(&real, MAX_TEMPLATE_FILE_BYTES)?;
        let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8(path.clone()))?;
        out.push((name, text));
    }
    Ok(())
}

/// `theme.toml`, `theme.yaml` or `theme.yml`, at the top of a template folder or in a set's
/// folder (`quarterly/theme.toml`).
fn is_theme_name(name: &str) -> bool {
    let mut parts = name.rsplit('/');
    let file = parts.next().unwrap_or("");
    let depth = name.matches('/').count();
    matches!(file, "theme.toml" | "theme.yaml" | "theme.yml") && depth <= 1
}

/// `key: {zh-CN: …, en: …}` → map.
fn parse_labels(
    name: &str,
    text: &str,
) -> Result<BTreeMap<String, BTreeMap<String, String>>, Error> {
    let bad = |message: String| Error::Labels { name: name.to_string(), message };
    let root = yaml::parse(text).map_err(|e| {
        let d = e.diagnostic(text, &crate::messages::Catalog::new(Locale::En));
        bad(format!("{} at line {}", d.message, d.span.map_or(0, |s| s.line)))
    })?;
    let NodeKind::Map(entries) = root.kind else {
        return Err(bad("expected a mapping of label keys".into()));
    };
    let mut out = BTreeMap::new();
    for (k, v) in entries {
        let key = k.as_str().unwrap_or_default().to_string();
        let NodeKind::Map(by) = v.kind else {
            return Err(bad(format!(
                "label `{key}` must map locales to text, line {}",
                v.span.line
            )));
        };
        let mut texts = BTreeMap::new();
        for (lk, lv) in by {
            // `{ en: Short-, mid-term }` reads `mid-term` as a key without a text: a label
            // written with an unquoted comma.
            if matches!(lv.kind, NodeKind::Null) {
                return Err(bad(format!(
                    "label `{key}` has no text for `{}`, line {} (quote a text that holds a comma)",
                    lk.as_str().unwrap_or_default(),
                    lv.span.line
                )));
            }
            texts.insert(
                lk.as_str().unwrap_or_default().to_string(),
                lv.as_str().unwrap_or_default().to_string(),
            );
        }
        out.insert(key, texts);
    }
    Ok(out)
}

/// The text of a label in `locale` from its texts by tag: the locale's own, else its
/// fallbacks', else the text of the first tag in alphabetical order (the first of equal
/// tags: an author's text before the built-in one).
fn pick<'a>(
    locale: Locale,
    texts: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> Option<&'a str> {
    let of = |tag: &str| texts.clone().find(|(t, _)| *t == tag).map(|(_, x)| x);
    fallbacks(locale)
        .iter()
        .find_map(|t| of(t))
        .or_else(|| texts.clone().min_by_key(|(t, _)| *t).map(|(_, x)| x))
}

/// The locales whose text a label of `locale` may show, in order.
fn fallbacks(locale: Locale) -> &'static [&'static str] {
    match locale {
        Locale::ZhCn => &["zh-CN"],
        Locale::ZhTw => &["zh-TW", "zh-HK", "zh-CN"],
        Locale::ZhHk => &["zh-HK", "zh-TW", "zh-CN"],
        Locale::En => &["en", "zh-CN"],
    }
}

fn locale(state: &State) -> Locale {
    state.get::<String>("locale").ok().flatten().map(|t| locale_of(&t)).unwrap_or_default()
}

fn field<'v>(v: &'v Value, key: &'v str) -> Option<&'v Value> {
    v.get_from_path(key)
}

fn decimal(v: &Value) -> Option<Decimal> {
    if let Some(s) = v.as_str() {
        return Decimal::from_str_exact(s).ok();
    }
    if let Some(i) = v.as_i64() {
        return Some(Decimal::from(i));
    }
    v.as_f64().and_then(|f| Decimal::try_from(f).ok())
}

fn value_of(v: &Value) -> Option<Decimal> {
    field(v, "value").and_then(decimal).or_else(|| decimal(v))
}

fn exact(v: &Value) -> Precision {
    match field(v, "exact").and_then(Value::as_bool) {
        Some(true) => Precision::Exact,
        _ => Precision::Derived,
    }
}

/// How money reads in this context: the plan's style (`money_style`, written by
/// [`crate::context`]) when the figure is in the plan's currency, else the figure's own
/// currency in the locale's words.
fn money_style(v: &Value, l: Locale, s: &State) -> MoneyStyle {
    let code = field(v, "currency").and_then(Value::as_str);
    let cur = code.and_then(Currency::parse).unwrap_or_default();
    let text = |st: &Value, k: &str| field(st, k).and_then(Value::as_str).map(str::to_string);
    let from_context = s.get::<Value>("money_style").ok().flatten().and_then(|st| {
        let words = field(&st, "words")?
            .as_array()?
            .iter()
            .filter_map(|w| {
                let w = w.as_array()?;
                Some((w.first()?.as_i64()? as u32, w.get(1)?.as_str()?.to_string()))
            })
            .collect();
        MoneyStyle::from_parts(
            &text(&st, "locale")?,
            &text(&st, "currency")?,
            &text(&st, "amount")?,
            &text(&st, "unit")?,
            words,
        )
    });
    match from_context {
        Some(style) if style.currency == cur || code.is_none() => style,
        _ => MoneyStyle::new(cur, l),
    }
}

const DASH: &str = "—";

/// A scale object from the context (`{type: "scale", exp, dp, row}`).
fn scale_of(v: &Value) -> Option<(format::Scale, bool)> {
    if field(v, "type").and_then(Value::as_str) != Some("scale") {
        return None;
    }
    let exp = field(v, "exp").and_then(Value::as_i64)? as u32;
    let dp = field(v, "dp").and_then(Value::as_i64)? as u32;
    let row = field(v, "row").and_then(Value::as_bool).unwrap_or(false);
    Some((format::Scale { exp: exp.min(12), dp: dp.min(6) }, row))
}

/// Money in a table's scale: bare in a column (`15,000`), with its unit in a row
/// (`1.50亿元`); other figures as [`fmt_value`] writes them.
fn fmt_scaled(v: &Value, st: &State, scale: Option<(format::Scale, bool)>) -> String {
    let l = locale(st);
    let kind = field(v, "type").and_then(Value::as_str).unwrap_or("");
    let (Some((s, row)), Some(n)) = (scale, value_of(v)) else { return fmt_value(v, st) };
    match kind {
        "money" if row => format::money_scaled(n, &money_style(v, l, st), s),
        "money" => format::scaled(n, s),
        "money_delta" if row => {
            format::signed(n, format::money_scaled(n, &money_style(v, l, st), s))
        }
        "money_delta" => format::signed(n, format::scaled(n, s)),
        _ => fmt_value(v, st),
    }
}

/// Formats any figure object by its `type`; empty values print as `—`.
fn fmt_value(v: &Value, st: &State) -> String {
    let l = locale(st);
    if v.is_none() || v.is_undefined() {
        return DASH.to_string();
    }
    let kind = field(v, "type").and_then(Value::as_str).unwrap_or("");
    let Some(n) = value_of(v) else {
        return match kind {
            "date" => field(v, "value")
                .and_then(Value::as_str)
                .and_then(Date::parse)
                .map(|d| format::date(d, l)),
            "period" => period_of(v).map(|p| format::period(&p, l)),
            _ => v.as_str().map(str::to_string).or_else(|| Some(format!("{v}"))),
        }
        .unwrap_or_else(|| DASH.to_string());
    };
    let unit = field(v, "unit").and_then(Value::as_str);
    match kind {
        "money" => format::money(n, &money_style(v, l, st), exact(v)),
        "percent" => format::percent(n, exact(v)),
        "growth" => format::signed_percent(n),
        "signed_percent" => format::signed(n, format::percent(n, exact(v))),
        "ratio" => format::ratio(n),
        "points" => format::points(n, l),
        "score_points" => format::score_points(n, unit, l),
        "money_delta" => format::signed_money(n, &money_style(v, l, st)),
        "number_delta" => {
            let text = format::number(n, unit, l, Precision::Derived);
            if n.is_sign_positive() && !n.is_zero() { format!("+{text}") } else { text }
        }
        _ => format::number(n, unit, l, exact(v)),
    }
}

fn period_of(v: &Value) -> Option<Period> {
    let code = field(v, "code").and_then(Value::as_str)?;
    match Period::parse(code) {
        Ok(p) => Some(p),
        Err(_) => {
            let start = Date::parse(field(v, "start")?.as_str()?)?;
            let end = Date::parse(field(v, "end")?.as_str()?)?;
            Some(Period { kind: crate::model::values::PeriodKind::Range, start, end })
        }
    }
}

/// Escapes text from the plan so Markdown shows it literally (never as markup or HTML).
///
/// A lone `\r` (old Mac line ends, or pasted text) is a line break here as it is in
/// Markdown, so it is escaped like one.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in s.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        out.push_str(&line[..lead]);
        // Characters that would start a block (heading, list, quote) at the line start.
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        if trimmed.starts_with(['#', '-', '+', '=']) {
            out.push('\\');
        } else if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
            out.push_str(&trimmed[..digits]);
            out.push('\\');
            out.push_str(&escape_inline(&trimmed[digits..]));
            continue;
        }
        out.push_str(&escape_inline(trimmed));
    }
    out
}

fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes for a GFM table cell: one line, pipes escaped.
pub fn escape_cell(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_inline(&one_line)
}

/// Plan Markdown with every image turned into its text: charts are placed by the
/// templates, never by plan text, so `![x](charts/../../api?x)` or `<img src=…>` in a plan
/// loads nothing in any format. A lone `\r` is a line break, as in [`escape_text`].
pub fn without_images(md: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let md = md.replace("\r\n", "\n").replace('\r', "\n");
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut image: Option<(std::ops::Range<usize>, String)> = None;
    let events = Parser::new_ext(&md, crate::render::markdown::options()).into_offset_iter();
    for (ev, range) in events {
        match ev {
            Event::Start(Tag::Image { .. }) if image.is_none() => {
                image = Some((range, String::new()))
            }
            Event::End(TagEnd::Image) => {
                if let Some((r, alt)) = image.take() {
                    edits.push((r, escape_inline(&alt)));
                }
            }
            Event::Text(t) | Event::Code(t) if image.is_some() => {
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h)
                if image.is_none() && h.to_ascii_lowercase().contains("<img") =>
            {
                edits.push((range, escape_inline(&h)));
            }
            _ => {}
        }
    }
    let mut out = md.clone();
    // Ranges come in document order and do not overlap: apply them from the end.
    for (r, text) in edits.into_iter().rev() {
        if out.is_char_boundary(r.start) && out.is_char_boundary(r.end) && r.start <= r.end {
            out.replace_range(r, &text);
        }
    }
    out
}

/// Plan Markdown placed inside a chapter: headings demoted below the chapter's own.
pub fn demote_headings(md: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<&str> = None;
    for line in md.trim_end().lines() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
        } else if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
        } else if t.starts_with('#') && line.len() - t.len() < 4 {
            let hashes = t.chars().take_while(|&c| c == '#').count();
            if hashes <= 6 && t[hashes..].starts_with([' ', '\t']) || t.len() == hashes {
                let level = (hashes + 3).min(6);
                out.push_str(&"#".repeat(level));
                out.push_str(&t[hashes..]);
                out.push('\n');
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Fails on a value that is not defined at all (a misspelt field), unlike `null`, which is an
/// empty value the plan left out and prints as `—`.
fn defined(v: &Value, filter: &str) -> Result<(), tera::Error> {
    if v.is_undefined() {
        return Err(tera::Error::message(format!(
            "the value given to `{filter}` is not defined: check the field name against the template context"
        )));
    }
    Ok(())
}

fn register_filters(tera: &mut Tera) {
    // `{{ x | fmt }}`, or `{{ x | fmt(scale=table.scale) }}` for money in a table's one
    // scale and precision.
    for name in ["fmt", "money", "growth", "delta"] {
        tera.register_filter(name, move |v: &Value, k: Kwargs, s: &State| {
            defined(v, name)?;
            let scale = k.get::<Value>("scale").ok().flatten().and_then(|sc| scale_of(&sc));
            Ok::<_, tera::Error>(fmt_scaled(v, s, scale))
        });
    }
    // `{{ labels.amount | with_unit(scale=b.scale) }}` → `金额（万元）` / `Amount ($K)`.
    tera.register_filter("with_unit", |v: &Value, k: Kwargs, s: &State| {
        let label = v.as_str().unwrap_or("").to_string();
        let unit = k
            .get::<Value>("scale")
            .ok()
            .flatten()
            .and_then(|sc| field(&sc, "unit").and_then(Value::as_str).map(str::to_string));
        match (unit, locale(s)) {
            (Some(u), l) if l.is_chinese() => format!("{label}（{u}）"),
            (Some(u), _) => format!("{label} ({u})"),
            (None, _) => label,
        }
    });
    tera.register_filter("percent", |v: &Value, _: Kwargs, _: &State| {
        defined(v, "percent")?;
        Ok::<_, tera::Error>(match value_of(v) {
            Some(n) => format::percent(n, exact(v)),
            None => DASH.to_string(),
        })
    });
    tera.register_filter("number", |v: &Value, _: Kwargs, s: &State| {
        defined(v, "number")?;
        Ok::<_, tera::Error>(match value_of(v) {
            Some(n) => {
                format::number(n, field(v, "unit").and_then(Value::as_str), locale(s), exact(v))
            }
            None => DASH.to_string(),
        })
    });
    tera.register_filter("date", |v: &Value, k: Kwargs, s: &State| {
        let text = field(v, "value").and_then(Value::as_str).or_else(|| v.as_str()).unwrap_or("");
        let short = k.get::<bool>("short").ok().flatten().unwrap_or(false);
        match Date::parse(text) {
            Some(d) if short => {
                let year = k.get::<i64>("year").ok().flatten().map(|y| y as i32);
                format::short_date(d, locale(s), year)
            }
            Some(d) => format::date(d, locale(s)),
            None => DASH.to_string(),
        }
    });
    tera.register_filter("period", |v: &Value, _: Kwargs, s: &State| {
        period_of(v).map(|p| format::period(&p, locale(s))).unwrap_or_else(|| DASH.to_string())
    });
    tera.register_filter("period_label", |v: &Value, _: Kwargs, s: &State| {
        period_of(v)
            .map(|p| format::period_label(&p, locale(s)))
            .unwrap_or_else(|| DASH.to_string())
    });
    // A status, level or progress key → its label (`on_track` → `✓ 正常`).
    tera.register_filter("status", |v: &Value, k: Kwargs, s: &State| {
        let key = v.as_str().unwrap_or("pending");
        let prefix = k.get::<String>("prefix").ok().flatten().unwrap_or_default();
        let full = format!("{prefix}{key}");
        s.get::<Value>("labels")
            .ok()
            .flatten()
            .and_then(|labels| field(&labels, &full).and_then(Value::as_str).map(str::to_string))
            .unwrap_or(full)
    });
    tera.register_filter("text", |v: &Value, _: Kwargs, _: &State| {
        defined(v, "text")?;
        Ok::<_, tera::Error>(match v.as_str() {
            Some(s) => escape_text(s),
            None if v.is_none() => String::new(),
            None => escape_text(&format!("{v}")),
        })
    });
    tera.register_filter("cell", |v: &Value, _: Kwargs, _: &State| {
        defined(v, "cell")?;
        Ok::<_, tera::Error>(match v.as_str() {
            Some(s) if !s.trim().is_empty() => escape_cell(s),
            Some(_) => DASH.to_string(),
            None if v.is_none() => DASH.to_string(),
            None => escape_cell(&format!("{v}")),
        })
    });
    tera.register_filter("md", |v: &Value, _: Kwargs, _: &State| {
        demote_headings(&without_images(v.as_str().unwrap_or("")))
    });
    // `{{ chart(id="budget") }}`: the chart as a Markdown image, or nothing when the plan has
    // no data for it (so a template can place every chart unconditionally).
    tera.register_function("chart", |k: Kwargs, s: &State| {
        let id = k.must_get::<String>("id")?;
        let charts = s.get::<Value>("charts")?.unwrap_or_else(Value::none);
        let Some(c) = field(&charts, &id) else { return Ok::<_, tera::Error>(String::new()) };
        let text = |key: &str| field(c, key).and_then(Value::as_str).unwrap_or("").to_string();
        // The text alternative is the image's alt text; the title its tooltip.
        let alt = escape_inline(&text("description").replace('\n', " "));
        let title = text("title").replace('"', "'");
        Ok(format!("\n\n![{alt}]({} \"{title}\")\n\n", text("file")))
    });
    // `"{n} 期" | fill(n=4)`: fills `{name}` placeholders of a label sentence.
    tera.register_filter("fill", |v: &Value, k: Kwargs, _: &State| {
        let mut text = v.as_str().unwrap_or("").to_string();
        for (key, value) in k.iter() {
            let rendered = value.as_str().map(str::to_string).unwrap_or_else(|| format!("{value}"));
            text = text.replace(&format!("{{{key}}}"), &rendered);
        }
        text
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_parts_hold_what_they_include_and_a_warm_up_skips_other_sets() {
        let t = Templates::load(None).expect("built-ins load");
        let part = |name: &str| t.parts.iter().find(|p| p.holds(name)).expect(name);
        // each part holds what its templates include
        let monthly = t.parts.iter().find(|p| p.set.as_deref() == Some("monthly")).expect("set");
        assert!(monthly.holds("monthly/strategies.md") && monthly.holds("parts/funnel.md"));
        assert!(part("chapters/strategies.md").holds("parts/pricing.md"));
        assert!(part("html/report.html").holds("html/style.css"));
        // nothing compiles before it is used or warmed up
        assert!(!t.compiled("annual") && !t.compiled("monthly"));
        t.want("annual");
        t.warm_up()();
        assert!(t.compiled("annual"), "shared, page and annual parts compiled");
        assert!(!t.compiled("monthly"), "the monthly set was not wanted");
        // what a plan's thread compiles itself: its set's parts, not another set's
        let t2 = Templates::load(None).expect("built-ins load");
        t2.compile_unclaimed("annual");
        assert!(t2.compiled("annual") && !t2.compiled("monthly"));
        // a monthly render compiles its set's part on first use (whether this bare context
        // renders is beside the point)
        let _ = t.render("monthly", "monthly/strategies.md", &tera::Context::new());
        assert!(t.compiled("monthly"));
    }

    #[test]
    fn a_render_past_its_deadline_stops_within_a_few_writes() {
        use std::io::Write;
        let deadline = Instant::now();
        std::thread::sleep(Duration::from_millis(2));
        let mut out = Bounded { bytes: Vec::new(), deadline, over: None, writes: 0 };
        let accepted = (0..CLOCK_EVERY * 2).take_while(|_| out.write(b"x").is_ok()).count();
        assert!(accepted < CLOCK_EVERY as usize, "{accepted} writes after the deadline");
        assert!(matches!(out.over, Some(Over::Time)));
    }

    #[test]
    fn built_in_labels_are_the_yaml_file_as_the_reader_reads_it() {
        let read = parse_labels("labels.yaml", BUILTINS[0].1).unwrap();
        let built = Templates::load(None).unwrap();
        assert_eq!(built.label_table(), read);
        assert_eq!(read["toc"]["zh-TW"], "目錄");
    }

    #[test]
    fn an_authors_labels_override_key_by_key_and_locale_by_locale() {
        let dir = std::env::temp_dir().join(format!("pw-labels-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("labels.yaml"), "toc: { zh-CN: 目次 }\nmine: { en: Mine }\n")
            .unwrap();
        let t = Templates::load(Some(&dir)).unwrap();
        let (zh, en) = (t.labels(Locale::ZhCn), t.labels(Locale::En));
        assert_eq!(zh["toc"], "目次", "the author's text wins in its locale");
        assert_eq!(en["toc"], "Contents", "the built-in text stays in the others");
        assert_eq!((zh["mine"].as_str(), en["mine"].as_str()), ("Mine", "Mine"));
        assert_eq!(zh["dashboard"], "经营看板", "keys the author left alone");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_label_falls_back_to_the_nearest_locale_then_the_first_tag() {
        let texts = [("zh-CN", "计划"), ("zh-HK", "計劃"), ("en", "Plan")];
        assert_eq!(pick(Locale::ZhTw, texts.iter().copied()), Some("計劃"));
        assert_eq!(pick(Locale::ZhCn, texts.iter().copied()), Some("计划"));
        assert_eq!(pick(Locale::En, texts.iter().copied()), Some("Plan"));
        // no text in the locale or its fallbacks: the first tag in alphabetical order
        let odd = [("zh-TW", "計畫"), ("fr", "Plan (fr)")];
        assert_eq!(pick(Locale::En, odd.iter().copied()), Some("Plan (fr)"));
        assert_eq!(pick(Locale::En, std::iter::empty()), None);
    }

    #[test]
    fn escapes_plan_text_for_markdown() {
        assert_eq!(escape_text("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(escape_text("1. 第一"), "1\\. 第一");
        assert_eq!(escape_text("# 不是标题"), "\\# 不是标题");
        assert_eq!(escape_cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn plan_images_become_text() {
        assert_eq!(without_images("a ![图](charts/../../x?id=1) b"), "a 图 b");
        assert_eq!(without_images("![a*b*](//evil/x.png)"), "ab");
        let html = without_images("x <img alt=\"a\" src=\"charts/../api\"> y");
        assert!(html.contains("\\<img") && !html.contains(" <img"), "{html}");
        assert_eq!(without_images("a\r- b"), "a\n- b");
    }

    #[test]
    fn demotes_plan_headings_below_the_chapter() {
        assert_eq!(
            demote_headings("# 标题\n正文\n```\n# code\n```"),
            "#### 标题\n正文\n```\n# code\n```"
        );
    }

    #[test]
    fn every_builtin_template_parses() {
        let t = Templates::load(None).unwrap();
        assert_eq!(t.sets(), ["annual", "monthly"]);
        assert_eq!(t.resolve("monthly", "schedule").as_deref(), Some("monthly/schedule.md"));
        assert_eq!(t.resolve("annual", "schedule").as_deref(), Some("chapters/schedule.md"));
        let zh = t.labels(Locale::ZhCn);
        let en = t.labels(Locale::En);
        assert_eq!(zh["targets"], "销售目标");
        assert_eq!(en["targets"], "Sales targets");
        assert_eq!(zh.len(), en.len());
    }
}
