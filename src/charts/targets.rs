//! Baseline → target per metric, drawn as the change: one bar per metric from a zero line,
//! labelled with its change. Amounts and counts grow by percent; percentages and scores
//! (NPS, 满意度) change by points, never by percent. The two kinds share no scale, so they
//! sit in two groups, each drawn to its own.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;
use rust_decimal::Decimal;

use super::style::{self, GAP, Key, PAD, Pen, color};
use super::{Body, Chart, Cx, f};
use crate::figures::{self, Figures, Growth};
use crate::format;
use crate::model::values::Figure;
use crate::model::{Metric, Plan};

const BAR: f64 = 14.0;
/// Space above and below a row's content.
const ROW_PAD: f64 = 7.0;
/// Height of a group's heading.
const GROUP_HEAD: f64 = 22.0;

#[derive(Debug, Clone)]
struct Row {
    name: String,
    /// Change in the group's terms (percent or points); `None` without a baseline.
    change: Option<f64>,
    change_text: String,
    from_to: String,
}

#[derive(Debug, Clone)]
struct Group {
    title: String,
    rows: Vec<Row>,
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    groups: Vec<Group>,
}

pub(crate) fn keys(_: &Data) -> Vec<Key> {
    Vec::new()
}

/// A metric's change in its group's terms (percent, or points), its label, and whether it
/// is told in points (percentages and scores) rather than percent.
fn change(m: &Metric, g: Option<&Growth>, cx: &Cx) -> (bool, Option<(f64, String)>) {
    let hundred = Decimal::ONE_HUNDRED;
    let unit = m.unit.as_deref();
    let score = |d: Decimal| (f(d), format::score_points(d, unit, cx.locale));
    match g {
        Some(Growth::Relative(r)) => {
            (false, Some((f(*r * hundred), cx.growth(&Growth::Relative(*r)))))
        }
        Some(Growth::Points(p)) => (true, Some((f(*p * hundred), cx.growth(&Growth::Points(*p))))),
        Some(Growth::Score(d)) => (true, Some(score(*d))),
        // No growth figure: a score still changes by points (from 0, say); else no bar.
        None if figures::is_score(&m.name, unit) => {
            (true, m.baseline.map(|b| score(m.target.value() - b.value())))
        }
        None => (matches!(m.target, Figure::Percent(_)), None),
    }
}

pub(crate) fn build(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    let t = plan.targets.as_ref()?;
    if t.metrics.is_empty() {
        return None;
    }
    let mut growth = Group { title: cx.l("chart_growth_group"), rows: Vec::new() };
    let mut points = Group { title: cx.l("chart_points_group"), rows: Vec::new() };
    let mut items = Vec::new();
    for (i, m) in t.metrics.iter().enumerate() {
        let unit = m.unit.as_deref();
        let target = cx.figure(&m.target, unit);
        let baseline = m.baseline.as_ref().map(|b| cx.figure(b, unit));
        let (by_points, ch) = change(m, figures.metric_growth.get(i).and_then(Option::as_ref), cx);
        let change_text = ch.as_ref().map_or_else(|| "—".to_string(), |c| c.1.clone());
        let (item, from_to) = match &baseline {
            Some(b) => (
                cx.fill(
                    "chart_targets_item",
                    &[
                        ("name", &m.name),
                        ("baseline", b),
                        ("target", &target),
                        ("growth", &change_text),
                    ],
                ),
                cx.fill("chart_from_to", &[("baseline", b), ("target", &target)]),
            ),
            None => (
                cx.fill("chart_target_only_item", &[("name", &m.name), ("target", &target)]),
                cx.fill("chart_target_only", &[("target", &target)]),
            ),
        };
        items.push(item);
        let row = Row { name: m.name.clone(), change: ch.map(|c| c.0), change_text, from_to };
        if by_points { &mut points } else { &mut growth }.rows.push(row);
    }
    let description = cx.fill("chart_targets_desc", &[("items", &cx.join(&items))]);
    let groups = [growth, points].into_iter().filter(|g| !g.rows.is_empty()).collect();
    let data = Data { groups };
    Some(cx.chart("targets", "targets", cx.l("chart_targets"), description, Body::Targets(data)))
}

/// A row laid out: name lines, baseline → target lines, height.
type RowLayout = (Vec<String>, Vec<String>, f64);

/// Where everything goes at one width.
struct Layout {
    stacked: bool,
    /// Each group's rows: name lines, baseline → target lines, row height.
    rows: Vec<Vec<RowLayout>>,
    /// The zero line, and pixels per unit of change in each group.
    zero: f64,
    per_unit: Vec<f64>,
}

fn layout(d: &Data, w: f64) -> Layout {
    let inner = w - 2.0 * PAD;
    let all = || d.groups.iter().flat_map(|g| &g.rows);
    let lh = style::line_height(style::LABEL);
    let small = style::line_height(style::SMALL);
    let label_w = style::widest(all().map(|r| r.change_text.as_str()), style::STRONG);
    let from_to_w = style::widest(all().map(|r| r.from_to.as_str()), style::SMALL).min(inner * 0.3);
    let name_w = style::widest(all().map(|r| r.name.as_str()), style::LABEL).min(inner * 0.3);
    let beside = inner - name_w - from_to_w - 4.0 * GAP;
    let stacked = w < style::STACK_BELOW || beside < label_w * 2.0 + 80.0;
    let (x0, x1) = if stacked {
        (PAD, w - PAD)
    } else {
        (PAD + name_w + 2.0 * GAP, w - PAD - from_to_w - 2.0 * GAP)
    };
    // How far each group reaches either side of zero, as a fraction of its largest change.
    let reach = |g: &Group, neg: bool| {
        let max = g.rows.iter().filter_map(|r| r.change).map(f64::abs).fold(0.0, f64::max);
        g.rows
            .iter()
            .filter_map(|r| r.change)
            .filter(|c| (*c < 0.0) == neg && *c != 0.0)
            .map(|c| if max > 0.0 { c.abs() / max } else { 0.0 })
            .fold(0.0, f64::max)
    };
    let pos = d.groups.iter().map(|g| reach(g, false)).fold(0.0, f64::max);
    let neg = d.groups.iter().map(|g| reach(g, true)).fold(0.0, f64::max);
    let label_room = |r: f64| if r > 0.0 { label_w + GAP } else { 0.0 };
    let span = (x1 - x0 - label_room(pos) - label_room(neg)).max(40.0);
    let unit = span / (pos + neg).max(f64::MIN_POSITIVE);
    let zero = x0 + label_room(neg) + neg * unit;
    let per_unit = d
        .groups
        .iter()
        .map(|g| {
            let max = g.rows.iter().filter_map(|r| r.change).map(f64::abs).fold(0.0, f64::max);
            if max > 0.0 { unit / max } else { 0.0 }
        })
        .collect();
    let rows = d
        .groups
        .iter()
        .map(|g| {
            g.rows
                .iter()
                .map(|r| {
                    if stacked {
                        let names = style::wrap(&r.name, style::LABEL, inner, 2);
                        let from_to = style::wrap(&r.from_to, style::SMALL, inner, 2);
                        let h = names.len() as f64 * lh + 4.0 + BAR + 3.0;
                        let h = h + from_to.len() as f64 * small;
                        (names, from_to, h + 2.0 * ROW_PAD)
                    } else {
                        let names = style::wrap(&r.name, style::LABEL, name_w, style::MAX_LINES);
                        let from_to = style::wrap(&r.from_to, style::SMALL, from_to_w, 2);
                        let h = (names.len() as f64 * lh).max(BAR);
                        let h = h.max(from_to.len() as f64 * small);
                        (names, from_to, h + 2.0 * ROW_PAD)
                    }
                })
                .collect()
        })
        .collect();
    Layout { stacked, rows, zero, per_unit }
}

pub(crate) fn height(d: &Data, w: f64) -> f64 {
    let l = layout(d, w);
    l.rows.iter().map(|g| GROUP_HEAD + g.iter().map(|r| r.2).sum::<f64>()).sum()
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>, top: f64) -> Result<(), String> {
    let w = pen.w;
    let l = layout(d, w);
    let lh = style::line_height(style::LABEL);
    let small = style::line_height(style::SMALL);
    let mut y = top;
    for ((g, rows), per_unit) in d.groups.iter().zip(&l.rows).zip(&l.per_unit) {
        let head = style::fit(&g.title, style::SMALL_STRONG, w - 2.0 * PAD);
        pen.left(&head, PAD, y + GROUP_HEAD / 2.0, style::SMALL_STRONG, color::MUTED)?;
        y += GROUP_HEAD;
        for (k, (r, (names, from_to, row_h))) in g.rows.iter().zip(rows).enumerate() {
            if k > 0 {
                pen.line(PAD, y, w - PAD, y, color::GRID, 1)?;
            }
            let mid = if l.stacked {
                pen.lines(names, PAD, y + ROW_PAD, style::LABEL, color::INK, HPos::Left)?;
                y + ROW_PAD + names.len() as f64 * lh + 4.0 + BAR / 2.0
            } else {
                let mid = y + row_h / 2.0;
                let ny = mid - names.len() as f64 * lh / 2.0;
                pen.lines(names, PAD, ny, style::LABEL, color::INK, HPos::Left)?;
                mid
            };
            match r.change {
                Some(c) => {
                    let end = l.zero + c * per_unit;
                    let (a, b) = if c < 0.0 { (end, l.zero) } else { (l.zero, end) };
                    let colour = if c < 0.0 { color::ACCENT } else { color::PRIMARY };
                    pen.rect(a, mid - BAR / 2.0, b.max(a + 1.0), mid + BAR / 2.0, colour)?;
                    if c < 0.0 {
                        pen.right(&r.change_text, a - GAP, mid, style::STRONG, color::INK)?;
                    } else {
                        pen.left(&r.change_text, b + GAP, mid, style::STRONG, color::INK)?;
                    }
                }
                None => pen.left(&r.change_text, l.zero + GAP, mid, style::STRONG, color::MUTED)?,
            }
            if l.stacked {
                let fy = mid + BAR / 2.0 + 3.0;
                pen.lines(from_to, PAD, fy, style::SMALL, color::MUTED, HPos::Left)?;
            } else {
                let fy = mid - from_to.len() as f64 * small / 2.0;
                pen.lines(from_to, w - PAD, fy, style::SMALL, color::MUTED, HPos::Right)?;
            }
            // The zero line, through the bar only: it never crosses a label.
            pen.line(l.zero, mid - BAR / 2.0 - 4.0, l.zero, mid + BAR / 2.0 + 4.0, color::AXIS, 1)?;
            y += row_h;
        }
    }
    Ok(())
}
