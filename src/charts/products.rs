//! The product mix in pyramid order: products grouped under their tier (塔尖 first), each
//! with its revenue as a bar and the gross profit inside it, so the margin reads as the
//! dark share of the bar; without a target to turn shares into revenue, the bars are the
//! shares.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;
use rust_decimal::Decimal;

use super::bars::{BAR, placement, row_height, row_marks};
use super::scale::Numbers;
use super::style::{self, GAP, Key, PAD, Pen, Swatch, color};
use super::{Body, Chart, Cx, f};
use crate::figures::Figures;
use crate::model::Plan;

/// Space above and below a row's content.
const ROW_PAD: f64 = 6.0;

#[derive(Debug, Clone)]
enum Row {
    /// A tier's heading.
    Tier(String),
    /// A product: bar length (revenue or share), the dark part (gross profit), its text.
    Product { name: String, value: f64, inner: Option<f64>, text: String },
}

/// What the chart draws.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    rows: Vec<Row>,
    keys: Vec<Key>,
}

pub(crate) fn keys(d: &Data) -> Vec<Key> {
    d.keys.clone()
}

/// Where everything goes at one width.
struct Layout {
    stacked: bool,
    names: Vec<Vec<String>>,
    rows: Vec<f64>,
    x0: f64,
    bar_max: f64,
}

fn layout(d: &Data, w: f64) -> Layout {
    let inner = w - 2.0 * PAD;
    let lh = style::line_height(style::LABEL);
    let products = || {
        d.rows.iter().filter_map(|r| match r {
            Row::Product { name, text, .. } => Some((name, text)),
            Row::Tier(_) => None,
        })
    };
    let text_w = style::widest(products().map(|(_, t)| t.as_str()), style::LABEL);
    // Product names are indented under their tier by one GAP.
    let name_w =
        (style::widest(products().map(|(n, _)| n.as_str()), style::LABEL) + GAP).min(inner * 0.34);
    let (x0, beside, stacked) = placement(w, name_w, text_w);
    let mut names = Vec::new();
    let mut rows = Vec::new();
    for r in &d.rows {
        match r {
            Row::Tier(t) => {
                let n = style::wrap(t, style::STRONG, inner, 2);
                rows.push(n.len() as f64 * lh + 6.0);
                names.push(n);
            }
            Row::Product { name, .. } => {
                let n = if stacked {
                    style::wrap(name, style::LABEL, inner - GAP, 2)
                } else {
                    style::wrap(name, style::LABEL, name_w - GAP, style::MAX_LINES)
                };
                rows.push(row_height(n.len(), stacked, ROW_PAD));
                names.push(n);
            }
        }
    }
    let (x0, bar_max) =
        if stacked { (PAD + GAP, (inner - GAP - text_w - GAP).max(40.0)) } else { (x0, beside) };
    Layout { stacked, names, rows, x0, bar_max }
}

pub(crate) fn height(d: &Data, w: f64) -> f64 {
    layout(d, w).rows.iter().sum()
}

pub(crate) fn build(plan: &Plan, figures: &Figures, cx: &Cx) -> Option<Chart> {
    let pf = figures.products.as_ref()?;
    let revenue = pf.split.items.iter().all(|i| i.amount.is_some());
    if !revenue && !pf.split.items.iter().all(|i| i.share.is_some()) {
        return None;
    }
    let amounts: Vec<Decimal> = pf.split.items.iter().filter_map(|i| i.amount).collect();
    let profits: Vec<Decimal> = pf.profit.iter().flatten().copied().collect();
    let numbers = revenue.then(|| cx.amounts(amounts.iter().copied(), profits.iter().copied()));
    let shares = Numbers::percent(plan.products.iter().filter_map(|p| match p.portion {
        crate::model::Portion::Share(s) => Some(s),
        crate::model::Portion::Amount(_) => None,
    }));
    let any_tier = plan.products.iter().any(|p| p.tier.is_some());
    let mut rows = Vec::new();
    let mut desc = Vec::new();
    let mut tier: Option<&Option<String>> = None;
    for &i in &pf.order {
        let (p, item) = (&plan.products[i], &pf.split.items[i]);
        if any_tier && tier != Some(&p.tier) {
            // products without a tier close the pyramid under 其他 / Other
            rows.push(Row::Tier(p.tier.clone().unwrap_or_else(|| cx.l("chart_others"))));
            tier = Some(&p.tier);
        }
        let (value, drawn, said) = match (&numbers, item.amount) {
            (Some(n), Some(a)) => (a, n.fmt(a), cx.money(a, true)),
            _ => {
                let s = item.share.unwrap_or_default();
                (s, shares.fmt(s), cx.percent(s, true))
            }
        };
        let text = match p.margin {
            Some(m) => cx.fill(
                "chart_product_value",
                &[("value", &drawn), ("margin", &cx.percent(m, true))],
            ),
            None => drawn,
        };
        let inner = pf.profit[i].filter(|_| revenue).map(f);
        let tier_text = p
            .tier
            .as_ref()
            .map(|t| cx.fill("chart_product_tier", &[("tier", t)]))
            .unwrap_or_default();
        let margin_said = p.margin.map(|m| cx.percent(m, true)).unwrap_or_else(|| "—".into());
        let key = if revenue { "chart_product_item" } else { "chart_product_share_item" };
        let name = format!("{tier_text}{}", p.name);
        desc.push(cx.fill(key, &[("name", &name), ("value", &said), ("margin", &margin_said)]));
        rows.push(Row::Product { name: p.name.clone(), value: f(value), inner, text });
    }
    let mut keys = Vec::new();
    if let Some(n) = &numbers {
        keys.push(Key::mark(Swatch::Box(color::REST), cx.l("chart_revenue")));
        if pf.profit.iter().any(Option::is_some) {
            keys.push(Key::mark(Swatch::Box(color::PRIMARY), cx.l("chart_profit")));
        }
        keys.extend(cx.unit_note(n).map(Key::note));
    }
    let title = if revenue { "chart_products" } else { "chart_products_share" };
    let description = cx.fill("chart_products_desc", &[("items", &cx.join(&desc))]);
    Some(cx.chart(
        "products",
        "targets",
        cx.l(title),
        description,
        Body::Products(Data { rows, keys }),
    ))
}

pub(crate) fn draw<DB: DrawingBackend>(d: &Data, pen: &Pen<DB>, top: f64) -> Result<(), String> {
    let l = layout(d, pen.w);
    let max = d
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Product { value, .. } => Some(*value),
            Row::Tier(_) => None,
        })
        .fold(0.0, f64::max);
    let mut y = top;
    for ((r, names), row) in d.rows.iter().zip(&l.names).zip(&l.rows) {
        match r {
            Row::Tier(_) => {
                pen.lines(names, PAD, y + 4.0, style::STRONG, color::INK, HPos::Left)?;
            }
            Row::Product { value, inner, text, .. } => {
                let (name_top, mid) = row_marks(y, *row, names.len(), l.stacked, ROW_PAD);
                pen.lines(names, PAD + GAP, name_top, style::LABEL, color::INK, HPos::Left)?;
                // The axis runs down each product's row: tier headings break it.
                if !l.stacked {
                    pen.line(l.x0, y, l.x0, y + row, color::AXIS, 1)?;
                }
                let len = if max > 0.0 { value.max(0.0) / max * l.bar_max } else { 0.0 };
                pen.rect(l.x0, mid - BAR / 2.0, l.x0 + len, mid + BAR / 2.0, color::REST)?;
                if let Some(g) = inner {
                    let glen = if max > 0.0 { g.clamp(0.0, *value) / max * l.bar_max } else { 0.0 };
                    pen.rect(l.x0, mid - BAR / 2.0, l.x0 + glen, mid + BAR / 2.0, color::PRIMARY)?;
                }
                pen.left(text, l.x0 + len + GAP, mid, style::LABEL, color::INK)?;
            }
        }
        y += row;
    }
    Ok(())
}
