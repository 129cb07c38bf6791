//! The bundled fonts, compiled in once and shared by the charts (measuring, plotters) and
//! the PDF (embedding): Noto Sans SC for Chinese and Noto Sans for Latin text, each Regular
//! and Bold, TrueType, SIL Open Font License (`fonts/README.md`); and, compressed, the
//! Traditional Chinese glyph forms of Noto Sans TC, unpacked only for a Traditional plan.

use std::io::Read;

/// Noto Sans SC Regular (CJK; also the charts' font).
pub static REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular.ttf");
/// Noto Sans SC Bold.
pub static BOLD: &[u8] = include_bytes!("../fonts/NotoSansSC-Bold.ttf");
/// Noto Sans Regular (Latin, Greek, Cyrillic; tabular figures by default).
pub static LATIN_REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold.
pub static LATIN_BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

/// Noto Sans TC Regular, only the glyphs drawn differently from Noto Sans SC (Traditional
/// forms such as 骨 說 銷, centred `，。`) or missing from it: 9,609 of them, a TrueType
/// subset, zlib-compressed (`fonts/make-tc-delta.py`). Set before Noto Sans SC, it gives a
/// Traditional plan the glyphs of Noto Sans TC for a quarter of its size.
static TC_REGULAR_Z: &[u8] = include_bytes!("../fonts/NotoSansTC-Regular.delta.ttf.zlib");
/// Noto Sans TC Bold, the same subset.
static TC_BOLD_Z: &[u8] = include_bytes!("../fonts/NotoSansTC-Bold.delta.ttf.zlib");

/// The Traditional Chinese faces, Regular and Bold, unpacked (a few milliseconds; callers
/// keep the result for the process).
pub fn traditional() -> std::io::Result<[Vec<u8>; 2]> {
    let unpack = |z: &[u8]| {
        let mut out = Vec::with_capacity(z.len() * 2);
        flate2::read::ZlibDecoder::new(z).read_to_end(&mut out).map(|_| out)
    };
    Ok([unpack(TC_REGULAR_Z)?, unpack(TC_BOLD_Z)?])
}
