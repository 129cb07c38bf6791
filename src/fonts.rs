//! The bundled fonts, compiled in once and shared by the charts (measuring, plotters) and
//! the PDF (embedding): Noto Sans SC for Chinese and Noto Sans for Latin text, each Regular
//! and Bold, TrueType, SIL Open Font License (`fonts/README.md`).

/// Noto Sans SC Regular (CJK; also the charts' font).
pub static REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular.ttf");
/// Noto Sans SC Bold.
pub static BOLD: &[u8] = include_bytes!("../fonts/NotoSansSC-Bold.ttf");
/// Noto Sans Regular (Latin, Greek, Cyrillic; tabular figures by default).
pub static LATIN_REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold.
pub static LATIN_BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");
