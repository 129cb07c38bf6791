//! Page geometry, type sizes and colours of the PDF: one struct with defaults.
//!
//! The defaults follow a Word/WPS report in Chinese: A4 portrait, 2.54 cm top and bottom,
//! 3.17 cm left and right, 五号 (10.5 pt) body text, 三号/四号 headings.

pub use crate::theme::Rgb;

/// When a chapter starts a new page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChapterBreak {
    /// Before every chapter (a house style that wants it).
    Always,
    /// Only when less than [`Theme::chapter_min_room`] of the page is left, so no page
    /// ends a third full because a chapter ended there.
    Auto,
}

/// What the cover shows and in which order: the theme's `[cover]`.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverStyle {
    /// The label/value lines at the foot of the cover, by id, in order (ids: see
    /// [`COVER_FIELDS`]); a field the plan leaves empty is skipped.
    pub fields: Vec<String>,
    /// The organization's name above the title.
    pub organization: bool,
    /// The period under the title (when the title does not already say the year).
    pub period: bool,
    /// The largest size of the title, points (a long title steps down to 18 pt).
    pub title_size: f32,
}

/// The cover fields a theme may list.
pub const COVER_FIELDS: [&str; 8] = [
    "version",
    "prepared_by",
    "date",
    "as_of",
    "reviewed_by",
    "reviewed_on",
    "approved_by",
    "approved_on",
];

impl Default for CoverStyle {
    fn default() -> Self {
        Self {
            fields: ["version", "prepared_by", "date", "as_of"].map(String::from).to_vec(),
            organization: true,
            period: true,
            title_size: 28.0,
        }
    }
}

/// The placeholders the running header and footer may use.
pub const CHROME_PLACEHOLDERS: [&str; 8] =
    ["title", "chapter", "page", "total", "page_of", "organization", "period", "confidentiality"];

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Everything that decides how a page looks.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Page width in points.
    pub page_width: f32,
    /// Page height in points.
    pub page_height: f32,
    /// Margin above the body, points (the running header sits inside it).
    pub margin_top: f32,
    /// Margin below the body, points (the footer sits inside it).
    pub margin_bottom: f32,
    /// Left margin, points.
    pub margin_left: f32,
    /// Right margin, points.
    pub margin_right: f32,
    /// Body text size, points.
    pub body_size: f32,
    /// Line height as a multiple of the type size.
    pub line_height: f32,
    /// Space between paragraphs, points.
    pub paragraph_gap: f32,
    /// Chapter (`##`) heading size.
    pub h2_size: f32,
    /// Section (`###`) heading size.
    pub h3_size: f32,
    /// Smaller headings (`####`) size.
    pub h4_size: f32,
    /// Table text size.
    pub table_size: f32,
    /// Inner padding of a table cell, horizontal and vertical, points.
    pub cell_pad_x: f32,
    /// Vertical cell padding, points.
    pub cell_pad_y: f32,
    /// Running header and footer size.
    pub chrome_size: f32,
    /// Text colour.
    pub text: Rgb,
    /// Headings, rules and accents.
    pub accent: Rgb,
    /// Secondary text (header, footer, captions).
    pub muted: Rgb,
    /// Table header background (none: rules only).
    pub table_head: Option<Rgb>,
    /// Zebra stripe background of every second table row (none: plain rows).
    pub zebra: Option<Rgb>,
    /// Totals row background (none: the rule above it marks it).
    pub total_row: Option<Rgb>,
    /// Vertical rules between table columns (a grid) besides the horizontal ones.
    pub table_grid: bool,
    /// Background of code blocks and of a chart that could not be drawn.
    pub shade: Rgb,
    /// Table rules.
    pub rule: Rgb,
    /// Status colours: on track, at risk, off track, pending.
    pub status: [Rgb; 4],
    /// The quadrants of a 2×2 matrix (SWOT: strengths, weaknesses, opportunities, threats):
    /// title and rule colour, and cell tint.
    pub quadrants: [(Rgb, Rgb); 4],
    /// When chapters start a new page.
    pub chapter_break: ChapterBreak,
    /// With [`ChapterBreak::Auto`], the share of the body height that must be left for a
    /// chapter to start on the current page.
    pub chapter_min_room: f32,
    /// The running header, left / centre / right, with `{placeholders}`
    /// ([`CHROME_PLACEHOLDERS`]); an empty text prints nothing.
    pub header: [String; 3],
    /// The footer, left / centre / right.
    pub footer: [String; 3],
    /// The cover.
    pub cover: CoverStyle,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            page_width: 210.0 * PT_PER_MM,
            page_height: 297.0 * PT_PER_MM,
            margin_top: 25.4 * PT_PER_MM,
            margin_bottom: 25.4 * PT_PER_MM,
            margin_left: 31.7 * PT_PER_MM,
            margin_right: 31.7 * PT_PER_MM,
            body_size: 10.5,
            line_height: 1.65,
            paragraph_gap: 5.0,
            h2_size: 16.0,
            h3_size: 13.0,
            h4_size: 11.0,
            table_size: 9.0,
            cell_pad_x: 4.5,
            cell_pad_y: 3.5,
            chrome_size: 8.5,
            text: Rgb(0x1f, 0x23, 0x28),
            accent: Rgb(0x1f, 0x4e, 0x79),
            muted: Rgb(0x6a, 0x73, 0x7d),
            table_head: None,
            zebra: None,
            total_row: None,
            table_grid: false,
            shade: Rgb(0xf5, 0xf8, 0xfb),
            rule: Rgb(0x9f, 0xb3, 0xc8),
            status: [
                Rgb(0x1e, 0x7b, 0x34),
                Rgb(0xb2, 0x6a, 0x00),
                Rgb(0xc0, 0x1c, 0x28),
                Rgb(0x6a, 0x73, 0x7d),
            ],
            quadrants: [
                (Rgb(0x1e, 0x7b, 0x34), Rgb(0xeb, 0xf5, 0xed)),
                (Rgb(0xa8, 0x5d, 0x00), Rgb(0xfc, 0xf3, 0xe6)),
                (Rgb(0x1f, 0x4e, 0x79), Rgb(0xe9, 0xf0, 0xf7)),
                (Rgb(0xb0, 0x1c, 0x26), Rgb(0xfa, 0xec, 0xed)),
            ],
            chapter_break: ChapterBreak::Auto,
            chapter_min_room: 1.0 / 3.0,
            header: ["{title}".into(), String::new(), "{confidentiality}".into()],
            footer: [String::new(), "{page_of}".into(), String::new()],
            cover: CoverStyle::default(),
        }
    }
}

impl Theme {
    /// Width of the body column.
    pub fn body_width(&self) -> f32 {
        self.page_width - self.margin_left - self.margin_right
    }

    /// Height of the body column.
    pub fn body_height(&self) -> f32 {
        self.page_height - self.margin_top - self.margin_bottom
    }

    /// Baseline-to-baseline distance for text of `size`.
    pub fn leading(&self, size: f32) -> f32 {
        size * self.line_height
    }
}
