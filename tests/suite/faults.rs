//! Faults while writing: a report folder is always entirely the old report or entirely the
//! new one — after `kill -9` at any moment, with two renders racing into one folder, and on
//! a full disk — and a later run cleans up what a killed one left.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

/// A starter plan whose title carries `version`, so every file of its report says which
/// render wrote it.
fn plan(version: &str) -> String {
    planwright::starter::starter("annual").unwrap().replacen(
        "title: ",
        &format!("title: 版本{version} "),
        1,
    )
}

/// The version a report folder holds, after checking that it is whole: every file there,
/// the Markdown and the HTML from the same render, nothing half-written beside them.
fn whole(dir: &Path) -> Option<String> {
    if !dir.exists() {
        return None;
    }
    let md = std::fs::read_to_string(dir.join("p.md")).unwrap();
    let html = std::fs::read_to_string(dir.join("p.html")).unwrap();
    let pdf = std::fs::read(dir.join("p.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.ends_with(b"%%EOF\n") || pdf.ends_with(b"%%EOF"));
    let version = md.split("版本").nth(1).unwrap().chars().next().unwrap().to_string();
    assert!(html.contains(&format!("版本{version}")), "HTML from another render than the Markdown");
    // Exactly the charts this Markdown links to: none missing, none left from another run.
    let mut linked: Vec<String> = md
        .split("](charts/")
        .skip(1)
        .map(|r| r.split([')', ' ', '"']).next().unwrap().to_string())
        .collect();
    linked.sort();
    linked.dedup();
    let mut files: Vec<String> = std::fs::read_dir(dir.join("charts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    assert_eq!(files, linked, "charts of one report");
    let stray: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "temporary files in the report: {stray:?}");
    Some(version)
}

fn spawn(dir: &Path, plan: &str, out: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(["render", plan, "-o", out])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn kill_9_at_any_moment_leaves_the_old_report_or_the_new_one() {
    let dir = scratch("faults-kill");
    std::fs::write(dir.join("p.yaml"), plan("A")).unwrap();
    let started = std::time::Instant::now();
    assert!(run(&dir, &["render", "p.yaml", "-o", "out"]).status.success());
    let full = started.elapsed();
    let report = dir.join("out/p");
    assert_eq!(whole(&report).as_deref(), Some("A"));
    // Kill renders of versions B and C after delays spread from a third of a full render
    // to a bit more than one: while rendering, while the files are written, while
    // swapping, and after.
    let mut seen = std::collections::BTreeSet::new();
    let steps = 12u32;
    for step in 0..steps {
        std::fs::write(dir.join("p.yaml"), plan(if step % 2 == 0 { "B" } else { "C" })).unwrap();
        let mut child = spawn(&dir, "p.yaml", "out");
        std::thread::sleep(full / 3 + full * step / steps);
        let _ = child.kill();
        let _ = child.wait();
        let v = whole(&report).expect("the report folder vanished");
        seen.insert(v);
    }
    // The next run cleans what the killed ones left and writes a whole report.
    std::fs::write(dir.join("p.yaml"), plan("D")).unwrap();
    let o = run(&dir, &["render", "p.yaml", "-o", "out"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(whole(&report).as_deref(), Some("D"));
    let left: Vec<String> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".old"))
        .collect();
    assert!(left.is_empty(), "leftovers of killed runs: {left:?}");
    println!("versions seen after kill -9: {seen:?}");
}

#[test]
fn two_concurrent_renders_into_one_folder_take_turns() {
    let dir = scratch("faults-concurrent");
    for (sub, v) in [("a", "A"), ("b", "B")] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("p.yaml"), plan(v)).unwrap();
    }
    for _ in 0..3 {
        let first = spawn(&dir, "a/p.yaml", "out");
        let second = spawn(&dir, "b/p.yaml", "out");
        for child in [first, second] {
            let o = child.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        let v = whole(&dir.join("out/p")).unwrap();
        assert!(v == "A" || v == "B");
    }
}

#[test]
fn a_full_disk_keeps_the_old_report_and_says_so_once() {
    let dir = scratch("faults-full");
    let disk = dir.join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&disk)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        println!("SKIP: cannot mount a small tmpfs here (needs root and mount rights)");
        return;
    }
    std::fs::write(dir.join("p.yaml"), plan("A")).unwrap();
    let small = run(&dir, &["render", "p.yaml", "-o", "disk", "-f", "md"]);
    let big = run(&dir, &["render", "p.yaml", "-o", "disk"]);
    let md = std::fs::read_to_string(disk.join("p/p.md"));
    let html_exists = disk.join("p/p.html").exists();
    let entries: Vec<String> = std::fs::read_dir(&disk)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let _ = Command::new("umount").arg(&disk).status();
    assert!(small.status.success(), "{}", String::from_utf8_lossy(&small.stderr));
    assert_eq!(big.status.code(), Some(2));
    let err = String::from_utf8_lossy(&big.stderr);
    assert_eq!(err.matches("错误").count(), 1, "{err}");
    assert!(err.contains("磁盘已满") && err.contains("disk/p/"), "{err}");
    assert!(md.unwrap().contains("版本A"), "the old report is gone");
    assert!(!html_exists, "half of the new report is beside the old one");
    assert!(entries.iter().all(|e| !e.ends_with(".tmp")), "{entries:?}");
}
