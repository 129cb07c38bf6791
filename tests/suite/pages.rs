//! Board-ready pages: page fill read back from the PDF (`pdftotext -bbox-layout`), and the
//! paginator's rules on the page model (tables split with at least three rows a side,
//! chapters sharing pages).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

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
    x_min: f32,
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
                x_min: attr(l, "xMin").unwrap_or(0.0),
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
                // `目录` and `目录（续）` (`目錄（續）` in Traditional) / `Contents
                // (continued)` head the contents' pages
                !words.iter().any(|w| {
                    w.page == *p
                        && (w.text.starts_with("目录")
                            || w.text.starts_with("目錄")
                            || w.text == "Contents")
                })
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
        .expect("lays out")
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
        let laid = planwright::render::pdf::layout(&input, &fonts, theme, &Default::default())
            .expect("lays out");
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

/// The SWOT chapter draws a 2×2 grid: strengths and weaknesses side by side on top,
/// opportunities and threats below them, each quadrant titled — in the PDF (read back) and
/// in the HTML (a matrix table).
#[test]
fn swot_is_a_two_by_two_grid() {
    let Some(plan) = shared_examples().into_iter().find(|p| p.ends_with("annual-sales-plan.yaml"))
    else {
        eprintln!("SKIP: ../shared/examples/annual-sales-plan.yaml not present");
        return;
    };
    if have("pdftotext") {
        let pdf = render_pdf(&plan, "pages-swot");
        let words = words(&pdf);
        let find = |t: &str| {
            words.iter().find(|w| w.text == t).unwrap_or_else(|| panic!("no `{t}` in the PDF"))
        };
        let (s, w, o, t) =
            (find("优势（S）"), find("劣势（W）"), find("机会（O）"), find("威胁（T）"));
        assert!(s.page == w.page && w.page == o.page && o.page == t.page, "one page");
        let same = |a: f32, b: f32| (a - b).abs() < 1.0;
        // rows: S beside W, O beside T, the second row below the first
        assert!(same(s.y_min, w.y_min) && same(o.y_min, t.y_min), "{s:?} {w:?} {o:?} {t:?}");
        assert!(o.y_min > s.y_max + 20.0, "opportunities below strengths");
        // columns: S above O, W above T, the second column right of the first
        assert!(same(s.x_min, o.x_min) && same(w.x_min, t.x_min), "{s:?} {w:?} {o:?} {t:?}");
        assert!(w.x_min > s.x_min + 150.0, "weaknesses right of strengths");
        // the strategy combinations in a grid of their own
        let (so, wo) = (find("SO增长型"), find("WO扭转型"));
        assert!(same(so.y_min, wo.y_min) && wo.x_min > so.x_min + 150.0);
    }
    let out = scratch("pages-swot-html");
    let o = run(
        &root(),
        &["render", plan.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "html"],
    );
    assert!(o.status.success());
    let html =
        std::fs::read_to_string(out.join("annual-sales-plan/annual-sales-plan.html")).unwrap();
    assert_eq!(html.matches("<table class=\"matrix\">").count(), 2, "SWOT and strategies");
    assert!(html.contains("<table class=\"matrix\"><thead><tr><th scope=\"col\">优势（S）</th>"));
}

fn page_texts(pdf: &Path) -> Vec<String> {
    let n = {
        let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:").map(|v| v.trim().parse::<usize>().unwrap()))
            .unwrap()
    };
    (1..=n)
        .map(|p| {
            let out = Command::new("pdftotext")
                .args(["-f", &p.to_string(), "-l", &p.to_string(), pdf.to_str().unwrap(), "-"])
                .output()
                .expect("pdftotext");
            String::from_utf8_lossy(&out.stdout).to_string()
        })
        .collect()
}

/// The annual report opens on a one-page dashboard right after the contents: the headline
/// target and growth as tiles, the key metrics, the top risks, the asks; the first chapter
/// starts on the next page. The monthly report has a half-page version at its top.
#[test]
fn dashboard_follows_the_contents() {
    if !have("pdftotext") {
        return;
    }
    let annual = root().join("plans/annual-sales-plan.yaml");
    let pages = page_texts(&render_pdf(&annual, "pages-dashboard-annual"));
    // the contents list it too: the dashboard is the first page with it that is not them
    let at = pages.iter().position(|p| p.contains("经营看板") && !p.contains("目录")).unwrap();
    assert!(pages[at - 1].contains("目录"), "the page before the dashboard is the contents");
    let dash = &pages[at];
    for want in ["年度销售目标", "同比增长", "核心指标", "主要风险", "提请决策事项"]
    {
        assert!(dash.contains(want), "dashboard lacks {want}:\n{dash}");
    }
    assert!(!dash.contains("一、执行摘要"), "the dashboard is a page of its own");
    assert!(pages[at + 1].contains("一、执行摘要"), "chapter one follows on the next page");

    // the English dashboard (six metrics, long asks) still fits its page
    let en = root().join("plans/annual-sales-plan-en.yaml");
    let pages = page_texts(&render_pdf(&en, "pages-dashboard-en"));
    let at =
        pages.iter().position(|p| p.contains("At a glance") && !p.contains("Contents")).unwrap();
    assert!(pages[at].contains("Decisions asked of the board"), "{}", pages[at]);
    // the first body line, under the running header (title, confidentiality)
    let next = pages[at + 1]
        .lines()
        .find(|l| !l.trim().is_empty() && !l.contains("FY2025") && !l.contains("Confidential"))
        .unwrap();
    assert!(next.contains("1. Executive summary"), "page after the dashboard opens with: {next}");

    let monthly = root().join("plans/monthly-battle-plan.yaml");
    let pages = page_texts(&render_pdf(&monthly, "pages-dashboard-monthly"));
    let at = pages.iter().position(|p| p.contains("经营看板") && !p.contains("目录")).unwrap();
    let page = &pages[at];
    assert!(page.contains("本月销售目标") && page.contains("已完成"), "{page}");
    assert!(page.contains("一、执行摘要"), "the monthly dashboard shares its page");
}

/// The report ends with a sign-off block (prepared / reviewed / approved, names and dates
/// from the plan), the tool's credit is in the metadata only, and the cover shows the
/// plan's year once.
#[test]
fn report_ends_with_a_sign_off_and_credits_the_tool_in_metadata_only() {
    if !have("pdftotext") || !have("pdfinfo") {
        return;
    }
    let plan = root().join("plans/annual-sales-plan.yaml");
    let pdf = render_pdf(&plan, "pages-signoff");
    let pages = page_texts(&pdf);
    let last = pages.last().unwrap();
    for want in ["审批", "编制", "审核", "批准", "签字"] {
        assert!(last.contains(want), "last page lacks {want}:\n{last}");
    }
    assert!(pages.iter().all(|p| !p.contains("Planwright")), "credit printed in the body");
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.lines().any(|l| l.starts_with("Creator:") && l.contains("Planwright")), "{info}");
    // the cover: the period's year once (the title says 2025年度)
    let cover = &pages[0];
    assert_eq!(cover.matches("2025年度").count(), 1, "{cover}");
}

/// A title far longer than a cover line wraps and steps down in size, never running into
/// the cover's fields or off the page.
#[test]
fn long_titles_wrap_on_the_cover_without_overlapping() {
    let fonts = planwright::render::pdf::Fonts::load().unwrap();
    let t = Theme::default();
    for n in [20, 60, 120, 400] {
        let title: String = "华东区二〇二五年度重点客户销售计划与渠道策略优化方案"
            .chars()
            .cycle()
            .take(n)
            .collect();
        let cover = planwright::render::pdf::Cover {
            title: title.clone(),
            organization: Some("某某科技有限公司".into()),
            fields: vec![("版本".into(), "V1".into()), ("编制".into(), "销售部".into())],
            colon: "：".into(),
            ..Default::default()
        };
        let page = planwright::render::pdf::cover::cover(&cover, &fonts, &t);
        let texts: Vec<(f32, f32, String, f32)> = page
            .elems
            .iter()
            .filter_map(|e| match e {
                Elem::Text { x, y, text, style, .. } => Some((*x, *y, text.clone(), style.size)),
                _ => None,
            })
            .collect();
        let field_top =
            texts.iter().filter(|x| x.2.starts_with("版本")).map(|x| x.1).next().unwrap();
        let title_bottom = texts.iter().filter(|x| x.3 >= 18.0).map(|x| x.1).fold(0.0, f32::max);
        assert!(
            title_bottom + 12.0 < field_top,
            "{n} chars: title ends at {title_bottom}, fields at {field_top}"
        );
        for (x, _, text, size) in &texts {
            let w = fonts.width(planwright::render::pdf::fonts::Face::Bold, text, *size);
            assert!(
                *x >= t.margin_left - 0.5 && x + w <= t.page_width - t.margin_right + 0.5,
                "{text}"
            );
        }
    }
}

/// The dashboard's headline figures are tiles in the HTML too: a `tiles` table whose
/// figures carry their labels (the phone layout stacks them).
#[test]
fn dashboard_tiles_in_html() {
    let out = scratch("pages-tiles-html");
    let plan = root().join("plans/annual-sales-plan.yaml");
    let o = run(
        &root(),
        &["render", plan.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "html"],
    );
    assert!(o.status.success());
    let html =
        std::fs::read_to_string(out.join("annual-sales-plan/annual-sales-plan.html")).unwrap();
    assert_eq!(html.matches("<table class=\"tiles\">").count(), 1);
    assert!(html.contains("<td class=\"tile\" data-label=\"年度销售目标\">1.5亿元</td>"), "tiles");
    assert!(html.contains("<td class=\"tile\" data-label=\"同比增长\">+25.0%</td>"));
}

/// A group heading row (a bold first cell alone) spans the table: its words stay on one
/// line however narrow the first column is, and the column is as narrow as its items.
#[test]
fn group_headings_span_the_row() {
    let md = "## 一、测试\n\n| 产品 | 单价（元） | 营收（万元） | 占比 | 毛利率 | 毛利（万元） | 备注 |\n\
              |:--|--:|--:|--:|--:|--:|:--|\n\
              | **塔尖（旗舰款与高价值定制礼盒）** | | | | | | |\n\
              | 礼盒 | 3,680 | 7,500 | 15.0% | 52.0% | 3,900 | 中秋与年节主打 |\n\
              | **塔基（引流款）** | | | | | | |\n\
              | 日用品 | 199 | 6,000 | 12.0% | 22.0% | 1,320 | 满额免运 |\n";
    let laid = layout_markdown(md);
    let t: Vec<String> = laid.pages.iter().flat_map(texts).collect();
    let line = |s: &str| t.iter().any(|x| x == s);
    assert!(line("塔尖（旗舰款与高价值定制礼盒）"), "{t:?}");
    assert!(line("塔基（引流款）"), "{t:?}");
}
