//! Damaged plans never panic: every example plan, cut short, with lines dropped, duplicated
//! or garbled, is checked and (when valid) rendered to all three formats in-process.
//! Deterministic: a fixed-seed generator picks the damage.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use planwright::render::Format;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn damaged(source: &str, rng: &mut Lcg) -> String {
    let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
    match rng.next(6) {
        0 => lines.truncate(rng.next(lines.len())),
        1 => {
            let i = rng.next(lines.len());
            lines.remove(i);
        }
        2 => {
            let i = rng.next(lines.len());
            let l = lines[i].clone();
            lines.insert(i, l);
        }
        3 => {
            let i = rng.next(lines.len());
            let chars: Vec<char> = lines[i].chars().collect();
            let at = rng.next(chars.len() + 1);
            let junk =
                ["{", "]", ": ", "\"", "&a", "*a", "%", "亿", "-", "\t", ",", "1e999", "[[["];
            let mut s: String = chars[..at].iter().collect();
            s.push_str(junk[rng.next(junk.len())]);
            s.extend(&chars[at..]);
            lines[i] = s;
        }
        4 => {
            let i = rng.next(lines.len());
            lines[i] = format!("  {}", lines[i]);
        }
        _ => {
            let (i, j) = (rng.next(lines.len()), rng.next(lines.len()));
            lines.swap(i, j);
        }
    }
    lines.join("\n")
}

#[test]
fn damaged_plans_give_diagnostics_not_panics() {
    let engine = planwright::Engine::new(None).unwrap();
    let plans: Vec<_> = own_plans().into_iter().chain(shared_examples()).collect();
    let mut rng = Lcg(0x5EED);
    let (mut valid, mut invalid) = (0, 0);
    for plan in &plans {
        let source = std::fs::read_to_string(plan).unwrap();
        for round in 0..40 {
            let text = damaged(&source, &mut rng);
            let checked = planwright::check("damaged.yaml", &text);
            let rendered = checked.diagnostics.render();
            match checked.valid {
                Some((p, f)) => {
                    valid += 1;
                    // The PDF is the slow part: lay out every fourth one.
                    let formats: &[Format] = if round % 4 == 0 {
                        &[Format::Markdown, Format::Html, Format::Pdf]
                    } else {
                        &[Format::Markdown, Format::Html]
                    };
                    engine.render(&p, &f, "damaged", formats).unwrap();
                }
                None => {
                    invalid += 1;
                    assert!(
                        rendered.contains("damaged.yaml"),
                        "diagnostic without a place:\n{rendered}"
                    );
                }
            }
        }
    }
    assert!(valid > 0 && invalid > 0, "valid {valid}, invalid {invalid}");
}
