//! Plan text → YAML node tree with positions (see [`yaml`]).

pub mod yaml;
