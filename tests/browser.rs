//! Headless Chromium loads each reference report: no console messages, no request leaves
//! the file, and a screenshot is saved under `target/screenshots/` for people to look at.
//! Skips (visibly) without Chromium unless `PLANWRIGHT_REQUIRE_TOOLS=1`.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("CHROMIUM").unwrap_or_default(),
        "chromium".into(),
        "chromium-browser".into(),
        "google-chrome".into(),
    ];
    candidates.into_iter().filter(|c| !c.is_empty()).find_map(|c| {
        let ok = Command::new(&c).arg("--version").output().is_ok_and(|o| o.status.success());
        ok.then(|| PathBuf::from(c))
    })
}

fn require_or_skip(tool: &str) {
    if std::env::var("PLANWRIGHT_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{tool} is required (PLANWRIGHT_REQUIRE_TOOLS=1) but not installed");
    }
    eprintln!("SKIP: {tool} not installed");
}

/// Loads `html` headless; returns (console lines, page-initiated request URLs).
fn load(
    browser: &Path,
    html: &Path,
    shot: &Path,
    width: u32,
    work: &Path,
) -> (Vec<String>, Vec<String>) {
    let net = work.join("net.json");
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", work.join("profile").display()))
        .arg(format!("--log-net-log={}", net.display()))
        .arg(format!("--window-size={width},2400"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("run chromium");
    assert!(o.status.success(), "chromium failed: {}", String::from_utf8_lossy(&o.stderr));
    let log = String::from_utf8_lossy(&o.stderr);
    let console: Vec<String> =
        log.lines().filter(|l| l.contains(":CONSOLE")).map(str::to_string).collect();
    // Chromium's own traffic has no origin; anything the page asks for carries one.
    let netlog = std::fs::read_to_string(&net).unwrap_or_default();
    let requests: Vec<String> = netlog
        .split("\"initiator\":\"")
        .skip(1)
        .filter(|rest| !rest.starts_with("not an origin"))
        .map(|rest| rest.chars().take(120).collect())
        .collect();
    (console, requests)
}

#[test]
fn reports_load_cleanly_in_chromium() {
    let Some(browser) = chromium() else { return require_or_skip("chromium") };
    let shots = root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let plans: Vec<PathBuf> = shared_examples()
        .into_iter()
        .chain(own_plans())
        .chain([root().join("tests/fixtures/hostile.yaml")])
        .collect();
    for plan in plans {
        let name = plan.file_stem().unwrap().to_string_lossy().into_owned();
        let work = scratch(&format!("browser-{name}"));
        let o = run(
            &root(),
            &["render", plan.to_str().unwrap(), "-o", work.to_str().unwrap(), "-f", "html"],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let html = work.join(&name).join(format!("{name}.html"));
        for (width, suffix) in [(1280, ""), (390, "-phone")] {
            let shot = shots.join(format!("{name}{suffix}.png"));
            let (console, requests) = load(&browser, &html, &shot, width, &work);
            assert!(console.is_empty(), "{name}: console output {console:#?}");
            assert!(requests.is_empty(), "{name}: the page made requests {requests:#?}");
            assert!(
                std::fs::metadata(&shot).map(|m| m.len() > 10_000).unwrap_or(false),
                "{name}: no screenshot"
            );
        }
    }
}

#[test]
fn the_request_detector_sees_a_page_request() {
    // Guards the test above: a page that fetches something must be caught.
    let Some(browser) = chromium() else { return require_or_skip("chromium") };
    let work = scratch("browser-probe");
    let page = work.join("probe.html");
    std::fs::write(&page, "<html><body><img src=\"http://127.0.0.1:9/x.png\"><script>console.log('x')</script></body></html>").unwrap();
    let (console, requests) = load(&browser, &page, &work.join("probe.png"), 800, &work);
    assert!(!console.is_empty(), "console detector is blind");
    assert!(!requests.is_empty(), "request detector is blind");
}
