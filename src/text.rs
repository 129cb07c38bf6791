//! Unicode facts about text that every renderer needs (line breaks, spacing).

/// CJK ideographs, kana, CJK and full-width punctuation: between two of them a line break
/// in the source is no space, and justification may add space after any of them.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x2FFFF)
}

/// How deeply block quotes and lists nest in Markdown `md`, counted without recursion.
/// The PDF builds its block tree recursively and HTML sanitising slows down with depth, so
/// plan text nested deeper than [`MAX_MARKDOWN_NESTING`](crate::limits::MAX_MARKDOWN_NESTING)
/// is refused.
pub fn markdown_nesting(md: &str) -> usize {
    use pulldown_cmark::{Options, Parser};
    events_nesting(Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH))
}

/// [`markdown_nesting`] of a document already parsed into `events`.
pub fn events_nesting<'a, E: std::borrow::Borrow<pulldown_cmark::Event<'a>>>(
    events: impl IntoIterator<Item = E>,
) -> usize {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let (mut depth, mut max) = (0usize, 0usize);
    for ev in events {
        match ev.borrow() {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                depth += 1;
                max = max.max(depth);
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nesting_without_recursion() {
        assert_eq!(markdown_nesting("> a\n>> b\n"), 2);
        assert_eq!(markdown_nesting("- a\n  - b\n    - c\n"), 3);
        assert_eq!(markdown_nesting(&">".repeat(20_000)), 20_000);
    }

    #[test]
    fn tells_chinese_from_latin() {
        assert!(is_cjk('中') && is_cjk('，') && is_cjk('（'));
        assert!(!is_cjk('a') && !is_cjk('1') && !is_cjk(' '));
    }

    #[test]
    fn tight_spacing_joins_chinese_with_digits_and_latin() {
        let t = |s| space_cjk(s, CjkSpacing::Tight);
        assert_eq!(t("2025 年实现 1.2 亿元"), "2025年实现1.2亿元");
        assert_eq!(t("产品 B 于 Q2 上线"), "产品B于Q2上线");
        assert_eq!(t("目标 **1.5亿元** 高于"), "目标 **1.5亿元** 高于");
        assert_eq!(t("1. 市场需求"), "1. 市场需求");
        assert_eq!(t("见 `a b` 和 [链接](http://x.cn/a b)"), "见 `a b` 和 [链接](http://x.cn/a b)");
        assert_eq!(t("English only 2025 a"), "English only 2025 a");
    }

    #[test]
    fn spaced_mode_puts_one_space_between_chinese_and_latin() {
        assert_eq!(
            space_cjk("2025年实现1.2亿元，产品B", CjkSpacing::Spaced),
            "2025 年实现 1.2 亿元，产品 B"
        );
        assert_eq!(space_cjk("2025 年", CjkSpacing::AsWritten), "2025 年");
    }

    #[test]
    fn chinese_text_gets_full_width_punctuation() {
        let f = fullwidth_punctuation;
        assert_eq!(f("A类客户(战略型)"), "A类客户（战略型）");
        assert_eq!(f("获客成本 (CAC)"), "获客成本（CAC）");
        assert_eq!(f(r#"以"双11"为核心"#), "以“双11”为核心");
        assert_eq!(f("说明: 内容; 其他"), "说明：内容；其他");
        assert_eq!(f("拉动消费,提升客单价"), "拉动消费，提升客单价");
        assert_eq!(f("每周一 9:00 例会"), "每周一 9:00 例会");
        assert_eq!(f("Top 50 (US): ok"), "Top 50 (US): ok");
        assert_eq!(
            f("见 `f(x)` 与 [说明](http://a.cn/(x))"),
            "见 `f(x)` 与 [说明](http://a.cn/(x))"
        );
        assert_eq!(f("AI/大数据工具"), "AI/大数据工具");
        assert_eq!(f("见图![结构](a.png)"), "见图![结构](a.png)");
        assert_eq!(f("太好了!"), "太好了！");
    }
}

/// Chinese characters proper (ideographs and kana), without punctuation: what the spacing
/// and punctuation rules look at.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2FFFF)
}

/// How Chinese characters meet Latin letters and digits (`2025年` or `2025 年`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CjkSpacing {
    /// No space (`2025年`, `1.2亿元`, `产品B`): the usage of Chinese business documents.
    #[default]
    Tight,
    /// One space (`2025 年`, `产品 B`).
    Spaced,
    /// Left as written.
    AsWritten,
}

impl CjkSpacing {
    /// `tight`, `spaced` or `as-written`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "tight" => Some(Self::Tight),
            "spaced" => Some(Self::Spaced),
            "as-written" => Some(Self::AsWritten),
            _ => None,
        }
    }
}

/// Applies the spacing rule to one line of text (code spans and link destinations of
/// Markdown are left alone).
pub fn space_cjk(line: &str, mode: CjkSpacing) -> String {
    if mode == CjkSpacing::AsWritten || !line.chars().any(is_han) {
        return line.to_string();
    }
    let chars: Vec<char> = line.chars().collect();
    let latin = |c: char| c.is_ascii_alphanumeric() || c == '%';
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut in_dest = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && c == '(' && i > 0 && chars[i - 1] == ']' {
            in_dest = 1;
        } else if in_dest > 0 && c == '(' {
            in_dest += 1;
        } else if in_dest > 0 && c == ')' {
            in_dest -= 1;
        }
        if in_code || in_dest > 0 {
            out.push(c);
            i += 1;
            continue;
        }
        match mode {
            CjkSpacing::Tight if c == ' ' => {
                // a run of spaces between a Chinese character and a Latin letter or digit
                let mut j = i;
                while j < chars.len() && chars[j] == ' ' {
                    j += 1;
                }
                let before = out.chars().last();
                let after = chars.get(j).copied();
                let joins = match (before, after) {
                    (Some(b), Some(a)) => is_han(b) && latin(a) || latin(b) && is_han(a),
                    _ => false,
                };
                if !joins {
                    out.extend(&chars[i..j]);
                }
                i = j;
                continue;
            }
            CjkSpacing::Spaced => {
                if let Some(b) = out.chars().last()
                    && (is_han(b) && latin(c) || latin(b) && is_han(c))
                {
                    out.push(' ');
                }
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Plan text in a Chinese report: ASCII `( ) " : ; , ! ?` next to Chinese characters
/// become their full-width forms `（ ）“ ” ： ； ， ！ ？`, and the spaces around them go.
/// Markdown code spans and link destinations are left alone.
pub fn fullwidth_punctuation(text: &str) -> String {
    if !text.chars().any(is_han) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    // what is protected: code spans and `](…)` destinations
    let mut protected = vec![false; n];
    let mut i = 0;
    while i < n {
        if chars[i] == '`' {
            let end = (i + 1..n).find(|&j| chars[j] == '`').unwrap_or(n - 1);
            protected[i..=end].iter_mut().for_each(|p| *p = true);
            i = end + 1;
            continue;
        }
        if chars[i] == '(' && i > 0 && chars[i - 1] == ']' {
            let end = (i + 1..n).find(|&j| chars[j] == ')').unwrap_or(n - 1);
            protected[i..=end].iter_mut().for_each(|p| *p = true);
            i = end + 1;
            continue;
        }
        i += 1;
    }
    let han_at = |k: Option<usize>| k.and_then(|k| chars.get(k)).is_some_and(|c| is_han(*c));
    // nearest non-space neighbours, on the same line
    let prev = |k: usize| (0..k).rev().find(|&j| chars[j] != ' ').filter(|&j| chars[j] != '\n');
    let next = |k: usize| (k + 1..n).find(|&j| chars[j] != ' ').filter(|&j| chars[j] != '\n');
    let mut out: Vec<char> = chars.clone();
    let mut converted = vec![false; n];
    // brackets and quotes by pairs
    let mut stack: Vec<usize> = Vec::new();
    let mut open_quote: Option<usize> = None;
    for k in 0..n {
        if protected[k] {
            continue;
        }
        match chars[k] {
            '(' => stack.push(k),
            ')' => {
                if let Some(o) = stack.pop()
                    && (han_at(prev(o)) || han_at(next(o)) || han_at(prev(k)) || han_at(next(k)))
                {
                    out[o] = '（';
                    out[k] = '）';
                    converted[o] = true;
                    converted[k] = true;
                }
            }
            '"' => match open_quote.take() {
                None => open_quote = Some(k),
                Some(o) => {
                    if han_at(prev(o)) || han_at(next(o)) || han_at(prev(k)) || han_at(next(k)) {
                        out[o] = '“';
                        out[k] = '”';
                        converted[o] = true;
                        converted[k] = true;
                    }
                }
            },
            // (`![…](…)` is a Markdown image, not an exclamation)
            '!' if chars.get(k + 1) == Some(&'[') => {}
            ':' | ';' | '!' | '?' if han_at(prev(k)) => {
                out[k] = match chars[k] {
                    ':' => '：',
                    ';' => '；',
                    '!' => '！',
                    _ => '？',
                };
                converted[k] = true;
            }
            ',' if han_at(prev(k)) && han_at(next(k)) => {
                out[k] = '，';
                converted[k] = true;
            }
            _ => {}
        }
    }
    // drop ASCII spaces that touch a converted mark
    let mut result = String::with_capacity(text.len());
    for k in 0..n {
        if chars[k] == ' ' && !protected[k] {
            let left = (0..k).rev().find(|&j| chars[j] != ' ');
            let right = (k + 1..n).find(|&j| chars[j] != ' ');
            if left.is_some_and(|j| converted[j]) || right.is_some_and(|j| converted[j]) {
                continue;
            }
        }
        result.push(out[k]);
    }
    result
}
