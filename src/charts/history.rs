//! Sales history and forecast: actuals as a solid line, the base forecast dashed inside
//! its scenario band (a light fill from pessimistic to optimistic), the back-test's
//! forecasts of the last periods as hollow squares, and the target marked when the
//! forecast reaches the plan's own period. A long monthly history labels only its last
//! point, the forecast and the target; the others read off the axis.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::axis::ValueAxis;
use super::style::{self, Key, PAD, Pen, Placer, Swatch, color};
use super::{Body, Chart, Cx, f};
use crate::figures::Figures;
use crate::format;
use crate::model::Plan;
use crate::model::values::{Period, PeriodKind};

/// Room above the plot for labels of the highest point.
const HEADROOM: f64 = 18.0;

type Point = (usize, f64, String);

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    slots: Vec<String>,
    actual: Vec<Point>,
    forecast: Vec<Point>,
    /// Pessimistic and optimistic value of each forecast slot.
    band: Vec<(usize, f64, f64)>,
    /// The back-test's forecast of each held-out slot.
    backtest: Vec<(usize, f64)>,
    /// Label every actual (short histories) or only the last.
    label_all: bool,
    /// The first slot that starts a year (monthly and quarterly periods), so the names on
    /// the axis fall on the same month of every year.
    phase: Option<usize>,
    target: Option<Point>,
    ticks: Vec<(f64, String)>,
    keys: Vec<Key>,
}

pub(crate) fn keys(d: &Data) -> Vec<Key> {
    d.keys.clone()
}

fn plot_height(w: f64) -> f64 {
    (w * 0.32).clamp(150.0, 200.0)
}

pub(crate) fn height(_: &Data, w: f64) -> f64 {
    HEADROOM + plot_height(w) + 5.0 + style::line_height(style::LABEL)
}

fn same(a: &Period, b: &Period) -> bool {
    a.start == b.start && a.end == b.end
}

pub(crate) fn build(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    if plan.history.len() < 2 {
        return None;
    }
    let mut periods: Vec<Period> = plan.history.iter().map(|h| h.period).collect();
    let fc = figures.forecast.as_ref();
    let forecast_values: Vec<(Period, Decimal)> =
        fc.iter().flat_map(|fc| fc.next.iter().map(|s| (s.period, s.base))).collect();
    let steps = fc.map_or(&[][..], |fc| &fc.next[..]);
    let tested: Vec<(Period, Decimal)> = match fc.map(|fc| &fc.backtest) {
        Some(crate::forecast::Backtest::Done { points, .. }) => {
            points.iter().map(|(p, _, v)| (*p, *v)).collect()
        }
        _ => Vec::new(),
    };
    let total = plan.targets.as_ref().and_then(|t| t.total);
    // One unit for every amount of the chart; the plan's own figures set the precision.
    let numbers = cx.amounts(
        plan.history.iter().map(|h| h.sales.amount).chain(total.map(|t| t.amount)),
        forecast_values.iter().map(|(_, v)| *v),
    );
    let n = plan.history.len();
    let long = n > 12;
    let mut max = Decimal::ZERO;
    let mut desc = Vec::new();
    let mut actual = Vec::new();
    for (i, h) in plan.history.iter().enumerate() {
        if !long {
            let said = cx.money(h.sales.amount, true);
            desc.push(format!("{} {}", format::period_label(&h.period, cx.locale), said));
        }
        max = max.max(h.sales.amount);
        actual.push((i, f(h.sales.amount), numbers.fmt(h.sales.amount)));
    }
    if long {
        desc.push(history_summary(plan, cx));
    }
    let mut band = Vec::new();
    let mut band_desc = Vec::new();
    for (k, s) in steps.iter().enumerate() {
        band.push((n + k, f(s.low), f(s.high)));
        max = max.max(s.high);
        band_desc.push(cx.fill(
            "chart_band_item",
            &[
                ("period", &format::period_label(&s.period, cx.locale)),
                ("low", &cx.money(s.low, false)),
                ("high", &cx.money(s.high, false)),
            ],
        ));
    }
    let mut backtest = Vec::new();
    for (p, v) in &tested {
        if let Some(i) = plan.history.iter().position(|h| same(&h.period, p)) {
            backtest.push((i, f(*v)));
            max = max.max(*v);
            desc.push(cx.fill(
                "chart_backtest_item",
                &[("period", &format::period_label(p, cx.locale)), ("value", &cx.money(*v, false))],
            ));
        }
    }
    let mut forecast = Vec::new();
    for (p, v) in &forecast_values {
        desc.push(cx.fill(
            "chart_forecast_item",
            &[("period", &format::period_label(p, cx.locale)), ("value", &cx.money(*v, false))],
        ));
        max = max.max(*v);
        periods.push(*p);
        let text = cx.fill("chart_forecast_value", &[("value", &numbers.fmt(*v))]);
        forecast.push((periods.len() - 1, f(*v), text));
    }
    desc.extend(band_desc);
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
                desc.push(cx.fill(
                    "chart_target_item",
                    &[
                        ("period", &format::period_label(&mp, cx.locale)),
                        ("value", &cx.money(t.amount, true)),
                    ],
                ));
                max = max.max(t.amount);
                let target = numbers.fmt(t.amount);
                // a forecast of the same period is said in the target's label, one label
                // where two would crowd each other
                let text = match forecast.iter_mut().find(|p| p.0 == s) {
                    Some(fp) => {
                        let shared = cx.fill(
                            "chart_target_forecast",
                            &[("target", &target), ("forecast", &fp.2)],
                        );
                        fp.2.clear();
                        shared
                    }
                    None => cx.fill("chart_total_line", &[("value", &target)]),
                };
                (s, f(t.amount), text)
            })
        }
        _ => None,
    };
    let description = cx.fill("chart_history_desc", &[("items", &cx.join(&desc))]);
    let mut keys = vec![Key::mark(Swatch::Dot(color::PRIMARY), cx.l("chart_actual"))];
    if !forecast.is_empty() {
        keys.push(Key::mark(Swatch::Ring(color::ACCENT), cx.l("forecast")));
    }
    if let Some(fc) = fc.filter(|_| !band.is_empty()) {
        let band_key = if fc.plan_scenarios.is_some() {
            cx.l("chart_band_plan")
        } else {
            cx.fill("chart_band", &[("level", &crate::narrative::level(fc.level))])
        };
        keys.push(Key::mark(Swatch::Box(color::BAND), band_key));
    }
    if !backtest.is_empty() {
        keys.push(Key::mark(Swatch::Square(color::MUTED), cx.l("chart_backtest")));
    }
    if target.is_some() {
        keys.push(Key::mark(Swatch::Diamond(color::INK), cx.l("chart_target")));
    }
    keys.extend(cx.unit_note(&numbers).map(Key::note));
    let data = Data {
        slots: periods.iter().map(|p| format::period_label(p, cx.locale)).collect(),
        actual,
        forecast,
        band,
        backtest,
        label_all: !long,
        phase: periods.iter().position(|p| {
            matches!(p.kind, PeriodKind::Month | PeriodKind::Quarter) && p.start.month == 1
        }),
        target,
        ticks: numbers.ticks(max),
        keys,
    };
    Some(cx.chart("history", "targets", cx.l("chart_history"), description, Body::History(data)))
}

/// A long history in one phrase: its span, its lowest and highest period.
fn history_summary(plan: &Plan, cx: &Cx) -> String {
    let h = &plan.history;
    let label = |i: usize| format::period_label(&h[i].period, cx.locale);
    let low = (0..h.len()).min_by_key(|&i| h[i].sales.amount).unwrap_or(0);
    let high = (0..h.len()).max_by_key(|&i| h[i].sales.amount).unwrap_or(0);
    cx.fill(
        "chart_history_span",
        &[
            ("first", &label(0)),
            ("last", &label(h.len() - 1)),
            ("low", &cx.money(h[low].sales.amount, true)),
            ("low_at", &label(low)),
            ("high", &cx.money(h[high].sales.amount, true)),
            ("high_at", &label(high)),
            ("latest", &cx.money(h[h.len() - 1].sales.amount, true)),
        ],
    )
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>, body: f64) -> Result<(), String> {
    let w = pen.w;
    let top = body + HEADROOM;
    let axis = ValueAxis::new(&d.ticks, w, top, top + plot_height(w));
    let (left, right, bottom) = (axis.left, axis.right, axis.bottom);
    let y = |v: f64| axis.y(v);
    let band = (right - left) / d.slots.len().max(1) as f64;
    let x = |i: usize| left + band * (i as f64 + 0.5);

    axis.draw(&d.ticks, pen, Some(color::AXIS))?;
    // Labels stay in the plot: clear of the tick labels left and the period names below.
    let mut placer = Placer::new([left, body, w - PAD / 2.0, bottom]);
    // Every period named, or every other, … when they crowd each other.
    let slot_w = style::widest(d.slots.iter().map(String::as_str), style::LABEL);
    let mut every = ((slot_w + 6.0) / band).ceil().max(1.0) as usize;
    if d.phase.is_some() && every > 1 {
        // months: every 2, 3, 4, 6 or 12, so the names land on the same months each year
        every = [2, 3, 4, 6, 12, 24].into_iter().find(|&k| k >= every).unwrap_or(every);
    }
    let phase = d.phase.unwrap_or(0) % every;
    let mut last_right = f64::MIN;
    for (i, s) in d.slots.iter().enumerate().filter(|(i, _)| i % every == phase) {
        let s = style::fit(s, style::LABEL, band * every as f64 - 4.0);
        // a name wider than its slot stays clear of the tick labels and the right edge, and
        // one that would then touch its neighbour is left out
        let half = style::text_width(&s, style::LABEL) / 2.0;
        let cx = x(i).clamp(left + half, (w - PAD / 2.0 - half).max(left + half));
        if cx - half < last_right + 4.0 {
            continue;
        }
        pen.text(&s, cx, bottom + 5.0, style::LABEL, color::INK, HPos::Center, VPos::Top)?;
        last_right = cx + half;
    }

    let actual: Vec<(f64, f64)> = d.actual.iter().map(|p| (x(p.0), y(p.1))).collect();
    // The band: a fan from the last actual out to each forecast slot's low and high, and a
    // light box at each slot (so a one-period band still shows where it ends).
    let half = (band * 0.3).min(12.0);
    if let (Some(&(lx, ly)), false) = (actual.last(), d.band.is_empty()) {
        let mut poly = vec![(lx, ly)];
        poly.extend(d.band.iter().map(|&(s, _, hi)| (x(s), y(hi))));
        poly.extend(d.band.iter().rev().map(|&(s, lo, _)| (x(s), y(lo))));
        pen.polygon(&poly, color::BAND)?;
        placer.take_path(&poly);
    }
    for &(s, lo, hi) in &d.band {
        let (x0, x1) = (x(s) - half, x(s) + half);
        pen.rect(x0, y(hi), x1, y(lo).max(y(hi) + 1.0), color::BAND)?;
        placer.take([x0, y(hi), x1, y(lo)]);
    }
    let mut forecast: Vec<(f64, f64)> = actual.last().copied().into_iter().collect();
    forecast.extend(d.forecast.iter().map(|p| (x(p.0), y(p.1))));
    pen.path(&actual, color::PRIMARY, 2)?;
    if forecast.len() > 1 {
        pen.dashed(&forecast, color::ACCENT, 2)?;
    }
    placer.take_path(&actual);
    placer.take_path(&forecast);
    let r = if d.label_all { 4.0 } else { 3.0 };
    for &(px, py) in &actual {
        pen.dot(px, py, r, color::PRIMARY, true)?;
        placer.take([px - r - 1.0, py - r - 1.0, px + r + 1.0, py + r + 1.0]);
    }
    for &(s, v) in &d.backtest {
        let (px, py) = (x(s), y(v));
        pen.square(px, py, 4.0, color::MUTED)?;
        placer.take([px - 5.0, py - 5.0, px + 5.0, py + 5.0]);
    }
    for &(px, py) in forecast.iter().skip(1) {
        pen.dot(px, py, 5.0, color::ACCENT, false)?;
        placer.take([px - 6.0, py - 6.0, px + 6.0, py + 6.0]);
    }
    // The target beside a forecast of the same period, so neither hides the other.
    let target_x = |s: usize| {
        let shared = d.forecast.iter().any(|p| p.0 == s);
        if shared { x(s) + half + 7.0 } else { x(s) }
    };
    if let Some((s, v, _)) = &d.target {
        let tx = target_x(*s);
        pen.diamond(tx, y(*v), 6.0, color::INK)?;
        placer.take([tx - 7.0, y(*v) - 7.0, tx + 7.0, y(*v) + 7.0]);
    }

    // Labels: the target first (right of a forecast it shares a slot with), then the
    // forecast (its left side first), then actuals from the latest back.
    if let Some((s, v, t)) = &d.target {
        let (px, py) = (target_x(*s), y(*v));
        let t = t.as_str();
        if let Some((lx, ly, hp, vp)) =
            placer.place(t, style::SMALL_STRONG, &style::around(px, py, 6.0))
        {
            pen.text(t, lx, ly, style::SMALL_STRONG, color::INK, hp, vp)?;
        }
    }
    let mut labels: Vec<(f64, f64, &str, style::Type)> = Vec::new();
    for (s, v, t) in d.forecast.iter().rev().filter(|p| !p.2.is_empty()) {
        let (px, py) = (x(*s), y(*v));
        let mut anchors = vec![
            (px - 8.0, py - 4.0, HPos::Right, VPos::Bottom),
            (px - 8.0, py + 4.0, HPos::Right, VPos::Top),
        ];
        anchors.extend(style::around(px, py, 6.0));
        if let Some((lx, ly, hp, vp)) = placer.place(t, style::SMALL, &anchors) {
            pen.text(t, lx, ly, style::SMALL, color::INK, hp, vp)?;
        }
    }
    let shown = if d.label_all { d.actual.len() } else { 1 };
    for (s, v, t) in d.actual.iter().rev().take(shown) {
        labels.push((x(*s), y(*v), t, style::SMALL));
    }
    for (px, py, text, t) in labels {
        if let Some((lx, ly, hp, vp)) = placer.place(text, t, &style::around(px, py, 6.0)) {
            pen.text(text, lx, ly, t, color::INK, hp, vp)?;
        }
    }
    Ok(())
}
