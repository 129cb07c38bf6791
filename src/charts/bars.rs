//! Shares of a whole as sorted horizontal bars with amount and share: a breakdown by
//! category (region, product, channel), competitors' market share (ours highlighted), the
//! channel mix and the budget allocation.

use super::style::Role;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;
use rust_decimal::Decimal;

use super::scale::Numbers;
use super::style::{self, GAP, Key, PAD, Pen, Type, color};
use super::{Body, Chart, Cx, f};
use crate::figures::{BreakdownFigures, Figures};
use crate::model::values::Money;
use crate::model::{Breakdown, Plan, Portion};

/// A bar's thickness (the products chart draws the same bars, tier by tier).
pub(super) const BAR: f64 = 16.0;
/// Space above and below a row's content.
const ROW_PAD: f64 = 7.0;
/// The narrowest bar area beside the names before names go above the bars.
const MIN_BARS: f64 = 120.0;

#[derive(Debug, Clone)]
struct Row {
    name: String,
    value: f64,
    text: String,
    ours: bool,
    color: Role,
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    rows: Vec<Row>,
    notes: Vec<String>,
}

pub(crate) fn keys(d: &Data) -> Vec<Key> {
    d.notes.iter().map(Key::note).collect()
}

fn name_type(r: &Row) -> Type {
    if r.ours { style::STRONG } else { style::LABEL }
}

/// Where everything goes at one width.
struct Layout {
    /// Names above their bars rather than beside them.
    stacked: bool,
    names: Vec<Vec<String>>,
    rows: Vec<f64>,
    /// Where bars start and how long the longest is.
    x0: f64,
    bar_max: f64,
}

/// Where bars go at width `w` with names `name_w` and value texts `text_w` wide: where they
/// start and how long the longest may be beside the names, or `stacked` (names above the
/// bars) when the chart is narrow or that room is under [`MIN_BARS`].
pub(super) fn placement(w: f64, name_w: f64, text_w: f64) -> (f64, f64, bool) {
    let x0 = PAD + name_w + 2.0 * GAP;
    let beside = w - PAD - text_w - GAP - x0;
    (x0, beside, w < style::STACK_BELOW || beside < MIN_BARS)
}

/// A bar row's height: its name's `lines` above the bar (`stacked`) or beside it, with
/// `pad` above and below.
pub(super) fn row_height(lines: usize, stacked: bool, pad: f64) -> f64 {
    let names = lines as f64 * style::line_height(style::LABEL);
    if stacked { names + 3.0 + BAR + 2.0 * pad } else { names.max(BAR) + 2.0 * pad }
}

/// In a bar row from `y`, `row` high: where its name's first line goes, and the bar's middle.
pub(super) fn row_marks(y: f64, row: f64, lines: usize, stacked: bool, pad: f64) -> (f64, f64) {
    let names = lines as f64 * style::line_height(style::LABEL);
    if stacked {
        (y + pad, y + pad + names + 3.0 + BAR / 2.0)
    } else {
        (y + row / 2.0 - names / 2.0, y + row / 2.0)
    }
}

fn layout(d: &Data, w: f64) -> Layout {
    let inner = w - 2.0 * PAD;
    let text_w =
        d.rows.iter().map(|r| style::text_width(&r.text, name_type(r))).fold(0.0, f64::max);
    let widest =
        d.rows.iter().map(|r| style::text_width(&r.name, name_type(r))).fold(0.0, f64::max);
    let name_w = widest.min(inner * 0.34);
    let (x0, beside, stacked) = placement(w, name_w, text_w);
    if stacked {
        let names: Vec<Vec<String>> =
            d.rows.iter().map(|r| style::wrap(&r.name, name_type(r), inner, 2)).collect();
        let rows = names.iter().map(|n| row_height(n.len(), true, ROW_PAD)).collect();
        return Layout { stacked, names, rows, x0: PAD, bar_max: (inner - text_w - GAP).max(40.0) };
    }
    let names: Vec<Vec<String>> = d
        .rows
        .iter()
        .map(|r| style::wrap(&r.name, name_type(r), name_w, style::MAX_LINES))
        .collect();
    let rows = names.iter().map(|n| row_height(n.len(), false, ROW_PAD)).collect();
    Layout { stacked, names, rows, x0, bar_max: beside }
}

/// The top of each row and the bottom of the last, for a chart whose body starts at `body`.
pub(crate) fn row_edges(d: &Data, w: f64, body: f64) -> Vec<f64> {
    super::edges(body, &layout(d, w).rows)
}

pub(crate) fn height(d: &Data, w: f64) -> f64 {
    layout(d, w).rows.iter().sum()
}

/// An item: name, value to sort and scale by, amount and share (each with whether the plan
/// gave it, which sets the chart's precision).
struct Entry {
    name: String,
    value: Decimal,
    amount: Option<(Decimal, bool)>,
    share: Option<(Decimal, bool)>,
}

/// How a chart of entries writes its numbers: amounts in one unit, shares as percentages.
struct Writers {
    amounts: Option<Numbers>,
    shares: Numbers,
}

impl Writers {
    fn new<'e>(
        cx: &Cx,
        entries: impl Iterator<Item = &'e Entry> + Clone,
        more: &[Decimal],
    ) -> Self {
        let given = |p: &Option<(Decimal, bool)>| p.filter(|(_, exact)| *exact).map(|(v, _)| v);
        let derived = |p: &Option<(Decimal, bool)>| p.filter(|(_, exact)| !*exact).map(|(v, _)| v);
        let amounts = entries.clone().any(|e| e.amount.is_some()).then(|| {
            cx.amounts(
                entries.clone().filter_map(|e| given(&e.amount)),
                entries.clone().filter_map(|e| derived(&e.amount)).chain(more.iter().copied()),
            )
        });
        let shares = Numbers::percent(entries.filter_map(|e| given(&e.share)));
        Self { amounts, shares }
    }

    /// The drawn label (`3,000（20.0%）`) and the spoken one (`华东区 3,000万元（20.0%）`).
    fn texts(&self, cx: &Cx, e: &Entry) -> (String, String) {
        let drawn_amount = e.amount.zip(self.amounts.as_ref()).map(|((a, _), n)| n.fmt(a));
        let said_amount = e.amount.map(|(a, exact)| cx.money(a, exact));
        let share = e.share.map(|(s, _)| self.shares.fmt(s));
        let both = |a: Option<String>| match (a, &share) {
            (Some(a), Some(s)) => cx.fill("chart_amount_share", &[("amount", &a), ("share", s)]),
            (Some(a), None) => a,
            (None, Some(s)) => s.clone(),
            (None, None) => "—".to_string(),
        };
        (both(drawn_amount), format!("{} {}", e.name, both(said_amount)))
    }

    /// The unit note, then `more` notes.
    fn notes(&self, cx: &Cx, more: impl IntoIterator<Item = String>) -> Vec<String> {
        self.amounts.as_ref().and_then(|n| cx.unit_note(n)).into_iter().chain(more).collect()
    }

    /// An amount as the chart writes it.
    fn amount(&self, v: Decimal) -> String {
        self.amounts.as_ref().map_or_else(String::new, |n| n.fmt(v))
    }
}

/// Sorted largest first (ties keep plan order), with the description's items.
fn rows(cx: &Cx, w: &Writers, mut entries: Vec<Entry>) -> (Vec<Row>, Vec<String>) {
    entries.sort_by_key(|e| std::cmp::Reverse(e.value));
    let mut desc = Vec::new();
    let rows = entries
        .iter()
        .map(|e| {
            let (text, said) = w.texts(cx, e);
            desc.push(said);
            Row {
                name: e.name.clone(),
                value: f(e.value),
                text,
                ours: false,
                color: color::PRIMARY,
            }
        })
        .collect();
    (rows, desc)
}

pub(crate) fn breakdown(
    id: String,
    b: &Breakdown,
    bf: &BreakdownFigures,
    total: Option<Money>,
    cx: &Cx,
) -> Option<Chart> {
    let by_amount = bf.items.iter().all(|i| i.amount.is_some());
    if b.items.is_empty() || (!by_amount && !bf.items.iter().all(|i| i.share.is_some())) {
        return None;
    }
    // shares as the table shows them (largest remainder when all are computed)
    let all_amounts = b.items.iter().all(|i| matches!(i.portion, Portion::Amount(_)));
    let shown = crate::context::shown_shares(
        &bf.items.iter().map(|fi| fi.share).collect::<Vec<_>>(),
        all_amounts,
    );
    let entries: Vec<Entry> = b
        .items
        .iter()
        .zip(&bf.items)
        .zip(shown)
        .map(|((i, fi), share)| {
            let given_amount = matches!(i.portion, Portion::Amount(_));
            Entry {
                name: i.name.clone(),
                value: if by_amount { fi.amount } else { fi.share }.unwrap_or_default(),
                amount: fi.amount.map(|a| (a, given_amount)),
                share: share.map(|s| (s, !given_amount)),
            }
        })
        .collect();
    let sum = match (bf.amount_sum, total) {
        (Some(sum), _) => Some(sum),
        (None, Some(t)) => Some(t.amount),
        _ => None,
    };
    let w = Writers::new(cx, entries.iter(), &sum.into_iter().collect::<Vec<_>>());
    let (rows, desc) = rows(cx, &w, entries);
    let sum_note = sum.map(|s| cx.fill("chart_sum", &[("value", &w.amount(s))]));
    let notes = w.notes(cx, sum_note);
    let title = cx.fill("chart_breakdown", &[("name", &b.name)]);
    let description =
        cx.fill("chart_shares_desc", &[("name", &b.name), ("items", &cx.join(&desc))]);
    Some(cx.chart(&id, "targets", title, description, Body::Bars(Data { rows, notes })))
}

pub(crate) fn competitors(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    let m = plan.market.as_ref()?;
    let ours_word = cx.l("ours");
    // Each company with its bar colour; ours in the primary colour.
    let mut entries: Vec<(Entry, bool, Role)> = m
        .competitors
        .iter()
        .filter_map(|c| {
            let share = c.share?;
            let tagged = c.ours && !c.name.to_lowercase().contains(&ours_word.to_lowercase());
            let name =
                if tagged { format!("{}{}", c.name, cx.l("ours_tag")) } else { c.name.clone() };
            let colour = if c.ours { color::PRIMARY } else { color::NEUTRAL };
            let entry = Entry { name, value: share, amount: None, share: Some((share, true)) };
            Some((entry, c.ours, colour))
        })
        .collect();
    if entries.is_empty() {
        return None;
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.0.value));
    let rest = figures.competitor_share_sum.map(|s| Decimal::ONE - s);
    if let Some(r) = rest.filter(|r| *r > Decimal::ZERO) {
        let name = cx.l("chart_others");
        entries.push((
            Entry { name, value: r, amount: None, share: Some((r, false)) },
            false,
            color::REST,
        ));
    }
    let w = Writers::new(cx, entries.iter().map(|e| &e.0), &[]);
    let mut desc = Vec::new();
    let mut ours = Vec::new();
    let rows: Vec<Row> = entries
        .iter()
        .map(|(e, is_ours, colour)| {
            let (text, said) = w.texts(cx, e);
            desc.push(said);
            if *is_ours {
                ours.push(text.clone());
            }
            Row { name: e.name.clone(), value: f(e.value), text, ours: *is_ours, color: *colour }
        })
        .collect();
    let description = cx.fill("chart_competitors_desc", &[("items", &cx.join(&desc))]);
    let notes = (ours.len() == 1)
        .then(|| cx.fill("chart_our_share", &[("share", &ours[0])]))
        .into_iter()
        .collect();
    let data = Data { rows, notes };
    Some(cx.chart(
        "competitors",
        "market",
        cx.l("chart_competitors"),
        description,
        Body::Bars(data),
    ))
}

pub(crate) fn channels(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    if plan.channels.is_empty() {
        return None;
    }
    let by_share = plan.channels.iter().all(|c| c.share.is_some());
    let by_expected = plan.channels.iter().all(|c| c.expected.is_some());
    if !by_share && !by_expected {
        return None;
    }
    let entries: Vec<Entry> = plan
        .channels
        .iter()
        .map(|c| Entry {
            name: c.name.clone(),
            value: if by_share { c.share } else { c.expected.map(|m| m.amount) }
                .unwrap_or_default(),
            amount: c.expected.map(|m| (m.amount, true)),
            share: c.share.map(|s| (s, true)),
        })
        .collect();
    let sum = figures.channels.expected_sum;
    let w = Writers::new(cx, entries.iter(), &sum.into_iter().collect::<Vec<_>>());
    let (rows, desc) = rows(cx, &w, entries);
    let notes = w.notes(cx, sum.map(|s| cx.fill("chart_sum", &[("value", &w.amount(s))])));
    let description = cx.fill("chart_channels_desc", &[("items", &cx.join(&desc))]);
    let data = Data { rows, notes };
    Some(cx.chart("channels", "strategies", cx.l("chart_channels"), description, Body::Bars(data)))
}

pub(crate) fn budget(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    let (b, bf) = (plan.budget.as_ref()?, figures.budget.as_ref()?);
    if b.items.is_empty() {
        return None;
    }
    let entries: Vec<Entry> = b
        .items
        .iter()
        .zip(crate::context::shown_shares(&bf.shares, true))
        .map(|(i, s)| Entry {
            name: i.name.clone(),
            value: i.amount.amount,
            amount: Some((i.amount.amount, true)),
            share: s.map(|s| (s, false)),
        })
        .collect();
    let total = b.total.map(|t| t.amount).filter(|t| *t != bf.sum);
    let w = Writers::new(cx, entries.iter(), &[bf.sum]);
    let (rows, desc) = rows(cx, &w, entries);
    let said_sum = cx.money(bf.sum, false);
    let (drawn, said) = match total {
        Some(t) => (
            cx.fill("chart_budget_total", &[("total", &w.amount(t)), ("sum", &w.amount(bf.sum))]),
            cx.fill("chart_budget_total", &[("total", &cx.money(t, true)), ("sum", &said_sum)]),
        ),
        None => (
            cx.fill("chart_sum", &[("value", &w.amount(bf.sum))]),
            cx.fill("chart_sum", &[("value", &said_sum)]),
        ),
    };
    let description = cx.fill("chart_budget_desc", &[("total", &said), ("items", &cx.join(&desc))]);
    let data = Data { rows, notes: w.notes(cx, [drawn]) };
    Some(cx.chart("budget", "budget", cx.l("chart_budget"), description, Body::Bars(data)))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>, top: f64) -> Result<(), String> {
    let l = layout(d, pen.w);
    let max = d.rows.iter().map(|r| r.value).fold(0.0, f64::max);
    let mut y = top;
    for ((r, names), row) in d.rows.iter().zip(&l.names).zip(&l.rows) {
        let t = name_type(r);
        let (name_top, mid) = row_marks(y, *row, names.len(), l.stacked, ROW_PAD);
        pen.lines(names, PAD, name_top, t, color::INK, HPos::Left)?;
        let len = if max > 0.0 { r.value.max(0.0) / max * l.bar_max } else { 0.0 };
        pen.rect(l.x0, mid - BAR / 2.0, l.x0 + len, mid + BAR / 2.0, r.color)?;
        pen.left(&r.text, l.x0 + len + GAP, mid, t, color::INK)?;
        y += row;
    }
    pen.line(l.x0, top, l.x0, y, color::AXIS, 1)
}
