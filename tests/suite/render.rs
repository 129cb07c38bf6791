//! End-to-end: the real binary renders the reference and example plans; the figures that
//! matter are asserted in the Markdown, which must parse back into the same tables.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;

#[test]
fn shared_annual_example_has_the_figures_the_board_reads() {
    let Some(plan) = shared_examples().into_iter().find(|p| p.ends_with("annual-sales-plan.yaml"))
    else {
        eprintln!("SKIP: ../shared/examples/annual-sales-plan.yaml not present");
        return;
    };
    let md = render_md(&plan, "shared-annual");
    let t = tables(&md);
    // Cover, contents, numbered chapters.
    assert!(md.starts_with("# 销售计划制定与策略优化方案\n"));
    assert!(md.contains("| 编制单位 | 华远数科技术有限公司 |"));
    assert!(md.contains("- [五、销售目标](#五销售目标)"));
    for heading in
        ["## 一、执行摘要", "## 五、销售目标", "## 八、预算与资源分配", "## 十二、策略优化机制"]
    {
        assert!(md.contains(heading), "missing {heading}");
    }
    // Sales growth 1.2亿 → 1.5亿, percent metric in points.
    assert_row(&t, &["销售额", "1.2亿元", "1.5亿元", "+25.0%"]);
    assert_row(&t, &["回款率", "85.0%", "92.0%", "+7.0个百分点"]);
    // Q3 share and running total.
    assert_row(&t, &["项目", "金额（万元）", "占比", "累计（万元）", "备注"]);
    assert_row(&t, &["Q3", "4,200", "28.0%", "10,800", "高峰期"]);
    // A score changes by points, not percent.
    assert_row(&t, &["客户满意度", "78分", "85分", "+7分"]);
    // Budget total and a share; category roll-up.
    assert!(md.contains("**合计：1,200万元**"));
    assert_row(&t, &["人员扩充与激励", "人力", "480", "40.0%"]);
    // the category roll-up has its share and total
    assert_row(&t, &["人力", "540", "45.0%"]);
    assert_row(&t, &["合计", "1,200", "100.0%"]);
    // Risk score and level; forecast.
    assert_row(&t, &["R1", "价格战加剧", "市场份额流失、毛利受压", "16（4×4）", "高"]);
    // last year's closed results are met or missed
    assert_row(&t, &["新增客户数", "200家", "168家", "84.0%", "▼ 未达成"]);
    // the method named, the 80% band, the back-test and where the target stands
    assert!(md.contains("按线性趋势（最小二乘法）拟合近4年销售额"), "forecast method missing");
    assert!(md.contains("80%预测区间为1.21亿元至1.43亿元"), "forecast band missing");
    assert!(md.contains("与实际相差6.1%（MAPE）"), "back-test missing");
    assert!(md.contains("目标1.5亿元比乐观情景高710万元（+5.0%）"), "gap sentence missing");
    assert!(!md.contains("需依靠新增举措弥补"), "the old stock phrase");
    assert_row(&t, &["2024年（预测）", "13,200"]);
    assert_row(&t, &["乐观", "14,290", "-710"]);
    assert_row(&t, &["悲观", "12,110", "-2,890"]);
    // Charts placed in their chapters as relative links, the files written beside.
    // `render_md` rendered into this file's scratch folder.
    let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("render/shared-annual/annual-sales-plan");
    for (chart, after) in [
        ("charts/breakdown-1.svg", "**按季度**"),
        ("charts/risks.svg", "## 十、风险评估与应对"),
        ("charts/budget.svg", "### （一）预算明细"),
    ] {
        let at = md.find(&format!("]({chart} ")).unwrap_or_else(|| panic!("{chart} not linked"));
        assert!(md.find(after).unwrap() < at, "{chart} placed before {after}");
        assert!(
            std::fs::read_to_string(out.join(chart)).unwrap().starts_with("<svg"),
            "{chart} not written"
        );
    }
    // Custom section placed after the team chapter, its table intact.
    let team = md.find("## 十一、团队分工与沟通机制").unwrap();
    let custom = md.find("## 十二、策略优化机制").unwrap();
    assert!(team < custom);
    assert_row(&t, &["经营数据复盘", "每月", "销售运营组"]);
}

#[test]
fn shared_monthly_example_reads_as_a_battle_plan() {
    let Some(plan) =
        shared_examples().into_iter().find(|p| p.ends_with("monthly-battle-plan.yaml"))
    else {
        eprintln!("SKIP: ../shared/examples/monthly-battle-plan.yaml not present");
        return;
    };
    let md = render_md(&plan, "shared-monthly");
    let t = tables(&md);
    assert!(md.contains("**本月销售目标：1,200万元**"));
    assert_row(&t, &["销售额", "1,200万元", "655万元", "54.6%", "-545万元", "▼ 落后"]);
    assert_row(&t, &["转化率", "3.0%", "3.4%", "113.3%", "+0.4个百分点", "✓ 正常"]);
    // plan text gets full-width brackets and quotes next to Chinese
    assert_row(&t, &["客户满意度（NPS）", "65", "—", "—", "—", "○ 待更新"]);
    assert_row(&t, &["第3周", "480", "40.0%", "900", "双11"]);
    assert_row(
        &t,
        &[
            "促销营销",
            "“双11”预热 + 全场满减；新品首发限时10%折扣",
            "市场策划",
            "拉动消费，提升客单价",
        ],
    );
    assert!(md.contains("## 十、成果评估与后续计划"));
}

/// The monthly reference: 27 months of history give the seasonal model, with its back-test;
/// 16 days of daily actuals give the pacing paragraph, the burn-up chart and the sales KPI.
#[test]
fn monthly_reference_forecasts_by_season_and_paces_the_month() {
    let plan = root().join("plans/monthly-battle-plan.yaml");
    let md = render_md(&plan, "own-monthly");
    let t = tables(&md);
    assert!(md.contains("按季节分解（MSTL，12个月周期）加ETS("), "seasonal method named");
    assert!(md.contains("拟合近27个月销售额"));
    assert!(md.contains("平均绝对百分比误差（MAPE）"), "back-test shown");
    assert!(md.contains("目标1,600万元在悲观与乐观情景之间"), "target within the band");
    // the year × month table and its totals
    assert_row(&t, &["月份", "2023年（万元）", "2024年（万元）", "2025年（万元）", "同比"]);
    assert_row(&t, &["1月", "—", "1,300", "1,480", "+13.8%"]);
    assert_row(&t, &["全年", "—", "11,190", "12,700", "+13.5%"]);
    // pacing, worked by hand: 712万 of 1,600万 on day 16 of 31; even pace 825.8万; 888万 in
    // 15 days is 59.2万 a day, 133% of the 44.5万 so far; 712 × 31 / 16 = 1,379.5万
    for words in [
        "截至2026年1月16日（第16天，共31天），本月累计销售712万元，完成目标1,600万元的44.5%",
        "时间进度51.6%，比均衡进度（826万元）少114万元",
        "余下15天须日均59.2万元才能达成目标，为目前日均的133.0%",
        "月底预计1,380万元，比目标少220万元（-13.8%）",
    ] {
        assert!(md.contains(words), "pacing: {words}");
    }
    assert!(md.contains("(charts/burnup.svg"), "burn-up chart placed");
    // the sales KPI takes the daily total and is judged against the pace (86% of it)
    assert_row(
        &t,
        &["销售额", "1,600万元", "712万元", "44.5%", "-888万元", "▼ 落后", "实际取每日实际的累计"],
    );
}

#[test]
fn a_plan_without_actuals_has_no_pacing() {
    let Some(plan) = shared_examples().into_iter().find(|p| p.ends_with("annual-sales-plan.yaml"))
    else {
        eprintln!("SKIP: ../shared/examples/annual-sales-plan.yaml not present");
        return;
    };
    let md = render_md(&plan, "no-actuals");
    assert!(!md.contains("burnup"), "no burn-up chart without daily actuals");
    assert!(!md.contains("日均"), "no run rate without daily actuals");
}

#[test]
fn every_plan_renders_clean_and_deterministically() {
    let plans: Vec<_> = own_plans().into_iter().chain(shared_examples()).collect();
    assert!(plans.len() >= 3, "expected the plans/ examples");
    for (i, plan) in plans.iter().enumerate() {
        let a = render_md(plan, &format!("det-a-{i}"));
        let b = render_md(plan, &format!("det-b-{i}"));
        assert_eq!(a, b, "{} renders differently twice", plan.display());
        // Valid GFM: every table block parses back as a table with rectangular rows.
        let blocks = a.lines().filter(|l| is_delimiter_row(l)).count();
        let parsed = tables(&a);
        assert_eq!(parsed.len(), blocks, "{}: tables lost in parsing", plan.display());
        for table in &parsed {
            let width = table[0].len();
            assert!(
                table.iter().all(|r| r.len() == width),
                "{}: ragged table {table:?}",
                plan.display()
            );
        }
    }
}

#[test]
fn english_plan_reads_as_an_english_document() {
    let Some(plan) = own_plans().into_iter().find(|p| p.to_string_lossy().ends_with("-en.yaml"))
    else {
        panic!("plans/ must hold an English example ending in -en.yaml");
    };
    let md = render_md(&plan, "english");
    assert!(md.contains("## Contents"));
    assert!(md.contains("## 1. Executive summary"));
    assert!(md.contains("### 5.1 Overall targets") || md.contains(".1 Overall targets"));
    assert!(!md.contains('元'), "Chinese money unit in an English report");
    assert!(md.contains('$'), "dollar amounts expected");
}

/// A GFM table delimiter row such as `|:--|--:|` or `| --- | :-: |`.
fn is_delimiter_row(line: &str) -> bool {
    let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
    line.trim_start().starts_with('|')
        && cells.iter().all(|c| {
            let c = c.trim_start_matches(':').trim_end_matches(':');
            !c.is_empty() && c.chars().all(|ch| ch == '-')
        })
}

/// One number system: a money column states its unit once in the header (`金额（万元）`,
/// `Amount ($K)`) and shows bare figures with one precision; a row of mixed kinds shows
/// its money in one unit and precision.
#[test]
fn every_money_column_has_one_unit_and_one_precision() {
    let plans: Vec<_> = own_plans().into_iter().chain(shared_examples()).collect();
    let unit_in_header = |h: &str| {
        ["（万元）", "（亿元）", "（元）", "($K)", "($M)", "($B)", "(CNY M)", "(CNY K)"]
            .iter()
            .any(|u| h.ends_with(u))
    };
    let decimals = |cell: &str| cell.split_once('.').map_or(0, |(_, f)| f.len());
    let mut money_columns = 0;
    for (i, plan) in plans.iter().enumerate() {
        let md = render_md(plan, &format!("numbers-{i}"));
        for table in tables(&md) {
            let head = &table[0];
            for (c, h) in head.iter().enumerate() {
                if !unit_in_header(h) {
                    continue;
                }
                money_columns += 1;
                let cells: Vec<&str> = table[1..]
                    .iter()
                    .map(|r| r[c].trim_matches(['*']).trim())
                    .filter(|x| !x.is_empty() && *x != "—")
                    .collect();
                for cell in &cells {
                    assert!(
                        cell.chars().all(|ch| ch.is_ascii_digit() || ",.-+".contains(ch)),
                        "{}: `{h}` holds `{cell}`, not a bare figure",
                        plan.display()
                    );
                }
                let dps: std::collections::BTreeSet<usize> =
                    cells.iter().map(|x| decimals(x)).collect();
                assert!(dps.len() <= 1, "{}: `{h}` mixes precisions {cells:?}", plan.display());
            }
        }
    }
    assert!(money_columns >= 15, "only {money_columns} money columns found");
}

#[test]
fn english_money_shares_one_scale_per_column_and_row() {
    let plan = own_plans().into_iter().find(|p| p.to_string_lossy().ends_with("-en.yaml")).unwrap();
    let md = render_md(&plan, "numbers-en");
    let t = tables(&md);
    // regions mixed $6.3M and $900,000 before: now one column in $M
    assert_row(&t, &["Item", "Amount ($M)", "Share"]);
    assert_row(&t, &["Canada", "0.9", "5.0%"]);
    assert_row(&t, &["US West", "6.3", "35.0%"]);
    // budget categories in $K with total and share
    assert_row(&t, &["People", "1,920", "42.7%"]);
    assert_row(&t, &["Total", "4,500", "100.0%"]);
    // a KPI row in one scale: target, actual and gap in $M with two decimals
    assert_row(&t, &["Q1 revenue", "$3.60M", "$3.72M", "103.3%", "+$0.12M", "✓ On track", "—"]);
}

/// Shares shown in a table add up to the total they show: computed shares are rounded by
/// largest remainder (26.7% + 4.7% + 2.6%, not 2.7%, where the exact shares are thirds).
#[test]
fn shown_shares_add_up_to_their_total() {
    let plans: Vec<_> = own_plans().into_iter().chain(shared_examples()).collect();
    let mut checked = 0;
    for (i, plan) in plans.iter().enumerate() {
        let md = render_md(plan, &format!("shares-{i}"));
        for table in tables(&md) {
            let Some(c) = table[0].iter().position(|h| h == "占比" || h == "Share") else {
                continue;
            };
            let Some(total) = table.last().filter(|r| {
                let first = r[0].trim_matches('*');
                first == "合计" || first == "Total"
            }) else {
                continue;
            };
            let tenths = |cell: &str| -> i64 {
                let t = cell.trim_matches('*').trim_end_matches('%').replace('.', "");
                t.parse().unwrap_or_else(|_| panic!("{}: share `{cell}`", plan.display()))
            };
            // a group heading (`| **塔身** | | |`) has no share of its own
            let sum: i64 = table[1..table.len() - 1]
                .iter()
                .filter(|r| !r[c].trim().is_empty())
                .map(|r| tenths(&r[c]))
                .sum();
            assert_eq!(sum, tenths(&total[c]), "{}: {table:?}", plan.display());
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} share columns with a total");
}
