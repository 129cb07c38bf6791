//! End-to-end HTML: one self-contained page per plan, with the chapters, figures and
//! structure a reader needs, and nothing from the plan's text that could run.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;

fn render_html(plan: &std::path::Path, scratch_name: &str) -> String {
    let out = scratch(scratch_name);
    let o = run(
        &root(),
        &["render", plan.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "md,html"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let name = plan.file_stem().unwrap().to_string_lossy().into_owned();
    std::fs::read_to_string(out.join(&name).join(format!("{name}.html"))).unwrap()
}

#[test]
fn annual_html_has_chapters_figures_and_structure() {
    let Some(plan) = shared_examples().into_iter().find(|p| p.ends_with("annual-sales-plan.yaml"))
    else {
        eprintln!("SKIP: ../shared/examples not present");
        return;
    };
    let html = render_html(&plan, "html-annual");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert_eq!(html.matches("<h1").count(), 1, "exactly one h1");
    for h in [
        "一执行摘要\">一、执行摘要</h2>",
        "五销售目标\">五、销售目标</h2>",
        "一总体目标\">（一）总体目标</h3>",
    ] {
        assert!(html.contains(h), "missing heading {h}");
    }
    // The contents link to those ids.
    assert!(html.contains("<a href=\"#五销售目标\">五、销售目标</a>"));
    // Figures, right-aligned, totals rows, status chips, cover figures.
    assert!(html.contains("<td class=\"num\">+25.0%</td>"));
    assert!(html.contains("<td class=\"num\">28.0%</td>"));
    assert!(html.contains("<tr class=\"total\"><th scope=\"row\"><strong>合计</strong></th>"));
    assert!(html.contains("<th scope=\"col\" class=\"num\">金额（万元）</th>"));
    assert!(html.contains("<span class=\"chip off\">▼ 未达成</span>"));
    assert!(html.contains("<span class=\"v\">1.5亿元</span>"), "cover key figure");
    // Charts inlined as SVG with their accessible names, none linked.
    assert_eq!(
        html.matches("<figure class=\"chart\"").count(),
        11,
        "charts inlined (the dashboard bridge too)"
    );
    assert!(html.contains("<figure class=\"chart\" id=\"chart-breakdown-1\"><svg"));
    assert!(
        html.contains("role=\"img\" aria-labelledby=\"pw-chart-risks-title pw-chart-risks-desc\"")
    );
    assert!(!html.contains("<img"), "charts must be inline, not linked");
    // Self-contained: CSS inline, nothing fetched.
    assert!(html.contains("<style>"));
    for external in ["<link", "<script", "src=\"http", "href=\"http", "url(http", "@import"] {
        assert!(!html.contains(external), "external reference {external}");
    }
    // Print stylesheet: A4, chapters on new pages, rows kept whole.
    assert!(
        html.contains("@page { size: A4;")
            && html.contains("break-before: page")
            && html.contains("break-inside: avoid")
    );
}

#[test]
fn every_plan_renders_html_deterministically() {
    for (i, plan) in own_plans().into_iter().chain(shared_examples()).enumerate() {
        let a = render_html(&plan, &format!("html-det-a-{i}"));
        let b = render_html(&plan, &format!("html-det-b-{i}"));
        assert_eq!(a, b, "{}", plan.display());
    }
}

#[test]
fn english_html_is_marked_english() {
    let plan = root().join("plans/annual-sales-plan-en.yaml");
    let html = render_html(&plan, "html-en");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains(">1. Executive summary</h2>"));
}

#[test]
fn hostile_plan_text_yields_a_page_that_runs_nothing() {
    let html = render_html(&root().join("tests/fixtures/hostile.yaml"), "html-hostile");
    // Every real tag (text `<` is escaped as `&lt;`): no script, frame, handler or js: URL.
    for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("").to_lowercase()) {
        let name = tag.split_whitespace().next().unwrap_or("");
        assert!(!matches!(name, "script" | "iframe" | "object" | "embed" | "link"), "live <{tag}>");
        // Attribute names, with quoted values left out.
        let names: String = tag.split('"').step_by(2).collect::<Vec<_>>().join(" ");
        assert!(
            !names.split_whitespace().skip(1).any(|a| a.starts_with("on")),
            "handler in <{tag}>"
        );
        let urls = ["href=\"javascript:", "src=\"javascript:", "href=\"http", "src=\"http"];
        assert!(!urls.iter().any(|u| tag.contains(u)), "url in <{tag}>");
    }
    assert_eq!(html.matches("<style>").count(), 1, "only our own stylesheet");
    // The text is still there, shown literally.
    assert!(html.contains("&lt;script&gt;"), "escaped title text expected");
    assert!(html.contains("要点"));
}

#[test]
fn contents_links_reach_their_headings_when_plan_headings_repeat_them() {
    // The plan's own `# （一）要点` comes first and takes the anchor `一要点`, so the
    // section heading `（一）要点` that follows must be `一要点-1` in the contents and the page.
    let dir = scratch("html-anchor-repeat");
    let plan = dir.join("p.yaml");
    std::fs::write(
        &plan,
        "meta: { kind: annual, title: x, period: \"2025\" }\nsummary:\n  text: |\n    # （一）要点\n\n    正文\n  highlights: [甲]\n",
    )
    .unwrap();
    let html = render_html(&plan, "html-anchor-repeat-out");
    assert!(html.contains("<h4 id=\"一要点\">（一）要点</h4>"), "{html}");
    assert!(html.contains("<h3 id=\"一要点-1\">（一）要点</h3>"), "{html}");
    assert!(
        html.contains("<a href=\"#一要点-1\">（一）要点</a>"),
        "contents must link the section"
    );
}
