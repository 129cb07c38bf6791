//! Replays the fuzz corpus and every crash the fuzzers found, through the very functions
//! the fuzz targets call (`fuzz/targets.rs`), so `cargo test` keeps what fuzzing fixed
//! fixed. Replay only: no new inputs are generated here.
//!
//! `check` and `values` replay their whole corpus; `render` and `pdf_layout` (a PDF per
//! input, slow in a debug build) replay every twelfth input plus every regression, and the
//! whole corpus with `cargo test --test suite fuzz_corpus:: -- --ignored`.

#![allow(clippy::unwrap_used)]

#[path = "../../fuzz/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

/// The corpus of `target` (every `every`-th file, in name order) and all its regressions.
fn inputs(target: &str, every: usize) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for (dir, step) in [("corpus", every), ("regressions", 1)] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else { continue };
        let mut found: Vec<PathBuf> =
            entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
        found.sort();
        files.extend(found.into_iter().step_by(step.max(1)));
    }
    files
}

fn replay(target: &str, every: usize, run: impl Fn(&[u8])) {
    let files = inputs(target, every);
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
    replay("check", 1, targets::check);
}

#[test]
fn values_corpus() {
    replay("values", 1, targets::values);
}

#[test]
fn render_corpus() {
    let engine = planwright::Engine::new(None).unwrap();
    replay("render", 12, |d| targets::render(d, &engine));
}

#[test]
fn pdf_layout_corpus() {
    let engine = planwright::Engine::new(None).unwrap();
    replay("pdf_layout", 12, |d| targets::pdf_layout(d, &engine));
}

#[test]
#[ignore = "the whole render and pdf_layout corpus takes minutes in a debug build"]
fn whole_corpus() {
    let engine = planwright::Engine::new(None).unwrap();
    replay("render", 1, |d| targets::render(d, &engine));
    replay("pdf_layout", 1, |d| targets::pdf_layout(d, &engine));
}
