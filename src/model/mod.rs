//! Raw YAML tree → typed, validated [`Plan`]; every problem collected, not just the first.

mod build;
mod chapters;
pub mod date;
pub mod keys;
mod reader;
pub mod schema;
mod types;
pub mod values;

pub use build::CHAPTERS;
pub(crate) use reader::nearest;
pub use types::*;

use crate::diagnostic::Diagnostic;
use crate::messages::Catalog;
use crate::plan::yaml::Node;
use crate::tr;

/// Builds the typed plan from the node tree; errors leave the plan partly filled.
pub fn from_tree(root: &Node, source: &str, cat: &Catalog) -> (Plan, Vec<Diagnostic>) {
    build::build(root, source, cat)
}

/// The locale of a plan that does not parse, guessed from a `locale:` line in its text.
pub fn sniff_locale(source: &str) -> Locale {
    source
        .lines()
        .filter_map(|l| l.trim().strip_prefix("locale"))
        .filter_map(|rest| rest.trim_start().strip_prefix([':', '：']))
        .find_map(|v| {
            Locale::parse(v.split('#').next().unwrap_or("").trim_matches([' ', '"', '\'']))
        })
        .unwrap_or_default()
}

/// `meta.kind` must name one of `sets` (the template sets available): an error at its line
/// with the nearest name, so `check` finds what `render` would fail on.
pub fn check_kind(meta: &Meta, sets: &[String], cat: &Catalog) -> Option<Diagnostic> {
    let name = meta.kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if meta.kind.is_empty() || !name || sets.contains(&meta.kind) {
        return None;
    }
    let names: Vec<&str> = sets.iter().map(String::as_str).collect();
    let available = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let d = Diagnostic::error(
        tr!(cat, "meta.kind.unknown", kind = meta.kind, available = available),
        "meta.kind",
        meta.kind_span,
    )
    .with_label(cat.t("meta.kind.unknown.label", &[]));
    Some(match reader::nearest(&meta.kind, &names) {
        Some(best) => d.with_hint(tr!(cat, "did-you-mean", name = best)),
        None => d.with_hint(tr!(cat, "meta.kind.unknown.hint", kind = meta.kind)),
    })
}
