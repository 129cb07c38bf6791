//! The schedule as a Gantt chart: one bar per phase on a date axis (months, or weeks for a
//! short plan), milestones as diamonds with their text, promotions as bars of their own
//! colour below the phases, key dates as thin lines named above the plot, and the plan date
//! when it falls inside the span.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, GAP, Key, PAD, Pen, Swatch, color};
use super::{Body, Chart, Cx};
use crate::figures::Figures;
use crate::format;
use crate::model::Plan;
use crate::model::date::Date;

const BAR: f64 = 14.0;
/// Space above and below a row's content.
const ROW_PAD: f64 = 6.0;
/// Space between the marker line and a label beside it.
const CLEAR: f64 = 4.0;

#[derive(Debug, Clone)]
struct Task {
    name: String,
    start: i64,
    end: i64,
    milestone: Option<String>,
    /// A promotion rather than a phase of the schedule.
    promotion: bool,
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
    /// Key dates: day offset and name.
    dates: Vec<(i64, String)>,
    /// Legend texts: phase, promotion, milestone, key date.
    words: [String; 4],
}

pub(crate) fn keys(d: &Data) -> Vec<Key> {
    let mut out = Vec::new();
    if d.tasks.iter().any(|t| t.promotion) {
        if d.tasks.iter().any(|t| !t.promotion) {
            out.push(Key::mark(Swatch::Box(color::PRIMARY), d.words[0].clone()));
        }
        out.push(Key::mark(Swatch::Box(color::PROMOTION), d.words[1].clone()));
    }
    if d.tasks.iter().any(|t| t.milestone.is_some()) {
        out.push(Key::mark(Swatch::Diamond(color::ACCENT), d.words[2].clone()));
    }
    if !d.dates.is_empty() {
        out.push(Key::mark(Swatch::Line(color::MUTED, true), d.words[3].clone()));
    }
    out
}

/// A label above the plot: its text, left edge, width, row, and the x its line runs down.
struct HeadLabel {
    text: String,
    left: f64,
    w: f64,
    row: usize,
    x: f64,
    /// The plan-date marker (drawn in the accent colour) rather than a key date.
    marker: bool,
}

/// Places the marker's and the key dates' names in rows above the plot, each on the first
/// row where it overlaps no other name (a line that meets a name lower down is broken
/// around it when drawn).
fn head_labels(items: Vec<(f64, String, bool)>, w: f64) -> Vec<HeadLabel> {
    let mut out: Vec<HeadLabel> = Vec::new();
    for (x, text, marker) in items {
        let tw = style::text_width(&text, style::SMALL);
        let left = (x - tw / 2.0).clamp(PAD, (w - PAD - tw).max(PAD));
        let (a, b) = (left - 10.0, left + tw + 10.0);
        let taken = |row: usize| out.iter().any(|o| o.row == row && a < o.left + o.w && o.left < b);
        // One row per name at most: the search ends.
        let row = (0..=out.len()).find(|r| !taken(*r)).unwrap_or(out.len());
        out.push(HeadLabel { text, left, w: tw, row, x, marker });
    }
    out
}

/// The stretches of a vertical line at `x` from `top` to `bottom` that keep clear of
/// `boxes` (texts it must not cross).
fn clear_of(x: f64, top: f64, bottom: f64, boxes: &[[f64; 4]]) -> Vec<(f64, f64)> {
    let mut cuts: Vec<(f64, f64)> = boxes
        .iter()
        .filter(|b| b[0] - 2.0 < x && x < b[2] + 2.0)
        .map(|b| (b[1] - 3.0, b[3] + 3.0))
        .collect();
    cuts.sort_by(|p, q| p.0.total_cmp(&q.0));
    let mut out = Vec::new();
    let mut y = top;
    for (c0, c1) in cuts {
        if c0 > y + 4.0 {
            out.push((y, c0.min(bottom)));
        }
        y = y.max(c1);
    }
    if bottom > y + 4.0 {
        out.push((y, bottom));
    }
    out
}

/// A milestone's text laid out under its bar: lines, left edge, width.
struct Note {
    lines: Vec<String>,
    x: f64,
    w: f64,
}

/// Where everything goes at one width.
struct Layout {
    /// Names above their bars rather than beside them.
    stacked: bool,
    names: Vec<Vec<String>>,
    notes: Vec<Option<Note>>,
    rows: Vec<f64>,
    /// Height of the rows of names above the plot (the plan date, key dates).
    head: f64,
    /// Those names.
    labels: Vec<HeadLabel>,
    x0: f64,
    x1: f64,
}

impl Layout {
    fn x(&self, d: &Data, day: i64) -> f64 {
        self.x0 + day as f64 / d.days.max(1) as f64 * (self.x1 - self.x0)
    }

    /// The middle of day `day`.
    fn day_x(&self, d: &Data, day: i64) -> f64 {
        self.x(d, day) + 0.5 * (self.x(d, 1) - self.x(d, 0))
    }

    fn marker_x(&self, d: &Data) -> Option<f64> {
        d.marker.as_ref().map(|(day, _)| self.day_x(d, *day))
    }

    /// Centre line of a row's bar, from the row's top.
    fn bar_mid(&self, names: usize) -> f64 {
        let above =
            if self.stacked { names as f64 * style::line_height(style::LABEL) + 4.0 } else { 0.0 };
        ROW_PAD + above + BAR / 2.0
    }
}

/// The milestone text under a bar ending at `b`: next to its diamond, on the side of the
/// marker line where it needs the fewest lines, so the line never crosses it.
fn note(text: &str, a: f64, b: f64, x0: f64, x1: f64, marker: Option<f64>) -> Note {
    let spans = match marker {
        Some(m) => vec![(x0, m - CLEAR), (m + CLEAR, x1)],
        None => vec![(x0, x1)],
    };
    let mut best: Option<(usize, bool, Note)> = None;
    for (lo, hi) in spans.into_iter().filter(|(lo, hi)| hi - lo > 24.0) {
        let lines = style::wrap(text, style::SMALL, hi - lo, style::MAX_LINES);
        let w = style::widest(lines.iter().map(String::as_str), style::SMALL);
        // Right-aligned to the diamond, else from the bar's start, kept inside the span.
        let right = if b - w >= lo { b } else { a + w };
        let right = right.clamp(lo + w, hi);
        let near = lo <= b && b <= hi;
        let candidate = Note { lines, x: right - w, w };
        // Next to the diamond when two lines do; else where it takes the fewest lines.
        let rank = |lines: usize, near: bool| (lines > 2 || !near, lines);
        let better = match &best {
            None => true,
            Some((n, was_near, _)) => rank(candidate.lines.len(), near) < rank(*n, *was_near),
        };
        if better {
            best = Some((candidate.lines.len(), near, candidate));
        }
    }
    best.map_or_else(
        || Note {
            lines: style::wrap(text, style::SMALL, x1 - x0, style::MAX_LINES),
            x: x0,
            w: x1 - x0,
        },
        |b| b.2,
    )
}

fn layout(d: &Data, w: f64) -> Layout {
    let inner = w - 2.0 * PAD;
    let (lh, sh) = (style::line_height(style::LABEL), style::line_height(style::SMALL));
    let widest = style::widest(d.tasks.iter().map(|t| t.name.as_str()), style::LABEL);
    let stacked = w < style::STACK_BELOW;
    let name_w = widest.min(inner * 0.26);
    let (x0, x1) = if stacked { (PAD, w - PAD) } else { (PAD + name_w + 2.0 * GAP, w - PAD) };
    let mut l = Layout {
        stacked,
        names: Vec::new(),
        notes: Vec::new(),
        rows: Vec::new(),
        head: 0.0,
        labels: Vec::new(),
        x0,
        x1,
    };
    let marker = l.marker_x(d);
    let mut items: Vec<(f64, String, bool)> = Vec::new();
    if let (Some((_, text)), Some(mx)) = (&d.marker, marker) {
        items.push((mx, text.clone(), true));
    }
    items.extend(d.dates.iter().map(|(day, text)| (l.day_x(d, *day), text.clone(), false)));
    l.labels = head_labels(items, w);
    if let Some(rows) = l.labels.iter().map(|h| h.row + 1).max() {
        l.head = rows as f64 * (sh + 2.0) + 4.0;
    }
    for t in &d.tasks {
        let names = if stacked {
            style::wrap(&t.name, style::LABEL, inner, 2)
        } else {
            style::wrap(&t.name, style::LABEL, name_w, style::MAX_LINES)
        };
        let (a, b) = (l.x(d, t.start), l.x(d, t.end + 1));
        let n = t.milestone.as_ref().map(|m| note(m, a, b, x0, x1, marker));
        let below = n.as_ref().map_or(0.0, |n| 4.0 + n.lines.len() as f64 * sh);
        let content = l.bar_mid(names.len()) - ROW_PAD + BAR / 2.0 + below;
        let side = if stacked { 0.0 } else { names.len() as f64 * lh };
        l.rows.push(content.max(side) + 2.0 * ROW_PAD);
        l.names.push(names);
        l.notes.push(n);
    }
    l
}

/// The top of each row and the bottom of the last, for a chart whose body starts at `body`.
pub(crate) fn row_edges(d: &Data, w: f64, body: f64) -> Vec<f64> {
    let l = layout(d, w);
    super::edges(body + l.head, &l.rows)
}

pub(crate) fn height(d: &Data, w: f64) -> f64 {
    let l = layout(d, w);
    l.head + l.rows.iter().sum::<f64>() + style::line_height(style::LABEL) + 6.0
}

fn offset(d: Date, start: Date) -> i64 {
    d.days() - start.days()
}

pub(crate) fn build(plan: &Plan, _figures: &Figures, cx: &Cx) -> Option<Chart> {
    // The axis covers the phases and the promotions; key dates inside it are drawn.
    let spans = plan
        .schedule
        .iter()
        .map(|t| (t.start, t.end))
        .chain(plan.promotions.iter().map(|p| (p.start, p.end)));
    let start = spans.clone().map(|s| s.0).min()?;
    let end = spans.map(|s| s.1).max()?;
    let days = end.days() - start.days() + 1;
    let year = plan.meta.period.map(|p| p.start.year).or(Some(start.year));
    let short = |d: Date| format::short_date(d, cx.locale, year);
    let dates_of =
        |a: Date, b: Date| cx.fill("chart_dates", &[("start", &short(a)), ("end", &short(b))]);
    let mut desc = Vec::new();
    let mut tasks: Vec<Task> = plan
        .schedule
        .iter()
        .map(|t| {
            let dates = dates_of(t.start, t.end);
            desc.push(match &t.milestone {
                Some(m) => cx.fill(
                    "chart_task_milestone_item",
                    &[("name", &t.name), ("dates", &dates), ("milestone", m)],
                ),
                None => cx.fill("chart_task_item", &[("name", &t.name), ("dates", &dates)]),
            });
            Task {
                name: t.name.clone(),
                start: offset(t.start, start),
                end: offset(t.end, start),
                milestone: t.milestone.clone(),
                promotion: false,
            }
        })
        .collect();
    for p in &plan.promotions {
        let dates = dates_of(p.start, p.end);
        desc.push(cx.fill("chart_promotion_item", &[("name", &p.name), ("dates", &dates)]));
        tasks.push(Task {
            name: p.name.clone(),
            start: offset(p.start, start),
            end: offset(p.end, start),
            milestone: None,
            promotion: true,
        });
    }
    let mut key_dates: Vec<&crate::model::KeyDate> =
        plan.dates.iter().filter(|k| k.date >= start && k.date <= end).collect();
    key_dates.sort_by_key(|k| k.date);
    let dates: Vec<(i64, String)> =
        key_dates.iter().map(|k| (offset(k.date, start), k.name.clone())).collect();
    let mut ticks = Vec::new();
    if days > 62 {
        let (mut y, mut m) = (start.year, start.month);
        loop {
            let first = Date::new(y, m, 1)?;
            if first > end {
                break;
            }
            let with_year = (m == 1 && !ticks.is_empty()) || Some(y) != year;
            ticks.push((
                offset(first, start).max(0),
                format::month_label(y, m, cx.locale, with_year),
            ));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
    } else {
        let mut k = 0;
        while k < days {
            ticks.push((k, short(Date::from_days(start.days() + k))));
            k += 7;
        }
    }
    let status_date = plan.meta.as_of.or(plan.meta.date);
    let marker = status_date.filter(|d| *d >= start && *d <= end).map(|d| {
        let key = if plan.meta.as_of.is_some() { "chart_as_of" } else { "chart_plan_date" };
        (offset(d, start), cx.fill(key, &[("date", &short(d))]))
    });
    let span = dates_of(start, end);
    let mut description = cx.fill(
        "chart_schedule_desc",
        &[("span", &span), ("days", &days.to_string()), ("items", &cx.join(&desc))],
    );
    if !key_dates.is_empty() {
        let items: Vec<String> = key_dates
            .iter()
            .map(|k| cx.fill("chart_key_date_item", &[("date", &short(k.date)), ("name", &k.name)]))
            .collect();
        description.push_str(&cx.fill("chart_key_dates_sentence", &[("items", &cx.join(&items))]));
    }
    if let Some((_, m)) = &marker {
        description.push_str(&cx.l("sentence_sep"));
        description.push_str(&cx.fill("chart_marker_sentence", &[("marker", m)]));
    }
    let words = ["chart_phase", "chart_promotion", "milestone", "chart_key_date"].map(|k| cx.l(k));
    let data = Data { tasks, days, ticks, months: days > 62, marker, dates, words };
    Some(cx.chart(
        "schedule",
        "schedule",
        cx.l("chart_schedule"),
        description,
        Body::Schedule(data),
    ))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>, body: f64) -> Result<(), String> {
    let l = layout(d, pen.w);
    let (lh, sh) = (style::line_height(style::LABEL), style::line_height(style::SMALL));
    let top = body + l.head;
    let bottom = top + l.rows.iter().sum::<f64>();
    let marker = l.marker_x(d);

    // Ticks: a grid line at each; labels that would crowd their neighbour are left out
    // (every other, every third, …).
    let xs: Vec<f64> = d.ticks.iter().map(|t| l.x(d, t.0)).collect();
    let widest = style::widest(d.ticks.iter().map(|t| t.1.as_str()), style::LABEL) + 8.0;
    let spacing = xs.windows(2).map(|p| p[1] - p[0]).fold(f64::MAX, f64::min).max(1.0);
    let every = (widest / spacing).ceil().max(1.0) as usize;
    let mut last_right = f64::MIN;
    for (i, (tx, (_, label))) in xs.iter().zip(&d.ticks).enumerate() {
        pen.line(*tx, top, *tx, bottom, color::GRID, 1)?;
        if i % every != 0 {
            continue;
        }
        let tw = style::text_width(label, style::LABEL);
        let centre = if d.months {
            let next = xs.get(i + 1).copied().unwrap_or(l.x1);
            (tx + next) / 2.0
        } else {
            *tx
        };
        // Kept inside the axis; a label pushed onto its neighbour is left out.
        let cx = centre.clamp(l.x0 + tw / 2.0, l.x1 - tw / 2.0);
        if cx - tw / 2.0 < last_right + 6.0 {
            continue;
        }
        last_right = cx + tw / 2.0;
        pen.text(label, cx, bottom + 5.0, style::LABEL, color::MUTED, HPos::Center, VPos::Top)?;
    }
    pen.line(l.x0, bottom, l.x1, bottom, color::AXIS, 1)?;

    // Where the names and milestone texts are: the key dates' lines keep clear of them.
    let mut boxes: Vec<[f64; 4]> = Vec::new();
    let mut y = top;
    for ((names, n), row) in l.names.iter().zip(&l.notes).zip(&l.rows) {
        if l.stacked {
            let w = style::widest(names.iter().map(String::as_str), style::LABEL);
            boxes.push([PAD, y + ROW_PAD, PAD + w, y + ROW_PAD + names.len() as f64 * lh]);
        }
        if let Some(n) = n {
            let mid = y + l.bar_mid(names.len());
            let ty = mid + BAR / 2.0 + 4.0;
            boxes.push([n.x - 2.0, ty, n.x + n.w + 2.0, ty + n.lines.len() as f64 * sh]);
        }
        y += row;
    }
    for h in &l.labels {
        let ty = body + h.row as f64 * (sh + 2.0);
        boxes.push([h.left, ty, h.left + h.w, ty + sh]);
    }
    for h in &l.labels {
        let ty = body + h.row as f64 * (sh + 2.0);
        let ink = if h.marker { color::INK } else { color::MUTED };
        pen.left(&h.text, h.left, ty + sh / 2.0, style::SMALL, ink)?;
        if h.marker {
            continue;
        }
        for (a, b) in clear_of(h.x, ty + sh + 2.0, bottom, &boxes) {
            pen.dashed(&[(h.x, a), (h.x, b)], color::MUTED, 1)?;
        }
    }
    if let (Some(mx), Some(h)) = (marker, l.labels.iter().find(|h| h.marker))
        && !l.stacked
    {
        let from = body + h.row as f64 * (sh + 2.0) + sh + 2.0;
        for (a, b) in clear_of(mx, from, bottom, &boxes[boxes.len() - l.labels.len()..]) {
            pen.dashed(&[(mx, a), (mx, b)], color::ACCENT, 2)?;
        }
    }
    let mut y = top;
    for (((t, names), n), row) in d.tasks.iter().zip(&l.names).zip(&l.notes).zip(&l.rows) {
        let mid = y + l.bar_mid(names.len());
        if l.stacked {
            pen.lines(names, PAD, y + ROW_PAD, style::LABEL, color::INK, HPos::Left)?;
            // Beside stacked names the plan-date line runs only past bars and milestones.
            if let Some(mx) = marker {
                pen.dashed(&[(mx, mid - BAR / 2.0 - 4.0), (mx, y + row)], color::ACCENT, 2)?;
            }
        } else {
            let ny = y + row / 2.0 - names.len() as f64 * lh / 2.0;
            pen.lines(names, PAD, ny, style::LABEL, color::INK, HPos::Left)?;
        }
        let (a, b) = (l.x(d, t.start), l.x(d, t.end + 1));
        let fill = if t.promotion { color::PROMOTION } else { color::PRIMARY };
        pen.rect(a, mid - BAR / 2.0, b.max(a + 2.0), mid + BAR / 2.0, fill)?;
        if let Some(n) = n {
            pen.diamond(b, mid, 6.0, color::ACCENT)?;
            let ty = mid + BAR / 2.0 + 4.0;
            // A paper backing keeps grid lines from running through the text.
            let h = n.lines.len() as f64 * sh;
            pen.rect(n.x - 2.0, ty, n.x + n.w + 2.0, ty + h, color::PAPER)?;
            pen.lines(&n.lines, n.x, ty, style::SMALL, color::INK, HPos::Left)?;
        }
        y += row;
    }
    Ok(())
}
