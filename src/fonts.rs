//! The bundled fonts: Noto Sans SC Regular and Bold (TrueType, OFL, `fonts/`), compiled in
//! once and shared by the charts (measuring, plotters) and the PDF (embedding).

/// Noto Sans SC Regular.
pub static REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular.ttf");
/// Noto Sans SC Bold.
pub static BOLD: &[u8] = include_bytes!("../fonts/NotoSansSC-Bold.ttf");
