//! A breakdown by period (Q1…, 第1周…, months): one column per period and the running total
//! as a line rising to the target.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::style::{self, GAP, LEGEND_Y, PAD, Pen, Placer, Swatch, color};
use super::{Body, Chart, Cx, f, ticks};
use crate::figures::BreakdownFigures;
use crate::model::values::Money;
use crate::model::{Breakdown, Portion};

/// Natural height.
pub(crate) const HEIGHT: u32 = 380;

#[derive(Debug, Clone)]
struct Item {
    label: String,
    value: f64,
    value_text: String,
    share: Option<String>,
    cumulative: f64,
    cumulative_text: String,
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    items: Vec<Item>,
    ticks: Vec<(f64, String)>,
    total: Option<(f64, String)>,
    column: String,
    cumulative: String,
    total_legend: String,
}

pub(crate) fn build(
    id: String,
    b: &Breakdown,
    bf: &BreakdownFigures,
    total: Option<Money>,
    cx: &Cx,
) -> Option<Chart> {
    if b.items.is_empty() {
        return None;
    }
    let by_amount = bf.items.iter().all(|i| i.amount.is_some());
    let by_share = bf.items.iter().all(|i| i.share.is_some());
    if !by_amount && !by_share {
        return None;
    }
    let fmt = |v: Decimal, exact: bool| {
        if by_amount { cx.money(v, exact) } else { cx.percent(v, exact) }
    };
    let mut items = Vec::new();
    let mut desc = Vec::new();
    let mut running = Decimal::ZERO;
    let mut max = Decimal::ZERO;
    for (i, fi) in b.items.iter().zip(&bf.items) {
        let given_amount = matches!(i.portion, Portion::Amount(_));
        let v = if by_amount { fi.amount } else { fi.share }.unwrap_or_default();
        running = running.saturating_add(v);
        max = max.max(running).max(v);
        let value_text = fmt(v, given_amount == by_amount);
        let share = fi.share.map(|s| cx.percent(s, !given_amount));
        let cumulative_text = fmt(running, false);
        desc.push(cx.fill(
            "chart_period_item",
            &[
                ("name", &i.name),
                ("value", &value_text),
                ("share", share.as_deref().unwrap_or("—")),
                ("cumulative", &cumulative_text),
            ],
        ));
        items.push(Item {
            label: i.name.clone(),
            value: f(v),
            value_text,
            share: if by_amount { share } else { None },
            cumulative: f(running),
            cumulative_text,
        });
    }
    let total = if by_amount {
        total.map(|t| (t.amount, cx.money(t.amount, true)))
    } else {
        Some((Decimal::ONE, cx.percent(Decimal::ONE, false)))
    };
    if let Some((t, _)) = total {
        max = max.max(t);
    }
    let ticks = ticks(max).into_iter().map(|t| (f(t), fmt(t, false))).collect();
    let title = cx.fill("chart_breakdown", &[("name", &b.name)]);
    let items_text = cx.join(&desc);
    let description = match &total {
        Some((_, t)) => cx.fill(
            "chart_periods_desc_total",
            &[("name", &b.name), ("items", &items_text), ("total", t)],
        ),
        None => cx.fill("chart_periods_desc", &[("name", &b.name), ("items", &items_text)]),
    };
    let data = Data {
        items,
        ticks,
        total_legend: cx.l("chart_total_legend"),
        total: total.map(|(v, t)| (f(v), cx.fill("chart_total_line", &[("value", &t)]))),
        column: cx.l(if by_amount { "amount" } else { "share" }),
        cumulative: cx.l("cumulative"),
    };
    Some(cx.chart(&id, "targets", title, description, Body::Periods(data)))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>) -> Result<(), String> {
    let (w, h) = (pen.w, pen.h);
    let mut legend = vec![
        (Swatch::Box(color::PRIMARY), d.column.as_str()),
        (Swatch::Dot(color::ACCENT), d.cumulative.as_str()),
    ];
    if d.total.is_some() {
        legend.push((Swatch::Line(color::INK, true), d.total_legend.as_str()));
    }
    pen.legend(&legend, PAD, LEGEND_Y)?;

    let tick_w = style::widest(d.ticks.iter().map(|t| t.1.as_str()), style::SMALL);
    let left = PAD + tick_w + GAP;
    let right = w - PAD;
    let top = style::BODY_TOP + 16.0;
    let bottom =
        h - PAD - style::line_height(style::LABEL) - style::line_height(style::SMALL) - 6.0;
    let y_max = d.ticks.last().map_or(1.0, |t| t.0).max(f64::MIN_POSITIVE);
    let y = |v: f64| bottom - v.max(0.0) / y_max * (bottom - top);

    for (v, text) in &d.ticks {
        let ty = y(*v);
        if *v > 0.0 {
            pen.line(left, ty, right, ty, color::GRID, 1)?;
        }
        pen.right(text, left - GAP, ty, style::SMALL, color::MUTED)?;
    }

    let n = d.items.len() as f64;
    let band = (right - left) / n;
    let cw = (band * 0.56).min(72.0);
    let centre = |i: usize| left + band * (i as f64 + 0.5);
    let mut placer = Placer::new(w, h);
    let strong_h = style::line_height(style::SMALL_STRONG);
    // Column values that do not fit inside their column, placed once every line is drawn.
    let mut outside = Vec::new();
    for (i, it) in d.items.iter().enumerate() {
        let (x0, x1) = (centre(i) - cw / 2.0, centre(i) + cw / 2.0);
        let top_y = y(it.value);
        pen.rect(x0, top_y, x1, bottom, color::PRIMARY)?;
        let fits_inside = style::text_width(&it.value_text, style::SMALL_STRONG) <= cw - 6.0
            && bottom - top_y >= strong_h + 6.0;
        if fits_inside {
            // Below the running-total dot that may sit on the column's top.
            let ty = top_y + 6.0;
            pen.text(
                &it.value_text,
                centre(i),
                ty,
                style::SMALL_STRONG,
                color::PAPER,
                HPos::Center,
                VPos::Top,
            )?;
            placer.take([x0, top_y, x1, bottom]);
        } else {
            placer.take([x0, top_y, x1, bottom]);
            outside.push((centre(i), top_y, it.value_text.as_str()));
        }
        // Period name, then its share, under the column.
        let label = style::fit(&it.label, style::LABEL, band - 4.0);
        let ly = bottom + 4.0;
        pen.text(&label, centre(i), ly, style::LABEL, color::INK, HPos::Center, VPos::Top)?;
        if let Some(s) = &it.share {
            let sy = ly + style::line_height(style::LABEL);
            let s = style::fit(s, style::SMALL, band - 4.0);
            pen.text(&s, centre(i), sy, style::SMALL, color::MUTED, HPos::Center, VPos::Top)?;
        }
    }
    pen.line(left, bottom, right, bottom, color::AXIS, 1)?;

    if let Some((t, _)) = &d.total {
        let ty = y(*t);
        pen.dashed(&[(left, ty), (right, ty)], color::INK, 1)?;
        placer.take_path(&[(left, ty), (right, ty)]);
    }
    let pts: Vec<(f64, f64)> =
        d.items.iter().enumerate().map(|(i, it)| (centre(i), y(it.cumulative))).collect();
    pen.path(&pts, color::ACCENT, 2)?;
    placer.take_path(&pts);
    for &(x, py) in &pts {
        pen.dot(x, py, 4.0, color::ACCENT, true)?;
        placer.take([x - 5.0, py - 5.0, x + 5.0, py + 5.0]);
    }
    if let Some((t, label)) = &d.total {
        let ty = y(*t);
        let cands = [
            (left + 4.0, ty - 3.0, HPos::Left, VPos::Bottom),
            (left + 4.0, ty + 3.0, HPos::Left, VPos::Top),
            (right - 4.0, ty + 3.0, HPos::Right, VPos::Top),
            (right - 4.0, ty - 3.0, HPos::Right, VPos::Bottom),
        ];
        if let Some((x, ly, hp, vp)) = placer.place(label, style::SMALL_STRONG, &cands) {
            pen.text(label, x, ly, style::SMALL_STRONG, color::INK, hp, vp)?;
        }
    }
    let columns: Vec<_> = outside
        .iter()
        .map(|(x, top_y, text)| {
            (*text, style::SMALL, vec![(*x, top_y - 3.0, HPos::Center, VPos::Bottom)])
        })
        .collect();
    let columns_shown = match placer.place_all(&columns) {
        Some(anchors) => {
            for ((text, t, _), (x, ly, hp, vp)) in columns.iter().zip(anchors) {
                pen.text(text, x, ly, *t, color::INK, hp, vp)?;
            }
            true
        }
        None => outside.is_empty(),
    };
    // Running totals: the last one matters most (does it reach the target?). All of them
    // when they fit, else the last alone. The first equals the first column: it is left out
    // when the columns are labelled.
    let last = d.items.len() - 1;
    let running = |i: usize| {
        let (x, py) = pts[i];
        (d.items[i].cumulative_text.as_str(), style::SMALL, style::around(x, py, 6.0))
    };
    let skip_first = columns_shown && last > 0;
    let all: Vec<_> = (0..=last).rev().filter(|&i| !(skip_first && i == 0)).map(running).collect();
    let labels = match placer.place_all(&all) {
        Some(anchors) => all.into_iter().zip(anchors).collect::<Vec<_>>(),
        None => {
            let only = vec![running(last)];
            placer.place_all(&only).map(|a| only.into_iter().zip(a).collect()).unwrap_or_default()
        }
    };
    for ((text, t, _), (x, ly, hp, vp)) in labels {
        pen.text(text, x, ly, t, color::INK, hp, vp)?;
    }
    Ok(())
}
