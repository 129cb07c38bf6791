//! Blocks → boxes: each block laid out at the body width into boxes of known height
//! (a line of a paragraph, a heading, a table row), with the rules the paginator needs
//! (space before, keep with next, repeat as table header, page break before).

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::blocks::{Block, Span, plain};
use super::chart::{Drawing, Recorder, ink_bottom, slice};
use super::fonts::{Face, Fonts};
use super::linebreak::{Align, Line, Run, Setting, break_lines};
use super::page::{Elem, Target, TextStyle};
use super::table;
use super::theme::Theme;

/// Full-width opening brackets, whose ink sits in the right half of the em box.
const OPENING_BRACKETS: &str = "（「『“《【〔〈";

/// A heading that a box starts: for the contents, bookmarks and links.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// 2 chapter, 3 section, 4+ minor.
    pub level: u8,
    /// Text.
    pub title: String,
    /// Anchor.
    pub anchor: String,
}

/// A laid-out box: elements relative to its top-left corner at the body's left edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Boxed {
    /// Height, points.
    pub height: f32,
    /// Space above it unless it opens a page.
    pub space_before: f32,
    /// Must stand on the same page as the next box (a heading and its first block, a
    /// table header and its first rows, the last lines of a paragraph).
    pub keep_with_next: bool,
    /// Should stand with the next box when the page is at least half full (a table and
    /// the chart that illustrates it); on an emptier page the pair may part, so no page
    /// is left half empty for it.
    pub keep_soft: bool,
    /// A chart.
    pub chart: bool,
    /// What it draws.
    pub elems: Vec<Elem>,
    /// The heading it is, if any.
    pub mark: Option<Mark>,
    /// A row of the current table (the table's header repeats above it on a new page).
    pub row: bool,
}

impl Boxed {
    /// A box of `height` drawing `elems`, with no space above and no keeps.
    pub fn new(height: f32, elems: Vec<Elem>) -> Self {
        Self {
            height,
            space_before: 0.0,
            keep_with_next: false,
            keep_soft: false,
            chart: false,
            elems,
            mark: None,
            row: false,
        }
    }
}

/// The flow the paginator reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Flow {
    /// A box.
    Box(Boxed),
    /// Start a new page unless the current one is empty.
    PageBreak,
    /// A chapter starts: a new page when the theme asks for one before every chapter, or
    /// when less than [`Theme::chapter_min_room`] of the page is left.
    Chapter,
    /// A table starts: its header box repeats on every page the table spans.
    TableStart(Boxed),
    /// The table ended.
    TableEnd,
}

/// What laying out needs.
pub struct Ctx<'a> {
    /// Fonts for measuring.
    pub fonts: &'a Fonts,
    /// Geometry and sizes.
    pub theme: &'a Theme,
    /// Chinese typography (first-line indent, labels).
    pub zh: bool,
    /// Headers of tables drawn as 2×2 matrices.
    pub matrices: &'a [[String; 2]],
    /// The dashboard's heading, when the report has one on a page of its own.
    pub dashboard_page: Option<&'a str>,
    /// Charts by id.
    pub images: &'a BTreeMap<String, &'a dyn Drawing>,
    /// Problems met while laying out (missing charts).
    pub warnings: Vec<String>,
}

impl Ctx<'_> {
    /// Body text style.
    pub fn body(&self) -> TextStyle {
        TextStyle { face: Face::Regular, size: self.theme.body_size, color: self.theme.text }
    }
}

/// Spans → runs in `base` style (bold spans in the bold face, links resolved).
pub fn runs(spans: &[Span], base: TextStyle, theme: &Theme) -> Vec<Run> {
    spans
        .iter()
        .map(|s| {
            let mut style = base;
            if s.bold {
                style.face = Face::Bold;
            }
            // Chinese type has no italics: emphasis (a forecast row, a remark) is set in grey.
            if s.italic {
                style.color = theme.muted;
            }
            let link = s.link.as_ref().map(|l| match l.strip_prefix('#') {
                Some(a) => Target::Anchor(a.to_string()),
                None => Target::Uri(l.clone()),
            });
            if link.is_some() {
                style.color = theme.accent;
            }
            if s.code {
                style.size *= 0.92;
            }
            Run { text: s.text.clone(), style, link }
        })
        .collect()
}

/// Draws lines into elements, each line `leading` high, starting at `top`; returns the
/// elements and the total height.
pub fn line_elems(lines: &[Line], x0: f32, top: f32, leading: f32) -> (Vec<Elem>, f32) {
    let mut elems = Vec::new();
    let mut y = top;
    for line in lines {
        elems.extend(one_line(line, x0, y, leading));
        y += leading;
    }
    (elems, y - top)
}

fn one_line(line: &Line, x0: f32, top: f32, leading: f32) -> Vec<Elem> {
    let size = line.size;
    let baseline = top + (leading - size) / 2.0 + size * 0.88;
    let mut out = Vec::new();
    for f in &line.frags {
        out.push(Elem::Text {
            x: x0 + f.x,
            y: baseline,
            text: f.text.clone(),
            style: f.style,
            stretch: f.stretch,
        });
        if let Some(t) = &f.link {
            out.push(Elem::Line {
                from: (x0 + f.x, baseline + size * 0.12),
                to: (x0 + f.x + f.width, baseline + size * 0.12),
                width: 0.4,
                color: f.style.color,
            });
            out.push(Elem::Link { x: x0 + f.x, y: top, w: f.width, h: leading, target: t.clone() });
        }
    }
    out
}

/// A paragraph as one box per line (so it can break across pages), with orphan and
/// widow control: the first two and the last two lines stay together.
fn paragraph(
    runs: &[Run],
    set: &Setting,
    x0: f32,
    leading: f32,
    space_before: f32,
    fonts: &Fonts,
) -> Vec<Boxed> {
    let lines = break_lines(runs, fonts, set);
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut b = Boxed::new(leading, one_line(l, x0, 0.0, leading));
            if i == 0 {
                b.space_before = space_before;
            }
            b.keep_with_next = n > 1 && (i == 0 || i + 2 == n);
            b
        })
        .collect()
}

/// Lays out the body blocks.
pub fn layout(blocks: &[Block], ctx: &mut Ctx) -> Vec<Flow> {
    // A block's layout depends only on the block, the fonts and the theme, so the blocks
    // are laid out on every free core; chapter breaks and warnings are then put in order.
    let shared = &*ctx;
    let laid: Vec<(Vec<Flow>, Vec<String>)> = blocks
        .par_iter()
        .map(|b| {
            let mut own = Ctx { warnings: Vec::new(), ..*shared };
            let mut out = Vec::new();
            block(b, 0.0, shared.theme.body_width(), true, &mut own, &mut out);
            (out, own.warnings)
        })
        .collect();
    let mut out = Vec::new();
    let mut first_chapter = true;
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let dashboard = ctx.dashboard_page.map(squeeze);
    let mut after_dashboard = false;
    for (b, (flows, mut warnings)) in blocks.iter().zip(laid) {
        if let Block::Heading { level: 2, spans, .. } = b {
            if after_dashboard {
                // the dashboard is a page of its own
                out.push(Flow::PageBreak);
            } else if !first_chapter {
                out.push(Flow::Chapter);
            }
            first_chapter = false;
            after_dashboard = dashboard.as_deref() == Some(squeeze(&plain(spans)).as_str());
        }
        out.extend(flows);
        ctx.warnings.append(&mut warnings);
    }
    keep_tables_with_their_charts(&mut out);
    if let Some(d) = dashboard.as_deref() {
        fit_dashboard(&mut out, d, ctx.theme.body_height());
    }
    out
}

/// The dashboard is one page: when its boxes would run over, the space between them
/// shrinks (to a third at most) so they fit.
fn fit_dashboard(out: &mut [Flow], title: &str, room: f32) {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let Some(start) = out.iter().position(|f| {
        matches!(f, Flow::Box(b) if b.mark.as_ref().is_some_and(|m| m.level <= 2 && squeeze(&m.title) == title))
    }) else {
        return;
    };
    let end = out[start + 1..]
        .iter()
        .position(|f| matches!(f, Flow::PageBreak | Flow::Chapter))
        .map_or(out.len(), |e| start + 1 + e);
    let boxes = || {
        out[start..end].iter().filter_map(|f| match f {
            Flow::Box(b) | Flow::TableStart(b) => Some(b),
            _ => None,
        })
    };
    let heights: f32 = boxes().map(|b| b.height).sum();
    let spaces: f32 = boxes().skip(1).map(|b| b.space_before).sum();
    if heights + spaces <= room || spaces <= 0.0 {
        return;
    }
    let k = ((room - heights) / spaces).clamp(1.0 / 3.0, 1.0);
    for f in &mut out[start + 1..end] {
        if let Flow::Box(b) | Flow::TableStart(b) = f {
            b.space_before *= k;
        }
    }
}

/// A chart right after a table illustrates it: the table's last row asks to stay with it.
fn keep_tables_with_their_charts(out: &mut [Flow]) {
    for i in 2..out.len() {
        let chart_follows = matches!(&out[i], Flow::Box(b) if b.chart);
        if chart_follows
            && matches!(out[i - 1], Flow::TableEnd)
            && let Flow::Box(last_row) = &mut out[i - 2]
        {
            last_row.keep_soft = true;
        }
    }
}

fn heading_style(level: u8, ctx: &Ctx) -> (TextStyle, f32, f32) {
    let t = ctx.theme;
    let (size, before, color) = match level {
        1 | 2 => (t.h2_size, 20.0, t.accent),
        3 => (t.h3_size, 12.0, t.accent),
        _ => (t.h4_size, 8.0, t.text),
    };
    (TextStyle { face: Face::Bold, size, color }, before, size * 1.5)
}

fn block(b: &Block, x0: f32, width: f32, top_level: bool, ctx: &mut Ctx, out: &mut Vec<Flow>) {
    let t = ctx.theme;
    let body = ctx.body();
    let leading = t.leading(t.body_size);
    match b {
        Block::Heading { level, spans, anchor } => {
            let (style, before, lead) = heading_style(*level, ctx);
            let set = Setting { width, indent: 0.0, justify: false, align: Align::Left };
            let mut lines = break_lines(&runs(spans, style, t), ctx.fonts, &set);
            // a full-width opening bracket draws in the right half of its em: pull it
            // onto the margin, so `（一）` lines up with the text below
            // (a `“` is full width only in Chinese text; in English it is a narrow glyph)
            let first = plain(spans).chars().next();
            let wide = |c: char| OPENING_BRACKETS.contains(c) && (ctx.zh || c != '“');
            let pull = if first.is_some_and(wide) { style.size * 0.5 } else { 0.0 };
            if let Some(l) = lines.first_mut() {
                l.frags.iter_mut().for_each(|f| f.x -= pull);
            }
            let (mut elems, h) = line_elems(&lines, x0, 0.0, lead);
            let mut height = h;
            if *level <= 2 {
                // a rule under chapter headings, as report styles in Word do
                elems.push(Elem::Line {
                    from: (x0, h + 2.0),
                    to: (x0 + width, h + 2.0),
                    width: 0.8,
                    color: t.accent,
                });
                height += 8.0;
            } else {
                height += 2.0;
            }
            let mut bx = Boxed::new(height, elems);
            bx.space_before = before;
            bx.keep_with_next = true;
            bx.mark = Some(Mark { level: *level, title: plain(spans), anchor: anchor.clone() });
            out.push(Flow::Box(bx));
        }
        Block::Paragraph(spans) => {
            let all_bold = spans.iter().all(|s| s.bold || s.text.trim().is_empty());
            let indent = if ctx.zh && top_level && !all_bold { 2.0 * t.body_size } else { 0.0 };
            let set = Setting { width, indent, justify: true, align: Align::Left };
            let mut boxes =
                paragraph(&runs(spans, body, t), &set, x0, leading, t.paragraph_gap, ctx.fonts);
            if all_bold && let Some(first) = boxes.first_mut() {
                first.space_before = 10.0;
            }
            if all_bold && let Some(last) = boxes.last_mut() {
                // a bold line alone is a caption or minor heading: keep it with what follows
                last.keep_with_next = true;
            }
            out.extend(boxes.into_iter().map(Flow::Box));
        }
        Block::List { start, items } => {
            // Chinese lists line up with the paragraphs' first-line indent
            let (x0, width) = if ctx.zh && top_level {
                (x0 + t.body_size, width - t.body_size)
            } else {
                (x0, width)
            };
            for (i, item) in items.iter().enumerate() {
                let marker = match start {
                    Some(n) => format!("{}.", n + i as u64),
                    None => "•".to_string(),
                };
                let hang = if start.is_some() { 1.8 * t.body_size } else { 1.3 * t.body_size };
                let mut inner = Vec::new();
                for (k, ib) in item.iter().enumerate() {
                    block(ib, x0 + hang, width - hang, false, ctx, &mut inner);
                    if k == 0
                        && let Some(Flow::Box(first)) = inner.first_mut()
                    {
                        // the marker sits on the first line's baseline
                        let baseline = first
                            .elems
                            .iter()
                            .find_map(|e| match e {
                                Elem::Text { y, .. } => Some(*y),
                                _ => None,
                            })
                            .unwrap_or(leading * 0.7);
                        let ms = TextStyle { color: t.accent, ..body };
                        let mw = ctx.fonts.width(ms.face, &marker, ms.size);
                        let mx = if start.is_some() {
                            x0 + hang - mw - 4.0
                        } else {
                            x0 + 0.3 * t.body_size
                        };
                        first.elems.push(Elem::Text {
                            x: mx,
                            y: baseline,
                            text: marker.clone(),
                            style: ms,
                            stretch: 0.0,
                        });
                        first.space_before = if i == 0 { t.paragraph_gap } else { 1.5 };
                    }
                }
                out.extend(inner);
            }
        }
        Block::Table { aligns, head, rows } if super::tiles::is_tiles(aligns, head, rows) => {
            super::tiles::layout(head, &rows[0], x0, width, ctx, out);
        }
        Block::Table { head, rows, .. } if super::matrix::is_matrix(head, rows, ctx.matrices) => {
            super::matrix::layout(head, rows, x0, width, ctx, out);
        }
        Block::Table { aligns, head, rows } => {
            table::layout(aligns, head, rows, x0, width, ctx, out);
        }
        Block::Quote(inner) => {
            let mut q = Vec::new();
            for ib in inner {
                block(ib, x0 + 12.0, width - 12.0, false, ctx, &mut q);
            }
            for f in &mut q {
                if let Flow::Box(bx) = f {
                    bx.elems.push(Elem::Rect {
                        x: x0 + 2.0,
                        y: -bx.space_before.min(4.0),
                        w: 2.5,
                        h: bx.height + bx.space_before.min(4.0),
                        fill: t.rule,
                    });
                }
            }
            out.extend(q);
        }
        Block::Code(text) => {
            let style = TextStyle { size: t.table_size, color: t.text, face: Face::Regular };
            let lead = t.leading(t.table_size) * 0.9;
            let set =
                Setting { width: width - 12.0, indent: 0.0, justify: false, align: Align::Left };
            let lines = break_lines(&[Run::new(text.clone(), style)], ctx.fonts, &set);
            for (i, l) in lines.iter().enumerate() {
                let mut elems =
                    vec![Elem::Rect { x: x0, y: 0.0, w: width, h: lead, fill: t.shade }];
                elems.extend(one_line(l, x0 + 6.0, 0.0, lead));
                let mut bx = Boxed::new(lead, elems);
                if i == 0 {
                    bx.space_before = t.paragraph_gap;
                }
                out.push(Flow::Box(bx));
            }
        }
        Block::Rule => {
            let mut bx = Boxed::new(
                6.0,
                vec![Elem::Line {
                    from: (x0, 3.0),
                    to: (x0 + width, 3.0),
                    width: 0.5,
                    color: t.rule,
                }],
            );
            bx.space_before = 12.0;
            bx.keep_with_next = true;
            out.push(Flow::Box(bx));
        }
        Block::Image { url, title } => image(url, title, x0, width, ctx, out),
    }
}

/// A chart too tall for 60% of a page set like a table at `scale`, so none of its text
/// shrinks: each row a box of its own, the pages broken between rows, and the title, the
/// legend, a copy of the axis under the rows (a Gantt chart's dates) and what stands above
/// the rows (named dates, a KPI scale) repeated at the top of every page it spans. False, with nothing added, for a drawing
/// that cannot be cut or does not draw.
fn chart_rows(
    d: &dyn Drawing,
    x0: f32,
    width: f32,
    scale: f32,
    ctx: &Ctx,
    out: &mut Vec<Flow>,
) -> bool {
    let Some(cuts) = d.cuts().filter(|c| c.rows.len() >= 2) else { return false };
    let (w, h) = d.size();
    let rec = Recorder::new((w, h), ctx.fonts);
    if d.draw(rec.backend()).is_err() {
        return false;
    }
    let left = x0 + (width - w as f32 * scale) / 2.0;
    let mut edges = vec![cuts.title as f32 * scale];
    edges.extend(cuts.rows.iter().map(|y| *y as f32 * scale));
    let mut bands = slice(rec.into_elems(left, 0.0, scale), &edges).into_iter();
    // bands: title and legend, what stands above the rows, one per row, what ends the chart
    let (Some(title), Some(above), Some(axis)) = (bands.next(), bands.next(), bands.next_back())
    else {
        return false;
    };
    let (title_h, above_h) = (edges[0], edges[1] - edges[0]);
    let axis_h = ink_bottom(&axis) + 4.0;
    let mut head = title;
    // the axis's copy keeps no more of the paper under it than its own height
    let copy = axis.iter().filter_map(|e| match e {
        Elem::Rect { y, .. } if *y >= axis_h => None,
        Elem::Rect { x, y, w, h, fill } => {
            Some(Elem::Rect { x: *x, y: *y, w: *w, h: h.min(axis_h - y), fill: *fill })
        }
        other => Some(other.clone()),
    });
    head.extend(copy.map(|e| e.shifted(0.0, title_h)));
    head.extend(above.into_iter().map(|e| e.shifted(0.0, title_h + axis_h)));
    let mut header = Boxed::new(title_h + axis_h + above_h, head);
    header.space_before = 10.0;
    header.keep_with_next = true;
    header.chart = true;
    out.push(Flow::TableStart(header));
    let n = edges.len() - 2;
    for (i, (elems, pair)) in bands.zip(edges[1..].windows(2)).enumerate() {
        let mut row = Boxed::new(pair[1] - pair[0], elems);
        row.row = true;
        // the header stands with two rows at least, the axis with the last two
        row.keep_with_next = i < 1 || i + 2 >= n;
        out.push(Flow::Box(row));
    }
    let last = edges.last().copied().unwrap_or(0.0);
    let foot = Boxed::new(h as f32 * scale - last, axis);
    out.push(Flow::Box(foot));
    out.push(Flow::TableEnd);
    true
}

/// The id of a chart from its path: `charts/sales-trend.svg` → `sales-trend`.
pub fn chart_id(url: &str) -> &str {
    let name = url.rsplit('/').next().unwrap_or(url);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// A chart, drawn as vectors at the width of the text. The chart draws its own title, so
/// no caption repeats it; a chart the renderer does not have becomes a grey box holding its
/// text alternative (`alt`), and a warning.
///
/// A chart taller than 60% of the page at that width is shrunk to 60%, unless it can be cut
/// across its rows (a long Gantt, bar or KPI chart, a long risk list): then it is set row by
/// row ([`chart_rows`]).
fn image(url: &str, alt: &str, x0: f32, width: f32, ctx: &mut Ctx, out: &mut Vec<Flow>) {
    let t = ctx.theme;
    let id = chart_id(url);
    let mut elems = Vec::new();
    let h = match ctx.images.get(id) {
        Some(d) => {
            let (w, h) = d.size();
            let max_h = t.body_height() * 0.6;
            let fit = (width / w.max(1) as f32).min(1.0);
            if h as f32 * fit > max_h && chart_rows(*d, x0, width, fit, ctx, out) {
                return;
            }
            let scale = fit.min(max_h / h.max(1) as f32);
            let (dw, dh) = (w as f32 * scale, h as f32 * scale);
            let rec = Recorder::new((w, h), ctx.fonts);
            match d.draw(rec.backend()) {
                Ok(()) => {
                    let left = x0 + (width - dw) / 2.0;
                    elems.extend(rec.into_elems(left, 0.0, scale));
                }
                Err(e) => ctx.warnings.push(format!("chart `{id}` failed to draw ({e})")),
            }
            dh
        }
        None => {
            ctx.warnings
                .push(format!("chart `{id}` is not available; its description is printed instead"));
            let style = TextStyle { face: Face::Regular, size: t.table_size, color: t.muted };
            let set =
                Setting { width: width - 16.0, indent: 0.0, justify: false, align: Align::Center };
            let lines = break_lines(&[Run::new(alt, style)], ctx.fonts, &set);
            let (text, th) = line_elems(&lines, x0 + 8.0, 8.0, t.leading(t.table_size));
            let h = th + 16.0;
            elems.push(Elem::Rect { x: x0, y: 0.0, w: width, h, fill: t.shade });
            elems.extend(text);
            h
        }
    };
    let mut bx = Boxed::new(h, elems);
    bx.space_before = 10.0;
    bx.chart = true;
    out.push(Flow::Box(bx));
}
