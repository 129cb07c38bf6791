//! The plan's shape is declared once (`model::keys`); the JSON Schema (`planwright schema`),
//! the reader's key checks and the key tables of `docs/plan-format.md` come from it. Here a
//! real JSON Schema validator (the `jsonschema` crate) checks every reference plan, starter
//! and clean fixture against the schema, and the schema's keys are compared with the keys
//! the reader accepts.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{own_plans, root, run, shared_examples, yaml_files};
use planwright::model::{keys, schema};
use serde_json::Value;

fn as_json(text: &str) -> Value {
    planwright::plan::yaml::to_json(&planwright::plan::yaml::parse(text).unwrap())
}

/// Every plan that `check` reads without errors: the reference plans, the starters, and
/// the fixtures that are clean.
fn clean_plans() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut files = own_plans();
    files.extend(shared_examples());
    files.extend(yaml_files(&root().join("tests/fixtures/checks")));
    files.extend(yaml_files(&root().join("tests/fixtures/charts")));
    files.push(root().join("tests/fixtures/stress.yaml"));
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        if planwright::check("p.yaml", &text).valid.is_some() {
            out.push((f.display().to_string(), text));
        }
    }
    for (kind, text) in planwright::starter::STARTERS {
        out.push((format!("starter {kind}"), text.to_string()));
    }
    out
}

#[test]
fn every_clean_plan_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&schema::json_schema()).unwrap();
    let plans = clean_plans();
    assert!(plans.len() >= 8, "{} plans", plans.len());
    assert!(plans.iter().any(|(p, _)| p.contains("annual-sales-plan.yaml")));
    if !shared_examples().is_empty() {
        assert!(plans.iter().any(|(p, _)| p.contains("shared/examples/monthly-battle-plan")));
    }
    for (name, text) in plans {
        let instance = as_json(&text);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name} does not validate:\n{}", errors.join("\n"));
    }
}

#[test]
fn the_schema_refuses_what_the_reader_refuses() {
    let validator = jsonschema::validator_for(&schema::json_schema()).unwrap();
    let base = "meta: {kind: annual, title: T, period: \"2025\"}\n";
    assert!(validator.is_valid(&as_json(base)));
    for bad in [
        "meta: {kind: annual, title: T, period: \"2025\", titel: x}\n", // unknown key
        "meta: {kind: annual, title: T}\n",                             // missing period
        "meta: {kind: annual, title: T, period: \"2025\"}\nkpiz: []\n", // unknown chapter
        "meta: {kind: annual, title: T, period: \"2025\"}\nmarket: {competitors: [{name: A, share: 0.3}]}\n", // percent without %
        "meta: {kind: annual, title: T, period: \"2025\"}\nschedule: [{name: A, start: 2025/01/01, end: 2025-02-01}]\n", // not a date
        "meta:\n  kind: annual\n  title:\n  period: \"2025\"\n", // a required key left empty
    ] {
        assert!(!validator.is_valid(&as_json(bad)), "accepted:\n{bad}");
        assert!(planwright::check("b.yaml", bad).valid.is_none(), "the reader accepts:\n{bad}");
    }
}

/// Every key path the schema has (`funnel.stages[].days`), walked from its properties.
fn schema_paths(v: &Value, at: &str, out: &mut BTreeSet<String>) {
    if let Some(props) = v.get("properties").and_then(Value::as_object) {
        for (k, p) in props {
            let path = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
            out.insert(path.clone());
            schema_paths(p, &path, out);
        }
    }
    if let Some(items) = v.get("items") {
        schema_paths(items, &format!("{at}[]"), out);
    }
    for key in ["anyOf", "oneOf"] {
        for alt in v.get(key).and_then(Value::as_array).into_iter().flatten() {
            schema_paths(alt, at, out);
        }
    }
}

#[test]
fn every_key_the_reader_accepts_is_in_the_schema_and_no_other() {
    let mut in_schema = BTreeSet::new();
    schema_paths(&schema::json_schema(), "", &mut in_schema);
    let accepted: BTreeSet<String> = keys::paths().into_iter().collect();
    let missing: Vec<_> = accepted.difference(&in_schema).collect();
    let extra: Vec<_> = in_schema.difference(&accepted).collect();
    assert!(missing.is_empty(), "accepted by the reader, not in the schema: {missing:?}");
    assert!(extra.is_empty(), "in the schema, refused by the reader: {extra:?}");
    // and each is described in both languages
    fn described(v: &Value, at: &str) {
        for (k, p) in v.get("properties").and_then(Value::as_object).into_iter().flatten() {
            let d = p["description"].as_str().unwrap_or("");
            let (en, zh) = d.split_once('\n').unwrap_or((d, ""));
            assert!(!en.is_empty() && zh.chars().any(planwright::text::is_han), "{at}.{k}: {d:?}");
            described(p, &format!("{at}.{k}"));
        }
        for alt in v.get("anyOf").and_then(Value::as_array).into_iter().flatten() {
            described(alt, at);
        }
        if let Some(items) = v.get("items") {
            described(items, at);
        }
    }
    described(&schema::json_schema(), "");
}

#[test]
fn planwright_schema_prints_it() {
    let o = run(&root(), &["schema"]);
    assert!(o.status.success());
    let printed: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(printed, schema::json_schema());
    assert_eq!(printed["$id"], schema::ID);
}

/// The key tables of `docs/plan-format.md`, one a chapter (`## meta`, `## funnel (v1.1…)`)
/// and the top level's, are made from the same declaration:
/// `UPDATE_DOCS=1 cargo test --test suite schema::` rewrites them.
#[test]
fn the_docs_key_tables_are_generated_from_the_declaration() {
    let path = root().join("docs/plan-format.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let tops: BTreeSet<&str> = keys::TOP.names().into_iter().collect();
    let mut out = String::new();
    let mut stale = Vec::new();
    let mut section: Option<String> = None;
    let mut lines = doc.split_inclusive('\n').peekable();
    let mut tables = 0;
    while let Some(line) = lines.next() {
        if let Some(h) = line.strip_prefix("## ") {
            let word = h.split_whitespace().next().unwrap_or("");
            section = if h.starts_with("The top level") {
                Some(String::new())
            } else {
                tops.contains(word).then(|| word.to_string())
            };
        }
        match &section {
            Some(top) if line.starts_with("| key | value | meaning |") => {
                let mut old = line.to_string();
                while lines.peek().is_some_and(|l| l.starts_with('|')) {
                    old.push_str(lines.next().unwrap());
                }
                let new = schema::doc_table(top);
                if old != new {
                    stale.push(if top.is_empty() {
                        "(top level)".to_string()
                    } else {
                        top.clone()
                    });
                }
                out.push_str(&new);
                tables += 1;
                section = None;
            }
            _ => out.push_str(line),
        }
    }
    assert!(tables > 25, "{tables} tables");
    if !stale.is_empty() && std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, out).unwrap();
        return;
    }
    assert!(
        stale.is_empty(),
        "stale key tables in docs/plan-format.md: {stale:?}; run UPDATE_DOCS=1 cargo test --test suite schema::"
    );
}

#[test]
fn new_writes_the_schema_line_and_the_schema_beside_the_plan() {
    let dir = common::scratch("schema-new");
    let o = run(&dir, &["new", "annual", "plan.yaml"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(dir.join("plan.yaml")).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=./planwright.schema.json\n"),
        "{text:.200}"
    );
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("planwright.schema.json")).unwrap())
            .unwrap();
    assert_eq!(written, schema::json_schema());
    assert!(Path::new(&dir.join("plan.yaml")).is_file());
}
