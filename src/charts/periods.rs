//! A breakdown by period (Q1…, 第1周…, months): one column per period and the running total
//! as a line rising to the target.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::axis::ValueAxis;
use super::scale::Numbers;
use super::style::{self, Key, PAD, Pen, Placer, Swatch, color};
use super::{Body, Chart, Cx, f};
use crate::figures::BreakdownFigures;
use crate::model::values::Money;
use crate::model::{Breakdown, Portion};

/// Room above the plot for the labels of the tallest column.
const HEADROOM: f64 = 18.0;

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
    keys: Vec<Key>,
}

pub(crate) fn keys(d: &Data) -> Vec<Key> {
    d.keys.clone()
}

/// Height of the plot area: flat enough that the chart and the table it illustrates share
/// a page, tall enough for the running total to climb.
fn plot_height(w: f64) -> f64 {
    (w * 0.32).clamp(150.0, 200.0)
}

/// Height of the period names and the shares under them.
fn labels_height(d: &Data) -> f64 {
    let shares = d.items.iter().any(|i| i.share.is_some());
    4.0 + style::line_height(style::LABEL)
        + if shares { style::line_height(style::SMALL) } else { 0.0 }
}

pub(crate) fn height(d: &Data, w: f64) -> f64 {
    HEADROOM + plot_height(w) + labels_height(d)
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
    let given_amount = |i: &crate::model::BreakdownItem| matches!(i.portion, Portion::Amount(_));
    let pick = |fi: &crate::figures::ItemFigures| if by_amount { fi.amount } else { fi.share };
    let values: Vec<Decimal> = bf.items.iter().map(|fi| pick(fi).unwrap_or_default()).collect();
    let running: Vec<Decimal> = values
        .iter()
        .scan(Decimal::ZERO, |acc, v| {
            *acc = acc.saturating_add(*v);
            Some(*acc)
        })
        .collect();
    let total =
        if by_amount { total.map(|t| (t.amount, true)) } else { Some((Decimal::ONE, false)) };
    // The chart's one number system: amounts in one unit, or percentages.
    let given: Vec<Decimal> = b
        .items
        .iter()
        .zip(&values)
        .filter(|(i, _)| given_amount(i) == by_amount)
        .map(|(_, v)| *v)
        .collect();
    let numbers = if by_amount {
        let derived = running.iter().copied().chain(total.map(|t| t.0));
        cx.amounts(given.iter().copied().chain(total.filter(|t| t.1).map(|t| t.0)), derived)
    } else {
        Numbers::percent(given)
    };
    let shares = Numbers::percent(
        b.items
            .iter()
            .zip(&bf.items)
            .filter(|(i, _)| !given_amount(i))
            .filter_map(|(_, fi)| fi.share),
    );
    let said = |v: Decimal, exact: bool| {
        if by_amount { cx.money(v, exact) } else { cx.percent(v, exact) }
    };
    let mut items = Vec::new();
    let mut desc = Vec::new();
    let mut max = Decimal::ZERO;
    for (((i, fi), v), run) in b.items.iter().zip(&bf.items).zip(&values).zip(&running) {
        max = max.max(*run).max(*v);
        let share = fi.share.map(|s| shares.fmt(s));
        desc.push(cx.fill(
            "chart_period_item",
            &[
                ("name", &i.name),
                ("value", &said(*v, given_amount(i) == by_amount)),
                (
                    "share",
                    &fi.share.map_or_else(|| "—".to_string(), |s| cx.percent(s, !given_amount(i))),
                ),
                ("cumulative", &said(*run, false)),
            ],
        ));
        items.push(Item {
            label: i.name.clone(),
            value: f(*v),
            value_text: numbers.fmt(*v),
            share: if by_amount { share } else { None },
            cumulative: f(*run),
            cumulative_text: numbers.fmt(*run),
        });
    }
    if let Some((t, _)) = total {
        max = max.max(t);
    }
    let ticks = numbers.ticks(max);
    let title = cx.fill("chart_breakdown", &[("name", &b.name)]);
    let items_text = cx.join(&desc);
    let description = match &total {
        Some((t, exact)) => cx.fill(
            "chart_periods_desc_total",
            &[("name", &b.name), ("items", &items_text), ("total", &said(*t, *exact))],
        ),
        None => cx.fill("chart_periods_desc", &[("name", &b.name), ("items", &items_text)]),
    };
    let mut keys = vec![
        Key::mark(Swatch::Box(color::PRIMARY), cx.l(if by_amount { "amount" } else { "share" })),
        Key::mark(Swatch::Dot(color::ACCENT), cx.l("cumulative")),
    ];
    if total.is_some() {
        keys.push(Key::mark(Swatch::Line(color::INK, true), cx.l("chart_total_legend")));
    }
    keys.extend(cx.unit_note(&numbers).map(Key::note));
    let data = Data {
        items,
        ticks,
        total: total
            .map(|(v, _)| (f(v), cx.fill("chart_total_line", &[("value", &numbers.fmt(v))]))),
        keys,
    };
    Some(cx.chart(&id, "targets", title, description, Body::Periods(data)))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>, body: f64) -> Result<(), String> {
    let w = pen.w;
    let top = body + HEADROOM;
    let axis = ValueAxis::new(&d.ticks, w, top, top + plot_height(w));
    let (left, right, bottom) = (axis.left, axis.right, axis.bottom);
    let y = |v: f64| axis.y(v);

    axis.draw(&d.ticks, pen, None)?;

    let n = d.items.len() as f64;
    let band = (right - left) / n;
    let cw = (band * 0.56).min(72.0);
    let centre = |i: usize| left + band * (i as f64 + 0.5);
    // Labels stay in the plot: clear of the tick labels left and the period names below.
    let mut placer = Placer::new([left, body, w - PAD / 2.0, bottom]);
    // Period names (and shares) under every column, or under every other, … when crowded.
    let name_w = style::widest(d.items.iter().map(|i| i.label.as_str()), style::LABEL);
    let every = ((name_w + 6.0) / band).ceil().max(1.0) as usize;
    let share_w = style::widest(d.items.iter().filter_map(|i| i.share.as_deref()), style::SMALL);
    let shares_fit = every == 1 && share_w + 4.0 <= band;
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
        if i % every == 0 {
            let ly = bottom + 4.0;
            let label = style::fit(&it.label, style::LABEL, band * every as f64 - 4.0);
            pen.text(&label, centre(i), ly, style::LABEL, color::INK, HPos::Center, VPos::Top)?;
            if let Some(s) = it.share.as_ref().filter(|_| shares_fit) {
                let sy = ly + style::line_height(style::LABEL);
                pen.text(s, centre(i), sy, style::SMALL, color::MUTED, HPos::Center, VPos::Top)?;
            }
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
