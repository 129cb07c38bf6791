//! YAML syntax errors → plain words at the line that causes them.
//!
//! The parser reports where it gave up, which is often the line after the mistake, in its
//! own jargon ("simple key expect ':'"). The common mistakes of people writing plans by hand
//! are recognised here from the text itself: a full-width colon `：` after a key, a tab in
//! the indentation, and a line indented to no level of the lines above. Anything else keeps
//! the parser's position with a general hint. The parser's words stay as a note.

use crate::diagnostic::{Diagnostic, Span};
use crate::messages::Catalog;
use crate::tr;

/// Explains the parser's `message` at `at` in the words of `cat`.
pub fn explain(source: &str, message: &str, at: Span, cat: &Catalog) -> Diagnostic {
    let lines = Lines::new(source);
    // The mistake is on the reported line or before it; the parser may stop one line later.
    let last = (at.line + 1).min(lines.count());
    let note = tr!(cat, "yaml.parser-said", message = message);
    if let Some((line, col)) = find_tab(&lines, last) {
        return Diagnostic::error(
            tr!(cat, "yaml.tab", line = line),
            "",
            Some(lines.span(line, col, 1)),
        )
        .with_label(cat.t("yaml.tab.label", &[]))
        .with_hint(cat.t("yaml.tab.hint", &[]))
        .with_note(note);
    }
    if let Some((line, col, key)) = find_full_width_colon(&lines, last) {
        return Diagnostic::error(
            tr!(cat, "yaml.full-width-colon", line = line, key = key),
            "",
            Some(lines.span(line, col, '：'.len_utf8())),
        )
        .with_label(cat.t("yaml.full-width-colon.label", &[]))
        .with_hint(tr!(cat, "yaml.full-width-colon.hint", key = key))
        .with_note(note);
    }
    if message.contains("mapping values are not allowed")
        && let Some((col, key, value)) = colon_in_value(lines.text(at.line))
    {
        return Diagnostic::error(
            tr!(cat, "yaml.colon-in-value", line = at.line, key = key),
            "",
            Some(lines.span(at.line, col, 1)),
        )
        .with_label(cat.t("yaml.colon-in-value.label", &[]))
        .with_hint(tr!(cat, "yaml.colon-in-value.hint", key = key, value = value))
        .with_note(note);
    }
    if let Some(bad) = find_bad_indent(&lines, at.line.min(lines.count())) {
        let (key, args) = match &bad.kind {
            Indent::Deeper { prev_line } => {
                ("yaml.indent.deeper", vec![("prev", prev_line.to_string())])
            }
            Indent::NoLevel { levels } => {
                ("yaml.indent.no-level", vec![("levels", levels.clone())])
            }
        };
        let mut args: Vec<(&str, String)> = args;
        args.push(("line", bad.line.to_string()));
        args.push(("indent", bad.indent.to_string()));
        let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let width = lines.text(bad.line).trim_end().len().saturating_sub(bad.indent).max(1);
        return Diagnostic::error(
            cat.t(key, &refs),
            "",
            Some(lines.span(bad.line, bad.indent + 1, width)),
        )
        .with_label(cat.t("yaml.indent.label", &[]))
        .with_hint(cat.t("yaml.indent.hint", &[]))
        .with_note(note);
    }
    Diagnostic::error(tr!(cat, "yaml.syntax", line = at.line), "", Some(at))
        .with_label(cat.t("yaml.syntax.label", &[]))
        .with_hint(cat.t("yaml.syntax.hint", &[]))
        .with_note(note)
}

/// The source split into lines, with byte offsets.
struct Lines<'s> {
    source: &'s str,
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    fn new(source: &'s str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Self { source, starts }
    }

    fn count(&self) -> usize {
        self.starts.len()
    }

    /// Line `n` (1-based) without its line break.
    fn text(&self, n: usize) -> &'s str {
        let start = self.starts.get(n.saturating_sub(1)).copied().unwrap_or(self.source.len());
        let end = self.starts.get(n).map_or(self.source.len(), |e| e.saturating_sub(1));
        self.source.get(start..end.max(start)).unwrap_or("").trim_end_matches('\r')
    }

    /// A span of `len` bytes at 1-based `line` and character column `col`.
    fn span(&self, line: usize, col: usize, len: usize) -> Span {
        let base = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let text = self.text(line);
        let offset = text.char_indices().nth(col.saturating_sub(1)).map_or(text.len(), |(b, _)| b);
        let start = base + offset;
        let end = (start + len).min(base + text.len()).max(start);
        Span { start, end, line, col }
    }
}

/// Content of a line without a trailing comment (a `#` after a space, outside quotes).
fn without_comment(line: &str) -> &str {
    let (mut single, mut double, mut prev) = (false, false, ' ');
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && (prev == ' ' || prev == '\t') => return &line[..i],
            _ => {}
        }
        prev = c;
    }
    if line.trim_start().starts_with('#') { "" } else { line }
}

/// First tab in the indentation of lines 1..=last: YAML indents with spaces only.
fn find_tab(lines: &Lines, last: usize) -> Option<(usize, usize)> {
    (1..=last).find_map(|n| {
        let text = lines.text(n);
        let indent: String = text.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        let rest = &text[indent.len()..];
        // A tab before `- ` or a key, not inside a block of free text.
        let content = !rest.is_empty() && !rest.starts_with('#');
        indent.find('\t').filter(|_| content).map(|i| (n, indent[..i].chars().count() + 1))
    })
}

/// First `key：` (full-width colon after a key) in lines 1..=last.
fn find_full_width_colon(lines: &Lines, last: usize) -> Option<(usize, usize, String)> {
    (1..=last).find_map(|n| {
        let text = without_comment(lines.text(n));
        let body = text.trim_start();
        let body = body.strip_prefix("- ").unwrap_or(body).trim_start();
        let at = body.find('：')?;
        let key = body[..at].trim();
        let plain = !key.is_empty()
            && !key.contains([':', '"', '\'', '{', '[', ',', '#', '，'])
            && key.chars().count() <= 40;
        if !plain {
            return None;
        }
        let byte = text.len() - body.len() + at;
        Some((n, text[..byte].chars().count() + 1, key.to_string()))
    })
}

/// `key: a: b` — a second `: ` inside a plain value, which YAML reads as another key.
/// Returns the column of that second colon, the key and the whole value.
fn colon_in_value(line: &str) -> Option<(usize, String, String)> {
    let text = without_comment(line);
    let first = text.find(": ")?;
    let key = text[..first].trim().trim_start_matches("- ").trim();
    let rest = &text[first + 2..];
    let value = rest.trim();
    if value.starts_with(['"', '\'', '{', '[', '|', '>']) {
        return None;
    }
    let second = value.find(": ").or_else(|| value.ends_with(':').then(|| value.len() - 1))?;
    let byte = first + 2 + (rest.len() - rest.trim_start().len()) + second;
    Some((text[..byte].chars().count() + 1, key.to_string(), value.to_string()))
}

/// A line whose indentation fits no level above it.
struct BadIndent {
    line: usize,
    indent: usize,
    kind: Indent,
}

enum Indent {
    /// Deeper than the line before, which already has a value (`prev_line`).
    Deeper { prev_line: usize },
    /// Less deep than the line before, at no level used above (`levels`, e.g. `0, 2, 4`).
    NoLevel { levels: String },
}

/// Walks lines 1..=last keeping the indentation levels of open blocks; returns the first
/// line that is indented under a line that cannot have children, or back to no open level.
fn find_bad_indent(lines: &Lines, last: usize) -> Option<BadIndent> {
    let mut levels: Vec<usize> = Vec::new();
    let mut prev: Option<(usize, usize, bool)> = None; // line, indent, opens a block
    let mut block_scalar: Option<usize> = None; // indentation of a `|`/`>` key
    let mut flow_depth = 0i32;
    for n in 1..=last {
        let raw = lines.text(n);
        let text = without_comment(raw);
        if text.trim().is_empty() {
            continue;
        }
        let indent = text.chars().take_while(|c| *c == ' ').count();
        if let Some(b) = block_scalar {
            if indent > b {
                continue;
            }
            block_scalar = None;
        }
        if flow_depth > 0 {
            flow_depth += depth_change(text);
            continue;
        }
        let body = text.trim();
        // `- key: value` opens a mapping two columns further in.
        let item_indent = if body.starts_with("- ") { Some(indent + 2) } else { None };
        let opens =
            body.ends_with(':') || body == "-" || body.ends_with(" |") || body.ends_with(" >");
        if let Some((pl, pi, popens)) = prev {
            if indent > pi && !popens && levels.last() != Some(&indent) {
                return Some(BadIndent { line: n, indent, kind: Indent::Deeper { prev_line: pl } });
            }
            if indent < pi {
                let open: Vec<usize> = levels.clone();
                while levels.last().is_some_and(|l| *l > indent) {
                    levels.pop();
                }
                if levels.last() != Some(&indent) {
                    let mut shown: Vec<String> = open.iter().map(usize::to_string).collect();
                    shown.dedup();
                    if shown.is_empty() {
                        shown.push("0".into());
                    }
                    return Some(BadIndent {
                        line: n,
                        indent,
                        kind: Indent::NoLevel { levels: shown.join(", ") },
                    });
                }
            }
        }
        if levels.last() != Some(&indent) {
            levels.push(indent);
        }
        if let Some(i) = item_indent
            && levels.last() != Some(&i)
        {
            levels.push(i);
        }
        if [" |", " >", " |-", " >-", " |+", " >+"].iter().any(|e| body.ends_with(e)) {
            block_scalar = Some(indent);
        }
        flow_depth += depth_change(body);
        prev = Some((n, indent, opens));
    }
    None
}

/// Net `[`/`{` opened on a line (outside quotes), for multi-line flow collections.
fn depth_change(text: &str) -> i32 {
    let (mut d, mut single, mut double) = (0, false, false);
    for c in text.chars() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '[' | '{' if !single && !double => d += 1,
            ']' | '}' if !single && !double => d -= 1,
            _ => {}
        }
    }
    d
}
