//! Unicode facts about text that every renderer needs (line breaks, spacing).

/// CJK ideographs, kana, CJK and full-width punctuation: between two of them a line break
/// in the source is no space, and justification may add space after any of them.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_chinese_from_latin() {
        assert!(is_cjk('中') && is_cjk('，') && is_cjk('（'));
        assert!(!is_cjk('a') && !is_cjk('1') && !is_cjk(' '));
    }
}
