//! Authoring without touching the built-ins: chapters placed from the plan or the theme
//! (`layout: {order, omit}`), and a new template set made by adding a folder.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::Path;

use common::{root, run, scratch};

/// The reference plan with `extra` appended at the top level.
fn plan_with(dir: &Path, extra: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(root().join("plans/annual-sales-plan.yaml")).unwrap();
    let path = dir.join("plan.yaml");
    std::fs::write(&path, format!("{text}\n{extra}")).unwrap();
    path
}

/// The chapter headings (`## …`) of a rendered Markdown report, after the contents.
fn chapters(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["render", "plan.yaml", "-o", "out", "-f", "md"];
    all.extend(args);
    let o = run(dir, &all);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(dir.join("out/plan/plan.md")).unwrap();
    md.lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter(|h| !["目录", "经营看板"].contains(h))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_plan_orders_and_omits_chapters() {
    let dir = scratch("layout-plan");
    plan_with(&dir, "layout:\n  order: [kpis, targets]\n  omit: [swot, review]\n");
    let got = chapters(&dir, &[]);
    assert_eq!(got[0], "一、KPI监控");
    assert_eq!(got[1], "二、销售目标");
    assert!(got.iter().all(|h| !h.contains("SWOT") && !h.contains("上期回顾")), "{got:?}");
    // the rest keep their order; the custom section still follows its anchor (`team`)
    assert_eq!(got[2], "三、执行摘要");
    let team = got.iter().position(|h| h.contains("团队分工")).unwrap();
    assert!(got[team + 1].contains("绩效考核机制"), "{got:?}");
    assert_eq!(got.len(), 11, "{got:?}");
}

#[test]
fn a_custom_section_can_be_placed_itself() {
    let dir = scratch("layout-section");
    plan_with(&dir, "layout: { order: [evaluation, summary] }\n");
    let got = chapters(&dir, &[]);
    assert_eq!(got[0], "一、绩效考核机制");
    assert_eq!(got[1], "二、执行摘要");
    assert!(got.last().unwrap().contains("团队分工"), "{got:?}");
}

#[test]
fn unknown_chapter_ids_are_errors_that_list_the_valid_ones() {
    let dir = scratch("layout-unknown");
    plan_with(&dir, "layout:\n  omit: [swto]\n");
    let o = run(&dir, &["check", "plan.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    let line = std::fs::read_to_string(dir.join("plan.yaml")).unwrap().lines().count();
    assert!(err.contains(&format!("plan.yaml:{line}:10")), "{err}");
    assert!(err.contains("`swto` 不是本计划的章节") && err.contains("`swot`"), "{err}");
    assert!(err.contains("`summary`, `review`") && err.contains("`service`"), "{err}");
    assert!(err.contains("`evaluation`"), "a custom section's id is valid: {err}");
}

#[test]
fn a_theme_lays_out_chapters_and_the_plan_wins() {
    let dir = scratch("layout-theme");
    std::fs::create_dir_all(dir.join("t")).unwrap();
    std::fs::write(dir.join("t/theme.toml"), "[layout]\norder = [\"risks\"]\nomit = [\"team\"]\n")
        .unwrap();
    plan_with(&dir, "");
    let got = chapters(&dir, &["--templates", "t"]);
    assert_eq!(got[0], "一、风险评估与应对");
    assert!(got.iter().all(|h| !h.contains("团队分工")), "{got:?}");
    // the plan's own `order` replaces the theme's; the theme's `omit` still holds
    plan_with(&dir, "layout: { order: [budget] }\n");
    let got = chapters(&dir, &["--templates", "t"]);
    assert_eq!(got[0], "一、预算与资源分配");
    assert!(got.iter().all(|h| !h.contains("团队分工")), "{got:?}");
    // a theme naming no chapter is refused with the list
    std::fs::write(dir.join("t/theme.toml"), "[layout]\nomit = [\"budgets\"]\n").unwrap();
    let o = run(&dir, &["render", "plan.yaml", "-o", "out", "--templates", "t"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("theme.toml:2:9") && err.contains("`budget`"), "{err}");
}

#[test]
fn a_new_template_set_is_a_folder_that_falls_back_to_the_built_in_chapters() {
    let dir = scratch("quarterly");
    let q = dir.join("t/quarterly");
    std::fs::create_dir_all(&q).unwrap();
    // its own KPI chapter, its own theme (layout and footer); no report.md: the annual
    // layout is used, and every other chapter is the built-in one
    std::fs::write(
        q.join("kpis.md"),
        "## {{ chapter.heading }}\n\n本季度共 {{ kpis | length }} 项 KPI。\n\n{% for k in kpis %}- {{ k.name | text }}：{{ k.actual | fmt }}\n{% endfor %}",
    )
    .unwrap();
    std::fs::write(
        q.join("theme.toml"),
        "[layout]\norder = [\"kpis\"]\n\n[footer]\ncenter = \"季度经营回顾 · {page}\"\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(root().join("plans/annual-sales-plan.yaml")).unwrap();
    std::fs::write(dir.join("plan.yaml"), text.replacen("kind: annual", "kind: quarterly", 1))
        .unwrap();

    // without the folder the set does not exist
    let o = run(&dir, &["check", "plan.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("quarterly"));

    let got = chapters(&dir, &["--templates", "t"]);
    assert_eq!(got[0], "一、KPI监控");
    assert_eq!(got[1], "二、执行摘要");
    let md = std::fs::read_to_string(dir.join("out/plan/plan.md")).unwrap();
    assert!(md.contains("本季度共7项KPI。"), "own chapter (spaced tight)");
    assert!(md.contains("### （一）总体目标"), "the built-in targets chapter");
    assert!(
        md.contains("| 编制单位 |") && md.contains("| 审核 |"),
        "the annual layout: cover, sign-off"
    );

    let o = run(&dir, &["render", "plan.yaml", "-o", "out", "-f", "pdf", "--templates", "t"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let Ok(t) = std::process::Command::new("pdftotext")
        .args([dir.join("out/plan/plan.pdf").to_str().unwrap(), "-"])
        .output()
    else {
        assert!(std::env::var_os("PLANWRIGHT_REQUIRE_TOOLS").is_none(), "pdftotext missing");
        println!("SKIP: pdftotext not installed");
        return;
    };
    let text = String::from_utf8_lossy(&t.stdout);
    assert!(text.contains("季度经营回顾 · 3"), "the set's footer");
}
