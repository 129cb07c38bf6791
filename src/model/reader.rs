//! Walks the YAML node tree with a key path, collecting every problem instead of stopping.
//!
//! Each typed getter reports a wrong type or a value that does not parse as a diagnostic at
//! the value's position and returns `None`, so one pass finds all the problems in a file.

use rust_decimal::Decimal;

use super::date::Date;
use super::values::{self, Currency, Money, Named, Period, ValueError};
use crate::diagnostic::{Diagnostic, Span};
use crate::limits::{
    MAX_MARKDOWN_NESTING, MAX_MONEY, MAX_NAME_CHARS, MAX_NUMBER, MAX_PERCENT, MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
};
use crate::messages::Catalog;
use crate::plan::yaml::{Node, NodeKind, Style};
use crate::tr;

/// Collects diagnostics while reading; holds what every money value needs.
pub(crate) struct Reader<'s> {
    pub source: &'s str,
    pub cat: &'s Catalog,
    pub diags: Vec<Diagnostic>,
    pub money_unit: Decimal,
    /// `meta.money_unit` as written (`万元`), for hints about implausible amounts.
    pub money_unit_label: String,
    pub currency: Currency,
}

/// How long a piece of text may be.
#[derive(Clone, Copy)]
pub(crate) enum TextLimit {
    /// `meta.title`.
    Title,
    /// A name or other one-line field.
    Name,
    /// A paragraph.
    Text,
}

impl TextLimit {
    fn max(self) -> usize {
        match self {
            Self::Title => MAX_TITLE_CHARS,
            Self::Name => MAX_NAME_CHARS,
            Self::Text => MAX_TEXT_CHARS,
        }
    }
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
    pub fn new(source: &'s str, cat: &'s Catalog) -> Self {
        Self {
            source,
            cat,
            diags: Vec::new(),
            money_unit: Decimal::ONE,
            money_unit_label: "元".into(),
            currency: Currency::CNY,
        }
    }

    pub fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub fn value_error(&mut self, e: ValueError, path: &str, node: &Node) {
        let d = Diagnostic::error(e.message(self.cat), path, Some(node.span))
            .with_label(self.cat.t("label.here", &[]))
            .with_hint(e.hint(self.cat));
        self.error(d);
    }

    /// `path` holds the wrong shape of value; `what` names the catalog's `expect.<what>`
    /// (what was expected) and `example.<what>` (how to write it).
    pub fn wrong_type(&mut self, node: &Node, path: &str, what: &str) {
        let cat = self.cat;
        let found = cat.t(node.describe(), &[]);
        let expected = cat.t(&format!("expect.{what}"), &[]);
        let example = cat.t(&format!("example.{what}"), &[("key", last_key(path))]);
        self.error(
            Diagnostic::error(
                tr!(cat, "wrong-type", path = path, expected = expected, found = found),
                path,
                Some(node.span),
            )
            .with_label(tr!(cat, "wrong-type.label", expected = expected))
            .with_hint(tr!(cat, "wrong-type.hint", example = example)),
        );
    }

    /// Reports text longer than its limit (the report could not lay it out sensibly).
    fn too_long(&mut self, node: &Node, path: &str, text: &str, limit: TextLimit) -> bool {
        let chars = text.chars().count();
        if chars <= limit.max() {
            return false;
        }
        let cat = self.cat;
        let d = Diagnostic::error(
            tr!(cat, "text.too-long", path = path, chars = chars, max = limit.max()),
            path,
            Some(node.span),
        )
        .with_label(cat.t("label.here", &[]))
        .with_hint(tr!(cat, "text.too-long.hint", max = limit.max()));
        self.error(d);
        true
    }

    /// Refuses an amount beyond [`MAX_MONEY`]: nearly always a figure typed in the wrong
    /// unit (`180000000` under `money_unit: 亿元`).
    fn plausible_money(&mut self, node: &Node, text: &str, amount: Decimal, path: &str) -> bool {
        if amount.abs() <= MAX_MONEY {
            return true;
        }
        let cat = self.cat;
        let d = Diagnostic::error(
            tr!(
                cat,
                "value.money.implausible",
                text = text.trim(),
                amount = crate::format::group(amount.trunc()),
                max = crate::format::group(MAX_MONEY)
            ),
            path,
            Some(node.span),
        )
        .with_label(cat.t("label.here", &[]))
        .with_hint(tr!(cat, "value.money.implausible.hint", unit = self.money_unit_label));
        self.error(d);
        false
    }

    /// Refuses a percentage or number beyond its limit.
    pub fn plausible(&mut self, node: &Node, value: Decimal, percent: bool, path: &str) -> bool {
        let max = if percent { MAX_PERCENT } else { MAX_NUMBER };
        if value.abs() <= max {
            return true;
        }
        let cat = self.cat;
        let shown = if percent {
            format!("{}%", crate::format::group(max.saturating_mul(Decimal::ONE_HUNDRED)))
        } else {
            crate::format::group(max)
        };
        let text = node.as_str().unwrap_or("").trim();
        let d = Diagnostic::error(
            tr!(cat, "value.implausible", text = text, max = shown),
            path,
            Some(node.span),
        )
        .with_label(cat.t("label.here", &[]))
        .with_hint(cat.t("value.implausible.hint", &[]));
        self.error(d);
        false
    }

    /// Checks a mapping against its declaration in [`super::keys`]: unknown keys (with the
    /// nearest valid one), duplicates, the flow-mapping comma trap, and the fields declared
    /// required (the top level's `meta` has a message of its own).
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        path: &str,
        keys: &super::keys::Fields,
    ) -> Option<Fields<'n>> {
        let allowed = &keys.names()[..];
        let required: Vec<&str> = if path.is_empty() {
            Vec::new()
        } else {
            keys.0.iter().filter(|f| f.required).map(|f| f.name).collect()
        };
        let NodeKind::Map(entries) = &node.kind else {
            self.wrong_type(node, path, "fields");
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
            let cat = self.cat;
            let Some(key) = k.as_str() else {
                self.error(
                    Diagnostic::error(cat.t("key.not-plain", &[]), path, Some(k.span))
                        .with_hint(tr!(cat, "key.valid", keys = list(allowed))),
                );
                continue;
            };
            if out.entries.iter().any(|(seen, _, _)| *seen == key) {
                self.error(
                    Diagnostic::error(
                        tr!(cat, "key.duplicate", key = key),
                        join(path, key),
                        Some(k.span),
                    )
                    .with_label(cat.t("key.duplicate.label", &[]))
                    .with_hint(cat.t("key.duplicate.hint", &[])),
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
        for req in &required {
            if out.get(req).is_none() && !out.misspelt(req) {
                let at = out.key_span(req).unwrap_or(node.span);
                let at = Span {
                    end: at.start.max(at.end.min(at.start + line_len(self.source, at.start))),
                    ..at
                };
                let cat = self.cat;
                let whole =
                    if path.is_empty() { cat.t("the-plan", &[]) } else { format!("`{path}`") };
                self.error(
                    Diagnostic::error(tr!(cat, "field.missing", field = req), path, Some(at))
                        .with_label(tr!(cat, "field.missing.label", field = req))
                        .with_hint(tr!(cat, "field.missing.hint", field = req, whole = whole)),
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
            let cat = self.cat;
            self.error(
                Diagnostic::error(
                    tr!(cat, "flow-comma", field = pkey, whole = whole, first = ptext, rest = key),
                    join(path, pkey),
                    Some(Span { start: pval.span.start, end: k.span.end, ..pval.span }),
                )
                .with_label(cat.t("flow-comma.label", &[]))
                .with_hint(tr!(
                    cat,
                    "flow-comma.hint",
                    field = pkey,
                    whole = whole,
                    first = ptext,
                    rest = key
                )),
            );
            return None;
        }
        let cat = self.cat;
        let mut d =
            Diagnostic::error(tr!(cat, "key.unknown", key = key), join(path, key), Some(k.span))
                .with_label(cat.t("key.unknown.label", &[]));
        let best = nearest(key, allowed);
        match best {
            Some(best) => d = d.with_hint(tr!(cat, "did-you-mean", name = best)),
            None => d = d.with_hint(tr!(cat, "key.valid", keys = list(allowed))),
        }
        self.error(d);
        best
    }

    /// Free text (a paragraph). Numbers and dates are accepted as text, as written.
    pub fn text(&mut self, f: &Fields, key: &str) -> Option<String> {
        self.text_limited(f, key, TextLimit::Text)
    }

    /// Text of at most `limit` characters.
    pub fn text_limited(&mut self, f: &Fields, key: &str, limit: TextLimit) -> Option<String> {
        let node = f.get(key)?;
        self.text_node_limited(node, &f.child(key), limit)
    }

    /// Plan Markdown (a chapter's `text`, a section's `body`): text nested no deeper than
    /// [`MAX_MARKDOWN_NESTING`] quotes and lists.
    pub fn markdown(&mut self, f: &Fields, key: &str) -> Option<String> {
        let text = self.text(f, key)?;
        let depth = crate::text::markdown_nesting(&text);
        if depth <= MAX_MARKDOWN_NESTING {
            return Some(text);
        }
        let (cat, node) = (self.cat, f.get(key)?);
        let d = Diagnostic::error(
            tr!(
                cat,
                "text.too-deep",
                path = f.child(key),
                depth = depth,
                max = MAX_MARKDOWN_NESTING
            ),
            f.child(key),
            Some(node.span),
        )
        .with_label(cat.t("label.here", &[]))
        .with_hint(cat.t("text.too-deep.hint", &[]));
        self.error(d);
        None
    }

    pub fn text_node(&mut self, node: &Node, path: &str) -> Option<String> {
        self.text_node_limited(node, path, TextLimit::Text)
    }

    fn text_node_limited(&mut self, node: &Node, path: &str, limit: TextLimit) -> Option<String> {
        match &node.kind {
            NodeKind::Scalar(s, _) => {
                let text = s.trim_end_matches('\n');
                (!self.too_long(node, path, text, limit)).then(|| text.to_string())
            }
            _ => {
                self.wrong_type(node, path, "text");
                None
            }
        }
    }

    /// A required name: reports and returns empty when missing (the error is already
    /// counted).
    pub fn name(&mut self, f: &Fields, key: &str) -> String {
        self.text_limited(f, key, TextLimit::Name).unwrap_or_default()
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
            self.wrong_type(node, &path, "list");
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

    fn scalar<'n>(&mut self, f: &Fields<'n>, key: &str, what: &str) -> Option<(&'n Node, &'n str)> {
        let node = f.get(key)?;
        match &node.kind {
            NodeKind::Scalar(s, _) => Some((node, s.as_str())),
            _ => {
                self.wrong_type(node, &f.child(key), what);
                None
            }
        }
    }

    /// Money in the plan's currency; a bare number is in `meta.money_unit`.
    pub fn money(&mut self, f: &Fields, key: &str) -> Option<Money> {
        let (node, text) = self.scalar(f, key, "money")?;
        self.money_text(node, text, &f.child(key))
    }

    pub fn money_text(&mut self, node: &Node, text: &str, path: &str) -> Option<Money> {
        match values::parse_money(text, self.money_unit) {
            Ok(p) => self.in_currency(node, text, p.amount, p.currency.as_ref(), path),
            Err(e) => {
                self.value_error(e, path, node);
                None
            }
        }
    }

    /// Checks a parsed amount's currency against the plan's, and that a currency without a
    /// minor unit (the yen) gets no fraction: it could only be shown rounded.
    pub fn in_currency(
        &mut self,
        node: &Node,
        text: &str,
        amount: Decimal,
        currency: Option<&Named>,
        path: &str,
    ) -> Option<Money> {
        let plan = self.currency;
        match currency {
            Some(c) if !c.fits(plan) => {
                let (c, cat) = (c.shown(), self.cat);
                self.error(
                    Diagnostic::error(
                        tr!(cat, "currency.mixed", text = text.trim(), currency = c, plan = plan),
                        path,
                        Some(node.span),
                    )
                    .with_label(tr!(cat, "currency.mixed.label", currency = c))
                    .with_hint(tr!(
                        cat,
                        "currency.mixed.hint",
                        currency = c,
                        plan = plan
                    )),
                );
                None
            }
            _ if plan.minor_digits() == 0 && amount.normalize().scale() > 0 => {
                let cat = self.cat;
                self.error(
                    Diagnostic::error(
                        tr!(cat, "currency.minor-unit", text = text.trim(), currency = plan),
                        path,
                        Some(node.span),
                    )
                    .with_hint(tr!(
                        cat,
                        "currency.minor-unit.hint",
                        currency = plan
                    )),
                );
                None
            }
            _ => self
                .plausible_money(node, text, amount, path)
                .then_some(Money { amount, currency: self.currency }),
        }
    }

    /// A scalar parsed by `parse`; a parse failure is reported at the value.
    fn parsed<'n, T>(
        &mut self,
        f: &Fields<'n>,
        key: &str,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Option<(T, &'n Node)> {
        let (node, text) = self.scalar(f, key, what)?;
        parse(text).map_err(|e| self.value_error(e, &f.child(key), node)).ok().map(|v| (v, node))
    }

    /// A percentage written with `%`, as a fraction.
    pub fn percent(&mut self, f: &Fields, key: &str) -> Option<Decimal> {
        let (v, node) = self.parsed(f, key, "percent", values::parse_percent)?;
        self.plausible(node, v, true, &f.child(key)).then_some(v)
    }

    /// A plain number.
    pub fn number(&mut self, f: &Fields, key: &str) -> Option<Decimal> {
        let (v, node) = self.parsed(f, key, "number", values::parse_number)?;
        self.plausible(node, v, false, &f.child(key)).then_some(v)
    }

    /// A 1–5 risk scale value.
    pub fn scale(&mut self, f: &Fields, key: &str) -> Option<u8> {
        self.parsed(f, key, "scale", values::parse_scale).map(|(v, _)| v)
    }

    /// `true` / `false`.
    pub fn boolean(&mut self, f: &Fields, key: &str) -> Option<bool> {
        let (node, text) = self.scalar(f, key, "boolean")?;
        match text.trim() {
            "true" | "True" | "yes" | "是" => Some(true),
            "false" | "False" | "no" | "否" => Some(false),
            other => {
                let e = ValueError {
                    key: "value.boolean.invalid",
                    hint: "value.boolean.hint",
                    args: vec![("text", other.to_string())],
                };
                self.value_error(e, &f.child(key), node);
                None
            }
        }
    }

    /// An ISO date.
    pub fn date(&mut self, f: &Fields, key: &str) -> Option<Date> {
        let (node, text) = self.scalar(f, key, "date")?;
        Date::parse(text.trim()).or_else(|| {
            let e = ValueError {
                key: "value.date.invalid",
                hint: "value.date.hint",
                args: vec![("text", text.trim().to_string())],
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
                let g = self.fields(node, &path, super::keys::PERIOD)?;
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
                self.wrong_type(node, &path, "period");
                None
            }
        }
    }

    /// Reports `end` before `start`, pointing at `end`.
    pub fn end_before_start(&mut self, f: &Fields, start: Date, end: Date) {
        let (at, cat) = (f.get("end").map(|n| n.span), self.cat);
        self.error(
            Diagnostic::error(
                tr!(cat, "end-before-start", start = start, end = end),
                f.child("end"),
                at,
            )
            .with_label(cat.t("end-before-start.label", &[]))
            .with_hint(tr!(cat, "end-before-start.hint", start = start)),
        );
    }
}

/// The last key of a path (`targets.total` → `total`, `items[2]` → `items`).
fn last_key(path: &str) -> &str {
    let key = path.rsplit('.').next().unwrap_or(path);
    key.split('[').next().unwrap_or(key)
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
