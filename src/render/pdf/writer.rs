//! Pages → PDF bytes, written with lopdf: a content stream per page (text, rules, fills,
//! chart paths, links), the running header and footer, the faces used embedded as subsets
//! ([`super::embed`]), then the document finished (two-level outline, metadata, language, a
//! document ID derived from the content).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::embed::{self, Deflater, Subset};
use super::fonts::{Face, Fonts, Slot};
use super::jobs;
use super::linebreak::stretchable;
use super::page::{Elem, Page, PageKind, Placed, Target, TextStyle};
use super::theme::{Rgb, Theme};
use crate::error::Error;

/// Document-level facts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocInfo {
    /// Title (also the running header).
    pub title: String,
    /// Author: the organization.
    pub author: String,
    /// Subject: kind and period.
    pub subject: String,
    /// BCP 47 language tag.
    pub lang: String,
    /// Creation date as `D:YYYYMMDDHHmmSSZ`, if known.
    pub date: Option<String>,
    /// The confidentiality line (`{confidentiality}` in the running header and footer).
    pub header_right: Option<String>,
    /// The organization (`{organization}`).
    pub organization: Option<String>,
    /// The period, formatted (`{period}`).
    pub period: Option<String>,
    /// Footer text for page n of total: `第 {n} 页 共 {total} 页`.
    pub footer: String,
    /// Creator and producer.
    pub generator: String,
}

/// FNV-1a, 64 bit: a stable hash for IDs (std's hasher may change between releases).
pub fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The six capital letters that tag a font subset (ISO 32000-1, 9.6.4).
pub fn subset_tag(content: u64, font_name: &str) -> String {
    let mut h = fnv(font_name.as_bytes(), content);
    (0..6)
        .map(|_| {
            let c = (b'A' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect()
}

/// A number for a content stream: at most two decimals, no exponent, no `-0`.
fn num(out: &mut String, v: f32) {
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    if hundredths < 0 {
        out.push('-');
    }
    let h = hundredths.unsigned_abs();
    digits(out, h / 100);
    let f = h % 100;
    if f != 0 {
        out.push('.');
        out.push(char::from(b'0' + (f / 10) as u8));
        if !f.is_multiple_of(10) {
            out.push(char::from(b'0' + (f % 10) as u8));
        }
    }
}

/// The decimal digits of `n` (content streams hold tens of thousands of numbers).
fn digits(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[at..].iter().map(|b| char::from(*b)));
}

/// A CID as four hex digits (`0A3F`), inside a hex string.
fn cid_hex(out: &mut String, cid: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(char::from(HEX[usize::from((cid >> shift) & 0xF)]));
    }
}

/// The content stream of one page, and the state it has set (so nothing is set twice).
struct Content<'a> {
    out: String,
    /// Page height: the page model's `y` grows downwards, PDF's upwards.
    h: f32,
    fonts: &'a Fonts,
    embedded: &'a BTreeMap<Slot, Subset>,
    in_text: bool,
    font: Option<(Slot, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
}

impl<'a> Content<'a> {
    fn new(h: f32, fonts: &'a Fonts, embedded: &'a BTreeMap<Slot, Subset>) -> Self {
        Self {
            out: String::new(),
            h,
            fonts,
            embedded,
            in_text: false,
            font: None,
            fill: None,
            stroke: None,
            line_width: None,
        }
    }

    fn op(&mut self, nums: &[f32], op: &str) {
        for v in nums {
            num(&mut self.out, *v);
            self.out.push(' ');
        }
        self.out.push_str(op);
        self.out.push('\n');
    }

    fn fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.fill = Some(c);
            let v = |x: u8| f32::from(x) / 255.0;
            let _ = writeln!(self.out, "{:.3} {:.3} {:.3} rg", v(c.0), v(c.1), v(c.2));
        }
    }

    fn stroke(&mut self, c: Rgb, width: f32) {
        if self.stroke != Some(c) {
            self.stroke = Some(c);
            let v = |x: u8| f32::from(x) / 255.0;
            let _ = writeln!(self.out, "{:.3} {:.3} {:.3} RG", v(c.0), v(c.1), v(c.2));
        }
        if self.line_width != Some(width) {
            self.line_width = Some(width);
            self.op(&[width], "w");
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.out.push_str("ET\n");
            self.in_text = false;
        }
    }

    fn path(&mut self, points: &[(f32, f32)]) {
        for (i, (x, y)) in points.iter().enumerate() {
            self.op(&[*x, self.h - y], if i == 0 { "m" } else { "l" });
        }
    }

    /// A run of text: each character in the face that draws it, the justification stretch
    /// after every stretchable character but the last as a TJ offset. Glyphs between two
    /// offsets share one hex string (`<00010002>`, not `<0001><0002>`): a sixth less to
    /// write and deflate.
    fn text(&mut self, x: f32, y: f32, text: &str, style: &TextStyle, stretch: f32) {
        if !self.in_text {
            self.out.push_str("BT\n");
            self.in_text = true;
        }
        self.fill(style.color);
        self.op(&[1.0, 0.0, 0.0, 1.0, x, self.h - y], "Tm");
        let offset = if stretch > 0.0 { -stretch / style.size * 1000.0 } else { 0.0 };
        let n = text.chars().count();
        // a `[` array, and a `<` hex string inside it, are open
        let (mut open, mut hex) = (false, false);
        for (i, c) in text.chars().enumerate() {
            let slot = self.fonts.slot(style.face, c);
            let Some(font) = self.embedded.get(&slot) else { continue };
            if self.font != Some((slot, style.size)) {
                if open {
                    if hex {
                        self.out.push('>');
                        hex = false;
                    }
                    self.out.push_str("] TJ\n");
                    open = false;
                }
                self.font = Some((slot, style.size));
                let _ = write!(self.out, "/{} ", font.resource);
                self.op(&[style.size], "Tf");
            }
            if !open {
                self.out.push('[');
                open = true;
            }
            let cid = font.cids.get(&c).copied().unwrap_or(0);
            if !hex {
                self.out.push('<');
                hex = true;
            }
            cid_hex(&mut self.out, cid);
            if offset != 0.0 && i + 1 < n && stretchable(c) {
                self.out.push_str("> ");
                hex = false;
                num(&mut self.out, offset);
                self.out.push(' ');
            }
        }
        if open {
            if hex {
                self.out.push('>');
            }
            self.out.push_str("] TJ\n");
        }
    }

    fn elem(&mut self, e: &Elem, links: &mut Vec<Link>) {
        let h = self.h;
        if let Elem::Text { x, y, text, style, stretch } = e {
            self.text(*x, *y, text, style, *stretch);
            return;
        }
        self.end_text();
        match e {
            Elem::Text { .. } => {}
            Elem::Rect { x, y, w, h: rh, fill } => {
                self.fill(*fill);
                self.op(&[*x, h - y - rh, *w, *rh], "re f");
            }
            Elem::Line { from, to, width, color } => {
                self.stroke(*color, *width);
                self.path(&[*from, *to]);
                self.out.push_str("S\n");
            }
            Elem::Dots { from, to, color } => {
                if to.0 - from.0 < 4.0 {
                    return;
                }
                // inside q…Q: the state outside is what it was before
                let (stroke, width) = (self.stroke, self.line_width);
                self.out.push_str("q\n1 J\n[0 3] 0 d\n");
                self.stroke(*color, 0.9);
                self.path(&[*from, *to]);
                self.out.push_str("S\nQ\n");
                (self.stroke, self.line_width) = (stroke, width);
            }
            Elem::Polygon { points, fill } => {
                self.fill(*fill);
                self.path(points);
                self.out.push_str("h f\n");
            }
            Elem::Path { points, width, color } => {
                self.stroke(*color, *width);
                self.path(points);
                self.out.push_str("S\n");
            }
            Elem::Link { x, y, w, h: lh, target } => {
                links.push((*x, h - y - lh, x + w, h - y, target.clone()));
            }
        }
    }
}

/// A header or footer text with its placeholders filled for page `n` of `total`, whose
/// chapter is `chapter`.
fn fill_chrome(text: &str, n: usize, total: usize, chapter: &str, info: &DocInfo) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let page_of = info.footer.replace("{n}", &n.to_string()).replace("{total}", &total.to_string());
    let values = [
        ("title", info.title.clone()),
        ("chapter", chapter.to_string()),
        ("page", n.to_string()),
        ("total", total.to_string()),
        ("page_of", page_of),
        ("organization", info.organization.clone().unwrap_or_default()),
        ("period", info.period.clone().unwrap_or_default()),
        ("confidentiality", info.header_right.clone().unwrap_or_default()),
    ];
    let mut out = text.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), &v);
    }
    out.trim().to_string()
}

/// The running header and footer of page `n` of `total` (the theme's three slots each:
/// left, centre, right), in chapter `chapter`.
fn chrome(
    n: usize,
    total: usize,
    chapter: &str,
    info: &DocInfo,
    fonts: &Fonts,
    t: &Theme,
) -> Vec<Elem> {
    let style = TextStyle { face: Face::Regular, size: t.chrome_size, color: t.muted };
    let right = t.margin_left + t.body_width();
    let mut out = Vec::new();
    let row = |texts: &[String; 3], y: f32, out: &mut Vec<Elem>| {
        let mut any = false;
        for (i, text) in texts.iter().enumerate() {
            let text = fill_chrome(text, n, total, chapter, info);
            if text.is_empty() {
                continue;
            }
            any = true;
            let w = fonts.width(style.face, &text, style.size);
            let x = match i {
                0 => t.margin_left,
                1 => t.margin_left + (t.body_width() - w) / 2.0,
                _ => right - w,
            };
            out.push(Elem::Text { x, y, text, style, stretch: 0.0 });
        }
        any
    };
    let base = t.margin_top - 14.0;
    if row(&t.header, base, &mut out) {
        out.push(Elem::Line {
            from: (t.margin_left, base + 5.0),
            to: (right, base + 5.0),
            width: 0.5,
            color: t.rule,
        });
    }
    row(&t.footer, t.page_height - t.margin_bottom + 26.0, &mut out);
    out
}

fn utf16(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        bytes.extend(u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A link's rectangle on its page (x0, y0, x1, y1, in points) and where it goes.
type Link = (f32, f32, f32, f32, Target);

/// The slow work of writing a PDF, shared out over the cores: a face's subset, a page's
/// content stream.
enum Job<'a> {
    Cut(Slot, &'a Subset),
    Page(&'a [&'a Elem]),
}

/// What a [`Job`] made.
enum Done {
    Cut(Slot, Box<Result<embed::Cut, Error>>),
    Page(lopdf::Stream, Vec<Link>),
}

/// The characters one face draws: a bit each for the Basic Multilingual Plane, where a
/// report's characters are (a page of Chinese holds thousands, of a few hundred kinds), a
/// set for the rest. Cheaper than sorting every character drawn.
struct Drawn {
    bmp: Vec<u64>,
    astral: BTreeSet<char>,
}

impl Default for Drawn {
    fn default() -> Self {
        Drawn { bmp: vec![0; 0x10000 / 64], astral: BTreeSet::new() }
    }
}

impl Drawn {
    fn insert(&mut self, c: char) {
        let n = c as usize;
        match self.bmp.get_mut(n / 64) {
            Some(word) => *word |= 1 << (n % 64),
            None => {
                self.astral.insert(c);
            }
        }
    }

    /// Every character drawn, in order.
    fn chars(&self) -> impl Iterator<Item = char> + '_ {
        // each word's set bits, lowest first (`w & (w - 1)` clears the lowest)
        let bmp = self.bmp.iter().enumerate().flat_map(|(i, &word)| {
            std::iter::successors((word != 0).then_some(word), |w| {
                let rest = w & (w - 1);
                (rest != 0).then_some(rest)
            })
            .filter_map(move |w| char::from_u32((i * 64) as u32 + w.trailing_zeros()))
        });
        bmp.chain(self.astral.iter().copied())
    }
}

/// Writes the pages into a PDF.
pub fn write(
    pages: &[Page],
    headings: &[Placed],
    info: &DocInfo,
    fonts: &Fonts,
    t: &Theme,
    content_hash: u64,
) -> Result<Vec<u8>, Error> {
    let total = pages.len();
    // every page's elements, the running header and footer included
    let chromes: Vec<Vec<Elem>> = pages
        .iter()
        .enumerate()
        .map(|(i, page)| match page.kind {
            PageKind::Cover => Vec::new(),
            _ => {
                // the chapter a page is in: the last chapter heading on or before it
                let chapter = headings
                    .iter()
                    .rfind(|h| h.level <= 2 && h.page <= i + 1)
                    .map_or("", |h| h.title.as_str());
                chrome(i + 1, total, chapter, info, fonts, t)
            }
        })
        .collect();
    let all: Vec<Vec<&Elem>> = pages
        .iter()
        .zip(&chromes)
        .map(|(page, chrome)| page.elems.iter().chain(chrome).collect())
        .collect();
    let mut lo = lopdf::Document::with_version("1.7");
    lo.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    // each face embedded as a subset of the characters it draws, tagged `ABCDEF+Name`
    let mut drawn = [Drawn::default(), Drawn::default()]; // by weight
    for e in all.iter().flatten() {
        if let Elem::Text { text, style, .. } = e {
            let set = &mut drawn[Fonts::weight(style.face)];
            text.chars().for_each(|c| set.insert(c));
        }
    }
    let mut used: BTreeMap<Slot, BTreeSet<char>> = BTreeMap::new();
    for face in [Face::Regular, Face::Bold] {
        for c in drawn[Fonts::weight(face)].chars() {
            used.entry(fonts.slot(face, c)).or_default().insert(c);
        }
    }
    // The subsets are cut (the slow part) while the pages are written, face by face and
    // page by page on every free core, the faces with the most glyphs first; the objects
    // are added in one order, so the file is the same whichever finishes first.
    let subsets = embed::number(fonts, &used);
    let tag = |name: &str| subset_tag(content_hash, name);
    let mut faces: Vec<(&Slot, &Subset)> = subsets.iter().collect();
    faces.sort_by_key(|(_, s)| std::cmp::Reverse(s.cids.len()));
    let jobs: Vec<Job> = faces
        .iter()
        .map(|(slot, s)| Job::Cut(**slot, s))
        .chain(all.iter().map(|elems| Job::Page(elems)))
        .collect();
    let mut cuts: Vec<(Slot, Result<embed::Cut, Error>)> = Vec::with_capacity(faces.len());
    let mut contents = Vec::with_capacity(all.len());
    for done in jobs::run_all(&jobs, Deflater::default, |d, job| match job {
        Job::Cut(slot, s) => Done::Cut(*slot, Box::new(embed::cut(fonts, *slot, s, &tag, d))),
        Job::Page(elems) => {
            let mut c = Content::new(t.page_height, fonts, &subsets);
            let mut links = Vec::new();
            for e in elems.iter() {
                c.elem(e, &mut links);
            }
            c.end_text();
            Done::Page(d.stream(Dictionary::new(), c.out.as_bytes()), links)
        }
    }) {
        match done {
            Done::Cut(slot, cut) => cuts.push((slot, *cut)),
            Done::Page(stream, links) => contents.push((stream, links)),
        }
    }
    // back in the subsets' (slot) order, whatever order they were cut in
    cuts.sort_by_key(|(slot, _)| *slot);
    let mut font_dict = Dictionary::new();
    for ((_, cut), s) in cuts.into_iter().zip(subsets.values()) {
        let id = embed::add(&mut lo, cut?);
        font_dict.set(s.resource.as_str(), Object::Reference(id));
    }
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(font_dict));
    let resources_id = lo.add_object(resources);

    let pages_id = lo.new_object_id();
    let page_ids: Vec<ObjectId> = all.iter().map(|_| lo.new_object_id()).collect();
    let anchors: BTreeMap<&str, (usize, f32)> =
        headings.iter().map(|p| (p.anchor.as_str(), (p.page, p.y))).collect();
    let name = |s: &str| Object::Name(s.as_bytes().to_vec());
    let nums = |v: &[f32]| Object::Array(v.iter().map(|x| Object::Real(*x)).collect());
    for ((stream, links), page_id) in contents.into_iter().zip(&page_ids) {
        let content_id = lo.add_object(stream);
        let mut annots = Vec::new();
        for (x0, y0, x1, y1, target) in links {
            let mut a = Dictionary::new();
            a.set("Type", name("Annot"));
            a.set("Subtype", name("Link"));
            a.set("Rect", nums(&[x0, y0, x1, y1]));
            a.set("Border", Object::Array(vec![0.into(), 0.into(), 0.into()]));
            match target {
                // Open the page with the heading at the top of the window.
                Target::Anchor(anchor) => {
                    let Some((p, top)) = anchors.get(anchor.as_str()) else { continue };
                    let Some(dest) = page_ids.get(p.saturating_sub(1)) else { continue };
                    a.set(
                        "Dest",
                        Object::Array(vec![
                            Object::Reference(*dest),
                            name("XYZ"),
                            0.into(),
                            Object::Real(t.page_height - top + 12.0),
                            Object::Null,
                        ]),
                    );
                }
                Target::Uri(uri) => {
                    let mut action = Dictionary::new();
                    action.set("S", name("URI"));
                    action.set("URI", Object::String(uri.into_bytes(), StringFormat::Literal));
                    a.set("A", Object::Dictionary(action));
                }
            }
            annots.push(Object::Reference(lo.add_object(a)));
        }
        let mut page = Dictionary::new();
        page.set("Type", name("Page"));
        page.set("Parent", Object::Reference(pages_id));
        page.set("MediaBox", nums(&[0.0, 0.0, t.page_width, t.page_height]));
        page.set("Resources", Object::Reference(resources_id));
        page.set("Contents", Object::Reference(content_id));
        if !annots.is_empty() {
            page.set("Annots", Object::Array(annots));
        }
        lo.objects.insert(*page_id, Object::Dictionary(page));
    }
    let mut tree = Dictionary::new();
    tree.set("Type", name("Pages"));
    tree.set("Kids", Object::Array(page_ids.iter().map(|id| Object::Reference(*id)).collect()));
    tree.set("Count", Object::Integer(page_ids.len() as i64));
    lo.objects.insert(pages_id, Object::Dictionary(tree));
    let mut catalog = Dictionary::new();
    catalog.set("Type", name("Catalog"));
    catalog.set("Pages", Object::Reference(pages_id));
    catalog.set("PageLayout", name("OneColumn"));
    let catalog_id = lo.add_object(catalog);
    lo.trailer.set("Root", Object::Reference(catalog_id));
    finish(&mut lo, headings, info, t, content_hash)?;
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::Pdf { message: format!("failed to write the PDF ({e})") })?;
    Ok(bytes)
}

fn lo_err(e: lopdf::Error) -> Error {
    Error::Pdf { message: format!("failed to finish the PDF ({e})") }
}

/// Metadata, language, outline and ID.
fn finish(
    lo: &mut lopdf::Document,
    headings: &[Placed],
    info: &DocInfo,
    t: &Theme,
    content_hash: u64,
) -> Result<(), Error> {
    let pages: BTreeMap<u32, lopdf::ObjectId> = lo.get_pages();
    // Document info
    let mut di = Dictionary::new();
    di.set("Title", utf16(&info.title));
    if !info.author.is_empty() {
        di.set("Author", utf16(&info.author));
    }
    if !info.subject.is_empty() {
        di.set("Subject", utf16(&info.subject));
    }
    di.set("Creator", utf16(&info.generator));
    di.set("Producer", utf16(&format!("{} (lopdf)", info.generator)));
    if let Some(d) = &info.date {
        di.set("CreationDate", Object::string_literal(d.as_str()));
        di.set("ModDate", Object::string_literal(d.as_str()));
    }
    let info_id = lo.add_object(di);
    lo.trailer.set("Info", Object::Reference(info_id));
    // ID: two hashes of the content (same content, same ID)
    let id = |seed: u64| {
        let mut b = fnv(b"planwright-id", content_hash ^ seed).to_be_bytes().to_vec();
        b.extend(fnv(b"planwright-id2", content_hash.rotate_left(17) ^ seed).to_be_bytes());
        Object::String(b, StringFormat::Hexadecimal)
    };
    lo.trailer.set("ID", Object::Array(vec![id(1), id(1)]));

    // Outline: chapters, each with its sections
    let outlines_id = lo.new_object_id();
    type Item<'a> = (lopdf::ObjectId, &'a Placed, Vec<(lopdf::ObjectId, &'a Placed)>);
    let mut items: Vec<Item> = Vec::new();
    for p in headings.iter().filter(|p| p.level <= 3) {
        if p.level <= 2 || items.is_empty() {
            items.push((lo.new_object_id(), p, Vec::new()));
        } else if let Some(last) = items.last_mut() {
            last.2.push((lo.new_object_id(), p));
        }
    }
    let dest = |p: &Placed| -> Object {
        let page = pages.get(&(p.page as u32)).copied();
        Object::Array(vec![
            page.map_or(Object::Null, Object::Reference),
            Object::Name(b"XYZ".to_vec()),
            Object::Null,
            Object::Real(t.page_height - p.y + 4.0),
            Object::Null,
        ])
    };
    let link = |d: &mut Dictionary, list: &[lopdf::ObjectId], k: usize| {
        if k > 0 {
            d.set("Prev", Object::Reference(list[k - 1]));
        }
        if k + 1 < list.len() {
            d.set("Next", Object::Reference(list[k + 1]));
        }
    };
    let tops: Vec<lopdf::ObjectId> = items.iter().map(|i| i.0).collect();
    for (k, (oid, p, kids)) in items.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", utf16(&p.title));
        d.set("Parent", Object::Reference(outlines_id));
        d.set("Dest", dest(p));
        link(&mut d, &tops, k);
        let kid_ids: Vec<lopdf::ObjectId> = kids.iter().map(|c| c.0).collect();
        if let (Some(first), Some(last)) = (kid_ids.first(), kid_ids.last()) {
            d.set("First", Object::Reference(*first));
            d.set("Last", Object::Reference(*last));
            d.set("Count", Object::Integer(-(kid_ids.len() as i64)));
        }
        for (j, (cid, c)) in kids.iter().enumerate() {
            let mut cd = Dictionary::new();
            cd.set("Title", utf16(&c.title));
            cd.set("Parent", Object::Reference(*oid));
            cd.set("Dest", dest(c));
            link(&mut cd, &kid_ids, j);
            lo.objects.insert(*cid, Object::Dictionary(cd));
        }
        lo.objects.insert(*oid, Object::Dictionary(d));
    }
    let catalog = lo.catalog_mut().map_err(lo_err)?;
    catalog.set("Lang", Object::string_literal(info.lang.as_str()));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    if let (Some(first), Some(last)) = (tops.first(), tops.last()) {
        catalog.set("Outlines", Object::Reference(outlines_id));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        let mut od = Dictionary::new();
        od.set("Type", Object::Name(b"Outlines".to_vec()));
        od.set("First", Object::Reference(*first));
        od.set("Last", Object::Reference(*last));
        od.set("Count", Object::Integer(tops.len() as i64));
        lo.objects.insert(outlines_id, Object::Dictionary(od));
    } else {
        catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_characters_come_back_once_each_in_order() {
        let mut d = Drawn::default();
        for c in "销售目标 2024 Sales 销售 😀 A\u{ffff}\u{0}".chars() {
            d.insert(c);
        }
        let mut expected: Vec<char> =
            "销售目标 2024 Sales 销售 😀 A\u{ffff}\u{0}".chars().collect();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(d.chars().collect::<Vec<_>>(), expected);
        assert_eq!(Drawn::default().chars().count(), 0);
    }

    #[test]
    fn subset_tags_are_six_capital_letters_and_stable() {
        let a = subset_tag(42, "NotoSansSC-Regular");
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()), "{a}");
        assert_eq!(a, subset_tag(42, "NotoSansSC-Regular"));
        assert_ne!(a, subset_tag(42, "NotoSansSC-Bold"));
        assert_ne!(a, subset_tag(43, "NotoSansSC-Regular"));
    }

    #[test]
    fn text_switches_faces_by_script_and_stretches_with_tj_offsets() {
        let fonts = Fonts::load().expect("fonts");
        let text = "销售AB额";
        let mut used: BTreeMap<Slot, BTreeSet<char>> = BTreeMap::new();
        for c in text.chars() {
            used.entry(fonts.slot(Face::Regular, c)).or_default().insert(c);
        }
        let subsets = embed::number(&fonts, &used);
        let mut c = Content::new(800.0, &fonts, &subsets);
        let style = TextStyle { face: Face::Regular, size: 10.0, color: Rgb::BLACK };
        c.text(10.0, 20.0, text, &style, 0.5);
        c.end_text();
        // F0 is Noto Sans (A=1, B=2), F1 Noto Sans SC (售=1, 销=2, 额=3, by code point);
        // stretch follows 销 and 售 but not the Latin letters or the last character.
        assert_eq!(
            c.out,
            "BT\n0.000 0.000 0.000 rg\n1 0 0 1 10 780 Tm\n/F1 10 Tf\n[<0002> -50 <0001> -50 ] TJ\n\
/F0 10 Tf\n[<00010002>] TJ\n/F1 10 Tf\n[<0003>] TJ\nET\n"
        );
    }

    #[test]
    fn numbers_have_two_decimals_at_most() {
        let mut s = String::new();
        for v in [1.0, 0.5, 12.345_678, -0.001, 595.2756, -3.05, 0.0, 1_234_567.0] {
            num(&mut s, v);
            s.push(' ');
        }
        assert_eq!(s, "1 0.5 12.35 0 595.28 -3.05 0 1234567 ");
        let mut h = String::new();
        cid_hex(&mut h, 0x0A3F);
        assert_eq!(h, "0A3F");
    }
}
