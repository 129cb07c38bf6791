//! Layout checks on the drawn SVG, at the natural width and the narrow (phone) width: every
//! text inside the canvas, no two texts overlapping, no line crossing a text, no text half
//! over a bar, every text at least 8 pt once the PDF scales the chart into its body column,
//! risks in the right cells. Run on the reference plans, the repository's plans, the English
//! plan and a stress plan with long Chinese names.

use std::path::{Path, PathBuf};

use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, Type};
use super::*;
use crate::templates::Templates;

fn plan_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let dirs =
        [root.join("../shared/examples"), root.join("plans"), root.join("tests/fixtures/charts")];
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

fn charts_of(path: &Path) -> Vec<Chart> {
    let text = std::fs::read_to_string(path).unwrap();
    let checked = crate::check(&path.display().to_string(), &text);
    let (plan, figures) = checked.valid.expect("valid plan");
    let labels = Templates::load(None).unwrap().labels(plan.meta.locale);
    build(&plan, &figures, &labels)
}

/// A `<text>` of plotters' SVG: anchor point, alignment, type and content.
struct SvgText {
    x: f64,
    y: f64,
    h: HPos,
    v: VPos,
    t: Type,
    text: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn texts(svg: &str) -> Vec<SvgText> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text ") {
        let tag_end = rest[i..].find('>').unwrap() + i;
        let tag = &rest[i..tag_end];
        let close = rest[tag_end..].find("</text>").unwrap() + tag_end;
        let body = unescape(rest[tag_end + 1..close].trim());
        let num = |n: &str| attr(tag, n).unwrap().parse::<f64>().unwrap();
        let h = match attr(tag, "text-anchor").as_deref() {
            Some("middle") => HPos::Center,
            Some("end") => HPos::Right,
            _ => HPos::Left,
        };
        let v = match attr(tag, "dy").as_deref() {
            Some("0.76em") => VPos::Top,
            Some("-0.5ex") => VPos::Bottom,
            _ => VPos::Center,
        };
        let t = Type { px: num("font-size"), bold: attr(tag, "font-weight").is_some() };
        out.push(SvgText { x: num("x"), y: num("y"), h, v, t, text: body });
        rest = &rest[close..];
    }
    out
}

fn text_box(t: &SvgText) -> style::Rect {
    style::text_box(&t.text, t.t, t.x, t.y, t.h, t.v)
}

/// A straight piece of a line: from, to, stroke colour.
type Segment = ((f64, f64), (f64, f64), String);

/// The straight segments of every `<polyline>` with its stroke colour.
fn segments(svg: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for tag in svg.split("<polyline ").skip(1).map(|r| &r[..r.find("/>").unwrap()]) {
        let stroke = attr(&format!(" {tag}"), "stroke").unwrap();
        let pts: Vec<(f64, f64)> = attr(&format!(" {tag}"), "points")
            .unwrap()
            .split_whitespace()
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        for w in pts.windows(2) {
            out.push((w[0], w[1], stroke.clone()));
        }
    }
    out
}

/// Every filled `<rect>` with its fill colour.
fn rects(svg: &str) -> Vec<(style::Rect, String)> {
    svg.split("<rect ")
        .skip(1)
        .map(|r| {
            let tag = format!(" {}", &r[..r.find("/>").unwrap()]);
            let n = |k: &str| attr(&tag, k).unwrap().parse::<f64>().unwrap();
            let (x, y) = (n("x"), n("y"));
            ([x, y, x + n("width"), y + n("height")], attr(&tag, "fill").unwrap())
        })
        .collect()
}

/// Whether the segment `a`–`b` passes through the box `r`.
fn crosses(a: (f64, f64), b: (f64, f64), r: &style::Rect) -> bool {
    // Sample the segment finely: the segments are short and the boxes a text line high.
    let steps = ((b.0 - a.0).hypot(b.1 - a.1) / 0.5).ceil().max(1.0) as usize;
    (0..=steps).any(|k| {
        let t = k as f64 / steps as f64;
        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        x > r[0] && x < r[2] && y > r[1] && y < r[3]
    })
}

fn widths() -> [u32; 2] {
    [style::WIDTH, style::NARROW]
}

fn svg_at(chart: &Chart, width: u32) -> String {
    if width == style::WIDTH { chart.svg().unwrap() } else { chart.narrow_svg().unwrap() }
}

#[test]
fn texts_stay_inside_and_never_overlap() {
    let files = plan_files();
    assert!(!files.is_empty());
    for file in files {
        for chart in charts_of(&file) {
            for width in widths() {
                let svg = svg_at(&chart, width);
                let (w, h) = chart.size_at(width);
                let boxes: Vec<(style::Rect, String)> =
                    texts(&svg).iter().map(|t| (text_box(t), t.text.clone())).collect();
                let name = format!("{}:{}@{width}", file.display(), chart.id);
                assert!(boxes.len() > 3, "{name}: texts not found in the SVG");
                for (b, text) in &boxes {
                    assert!(
                        b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= f64::from(w) && b[3] <= f64::from(h),
                        "{name}: `{text}` {b:?} leaves the {w}×{h} canvas"
                    );
                }
                for (i, (a, ta)) in boxes.iter().enumerate() {
                    for (b, tb) in &boxes[i + 1..] {
                        // Half a pixel of slack: touching is not overlapping.
                        let hit = a[0] + 0.5 < b[2]
                            && b[0] + 0.5 < a[2]
                            && a[1] + 0.5 < b[3]
                            && b[1] + 0.5 < a[3];
                        assert!(!hit, "{name}: `{ta}` {a:?} overlaps `{tb}` {b:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn no_line_crosses_a_text_and_no_text_sits_half_on_a_bar() {
    let g = super::Palette::default().grid;
    let grid = format!("#{:02X}{:02X}{:02X}", g.0, g.1, g.2);
    for file in plan_files() {
        for chart in charts_of(&file) {
            for width in widths() {
                let svg = svg_at(&chart, width);
                let name = format!("{}:{}@{width}", file.display(), chart.id);
                let boxes: Vec<(style::Rect, String)> = texts(&svg)
                    .iter()
                    .map(|t| {
                        // The glyphs, not the line box: a line may pass between two lines.
                        let [x0, y0, x1, y1] = text_box(t);
                        let inset = (y1 - y0 - t.t.px) / 2.0;
                        ([x0 + 0.5, y0 + inset, x1 - 0.5, y1 - inset], t.text.clone())
                    })
                    .collect();
                // Grid lines are the only lines allowed behind text (and are kept off
                // milestone texts by a paper backing).
                for (a, b, stroke) in segments(&svg).iter().filter(|s| s.2 != grid) {
                    for (r, text) in &boxes {
                        assert!(
                            !crosses(*a, *b, r),
                            "{name}: a {stroke} line {a:?}–{b:?} crosses `{text}` {r:?}"
                        );
                    }
                }
                let (w, h) = chart.size_at(width);
                for (r, fill) in rects(&svg) {
                    if fill == "#FFFFFF"
                        || (r[2] - r[0] >= f64::from(w) - 1.0 && r[3] - r[1] >= f64::from(h) - 1.0)
                    {
                        continue;
                    }
                    for (t, text) in &boxes {
                        let hit = t[0] < r[2] && r[0] < t[2] && t[1] < r[3] && r[1] < t[3];
                        let inside = t[0] >= r[0] - 0.5
                            && t[2] <= r[2] + 0.5
                            && t[1] >= r[1] - 0.5
                            && t[3] <= r[3] + 0.5;
                        assert!(
                            !hit || inside,
                            "{name}: `{text}` {t:?} half over a {fill} box {r:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn every_chart_text_is_at_least_8_pt_in_the_pdf_and_fits_60_percent_of_a_page() {
    // How the PDF places a chart (render/pdf/flow.rs `image`): scaled to the body width, no
    // taller than 60% of the body, never enlarged.
    let theme = crate::render::pdf::Theme::default();
    let (body_w, max_h) = (f64::from(theme.body_width()), f64::from(theme.body_height()) * 0.6);
    for file in plan_files() {
        for chart in charts_of(&file) {
            let (w, h) = chart.size();
            let scale = (body_w / f64::from(w)).min(max_h / f64::from(h)).min(1.0);
            let name = format!("{}:{}", file.display(), chart.id);
            assert!(
                f64::from(h) * body_w / f64::from(w) <= max_h,
                "{name}: {w}×{h} is taller than 60% of the page at the body width"
            );
            for t in texts(&chart.svg().unwrap()) {
                let pt = t.t.px * scale;
                assert!(pt >= 8.0, "{name}: `{}` is {pt:.2} pt in the PDF", t.text);
            }
        }
    }
}

#[test]
fn risk_matrix_places_each_risk_in_its_cell() {
    let Some(annual) =
        plan_files().into_iter().find(|p| p.ends_with("examples/annual-sales-plan.yaml"))
    else {
        eprintln!("SKIP: ../shared/examples not present");
        return;
    };
    let charts = charts_of(&annual);
    let risks = charts.iter().find(|c| c.id == "risks").unwrap();
    let Body::Risks(d) = &risks.body else { panic!("not the risk matrix") };
    for width in widths() {
        let svg = svg_at(risks, width);
        let body = style::Header::new(&risks.title, &risks.keys(), f64::from(width)).bottom;
        let layout = risks::layout(d, f64::from(width), body);
        // R1 价格战加剧: likelihood 4, severity 4; R4 核心销售人员流失: 2, 5.
        for (label, l, s) in [("R1", 4, 4), ("R2", 3, 3), ("R3", 3, 4), ("R4", 2, 5), ("R5", 2, 3)]
        {
            let [x0, y0, x1, y1] = layout.cell(l, s);
            let inside = texts(&svg)
                .iter()
                .any(|t| t.text == label && t.x > x0 && t.x < x1 && t.y > y0 && t.y < y1);
            assert!(inside, "{label} not in cell ({l},{s}) at {width}");
        }
    }
}

#[test]
fn font_sizes_are_the_type_scale() {
    for file in plan_files() {
        for chart in charts_of(&file) {
            for width in widths() {
                for t in texts(&svg_at(&chart, width)) {
                    assert!([11.0, 12.0, 15.5].contains(&t.t.px), "{}: size {}", chart.id, t.t.px);
                }
            }
        }
    }
}

#[test]
fn ticks_are_round_and_cover_the_maximum() {
    let d = |s: &str| Decimal::from_str_exact(s).unwrap();
    let t = ticks(d("150000000"));
    assert_eq!(t, [d("0"), d("50000000"), d("100000000"), d("150000000")]);
    assert_eq!(ticks(d("12000000")).last(), Some(&d("15000000")));
    assert_eq!(ticks(d("1")), [d("0"), d("0.25"), d("0.5"), d("0.75"), d("1")]);
}

#[test]
fn svg_carries_title_description_and_the_font_stack() {
    let svg = finish_svg(
        "<svg width=\"10\" height=\"10\">\n<text font-family=\"Noto Sans SC\">a</text>\n</svg>\n",
        "kpis",
        "KPI <达成率>",
        "a & b",
        Locale::ZhCn,
    );
    assert!(svg.starts_with("<svg width=\"10\" height=\"10\" role=\"img\""));
    assert!(svg.contains("<title id=\"pw-chart-kpis-title\">KPI &lt;达成率&gt;</title>"));
    assert!(svg.contains("<desc id=\"pw-chart-kpis-desc\">a &amp; b</desc>"));
    assert!(svg.contains(&format!("font-family=\"{}\"", style::FONT_STACK)));
    assert!(style::FONT_STACK.contains("'Noto Sans CJK SC'"), "the family Linux installs");
}

/// A Traditional chart says its language and asks for faces with Traditional glyph forms.
#[test]
fn traditional_svg_says_its_language_and_asks_for_tc_faces() {
    let plain =
        "<svg width=\"10\" height=\"10\">\n<text font-family=\"Noto Sans SC\">骨</text>\n</svg>\n";
    let tw = finish_svg(plain, "kpis", "KPI達成率", "", Locale::ZhTw);
    assert!(tw.starts_with(
        "<svg width=\"10\" height=\"10\" xml:lang=\"zh-Hant-TW\" lang=\"zh-Hant-TW\""
    ));
    assert!(tw.contains("<text font-family=\"'Noto Sans TC','Noto Sans CJK TC'"), "{tw}");
    assert!(!tw.contains(" SC'"), "no Simplified face in a Traditional chart: {tw}");
    let hk = finish_svg(plain, "kpis", "KPI達成率", "", Locale::ZhHk);
    assert!(hk.contains("lang=\"zh-Hant-HK\"") && hk.contains("font-family=\"'Noto Sans HK'"));
}

#[test]
fn a_name_of_a_million_characters_is_wrapped_cut_and_kept_in_the_description() {
    let long = "市场推广与品牌建设".repeat(111_112);
    let yaml = "meta: { kind: annual, title: 长名称, period: \"2025\", as_of: 2025-06-15 }\n\
         budget:\n  items:\n    - { name: 推广, amount: 100 }\n    - { name: 人员, amount: 50 }\n\
         kpis:\n  - { name: 推广, target: 1000, actual: 400 }\n";
    let checked = crate::check("long.yaml", yaml);
    let (mut plan, figures) = checked.valid.expect("valid plan");
    // A plan may not name anything this long (limits::MAX_NAME_CHARS); the charts must still
    // cope, so the names are set past the check.
    if let Some(b) = plan.budget.as_mut() {
        b.items[0].name = long.clone();
    }
    plan.kpis[0].name = long.clone();
    let labels = Templates::load(None).unwrap().labels(plan.meta.locale);
    // how long this takes is measured by `cargo bench --bench hostile`
    let charts = build(&plan, &figures, &labels);
    let svgs: Vec<String> =
        charts.iter().flat_map(|c| [c.svg().unwrap(), c.narrow_svg().unwrap()]).collect();
    assert_eq!(charts.len(), 2);
    for (c, svg) in charts.iter().zip(svgs.iter().step_by(2)) {
        assert!(c.description.contains(&long), "{}: the full name is in the description", c.id);
        let of_name = |t: &SvgText| t.text.chars().all(|ch| "市场推广与品牌建设…".contains(ch));
        let drawn: Vec<SvgText> = texts(svg).into_iter().filter(of_name).collect();
        assert!(!drawn.is_empty() && drawn.len() <= style::MAX_LINES, "{}: {}", c.id, drawn.len());
        let last = drawn.last().map(|t| t.text.clone()).unwrap_or_default();
        assert!(last.ends_with('…'), "{}: {last}", c.id);
    }
}
