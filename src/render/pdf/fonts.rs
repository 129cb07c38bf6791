//! The PDF's faces and text measured with their real advances, each character in the face
//! that draws it.
//!
//! Every weight (regular, bold) is a chain of faces: the user's `--font` if one was named,
//! then Noto Sans (Latin) and Noto Sans SC (CJK), all bundled. A character is set in the
//! first face of its chain that has it, the chain ordered by its script ([`script`]): Latin
//! letters, digits and Latin punctuation try Noto Sans before Noto Sans SC, Chinese the other
//! way round. Measuring (line breaking, tables, charts) and drawing (the writer) both ask
//! [`Fonts::slot`], so they never disagree.
//!
//! The fonts are read in place with a zero-copy parser (`ttf-parser`): loading reads a few
//! table headers, not the 10 MB CJK font, and only glyphs a report uses are ever touched.
//! [`Fonts`] is built once per process (the [`crate::Engine`] holds it) and is cheap to clone;
//! [`Fonts::for_document`] gives a document its own view. A Traditional Chinese document puts
//! Noto Sans TC (its glyphs that differ from Noto Sans SC, bundled compressed) before Noto Sans
//! SC; the TC faces are unpacked the first time a Traditional document asks for them.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use hyphenation::{Language, Load, Standard};
use owned_ttf_parser::{AsFaceRef, Face as TtfFace, GlyphId, OwnedFace, PreParsedSubtables};

use super::script::{Script, cjk_first, script};
use crate::error::Error;
use crate::fonts::{BOLD, LATIN_BOLD, LATIN_REGULAR, REGULAR};

/// Which weight: body text, or headings and emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// The regular weight.
    Regular,
    /// The bold weight.
    Bold,
}

/// Index of one physical font file among [`Fonts`]' faces.
pub type Slot = usize;

/// A face with its Unicode cmap subtables found once (not on every lookup).
enum Data {
    Static(&'static [u8], Box<PreParsedSubtables<'static, TtfFace<'static>>>),
    Owned(Box<PreParsedSubtables<'static, OwnedFace>>),
}

/// One font file, parsed in place.
pub struct Font {
    name: String,
    data: Data,
    upem: f32,
}

impl Font {
    fn parse_static(bytes: &'static [u8], name: &str) -> Result<Self, Error> {
        let face = TtfFace::parse(bytes, 0).map_err(|_| not_a_font(name))?;
        Self::checked(name, Data::Static(bytes, Box::new(face.into())))
    }

    fn parse_owned(bytes: Vec<u8>, name: &str) -> Result<Self, Error> {
        let face = OwnedFace::from_vec(bytes, 0).map_err(|_| not_a_font(name))?;
        Self::checked(name, Data::Owned(Box::new(face.into())))
    }

    fn checked(name: &str, data: Data) -> Result<Self, Error> {
        let mut font = Self { name: name.to_string(), data, upem: 1000.0 };
        let face = font.face();
        // Outlines we can subset and embed: TrueType `glyf` or CFF.
        let t = face.tables();
        if t.glyf.is_none() && t.cff.is_none() || t.hmtx.is_none() || t.cmap.is_none() {
            return Err(not_a_font(name));
        }
        font.upem = f32::from(face.units_per_em().max(16));
        Ok(font)
    }

    /// The parsed face.
    pub fn face(&self) -> &TtfFace<'_> {
        match &self.data {
            Data::Static(_, f) => &f.face,
            Data::Owned(o) => o.face.as_face_ref(),
        }
    }

    /// The font file.
    pub fn bytes(&self) -> &[u8] {
        match &self.data {
            Data::Static(b, _) => b,
            Data::Owned(o) => o.face.as_slice(),
        }
    }

    /// The PostScript name the face is embedded under.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Units per em.
    pub fn units_per_em(&self) -> f32 {
        self.upem
    }

    /// The glyph of `c`, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let g = match &self.data {
            Data::Static(_, f) => f.glyph_index(c),
            Data::Owned(o) => o.glyph_index(c),
        };
        g.map(|g| g.0).filter(|g| *g != 0)
    }

    /// Advance width of a glyph in em.
    pub fn glyph_advance(&self, gid: u16) -> f32 {
        f32::from(self.face().glyph_hor_advance(GlyphId(gid)).unwrap_or(0)) / self.upem
    }
}

fn not_a_font(name: &str) -> Error {
    Error::NotAFont { name: name.to_string() }
}

/// The faces of one weight, as slots: the user's font, Latin, CJK.
#[derive(Debug, Clone, Copy)]
struct Chain {
    user: Option<Slot>,
    latin: Slot,
    cjk: Slot,
}

impl Chain {
    /// The faces to try for a character, in order.
    fn order(&self, cjk_first: bool) -> [Option<Slot>; 3] {
        let (a, b) = if cjk_first { (self.cjk, self.latin) } else { (self.latin, self.cjk) };
        [self.user, Some(a), Some(b)]
    }
}

/// Printable ASCII is measured on every line: its faces and advances are looked up once.
const ASCII: usize = 128;

/// Characters per block of a [`GlyphCache`]: a block is made the first time one of its
/// characters is measured, so a report's few thousand characters fill a few dozen.
const BLOCK: usize = 1024;

/// The face, glyph and advance of each character of the Basic Multilingual Plane met so
/// far, for one weight and one kind of document (Chinese or not, Traditional or not: they
/// order the chain). A report measures each character many times (line-breaking tries,
/// table columns, the coverage check, the writer); the cmap is searched once per process,
/// by whichever thread comes first, and every thread reads the same answer.
struct GlyphCache {
    blocks: Vec<OnceLock<Box<[Entry]>>>,
}

/// One character of a [`GlyphCache`]: `key` is 0 until it is known, then
/// `1 << 31 | slot << 16 | glyph`; `advance` (the bits of an `f32`) is stored before it.
#[derive(Default)]
struct Entry {
    key: AtomicU32,
    advance: AtomicU32,
}

impl GlyphCache {
    fn new() -> Self {
        Self { blocks: (0..0x10000 / BLOCK).map(|_| OnceLock::new()).collect() }
    }

    /// The cached `(slot, glyph, advance)` of `c`, else `find`'s, kept.
    fn get(&self, c: char, find: impl FnOnce() -> (Slot, u16, f32)) -> (Slot, u16, f32) {
        let code = c as usize;
        let Some(block) = self.blocks.get(code / BLOCK) else { return find() };
        let entry =
            &block.get_or_init(|| (0..BLOCK).map(|_| Entry::default()).collect())[code % BLOCK];
        let key = entry.key.load(Ordering::Acquire);
        if key != 0 {
            let advance = f32::from_bits(entry.advance.load(Ordering::Relaxed));
            return (((key >> 16) & 0xff) as Slot, key as u16, advance);
        }
        let found = find();
        if let Ok(slot) = u8::try_from(found.0) {
            entry.advance.store(found.2.to_bits(), Ordering::Relaxed);
            entry
                .key
                .store(1 << 31 | u32::from(slot) << 16 | u32::from(found.1), Ordering::Release);
        }
        found
    }
}

struct Shared {
    fonts: Vec<Font>,
    /// Noto Sans TC Regular and Bold, slots `fonts.len()` and `fonts.len() + 1`, read on
    /// the first Traditional document.
    traditional: OnceLock<Result<[Font; 2], String>>,
    chains: [Chain; 2],
    /// (slot, glyph, advance in em) of ASCII characters per weight.
    ascii: [[(Slot, u16, f32); ASCII]; 2],
    /// US English hyphenation patterns, read on first use.
    hyphenator: OnceLock<Option<Standard>>,
    /// Characters beyond ASCII, by weight, Chinese document or not, Traditional or not.
    glyphs: [GlyphCache; 8],
}

impl Shared {
    /// The face of a slot: a bundled or user face, or past them the TC faces (the chain
    /// only offers those slots once they are loaded).
    fn font(&self, slot: Slot) -> &Font {
        match self.fonts.get(slot) {
            Some(f) => f,
            None => match self.traditional.get() {
                Some(Ok(tc)) => &tc[(slot - self.fonts.len()).min(1)],
                _ => &self.fonts[0],
            },
        }
    }
}

/// The faces of both weights, and the hyphenation dictionary line breaking uses.
#[derive(Clone)]
pub struct Fonts {
    shared: Arc<Shared>,
    /// Neutral marks (quotes, dashes, symbols) in the CJK face: a Chinese document.
    zh: bool,
    /// Traditional Chinese: Noto Sans TC before Noto Sans SC.
    tc: bool,
    /// Hyphenation points of the words met in this document (a table cell is set several
    /// times while its column's width is found).
    hyphens: Arc<Mutex<HashMap<String, Vec<usize>>>>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.shared.fonts.iter().map(|f| f.name.as_str()).collect();
        write!(f, "Fonts {names:?}")
    }
}

/// A PostScript name made from a font's file name: letters, digits and `-` only.
pub fn postscript_name(file_stem: &str) -> String {
    let name: String =
        file_stem.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(60).collect();
    if name.is_empty() { "Font".to_string() } else { name }
}

impl Fonts {
    fn build(mut fonts: Vec<Font>, user: [Option<Slot>; 2]) -> Result<Self, Error> {
        let base = fonts.len();
        fonts.push(Font::parse_static(LATIN_REGULAR, "NotoSans-Regular")?);
        fonts.push(Font::parse_static(LATIN_BOLD, "NotoSans-Bold")?);
        fonts.push(Font::parse_static(REGULAR, "NotoSansSC-Regular")?);
        fonts.push(Font::parse_static(BOLD, "NotoSansSC-Bold")?);
        let chains = [
            Chain { user: user[0], latin: base, cjk: base + 2 },
            Chain { user: user[1], latin: base + 1, cjk: base + 3 },
        ];
        let mut shared = Shared {
            fonts,
            traditional: OnceLock::new(),
            chains,
            ascii: [[(0, 0, 0.0); ASCII]; 2],
            hyphenator: OnceLock::new(),
            glyphs: std::array::from_fn(|_| GlyphCache::new()),
        };
        for w in 0..2 {
            for i in 0..ASCII {
                let c = char::from(i as u8);
                let (slot, gid) = Self::find(&shared, w, c, false, false);
                shared.ascii[w][i] = (slot, gid, shared.font(slot).glyph_advance(gid));
            }
        }
        Ok(Self { shared: Arc::new(shared), zh: true, tc: false, hyphens: Arc::default() })
    }

    /// The bundled fonts: Noto Sans and Noto Sans SC, Regular and Bold.
    pub fn load() -> Result<Self, Error> {
        Self::build(Vec::new(), [None, None])
    }

    /// A user's fonts first, the bundled ones for characters they lack:
    /// `(PostScript name, file bytes)`. Without a bold face, bold text is set in the regular
    /// one.
    pub fn from_files(
        regular: (String, Vec<u8>),
        bold: Option<(String, Vec<u8>)>,
    ) -> Result<Self, Error> {
        let mut fonts = vec![Font::parse_owned(regular.1, &regular.0)?];
        let bold_slot = match bold {
            Some((name, bytes)) => {
                fonts.push(Font::parse_owned(bytes, &name)?);
                1
            }
            None => 0,
        };
        Self::build(fonts, [Some(0), Some(bold_slot)])
    }

    /// [`Fonts::from_files`] from font files on disk, each named after its file.
    pub fn from_paths(
        regular: &std::path::Path,
        bold: Option<&std::path::Path>,
    ) -> Result<Self, Error> {
        let read = |p: &std::path::Path| -> Result<(String, Vec<u8>), Error> {
            let bytes =
                std::fs::read(p).map_err(|source| Error::Read { path: p.to_path_buf(), source })?;
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            Ok((postscript_name(&stem), bytes))
        };
        let bold = bold.map(read).transpose()?;
        Self::from_files(read(regular)?, bold)
    }

    /// The same faces for a document in Chinese (`zh`: neutral marks such as `“”—…` in the
    /// CJK face) or another language (in the Latin face); Traditional or not as `self` is.
    pub fn for_language(&self, zh: bool) -> Self {
        Self { shared: Arc::clone(&self.shared), zh, tc: self.tc, hyphens: Arc::default() }
    }

    /// The faces of a document: in Chinese or not ([`Fonts::for_language`]), and in
    /// Traditional Chinese glyph forms (Noto Sans TC before Noto Sans SC) when
    /// `traditional`. The TC faces are unpacked on the first such document.
    pub fn for_document(&self, zh: bool, traditional: bool) -> Result<Self, Error> {
        if traditional {
            let loaded = self.shared.traditional.get_or_init(|| {
                let [r, b] = crate::fonts::traditional().map_err(|e| e.to_string())?;
                let face = |bytes, name| Font::parse_owned(bytes, name).map_err(|e| e.to_string());
                Ok([face(r, "NotoSansTC-Regular")?, face(b, "NotoSansTC-Bold")?])
            });
            if let Err(e) = loaded {
                return Err(Error::Pdf {
                    message: format!("failed to load the bundled Noto Sans TC: {e}"),
                });
            }
        }
        Ok(Self { shared: Arc::clone(&self.shared), zh, tc: traditional, hyphens: Arc::default() })
    }

    /// The face that draws `c` and its glyph there (0 when no face has it: the first
    /// face's `.notdef`). In a Traditional document the TC face comes just before the CJK
    /// face.
    fn find(shared: &Shared, weight: usize, c: char, zh: bool, tc: bool) -> (Slot, u16) {
        let chain = shared.chains[weight];
        let order = chain.order(cjk_first(c, zh));
        let tc_slot = (tc && shared.traditional.get().is_some_and(Result::is_ok))
            .then_some(shared.fonts.len() + weight);
        let mut faces = order.iter().flatten().copied().flat_map(|s| {
            let before = (s == chain.cjk).then_some(tc_slot).flatten();
            before.into_iter().chain(std::iter::once(s))
        });
        let first = faces.clone().next().unwrap_or(chain.latin);
        faces.find_map(|s| shared.font(s).glyph(c).map(|g| (s, g))).unwrap_or((first, 0))
    }

    /// The index of a weight in per-weight tables (`Face::Regular` 0, `Face::Bold` 1).
    pub(super) fn weight(face: Face) -> usize {
        match face {
            Face::Regular => 0,
            Face::Bold => 1,
        }
    }

    /// The face that draws `c` in `face`'s weight: the first of its chain that has it (the
    /// chain's first when none has it; [`Fonts::covers`] says whether one does).
    pub fn slot(&self, face: Face, c: char) -> Slot {
        self.resolve(Self::weight(face), c).0
    }

    /// The slot, glyph (0: no face has one) and advance (in em) of `c` in weight `w`: from
    /// the ASCII table, else from the process's [`GlyphCache`] for this kind of document.
    fn resolve(&self, w: usize, c: char) -> (Slot, u16, f32) {
        if let Some(known) = self.shared.ascii[w].get(c as usize) {
            return *known;
        }
        let kind = w * 4 + usize::from(self.zh) * 2 + usize::from(self.tc);
        self.shared.glyphs[kind].get(c, || {
            let (slot, gid) = Self::find(&self.shared, w, c, self.zh, self.tc);
            (slot, gid, self.shared.font(slot).glyph_advance(gid))
        })
    }

    /// One face.
    pub fn font(&self, slot: Slot) -> &Font {
        self.shared.font(slot)
    }

    /// The PostScript name of the first face of a weight (the user's font, or Noto Sans).
    pub fn name(&self, face: Face) -> &str {
        let chain = self.shared.chains[Self::weight(face)];
        &self.shared.fonts[chain.user.unwrap_or(chain.latin)].name
    }

    /// The names of every face of a weight, for messages: `A, NotoSans-Regular, …`.
    pub fn names(&self, face: Face) -> String {
        let w = Self::weight(face);
        let chain = self.shared.chains[w];
        let order = chain.order(false);
        let tc = self.shared.traditional.get().and_then(|t| t.as_ref().ok()).filter(|_| self.tc);
        let names: Vec<&str> = order
            .iter()
            .flatten()
            .flat_map(|s| {
                let before = (*s == chain.cjk).then(|| tc.map(|t| t[w].name.as_str())).flatten();
                before.into_iter().chain(std::iter::once(self.shared.fonts[*s].name.as_str()))
            })
            .collect();
        names.join(", ")
    }

    /// True when some face has a glyph for `c` (control characters need none).
    pub fn covers(&self, c: char) -> bool {
        c.is_control() || self.resolve(0, c).1 != 0
    }

    /// Advance width of `c` in em, in the face that draws it.
    pub fn advance(&self, face: Face, c: char) -> f32 {
        self.resolve(Self::weight(face), c).2
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(face, c)).sum::<f32>() * size
    }

    /// True when `c`, in this document, is set in a Latin face (digits and Latin letters
    /// always are).
    pub fn is_latin(&self, c: char) -> bool {
        script(c) == Script::Latin || !cjk_first(c, self.zh)
    }

    /// US English hyphenation patterns (TeX's, as the `hyphenation` crate embeds them), read
    /// on first use; `None` if they cannot be read.
    pub fn hyphenator(&self) -> Option<&Standard> {
        self.shared
            .hyphenator
            .get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
            .as_ref()
    }

    /// Where a lowercase English word may break with a hyphen: the indices of the characters
    /// that would start the next line (`likelihood` → 4, 6: like-li-hood).
    pub fn hyphenate(&self, word: &str) -> Vec<usize> {
        use hyphenation::Hyphenator;
        if let Some(known) = self.hyphens.lock().ok().and_then(|m| m.get(word).cloned()) {
            return known;
        }
        let Some(dict) = self.hyphenator() else { return Vec::new() };
        let breaks = dict.hyphenate(word).breaks;
        // byte offsets → character indices
        let mut out = Vec::with_capacity(breaks.len());
        let mut k = 0;
        for (i, (byte, _)) in word.char_indices().enumerate() {
            if breaks.get(k) == Some(&byte) {
                out.push(i);
                k += 1;
            }
        }
        if let Ok(mut m) = self.hyphens.lock() {
            m.insert(word.to_string(), out.clone());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load().expect("bundled fonts parse")
    }

    #[test]
    fn cached_answers_are_the_chain_answers_from_every_thread() {
        let f = fonts();
        let en = f.for_language(false);
        let text: Vec<char> = "销售额增长“同比”—…é€①\u{E000}\u{10FFFF}".chars().collect();
        let uncached = |fonts: &Fonts, w: usize, c: char| {
            let (slot, gid) = Fonts::find(&fonts.shared, w, c, fonts.zh, fonts.tc);
            (slot, gid, fonts.shared.font(slot).glyph_advance(gid))
        };
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    for fonts in [&f, &en] {
                        for w in 0..2 {
                            for &c in &text {
                                for _ in 0..2 {
                                    assert_eq!(fonts.resolve(w, c), uncached(fonts, w, c), "{c}");
                                }
                            }
                        }
                    }
                });
            }
        });
        // the kinds of document keep their own answers: “ is CJK in Chinese, Latin in English
        assert_ne!(f.slot(Face::Regular, '“'), en.slot(Face::Regular, '“'));
        assert!(!f.covers('\u{E000}') && f.covers('销'));
    }

    #[test]
    fn measures_with_real_advances() {
        let f = fonts();
        // CJK ideographs are one em wide; Latin and digits are narrower.
        assert!((f.advance(Face::Regular, '销') - 1.0).abs() < 1e-3);
        assert!((f.advance(Face::Regular, '，') - 1.0).abs() < 1e-3);
        let digit = f.advance(Face::Regular, '8');
        assert!(digit > 0.4 && digit < 0.7, "{digit}");
        assert!(f.width(Face::Regular, "iii", 10.0) < f.width(Face::Regular, "MMM", 10.0));
        assert!(f.width(Face::Bold, "销售额", 10.0) > 29.0);
    }

    #[test]
    fn latin_runs_take_the_latin_face_and_chinese_the_cjk_face() {
        let f = fonts();
        let latin = f.slot(Face::Regular, 'a');
        let cjk = f.slot(Face::Regular, '销');
        assert_eq!(f.font(latin).name(), "NotoSans-Regular");
        assert_eq!(f.font(cjk).name(), "NotoSansSC-Regular");
        for c in "Revenue 2025, +12% (Q3)".chars() {
            assert_eq!(f.slot(Face::Regular, c), latin, "{c}");
        }
        for c in "销售额，一点五亿元。（）".chars() {
            assert_eq!(f.slot(Face::Regular, c), cjk, "{c}");
        }
        assert_eq!(f.font(f.slot(Face::Bold, '7')).name(), "NotoSans-Bold");
        assert_eq!(f.font(f.slot(Face::Bold, '额')).name(), "NotoSansSC-Bold");
    }

    #[test]
    fn shared_marks_follow_the_language_and_missing_glyphs_fall_back() {
        let zh = fonts().for_language(true);
        let en = fonts().for_language(false);
        assert_eq!(zh.font(zh.slot(Face::Regular, '“')).name(), "NotoSansSC-Regular");
        assert_eq!(en.font(en.slot(Face::Regular, '“')).name(), "NotoSans-Regular");
        // the bullet is a Latin bullet in English, not a full-width dot
        assert_eq!(en.font(en.slot(Face::Regular, '•')).name(), "NotoSans-Regular");
        assert!(en.advance(Face::Regular, '•') < 0.5);
        // Noto Sans has no check mark: it falls back to the CJK face, in both languages
        assert_eq!(en.font(en.slot(Face::Regular, '✓')).name(), "NotoSansSC-Regular");
        assert!(en.covers('✓') && en.covers('▲'));
    }

    #[test]
    fn digits_share_one_advance_in_both_weights() {
        // Figures right-aligned in a column line up on their digits: the Latin face's
        // default figures are tabular, and bold figures are as wide as regular ones.
        let f = fonts();
        let w = f.advance(Face::Regular, '0');
        for c in "0123456789".chars() {
            assert_eq!(f.advance(Face::Regular, c), w, "{c}");
            assert_eq!(f.advance(Face::Bold, c), w, "{c}");
        }
        assert_eq!(f.width(Face::Regular, "1,111.0", 9.0), f.width(Face::Regular, "8,808.4", 9.0));
        assert_eq!(f.width(Face::Bold, "1,111.0", 9.0), f.width(Face::Bold, "8,808.4", 9.0));
    }

    #[test]
    fn knows_which_characters_it_can_draw() {
        let f = fonts();
        for c in "销售额 1,200万元 ✓▲▼○ （）《》「」 • é".chars() {
            assert!(f.covers(c), "{c}");
        }
        assert!(!f.covers('\u{1F600}'));
        assert!(!f.covers('\u{0E01}'));
    }

    #[test]
    fn a_users_font_comes_first_and_the_bundled_faces_fill_its_gaps() {
        // Noto Sans stands in for a user's Latin-only font.
        let user = ("House".to_string(), LATIN_REGULAR.to_vec());
        let f = Fonts::from_files(user, None).expect("parses");
        assert_eq!(f.name(Face::Regular), "House");
        assert_eq!(f.font(f.slot(Face::Regular, 'a')).name(), "House");
        assert_eq!(f.font(f.slot(Face::Bold, 'a')).name(), "House");
        assert_eq!(f.font(f.slot(Face::Regular, '销')).name(), "NotoSansSC-Regular");
        assert_eq!(f.font(f.slot(Face::Bold, '销')).name(), "NotoSansSC-Bold");
        assert!(f.names(Face::Regular).starts_with("House, NotoSans-Regular"));
        assert!(Fonts::from_files(("Bad".into(), b"not a font".to_vec()), None).is_err());
    }

    #[test]
    fn hyphenation_patterns_load() {
        use hyphenation::Hyphenator;
        let f = fonts();
        let h = f.hyphenator().expect("embedded en-US patterns");
        assert_eq!(h.hyphenate("likelihood").breaks, [4, 6]);
        assert_eq!(f.hyphenate("likelihood"), [4, 6]);
        assert_eq!(f.hyphenate("likelihood"), [4, 6], "from the document's cache");
        assert_eq!(f.hyphenate("naïveté").len(), f.hyphenate("naïveté").len());
        assert!(f.hyphenate("x").is_empty());
    }
}
