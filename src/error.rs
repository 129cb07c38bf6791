//! System failures (I/O, templates): one enum, each variant carrying the path or name.
//!
//! Problems in the user's plan are not errors of this kind but [`crate::diagnostic`]s.

use std::path::PathBuf;

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
    },
    /// A template failed while rendering.
    #[error("failed to render template `{name}`\n{message}")]
    Render {
        /// Template name.
        name: String,
        /// Tera's report, with a snippet.
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
        "no template set `{set}` (available: {available})\nhint: set `meta.kind` to one of them, or add `{set}/report.md` to your template folder"
    )]
    UnknownSet {
        /// The requested set.
        set: String,
        /// Known sets.
        available: String,
    },
    /// The PDF backend failed.
    #[error("{message}")]
    Pdf {
        /// What failed, in the `failed to …` form.
        message: String,
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
