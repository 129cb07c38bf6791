//! What each fuzz target does with its input, shared by the fuzz targets (`fuzz_targets/`)
//! and the corpus replay in the normal test run (`tests/suite/fuzz_corpus.rs`). Every function
//! must return, without a panic, for any bytes.

#![allow(dead_code)]

use planwright::Engine;
use planwright::format::{self, Precision};
use planwright::model::Locale;
use planwright::model::date::Date;
use planwright::model::values::{self, Currency, Period};
use planwright::render::Format;
use rust_decimal::Decimal;

/// Plan text → diagnostics (what `check` does), drawn in full.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let checked = planwright::check("fuzz.yaml", text);
    let _ = checked.diagnostics.render();
}

/// Money, percent, number, date and period parsing, and formatting what parsed (and the
/// first 16 bytes as a raw decimal) in both locales.
pub fn values(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for unit in [Decimal::ONE, Decimal::from(10_000), Decimal::from(100_000_000)] {
        if let Ok(m) = values::parse_money(text, unit) {
            show(m.amount);
        }
    }
    if let Ok(p) = values::parse_percent(text) {
        show(p);
    }
    if let Ok(n) = values::parse_number(text) {
        show(n);
    }
    let _ = values::parse_scale(text);
    let _ = values::parse_figure(text, Decimal::from(10_000));
    if let Some(d) = Date::parse(text) {
        for l in [Locale::ZhCn, Locale::En] {
            let _ = format::date(d, l);
            let _ = format::short_date(d, l, Some(2024));
        }
    }
    if let Ok(p) = Period::parse(text) {
        let _ = p.next();
        let _ = p.code();
        for l in [Locale::ZhCn, Locale::En] {
            let _ = format::period(&p, l);
            let _ = format::period_label(&p, l);
        }
    }
    if data.len() >= 16 {
        let mut b = [0u8; 16];
        b.copy_from_slice(&data[..16]);
        show(Decimal::deserialize(b));
    }
}

fn show(d: Decimal) {
    for l in Locale::ALL {
        for c in [Currency::CNY, Currency::USD, Currency::JPY] {
            let style = format::MoneyStyle::new(c, l);
            for p in [Precision::Exact, Precision::Derived] {
                let _ = format::money(d, &style, p);
            }
            let _ = format::signed_money(d, &style);
        }
        let _ = format::points(d, l);
        let _ = format::number(d, Some("家"), l, Precision::Derived);
    }
    let _ = format::percent(d, Precision::Exact);
    let _ = format::percent(d, Precision::Derived);
    let _ = format::signed_percent(d);
}

/// A plan checked and, when valid, rendered to Markdown, HTML and PDF.
pub fn render(data: &[u8], engine: &Engine) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let checked = planwright::check("fuzz.yaml", text);
    let Some((plan, figures)) = checked.valid else { return };
    let _ = engine.render(&plan, &figures, "fuzz", &[Format::Markdown, Format::Html, Format::Pdf]);
}

/// Arbitrary Markdown laid out as the body of a PDF report.
pub fn pdf_layout(data: &[u8], engine: &Engine) {
    let Ok(md) = std::str::from_utf8(data) else { return };
    let source = "meta: { kind: annual, title: 模糊测试, period: \"2024\" }\n";
    let Some((plan, _)) = planwright::check("fuzz.yaml", source).valid else { return };
    let labels = engine.templates().labels(plan.meta.locale);
    let markdown = format!("# 模糊测试\n\n## 一、正文\n\n{md}\n");
    let input = planwright::render::pdf::input(&plan, markdown, &labels);
    let Ok(fonts) = engine.fonts() else { return };
    let theme = planwright::render::pdf::Theme::default();
    let images = planwright::render::pdf::Images::default();
    let _ = planwright::render::pdf::render(&input, fonts, &theme, &images);
}
