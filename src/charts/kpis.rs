//! KPI attainment: one bar per KPI (actual ÷ target, inverted when lower is better) coloured
//! by status, a 100% line, and the status as symbol and word so it also reads in black and
//! white.

use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::style::{self, GAP, LEGEND_Y, PAD, Pen, Swatch, color};
use super::{Body, Chart, Cx, f};
use crate::figures::{Figures, Status};
use crate::format;
use crate::model::Plan;

const ROW: f64 = 30.0;
const BAR: f64 = 14.0;
const HEADER: f64 = 22.0;

#[derive(Debug, Clone)]
struct Row {
    name: String,
    ratio: Option<f64>,
    attainment: String,
    detail: String,
    status: String,
    color: RGBColor,
    pace: Option<f64>,
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    rows: Vec<Row>,
    scale: f64,
    ticks: Vec<(f64, String)>,
    headers: [String; 3],
    target_line: String,
    pace: String,
}

pub(crate) fn height(d: &Data) -> u32 {
    (style::BODY_TOP + HEADER + d.rows.len() as f64 * ROW + PAD - 4.0) as u32
}

fn status_key(s: Status) -> (&'static str, RGBColor) {
    match s {
        Status::OnTrack => ("on_track", color::ON_TRACK),
        Status::AtRisk => ("at_risk", color::AT_RISK),
        Status::OffTrack => ("off_track", color::OFF_TRACK),
        Status::Pending => ("pending", color::PENDING),
    }
}

pub(crate) fn build(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    if !plan.kpis.iter().any(|k| k.actual.is_some()) {
        return None;
    }
    let mut rows = Vec::new();
    let mut desc = Vec::new();
    let mut max = Decimal::ONE;
    for (k, a) in plan.kpis.iter().zip(&figures.kpis) {
        let unit = k.unit.as_deref();
        let target = k.target.as_ref().map_or_else(|| "—".to_string(), |t| cx.figure(t, unit));
        let actual = k.actual.as_ref().map_or_else(|| "—".to_string(), |t| cx.figure(t, unit));
        let (key, c) = status_key(a.status);
        let status = cx.l(key);
        let attainment = a.ratio.map_or_else(|| "—".to_string(), |r| cx.percent(r, false));
        if let Some(r) = a.ratio {
            max = max.max(r);
        }
        let vars = [
            ("name", k.name.as_str()),
            ("attainment", attainment.as_str()),
            ("actual", actual.as_str()),
            ("target", target.as_str()),
            ("status", status.as_str()),
        ];
        desc.push(cx.fill(
            if a.ratio.is_some() { "chart_kpi_item" } else { "chart_kpi_pending_item" },
            &vars,
        ));
        rows.push(Row {
            name: k.name.clone(),
            ratio: a.ratio.map(f),
            detail: cx.fill("chart_actual_target", &[("actual", &actual), ("target", &target)]),
            attainment,
            status,
            color: c,
            pace: a.pace.map(f),
        });
    }
    // Scale to the best attainment, in quarters, from 125% up to 200% (longer bars are cut).
    let quarter = Decimal::new(25, 2);
    let scale = (max.min(Decimal::TEN) / quarter).ceil() * quarter;
    let scale = scale.clamp(Decimal::new(125, 2), Decimal::TWO);
    let step = if scale <= Decimal::new(15, 1) { quarter } else { Decimal::new(5, 1) };
    let mut ticks = Vec::new();
    let mut t = Decimal::ZERO;
    while t <= scale {
        ticks.push((f(t), format::percent(t, format::Precision::Derived)));
        t += step;
    }
    let description = cx.fill("chart_kpis_desc", &[("items", &cx.join(&desc))]);
    let data = Data {
        rows,
        scale: f(scale),
        ticks,
        headers: [cx.l("attainment"), cx.l("chart_actual_target_header"), cx.l("status")],
        target_line: cx.l("chart_target_line"),
        pace: cx.l("chart_pace"),
    };
    Some(cx.chart("kpis", "kpis", cx.l("chart_kpis"), description, Body::Kpis(data)))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>) -> Result<(), String> {
    let w = pen.w;
    let mut legend = vec![(Swatch::Line(color::INK, true), d.target_line.as_str())];
    if d.rows.iter().any(|r| r.pace.is_some()) {
        legend.push((Swatch::Line(color::ACCENT, false), d.pace.as_str()));
    }
    pen.legend(&legend, PAD, LEGEND_Y)?;

    let (s, l) = (style::SMALL, style::LABEL);
    let status_w = style::widest(d.rows.iter().map(|r| r.status.as_str()), l)
        .max(style::text_width(&d.headers[2], s));
    let mut detail_w = style::widest(d.rows.iter().map(|r| r.detail.as_str()), l)
        .max(style::text_width(&d.headers[1], s));
    let att_w = style::widest(d.rows.iter().map(|r| r.attainment.as_str()), style::STRONG)
        .max(style::text_width(&d.headers[0], s));
    let mut name_w = style::widest(d.rows.iter().map(|r| r.name.as_str()), l).min(w * 0.24);
    let fixed = PAD + 2.0 * GAP + att_w + 2.0 * GAP + 2.0 * GAP + status_w + PAD;
    let min_bars = 160.0;
    let short = min_bars - (w - fixed - name_w - detail_w);
    if short > 0.0 {
        // Give up name width first (down to 80 px), then detail width.
        let from_name = short.min((name_w - 80.0).max(0.0));
        name_w -= from_name;
        detail_w = (detail_w - (short - from_name)).max(60.0);
    }
    let status_x = w - PAD - status_w;
    let detail_right = status_x - 2.0 * GAP;
    let att_right = detail_right - detail_w - 2.0 * GAP;
    // Room for half the last tick label beyond the bars.
    let last_tick = d.ticks.last().map_or(0.0, |t| style::text_width(&t.1, s));
    let bar_right = att_right - att_w - 2.0 * GAP - last_tick / 2.0;
    let x0 = PAD + name_w + 2.0 * GAP;
    let x = |r: f64| x0 + r.clamp(0.0, d.scale) / d.scale * (bar_right - x0);

    let hy = style::BODY_TOP + HEADER / 2.0 - 4.0;
    pen.right(&d.headers[0], att_right, hy, s, color::MUTED)?;
    pen.right(&style::fit(&d.headers[1], s, detail_w), detail_right, hy, s, color::MUTED)?;
    pen.left(&d.headers[2], status_x, hy, s, color::MUTED)?;
    let top = style::BODY_TOP + HEADER;
    let bottom = top + d.rows.len() as f64 * ROW;
    for (v, text) in &d.ticks {
        let tx = x(*v);
        pen.line(tx, top, tx, bottom, color::GRID, 1)?;
        // Tick labels only where they do not crowd each other.
        let room = (bar_right - x0) / (d.ticks.len() as f64 - 1.0).max(1.0);
        if style::text_width(text, s) + 4.0 <= room {
            pen.text(text, tx, hy, s, color::MUTED, HPos::Center, VPos::Center)?;
        }
    }

    let mut y = top;
    for r in &d.rows {
        let mid = y + ROW / 2.0;
        pen.left(&style::fit(&r.name, l, name_w), PAD, mid, l, color::INK)?;
        if let Some(ratio) = r.ratio {
            pen.rect(x0, mid - BAR / 2.0, x(ratio), mid + BAR / 2.0, r.color)?;
            if ratio > d.scale {
                // Cut bar: a white notch says it goes on.
                let e = x(ratio);
                pen.rect(e - 8.0, mid - BAR / 2.0, e - 5.0, mid + BAR / 2.0, color::PAPER)?;
            }
        }
        if let Some(p) = r.pace {
            pen.line(x(p), mid - BAR / 2.0 - 3.0, x(p), mid + BAR / 2.0 + 3.0, color::ACCENT, 2)?;
        }
        pen.right(&r.attainment, att_right, mid, style::STRONG, color::INK)?;
        pen.right(&style::fit(&r.detail, l, detail_w), detail_right, mid, l, color::INK)?;
        // The symbol in the status colour, the word in ink: status reads in black and white.
        match r.status.split_once(' ') {
            Some((symbol, word)) if r.ratio.is_some() => {
                pen.left(symbol, status_x, mid, l, r.color)?;
                let wx = status_x + style::text_width(&format!("{symbol} "), l);
                pen.left(word, wx, mid, l, color::INK)?;
            }
            _ => pen.left(&r.status, status_x, mid, l, color::MUTED)?,
        }
        y += ROW;
    }
    pen.line(x0, top, x0, bottom, color::AXIS, 1)?;
    let hundred = x(1.0);
    pen.dashed(&[(hundred, top), (hundred, bottom)], color::INK, 1)
}
