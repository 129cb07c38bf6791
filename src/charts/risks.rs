//! The risk matrix: likelihood × severity, 5 × 5 cells tinted by level, every risk placed as
//! R1, R2, … (plan order, the numbering of the risks table) and listed beside the matrix.

use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, GAP, PAD, Pen, Rect, Swatch, color};
use super::{Body, Chart, Cx};
use crate::figures::{Figures, Level};
use crate::model::Plan;

const CELL: f64 = 60.0;
const PILL_H: f64 = 18.0;
const LIST_ROW: f64 = 24.0;
/// Top of the grid.
const GRID_TOP: f64 = style::BODY_TOP + 18.0;

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

pub(crate) fn height(d: &Data) -> u32 {
    let grid = GRID_TOP + 5.0 * CELL + 44.0 + PAD;
    let list = GRID_TOP + d.items.len() as f64 * LIST_ROW + PAD;
    grid.max(list) as u32
}

fn level_of(score: u8) -> Level {
    match score {
        15.. => Level::High,
        8.. => Level::Medium,
        _ => Level::Low,
    }
}

fn tint(level: Level) -> RGBColor {
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

/// Left edge of the grid: room for the severity ticks.
fn grid_left() -> f64 {
    PAD + style::text_width("5", style::LABEL) + GAP + 4.0
}

/// The cell of likelihood `l`, severity `s` (both 1–5): severity grows upwards.
pub(crate) fn cell(l: u8, s: u8) -> Rect {
    let x0 = grid_left() + f64::from(l - 1) * CELL;
    let y0 = GRID_TOP + f64::from(5 - s) * CELL;
    [x0, y0, x0 + CELL, y0 + CELL]
}

fn pill<DB: DrawingBackend>(pen: &Pen<DB>, text: &str, cx: f64, cy: f64) -> Result<(), String> {
    let w = style::text_width(text, style::SMALL_STRONG) + 10.0;
    pen.rect(cx - w / 2.0, cy - PILL_H / 2.0, cx + w / 2.0, cy + PILL_H / 2.0, color::INK)?;
    pen.text(text, cx, cy, style::SMALL_STRONG, color::PAPER, HPos::Center, VPos::Center)
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>) -> Result<(), String> {
    let w = pen.w;
    let gl = grid_left();
    let legend: Vec<(Swatch, &str)> = [Level::Low, Level::Medium, Level::High]
        .into_iter()
        .zip(&d.levels)
        .map(|(level, text)| (Swatch::Box(tint(level)), text.as_str()))
        .collect();
    pen.legend(&legend, PAD, style::LEGEND_Y)?;
    for s in 1..=5u8 {
        for l in 1..=5u8 {
            let [x0, y0, x1, y1] = cell(l, s);
            pen.rect(x0, y0, x1, y1, tint(level_of(l * s)))?;
            pen.frame(x0, y0, x1, y1, color::PAPER)?;
        }
        let [_, y0, _, y1] = cell(1, s);
        pen.right(&s.to_string(), gl - GAP, (y0 + y1) / 2.0, style::LABEL, color::MUTED)?;
    }
    let grid_bottom = GRID_TOP + 5.0 * CELL;
    for l in 1..=5u8 {
        let [x0, _, x1, _] = cell(l, 1);
        let x = (x0 + x1) / 2.0;
        pen.text(
            &l.to_string(),
            x,
            grid_bottom + 4.0,
            style::LABEL,
            color::MUTED,
            HPos::Center,
            VPos::Top,
        )?;
    }
    let grid_right = gl + 5.0 * CELL;
    // Axis titles: severity above its ticks, likelihood under its ticks, with arrows of
    // direction drawn as text the font has.
    pen.text(
        &format!("{} ↑", d.severity),
        PAD,
        GRID_TOP - 4.0,
        style::SMALL,
        color::MUTED,
        HPos::Left,
        VPos::Bottom,
    )?;
    let lx = (gl + grid_right) / 2.0;
    pen.text(
        &format!("{} →", d.likelihood),
        lx,
        grid_bottom + 24.0,
        style::SMALL,
        color::MUTED,
        HPos::Center,
        VPos::Top,
    )?;

    // Markers, several per cell in rows.
    for s in 1..=5u8 {
        for l in 1..=5u8 {
            let here: Vec<&Item> =
                d.items.iter().filter(|i| i.likelihood == l && i.severity == s).collect();
            if here.is_empty() {
                continue;
            }
            let pw = here
                .iter()
                .map(|i| style::text_width(&i.number, style::SMALL_STRONG) + 10.0)
                .fold(0.0, f64::max);
            let per_row = (((CELL - 4.0) + 4.0) / (pw + 4.0)).floor().max(1.0) as usize;
            let max_rows = ((CELL - 4.0 + 3.0) / (PILL_H + 3.0)).floor().max(1.0) as usize;
            let capacity = per_row * max_rows;
            let mut labels: Vec<String> = here.iter().map(|i| i.number.clone()).collect();
            if labels.len() > capacity {
                let rest = labels.len() - (capacity - 1);
                labels.truncate(capacity - 1);
                labels.push(format!("+{rest}"));
            }
            let rows = labels.len().div_ceil(per_row);
            let [x0, y0, x1, y1] = cell(l, s);
            let block_h = rows as f64 * PILL_H + (rows as f64 - 1.0) * 3.0;
            for (k, chunk) in labels.chunks(per_row).enumerate() {
                let n = chunk.len() as f64;
                let row_w = n * pw + (n - 1.0) * 4.0;
                let cy = (y0 + y1) / 2.0 - block_h / 2.0 + PILL_H / 2.0 + k as f64 * (PILL_H + 3.0);
                for (j, t) in chunk.iter().enumerate() {
                    let cx = (x0 + x1) / 2.0 - row_w / 2.0 + pw / 2.0 + j as f64 * (pw + 4.0);
                    pill(pen, t, cx, cy)?;
                }
            }
        }
    }

    // The list beside the matrix.
    let list_x = grid_right + 32.0;
    let pw = d
        .items
        .iter()
        .map(|i| style::text_width(&i.number, style::SMALL_STRONG) + 10.0)
        .fold(0.0, f64::max);
    let score_w = style::widest(d.items.iter().map(|i| i.score.as_str()), style::LABEL);
    let name_x = list_x + pw + GAP;
    let name_w = (w - PAD - score_w - 2.0 * GAP - name_x).max(40.0);
    let mut y = GRID_TOP + LIST_ROW / 2.0;
    for i in &d.items {
        pill(pen, &i.number, list_x + pw / 2.0, y)?;
        pen.left(&style::fit(&i.name, style::LABEL, name_w), name_x, y, style::LABEL, color::INK)?;
        pen.right(&i.score, w - PAD, y, style::LABEL, color::INK)?;
        y += LIST_ROW;
    }
    Ok(())
}
