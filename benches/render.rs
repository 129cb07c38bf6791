//! `cargo bench`: time each pipeline stage on the reference plans (median of many runs).
//!
//! A plain harness (no extra crates): what matters here is the order of magnitude per plan,
//! which later batch rendering multiplies by thousands.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use planwright::render::Format;
use planwright::{Engine, check};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut plans: Vec<PathBuf> = ["../shared/examples", "plans"]
        .iter()
        .filter_map(|d| std::fs::read_dir(root.join(d)).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    plans.sort();
    let t = Instant::now();
    let engine = Engine::new(None).expect("built-in templates load");
    println!("load templates once: {:>9.1?}", t.elapsed());
    let runs = 200;
    for path in plans {
        let source = std::fs::read_to_string(&path).expect("read plan");
        let name = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
        let checked = check(&name, &source);
        let Some((plan, figures)) = checked.valid else {
            println!("{name}: has errors, skipped");
            continue;
        };
        let t_check = time(runs, || check(&name, &source));
        let t_md = time(runs, || engine.render(&plan, &figures, Format::Markdown).expect("render"));
        println!(
            "{name:<32} check+figures {:>9.1?}   markdown {:>9.1?}   total {:>9.1?}",
            t_check,
            t_md,
            t_check + t_md
        );
    }
}
