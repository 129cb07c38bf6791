//! Runs of styled text → lines: Unicode line breaking (UAX #14) plus Chinese kinsoku,
//! measured with the fonts' real advances, optionally justified.
//!
//! Justification stretches the gaps after CJK characters and spaces only, so Latin words
//! and figures keep their letter spacing.

pub use crate::text::is_cjk;
use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::fonts::Fonts;
use super::page::{Target, TextStyle};

/// Characters that must not start a line (closing punctuation).
pub const NO_LINE_START: &str = "，。、；：？！）》」』〉】〕”’…—·,.;:?!)]}%％";
/// Characters that must not end a line (opening brackets).
pub const NO_LINE_END: &str = "（《「『〈【〔“‘([{";

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Characters; `\n` forces a line break.
    pub text: String,
    /// Look.
    pub style: TextStyle,
    /// Where clicking it goes.
    pub link: Option<Target>,
}

impl Run {
    /// A plain run.
    pub fn new(text: impl Into<String>, style: TextStyle) -> Self {
        Self { text: text.into(), style, link: None }
    }
}

/// Horizontal alignment of lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Flush left.
    #[default]
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// How to set a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting {
    /// Line width, points.
    pub width: f32,
    /// Indent of the first line, points.
    pub indent: f32,
    /// Stretch full lines to the width (not the last line).
    pub justify: bool,
    /// Alignment of lines that are not justified.
    pub align: Align,
}

/// A piece of a line in one style, positioned.
#[derive(Debug, Clone, PartialEq)]
pub struct Frag {
    /// Left edge, from the start of the line box.
    pub x: f32,
    /// Characters.
    pub text: String,
    /// Look.
    pub style: TextStyle,
    /// Link target.
    pub link: Option<Target>,
    /// Extra advance after each stretchable character except the last one of the frag.
    pub stretch: f32,
    /// Width including the stretch.
    pub width: f32,
}

/// One line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Pieces, left to right.
    pub frags: Vec<Frag>,
    /// Width from the line start to the end of the last piece.
    pub width: f32,
    /// Largest type size on the line.
    pub size: f32,
}

impl Line {
    /// The line's characters.
    pub fn text(&self) -> String {
        self.frags.iter().map(|f| f.text.as_str()).collect()
    }
}

/// True for characters after which justification may add space: spaces and CJK.
pub fn stretchable(c: char) -> bool {
    c == ' ' || is_cjk(c)
}

struct Ch {
    c: char,
    run: usize,
    adv: f32,
}

/// Width of `text` in `style`.
pub fn measure(fonts: &Fonts, text: &str, style: &TextStyle) -> f32 {
    fonts.width(style.face, text, style.size)
}

/// Break opportunities before each character: `None` (no break), `Some(false)` (allowed),
/// `Some(true)` (mandatory). UAX #14 first, then kinsoku removes breaks it allows.
fn opportunities(text: &str, chars: &[char]) -> Vec<Option<bool>> {
    let mut by_byte = std::collections::HashMap::new();
    for (i, op) in linebreaks(text) {
        by_byte.insert(i, op == BreakOpportunity::Mandatory);
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut byte = 0;
    for (i, c) in chars.iter().enumerate() {
        let mut op = if i == 0 { None } else { by_byte.get(&byte).copied() };
        if op == Some(false)
            && (NO_LINE_START.contains(*c) || i > 0 && NO_LINE_END.contains(chars[i - 1]))
        {
            op = None;
        }
        out.push(op);
        byte += c.len_utf8();
    }
    out
}

/// Sets runs into lines.
pub fn break_lines(runs: &[Run], fonts: &Fonts, set: &Setting) -> Vec<Line> {
    let mut text = String::new();
    let mut chs = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        for c in run.text.chars() {
            text.push(c);
            let adv =
                if c == '\n' { 0.0 } else { fonts.advance(run.style.face, c) * run.style.size };
            chs.push(Ch { c, run: r, adv });
        }
    }
    let chars: Vec<char> = chs.iter().map(|c| c.c).collect();
    let ops = opportunities(&text, &chars);

    // Greedy fill over unbreakable segments [start, end).
    let mut lines: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, ends a paragraph)
    let mut start = 0;
    let mut line_w = 0.0f32;
    let mut i = 0;
    let avail = |first: bool| if first { set.width - set.indent } else { set.width };
    while i < chs.len() {
        // the segment from i to the next break opportunity
        let mut j = i + 1;
        while j < chs.len() && ops[j].is_none() {
            j += 1;
        }
        let seg_w: f32 = chs[i..j].iter().map(|c| c.adv).sum();
        let trailing: f32 =
            chs[i..j].iter().rev().take_while(|c| c.c.is_whitespace()).map(|c| c.adv).sum();
        let room = avail(lines.is_empty());
        if line_w + seg_w - trailing > room + 0.01 && i > start {
            lines.push((start, i, false));
            start = i;
            line_w = 0.0;
            continue;
        }
        if seg_w - trailing > room + 0.01 {
            // A segment wider than the line on its own: break it between characters.
            let mut k = i;
            let mut w = line_w;
            while k < j && (w + chs[k].adv <= room + 0.01 || k == i) {
                w += chs[k].adv;
                k += 1;
            }
            if k < j {
                lines.push((start, k, false));
                start = k;
                line_w = 0.0;
                i = k;
                continue;
            }
        }
        line_w += seg_w;
        i = j;
        let mandatory = chs[j - 1].c == '\n' || (j < chs.len() && ops[j] == Some(true));
        if mandatory && j < chs.len() {
            lines.push((start, j, true));
            start = j;
            line_w = 0.0;
        }
    }
    if start < chs.len() || lines.is_empty() {
        lines.push((start, chs.len(), true));
    }

    let n = lines.len();
    let hards: Vec<bool> = lines.iter().map(|l| l.2).collect();
    lines
        .into_iter()
        .enumerate()
        .map(|(li, (s, e, hard_end))| {
            let first = li == 0;
            let room = avail(first);
            // drop trailing whitespace and newlines; leading spaces after a soft wrap
            let mut e2 = e;
            while e2 > s && (chs[e2 - 1].c.is_whitespace()) {
                e2 -= 1;
            }
            let mut s2 = s;
            if !first && !hards[li - 1] {
                while s2 < e2 && chs[s2].c == ' ' {
                    s2 += 1;
                }
            }
            let slice = &chs[s2..e2];
            let natural: f32 = slice.iter().map(|c| c.adv).sum();
            let points = slice
                .iter()
                .enumerate()
                .filter(|(k, c)| *k + 1 < slice.len() && stretchable(c.c))
                .count();
            let max_size = slice
                .iter()
                .map(|c| runs[c.run].style.size)
                .fold(runs.first().map_or(0.0, |r| r.style.size), f32::max);
            let mut per = 0.0;
            if set.justify && !hard_end && li + 1 < n && points > 0 {
                let p = (room - natural) / points as f32;
                if p > 0.0 && p <= max_size * 0.6 {
                    per = p;
                }
            }
            let width = natural + per * points as f32;
            let offset = if first { set.indent } else { 0.0 }
                + match (per > 0.0, set.align) {
                    (true, _) | (_, Align::Left) => 0.0,
                    (_, Align::Center) => ((room - width) / 2.0).max(0.0),
                    (_, Align::Right) => (room - width).max(0.0),
                };
            let mut frags: Vec<Frag> = Vec::new();
            let mut x = offset;
            for (k, ch) in slice.iter().enumerate() {
                let last_of_line = k + 1 == slice.len();
                let extra = if !last_of_line && stretchable(ch.c) { per } else { 0.0 };
                let run = &runs[ch.run];
                match frags.last_mut() {
                    Some(f) if f.style == run.style && f.link == run.link => {
                        f.text.push(ch.c);
                    }
                    _ => frags.push(Frag {
                        x,
                        text: ch.c.to_string(),
                        style: run.style,
                        link: run.link.clone(),
                        stretch: per,
                        width: 0.0,
                    }),
                }
                x += ch.adv + extra;
                if let Some(f) = frags.last_mut() {
                    f.width = x - f.x;
                }
            }
            // the stretch after a frag's last character lies between frags: keep it out
            // of the frag's own width
            for f in &mut frags {
                if f.stretch > 0.0 && f.text.chars().last().is_some_and(stretchable) {
                    f.width -= f.stretch;
                }
            }
            Line { frags, width: offset + width, size: max_size }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::Face;
    use crate::render::pdf::theme::Rgb;

    fn fonts() -> &'static Fonts {
        static F: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();
        F.get_or_init(|| Fonts::load().expect("fonts"))
    }

    fn style(size: f32) -> TextStyle {
        TextStyle { face: Face::Regular, size, color: Rgb::BLACK }
    }

    fn set(width: f32, justify: bool) -> Setting {
        Setting { width, indent: 0.0, justify, align: Align::Left }
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        break_lines(&[Run::new(text, style(10.0))], fonts(), &set(width, false))
            .iter()
            .map(Line::text)
            .collect()
    }

    #[test]
    fn breaks_chinese_between_any_characters() {
        let l = lines("销售额目标一点五亿元同比增长", 50.0);
        assert_eq!(l, ["销售额目标", "一点五亿元", "同比增长"]);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        // 5 ideographs fill the line exactly; the comma must not open the next one.
        let l = lines("销售额目标，一点五亿元。", 50.0);
        for line in &l[1..] {
            let first = line.chars().next().expect("non-empty");
            assert!(!NO_LINE_START.contains(first), "{l:?}");
        }
        assert_eq!(l.concat(), "销售额目标，一点五亿元。");
    }

    #[test]
    fn no_line_ends_with_opening_bracket() {
        let l = lines("一二三四（五六七八", 50.0);
        for line in &l {
            let last = line.chars().last().expect("non-empty");
            assert!(!NO_LINE_END.contains(last), "{l:?}");
        }
    }

    #[test]
    fn keeps_latin_words_and_figures_whole() {
        let l = lines("目标 1,200万元 revenue growth", 60.0);
        assert!(l.iter().any(|s| s.contains("1,200")), "{l:?}");
        assert!(l.iter().any(|s| s.contains("revenue")), "{l:?}");
        assert!(l.iter().all(|s| !s.ends_with(' ')));
    }

    #[test]
    fn splits_a_word_longer_than_the_line() {
        let l = lines("https://example.com/a/very/long/path/that/does/not/fit", 60.0);
        assert!(l.len() > 2);
        for line in break_lines(
            &[Run::new("https://example.com/a/very/long/path/that/does/not/fit", style(10.0))],
            fonts(),
            &set(60.0, false),
        ) {
            assert!(line.width <= 60.01, "{}", line.width);
        }
    }

    #[test]
    fn justified_lines_fill_the_width_but_the_last() {
        let text = "本方案旨在系统化构建公司销售体系，通过数据驱动的目标设定、多维度策略组合 and more words、精细化过程管理。";
        let out = break_lines(&[Run::new(text, style(10.5))], fonts(), &set(150.0, true));
        assert!(out.len() > 2);
        for l in &out[..out.len() - 1] {
            assert!((l.width - 150.0).abs() < 0.05, "{} {}", l.text(), l.width);
            assert!(l.width <= 150.01);
        }
        assert!(out.last().expect("lines").width < 150.0);
    }

    #[test]
    fn first_line_indent_and_right_alignment() {
        let s = Setting { width: 100.0, indent: 21.0, justify: false, align: Align::Left };
        let out = break_lines(&[Run::new("一二三", style(10.5))], fonts(), &s);
        assert!((out[0].frags[0].x - 21.0).abs() < 1e-3);
        let s = Setting { width: 100.0, indent: 0.0, justify: false, align: Align::Right };
        let out = break_lines(&[Run::new("123", style(10.0))], fonts(), &s);
        assert!((out[0].width - 100.0).abs() < 0.01);
    }

    #[test]
    fn newline_forces_a_break_and_styles_split_frags() {
        let bold = TextStyle { face: Face::Bold, ..style(10.0) };
        let runs = [Run::new("合计", bold), Run::new("：1.5亿\n下一行", style(10.0))];
        let out = break_lines(&runs, fonts(), &set(300.0, true));
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].frags.len(), 2);
        assert_eq!(out[0].text(), "合计：1.5亿");
        assert_eq!(out[1].text(), "下一行");
    }
}
