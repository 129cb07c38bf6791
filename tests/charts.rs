//! Charts of the reference plans (and of `tests/fixtures/charts/`): SVG snapshots, the
//! figures they must show, determinism. The SVGs are also written to
//! `target/tmp/charts/<plan>/<id>.svg` for looking at (`rsvg-convert -o x.png file.svg`).

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::*;
use planwright::charts::{self, Chart};
use rust_decimal::Decimal;

fn plans() -> Vec<PathBuf> {
    let mut plans = shared_examples();
    plans.extend(yaml_files(&root().join("tests/fixtures/charts")));
    plans
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
    for figure in ["28.0%", "1.08亿元", "4,200万元", "目标1.5亿元", "Q3"] {
        assert!(svg.contains(figure), "breakdown chart lacks {figure}");
    }
    assert!(c.description.contains("Q3 4,200万元（28.0%），累计1.08亿元"), "{}", c.description);
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
fn history_marks_the_forecast_and_the_target() {
    let Some(charts) = shared("annual-sales-plan.yaml") else { return };
    let svg = chart(&charts, "history").svg().unwrap();
    for figure in ["7,800万元", "1.2亿元", "预测1.32亿元", "目标1.5亿元", "2024年"] {
        assert!(svg.contains(figure), "history chart lacks {figure}");
    }
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
    assert!(svg.contains("Target $18.0M"));
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
            assert!(svg.contains("font-family=\"'Noto Sans SC','PingFang SC','Microsoft YaHei','Source Han Sans SC','WenQuanYi Micro Hei',sans-serif\""));
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
