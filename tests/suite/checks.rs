//! Every check of PLAN-FORMAT.md, one fixture each (`fixtures/checks/`), pinned to the line
//! and column it must point at, with the message and the hint that says what to write.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use planwright::diagnostic::Severity;

/// (fixture, severity, line, column, message contains, hint contains)
const CASES: &[(&str, Severity, usize, usize, &str, &str)] = &[
    (
        "yaml-syntax",
        Severity::Error,
        4,
        16,
        "第 4 行 `title` 的值里有“冒号加空格” `: `",
        "`title: \"年度销售计划: 华东区\"`",
    ),
    ("unknown-key", Severity::Error, 14, 24, "未知的键 `amout`", "是不是想写 `amount`？"),
    ("unknown-top-level-key", Severity::Error, 8, 1, "未知的键 `budgets`", "是不是想写 `budget`？"),
    (
        "wrong-type",
        Severity::Error,
        9,
        12,
        "`targets.metrics` 应为列表，这里写的是单个值",
        "以 `- ` 开头",
    ),
    ("bad-money", Severity::Error, 13, 31, "`12万五` 不是金额", "`1.5亿`"),
    ("bare-percent", Severity::Error, 9, 26, "`50` 不是百分比", "写成 `50%`"),
    (
        "missing-required",
        Severity::Error,
        3,
        3,
        "缺少必填字段 `title`",
        "在 `meta` 中加上 `title: …`",
    ),
    (
        "mixed-currencies",
        Severity::Error,
        13,
        29,
        "币种混用：`$120` 是 USD，但计划的币种是 CNY",
        "meta.currency: USD",
    ),
    (
        "scale-out-of-range",
        Severity::Error,
        8,
        46,
        "`7` 超出范围：等级为 1 到 5",
        "很低/低/中/高/很高",
    ),
    (
        "end-before-start",
        Severity::Error,
        8,
        45,
        "`end`（2024-01-01）早于 `start`（2024-03-31）",
        "对调两个日期",
    ),
    (
        "after-unknown-chapter",
        Severity::Error,
        10,
        12,
        "`after: teams` 指向的章节不存在",
        "是不是想写 `team`？",
    ),
    ("duplicate-ids", Severity::Error, 11, 9, "id `optimization` 重复", "自己的 id"),
    (
        "flow-comma-split",
        Severity::Error,
        8,
        27,
        "被读成了 `拉动消费` 和一个未知的键 `提升客单价`",
        "改用中文逗号：`expected: 拉动消费，提升客单价`",
    ),
    ("bad-date", Severity::Error, 6, 9, "`2024-02-30` 不是日期", "YYYY-MM-DD"),
    ("bad-period", Severity::Error, 5, 11, "`2024-Q5` 不是期间：季度为 Q1–Q4", "2024-Q3"),
    (
        "breakdown-sum",
        Severity::Warning,
        12,
        7,
        "目标分解「按季度」合计 1.44亿元，比目标总额 1.5亿元 少 600万元（-4.0%）",
        "1.5亿元",
    ),
    ("shares-sum", Severity::Warning, 11, 7, "占比合计 90.0%，与 100% 相差 -10.0个百分点", "100%"),
    (
        "budget-sum",
        Severity::Warning,
        10,
        3,
        "预算明细合计 480万元，比预算总额 500万元 少 20万元（-4.0%）",
        "budget.total",
    ),
    (
        "channel-expected-sum",
        Severity::Warning,
        11,
        1,
        "渠道预期销售额合计 1.4亿元，比目标总额 1.5亿元 少 1,000万元（-6.7%）",
        "targets.total",
    ),
    (
        "schedule-outside-period",
        Severity::Warning,
        8,
        5,
        "超出计划期间 2024年第一季度",
        "meta.period",
    ),
    (
        "schedule-hole-month",
        Severity::Warning,
        10,
        5,
        "2025年11月15日 至 2025年11月20日 没有安排任何工作（共 6 天，其中 4 个工作日",
        "周末",
    ),
    (
        "schedule-hole-year",
        Severity::Warning,
        10,
        5,
        "2025年10月1日 至 2025年12月31日 没有安排任何工作（共 92 天，其中 66 个工作日，占本期工作日的 25.3%）",
        "促销活动",
    ),
    (
        "funnel-unknown-key",
        Severity::Error,
        11,
        19,
        "未知的键 `conversoin`",
        "是不是想写 `conversion`？",
    ),
    (
        "funnel-conversion-missing",
        Severity::Error,
        11,
        7,
        "漏斗阶段「商机」缺少 `conversion`",
        "`conversion: 30%`",
    ),
    (
        "funnel-conversion-range",
        Severity::Error,
        10,
        31,
        "`120%` 超出范围：转化率应大于 0% 且不超过 100%",
        "例如 `30%`",
    ),
    ("funnel-deal-size-missing", Severity::Error, 13, 3, "`funnel` 缺少 `deal_size`", "客单价"),
    ("funnel-stages-empty", Severity::Error, 9, 11, "`funnel.stages` 是空的", "至少写一项"),
    ("product-margin-range", Severity::Error, 9, 49, "毛利率 `145%` 超过 100%", "最高 100%"),
    (
        "products-shares-sum",
        Severity::Warning,
        7,
        1,
        "产品组合占比合计 95.0%，与 100% 相差 -5.0个百分点",
        "100%",
    ),
    (
        "products-amount-sum",
        Severity::Warning,
        11,
        1,
        "产品组合合计 1.4亿元，比目标总额 1.5亿元 少 1,000万元（-6.7%）",
        "targets.total",
    ),
    ("horizon-end-invalid", Severity::Error, 9, 22, "`下半年` 不是日期或期间", "`2025-Q2`"),
    (
        "incentive-tier-order",
        Severity::Error,
        15,
        19,
        "阶梯起点 `80%` 不高于上一档的 100.0%",
        "从低到高",
    ),
    (
        "incentive-rate-range",
        Severity::Error,
        13,
        31,
        "`150%` 超出范围：比例应在 0% 到 100% 之间",
        "`5%`",
    ),
    ("hiring-negative", Severity::Error, 11, 32, "`-2` 不能是负数", "写 0 或正数"),
    (
        "promotion-outside-period",
        Severity::Warning,
        9,
        5,
        "促销活动「年货节主会场」（2026-01-15 – 2026-02-05）超出计划期间 2026年1月",
        "meta.period",
    ),
    (
        "key-date-outside-period",
        Severity::Warning,
        9,
        5,
        "关键日期「春节」（2026-02-17）不在计划期间 2026年1月",
        "meta.period",
    ),
    ("risk-contingency-money", Severity::Error, 8, 81, "`三十万` 不是金额", "`3000万`"),
    ("daily-gap", Severity::Warning, 11, 5, "每日实际缺少 2 天", "`sales: 0`"),
    (
        "daily-as-of",
        Severity::Warning,
        11,
        5,
        "每日实际截至 2026年1月2日，与 `meta.as_of`",
        "2026-01-02",
    ),
    ("expected-bare-number", Severity::Warning, 9, 29, "`400` 是不带单位的数字", "`400万`"),
    ("forecast-level", Severity::Error, 8, 10, "置信水平 40% 不在 50%–99% 之间", "`80%`"),
    ("forecast-optimistic-negative", Severity::Error, 8, 28, "乐观情景不能低于基准预测", "`5%`"),
    (
        "competitor-shares",
        Severity::Warning,
        8,
        3,
        "竞争对手市场份额合计 120.0%，超出 100%（+20.0个百分点）",
        "share",
    ),
];

fn fixture(case: &str) -> std::path::PathBuf {
    root().join("tests/fixtures/checks").join(format!("{case}.yaml"))
}

#[test]
fn every_check_is_reported_at_its_line_and_column() {
    for &(case, severity, line, col, message, hint) in CASES {
        let path = fixture(case);
        let source = std::fs::read_to_string(&path).unwrap();
        let checked = planwright::check(&format!("{case}.yaml"), &source);
        let items = &checked.diagnostics.items;
        assert_eq!(items.len(), 1, "{case}: expected exactly one diagnostic, got {items:#?}");
        let d = &items[0];
        assert_eq!(d.severity, severity, "{case}");
        assert_eq!(d.position(), Some((line, col)), "{case}: {}", d.message);
        assert!(d.message.contains(message), "{case}: message was `{}`", d.message);
        assert!(d.hints.iter().any(|h| h.contains(hint)), "{case}: hints were {:?}", d.hints);
        assert_eq!(checked.valid.is_some(), severity == Severity::Warning, "{case}");
    }
}

#[test]
fn fixtures_cover_every_case_listed() {
    let files = yaml_files(&root().join("tests/fixtures/checks"));
    assert_eq!(files.len(), CASES.len(), "a fixture without a case, or a case without a fixture");
}

#[test]
fn errors_write_nothing_and_warnings_fail_only_under_strict() {
    let dir = scratch("checks-exit");
    for &(case, severity, line, col, ..) in CASES {
        let path = fixture(case);
        let p = path.to_str().unwrap();
        let o = run(&dir, &["render", p, "-o", "out"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!("{case}.yaml:{line}:{col}")),
            "{case}: snippet header missing in\n{err}"
        );
        let written = dir.join("out").join(case).join(format!("{case}.md")).exists();
        match severity {
            Severity::Error => {
                assert_eq!(o.status.code(), Some(1), "{case}: {err}");
                assert!(!written, "{case}: a plan with errors must write nothing");
            }
            Severity::Warning => {
                assert_eq!(o.status.code(), Some(0), "{case}: {err}");
                assert!(written, "{case}: warnings still write the report");
                let strict = run(&dir, &["check", p, "--strict"]);
                assert_eq!(strict.status.code(), Some(1), "{case}: --strict must fail on warnings");
            }
        }
    }
}

#[test]
fn all_problems_of_a_file_are_reported_at_once() {
    let source = "meta: { kind: annual, title: x, period: \"2024\" }\n\
                  targets:\n  total: 1.5亿\n  metrics:\n    - { name: 回款率, baseline: 85, target: 92% }\n\
                  channels:\n  - { name: 直销, share: 50, expectd: 100 }\n\
                  risks:\n  - { name: r, likelihood: 0, severity: 超高 }\n";
    let checked = planwright::check("many.yaml", source);
    let messages: Vec<&str> =
        checked.diagnostics.items.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(checked.diagnostics.error_count(), 5, "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("`85` 不是百分比")));
    assert!(messages.iter().any(|m| m.contains("未知的键 `expectd`")));
    assert!(messages.iter().any(|m| m.contains("`超高` 不是风险等级")));
}

/// The same plan with `locale: en` reads every problem in English.
#[test]
fn an_english_plan_gets_english_messages() {
    let source = "meta: { kind: annual, title: x, period: \"2024\", locale: en }\n\
                  targets:\n  total: 1.5亿\n  metrics:\n    - { name: 回款率, baseline: 85, target: 92% }\n\
                  channels:\n  - { name: 直销, share: 0.5, expectd: 100 }\n\
                  risks:\n  - { name: r, likelihood: 0, severity: 超高 }\n";
    let checked = planwright::check("many.yaml", source);
    let d = &checked.diagnostics;
    let messages: Vec<&str> = d.items.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(d.error_count(), 5, "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("`85` is not a percentage")));
    assert!(messages.iter().any(|m| m.contains("unknown key `expectd`")));
    assert!(messages.iter().any(|m| m.contains("`超高` is not a risk scale value")));
    let text = d.render();
    assert!(text.contains("hint: `0.5` looks like a fraction: write `50%`"), "{text}");
}

/// Syntax errors people make by hand are named at their own line, in plain words.
#[test]
fn common_yaml_mistakes_are_explained_at_their_line() {
    let base =
        "meta:\n  kind: annual\n  title: 年度计划\n  period: \"2024\"\ntargets:\n  total: 1.5亿\n";
    let cases: [(&str, &str, (usize, usize), &str); 3] = [
        ("  title: 年度计划", "  title：年度计划", (3, 8), "中文冒号 `："),
        ("  period: \"2024\"", "\tperiod: \"2024\"", (4, 1), "制表符"),
        ("  period: \"2024\"", "   period: \"2024\"", (4, 4), "缩进不对"),
    ];
    for (from, to, at, says) in cases {
        let source = base.replace(from, to);
        let checked = planwright::check("s.yaml", &source);
        let items = &checked.diagnostics.items;
        assert_eq!(items.len(), 1, "{to}: {items:#?}");
        let d = &items[0];
        assert_eq!(d.position(), Some(at), "{to}: {}", d.message);
        assert!(d.message.contains(says), "{to}: {}", d.message);
    }
}

#[test]
fn figures_reach_decimal_exactly_as_written() {
    // 0.1 + 0.2 in f64 is 0.30000000000000004; here the sum must be exactly 0.3 (元).
    let source = "meta: { kind: annual, title: x, period: \"2024\" }\n\
                  budget:\n  total: 0.3\n  items:\n    - { name: a, amount: 0.1 }\n    - { name: b, amount: 0.2 }\n";
    let checked = planwright::check("exact.yaml", source);
    assert!(checked.diagnostics.items.is_empty(), "{}", checked.diagnostics.render());
}
