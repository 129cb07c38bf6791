//! Themes as files, read back from what they change: the PDF's colours, margins and
//! running footer, the charts' palette, the HTML page's colours; `--theme` errors; the
//! default theme written by `templates export`.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{root, run, scratch};

/// What a PDF draws, read from its content streams.
struct Drawn {
    /// Every fill and stroke colour set (`rg`, `RG`), as `#rrggbb`.
    colors: BTreeSet<String>,
    /// Page size, points.
    size: (f32, f32),
    /// Where the running header starts on the body pages (3 on): the left margin.
    left: f32,
    /// The lowest and highest baseline on body pages (from the page top).
    top: f32,
}

fn hex(ops: &[lopdf::Object]) -> String {
    let c: Vec<u8> = ops.iter().map(|o| (o.as_float().unwrap() * 255.0).round() as u8).collect();
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn drawn(pdf: &Path) -> Drawn {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut colors = BTreeSet::new();
    let mut top = f32::MAX;
    let mut starts: Vec<(f32, f32)> = Vec::new();
    let mut size = (0.0, 0.0);
    for (n, page) in doc.get_pages() {
        let dict = doc.get_dictionary(page).unwrap();
        let mb = dict.get(b"MediaBox").unwrap().as_array().unwrap();
        size = (mb[2].as_float().unwrap(), mb[3].as_float().unwrap());
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
        for op in &content.operations {
            match op.operator.as_str() {
                "rg" | "RG" => {
                    colors.insert(hex(&op.operands));
                }
                "Tm" if n >= 3 => {
                    let x = op.operands[4].as_float().unwrap();
                    let y = size.1 - op.operands[5].as_float().unwrap();
                    starts.push((x, y));
                    top = top.min(y);
                }
                _ => {}
            }
        }
    }
    let left = starts
        .iter()
        .filter(|(_, y)| (y - top).abs() < 0.1)
        .map(|(x, _)| *x)
        .fold(f32::MAX, f32::min);
    Drawn { colors, size, left, top }
}

fn render(theme: Option<&str>, name: &str, formats: &str) -> std::path::PathBuf {
    let out = scratch(&format!("themes-{name}"));
    let plan = root().join("plans/annual-sales-plan.yaml");
    let mut args =
        vec!["render", plan.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", formats];
    if let Some(t) = theme {
        args.extend(["--theme", t]);
    }
    let o = run(&root(), &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
    out.join("annual-sales-plan")
}

const MM: f32 = 72.0 / 25.4;

#[test]
fn a_theme_changes_the_pdfs_colours_and_margins() {
    let default = drawn(&render(None, "default", "pdf").join("annual-sales-plan.pdf"));
    let print = drawn(&render(Some("print"), "print", "pdf").join("annual-sales-plan.pdf"));
    let colorful = root().join("templates/themes/colorful.toml");
    let colorful =
        drawn(&render(colorful.to_str(), "colorful", "pdf").join("annual-sales-plan.pdf"));

    // A4 portrait in all three; the body starts at the left margin each theme sets
    for d in [&default, &print, &colorful] {
        assert!((d.size.0 - 210.0 * MM).abs() < 0.5 && (d.size.1 - 297.0 * MM).abs() < 0.5);
    }
    assert!((default.left - 31.7 * MM).abs() < 0.6, "default left {}", default.left / MM);
    assert!((print.left - 25.0 * MM).abs() < 0.6, "print left {}", print.left / MM);
    assert!((colorful.left - 20.0 * MM).abs() < 0.6, "colorful left {}", colorful.left / MM);
    // the running header sits 14 pt above the top margin
    assert!((print.top - (25.0 * MM - 14.0)).abs() < 1.0, "print top {}", print.top);
    assert!((colorful.top - (20.0 * MM - 14.0)).abs() < 1.0, "colorful top {}", colorful.top);

    // the default draws its blue accent; print draws only greys; colorful its teal brand,
    // its table head and zebra tints and its orange chart accent
    assert!(default.colors.contains("#1f4e79"), "{:?}", default.colors);
    let grey = |c: &String| c[1..3] == c[3..5] && c[3..5] == c[5..7];
    let coloured: Vec<&String> = print.colors.iter().filter(|c| !grey(c)).collect();
    assert!(coloured.is_empty(), "print theme draws in colour: {coloured:?}");
    for c in ["#0e7c7b", "#d5efee", "#f4fbfb", "#fdebd0", "#e67e22"] {
        assert!(colorful.colors.contains(c), "colorful lacks {c}: {:?}", colorful.colors);
    }
    // its rules replace the default blue-grey ones
    assert!(default.colors.contains("#9fb3c8") && !colorful.colors.contains("#9fb3c8"));
}

#[test]
fn a_theme_sets_the_running_footer_and_the_html_palette() {
    let Some(text) = pdftotext(&render(Some("print"), "print-text", "pdf,html")) else { return };
    // print: `{title}` left and `{page} / {total}` right in the footer
    assert!(text.contains("2025年度销售计划") && text.contains("4 / "), "{text}");
    assert!(!text.contains("第4页"), "the default footer is replaced");
    let dir = render(Some("colorful"), "colorful-html", "html");
    let html = std::fs::read_to_string(dir.join("annual-sales-plan.html")).unwrap();
    assert!(
        html.contains("--accent: #0e7c7b;") && html.contains("--cover: #d5efee;"),
        "no theme CSS"
    );
    // and the charts inlined in the page are drawn in the theme's palette
    assert!(html.contains("fill=\"#0E7C7B\"") || html.contains("fill=\"#0e7c7b\""));
}

fn pdftotext(dir: &Path) -> Option<String> {
    let pdf = dir.join("annual-sales-plan.pdf");
    let o = std::process::Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output();
    match o {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        _ if std::env::var_os("PLANWRIGHT_REQUIRE_TOOLS").is_some() => panic!("pdftotext missing"),
        _ => {
            println!("SKIP: pdftotext not installed");
            None
        }
    }
}

#[test]
fn theme_errors_name_the_file_line_column_and_the_accepted_values() {
    let dir = scratch("themes-bad");
    std::fs::write(
        dir.join("bad.toml"),
        "[table]\nstyle = \"zebra\"\n[colors]\naccnt = \"#000\"\n",
    )
    .unwrap();
    let plan = root().join("plans/annual-sales-plan.yaml");
    let o = run(&dir, &["render", plan.to_str().unwrap(), "-o", "out", "--theme", "bad.toml"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.toml:2:9") && err.contains("`rules`, `grid`"), "{err}");
    assert!(err.contains("bad.toml:4:1") && err.contains("`colors.accent`"), "{err}");
    assert!(!dir.join("out").exists(), "nothing written");
}

#[test]
fn export_writes_the_default_theme_commented_and_the_examples() {
    let dir = scratch("themes-export");
    let o = run(&dir, &["templates", "export", "t"]);
    assert!(o.status.success());
    let theme = std::fs::read_to_string(dir.join("t/theme.toml")).unwrap();
    assert!(theme.contains("# [page]\n") && theme.contains("# size = \"A4\"\n"), "{theme}");
    assert!(theme.contains("# margin_left = 31.7\n") && theme.contains("# accent = \"#1f4e79\"\n"));
    assert!(
        dir.join("t/themes/print.toml").is_file() && dir.join("t/themes/colorful.toml").is_file()
    );
    // the exported folder renders exactly as the built-ins do: its theme changes nothing
    let plan = root().join("plans/annual-sales-plan.yaml");
    for (out, extra) in [("a", vec![]), ("b", vec!["--templates", "t"])] {
        let mut args = vec!["render", plan.to_str().unwrap(), "-o", out, "-f", "pdf,html"];
        args.extend(extra);
        let o = run(&dir, &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    for f in ["annual-sales-plan.pdf", "annual-sales-plan.html"] {
        let a = std::fs::read(dir.join("a/annual-sales-plan").join(f)).unwrap();
        let b = std::fs::read(dir.join("b/annual-sales-plan").join(f)).unwrap();
        assert!(a == b, "{f} differs with the exported theme");
    }
}
