//! Headless Chromium loads each reference report: no console messages, no request leaves
//! the file. At 1280 px and at 390 px (a phone) it measures the page: chart text is never
//! under 11 px, wide tables scroll (with an edge shadow) instead of losing their right
//! columns, text columns keep room for several characters a line. Screenshots are saved as
//! `target/screenshots/<plan>-<width>.png` for people to look at.
//! Skips (visibly) without Chromium unless `PLANWRIGHT_REQUIRE_TOOLS=1`.

#![allow(clippy::unwrap_used)]

use crate::common;

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
        for width in [1280, 390] {
            let shot = work.join(format!("load-{width}.png"));
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

/// Measures the page in the browser: the smallest chart text as rendered, texts outside
/// their chart, tables wider than their box, and the narrowest text column in characters.
/// Runs inside the framed page and hands its findings to the frame's parent.
const MEASURE: &str = r#"<script>
(() => {
  const r = { width: innerWidth, page: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight, charts: [], tables: [] };
  for (const svg of document.querySelectorAll('figure.chart svg')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue;
    const scale = box.width / svg.width.baseVal.value;
    let min = 1e9, outside = 0;
    for (const t of svg.querySelectorAll('text')) {
      min = Math.min(min, parseFloat(t.getAttribute('font-size')) * scale);
      const b = t.getBoundingClientRect();
      if (b.left < box.left - 1 || b.right > box.right + 1 || b.height === 0) outside++;
    }
    const fig = svg.closest('figure');
    r.charts.push({ id: fig.id, layout: svg.getAttribute('class'), min, outside,
      scrolls: fig.scrollWidth > fig.clientWidth + 1 });
  }
  for (const wrap of document.querySelectorAll('.table-wrap')) {
    const s = getComputedStyle(wrap);
    const table = wrap.querySelector('table');
    r.tables.push({ wider: table.scrollWidth > wrap.clientWidth + 1,
      scrolls: s.overflowX === 'auto' || s.overflowX === 'scroll',
      visible: s.overflowX === 'visible',
      shadow: s.backgroundImage.includes('radial-gradient'),
      right: Math.max(wrap.getBoundingClientRect().right, s.overflowX === 'visible'
        ? table.getBoundingClientRect().right : 0) });
  }
  let chars = 1e9, cell = '';
  for (const td of document.querySelectorAll('td:not(.num):not(.center)')) {
    if (td.textContent.trim().length < 8) continue;
    const s = getComputedStyle(td);
    const inner = td.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    const c = inner / parseFloat(s.fontSize);
    if (c < chars) { chars = c; cell = td.textContent.trim().slice(0, 24); }
  }
  r.narrowestColumn = chars;
  r.narrowestCell = cell;
  parent.document.getElementById('pw-measure').textContent = JSON.stringify(r);
})();
</script>"#;

/// A page showing `html` in a frame `width` px wide. Headless Chromium makes no window
/// narrower than 500 px, but a frame's viewport is exactly its width, for media queries too.
/// The page is inlined (`srcdoc`), so it shares its parent's origin.
fn framed(html: &str, width: u32, height: u32, out: &Path) -> PathBuf {
    let doc = html.replace('&', "&amp;").replace('"', "&quot;");
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>html,body{{margin:0;background:#fff}}iframe{{border:0;display:block}}</style></head>\
         <body><iframe width=\"{width}\" height=\"{height}\" srcdoc=\"{doc}\"></iframe><pre id=\"pw-measure\"></pre></body></html>"
    );
    std::fs::write(out, page).unwrap();
    out.to_path_buf()
}

fn headless(browser: &Path, work: &Path, window: (u32, u32)) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", work.join("profile").display()))
    .arg(format!("--window-size={},{}", window.0, window.1));
    c
}

/// The page's measurements at `width` px.
fn measure(browser: &Path, html: &str, width: u32, work: &Path) -> serde_json::Value {
    let probe = html.replace("</body>", &format!("{MEASURE}</body>"));
    let page = framed(&probe, width, 900, &work.join(format!("measure-{width}.html")));
    let o = headless(browser, work, (width.max(500), 900))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&o.stdout);
    let json = dom
        .split("<pre id=\"pw-measure\">")
        .nth(1)
        .and_then(|r| r.split("</pre>").next())
        .filter(|j| !j.is_empty())
        .unwrap_or_else(|| panic!("no measurements: {}", String::from_utf8_lossy(&o.stderr)));
    let json = json.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    serde_json::from_str(&json).unwrap()
}

/// A screenshot of the whole page (`height` px, at most 30,000) at `width` px, saved for
/// people to look at.
fn screenshot(browser: &Path, html: &str, (width, height): (u32, u32), work: &Path, shot: &Path) {
    let height = height.min(30_000);
    let page = framed(html, width, height, &work.join(format!("shot-{width}.html")));
    let o = headless(browser, work, (width, height))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(o.status.success(), "chromium failed: {}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::metadata(shot).map(|m| m.len() > 10_000).unwrap_or(false), "no screenshot");
}

#[test]
fn charts_and_tables_stay_legible_at_1280_and_390_px() {
    let Some(browser) = chromium() else { return require_or_skip("chromium") };
    let shots = root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let plans: Vec<PathBuf> = shared_examples().into_iter().chain(own_plans()).collect();
    for plan in plans {
        let name = plan.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = plan.parent().and_then(Path::file_name).unwrap().to_string_lossy().into_owned();
        let work = scratch(&format!("browser-measure-{dir}-{name}"));
        let o = run(
            &root(),
            &["render", plan.to_str().unwrap(), "-o", work.to_str().unwrap(), "-f", "html"],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let html = std::fs::read_to_string(work.join(&name).join(format!("{name}.html"))).unwrap();
        for width in [1280u32, 390] {
            let m = measure(&browser, &html, width, &work);
            let height = m["height"].as_f64().unwrap_or(2400.0) as u32;
            let shot = shots.join(format!("{dir}-{name}-{width}.png"));
            screenshot(&browser, &html, (width, height), &work, &shot);
            let at = format!("{dir}/{name} at {width} px");
            assert_eq!(m["width"].as_f64(), Some(f64::from(width)), "{at}: viewport");
            // Nothing sticks out of the page sideways.
            let page = m["page"].as_f64().unwrap();
            assert!(page <= f64::from(width), "{at}: the page is {page} px wide");
            let charts = m["charts"].as_array().unwrap();
            assert!(charts.len() >= 5, "{at}: {} charts shown", charts.len());
            let layout = if width < 640 { "chart-narrow" } else { "chart-wide" };
            let mut smallest = f64::MAX;
            for c in charts {
                let id = c["id"].as_str().unwrap();
                assert_eq!(c["layout"].as_str(), Some(layout), "{at}: {id} shows the other layout");
                assert_eq!(c["outside"].as_u64(), Some(0), "{at}: {id} has texts outside it");
                assert_eq!(c["scrolls"].as_bool(), Some(false), "{at}: {id} needs scrolling");
                smallest = smallest.min(c["min"].as_f64().unwrap());
            }
            assert!(smallest >= 11.0, "{at}: chart text at {smallest:.1} px");
            let tables = m["tables"].as_array().unwrap();
            let mut wide = 0;
            for t in tables {
                let right = t["right"].as_f64().unwrap();
                assert!(right <= f64::from(width), "{at}: a table reaches {right} px");
                // A table wider than its box scrolls, with the shadow that says so; one
                // that overflows visibly (the SWOT grid's outer gutters) stays on the page.
                if t["wider"].as_bool() == Some(true) && t["visible"].as_bool() != Some(true) {
                    wide += 1;
                    assert_eq!(t["scrolls"].as_bool(), Some(true), "{at}: a wide table is cut");
                    assert_eq!(t["shadow"].as_bool(), Some(true), "{at}: a wide table has no hint");
                }
            }
            // Text columns hold several characters a line (never 2).
            let chars = m["narrowestColumn"].as_f64().unwrap();
            let cell = &m["narrowestCell"];
            assert!(chars >= 5.0, "{at}: {cell} gets {chars:.1} characters a line");
            eprintln!(
                "{at}: smallest chart text {smallest:.1} px; {wide} of {} tables scroll; \
                 narrowest text column {chars:.1} characters ({cell})",
                tables.len()
            );
        }
    }
}
