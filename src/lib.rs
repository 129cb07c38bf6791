//! Planwright: a sales or business plan in YAML → a board-ready report.
//!
//! Pipeline: [`plan`] (YAML → node tree) → [`model`] (typed, validated) → [`figures`]
//! (derived, exact decimals) → [`checks`] (warnings) → [`context`] (one view for templates)
//! → [`templates`] (Tera) → [`render`] (Markdown) → [`output`] (files); [`charts`] draws
//! the figures (plotters) for the formats that show them.
//!
//! [`Engine`] holds what is loaded once per process (templates, labels) and is shared by
//! every plan rendered; each stage is a pure function of its input.

pub mod batch;
mod builtin;
pub mod charts;
pub mod checks;
pub mod context;
pub mod diagnostic;
pub mod error;
pub mod figures;
pub mod fonts;
pub mod forecast;
pub mod format;
pub mod limits;
pub mod messages;
pub mod model;
pub mod narrative;
pub mod output;
pub mod pacing;
pub mod plan;
pub mod preview;
pub mod render;
pub mod shares;
pub mod starter;
pub mod templates;
pub mod text;
pub mod theme;
pub mod watch;

use std::collections::BTreeMap;
use std::path::Path;

use diagnostic::Diagnostics;
use error::Error;
use figures::Figures;
use model::Plan;
use render::{Format, OutputFile, RenderedChart};
use templates::Templates;

pub use limits::MAX_PLAN_BYTES;

/// A plan read and checked: the diagnostics, and the plan when it has no errors.
pub struct Checked {
    /// Every error and warning, in source order.
    pub diagnostics: Diagnostics,
    /// The plan and its figures, present when there are no errors.
    pub valid: Option<(Plan, Figures)>,
}

/// Reads, validates and derives a plan from its text, with the built-in template sets as
/// the valid `meta.kind`s. Pure: no I/O.
pub fn check(file: &str, source: &str) -> Checked {
    check_with_sets(file, source, &templates::builtin_sets())
}

/// [`check`], with `sets` as the template sets `meta.kind` may name.
pub fn check_with_sets(file: &str, source: &str, sets: &[String]) -> Checked {
    let mut diagnostics = Diagnostics::new(file, source);
    diagnostics.locale = model::sniff_locale(source);
    let mut root = match plan::yaml::parse(source) {
        Ok(root) => root,
        Err(e) => {
            let cat = messages::Catalog::new(diagnostics.locale);
            diagnostics.push(e.diagnostic(source, &cat));
            return Checked { diagnostics, valid: None };
        }
    };
    diagnostics.locale = plan::locale(&root);
    if diagnostics.locale.is_chinese() {
        plan::chinese_punctuation(&mut root);
    }
    let cat = messages::Catalog::new(diagnostics.locale);
    let (plan, mut errors) = model::from_tree(&root, source, &cat);
    errors.extend(model::check_kind(&plan.meta, sets, &cat));
    let failed = !errors.is_empty();
    diagnostics.items.extend(errors);
    if failed {
        diagnostics.sort();
        return Checked { diagnostics, valid: None };
    }
    let figures = match figures::derive(&plan) {
        Ok(f) => f,
        Err(o) => {
            diagnostics.push(checks::overflow(&o, &plan, &cat));
            return Checked { diagnostics, valid: None };
        }
    };
    diagnostics.items.extend(checks::warnings(&plan, &figures, &cat));
    diagnostics.sort();
    Checked { diagnostics, valid: Some((plan, figures)) }
}

/// Reads a plan file (or a stream: `/dev/stdin`, a pipe) as UTF-8 text, refusing anything
/// larger than [`MAX_PLAN_BYTES`]; the read itself is bounded, so `/dev/zero` is refused
/// after at most that many bytes.
pub fn read_plan(path: &Path) -> Result<String, Error> {
    let bytes = read_bounded(path, MAX_PLAN_BYTES)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8(path.to_path_buf()))?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

/// Reads at most `limit` bytes of `path`; more is [`Error::TooLarge`] (the size reported is
/// what was read, a lower bound for a stream).
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let err = |source| Error::Read { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(err)?;
    if file.metadata().map_err(err)?.is_dir() {
        return Err(err(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(err)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { path: path.to_path_buf(), size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Every file of a rendered report, and the warnings met while rendering it (a character
/// no bundled font can draw); the CLI prints them and `--strict` fails on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Files, paths relative to the report's folder (`<name>.md`, `charts/*.svg`, …).
    pub files: Vec<OutputFile>,
    /// Warnings, one sentence each.
    pub warnings: Vec<String>,
}

/// What is loaded once and shared by every render: templates, labels, themes and (on the
/// first PDF) the parsed fonts.
pub struct Engine {
    templates: Templates,
    /// The theme of each template set, resolved (defaults ← folder ← set ← `--theme`).
    themes: BTreeMap<String, theme::Theme>,
    /// The bundled fonts, or those of `--font`.
    fonts: std::sync::OnceLock<render::pdf::Fonts>,
    /// `--font` was given: it wins over a theme's fonts.
    fonts_fixed: bool,
    /// Fonts named by themes, by their files.
    theme_fonts: BTreeMap<theme::FontFiles, render::pdf::Fonts>,
}

/// Where an [`Engine`] finds what it loads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Setup<'a> {
    /// A folder of templates overriding the built-ins file by file (and its themes).
    pub templates: Option<&'a Path>,
    /// A theme file (or a built-in example's name) applied over everything else.
    pub theme: Option<&'a Path>,
}

impl Engine {
    /// Loads the built-in templates, overridden by `template_dir` when given.
    pub fn new(template_dir: Option<&Path>) -> Result<Self, Error> {
        Self::load(
            Setup { templates: template_dir, theme: None },
            &messages::Catalog::new(model::Locale::ZhCn),
        )
    }

    /// Loads templates and themes; theme errors are worded in `cat`'s language.
    pub fn load(setup: Setup, cat: &messages::Catalog) -> Result<Self, Error> {
        let templates = Templates::load(setup.templates)?;
        let cli = setup.theme.map(|p| theme::ThemeFile::load(p, cat)).transpose()?;
        let mut themes = BTreeMap::new();
        let mut parsed: BTreeMap<&Path, theme::ThemeFile> = BTreeMap::new();
        for set in templates.sets() {
            let mut t = theme::Theme::default();
            for (path, text) in templates.theme_files(&set) {
                if !parsed.contains_key(path) {
                    parsed.insert(path, theme::ThemeFile::parse(path, text, cat)?);
                }
                if let Some(file) = parsed.get(path) {
                    t.apply(&file.settings);
                }
            }
            if let Some(file) = &cli {
                t.apply(&file.settings);
            }
            themes.insert(set, t);
        }
        let mut theme_fonts = BTreeMap::new();
        for t in themes.values() {
            let files = &t.fonts;
            if files.regular.is_empty() || theme_fonts.contains_key(files) {
                continue;
            }
            let bold = (!files.bold.is_empty()).then(|| Path::new(&files.bold));
            let fonts = render::pdf::Fonts::from_paths(Path::new(&files.regular), bold)?;
            theme_fonts.insert(files.clone(), fonts);
        }
        Ok(Self {
            templates,
            themes,
            fonts: std::sync::OnceLock::new(),
            fonts_fixed: false,
            theme_fonts,
        })
    }

    /// Uses `fonts` in PDFs instead of the bundled Noto Sans SC (and of a theme's fonts).
    pub fn with_fonts(self, fonts: render::pdf::Fonts) -> Self {
        let cell = std::sync::OnceLock::new();
        let _ = cell.set(fonts);
        Self { fonts: cell, fonts_fixed: true, ..self }
    }

    /// A job that compiles the templates now (3 ms for the built-ins), for a spare thread,
    /// so they compile while a plan is read and checked; without it the first render
    /// compiles them.
    pub fn warm_up(&self) -> impl FnOnce() + Send + 'static + use<> {
        self.templates.warm_up()
    }

    /// The templates in use.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The theme of template set `set` (the defaults for a set that does not exist).
    pub fn theme(&self, set: &str) -> std::borrow::Cow<'_, theme::Theme> {
        match self.themes.get(set) {
            Some(t) => std::borrow::Cow::Borrowed(t),
            None => std::borrow::Cow::Owned(theme::Theme::default()),
        }
    }

    /// The labels of a plan's locale, with its theme's CJK spacing rule in `cjk_spacing`
    /// (where every renderer reads it).
    fn labels(&self, plan: &Plan, theme: &theme::Theme) -> BTreeMap<String, String> {
        let mut labels = self.templates.labels(plan.meta.locale);
        if let Some(mode) = theme.cjk_spacing
            && plan.meta.locale != model::Locale::En
        {
            let word = match mode {
                text::CjkSpacing::Tight => "tight",
                text::CjkSpacing::Spaced => "spaced",
                text::CjkSpacing::AsWritten => "as-written",
            };
            labels.insert("cjk_spacing".into(), word.into());
        }
        labels
    }

    /// The charts of a plan in its theme's palette.
    fn charts(
        &self,
        plan: &Plan,
        figures: &Figures,
        labels: &BTreeMap<String, String>,
        theme: &theme::Theme,
    ) -> Vec<charts::Chart> {
        let mut charts = charts::build(plan, figures, labels);
        for c in &mut charts {
            c.palette = theme.charts.clone();
        }
        charts
    }

    /// The chapter layout of a plan: its own `layout` where it has one, else its theme's.
    fn layout(plan: &Plan, theme: &theme::Theme) -> theme::Layout {
        let own = plan.layout.as_ref();
        theme::Layout {
            order: own.and_then(|l| l.order.clone()).unwrap_or_else(|| theme.layout.order.clone()),
            omit: own.and_then(|l| l.omit.clone()).unwrap_or_else(|| theme.layout.omit.clone()),
        }
    }

    /// The template context of a valid plan (what templates see), with its charts.
    pub fn context(&self, plan: &Plan, figures: &Figures) -> serde_json::Value {
        let theme = self.theme(&plan.meta.kind);
        let labels = self.labels(plan, &theme);
        let charts = self.charts(plan, figures, &labels, &theme);
        let layout = Self::layout(plan, &theme);
        context::build(plan, figures, &labels, &plan.meta.kind, &charts, &layout)
    }

    /// The PDF fonts (the bundled ones unless [`Engine::with_fonts`] named others), parsed on
    /// first use and kept for every later render.
    pub fn fonts(&self) -> Result<&render::pdf::Fonts, Error> {
        if let Some(f) = self.fonts.get() {
            return Ok(f);
        }
        let loaded = render::pdf::Fonts::load()?;
        Ok(self.fonts.get_or_init(|| loaded))
    }

    /// The PDF fonts of a theme: `--font`, else the theme's, else the bundled ones.
    fn fonts_of(&self, theme: &theme::Theme) -> Result<&render::pdf::Fonts, Error> {
        if !self.fonts_fixed
            && let Some(f) = self.theme_fonts.get(&theme.fonts)
        {
            return Ok(f);
        }
        self.fonts()
    }

    /// What the PDF of a valid plan is made from: its Markdown report and cover facts.
    pub fn pdf_input(&self, plan: &Plan, figures: &Figures) -> Result<render::pdf::Input, Error> {
        let theme = self.theme(&plan.meta.kind);
        let labels = self.labels(plan, &theme);
        let ctx = self.context(plan, figures);
        let md =
            render::markdown::render(&self.templates, &plan.meta.kind, &ctx, plan.meta.locale)?;
        Ok(render::pdf::input_styled(plan, md, &labels, &theme.pdf.cover))
    }

    /// Renders the requested formats of a valid plan in memory. Nothing is written here;
    /// on error no file is returned, so a failure never leaves half a report.
    pub fn render(
        &self,
        plan: &Plan,
        figures: &Figures,
        name: &str,
        formats: &[Format],
    ) -> Result<Report, Error> {
        let theme = self.theme(&plan.meta.kind);
        let labels = self.labels(plan, &theme);
        let cat = messages::Catalog::new(plan.meta.locale);
        let untranslated: Vec<String> = self
            .templates
            .untranslated(plan.meta.locale)
            .into_iter()
            .map(|key| {
                tr!(cat, "warn.label-untranslated", key = key, locale = plan.meta.locale.tag())
            })
            .collect();
        let charts = self.charts(plan, figures, &labels, &theme);
        let layout = Self::layout(plan, &theme);
        let mut ctx = context::build(plan, figures, &labels, &plan.meta.kind, &charts, &layout);
        if let Some(obj) = ctx.as_object_mut() {
            obj.insert("theme_css".into(), theme.html.css().into());
        }
        let set = &plan.meta.kind;
        let svg_needed = formats.iter().any(|f| matches!(f, Format::Markdown | Format::Html));
        let html = formats.contains(&Format::Html);
        let draw = |c: &charts::Chart| -> Result<RenderedChart, Error> {
            let failed = |message| Error::Chart { id: c.id.clone(), message };
            let svg = c.svg().map_err(failed)?;
            let narrow = if html { c.narrow_svg().map_err(failed)? } else { String::new() };
            Ok(RenderedChart {
                id: c.id.clone(),
                title: c.title.clone(),
                description: c.description.clone(),
                svg,
                narrow,
            })
        };
        // While the templates are still compiling on another thread, this one converts the
        // context for them, compiles the parts that thread has not reached, then draws the
        // charts' SVGs (which the page and the Markdown need later) instead of waiting; the
        // rest are drawn beside the PDF. Drawing is pure: the files are the same either way.
        let prepared = render::markdown::prepare(&self.templates, set, &ctx)?;
        self.templates.compile_unclaimed(set);
        let mut early: Vec<Result<RenderedChart, Error>> = Vec::new();
        if svg_needed {
            for c in &charts {
                if self.templates.compiled(set) {
                    break;
                }
                early.push(draw(c));
            }
        }
        let md = render::markdown::render_prepared(
            &self.templates,
            set,
            prepared,
            &ctx,
            plan.meta.locale,
        )?;
        let file =
            |ext: &str, bytes: Vec<u8>| OutputFile { path: format!("{name}.{ext}").into(), bytes };
        // The PDF (the longest part) is laid out while the SVG charts, the Markdown and the
        // HTML are written: on a second core when one is free (a batch keeps them all busy
        // with other plans anyway).
        let pdf = || -> Result<Option<(OutputFile, Vec<String>)>, Error> {
            if !formats.contains(&Format::Pdf) {
                return Ok(None);
            }
            let input =
                render::pdf::input_styled(plan, md.document.clone(), &labels, &theme.pdf.cover);
            let images: render::pdf::Images =
                charts.iter().map(|c| (c.id.clone(), c as &dyn render::pdf::Drawing)).collect();
            let out = render::pdf::render(&input, self.fonts_of(&theme)?, &theme.pdf, &images)?;
            Ok(Some((file("pdf", out.bytes), out.warnings)))
        };
        let text = || -> Result<(Option<Vec<OutputFile>>, Option<OutputFile>), Error> {
            if !svg_needed {
                return Ok((None, None));
            }
            let drawn = early.len();
            let svgs: Vec<RenderedChart> = early
                .into_iter()
                .chain(charts[drawn..].iter().map(draw))
                .collect::<Result<_, Error>>()?;
            let page = if html {
                let by_id = render::html::by_id(&svgs);
                let page = render::html::render(&self.templates, set, &labels, &md, &by_id)?;
                Some(file("html", page.into_bytes()))
            } else {
                None
            };
            // the Markdown's chart files take the SVGs the page no longer needs
            let markdown = formats.contains(&Format::Markdown).then(|| {
                let mut files = vec![file("md", md.document.clone().into_bytes())];
                files.extend(
                    svgs.into_iter()
                        .map(|c| OutputFile { path: c.file().into(), bytes: c.svg.into_bytes() }),
                );
                files
            });
            Ok((markdown, page))
        };
        let (pdf, text) = rayon::join(pdf, text);
        let (mut markdown, mut page) = text?;
        let mut pdf = pdf?;
        let mut report = Report { files: Vec::new(), warnings: untranslated };
        // files in the order the formats were asked for, as before
        for format in formats {
            match format {
                Format::Markdown => report.files.extend(markdown.take().unwrap_or_default()),
                Format::Html => report.files.extend(page.take()),
                Format::Pdf => {
                    if let Some((f, warnings)) = pdf.take() {
                        report.files.push(f);
                        report.warnings.extend(warnings);
                    }
                }
            }
        }
        Ok(report)
    }
}
