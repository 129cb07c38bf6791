//! Sales history and forecast: actuals as a solid line, the trend forecast dashed, and the
//! target marked when the forecast reaches the plan's own period.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::style::{self, GAP, LEGEND_Y, PAD, Pen, Placer, Swatch, color};
use super::{Body, Chart, Cx, f, ticks};
use crate::figures::Figures;
use crate::format;
use crate::model::Plan;
use crate::model::values::Period;

/// Natural height.
pub(crate) const HEIGHT: u32 = 360;

type Point = (usize, f64, String);

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    slots: Vec<String>,
    actual: Vec<Point>,
    forecast: Vec<Point>,
    target: Option<Point>,
    ticks: Vec<(f64, String)>,
    legend: [String; 3],
}

fn same(a: &Period, b: &Period) -> bool {
    a.start == b.start && a.end == b.end
}

pub(crate) fn build(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    if plan.history.len() < 2 {
        return None;
    }
    let mut periods: Vec<Period> = plan.history.iter().map(|h| h.period).collect();
    let mut max = Decimal::ZERO;
    let mut desc = Vec::new();
    let mut actual = Vec::new();
    for (i, h) in plan.history.iter().enumerate() {
        let text = cx.money(h.sales.amount, true);
        desc.push(format!("{} {}", format::period_label(&h.period, cx.locale), text));
        max = max.max(h.sales.amount);
        actual.push((i, f(h.sales.amount), text));
    }
    let mut forecast = Vec::new();
    for (p, v) in figures.forecast.iter().flat_map(|fc| &fc.next) {
        let text = cx.money(*v, false);
        desc.push(cx.fill(
            "chart_forecast_item",
            &[("period", &format::period_label(p, cx.locale)), ("value", &text)],
        ));
        max = max.max(*v);
        periods.push(*p);
        forecast.push((periods.len() - 1, f(*v), text));
    }
    let total = plan.targets.as_ref().and_then(|t| t.total);
    let target = match (total, plan.meta.period) {
        (Some(t), Some(mp)) => {
            let slot = periods.iter().position(|p| same(p, &mp)).or_else(|| {
                let next = periods.last()?.next();
                same(&next, &mp).then(|| {
                    periods.push(next);
                    periods.len() - 1
                })
            });
            slot.map(|s| {
                let text = cx.money(t.amount, true);
                desc.push(cx.fill(
                    "chart_target_item",
                    &[("period", &format::period_label(&mp, cx.locale)), ("value", &text)],
                ));
                max = max.max(t.amount);
                (s, f(t.amount), cx.fill("chart_total_line", &[("value", &text)]))
            })
        }
        _ => None,
    };
    let ticks = ticks(max).into_iter().map(|t| (f(t), cx.money(t, false))).collect();
    let description = cx.fill("chart_history_desc", &[("items", &cx.join(&desc))]);
    let data = Data {
        slots: periods.iter().map(|p| format::period_label(p, cx.locale)).collect(),
        actual,
        forecast: forecast
            .into_iter()
            .map(|(s, v, t)| (s, v, cx.fill("chart_forecast_value", &[("value", &t)])))
            .collect(),
        target,
        ticks,
        legend: [cx.l("chart_actual"), cx.l("forecast"), cx.l("chart_target")],
    };
    Some(cx.chart("history", "targets", cx.l("chart_history"), description, Body::History(data)))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>) -> Result<(), String> {
    let (w, h) = (pen.w, pen.h);
    let mut legend = vec![(Swatch::Dot(color::PRIMARY), d.legend[0].as_str())];
    if !d.forecast.is_empty() {
        legend.push((Swatch::Ring(color::ACCENT), d.legend[1].as_str()));
    }
    if d.target.is_some() {
        legend.push((Swatch::Diamond(color::INK), d.legend[2].as_str()));
    }
    pen.legend(&legend, PAD, LEGEND_Y)?;

    let tick_w = style::widest(d.ticks.iter().map(|t| t.1.as_str()), style::SMALL);
    let left = PAD + tick_w + GAP;
    let right = w - PAD;
    let top = style::BODY_TOP + 16.0;
    let bottom = h - PAD - style::line_height(style::LABEL) - 4.0;
    let y_max = d.ticks.last().map_or(1.0, |t| t.0).max(f64::MIN_POSITIVE);
    let y = |v: f64| bottom - v.max(0.0) / y_max * (bottom - top);
    let band = (right - left) / d.slots.len().max(1) as f64;
    let x = |i: usize| left + band * (i as f64 + 0.5);

    for (v, text) in &d.ticks {
        let ty = y(*v);
        pen.line(left, ty, right, ty, if *v > 0.0 { color::GRID } else { color::AXIS }, 1)?;
        pen.right(text, left - GAP, ty, style::SMALL, color::MUTED)?;
    }
    for (i, s) in d.slots.iter().enumerate() {
        let s = style::fit(s, style::LABEL, band - 4.0);
        pen.text(&s, x(i), bottom + 5.0, style::LABEL, color::INK, HPos::Center, VPos::Top)?;
    }

    let mut placer = Placer::new(w, h);
    let actual: Vec<(f64, f64)> = d.actual.iter().map(|p| (x(p.0), y(p.1))).collect();
    let mut forecast: Vec<(f64, f64)> = actual.last().copied().into_iter().collect();
    forecast.extend(d.forecast.iter().map(|p| (x(p.0), y(p.1))));
    pen.path(&actual, color::PRIMARY, 2)?;
    if forecast.len() > 1 {
        pen.dashed(&forecast, color::ACCENT, 2)?;
    }
    placer.take_path(&actual);
    placer.take_path(&forecast);
    for &(px, py) in &actual {
        pen.dot(px, py, 4.0, color::PRIMARY, true)?;
        placer.take([px - 5.0, py - 5.0, px + 5.0, py + 5.0]);
    }
    for &(px, py) in forecast.iter().skip(1) {
        pen.dot(px, py, 5.0, color::ACCENT, false)?;
        placer.take([px - 6.0, py - 6.0, px + 6.0, py + 6.0]);
    }
    if let Some((s, v, _)) = &d.target {
        pen.diamond(x(*s), y(*v), 6.0, color::INK)?;
        placer.take([x(*s) - 7.0, y(*v) - 7.0, x(*s) + 7.0, y(*v) + 7.0]);
    }

    // Labels: the target first, then the forecast, then actuals from the latest back.
    let mut labels: Vec<(f64, f64, &str, style::Type)> = Vec::new();
    if let Some((s, v, t)) = &d.target {
        labels.push((x(*s), y(*v), t, style::SMALL_STRONG));
    }
    for (s, v, t) in d.forecast.iter().rev() {
        labels.push((x(*s), y(*v), t, style::SMALL));
    }
    for (s, v, t) in d.actual.iter().rev() {
        labels.push((x(*s), y(*v), t, style::SMALL));
    }
    for (px, py, text, t) in labels {
        if let Some((lx, ly, hp, vp)) = placer.place(text, t, &style::around(px, py, 6.0)) {
            pen.text(text, lx, ly, t, color::INK, hp, vp)?;
        }
    }
    Ok(())
}
