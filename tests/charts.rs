//! Charts of the reference plans: SVG snapshots, the figures they must show, determinism.
//! The SVGs are also written to `target/tmp/charts/<plan>/<id>.svg` for looking at.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::*;
use planwright::charts::{self, Chart};

fn plans() -> Vec<PathBuf> {
    let mut plans = shared_examples();
    plans.extend(yaml_files(&root().join("tests/fixtures/charts")));
    plans
}

fn charts_of(path: &Path) -> Vec<Chart> {
    let text = std::fs::read_to_string(path).unwrap();
    let checked = planwright::check(&path.display().to_string(), &text);
    let (plan, figures) = checked.valid.expect("plan is valid");
    let engine = planwright::Engine::new(None).unwrap();
    let labels = engine.templates().labels(plan.meta.locale);
    charts::build(&plan, &figures, &labels)
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn writes_every_chart_of_every_plan() {
    for plan in plans() {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("charts").join(stem(&plan));
        std::fs::create_dir_all(&dir).unwrap();
        for c in charts_of(&plan) {
            std::fs::write(dir.join(format!("{}.svg", c.id)), c.svg().unwrap()).unwrap();
        }
    }
}
