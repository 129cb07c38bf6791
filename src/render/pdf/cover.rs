//! The cover page and the table of contents (with real page numbers and links).

use super::flow::line_elems;
use super::fonts::{Face, Fonts};
use super::linebreak::{Align, Run, Setting, break_lines, measure};
use super::page::{Elem, Page, PageKind, Placed, Target, TextStyle};
use super::theme::Theme;

/// What the cover shows, already formatted for the locale.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cover {
    /// Report title.
    pub title: String,
    /// Company or unit.
    pub organization: Option<String>,
    /// Plan period, formatted (`2024年度`).
    pub period: Option<String>,
    /// Label/value lines under the title (period, version, prepared by, date).
    pub fields: Vec<(String, String)>,
    /// Confidentiality line.
    pub confidentiality: Option<String>,
    /// `密级` / `Confidentiality`.
    pub confidentiality_label: String,
    /// `：` or `: `.
    pub colon: String,
}

fn centered(
    text: &str,
    style: TextStyle,
    top: f32,
    lead: f32,
    fonts: &Fonts,
    theme: &Theme,
) -> (Vec<Elem>, f32) {
    let set =
        Setting { width: theme.body_width(), indent: 0.0, justify: false, align: Align::Center };
    let lines = break_lines(&[Run::new(text, style)], fonts, &set);
    line_elems(&lines, theme.margin_left, top, lead)
}

/// The title, centred from `top`, as large as fits in `room` points of height (28 pt down
/// to 18 pt), cut with `…` after at most five lines if even that does not fit.
fn title_lines(title: &str, top: f32, room: f32, fonts: &Fonts, t: &Theme) -> (Vec<Elem>, f32) {
    let set = Setting { width: t.body_width(), indent: 0.0, justify: false, align: Align::Center };
    let mut size = t.cover.title_size.max(18.0);
    loop {
        let style = TextStyle { face: Face::Bold, size, color: t.accent };
        let lead = size * 1.5;
        let mut lines = break_lines(&[Run::new(title, style)], fonts, &set);
        let fits = lines.len() as f32 * lead <= room;
        if fits || size <= 18.0 {
            let most = ((room / lead).floor() as usize).clamp(1, 5);
            if lines.len() > most {
                lines.truncate(most);
                if let Some(last) = lines.last_mut()
                    && let Some(f) = last.frags.last_mut()
                {
                    let mut text: Vec<char> = f.text.chars().collect();
                    text.truncate(text.len().saturating_sub(1));
                    f.text = text.into_iter().collect::<String>() + "…";
                }
            }
            return line_elems(&lines, t.margin_left, top, lead);
        }
        size -= 2.0;
    }
}

/// Lays out the cover page.
pub fn cover(c: &Cover, fonts: &Fonts, t: &Theme) -> Page {
    let mut elems = Vec::new();
    let left = t.margin_left;
    let width = t.body_width();
    if let Some(conf) = &c.confidentiality {
        let style = TextStyle { face: Face::Bold, size: 10.5, color: t.status[2] };
        let text = format!("{}{}{}", c.confidentiality_label, c.colon, conf);
        let w = measure(fonts, &text, &style);
        elems.push(Elem::Text {
            x: left + width - w,
            y: t.margin_top + 10.0,
            text,
            style,
            stretch: 0.0,
        });
    }
    let mut y = t.page_height * 0.22;
    if let Some(org) = &c.organization {
        let style = TextStyle { face: Face::Regular, size: 15.0, color: t.muted };
        let (e, h) = centered(org, style, y, 24.0, fonts, t);
        elems.extend(e);
        y += h + 36.0;
    } else {
        y += 60.0;
    }
    // the fields block at the foot sets how much room the title has: a long title wraps
    // and steps down from 28 pt to 18 pt, and beyond that is cut at five lines
    let fields_top = t.page_height - t.margin_bottom - 26.0 * c.fields.len() as f32 - 40.0;
    let room = fields_top - y - 14.0 - 22.0 - if c.period.is_some() { 40.0 } else { 0.0 };
    let (e, h) = title_lines(&c.title, y, room, fonts, t);
    elems.extend(e);
    y += h + 14.0;
    elems.push(Elem::Rect { x: left + width * 0.3, y, w: width * 0.4, h: 2.0, fill: t.accent });
    y += 22.0;
    if let Some(p) = &c.period {
        let style = TextStyle { face: Face::Regular, size: 16.0, color: t.text };
        let (e, _) = centered(p, style, y, 26.0, fonts, t);
        elems.extend(e);
    }
    // the fields, as a block of label：value lines centred under the title
    let style = TextStyle { face: Face::Regular, size: 12.0, color: t.text };
    let bold = TextStyle { face: Face::Bold, ..style };
    let label_w = c
        .fields
        .iter()
        .map(|(l, _)| measure(fonts, &format!("{l}{}", c.colon), &bold))
        .fold(0.0, f32::max);
    let value_w = c.fields.iter().map(|(_, v)| measure(fonts, v, &style)).fold(0.0, f32::max);
    let block_w = (label_w + 8.0 + value_w).min(width);
    let x0 = left + (width - block_w) / 2.0;
    let lead = 26.0;
    let mut fy = t.page_height - t.margin_bottom - lead * c.fields.len() as f32 - 40.0;
    for (label, value) in &c.fields {
        let base = fy + (lead - 12.0) / 2.0 + 12.0 * 0.88;
        elems.push(Elem::Text {
            x: x0,
            y: base,
            text: format!("{label}{}", c.colon),
            style: bold,
            stretch: 0.0,
        });
        let set = Setting {
            width: block_w - label_w - 8.0,
            indent: 0.0,
            justify: false,
            align: Align::Left,
        };
        let lines = break_lines(&[Run::new(value.clone(), style)], fonts, &set);
        let (e, _) = line_elems(&lines[..1.min(lines.len())], x0 + label_w + 8.0, fy, lead);
        elems.extend(e);
        elems.push(Elem::Line {
            from: (x0 + label_w + 4.0, fy + lead - 3.0),
            to: (x0 + block_w, fy + lead - 3.0),
            width: 0.5,
            color: t.rule,
        });
        fy += lead;
    }
    Page { kind: PageKind::Cover, elems }
}

fn entry_lead(level: u8) -> f32 {
    if level <= 2 { 19.0 } else { 16.5 }
}

const TITLE_HEIGHT: f32 = 52.0;

/// How many pages the contents take.
pub fn contents_pages(entries: &[(u8, String)], t: &Theme) -> usize {
    let mut pages = 1;
    let mut y = TITLE_HEIGHT;
    for (level, _) in entries {
        let h = entry_lead(*level);
        if y + h > t.body_height() {
            pages += 1;
            y = TITLE_HEIGHT;
        }
        y += h;
    }
    pages
}

/// Lays out the contents: every chapter and section with its page number, each a link.
/// `titles`: the title of the first page and of every further one (`目录（续）`).
pub fn contents(titles: [&str; 2], entries: &[Placed], fonts: &Fonts, t: &Theme) -> Vec<Page> {
    let title_style = TextStyle { face: Face::Bold, size: 18.0, color: t.accent };
    let page = |title: &str| {
        let (e, _) = centered(title, title_style, t.margin_top, 30.0, fonts, t);
        Page { kind: PageKind::Contents, elems: e }
    };
    let mut pages = vec![page(titles[0])];
    let mut y = TITLE_HEIGHT;
    let right = t.margin_left + t.body_width();
    for p in entries {
        let lead = entry_lead(p.level);
        if y + lead > t.body_height() {
            pages.push(page(titles[1]));
            y = TITLE_HEIGHT;
        }
        let (style, indent) = if p.level <= 2 {
            (TextStyle { face: Face::Bold, size: 11.0, color: t.text }, 0.0)
        } else {
            (TextStyle { face: Face::Regular, size: 10.5, color: t.text }, 2.0 * 10.5)
        };
        let top = t.margin_top + y;
        let base = top + (lead - style.size) / 2.0 + style.size * 0.88;
        let num = p.page.to_string();
        let nw = measure(fonts, &num, &style);
        let x = t.margin_left + indent;
        // a title too long for the line is cut with an ellipsis
        let room = t.body_width() - indent - nw - 24.0;
        let mut text = p.title.clone();
        while measure(fonts, &text, &style) > room && text.chars().count() > 1 {
            text.pop();
            if measure(fonts, &format!("{text}…"), &style) <= room {
                text.push('…');
                break;
            }
        }
        let tw = measure(fonts, &text, &style);
        let page = pages.last_mut().expect("a page");
        page.elems.push(Elem::Text { x, y: base, text, style, stretch: 0.0 });
        page.elems.push(Elem::Dots {
            from: (x + tw + 6.0, base),
            to: (right - nw - 6.0, base),
            color: t.muted,
        });
        page.elems.push(Elem::Text { x: right - nw, y: base, text: num, style, stretch: 0.0 });
        page.elems.push(Elem::Link {
            x,
            y: top,
            w: right - x,
            h: lead,
            target: Target::Anchor(p.anchor.clone()),
        });
        y += lead;
    }
    pages
}
