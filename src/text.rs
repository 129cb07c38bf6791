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
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let (mut depth, mut max) = (0usize, 0usize);
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match ev {
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
}
