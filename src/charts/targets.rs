//! Baseline vs target per metric: small multiples, one row per metric, each drawn to its own
//! scale (metrics are money, percentages and counts: they share no axis), value labels on
//! the bars and the growth in a column of its own.

use plotters::prelude::DrawingBackend;

use super::style::{self, GAP, LEGEND_Y, PAD, Pen, Swatch, color};
use super::{Body, Chart, Cx, f};
use crate::figures::Figures;
use crate::model::Plan;

const ROW: f64 = 44.0;
const BAR: f64 = 13.0;

#[derive(Debug, Clone)]
struct Row {
    name: String,
    baseline: Option<(f64, String)>,
    target: (f64, String),
    growth: String,
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    rows: Vec<Row>,
    baseline: String,
    target: String,
    growth: String,
    note: String,
}

pub(crate) fn height(d: &Data) -> u32 {
    (style::BODY_TOP + d.rows.len() as f64 * ROW + PAD) as u32
}

pub(crate) fn build(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    let t = plan.targets.as_ref()?;
    if t.metrics.is_empty() {
        return None;
    }
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for (m, g) in t.metrics.iter().zip(&figures.metric_growth) {
        let unit = m.unit.as_deref();
        let target = cx.figure(&m.target, unit);
        let baseline = m.baseline.as_ref().map(|b| (f(b.value()), cx.figure(b, unit)));
        let growth = g.as_ref().map_or_else(|| "—".to_string(), |g| cx.growth(g));
        items.push(match &baseline {
            Some((_, b)) => cx.fill(
                "chart_targets_item",
                &[("name", &m.name), ("baseline", b), ("target", &target), ("growth", &growth)],
            ),
            None => cx.fill("chart_target_only_item", &[("name", &m.name), ("target", &target)]),
        });
        rows.push(Row {
            name: m.name.clone(),
            baseline,
            target: (f(m.target.value()), target),
            growth,
        });
    }
    let description = cx.fill("chart_targets_desc", &[("items", &cx.join(&items))]);
    let data = Data {
        rows,
        baseline: cx.l("baseline"),
        target: cx.l("target"),
        growth: cx.l("growth"),
        note: cx.l("chart_own_scale"),
    };
    Some(cx.chart("targets", "targets", cx.l("chart_targets"), description, Body::Targets(data)))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>) -> Result<(), String> {
    let w = pen.w;
    let names = style::widest(d.rows.iter().map(|r| r.name.as_str()), style::LABEL);
    let name_w = names.min(w * 0.26);
    let growth_w = style::widest(
        d.rows.iter().map(|r| r.growth.as_str()).chain([d.growth.as_str()]),
        style::STRONG,
    );
    let values = d
        .rows
        .iter()
        .flat_map(|r| r.baseline.iter().map(|b| b.1.as_str()).chain([r.target.1.as_str()]));
    let value_w = style::widest(values, style::SMALL);
    let x0 = PAD + name_w + 2.0 * GAP;
    let growth_right = w - PAD;
    let bar_max = (growth_right - growth_w - 3.0 * GAP - value_w - GAP - x0).max(40.0);

    let legend = [
        (Swatch::Box(color::PRIMARY_LIGHT), d.baseline.as_str()),
        (Swatch::Box(color::PRIMARY), d.target.as_str()),
    ];
    let end = pen.legend(&legend, PAD, LEGEND_Y)?;
    let note_room = growth_right - growth_w - GAP - end;
    pen.left(
        &style::fit(&d.note, style::SMALL, note_room),
        end,
        LEGEND_Y,
        style::SMALL,
        color::MUTED,
    )?;
    pen.right(&d.growth, growth_right, LEGEND_Y, style::SMALL, color::MUTED)?;

    let mut y = style::BODY_TOP;
    for (i, r) in d.rows.iter().enumerate() {
        if i > 0 {
            pen.line(PAD, y, w - PAD, y, color::GRID, 1)?;
        }
        let mid = y + ROW / 2.0;
        pen.left(&style::fit(&r.name, style::LABEL, name_w), PAD, mid, style::LABEL, color::INK)?;
        let scale = r.baseline.as_ref().map_or(0.0, |b| b.0.abs()).max(r.target.0.abs());
        let len = |v: f64| if scale > 0.0 { (v.max(0.0) / scale) * bar_max } else { 0.0 };
        let bars: Vec<(&(f64, String), _)> = match &r.baseline {
            Some(b) => vec![(b, color::PRIMARY_LIGHT), (&r.target, color::PRIMARY)],
            None => vec![(&r.target, color::PRIMARY)],
        };
        let top = mid - (bars.len() as f64 * BAR + (bars.len() as f64 - 1.0) * 3.0) / 2.0;
        for (k, ((v, text), c)) in bars.into_iter().enumerate() {
            let by = top + k as f64 * (BAR + 3.0);
            let l = len(*v);
            pen.rect(x0, by, x0 + l, by + BAR, c)?;
            pen.left(text, x0 + l + 6.0, by + BAR / 2.0, style::SMALL, color::INK)?;
        }
        pen.right(&r.growth, growth_right, mid, style::STRONG, color::INK)?;
        y += ROW;
    }
    pen.line(x0, style::BODY_TOP, x0, y, color::AXIS, 1)
}
