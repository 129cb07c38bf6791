//! insta snapshots of the reference reports, so a review shows every change to the Markdown.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;

#[test]
fn reference_reports_markdown() {
    let examples = shared_examples();
    if examples.is_empty() {
        eprintln!("SKIP: ../shared/examples not present");
        return;
    }
    for plan in examples {
        let name = plan.file_stem().unwrap().to_string_lossy().into_owned();
        let md = render_md(&plan, &format!("snap-{name}"));
        insta::assert_snapshot!(name, md);
    }
}
