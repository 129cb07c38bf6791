//! YAML text → a tree of nodes that keep their exact text and position.
//!
//! This is the only module that knows which YAML library is used (saphyr-parser, the
//! maintained successor of yaml-rust). Scalars keep the text as written, so a figure reaches
//! `rust_decimal` digit for digit and never passes through `f64`.

// A parse error ends the parse and is returned once per file: boxing it buys nothing.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::diagnostic::{Diagnostic, Span};
use crate::limits::{MAX_DEPTH, MAX_EXPANDED_BYTES, MAX_NODES};
use crate::messages::Catalog;
use crate::tr;

use super::syntax;

/// Why a document could not be read; [`YamlError::diagnostic`] words it for a planner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlError {
    /// The parser stopped: `message` is its own text, `span` where it stopped.
    Syntax {
        /// The parser's words.
        message: String,
        /// Where it stopped.
        span: Span,
    },
    /// A second `---` document.
    SecondDocument(Span),
    /// `*name` with no `&name` before it.
    UnknownAlias(Span),
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep(Span),
    /// Expands (through aliases) to more than [`MAX_NODES`] values.
    TooManyNodes(Span),
    /// Expands (through aliases) to more than [`MAX_EXPANDED_BYTES`] of text.
    TooManyBytes(Span),
    /// Nothing in the file.
    Empty,
}

impl YamlError {
    /// The error as a diagnostic in the catalog's locale; syntax errors are explained in
    /// plain words at the line that causes them (`source` is the text that was parsed).
    pub fn diagnostic(&self, source: &str, cat: &Catalog) -> Diagnostic {
        match self {
            Self::Syntax { message, span } => syntax::explain(source, message, *span, cat),
            Self::SecondDocument(span) => {
                Diagnostic::error(cat.t("yaml.second-document", &[]), "", Some(*span))
                    .with_label(cat.t("yaml.second-document.label", &[]))
                    .with_hint(cat.t("yaml.second-document.hint", &[]))
            }
            Self::UnknownAlias(span) => {
                Diagnostic::error(cat.t("yaml.unknown-alias", &[]), "", Some(*span))
                    .with_hint(cat.t("yaml.unknown-alias.hint", &[]))
            }
            Self::TooDeep(span) => {
                Diagnostic::error(tr!(cat, "yaml.too-deep", max = MAX_DEPTH), "", Some(*span))
                    .with_hint(cat.t("yaml.too-deep.hint", &[]))
            }
            Self::TooManyNodes(span) => {
                Diagnostic::error(tr!(cat, "yaml.too-many-nodes", max = MAX_NODES), "", Some(*span))
                    .with_hint(cat.t("yaml.aliases.hint", &[]))
            }
            Self::TooManyBytes(span) => Diagnostic::error(
                tr!(cat, "yaml.too-many-bytes", max = MAX_EXPANDED_BYTES / (1024 * 1024)),
                "",
                Some(*span),
            )
            .with_hint(cat.t("yaml.aliases.hint", &[])),
            Self::Empty => Diagnostic::error(cat.t("yaml.empty", &[]), "", None)
                .with_hint(cat.t("yaml.empty.hint", &[])),
        }
    }
}

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unquoted.
    Plain,
    /// `'…'` or `"…"`.
    Quoted,
    /// `|` or `>` block.
    Block,
}

/// One YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where it was written.
    pub span: Span,
    /// True for `{…}` and `[…]` collections.
    pub flow: bool,
}

/// The shape of a node.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `~`, `null` or nothing at all.
    Null,
    /// Any scalar, as written (after YAML unescaping).
    Scalar(String, Style),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, keys in source order.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar's text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    /// The catalog key naming the node's shape, for "expected X, found Y" messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "shape.nothing",
            NodeKind::Scalar(..) => "shape.scalar",
            NodeKind::Seq(_) => "shape.list",
            NodeKind::Map(_) => "shape.map",
        }
    }
}

/// The node as JSON, read as YAML 1.2's core schema reads it (as editors and JSON Schema
/// validators see a plan): an unquoted `null`, `~` or nothing is null, `true`/`false` a
/// boolean, an unquoted number a number, everything else a string.
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value;
    match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Scalar(text, Style::Plain) => match text.as_str() {
            "null" | "Null" | "NULL" | "~" | "" => Value::Null,
            "true" | "True" | "TRUE" => Value::Bool(true),
            "false" | "False" | "FALSE" => Value::Bool(false),
            t => core_number(t).unwrap_or_else(|| Value::String(t.to_string())),
        },
        NodeKind::Scalar(text, _) => Value::String(text.clone()),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.as_str().unwrap_or_default().to_string(), to_json(v)))
                .collect(),
        ),
    }
}

/// A number as YAML 1.2's core schema writes one (`12`, `-3.5`, `1e3`, `0x1F`, `.inf`).
fn core_number(t: &str) -> Option<serde_json::Value> {
    let int = |s: &str| s.chars().all(|c| c.is_ascii_digit()) && !s.is_empty();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    if int(body) {
        return t
            .parse::<i64>()
            .ok()
            .map(Into::into)
            .or_else(|| t.parse::<f64>().ok().map(Into::into));
    }
    if let Some(hex) = t.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(Into::into);
    }
    let (mantissa, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (body, None),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = (int(whole) || whole.is_empty()) && (int(frac) || frac.is_empty());
    let float = digits && !(whole.is_empty() && frac.is_empty()) && exp.is_none_or(int);
    if float && (mantissa.contains('.') || exp.is_some()) {
        return t.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Into::into);
    }
    None
}

/// Parses one YAML document. Errors carry the position the parser reported.
pub fn parse(source: &str) -> Result<Node, YamlError> {
    let offsets = CharOffsets::new(source);
    let mut builder = Builder { stack: Vec::new(), anchors: HashMap::new(), nodes: 0, bytes: 0 };
    let mut parser = Parser::new_from_str(source);
    let mut root: Option<Node> = None;
    let mut documents = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| {
            let m = e.marker();
            let span = offsets.span(m.index(), m.index(), m.line(), m.col());
            YamlError::Syntax { message: e.info().to_string(), span }
        })?;
        let span =
            offsets.span(span.start.index(), span.end.index(), span.start.line(), span.start.col());
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError::SecondDocument(span));
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            Event::Alias(id) => {
                let (nodes, bytes) = builder
                    .anchors
                    .get(&id)
                    .map(|a| (a.nodes, a.bytes))
                    .ok_or(YamlError::UnknownAlias(span))?;
                // Counted before the copy is made: a huge anchor is refused, not cloned.
                builder.count(nodes, bytes, span)?;
                let node = builder
                    .anchors
                    .get(&id)
                    .map(|a| a.node.clone())
                    .ok_or(YamlError::UnknownAlias(span))?;
                if let Some(done) = builder.finish_node(node) {
                    root = Some(done);
                }
            }
            Event::Scalar(text, style, anchor, _tag) => {
                builder.count(1, text.len(), span)?;
                let kind = match style {
                    ScalarStyle::Plain if is_null(&text) => NodeKind::Null,
                    ScalarStyle::Plain => NodeKind::Scalar(text.into_owned(), Style::Plain),
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                        NodeKind::Scalar(text.into_owned(), Style::Quoted)
                    }
                    _ => NodeKind::Scalar(text.into_owned(), Style::Block),
                };
                let node = Node { kind, span, flow: false };
                if anchor > 0 {
                    builder.anchors.insert(anchor, Anchor::of(&node));
                }
                if let Some(done) = builder.finish_node(node) {
                    root = Some(done);
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                builder.count(1, 0, span)?;
                if builder.stack.len() >= MAX_DEPTH {
                    return Err(YamlError::TooDeep(span));
                }
                let flow =
                    matches!(source.get(span.start..), Some(rest) if rest.starts_with(['{', '[']));
                let kind = if matches!(event, Event::SequenceStart(..)) {
                    NodeKind::Seq(Vec::new())
                } else {
                    NodeKind::Map(Vec::new())
                };
                builder.stack.push(Open {
                    node: Node { kind, span, flow },
                    anchor,
                    pending_key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(open) = builder.stack.pop() else { continue };
                let mut node = open.node;
                node.span.end = span.end.max(node.span.start);
                if open.anchor > 0 {
                    builder.anchors.insert(open.anchor, Anchor::of(&node));
                }
                if let Some(done) = builder.finish_node(node) {
                    root = Some(done);
                }
            }
        }
    }
    root.ok_or(YamlError::Empty)
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

struct Open {
    node: Node,
    anchor: usize,
    pending_key: Option<Node>,
}

/// An anchored node with its size, so each alias is counted without walking it.
struct Anchor {
    node: Node,
    nodes: usize,
    bytes: usize,
}

impl Anchor {
    fn of(node: &Node) -> Self {
        let (nodes, bytes) = size(node);
        Self { node: node.clone(), nodes, bytes }
    }
}

struct Builder {
    stack: Vec<Open>,
    anchors: HashMap<usize, Anchor>,
    nodes: usize,
    bytes: usize,
}

impl Builder {
    /// Adds `nodes` values and `bytes` of text to the document's expanded size.
    fn count(&mut self, nodes: usize, bytes: usize, span: Span) -> Result<(), YamlError> {
        self.nodes = self.nodes.saturating_add(nodes);
        self.bytes = self.bytes.saturating_add(bytes);
        if self.nodes > MAX_NODES {
            return Err(YamlError::TooManyNodes(span));
        }
        if self.bytes > MAX_EXPANDED_BYTES {
            return Err(YamlError::TooManyBytes(span));
        }
        Ok(())
    }

    /// Attaches a finished node to its parent; returns it when it is the document root.
    fn finish_node(&mut self, node: Node) -> Option<Node> {
        let Some(parent) = self.stack.last_mut() else { return Some(node) };
        match &mut parent.node.kind {
            NodeKind::Seq(items) => items.push(node),
            NodeKind::Map(entries) => match parent.pending_key.take() {
                None => parent.pending_key = Some(node),
                Some(key) => entries.push((key, node)),
            },
            _ => {}
        }
        None
    }
}

/// Values and bytes of scalar text in a node (a tree at most [`MAX_DEPTH`] deep).
fn size(node: &Node) -> (usize, usize) {
    let add = |(n, b): (usize, usize), (m, c): (usize, usize)| (n + m, b.saturating_add(c));
    match &node.kind {
        NodeKind::Seq(items) => items.iter().map(size).fold((1, 0), add),
        NodeKind::Map(entries) => {
            entries.iter().map(|(k, v)| add(size(k), size(v))).fold((1, 0), add)
        }
        NodeKind::Scalar(s, _) => (1, s.len()),
        NodeKind::Null => (1, 0),
    }
}

/// Maps the parser's character indices to byte offsets, which snippets need.
struct CharOffsets {
    bytes: Vec<usize>,
}

impl CharOffsets {
    fn new(source: &str) -> Self {
        let mut bytes: Vec<usize> = source.char_indices().map(|(b, _)| b).collect();
        bytes.push(source.len());
        Self { bytes }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.bytes
            .get(char_index)
            .copied()
            .unwrap_or_else(|| self.bytes.last().copied().unwrap_or(0))
    }

    fn span(&self, start: usize, end: usize, line: usize, col0: usize) -> Span {
        Span { start: self.byte(start), end: self.byte(end.max(start)), line, col: col0 + 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_keys(node: &Node) -> Vec<String> {
        match &node.kind {
            NodeKind::Map(e) => {
                e.iter().map(|(k, _)| k.as_str().unwrap_or("").to_string()).collect()
            }
            _ => vec![],
        }
    }

    #[test]
    fn keeps_scalar_text_exactly() {
        let n = parse("a: 0.1000\nb: 1,200万元\n").unwrap();
        let NodeKind::Map(e) = &n.kind else { panic!() };
        assert_eq!(e[0].1.as_str(), Some("0.1000"));
        assert_eq!(e[1].1.as_str(), Some("1,200万元"));
    }

    #[test]
    fn positions_count_characters() {
        let n = parse("名称: 华东\n金额: x\n").unwrap();
        let NodeKind::Map(e) = &n.kind else { panic!() };
        assert_eq!((e[1].1.span.line, e[1].1.span.col), (2, 5));
        assert_eq!(&"名称: 华东\n金额: x\n"[e[1].1.span.start..e[1].1.span.end], "x");
    }

    #[test]
    fn flow_mapping_split_at_ascii_comma() {
        let n = parse("- { name: 促销, expected: 拉动消费,提升客单价 }\n").unwrap();
        let NodeKind::Seq(items) = &n.kind else { panic!() };
        assert!(items[0].flow);
        assert_eq!(map_keys(&items[0]), ["name", "expected", "提升客单价"]);
    }

    #[test]
    fn reports_syntax_error_position() {
        let e = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(matches!(e, YamlError::Syntax { .. }), "{e:?}");
    }

    #[test]
    fn stops_a_large_string_repeated_by_aliases() {
        let big = "x".repeat(1024 * 1024);
        let mut s = format!("a: &a \"{big}\"\nb: [");
        for _ in 0..100 {
            s.push_str("*a, ");
        }
        s.push_str("*a]\n");
        assert!(matches!(parse(&s), Err(YamlError::TooManyBytes(_))));
    }

    #[test]
    fn stops_alias_bombs() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            s.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert!(matches!(parse(&s), Err(YamlError::TooManyNodes(_))));
    }

    #[test]
    fn empty_file_is_an_error() {
        assert_eq!(parse(""), Err(YamlError::Empty));
    }
}
