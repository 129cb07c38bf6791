//! Plan text → YAML node tree with positions (see [`yaml`]); syntax errors explained in
//! plain words (see [`syntax`]).

pub mod syntax;
pub mod yaml;
