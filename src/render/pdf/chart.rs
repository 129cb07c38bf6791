//! Charts → page elements: a plotters `DrawingBackend` that records lines, rectangles,
//! polygons, circles and text as elements of the page model (opaque colours only).
//!
//! A chart implements [`Drawing`]: its size in backend units (1 unit = 1 pt at scale 1)
//! and a `draw` that paints onto the [`PdfBackend`] it is given, typically through
//! `backend.into_drawing_area()`. The layout scales the result to the body width.

use std::cell::RefCell;
use std::convert::Infallible;
use std::rc::Rc;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::fonts::{Face, Fonts};
use super::page::{Elem, TextStyle};
use super::theme::Rgb;

/// Something the PDF can draw in place of `![title](charts/<id>.svg)` (`Sync`: the blocks
/// of a document are laid out on several threads).
pub trait Drawing: Sync {
    /// Width and height in backend units.
    fn size(&self) -> (u32, u32);
    /// Paints onto `backend`.
    fn draw(&self, backend: PdfBackend<'_>) -> Result<(), String>;
    /// Where it may be cut across when too tall for a page (rows of a Gantt chart); `None`
    /// for a drawing that is shrunk to fit instead.
    fn cuts(&self) -> Option<crate::charts::Cuts> {
        None
    }
}

/// The size text is set at for a plotters font size: plotters' SVG backend writes
/// `size / 1.24`, and charts are laid out for what the SVG shows, so the PDF does the same.
fn font_size(plotters_size: f64) -> f32 {
    (plotters_size / 1.24) as f32
}

/// Collects what a [`PdfBackend`] draws.
pub struct Recorder<'f> {
    size: (u32, u32),
    fonts: &'f Fonts,
    elems: Rc<RefCell<Vec<Elem>>>,
}

impl<'f> Recorder<'f> {
    /// A recorder for a drawing of `size` units.
    pub fn new(size: (u32, u32), fonts: &'f Fonts) -> Self {
        Self { size, fonts, elems: Rc::default() }
    }

    /// A backend that draws into this recorder.
    pub fn backend(&self) -> PdfBackend<'f> {
        PdfBackend { size: self.size, fonts: self.fonts, elems: Rc::clone(&self.elems) }
    }

    /// The recorded elements, scaled by `scale` and moved to (`left`, `top`).
    pub fn into_elems(self, left: f32, top: f32, scale: f32) -> Vec<Elem> {
        let elems = std::mem::take(&mut *self.elems.borrow_mut());
        elems.into_iter().map(|e| scaled(e, scale).shifted(left, top)).collect()
    }
}

fn scaled(e: Elem, s: f32) -> Elem {
    let p = |(x, y): (f32, f32)| (x * s, y * s);
    match e {
        Elem::Text { x, y, text, style, stretch } => Elem::Text {
            x: x * s,
            y: y * s,
            text,
            style: TextStyle { size: style.size * s, ..style },
            stretch: stretch * s,
        },
        Elem::Rect { x, y, w, h, fill } => {
            Elem::Rect { x: x * s, y: y * s, w: w * s, h: h * s, fill }
        }
        Elem::Line { from, to, width, color } => {
            Elem::Line { from: p(from), to: p(to), width: width * s, color }
        }
        Elem::Dots { from, to, color } => Elem::Dots { from: p(from), to: p(to), color },
        Elem::Polygon { points, fill } => {
            Elem::Polygon { points: points.into_iter().map(p).collect(), fill }
        }
        Elem::Path { points, width, color } => {
            Elem::Path { points: points.into_iter().map(p).collect(), width: width * s, color }
        }
        Elem::Link { x, y, w, h, target } => {
            Elem::Link { x: x * s, y: y * s, w: w * s, h: h * s, target }
        }
    }
}

/// The plotters backend of the PDF.
pub struct PdfBackend<'f> {
    size: (u32, u32),
    fonts: &'f Fonts,
    elems: Rc<RefCell<Vec<Elem>>>,
}

/// An opaque colour: transparency is blended onto white paper; `None` when invisible.
fn opaque(c: BackendColor) -> Option<Rgb> {
    if c.alpha <= 0.0 {
        return None;
    }
    let a = c.alpha.min(1.0);
    let mix = |v: u8| (f64::from(v) * a + 255.0 * (1.0 - a)).round() as u8;
    Some(Rgb(mix(c.rgb.0), mix(c.rgb.1), mix(c.rgb.2)))
}

fn pt((x, y): BackendCoord) -> (f32, f32) {
    (x as f32, y as f32)
}

type Res = Result<(), DrawingErrorKind<Infallible>>;

impl PdfBackend<'_> {
    fn push(&self, e: Elem) {
        self.elems.borrow_mut().push(e);
    }
}

impl DrawingBackend for PdfBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Res {
        Ok(())
    }

    fn present(&mut self) -> Res {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Res {
        if let Some(fill) = opaque(color) {
            let (x, y) = pt(point);
            self.push(Elem::Rect { x, y, w: 1.0, h: 1.0, fill });
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res {
        if let Some(color) = opaque(style.color()) {
            let width = style.stroke_width().max(1) as f32;
            self.push(Elem::Line { from: pt(from), to: pt(to), width, color });
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res {
        let Some(color) = opaque(style.color()) else { return Ok(()) };
        let ((x0, y0), (x1, y1)) = (pt(upper_left), pt(bottom_right));
        if fill {
            self.push(Elem::Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0, fill: color });
        } else {
            let width = style.stroke_width().max(1) as f32;
            let points = vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
            self.push(Elem::Path { points, width, color });
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Res {
        if let Some(color) = opaque(style.color()) {
            let points: Vec<_> = path.into_iter().map(pt).collect();
            if points.len() > 1 {
                let width = style.stroke_width().max(1) as f32;
                self.push(Elem::Path { points, width, color });
            }
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res {
        let Some(color) = opaque(style.color()) else { return Ok(()) };
        let (cx, cy) = pt(center);
        let r = radius as f32;
        let n = 32;
        let mut points: Vec<(f32, f32)> = (0..n)
            .map(|i| {
                let a = i as f32 / n as f32 * std::f32::consts::TAU;
                (cx + r * a.cos(), cy + r * a.sin())
            })
            .collect();
        if fill {
            self.push(Elem::Polygon { points, fill: color });
        } else {
            points.push(points[0]);
            let width = style.stroke_width().max(1) as f32;
            self.push(Elem::Path { points, width, color });
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Res {
        if let Some(fill) = opaque(style.color()) {
            let points: Vec<_> = vert.into_iter().map(pt).collect();
            if points.len() > 2 {
                self.push(Elem::Polygon { points, fill });
            }
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Res {
        let Some(color) = opaque(style.color()) else { return Ok(()) };
        let size = font_size(style.size());
        let face = match style.style() {
            plotters_backend::FontStyle::Bold => Face::Bold,
            _ => Face::Regular,
        };
        let w = self.fonts.width(face, text, size);
        let (x, y) = pt(pos);
        // Rotated text is set horizontally at its anchor (the page model has no rotation).
        let anchor = style.anchor();
        let x = match anchor.h_pos {
            HPos::Left => x,
            HPos::Center => x - w / 2.0,
            HPos::Right => x - w,
        };
        let baseline = match anchor.v_pos {
            VPos::Top => y + size * 0.88,
            VPos::Center => y + size * 0.38,
            VPos::Bottom => y - size * 0.12,
        };
        self.push(Elem::Text {
            x,
            y: baseline,
            text: text.to_string(),
            style: TextStyle { face, size, color },
            stretch: 0.0,
        });
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        let size = font_size(style.size());
        let face = match style.style() {
            plotters_backend::FontStyle::Bold => Face::Bold,
            _ => Face::Regular,
        };
        Ok((self.fonts.width(face, text, size).ceil() as u32, size.ceil() as u32))
    }
}

/// Cuts recorded elements into horizontal bands at `edges` (ascending, in the elements'
/// own units): one band above the first edge, one between each pair, one below the last.
/// Each element goes to the band its middle is in, moved up by the band's top; a rectangle
/// (the chart's paper) or a vertical line or path (a grid line, a dated line down the rows)
/// is split at the edges it crosses, so every band draws its own stretch of it.
pub fn slice(elems: Vec<Elem>, edges: &[f32]) -> Vec<Vec<Elem>> {
    let band_of = |y: f32| edges.partition_point(|e| *e <= y);
    let top_of = |b: usize| if b == 0 { 0.0 } else { edges[b - 1] };
    let mut bands: Vec<Vec<Elem>> = vec![Vec::new(); edges.len() + 1];
    for e in elems {
        if let Some((x, y0, y1)) = splittable(&e) {
            // a stretch in each band the line runs through
            let (first, last) = (band_of(y0), band_of(y1));
            for (b, band) in bands.iter_mut().enumerate().take(last + 1).skip(first) {
                let a = y0.max(top_of(b));
                let z = if b < edges.len() { y1.min(edges[b]) } else { y1 };
                if z - a > 0.01 {
                    band.push(with_span(&e, x, a, z).shifted(0.0, -top_of(b)));
                }
            }
            continue;
        }
        let b = band_of(middle(&e));
        bands[b].push(e.shifted(0.0, -top_of(b)));
    }
    bands
}

/// What may run across bands: a rectangle, or a straight vertical line or two-point path;
/// its x and its y span, top first.
fn splittable(e: &Elem) -> Option<(f32, f32, f32)> {
    if let Elem::Rect { x, y, h, .. } = e {
        return Some((*x, *y, y + h));
    }
    let (a, b) = match e {
        Elem::Line { from, to, .. } => (*from, *to),
        Elem::Path { points, .. } if points.len() == 2 => (points[0], points[1]),
        _ => return None,
    };
    ((a.0 - b.0).abs() < 0.01).then(|| (a.0, a.1.min(b.1), a.1.max(b.1)))
}

/// `e`, a rectangle or a vertical line or path, running from `y0` to `y1` at `x`.
fn with_span(e: &Elem, x: f32, y0: f32, y1: f32) -> Elem {
    match e {
        Elem::Rect { w, fill, .. } => Elem::Rect { x, y: y0, w: *w, h: y1 - y0, fill: *fill },
        Elem::Line { width, color, .. } => {
            Elem::Line { from: (x, y0), to: (x, y1), width: *width, color: *color }
        }
        Elem::Path { width, color, .. } => {
            Elem::Path { points: vec![(x, y0), (x, y1)], width: *width, color: *color }
        }
        other => other.clone(),
    }
}

/// The height an element's band is judged by: the middle of its ink.
fn middle(e: &Elem) -> f32 {
    match e {
        // a baseline: the middle of the text sits about a third of its size above it
        Elem::Text { y, style, .. } => y - style.size * 0.35,
        Elem::Rect { y, h, .. } => y + h / 2.0,
        Elem::Line { from, to, .. } | Elem::Dots { from, to, .. } => (from.1 + to.1) / 2.0,
        Elem::Polygon { points, .. } | Elem::Path { points, .. } => {
            points.iter().map(|p| p.1).sum::<f32>() / points.len().max(1) as f32
        }
        Elem::Link { y, h, .. } => y + h / 2.0,
    }
}

/// How far down a band's text and lines reach (a text's descent counted), for trimming the
/// blank padding under them; rectangles (the paper under everything) do not count.
pub fn ink_bottom(elems: &[Elem]) -> f32 {
    elems
        .iter()
        .map(|e| match e {
            Elem::Text { y, style, .. } => y + style.size * 0.25,
            Elem::Rect { .. } | Elem::Link { .. } => 0.0,
            Elem::Line { from, to, .. } | Elem::Dots { from, to, .. } => from.1.max(to.1),
            Elem::Polygon { points, .. } | Elem::Path { points, .. } => {
                points.iter().map(|p| p.1).fold(0.0, f32::max)
            }
        })
        .fold(0.0, f32::max)
}

/// The report's charts draw through the same plotters code as their SVG.
impl Drawing for crate::charts::Chart {
    fn size(&self) -> (u32, u32) {
        crate::charts::Chart::size(self)
    }

    fn draw(&self, backend: PdfBackend<'_>) -> Result<(), String> {
        use plotters::prelude::IntoDrawingArea;
        crate::charts::Chart::draw(self, &backend.into_drawing_area())
    }

    fn cuts(&self) -> Option<crate::charts::Cuts> {
        crate::charts::Chart::cuts(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    struct Tiny;

    impl Drawing for Tiny {
        fn size(&self) -> (u32, u32) {
            (200, 100)
        }
        fn draw(&self, backend: PdfBackend<'_>) -> Result<(), String> {
            let area = backend.into_drawing_area();
            area.fill(&WHITE).map_err(|e| e.to_string())?;
            area.draw(&Rectangle::new([(10, 10), (60, 90)], BLUE.filled()))
                .map_err(|e| e.to_string())?;
            area.draw(&Circle::new((120, 50), 20, RED.filled())).map_err(|e| e.to_string())?;
            area.draw(&PathElement::new(
                vec![(0, 99), (100, 40), (199, 60)],
                plotters::style::Color::stroke_width(&GREEN, 2),
            ))
            .map_err(|e| e.to_string())?;
            area.draw(&Text::new("销售额", (150, 10), ("sans-serif", 12).into_font()))
                .map_err(|e| e.to_string())?;
            area.draw(&Rectangle::new([(0, 0), (5, 5)], RGBColor(0, 0, 0).mix(0.0).filled()))
                .map_err(|e| e.to_string())?;
            area.present().map_err(|e| e.to_string())
        }
    }

    #[test]
    fn records_a_plotters_drawing_as_page_elements() {
        let fonts = Fonts::load().expect("fonts");
        let rec = Recorder::new(Tiny.size(), &fonts);
        Tiny.draw(rec.backend()).expect("draws");
        let elems = rec.into_elems(100.0, 200.0, 0.5);
        // background, bar, circle, line, text; the fully transparent square is dropped
        assert!(
            elems.iter().any(
                |e| matches!(e, Elem::Rect { fill: Rgb(255, 255, 255), w, .. } if *w == 100.0)
            )
        );
        assert!(elems.iter().any(
            |e| matches!(e, Elem::Rect { x, y, fill: Rgb(0, 0, 255), .. } if *x == 105.0 && *y == 205.0)
        ));
        assert!(elems.iter().any(
            |e| matches!(e, Elem::Polygon { fill: Rgb(255, 0, 0), points } if points.len() == 32)
        ));
        assert!(elems.iter().any(
            |e| matches!(e, Elem::Path { color: Rgb(0, 255, 0), width, .. } if *width == 1.0 || *width == 2.0)
        ));
        let text = elems.iter().find_map(|e| match e {
            Elem::Text { text, style, x, .. } => Some((text.clone(), style.size, *x)),
            _ => None,
        });
        // plotters size 12 is set as the SVG shows it (12 / 1.24), at half scale.
        let (t, size, x) = text.expect("text drawn");
        assert_eq!((t.as_str(), x), ("销售额", 175.0));
        assert!((size - 12.0 / 1.24 * 0.5).abs() < 1e-4, "{size}");
        assert!(!elems.iter().any(|e| matches!(e, Elem::Rect { fill: Rgb(0, 0, 0), .. })));
    }

    struct Label;

    impl Drawing for Label {
        fn size(&self) -> (u32, u32) {
            (300, 50)
        }
        fn draw(&self, backend: PdfBackend<'_>) -> Result<(), String> {
            let area = backend.into_drawing_area();
            use plotters::style::text_anchor::{HPos, Pos, VPos};
            let style = ("sans-serif", 12.4)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Right, VPos::Top));
            area.draw(&Text::new("Revenue 销售额 2025", (300, 0), style)).map_err(|e| e.to_string())
        }
    }

    #[test]
    fn chart_text_is_measured_in_the_faces_that_draw_it() {
        // Latin in Noto Sans, Chinese in Noto Sans SC: a right-aligned label ends at its anchor
        let fonts = Fonts::load().expect("fonts").for_language(false);
        let rec = Recorder::new(Label.size(), &fonts);
        Label.draw(rec.backend()).expect("draws");
        let elems = rec.into_elems(0.0, 0.0, 1.0);
        let Some(Elem::Text { x, text, style, .. }) =
            elems.iter().find(|e| matches!(e, Elem::Text { .. }))
        else {
            panic!("no text: {elems:?}")
        };
        let by_face: f32 = text
            .chars()
            .map(|c| {
                let font = fonts.font(fonts.slot(style.face, c));
                font.glyph_advance(font.glyph(c).unwrap_or(0)) * style.size
            })
            .sum();
        assert!((x + by_face - 300.0).abs() < 1e-3, "{x} + {by_face}");
        assert_eq!(fonts.font(fonts.slot(style.face, 'R')).name(), "NotoSans-Regular");
        assert_eq!(fonts.font(fonts.slot(style.face, '销')).name(), "NotoSansSC-Regular");
    }

    #[test]
    fn transparency_is_blended_onto_white() {
        assert_eq!(opaque(BackendColor { alpha: 0.5, rgb: (0, 0, 0) }), Some(Rgb(128, 128, 128)));
        assert_eq!(opaque(BackendColor { alpha: 0.0, rgb: (0, 0, 0) }), None);
    }

    #[test]
    fn slicing_splits_what_crosses_an_edge_and_moves_the_rest_into_its_band() {
        use super::{Face, Rgb, TextStyle};
        let ink = Rgb(0, 0, 0);
        let style = TextStyle { face: Face::Regular, size: 10.0, color: ink };
        let elems = vec![
            // the paper under everything, and a grid line down all the rows
            Elem::Rect { x: 0.0, y: 0.0, w: 50.0, h: 100.0, fill: Rgb(255, 255, 255) },
            Elem::Line { from: (20.0, 30.0), to: (20.0, 90.0), width: 1.0, color: ink },
            // a dash crossing the edge at 60, drawn bottom up
            Elem::Path { points: vec![(30.0, 65.0), (30.0, 55.0)], width: 1.0, color: ink },
            // a text whose baseline is past the edge at 30 but whose middle is above it
            Elem::Text { x: 1.0, y: 32.0, text: "a".into(), style, stretch: 0.0 },
            // a bar inside the second row, and a slanted line judged by its middle
            Elem::Rect { x: 5.0, y: 70.0, w: 10.0, h: 8.0, fill: ink },
            Elem::Line { from: (0.0, 95.0), to: (50.0, 97.0), width: 1.0, color: ink },
        ];
        let bands = slice(elems, &[30.0, 60.0, 90.0]);
        assert_eq!(bands.len(), 4);
        let spans = |band: &[Elem]| -> Vec<(f32, f32)> {
            band.iter()
                .filter_map(|e| match e {
                    Elem::Rect { y, h, .. } => Some((*y, y + h)),
                    Elem::Line { from, to, .. } if from.0 == to.0 => Some((from.1, to.1)),
                    Elem::Path { points, .. } => Some((points[0].1, points[1].1)),
                    _ => None,
                })
                .collect()
        };
        // each band its own stretch of the paper and the grid line, from its own top
        assert_eq!(spans(&bands[0]), vec![(0.0, 30.0)]);
        assert!(matches!(&bands[0][1], Elem::Text { y, .. } if *y == 32.0));
        assert_eq!(spans(&bands[1]), vec![(0.0, 30.0), (0.0, 30.0), (25.0, 30.0)]);
        assert_eq!(spans(&bands[2]), vec![(0.0, 30.0), (0.0, 30.0), (0.0, 5.0), (10.0, 18.0)]);
        assert_eq!(spans(&bands[3]), vec![(0.0, 10.0)]);
        assert!(matches!(&bands[3][1], Elem::Line { from, .. } if *from == (0.0, 5.0)));
        // the text, the bar and the lines keep their x
        assert_eq!(bands.iter().map(Vec::len).sum::<usize>(), 11);
        // the paper does not count as ink; the slanted line does
        assert_eq!(ink_bottom(&bands[3]), 7.0);
    }
}
