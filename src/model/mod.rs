//! Raw YAML tree → typed, validated [`Plan`]; every problem collected, not just the first.

mod build;
pub mod date;
mod reader;
mod types;
pub mod values;

pub use build::CHAPTERS;
pub use types::*;

use crate::diagnostic::Diagnostic;
use crate::plan::yaml::Node;

/// Builds the typed plan from the node tree; errors leave the plan partly filled.
pub fn from_tree(root: &Node, source: &str) -> (Plan, Vec<Diagnostic>) {
    build::build(root, source)
}
