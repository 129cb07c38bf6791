//! Which face a character asks for first: Latin letters, digits and Latin punctuation the
//! Latin face, Chinese the CJK face, and neutral marks (quotes, dashes, bullets, symbols)
//! whichever face the document's language sets its text in.
//!
//! The choice depends on the character and the document only, never on its neighbours, so
//! measuring a line and drawing any piece of it always pick the same face.

/// The script class of a character, for choosing its face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin, Greek and Cyrillic letters, digits, ASCII and Latin-1 punctuation, currency signs.
    Latin,
    /// Han, kana, hangul, CJK and full-width punctuation and forms.
    Cjk,
    /// Punctuation and symbols both faces may have (`“”`, `—`, `…`, `•`, `·`, `✓`, `▲`):
    /// set in the face of the document's language.
    Neutral,
}

/// The script class of `c`.
pub fn script(c: char) -> Script {
    match c as u32 {
        0x00B7 => Script::Neutral,
        0x0000..=0x036F | 0x0370..=0x052F | 0x1E00..=0x1FFF | 0x20A0..=0x20CF | 0xFB00..=0xFB06 => {
            Script::Latin
        }
        0x1100..=0x11FF
        | 0x2E80..=0x2FFF
        | 0x3000..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => Script::Cjk,
        _ => Script::Neutral,
    }
}

/// True when `c` asks for the CJK face before the Latin one in a document whose text is
/// Chinese (`zh`) or not.
pub fn cjk_first(c: char, zh: bool) -> bool {
    match script(c) {
        Script::Latin => false,
        Script::Cjk => true,
        Script::Neutral => zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_letters_digits_and_ascii_punctuation_are_latin() {
        for c in "Revenue 2025 $4.5M, +12% (Q3): é ß Ω Ж €".chars() {
            assert_eq!(script(c), Script::Latin, "{c}");
        }
    }

    #[test]
    fn chinese_and_full_width_forms_are_cjk() {
        for c in "销售额，。、；：（）《》「」　１％￥한かカ".chars() {
            assert_eq!(script(c), Script::Cjk, "{c}");
        }
    }

    #[test]
    fn shared_marks_follow_the_document_language() {
        for c in "“”‘’—…•·✓▲▼○→".chars() {
            assert_eq!(script(c), Script::Neutral, "{c}");
            assert!(cjk_first(c, true) && !cjk_first(c, false), "{c}");
        }
        assert!(!cjk_first('a', true) && cjk_first('中', false));
    }
}
