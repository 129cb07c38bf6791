//! The burn-up chart of the period to date (`daily`): the running total of actual sales,
//! the target as a level line, the even pace from nothing to the target, and the running
//! total carried to the period's end at the current daily rate (dashed), and the plan's key
//! dates (`dates`) in the period as dotted day lines.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::axis::ValueAxis;
use super::style::{self, Key, PAD, Pen, Placer, Swatch, color};
use super::{Body, Chart, Cx, f};
use crate::figures::Figures;
use crate::format;
use crate::model::Plan;
use crate::model::values::PeriodKind;

/// Room above the plot for the target's label.
const HEADROOM: f64 = 18.0;

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    /// Days in the period.
    days: f64,
    /// The running total at the end of each reported day (day 1 = the first).
    actual: Vec<(f64, f64)>,
    /// The label of the last actual.
    actual_text: String,
    target: Option<(f64, String)>,
    /// Where the current rate ends, and its label.
    projected: Option<(f64, String)>,
    /// Day marks on the axis.
    days_axis: Vec<(f64, String)>,
    /// Key dates: the day and its name.
    marks: Vec<(f64, String)>,
    ticks: Vec<(f64, String)>,
    keys: Vec<Key>,
}

pub(crate) fn keys(d: &Data) -> Vec<Key> {
    d.keys.clone()
}

fn plot_height(w: f64) -> f64 {
    (w * 0.34).clamp(150.0, 200.0)
}

pub(crate) fn height(_: &Data, w: f64) -> f64 {
    HEADROOM + plot_height(w) + 5.0 + style::line_height(style::LABEL)
}

pub(crate) fn build(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    let p = figures.pacing.as_ref()?;
    let target = p.target.map(|v| v.target);
    let left = Decimal::from(p.days - p.elapsed_days);
    let numbers =
        cx.amounts(target.into_iter().chain(p.cumulative.iter().map(|c| c.1)), [p.projected]);
    let start = p.period.start.days();
    let actual: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
        .chain(p.cumulative.iter().map(|(d, v)| ((d.days() - start + 1) as f64, f(*v))))
        .collect();
    let max = target.unwrap_or_default().max(p.projected).max(p.actual);
    let projected = (!left.is_zero()).then(|| (f(p.projected), numbers.fmt(p.projected)));
    let ptd = cx.l(match p.period.kind {
        PeriodKind::Month => "pace_mtd",
        PeriodKind::Quarter => "pace_qtd",
        PeriodKind::Year => "pace_ytd",
        _ => "pace_ptd",
    });
    let end = cx.l(match p.period.kind {
        PeriodKind::Month => "pace_end_month",
        PeriodKind::Quarter => "pace_end_quarter",
        PeriodKind::Year => "pace_end_year",
        _ => "pace_end_period",
    });
    let mut keys = vec![Key::mark(Swatch::Dot(color::PRIMARY), cx.l("chart_cumulative"))];
    if target.is_some() {
        keys.push(Key::mark(Swatch::Line(color::INK, false), cx.l("chart_target")));
        keys.push(Key::mark(Swatch::Line(color::MUTED, true), cx.l("chart_even_pace")));
    }
    if projected.is_some() {
        keys.push(Key::mark(Swatch::Line(color::ACCENT, true), cx.l("chart_projection")));
    }
    keys.extend(cx.unit_note(&numbers).map(Key::note));
    let even = p.target.map(|v| v.even_pace).unwrap_or_default();
    let in_period: Vec<&crate::model::KeyDate> =
        plan.dates.iter().filter(|k| p.period.contains(k.date)).collect();
    let marks =
        in_period.iter().map(|k| ((k.date.days() - start + 1) as f64, k.name.clone())).collect();
    let mut description = cx.fill(
        "chart_burnup_desc",
        &[
            ("date", &format::date(p.date, cx.locale)),
            ("actual", &cx.money(p.actual, false)),
            ("target", &target.map(|t| cx.money(t, true)).unwrap_or_default()),
            ("even", &cx.money(crate::narrative::three_digits(even), false)),
            ("end", &end),
            ("projected", &cx.money(crate::narrative::three_digits(p.projected), false)),
        ],
    );
    if !in_period.is_empty() {
        let items: Vec<String> = in_period
            .iter()
            .map(|k| {
                let day = format::short_date(k.date, cx.locale, Some(k.date.year));
                cx.fill("chart_key_date_item", &[("name", &k.name), ("date", &day)])
            })
            .collect();
        description.push_str(&cx.fill("chart_key_dates_sentence", &[("items", &cx.join(&items))]));
    }
    // Day marks: the 1st and every seventh day after it in a month, else about six marks.
    let step = if p.days <= 31 { 7 } else { (p.days / 6).max(1) };
    let days_axis = (0..p.days)
        .step_by(step as usize)
        .map(|i| {
            let d = crate::model::date::Date::from_days(start + i);
            ((i + 1) as f64, format::short_date(d, cx.locale, Some(d.year)))
        })
        .collect();
    let data = Data {
        days: p.days as f64,
        actual,
        actual_text: numbers.fmt(p.actual),
        target: target.map(|t| (f(t), cx.fill("chart_total_line", &[("value", &numbers.fmt(t))]))),
        projected,
        days_axis,
        marks,
        ticks: numbers.ticks(max),
        keys,
    };
    let title = cx.fill("chart_burnup", &[("ptd", &ptd)]);
    Some(cx.chart("burnup", "kpis", title, description, Body::Burnup(data)))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>, body: f64) -> Result<(), String> {
    let w = pen.w;
    let top = body + HEADROOM;
    let axis = ValueAxis::new(&d.ticks, w, top, top + plot_height(w));
    let (left, right, bottom) = (axis.left, axis.right, axis.bottom);
    let y = |v: f64| axis.y(v);
    let x = |day: f64| left + day / d.days.max(1.0) * (right - left);

    axis.draw(&d.ticks, pen, Some(color::AXIS))?;
    // Day marks, each where its day ends; the last one dropped when it would crowd the end.
    let mut last_right = f64::MIN;
    for (day, text) in &d.days_axis {
        let half = style::text_width(text, style::LABEL) / 2.0;
        let at = x(*day - 0.5);
        // clear of the tick labels on the left
        let tx = at.max(left + half);
        if tx - half < last_right + 6.0 || tx + half > w - PAD / 2.0 {
            continue;
        }
        pen.line(at, bottom, at, bottom + 3.0, color::AXIS, 1)?;
        pen.text(text, tx, bottom + 5.0, style::LABEL, color::INK, HPos::Center, VPos::Top)?;
        last_right = tx + half;
    }

    let mut placer = Placer::new([left, body, w - PAD / 2.0, bottom]);
    // key dates first, as light dotted day lines, each named at its top where it fits
    let mut names = Vec::new();
    for (day, name) in &d.marks {
        let at = x(*day - 0.5);
        pen.dashed(&[(at, top), (at, bottom)], color::AXIS, 1)?;
        placer.take_path(&[(at, top), (at, bottom)]);
        names.push((at, name.as_str()));
    }
    if let Some((t, _)) = &d.target {
        pen.line(left, y(*t), right, y(*t), color::INK, 1)?;
        let even = [(x(0.0), y(0.0)), (x(d.days), y(*t))];
        pen.dashed(&even, color::MUTED, 1)?;
        placer.take_path(&even);
        placer.take([left, y(*t) - 1.0, right, y(*t) + 1.0]);
    }
    let pts: Vec<(f64, f64)> = d.actual.iter().map(|&(day, v)| (x(day), y(v))).collect();
    let last = pts.last().copied().unwrap_or((left, bottom));
    if let Some((v, _)) = &d.projected {
        let line = [last, (x(d.days), y(*v))];
        pen.dashed(&line, color::ACCENT, 2)?;
        placer.take_path(&line);
    }
    pen.path(&pts, color::PRIMARY, 2)?;
    placer.take_path(&pts);
    pen.dot(last.0, last.1, 4.0, color::PRIMARY, true)?;
    placer.take([last.0 - 5.0, last.1 - 5.0, last.0 + 5.0, last.1 + 5.0]);

    // the key dates' names once every line is known, so none sits on one (a name runs
    // right of its day line; near the end of the month the even pace and the target are
    // up there too)
    for (at, name) in names {
        let text = style::fit(name, style::SMALL, (right - left) / 3.0);
        let anchors = [
            (at + 3.0, top + 2.0, HPos::Left, VPos::Top),
            (at - 3.0, top + 2.0, HPos::Right, VPos::Top),
            (at + 3.0, top + 16.0, HPos::Left, VPos::Top),
            (at - 3.0, top + 16.0, HPos::Right, VPos::Top),
        ];
        if let Some((lx, ly, hp, vp)) = placer.place(&text, style::SMALL, &anchors) {
            pen.text(&text, lx, ly, style::SMALL, color::MUTED, hp, vp)?;
        }
    }

    // Labels: the target at the right end above its line, the actual to date, the projection.
    if let Some((t, text)) = &d.target {
        let anchors = [
            (right, y(*t) - 3.0, HPos::Right, VPos::Bottom),
            (left + 4.0, y(*t) - 3.0, HPos::Left, VPos::Bottom),
        ];
        if let Some((lx, ly, hp, vp)) = placer.place(text, style::SMALL_STRONG, &anchors) {
            pen.text(text, lx, ly, style::SMALL_STRONG, color::INK, hp, vp)?;
        }
    }
    if let Some((lx, ly, hp, vp)) =
        placer.place(&d.actual_text, style::SMALL, &style::around(last.0, last.1, 6.0))
    {
        pen.text(&d.actual_text, lx, ly, style::SMALL, color::INK, hp, vp)?;
    }
    if let Some((v, text)) = &d.projected {
        let (px, py) = (x(d.days), y(*v));
        pen.dot(px, py, 4.0, color::ACCENT, false)?;
        if let Some((lx, ly, hp, vp)) =
            placer.place(text, style::SMALL, &style::around(px, py, 6.0))
        {
            pen.text(text, lx, ly, style::SMALL, color::ACCENT, hp, vp)?;
        }
    }
    Ok(())
}
