//! Planwright: a sales or business plan in YAML → a board-ready report.
//!
//! Pipeline: [`plan`] (YAML → node tree) → [`model`] (typed, validated) → [`figures`]
//! (derived, exact decimals) → [`checks`] (warnings) → [`context`] (one view for templates)
//! → [`templates`] (Tera) → [`render`] (Markdown) → [`output`] (files).

pub mod diagnostic;
pub mod format;
pub mod model;
pub mod plan;
