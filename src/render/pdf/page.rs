//! The page model: what ends on each page, in points from the top-left corner.
//!
//! Layout produces these; the writer turns them into PDF operators; tests read them to
//! check that nothing leaves the margins.

use super::fonts::Face;
use super::theme::Rgb;

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Regular or bold.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub color: Rgb,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A heading of this document, by anchor; resolved to its page by the writer.
    Anchor(String),
    /// An outside address.
    Uri(String),
}

/// One thing drawn on a page. `y` grows downwards from the top edge of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    /// A run of text on one baseline.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// Characters.
        text: String,
        /// Look.
        style: TextStyle,
        /// Extra advance after every stretchable character (justification), points.
        stretch: f32,
    },
    /// A filled rectangle.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Rgb,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Width, points.
        width: f32,
        /// Colour.
        color: Rgb,
    },
    /// A dotted leader line (contents).
    Dots {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Colour.
        color: Rgb,
    },
    /// A closed, filled polygon (charts).
    Polygon {
        /// Corners.
        points: Vec<(f32, f32)>,
        /// Fill colour.
        fill: Rgb,
    },
    /// An open path stroked (charts).
    Path {
        /// Points.
        points: Vec<(f32, f32)>,
        /// Width, points.
        width: f32,
        /// Colour.
        color: Rgb,
    },
    /// A clickable area.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Destination.
        target: Target,
    },
}

impl Elem {
    /// The box the element covers: (left, top, right, bottom). Text uses its advance
    /// width and the type size above and a fifth below the baseline.
    pub fn bounds(&self, measure: &dyn Fn(&str, &TextStyle) -> f32) -> (f32, f32, f32, f32) {
        match self {
            Elem::Text { x, y, text, style, stretch } => {
                // stretch follows every stretchable character but the last (see the writer)
                let n = text.chars().count();
                let stretches = text
                    .chars()
                    .take(n.saturating_sub(1))
                    .filter(|c| super::linebreak::stretchable(*c))
                    .count();
                let w = measure(text, style) + stretch * stretches as f32;
                (*x, y - style.size * 0.88, x + w, y + style.size * 0.12)
            }
            Elem::Rect { x, y, w, h, .. } | Elem::Link { x, y, w, h, .. } => (*x, *y, x + w, y + h),
            Elem::Line { from, to, .. } | Elem::Dots { from, to, .. } => {
                (from.0.min(to.0), from.1.min(to.1), from.0.max(to.0), from.1.max(to.1))
            }
            Elem::Polygon { points, .. } | Elem::Path { points, .. } => {
                let mut b = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
                for (px, py) in points {
                    b = (b.0.min(*px), b.1.min(*py), b.2.max(*px), b.3.max(*py));
                }
                b
            }
        }
    }

    /// The same element moved by (dx, dy).
    pub fn shifted(mut self, dx: f32, dy: f32) -> Self {
        match &mut self {
            Elem::Text { x, y, .. } | Elem::Rect { x, y, .. } | Elem::Link { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Elem::Line { from, to, .. } | Elem::Dots { from, to, .. } => {
                *from = (from.0 + dx, from.1 + dy);
                *to = (to.0 + dx, to.1 + dy);
            }
            Elem::Polygon { points, .. } | Elem::Path { points, .. } => {
                for p in points {
                    *p = (p.0 + dx, p.1 + dy);
                }
            }
        }
        self
    }
}

/// A heading placed on a page, for the contents, bookmarks and links.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// 2 for chapters, 3 for sections.
    pub level: u8,
    /// Heading text.
    pub title: String,
    /// Anchor (as the Markdown TOC links it).
    pub anchor: String,
    /// 1-based page number.
    pub page: usize,
    /// Top of the heading on its page.
    pub y: f32,
}

/// What a page carries besides its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// The cover: no running header or footer.
    Cover,
    /// Contents pages.
    Contents,
    /// Report body.
    Body,
}

/// One page: body elements inside the margins.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Cover, contents or body.
    pub kind: PageKind,
    /// Elements, in drawing order.
    pub elems: Vec<Elem>,
}
