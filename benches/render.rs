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
    let t = Instant::now();
    engine.fonts().expect("bundled fonts parse");
    println!("parse PDF fonts once: {:>9.1?}", t.elapsed());
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
        let t_md = time(runs, || {
            engine.render(&plan, &figures, "bench", &[Format::Markdown]).expect("render")
        });
        let t_html = time(runs, || {
            engine
                .render(&plan, &figures, "bench", &[Format::Markdown, Format::Html])
                .expect("render")
        });
        let t_pdf = time(runs / 10, || {
            engine.render(&plan, &figures, "bench", &[Format::Pdf]).expect("render")
        });
        println!(
            "{name:<40} check+figures {t_check:>9.1?}   md {t_md:>9.1?}   md+html {t_html:>9.1?}   pdf {t_pdf:>9.1?}"
        );
    }
}
