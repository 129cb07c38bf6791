//! Charts of the reference plans (and of `plans/` and `tests/fixtures/charts/`): SVG
//! snapshots of both layouts, the figures they must show, one number system per chart, the
//! change drawn by the targets chart, the time-elapsed line, determinism, and the smallest
//! type size read back from a rendered PDF. The SVGs are also written to
//! `target/tmp/charts/<plan>/<id>.svg` for looking at.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::{Path, PathBuf};

use common::*;
use planwright::charts::{self, Chart};
use rust_decimal::Decimal;

fn plans() -> Vec<PathBuf> {
    let mut plans = shared_examples();
    plans.extend(yaml_files(&root().join("tests/fixtures/charts")));
    plans
}

/// Every plan with charts: the snapshot plans and the repository's own.
fn all_plans() -> Vec<PathBuf> {
    let mut plans = plans();
    plans.extend(own_plans());
    plans
}

/// What a chart draws: its SVG without the title and text alternative.
fn drawing(svg: &str) -> &str {
    &svg[svg.find("</desc>").unwrap()..]
}

/// The texts a chart draws.
fn texts(svg: &str) -> Vec<String> {
    drawing(svg)
        .split("<text ")
        .skip(1)
        .map(|t| {
            let body = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            body.trim().replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        })
        .collect()
}

fn charts_of(path: &Path) -> Vec<Chart> {
    let text = std::fs::read_to_string(path).unwrap();
    let checked = planwright::check(&path.display().to_string(), &text);
    let (plan, figures) = checked.valid.expect("plan is valid");
    let engine = planwright::Engine::new(None).unwrap();
    let labels = engine.templates().labels(plan.meta.locale);
    charts::build(&plan, &figures, &labels)
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn shared(name: &str) -> Option<Vec<Chart>> {
    let path = root().join("../shared/examples").join(name);
    if !path.exists() {
        eprintln!("SKIP: {} not present", path.display());
        return None;
    }
    Some(charts_of(&path))
}

fn chart<'a>(charts: &'a [Chart], id: &str) -> &'a Chart {
    charts.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no chart `{id}`"))
}

/// The percentages written in parentheses: `（40.0%）` / `(40.0%)`.
fn shares_in(text: &str) -> Vec<Decimal> {
    text.split(['（', '('])
        .skip(1)
        .filter_map(|s| s.split_once("%"))
        .map(|(n, _)| n)
        .filter_map(|n| Decimal::from_str_exact(n).ok())
        .collect()
}

#[test]
fn svg_snapshots_of_every_chart() {
    let plans = plans();
    assert!(!plans.is_empty());
    for plan in plans {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("charts").join(stem(&plan));
        std::fs::create_dir_all(&dir).unwrap();
        for c in charts_of(&plan) {
            let svg = c.svg().unwrap();
            std::fs::write(dir.join(format!("{}.svg", c.id)), &svg).unwrap();
            insta::assert_snapshot!(format!("{}__{}", stem(&plan), c.id), svg);
            let narrow = c.narrow_svg().unwrap();
            std::fs::write(dir.join(format!("{}-narrow.svg", c.id)), &narrow).unwrap();
            insta::assert_snapshot!(format!("{}__{}-narrow", stem(&plan), c.id), narrow);
        }
    }
}

#[test]
fn annual_plan_has_every_chart_in_its_chapter() {
    let Some(charts) = shared("annual-sales-plan.yaml") else { return };
    let ids: Vec<(&str, &str)> =
        charts.iter().map(|c| (c.id.as_str(), c.chapter.as_str())).collect();
    assert_eq!(
        ids,
        [
            ("bridge", "dashboard"),
            ("competitors", "market"),
            ("targets", "targets"),
            ("breakdown-1", "targets"),
            ("breakdown-2", "targets"),
            ("breakdown-3", "targets"),
            ("history", "targets"),
            ("channels", "strategies"),
            ("schedule", "schedule"),
            ("budget", "budget"),
            ("risks", "risks"),
        ]
    );
    // No KPI has an actual yet: no attainment chart.
    assert!(charts.iter().all(|c| c.id != "kpis"));
}

#[test]
fn quarterly_breakdown_shows_shares_and_the_running_total() {
    let Some(charts) = shared("annual-sales-plan.yaml") else { return };
    let c = chart(&charts, "breakdown-1");
    assert_eq!(c.title, "目标分解：按季度");
    let svg = c.svg().unwrap();
    let t = texts(&svg);
    // Bare figures in one unit, stated once; round ticks.
    for figure in ["单位：万元", "28.0%", "10,800", "4,200", "目标15,000", "Q3"] {
        assert!(t.iter().any(|x| x == figure), "breakdown chart lacks {figure}: {t:?}");
    }
    for tick in ["0", "5,000", "10,000", "15,000"] {
        assert!(t.iter().any(|x| x == tick), "tick {tick} missing: {t:?}");
    }
    // The text alternative keeps the natural reading.
    assert!(c.description.contains("Q3 4,200万元（28.0%），累计1.08亿元"), "{}", c.description);
}

#[test]
fn each_chart_has_one_number_system() {
    // Amount charts write bare figures: the unit appears once, in the key row; ticks are
    // round steps from 0 with one precision. (KPI and target rows each measure something
    // else, so they keep their own units per row.)
    let amount_units = ["元", "亿", "$", "€", "CNY"];
    for plan in all_plans() {
        for c in charts_of(&plan) {
            if matches!(c.id.as_str(), "kpis" | "targets" | "risks" | "schedule") {
                continue;
            }
            let t = texts(&c.svg().unwrap());
            let name = format!("{}:{}", plan.display(), c.id);
            let with_unit: Vec<&String> = t
                .iter()
                .filter(|x| x.chars().any(|ch| ch.is_ascii_digit()))
                .filter(|x| amount_units.iter().any(|u| x.contains(u)))
                .filter(|x| !x.starts_with("单位") && !x.starts_with("In "))
                .collect();
            assert!(with_unit.is_empty(), "{name}: figures with units {with_unit:?}");
            let notes =
                t.iter().filter(|x| x.starts_with("单位：") || x.starts_with("In ")).count();
            assert!(notes <= 1, "{name}: the unit is stated {notes} times");
            // Value labels in one chart share one precision (ticks have their own, whole
            // numbers here, so only decimals are compared).
            let decimals = |x: &str| x.split_once('.').map_or(0, |(_, d)| d.len());
            let bare: Vec<&String> = t
                .iter()
                .filter(|x| {
                    !x.is_empty()
                        && x.chars().all(|ch| ch.is_ascii_digit() || ch == ',' || ch == '.')
                })
                .collect();
            let label_dp: std::collections::BTreeSet<usize> =
                bare.iter().filter(|x| x.contains('.')).map(|x| decimals(x)).collect();
            assert!(label_dp.len() <= 1, "{name}: labels with {label_dp:?} decimals: {bare:?}");
        }
    }
}

#[test]
fn targets_chart_draws_the_change_in_percent_or_points() {
    let Some(charts) = shared("annual-sales-plan.yaml") else { return };
    let c = chart(&charts, "targets");
    let svg = c.svg().unwrap();
    let t = texts(&svg);
    // Amounts and counts grow by percent; a rate and a score change by points.
    for label in ["+25.0%", "+29.4%", "-3.5%", "+7.0个百分点", "+7分", "78分 → 85分"] {
        assert!(t.iter().any(|x| x == label), "targets chart lacks {label}: {t:?}");
    }
    assert!(!t.iter().any(|x| x == "+9.0%"), "a score never changes by percent");
    assert!(c.description.contains("客户满意度由78分到85分（+7分）"), "{}", c.description);
    // Bars are as long as the change: +29.4% is longer than +25.0%, in that ratio.
    let widths: Vec<f64> = drawing(&svg)
        .split("<rect ")
        .skip(1)
        .filter(|r| r.contains("fill=\"#2F6DB5\""))
        .map(|r| {
            let w = r.split("width=\"").nth(1).unwrap().split('"').next().unwrap();
            w.parse().unwrap()
        })
        .collect();
    assert_eq!(widths.len(), 4, "{widths:?}");
    let ratio = widths[1] / widths[0];
    assert!((ratio - 29.4 / 25.0).abs() < 0.03, "bars not proportional: {widths:?}");
    let en = charts_of(&root().join("tests/fixtures/charts/annual-sales-plan-en.yaml"));
    let t = texts(&chart(&en, "targets").svg().unwrap());
    assert!(t.iter().any(|x| x == "+4.0 pt"), "{t:?}");
    assert!(t.iter().any(|x| x == "380 customers → 460"), "wrapped, not cut: {t:?}");
}

#[test]
fn kpi_chart_draws_the_time_elapsed_when_the_plan_has_as_of() {
    let stress = charts_of(&root().join("tests/fixtures/charts/stress-long-names.yaml"));
    let c = chart(&stress, "kpis");
    // as_of 2025-06-15 in 2025: 166 of 365 days.
    for svg in [c.svg().unwrap(), c.narrow_svg().unwrap()] {
        assert!(texts(&svg).iter().any(|x| x == "时间进度45.5%"), "{:?}", texts(&svg));
        assert!(drawing(&svg).contains("stroke=\"#D36A1F\""), "the elapsed line is drawn");
    }
    assert!(
        c.description.contains("虚线标出时间进度45.5%（截至2025年6月15日）。"),
        "{}",
        c.description
    );
    // Without as_of, no such line.
    let Some(monthly) = shared("monthly-battle-plan.yaml") else { return };
    let svg = chart(&monthly, "kpis").svg().unwrap();
    assert!(!svg.contains("时间进度"));
}

#[test]
fn reference_charts_cut_no_label() {
    for plan in shared_examples().into_iter().chain(own_plans()) {
        for c in charts_of(&plan) {
            for svg in [c.svg().unwrap(), c.narrow_svg().unwrap()] {
                let cut: Vec<String> =
                    texts(&svg).into_iter().filter(|x| x.contains('…')).collect();
                assert!(cut.is_empty(), "{}:{} cuts {cut:?}", plan.display(), c.id);
            }
        }
    }
    let en = charts_of(&root().join("plans/annual-sales-plan-en.yaml"));
    let t = texts(&chart(&en, "breakdown-3").svg().unwrap());
    assert!(t.iter().any(|x| x.starts_with("Add-on modules")), "{t:?}");
    assert!(t.iter().any(|x| x.ends_with("Inventory)")), "the long name wraps: {t:?}");
}

#[test]
fn category_and_budget_shares_add_up_to_the_whole() {
    let Some(charts) = shared("annual-sales-plan.yaml") else { return };
    for id in ["breakdown-2", "breakdown-3", "budget", "channels"] {
        let c = chart(&charts, id);
        let shares = shares_in(&c.description);
        assert!(shares.len() >= 3, "{id}: {}", c.description);
        assert_eq!(shares.iter().sum::<Decimal>(), Decimal::ONE_HUNDRED, "{id}");
        let svg = c.svg().unwrap();
        let drawing = &svg[svg.find("</desc>").unwrap()..];
        assert_eq!(shares_in(drawing), shares, "{id}: the drawing shows the same shares");
    }
}

#[test]
fn competitors_highlight_us_and_show_the_rest() {
    let Some(charts) = shared("annual-sales-plan.yaml") else { return };
    let c = chart(&charts, "competitors");
    let svg = c.svg().unwrap();
    // Our bar in the primary colour, the others grey; 100% − 73% = 27% for the rest.
    assert!(svg.contains("我方份额15.0%"));
    assert!(svg.contains("其他") && svg.contains("27.0%"));
    assert_eq!(svg.matches("fill=\"#2F6DB5\"").count(), 1);
}

#[test]
fn history_marks_the_forecast_its_band_the_backtest_and_the_target() {
    let Some(charts) = shared("annual-sales-plan.yaml") else { return };
    let c = chart(&charts, "history");
    let svg = c.svg().unwrap();
    let t = texts(&svg);
    // the forecast of the plan's year shares the target's label
    for figure in [
        "7,800",
        "12,000",
        "目标15,000，预测13,200",
        "2024年",
        "单位：万元",
        "80%预测区间",
        "回测预测",
    ] {
        assert!(t.iter().any(|x| x == figure), "history chart lacks {figure}: {t:?}");
    }
    // the band, light, from 1.21亿 to 1.43亿 (the 80% interval of the line through 2020–2023)
    assert!(drawing(&svg).contains("fill=\"#F8E1CF\""), "no scenario band drawn");
    assert!(c.description.contains("2024年区间1.21亿元至1.43亿元"), "{}", c.description);
    // the back-test: the line through 2020–2022 forecasts 2023 at 1.13亿
    assert!(c.description.contains("2023年回测预测1.13亿元"), "{}", c.description);
    assert!(charts.iter().all(|c| c.id != "burnup"), "no burn-up chart without daily actuals");
}

/// The monthly reference's 16 days to 1/16: 712万 against 1,600万, an even pace of 825.8万
/// by then, 1,379.5万 at month-end at 44.5万 a day.
#[test]
fn burnup_draws_the_month_to_date_against_target_and_pace() {
    let charts = charts_of(&root().join("plans/monthly-battle-plan.yaml"));
    let c = chart(&charts, "burnup");
    let t = texts(&c.svg().unwrap());
    for figure in
        ["712", "目标1,600", "1,380", "累计实际", "均衡进度", "按目前日均", "1月1日", "1月29日"]
    {
        assert!(t.iter().any(|x| x == figure), "burn-up chart lacks {figure}: {t:?}");
    }
    assert!(
        c.description.contains("累计712万元，目标1,600万元，均衡进度应为826万元"),
        "{}",
        c.description
    );
    assert!(c.description.contains("月底预计1,380万元"), "{}", c.description);
    // the KPI chart reads the sales KPI against the time elapsed at the last day reported
    let kpis = chart(&charts, "kpis").svg().unwrap();
    assert!(texts(&kpis).iter().any(|x| x == "时间进度51.6%"));
}

#[test]
fn schedule_marks_the_plan_date_only_inside_the_span() {
    let Some(annual) = shared("annual-sales-plan.yaml") else { return };
    assert!(chart(&annual, "schedule").svg().unwrap().contains("编制日期1月8日"));
    let Some(monthly) = shared("monthly-battle-plan.yaml") else { return };
    // 2025-10-28 is before the month starts.
    let svg = chart(&monthly, "schedule").svg().unwrap();
    assert!(!svg.contains("编制日期"));
    assert!(svg.contains("11月1日"));
}

#[test]
fn kpi_status_reads_without_colour() {
    let Some(charts) = shared("monthly-battle-plan.yaml") else { return };
    let c = chart(&charts, "kpis");
    let svg = c.svg().unwrap();
    for mark in ["▼", "落后", "▲", "关注", "✓", "正常", "○ 待更新", "54.6%", "655万元 / 1,200万元"]
    {
        assert!(svg.contains(mark), "kpi chart lacks {mark}");
    }
    assert!(!svg.contains('✗'), "the bundled font has no ✗");
}

#[test]
fn english_plan_charts_read_in_english() {
    let charts = charts_of(&root().join("tests/fixtures/charts/annual-sales-plan-en.yaml"));
    let svg = chart(&charts, "breakdown-1").svg().unwrap();
    assert!(svg.contains("Target breakdown: By quarter"));
    let t = texts(&svg);
    assert!(t.iter().any(|x| x == "Target 18.0") && t.iter().any(|x| x == "In $M"), "{t:?}");
    let kpis = chart(&charts, "kpis");
    assert!(kpis.description.starts_with("KPI attainment: Q1 revenue 103.3% of target"));
    for c in &charts {
        let s = c.svg().unwrap();
        let body = &s[s.find("</desc>").unwrap()..];
        assert!(!body.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)), "{}", c.id);
    }
}

#[test]
fn every_svg_is_accessible_opaque_and_deterministic() {
    for plan in plans() {
        let first = charts_of(&plan);
        let second = charts_of(&plan);
        assert_eq!(first.len(), second.len());
        let mut ids = Vec::new();
        for (a, b) in first.iter().zip(&second) {
            let svg = a.svg().unwrap();
            assert_eq!(svg, b.svg().unwrap(), "{}: two builds differ", a.id);
            assert_eq!(svg, a.svg().unwrap(), "{}: two draws differ", a.id);
            assert!(
                svg.contains(&format!("<title id=\"pw-chart-{}-title\">{}</title>", a.id, a.title))
            );
            assert!(svg.contains("<desc "));
            assert!(!a.description.is_empty());
            assert!(svg.contains("font-family=\"'Noto Sans SC','Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif\""));
            assert!(!svg.contains("font-family=\"Noto Sans SC\""));
            assert!(!svg.contains("opacity=\"0"), "{}: translucent element", a.id);
            let (w, h) = a.size();
            assert!(svg.starts_with(&format!("<svg width=\"{w}\" height=\"{h}\"")));
            ids.push(a.id.clone());
        }
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "chart ids are unique per plan");
    }
}

/// Every text size set in a PDF (the operand of each `Tf`), read from its content streams.
fn pdf_text_sizes(pdf: &Path) -> Vec<f32> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut sizes = Vec::new();
    for page in doc.get_pages().values() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(*page)).unwrap();
        for op in content.operations.iter().filter(|op| op.operator == "Tf") {
            sizes.push(op.operands[1].as_float().unwrap());
        }
    }
    sizes
}

#[test]
fn no_text_in_the_pdfs_is_under_8_pt() {
    // Read back from the PDFs themselves: chart text is set at its plotters size scaled to
    // the body column, and nothing may land under 8 pt.
    for plan in all_plans() {
        let name = stem(&plan);
        let out = scratch(&format!("charts-pdf-{name}"));
        let o = run(
            &root(),
            &["render", plan.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "pdf"],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let sizes = pdf_text_sizes(&out.join(&name).join(format!("{name}.pdf")));
        let min = sizes.iter().copied().fold(f32::MAX, f32::min);
        assert!(min >= 8.0, "{name}: text at {min} pt");
        // The charts' smallest text (11 px × 415.6 / 560 = 8.16 pt) is among them.
        assert!(
            sizes.iter().any(|s| (8.1..8.2).contains(s)),
            "{name}: no chart text found: {sizes:?}"
        );
    }
}

#[test]
fn bridge_runs_from_last_period_through_trend_and_initiatives_to_the_target() {
    let Some(charts) = shared("annual-sales-plan.yaml") else { return };
    let c = chart(&charts, "bridge");
    // 1.2亿 last year, the trend forecast 1.32亿 (+1,200万), initiatives +1,800万, target 1.5亿
    assert_eq!(
        c.description,
        "目标桥：上期实际1.2亿元，按历史趋势增长1,200万元，新增举措需贡献1,800万元，达到本期目标1.5亿元。"
    );
    let t = texts(&c.svg().unwrap());
    for want in ["12,000", "+1,200", "+1,800", "15,000", "单位：万元"] {
        assert!(t.iter().any(|x| x == want), "bridge lacks {want}: {t:?}");
    }
}

/// The v1.1 charts draw the figures the chapters work out: the funnel what each stage needs
/// (narrowing stage by stage), the product mix in pyramid order with revenue and gross profit
/// in one unit, and promotions and key dates on the Gantt chart.
#[test]
fn funnel_product_mix_and_gantt_show_the_v11_figures() {
    let annual = charts_of(&root().join("plans/annual-sales-plan.yaml"));
    let funnel = chart(&annual, "funnel");
    let t = texts(&funnel.svg().unwrap());
    for want in
        ["43,750", "8,750", "3,500", "1,750", "1,050", "转化20.0%", "全流程转化率2.4%，周期57天"]
    {
        assert!(t.iter().any(|x| x == want), "`{want}` not drawn: {t:?}");
    }
    // the bands narrow from the leads to the deals
    let svg = funnel.svg().unwrap();
    let widths: Vec<f64> = drawing(&svg)
        .split("<polygon ")
        .skip(1)
        .map(|p| {
            let pts = p.split("points=\"").nth(1).unwrap().split('"').next().unwrap();
            let xs: Vec<f64> = pts
                .split_whitespace()
                .map(|xy| xy.split(',').next().unwrap().parse().unwrap())
                .collect();
            xs.iter().cloned().fold(f64::MIN, f64::max)
                - xs.iter().cloned().fold(f64::MAX, f64::min)
        })
        .collect();
    assert_eq!(widths.len(), 5, "{widths:?}");
    assert!(widths.windows(2).all(|w| w[0] > w[1]), "bands do not narrow: {widths:?}");
    let products = chart(&annual, "products");
    let t = texts(&products.svg().unwrap());
    let at =
        |s: &str| t.iter().position(|x| x.starts_with(s)).unwrap_or_else(|| panic!("{s}: {t:?}"));
    assert!(at("塔尖") < at("塔身") && at("塔身") < at("塔基"), "pyramid order: {t:?}");
    assert!(t.iter().any(|x| x == "6,750（毛利率72.0%）"), "{t:?}");
    assert!(t.iter().any(|x| x == "单位：万元"), "one unit, stated once: {t:?}");
    assert!(
        products.description.contains("塔身（主力）·营销云SaaS：销售额6,750万元，毛利率72.0%"),
        "{}",
        products.description
    );
    let gantt = chart(&annual, "schedule");
    let t = texts(&gantt.svg().unwrap());
    for want in ["春季新客特惠", "双11商家营销季", "春节", "618", "双11", "促销活动", "关键日期"]
    {
        assert!(t.iter().any(|x| x == want), "`{want}` not on the Gantt chart: {t:?}");
    }
    assert!(gantt.description.contains("竖线标出关键日期：1月29日 春节"), "{}", gantt.description);
}

#[test]
fn burnup_marks_the_key_dates_of_the_month() {
    let monthly = charts_of(&root().join("plans/monthly-battle-plan.yaml"));
    let c = chart(&monthly, "burnup");
    assert!(c.description.contains("1月15日 年货节开启"), "{}", c.description);
    let t = texts(&c.svg().unwrap());
    assert!(t.iter().any(|x| x == "年货节开启"), "{t:?}");
}
