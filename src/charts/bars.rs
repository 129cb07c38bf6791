//! Shares of a whole as sorted horizontal bars with amount and share: a breakdown by
//! category (region, product, channel), competitors' market share (ours highlighted), the
//! channel mix and the budget allocation.

use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;
use rust_decimal::Decimal;

use super::style::{self, GAP, LEGEND_Y, PAD, Pen, color};
use super::{Body, Chart, Cx, f};
use crate::figures::{BreakdownFigures, Figures};
use crate::model::values::Money;
use crate::model::{Breakdown, Plan, Portion};

const ROW: f64 = 30.0;
const BAR: f64 = 16.0;

#[derive(Debug, Clone)]
struct Row {
    name: String,
    value: f64,
    text: String,
    ours: bool,
    color: RGBColor,
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    rows: Vec<Row>,
    subtitle: Option<String>,
}

pub(crate) fn height(d: &Data) -> u32 {
    (style::BODY_TOP + d.rows.len() as f64 * ROW + PAD - 6.0) as u32
}

/// An item: name, value to sort and scale by, amount text, share text.
struct Entry {
    name: String,
    value: Decimal,
    amount: Option<String>,
    share: Option<String>,
}

fn amount_share(cx: &Cx, e: &Entry) -> String {
    match (&e.amount, &e.share) {
        (Some(a), Some(s)) => cx.fill("chart_amount_share", &[("amount", a), ("share", s)]),
        (Some(a), None) => a.clone(),
        (None, Some(s)) => s.clone(),
        (None, None) => "—".to_string(),
    }
}

/// Sorted largest first; ties keep plan order.
fn rows(cx: &Cx, mut entries: Vec<Entry>) -> (Vec<Row>, Vec<String>) {
    entries.sort_by_key(|e| std::cmp::Reverse(e.value));
    let mut desc = Vec::new();
    let rows = entries
        .iter()
        .map(|e| {
            let text = amount_share(cx, e);
            desc.push(format!("{} {}", e.name, text));
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
    let entries = b
        .items
        .iter()
        .zip(&bf.items)
        .map(|(i, fi)| {
            let given_amount = matches!(i.portion, Portion::Amount(_));
            Entry {
                name: i.name.clone(),
                value: if by_amount { fi.amount } else { fi.share }.unwrap_or_default(),
                amount: fi.amount.map(|a| cx.money(a, given_amount)),
                share: fi.share.map(|s| cx.percent(s, !given_amount)),
            }
        })
        .collect();
    let (rows, desc) = rows(cx, entries);
    let subtitle = match (bf.amount_sum, total) {
        (Some(sum), _) => Some(cx.fill("chart_sum", &[("value", &cx.money(sum, false))])),
        (None, Some(t)) => Some(cx.fill("chart_sum", &[("value", &cx.money(t.amount, true))])),
        _ => None,
    };
    let title = cx.fill("chart_breakdown", &[("name", &b.name)]);
    let description =
        cx.fill("chart_shares_desc", &[("name", &b.name), ("items", &cx.join(&desc))]);
    Some(cx.chart(&id, "targets", title, description, Body::Bars(Data { rows, subtitle })))
}

pub(crate) fn competitors(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    let m = plan.market.as_ref()?;
    let ours_word = cx.l("ours");
    let mut entries: Vec<(Entry, bool)> = m
        .competitors
        .iter()
        .filter_map(|c| {
            let share = c.share?;
            let tagged = c.ours && !c.name.to_lowercase().contains(&ours_word.to_lowercase());
            let name =
                if tagged { format!("{}{}", c.name, cx.l("ours_tag")) } else { c.name.clone() };
            let entry =
                Entry { name, value: share, amount: None, share: Some(cx.percent(share, true)) };
            Some((entry, c.ours))
        })
        .collect();
    if entries.is_empty() {
        return None;
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.0.value));
    let mut desc = Vec::new();
    let mut rows: Vec<Row> = entries
        .iter()
        .map(|(e, ours)| {
            let text = amount_share(cx, e);
            desc.push(format!("{} {}", e.name, text));
            let color = if *ours { color::PRIMARY } else { color::NEUTRAL };
            Row { name: e.name.clone(), value: f(e.value), text, ours: *ours, color }
        })
        .collect();
    let rest = figures.competitor_share_sum.map(|s| Decimal::ONE - s);
    if let Some(rest) = rest.filter(|r| *r > Decimal::ZERO) {
        let text = cx.percent(rest, false);
        desc.push(format!("{} {}", cx.l("chart_others"), text));
        rows.push(Row {
            name: cx.l("chart_others"),
            value: f(rest),
            text,
            ours: false,
            color: color::REST,
        });
    }
    let description = cx.fill("chart_competitors_desc", &[("items", &cx.join(&desc))]);
    let ours: Vec<String> =
        entries.iter().filter(|(_, o)| *o).filter_map(|(e, _)| e.share.clone()).collect();
    let subtitle = (ours.len() == 1).then(|| cx.fill("chart_our_share", &[("share", &ours[0])]));
    let data = Data { rows, subtitle };
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
    let entries = plan
        .channels
        .iter()
        .map(|c| Entry {
            name: c.name.clone(),
            value: if by_share { c.share } else { c.expected.map(|m| m.amount) }
                .unwrap_or_default(),
            amount: c.expected.map(|m| cx.money(m.amount, true)),
            share: c.share.map(|s| cx.percent(s, true)),
        })
        .collect();
    let (rows, desc) = rows(cx, entries);
    let subtitle = figures
        .channels
        .expected_sum
        .map(|s| cx.fill("chart_sum", &[("value", &cx.money(s, false))]));
    let description = cx.fill("chart_channels_desc", &[("items", &cx.join(&desc))]);
    let data = Data { rows, subtitle };
    Some(cx.chart("channels", "strategies", cx.l("chart_channels"), description, Body::Bars(data)))
}

pub(crate) fn budget(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    let (b, bf) = (plan.budget.as_ref()?, figures.budget.as_ref()?);
    if b.items.is_empty() {
        return None;
    }
    let entries = b
        .items
        .iter()
        .zip(&bf.shares)
        .map(|(i, s)| Entry {
            name: i.name.clone(),
            value: i.amount.amount,
            amount: Some(cx.money(i.amount.amount, true)),
            share: s.map(|s| cx.percent(s, false)),
        })
        .collect();
    let (rows, desc) = rows(cx, entries);
    let sum = cx.money(bf.sum, false);
    let subtitle = match b.total {
        Some(t) if t.amount != bf.sum => {
            cx.fill("chart_budget_total", &[("total", &cx.money(t.amount, true)), ("sum", &sum)])
        }
        _ => cx.fill("chart_sum", &[("value", &sum)]),
    };
    let description =
        cx.fill("chart_budget_desc", &[("total", &subtitle), ("items", &cx.join(&desc))]);
    let data = Data { rows, subtitle: Some(subtitle) };
    Some(cx.chart("budget", "budget", cx.l("chart_budget"), description, Body::Bars(data)))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>) -> Result<(), String> {
    let w = pen.w;
    if let Some(s) = &d.subtitle {
        pen.left(
            &style::fit(s, style::LABEL, w - 2.0 * PAD),
            PAD,
            LEGEND_Y,
            style::LABEL,
            color::MUTED,
        )?;
    }
    let name_t = |r: &Row| if r.ours { style::STRONG } else { style::LABEL };
    let names = d.rows.iter().map(|r| style::text_width(&r.name, name_t(r))).fold(0.0, f64::max);
    let name_w = names.min(w * 0.34);
    let text_w = d.rows.iter().map(|r| style::text_width(&r.text, name_t(r))).fold(0.0, f64::max);
    let x0 = PAD + name_w + 2.0 * GAP;
    let bar_max = (w - PAD - text_w - GAP - x0).max(40.0);
    let max = d.rows.iter().map(|r| r.value).fold(0.0, f64::max);
    let mut y = style::BODY_TOP;
    for r in &d.rows {
        let mid = y + ROW / 2.0;
        let t = name_t(r);
        pen.left(&style::fit(&r.name, t, name_w), PAD, mid, t, color::INK)?;
        let len = if max > 0.0 { r.value.max(0.0) / max * bar_max } else { 0.0 };
        pen.rect(x0, mid - BAR / 2.0, x0 + len, mid + BAR / 2.0, r.color)?;
        pen.left(&r.text, x0 + len + GAP, mid, t, color::INK)?;
        y += ROW;
    }
    pen.line(x0, style::BODY_TOP, x0, y, color::AXIS, 1)
}
