//! `cargo bench --bench render`: the time of each pipeline stage — load (read the file),
//! check (YAML → model, with figures and warnings), figures alone, charts (build and SVG),
//! context, Markdown (templates), HTML, PDF — on the reference plans and on a large
//! generated plan, as the median of many runs in one process (templates and fonts loaded
//! once, as a batch does).
//!
//! A plain harness (no extra crates): the order of magnitude per plan is what matters, which
//! batch rendering multiplies by thousands.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use planwright::render::{Format, RenderedChart};
use planwright::{Engine, charts, check, context, figures, render};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs.max(1))
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

/// A large plan: the annual reference plan with a custom chapter of 200 list lines added
/// (about eight pages more of text to check, lay out and write).
fn large_plan(base: &str) -> String {
    let mut appendix = String::from("  - id: appendix\n    title: 附录：区域明细\n    body: |\n");
    for r in 0..200 {
        appendix.push_str(&format!(
            "      - 第{r}区域：销售额目标 {} 万元，重点客户 {} 家，负责人 区域经理{r}\n",
            300 + r * 7,
            20 + r % 13
        ));
    }
    // the plan may have custom chapters already: the appendix joins them
    match base.find("\nsections:\n") {
        Some(at) => {
            let cut = at + "\nsections:\n".len();
            format!("{}{appendix}{}", &base[..cut], &base[cut..])
        }
        None => format!("{base}\nsections:\n{appendix}"),
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut plans: Vec<(String, String)> = ["../shared/examples", "plans"]
        .iter()
        .filter_map(|d| std::fs::read_dir(root.join(d)).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let name = p.strip_prefix(&root).unwrap_or(&p).display().to_string();
            (name, std::fs::read_to_string(&p).expect("read plan"))
        })
        .collect();
    plans.sort();
    if let Some((_, annual)) =
        plans.iter().find(|(n, _)| n.ends_with("plans/annual-sales-plan.yaml"))
    {
        plans.push(("generated: annual + 200-row appendix".into(), large_plan(annual)));
    }
    let t = Instant::now();
    let engine = Engine::new(None).expect("built-in templates load");
    println!("load templates once: {:>9.1?}", t.elapsed());
    let t = Instant::now();
    let fonts = engine.fonts().expect("bundled fonts load");
    println!("load PDF fonts once: {:>9.1?}", t.elapsed());
    let theme = render::pdf::Theme::default();
    let runs = 100;
    println!(
        "{:<44} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "plan", "load", "check", "figures", "charts", "context", "md", "html", "pdf", "all"
    );
    for (name, source) in &plans {
        let checked = check(name, source);
        let Some((plan, figs)) = checked.valid else {
            println!("{name}: has errors, skipped\n{}", checked.diagnostics.render());
            continue;
        };
        let path = root.join(name);
        let t_load = if path.is_file() {
            time(runs, || planwright::read_plan(&path).expect("read"))
        } else {
            Duration::ZERO
        };
        let t_check = time(runs, || check(name, source));
        let t_figures = time(runs, || figures::derive(&plan));
        let labels = engine.templates().labels(plan.meta.locale);
        let built = charts::build(&plan, &figs, &labels);
        let t_charts = time(runs / 4, || {
            let cs = charts::build(&plan, &figs, &labels);
            cs.iter().map(|c| c.svg().map(|s| s.len()).unwrap_or(0)).sum::<usize>()
        });
        let t_context = time(runs, || {
            context::build(&plan, &figs, &labels, &plan.meta.kind, &built, &Default::default())
        });
        let ctx =
            context::build(&plan, &figs, &labels, &plan.meta.kind, &built, &Default::default());
        let set = plan.meta.kind.clone();
        let t_md = time(runs, || {
            render::markdown::render_parts(engine.templates(), &set, &ctx, plan.meta.locale)
                .expect("markdown")
        });
        let md = render::markdown::render_parts(engine.templates(), &set, &ctx, plan.meta.locale)
            .expect("markdown");
        let svgs = built
            .iter()
            .map(|c| RenderedChart {
                id: c.id.clone(),
                title: c.title.clone(),
                description: c.description.clone(),
                svg: c.svg().unwrap_or_default(),
                narrow: c.narrow_svg().unwrap_or_default(),
            })
            .collect::<Vec<_>>();
        let svgs: render::html::Charts = svgs.iter().map(|c| (c.id.as_str(), c)).collect();
        let t_html = time(runs, || {
            render::html::render(engine.templates(), &set, &labels, &md, &svgs).expect("html")
        });
        let input = render::pdf::input(&plan, md.document.clone(), &labels);
        let images: render::pdf::Images =
            built.iter().map(|c| (c.id.clone(), c as &dyn render::pdf::Drawing)).collect();
        let t_pdf =
            time(runs / 4, || render::pdf::render(&input, fonts, &theme, &images).expect("pdf"));
        let all = [Format::Markdown, Format::Html, Format::Pdf];
        let t_all = time(runs / 4, || engine.render(&plan, &figs, "bench", &all).expect("render"));
        let short: String =
            name.chars().rev().take(44).collect::<Vec<_>>().into_iter().rev().collect();
        println!(
            "{short:<44} {t_load:>9.1?} {t_check:>9.1?} {t_figures:>9.1?} {t_charts:>9.1?} {t_context:>9.1?} {t_md:>9.1?} {t_html:>9.1?} {t_pdf:>9.1?} {t_all:>9.1?}"
        );
    }
}
