//! Rendered Markdown + the report's cover facts → a print-ready PDF.
//!
//! Layers, one file each: [`fonts`] (the faces, each character in the face that draws it,
//! real advances; [`script`] says which face a character asks for) → [`linebreak`]
//! (runs → lines: UAX #14 + kinsoku, justification) → [`blocks`] (pulldown-cmark events →
//! blocks) → [`flow`] and [`table`] (blocks → boxes of known height) → [`paginate`]
//! (boxes → pages) → [`cover`] (cover and contents) → [`writer`] (pages → PDF bytes with
//! lopdf; [`embed`] writes the font subsets). [`chart`] is the plotters backend charts draw
//! into.

pub mod blocks;
pub mod chart;
pub mod cover;
pub mod embed;
pub mod flow;
pub mod fonts;
mod input;
mod jobs;
pub mod linebreak;
pub mod matrix;
pub mod page;
pub mod paginate;
pub mod script;
pub mod table;
pub mod theme;
pub mod tiles;
pub mod writer;

use std::collections::BTreeMap;

use blocks::{Block, plain};

use crate::limits::MAX_MARKDOWN_NESTING;
pub use chart::{Drawing, PdfBackend};
pub use cover::Cover;
pub use fonts::Fonts;
pub use input::{input, input_styled};
use page::{Page, Placed};
pub use theme::Theme;
pub use writer::DocInfo;

use crate::error::Error;

/// Everything the PDF is made from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Input {
    /// The rendered Markdown report.
    pub markdown: String,
    /// Cover page facts.
    pub cover: Cover,
    /// Metadata, running header and footer.
    pub info: DocInfo,
    /// `目录` / `Contents`.
    pub contents_title: String,
    /// `目录（续）` / `Contents (continued)`, atop every further page of the contents.
    pub contents_continued: String,
    /// Chinese typography.
    pub zh: bool,
    /// Traditional Chinese glyph forms (Noto Sans TC before Noto Sans SC).
    pub traditional: bool,
    /// Headers of the tables drawn as a 2×2 matrix (SWOT, its strategies): the labels of
    /// the top two quadrants.
    pub matrices: Vec<[String; 2]>,
    /// The heading of a dashboard that stands on a page of its own (the annual set's).
    pub dashboard_page: Option<String>,
}

/// A laid-out document: its pages, where its headings are, and what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    /// Cover, contents and body pages.
    pub pages: Vec<Page>,
    /// Chapter and section headings with their pages.
    pub headings: Vec<Placed>,
    /// Characters no font can draw, charts that could not be drawn.
    pub warnings: Vec<String>,
}

/// Charts by id (`charts/<id>.svg` in the Markdown).
pub type Images<'a> = BTreeMap<String, &'a dyn Drawing>;

/// A character the PDF's font cannot draw, and where.
fn coverage(blocks: &[Block], input: &Input, fonts: &Fonts) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut check = |text: &str, place: &str| {
        for c in text.chars() {
            if !c.is_whitespace() && !fonts.covers(c) && seen.insert((c, place.to_string())) {
                out.push(format!(
                    "character U+{:04X} `{c}` in {place} is in none of the fonts ({}) and would print as a blank box (hint: name a font that has it with `--font`)",
                    c as u32,
                    fonts.names(fonts::Face::Regular)
                ));
            }
        }
    };
    let c = &input.cover;
    let cover_text = [
        Some(c.title.as_str()),
        c.organization.as_deref(),
        c.period.as_deref(),
        c.confidentiality.as_deref(),
    ];
    for t in cover_text.into_iter().flatten() {
        check(t, "the cover");
    }
    for (l, v) in &c.fields {
        check(&format!("{l}{v}"), "the cover");
    }
    let mut chapter = String::new();
    let mut section = String::new();
    fn walk(b: &Block, f: &mut dyn FnMut(&str)) {
        match b {
            Block::Heading { spans, .. } | Block::Paragraph(spans) => f(&plain(spans)),
            Block::List { items, .. } => items.iter().flatten().for_each(|b| walk(b, f)),
            Block::Quote(bs) => bs.iter().for_each(|b| walk(b, f)),
            Block::Table { head, rows, .. } => {
                head.iter().for_each(|c| f(&plain(c)));
                rows.iter().flatten().for_each(|c| f(&plain(c)));
            }
            Block::Code(t) => f(t),
            Block::Image { title, .. } => f(title),
            Block::Rule => {}
        }
    }
    for b in blocks {
        if let Block::Heading { level, spans, .. } = b {
            match level {
                0..=2 => {
                    chapter = plain(spans);
                    section.clear();
                }
                3 => section = plain(spans),
                _ => {}
            }
        }
        let place = if section.is_empty() {
            format!("「{chapter}」")
        } else {
            format!("「{chapter} › {section}」")
        };
        walk(b, &mut |t| check(t, &place));
    }
    out
}

/// Lays the document out into pages (no PDF written): for tests and for [`render`].
pub fn layout(input: &Input, fonts: &Fonts, theme: &Theme, images: &Images) -> Result<Laid, Error> {
    let fonts = &fonts.for_language(input.zh);
    let parsed = blocks::parse(&input.markdown)
        .map_err(|depth| Error::TooDeep { depth, limit: MAX_MARKDOWN_NESTING })?;
    let blocks = blocks::body(parsed);
    let mut ctx = flow::Ctx {
        fonts,
        theme,
        zh: input.zh,
        matrices: &input.matrices,
        dashboard_page: input.dashboard_page.as_deref(),
        images,
        warnings: Vec::new(),
    };
    // characters no font has are found while the blocks are laid out
    let (mut warnings, flowed) =
        rayon::join(|| coverage(&blocks, input, fonts), || flow::layout(&blocks, &mut ctx));
    warnings.append(&mut ctx.warnings);
    let entries: Vec<(u8, String)> = flowed
        .iter()
        .filter_map(|f| match f {
            flow::Flow::Box(b) => b.mark.as_ref(),
            _ => None,
        })
        .filter(|m| m.level <= 3)
        .map(|m| (m.level, m.title.clone()))
        .collect();
    let toc_pages = cover::contents_pages(&entries, theme);
    let body = paginate::paginate(&flowed, theme, 2 + toc_pages);
    let toc_entries: Vec<Placed> = body.headings.iter().filter(|p| p.level <= 3).cloned().collect();
    let mut pages = vec![cover::cover(&input.cover, fonts, theme)];
    let titles = [input.contents_title.as_str(), input.contents_continued.as_str()];
    pages.extend(cover::contents(titles, &toc_entries, fonts, theme));
    debug_assert_eq!(pages.len(), 1 + toc_pages);
    pages.extend(body.pages);
    Ok(Laid { pages, headings: body.headings, warnings })
}

/// The PDF bytes and the warnings met on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Problems the caller should show (characters no font has, missing charts).
    pub warnings: Vec<String>,
    /// Number of pages.
    pub pages: usize,
}

/// Renders the PDF.
pub fn render(
    input: &Input,
    fonts: &Fonts,
    theme: &Theme,
    images: &Images,
) -> Result<Output, Error> {
    let fonts = &fonts.for_document(input.zh, input.traditional)?;
    let laid = layout(input, fonts, theme, images)?;
    let mut seed = writer::fnv(input.markdown.as_bytes(), 0);
    seed = writer::fnv(format!("{:?}{:?}", input.cover, input.info).as_bytes(), seed);
    let bytes = writer::write(&laid.pages, &laid.headings, &input.info, fonts, theme, seed)?;
    Ok(Output { bytes, warnings: laid.warnings, pages: laid.pages.len() })
}
