//! `cargo bench --bench hostile`: how long the tool takes over input built to make it slow
//! (issue 8). Each case must stay linear in its input and end in an error or a bounded
//! report; the tests check what comes out, this bench how long it takes:
//!
//! * a body nested 15,000 levels deep (refused at 32);
//! * 3,000 aliases of a 1 MB text (refused past 32 MB expanded);
//! * two chart names of a million characters, wrapped and cut in both chart layouts;
//! * `check /dev/zero` with the release binary (refused after 8 MB).

use std::time::{Duration, Instant};

const MINIMAL: &str = "meta: { kind: annual, title: 测试, period: \"2024\" }\n";

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    best
}

fn main() {
    let deep = format!(
        "{MINIMAL}sections:\n  - {{ id: deep, title: 深, body: \"{} x\" }}\n",
        ">".repeat(15_000)
    );
    let t = best(5, || planwright::check("deep.yaml", &deep).diagnostics.items.len());
    println!("{:<44} {:>10.2?}", "check: body nested 15,000 deep", t);

    let big = "x".repeat(1024 * 1024);
    let mut aliases = format!("{MINIMAL}summary:\n  text: &big \"{big}\"\n  highlights: [");
    aliases.push_str(&"*big, ".repeat(3_000));
    aliases.push_str("*big]\n");
    let t = best(3, || planwright::check("aliases.yaml", &aliases).diagnostics.items.len());
    println!("{:<44} {:>10.2?}", "check: 3,000 aliases of 1 MB", t);

    let yaml = "meta: { kind: annual, title: 长名称, period: \"2025\", as_of: 2025-06-15 }\n\
         budget:\n  items:\n    - { name: 推广, amount: 100 }\n    - { name: 人员, amount: 50 }\n\
         kpis:\n  - { name: 推广, target: 1000, actual: 400 }\n";
    let checked = planwright::check("long.yaml", yaml);
    let Some((mut plan, figures)) = checked.valid else {
        eprintln!("the long-name plan did not check");
        return;
    };
    // past the check's own limit on names, as the charts must cope anyway
    let long = "市场推广与品牌建设".repeat(111_112);
    if let Some(b) = plan.budget.as_mut() {
        b.items[0].name = long.clone();
    }
    plan.kpis[0].name = long;
    let labels = match planwright::templates::Templates::load(None) {
        Ok(t) => t.labels(plan.meta.locale),
        Err(e) => {
            eprintln!("templates: {e}");
            return;
        }
    };
    let t = best(3, || {
        planwright::charts::build(&plan, &figures, &labels)
            .iter()
            .map(|c| c.svg().map_or(0, |s| s.len()) + c.narrow_svg().map_or(0, |s| s.len()))
            .sum::<usize>()
    });
    println!("{:<44} {:>10.2?}", "charts: two names of 1,000,000 characters", t);

    let bin = env!("CARGO_BIN_EXE_planwright");
    let t = best(3, || std::process::Command::new(bin).args(["check", "/dev/zero"]).output());
    println!("{:<44} {:>10.2?}", "process: check /dev/zero", t);
}
