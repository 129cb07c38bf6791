//! Every limit the tool enforces on its input and output, in one place; `docs/limits.md`
//! lists them with the error each one gives. Real plans stay far below all of them.

use rust_decimal::Decimal;

/// Bytes of a plan file (or stream) read at most; real plans are a few KB.
pub const MAX_PLAN_BYTES: u64 = 8 * 1024 * 1024;
/// Deepest YAML nesting accepted; real plans are under 10 levels deep.
pub const MAX_DEPTH: usize = 64;
/// Most values a document may expand to, aliases included ("billion laughs").
pub const MAX_NODES: usize = 1_000_000;
/// Most bytes of text a document may expand to through aliases (a large anchored string
/// repeated by aliases): four times the largest plan.
pub const MAX_EXPANDED_BYTES: usize = 4 * MAX_PLAN_BYTES as usize;

/// Largest amount of money, in base units (1,000万亿元, one quadrillion): far beyond any
/// company, yet small enough that every sum and ratio of such amounts stays exact.
pub const MAX_MONEY: Decimal = Decimal::from_parts(0xA4C6_8000, 0x0003_8D7E, 0, false, 0);
/// Largest plain number (counts, scores): as for money.
pub const MAX_NUMBER: Decimal = MAX_MONEY;
/// Largest percentage, as a fraction (10,000 = 1,000,000%).
pub const MAX_PERCENT: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
/// Largest derived figure (a growth or attainment ratio, a forecast): beyond it the figure
/// means a unit is wrong, and formatting it could overflow.
pub const MAX_DERIVED: Decimal = Decimal::from_parts(0x6310_0000, 0x6BC7_5E2D, 0x5, false, 0);

/// Characters of `meta.title`.
pub const MAX_TITLE_CHARS: usize = 200;
/// Characters of a name (metric, item, channel, risk, section title, …).
pub const MAX_NAME_CHARS: usize = 200;
/// Characters of one free-text field (a paragraph, a note, a section body).
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Deepest nesting of block quotes and lists the PDF lays out (Markdown and HTML have no
/// such limit, but a report nested this deep is a mistake).
pub const MAX_MARKDOWN_NESTING: usize = 32;

/// Bytes one template may produce (the built-in ones produce under 100 KB for real plans).
pub const MAX_TEMPLATE_OUTPUT: usize = 16 * 1024 * 1024;
/// Seconds all templates of one report may take to render.
pub const MAX_TEMPLATE_SECONDS: u64 = 10;
/// Seconds the command line lets one report render (all templates, charts and the PDF)
/// before it stops with an error: the backstop for a template that loops without output.
pub const MAX_RENDER_SECONDS: u64 = 120;
/// Bytes of one template file.
pub const MAX_TEMPLATE_FILE_BYTES: u64 = 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_say_what_their_docs_say() {
        assert_eq!(MAX_MONEY, Decimal::from(1_000_000_000_000_000_i64));
        assert_eq!(MAX_PERCENT, Decimal::from(10_000));
        assert_eq!(MAX_DERIVED, Decimal::from(100_000_000_000_000_000_000_i128));
    }
}
