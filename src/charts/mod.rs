//! Plan + figures → the report's charts: one [`Chart`] per figure the plan has data for,
//! drawn with plotters on any backend ([`Chart::draw`]) or as deterministic SVG text
//! ([`Chart::svg`]).
//!
//! [`build`] is pure: it formats every label and value through [`crate::format`] (so a chart
//! reads `1.5亿元` exactly like the text) and turns `Decimal`s into `f64` only for positions.
//! Each chart kind lives in its own file and lays itself out from measured text.

mod axis;
mod bars;
mod bridge;
mod burnup;
mod funnel;
mod history;
mod kpis;
mod palette;
mod periods;
mod products;
mod risks;
mod scale;
mod schedule;
mod style;
mod targets;

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea, SVGBackend};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::figures::{Figures, Growth};
use crate::format::{self, Precision};
use crate::model::values::Figure;
use crate::model::{Locale, Plan};

pub use palette::Palette;

/// One chart of a plan, ready to draw.
#[derive(Debug, Clone)]
pub struct Chart {
    /// File stem, unique per plan: `targets`, `breakdown-1`, `history`, `competitors`,
    /// `budget`, `kpis`, `risks`, `schedule`, `channels`.
    pub id: String,
    /// Id of the chapter it belongs in: `targets`, `market`, `strategies`, `schedule`,
    /// `budget`, `kpis`, `risks`.
    pub chapter: String,
    /// Title in the plan's language (also drawn in the chart).
    pub title: String,
    /// Text alternative: what the chart shows, with its key figures.
    pub description: String,
    /// The plan's language: the SVG's `lang` and font stack (Traditional glyph forms for
    /// `zh-TW`/`zh-HK`).
    pub locale: Locale,
    body: Body,
    /// The colours it is drawn in (the theme's `[charts]`).
    pub palette: Palette,
}

/// Where a chart may be cut across ([`Chart::cuts`]), in pixels from its top.
#[derive(Debug, Clone, PartialEq)]
pub struct Cuts {
    /// The bottom of the title and legend.
    pub title: f64,
    /// The top of each row, then the bottom of the last row; what lies between `title` and
    /// the first row (a Gantt chart's named dates, the KPI chart's scale) belongs with the
    /// title, what lies below the last row (a Gantt chart's date axis) ends the chart.
    pub rows: Vec<f64>,
}

/// The edges of rows stacked from `top`: the top of each, then the bottom of the last.
fn edges(top: f64, rows: &[f64]) -> Vec<f64> {
    let mut y = top;
    let mut out = vec![y];
    for row in rows {
        y += row;
        out.push(y);
    }
    out
}

/// What a chart draws, with every label already formatted.
#[derive(Debug, Clone)]
enum Body {
    Targets(targets::Data),
    Periods(periods::Data),
    Bridge(bridge::Data),
    Funnel(funnel::Data),
    Products(products::Data),
    Bars(bars::Data),
    History(history::Data),
    Burnup(burnup::Data),
    Kpis(kpis::Data),
    Risks(risks::Data),
    Schedule(schedule::Data),
}

impl Chart {
    /// Natural size in pixels (width, height): what the SVG file and the PDF draw.
    pub fn size(&self) -> (u32, u32) {
        self.size_at(style::WIDTH)
    }

    /// Size when laid out `width` pixels wide: the height follows from how labels wrap.
    pub fn size_at(&self, width: u32) -> (u32, u32) {
        let w = f64::from(width);
        let header = style::Header::new(&self.title, &self.keys(), w);
        let body = match &self.body {
            Body::Targets(d) => targets::height(d, w),
            Body::Periods(d) => periods::height(d, w),
            Body::Bridge(d) => bridge::height(d, w),
            Body::Funnel(d) => funnel::height(d, w),
            Body::Products(d) => products::height(d, w),
            Body::Bars(d) => bars::height(d, w),
            Body::History(d) => history::height(d, w),
            Body::Burnup(d) => burnup::height(d, w),
            Body::Kpis(d) => kpis::height(d, w),
            Body::Risks(d) => risks::height(d, w),
            Body::Schedule(d) => schedule::height(d, w),
        };
        (width, (header.bottom + body + style::PAD).ceil() as u32)
    }

    /// Where the chart may be cut across when it is too tall for a page, at its natural
    /// width: the end of its title and legend, then the top of each row and the bottom of the
    /// last. Only charts with a row per item of the plan have cuts (the Gantt chart, the bar
    /// charts, the KPI chart, the risk matrix's list); the PDF sets such a chart row by row, like a table, when it is
    /// too tall, instead of shrinking its text.
    pub fn cuts(&self) -> Option<Cuts> {
        let w = f64::from(style::WIDTH);
        let title = style::Header::new(&self.title, &self.keys(), w).bottom;
        let rows = match &self.body {
            Body::Schedule(d) => schedule::row_edges(d, w, title),
            Body::Bars(d) => bars::row_edges(d, w, title),
            Body::Kpis(d) => kpis::row_edges(d, w, title),
            Body::Risks(d) => risks::row_edges(d, w, title),
            _ => return None,
        };
        Some(Cuts { title, rows })
    }

    /// The legend entries and notes under the title.
    fn keys(&self) -> Vec<style::Key> {
        match &self.body {
            Body::Targets(d) => targets::keys(d),
            Body::Periods(d) => periods::keys(d),
            Body::Bridge(d) => bridge::keys(d),
            Body::Funnel(d) => funnel::keys(d),
            Body::Products(d) => products::keys(d),
            Body::Bars(d) => bars::keys(d),
            Body::History(d) => history::keys(d),
            Body::Burnup(d) => burnup::keys(d),
            Body::Kpis(d) => kpis::keys(d),
            Body::Risks(d) => risks::keys(d),
            Body::Schedule(d) => schedule::keys(d),
        }
    }

    /// Draws the chart on `root`, laid out for the area's width; the area should be as high
    /// as [`Chart::size_at`] says for that width.
    ///
    /// Text sizes follow plotters' convention (the SVG backend writes `size / 1.24` as the
    /// font size); text asks for the family `Noto Sans SC`, measured with the bundled font.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let pen = style::Pen::new(root, &self.palette)?;
        let header = style::Header::new(&self.title, &self.keys(), pen.w);
        header.draw(&pen)?;
        let top = header.bottom;
        match &self.body {
            Body::Targets(d) => targets::draw(d, &pen, top),
            Body::Periods(d) => periods::draw(d, &pen, top),
            Body::Bridge(d) => bridge::draw(d, &pen, top),
            Body::Funnel(d) => funnel::draw(d, &pen, top),
            Body::Products(d) => products::draw(d, &pen, top),
            Body::Bars(d) => bars::draw(d, &pen, top),
            Body::History(d) => history::draw(d, &pen, top),
            Body::Burnup(d) => burnup::draw(d, &pen, top),
            Body::Kpis(d) => kpis::draw(d, &pen, top),
            Body::Risks(d) => risks::draw(d, &pen, top),
            Body::Schedule(d) => schedule::draw(d, &pen, top),
        }?;
        root.present().map_err(|e| e.to_string())
    }

    /// The chart as an SVG document at its natural width: same plan, same bytes. Carries
    /// `<title>` and `<desc>` for screen readers and a font stack found on readers' machines.
    pub fn svg(&self) -> Result<String, String> {
        self.svg_at(style::WIDTH, &self.id)
    }

    /// The narrow layout for phones (labels above their bars, lists under the matrix), as
    /// SVG whose element ids end in `-narrow`, so both layouts can sit in one page.
    pub fn narrow_svg(&self) -> Result<String, String> {
        self.svg_at(style::NARROW, &format!("{}-narrow", self.id))
    }

    fn svg_at(&self, width: u32, id: &str) -> Result<String, String> {
        let mut buf = String::new();
        {
            let root = SVGBackend::with_string(&mut buf, self.size_at(width)).into_drawing_area();
            self.draw(&root)?;
        }
        Ok(finish_svg(&buf, id, &self.title, &self.description, self.locale))
    }
}

/// Adds title, description, role and language to the `<svg>` element and the font stack
/// of its language to texts.
fn finish_svg(svg: &str, id: &str, title: &str, description: &str, locale: Locale) -> String {
    let svg = svg.replace(
        &format!("font-family=\"{}\"", style::FAMILY),
        &format!("font-family=\"{}\"", style::font_stack(locale)),
    );
    let Some(end) = svg.find('>') else { return svg };
    let (open, rest) = svg.split_at(end);
    let t = format!("pw-chart-{id}-title");
    let d = format!("pw-chart-{id}-desc");
    // the language only where it picks glyph forms, so other charts stay as they were
    let lang = if locale.is_traditional() {
        format!(" xml:lang=\"{0}\" lang=\"{0}\"", locale.lang())
    } else {
        String::new()
    };
    format!(
        "{open}{lang} role=\"img\" aria-labelledby=\"{t} {d}\">\n<title id=\"{t}\">{}</title>\n<desc id=\"{d}\">{}</desc>{}",
        xml_escape(title),
        xml_escape(description),
        &rest[1..]
    )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Where a chart's SVG goes, relative to the report's folder, and how Markdown links it.
pub fn file_of(id: &str) -> String {
    format!("charts/{id}.svg")
}

/// The names a chart draws, under the report's spacing rule between Chinese and Latin
/// text (`labels.cjk_spacing`), so a chart reads `Q1蓄力期` where its table does.
fn spaced(plan: &Plan, labels: &BTreeMap<String, String>) -> Plan {
    use crate::text::{CjkSpacing, space_cjk};
    let mode = match plan.meta.locale {
        Locale::En => CjkSpacing::AsWritten,
        _ => labels.get("cjk_spacing").and_then(|m| CjkSpacing::parse(m)).unwrap_or_default(),
    };
    let mut p = plan.clone();
    if mode == CjkSpacing::AsWritten {
        return p;
    }
    let s = |t: &mut String| *t = space_cjk(t, mode);
    let o = |t: &mut Option<String>| {
        if let Some(t) = t {
            *t = space_cjk(t, mode);
        }
    };
    if let Some(t) = &mut p.targets {
        t.metrics.iter_mut().for_each(|m| s(&mut m.name));
        for b in &mut t.breakdowns {
            s(&mut b.name);
            b.items.iter_mut().for_each(|i| s(&mut i.name));
        }
    }
    if let Some(m) = &mut p.market {
        m.competitors.iter_mut().for_each(|c| s(&mut c.name));
    }
    p.channels.iter_mut().for_each(|c| s(&mut c.name));
    for t in &mut p.schedule {
        s(&mut t.name);
        o(&mut t.milestone);
    }
    if let Some(b) = &mut p.budget {
        for i in &mut b.items {
            s(&mut i.name);
            o(&mut i.category);
        }
    }
    p.kpis.iter_mut().for_each(|k| s(&mut k.name));
    p.risks.iter_mut().for_each(|r| s(&mut r.name));
    for pr in &mut p.products {
        s(&mut pr.name);
        o(&mut pr.tier);
    }
    if let Some(f) = &mut p.funnel {
        f.stages.iter_mut().for_each(|st| s(&mut st.name));
    }
    p.promotions.iter_mut().for_each(|pr| s(&mut pr.name));
    p.dates.iter_mut().for_each(|d| s(&mut d.name));
    p
}

/// Builds every chart the plan has data for, in report order. Pure: no I/O.
pub fn build(plan: &Plan, figures: &Figures, labels: &BTreeMap<String, String>) -> Vec<Chart> {
    let plan = &spaced(plan, labels);
    let cx = Cx { labels, locale: plan.meta.locale, money: plan.meta.money() };
    let mut out = Vec::new();
    out.extend(bridge::build(plan, figures, &cx));
    out.extend(bars::competitors(plan, figures, &cx));
    out.extend(targets::build(plan, figures, &cx));
    if let Some(t) = &plan.targets {
        for (i, (b, bf)) in t.breakdowns.iter().zip(&figures.breakdowns).enumerate() {
            let id = format!("breakdown-{}", i + 1);
            let periodic = b.items.iter().all(|it| crate::context::is_period_name(&it.name));
            let chart = if periodic {
                periods::build(id, b, bf, t.total, &cx)
            } else {
                bars::breakdown(id, b, bf, t.total, &cx)
            };
            out.extend(chart);
        }
    }
    out.extend(products::build(plan, figures, &cx));
    out.extend(history::build(plan, figures, &cx));
    out.extend(bars::channels(plan, figures, &cx));
    out.extend(funnel::build(plan, figures, &cx));
    out.extend(schedule::build(plan, figures, &cx));
    out.extend(bars::budget(plan, figures, &cx));
    out.extend(burnup::build(plan, figures, &cx));
    out.extend(kpis::build(plan, figures, &cx));
    out.extend(risks::build(plan, figures, &cx));
    out
}

/// What every chart builder needs: labels, locale, currency, and the formatting helpers.
pub(crate) struct Cx<'a> {
    labels: &'a BTreeMap<String, String>,
    locale: Locale,
    money: format::MoneyStyle,
}

impl Cx<'_> {
    /// A label; its key when missing (built-in labels always have it).
    fn l(&self, key: &str) -> String {
        self.labels.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// A label sentence with `{name}` placeholders filled.
    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.l(key);
        for (k, v) in values {
            text = text.replace(&format!("{{{k}}}"), v);
        }
        text
    }

    /// Items of a description, joined with the locale's separator.
    fn join(&self, items: &[String]) -> String {
        items.join(&self.l("measure_sep"))
    }

    fn money(&self, amount: Decimal, exact: bool) -> String {
        format::money(amount, &self.money, precision(exact))
    }

    fn percent(&self, frac: Decimal, exact: bool) -> String {
        format::percent(frac, precision(exact))
    }

    fn figure(&self, f: &Figure, unit: Option<&str>) -> String {
        match f {
            Figure::Money(m) => format::money(m.amount, &self.money, Precision::Exact),
            Figure::Percent(p) => format::percent(*p, Precision::Exact),
            Figure::Number(n) => format::number(*n, unit, self.locale, Precision::Exact),
        }
    }

    fn growth(&self, g: &Growth) -> String {
        match g {
            Growth::Relative(r) => format::signed_percent(*r),
            Growth::Points(p) => format::points(*p, self.locale),
            Growth::Score(d) => format::score_points(*d, None, self.locale),
        }
    }

    fn chart(
        &self,
        id: &str,
        chapter: &str,
        title: String,
        description: String,
        body: Body,
    ) -> Chart {
        Chart {
            id: id.to_string(),
            chapter: chapter.to_string(),
            title,
            description,
            locale: self.locale,
            body,
            palette: Palette::default(),
        }
    }

    /// Amounts of one chart in one unit; `exact` set the precision.
    fn amounts(
        &self,
        exact: impl IntoIterator<Item = Decimal>,
        derived: impl IntoIterator<Item = Decimal>,
    ) -> scale::Numbers {
        scale::Numbers::money(exact, derived, &self.money)
    }

    /// The note that states a chart's unit once (`单位：万元`, `In $M`).
    fn unit_note(&self, n: &scale::Numbers) -> Option<String> {
        n.unit().map(|u| self.fill("chart_unit", &[("unit", u)]))
    }
}

fn precision(exact: bool) -> Precision {
    if exact { Precision::Exact } else { Precision::Derived }
}

/// A decimal as a float, for positions only.
fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Round axis ticks `0, step, 2·step, …` covering `max`, in exact decimals.
fn ticks(max: Decimal) -> Vec<Decimal> {
    if max <= Decimal::ZERO {
        return vec![Decimal::ZERO, Decimal::ONE];
    }
    // Checked throughout: figures are bounded, but an axis must never panic.
    let raw = max / Decimal::from(4);
    let mut mag = Decimal::ONE;
    while let Some(next) = mag.checked_mul(Decimal::TEN).filter(|n| *n <= raw) {
        mag = next;
    }
    while mag > raw && !mag.is_zero() {
        mag /= Decimal::TEN;
    }
    let step = [Decimal::ONE, Decimal::TWO, Decimal::new(25, 1), Decimal::from(5), Decimal::TEN]
        .into_iter()
        .map(|m| m.saturating_mul(mag))
        .find(|s| *s >= raw)
        .unwrap_or(mag.saturating_mul(Decimal::TEN));
    if step.is_zero() {
        return vec![Decimal::ZERO, max];
    }
    let mut out = vec![Decimal::ZERO];
    while out.last().is_some_and(|t| *t < max) && out.len() < 64 {
        out.push(Decimal::from(out.len() as u64).saturating_mul(step));
    }
    out.into_iter().map(|t| t.normalize()).collect()
}

#[cfg(test)]
mod tests;
