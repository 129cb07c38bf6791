//! Layout checks on the drawn SVG: every text inside the canvas, no two texts overlapping,
//! risks in the right cells. Run on the reference plans, the English plan and a stress plan
//! with long Chinese names.

use std::path::{Path, PathBuf};

use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, Type};
use super::*;
use crate::templates::Templates;

fn plan_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("../shared/examples"), root.join("tests/fixtures/charts")] {
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

#[test]
fn texts_stay_inside_and_never_overlap() {
    let files = plan_files();
    assert!(!files.is_empty());
    for file in files {
        for chart in charts_of(&file) {
            let svg = chart.svg().unwrap();
            let (w, h) = chart.size();
            let boxes: Vec<(style::Rect, String)> =
                texts(&svg).iter().map(|t| (text_box(t), t.text.clone())).collect();
            let name = format!("{}:{}", file.display(), chart.id);
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

#[test]
fn risk_matrix_places_each_risk_in_its_cell() {
    let Some(annual) = plan_files().into_iter().find(|p| p.ends_with("annual-sales-plan.yaml"))
    else {
        eprintln!("SKIP: ../shared/examples not present");
        return;
    };
    let charts = charts_of(&annual);
    let risks = charts.iter().find(|c| c.id == "risks").unwrap();
    let svg = risks.svg().unwrap();
    // R1 价格战加剧: likelihood 4, severity 4; R4 核心销售人员流失: 2, 5.
    for (label, l, s) in [("R1", 4, 4), ("R2", 3, 3), ("R3", 3, 4), ("R4", 2, 5), ("R5", 2, 3)] {
        let [x0, y0, x1, y1] = risks::cell(l, s);
        let inside = texts(&svg)
            .iter()
            .any(|t| t.text == label && t.x > x0 && t.x < x1 && t.y > y0 && t.y < y1);
        assert!(inside, "{label} not in cell ({l},{s})");
    }
}

#[test]
fn font_sizes_are_the_type_scale() {
    for file in plan_files() {
        for chart in charts_of(&file) {
            for t in texts(&chart.svg().unwrap()) {
                assert!([11.0, 12.0, 16.0].contains(&t.t.px), "{}: size {}", chart.id, t.t.px);
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
    );
    assert!(svg.starts_with("<svg width=\"10\" height=\"10\" role=\"img\""));
    assert!(svg.contains("<title id=\"pw-chart-kpis-title\">KPI &lt;达成率&gt;</title>"));
    assert!(svg.contains("<desc id=\"pw-chart-kpis-desc\">a &amp; b</desc>"));
    assert!(svg.contains(&format!("font-family=\"{}\"", style::FONT_STACK)));
}
