//! End-to-end: the commands a user types, their files, messages and exit codes.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;

#[test]
fn new_writes_starters_that_render_clean() {
    let dir = scratch("new");
    for kind in ["annual", "monthly"] {
        let o = run(&dir, &["new", kind]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let file = dir.join(format!("{kind}-plan.yaml"));
        assert!(std::fs::read_to_string(&file).unwrap().starts_with('#'));
        let md = render_md(&file, &format!("new-{kind}"));
        assert!(md.contains("## 一、执行摘要"), "{kind}: {md}");
        // A second `new` never overwrites.
        let again = run(&dir, &["new", kind]);
        assert_eq!(again.status.code(), Some(2));
        let err = String::from_utf8_lossy(&again.stderr);
        assert!(err.contains(&format!("{kind}-plan.yaml` 已存在")), "{err}");
        // the next step names the file just written
        let said = String::from_utf8_lossy(&o.stdout);
        assert!(said.contains(&format!("planwright render {kind}-plan.yaml")), "{said}");
    }
}

#[test]
fn unknown_formats_are_refused_before_anything_is_written() {
    let dir = scratch("formats");
    let starter = dir.join("p.yaml");
    std::fs::write(&starter, planwright::starter::starter("annual").unwrap()).unwrap();
    for f in ["docx", "md,docx"] {
        let o = run(&dir, &["render", "p.yaml", "-f", f]);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("未知的格式 `docx`"));
    }
    assert!(!dir.join("output").exists(), "nothing may be written");
    // In English when the environment asks for it.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(["render", "p.yaml", "-f", "docx"])
        .current_dir(&dir)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown format `docx`"));
}

#[test]
fn writes_markdown_and_pdf_together() {
    let dir = scratch("md-and-pdf");
    std::fs::write(dir.join("p.yaml"), planwright::starter::starter("monthly").unwrap()).unwrap();
    let o = run(&dir, &["render", "p.yaml", "-f", "md,pdf", "--strict"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read(dir.join("output/p/p.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 10_000);
    assert!(dir.join("output/p/p.md").exists());
}

#[test]
fn template_folder_overrides_one_file_and_labels_key_by_key() {
    let dir = scratch("override");
    let o = run(&dir, &["templates", "export", "tpl"]);
    assert!(o.status.success());
    assert!(dir.join("tpl/chapters/kpis.md").exists());
    assert!(dir.join("tpl/labels.yaml").exists());
    // Keep only an overridden chapter and one label.
    std::fs::remove_dir_all(dir.join("tpl")).unwrap();
    std::fs::create_dir_all(dir.join("tpl/chapters")).unwrap();
    std::fs::write(
        dir.join("tpl/chapters/risks.md"),
        "## {{ chapter.heading }}\n\n{% for r in risks %}- {{ r.name | text }}: {{ r.score }}\n{% endfor %}\n{% include \"builtin/chapters/risks.md\" %}",
    )
    .unwrap();
    std::fs::write(dir.join("tpl/labels.yaml"), "risks: { zh-CN: 风险清单, en: Risk list }\n")
        .unwrap();
    std::fs::write(dir.join("p.yaml"), planwright::starter::starter("annual").unwrap()).unwrap();
    let o = run(&dir, &["render", "p.yaml", "--templates", "tpl"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(dir.join("output/p/p.md")).unwrap();
    assert!(md.contains("## 七、风险清单"), "label override missing:\n{md}");
    assert!(md.contains("- 价格战加剧: 16"), "template override missing:\n{md}");
    assert!(md.contains("## 一、执行摘要"), "built-in fallback missing");
}

#[test]
fn missing_template_folder_is_an_error() {
    let dir = scratch("missing-tpl");
    std::fs::write(dir.join("p.yaml"), planwright::starter::starter("annual").unwrap()).unwrap();
    let o = run(&dir, &["render", "p.yaml", "--templates", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("模板文件夹 `nope` 不存在"));
}

#[test]
fn broken_user_template_names_itself() {
    let dir = scratch("broken-tpl");
    std::fs::create_dir_all(dir.join("tpl/chapters")).unwrap();
    std::fs::write(
        dir.join("tpl/chapters/budget.md"),
        "## {{ chapter.heading }}\n{{ budget.nope | fmt }}\n",
    )
    .unwrap();
    std::fs::write(dir.join("p.yaml"), planwright::starter::starter("annual").unwrap()).unwrap();
    let o = run(&dir, &["render", "p.yaml", "--templates", "tpl"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("chapters/budget.md"), "{err}");
    assert!(!dir.join("output/p/p.md").exists(), "no half-written report");
}

#[test]
fn template_errors_name_the_file_line_column_and_the_nearest_names() {
    let dir = scratch("tpl-errors");
    std::fs::create_dir_all(dir.join("tpl/chapters")).unwrap();
    std::fs::write(dir.join("p.yaml"), planwright::starter::starter("annual").unwrap()).unwrap();
    let cases = [
        // an undefined variable: the nearest name in the context
        ("{{ sumary.text }}", "tpl/chapters/summary.md:3:4", "`summary`"),
        // an undefined field of a defined one: the nearest field
        ("{{ summary.txt }}", "tpl/chapters/summary.md:3:12", "`text`"),
        // a filter that does not exist (found when the folder loads)
        ("{{ summary.text | fmtt }}", "tpl/chapters/summary.md:3:19", "`fmt`"),
        // an include of a template that does not exist
        ("{% include \"chapters/kpi.md\" %}", "tpl/chapters/summary.md:3:12", "`chapters/kpis.md`"),
    ];
    for (body, at, nearest) in cases {
        std::fs::write(
            dir.join("tpl/chapters/summary.md"),
            format!("## {{{{ chapter.heading }}}}\n\n{body}\n"),
        )
        .unwrap();
        let o = run(&dir, &["render", "p.yaml", "-f", "md", "--templates", "tpl"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(at), "{body}: no {at} in\n{err}");
        assert!(err.contains(&format!("是不是想写 {nearest}")), "{body}: no {nearest} in\n{err}");
    }
}

#[test]
fn unknown_template_set_lists_the_available_ones() {
    let dir = scratch("unknown-set");
    let plan =
        planwright::starter::starter("annual").unwrap().replace("kind: annual", "kind: quarterly");
    std::fs::write(dir.join("p.yaml"), plan).unwrap();
    // `check` finds it, at its line, as `render` does before rendering anything.
    for cmd in ["check", "render"] {
        let o = run(&dir, &[cmd, "p.yaml"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("没有名为 `quarterly` 的模板（可用：`annual`, `monthly`）"), "{err}");
        assert!(err.contains("p.yaml:10:9"), "{err}");
    }
    let plan =
        planwright::starter::starter("annual").unwrap().replace("kind: annual", "kind: anual");
    std::fs::write(dir.join("p.yaml"), plan).unwrap();
    let err = String::from_utf8_lossy(&run(&dir, &["check", "p.yaml"]).stderr).into_owned();
    assert!(err.contains("是不是想写 `annual`？"), "{err}");
    // A set of the template folder is known to `check --templates`.
    std::fs::create_dir_all(dir.join("tpl/anual")).unwrap();
    std::fs::write(dir.join("tpl/anual/report.md"), "{% include \"builtin/annual/report.md\" %}")
        .unwrap();
    let o = run(&dir, &["check", "p.yaml", "--templates", "tpl"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn check_reports_all_plans_and_the_worst_exit_code() {
    let dir = scratch("check-many");
    std::fs::write(dir.join("good.yaml"), planwright::starter::starter("monthly").unwrap())
        .unwrap();
    std::fs::write(dir.join("bad.yaml"), "meta: {kind: annual, title: x, period: 2024-Q5}\n")
        .unwrap();
    let o = run(&dir, &["check", "good.yaml", "bad.yaml", "missing.yaml"]);
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("通过 good.yaml"), "{out}");
    assert!(err.contains("bad.yaml:1:40"), "{err}");
    assert!(err.contains("无法读取 `missing.yaml`（不存在）"), "{err}");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn two_plans_with_one_name_keep_their_folders() {
    let dir = scratch("same-name");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    for d in ["a", "b"] {
        std::fs::write(
            dir.join(d).join("plan.yaml"),
            planwright::starter::starter("monthly").unwrap(),
        )
        .unwrap();
    }
    let o = run(&dir, &["render", "a/plan.yaml", "b/plan.yaml", "-f", "md"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // neither overwrites the other: each report keeps its folder
    assert!(dir.join("output/a/plan/plan.md").is_file());
    assert!(dir.join("output/b/plan/plan.md").is_file());
}
