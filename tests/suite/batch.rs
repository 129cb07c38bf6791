//! Batch rendering with the real binary: folders and globs, partial failure, report names
//! that never collide, the JSON report, and shards that cover every plan exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{root, run, scratch};

/// A folder of plans: copies of the monthly reference plan under `regions/<r>/plan.yaml`,
/// and the English annual plan at the top.
fn plans_folder(name: &str, regions: usize) -> PathBuf {
    let dir = scratch(name);
    let monthly = std::fs::read_to_string(root().join("plans/monthly-battle-plan.yaml")).unwrap();
    for r in 0..regions {
        let d = dir.join("in/regions").join(format!("r{r:02}"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("plan.yaml"), &monthly).unwrap();
    }
    std::fs::copy(root().join("plans/annual-sales-plan-en.yaml"), dir.join("in/annual-en.yml"))
        .unwrap();
    dir
}

fn reports(out: &Path) -> BTreeSet<String> {
    fn walk(dir: &Path, root: &Path, acc: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() && !e.file_name().to_string_lossy().starts_with('.') {
                if p.join("charts").is_dir() {
                    acc.insert(p.strip_prefix(root).unwrap().display().to_string());
                } else {
                    walk(&p, root, acc);
                }
            }
        }
    }
    let mut acc = BTreeSet::new();
    if out.is_dir() {
        walk(out, out, &mut acc);
    }
    acc
}

#[test]
fn a_folder_renders_every_plan_below_it_keeping_its_structure() {
    let dir = plans_folder("batch-folder", 3);
    let out = dir.join("out");
    let o = run(&dir, &["render", "in", "-o", "out", "-f", "md"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let want: BTreeSet<String> =
        ["annual-en", "regions/r00/plan", "regions/r01/plan", "regions/r02/plan"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    assert_eq!(reports(&out), want);
    // the two plans with one file name did not overwrite each other
    assert!(out.join("regions/r01/plan/plan.md").is_file());
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(stdout.lines().count(), 4, "one line per report:\n{stdout}");
}

#[test]
fn a_glob_names_the_plans_it_matches() {
    let dir = plans_folder("batch-glob", 2);
    let o = run(&dir, &["render", "in/regions/*/plan.yaml", "-o", "out", "-f", "md"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let want: BTreeSet<String> = ["r00/plan", "r01/plan"].iter().map(|s| s.to_string()).collect();
    assert_eq!(reports(&dir.join("out")), want);
    let none = run(&dir, &["render", "in/**/*.json", "-o", "out2"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("in/**/*.json"));
}

#[test]
fn loose_files_with_one_name_keep_their_folders() {
    let dir = plans_folder("batch-loose", 2);
    let o = run(
        &dir,
        &[
            "render",
            "in/regions/r00/plan.yaml",
            "in/regions/r01/plan.yaml",
            "-o",
            "out",
            "-f",
            "md",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let want: BTreeSet<String> = ["r00/plan", "r01/plan"].iter().map(|s| s.to_string()).collect();
    assert_eq!(reports(&dir.join("out")), want);
}

#[test]
fn one_bad_plan_does_not_stop_the_others() {
    let dir = plans_folder("batch-partial", 2);
    std::fs::write(dir.join("in/broken.yaml"), "meta:\n  kind: monthly\n  title: x\n").unwrap();
    std::fs::write(dir.join("in/unreadable.yaml"), [0xff, 0xfe, 0x00]).unwrap();
    let o = run(&dir, &["render", "in", "-o", "out", "-f", "md"]);
    // a plan failed to read (exit 2 outranks an invalid plan's 1)
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    let rendered = reports(&dir.join("out"));
    assert!(rendered.contains("regions/r00/plan") && rendered.contains("annual-en"));
    assert!(!rendered.contains("broken"));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("broken.yaml"), "{stderr}");
    // the summary counts every plan
    assert!(stderr.contains("5 plans") || stderr.contains("共 5 个计划"), "{stderr}");
}

#[test]
fn json_reports_every_plan_with_its_errors_and_outputs() {
    let dir = plans_folder("batch-json", 1);
    std::fs::write(dir.join("in/broken.yaml"), "meta:\n  kind: monthly\n  title: x\n").unwrap();
    let o = run(&dir, &["render", "in", "-o", "out", "-f", "md,html", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<serde_json::Value> =
        stdout.lines().map(|l| serde_json::from_str(l).expect("a JSON object a line")).collect();
    assert_eq!(lines.len(), 4, "three plans and a summary:\n{stdout}");
    let by_path = |end: &str| {
        lines
            .iter()
            .find(|v| v["path"].as_str().is_some_and(|p| p.ends_with(end)))
            .unwrap_or_else(|| panic!("no result for {end}"))
    };
    let ok = by_path("regions/r00/plan.yaml");
    assert_eq!(ok["status"], "rendered");
    let outputs: Vec<&str> =
        ok["outputs"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert!(outputs.contains(&"plan.md") && outputs.contains(&"plan.html"), "{outputs:?}");
    assert!(ok["millis"].as_f64().unwrap() > 0.0);
    let bad = by_path("broken.yaml");
    assert_eq!(bad["status"], "invalid");
    let err = &bad["errors"][0];
    assert!(err["line"].as_u64().is_some() && err["column"].as_u64().is_some(), "{err}");
    assert!(err["message"].as_str().unwrap().contains("period"), "{err}");
    let summary = &lines.last().unwrap()["summary"];
    assert_eq!(summary["plans"], 3);
    assert_eq!(summary["rendered"], 2);
    assert_eq!(summary["invalid"], 1);
}

#[test]
fn shards_render_every_plan_exactly_once() {
    let dir = plans_folder("batch-shards", 12);
    let mut all = BTreeSet::new();
    let mut total = 0;
    for k in 1..=3 {
        let out = format!("out{k}");
        let o = run(
            &dir,
            &["render", "in", "-o", &out, "-f", "md", "--shard", &format!("{k}/3"), "-q"],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let got = reports(&dir.join(&out));
        total += got.len();
        all.extend(got);
    }
    assert_eq!(total, 13, "each plan in exactly one shard");
    assert_eq!(all.len(), 13);
    let bad = run(&dir, &["render", "in", "--shard", "4/3"]);
    assert_eq!(bad.status.code(), Some(2));
}
