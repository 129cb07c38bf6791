//! KPI attainment: one bar per KPI (actual ÷ target, inverted when lower is better) coloured
//! by status, a 100% line, the time elapsed as a line when the plan has `meta.as_of` (bars
//! read against the pace), and the status as symbol and word so it also reads in black and
//! white.

use super::style::Role;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::scale::Numbers;
use super::style::{self, GAP, Key, PAD, Pen, Swatch, color};
use super::{Body, Chart, Cx, f};
use crate::figures::{Figures, Status};
use crate::format;
use crate::model::Plan;

const BAR: f64 = 14.0;
/// Space above and below a row's content.
const ROW_PAD: f64 = 7.0;

#[derive(Debug, Clone)]
struct Row {
    name: String,
    ratio: Option<f64>,
    attainment: String,
    detail: String,
    status: String,
    color: Role,
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    rows: Vec<Row>,
    scale: f64,
    ticks: Vec<(f64, String)>,
    /// The time elapsed and its label (`时间进度 51.6%`).
    elapsed: Option<(f64, String)>,
    keys: Vec<Key>,
}

pub(crate) fn keys(d: &Data) -> Vec<Key> {
    d.keys.clone()
}

fn status_key(s: Status) -> (&'static str, Role) {
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
        });
    }
    // Scale to the best attainment, up to 200% (longer bars are cut), at round ticks.
    let ticks = Numbers::percent([]).ticks(max.min(Decimal::TWO));
    let scale = ticks.last().map_or(1.0, |t| t.0).max(1.0);
    let elapsed_text = figures.elapsed.map(|e| format::percent(e, format::Precision::Derived));
    let elapsed = figures
        .elapsed
        .zip(elapsed_text.as_ref())
        .map(|(e, t)| (f(e), cx.fill("chart_elapsed", &[("elapsed", t)])));
    let mut description = cx.fill("chart_kpis_desc", &[("items", &cx.join(&desc))]);
    if let (Some(pct), Some(as_of)) = (&elapsed_text, crate::figures::as_of(plan)) {
        let date = format::date(as_of, cx.locale);
        let vars = [("elapsed", pct.as_str()), ("date", date.as_str())];
        description.push_str(&cx.fill("chart_elapsed_sentence", &vars));
    }
    let mut keys = vec![Key::mark(Swatch::Line(color::INK, true), cx.l("chart_target_line"))];
    if elapsed.is_some() {
        keys.push(Key::mark(Swatch::Line(color::ACCENT, true), cx.l("chart_pace")));
    }
    let data = Data { rows, scale, ticks, elapsed, keys };
    Some(cx.chart("kpis", "kpis", cx.l("chart_kpis"), description, Body::Kpis(data)))
}

/// Where everything goes at one width.
struct Layout {
    /// Names and details above the bars rather than beside them.
    stacked: bool,
    names: Vec<Vec<String>>,
    details: Vec<String>,
    rows: Vec<f64>,
    /// The head above the bars: the elapsed label's row, then the ticks' row.
    head: f64,
    x0: f64,
    bar_right: f64,
    att_right: f64,
    status_x: f64,
}

fn layout(d: &Data, w: f64) -> Layout {
    let (s, l, strong) = (style::SMALL, style::LABEL, style::STRONG);
    let inner = w - 2.0 * PAD;
    let lh = style::line_height(l);
    let sh = style::line_height(s);
    let status_w = style::widest(d.rows.iter().map(|r| r.status.as_str()), l);
    let att_w = style::widest(d.rows.iter().map(|r| r.attainment.as_str()), strong);
    let status_x = w - PAD - status_w;
    let att_right = status_x - GAP;
    let last_tick = d.ticks.last().map_or(0.0, |t| style::text_width(&t.1, s));
    // Room for half the last tick label beyond the bars' end.
    let bar_right = att_right - att_w - 2.0 * GAP - last_tick / 2.0;
    let texts =
        d.rows.iter().map(|r| style::text_width(&r.name, l).max(style::text_width(&r.detail, s)));
    let name_w = texts.fold(0.0, f64::max).min(inner * 0.32);
    let beside = bar_right - (PAD + name_w + 2.0 * GAP);
    let stacked = w < style::STACK_BELOW || beside < 140.0;
    let head = if d.elapsed.is_some() { 2.0 * sh + 4.0 } else { sh + 4.0 };
    if stacked {
        let names: Vec<Vec<String>> =
            d.rows.iter().map(|r| style::wrap(&r.name, l, inner, 2)).collect();
        let details = d.rows.iter().map(|r| style::fit(&r.detail, s, inner)).collect();
        let rows =
            names.iter().map(|n| n.len() as f64 * lh + sh + 4.0 + BAR + 2.0 * ROW_PAD).collect();
        return Layout {
            stacked,
            names,
            details,
            rows,
            head,
            x0: PAD,
            bar_right,
            att_right,
            status_x,
        };
    }
    let names: Vec<Vec<String>> =
        d.rows.iter().map(|r| style::wrap(&r.name, l, name_w, style::MAX_LINES)).collect();
    let details = d.rows.iter().map(|r| style::fit(&r.detail, s, name_w)).collect();
    let rows = names.iter().map(|n| (n.len() as f64 * lh + sh).max(BAR) + 2.0 * ROW_PAD).collect();
    let x0 = PAD + name_w + 2.0 * GAP;
    Layout { stacked, names, details, rows, head, x0, bar_right, att_right, status_x }
}

/// The top of each row and the bottom of the last, for a chart whose body starts at `body`
/// (the tick labels above the rows go with the title).
pub(crate) fn row_edges(d: &Data, w: f64, body: f64) -> Vec<f64> {
    let l = layout(d, w);
    super::edges(body + l.head, &l.rows)
}

pub(crate) fn height(d: &Data, w: f64) -> f64 {
    let l = layout(d, w);
    l.head + l.rows.iter().sum::<f64>()
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>, body: f64) -> Result<(), String> {
    let w = pen.w;
    let ly = layout(d, w);
    let (s, l) = (style::SMALL, style::LABEL);
    let (lh, sh) = (style::line_height(l), style::line_height(s));
    let x = |r: f64| ly.x0 + r.clamp(0.0, d.scale) / d.scale * (ly.bar_right - ly.x0);
    let pace_x = d.elapsed.as_ref().map(|e| x(e.0));

    // The elapsed label on its own row, then tick labels that neither crowd each other nor
    // sit on the elapsed line.
    let mut tick_y = body + sh / 2.0;
    if let (Some((_, label)), Some(px)) = (&d.elapsed, pace_x) {
        let tw = style::text_width(label, s);
        let lx = (px - tw / 2.0).clamp(PAD, w - PAD - tw);
        pen.left(label, lx, tick_y, s, color::ACCENT)?;
        tick_y += sh;
    }
    let top = body + ly.head;
    let bottom = top + ly.rows.iter().sum::<f64>();
    let room = (ly.bar_right - ly.x0) / (d.ticks.len() as f64 - 1.0).max(1.0);
    for (v, text) in &d.ticks {
        let tx = x(*v);
        let tw = style::text_width(text, s);
        let on_line = pace_x.is_some_and(|p| (p - tx).abs() < tw / 2.0 + 3.0);
        if tw + 4.0 <= room && !on_line {
            pen.text(text, tx, tick_y, s, color::MUTED, HPos::Center, VPos::Center)?;
        }
    }
    // Lines across the bars: through the whole plot beside the names, through each bar
    // alone when names sit above the bars (so no line crosses a name).
    let spans: Vec<(f64, f64)> = if ly.stacked {
        let mut y = top;
        ly.rows
            .iter()
            .zip(&ly.names)
            .map(|(row, names)| {
                let mid = y + ROW_PAD + names.len() as f64 * lh + sh + 4.0 + BAR / 2.0;
                y += row;
                (mid - BAR / 2.0 - 4.0, mid + BAR / 2.0 + 4.0)
            })
            .collect()
    } else {
        vec![(top, bottom)]
    };
    for (a, b) in &spans {
        for (v, _) in &d.ticks {
            pen.line(x(*v), *a, x(*v), *b, color::GRID, 1)?;
        }
    }

    let mut y = top;
    for ((r, names), (row, detail)) in
        d.rows.iter().zip(&ly.names).zip(ly.rows.iter().zip(&ly.details))
    {
        let mid = if ly.stacked {
            pen.lines(names, PAD, y + ROW_PAD, l, color::INK, HPos::Left)?;
            let dy = y + ROW_PAD + names.len() as f64 * lh + sh / 2.0;
            pen.left(detail, PAD, dy, s, color::MUTED)?;
            y + ROW_PAD + names.len() as f64 * lh + sh + 4.0 + BAR / 2.0
        } else {
            let mid = y + row / 2.0;
            let block = names.len() as f64 * lh + sh;
            pen.lines(names, PAD, mid - block / 2.0, l, color::INK, HPos::Left)?;
            pen.left(detail, PAD, mid + block / 2.0 - sh / 2.0, s, color::MUTED)?;
            mid
        };
        if let Some(ratio) = r.ratio {
            pen.rect(ly.x0, mid - BAR / 2.0, x(ratio), mid + BAR / 2.0, r.color)?;
            if ratio > d.scale {
                // Cut bar: a white notch says it goes on.
                let e = x(ratio);
                pen.rect(e - 8.0, mid - BAR / 2.0, e - 5.0, mid + BAR / 2.0, color::PAPER)?;
            }
        }
        pen.right(&r.attainment, ly.att_right, mid, style::STRONG, color::INK)?;
        // The symbol in the status colour, the word in ink: status reads in black and white.
        match r.status.split_once(' ') {
            Some((symbol, word)) if r.ratio.is_some() => {
                pen.left(symbol, ly.status_x, mid, l, r.color)?;
                let wx = ly.status_x + style::text_width(&format!("{symbol} "), l);
                pen.left(word, wx, mid, l, color::INK)?;
            }
            _ => pen.left(&r.status, ly.status_x, mid, l, color::MUTED)?,
        }
        y += row;
    }
    for (a, b) in &spans {
        pen.line(ly.x0, *a, ly.x0, *b, color::AXIS, 1)?;
        pen.dashed(&[(x(1.0), *a), (x(1.0), *b)], color::INK, 1)?;
        if let Some(px) = pace_x {
            let from = if ly.stacked { *a } else { body + sh };
            pen.dashed(&[(px, from), (px, *b)], color::ACCENT, 2)?;
        }
    }
    Ok(())
}
