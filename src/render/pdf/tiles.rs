//! Figure tiles: the headline figures of a dashboard (target, growth, budget) as a row of
//! boxes, each a small label over a large figure.
//!
//! In the Markdown a row of tiles is a table with one row whose columns are all centred
//! (`|:-:|:-:|`): the header holds the labels, the row the figures. It reads as a small
//! table on GitHub and as tiles in the PDF and the HTML.

use super::blocks::{Inlines, plain};
use super::flow::{Boxed, Ctx, Flow, line_elems};
use super::fonts::Face;
use super::linebreak::{Align, Run, Setting, break_lines};
use super::page::{Elem, TextStyle};

/// True for a table drawn as tiles: one row, two to five columns, every column centred.
pub fn is_tiles(aligns: &[Align], head: &[Inlines], rows: &[Vec<Inlines>]) -> bool {
    (2..=5).contains(&head.len())
        && aligns.len() == head.len()
        && aligns.iter().all(|a| *a == Align::Center)
        && rows.len() == 1
        && rows[0].len() == head.len()
}

/// Gap between tiles, points.
const GAP: f32 = 8.0;

/// Lays the tiles out as one box.
pub fn layout(
    head: &[Inlines],
    row: &[Inlines],
    x0: f32,
    width: f32,
    ctx: &mut Ctx,
    out: &mut Vec<Flow>,
) {
    let t = ctx.theme;
    let n = head.len() as f32;
    let tw = (width - GAP * (n - 1.0)) / n;
    let label_size = t.table_size;
    let pad = 8.0;
    let h = 70.0;
    // the figures in one size, as large as the longest allows (20 pt down to the labels')
    let mut figure_size: f32 = 20.0;
    for figure in row {
        let text = plain(figure).trim().to_string();
        while figure_size > label_size
            && ctx.fonts.width(Face::Bold, &text, figure_size) > tw - 2.0 * pad
        {
            figure_size -= 1.0;
        }
    }
    let mut elems = Vec::new();
    for (i, (label, figure)) in head.iter().zip(row).enumerate() {
        let x = x0 + i as f32 * (tw + GAP);
        elems.push(Elem::Rect { x, y: 0.0, w: tw, h, fill: t.shade });
        elems.push(Elem::Rect { x, y: 0.0, w: tw, h: 2.5, fill: t.accent });
        // the label on up to two lines, smaller before it is ever cut
        let label = plain(label).trim().to_string();
        let mut style = TextStyle { face: Face::Regular, size: label_size, color: t.muted };
        let set =
            Setting { width: tw - 2.0 * pad, indent: 0.0, justify: false, align: Align::Center };
        let mut lines = break_lines(&[Run::new(label.clone(), style)], ctx.fonts, &set);
        while lines.len() > 2 && style.size > 8.0 {
            style.size -= 0.5;
            lines = break_lines(&[Run::new(label.clone(), style)], ctx.fonts, &set);
        }
        lines.truncate(2);
        let lead = style.size * 1.25;
        let (e, _) = line_elems(&lines, x + pad, 2.5 + pad - 2.0, lead);
        elems.extend(e);
        let figure = plain(figure).trim().to_string();
        let style = TextStyle { face: Face::Bold, size: figure_size, color: t.accent };
        let figure = fit(ctx, &figure, style, tw - 2.0 * pad);
        let fw = ctx.fonts.width(style.face, &figure, style.size);
        elems.push(Elem::Text {
            x: x + (tw - fw) / 2.0,
            y: h - pad - 4.0,
            text: figure,
            style,
            stretch: 0.0,
        });
    }
    let mut bx = Boxed::new(h, elems);
    bx.space_before = t.paragraph_gap + 4.0;
    out.push(Flow::Box(bx));
}

/// `text` cut with `…` to `max` points wide (a tile's label or figure never leaves it).
fn fit(ctx: &Ctx, text: &str, style: TextStyle, max: f32) -> String {
    if ctx.fonts.width(style.face, text, style.size) <= max {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().take(200).collect();
    while !chars.is_empty() {
        chars.pop();
        let s: String = chars.iter().collect::<String>() + "…";
        if ctx.fonts.width(style.face, &s, style.size) <= max {
            return s;
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::blocks::Span;

    fn cell(t: &str) -> Inlines {
        vec![Span { text: t.into(), ..Span::default() }]
    }

    #[test]
    fn a_centred_one_row_table_is_tiles() {
        let head = [cell("目标"), cell("增长")];
        let row = vec![vec![cell("1.5亿元"), cell("+25.0%")]];
        assert!(is_tiles(&[Align::Center, Align::Center], &head, &row));
        assert!(!is_tiles(&[Align::Center, Align::Right], &head, &row));
        let two_rows = vec![row[0].clone(), row[0].clone()];
        assert!(!is_tiles(&[Align::Center, Align::Center], &head, &two_rows));
    }
}
