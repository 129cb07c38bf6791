//! Pages → PDF bytes: printpdf's low-level operators for every element, the running
//! header and footer, embedded font subsets, then the document finished with lopdf
//! (two-level outline, metadata, language, a document ID derived from the content).

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Actions, BorderArray, Color, ColorArray, Destination, FontId, Line, LineCapStyle,
    LineDashPattern, LinePoint, LinkAnnotation, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix,
    WindingOrder,
};

use super::fonts::{Face, Fonts};
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
    /// Right side of the running header (confidentiality).
    pub header_right: Option<String>,
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

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
        None,
    ))
}

fn point(x: f32, y: f32, h: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(h - y) }, bezier: false }
}

/// Text items for a run: stretch after stretchable characters as TJ offsets.
fn text_items(text: &str, style: &TextStyle, stretch: f32) -> Vec<TextItem> {
    if stretch <= 0.0 {
        return vec![TextItem::Text(text.to_string())];
    }
    let offset = -stretch / style.size * 1000.0;
    let mut items = Vec::new();
    let mut cur = String::new();
    let n = text.chars().count();
    for (i, c) in text.chars().enumerate() {
        cur.push(c);
        if i + 1 < n && stretchable(c) {
            items.push(TextItem::Text(std::mem::take(&mut cur)));
            items.push(TextItem::Offset(offset));
        }
    }
    if !cur.is_empty() {
        items.push(TextItem::Text(cur));
    }
    items
}

struct Ops<'a> {
    ops: Vec<Op>,
    h: f32,
    ids: &'a BTreeMap<Face, FontId>,
    in_text: bool,
    /// Heading anchors → (page, top of the heading in points from the page top).
    anchors: &'a BTreeMap<String, (usize, f32)>,
}

impl Ops<'_> {
    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn text(&mut self, x: f32, y: f32, text: &str, style: &TextStyle, stretch: f32) {
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
        }
        self.ops.push(Op::SetFont {
            font: PdfFontHandle::External(self.ids[&style.face].clone()),
            size: Pt(style.size),
        });
        self.ops.push(Op::SetFillColor { col: color(style.color) });
        self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(self.h - y)) });
        self.ops.push(Op::ShowText { items: text_items(text, style, stretch) });
    }

    fn elem(&mut self, e: &Elem) {
        let h = self.h;
        if let Elem::Text { x, y, text, style, stretch } = e {
            self.text(*x, *y, text, style, *stretch);
            return;
        }
        self.end_text();
        match e {
            Elem::Text { .. } => {}
            Elem::Rect { x, y, w, h: rh, fill } => {
                self.ops.push(Op::SetFillColor { col: color(*fill) });
                self.ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(h - y - rh),
                        width: Pt(*w),
                        height: Pt(*rh),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Elem::Line { from, to, width, color: c } => {
                self.ops.push(Op::SetOutlineColor { col: color(*c) });
                self.ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                self.ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(from.0, from.1, h), point(to.0, to.1, h)],
                        is_closed: false,
                    },
                });
            }
            Elem::Dots { from, to, color: c } => {
                if to.0 - from.0 < 4.0 {
                    return;
                }
                self.ops.push(Op::SaveGraphicsState);
                self.ops.push(Op::SetOutlineColor { col: color(*c) });
                self.ops.push(Op::SetOutlineThickness { pt: Pt(0.9) });
                self.ops.push(Op::SetLineCapStyle { cap: LineCapStyle::Round });
                self.ops
                    .push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[0.0, 3.0]) });
                self.ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(from.0, from.1, h), point(to.0, to.1, h)],
                        is_closed: false,
                    },
                });
                self.ops.push(Op::RestoreGraphicsState);
            }
            Elem::Polygon { points, fill } => {
                self.ops.push(Op::SetFillColor { col: color(*fill) });
                self.ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: points.iter().map(|p| point(p.0, p.1, h)).collect(),
                        }],
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
            Elem::Path { points, width, color: c } => {
                self.ops.push(Op::SetOutlineColor { col: color(*c) });
                self.ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                self.ops.push(Op::DrawLine {
                    line: Line {
                        points: points.iter().map(|p| point(p.0, p.1, h)).collect(),
                        is_closed: false,
                    },
                });
            }
            Elem::Link { x, y, w, h: lh, target } => {
                let actions = match target {
                    // Open the page with the heading at the top of the window.
                    Target::Anchor(a) => self.anchors.get(a).map(|(p, top)| {
                        Actions::Goto(Destination::Xyz {
                            page: *p,
                            left: Some(0.0),
                            top: Some(h - top + 12.0),
                            zoom: None,
                        })
                    }),
                    Target::Uri(u) => Some(Actions::Uri(u.clone())),
                };
                if let Some(actions) = actions {
                    self.ops.push(Op::LinkAnnotation {
                        link: LinkAnnotation::new(
                            Rect::from_xywh(Pt(*x), Pt(h - y - lh), Pt(*w), Pt(*lh)),
                            actions,
                            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                            Some(ColorArray::Transparent),
                            None,
                        ),
                    });
                }
            }
        }
    }
}

/// The running header and footer of page `n` of `total`.
fn chrome(n: usize, total: usize, info: &DocInfo, fonts: &Fonts, t: &Theme) -> Vec<Elem> {
    let style = TextStyle { face: Face::Regular, size: t.chrome_size, color: t.muted };
    let base = t.margin_top - 14.0;
    let right = t.margin_left + t.body_width();
    let mut out = vec![Elem::Text {
        x: t.margin_left,
        y: base,
        text: info.title.clone(),
        style,
        stretch: 0.0,
    }];
    if let Some(r) = &info.header_right {
        let w = fonts.width(style.face, r, style.size);
        out.push(Elem::Text { x: right - w, y: base, text: r.clone(), style, stretch: 0.0 });
    }
    out.push(Elem::Line {
        from: (t.margin_left, base + 5.0),
        to: (right, base + 5.0),
        width: 0.5,
        color: t.rule,
    });
    let footer = info.footer.replace("{n}", &n.to_string()).replace("{total}", &total.to_string());
    let w = fonts.width(style.face, &footer, style.size);
    out.push(Elem::Text {
        x: t.margin_left + (t.body_width() - w) / 2.0,
        y: t.page_height - t.margin_bottom + 26.0,
        text: footer,
        style,
        stretch: 0.0,
    });
    out
}

fn utf16(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        bytes.extend(u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
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
    let mut doc = PdfDocument::new(&info.title);
    let total = pages.len();
    // every page's elements, the running header and footer included
    let all: Vec<Vec<Elem>> = pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut elems = page.elems.clone();
            if page.kind != PageKind::Cover {
                elems.extend(chrome(i + 1, total, info, fonts, t));
            }
            elems
        })
        .collect();
    // embed each face as a subset of the characters it draws, tagged `ABCDEF+Name`
    let mut used: BTreeMap<Face, std::collections::BTreeSet<char>> = BTreeMap::new();
    for e in all.iter().flatten() {
        if let Elem::Text { text, style, .. } = e {
            used.entry(style.face).or_default().extend(text.chars());
        }
    }
    let mut ids = BTreeMap::new();
    for (face, chars) in &used {
        let tag = subset_tag(content_hash, fonts.name(*face));
        let name = format!("{tag}+{}", fonts.name(*face));
        let id = FontId(tag);
        let subset = fonts.subset(*face, chars, &name)?;
        doc.resources.fonts.map.insert(id.clone(), PdfFont::new(subset));
        ids.insert(*face, id);
    }
    let anchors: BTreeMap<String, (usize, f32)> =
        headings.iter().map(|p| (p.anchor.clone(), (p.page, p.y))).collect();
    let (w_mm, h_mm) =
        (t.page_width / super::theme::PT_PER_MM, t.page_height / super::theme::PT_PER_MM);
    for elems in &all {
        let mut o =
            Ops { ops: Vec::new(), h: t.page_height, ids: &ids, in_text: false, anchors: &anchors };
        for e in elems {
            o.elem(e);
        }
        o.end_text();
        doc.pages.push(PdfPage::new(printpdf::Mm(w_mm), printpdf::Mm(h_mm), o.ops));
    }
    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    finish(&mut lo, headings, info, t, content_hash)?;
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::Pdf { message: format!("failed to write the PDF ({e})") })?;
    Ok(bytes)
}

fn lo_err(e: lopdf::Error) -> Error {
    Error::Pdf { message: format!("failed to finish the PDF ({e})") }
}

/// Metadata, language, outline and ID: what printpdf leaves to chance or to 1970.
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
    di.set("Producer", utf16(&format!("{} (printpdf 0.12.8, lopdf)", info.generator)));
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
    fn subset_tags_are_six_capital_letters_and_stable() {
        let a = subset_tag(42, "NotoSansSC-Regular");
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()), "{a}");
        assert_eq!(a, subset_tag(42, "NotoSansSC-Regular"));
        assert_ne!(a, subset_tag(42, "NotoSansSC-Bold"));
        assert_ne!(a, subset_tag(43, "NotoSansSC-Regular"));
    }

    #[test]
    fn stretch_becomes_tj_offsets_after_stretchable_characters() {
        let style = TextStyle { face: Face::Regular, size: 10.0, color: Rgb::BLACK };
        let items = text_items("销售AB额", &style, 0.5);
        assert_eq!(
            items,
            vec![
                TextItem::Text("销".into()),
                TextItem::Offset(-50.0),
                TextItem::Text("售".into()),
                TextItem::Offset(-50.0),
                TextItem::Text("AB额".into()),
            ]
        );
    }
}
