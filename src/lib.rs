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
use render::{Format, OutputFile, RenderedChart};
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

    /// Draws every chart the plan has data for, as SVG.
    pub fn charts(&self, plan: &Plan, figures: &Figures) -> Result<Vec<RenderedChart>, Error> {
        let labels = self.templates.labels(plan.meta.locale);
        charts::build(plan, figures, &labels)
            .into_iter()
            .map(|c| {
                let svg = c.svg().map_err(|message| Error::Chart { id: c.id.clone(), message })?;
                Ok(RenderedChart { id: c.id, title: c.title, description: c.description, svg })
            })
            .collect()
    }

    /// Renders the requested formats of a valid plan: every file of the report, paths
    /// relative to the report's folder (`<name>.md`, `charts/*.svg`, `<name>.html`).
    /// Nothing is written here; on error no file is returned.
    pub fn render(
        &self,
        plan: &Plan,
        figures: &Figures,
        name: &str,
        formats: &[Format],
    ) -> Result<Vec<OutputFile>, Error> {
        let charts = self.charts(plan, figures)?;
        let mut ctx = self.context(plan, figures);
        if let Some(obj) = ctx.as_object_mut() {
            let map: serde_json::Map<String, serde_json::Value> = charts
                .iter()
                .map(|c| {
                    let v = serde_json::json!({"title": c.title, "description": c.description, "file": c.file()});
                    (c.id.clone(), v)
                })
                .collect();
            obj.insert("charts".into(), serde_json::Value::Object(map));
        }
        let set = &plan.meta.kind;
        let md = render::markdown::render_parts(&self.templates, set, &ctx, plan.meta.locale)?;
        let mut files = Vec::new();
        for format in formats {
            match format {
                Format::Markdown => {
                    files.push(OutputFile {
                        path: format!("{name}.md").into(),
                        bytes: md.document.clone().into_bytes(),
                    });
                    for c in &charts {
                        files.push(OutputFile {
                            path: c.file().into(),
                            bytes: c.svg.clone().into_bytes(),
                        });
                    }
                }
                Format::Html => {
                    let by_id = charts.iter().map(|c| (c.id.clone(), c.clone())).collect();
                    let html = render::html::render(&self.templates, set, &ctx, &md, &by_id)?;
                    files.push(OutputFile {
                        path: format!("{name}.html").into(),
                        bytes: html.into_bytes(),
                    });
                }
                Format::Pdf => return Err(Error::FormatUnavailable(format.extension().into())),
            }
        }
        Ok(files)
    }
}
