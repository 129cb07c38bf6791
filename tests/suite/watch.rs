//! `planwright watch`: driven in a temporary folder with timeouts. It renders, renders
//! again when the plan, a template or the theme changes, keeps the last good report when
//! the plan or the theme breaks; with `--serve`, the page open in headless Chromium reloads
//! itself.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::{root, scratch};

const WAIT: Duration = Duration::from_secs(30);

/// A process of ours, stopped when the test ends (or fails).
struct Running {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    /// Starts `cmd`, reading its standard output and error as lines.
    fn start(mut cmd: Command) -> Self {
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let (tx, lines) = channel();
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        let tx2 = tx.clone();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(l);
            }
        });
        std::thread::spawn(move || {
            for l in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = tx2.send(l);
            }
        });
        Self { child, lines }
    }

    /// Waits for a line containing `text`; every line read on the way is returned.
    fn wait_for(&self, text: &str) -> Vec<String> {
        self.wait_all(&[text])
    }

    /// Waits until a line containing each of `texts` has been read, in any order (standard
    /// output and error interleave as they please); every line read is returned.
    fn wait_all(&self, texts: &[&str]) -> Vec<String> {
        let deadline = Instant::now() + WAIT;
        let mut seen: Vec<String> = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    seen.push(l);
                    if texts.iter().all(|t| seen.iter().any(|l| l.contains(t))) {
                        return seen;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no lines with {texts:?} within {WAIT:?}; read:\n{}", seen.join("\n"));
    }
}

fn watch(dir: &Path, args: &[&str]) -> Running {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_planwright"));
    cmd.arg("watch").args(args).current_dir(dir);
    for v in ["LC_ALL", "LC_MESSAGES", "LANG", "SOURCE_DATE_EPOCH"] {
        cmd.env_remove(v);
    }
    Running::start(cmd)
}

/// Rewrites a file (as editors do: a new file renamed over the old one).
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn setup(name: &str) -> (PathBuf, String) {
    let dir = scratch(name);
    let plan = std::fs::read_to_string(root().join("plans/monthly-battle-plan.yaml")).unwrap();
    std::fs::write(dir.join("plan.yaml"), &plan).unwrap();
    (dir, plan)
}

fn retitle(plan: &str, title: &str) -> String {
    plan.lines()
        .map(
            |l| if l.starts_with("  title:") { format!("  title: {title}") } else { l.to_string() },
        )
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn watch_renders_again_on_each_change_and_keeps_the_last_good_report() {
    let (dir, plan) = setup("watch-md");
    std::fs::create_dir_all(dir.join("t/chapters")).unwrap();
    let summary = dir.join("t/chapters/summary.md");
    std::fs::write(&summary, "{% include \"builtin/chapters/summary.md\" %}\n").unwrap();
    let w = watch(&dir, &["plan.yaml", "-f", "md", "--templates", "t"]);
    let md = dir.join("output/plan/plan.md");
    w.wait_for("渲染完成");
    assert!(std::fs::read_to_string(&md).unwrap().contains("11月"));

    // the plan changes
    save(&dir.join("plan.yaml"), &retitle(&plan, "冲刺计划第二版"));
    w.wait_for("渲染完成");
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# 冲刺计划第二版"));

    // a template changes
    save(&summary, "{% include \"builtin/chapters/summary.md\" %}\n\n模板改过了。\n");
    w.wait_for("渲染完成");
    assert!(std::fs::read_to_string(&md).unwrap().contains("模板改过了。"));

    // the plan breaks: the error is shown and the last good report stays
    save(&dir.join("plan.yaml"), &format!("{}\nmeta: [\n", retitle(&plan, "坏掉的版本")));
    w.wait_all(&["保留上一次成功的报告", "plan.yaml:"]);
    let kept = std::fs::read_to_string(&md).unwrap();
    assert!(kept.starts_with("# 冲刺计划第二版") && kept.contains("模板改过了。"));

    // and renders again once fixed
    save(&dir.join("plan.yaml"), &retitle(&plan, "第三版"));
    w.wait_for("渲染完成");
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# 第三版"));
}

#[test]
fn watch_renders_again_when_the_theme_changes_and_shows_a_bad_theme() {
    let (dir, _) = setup("watch-theme");
    let theme = dir.join("brand.toml");
    std::fs::write(&theme, "[html]\naccent = \"#112233\"\n").unwrap();
    let w = watch(&dir, &["plan.yaml", "-f", "html", "--theme", "brand.toml"]);
    let html = dir.join("output/plan/plan.html");
    w.wait_for("渲染完成");
    assert!(std::fs::read_to_string(&html).unwrap().contains("--accent: #112233;"));

    // the theme changes
    save(&theme, "[html]\naccent = \"#445566\"\n");
    w.wait_for("渲染完成");
    assert!(std::fs::read_to_string(&html).unwrap().contains("--accent: #445566;"));

    // a mistyped key: the error names it and its line, the last good page stays
    save(&theme, "[html]\naccent = \"#778899\"\nacent = \"#000000\"\n");
    w.wait_all(&["保留上一次成功的报告", "`html.acent`", "brand.toml:3:1", "`html.accent`"]);
    assert!(std::fs::read_to_string(&html).unwrap().contains("--accent: #445566;"));
}

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .map(String::from)
        .find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
}

/// A GET to a loopback address, the body (read up to its `Content-Length`).
fn get(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    s.write_all(request.as_bytes()).unwrap();
    let mut reader = BufReader::new(s);
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            reader.read_exact(&mut body).unwrap();
        }
        None => {
            reader.read_to_end(&mut body).unwrap();
        }
    }
    String::from_utf8_lossy(&body).into_owned()
}

#[test]
fn the_served_page_reloads_itself_in_chromium_when_the_report_changes() {
    let Some(browser) = chromium() else {
        assert!(std::env::var_os("PLANWRIGHT_REQUIRE_TOOLS").is_none(), "chromium is required");
        println!("SKIP: chromium not installed");
        return;
    };
    let (dir, plan) = setup("watch-serve");
    let w = watch(&dir, &["plan.yaml", "--serve", "--port", "0", "-f", "html"]);
    let lines = w.wait_for("渲染完成");
    let url = lines
        .iter()
        .find_map(|l| l.split("http://").nth(1))
        .map(|u| {
            let addr: String =
                u.chars().take_while(|c| c.is_ascii_alphanumeric() || ".:".contains(*c)).collect();
            format!("http://{addr}/")
        })
        .unwrap();
    let addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();
    // loopback only, the page as written plus the reload script
    assert!(addr.starts_with("127.0.0.1:"));
    let page = get(&addr, "/");
    assert!(page.contains("<script>") && page.contains("/__planwright/version"), "{page:.300}");
    assert_eq!(get(&addr, "/__planwright/version"), "1");

    let profile = dir.join("profile");
    let mut cmd = Command::new(&browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--remote-debugging-port=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(&url);
    let chrome = Running::start(cmd);
    let devtools = chrome
        .wait_for("DevTools listening on ws://")
        .last()
        .and_then(|l| {
            l.split("ws://").nth(1).map(|r| r.split('/').next().unwrap_or("").to_string())
        })
        .unwrap();
    // the title the browser shows, from its own list of pages
    let title = || {
        let list = get(&devtools, "/json/list");
        serde_json::from_str::<serde_json::Value>(&list)
            .ok()
            .and_then(|v| {
                v.as_array()?.iter().find(|p| p["type"] == "page").map(|p| p["title"].to_string())
            })
            .unwrap_or_default()
    };
    let until = |what: &str| {
        let deadline = Instant::now() + WAIT;
        loop {
            let t = title();
            if t.contains(what) {
                return;
            }
            assert!(Instant::now() < deadline, "the page shows {t}, not {what}");
            std::thread::sleep(Duration::from_millis(200));
        }
    };
    until("年货节销售作战策划");
    save(&dir.join("plan.yaml"), &retitle(&plan, "浏览器里自动刷新的标题"));
    w.wait_for("渲染完成");
    until("浏览器里自动刷新的标题");
    assert_eq!(get(&addr, "/__planwright/version"), "2");
}
