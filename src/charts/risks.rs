//! The risk matrix: likelihood × severity, 5 × 5 cells tinted by level, every risk placed as
//! R1, R2, … (plan order, the numbering of the risks table) and listed beside the matrix.

use super::style::Role;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, GAP, Key, PAD, Pen, Rect, Swatch, color};
use super::{Body, Chart, Cx};
use crate::figures::{Figures, Level};
use crate::model::Plan;

/// Largest cell of the matrix.
const CELL: f64 = 56.0;
const PILL_H: f64 = 17.0;
/// Room left and right of a pill's text.
const PILL_PAD: f64 = 3.0;
/// Space between list entries.
const LIST_GAP: f64 = 8.0;
/// Room above the grid for the severity axis title.
const AXIS_TITLE: f64 = 20.0;
/// Narrowest list beside the matrix; a narrower one goes under it.
const MIN_LIST: f64 = 160.0;

#[derive(Debug, Clone)]
struct Item {
    number: String,
    name: String,
    likelihood: u8,
    severity: u8,
    score: String,
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    items: Vec<Item>,
    likelihood: String,
    severity: String,
    levels: [String; 3],
}

pub(crate) fn keys(d: &Data) -> Vec<Key> {
    [Level::Low, Level::Medium, Level::High]
        .into_iter()
        .zip(&d.levels)
        .map(|(level, text)| Key::mark(Swatch::Box(tint(level)), text.clone()))
        .collect()
}

/// The matrix and the list at one width.
pub(crate) struct Layout {
    /// Left and top of the grid, and the size of a cell.
    left: f64,
    top: f64,
    cell: f64,
    /// Where the list starts, how wide its names may be, each entry's name lines and height.
    list: (f64, f64),
    name_w: f64,
    names: Vec<Vec<String>>,
    entries: Vec<f64>,
    /// The bottom of the grid's ticks and the likelihood axis title under it.
    foot: f64,
    height: f64,
}

impl Layout {
    /// The cell of likelihood `l`, severity `s` (both 1–5): severity grows upwards.
    pub fn cell(&self, l: u8, s: u8) -> Rect {
        let x0 = self.left + f64::from(l.clamp(1, 5) - 1) * self.cell;
        let y0 = self.top + f64::from(5 - s.clamp(1, 5)) * self.cell;
        [x0, y0, x0 + self.cell, y0 + self.cell]
    }
}

fn pill_w(d: &Data) -> f64 {
    style::widest(d.items.iter().map(|i| i.number.as_str()), style::SMALL_STRONG) + 2.0 * PILL_PAD
}

/// Lays the chart out `w` wide with its body starting at `body`.
pub(crate) fn layout(d: &Data, w: f64, body: f64) -> Layout {
    let inner = w - 2.0 * PAD;
    let (lh, sh) = (style::line_height(style::LABEL), style::line_height(style::SMALL));
    let left = PAD + style::text_width("5", style::LABEL) + GAP;
    let cell = ((w - PAD - left) / 5.0).min(CELL);
    let top = body + AXIS_TITLE;
    // Under the grid: its ticks and the likelihood axis title.
    let foot = top + 5.0 * cell + 4.0 + lh + 2.0 + sh;
    let pw = pill_w(d);
    let beside_x = left + 5.0 * cell + 24.0;
    let beside = w - PAD - beside_x >= MIN_LIST;
    let (list_x, list_y) = if beside { (beside_x, top) } else { (PAD, foot + 14.0) };
    let name_w = (w - PAD - list_x - pw - GAP).max(40.0).min(inner);
    let names: Vec<Vec<String>> = d
        .items
        .iter()
        .map(|i| style::wrap(&i.name, style::LABEL, name_w, style::MAX_LINES))
        .collect();
    let entries: Vec<f64> = names.iter().map(|n| n.len() as f64 * lh + sh + LIST_GAP).collect();
    let list_bottom = list_y + entries.iter().sum::<f64>();
    let height = foot.max(list_bottom) - body;
    Layout { left, top, cell, list: (list_x, list_y), name_w, names, entries, foot, height }
}

/// Where a long list of risks may be cut, for a chart whose body starts at `body`: the
/// matrix, its axis titles and the entries beside it stay together as the first row; each
/// entry below the matrix's foot is a row of its own.
pub(crate) fn row_edges(d: &Data, w: f64, body: f64) -> Vec<f64> {
    let l = layout(d, w, body);
    let mut out = vec![body];
    let mut y = l.list.1;
    for e in &l.entries {
        y += e;
        if y >= l.foot {
            out.push(y);
        }
    }
    let bottom = body + l.height;
    if out.last().is_none_or(|last| *last < bottom - 0.01) {
        out.push(bottom);
    }
    out
}

pub(crate) fn height(d: &Data, w: f64) -> f64 {
    layout(d, w, 0.0).height
}

fn level_of(score: u8) -> Level {
    match score {
        15.. => Level::High,
        8.. => Level::Medium,
        _ => Level::Low,
    }
}

fn tint(level: Level) -> Role {
    match level {
        Level::Low => color::RISK_LOW,
        Level::Medium => color::RISK_MEDIUM,
        Level::High => color::RISK_HIGH,
    }
}

fn level_key(level: Level) -> &'static str {
    match level {
        Level::Low => "level_low",
        Level::Medium => "level_medium",
        Level::High => "level_high",
    }
}

pub(crate) fn build(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    if plan.risks.is_empty() {
        return None;
    }
    let mut items = Vec::new();
    let mut desc = Vec::new();
    for (i, (r, s)) in plan.risks.iter().zip(&figures.risks).enumerate() {
        let number = format!("R{}", i + 1);
        let level = cx.l(level_key(s.level));
        let score = s.score.to_string();
        desc.push(cx.fill(
            "chart_risk_item",
            &[
                ("number", &number),
                ("name", &r.name),
                ("likelihood", &r.likelihood.to_string()),
                ("severity", &r.severity.to_string()),
                ("score", &score),
                ("level", &level),
            ],
        ));
        items.push(Item {
            number,
            name: r.name.clone(),
            likelihood: r.likelihood.clamp(1, 5),
            severity: r.severity.clamp(1, 5),
            score: cx.fill("chart_risk_score", &[("score", &score), ("level", &level)]),
        });
    }
    let description = cx.fill("chart_risks_desc", &[("items", &cx.join(&desc))]);
    let data = Data {
        items,
        likelihood: cx.l("likelihood"),
        severity: cx.l("severity"),
        levels: [cx.l("chart_level_low"), cx.l("chart_level_medium"), cx.l("chart_level_high")],
    };
    Some(cx.chart("risks", "risks", cx.l("chart_risks"), description, Body::Risks(data)))
}

fn pill<DB: DrawingBackend>(
    pen: &Pen<DB>,
    text: &str,
    cx: f64,
    cy: f64,
    w: f64,
) -> Result<(), String> {
    pen.rect(cx - w / 2.0, cy - PILL_H / 2.0, cx + w / 2.0, cy + PILL_H / 2.0, color::INK)?;
    pen.text(text, cx, cy, style::SMALL_STRONG, color::PAPER, HPos::Center, VPos::Center)
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>, body: f64) -> Result<(), String> {
    let l = layout(d, pen.w, body);
    let lh = style::line_height(style::LABEL);
    let sh = style::line_height(style::SMALL);
    for s in 1..=5u8 {
        for lk in 1..=5u8 {
            let [x0, y0, x1, y1] = l.cell(lk, s);
            pen.rect(x0, y0, x1, y1, tint(level_of(lk * s)))?;
            pen.frame(x0, y0, x1, y1, color::PAPER)?;
        }
        let [_, y0, _, y1] = l.cell(1, s);
        pen.right(&s.to_string(), l.left - GAP, (y0 + y1) / 2.0, style::LABEL, color::MUTED)?;
    }
    let grid_bottom = l.top + 5.0 * l.cell;
    for lk in 1..=5u8 {
        let [x0, _, x1, _] = l.cell(lk, 1);
        let x = (x0 + x1) / 2.0;
        pen.text(
            &lk.to_string(),
            x,
            grid_bottom + 4.0,
            style::LABEL,
            color::MUTED,
            HPos::Center,
            VPos::Top,
        )?;
    }
    let grid_right = l.left + 5.0 * l.cell;
    // Axis titles: severity above its ticks, likelihood under its ticks, with arrows of
    // direction drawn as text the font has.
    pen.left(
        &format!("{} ↑", d.severity),
        PAD,
        body + AXIS_TITLE / 2.0 - 2.0,
        style::SMALL,
        color::MUTED,
    )?;
    let lx = (l.left + grid_right) / 2.0;
    let ty = grid_bottom + 4.0 + lh + 2.0;
    pen.text(
        &format!("{} →", d.likelihood),
        lx,
        ty,
        style::SMALL,
        color::MUTED,
        HPos::Center,
        VPos::Top,
    )?;

    // Markers, several per cell in rows.
    let pw = pill_w(d);
    for s in 1..=5u8 {
        for lk in 1..=5u8 {
            let here: Vec<&Item> =
                d.items.iter().filter(|i| i.likelihood == lk && i.severity == s).collect();
            if here.is_empty() {
                continue;
            }
            let per_row = ((l.cell - 4.0 + 4.0) / (pw + 4.0)).floor().max(1.0) as usize;
            let max_rows = ((l.cell - 4.0 + 3.0) / (PILL_H + 3.0)).floor().max(1.0) as usize;
            let capacity = per_row * max_rows;
            let mut labels: Vec<String> = here.iter().map(|i| i.number.clone()).collect();
            if labels.len() > capacity {
                let rest = labels.len() - (capacity - 1);
                labels.truncate(capacity - 1);
                labels.push(format!("+{rest}"));
            }
            let rows = labels.len().div_ceil(per_row);
            let [x0, y0, x1, y1] = l.cell(lk, s);
            let block_h = rows as f64 * PILL_H + (rows as f64 - 1.0) * 3.0;
            for (k, chunk) in labels.chunks(per_row).enumerate() {
                let n = chunk.len() as f64;
                let row_w = n * pw + (n - 1.0) * 4.0;
                let cy = (y0 + y1) / 2.0 - block_h / 2.0 + PILL_H / 2.0 + k as f64 * (PILL_H + 3.0);
                for (j, t) in chunk.iter().enumerate() {
                    let cx = (x0 + x1) / 2.0 - row_w / 2.0 + pw / 2.0 + j as f64 * (pw + 4.0);
                    pill(pen, t, cx, cy, pw)?;
                }
            }
        }
    }

    // The list, beside the matrix or under it: number, name, score and level.
    let (list_x, mut y) = l.list;
    let name_x = list_x + pw + GAP;
    for ((i, names), h) in d.items.iter().zip(&l.names).zip(&l.entries) {
        pill(pen, &i.number, list_x + pw / 2.0, y + lh / 2.0, pw)?;
        pen.lines(names, name_x, y, style::LABEL, color::INK, HPos::Left)?;
        let score = style::fit(&i.score, style::SMALL, l.name_w);
        pen.left(
            &score,
            name_x,
            y + names.len() as f64 * lh + sh / 2.0,
            style::SMALL,
            color::MUTED,
        )?;
        y += h;
    }
    Ok(())
}
