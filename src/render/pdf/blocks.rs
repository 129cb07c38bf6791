//! Rendered Markdown → a tree of blocks (headings, paragraphs, lists, tables, images).
//!
//! The Markdown's own cover block and `## 目录` list are dropped here: the PDF draws its
//! own cover page and a contents list with real page numbers.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::linebreak::Align;
use crate::limits::MAX_MARKDOWN_NESTING;

/// A run of inline text with its emphasis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Span {
    /// Characters.
    pub text: String,
    /// `**strong**`.
    pub bold: bool,
    /// `*emphasis*`.
    pub italic: bool,
    /// `` `code` ``.
    pub code: bool,
    /// Link destination.
    pub link: Option<String>,
}

/// Inline content.
pub type Inlines = Vec<Span>;

/// The plain text of inline content.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// A block of the report body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `##` chapter (2), `###` section (3), deeper (4+).
    Heading {
        /// Level, 1–6.
        level: u8,
        /// Text.
        spans: Inlines,
        /// Anchor, as the Markdown contents list links it.
        anchor: String,
    },
    /// A paragraph.
    Paragraph(Inlines),
    /// A bulleted (`start: None`) or numbered list; each item is a list of blocks.
    List {
        /// First number of an ordered list.
        start: Option<u64>,
        /// Items.
        items: Vec<Vec<Block>>,
    },
    /// A table.
    Table {
        /// Column alignment.
        aligns: Vec<Align>,
        /// Header cells.
        head: Vec<Inlines>,
        /// Body rows.
        rows: Vec<Vec<Inlines>>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// Preformatted text.
    Code(String),
    /// `---`.
    Rule,
    /// An image alone in its paragraph: `![title](charts/<id>.svg)`.
    Image {
        /// Destination as written.
        url: String,
        /// Alt text.
        title: String,
    },
}

#[derive(Default)]
struct Style {
    bold: u32,
    italic: u32,
    link: Vec<String>,
}

/// Builds the block tree of a whole Markdown document. The tree is built recursively, so a
/// document whose lists and quotes nest deeper than [`MAX_MARKDOWN_NESTING`] is refused with
/// its depth (counted on the same events, without recursion).
pub fn parse(md: &str) -> Result<Vec<Block>, usize> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Event> = Parser::new_ext(md, opts).collect();
    let depth = crate::text::events_nesting(&events);
    if depth > MAX_MARKDOWN_NESTING {
        return Err(depth);
    }
    let mut pos = 0;
    let mut anchors = crate::render::markdown::Anchors::default();
    let mut blocks = parse_blocks(&events, &mut pos, &mut anchors);
    for b in &mut blocks {
        tidy_block(b);
    }
    Ok(blocks)
}

/// Drops what the PDF replaces: everything before the first chapter heading, and the
/// contents list (a `##` heading followed only by a list of links to `#anchors`).
pub fn body(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut started = false;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        if let Block::Heading { level: 2, .. } = b {
            if let Some(Block::List { items, .. }) = blocks.get(i + 1)
                && is_link_list(items)
                && matches!(blocks.get(i + 2), None | Some(Block::Heading { .. }))
            {
                i += 2;
                continue;
            }
            started = true;
        }
        if started {
            out.push(b.clone());
        }
        i += 1;
    }
    out
}

fn is_link_list(items: &[Vec<Block>]) -> bool {
    !items.is_empty()
        && items.iter().all(|item| {
            item.iter().all(|b| match b {
                Block::Paragraph(spans) => {
                    spans.iter().all(|s| s.link.as_deref().is_some_and(|l| l.starts_with('#')))
                }
                Block::List { items, .. } => is_link_list(items),
                _ => false,
            })
        })
}

fn parse_blocks(
    ev: &[Event],
    pos: &mut usize,
    anchors: &mut crate::render::markdown::Anchors,
) -> Vec<Block> {
    let mut out = Vec::new();
    while *pos < ev.len() {
        let e = &ev[*pos];
        *pos += 1;
        match e {
            Event::Start(Tag::Heading { level, .. }) => {
                let spans = inlines(ev, pos);
                let level = heading_level(*level);
                let anchor = anchors.next(plain(&spans).trim());
                out.push(Block::Heading { level, spans, anchor });
            }
            Event::Start(Tag::Paragraph) => {
                let start = *pos;
                if let Some(img) = lone_image(ev, pos) {
                    out.push(img);
                } else {
                    *pos = start;
                    out.push(Block::Paragraph(inlines(ev, pos)));
                }
            }
            Event::Start(Tag::List(start)) => {
                let mut items = Vec::new();
                while *pos < ev.len() {
                    match &ev[*pos] {
                        Event::Start(Tag::Item) => {
                            *pos += 1;
                            items.push(item_blocks(ev, pos, anchors));
                        }
                        Event::End(TagEnd::List(_)) => {
                            *pos += 1;
                            break;
                        }
                        _ => *pos += 1,
                    }
                }
                out.push(Block::List { start: *start, items });
            }
            Event::Start(Tag::Table(aligns)) => out.push(table(ev, pos, aligns)),
            Event::Start(Tag::BlockQuote(_)) => {
                out.push(Block::Quote(parse_blocks(ev, pos, anchors)));
            }
            Event::Start(Tag::CodeBlock(_)) => {
                let mut text = String::new();
                while *pos < ev.len() {
                    match &ev[*pos] {
                        Event::Text(t) => text.push_str(t),
                        Event::End(TagEnd::CodeBlock) => {
                            *pos += 1;
                            break;
                        }
                        _ => {}
                    }
                    *pos += 1;
                }
                out.push(Block::Code(text.trim_end().to_string()));
            }
            Event::Start(Tag::HtmlBlock) => {
                let mut text = String::new();
                while *pos < ev.len() {
                    match &ev[*pos] {
                        Event::Html(t) | Event::Text(t) => text.push_str(t),
                        Event::End(TagEnd::HtmlBlock) => {
                            *pos += 1;
                            break;
                        }
                        _ => {}
                    }
                    *pos += 1;
                }
                let text = strip_tags(&text);
                if !text.trim().is_empty() {
                    out.push(Block::Paragraph(vec![Span {
                        text: text.trim().to_string(),
                        ..Span::default()
                    }]));
                }
            }
            Event::Rule => out.push(Block::Rule),
            Event::End(TagEnd::BlockQuote(_)) | Event::End(TagEnd::Item) => return out,
            // Text directly in a tight list item.
            Event::Text(_)
            | Event::Code(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::InlineHtml(_)
            | Event::Start(Tag::Strong | Tag::Emphasis | Tag::Link { .. } | Tag::Strikethrough) => {
                *pos -= 1;
                out.push(Block::Paragraph(inlines(ev, pos)));
            }
            _ => {}
        }
    }
    out
}

fn item_blocks(
    ev: &[Event],
    pos: &mut usize,
    anchors: &mut crate::render::markdown::Anchors,
) -> Vec<Block> {
    parse_blocks(ev, pos, anchors)
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A paragraph holding a single image (whitespace aside) becomes an image block.
fn lone_image(ev: &[Event], pos: &mut usize) -> Option<Block> {
    let mut i = *pos;
    while let Some(Event::Text(t)) = ev.get(i) {
        if !t.trim().is_empty() {
            return None;
        }
        i += 1;
    }
    let Some(Event::Start(Tag::Image { dest_url, .. })) = ev.get(i) else { return None };
    let mut title = String::new();
    i += 1;
    while let Some(e) = ev.get(i) {
        i += 1;
        match e {
            Event::Text(t) | Event::Code(t) => title.push_str(t),
            Event::End(TagEnd::Image) => break,
            _ => {}
        }
    }
    while let Some(e @ (Event::Text(_) | Event::SoftBreak)) = ev.get(i) {
        if let Event::Text(t) = e
            && !t.trim().is_empty()
        {
            return None;
        }
        i += 1;
    }
    if !matches!(ev.get(i), Some(Event::End(TagEnd::Paragraph))) {
        return None;
    }
    *pos = i + 1;
    Some(Block::Image { url: dest_url.to_string(), title })
}

fn table(ev: &[Event], pos: &mut usize, aligns: &[Alignment]) -> Block {
    let aligns = aligns
        .iter()
        .map(|a| match a {
            Alignment::Right => Align::Right,
            Alignment::Center => Align::Center,
            _ => Align::Left,
        })
        .collect();
    let mut head = Vec::new();
    let mut rows: Vec<Vec<Inlines>> = Vec::new();
    let mut in_head = false;
    while *pos < ev.len() {
        let e = &ev[*pos];
        *pos += 1;
        match e {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                let cell = inlines(ev, pos);
                if in_head {
                    head.push(cell);
                } else if let Some(r) = rows.last_mut() {
                    r.push(cell);
                }
            }
            Event::End(TagEnd::Table) => break,
            _ => {}
        }
    }
    Block::Table { aligns, head, rows }
}

/// Inline events up to the end of the enclosing element.
fn inlines(ev: &[Event], pos: &mut usize) -> Inlines {
    let mut out: Inlines = Vec::new();
    let mut st = Style::default();
    let mut depth = 0;
    let push = |out: &mut Inlines, st: &Style, text: &str, code: bool| {
        let span = Span {
            text: text.to_string(),
            bold: st.bold > 0,
            italic: st.italic > 0,
            code,
            link: st.link.last().cloned(),
        };
        match out.last_mut() {
            Some(l)
                if l.bold == span.bold
                    && l.italic == span.italic
                    && l.code == span.code
                    && l.link == span.link =>
            {
                l.text.push_str(&span.text)
            }
            _ => out.push(span),
        }
    };
    while *pos < ev.len() {
        let e = &ev[*pos];
        *pos += 1;
        match e {
            Event::Text(t) => push(&mut out, &st, t, false),
            Event::Code(t) => push(&mut out, &st, t, true),
            Event::SoftBreak => push(&mut out, &st, "\u{1}", false),
            Event::HardBreak => push(&mut out, &st, "\n", false),
            // a line break inside a table cell (`<br>`, from a template)
            Event::InlineHtml(h) if is_br(h) => push(&mut out, &st, "\n", false),
            Event::InlineHtml(_) | Event::Html(_) => {}
            Event::Start(Tag::Strong) => st.bold += 1,
            Event::End(TagEnd::Strong) => st.bold = st.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => st.italic += 1,
            Event::End(TagEnd::Emphasis) => st.italic = st.italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => st.link.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                st.link.pop();
            }
            Event::Start(Tag::Image { .. }) | Event::Start(Tag::Strikethrough) => depth += 1,
            Event::End(TagEnd::Image) | Event::End(TagEnd::Strikethrough) => depth -= 1,
            Event::Start(_) | Event::End(TagEnd::Item) => {
                // a block inside inline content (tight list items): leave it to the caller
                *pos -= 1;
                break;
            }
            Event::End(_) if depth == 0 => break,
            _ => {}
        }
    }
    out
}

/// `<br>`, `<br/>` or `<br />`.
fn is_br(html: &str) -> bool {
    let t: String = html.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(t.to_ascii_lowercase().as_str(), "<br>" | "<br/>")
}

/// Removes HTML tags, keeps their text.
pub fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Soft line breaks (`\u{1}`) become nothing between CJK characters, a space elsewhere.
fn tidy_spans(spans: &mut Inlines) {
    let all: Vec<char> = spans.iter().flat_map(|s| s.text.chars()).collect();
    let mut k = 0;
    for s in spans.iter_mut() {
        let mut t = String::with_capacity(s.text.len());
        for c in s.text.chars() {
            if c == '\u{1}' {
                let prev = (k > 0).then(|| all[k - 1]);
                let next = all.get(k + 1).copied();
                let cjk = prev.is_some_and(super::linebreak::is_cjk)
                    || next.is_some_and(super::linebreak::is_cjk);
                if !cjk {
                    t.push(' ');
                }
            } else {
                t.push(c);
            }
            k += 1;
        }
        s.text = t;
    }
    spans.retain(|s| !s.text.is_empty());
}

fn tidy_block(b: &mut Block) {
    match b {
        Block::Heading { spans, .. } | Block::Paragraph(spans) => tidy_spans(spans),
        Block::List { items, .. } => items.iter_mut().flatten().for_each(tidy_block),
        Block::Quote(bs) => bs.iter_mut().for_each(tidy_block),
        Block::Table { head, rows, .. } => {
            head.iter_mut().for_each(tidy_spans);
            rows.iter_mut().flatten().for_each(tidy_spans);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MD: &str = "# 标题\n\n| 项目 | 内容 |\n|:--|:--|\n| 编制单位 | 华远 |\n\n## 目录\n\n- [一、执行摘要](#一执行摘要)\n    - [（一）要点](#一要点)\n- [二、预算](#二预算)\n\n## 一、执行摘要\n\n本方案**数据驱动**，\n核心框架。\n\n### （一）要点\n\n- 年度目标\n- 客户数\n\n## 二、预算\n\n| 项目 | 金额 |\n|:--|--:|\n| 人员 | 480万元 |\n| **合计** | **1,200万元** |\n\n![销售趋势](charts/trend.svg)\n";

    #[test]
    fn drops_cover_block_and_contents_list() {
        let b = body(parse(MD).expect("shallow"));
        let Block::Heading { level: 2, spans, anchor } = &b[0] else { panic!("{b:?}") };
        assert_eq!(plain(spans), "一、执行摘要");
        assert_eq!(anchor, "一执行摘要");
        assert!(!b.iter().any(|x| matches!(x, Block::Heading { level: 1, .. })));
        assert_eq!(b.iter().filter(|x| matches!(x, Block::Heading { level: 2, .. })).count(), 2);
    }

    #[test]
    fn soft_breaks_vanish_between_chinese_and_bold_is_kept() {
        let b = body(parse(MD).expect("shallow"));
        let Block::Paragraph(spans) = &b[1] else { panic!("{b:?}") };
        assert_eq!(plain(spans), "本方案数据驱动，核心框架。");
        assert!(spans.iter().any(|s| s.bold && s.text == "数据驱动"));
        let p = parse("Revenue grows\nsteadily.").expect("shallow");
        let Block::Paragraph(spans) = &p[0] else { panic!() };
        assert_eq!(plain(spans), "Revenue grows steadily.");
    }

    #[test]
    fn tables_keep_alignment_and_bold_totals() {
        let b = body(parse(MD).expect("shallow"));
        let Some(Block::Table { aligns, head, rows }) =
            b.iter().find(|x| matches!(x, Block::Table { .. }))
        else {
            panic!()
        };
        assert_eq!(aligns, &[Align::Left, Align::Right]);
        assert_eq!(plain(&head[1]), "金额");
        assert!(rows[1][0][0].bold && rows[1][0][0].text == "合计");
    }

    #[test]
    fn lone_images_become_image_blocks() {
        let b = body(parse(MD).expect("shallow"));
        assert_eq!(
            b.last(),
            Some(&Block::Image { url: "charts/trend.svg".into(), title: "销售趋势".into() })
        );
    }

    #[test]
    fn lists_nest() {
        let b = parse("1. one\n2. two\n   - inner\n").expect("shallow");
        let Block::List { start: Some(1), items } = &b[0] else { panic!("{b:?}") };
        assert_eq!(items.len(), 2);
        assert!(matches!(items[1][1], Block::List { start: None, .. }));
    }
}
