//! Tables: column widths from their content, wrapped cells, right-aligned figures,
//! zebra and totals rows, a header that repeats on every page, rows kept whole unless
//! taller than a page, a unit caption for tables whose money shares one unit.

use super::blocks::{Inlines, plain};
use super::flow::{Boxed, Ctx, Flow, line_elems, runs};
use super::fonts::Face;
use super::linebreak::{Align, Line, Setting, break_lines, measure};
use super::page::{Elem, TextStyle};
use super::theme::{Rgb, Theme};

/// Status symbols of KPI tables and the theme colour index they take.
const STATUS: [(char, usize); 4] = [('✓', 0), ('▲', 1), ('▼', 2), ('○', 3)];

/// Labels of totals rows (bold in the first cell).
const TOTALS: [&str; 5] = ["合计", "总计", "Total", "Totals", "Sum"];

/// Column widths: natural widths when they fit (the slack shared in proportion),
/// otherwise each column gets its minimum plus a share of the rest in proportion to how
/// much more it would like (the HTML auto-layout rule).
pub fn column_widths(min: &[f32], max: &[f32], avail: f32) -> Vec<f32> {
    let sum_max: f32 = max.iter().sum();
    let sum_min: f32 = min.iter().sum();
    if sum_max <= avail {
        // the slack shared half equally, half in proportion: figure columns do not
        // balloon, text columns get air
        let extra = avail - sum_max;
        let n = max.len() as f32;
        return max
            .iter()
            .map(|m| m + extra * 0.5 / n + extra * 0.5 * m / sum_max.max(1.0))
            .collect();
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

/// The money unit shared by every money cell (`万元` in `480万元`), if there is one.
pub fn shared_unit(rows: &[Vec<Inlines>]) -> Option<String> {
    const UNITS: [&str; 3] = ["亿元", "万元", "元"];
    let mut unit: Option<&str> = None;
    let mut count = 0;
    for cell in rows.iter().flatten() {
        let text = plain(cell);
        let text = text.trim().trim_start_matches(['+', '-', '−']);
        for u in UNITS {
            if let Some(num) = text.strip_suffix(u)
                && !num.is_empty()
                && num.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            {
                if unit.is_some_and(|x| x != u) {
                    return None;
                }
                unit = Some(u);
                count += 1;
                break;
            }
        }
    }
    unit.filter(|_| count >= 2).map(str::to_string)
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

/// Lays out a table into a caption, a header box and row boxes.
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
    // natural (one line) and minimum (longest unbreakable piece) widths per column
    let mut min = vec![0.0f32; ncol];
    let mut max = vec![0.0f32; ncol];
    let all_rows: Vec<(Vec<Inlines>, bool)> = std::iter::once((head.to_vec(), true))
        .chain(rows.iter().map(|r| (r.clone(), false)))
        .collect();
    for (row, is_head) in &all_rows {
        for c in 0..ncol {
            let cell = cell_at(row, c);
            let text = plain(&cell);
            let style = cell_style(t, &text, *is_head || cell.iter().any(|s| s.bold));
            let w = measure(ctx.fonts, &text, &style) + 2.0 * pad;
            max[c] = max[c].max(w);
            // figures (right-aligned columns) and short labels should not wrap; longer
            // text may, but not inside a Latin word or within four CJK characters
            let right = aligns.get(c) == Some(&Align::Right);
            let floor = if right || text.chars().count() <= 6 {
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
    let widths = column_widths(&min, &max, width);
    let lead = t.leading(t.table_size) * 0.9;

    let set_cell = |row: &[Inlines], is_head: bool, total: bool| -> Vec<Cell> {
        (0..ncol)
            .map(|c| {
                let cell = cell_at(row, c);
                let text = plain(&cell);
                let base = cell_style(t, &text, is_head || total);
                let align = aligns.get(c).copied().unwrap_or_default();
                let set = Setting {
                    width: widths[c] - 2.0 * pad,
                    indent: 0.0,
                    justify: false,
                    align: if is_head && align == Align::Left { Align::Left } else { align },
                };
                Cell { lines: break_lines(&runs(&cell, base, t), ctx.fonts, &set) }
            })
            .collect()
    };

    let draw_row = |cells: &[Cell],
                    range: Option<(usize, usize)>,
                    fill: Option<Rgb>,
                    rule_below: f32| {
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
        // grid: a rule under the row and the vertical rules
        elems.push(Elem::Line {
            from: (x0, h),
            to: (x0 + width, h),
            width: rule_below,
            color: t.rule,
        });
        let mut x = x0;
        for (c, w) in widths.iter().enumerate() {
            if c > 0 {
                elems.push(Elem::Line { from: (x, 0.0), to: (x, h), width: 0.4, color: t.rule });
            }
            x += w;
        }
        elems.push(Elem::Line { from: (x0, 0.0), to: (x0, h), width: 0.4, color: t.rule });
        elems.push(Elem::Line {
            from: (x0 + width, 0.0),
            to: (x0 + width, h),
            width: 0.4,
            color: t.rule,
        });
        (h, elems)
    };

    let mut caption_h = 0.0;
    if let Some(unit) = shared_unit(rows) {
        let style = TextStyle { face: Face::Regular, size: t.table_size, color: t.muted };
        let label = if ctx.zh { format!("单位：{unit}") } else { format!("Unit: {unit}") };
        let set = Setting { width, indent: 0.0, justify: false, align: Align::Right };
        let lines = break_lines(&[super::linebreak::Run::new(label, style)], ctx.fonts, &set);
        let (elems, h) = line_elems(&lines, x0, 0.0, lead);
        caption_h = h + t.paragraph_gap + 3.0;
        let mut bx = Boxed {
            height: h,
            space_before: t.paragraph_gap,
            keep_with_next: true,
            elems,
            mark: None,
            row: false,
        };
        bx.space_before = t.paragraph_gap;
        out.push(Flow::Box(bx));
    }

    let head_cells = set_cell(head, true, false);
    let (hh, mut helems) = draw_row(&head_cells, None, Some(t.table_head), 0.9);
    // a firmer rule on top of the table
    helems.push(Elem::Line { from: (x0, 0.0), to: (x0 + width, 0.0), width: 0.9, color: t.rule });
    let header = Boxed {
        height: hh,
        space_before: t.paragraph_gap + 3.0,
        keep_with_next: true,
        elems: helems,
        mark: None,
        row: false,
    };
    out.push(Flow::TableStart(header));

    // the tallest a row may be and still fit under the caption and header on a fresh page
    let max_row = t.body_height() - hh - caption_h - 1.0;
    let n = rows.len();
    for (i, row) in rows.iter().enumerate() {
        let total = is_total(row);
        let cells = set_cell(row, false, total);
        let fill = if total {
            Some(t.total_row)
        } else if i % 2 == 1 {
            Some(t.zebra)
        } else {
            None
        };
        let below = if i + 1 == n { 0.9 } else { 0.4 };
        let (h, elems) = draw_row(&cells, None, fill, below);
        if h <= max_row {
            let mut bx = Boxed::new_row(h, elems);
            // the last row stays with the one before, so no page holds a lone total
            bx.keep_with_next = i + 2 == n && rows.last().is_some_and(|r| is_total(r));
            out.push(Flow::Box(bx));
        } else {
            // taller than a page: cut it between lines
            let per = (((max_row - 2.0 * t.cell_pad_y) / lead).floor() as usize).max(1);
            let most = cells.iter().map(|c| c.lines.len()).max().unwrap_or(1);
            let mut a = 0;
            while a < most {
                let b = (a + per).min(most);
                let (h, elems) = draw_row(&cells, Some((a, b)), fill, below);
                out.push(Flow::Box(Boxed::new_row(h, elems)));
                a = b;
            }
        }
    }
    out.push(Flow::TableEnd);
}

impl Boxed {
    fn new_row(height: f32, elems: Vec<Elem>) -> Self {
        Self { height, space_before: 0.0, keep_with_next: false, elems, mark: None, row: true }
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
    fn natural_widths_share_the_slack() {
        let w = column_widths(&[10.0, 10.0], &[50.0, 150.0], 400.0);
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 1e-3);
        assert!(w[1] > w[0] && w[1] / w[0] < 3.0);
    }

    #[test]
    fn squeezed_columns_keep_their_minimum() {
        let w = column_widths(&[40.0, 20.0], &[60.0, 400.0], 200.0);
        assert!((w.iter().sum::<f32>() - 200.0).abs() < 1e-3);
        assert!(w[0] >= 40.0 && w[1] >= 20.0);
        assert!(w[1] > w[0]);
    }

    #[test]
    fn totals_rows_are_bold_first_cells() {
        assert!(is_total(&[cell("合计", true), cell("1,200万元", true)]));
        assert!(is_total(&[cell("Total", true)]));
        assert!(!is_total(&[cell("合计", false)]));
        assert!(!is_total(&[cell("人员", true)]));
    }

    #[test]
    fn finds_the_one_money_unit_of_a_table() {
        let rows = vec![
            vec![cell("人员", false), cell("480万元", false), cell("40.0%", false)],
            vec![cell("合计", true), cell("1,200万元", true), cell("100.0%", true)],
        ];
        assert_eq!(shared_unit(&rows).as_deref(), Some("万元"));
        let mixed = vec![vec![cell("1.5亿元", false)], vec![cell("-545万元", false)]];
        assert_eq!(shared_unit(&mixed), None);
        assert_eq!(shared_unit(&[vec![cell("40.0%", false)]]), None);
    }
}
