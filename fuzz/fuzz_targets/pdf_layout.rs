#![no_main]

use std::sync::OnceLock;

#[path = "../targets.rs"]
mod targets;

static ENGINE: OnceLock<planwright::Engine> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let engine = ENGINE.get_or_init(|| planwright::Engine::new(None).expect("built-in templates"));
    targets::pdf_layout(data, engine);
});
