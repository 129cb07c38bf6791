//! Planwright: a sales or business plan in YAML → a board-ready report.
//!
//! Pipeline: [`plan`] (YAML → node tree) → [`model`] (typed, validated) → [`figures`]
//! (derived, exact decimals) → [`checks`] (warnings) → [`context`] (one view for templates)
//! → [`templates`] (Tera) → [`render`] (Markdown) → [`output`] (files).
//!
//! [`Engine`] holds what is loaded once per process (templates, labels) and is shared by
//! every plan rendered; each stage is a pure function of its input.

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

/// A rendered report and the warnings met while rendering it (a character no bundled
/// font can draw, a chart that could not be drawn); the CLI prints them, `--strict`
/// fails on them.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Warnings, one sentence each.
    pub warnings: Vec<String>,
}

/// What is loaded once and shared by every render: templates, labels and (on the first
/// PDF) the parsed fonts.
pub struct Engine {
    templates: Templates,
    fonts: std::sync::OnceLock<render::pdf::Fonts>,
}

impl Engine {
    /// Loads the built-in templates, overridden by `template_dir` when given.
    pub fn new(template_dir: Option<&Path>) -> Result<Self, Error> {
        Ok(Self { templates: Templates::load(template_dir)?, fonts: std::sync::OnceLock::new() })
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
        self.render_with_warnings(plan, figures, format).map(|r| r.bytes)
    }

    /// Renders one format of a valid plan, with the warnings met on the way.
    pub fn render_with_warnings(
        &self,
        plan: &Plan,
        figures: &Figures,
        format: Format,
    ) -> Result<Rendered, Error> {
        match format {
            Format::Markdown => {
                let ctx = self.context(plan, figures);
                render::markdown::render(&self.templates, &plan.meta.kind, &ctx, plan.meta.locale)
                    .map(|md| Rendered { bytes: md.into_bytes(), warnings: Vec::new() })
            }
            Format::Pdf => self.render_pdf(plan, figures, &render::pdf::Images::new()),
            Format::Html => Err(Error::FormatUnavailable(format.extension().into())),
        }
    }

    /// The bundled fonts, parsed on first use and kept for every later render.
    pub fn fonts(&self) -> Result<&render::pdf::Fonts, Error> {
        if let Some(f) = self.fonts.get() {
            return Ok(f);
        }
        let loaded = render::pdf::Fonts::load()?;
        Ok(self.fonts.get_or_init(|| loaded))
    }

    /// What the PDF is made from: the Markdown report plus the cover facts.
    pub fn pdf_input(&self, plan: &Plan, figures: &Figures) -> Result<render::pdf::Input, Error> {
        let ctx = self.context(plan, figures);
        let m = &plan.meta;
        let markdown = render::markdown::render(&self.templates, &m.kind, &ctx, m.locale)?;
        let labels = self.templates.labels(m.locale);
        let label = |k: &str| labels.get(k).cloned().unwrap_or_else(|| k.to_string());
        let zh = m.locale == model::Locale::ZhCn;
        let period = m.period.as_ref().map(|p| format::period(p, m.locale));
        let mut fields = Vec::new();
        if let Some(p) = &period {
            fields.push((label("period"), p.clone()));
        }
        if let Some(v) = &m.version {
            fields.push((label("version"), v.clone()));
        }
        if let Some(v) = &m.prepared_by {
            fields.push((label("prepared_by"), v.clone()));
        }
        if let Some(d) = m.date {
            fields.push((label("date"), format::date(d, m.locale)));
        }
        if let Some(d) = m.as_of {
            fields.push((label("as_of"), format::date(d, m.locale)));
        }
        let cover = render::pdf::Cover {
            title: m.title.clone(),
            organization: m.organization.clone(),
            period: period.clone(),
            fields,
            confidentiality: m.confidentiality.clone(),
            confidentiality_label: label("confidentiality"),
            colon: label("colon"),
        };
        let generator = concat!("Planwright ", env!("CARGO_PKG_VERSION")).to_string();
        let info = render::pdf::DocInfo {
            title: m.title.clone(),
            author: m.organization.clone().unwrap_or_default(),
            subject: [period, Some(m.kind.clone())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
            lang: m.locale.tag().to_string(),
            date: pdf_date(m.date),
            header_right: m.confidentiality.clone(),
            footer: if zh {
                "第 {n} 页 共 {total} 页".into()
            } else {
                "Page {n} of {total}".into()
            },
            generator,
        };
        Ok(render::pdf::Input {
            markdown,
            cover,
            info,
            contents_title: label("toc"),
            zh,
            chapter_breaks: m.kind == "annual",
        })
    }

    /// Renders the PDF of a valid plan, drawing `images` (charts by id) where the
    /// Markdown has `![title](charts/<id>.svg)`.
    pub fn render_pdf(
        &self,
        plan: &Plan,
        figures: &Figures,
        images: &render::pdf::Images,
    ) -> Result<Rendered, Error> {
        let input = self.pdf_input(plan, figures)?;
        let out =
            render::pdf::render(&input, self.fonts()?, &render::pdf::Theme::default(), images)?;
        Ok(Rendered { bytes: out.bytes, warnings: out.warnings })
    }
}

/// The PDF's date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the plan's
/// date, else none; never the clock.
fn pdf_date(plan_date: Option<model::date::Date>) -> Option<String> {
    if let Some(secs) =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok())
    {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        return Some(format!(
            "D:{y:04}{m:02}{d:02}{:02}{:02}{:02}Z",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        ));
    }
    plan_date.map(|d| format!("D:{:04}{:02}{:02}000000Z", d.year, d.month, d.day))
}

/// Days since 1970-01-01 → (year, month, day) (H. Hinnant's civil_from_days).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_from_epoch_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_730), (2024, 1, 8));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
