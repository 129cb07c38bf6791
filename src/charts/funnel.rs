//! The sales funnel: one centred band per stage, narrowing stage by stage, with what each
//! stage needs (or, without a target to work back from, the share of leads that reach it)
//! beside it and the conversion between stages.
//!
//! Band widths narrow with the logarithm of the share of leads that reach a stage, from the
//! full width for the first stage to the narrowest for the last: a funnel whose last stage
//! holds 0.2% of its leads would otherwise end in slivers no eye tells apart, and the
//! numbers beside the bands carry the exact figures.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;

use super::style::{self, GAP, Key, PAD, Pen, color};
use super::{Body, Chart, Cx, f};
use crate::figures::Figures;
use crate::format::{self, Precision};
use crate::model::Plan;

/// Height of a band.
const BAND: f64 = 24.0;
/// Space between bands, where the conversion is written.
const STEP: f64 = 18.0;
/// The narrowest band (the last stage's), as a share of the funnel's width.
const MIN_WIDTH: f64 = 0.1;

#[derive(Debug, Clone)]
struct Row {
    name: String,
    /// Share of leads reaching the stage (0–1), for the band's width.
    reach: f64,
    /// What the band says: the volume needed, or the share reaching it.
    value: String,
    /// The conversion to the next stage (`转化20.0%`), written under the band.
    step: Option<String>,
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    rows: Vec<Row>,
    notes: Vec<String>,
}

pub(crate) fn keys(d: &Data) -> Vec<Key> {
    d.notes.iter().map(Key::note).collect()
}

/// Where everything goes at one width.
struct Layout {
    /// Names above their bands rather than beside them.
    stacked: bool,
    names: Vec<Vec<String>>,
    /// Left and right edge of the funnel area.
    x0: f64,
    x1: f64,
    /// Left edge of the value column.
    vx: f64,
    /// Height of each row (names above the band when stacked, then the band, then the step).
    rows: Vec<f64>,
}

fn layout(d: &Data, w: f64) -> Layout {
    let inner = w - 2.0 * PAD;
    let lh = style::line_height(style::LABEL);
    let value_w = style::widest(d.rows.iter().map(|r| r.value.as_str()), style::STRONG);
    let step_w = style::widest(d.rows.iter().filter_map(|r| r.step.as_deref()), style::SMALL);
    let side = value_w.max(step_w);
    let stacked = w < style::STACK_BELOW;
    let name_w = if stacked {
        inner
    } else {
        style::widest(d.rows.iter().map(|r| r.name.as_str()), style::LABEL).min(inner * 0.26)
    };
    let x0 = if stacked { PAD } else { PAD + name_w + 2.0 * GAP };
    let vx = w - PAD - side;
    let x1 = vx - 2.0 * GAP;
    let names: Vec<Vec<String>> =
        d.rows.iter().map(|r| style::wrap(&r.name, style::LABEL, name_w, 2)).collect();
    let rows = names
        .iter()
        .zip(&d.rows)
        .map(|(n, r)| {
            let band = if stacked {
                n.len() as f64 * lh + 3.0 + BAND
            } else {
                (n.len() as f64 * lh).max(BAND)
            };
            band + if r.step.is_some() { STEP } else { 6.0 }
        })
        .collect();
    Layout { stacked, names, x0, x1, vx, rows }
}

pub(crate) fn height(d: &Data, w: f64) -> f64 {
    layout(d, w).rows.iter().sum::<f64>() + 4.0
}

pub(crate) fn build(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    let (funnel, ff) = (plan.funnel.as_ref()?, figures.funnel.as_ref()?);
    if funnel.stages.len() < 2 || ff.reach.iter().any(Option::is_none) {
        return None;
    }
    let volumes = ff.needed.iter().all(Option::is_some);
    let mut desc = Vec::new();
    let rows: Vec<Row> = funnel
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let reach = ff.reach[i].unwrap_or_default();
            let value = match ff.needed[i] {
                Some(n) if volumes => format::number(n, None, cx.locale, Precision::Exact),
                _ => cx.percent(format::significant(reach, 3), true),
            };
            desc.push(cx.fill("chart_funnel_item", &[("name", &s.name), ("value", &value)]));
            let step = s.conversion.filter(|_| i + 1 < funnel.stages.len()).map(|c| {
                let conversion = cx.percent(c, true);
                desc.push(cx.fill("chart_funnel_step", &[("conversion", &conversion)]));
                cx.fill("chart_funnel_step", &[("conversion", &conversion)])
            });
            Row { name: s.name.clone(), reach: f(reach), value, step }
        })
        .collect();
    let overall = ff
        .overall
        .map(|o| cx.percent(format::significant(o, 3), true))
        .unwrap_or_else(|| "—".into());
    let note = match ff.days {
        Some(days) => {
            let days = format::number(days, None, cx.locale, Precision::Exact);
            cx.fill("chart_funnel_note", &[("overall", &overall), ("days", &days)])
        }
        None => cx.fill("chart_funnel_note_short", &[("overall", &overall)]),
    };
    let notes = vec![note];
    let (title, key) = if volumes {
        ("chart_funnel", "chart_funnel_desc")
    } else {
        ("chart_funnel_reach", "chart_funnel_reach_desc")
    };
    let description = cx.fill(key, &[("items", &cx.join(&desc)), ("overall", &overall)]);
    Some(cx.chart(
        "funnel",
        "strategies",
        cx.l(title),
        description,
        Body::Funnel(Data { rows, notes }),
    ))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>, top: f64) -> Result<(), String> {
    let l = layout(d, pen.w);
    let lh = style::line_height(style::LABEL);
    let full = l.x1 - l.x0;
    let mid = (l.x0 + l.x1) / 2.0;
    // ln(reach) runs from 0 (the first stage) to ln(last reach); widths follow linearly.
    let floor = d.rows.iter().map(|r| r.reach).fold(1.0, f64::min).max(1e-9).ln();
    let width = |reach: f64| {
        let t = if floor < 0.0 { reach.clamp(1e-9, 1.0).ln() / floor } else { 0.0 };
        full * (1.0 - t * (1.0 - MIN_WIDTH))
    };
    let mut y = top;
    for (i, ((r, names), row)) in d.rows.iter().zip(&l.names).zip(&l.rows).enumerate() {
        let (band_top, band_h) = if l.stacked {
            pen.lines(names, PAD, y, style::LABEL, color::INK, HPos::Left)?;
            (y + names.len() as f64 * lh + 3.0, BAND)
        } else {
            let h = (names.len() as f64 * lh).max(BAND);
            let ny = y + h / 2.0 - names.len() as f64 * lh / 2.0;
            pen.lines(names, PAD, ny, style::LABEL, color::INK, HPos::Left)?;
            (y + (h - BAND) / 2.0, BAND)
        };
        let wt = width(r.reach);
        let wb = d.rows.get(i + 1).map_or(wt, |n| width(n.reach));
        let (a, b) = (band_top, band_top + band_h);
        let colour = if i + 1 == d.rows.len() { color::ACCENT } else { color::PRIMARY };
        pen.polygon(
            &[(mid - wt / 2.0, a), (mid + wt / 2.0, a), (mid + wb / 2.0, b), (mid - wb / 2.0, b)],
            colour,
        )?;
        let vy = a + band_h / 2.0;
        pen.left(&r.value, l.vx, vy, style::STRONG, color::INK)?;
        if let Some(step) = &r.step {
            pen.left(step, l.vx, b + STEP / 2.0, style::SMALL, color::MUTED)?;
        }
        y += row;
    }
    Ok(())
}
