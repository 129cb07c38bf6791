//! Replays the fuzz corpus and every crash the fuzzers found, through the very functions
//! the fuzz targets call (`fuzz/targets.rs`), so `cargo test` keeps what fuzzing fixed
//! fixed. Replay only: no new inputs are generated here.

#![allow(clippy::unwrap_used)]

#[path = "../fuzz/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else { continue };
        files.extend(entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

fn replay(target: &str, run: impl Fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no corpus for `{target}`");
    for f in files {
        let data = std::fs::read(&f).unwrap();
        // A panic here names the input that caused it.
        let name = f.display().to_string();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&data)));
        assert!(result.is_ok(), "fuzz input {name} panics");
    }
}

#[test]
fn check_corpus() {
    replay("check", targets::check);
}

#[test]
fn values_corpus() {
    replay("values", targets::values);
}

#[test]
fn render_corpus() {
    let engine = planwright::Engine::new(None).unwrap();
    replay("render", |d| targets::render(d, &engine));
}

#[test]
fn pdf_layout_corpus() {
    let engine = planwright::Engine::new(None).unwrap();
    replay("pdf_layout", |d| targets::pdf_layout(d, &engine));
}
