//! Walks the YAML node tree with a key path, collecting every problem instead of stopping.
//!
//! Each typed getter reports a wrong type or a value that does not parse as a diagnostic at
//! the value's position and returns `None`, so one pass finds all the problems in a file.

use rust_decimal::Decimal;

use super::date::Date;
use super::values::{self, Currency, Money, Period, ValueError};
use crate::diagnostic::{Diagnostic, Span};
use crate::plan::yaml::{Node, NodeKind, Style};

/// Collects diagnostics while reading; holds what every money value needs.
pub(crate) struct Reader<'s> {
    pub source: &'s str,
    pub diags: Vec<Diagnostic>,
    pub money_unit: Decimal,
    pub currency: Currency,
}

/// The entries of one mapping, checked against the fields it may have.
pub(crate) struct Fields<'n> {
    pub path: String,
    pub span: Span,
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
    /// Valid keys that an unknown key was taken to be a typo of (already reported).
    typos: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    /// The value under `key`, if written (a `null` counts as not written).
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _, v)| *k == key && !matches!(v.kind, NodeKind::Null))
            .map(|(_, _, v)| *v)
    }

    /// The span of the key itself (for warnings about a whole list).
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.entries.iter().find(|(k, _, _)| *k == key).map(|(_, k, _)| k.span)
    }

    /// True when a misspelling of `key` was reported: a "missing" error would be noise.
    pub fn misspelt(&self, key: &str) -> bool {
        self.typos.contains(&key)
    }

    /// `path.key`.
    pub fn child(&self, key: &str) -> String {
        join(&self.path, key)
    }
}

/// `a.b`, or `b` at the top.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

impl<'s> Reader<'s> {
    pub fn new(source: &'s str) -> Self {
        Self { source, diags: Vec::new(), money_unit: Decimal::ONE, currency: Currency::Cny }
    }

    pub fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn value_error(&mut self, e: ValueError, path: &str, node: &Node) {
        self.error(
            Diagnostic::error(e.message, path, Some(node.span))
                .with_label("here")
                .with_hint(e.hint),
        );
    }

    fn wrong_type(&mut self, node: &Node, path: &str, expected: &str, example: &str) {
        let found = node.describe();
        self.error(
            Diagnostic::error(
                format!("`{path}` must be {expected}, found {found}"),
                path,
                Some(node.span),
            )
            .with_label(format!("expected {expected}"))
            .with_hint(format!("write it like {example}")),
        );
    }

    /// Checks a mapping's keys: unknown keys (with the nearest valid one), duplicates, the
    /// flow-mapping comma trap, and required fields.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        path: &str,
        allowed: &[&'static str],
        required: &[&str],
    ) -> Option<Fields<'n>> {
        let NodeKind::Map(entries) = &node.kind else {
            let example = format!("`{{ {}: … }}`", allowed.first().copied().unwrap_or("name"));
            self.wrong_type(node, path, "a mapping of fields", &example);
            return None;
        };
        let mut out = Fields {
            path: path.to_string(),
            span: node.span,
            entries: Vec::new(),
            typos: Vec::new(),
        };
        let mut prev: Option<(&str, &Node)> = None;
        for (k, v) in entries {
            let Some(key) = k.as_str() else {
                self.error(
                    Diagnostic::error("a key must be a plain name", path, Some(k.span))
                        .with_hint(format!("valid keys here: {}", list(allowed))),
                );
                continue;
            };
            if out.entries.iter().any(|(seen, _, _)| *seen == key) {
                self.error(
                    Diagnostic::error(
                        format!("duplicate key `{key}`"),
                        join(path, key),
                        Some(k.span),
                    )
                    .with_label("written a second time here")
                    .with_hint("keep one of the two; YAML would silently drop the first"),
                );
                continue;
            }
            if allowed.contains(&key) {
                out.entries.push((key, k, v));
                prev = Some((key, v));
                continue;
            }
            if let Some(typo) = self.unknown_key(node, key, k, v, prev, path, allowed) {
                out.typos.push(typo);
            }
        }
        for req in required {
            if out.get(req).is_none() && !out.misspelt(req) {
                let at = out.key_span(req).unwrap_or(node.span);
                let at = Span {
                    end: at.start.max(at.end.min(at.start + line_len(self.source, at.start))),
                    ..at
                };
                self.error(
                    Diagnostic::error(format!("missing required field `{req}`"), path, Some(at))
                        .with_label(format!("`{req}` is missing here"))
                        .with_hint(format!(
                            "add `{req}: …` to `{}`",
                            if path.is_empty() { "the plan" } else { path }
                        )),
                );
            }
        }
        Some(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn unknown_key(
        &mut self,
        map: &Node,
        key: &str,
        k: &Node,
        v: &Node,
        prev: Option<(&str, &Node)>,
        path: &str,
        allowed: &[&'static str],
    ) -> Option<&'static str> {
        // `{ expected: 拉动消费,提升客单价 }`: YAML ends the plain value at the ASCII comma and
        // reads the rest as a key with no value. Spot it and say how to write it.
        let no_colon = {
            let after = self.source.get(k.span.end..).unwrap_or("");
            !after.trim_start_matches([' ', '\t']).starts_with(':')
        };
        if map.flow
            && matches!(v.kind, NodeKind::Null)
            && no_colon
            && let Some((pkey, pval)) = prev
            && let NodeKind::Scalar(ptext, Style::Plain) = &pval.kind
        {
            let whole = format!("{ptext},{key}");
            self.error(
                        Diagnostic::error(
                            format!("the value of `{pkey}` was cut at an ASCII comma: `{whole}` was read as `{ptext}` plus an unknown key `{key}`"),
                            join(path, pkey),
                            Some(Span { start: pval.span.start, end: k.span.end, ..pval.span }),
                        )
                        .with_label("in a `{ … }` mapping a `,` ends the value")
                        .with_hint(format!("quote the value: `{pkey}: \"{whole}\"`, or use the full-width comma: `{pkey}: {ptext}，{key}`")),
                    );
            return None;
        }
        let mut d =
            Diagnostic::error(format!("unknown key `{key}`"), join(path, key), Some(k.span))
                .with_label("not a field here");
        let best = nearest(key, allowed);
        match best {
            Some(best) => d = d.with_hint(format!("did you mean `{best}`?")),
            None => d = d.with_hint(format!("valid keys here: {}", list(allowed))),
        }
        self.error(d);
        best
    }

    /// Free text. Numbers and dates are accepted as text, as written.
    pub fn text(&mut self, f: &Fields, key: &str) -> Option<String> {
        let node = f.get(key)?;
        self.text_node(node, &f.child(key))
    }

    pub fn text_node(&mut self, node: &Node, path: &str) -> Option<String> {
        match &node.kind {
            NodeKind::Scalar(s, _) => Some(s.trim_end_matches('\n').to_string()),
            _ => {
                self.wrong_type(node, path, "text", "`key: some text`");
                None
            }
        }
    }

    /// Required text: reports and returns empty when missing (the error is already counted).
    pub fn name(&mut self, f: &Fields, key: &str) -> String {
        self.text(f, key).unwrap_or_default()
    }

    /// A list of text items.
    pub fn text_list(&mut self, f: &Fields, key: &str) -> Vec<String> {
        self.list(f, key, |r, n, p| r.text_node(n, p)).unwrap_or_default()
    }

    /// A list whose items are read by `item`; `None` when the key is absent.
    pub fn list<T>(
        &mut self,
        f: &Fields,
        key: &str,
        mut item: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let node = f.get(key)?;
        let path = f.child(key);
        let NodeKind::Seq(items) = &node.kind else {
            self.wrong_type(
                node,
                &path,
                "a list",
                &format!("`{key}:` followed by lines starting with `- `"),
            );
            return None;
        };
        Some(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| item(self, n, &format!("{path}[{i}]")))
                .collect(),
        )
    }

    fn scalar<'n>(
        &mut self,
        f: &Fields<'n>,
        key: &str,
        what: &str,
        example: &str,
    ) -> Option<(&'n Node, &'n str)> {
        let node = f.get(key)?;
        match &node.kind {
            NodeKind::Scalar(s, _) => Some((node, s.as_str())),
            _ => {
                self.wrong_type(node, &f.child(key), what, example);
                None
            }
        }
    }

    /// Money in the plan's currency; a bare number is in `meta.money_unit`.
    pub fn money(&mut self, f: &Fields, key: &str) -> Option<Money> {
        let (node, text) = self.scalar(f, key, "an amount of money", "`1.5亿` or `3000万`")?;
        self.money_text(node, text, &f.child(key))
    }

    pub fn money_text(&mut self, node: &Node, text: &str, path: &str) -> Option<Money> {
        match values::parse_money(text, self.money_unit) {
            Ok(p) => self.in_currency(node, text, p.amount, p.currency, path),
            Err(e) => {
                self.value_error(e, path, node);
                None
            }
        }
    }

    /// Checks a parsed amount's currency against the plan's.
    pub fn in_currency(
        &mut self,
        node: &Node,
        text: &str,
        amount: Decimal,
        currency: Option<Currency>,
        path: &str,
    ) -> Option<Money> {
        match currency {
            Some(c) if c != self.currency => {
                let plan = self.currency;
                self.error(
                    Diagnostic::error(
                        format!("mixed currencies: `{}` is in {c}, but the plan's currency is {plan}", text.trim()),
                        path,
                        Some(node.span),
                    )
                    .with_label(format!("{c} amount"))
                    .with_hint(format!("write every amount in {plan}, or set `meta.currency: {c}` and convert the others")),
                );
                None
            }
            _ => Some(Money { amount, currency: self.currency }),
        }
    }

    /// A scalar parsed by `parse`; a parse failure is reported at the value.
    fn parsed<T>(
        &mut self,
        f: &Fields,
        key: &str,
        (what, example): (&str, &str),
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Option<T> {
        let (node, text) = self.scalar(f, key, what, example)?;
        parse(text).map_err(|e| self.value_error(e, &f.child(key), node)).ok()
    }

    /// A percentage written with `%`, as a fraction.
    pub fn percent(&mut self, f: &Fields, key: &str) -> Option<Decimal> {
        self.parsed(f, key, ("a percentage", "`28%`"), values::parse_percent)
    }

    /// A plain number.
    pub fn number(&mut self, f: &Fields, key: &str) -> Option<Decimal> {
        self.parsed(f, key, ("a number", "`12`"), values::parse_number)
    }

    /// A 1–5 risk scale value.
    pub fn scale(&mut self, f: &Fields, key: &str) -> Option<u8> {
        self.parsed(f, key, ("a value from 1 to 5", "`3` or `中`"), values::parse_scale)
    }

    /// `true` / `false`.
    pub fn boolean(&mut self, f: &Fields, key: &str) -> Option<bool> {
        let (node, text) = self.scalar(f, key, "`true` or `false`", "`true`")?;
        match text.trim() {
            "true" | "True" | "yes" | "是" => Some(true),
            "false" | "False" | "no" | "否" => Some(false),
            other => {
                let e = ValueError {
                    message: format!("`{other}` is not `true` or `false`"),
                    hint: "write `true` or `false`".into(),
                };
                self.value_error(e, &f.child(key), node);
                None
            }
        }
    }

    /// An ISO date.
    pub fn date(&mut self, f: &Fields, key: &str) -> Option<Date> {
        let (node, text) = self.scalar(f, key, "a date", "`2024-01-08`")?;
        Date::parse(text.trim()).or_else(|| {
            let e = ValueError {
                message: format!("`{}` is not a date", text.trim()),
                hint: "write a real calendar day as `YYYY-MM-DD`, e.g. `2024-01-08`".into(),
            };
            self.value_error(e, &f.child(key), node);
            None
        })
    }

    /// A period: text (`2024`, `2024-Q3`, `2025-11`) or `{start, end}`.
    pub fn period(&mut self, f: &Fields, key: &str) -> Option<Period> {
        let node = f.get(key)?;
        let path = f.child(key);
        match &node.kind {
            NodeKind::Scalar(text, _) => match Period::parse(text) {
                Ok(p) => Some(p),
                Err(e) => {
                    self.value_error(e, &path, node);
                    None
                }
            },
            NodeKind::Map(_) => {
                let g = self.fields(node, &path, &["start", "end"], &["start", "end"])?;
                let start = self.date(&g, "start");
                let end = self.date(&g, "end");
                let (start, end) = (start?, end?);
                if end < start {
                    self.end_before_start(&g, start, end);
                    return None;
                }
                Some(Period { kind: values::PeriodKind::Range, start, end })
            }
            _ => {
                self.wrong_type(node, &path, "a period", "`\"2024\"`, `2024-Q3` or `2025-11`");
                None
            }
        }
    }

    /// Reports `end` before `start`, pointing at `end`.
    pub fn end_before_start(&mut self, f: &Fields, start: Date, end: Date) {
        let at = f.get("end").map(|n| n.span);
        self.error(
            Diagnostic::error(
                format!("`end` ({end}) is before `start` ({start})"),
                f.child("end"),
                at,
            )
            .with_label("ends before it starts")
            .with_hint(format!("write an `end` on or after {start}, or swap the two dates")),
        );
    }
}

fn line_len(source: &str, at: usize) -> usize {
    source.get(at..).map(|s| s.find('\n').unwrap_or(s.len())).unwrap_or(0)
}

fn list(keys: &[&str]) -> String {
    keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

/// The valid key closest to a misspelt one, if any is close enough to be a likely typo.
pub(crate) fn nearest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let lower = key.to_lowercase();
    allowed
        .iter()
        .map(|k| (*k, strsim::damerau_levenshtein(&lower, k)))
        .filter(|(k, dist)| {
            let limit = (k.chars().count().max(lower.chars().count()) / 3).max(1);
            *dist <= limit || k.starts_with(&lower) || lower.starts_with(k)
        })
        .min_by_key(|(_, dist)| *dist)
        .map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_nearest_key() {
        assert_eq!(nearest("amout", &["name", "amount", "share", "note"]), Some("amount"));
        assert_eq!(nearest("budgets", &["meta", "budget", "kpis"]), Some("budget"));
        assert_eq!(nearest("zzz", &["name", "amount"]), None);
    }
}
