//! Hostile input: plans and files built to break the tool. Each case must end in a report
//! or a clear error (exit 1 or 2), never a panic (101), a crash (134) or a hang, and the
//! report must stay inert (no image, link or id from plan text that acts on the page).

#![allow(clippy::unwrap_used)]

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::*;

fn fixture(name: &str) -> std::path::PathBuf {
    root().join("tests/fixtures/hostile").join(name)
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const MINIMAL: &str = "meta: { kind: annual, title: 测试, period: \"2024\" }\n";

#[test]
fn plan_text_cannot_load_images_leave_the_origin_or_pose_as_the_page() {
    let dir = scratch("hostile-tricks");
    let o = run(&dir, &["render", fixture("tricks.yaml").to_str().unwrap(), "-o", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.join("out/tricks/tricks.html")).unwrap();
    assert!(!html.contains("<img"), "an image from plan text survived");
    assert!(!html.contains("//evil.example"), "a protocol-relative link survived");
    assert!(!html.contains("api/delete\""), "an image source survived");
    assert_eq!(html.matches("id=\"chart-budget\"").count(), 1, "only the real chart has its id");
    assert!(!html.contains("<div id=\"chart-budget\"") && !html.contains("class=\"chip on\">伪造"));
    assert!(html.contains("<div>伪造</div>"), "the plan's text stays, without its attributes");
    // The section title is plain text in every format.
    assert!(html.contains("四、A&lt;B&gt;C &lt;script&gt;"), "{html}");
    let md = std::fs::read_to_string(dir.join("out/tricks/tricks.md")).unwrap();
    assert!(md.contains("## 四、A\\<B\\>C \\<script\\>"), "{md}");
    assert!(!md.contains("![x](charts/"), "a plan image reached the Markdown");
    if let Some(text) = pdf_text(&dir.join("out/tricks/tricks.pdf")) {
        assert!(text.contains("四、A<B>C <script>alert(1)</script>"), "{text}");
    }
}

fn pdf_text(pdf: &std::path::Path) -> Option<String> {
    let o = Command::new("pdftotext").arg(pdf).arg("-").output().ok()?;
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn negative_amounts_history_order_and_year_zero_are_warned() {
    let source = std::fs::read_to_string(fixture("tricks.yaml")).unwrap();
    let checked = planwright::check("tricks.yaml", &source);
    let d = &checked.diagnostics;
    let messages: Vec<&str> = d.items.iter().map(|i| i.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("预算明细「负数」的金额是负数（-100元）")),
        "{messages:#?}"
    );
    assert!(messages.iter().any(|m| m.contains("期间顺序不对：2021年 排在 2022年 之后")));
    assert!(messages.iter().any(|m| m.contains("期间重复：2021年 出现了两次")));
    let zero = MINIMAL.replace("\"2024\"", "\"0000\"");
    let checked = planwright::check("zero.yaml", &zero);
    let w = &checked.diagnostics.items;
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(w[0].message.contains("年份 0000 不合常理"), "{}", w[0].message);
    assert_eq!(w[0].position(), Some((1, 42)));
}

#[test]
fn an_amount_in_the_wrong_unit_is_an_error_naming_it_and_money_unit() {
    let plan = "meta: { kind: annual, title: x, period: \"2024\", money_unit: 亿元 }\n\
                history:\n  - { period: \"2022\", sales: 1.2 }\n  - { period: \"2023\", sales: 180000000 }\n  - { period: \"2024\", sales: 1.5 }\n";
    let checked = planwright::check("unit.yaml", plan);
    let d = &checked.diagnostics.items;
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains("`180000000` 即 18,000,000,000,000,000 元"), "{}", d[0].message);
    assert!(d[0].hints[0].contains("`meta.money_unit`（现为 `亿元`）"), "{:?}", d[0].hints);
    assert_eq!(d[0].position(), Some((4, 30)));
    // A derived figure out of range (a baseline of almost nothing) is an error too.
    let plan = "meta: { kind: annual, title: x, period: \"2024\" }\n\
                targets:\n  metrics:\n    - { name: 销售额, baseline: 0.0000000000000000000000000001, target: 1000000000000000 }\n";
    let checked = planwright::check("tiny.yaml", plan);
    let d = &checked.diagnostics.items;
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains("计算 `targets.metrics[0]` 时数值超出范围"), "{}", d[0].message);
}

#[test]
fn deep_nesting_is_an_error_at_its_field() {
    let body = ">".repeat(15_000);
    let plan = format!("{MINIMAL}sections:\n  - {{ id: deep, title: 深, body: \"{body} x\" }}\n");
    let d = planwright::check("deep.yaml", &plan).diagnostics.items;
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains("嵌套了 15000 层，超过上限 32 层"), "{}", d[0].message);
    assert_eq!(d[0].position(), Some((3, 33)));
}

/// The PDF's own guard, for Markdown that templates nest (plan text is checked earlier).
#[test]
fn the_pdf_refuses_markdown_nested_past_its_limit() {
    let engine = planwright::Engine::new(None).unwrap();
    let (plan, _) = planwright::check("m.yaml", MINIMAL).valid.unwrap();
    let labels = engine.templates().labels(plan.meta.locale);
    let md = format!("# t\n\n## 一、x\n\n{} x\n", "> ".repeat(20_000));
    let input = planwright::render::pdf::input(&plan, md, &labels);
    let e = planwright::render::pdf::render(
        &input,
        engine.fonts().unwrap(),
        &planwright::render::pdf::Theme::default(),
        &Default::default(),
    )
    .unwrap_err();
    assert!(matches!(e, planwright::error::Error::TooDeep { depth: 20_000, limit: 32 }), "{e}");
}

#[test]
fn aliases_are_bounded_by_the_bytes_they_expand_to() {
    let big = "x".repeat(1024 * 1024);
    let mut plan = format!("{MINIMAL}summary:\n  text: &big \"{big}\"\n  highlights: [");
    plan.push_str(&"*big, ".repeat(3_000));
    plan.push_str("*big]\n");
    let checked = planwright::check("aliases.yaml", &plan);
    let d = &checked.diagnostics.items;
    assert!(d[0].message.contains("展开后的文字超过 32 MB"), "{}", d[0].message);
}

#[test]
fn an_endless_stream_is_refused_after_the_plan_limit() {
    let dir = scratch("hostile-stream");
    let o = run(&dir, &["check", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("超过 8 MB"), "{}", stderr(&o));
}

#[test]
fn long_titles_and_names_are_errors_with_the_limit() {
    let title = "标".repeat(3_000);
    let plan = MINIMAL.replace("测试", &title);
    let d = planwright::check("long.yaml", &plan).diagnostics.items;
    assert!(d[0].message.contains("`meta.title` 有 3000 个字，超过上限 200 个字"), "{d:#?}");
}

#[test]
fn a_closed_stdout_never_stops_the_report() {
    let dir = scratch("hostile-pipe");
    std::fs::write(dir.join("p.yaml"), planwright::starter::starter("annual").unwrap()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(["render", "p.yaml", "-o", "out"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `| head -0`: the reader goes away before the first line.
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in ["p.md", "p.html", "p.pdf", "charts/budget.svg"] {
        assert!(dir.join("out/p").join(f).exists(), "{f} missing");
    }
    // The same through a real shell pipe.
    if Command::new("sh").arg("-c").arg("true").status().is_ok() {
        let bin = env!("CARGO_BIN_EXE_planwright");
        let o = Command::new("sh")
            .arg("-c")
            .arg(format!("'{bin}' render p.yaml -o piped | head -1"))
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
        assert!(dir.join("piped/p/p.pdf").exists(), "{}", stderr(&o));
    }
}

#[test]
fn a_file_in_the_way_is_named_once() {
    let dir = scratch("hostile-in-the-way");
    std::fs::write(dir.join("p.yaml"), planwright::starter::starter("annual").unwrap()).unwrap();
    std::fs::write(dir.join("blocker"), "x").unwrap();
    let o = run(&dir, &["render", "p.yaml", "-o", "blocker/out"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.matches("错误").count(), 1, "{err}");
    assert!(err.contains("`blocker` 是一个文件，不是文件夹"), "{err}");
}

#[test]
fn template_folders_are_read_only_inside_and_only_regular_files() {
    let dir = scratch("hostile-templates");
    std::fs::write(dir.join("p.yaml"), planwright::starter::starter("annual").unwrap()).unwrap();
    std::fs::create_dir_all(dir.join("link/chapters")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.join("link/chapters/summary.md")).unwrap();
    let o = run(&dir, &["render", "p.yaml", "--templates", "link", "-f", "md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("是指向模板文件夹之外的链接（`/etc/passwd`）"), "{}", stderr(&o));
    assert!(!dir.join("output").exists());
    // A link inside the folder is fine.
    std::fs::create_dir_all(dir.join("inside/chapters")).unwrap();
    std::fs::write(dir.join("inside/real.md"), "## {{ chapter.heading }}\n\n内部链接\n").unwrap();
    std::os::unix::fs::symlink("../real.md", dir.join("inside/chapters/summary.md")).unwrap();
    let o = run(&dir, &["render", "p.yaml", "--templates", "inside", "-f", "md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A FIFO named like a template is an error, not a hang.
    std::fs::create_dir_all(dir.join("fifo/chapters")).unwrap();
    let made = Command::new("mkfifo").arg(dir.join("fifo/chapters/kpis.md")).status();
    if made.is_ok_and(|s| s.success()) {
        let o = run(&dir, &["render", "p.yaml", "--templates", "fifo", "-f", "md"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("不是普通文件"), "{}", stderr(&o));
    } else {
        println!("SKIP: mkfifo not available");
    }
}

#[test]
fn template_output_is_bounded() {
    let dir = scratch("hostile-template-output");
    std::fs::write(dir.join("p.yaml"), planwright::starter::starter("annual").unwrap()).unwrap();
    std::fs::create_dir_all(dir.join("tpl/chapters")).unwrap();
    // 2,000 × 2,000 × 5 bytes = 20 MB, over the 16 MB limit.
    std::fs::write(
        dir.join("tpl/chapters/summary.md"),
        "{% for i in range(end=2000) %}{% for j in range(end=2000) %}xxxx\n{% endfor %}{% endfor %}",
    )
    .unwrap();
    let o = run(&dir, &["render", "p.yaml", "--templates", "tpl", "-f", "md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("模板 `chapters/summary.md` 的输出超过 16 MB"), "{}", stderr(&o));
}

#[test]
fn stdin_plans_are_read_through_the_same_bound() {
    let dir = scratch("hostile-stdin");
    let mut child = Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(["check", "/dev/stdin"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(planwright::starter::starter("monthly").unwrap().as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The overflow sites the outside fuzz run found (growth, attainment and its gap, shares of
/// breakdowns, budget and channels, sums of history, channels and headcount, the forecast,
/// percent and points formatting), fed the largest and the smallest figures a plan may
/// hold: each plan is an error naming a figure, or renders to every format.
#[test]
fn extreme_figures_at_every_derived_site_never_panic() {
    let engine = planwright::Engine::new(None).unwrap();
    let formats = [
        planwright::render::Format::Markdown,
        planwright::render::Format::Html,
        planwright::render::Format::Pdf,
    ];
    for (big, tiny) in [
        ("999999999999999", "0.0000000000000000000000000001"),
        ("-999999999999999", "0.01"),
        ("999999999999999元", "-0.0000000000001"),
    ] {
        let plan = format!(
            "meta: {{ kind: annual, title: 极值, period: \"2024\", as_of: 2024-01-01 }}\n\
             targets:\n  total: {big}\n  metrics:\n    - {{ name: 销售额, baseline: {tiny}, target: {big} }}\n    - {{ name: 回款率, baseline: 1000000%, target: -1000000% }}\n  breakdowns:\n    - {{ name: 按季度, items: [{{ name: Q1, amount: {big} }}, {{ name: Q2, share: 1000000% }}, {{ name: Q3, amount: {tiny} }}] }}\n\
             history:\n  - {{ period: \"2021\", sales: {big} }}\n  - {{ period: \"2022\", sales: {tiny} }}\n  - {{ period: \"2023\", sales: {big} }}\n\
             channels:\n  - {{ name: 直销, share: 1000000%, expected: {big} }}\n  - {{ name: 渠道, share: -1000000%, expected: {big} }}\n\
             budget:\n  total: {tiny}\n  items:\n    - {{ name: a, amount: {big} }}\n    - {{ name: b, amount: {big} }}\n\
             kpis:\n  - {{ name: 销售额, target: {tiny}, actual: {big} }}\n  - {{ name: 流失率, target: 1000000%, actual: 0.0000000001%, better: lower }}\n\
             team:\n  roles:\n    - {{ role: a, headcount: {big} }}\n    - {{ role: b, headcount: {big} }}\n"
        );
        let checked = planwright::check("extreme.yaml", &plan);
        match checked.valid {
            Some((p, f)) => {
                let report = engine.render(&p, &f, "extreme", &formats);
                assert!(report.is_ok(), "{big}/{tiny}: {:?}", report.err());
            }
            None => {
                let text = checked.diagnostics.render();
                assert!(checked.diagnostics.error_count() > 0, "{text}");
            }
        }
    }
}
