//! Planwright: a sales or business plan in YAML → a board-ready report.
//!
//! Pipeline: [`plan`] (YAML → node tree) → [`model`] (typed, validated) → [`figures`]
//! (derived, exact decimals) → [`checks`] (warnings) → [`context`] (one view for templates)
//! → [`templates`] (Tera) → [`render`] (Markdown) → [`output`] (files); [`charts`] draws
//! the figures (plotters) for the formats that show them.
//!
//! [`Engine`] holds what is loaded once per process (templates, labels) and is shared by
//! every plan rendered; each stage is a pure function of its input.

pub mod charts;
pub mod checks;
pub mod context;
pub mod diagnostic;
pub mod error;
pub mod figures;
pub mod format;
pub mod model;
pub mod output;
pub mod plan;
pub mod render;
pub mod starter;
pub mod templates;

use std::path::Path;

use diagnostic::Diagnostics;
use error::Error;
use figures::Figures;
use model::Plan;
use render::Format;
use templates::Templates;

/// Plans larger than this are refused before parsing (real plans are a few KB).
pub const MAX_PLAN_BYTES: u64 = 8 * 1024 * 1024;

/// A plan read and checked: the diagnostics, and the plan when it has no errors.
pub struct Checked {
    /// Every error and warning, in source order.
    pub diagnostics: Diagnostics,
    /// The plan and its figures, present when there are no errors.
    pub valid: Option<(Plan, Figures)>,
}

/// Reads, validates and derives a plan from its text. Pure: no I/O.
pub fn check(file: &str, source: &str) -> Checked {
    let mut diagnostics = Diagnostics::new(file, source);
    let root = match plan::yaml::parse(source) {
        Ok(root) => root,
        Err(d) => {
            diagnostics.push(d);
            return Checked { diagnostics, valid: None };
        }
    };
    let (plan, errors) = model::from_tree(&root, source);
    let failed = !errors.is_empty();
    diagnostics.items.extend(errors);
    if failed {
        diagnostics.sort();
        return Checked { diagnostics, valid: None };
    }
    let figures = figures::derive(&plan);
    diagnostics.items.extend(checks::warnings(&plan, &figures));
    diagnostics.sort();
    Checked { diagnostics, valid: Some((plan, figures)) }
}

/// Reads a plan file as UTF-8 text, refusing files too large to be a plan.
pub fn read_plan(path: &Path) -> Result<String, Error> {
    let meta = std::fs::metadata(path)
        .map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    if meta.len() > MAX_PLAN_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: MAX_PLAN_BYTES,
        });
    }
    let bytes =
        std::fs::read(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8(path.to_path_buf()))?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

/// What is loaded once and shared by every render: templates and labels.
pub struct Engine {
    templates: Templates,
}

impl Engine {
    /// Loads the built-in templates, overridden by `template_dir` when given.
    pub fn new(template_dir: Option<&Path>) -> Result<Self, Error> {
        Ok(Self { templates: Templates::load(template_dir)? })
    }

    /// The templates in use.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The template context of a valid plan (what templates see).
    pub fn context(&self, plan: &Plan, figures: &Figures) -> serde_json::Value {
        let labels = self.templates.labels(plan.meta.locale);
        context::build(plan, figures, &labels, &plan.meta.kind)
    }

    /// Renders one format of a valid plan into bytes.
    pub fn render(&self, plan: &Plan, figures: &Figures, format: Format) -> Result<Vec<u8>, Error> {
        match format {
            Format::Markdown => {
                let ctx = self.context(plan, figures);
                render::markdown::render(&self.templates, &plan.meta.kind, &ctx, plan.meta.locale)
                    .map(String::into_bytes)
            }
            Format::Html | Format::Pdf => Err(Error::FormatUnavailable(format.extension().into())),
        }
    }
}
