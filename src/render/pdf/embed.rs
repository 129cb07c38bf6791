//! Font subsets as PDF objects: each face a report uses is cut down to the glyphs it draws
//! (the `subsetter` crate, as Typst and krilla use) and written as a composite (Type0) font
//! with Identity-H encoding, glyph widths and a ToUnicode map, so text copies and searches.
//!
//! Glyphs are renumbered 1, 2, 3… in the order of the characters they draw; the content
//! stream addresses them by that number (CID = new glyph id).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use owned_ttf_parser::{RawFace, Tag};
use subsetter::GlyphRemapper;

use super::fonts::{Fonts, Slot};
use crate::error::Error;

/// How hard streams are deflated: libdeflate at level 1 deflates the annual report's
/// 117 KB Chinese font subset in 0.8 ms where zlib-rs at level 2 took 1.5 ms, and the PDF
/// comes out 1% smaller (`docs/performance.md`).
pub const DEFLATE_LEVEL: i32 = 1;

/// One deflate state for the streams one thread writes: setting one up costs more than
/// deflating a page, so it is kept between streams, not rebuilt.
pub struct Deflater {
    state: libdeflater::Compressor,
}

impl Default for Deflater {
    fn default() -> Self {
        let level = libdeflater::CompressionLvl::new(DEFLATE_LEVEL).unwrap_or_default();
        Self { state: libdeflater::Compressor::new(level) }
    }
}

impl Deflater {
    /// A stream of `data`, deflated.
    pub fn stream(&mut self, mut dict: Dictionary, data: &[u8]) -> Stream {
        let mut out = vec![0; self.state.zlib_compress_bound(data.len())];
        match self.state.zlib_compress(data, &mut out) {
            Ok(n) => out.truncate(n),
            // deflating into memory cannot fail; keep the data as it is if it does
            Err(_) => return Stream::new(dict, data.to_vec()).with_compression(false),
        }
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        Stream::new(dict, out).with_compression(false)
    }
}

/// A face as the content stream uses it: its resource name and each character's CID.
#[derive(Debug, Clone, PartialEq)]
pub struct Subset {
    /// Resource name (`F0`, `F1`, …).
    pub resource: String,
    /// CID of each character drawn with the face (0, `.notdef`, for those it lacks).
    pub cids: BTreeMap<char, u16>,
    /// The glyphs kept, numbered as the CIDs are.
    remapper: GlyphRemapper,
    /// CID → the character it draws, for the ToUnicode map.
    unicode: BTreeMap<u16, char>,
}

fn fail(name: &str, what: impl std::fmt::Display) -> Error {
    Error::Pdf { message: format!("failed to embed the font `{name}` ({what})") }
}

/// The ToUnicode CMap: CID → the character it draws.
fn to_unicode(map: &BTreeMap<u16, char>) -> Vec<u8> {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &char)> = map.iter().collect();
    for chunk in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (cid, c) in chunk {
            let _ = write!(s, "<{cid:04X}> <");
            let mut buf = [0u16; 2];
            for u in c.encode_utf16(&mut buf) {
                let _ = write!(s, "{u:04X}");
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s.into_bytes()
}

fn real(v: f32) -> Object {
    let r = (v * 1000.0).round() / 1000.0;
    if r.fract() == 0.0 && r.abs() < 1e9 { Object::Integer(r as i64) } else { Object::Real(r) }
}

/// Numbers the glyphs of each face in `used` (slot → characters drawn with it): all the
/// content streams need, so pages can be written while the subsets are cut.
pub fn number(fonts: &Fonts, used: &BTreeMap<Slot, BTreeSet<char>>) -> BTreeMap<Slot, Subset> {
    let mut out = BTreeMap::new();
    for (k, (slot, chars)) in used.iter().enumerate() {
        let font = fonts.font(*slot);
        let mut remapper = GlyphRemapper::new();
        let mut cids = BTreeMap::new();
        let mut unicode: BTreeMap<u16, char> = BTreeMap::new();
        for c in chars {
            let gid = font.glyph(*c).unwrap_or(0);
            let cid = remapper.remap(gid);
            cids.insert(*c, cid);
            if cid != 0 {
                unicode.entry(cid).or_insert(*c);
            }
        }
        out.insert(*slot, Subset { resource: format!("F{k}"), cids, remapper, unicode });
    }
    out
}

/// The PDF objects of one face's subset, before they have numbers.
pub struct Cut {
    /// The font program (FontFile2 or FontFile3), deflated.
    file: Stream,
    /// The font descriptor, less its `FontFile` reference.
    descriptor: Dictionary,
    /// CFF outlines (else TrueType).
    cff: bool,
    /// The subset's name, `ABCDEF+Name`.
    base: String,
    /// Glyph widths by CID, in thousandths of the size.
    widths: Vec<Object>,
    /// The ToUnicode CMap, deflated.
    cmap: Stream,
}

/// Cuts the subset of the face in `slot`, tagged `tag(name)+name`: the slow part (the
/// subsetter and deflate), one face per core.
pub fn cut(
    fonts: &Fonts,
    slot: Slot,
    subset: &Subset,
    tag: &(dyn Fn(&str) -> String + Sync),
    deflate: &mut Deflater,
) -> Result<Cut, Error> {
    let font = fonts.font(slot);
    let name = font.name();
    let program =
        subsetter::subset(font.bytes(), 0, &subset.remapper).map_err(|e| fail(name, e))?;
    let base = format!("{}+{name}", tag(name));
    let scale = 1000.0 / font.units_per_em();
    let face = font.face();

    // The font program: TrueType outlines as FontFile2; CFF as a bare CFF table.
    let cff = face.tables().cff.is_some();
    let file = if cff {
        let raw = RawFace::parse(&program, 0).map_err(|e| fail(name, e))?;
        let table = raw
            .table(Tag::from_bytes(b"CFF "))
            .ok_or_else(|| fail(name, "the subset has no CFF table"))?;
        let mut d = Dictionary::new();
        d.set("Subtype", Object::Name(b"CIDFontType0C".to_vec()));
        deflate.stream(d, table)
    } else {
        let mut d = Dictionary::new();
        d.set("Length1", Object::Integer(program.len() as i64));
        deflate.stream(d, &program)
    };

    let bbox = face.global_bounding_box();
    let ascent = f32::from(face.ascender()) * scale;
    let descent = f32::from(face.descender()) * scale;
    let cap = face.capital_height().map_or(ascent, |c| f32::from(c) * scale);
    let mut fd = Dictionary::new();
    fd.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    fd.set("FontName", Object::Name(base.clone().into_bytes()));
    fd.set("Flags", Object::Integer(4));
    fd.set(
        "FontBBox",
        Object::Array(
            [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
                .iter()
                .map(|v| real(f32::from(*v) * scale))
                .collect(),
        ),
    );
    fd.set("ItalicAngle", real(face.italic_angle()));
    fd.set("Ascent", real(ascent));
    fd.set("Descent", real(descent));
    fd.set("CapHeight", real(cap));
    fd.set("StemV", Object::Integer(if face.is_bold() { 120 } else { 80 }));

    // Widths of CIDs 0…n-1, in the order the remapper numbered them.
    let widths: Vec<Object> =
        subset.remapper.remapped_gids().map(|gid| real(font.glyph_advance(gid) * 1000.0)).collect();
    Ok(Cut {
        file,
        descriptor: fd,
        cff,
        base,
        widths,
        cmap: deflate.stream(Dictionary::new(), &to_unicode(&subset.unicode)),
    })
}

/// Adds a cut subset's objects to `doc` and returns its Type0 font's id.
pub fn add(doc: &mut Document, cut: Cut) -> ObjectId {
    let Cut { file, mut descriptor, cff, base, widths, cmap } = cut;
    let file_id = doc.add_object(file);
    descriptor.set(if cff { "FontFile3" } else { "FontFile2" }, Object::Reference(file_id));
    let fd_id = doc.add_object(descriptor);

    let mut info = Dictionary::new();
    info.set("Registry", Object::String(b"Adobe".to_vec(), StringFormat::Literal));
    info.set("Ordering", Object::String(b"Identity".to_vec(), StringFormat::Literal));
    info.set("Supplement", Object::Integer(0));
    let mut cid = Dictionary::new();
    cid.set("Type", Object::Name(b"Font".to_vec()));
    cid.set(
        "Subtype",
        Object::Name(if cff { b"CIDFontType0".to_vec() } else { b"CIDFontType2".to_vec() }),
    );
    cid.set("BaseFont", Object::Name(base.clone().into_bytes()));
    cid.set("CIDSystemInfo", Object::Dictionary(info));
    cid.set("FontDescriptor", Object::Reference(fd_id));
    cid.set("DW", Object::Integer(1000));
    cid.set("W", Object::Array(vec![Object::Integer(0), Object::Array(widths)]));
    if !cff {
        cid.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    }
    let cid_id = doc.add_object(cid);

    let cmap_id = doc.add_object(cmap);
    let mut type0 = Dictionary::new();
    type0.set("Type", Object::Name(b"Font".to_vec()));
    type0.set("Subtype", Object::Name(b"Type0".to_vec()));
    type0.set("BaseFont", Object::Name(base.into_bytes()));
    type0.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    type0.set("DescendantFonts", Object::Array(vec![Object::Reference(cid_id)]));
    type0.set("ToUnicode", Object::Reference(cmap_id));
    doc.add_object(type0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::Face;

    #[test]
    fn a_subset_holds_only_the_glyphs_drawn_and_maps_them_back_to_text() {
        let fonts = Fonts::load().expect("fonts");
        let mut used: BTreeMap<Slot, BTreeSet<char>> = BTreeMap::new();
        for c in "销售额 Revenue 1,200万元✓".chars() {
            used.entry(fonts.slot(Face::Regular, c)).or_default().insert(c);
        }
        assert_eq!(used.len(), 2, "a Latin and a CJK face");
        let mut doc = Document::with_version("1.7");
        let subsets = number(&fonts, &used);
        for (slot, s) in &subsets {
            let chars = &used[slot];
            // every character has its own glyph, numbered from 1
            let mut cids: Vec<u16> = s.cids.values().copied().collect();
            cids.sort_unstable();
            assert_eq!(cids, (1..=chars.len() as u16).collect::<Vec<_>>(), "{chars:?}");
            let tag = |_: &str| "ABCDEF".to_string();
            let cut = cut(&fonts, *slot, s, &tag, &mut Deflater::default()).expect("cuts");
            let id = add(&mut doc, cut);
            let font = doc.get_dictionary(id).expect("font dict");
            let base = font.get(b"BaseFont").and_then(Object::as_name).expect("name");
            assert!(base.starts_with(b"ABCDEF+NotoSans"), "{}", String::from_utf8_lossy(base));
        }
        // the whole file stays small: two subsets, not 10 MB of CJK font
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).expect("saves");
        assert!(bytes.len() < 40_000, "{}", bytes.len());
    }

    #[test]
    fn to_unicode_maps_cids_to_characters() {
        let map: BTreeMap<u16, char> = [(1, '销'), (2, 'A'), (3, '\u{20000}')].into();
        let text = String::from_utf8(to_unicode(&map)).expect("ascii");
        assert!(text.contains("3 beginbfchar"));
        assert!(text.contains("<0001> <9500>"));
        assert!(text.contains("<0002> <0041>"));
        assert!(text.contains("<0003> <D840DC00>"), "surrogate pair: {text}");
    }

    #[test]
    fn one_deflater_packs_streams_that_inflate_back() {
        use std::io::Read;
        let mut d = Deflater::default();
        for data in [b"BT /F0 10 Tf [<0001>] TJ ET\n".repeat(200), Vec::new(), vec![7u8; 100_000]] {
            let s = d.stream(Dictionary::new(), &data);
            assert_eq!(
                s.dict.get(b"Filter").and_then(Object::as_name).ok(),
                Some(&b"FlateDecode"[..])
            );
            assert!(data.len() < 100 || s.content.len() < data.len() / 4);
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(&s.content[..])
                .read_to_end(&mut back)
                .expect("inflates");
            assert_eq!(back, data);
        }
    }
}
