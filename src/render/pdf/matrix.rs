//! A 2×2 matrix — the SWOT grid and its strategy combinations — drawn as four tinted,
//! titled cells instead of a table.
//!
//! In the Markdown a matrix is a two-column table whose header names the top two quadrants
//! (`优势（S） | 劣势（W）`), whose second row names the bottom two in bold, and whose first
//! and third rows hold the items (one per `<br>` line). The renderer knows a matrix by its
//! header, which comes from the labels ([`super::Input::matrices`]).

use super::blocks::{Inlines, plain};
use super::flow::{Boxed, Ctx, Flow, line_elems, runs};
use super::fonts::Face;
use super::linebreak::{Align, Run, Setting, break_lines};
use super::page::{Elem, TextStyle};

/// True when a table is one of the matrices the labels name: two columns, three rows, the
/// header one of `matrices` (compared without spaces, which the spacing rule may change).
pub fn is_matrix(head: &[Inlines], rows: &[Vec<Inlines>], matrices: &[[String; 2]]) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    head.len() == 2
        && rows.len() == 3
        && rows.iter().all(|r| r.len() == 2)
        && matrices.iter().any(|m| {
            squeeze(&plain(&head[0])) == squeeze(&m[0])
                && squeeze(&plain(&head[1])) == squeeze(&m[1])
        })
}

/// Gap between the cells, points.
const GAP: f32 = 6.0;
/// Inner padding of a cell, points.
const PAD: f32 = 9.0;

/// Lays a matrix out as two boxes (its top and bottom rows), kept on one page.
pub fn layout(
    head: &[Inlines],
    rows: &[Vec<Inlines>],
    x0: f32,
    width: f32,
    ctx: &mut Ctx,
    out: &mut Vec<Flow>,
) {
    let t = ctx.theme;
    let cw = (width - GAP) / 2.0;
    let cells = [
        (&head[0], &rows[0][0]),
        (&head[1], &rows[0][1]),
        (&rows[1][0], &rows[2][0]),
        (&rows[1][1], &rows[2][1]),
    ];
    let size = t.body_size - 0.5;
    let lead = t.leading(size) * 0.92;
    let title_size = t.body_size + 0.5;
    let title_lead = title_size * 1.5;
    // each cell's elements relative to its own top-left corner, and its height
    let mut laid: Vec<(Vec<Elem>, f32)> = Vec::new();
    for (q, (title, body)) in cells.iter().enumerate() {
        let (accent, _) = t.quadrants[q];
        let mut elems = Vec::new();
        let title_style = TextStyle { face: Face::Bold, size: title_size, color: accent };
        let set =
            Setting { width: cw - 2.0 * PAD, indent: 0.0, justify: false, align: Align::Left };
        let title_runs = [Run::new(plain(title).trim().to_string(), title_style)];
        let lines = break_lines(&title_runs, ctx.fonts, &set);
        let (e, h) = line_elems(&lines, PAD, PAD, title_lead);
        elems.extend(e);
        let mut y = PAD + h + 2.0;
        elems.push(Elem::Line { from: (PAD, y), to: (cw - PAD, y), width: 0.6, color: accent });
        y += 5.0;
        let style = TextStyle { face: Face::Regular, size, color: t.text };
        for item in split_items(body) {
            let bullet = plain(&item).trim_start().starts_with('•');
            let hang = if bullet { size * 1.1 } else { 0.0 };
            if bullet {
                elems.push(Elem::Text {
                    x: PAD,
                    y: y + (lead - size) / 2.0 + size * 0.88,
                    text: "•".to_string(),
                    style: TextStyle { color: accent, ..style },
                    stretch: 0.0,
                });
            }
            let set = Setting {
                width: cw - 2.0 * PAD - hang,
                indent: 0.0,
                justify: false,
                align: Align::Left,
            };
            // the bullet is drawn apart, so wrapped lines hang under the text
            let mut item_runs = runs(&item, style, t);
            if let Some(first) = item_runs.first_mut() {
                first.text = first.text.trim_start().trim_start_matches('•').trim_start().into();
            }
            let lines = break_lines(&item_runs, ctx.fonts, &set);
            let (e, h) = line_elems(&lines, PAD + hang, y, lead);
            elems.extend(e);
            y += h + 2.0;
        }
        laid.push((elems, y + PAD - 2.0));
    }
    for (r, pair) in laid.chunks(2).enumerate() {
        let h = pair.iter().map(|(_, h)| *h).fold(0.0, f32::max);
        let mut elems = Vec::new();
        for (c, (cell, _)) in pair.iter().enumerate() {
            let q = r * 2 + c;
            let (accent, tint) = t.quadrants[q];
            let x = x0 + c as f32 * (cw + GAP);
            elems.push(Elem::Rect { x, y: 0.0, w: cw, h, fill: tint });
            elems.push(Elem::Rect { x, y: 0.0, w: cw, h: 2.5, fill: accent });
            elems.extend(cell.iter().cloned().map(|e| e.shifted(x, 0.0)));
        }
        let mut bx = Boxed::new(h, elems);
        bx.space_before = if r == 0 { t.paragraph_gap + 4.0 } else { GAP };
        bx.keep_with_next = r == 0;
        out.push(Flow::Box(bx));
    }
}

/// A cell's items: its text split at line breaks (`<br>`), styles kept.
fn split_items(cell: &Inlines) -> Vec<Inlines> {
    let mut items: Vec<Inlines> = vec![Vec::new()];
    for span in cell {
        for (i, part) in span.text.split('\n').enumerate() {
            if i > 0 {
                items.push(Vec::new());
            }
            if !part.is_empty()
                && let Some(last) = items.last_mut()
            {
                last.push(super::blocks::Span { text: part.to_string(), ..span.clone() });
            }
        }
    }
    items.retain(|i| !plain(i).trim().is_empty());
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::blocks::Span;

    fn cell(t: &str) -> Inlines {
        vec![Span { text: t.into(), ..Span::default() }]
    }

    #[test]
    fn knows_a_matrix_by_its_header() {
        let m = [["优势（S）".to_string(), "劣势（W）".to_string()]];
        let rows = vec![vec![cell("a"), cell("b")]; 3];
        assert!(is_matrix(&[cell("优势（S）"), cell("劣势（W）")], &rows, &m));
        assert!(!is_matrix(&[cell("优势"), cell("劣势（W）")], &rows, &m));
        assert!(!is_matrix(&[cell("优势（S）"), cell("劣势（W）")], &rows[..2], &m));
    }

    #[test]
    fn items_split_at_line_breaks() {
        let items = split_items(&cell("• 一\n• 二\n"));
        assert_eq!(items.iter().map(|i| plain(i)).collect::<Vec<_>>(), ["• 一", "• 二"]);
    }
}
