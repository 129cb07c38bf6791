//! The bundled fonts, parsed once, and text measured with their real advance widths.
//!
//! Noto Sans SC Regular and Bold (TrueType, OFL) are compiled into the binary. `Fonts`
//! is parsed once per process (the [`crate::Engine`] holds it) and shared by every render.

use printpdf::ParsedFont;

use crate::error::Error;

use crate::fonts::{BOLD, REGULAR};

/// Which of the two faces: body text, or headings and emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// The regular face (Noto Sans SC Regular unless `--font` names another).
    Regular,
    /// The bold face (Noto Sans SC Bold unless `--bold-font` names another).
    Bold,
}

/// Both faces, parsed, with the PostScript names they are embedded under.
pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
    names: [String; 2],
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fonts {{ {}, {} }}", self.names[0], self.names[1])
    }
}

fn parse(bytes: &[u8], name: &str) -> Result<ParsedFont, Error> {
    let mut warnings = Vec::new();
    let mut font = ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| Error::Pdf {
        message: format!(
            "failed to load the font `{name}` (not a TrueType or OpenType font)\nhint: name a .ttf or .otf file"
        ),
    })?;
    font.font_name = Some(name.to_string());
    Ok(font)
}

/// A PostScript name made from a font's file name: letters, digits and `-` only.
pub fn postscript_name(file_stem: &str) -> String {
    let name: String =
        file_stem.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(60).collect();
    if name.is_empty() { "Font".to_string() } else { name }
}

impl Fonts {
    /// Parses the bundled fonts (about 20 MB of TrueType; do it once).
    pub fn load() -> Result<Self, Error> {
        let names = ["NotoSansSC-Regular".to_string(), "NotoSansSC-Bold".to_string()];
        Ok(Self { regular: parse(REGULAR, &names[0])?, bold: parse(BOLD, &names[1])?, names })
    }

    /// Fonts a user names instead of the bundled ones: `(PostScript name, file bytes)`.
    /// Without a bold face, bold text is set in the regular one.
    pub fn from_files(
        regular: (String, Vec<u8>),
        bold: Option<(String, Vec<u8>)>,
    ) -> Result<Self, Error> {
        let r = parse(&regular.1, &regular.0)?;
        let (bold_name, b) = match bold {
            Some((name, bytes)) => (name.clone(), parse(&bytes, &name)?),
            None => (regular.0.clone(), r.clone()),
        };
        Ok(Self { regular: r, bold: b, names: [regular.0, bold_name] })
    }

    /// The PostScript name a face is embedded under.
    pub fn name(&self, face: Face) -> &str {
        match face {
            Face::Regular => &self.names[0],
            Face::Bold => &self.names[1],
        }
    }

    /// The font file of a face.
    pub fn bytes(&self, face: Face) -> &[u8] {
        &self.parsed(face).original_bytes
    }

    /// A subset of `face` holding the glyphs of `chars` (plus .notdef), parsed, named
    /// `name` (the PDF's `TAG+PostScriptName`). Its glyphs are renumbered; its cmap maps
    /// the characters to the new glyphs, so text encodes against it directly.
    pub fn subset(
        &self,
        face: Face,
        chars: &std::collections::BTreeSet<char>,
        name: &str,
    ) -> Result<ParsedFont, Error> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::subset::{CmapTarget, SubsetProfile, subset};
        let fail = |what: String| Error::Pdf {
            message: format!("failed to subset the font `{}` ({what})", self.name(face)),
        };
        let full = self.parsed(face);
        let mut ids: Vec<u16> = vec![0];
        let mut gids: Vec<u16> = chars
            .iter()
            .filter_map(|c| full.lookup_glyph_index(*c as u32))
            .filter(|g| *g != 0)
            .collect();
        gids.sort_unstable();
        gids.dedup();
        ids.extend(gids);
        let scope = ReadScope::new(self.bytes(face));
        let file = scope.read::<FontData<'_>>().map_err(|e| fail(e.to_string()))?;
        let provider = file.table_provider(0).map_err(|e| fail(e.to_string()))?;
        let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| fail(e.to_string()))?;
        let mut warnings = Vec::new();
        let mut font = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| fail("the subset does not parse".into()))?;
        font.font_name = Some(name.to_string());
        Ok(font)
    }

    /// The parsed face, for embedding.
    pub fn parsed(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// True when the regular face has a glyph for `c` (the bold face covers the same set).
    pub fn covers(&self, c: char) -> bool {
        c.is_control() || self.regular.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
    }

    /// Advance width of `c` in em.
    pub fn advance(&self, face: Face, c: char) -> f32 {
        let f = self.parsed(face);
        let gid = f.lookup_glyph_index(c as u32).unwrap_or(0);
        let upem = f32::from(f.units_per_em.max(1));
        f32::from(f.get_glyph_width(gid).unwrap_or(0)) / upem
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(face, c)).sum::<f32>() * size
    }

    /// Ascender height in em (above the baseline).
    pub fn ascent(&self) -> f32 {
        f32::from(self.regular.font_metrics.ascent) / f32::from(self.regular.units_per_em.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_real_advances() {
        let f = Fonts::load().expect("bundled fonts parse");
        // CJK ideographs are one em wide; Latin and digits are narrower.
        assert!((f.advance(Face::Regular, '销') - 1.0).abs() < 1e-3);
        assert!((f.advance(Face::Regular, '，') - 1.0).abs() < 1e-3);
        let digit = f.advance(Face::Regular, '8');
        assert!(digit > 0.4 && digit < 0.7, "{digit}");
        assert!(f.width(Face::Regular, "iii", 10.0) < f.width(Face::Regular, "MMM", 10.0));
        assert!(f.width(Face::Bold, "销售额", 10.0) > 29.0);
    }

    #[test]
    fn knows_which_characters_it_can_draw() {
        let f = Fonts::load().expect("bundled fonts parse");
        for c in "销售额 1,200万元 ✓▲▼○ （）《》「」".chars() {
            assert!(f.covers(c), "{c}");
        }
        assert!(!f.covers('\u{1F600}'));
        assert!(!f.covers('\u{0E01}'));
    }

    #[test]
    fn subsets_keep_advances_and_map_characters() {
        let f = Fonts::load().expect("bundled fonts parse");
        let chars: std::collections::BTreeSet<char> = "销售额 1,200万元✓".chars().collect();
        let s = f.subset(Face::Regular, &chars, "ABCDEF+NotoSansSC-Regular").expect("subset");
        assert!(s.original_bytes.len() < 100_000, "{}", s.original_bytes.len());
        for c in &chars {
            let gid = s.lookup_glyph_index(*c as u32).expect("mapped");
            assert!(gid != 0 || *c == ' ');
            let w = s.get_glyph_width(gid).expect("width");
            assert_eq!(f32::from(w) / f32::from(s.units_per_em), f.advance(Face::Regular, *c));
        }
        assert_eq!(s.font_name.as_deref(), Some("ABCDEF+NotoSansSC-Regular"));
    }
}
