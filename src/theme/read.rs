//! A theme file (TOML, or YAML) → the settings it makes, checked against [`KEYS`]: every
//! problem reported at its line and column with the key, the accepted values and the
//! nearest valid name.

// A value's problem is one diagnostic, made once per bad key: boxing it buys nothing.
#![allow(clippy::result_large_err)]

use super::Rgb;
use super::keys::{KEYS, Key, Kind, TABLES, Val, of_table};
use crate::diagnostic::{Diagnostic, Span};
use crate::messages::Catalog;
use crate::model::nearest;
use crate::plan::yaml::{self, Node, NodeKind, Style};
use crate::tr;

/// One key set by a file, with the value it was set to.
#[derive(Clone)]
pub struct Setting {
    /// The key.
    pub key: &'static Key,
    /// Its value, checked.
    pub value: Val,
}

impl std::fmt::Debug for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} = {:?}", self.key.path(), self.value)
    }
}

/// Reads a theme's text (`yaml` for a `.yaml`/`.yml` file, TOML otherwise): its settings
/// in file order, or every problem found.
pub fn settings(text: &str, yaml: bool, cat: &Catalog) -> Result<Vec<Setting>, Vec<Diagnostic>> {
    let root = if yaml {
        yaml::parse(text).map_err(|e| vec![e.diagnostic(text, cat)])?
    } else {
        toml_tree(text, cat)?
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let NodeKind::Map(tables) = &root.kind else {
        if matches!(root.kind, NodeKind::Null) {
            return Ok(out);
        }
        errors.push(
            Diagnostic::error(cat.t("theme.not-tables", &[]), "", Some(root.span)).with_hint(tr!(
                cat,
                "theme.tables",
                tables = list(&TABLES)
            )),
        );
        return Err(errors);
    };
    for (tk, tv) in tables {
        let table = tk.as_str().unwrap_or_default();
        if !TABLES.contains(&table) {
            let d = Diagnostic::error(
                tr!(cat, "theme.table.unknown", table = table),
                table,
                Some(tk.span),
            )
            .with_label(cat.t("key.unknown.label", &[]));
            errors.push(match nearest(table, &TABLES) {
                Some(best) => d.with_hint(tr!(cat, "did-you-mean", name = best)),
                None => d.with_hint(tr!(cat, "theme.tables", tables = list(&TABLES))),
            });
            continue;
        }
        let NodeKind::Map(entries) = &tv.kind else {
            errors.push(
                Diagnostic::error(
                    tr!(cat, "theme.table.not-table", table = table),
                    table,
                    Some(tv.span),
                )
                .with_hint(tr!(cat, "theme.table.hint", table = table)),
            );
            continue;
        };
        let names: Vec<&str> = of_table(table).map(|k| k.name).collect();
        for (kk, kv) in entries {
            let name = kk.as_str().unwrap_or_default();
            let path = format!("{table}.{name}");
            let Some(key) = KEYS.iter().find(|k| k.table == table && k.name == name) else {
                let d = Diagnostic::error(
                    tr!(cat, "theme.key.unknown", key = path),
                    &path,
                    Some(kk.span),
                )
                .with_label(cat.t("key.unknown.label", &[]));
                errors.push(match nearest(name, &names) {
                    Some(best) => {
                        d.with_hint(tr!(cat, "did-you-mean", name = format!("{table}.{best}")))
                    }
                    None => d.with_hint(tr!(cat, "key.valid", keys = list(&names))),
                });
                continue;
            };
            match value(key, kv, cat) {
                Ok(value) => out.push(Setting { key, value }),
                Err(d) => errors.push(d),
            }
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

fn list(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// Checks one value against its key's kind.
fn value(key: &Key, node: &Node, cat: &Catalog) -> Result<Val, Diagnostic> {
    let path = key.path();
    let text = match &node.kind {
        NodeKind::Scalar(s, _) => Some(s.trim().to_string()),
        NodeKind::Null => Some(String::new()),
        _ => None,
    };
    let shown = text.clone().unwrap_or_else(|| cat.t(node.describe(), &[]));
    let bad = |message: String, hint: String| {
        Diagnostic::error(message, &path, Some(node.span))
            .with_label(cat.t("label.here", &[]))
            .with_hint(hint)
    };
    match key.kind {
        Kind::Number { min, max, unit } => {
            let n = text.as_deref().and_then(|t| t.parse::<f32>().ok()).filter(|n| n.is_finite());
            match n {
                Some(n) if (min..=max).contains(&n) => Ok(Val::Num(n)),
                _ => Err(bad(
                    tr!(cat, "theme.value.number", key = path, text = shown),
                    tr!(
                        cat,
                        "theme.value.number.hint",
                        min = fmt_num(min),
                        max = fmt_num(max),
                        unit = unit
                    ),
                )),
            }
        }
        Kind::Color | Kind::OptColor => {
            let t = text.unwrap_or_default();
            if key.kind == Kind::OptColor && t == "none" {
                return Ok(Val::Color(None));
            }
            match Rgb::parse(&t) {
                Some(c) => Ok(Val::Color(Some(c))),
                None => Err(bad(
                    tr!(cat, "theme.value.color", key = path, text = shown),
                    cat.t(
                        if key.kind == Kind::OptColor {
                            "theme.value.opt-color.hint"
                        } else {
                            "theme.value.color.hint"
                        },
                        &[],
                    ),
                )),
            }
        }
        Kind::Choice(choices) => {
            let t = text.unwrap_or_default();
            if choices.contains(&t.as_str()) {
                return Ok(Val::Text(t));
            }
            let mut hint = tr!(cat, "theme.value.accepted", values = list(choices));
            if let Some(best) = nearest(&t, choices) {
                hint = format!("{} {hint}", tr!(cat, "did-you-mean", name = best));
            }
            Err(bad(tr!(cat, "theme.value.choice", key = path, text = shown), hint))
        }
        Kind::Bool => match text.as_deref() {
            Some("true") => Ok(Val::Bool(true)),
            Some("false") => Ok(Val::Bool(false)),
            _ => Err(bad(
                tr!(cat, "theme.value.choice", key = path, text = shown),
                tr!(cat, "theme.value.accepted", values = "`true`, `false`"),
            )),
        },
        Kind::Path => match text {
            Some(t) => Ok(Val::Text(t)),
            None => Err(bad(
                tr!(cat, "theme.value.text", key = path, text = shown),
                cat.t("theme.value.path.hint", &[]),
            )),
        },
        Kind::Text(placeholders) => {
            let Some(t) = text else {
                return Err(bad(
                    tr!(cat, "theme.value.text", key = path, text = shown),
                    tr!(cat, "theme.placeholders", names = braces(placeholders)),
                ));
            };
            for name in crate::messages::placeholders(&t) {
                if !placeholders.contains(&name.as_str()) {
                    let mut hint = tr!(cat, "theme.placeholders", names = braces(placeholders));
                    if let Some(best) = nearest(&name, placeholders) {
                        hint = format!(
                            "{} {hint}",
                            tr!(cat, "did-you-mean", name = format!("{{{best}}}"))
                        );
                    }
                    return Err(bad(
                        tr!(
                            cat,
                            "theme.placeholder.unknown",
                            key = path,
                            name = format!("{{{name}}}")
                        ),
                        hint,
                    ));
                }
            }
            Ok(Val::Text(t))
        }
        Kind::Ids(ids) => {
            let NodeKind::Seq(items) = &node.kind else {
                return Err(bad(
                    tr!(cat, "theme.value.list", key = path, text = shown),
                    tr!(cat, "theme.value.accepted", values = list(ids)),
                ));
            };
            let mut out = Vec::new();
            for item in items {
                let id = item.as_str().unwrap_or_default().trim().to_string();
                if !ids.contains(&id.as_str()) {
                    let mut hint = tr!(cat, "theme.value.accepted", values = list(ids));
                    if let Some(best) = nearest(&id, ids) {
                        hint = format!("{} {hint}", tr!(cat, "did-you-mean", name = best));
                    }
                    return Err(Diagnostic::error(
                        tr!(cat, "theme.value.id", key = path, text = id),
                        &path,
                        Some(item.span),
                    )
                    .with_label(cat.t("label.here", &[]))
                    .with_hint(hint));
                }
                out.push(id);
            }
            Ok(Val::List(out))
        }
    }
}

fn braces(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{{{n}}}`")).collect::<Vec<_>>().join(" ")
}

/// A number as a theme writes it: `10.5`, `16`, `0.3333`.
pub fn fmt_num(n: f32) -> String {
    let s = format!("{:.4}", n);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

/// TOML text → the same node tree a YAML file gives, with positions.
fn toml_tree(text: &str, cat: &Catalog) -> Result<Node, Vec<Diagnostic>> {
    use toml::de::{DeTable, DeValue};
    let lines = LineIndex::new(text);
    let doc = DeTable::parse(text).map_err(|e| {
        let span = lines.span(e.span().unwrap_or(0..0));
        vec![
            Diagnostic::error(
                tr!(cat, "theme.syntax", message = e.message().trim()),
                "",
                Some(span),
            )
            .with_label(cat.t("label.here", &[]))
            .with_hint(cat.t("theme.syntax.hint", &[])),
        ]
    })?;
    fn convert(v: &DeValue, range: std::ops::Range<usize>, lines: &LineIndex) -> Node {
        let span = lines.span(range);
        let scalar =
            |s: String, style| Node { kind: NodeKind::Scalar(s, style), span, flow: false };
        match v {
            DeValue::String(s) => scalar(s.to_string(), Style::Quoted),
            DeValue::Integer(i) => scalar(i.as_str().to_string(), Style::Plain),
            DeValue::Float(f) => scalar(f.as_str().to_string(), Style::Plain),
            DeValue::Boolean(b) => scalar(b.to_string(), Style::Plain),
            DeValue::Datetime(d) => scalar(d.to_string(), Style::Plain),
            DeValue::Array(items) => Node {
                kind: NodeKind::Seq(
                    items.iter().map(|i| convert(i.get_ref(), i.span(), lines)).collect(),
                ),
                span,
                flow: true,
            },
            DeValue::Table(t) => table(t, span, lines),
        }
    }
    fn table(t: &DeTable, span: Span, lines: &LineIndex) -> Node {
        let mut entries: Vec<(Node, Node)> = t
            .iter()
            .map(|(k, v)| {
                let key = Node {
                    kind: NodeKind::Scalar(k.get_ref().to_string(), Style::Plain),
                    span: lines.span(k.span()),
                    flow: false,
                };
                (key, convert(v.get_ref(), v.span(), lines))
            })
            .collect();
        // in file order, so problems are reported top to bottom
        entries.sort_by_key(|(k, _)| k.span.start);
        Node { kind: NodeKind::Map(entries), span, flow: false }
    }
    Ok(table(doc.get_ref(), lines.span(doc.span()), &lines))
}

/// Byte offsets → 1-based line and column (in characters).
struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { text, starts }
    }

    fn span(&self, r: std::ops::Range<usize>) -> Span {
        let start = r.start.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= start).max(1);
        let from = self.starts[line - 1];
        let col = self.text.get(from..start).map_or(1, |s| s.chars().count() + 1);
        Span { start, end: r.end.clamp(start, self.text.len()), line, col }
    }
}
