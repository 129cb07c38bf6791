//! Runs of styled text → lines: break opportunities from Unicode line breaking (UAX #14)
//! less those Chinese kinsoku forbids, English words hyphenated from TeX's patterns where
//! that helps, and the breaks chosen for the whole paragraph at once (total fit,
//! `textwrap`'s optimal-fit over our own pieces), measured with the faces that draw them.
//!
//! - Words are never cut: a line breaks at a space, after CJK characters, or at a
//!   hyphenation point with a visible hyphen. Only a word wider than the whole line (a URL)
//!   is cut between characters.
//! - Hyphenation is on for justified text and narrow measures (under [`NARROW_EMS`] em,
//!   table cells), off for centred text (titles), and used only for a paragraph whose lines
//!   look poor without it (TeX's first pass): a gap stretched by more than a quarter em, a
//!   ragged line 40% empty, a word that would have to be cut.
//! - In justified text, `，。、；：` at a line end may hang into the right margin.
//! - A Chinese paragraph never ends with one character alone on its last line.
//! - Justification stretches the gaps after CJK characters and spaces only, so Latin words
//!   and figures keep their letter spacing.
//!
//! Everything is linear in the length of the text.

pub use crate::text::is_cjk;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};
use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::fonts::Fonts;
use super::page::{Target, TextStyle};

/// Characters that must not start a line (closing punctuation).
pub const NO_LINE_START: &str = "，。、；：？！）》」』〉】〕”’…—·,.;:?!)]}%％";
/// Characters that must not end a line (opening brackets).
pub const NO_LINE_END: &str = "（《「『〈【〔“‘([{";
/// Full-width punctuation that may hang into the right margin at the end of a justified line.
pub const HANGING: &str = "，。、；：";
/// Measures narrower than this many em (table cells) hyphenate even when ragged.
pub const NARROW_EMS: f32 = 24.0;
/// Words shorter than this are never hyphenated (`be-low` reads worse than a gap).
const MIN_WORD: usize = 6;
/// Words longer than this are not looked up for hyphenation (they are not words).
const MAX_WORD: usize = 40;

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

/// How to set a paragraph. Justified text also hangs punctuation and hyphenates; ragged
/// text hyphenates when the measure is narrow (under [`NARROW_EMS`] em) and not centred.
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

#[derive(Clone, Copy)]
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
    let mut out = vec![None; chars.len()];
    let mut byte_to_char = chars.iter().scan(0usize, |b, c| {
        let at = *b;
        *b += c.len_utf8();
        Some(at)
    });
    let mut i = 0;
    let mut byte = byte_to_char.next();
    for (at, op) in linebreaks(text) {
        while byte.is_some_and(|b| b < at) {
            byte = byte_to_char.next();
            i += 1;
        }
        if byte == Some(at) && i > 0 {
            let c = chars[i];
            let mandatory = op == BreakOpportunity::Mandatory;
            let kinsoku = NO_LINE_START.contains(c) || NO_LINE_END.contains(chars[i - 1]);
            out[i] = if mandatory {
                Some(true)
            } else if kinsoku {
                None
            } else {
                Some(false)
            };
        }
    }
    out
}

/// Something the paragraph breaker places: the characters between two break opportunities
/// (or hyphenation points), with what its end costs on a line end and mid-line.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    /// Width of what stays on a line end (not the trailing spaces or hanging punctuation).
    width: f64,
    /// Width that vanishes at a line end: trailing spaces, hanging punctuation.
    ws: f64,
    /// Width of the hyphen a break after this piece adds (0: no hyphen).
    hyphen: f64,
    /// Part of a word wider than a line, cut between characters.
    cut: bool,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        self.ws
    }
    fn penalty_width(&self) -> f64 {
        self.hyphen
    }
}

/// What laying out one paragraph needs.
struct Para<'a> {
    chs: &'a [Ch],
    runs: &'a [Run],
    fonts: &'a Fonts,
    hyphenate: bool,
    hang: bool,
    justify: bool,
    /// Widest a piece may be (wider ones are cut between characters).
    max_width: f64,
    /// The type size, points.
    size: f64,
}

impl Para<'_> {
    fn width(&self, a: usize, b: usize) -> f64 {
        self.chs[a..b].iter().map(|c| f64::from(c.adv)).sum()
    }

    fn hyphen_width(&self, at: usize) -> f64 {
        let style = &self.runs[self.chs[at].run].style;
        f64::from(self.fonts.advance(style.face, '-') * style.size)
    }

    /// Hyphenation points (character indices) in `[a, e)`: inside its one Latin word of
    /// letters, from TeX's US English patterns.
    fn hyphen_points(&self, a: usize, e: usize) -> Vec<usize> {
        // the word: letters, with leading and trailing punctuation (quotes, commas) around
        let is_letter = |c: char| c.is_alphabetic() && self.fonts.is_latin(c);
        let mut ws = a;
        while ws < e && !is_letter(self.chs[ws].c) {
            ws += 1;
        }
        let mut we = e;
        while we > ws && !is_letter(self.chs[we - 1].c) {
            we -= 1;
        }
        let len = we - ws;
        if !(MIN_WORD..=MAX_WORD).contains(&len) || !self.chs[ws..we].iter().all(|c| is_letter(c.c))
        {
            return Vec::new();
        }
        // acronyms (ROI, EBITDA) and names with inner capitals (DispatchPro) stay whole
        if self.chs[ws + 1..we].iter().any(|c| c.c.is_uppercase()) {
            return Vec::new();
        }
        let word: String = self.chs[ws..we].iter().flat_map(|c| c.c.to_lowercase()).collect();
        if word.chars().count() != len {
            return Vec::new();
        }
        self.fonts.hyphenate(&word).into_iter().map(|i| ws + i).collect()
    }

    /// Adds the piece `[a, b)` (whose content ends at `e`, spaces after), cut between
    /// characters if it is wider than a line.
    fn push(&self, pieces: &mut Vec<Piece>, a: usize, e: usize, b: usize, hyphen: f64) {
        let mut width = self.width(a, e);
        let mut ws = self.width(e, b);
        if self.hang && e > a && e == b && HANGING.contains(self.chs[e - 1].c) {
            let w = f64::from(self.chs[e - 1].adv);
            width -= w;
            ws += w;
        }
        if width + hyphen <= self.max_width {
            pieces.push(Piece { start: a, end: b, width, ws, hyphen, cut: false });
            return;
        }
        // wider than a line: cut it into pieces that fill lines
        let mut s = a;
        let mut w = 0.0;
        for k in a..e {
            let adv = f64::from(self.chs[k].adv);
            if k > s && w + adv > self.max_width {
                pieces.push(Piece { start: s, end: k, width: w, ws: 0.0, hyphen: 0.0, cut: true });
                s = k;
                w = 0.0;
            }
            w += adv;
        }
        let rest = self.width(s, e);
        let ws = self.width(e, b);
        pieces.push(Piece { start: s, end: b, width: rest, ws, hyphen, cut: true });
    }

    /// True when lines set without hyphenation would look poor, so hyphenation is worth
    /// trying (TeX's first pass): a word had to be cut, a justified line would stretch its
    /// gaps by more than a quarter em, or a ragged line would leave 40% of its width empty.
    fn loose(&self, lines: &[(usize, usize)], pieces: &[Piece], widths: &[f64]) -> bool {
        let last = lines.len().saturating_sub(1);
        lines.iter().enumerate().any(|(k, (s, e))| {
            let line = &pieces[*s..*e];
            if line.iter().any(|p| p.cut) {
                return true;
            }
            if k == last {
                return false;
            }
            let avail = widths.get(k).or(widths.last()).copied().unwrap_or(0.0);
            let natural: f64 = line.iter().map(|p| p.width + p.ws).sum::<f64>()
                - line.last().map_or(0.0, |p| p.ws);
            let gap = avail - natural;
            if self.justify {
                let (a, b) = (line[0].start, line[line.len() - 1].end);
                let mut text = &self.chs[a..b];
                while text.last().is_some_and(|c| c.c.is_whitespace()) {
                    text = &text[..text.len() - 1];
                }
                let points = text.iter().filter(|c| stretchable(c.c)).count().max(1);
                gap / points as f64 > 0.25 * self.size
            } else {
                gap > 0.4 * avail
            }
        })
    }

    /// The pieces of the paragraph `[ps, pe)`, words split at their hyphenation points if
    /// `hyphenate`.
    fn pieces(&self, ops: &[Option<bool>], ps: usize, pe: usize, hyphenate: bool) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut a = ps;
        let ends = (ps + 1..pe).filter(|i| ops[*i].is_some()).chain(std::iter::once(pe));
        for i in ends {
            let mut e = i;
            while e > a && self.chs[e - 1].c.is_whitespace() {
                e -= 1;
            }
            // the last word of a paragraph is not split (its tail alone on the last line
            // reads worse than any gap) unless it is wider than a line
            let split = i < pe || self.width(a, e) > self.max_width;
            let points = if hyphenate && split { self.hyphen_points(a, e) } else { Vec::new() };
            let mut s = a;
            for p in points {
                self.push(&mut pieces, s, p, p, self.hyphen_width(p - 1));
                s = p;
            }
            self.push(&mut pieces, s, e, i, 0.0);
            a = i;
        }
        pieces
    }
}

/// Penalties of the paragraph breaker, for widths in tenths of an em: a line costs the
/// square of its gap; a new line as much as a gap of 3 em; a hyphen as much as a gap of
/// 1.7 em in justified text, 3.9 em in ragged text; overflowing is never worth it.
fn penalties(justify: bool) -> Penalties {
    Penalties {
        nline_penalty: 1000,
        overflow_penalty: 1_000_000,
        short_last_line_fraction: 4,
        short_last_line_penalty: 200,
        hyphen_penalty: if justify { 300 } else { 1500 },
    }
}

/// A line as character indices: `[start, end)`, whether it ends its paragraph, whether it
/// ends in a hyphen.
#[derive(Debug, Clone, Copy)]
struct Range {
    start: usize,
    end: usize,
    hard_end: bool,
    hyphen: bool,
}

/// Breaks a paragraph's pieces into lines (pairs of piece indices), total fit.
fn fit(pieces: &[Piece], widths: &[f64], unit: f64, justify: bool) -> Vec<(usize, usize)> {
    // widths in tenths of an em, so the penalties mean the same at any type size
    let scaled: Vec<Piece> = pieces
        .iter()
        .map(|p| Piece { width: p.width * unit, ws: p.ws * unit, hyphen: p.hyphen * unit, ..*p })
        .collect();
    let widths: Vec<f64> = widths.iter().map(|w| (w * unit).max(1.0)).collect();
    let lines = wrap_optimal_fit(&scaled, &widths, &penalties(justify))
        .unwrap_or_else(|_| wrap_first_fit(&scaled, &widths));
    let mut out = Vec::with_capacity(lines.len());
    let mut at = 0;
    for l in lines {
        out.push((at, at + l.len()));
        at += l.len();
    }
    out
}

/// A Chinese last line of one character (with its closing punctuation, `后”。`) takes
/// pieces from the line above until it has two; breaks stay where kinsoku allows them.
fn no_lone_last_character(lines: &mut [(usize, usize)], pieces: &[Piece], chs: &[Ch], width: f64) {
    let n = lines.len();
    if n < 2 {
        return;
    }
    for _ in 0..3 {
        let (s, e) = lines[n - 1];
        let (a, b) = (pieces[s].start, pieces[e - 1].end);
        let text = &chs[a..b];
        let first_cjk = text.first().is_some_and(|c| is_cjk(c.c));
        let letters =
            text.iter().filter(|c| !c.c.is_whitespace() && !NO_LINE_START.contains(c.c)).count();
        let (ps, pe) = lines[n - 2];
        if !first_cjk || letters >= 2 || pe - ps < 2 {
            return;
        }
        let moved = &pieces[pe - 1];
        let w: f64 = chs[moved.start..b].iter().map(|c| f64::from(c.adv)).sum();
        if w > width {
            return;
        }
        lines[n - 2].1 -= 1;
        lines[n - 1].0 -= 1;
    }
}

/// Sets runs into lines.
pub fn break_lines(runs: &[Run], fonts: &Fonts, set: &Setting) -> Vec<Line> {
    let mut text = String::new();
    let mut chs = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        text.push_str(&run.text);
        for c in run.text.chars() {
            let adv =
                if c == '\n' { 0.0 } else { fonts.advance(run.style.face, c) * run.style.size };
            chs.push(Ch { c, run: r, adv });
        }
    }
    let chars: Vec<char> = chs.iter().map(|c| c.c).collect();
    let ops = opportunities(&text, &chars);
    let size = runs.iter().map(|r| r.style.size).fold(0.0, f32::max).max(1.0);
    let para = Para {
        chs: &chs,
        runs,
        fonts,
        hyphenate: set.justify || (set.width < NARROW_EMS * size && set.align != Align::Center),
        hang: set.justify,
        justify: set.justify,
        max_width: f64::from(set.width.max(size)),
        size: f64::from(size),
    };
    let unit = 10.0 / f64::from(size);

    // paragraphs between mandatory breaks, each broken as a whole
    let mut ranges: Vec<Range> = Vec::new();
    let mut ps = 0;
    for pe in 1..=chs.len() {
        if pe < chs.len() && ops[pe] != Some(true) {
            continue;
        }
        let widths: Vec<f64> = if ranges.is_empty() {
            vec![f64::from(set.width - set.indent), f64::from(set.width)]
        } else {
            vec![f64::from(set.width)]
        };
        // hyphenate only where lines set without it look poor
        let mut pieces = para.pieces(&ops, ps, pe, false);
        let mut lines = fit(&pieces, &widths, unit, set.justify);
        if para.hyphenate && para.loose(&lines, &pieces, &widths) {
            pieces = para.pieces(&ops, ps, pe, true);
            lines = fit(&pieces, &widths, unit, set.justify);
        }
        no_lone_last_character(&mut lines, &pieces, &chs, f64::from(set.width));
        let last = lines.len().saturating_sub(1);
        for (k, (s, e)) in lines.into_iter().enumerate() {
            ranges.push(Range {
                start: pieces[s].start,
                end: pieces[e - 1].end,
                hard_end: k == last,
                hyphen: k < last && pieces[e - 1].hyphen > 0.0,
            });
        }
        ps = pe;
    }
    if ranges.is_empty() {
        ranges.push(Range { start: 0, end: 0, hard_end: true, hyphen: false });
    }

    let n = ranges.len();
    let mut out = Vec::with_capacity(n);
    for (li, r) in ranges.iter().enumerate() {
        let first = li == 0;
        let room = if first { set.width - set.indent } else { set.width };
        // drop trailing whitespace and newlines; leading spaces after a soft wrap
        let mut e = r.end;
        while e > r.start && chs[e - 1].c.is_whitespace() {
            e -= 1;
        }
        let mut s = r.start;
        if !first && !ranges[li - 1].hard_end {
            while s < e && chs[s].c == ' ' {
                s += 1;
            }
        }
        let mut slice: Vec<Ch> = chs[s..e].to_vec();
        if r.hyphen
            && let Some(last) = slice.last().copied()
        {
            let style = &runs[last.run].style;
            slice.push(Ch {
                c: '-',
                run: last.run,
                adv: fonts.advance(style.face, '-') * style.size,
            });
        }
        out.push(set_line(&slice, runs, set, room, first, r.hard_end || li + 1 == n));
    }
    out
}

/// Positions one line's characters: justified (unless `last`), aligned, hanging
/// punctuation in the margin, frags split by style and link.
fn set_line(slice: &[Ch], runs: &[Run], set: &Setting, room: f32, first: bool, last: bool) -> Line {
    let natural: f32 = slice.iter().map(|c| c.adv).sum();
    // punctuation hangs when the line would not fit with it
    let hangs =
        set.justify && natural > room + 0.01 && slice.last().is_some_and(|c| HANGING.contains(c.c));
    let hang_w = if hangs { slice.last().map_or(0.0, |c| c.adv) } else { 0.0 };
    let len = slice.len();
    // justification adds space after stretchable characters but the last (and the one
    // before hanging punctuation)
    let stretch_at = |k: usize| k + 1 < len && stretchable(slice[k].c) && !(hangs && k + 2 == len);
    let points = (0..len).filter(|k| stretch_at(*k)).count();
    let max_size = slice
        .iter()
        .map(|c| runs[c.run].style.size)
        .fold(runs.first().map_or(0.0, |r| r.style.size), f32::max);
    let mut per = 0.0;
    if set.justify && !last && points > 0 {
        let p = (room - (natural - hang_w)) / points as f32;
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
        let run = &runs[ch.run];
        let own = hangs && k + 1 == len;
        match frags.last_mut() {
            Some(f) if !own && f.style == run.style && f.link == run.link => f.text.push(ch.c),
            _ => frags.push(Frag {
                x,
                text: ch.c.to_string(),
                style: run.style,
                link: run.link.clone(),
                stretch: per,
                width: 0.0,
            }),
        }
        x += ch.adv;
        if let Some(f) = frags.last_mut() {
            f.width = x - f.x;
        }
        if stretch_at(k) {
            x += per;
        }
    }
    Line { frags, width: offset + width, size: max_size }
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
            // a line ending in hanging punctuation fills the width up to it
            let hang = l.text().ends_with(|c| HANGING.contains(c));
            let w = if hang { l.frags.last().map_or(0.0, |f| f.x) } else { l.width };
            assert!((w - 150.0).abs() < 0.05, "{} {}", l.text(), l.width);
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

    fn words(text: &str) -> std::collections::BTreeSet<String> {
        text.split(|c: char| !c.is_alphanumeric()).map(str::to_string).collect()
    }

    /// Every line ends in a whole word of the text, or in a hyphen (a word broken at a
    /// hyphen is read whole: `question-` + `naires`).
    fn assert_no_word_fragments(lines: &[String], source: &str) {
        let known = words(source);
        for (k, l) in lines.iter().enumerate() {
            let tokens: Vec<&str> = l.split_whitespace().collect();
            let last = tokens.last().copied().unwrap_or("");
            if last.ends_with('-') {
                continue;
            }
            let mut word = last.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            if tokens.len() == 1
                && let Some(head) = k.checked_sub(1).and_then(|p| lines[p].strip_suffix('-'))
            {
                let head = head.split_whitespace().last().unwrap_or("");
                word = format!("{head}{word}").trim_matches(|c: char| !c.is_alphanumeric()).into();
            }
            assert!(known.contains(&word), "`{word}` is a fragment: {lines:#?}");
        }
    }

    const ENGLISH: &str = "Enterprise customers evaluate questionnaires, procurement \
        requirements and implementation timelines before committing; the partnership \
        programme accelerates onboarding considerably for internationally distributed \
        organisations.";

    #[test]
    fn english_is_never_broken_inside_a_word_when_ragged() {
        for width in [90.0, 120.0, 180.0, 260.0, 330.0] {
            let l = lines(ENGLISH, width);
            assert_no_word_fragments(&l, ENGLISH);
            // a wide ragged measure (24 em and more) wraps at spaces only
            if width >= 240.0 {
                assert!(l.iter().all(|s| !s.ends_with('-')), "{l:?}");
            }
        }
    }

    #[test]
    fn justified_english_hyphenates_at_dictionary_points() {
        let mut hyphens = Vec::new();
        for width in [110.0, 140.0, 170.0, 200.0] {
            let out = break_lines(&[Run::new(ENGLISH, style(10.0))], fonts(), &set(width, true));
            let l: Vec<String> = out.iter().map(Line::text).collect();
            assert_no_word_fragments(&l, ENGLISH);
            for (k, line) in l.iter().enumerate() {
                if let Some(stem) = line.strip_suffix('-') {
                    let head = stem.split_whitespace().last().unwrap_or("");
                    let tail = l[k + 1].split_whitespace().next().unwrap_or("");
                    hyphens.push(format!("{head}-{tail}"));
                }
            }
            for line in &out[..out.len() - 1] {
                assert!(line.width <= width + 0.01, "{} {}", line.text(), line.width);
            }
        }
        assert!(!hyphens.is_empty(), "narrow justified text uses hyphenation");
        // every split is one TeX's patterns allow (a syllable boundary) and rejoins a word
        let h = fonts().hyphenator().expect("patterns");
        for split in &hyphens {
            let (head, tail) = split.split_once('-').expect("a split");
            let word = format!("{head}{tail}");
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            assert!(words(ENGLISH).contains(word), "{split}");
            use hyphenation::Hyphenator;
            let at = head.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
            assert!(h.hyphenate(&word.to_lowercase()).breaks.contains(&at), "{split}");
        }
    }

    #[test]
    fn narrow_cells_hyphenate_rather_than_cut() {
        // "questionnaires" is wider than the cell: it breaks at a syllable, with a hyphen
        let l = lines("Customer questionnaires", 60.0);
        assert_no_word_fragments(&l, "Customer questionnaires");
        assert!(l.iter().any(|s| s.ends_with('-')), "{l:?}");
        // short words in a narrow cell are not hyphenated for nothing
        let l = lines("Likelihood of loss", 60.0);
        assert_eq!(l, ["Likelihood", "of loss"]);
    }

    #[test]
    fn the_last_word_of_a_paragraph_is_not_hyphenated() {
        let text =
            "Approve 8 new account executives in the first half to cover the enterprise segment";
        for width in [300.0, 330.0, 360.0, 390.0] {
            let out = break_lines(&[Run::new(text, style(10.5))], fonts(), &set(width, true));
            let l: Vec<String> = out.iter().map(Line::text).collect();
            let last = l.last().expect("lines");
            assert!(!l[l.len().saturating_sub(2)].ends_with('-') || l.len() == 1, "{l:?}");
            assert!(last.ends_with("segment"), "{l:?}");
        }
    }

    #[test]
    fn titles_are_not_hyphenated() {
        let s = Setting { width: 150.0, indent: 0.0, justify: false, align: Align::Center };
        let out = break_lines(
            &[Run::new("Comprehensive Internationalisation Plan", style(16.0))],
            fonts(),
            &s,
        );
        assert!(
            out.iter().all(|l| !l.text().ends_with('-')),
            "{:?}",
            out.iter().map(Line::text).collect::<Vec<_>>()
        );
    }

    #[test]
    fn no_chinese_character_is_left_alone_on_the_last_line() {
        // 10 characters a line; the 11th would stand alone
        for text in [
            "本方案旨在系统化构建公司销售后",
            "本方案旨在系统化构建公司销售后”。",
            "一二三四五六七八九十天",
        ] {
            for justify in [false, true] {
                let out =
                    break_lines(&[Run::new(text, style(10.0))], fonts(), &set(100.0, justify));
                let last = out.last().expect("lines").text();
                let letters = last.chars().filter(|c| !NO_LINE_START.contains(*c)).count();
                assert!(
                    letters >= 2,
                    "{text}: {:?}",
                    out.iter().map(Line::text).collect::<Vec<_>>()
                );
                let joined: String = out.iter().map(Line::text).collect();
                assert_eq!(joined, text);
            }
        }
    }

    #[test]
    fn full_width_punctuation_hangs_in_justified_text_only() {
        // ten characters fill the line; the comma after them hangs in the margin
        let text = "一二三四五六七八九十，一二三四五六七八九十。";
        let out = break_lines(&[Run::new(text, style(10.0))], fonts(), &set(100.0, true));
        assert_eq!(out[0].text(), "一二三四五六七八九十，");
        let comma = out[0].frags.last().expect("frags");
        assert_eq!(comma.text, "，");
        assert!((comma.x - 100.0).abs() < 0.01, "{}", comma.x);
        // in a ragged setting (a table cell) it may not: the comma takes a character along
        let l = lines(text, 100.0);
        assert_eq!(l[0], "一二三四五六七八九");
        assert!(l[1].starts_with("十，"), "{l:?}");
    }

    #[test]
    fn right_aligned_figures_line_up_on_their_digits() {
        let s = Setting { width: 80.0, indent: 0.0, justify: false, align: Align::Right };
        let bold = TextStyle { face: Face::Bold, ..style(9.0) };
        let a = &break_lines(&[Run::new("1,234.5", style(9.0))], fonts(), &s)[0].frags[0];
        let b = &break_lines(&[Run::new("98,760.0", style(9.0))], fonts(), &s)[0].frags[0];
        let c = &break_lines(&[Run::new("7,711.1", bold)], fonts(), &s)[0].frags[0];
        let digit = fonts().advance(Face::Regular, '0') * 9.0;
        // same right edge, and b's extra leading digit is the whole difference
        assert!((a.x + a.width - (b.x + b.width)).abs() < 1e-3);
        assert!((a.x - b.x - digit).abs() < 1e-3, "{} {}", a.x, b.x);
        // a bold figure's digits fall on the same positions as regular ones
        let d = fonts().advance(Face::Bold, '.') * 9.0 - fonts().advance(Face::Regular, '.') * 9.0;
        let comma =
            fonts().advance(Face::Bold, ',') * 9.0 - fonts().advance(Face::Regular, ',') * 9.0;
        assert!((c.x - (a.x - d - comma)).abs() < 1e-3, "{} {}", a.x, c.x);
    }

    #[test]
    fn mixed_text_is_measured_in_the_faces_that_draw_it() {
        let f = fonts();
        let w = measure(f, "销售额 Revenue 2025", &style(10.0));
        let by_face: f32 = "销售额 Revenue 2025"
            .chars()
            .map(|c| {
                let font = f.font(f.slot(Face::Regular, c));
                font.glyph_advance(font.glyph(c).unwrap_or(0)) * 10.0
            })
            .sum();
        assert!((w - by_face).abs() < 1e-3);
        assert_eq!(f.font(f.slot(Face::Regular, 'R')).name(), "NotoSans-Regular");
    }

    #[test]
    fn a_200000_character_word_and_a_megabyte_paragraph_lay_out() {
        let word = "x".repeat(200_000);
        let out = break_lines(&[Run::new(word.as_str(), style(10.0))], fonts(), &set(400.0, true));
        assert!(out.len() > 2000, "{}", out.len());
        assert!(out.iter().all(|l| l.width <= 400.01));
        assert_eq!(out.iter().map(|l| l.text().len()).sum::<usize>(), 200_000);
        let para = "本方案旨在系统化构建公司销售体系，通过数据驱动的目标设定 and growth plans。"
            .repeat(12_000);
        assert!(para.len() > 1_000_000);
        let out = break_lines(&[Run::new(para.as_str(), style(10.5))], fonts(), &set(425.0, true));
        assert!(out.len() > 10_000, "{}", out.len());
        let chars: usize = out.iter().map(|l| l.text().chars().count()).sum();
        assert!(chars >= para.chars().count() - out.len(), "only spaces at breaks are dropped");
    }
}
