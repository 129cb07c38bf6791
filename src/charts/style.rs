//! The one look of every chart: palette, type scale, spacing, the bundled font (used to
//! measure text; plotters only passes the family name on), and a small pen that draws in
//! pixels.
//!
//! Every chart lays itself out in pixels from measured text, so nothing overlaps or is
//! clipped; only this file talks to plotters' element types.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle};

pub use super::palette::Palette;
use crate::fonts::{BOLD, REGULAR};
use crate::theme::Rgb;

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The family name the charts ask plotters for.
pub(crate) const FAMILY: &str = "Noto Sans SC";

/// What an SVG asks a reader's machine for: the bundled family first, then the same design
/// as Linux distributions install it (`Noto Sans CJK SC`, same metrics), then the CJK fonts
/// of macOS, Windows and Adobe.
pub(crate) const FONT_STACK: &str = "'Noto Sans SC','Noto Sans CJK SC','Source Han Sans SC',\
'PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";

/// The same for Traditional Chinese (Taiwan): faces with Traditional glyph forms.
const FONT_STACK_TC: &str = "'Noto Sans TC','Noto Sans CJK TC','Source Han Sans TC',\
'PingFang TC','Microsoft JhengHei',sans-serif";

/// The same for Traditional Chinese (Hong Kong).
const FONT_STACK_HK: &str = "'Noto Sans HK','Noto Sans CJK HK','Source Han Sans HK',\
'PingFang HK','Noto Sans TC','Noto Sans CJK TC','Microsoft JhengHei',sans-serif";

/// The font stack an SVG of `locale` asks for.
pub(crate) fn font_stack(locale: crate::model::Locale) -> &'static str {
    match locale {
        crate::model::Locale::ZhTw => FONT_STACK_TC,
        crate::model::Locale::ZhHk => FONT_STACK_HK,
        _ => FONT_STACK,
    }
}

fn face(bold: bool) -> Option<&'static FontRef<'static>> {
    static FACES: OnceLock<Option<(FontRef<'static>, FontRef<'static>)>> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        Some((FontRef::try_from_slice(REGULAR).ok()?, FontRef::try_from_slice(BOLD).ok()?))
    });
    faces.as_ref().map(|(r, b)| if bold { b } else { r })
}

/// A step of the type scale: size in CSS pixels (what the SVG's `font-size` says) and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Type {
    /// Font size in pixels.
    pub px: f64,
    /// Bold face.
    pub bold: bool,
}

// The type scale. A chart is drawn [`WIDTH`] pixels wide and the PDF scales it into its
// 415 pt body column (× 0.742), so 11 px lands at 8.2 pt, 12 px at 8.9 pt and the 15.5 px
// title at 11.5 pt: nothing under 8 pt, the title a step above 10.5 pt body text. In HTML
// the narrow layout is drawn [`NARROW`] pixels wide and shown at least that wide, so no text
// is under 11 px on a phone either.

/// Chart title.
pub(crate) const TITLE: Type = Type { px: 15.5, bold: true };
/// Category names, axis labels, values.
pub(crate) const LABEL: Type = Type { px: 12.0, bold: false };
/// Emphasised labels (our company, growth, values inside bars).
pub(crate) const STRONG: Type = Type { px: 12.0, bold: true };
/// Notes, legends, ticks, shares.
pub(crate) const SMALL: Type = Type { px: 11.0, bold: false };
/// Small emphasised text (risk numbers in markers).
pub(crate) const SMALL_STRONG: Type = Type { px: 11.0, bold: true };

/// Natural width of every chart: the SVG file, the PDF (scaled to the body column) and the
/// HTML page on screens wider than a phone.
pub(crate) const WIDTH: u32 = 560;
/// Width of the narrow layout the HTML page shows on phones.
pub(crate) const NARROW: u32 = 320;
/// Below this width a chart stacks labels above their bars instead of beside them.
pub(crate) const STACK_BELOW: f64 = 440.0;
/// Outer margin.
pub(crate) const PAD: f64 = 20.0;
/// Space between a label and what it labels.
pub(crate) const GAP: f64 = 8.0;
/// Most lines a label wraps onto; the rest is cut with `…` (the text alternative keeps it).
pub(crate) const MAX_LINES: usize = 3;

/// What a colour is for; the [`Palette`] of the report's theme says which colour it is.
/// Opaque colours only: translucency becomes extra objects in PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Text.
    Ink,
    /// Secondary text, ticks.
    Muted,
    /// Axis lines.
    Axis,
    /// Grid lines.
    Grid,
    /// Background.
    Paper,
    /// The main series: targets, amounts, our company, actuals.
    Primary,
    /// Running totals, forecasts, the plan date.
    Accent,
    /// Promotions on the Gantt chart (apart from the phases).
    Promotion,
    /// A forecast's scenario band: the accent, light.
    Band,
    /// Other companies.
    Neutral,
    /// The unnamed rest of a whole.
    Rest,
    /// Status: on track.
    OnTrack,
    /// Status: at risk.
    AtRisk,
    /// Status: off track.
    OffTrack,
    /// Status: pending.
    Pending,
    /// Risk cell, low (lightest, so levels also read in grey).
    RiskLow,
    /// Risk cell, medium.
    RiskMedium,
    /// Risk cell, high.
    RiskHigh,
}

/// The roles by the names the chart code uses.
pub(crate) mod color {
    use super::Role;
    /// Text.
    pub const INK: Role = Role::Ink;
    /// Secondary text, ticks.
    pub const MUTED: Role = Role::Muted;
    /// Axis lines.
    pub const AXIS: Role = Role::Axis;
    /// Grid lines.
    pub const GRID: Role = Role::Grid;
    /// Background.
    pub const PAPER: Role = Role::Paper;
    /// The main series.
    pub const PRIMARY: Role = Role::Primary;
    /// Running totals, forecasts, the plan date.
    pub const ACCENT: Role = Role::Accent;
    /// Promotions on the Gantt chart.
    pub const PROMOTION: Role = Role::Promotion;
    /// A forecast's scenario band.
    pub const BAND: Role = Role::Band;
    /// Other companies.
    pub const NEUTRAL: Role = Role::Neutral;
    /// The unnamed rest of a whole.
    pub const REST: Role = Role::Rest;
    /// Status: on track.
    pub const ON_TRACK: Role = Role::OnTrack;
    /// Status: at risk.
    pub const AT_RISK: Role = Role::AtRisk;
    /// Status: off track.
    pub const OFF_TRACK: Role = Role::OffTrack;
    /// Status: pending.
    pub const PENDING: Role = Role::Pending;
    /// Risk cell, low.
    pub const RISK_LOW: Role = Role::RiskLow;
    /// Risk cell, medium.
    pub const RISK_MEDIUM: Role = Role::RiskMedium;
    /// Risk cell, high.
    pub const RISK_HIGH: Role = Role::RiskHigh;
}

/// Advance of one character in `t`, in pixels.
fn advance(font: Option<&FontRef<'static>>, c: char, t: Type) -> f64 {
    let Some(font) = font else { return t.px };
    let em = f64::from(font.units_per_em().unwrap_or(1000.0));
    let g = font.glyph_id(c);
    // A glyph the font lacks is drawn by a fallback font: count a full em.
    let units = if g.0 == 0 { em } else { f64::from(font.h_advance_unscaled(g)) };
    units / em * t.px
}

/// Widths are measured up to this many pixels: no chart is that wide, so a longer text
/// needs no more measuring (a name of a million characters costs what one of a thousand does).
const MEASURE_LIMIT: f64 = 8192.0;

/// Width of `text` in pixels when set in `t` with the bundled font (at most a little over
/// [`MEASURE_LIMIT`]: the rest of a longer text is never drawn).
pub(crate) fn text_width(text: &str, t: Type) -> f64 {
    let font = face(t.bold);
    let mut width = 0.0;
    for c in text.chars() {
        width += advance(font, c, t);
        if width > MEASURE_LIMIT {
            break;
        }
    }
    width
}

/// Height of a line of text in `t`.
pub(crate) fn line_height(t: Type) -> f64 {
    (t.px * 1.3).round()
}

/// `text` shortened with `…` to fit `max` pixels. One pass over the text.
pub(crate) fn fit(text: &str, t: Type, max: f64) -> String {
    if text_width(text, t) <= max { text.to_string() } else { ellipsize(text, t, max) }
}

/// The longest start of `text` that fits `max` pixels together with a closing `…`.
fn ellipsize(text: &str, t: Type, max: f64) -> String {
    let font = face(t.bold);
    let mut width = advance(font, '…', t);
    let mut cut = 0;
    for (i, c) in text.char_indices() {
        width += advance(font, c, t);
        if width > max {
            break;
        }
        cut = i + c.len_utf8();
    }
    format!("{}…", text[..cut].trim_end())
}

/// `text` broken into at most `max_lines` lines of at most `max` pixels, at the places
/// Unicode allows (between CJK characters, after spaces and hyphens; never before `，。）`);
/// a word longer than a line is broken where it must; text beyond the last line is cut with
/// `…`. Linear in the text: only what `max_lines` lines can hold is looked at.
pub(crate) fn wrap(text: &str, t: Type, max: f64, max_lines: usize) -> Vec<String> {
    let text = text.trim();
    let max_lines = max_lines.max(1);
    // The narrowest glyphs are about a fifth of an em: no more characters fit the lines.
    let room = max_lines * ((max.max(0.0) / (t.px * 0.2)).ceil() as usize + 2);
    let (text, clipped) = match text.char_indices().nth(room) {
        Some((i, _)) => (&text[..i], true),
        None => (text, false),
    };
    let font = face(t.bold);
    // Widths summed in another order than `text_width`'s differ in the last bits: a text
    // as wide as the room, measured by `text_width`, must still fit it.
    let max = max + 1e-6;
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let (mut start, mut width) = (0usize, 0.0f64);
    // The last place a line may end, and the width of the line up to there.
    let mut seg_start = 0usize;
    for (end, op) in unicode_linebreak::linebreaks(text) {
        let seg = &text[seg_start..end];
        let body = seg.trim_end();
        let body_w: f64 = body.chars().map(|c| advance(font, c, t)).sum();
        let seg_w = body_w + seg[body.len()..].chars().map(|c| advance(font, c, t)).sum::<f64>();
        if width + body_w > max && start < seg_start {
            // The segment starts a new line.
            lines.push((start, seg_start));
            start = seg_start;
            width = 0.0;
        }
        if width + body_w > max {
            // A word longer than the line: break it between characters.
            let mut w = width;
            for (i, c) in seg.char_indices() {
                let a = advance(font, c, t);
                let at = seg_start + i;
                if w + a > max && at > start && !c.is_whitespace() {
                    lines.push((start, at));
                    start = at;
                    w = 0.0;
                }
                w += a;
            }
            width = w;
        } else {
            width += seg_w;
        }
        seg_start = end;
        if op == unicode_linebreak::BreakOpportunity::Mandatory && end < text.len() {
            lines.push((start, end));
            start = end;
            width = 0.0;
        }
        if lines.len() > max_lines {
            break;
        }
    }
    if start < text.len() && lines.len() <= max_lines {
        lines.push((start, text.len()));
    }
    let more = clipped || lines.len() > max_lines;
    lines.truncate(max_lines);
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(k, &(a, b))| {
            let line = text[a..b].trim();
            if k + 1 == n && more {
                // The last line takes the rest and is cut to fit.
                ellipsize(text[a..].trim(), t, max)
            } else {
                line.to_string()
            }
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Height of `lines` lines of text in `t`.
pub(crate) fn lines_height(lines: usize, t: Type) -> f64 {
    lines.max(1) as f64 * line_height(t)
}

/// The widest of `texts` in `t`.
pub(crate) fn widest<'a>(texts: impl IntoIterator<Item = &'a str>, t: Type) -> f64 {
    texts.into_iter().map(|s| text_width(s, t)).fold(0.0, f64::max)
}

/// Where a label goes: anchor point and alignment.
pub(crate) type Anchor = (f64, f64, HPos, VPos);

/// A box `[x0, y0, x1, y1]`.
pub(crate) type Rect = [f64; 4];

/// The box `text` covers when drawn at `(x, y)` with the anchor `(h, v)`.
pub(crate) fn text_box(text: &str, t: Type, x: f64, y: f64, h: HPos, v: VPos) -> Rect {
    let w = text_width(text, t);
    let lh = line_height(t);
    let x0 = match h {
        HPos::Left => x,
        HPos::Center => x - w / 2.0,
        HPos::Right => x - w,
    };
    let y0 = match v {
        VPos::Top => y,
        VPos::Center => y - lh / 2.0,
        VPos::Bottom => y - lh,
    };
    [x0, y0, x0 + w, y0 + lh]
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Places labels where they hit nothing already placed and stay inside the chart.
pub(crate) struct Placer {
    taken: Vec<Rect>,
    bounds: Rect,
}

impl Placer {
    /// A placer for labels that must stay inside `bounds` (the plot, clear of axis labels).
    pub fn new(bounds: Rect) -> Self {
        Self { taken: Vec::new(), bounds }
    }

    /// Marks a box as taken (a bar, a marker, a line label).
    pub fn take(&mut self, r: Rect) {
        self.taken.push(r);
    }

    /// Marks a line as taken, so labels keep off it.
    pub fn take_path(&mut self, pts: &[(f64, f64)]) {
        for seg in pts.windows(2) {
            let ((x0, y0), (x1, y1)) = (seg[0], seg[1]);
            let steps = ((x1 - x0).hypot(y1 - y0) / 3.0).ceil().max(1.0) as usize;
            for k in 0..=steps {
                let t = k as f64 / steps as f64;
                let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
                self.taken.push([x - 1.5, y - 1.5, x + 1.5, y + 1.5]);
            }
        }
    }

    /// Places every label or none of them (a chart labelled here and there reads worse than
    /// one labelled nowhere); returns the anchors in order.
    pub fn place_all(&mut self, labels: &[(&str, Type, Vec<Anchor>)]) -> Option<Vec<Anchor>> {
        let mark = self.taken.len();
        let mut out = Vec::new();
        for (text, t, cands) in labels {
            match self.place(text, *t, cands) {
                Some(a) => out.push(a),
                None => {
                    self.taken.truncate(mark);
                    return None;
                }
            }
        }
        Some(out)
    }

    /// The first candidate anchor `(x, y, h, v)` where `text` fits, and takes it.
    pub fn place(&mut self, text: &str, t: Type, candidates: &[Anchor]) -> Option<Anchor> {
        for &(x, y, h, v) in candidates {
            let r = text_box(text, t, x, y, h, v);
            let inside = r[0] >= self.bounds[0]
                && r[2] <= self.bounds[2]
                && r[1] >= self.bounds[1]
                && r[3] <= self.bounds[3];
            if inside && !self.taken.iter().any(|o| overlaps(o, &r)) {
                self.taken.push(r);
                return Some((x, y, h, v));
            }
        }
        None
    }
}

/// Label anchors around a point at growing distances: above, the upper corners, below, the
/// lower corners, beside; the first that fits wins.
pub(crate) fn around(x: f64, y: f64, r: f64) -> Vec<Anchor> {
    let mut out = Vec::new();
    for k in [1.0, 2.0, 3.5] {
        let d = r * k;
        out.extend([
            (x, y - d - 2.0, HPos::Center, VPos::Bottom),
            (x - d, y - d, HPos::Right, VPos::Bottom),
            (x + d, y - d, HPos::Left, VPos::Bottom),
            (x, y + d + 2.0, HPos::Center, VPos::Top),
            (x + d, y + d, HPos::Left, VPos::Top),
            (x - d, y + d, HPos::Right, VPos::Top),
            (x - d - 2.0, y, HPos::Right, VPos::Center),
            (x + d + 2.0, y, HPos::Left, VPos::Center),
        ]);
    }
    out
}

/// A mark in a legend.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    /// A filled square.
    Box(Role),
    /// A line, dashed or not.
    Line(Role, bool),
    /// A line with a filled dot.
    Dot(Role),
    /// A hollow dot on a dashed line.
    Ring(Role),
    /// A diamond.
    Diamond(Role),
    /// A hollow square (a back-test point).
    Square(Role),
}

/// The plotters font size for `px`: plotters' SVG backend writes `font-size = size / 1.24`.
/// (Every step of the type scale survives the round trip exactly: a unit test checks it.)
fn plotters_size(px: f64) -> f64 {
    px * 1.24
}

/// Draws on any plotters backend in the pixel coordinates of its area.
pub(crate) struct Pen<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    palette: &'a Palette,
    /// Width of the area.
    pub w: f64,
}

type Drawn = Result<(), String>;

fn px(v: f64) -> i32 {
    v.round() as i32
}

impl<'a, DB: DrawingBackend> Pen<'a, DB> {
    /// A pen over `area` drawing in `palette`, painted in its paper colour.
    pub fn new(area: &'a DrawingArea<DB, Shift>, palette: &'a Palette) -> Result<Self, String> {
        let paper = rgb(palette.get(Role::Paper));
        area.fill(&paper).map_err(|e| e.to_string())?;
        let (w, _) = area.dim_in_pixel();
        Ok(Self { area, palette, w: f64::from(w) })
    }

    /// The colour of a role in this pen's palette.
    fn ink(&self, role: Role) -> RGBColor {
        rgb(self.palette.get(role))
    }

    /// Text anchored at `(x, y)`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(&self, s: &str, x: f64, y: f64, t: Type, c: Role, h: HPos, v: VPos) -> Drawn {
        if s.is_empty() {
            return Ok(());
        }
        let style = if t.bold { FontStyle::Bold } else { FontStyle::Normal };
        let font = FontDesc::new(FontFamily::Name(FAMILY), plotters_size(t.px), style);
        let ts = font.color(&self.ink(c)).pos(Pos::new(h, v));
        self.area.draw_text(s, &ts, (px(x), px(y))).map_err(|e| e.to_string())
    }

    /// Text centred vertically on `y`, left-aligned at `x`.
    pub fn left(&self, s: &str, x: f64, y: f64, t: Type, c: Role) -> Drawn {
        self.text(s, x, y, t, c, HPos::Left, VPos::Center)
    }

    /// Text centred vertically on `y`, right-aligned at `x`.
    pub fn right(&self, s: &str, x: f64, y: f64, t: Type, c: Role) -> Drawn {
        self.text(s, x, y, t, c, HPos::Right, VPos::Center)
    }

    /// A filled rectangle.
    pub fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, c: Role) -> Drawn {
        let r = Rectangle::new([(px(x0), px(y0)), (px(x1), px(y1))], self.ink(c).filled());
        self.area.draw(&r).map_err(|e| e.to_string())
    }

    /// A rectangle outline.
    pub fn frame(&self, x0: f64, y0: f64, x1: f64, y1: f64, c: Role) -> Drawn {
        let r = Rectangle::new([(px(x0), px(y0)), (px(x1), px(y1))], self.ink(c).stroke_width(1));
        self.area.draw(&r).map_err(|e| e.to_string())
    }

    /// A straight line.
    pub fn line(&self, x0: f64, y0: f64, x1: f64, y1: f64, c: Role, width: u32) -> Drawn {
        self.path(&[(x0, y0), (x1, y1)], c, width)
    }

    /// A polyline.
    pub fn path(&self, pts: &[(f64, f64)], c: Role, width: u32) -> Drawn {
        let pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area
            .draw(&PathElement::new(pts, self.ink(c).stroke_width(width)))
            .map_err(|e| e.to_string())
    }

    /// A dashed polyline (drawn as segments, so every backend shows the dashes).
    pub fn dashed(&self, pts: &[(f64, f64)], c: Role, width: u32) -> Drawn {
        const DASH: f64 = 6.0;
        const SPACE: f64 = 4.0;
        for seg in pts.windows(2) {
            let ((x0, y0), (x1, y1)) = (seg[0], seg[1]);
            let len = (x1 - x0).hypot(y1 - y0);
            if len == 0.0 {
                continue;
            }
            let (dx, dy) = ((x1 - x0) / len, (y1 - y0) / len);
            let mut s = 0.0;
            while s < len {
                let e = (s + DASH).min(len);
                self.line(x0 + dx * s, y0 + dy * s, x0 + dx * e, y0 + dy * e, c, width)?;
                s += DASH + SPACE;
            }
        }
        Ok(())
    }

    /// A circle, filled or as a ring (a white disc inside a coloured one, so it stays opaque).
    pub fn dot(&self, x: f64, y: f64, r: f64, c: Role, filled: bool) -> Drawn {
        let outer = Circle::new((px(x), px(y)), px(r), self.ink(c).filled());
        self.area.draw(&outer).map_err(|e| e.to_string())?;
        if !filled {
            let inner =
                Circle::new((px(x), px(y)), px(r - 2.0).max(1), self.ink(Role::Paper).filled());
            self.area.draw(&inner).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// A filled diamond of half-size `r`.
    pub fn diamond(&self, x: f64, y: f64, r: f64, c: Role) -> Drawn {
        let pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
        let pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area.draw(&Polygon::new(pts, self.ink(c).filled())).map_err(|e| e.to_string())
    }

    /// A filled polygon (a band between two lines, a funnel's stage).
    pub fn polygon(&self, pts: &[(f64, f64)], c: Role) -> Drawn {
        let pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area.draw(&Polygon::new(pts, self.ink(c).filled())).map_err(|e| e.to_string())
    }

    /// A hollow square of half-size `r` (white inside a coloured one, so it stays opaque).
    pub fn square(&self, x: f64, y: f64, r: f64, c: Role) -> Drawn {
        self.rect(x - r, y - r, x + r, y + r, c)?;
        self.rect(x - r + 1.5, y - r + 1.5, x + r - 1.5, y + r - 1.5, color::PAPER)
    }

    /// `lines` one under another from `top`, each centred in its line box, anchored at `x`.
    #[allow(clippy::too_many_arguments)]
    pub fn lines(&self, lines: &[String], x: f64, top: f64, t: Type, c: Role, h: HPos) -> Drawn {
        let lh = line_height(t);
        for (k, line) in lines.iter().enumerate() {
            self.text(line, x, top + lh * (k as f64 + 0.5), t, c, h, VPos::Center)?;
        }
        Ok(())
    }

    /// A legend swatch of 12 px centred on `(x, y)` (lines are 18 px wide).
    pub fn swatch(&self, s: Swatch, x: f64, y: f64) -> Drawn {
        match s {
            Swatch::Box(c) => self.rect(x - 5.0, y - 5.0, x + 5.0, y + 5.0, c),
            Swatch::Line(c, false) => self.line(x - 9.0, y, x + 9.0, y, c, 2),
            Swatch::Line(c, true) => self.dashed(&[(x - 9.0, y), (x + 9.0, y)], c, 2),
            Swatch::Dot(c) => {
                self.line(x - 9.0, y, x + 9.0, y, c, 2)?;
                self.dot(x, y, 4.0, c, true)
            }
            Swatch::Ring(c) => {
                self.dashed(&[(x - 9.0, y), (x + 9.0, y)], c, 2)?;
                self.dot(x, y, 4.0, c, false)
            }
            Swatch::Diamond(c) => self.diamond(x, y, 5.0, c),
            Swatch::Square(c) => self.square(x, y, 4.0, c),
        }
    }
}

/// An entry of the row under the title: a legend swatch with its text, or a note alone
/// (the unit, a total).
#[derive(Debug, Clone)]
pub(crate) struct Key {
    /// The mark, if a legend entry.
    pub swatch: Option<Swatch>,
    /// Its text.
    pub text: String,
}

impl Key {
    /// A legend entry.
    pub fn mark(swatch: Swatch, text: impl Into<String>) -> Self {
        Self { swatch: Some(swatch), text: text.into() }
    }

    /// A note without a mark.
    pub fn note(text: impl Into<String>) -> Self {
        Self { swatch: None, text: text.into() }
    }

    fn width(&self) -> f64 {
        let mark = if self.swatch.is_some() { SWATCH_W } else { 0.0 };
        mark + text_width(&self.text, SMALL)
    }
}

/// Room a swatch and its space take before the text.
const SWATCH_W: f64 = 24.0;
/// Space between entries of the key row.
const KEY_GAP: f64 = 16.0;
/// Height of a row of keys.
const KEY_ROW: f64 = 18.0;
/// Top of the title.
const TITLE_TOP: f64 = 14.0;

/// Title lines and key rows of a chart laid out for a width; the body starts at `bottom`.
pub(crate) struct Header {
    title: Vec<String>,
    rows: Vec<Vec<(f64, Key)>>,
    /// Where the body of the chart starts.
    pub bottom: f64,
}

impl Header {
    /// The title wrapped onto at most two lines, then the keys flowed into rows.
    pub fn new(title: &str, keys: &[Key], w: f64) -> Self {
        let inner = w - 2.0 * PAD;
        let title = wrap(title, TITLE, inner, 2);
        let mut y = TITLE_TOP + lines_height(title.len(), TITLE);
        let mut rows: Vec<Vec<(f64, Key)>> = Vec::new();
        let mut x = PAD;
        for k in keys {
            let mut k = k.clone();
            let room = inner - if k.swatch.is_some() { SWATCH_W } else { 0.0 };
            k.text = fit(&k.text, SMALL, room);
            let kw = k.width();
            match rows.last_mut() {
                Some(row) if x + kw <= w - PAD => row.push((x, k)),
                _ => {
                    x = PAD;
                    rows.push(vec![(x, k)]);
                }
            }
            x += kw + KEY_GAP;
        }
        if !rows.is_empty() {
            y += 4.0 + rows.len() as f64 * KEY_ROW;
        }
        Self { title, rows, bottom: y + 8.0 }
    }

    /// Draws the title and the keys.
    pub fn draw<DB: DrawingBackend>(&self, pen: &Pen<DB>) -> Drawn {
        pen.lines(&self.title, PAD, TITLE_TOP, TITLE, color::INK, HPos::Left)?;
        let mut y = TITLE_TOP + lines_height(self.title.len(), TITLE) + 4.0 + KEY_ROW / 2.0;
        for row in &self.rows {
            for (x, k) in row {
                let tx = match k.swatch {
                    Some(s) => {
                        pen.swatch(s, x + 9.0, y)?;
                        x + SWATCH_W
                    }
                    None => *x,
                };
                pen.left(&k.text, tx, y, SMALL, color::MUTED)?;
            }
            y += KEY_ROW;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_parse_and_have_the_status_glyphs() {
        for bold in [false, true] {
            let f = face(bold).expect("bundled font parses");
            for c in "✓▲▼○…中".chars() {
                assert_ne!(f.glyph_id(c).0, 0, "{c} missing");
            }
        }
    }

    #[test]
    fn the_svg_writes_every_size_of_the_type_scale_exactly() {
        for t in [TITLE, LABEL, STRONG, SMALL, SMALL_STRONG] {
            assert_eq!(format!("{}", plotters_size(t.px) / 1.24), format!("{}", t.px));
        }
    }

    #[test]
    fn wraps_at_spaces_and_between_chinese_characters_within_the_width() {
        let en = wrap("Add-on modules (AI Dispatch and Inventory)", LABEL, 150.0, 3);
        assert_eq!(en, ["Add-on modules (AI", "Dispatch and Inventory)"]);
        let zh = wrap("经销商与系统集成商联合销售渠道（含代理）", LABEL, 100.0, 3);
        assert!(zh.len() >= 2 && zh.iter().all(|l| text_width(l, LABEL) <= 100.0), "{zh:?}");
        assert_eq!(zh.concat(), "经销商与系统集成商联合销售渠道（含代理）");
        // No line starts with closing punctuation.
        let p = wrap("甲乙丙丁戊己庚，辛壬癸。子丑寅卯", LABEL, 84.0, 3);
        assert!(p.iter().all(|l| !l.starts_with(['，', '。', '）'])), "{p:?}");
        // A word longer than the line is broken where it must be.
        let long = wrap("Supercalifragilisticexpialidocious", LABEL, 60.0, 5);
        assert!(long.len() > 1 && long.iter().all(|l| text_width(l, LABEL) <= 60.0), "{long:?}");
        // Beyond the last line the text is cut with an ellipsis.
        let cut = wrap("one two three four five six seven eight nine ten", LABEL, 60.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…') && text_width(&cut[1], LABEL) <= 60.0, "{cut:?}");
    }

    #[test]
    fn a_million_characters_give_what_their_first_thousand_do() {
        // Issue 8: measuring and cutting were quadratic in the text. Now they look at what a
        // chart can draw and no further (`cargo bench --bench hostile` times it).
        let huge = "市场推广与品牌建设".repeat(120_000);
        let head: String = huge.chars().take(1_000).collect();
        let lines = wrap(&huge, LABEL, 200.0, MAX_LINES);
        let cut = fit(&huge, LABEL, 200.0);
        let width = text_width(&huge, LABEL);
        assert_eq!(lines, wrap(&head, LABEL, 200.0, MAX_LINES));
        assert_eq!(cut, fit(&head, LABEL, 200.0));
        assert_eq!(width, text_width(&head, LABEL));
        assert_eq!(lines.len(), MAX_LINES);
        assert!(lines[2].ends_with('…') && cut.ends_with('…'));
        assert!(width > 200.0 && width < MEASURE_LIMIT + 20.0);
    }

    #[test]
    fn measures_chinese_wider_than_latin_and_truncates_with_ellipsis() {
        let zh = text_width("华东区", LABEL);
        assert!((zh - 36.0).abs() < 0.01, "{zh}");
        assert!(text_width("abc", LABEL) < zh);
        let cut = fit("数字化销售工具与客户关系管理系统升级", LABEL, 60.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, LABEL) <= 60.0);
    }
}
