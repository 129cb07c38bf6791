//! The plan format as a JSON Schema (draft 2020-12), made from [`super::keys`]: what
//! `planwright schema` prints for editors (VS Code and any yaml-language-server editor give
//! completion, hover text and validation with it). Descriptions are in English and Chinese;
//! each kind of value carries examples.

use serde_json::{Map, Value, json};

use super::keys::{Field, Fields, PERIOD, Shape, TOP};

/// The schema's name (its `$id`): a URN, since the schema is not published at an address;
/// editors find it through the file `planwright new` writes beside the plan.
pub const ID: &str = "urn:planwright:plan-format:1.1";

/// The schema of a plan.
pub fn json_schema() -> Value {
    let mut root = object(TOP);
    if let Some(o) = root.as_object_mut() {
        o.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
        o.insert("$id".into(), json!(ID));
        o.insert("title".into(), json!("Planwright plan / Planwright 计划"));
        o.insert(
            "description".into(),
            json!("A sales or business plan that Planwright turns into a report.\n销售或经营计划，Planwright 据此生成报告。"),
        );
    }
    root
}

/// A mapping: its fields, which are required, nothing else.
fn object(m: &Fields) -> Value {
    let mut props = Map::new();
    for f in m.0 {
        props.insert(f.name.to_string(), field(f));
    }
    let required: Vec<&str> = m.0.iter().filter(|f| f.required).map(|f| f.name).collect();
    let mut o = json!({"type": "object", "properties": props, "additionalProperties": false});
    if !required.is_empty() {
        o["required"] = json!(required);
    }
    o
}

/// A field: its description (English, then Chinese) and its shape, or, when it is not
/// required, nothing at all (the reader takes `note:` with nothing after it as left out).
fn field(f: &Field) -> Value {
    let description = format!("{}\n{}", f.en, f.zh);
    if f.required {
        let mut v = shape(f.shape);
        if let Some(o) = v.as_object_mut() {
            o.insert("description".into(), json!(description));
        }
        return v;
    }
    json!({"description": description, "anyOf": [shape(f.shape), {"type": "null"}]})
}

/// Any scalar: the reader keeps text as written, numbers and dates included.
fn scalar() -> Value {
    json!({"type": ["string", "number", "boolean"]})
}

fn shape(s: Shape) -> Value {
    match s {
        Shape::Text => scalar(),
        Shape::Markdown => json!({"type": ["string", "number"]}),
        Shape::Money => json!({
            "type": ["string", "number"],
            "examples": ["1.5亿", "3000万", "1,200万元", "¥2.5M", "$4.5M", 3000]
        }),
        Shape::Percent => json!({
            "type": "string",
            "pattern": "[%％]\\s*$",
            "examples": ["28%", "-10%", "3.5%"]
        }),
        Shape::Quantity => json!({"type": ["number", "string"], "examples": [1100, 4.5]}),
        Shape::Figure => json!({
            "type": ["string", "number"],
            "examples": ["1.5亿", "92%", 1100, "$4.5M"]
        }),
        Shape::MoneyOrPercent => {
            json!({"type": ["string", "number"], "examples": ["6000万", "40%"]})
        }
        Shape::Date => date(),
        Shape::Period => json!({
            "anyOf": [
                {"type": ["string", "integer"], "examples": ["2025", "2025-Q3", "2025-H1", "2025-11"]},
                object(PERIOD)
            ]
        }),
        Shape::DateOrPeriod => json!({
            "anyOf": [
                {"type": ["string", "integer"], "examples": ["2025-06-30", "2025-Q2", "2027"]},
                object(PERIOD)
            ]
        }),
        Shape::Scale => json!({
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 5},
                {"type": "string", "examples": ["很低", "低", "中", "高", "很高", "very-low", "low", "medium", "high", "very-high"]}
            ]
        }),
        Shape::Boolean => {
            json!({"type": ["boolean", "string"], "examples": [true, false, "是", "否"]})
        }
        Shape::Texts => json!({"type": "array", "items": scalar()}),
        Shape::Items(m) => json!({"type": "array", "items": object(m)}),
        Shape::Fields(m) => object(m),
        Shape::ItemsOrFields(items, map) => {
            json!({"anyOf": [{"type": "array", "items": object(items)}, object(map)]})
        }
    }
}

fn date() -> Value {
    json!({"type": "string", "pattern": "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$", "examples": ["2025-01-08"]})
}

/// The key table of `docs/plan-format.md` for the mappings under `top` (`meta`, `funnel`;
/// `""`: the top level's own keys): every key path with its value and meaning, each key
/// followed by the keys inside it, as an author reads them.
pub fn doc_table(top: &str) -> String {
    let mut out = String::from("| key | value | meaning |\n|-----|-------|---------|\n");
    if top.is_empty() {
        for f in TOP.0 {
            out.push_str(&format!("| `{}` | {} | {} |\n", f.name, words(f.shape), f.en));
        }
    } else if let Some(f) = TOP.get(top) {
        for (at, m) in inside(top, f.shape) {
            rows(&at, m, &mut out);
        }
    }
    out
}

/// A mapping's rows, depth first.
fn rows(at: &str, m: &Fields, out: &mut String) {
    for f in m.0 {
        let path = format!("{at}.{}", f.name);
        out.push_str(&format!("| `{path}` | {} | {} |\n", words(f.shape), f.en));
        for (inner, c) in inside(&path, f.shape) {
            rows(&inner, c, out);
        }
    }
}

/// The mappings a value of this shape may hold, with where they are written.
fn inside(path: &str, s: Shape) -> Vec<(String, &'static Fields)> {
    match s {
        Shape::Fields(c) => vec![(path.to_string(), c)],
        Shape::Items(c) => vec![(format!("{path}[]"), c)],
        Shape::ItemsOrFields(items, map) => {
            vec![(format!("{path}[]"), items), (path.to_string(), map)]
        }
        Shape::Period | Shape::DateOrPeriod => vec![(path.to_string(), PERIOD)],
        _ => Vec::new(),
    }
}

/// How the docs name a shape.
fn words(s: Shape) -> &'static str {
    match s {
        Shape::Text => "text",
        Shape::Markdown => "markdown",
        Shape::Money => "money",
        Shape::Percent => "percent",
        Shape::Quantity => "quantity",
        Shape::Figure => "figure",
        Shape::MoneyOrPercent => "money or percent",
        Shape::Date => "date",
        Shape::Period => "period",
        Shape::DateOrPeriod => "date or period",
        Shape::Scale => "scale",
        Shape::Boolean => "boolean",
        Shape::Texts => "list of text",
        Shape::Items(_) => "list",
        Shape::Fields(_) => "fields",
        Shape::ItemsOrFields(..) => "list or fields",
    }
}
