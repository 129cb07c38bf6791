//! The schedule as a Gantt chart: one bar per phase on a date axis (months, or weeks for a
//! short plan), milestones as diamonds with their text, and the plan date when it falls
//! inside the span.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, GAP, LEGEND_Y, PAD, Pen, Swatch, color};
use super::{Body, Chart, Cx};
use crate::figures::Figures;
use crate::format;
use crate::model::Plan;
use crate::model::date::Date;

const BAR: f64 = 14.0;
const HEADER: f64 = 20.0;

#[derive(Debug, Clone)]
struct Task {
    name: String,
    start: i64,
    end: i64,
    milestone: Option<String>,
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    tasks: Vec<Task>,
    days: i64,
    /// Day offset of each tick and its label.
    ticks: Vec<(i64, String)>,
    /// Month labels sit in the middle of their month; day labels on their tick.
    months: bool,
    marker: Option<(i64, String)>,
    milestone: String,
}

fn row(d: &Data) -> f64 {
    if d.tasks.iter().any(|t| t.milestone.is_some()) { 46.0 } else { 30.0 }
}

pub(crate) fn height(d: &Data) -> u32 {
    let axis = style::line_height(style::LABEL) + 6.0;
    (style::BODY_TOP + HEADER + d.tasks.len() as f64 * row(d) + axis + PAD) as u32
}

fn offset(d: Date, start: Date) -> i64 {
    d.days() - start.days()
}

pub(crate) fn build(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    let sf = figures.schedule.as_ref()?;
    let year = plan.meta.period.map(|p| p.start.year).or(Some(sf.start.year));
    let mut desc = Vec::new();
    let tasks = plan
        .schedule
        .iter()
        .map(|t| {
            let dates = cx.fill(
                "chart_dates",
                &[
                    ("start", &format::short_date(t.start, cx.locale, year)),
                    ("end", &format::short_date(t.end, cx.locale, year)),
                ],
            );
            desc.push(match &t.milestone {
                Some(m) => cx.fill(
                    "chart_task_milestone_item",
                    &[("name", &t.name), ("dates", &dates), ("milestone", m)],
                ),
                None => cx.fill("chart_task_item", &[("name", &t.name), ("dates", &dates)]),
            });
            Task {
                name: t.name.clone(),
                start: offset(t.start, sf.start),
                end: offset(t.end, sf.start),
                milestone: t.milestone.clone(),
            }
        })
        .collect();
    let mut ticks = Vec::new();
    if sf.days > 62 {
        let (mut y, mut m) = (sf.start.year, sf.start.month);
        loop {
            let first = Date::new(y, m, 1)?;
            if first > sf.end {
                break;
            }
            let with_year = (m == 1 && !ticks.is_empty()) || Some(y) != year;
            ticks.push((
                offset(first, sf.start).max(0),
                format::month_label(y, m, cx.locale, with_year),
            ));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
    } else {
        let mut k = 0;
        while k < sf.days {
            let day = Date::from_days(sf.start.days() + k);
            ticks.push((k, format::short_date(day, cx.locale, year)));
            k += 7;
        }
    }
    let marker = sf.status_date.filter(|d| *d >= sf.start && *d <= sf.end).map(|d| {
        let key = if plan.meta.as_of.is_some() { "chart_as_of" } else { "chart_plan_date" };
        (offset(d, sf.start), cx.fill(key, &[("date", &format::short_date(d, cx.locale, year))]))
    });
    let span = cx.fill(
        "chart_dates",
        &[
            ("start", &format::short_date(sf.start, cx.locale, year)),
            ("end", &format::short_date(sf.end, cx.locale, year)),
        ],
    );
    let mut description = cx.fill(
        "chart_schedule_desc",
        &[("span", &span), ("days", &sf.days.to_string()), ("items", &cx.join(&desc))],
    );
    if let Some((_, m)) = &marker {
        description.push_str(&cx.l("sentence_sep"));
        description.push_str(&cx.fill("chart_marker_sentence", &[("marker", m)]));
    }
    let months = sf.days > 62;
    let data = Data { tasks, days: sf.days, ticks, months, marker, milestone: cx.l("milestone") };
    Some(cx.chart(
        "schedule",
        "schedule",
        cx.l("chart_schedule"),
        description,
        Body::Schedule(data),
    ))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>) -> Result<(), String> {
    let w = pen.w;
    let row = row(d);
    let mut legend: Vec<(Swatch, &str)> = Vec::new();
    if d.tasks.iter().any(|t| t.milestone.is_some()) {
        legend.push((Swatch::Diamond(color::ACCENT), d.milestone.as_str()));
    }
    pen.legend(&legend, PAD, LEGEND_Y)?;

    let name_w = style::widest(d.tasks.iter().map(|t| t.name.as_str()), style::LABEL).min(w * 0.26);
    let x0 = PAD + name_w + 2.0 * GAP;
    let x1 = w - PAD;
    let x = |day: i64| x0 + day as f64 / d.days.max(1) as f64 * (x1 - x0);
    let top = style::BODY_TOP + HEADER;
    let bottom = top + d.tasks.len() as f64 * row;

    // Ticks: a grid line at each; labels that would crowd their neighbour are left out
    // (every other, every third, …).
    let xs: Vec<f64> = d.ticks.iter().map(|t| x(t.0)).collect();
    let widest = style::widest(d.ticks.iter().map(|t| t.1.as_str()), style::LABEL) + 8.0;
    let spacing = xs.windows(2).map(|p| p[1] - p[0]).fold(f64::MAX, f64::min).max(1.0);
    let every = (widest / spacing).ceil().max(1.0) as usize;
    for (i, (tx, (_, label))) in xs.iter().zip(&d.ticks).enumerate() {
        pen.line(*tx, top, *tx, bottom, color::GRID, 1)?;
        if i % every != 0 {
            continue;
        }
        let tw = style::text_width(label, style::LABEL);
        let centre = if d.months {
            let next = xs.get(i + 1).copied().unwrap_or(x1);
            (tx + next) / 2.0
        } else {
            *tx
        };
        let cx = centre.clamp(x0 + tw / 2.0, x1 - tw / 2.0);
        pen.text(label, cx, bottom + 5.0, style::LABEL, color::MUTED, HPos::Center, VPos::Top)?;
    }
    pen.line(x0, bottom, x1, bottom, color::AXIS, 1)?;

    if let Some((day, label)) = &d.marker {
        let mx = x(*day) + 0.5 * (x(1) - x(0));
        pen.dashed(&[(mx, top - 4.0), (mx, bottom)], color::ACCENT, 2)?;
        let tw = style::text_width(label, style::SMALL);
        let lx = (mx - tw / 2.0).clamp(x0, x1 - tw);
        pen.left(label, lx, style::BODY_TOP + HEADER / 2.0 - 4.0, style::SMALL, color::INK)?;
    }
    let mut y = top;
    for t in &d.tasks {
        let bar_mid = y + 4.0 + BAR / 2.0 + if row > 30.0 { 2.0 } else { 4.0 };
        pen.left(
            &style::fit(&t.name, style::LABEL, name_w),
            PAD,
            bar_mid,
            style::LABEL,
            color::INK,
        )?;
        let (a, b) = (x(t.start), x(t.end + 1));
        pen.rect(a, bar_mid - BAR / 2.0, b.max(a + 2.0), bar_mid + BAR / 2.0, color::PRIMARY)?;
        if let Some(m) = &t.milestone {
            pen.diamond(b, bar_mid, 6.0, color::ACCENT)?;
            let my = bar_mid + BAR / 2.0 + 9.0;
            let tw = style::text_width(m, style::SMALL);
            // Right-aligned to its diamond when it fits, else from the bar's start.
            let (tx, text) = if b - tw >= x0 {
                (b - tw, m.clone())
            } else {
                (a, style::fit(m, style::SMALL, x1 - a))
            };
            // A paper backing keeps grid lines and the plan-date line from crossing the text.
            let tw = style::text_width(&text, style::SMALL);
            let lh = style::line_height(style::SMALL);
            pen.rect(tx - 2.0, my - lh / 2.0, tx + tw + 2.0, my + lh / 2.0, color::PAPER)?;
            pen.left(&text, tx, my, style::SMALL, color::INK)?;
        }
        y += row;
    }
    Ok(())
}
