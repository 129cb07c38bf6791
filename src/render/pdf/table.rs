//! Tables: column widths from their content, wrapped cells, right-aligned figures,
//! horizontal rules in the style of a financial table, totals rows, a header that repeats
//! on every page, rows kept whole unless taller than a page, at least three rows on each
//! side of a page break.

use super::blocks::{Inlines, plain};
use super::flow::{Boxed, Ctx, Flow, line_elems, runs};
use super::fonts::Face;
use super::linebreak::{Align, Line, Setting, break_lines, measure};
use super::page::{Elem, TextStyle};
use super::theme::{Rgb, Theme};

/// Status symbols of KPI tables and the theme colour index they take.
const STATUS: [(char, usize); 4] = [('✓', 0), ('▲', 1), ('▼', 2), ('○', 3)];

/// Labels of totals rows (bold in the first cell), in Simplified and Traditional.
const TOTALS: [&str; 7] = ["合计", "总计", "合計", "總計", "Total", "Totals", "Sum"];

/// Column widths: natural widths when they fit, the slack going to the text (left-aligned)
/// columns in proportion to their natural width, so figure columns stay tight; otherwise
/// each column gets its minimum plus a share of the rest in proportion to how much more it
/// would like (the HTML auto-layout rule), which gives the width to the text columns.
pub fn column_widths(min: &[f32], max: &[f32], avail: f32, aligns: &[Align]) -> Vec<f32> {
    let sum_max: f32 = max.iter().sum();
    let sum_min: f32 = min.iter().sum();
    if sum_max <= avail {
        // text columns take the slack first, up to twice their natural width; what is
        // left is shared by every column, so a table of short names stays balanced
        let text = |c: usize| aligns.get(c).copied().unwrap_or_default() != Align::Right;
        let mut w: Vec<f32> = max.to_vec();
        let mut extra = avail - sum_max;
        let text_w: f32 = max.iter().enumerate().filter(|(c, _)| text(*c)).map(|(_, m)| m).sum();
        if text_w > 0.0 {
            let give = extra.min(text_w);
            for (c, m) in max.iter().enumerate() {
                if text(c) {
                    w[c] += give * m / text_w;
                }
            }
            extra -= give;
        }
        let n = w.len().max(1) as f32;
        return w.into_iter().map(|x| x + extra / n).collect();
    }
    if sum_min >= avail {
        return min.iter().map(|m| m * avail / sum_min.max(1.0)).collect();
    }
    let want = sum_max - sum_min;
    let ratio = (avail - sum_min) / want.max(1e-3);
    min.iter().zip(max).map(|(lo, hi)| lo + (hi - lo) * ratio).collect()
}

fn is_total(row: &[Inlines]) -> bool {
    row.first().is_some_and(|c| {
        c.iter().any(|s| s.bold) && TOTALS.iter().any(|t| plain(c).trim().eq_ignore_ascii_case(t))
    })
}

/// A group heading (`| **塔身（主力）** | | |`): a bold first cell and nothing else. It
/// belongs to the rows under it, so a page never ends on it.
fn is_group(row: &[Inlines]) -> bool {
    let mut cells = row.iter();
    cells.next().is_some_and(|c| {
        !plain(c).trim().is_empty() && c.iter().all(|s| s.bold || s.text.trim().is_empty())
    }) && cells.all(|c| plain(c).trim().is_empty())
        && !is_total(row)
}

/// A body row drawn across the whole table: a group heading, when there are columns to
/// span.
fn spans(row: &[Inlines], ncol: usize) -> bool {
    ncol > 1 && is_group(row)
}

struct Cell {
    lines: Vec<Line>,
}

fn cell_style(theme: &Theme, text: &str, bold: bool) -> TextStyle {
    let mut color = theme.text;
    if let Some(c) = text.trim_start().chars().next()
        && let Some((_, i)) = STATUS.iter().find(|(s, _)| *s == c)
    {
        color = theme.status[*i];
    }
    TextStyle { face: if bold { Face::Bold } else { Face::Regular }, size: theme.table_size, color }
}

/// Natural (one line) and minimum (longest unbreakable piece) width of every column at
/// type size `size`.
fn column_bounds(
    aligns: &[Align],
    all_rows: &[(Vec<Inlines>, bool)],
    ncol: usize,
    size: f32,
    wrap_heads: bool,
    ctx: &Ctx,
) -> (Vec<f32>, Vec<f32>) {
    let t = ctx.theme;
    let pad = t.cell_pad_x;
    let mut min = vec![0.0f32; ncol];
    let mut max = vec![0.0f32; ncol];
    for (row, is_head) in all_rows {
        // a group heading spans the table: it does not widen the first column
        if !*is_head && spans(row, ncol) {
            continue;
        }
        for c in 0..ncol {
            let cell = row.get(c).cloned().unwrap_or_default();
            let text = plain(&cell);
            let mut style = cell_style(t, &text, *is_head || cell.iter().any(|s| s.bold));
            style.size = size;
            let w = measure(ctx.fonts, &text, &style) + 2.0 * pad;
            max[c] = max[c].max(w);
            // figures (right-aligned columns), statuses (`✓ On track`) and short labels do
            // not wrap; longer text may, but not inside a Latin word or within four CJK
            // characters; with `wrap_heads`, a figure column's long header may too
            // (`預算（新臺幣萬元）`), so the width goes to the figures (`105.8%` never breaks)
            let figure = aligns.get(c) == Some(&Align::Right) && !(*is_head && wrap_heads);
            let status = text.trim_start().starts_with(|ch| STATUS.iter().any(|(s, _)| *s == ch));
            let floor = if figure || status || text.chars().count() <= 6 {
                w - 2.0 * pad
            } else {
                let latin = text
                    .split(|ch: char| ch.is_whitespace() || super::linebreak::is_cjk(ch))
                    .map(|w| measure(ctx.fonts, w, &style))
                    .fold(0.0, f32::max);
                latin.max(4.0 * style.size)
            };
            min[c] = min[c].max(floor + 2.0 * pad);
        }
    }
    (min, max)
}

/// Smallest table type size: below it print is hard to read.
const MIN_TABLE_SIZE: f32 = 8.0;

/// Lays out a table into a header box and row boxes, in the style of a financial table:
/// horizontal rules only (a firm rule above and below, a light one under the header and
/// above a totals row), figures right-aligned, the header repeated on every page.
///
/// Rows split across pages leave at least three rows on each side; a table of fewer than
/// six rows is kept whole when it fits on a page.
pub fn layout(
    aligns: &[Align],
    head: &[Inlines],
    rows: &[Vec<Inlines>],
    x0: f32,
    width: f32,
    ctx: &mut Ctx,
    out: &mut Vec<Flow>,
) {
    let t = ctx.theme;
    let ncol = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if ncol == 0 {
        return;
    }
    let pad = t.cell_pad_x;
    let cell_at = |r: &'_ [Inlines], c: usize| -> Inlines { r.get(c).cloned().unwrap_or_default() };
    let all_rows: Vec<(Vec<Inlines>, bool)> = std::iter::once((head.to_vec(), true))
        .chain(rows.iter().map(|r| (r.clone(), false)))
        .collect();
    // A table too wide for the column steps its type down (to 8 pt) before any word wraps
    // inside itself.
    let mut size = t.table_size;
    let (mut min, mut max) = column_bounds(aligns, &all_rows, ncol, size, false, ctx);
    while min.iter().sum::<f32>() > width && size - 0.5 >= MIN_TABLE_SIZE - 0.01 {
        size -= 0.5;
        (min, max) = column_bounds(aligns, &all_rows, ncol, size, false, ctx);
    }
    // still too wide at the smallest size: the figure columns' headers wrap before any
    // figure does (long unit words such as `新臺幣萬元` in every header)
    if min.iter().sum::<f32>() > width {
        (min, max) = column_bounds(aligns, &all_rows, ncol, size, true, ctx);
    }
    let widths = column_widths(&min, &max, width, aligns);
    let lead = t.leading(size) * 0.9;

    let set_cell = |row: &[Inlines], is_head: bool, total: bool| -> Vec<Cell> {
        let span = !is_head && spans(row, ncol);
        (0..ncol)
            .map(|c| {
                let cell = cell_at(row, c);
                let text = plain(&cell);
                let mut base = cell_style(t, &text, is_head || total);
                base.size = size;
                let align = aligns.get(c).copied().unwrap_or_default();
                // a group heading's text runs across the whole row
                let w = if span && c == 0 { width } else { widths[c] };
                let set = Setting { width: w - 2.0 * pad, indent: 0.0, justify: false, align };
                Cell { lines: break_lines(&runs(&cell, base, t), ctx.fonts, &set) }
            })
            .collect()
    };

    // One row's box: its cells, an optional fill, and the rules that belong to it
    // (`(width, colour)` above and below).
    let draw_row = |cells: &[Cell],
                    span: bool,
                    range: Option<(usize, usize)>,
                    fill: Option<Rgb>,
                    above: Option<(f32, Rgb)>,
                    below: Option<(f32, Rgb)>| {
        let nlines = cells
            .iter()
            .map(|c| match range {
                Some((a, b)) => c.lines.len().min(b).saturating_sub(a),
                None => c.lines.len(),
            })
            .max()
            .unwrap_or(1)
            .max(1);
        let h = nlines as f32 * lead + 2.0 * t.cell_pad_y;
        let mut elems = Vec::new();
        if let Some(f) = fill {
            elems.push(Elem::Rect { x: x0, y: 0.0, w: width, h, fill: f });
        }
        let mut x = x0;
        for (c, cell) in cells.iter().enumerate() {
            let lines = match range {
                Some((a, b)) => &cell.lines[a.min(cell.lines.len())..b.min(cell.lines.len())],
                None => &cell.lines[..],
            };
            let (e, _) = line_elems(lines, x + pad, t.cell_pad_y, lead);
            elems.extend(e);
            x += widths[c];
        }
        if let Some((w, color)) = above {
            elems.push(Elem::Line { from: (x0, 0.0), to: (x0 + width, 0.0), width: w, color });
        }
        if let Some((w, color)) = below {
            elems.push(Elem::Line { from: (x0, h), to: (x0 + width, h), width: w, color });
        }
        // no column rules through a group heading that spans the row
        if t.table_grid && !span {
            let mut x = x0;
            for w in &widths[..widths.len() - 1] {
                x += w;
                elems.push(Elem::Line { from: (x, 0.0), to: (x, h), width: 0.4, color: t.rule });
            }
        }
        (h, elems)
    };

    let firm = Some((0.9, t.accent));
    let light = Some((0.5, t.accent));
    let hair = Some((0.25, t.rule));
    let head_cells = set_cell(head, true, false);
    let (hh, helems) = draw_row(&head_cells, false, None, t.table_head, firm, light);
    let mut header = Boxed::new(hh, helems);
    header.space_before = t.paragraph_gap + 3.0;
    header.keep_with_next = true;
    out.push(Flow::TableStart(header));

    // the tallest a row may be and still fit under the header on a fresh page
    let max_row = t.body_height() - hh - 1.0;
    let n = rows.len();
    for (i, row) in rows.iter().enumerate() {
        let total = is_total(row);
        let cells = set_cell(row, false, total);
        let span = spans(row, ncol);
        let fill = if total {
            t.total_row
        } else if i % 2 == 1 {
            t.zebra
        } else {
            None
        };
        let last = i + 1 == n;
        let above = if total { light } else { None };
        let below = if last {
            firm
        } else if rows.get(i + 1).is_some_and(|r| is_total(r)) {
            None
        } else {
            hair
        };
        let (h, elems) = draw_row(&cells, span, None, fill, above, below);
        if h <= max_row {
            let mut bx = Boxed::new_row(h, elems);
            // at least three rows on each side of a page break: the first three stand
            // with the header, the last three together (a short table stays whole)
            bx.keep_with_next = !last && (i < 2 || i + 3 >= n || n < 6 || is_group(row));
            out.push(Flow::Box(bx));
        } else {
            // taller than a page: cut it between lines
            let per = (((max_row - 2.0 * t.cell_pad_y) / lead).floor() as usize).max(1);
            let most = cells.iter().map(|c| c.lines.len()).max().unwrap_or(1);
            let mut a = 0;
            while a < most {
                let b = (a + per).min(most);
                let (h, elems) = draw_row(&cells, span, Some((a, b)), fill, None, below);
                out.push(Flow::Box(Boxed::new_row(h, elems)));
                a = b;
            }
        }
    }
    out.push(Flow::TableEnd);
}

impl Boxed {
    fn new_row(height: f32, elems: Vec<Elem>) -> Self {
        let mut b = Self::new(height, elems);
        b.row = true;
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::blocks::Span;

    fn cell(t: &str, bold: bool) -> Inlines {
        vec![Span { text: t.into(), bold, ..Span::default() }]
    }

    #[test]
    fn slack_goes_to_the_text_columns() {
        let aligns = [Align::Left, Align::Right];
        let w = column_widths(&[10.0, 10.0], &[50.0, 150.0], 400.0, &aligns);
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 1e-3);
        // the text column doubles first (50 → 100), the other 150 is shared equally
        assert!((w[0] - 175.0).abs() < 1e-3 && (w[1] - 225.0).abs() < 1e-3, "{w:?}");
        let w = column_widths(&[10.0, 10.0], &[100.0, 50.0], 200.0, &aligns);
        // the text column takes all the slack it can use, the figures none
        assert!((w[0] - 150.0).abs() < 1e-3 && (w[1] - 50.0).abs() < 1e-3, "{w:?}");
    }

    #[test]
    fn squeezed_columns_keep_their_minimum() {
        let aligns = [Align::Left, Align::Left];
        let w = column_widths(&[40.0, 20.0], &[60.0, 400.0], 200.0, &aligns);
        assert!((w.iter().sum::<f32>() - 200.0).abs() < 1e-3);
        assert!(w[0] >= 40.0 && w[1] >= 20.0);
        assert!(w[1] > w[0]);
    }

    #[test]
    fn group_headings_are_a_bold_first_cell_alone() {
        let empty = cell("", false);
        assert!(is_group(&[cell("塔身（主力）", true), empty.clone(), empty.clone()]));
        assert!(!is_group(&[cell("合计", true), empty.clone()]));
        assert!(!is_group(&[cell("塔身", true), cell("3,000", false)]));
        assert!(!is_group(&[cell("塔身", false), empty]));
    }

    #[test]
    fn totals_rows_are_bold_first_cells() {
        assert!(is_total(&[cell("合计", true), cell("1,200万元", true)]));
        assert!(is_total(&[cell("Total", true)]));
        assert!(is_total(&[cell("合計", true), cell("NT$3,500萬", true)]));
        assert!(!is_total(&[cell("合计", false)]));
        assert!(!is_total(&[cell("人员", true)]));
    }
}
