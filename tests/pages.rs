//! Board-ready pages: page fill read back from the PDF (`pdftotext -bbox-layout`), and the
//! paginator's rules on the page model (tables split with at least three rows a side,
//! chapters sharing pages).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{own_plans, root, run, scratch, shared_examples};
use planwright::render::pdf::page::Elem;
use planwright::render::pdf::{Input, Theme};

fn have(tool: &str) -> bool {
    let found = Command::new(tool).arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("PLANWRIGHT_REQUIRE_TOOLS").is_none(),
            "{tool} is required (PLANWRIGHT_REQUIRE_TOOLS) but not installed"
        );
        eprintln!("SKIP: {tool} not installed");
    }
    found
}

fn render_pdf(plan: &Path, scratch_name: &str) -> PathBuf {
    let out = scratch(scratch_name);
    let o = run(
        &root(),
        &["render", plan.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "pdf", "--strict"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stem = plan.file_stem().unwrap().to_str().unwrap();
    out.join(stem).join(format!("{stem}.pdf"))
}

/// One word of `pdftotext -bbox-layout`: page (1-based), text and box in points.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    text: String,
    y_min: f32,
    y_max: f32,
}

fn attr(tag: &str, name: &str) -> Option<f32> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()?.parse().ok()
}

fn words(pdf: &Path) -> Vec<Word> {
    let out = Command::new("pdftotext")
        .args(["-bbox-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext");
    let xml = String::from_utf8_lossy(&out.stdout);
    let mut page = 0;
    let mut out = Vec::new();
    for line in xml.lines() {
        let l = line.trim();
        if l.starts_with("<page ") {
            page += 1;
        } else if l.starts_with("<word ") {
            let text = l.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("");
            out.push(Word {
                page,
                text: text.to_string(),
                y_min: attr(l, "yMin").unwrap_or(0.0),
                y_max: attr(l, "yMax").unwrap_or(0.0),
            });
        }
    }
    out
}

fn reference_plans() -> Vec<PathBuf> {
    shared_examples().into_iter().chain(own_plans()).collect()
}

/// Every body page but the last is at least half full: the lowest text of the body sits
/// below the middle of the body column.
#[test]
fn body_pages_are_at_least_half_full() {
    if !have("pdftotext") {
        return;
    }
    let t = Theme::default();
    let (top, bottom) = (t.margin_top, t.page_height - t.margin_bottom);
    for plan in reference_plans() {
        let name = plan.file_stem().unwrap().to_string_lossy().to_string();
        let pdf = render_pdf(&plan, &format!("pages-fill-{name}"));
        let words = words(&pdf);
        let pages = words.iter().map(|w| w.page).max().unwrap_or(0);
        // the first body page: the one after the last contents page (it holds the first
        // chapter heading; the contents pages hold dotted leaders)
        let first_body = (2..=pages)
            .find(|p| {
                !words.iter().any(|w| w.page == *p && (w.text == "目录" || w.text == "Contents"))
            })
            .unwrap();
        let mut fills = Vec::new();
        for p in first_body..pages {
            let lowest = words
                .iter()
                .filter(|w| w.page == p && w.y_min > top - 1.0 && w.y_max < bottom + 1.0)
                .map(|w| w.y_max)
                .fold(top, f32::max);
            let fill = (lowest - top) / (bottom - top);
            fills.push((p, fill));
        }
        let thin: Vec<_> = fills.iter().filter(|(_, f)| *f < 0.5).collect();
        assert!(thin.is_empty(), "{name}: pages under half full: {thin:?} (all: {fills:?})");
    }
}

fn layout_markdown(md: &str) -> planwright::render::pdf::Laid {
    let fonts = planwright::render::pdf::Fonts::load().unwrap();
    let input = Input { markdown: md.to_string(), zh: true, ..Input::default() };
    planwright::render::pdf::layout(&input, &fonts, &Theme::default(), &Default::default())
}

fn texts(page: &planwright::render::pdf::page::Page) -> Vec<String> {
    page.elems
        .iter()
        .filter_map(|e| match e {
            Elem::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// A table that crosses a page break leaves at least three rows on each page, whatever
/// the amount of text before it, and its header repeats.
#[test]
fn tables_split_with_at_least_three_rows_a_side() {
    let para = "销售体系建设需要数据驱动的目标设定与精细化的过程管理，各区域按月复盘。";
    for lines_before in (0..60).step_by(3) {
        let mut md = String::from("## 一、测试\n\n");
        for _ in 0..lines_before {
            md.push_str(para);
            md.push_str("\n\n");
        }
        md.push_str("| 项目 | 金额 |\n|:--|--:|\n");
        for r in 1..=12 {
            md.push_str(&format!("| 行{r:02} | {r},000 |\n"));
        }
        let laid = layout_markdown(&md);
        for (i, page) in laid.pages.iter().enumerate() {
            let t = texts(page);
            let rows = t.iter().filter(|s| s.starts_with('行')).count();
            assert!(
                rows == 0 || rows >= 3,
                "{lines_before} paragraphs before: page {} holds {rows} rows: {t:?}",
                i + 1
            );
            if rows > 0 {
                assert!(t.iter().any(|s| s == "项目"), "page {} lacks the header", i + 1);
            }
        }
    }
}

/// A short table (under six rows) is never split; a totals row never stands alone.
#[test]
fn short_tables_stay_whole() {
    let para = "销售体系建设需要数据驱动的目标设定与精细化的过程管理，各区域按月复盘。";
    for lines_before in 0..45 {
        let mut md = String::from("## 一、测试\n\n");
        for _ in 0..lines_before {
            md.push_str(para);
            md.push_str("\n\n");
        }
        md.push_str("| 项目 | 金额 |\n|:--|--:|\n");
        for r in 1..=4 {
            md.push_str(&format!("| 行{r:02} | {r},000 |\n"));
        }
        md.push_str("| **合计** | **10,000** |\n");
        let laid = layout_markdown(&md);
        let pages_with_rows = laid
            .pages
            .iter()
            .filter(|p| texts(p).iter().any(|s| s.starts_with('行') || s == "合计"))
            .count();
        assert_eq!(pages_with_rows, 1, "{lines_before} paragraphs before");
    }
}

/// Chapters follow on the same page when enough of it is left, and start a new one when
/// less than a third is; the theme can ask for a new page before every chapter.
#[test]
fn chapters_start_a_new_page_only_when_little_is_left() {
    let para = "销售体系建设需要数据驱动的目标设定与精细化的过程管理，各区域按月复盘。";
    let doc = |n: usize| {
        let mut md = String::from("## 一、甲\n\n");
        for _ in 0..n {
            md.push_str(para);
            md.push_str("\n\n");
        }
        md.push_str("## 二、乙\n\n");
        md.push_str(para);
        md
    };
    let fonts = planwright::render::pdf::Fonts::load().unwrap();
    let page_of = |md: &str, theme: &Theme| {
        let input = Input { markdown: md.to_string(), zh: true, ..Input::default() };
        let laid = planwright::render::pdf::layout(&input, &fonts, theme, &Default::default());
        laid.headings.iter().map(|h| h.page).collect::<Vec<_>>()
    };
    let t = Theme::default();
    // three short paragraphs leave most of the page: the second chapter follows on it
    let short = page_of(&doc(3), &t);
    assert_eq!(short[0], short[1], "{short:?}");
    // a page nearly full: the second chapter moves on
    let full = page_of(&doc(20), &t);
    assert_eq!(full[0] + 1, full[1], "{full:?}");
    let always = Theme { chapter_break: planwright::render::pdf::theme::ChapterBreak::Always, ..t };
    let forced = page_of(&doc(3), &always);
    assert_eq!(forced[0] + 1, forced[1], "{forced:?}");
}
