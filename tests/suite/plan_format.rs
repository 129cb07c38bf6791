//! `docs/plan-format.md` is the contract users read: every key the reader accepts is listed
//! there, and every key listed there is accepted.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::BTreeSet;

use common::root;

/// The key paths in the first column of the document's key tables
/// (`` `funnel.stages[].days` ``), from "The top level" on (the table before it lists
/// chapter ids).
fn documented() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("docs/plan-format.md")).unwrap();
    let keys = text.split("## The top level").nth(1).expect("a `The top level` section");
    keys.lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(path, _)| path.to_string()))
        .collect()
}

#[test]
fn every_accepted_key_is_documented_and_every_documented_key_is_accepted() {
    let accepted: BTreeSet<String> = planwright::model::keys::paths().into_iter().collect();
    let documented = documented();
    let missing: Vec<&String> = accepted.difference(&documented).collect();
    let unknown: Vec<&String> = documented.difference(&accepted).collect();
    assert!(missing.is_empty(), "accepted but not in docs/plan-format.md: {missing:?}");
    assert!(unknown.is_empty(), "in docs/plan-format.md but not accepted: {unknown:?}");
    assert!(accepted.len() > 200, "only {} keys", accepted.len());
}

/// The YAML that writes `path` (`funnel.stages[].days`) with the value `x`.
fn yaml_of(path: &str) -> String {
    let mut out = String::new();
    let mut indent = String::new();
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let (key, list) = match part.strip_suffix("[]") {
            Some(k) => (k, true),
            None => (*part, false),
        };
        let last = i + 1 == parts.len();
        if last {
            out.push_str(&format!("{indent}{key}: x\n"));
        } else if list {
            out.push_str(&format!("{indent}{key}:\n{indent}  -\n"));
            indent.push_str("    ");
        } else {
            out.push_str(&format!("{indent}{key}:\n"));
            indent.push_str("  ");
        }
    }
    out
}

/// Each documented key, written into a plan on its own, is read as a key the plan may
/// have: wrong values are errors, but never an unknown key.
#[test]
fn each_documented_key_is_read_where_the_document_puts_it() {
    for path in documented() {
        let key = path.rsplit('.').next().unwrap().trim_end_matches("[]");
        let yaml = yaml_of(&path);
        let checked = planwright::check("k.yaml", &yaml);
        let unknown = format!("未知的键 `{key}`");
        assert!(
            !checked.diagnostics.items.iter().any(|d| d.message.contains(&unknown)),
            "`{path}` is refused:\n{yaml}\n{}",
            checked.diagnostics.render()
        );
    }
    // and the test can fail: a key the document does not list is refused
    let checked = planwright::check("k.yaml", &yaml_of("funnel.stages[].dayz"));
    assert!(checked.diagnostics.items.iter().any(|d| d.message.contains("未知的键 `dayz`")));
}

/// The reader checks every mapping against `model::keys` (the lists compared above), never
/// against a list of its own.
#[test]
fn the_reader_takes_its_keys_from_the_registry() {
    for file in ["build.rs", "chapters.rs", "reader.rs"] {
        let text = std::fs::read_to_string(root().join("src/model").join(file)).unwrap();
        for (i, _) in text.match_indices(".fields(") {
            let call: String = text[i..].chars().take(200).collect();
            let allowed = call.split(',').nth(2).unwrap_or("").trim();
            assert!(
                allowed.starts_with("keys::") || allowed.starts_with("super::keys::"),
                "{file}: `{}` checks keys against a list of its own",
                call.lines().next().unwrap()
            );
        }
    }
}
