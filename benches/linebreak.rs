//! `cargo bench --bench linebreak`: line breaking on hostile input (issue 8), which must stay
//! linear: a 200,000-character word, a 1,000,000-character word, a 1 MB mixed paragraph, and
//! the English and Chinese body paragraphs of ordinary reports for scale.

use std::time::{Duration, Instant};

use planwright::render::pdf::Fonts;
use planwright::render::pdf::fonts::Face;
use planwright::render::pdf::linebreak::{Align, Run, Setting, break_lines};
use planwright::render::pdf::page::TextStyle;
use planwright::render::pdf::theme::Rgb;

fn best(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut lines = 0;
    for _ in 0..runs {
        let t = Instant::now();
        lines = std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    (best, lines)
}

fn main() {
    let fonts = Fonts::load().expect("bundled fonts");
    let style = TextStyle { face: Face::Regular, size: 10.5, color: Rgb::BLACK };
    let body = Setting { width: 425.0, indent: 21.0, justify: true, align: Align::Left };
    let cases: Vec<(&str, String, usize)> = vec![
        ("English paragraph (600 chars)", "Enterprise customers evaluate questionnaires, procurement requirements and implementation timelines before committing; ".repeat(5), 200),
        ("Chinese paragraph (600 chars)", "本方案旨在系统化构建公司销售体系，通过数据驱动的目标设定、多维度策略组合、精细化过程管理，".repeat(14), 200),
        ("200,000-character word", "x".repeat(200_000), 5),
        ("1,000,000-character word", "x".repeat(1_000_000), 3),
        ("1 MB mixed paragraph", "本方案旨在系统化构建公司销售体系，通过数据驱动的目标设定 and growth plans。".repeat(12_000), 3),
    ];
    let ragged = Setting { justify: false, ..body };
    for (name, text, runs) in cases {
        for (how, set) in [("justified", &body), ("ragged", &ragged)] {
            let (t, lines) =
                best(runs, || break_lines(&[Run::new(text.as_str(), style)], &fonts, set).len());
            println!("{name:<32} {how:<9} {:>8} bytes {lines:>6} lines {t:>10.2?}", text.len());
        }
    }
}
