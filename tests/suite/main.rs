//! Every integration test in one test binary. Each file here was a test crate of its own;
//! together they link the library (and its 26 MB of fonts) once instead of 22 times, which
//! keeps a clean `cargo test` target small enough for a CI machine's disk and saves the
//! links. `cargo test --test suite <module>::` runs one file's tests.

mod common;

mod authoring;
mod batch;
mod browser;
mod chapters;
mod charts;
mod checks;
mod cli;
mod faults;
mod fuzz_corpus;
mod hostile;
mod html;
mod locales;
mod pages;
mod pdf;
mod plan_format;
mod properties;
mod render;
mod robust;
mod schema;
mod snapshots;
mod themes;
mod watch;
