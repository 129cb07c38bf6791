//! The target bridge of the dashboard: last period's sales → the growth the trend brings →
//! what new initiatives must add → the target, as a waterfall. Drawn when the plan has a
//! target, last period's sales and a trend forecast for the plan's period.

use super::style::Role;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::axis::ValueAxis;
use super::style::{self, Key, PAD, Pen, color};
use super::{Body, Chart, Cx, f};
use crate::figures::Figures;
use crate::model::Plan;

/// Room above the plot for the labels of the tallest column.
const HEADROOM: f64 = 18.0;

#[derive(Debug, Clone)]
struct Step {
    label: String,
    /// Where the column starts and ends, in the chart's values.
    from: f64,
    to: f64,
    text: String,
    color: Role,
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    steps: Vec<Step>,
    ticks: Vec<(f64, String)>,
    keys: Vec<Key>,
}

pub(crate) fn keys(d: &Data) -> Vec<Key> {
    d.keys.clone()
}

fn plot_height(w: f64) -> f64 {
    // flat: it shares the dashboard's one page with tiles, tables and asks
    (w * 0.2).clamp(90.0, 115.0)
}

fn labels_height(d: &Data, w: f64) -> f64 {
    let band = (w - 2.0 * PAD) / d.steps.len().max(1) as f64;
    let lines = d
        .steps
        .iter()
        .map(|s| style::wrap(&s.label, style::LABEL, band - 2.0, style::MAX_LINES).len())
        .max()
        .unwrap_or(1);
    4.0 + style::lines_height(lines, style::LABEL)
}

pub(crate) fn height(d: &Data, w: f64) -> f64 {
    HEADROOM + plot_height(w) + labels_height(d, w)
}

pub(crate) fn build(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    let total = plan.targets.as_ref()?.total?.amount;
    let base = crate::context::baseline_sales(plan)?;
    // the base forecast for the plan's own period (summed when it spans several periods)
    let trend = figures.forecast.as_ref()?.scenarios?.base;
    let growth = trend.checked_sub(base)?;
    let initiatives = total.checked_sub(trend)?;
    // the steps are what the reader adds up: the unit is the one they read in (2,000万 is
    // clearer than 0.2亿 beside 1.2亿), and the ends follow it
    let numbers = cx.amounts([growth.abs(), initiatives.abs()], [base, total, trend]);
    let signed = |v: Decimal| {
        let t = numbers.fmt(v.abs());
        if v.is_sign_negative() { format!("-{t}") } else { format!("+{t}") }
    };
    let up_or_down =
        |v: Decimal| if v.is_sign_negative() { color::OFF_TRACK } else { color::ON_TRACK };
    let steps = vec![
        Step {
            label: cx.l("bridge_base"),
            from: 0.0,
            to: f(base),
            text: numbers.fmt(base),
            color: color::NEUTRAL,
        },
        Step {
            label: cx.l("bridge_trend"),
            from: f(base),
            to: f(trend),
            text: signed(growth),
            color: up_or_down(growth),
        },
        Step {
            label: cx.l("bridge_initiatives"),
            from: f(trend),
            to: f(total),
            text: signed(initiatives),
            color: up_or_down(initiatives),
        },
        Step {
            label: cx.l("bridge_target"),
            from: 0.0,
            to: f(total),
            text: numbers.fmt(total),
            color: color::PRIMARY,
        },
    ];
    let max = base.max(trend).max(total);
    let ticks = numbers.ticks(max);
    let description = cx.fill(
        "chart_bridge_desc",
        &[
            ("base", &cx.money(base, true)),
            ("trend", &cx.money(growth, false)),
            ("initiatives", &cx.money(initiatives, false)),
            ("target", &cx.money(total, true)),
        ],
    );
    let keys = cx.unit_note(&numbers).map(Key::note).into_iter().collect();
    let data = Data { steps, ticks, keys };
    Some(cx.chart("bridge", "dashboard", cx.l("chart_bridge"), description, Body::Bridge(data)))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>, body: f64) -> Result<(), String> {
    let w = pen.w;
    let top = body + HEADROOM;
    let axis = ValueAxis::new(&d.ticks, w, top, top + plot_height(w));
    let (left, right, bottom) = (axis.left, axis.right, axis.bottom);
    let y = |v: f64| axis.y(v);
    axis.draw(&d.ticks, pen, None)?;
    let n = d.steps.len() as f64;
    let band = (right - left) / n;
    let cw = (band * 0.5).min(64.0);
    let centre = |i: usize| left + band * (i as f64 + 0.5);
    for (i, s) in d.steps.iter().enumerate() {
        let (x0, x1) = (centre(i) - cw / 2.0, centre(i) + cw / 2.0);
        let (hi, lo) = (y(s.from.max(s.to)), y(s.from.min(s.to)));
        // a step of nothing still shows as a hairline
        pen.rect(x0, hi, x1, lo.max(hi + 1.0), s.color)?;
        pen.text(
            &s.text,
            centre(i),
            hi - 3.0,
            style::SMALL_STRONG,
            color::INK,
            HPos::Center,
            VPos::Bottom,
        )?;
        // the connector to the next column, at the level this one ends
        if i + 1 < d.steps.len() {
            let ty = y(s.to);
            pen.dashed(&[(x1, ty), (centre(i + 1) - cw / 2.0, ty)], color::AXIS, 1)?;
        }
        let lines = style::wrap(&s.label, style::LABEL, band - 2.0, style::MAX_LINES);
        pen.lines(&lines, centre(i), bottom + 4.0, style::LABEL, color::INK, HPos::Center)?;
    }
    pen.line(left, bottom, right, bottom, color::AXIS, 1)?;
    Ok(())
}
