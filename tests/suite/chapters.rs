//! The chapters of plan format v1.1: every derived figure against a hand-worked example
//! (the working is in the comments), the revised schedule rule, and where each chapter lands
//! in the report — present in its chapter when the plan has it, absent when it does not.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use planwright::diagnostic::Severity;
use planwright::figures::Figures;
use planwright::model::Plan;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// A plan that must check without any diagnostic.
fn clean(yaml: &str) -> (Plan, Figures) {
    let checked = planwright::check("t.yaml", yaml);
    assert!(checked.diagnostics.items.is_empty(), "{}", checked.diagnostics.render());
    checked.valid.unwrap()
}

const META: &str = "meta: { kind: annual, title: 年度计划, period: \"2025\", money_unit: 万元 }\n";

#[test]
fn funnel_works_back_from_the_target_stage_by_stage() {
    let (_, f) = clean(&format!(
        "{META}targets:\n  total: 1.5亿\n  metrics:\n    - {{ name: 客单价, baseline: 4.8万, target: 5万 }}\n\
         funnel:\n  target: 35%\n  stages:\n\
         \x20   - {{ name: 线索, conversion: 20%, days: 7 }}\n\
         \x20   - {{ name: SQL, conversion: 40%, days: 14 }}\n\
         \x20   - {{ name: 方案, conversion: 50%, days: 21 }}\n\
         \x20   - {{ name: 谈判, conversion: 60%, days: 15 }}\n\
         \x20   - {{ name: 成交 }}\n"
    ));
    let ff = f.funnel.unwrap();
    // 1.5亿 × 35% = 5,250万; ÷ 5万 (the 客单价 metric) = 1,050 deals.
    assert_eq!(ff.sales, Some(d("52500000")));
    assert_eq!(ff.deal_size, Some(d("50000")));
    assert_eq!(ff.deals, Some(d("1050")));
    // 1,050 ÷ 60% = 1,750 negotiations; ÷ 50% = 3,500 proposals; ÷ 40% = 8,750 SQLs;
    // ÷ 20% = 43,750 leads. The last stage has no conversion: it is the deals.
    let needed: Vec<Decimal> = ff.needed.iter().map(|n| n.unwrap()).collect();
    assert_eq!(needed, [d("43750"), d("8750"), d("3500"), d("1750"), d("1050")]);
    // 20% × 40% × 50% × 60% = 2.4%; 7 + 14 + 21 + 15 = 57 days; 31 Dec − 57 days = 4 Nov.
    assert_eq!(ff.overall, Some(d("0.024")));
    assert_eq!(ff.days, Some(d("57")));
    assert_eq!(ff.last_entry.unwrap().to_string(), "2025-11-04");
    assert_eq!(ff.reach[3], Some(d("0.04")));
}

#[test]
fn funnel_counts_are_rounded_up_at_every_stage() {
    let (_, f) = clean(&format!(
        "{META}targets:\n  total: 100\nfunnel:\n  deal_size: 3\n  stages:\n\
         \x20   - {{ name: 商机, conversion: 50% }}\n\
         \x20   - {{ name: 报价, conversion: 30% }}\n"
    ));
    let ff = f.funnel.unwrap();
    // 100万 ÷ 3万 = 33.3 → 34 deals. The last stage converts to a deal: 34 ÷ 30% = 113.3 →
    // 114 quotes; 114 ÷ 50% = 228 opportunities (228 × 50% = 114, 114 × 30% = 34.2 ≥ 34).
    // Rounding only at the end (100 ÷ 3 ÷ 0.3 ÷ 0.5 = 222.2 → 223) would fall short.
    assert_eq!(ff.deals, Some(d("34")));
    assert_eq!(ff.needed, [Some(d("228")), Some(d("114"))]);
    assert_eq!(ff.overall, Some(d("0.15")));
    assert_eq!((ff.days, ff.last_entry), (None, None));
}

#[test]
fn product_mix_gives_revenue_gross_profit_and_the_weighted_margin() {
    let (plan, f) = clean(&format!(
        "{META}targets:\n  total: 1.5亿\nproducts:\n\
         \x20 - {{ name: 轻量化工具, tier: 塔基（引流）, share: 15%, margin: 20% }}\n\
         \x20 - {{ name: 定制方案, tier: 塔尖（高价值）, share: 15%, margin: 45% }}\n\
         \x20 - {{ name: 标准产品包, tier: 塔身（主力）, share: 70%, margin: 35% }}\n"
    ));
    let pf = f.products.unwrap();
    // Revenue = share × 1.5亿: 2,250万, 2,250万, 10,500万.
    let revenue: Vec<Decimal> = pf.split.items.iter().map(|i| i.amount.unwrap()).collect();
    assert_eq!(revenue, [d("22500000"), d("22500000"), d("105000000")]);
    // Gross profit = revenue × margin: 450万, 1,012.5万, 3,675万; 5,137.5万 in all.
    let profit: Vec<Decimal> = pf.profit.iter().map(|p| p.unwrap()).collect();
    assert_eq!(profit, [d("4500000"), d("10125000"), d("36750000")]);
    assert_eq!(pf.profit_sum, Some(d("51375000")));
    // Weighted margin = 5,137.5万 ÷ 15,000万 = 34.25%.
    assert_eq!(pf.margin, Some(d("0.3425")));
    // Pyramid order: 塔尖, 塔身, 塔基, whatever the order written.
    let names: Vec<&str> = pf.order.iter().map(|&i| plan.products[i].name.as_str()).collect();
    assert_eq!(names, ["定制方案", "标准产品包", "轻量化工具"]);
}

#[test]
fn product_mix_without_a_target_weights_the_margin_by_share() {
    let (_, f) = clean(&format!(
        "{META}products:\n\
         \x20 - {{ name: 甲, share: 15%, margin: 45% }}\n\
         \x20 - {{ name: 乙, share: 70%, margin: 35% }}\n\
         \x20 - {{ name: 丙, share: 15%, margin: 20% }}\n"
    ));
    let pf = f.products.unwrap();
    // 15% × 45% + 70% × 35% + 15% × 20% = 6.75% + 24.5% + 3% = 34.25%; no revenue, no profit.
    assert_eq!(pf.margin, Some(d("0.3425")));
    assert_eq!((pf.profit_sum, pf.profit[0]), (None, None));
}

#[test]
fn promotions_return_on_budget_and_attainment() {
    let (_, f) = clean(&format!(
        "{META}promotions:\n\
         \x20 - {{ name: 春季特惠, start: 2025-03-01, end: 2025-03-31, budget: 40, target: 600, actual: 680 }}\n\
         \x20 - {{ name: 年中大促, start: 2025-06-01, end: 2025-06-18, budget: 60, target: 900 }}\n"
    ));
    let p = &f.promotions;
    // 600 ÷ 40 = 15; 680 ÷ 40 = 17; 680 ÷ 600 = 113.3%.
    assert_eq!(p.items[0].planned_roi, Some(d("15")));
    assert_eq!(p.items[0].actual_roi, Some(d("17")));
    assert_eq!(planwright::format::round(p.items[0].attainment.unwrap(), 4), d("1.1333"));
    assert_eq!((p.items[1].planned_roi, p.items[1].actual_roi), (Some(d("15")), None));
    // Totals: 100万 spent for 1,500万 (ROI 15); no total actual until both have one.
    assert_eq!((p.budget, p.target, p.actual), (Some(d("1000000")), Some(d("15000000")), None));
    assert_eq!((p.total.planned_roi, p.total.attainment), (Some(d("15")), None));
}

#[test]
fn hiring_gives_the_headcount_before_and_after() {
    let (_, f) = clean(&format!(
        "{META}team:\n  roles:\n    - {{ role: 大客户部, headcount: 12 }}\n    - {{ role: 中小客户部, headcount: 25 }}\n\
         \x20 hiring:\n\
         \x20   - {{ role: 中小客户部, headcount: 8 }}\n\
         \x20   - {{ role: 合规专员, headcount: 1 }}\n\
         \x20   - {{ role: 中小客户部, headcount: 2 }}\n"
    ));
    let h = f.hiring.unwrap();
    // 中小客户部 25 → 33, then 33 → 35; a new role starts from none: 0 → 1.
    assert_eq!(h.before, [Some(d("25")), None, Some(d("33"))]);
    assert_eq!(h.after, [Some(d("33")), Some(d("1")), Some(d("35"))]);
    // The team: 12 + 25 = 37 today, 8 + 1 + 2 = 11 hired, 48 after.
    assert_eq!((h.team_before, h.added, h.team_after), (Some(d("37")), d("11"), Some(d("48"))));
}

const TIERS: &str = "      tiers:\n        - { from: 80%, rate: 3% }\n        - { from: 100%, rate: 5% }\n        - { from: 120%, rate: 8% }\n";

#[test]
fn tiered_incentives_pay_the_highest_tier_on_the_whole_amount_or_band_by_band() {
    let (_, f) = clean(&format!(
        "{META}targets:\n  total: 1.5亿\nteam:\n  incentives:\n\
         \x20   - name: 阶梯返点\n{TIERS}\
         \x20   - name: 超额累进\n      marginal: true\n{TIERS}\
         \x20   - name: 封顶\n      marginal: true\n      cap: 200\n{TIERS}"
    ));
    let [whole, marginal, capped] = &f.incentives[..] else { panic!("three incentives") };
    // Base 1.5亿 (targets.total). Whole amount: at 100% the 5% tier on 1.5亿 = 750万; at
    // 120% the 8% tier on 1.8亿 = 1,440万.
    assert_eq!(whole.base, Some(d("150000000")));
    let p100 = whole.at_100.unwrap();
    assert_eq!(
        (p100.sales, p100.rate, p100.amount),
        (d("150000000"), Some(d("0.05")), d("7500000"))
    );
    assert_eq!(whole.at_120.unwrap().amount, d("14400000"));
    // Marginal: at 100%, only 80–100% is paid, 3,000万 × 3% = 90万; at 120% add 100–120%,
    // 3,000万 × 5% = 150万: 240万 (the 8% band starts at 120% and holds nothing yet).
    assert_eq!(marginal.at_100.unwrap().amount, d("900000"));
    assert_eq!(marginal.at_120.unwrap().amount, d("2400000"));
    // The cap of 200万 cuts the 240万.
    let c = capped.at_120.unwrap();
    assert_eq!((c.amount, c.capped), (d("2000000"), true));
    assert!(!capped.at_100.unwrap().capped);
}

#[test]
fn contingency_totals_and_its_share_of_the_budget() {
    let (_, f) = clean(&format!(
        "{META}budget:\n  total: 1200\n  items: [{{ name: 市场, amount: 1200 }}]\nrisks:\n\
         \x20 - {{ name: 甲, likelihood: 4, severity: 4, trigger: 折扣低于75折, contingency: 60 }}\n\
         \x20 - {{ name: 乙, likelihood: 3, severity: 4, contingency: 40, drill: 2025-04-15 }}\n\
         \x20 - {{ name: 丙, likelihood: 2, severity: 5, contingency: 30 }}\n"
    ));
    let c = f.contingency.unwrap();
    // 60 + 40 + 30 = 130万, of 1,200万 = 10.83%.
    assert_eq!(c.total, d("1300000"));
    assert_eq!(planwright::format::round(c.share.unwrap(), 4), d("0.1083"));
}

/// The diagnostics of a plan with `schedule` (and `promotions`) under `meta.period`.
fn schedule(period: &str, items: &[(&str, &str)], promotions: &[(&str, &str)]) -> Vec<String> {
    let mut yaml =
        format!("meta: {{ kind: annual, title: 计划, period: \"{period}\" }}\nschedule:\n");
    for (i, (a, b)) in items.iter().enumerate() {
        yaml.push_str(&format!("  - {{ name: 阶段{i}, start: {a}, end: {b} }}\n"));
    }
    if !promotions.is_empty() {
        yaml.push_str("promotions:\n");
        for (i, (a, b)) in promotions.iter().enumerate() {
            yaml.push_str(&format!("  - {{ name: 活动{i}, start: {a}, end: {b} }}\n"));
        }
    }
    let checked = planwright::check("s.yaml", &yaml);
    checked.diagnostics.items.iter().map(|d| d.message.clone()).collect()
}

#[test]
fn a_weekend_gap_and_an_overlap_are_silent() {
    // Friday 14 November, then Monday 17: only a weekend between the two.
    assert!(
        schedule("2025-11", &[("2025-11-01", "2025-11-14"), ("2025-11-17", "2025-11-30")], &[])
            .is_empty()
    );
    // Parallel work is normal.
    assert!(
        schedule("2025-11", &[("2025-11-01", "2025-11-20"), ("2025-11-10", "2025-11-30")], &[])
            .is_empty()
    );
    // Two working days (Mon 17, Tue 18) are short even for a month.
    assert!(
        schedule("2025-11", &[("2025-11-01", "2025-11-14"), ("2025-11-19", "2025-11-30")], &[])
            .is_empty()
    );
    // Two weeks between phases are short for a year (10 working days < a tenth of 261).
    assert!(
        schedule("2025", &[("2025-01-01", "2025-06-13"), ("2025-06-30", "2025-12-31")], &[])
            .is_empty()
    );
}

#[test]
fn a_long_stretch_with_nothing_planned_is_named_with_its_dates() {
    // Three working days (Mon 17 – Wed 19 November) are a tenth of the month's 20: reported.
    let m = schedule("2025-11", &[("2025-11-01", "2025-11-14"), ("2025-11-20", "2025-11-30")], &[]);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("2025年11月15日 至 2025年11月19日") && m[0].contains("3 个工作日"),
        "{m:?}"
    );
    // An annual plan whose schedule starts in April: January to March (13 weeks) is a hole.
    let y = schedule("2025", &[("2025-04-01", "2025-12-31")], &[]);
    assert_eq!(y.len(), 1, "{y:?}");
    assert!(y[0].contains("2025年1月1日 至 2025年3月31日") && y[0].contains("共 90 天"), "{y:?}");
    // A promotion in the stretch is planned work: a phase gap it fills is not reported.
    assert!(
        schedule("2025", &[("2025-04-01", "2025-12-31")], &[("2025-01-01", "2025-03-31")])
            .is_empty()
    );
}

#[test]
fn the_schedule_warning_reads_in_english_too() {
    let yaml = "meta: { kind: annual, title: Plan, period: \"2025\", locale: en }\nschedule:\n\
                \x20 - { name: H1, start: 2025-01-01, end: 2025-09-30 }\n";
    let checked = planwright::check("s.yaml", yaml);
    let items = &checked.diagnostics.items;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].severity, Severity::Warning);
    assert_eq!(
        items[0].message,
        "nothing is planned from October 1, 2025 to December 31, 2025 (92 days, 66 of them working days: 25.3% of the period's working days)"
    );
}

#[test]
fn new_errors_read_in_english_with_the_same_hints() {
    let yaml = "meta: { kind: annual, title: Plan, period: \"2025\", locale: en }\n\
                funnel:\n  stages:\n    - { name: Lead, conversoin: 20% }\n    - { name: Won }\n\
                products:\n  - { name: A, share: 100%, margin: 140% }\n\
                team:\n  incentives:\n    - { name: Bonus, tiers: [{ from: 100%, rate: 5% }, { from: 90%, rate: 3% }] }\n";
    let checked = planwright::check("e.yaml", yaml);
    let text = checked.diagnostics.render();
    for says in [
        "unknown key `conversoin`",
        "did you mean `conversion`?",
        "`funnel` has no `deal_size`",
        "the gross margin `140%` is over 100%",
        "tier start `90%` is not above the tier before it (100.0%)",
    ] {
        assert!(text.contains(says), "`{says}` not in:\n{text}");
    }
    assert_eq!(checked.diagnostics.error_count(), 4, "{text}");
}

/// The Markdown report of a plan, rendered in memory.
fn markdown(yaml: &str) -> String {
    let (plan, figures) = clean(yaml);
    let engine = planwright::Engine::new(None).unwrap();
    let report =
        engine.render(&plan, &figures, "t", &[planwright::render::Format::Markdown]).unwrap();
    String::from_utf8(report.files[0].bytes.clone()).unwrap()
}

/// The positions of `needles` in `md`, which must appear in that order.
fn in_order(md: &str, needles: &[&str]) {
    let mut at = 0;
    for n in needles {
        let found =
            md[at..].find(n).unwrap_or_else(|| panic!("`{n}` missing after byte {at}:\n{md}"));
        at += found + n.len();
    }
}

#[test]
fn each_chapter_lands_where_the_source_documents_put_it() {
    let md = markdown(&format!(
        "{META}targets:\n  total: 1.5亿\n  metrics:\n    - {{ name: 客单价, target: 5万 }}\n\
         horizons:\n  - {{ name: 短期, end: 2025-06-30, goals: [组建团队] }}\n\
         products:\n  - {{ name: 标准包, tier: 塔身, share: 100%, margin: 35% }}\n\
         strategies:\n  - {{ name: 深耕 }}\n\
         channels:\n  - {{ name: 直销, share: 100% }}\n\
         pricing:\n  - {{ segment: A类客户, method: value, level: 15% }}\n\
         funnel:\n  stages:\n    - {{ name: 线索, conversion: 20% }}\n    - {{ name: 成交 }}\n\
         service:\n  standards:\n    - {{ name: 响应时间, target: 2 小时 }}\n\
         schedule:\n  - {{ name: 全年, start: 2025-01-01, end: 2025-12-31 }}\n\
         promotions:\n  - {{ name: 年中大促, start: 2025-06-01, end: 2025-06-18, budget: 50, target: 800 }}\n\
         dates:\n  - {{ date: 2025-06-18, name: 年中节点 }}\n\
         budget:\n  total: 100\n  items: [{{ name: 市场, amount: 100 }}]\n\
         risks:\n  - {{ name: 价格战, likelihood: 4, severity: 4, contingency: 10 }}\n\
         team:\n  roles: [{{ role: 销售部, headcount: 5 }}]\n  hiring: [{{ role: 销售部, headcount: 2 }}]\n\
         \x20 training: [{{ name: 入职培训, hours: 8 }}]\n\
         \x20 incentives: [{{ name: 提成, tiers: [{{ from: 100%, rate: 3% }}] }}]\n"
    ));
    in_order(
        &md,
        &[
            "## 一、销售目标",
            "### （二）短中长期目标",
            "### （三）产品组合",
            "## 二、销售策略",
            "### （二）定价策略",
            "### （三）渠道规划",
            "### （四）销售漏斗",
            "## 三、客户经营与服务",
            "### （一）服务标准",
            "## 四、执行计划",
            "### （一）阶段安排",
            "### （二）促销活动",
            "**关键日期**",
            "charts/schedule.svg",
            "## 五、预算与资源分配",
            "## 六、风险评估与应对",
            "### （二）预警与应急预案",
            "## 七、团队分工与沟通机制",
            "### （二）人员招聘",
            "### （三）培训计划",
            "### （四）激励政策",
        ],
    );
    // in the contents too
    for entry in ["- [（四）销售漏斗]", "- [三、客户经营与服务]", "- [（四）激励政策]"]
    {
        assert!(md.contains(entry), "{entry} not in the contents");
    }
    for chart in ["charts/products.svg", "charts/funnel.svg"] {
        assert!(md.contains(chart), "{chart} not placed");
    }
}

#[test]
fn a_plan_without_the_new_chapters_shows_none_of_them() {
    let md = markdown(&format!(
        "{META}targets:\n  total: 1.5亿\nschedule:\n  - {{ name: 全年, start: 2025-01-01, end: 2025-12-31 }}\n\
         risks:\n  - {{ name: 价格战, likelihood: 4, severity: 4 }}\nteam:\n  roles: [{{ role: 销售部, headcount: 5 }}]\n"
    ));
    for absent in [
        "产品组合",
        "短中长期目标",
        "销售漏斗",
        "定价策略",
        "客户经营与服务",
        "促销活动",
        "关键日期",
        "阶段安排",
        "预警与应急预案",
        "风险清单",
        "人员招聘",
        "激励政策",
    ] {
        assert!(!md.contains(absent), "`{absent}` in a plan without it:\n{md}");
    }
}

#[test]
fn the_annual_reference_report_reads_its_funnel_and_product_mix() {
    let md = render_md(&root().join("plans/annual-sales-plan.yaml"), "chapters-annual");
    let t = tables(&md);
    assert_row(&t, &["线索", "20.0%", "7", "43,750", "市场部"]);
    assert_row(&t, &["成交", "—", "—", "1,050", "销售经理"]);
    assert_row(&t, &["全流程", "2.4%", "57"]);
    assert!(md.contains("需成交1,050单"), "funnel sentence");
    assert!(md.contains("线索最晚须于2025年11月4日进入漏斗"), "last entry date");
    assert_row(&t, &["营销云SaaS", "80,000", "6,750", "45.0%", "72.0%", "4,860", "年付订阅"]);
    assert_row(&t, &["合计", "", "15,000", "100.0%", "60.6%", "9,090"]);
    assert!(md.contains("毛利9,090万元，加权毛利率60.6%"));
    assert_row(&t, &["春季新客特惠", "40", "600", "15.0", "680", "17.0", "113.3%"]);
    assert_row(&t, &["团队合计", "65", "21", "86"]);
    assert_row(&t, &["直销季度提成", "个人季度新签与增购销售额"]);
    assert!(md.contains("应急预算合计130万元，占预算总额1,200万元的10.8%"));
}
