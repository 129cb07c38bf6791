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

/// Deepest nesting accepted; real plans are under 10 levels deep.
const MAX_DEPTH: usize = 64;
/// Most nodes a document may expand to, aliases included (guards against "billion laughs").
const MAX_NODES: usize = 1_000_000;

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

    /// A short name of the node's shape for "expected X, found Y" messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "nothing",
            NodeKind::Scalar(..) => "a single value",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// Parses one YAML document. Errors carry the position the parser reported.
pub fn parse(source: &str) -> Result<Node, Diagnostic> {
    let offsets = CharOffsets::new(source);
    let mut builder = Builder { stack: Vec::new(), anchors: HashMap::new(), nodes: 0 };
    let mut parser = Parser::new_from_str(source);
    let mut root: Option<Node> = None;
    let mut documents = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| {
            let m = e.marker();
            let at = offsets.span(m.index(), m.index(), m.line(), m.col());
            Diagnostic::error(format!("invalid YAML: {}", e.info()), "", Some(at))
                .with_label("the YAML parser stopped here")
                .with_hint(
                    "check the indentation and quote values that contain `: `, `#`, `{`, `[` or a leading `*`/`&`",
                )
        })?;
        let span =
            offsets.span(span.start.index(), span.end.index(), span.start.line(), span.start.col());
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(Diagnostic::error(
                        "a plan is one YAML document, found a second",
                        "",
                        Some(span),
                    )
                    .with_label("second document starts here")
                    .with_hint("remove the `---` line, or split the plans into two files"));
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            Event::Alias(id) => {
                let node = builder.anchors.get(&id).cloned().ok_or_else(|| {
                    Diagnostic::error("alias to an unknown anchor", "", Some(span))
                })?;
                builder.count(&node, span)?;
                if let Some(done) = builder.finish_node(node) {
                    root = Some(done);
                }
            }
            Event::Scalar(text, style, anchor, _tag) => {
                builder.count_one(span)?;
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
                    builder.anchors.insert(anchor, node.clone());
                }
                if let Some(done) = builder.finish_node(node) {
                    root = Some(done);
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                builder.count_one(span)?;
                if builder.stack.len() >= MAX_DEPTH {
                    return Err(Diagnostic::error(
                        format!("the plan nests deeper than {MAX_DEPTH} levels"),
                        "",
                        Some(span),
                    ));
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
                    builder.anchors.insert(open.anchor, node.clone());
                }
                if let Some(done) = builder.finish_node(node) {
                    root = Some(done);
                }
            }
        }
    }
    root.ok_or_else(|| {
        Diagnostic::error("the plan is empty", "", None)
            .with_hint("start from `planwright new annual` or `planwright new monthly`")
    })
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

struct Open {
    node: Node,
    anchor: usize,
    pending_key: Option<Node>,
}

struct Builder {
    stack: Vec<Open>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
}

impl Builder {
    fn count_one(&mut self, span: Span) -> Result<(), Diagnostic> {
        self.nodes += 1;
        self.check_budget(span)
    }

    fn count(&mut self, node: &Node, span: Span) -> Result<(), Diagnostic> {
        self.nodes += node_count(node);
        self.check_budget(span)
    }

    fn check_budget(&self, span: Span) -> Result<(), Diagnostic> {
        if self.nodes > MAX_NODES {
            return Err(Diagnostic::error(
                format!("the plan expands to more than {MAX_NODES} values"),
                "",
                Some(span),
            )
            .with_hint("aliases (`*name`) repeat their anchor: use fewer of them"));
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

fn node_count(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Seq(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        NodeKind::Map(entries) => {
            1 + entries.iter().map(|(k, v)| node_count(k) + node_count(v)).sum::<usize>()
        }
        _ => 1,
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
        assert!(e.message.starts_with("invalid YAML"), "{}", e.message);
        assert!(e.span.is_some());
    }

    #[test]
    fn stops_alias_bombs() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            s.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let e = parse(&s).unwrap_err();
        assert!(e.message.contains("expands"), "{}", e.message);
    }

    #[test]
    fn empty_file_is_an_error() {
        assert!(parse("").unwrap_err().message.contains("empty"));
    }
}
