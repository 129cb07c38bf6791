//! System failures (I/O, templates): one enum, each variant carrying the path or name.
//!
//! Problems in the user's plan are not errors of this kind but [`crate::diagnostic`]s.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::format;
use crate::messages::Catalog;
use crate::tr;

/// Where a template problem is: the author's file or a built-in template, the line and the
/// column, and the valid name nearest to an unknown one it used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The author's file; none for a built-in template.
    pub file: Option<PathBuf>,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// The nearest valid variable, field, filter or template name.
    pub nearest: Option<String>,
}

impl Place {
    /// A problem not tied to a line (a context that does not serialise, a missing file).
    pub fn none() -> Box<Self> {
        Box::default()
    }

    /// `path:line:col` (or `built-in name:line:col`) and a did-you-mean line, in `cat`'s words.
    fn words(&self, name: &str, cat: &Catalog) -> (String, String) {
        let file = match &self.file {
            Some(f) => f.display().to_string(),
            None => tr!(cat, "template.builtin", name = name),
        };
        let at = if self.line > 0 { format!("{file}:{}:{}", self.line, self.col) } else { file };
        let hint = self
            .nearest
            .as_ref()
            .map(|n| {
                format!(
                    "\n{}",
                    tr!(cat, "template.hint", hint = tr!(cat, "did-you-mean", name = n))
                )
            })
            .unwrap_or_default();
        (at, hint)
    }
}

/// A failure that is not a problem in the plan itself.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading a file failed.
    #[error("failed to read `{path}` ({source})")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Writing a file failed.
    #[error("failed to write `{path}` ({source})")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A plan file is not UTF-8 text.
    #[error("failed to read `{0}` (not UTF-8 text)\nhint: save the plan as UTF-8")]
    NotUtf8(PathBuf),
    /// A plan file is too large to be a plan.
    #[error("failed to read `{path}` ({size} bytes; a plan is at most {limit} bytes)")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// `--templates` names a folder that does not exist.
    #[error(
        "template folder `{0}` does not exist\nhint: create it with `planwright templates export {0}`, or drop `--templates`"
    )]
    TemplateDirMissing(PathBuf),
    /// A template does not parse.
    #[error("failed to load template `{name}`\n{message}")]
    Template {
        /// Template name.
        name: String,
        /// Tera's report, with a snippet.
        message: String,
        /// Where: the author's file (none: the built-in), line and column (0: unknown).
        place: Box<Place>,
    },
    /// A template failed while rendering.
    #[error("failed to render template `{name}`\n{message}")]
    Render {
        /// Template name.
        name: String,
        /// Tera's report, with a snippet.
        message: String,
        /// Where, and the nearest valid name for an unknown one.
        place: Box<Place>,
    },
    /// A theme file has errors (rendered with file, line, column and hints).
    #[error("theme `{}` has errors\n{report}", path.display())]
    Theme {
        /// The file.
        path: PathBuf,
        /// Every problem, drawn with its source line.
        report: String,
    },
    /// Watching a folder for changes failed.
    #[error("cannot watch `{}` for changes ({message})", path.display())]
    Watch {
        /// The folder.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The preview server could not listen.
    #[error("cannot serve the preview on port {port} ({message})")]
    Serve {
        /// The port asked for.
        port: u16,
        /// Why.
        message: String,
    },
    /// `labels.yaml` is malformed.
    #[error("failed to load labels `{name}` ({message})")]
    Labels {
        /// File name.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// A chart could not be drawn.
    #[error("failed to draw chart `{id}` ({message})")]
    Chart {
        /// Chart id.
        id: String,
        /// What the plotting library said.
        message: String,
    },
    /// `meta.kind` names a template set that does not exist.
    #[error(
        "no template set `{set}` (available: {available})\nhint: set `meta.kind` to one of them, or add a folder `{set}/` (with a chapter, a `report.md` or a `theme.toml`) to your template folder"
    )]
    UnknownSet {
        /// The requested set.
        set: String,
        /// Known sets.
        available: String,
    },
    /// `--font` or a theme names a file that is not a TrueType or OpenType font.
    #[error(
        "failed to load the font `{name}` (not a TrueType or OpenType font)\nhint: name a .ttf or .otf file"
    )]
    NotAFont {
        /// The file as named.
        name: String,
    },
    /// The PDF backend failed.
    #[error("{message}")]
    Pdf {
        /// What failed, in the `failed to …` form.
        message: String,
    },
    /// A template in the `--templates` folder is a link to a file outside it.
    #[error(
        "template `{path}` links to `{target}`, outside the template folder\nhint: copy the file into the folder instead of linking to it"
    )]
    TemplateOutside {
        /// The link.
        path: PathBuf,
        /// Where it leads.
        target: PathBuf,
    },
    /// A template in the `--templates` folder is not a regular file (a FIFO, a device).
    #[error("template `{0}` is not a regular file\nhint: templates must be ordinary text files")]
    TemplateNotFile(PathBuf),
    /// A template produced more than the output limit.
    #[error("template `{name}` produced more than {limit} bytes")]
    TemplateOutput {
        /// Template name.
        name: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// A template ran past the time limit.
    #[error("template `{name}` ran for more than {seconds} s")]
    TemplateTime {
        /// Template name.
        name: String,
        /// The limit in seconds.
        seconds: u64,
    },
    /// A report's Markdown nests block quotes or lists deeper than the PDF lays out.
    #[error(
        "the report nests quotes or lists {depth} levels deep; the PDF lays out at most {limit}"
    )]
    TooDeep {
        /// How deep it got.
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// A file stands where a folder has to be made.
    #[error(
        "cannot write `{wanted}`: `{path}` is a file, not a folder\nhint: move or rename `{path}`, or write elsewhere with `-o`"
    )]
    InTheWay {
        /// The file in the way.
        path: PathBuf,
        /// The folder that was to be written.
        wanted: PathBuf,
    },
    /// An unknown output format.
    #[error("unknown format `{0}`\nhint: formats are `md`, `html` and `pdf`")]
    UnknownFormat(String),
    /// A folder or glob that names no plan file.
    #[error(
        "no plan (`*.yaml`, `*.yml`) in `{0}`\nhint: name plan files, a folder holding them, or a quoted glob such as 'plans/**/*.yaml'"
    )]
    NoPlans(PathBuf),
    /// A glob pattern that does not parse.
    #[error("the pattern `{pattern}` is not a valid glob ({message})")]
    BadGlob {
        /// The pattern.
        pattern: String,
        /// What is wrong.
        message: String,
    },
    /// Two plans that would write one report folder.
    #[error("`{}` and `{}` would both write the report `{}`\nhint: rename one, or render the folder that holds them so each keeps its sub-folder", first.display(), second.display(), report.display())]
    SameReport {
        /// The first plan.
        first: PathBuf,
        /// The second plan.
        second: PathBuf,
        /// The report folder they share.
        report: PathBuf,
    },
}

impl Error {
    /// The error in the words of `cat` (the plan's locale), with its hint on a second line.
    pub fn localized(&self, cat: &Catalog) -> String {
        let p = |p: &Path| p.display().to_string();
        match self {
            Self::Read { path, source } => {
                tr!(cat, "error.read", path = p(path), why = io_words(source, cat))
            }
            Self::Write { path, source } => {
                tr!(cat, "error.write", path = p(path), why = io_words(source, cat))
            }
            Self::NotUtf8(path) => tr!(cat, "error.not-utf8", path = p(path)),
            Self::TooLarge { path, limit, .. } => {
                let mb = format::round(Decimal::from(*limit) / Decimal::from(1024 * 1024), 1);
                tr!(cat, "error.too-large", path = p(path), limit = mb.normalize())
            }
            Self::TemplateDirMissing(path) => tr!(cat, "error.template-dir", path = p(path)),
            Self::Template { name, message, place } => {
                let (at, hint) = place.words(name, cat);
                tr!(cat, "error.template", name = name, at = at, message = message.trim_end())
                    + &hint
            }
            Self::Render { name, message, place } => {
                let (at, hint) = place.words(name, cat);
                tr!(cat, "error.render", name = name, at = at, message = message.trim_end()) + &hint
            }
            Self::Theme { path, report } => {
                tr!(cat, "error.theme", path = p(path), report = report.trim_end())
            }
            Self::Watch { path, message } => {
                tr!(cat, "error.watch", path = p(path), message = message)
            }
            Self::Serve { port, message } => {
                tr!(cat, "error.serve", port = port, message = message)
            }
            Self::Labels { name, message } => {
                tr!(cat, "error.labels", name = name, message = message)
            }
            Self::Chart { id, message } => tr!(cat, "error.chart", id = id, message = message),
            Self::UnknownSet { set, available } => {
                tr!(cat, "error.unknown-set", set = set, available = available)
            }
            Self::NotAFont { name } => tr!(cat, "error.not-a-font", name = name),
            Self::Pdf { message } => tr!(cat, "error.pdf", message = message),
            Self::TemplateOutside { path, target } => {
                tr!(cat, "error.template-outside", path = p(path), target = p(target))
            }
            Self::TemplateNotFile(path) => tr!(cat, "error.template-not-file", path = p(path)),
            Self::TemplateOutput { name, limit } => {
                tr!(cat, "error.template-output", name = name, limit = limit / (1024 * 1024))
            }
            Self::TemplateTime { name, seconds } => {
                tr!(cat, "error.template-time", name = name, seconds = seconds)
            }
            Self::TooDeep { depth, limit } => {
                tr!(cat, "error.too-deep", depth = depth, limit = limit)
            }
            Self::InTheWay { path, wanted } => {
                tr!(cat, "error.in-the-way", path = p(path), wanted = p(wanted))
            }
            Self::UnknownFormat(f) => tr!(cat, "error.unknown-format", format = f),
            Self::NoPlans(path) => tr!(cat, "error.no-plans", path = p(path)),
            Self::BadGlob { pattern, message } => {
                tr!(cat, "error.bad-glob", pattern = pattern, message = message)
            }
            Self::SameReport { first, second, report } => tr!(
                cat,
                "error.same-report",
                first = p(first),
                second = p(second),
                report = p(report)
            ),
        }
    }
}

/// An I/O failure in plain words (the system's own text only for the unusual ones).
fn io_words(e: &std::io::Error, cat: &Catalog) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => cat.t("io.not-found", &[]),
        K::PermissionDenied => cat.t("io.permission-denied", &[]),
        K::StorageFull => cat.t("io.storage-full", &[]),
        K::ReadOnlyFilesystem => cat.t("io.read-only", &[]),
        K::IsADirectory => cat.t("io.is-a-folder", &[]),
        K::NotADirectory => cat.t("io.not-a-folder", &[]),
        K::AlreadyExists => cat.t("io.exists", &[]),
        _ => tr!(cat, "io.other", message = e),
    }
}
