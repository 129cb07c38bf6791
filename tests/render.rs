//! End-to-end: the real binary renders the reference and example plans; the figures that
//! matter are asserted in the Markdown, which must parse back into the same tables.

#![allow(clippy::unwrap_used)]

mod common;

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
    assert_row(&t, &["Q3", "4,200万元", "28.0%", "1.08亿元", "高峰期"]);
    // Budget total and a share; category roll-up.
    assert!(md.contains("**合计：1,200万元**"));
    assert_row(&t, &["人员扩充与激励", "人力", "480万元", "40.0%"]);
    assert_row(&t, &["人力", "540万元"]);
    // Risk score and level; forecast.
    assert_row(&t, &["R1", "价格战加剧", "市场份额流失、毛利受压", "4", "4", "16", "高"]);
    assert!(md.contains("R² = 0.974"), "forecast sentence missing");
    assert_row(&t, &["2024年（预测）", "1.32亿元"]);
    // Charts placed in their chapters as relative links, the files written beside.
    let out = root().join("target/tmp/shared-annual/annual-sales-plan");
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
    assert_row(&t, &["客户满意度(NPS)", "65", "—", "—", "—", "○ 待更新"]);
    assert_row(&t, &["第3周", "480万元", "40.0%", "900万元", "双11"]);
    assert_row(
        &t,
        &[
            "促销营销",
            "\"双11\"预热 + 全场满减；新品首发限时 10% 折扣",
            "市场策划",
            "拉动消费，提升客单价",
        ],
    );
    assert!(md.contains("## 十、成果评估与后续计划"));
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
