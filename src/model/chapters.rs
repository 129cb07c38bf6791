//! Readers of the chapters plan format v1.1 types: products, horizons, pricing, the sales
//! funnel, customer care, promotions, key dates and team building (hiring, training,
//! incentives). Each reports its problems where they are written and reads on.

use rust_decimal::Decimal;

use super::build::{figures, is_money_unit, portion};
use super::date::Date;
use super::keys;
use super::reader::{Fields, Reader};
use super::types::*;
use super::values::{Figure, Period};
use crate::diagnostic::Diagnostic;
use crate::plan::yaml::{Node, NodeKind};
use crate::tr;

/// Names of the metric a funnel takes its deal size from when it gives none.
const DEAL_SIZE_NAMES: [&str; 13] = [
    "客单价",
    "平均订单",
    "平均成交",
    "单均",
    // Traditional Chinese
    "客單價",
    "平均訂單",
    "平均成交",
    "單均",
    "average order value",
    "aov",
    "deal size",
    "average deal",
    "acv",
];

impl Reader<'_> {
    /// Reports the value of `key` as out of its range: `message` and `hint` are catalog
    /// keys whose `{text}` is the value as written.
    fn out_of_range(&mut self, f: &Fields, key: &str, message: &str, hint: &str) {
        let Some(node) = f.get(key) else { return };
        let text = node.as_str().unwrap_or("").trim().to_string();
        let cat = self.cat;
        self.error(
            Diagnostic::error(cat.t(message, &[("text", &text)]), f.child(key), Some(node.span))
                .with_label(cat.t("label.here", &[]))
                .with_hint(cat.t(hint, &[("text", &text)])),
        );
    }

    /// A number that may not be negative (days, hours, people).
    fn count(&mut self, f: &Fields, key: &str) -> Option<Decimal> {
        let n = self.number(f, key)?;
        if n.is_sign_negative() && !n.is_zero() {
            self.out_of_range(f, key, "value.negative", "value.negative.hint");
            return None;
        }
        Some(n)
    }

    /// A list that must hold at least one item.
    fn nonempty<T>(&mut self, f: &Fields, key: &str, items: Option<Vec<T>>) -> Vec<T> {
        let items = items.unwrap_or_default();
        if let (true, Some(node)) = (items.is_empty(), f.get(key))
            && matches!(&node.kind, NodeKind::Seq(s) if s.is_empty())
        {
            let cat = self.cat;
            self.error(
                Diagnostic::error(
                    tr!(cat, "list.empty", path = f.child(key)),
                    f.child(key),
                    Some(node.span),
                )
                .with_label(cat.t("label.here", &[]))
                .with_hint(cat.t("list.empty.hint", &[])),
            );
        }
        items
    }
}

/// `products[]`.
pub(super) fn product(r: &mut Reader, n: &Node, path: &str) -> Option<Product> {
    let g = r.fields(n, path, keys::PRODUCT)?;
    let portion = portion(r, &g, path);
    let mut margin = r.percent(&g, "margin");
    if margin.is_some_and(|m| m > Decimal::ONE) {
        r.out_of_range(&g, "margin", "product.margin.range", "product.margin.hint");
        margin = None;
    }
    Some(Product {
        name: r.name(&g, "name"),
        tier: r.text(&g, "tier"),
        portion: portion?,
        margin,
        price: r.money(&g, "price"),
        note: r.text(&g, "note"),
        span: Some(n.span),
    })
}

/// `horizons[]`.
pub(super) fn horizon(r: &mut Reader, n: &Node, path: &str) -> Option<Horizon> {
    let f = r.fields(n, path, keys::HORIZON)?;
    let name = r.name(&f, "name");
    let end = horizon_end(r, &f);
    let metrics = r
        .list(&f, "metrics", |r, n, p| {
            let g = r.fields(n, p, keys::HORIZON_METRIC)?;
            let name = r.name(&g, "name");
            let unit = r.text(&g, "unit");
            let target = figures(r, &g, &["target"], &name, unit.as_deref())[0]?;
            Some(HorizonMetric { name, target, unit: unit.filter(|u| !is_money_unit(u)) })
        })
        .unwrap_or_default();
    let (end, end_period) = end?;
    Some(Horizon { name, end, end_period, goals: r.text_list(&f, "goals"), metrics })
}

/// A horizon's `end`: a date (`2025-06-30`) or a period whose last day it is (`2025-Q2`,
/// `"2027"`, `{start, end}`).
fn horizon_end(r: &mut Reader, f: &Fields) -> Option<(Date, Option<Period>)> {
    let node = f.get("end")?;
    if let NodeKind::Scalar(text, _) = &node.kind {
        if let Some(d) = Date::parse(text.trim()) {
            return Some((d, None));
        }
        if let Ok(p) = Period::parse(text) {
            return Some((p.end, Some(p)));
        }
        r.out_of_range(f, "end", "horizon.end.invalid", "horizon.end.hint");
        return None;
    }
    r.period(f, "end").map(|p| (p.end, Some(p)))
}

/// `pricing[]`.
pub(super) fn price(r: &mut Reader, n: &Node, path: &str) -> Option<Price> {
    let f = r.fields(n, path, keys::PRICING)?;
    let method = r.text(&f, "method").map(|m| {
        let key = m.trim().to_lowercase();
        match key.trim_end_matches("法").trim_end_matches(" pricing") {
            "value" | "value-based" | "价值定价" | "價值定價" => PricingMethod::Value,
            "competitive" | "competition" | "竞争定价" | "競爭定價" => {
                PricingMethod::Competitive
            }
            "penetration" | "渗透定价" | "滲透定價" => PricingMethod::Penetration,
            _ => PricingMethod::Other(m),
        }
    });
    Some(Price {
        segment: r.name(&f, "segment"),
        method,
        level: r.percent(&f, "level"),
        terms: r.text(&f, "terms"),
    })
}

/// `funnel`: its stages, and the deal size that turns the target into deals (written, or
/// the target of the `targets.metrics` entry named for it).
pub(super) fn funnel(r: &mut Reader, n: &Node, targets: Option<&Targets>) -> Option<Funnel> {
    let f = r.fields(n, "funnel", keys::FUNNEL)?;
    // Every stage but the last needs its conversion (the last one may be the deal itself).
    let count = match f.get("stages").map(|s| &s.kind) {
        Some(NodeKind::Seq(items)) => items.len(),
        _ => 0,
    };
    let mut k = 0;
    let listed = r.list(&f, "stages", |r, n, p| {
        k += 1;
        stage(r, n, p, k < count)
    });
    let stages = r.nonempty(&f, "stages", listed);
    let target = match f.get("target").and_then(Node::as_str) {
        Some(t) if t.trim().ends_with(['%', '％']) => r.percent(&f, "target").map(Portion::Share),
        _ => r.money(&f, "target").map(Portion::Amount),
    };
    let mut deal_size_metric = None;
    let deal_size = match f.get("deal_size") {
        Some(_) => r.money(&f, "deal_size"),
        None if f.misspelt("deal_size") => None,
        None => match targets.and_then(deal_size_of) {
            Some((name, m)) => {
                deal_size_metric = Some(name);
                Some(m)
            }
            None => {
                let cat = r.cat;
                r.error(
                    Diagnostic::error(
                        cat.t("funnel.deal-size.missing", &[]),
                        "funnel",
                        Some(f.span),
                    )
                    .with_label(cat.t("funnel.deal-size.missing.label", &[]))
                    .with_hint(cat.t("funnel.deal-size.missing.hint", &[])),
                );
                None
            }
        },
    };
    if deal_size.is_some_and(|m| m.amount <= Decimal::ZERO) && deal_size_metric.is_none() {
        r.out_of_range(&f, "deal_size", "funnel.deal-size.range", "funnel.deal-size.hint");
    }
    Some(Funnel { stages, deal_size, deal_size_metric, target, span: f.key_span("stages") })
}

/// The metric named for the deal size (客单价, average order value) whose target is money.
fn deal_size_of(t: &Targets) -> Option<(String, super::values::Money)> {
    t.metrics.iter().find_map(|m| {
        let lower = m.name.to_lowercase();
        match m.target {
            Figure::Money(money) if DEAL_SIZE_NAMES.iter().any(|w| lower.contains(w)) => {
                Some((m.name.clone(), money))
            }
            _ => None,
        }
    })
}

fn stage(r: &mut Reader, n: &Node, path: &str, needs_conversion: bool) -> Option<Stage> {
    let f = r.fields(n, path, keys::STAGE)?;
    if needs_conversion && f.get("conversion").is_none() && !f.misspelt("conversion") {
        let cat = r.cat;
        let name = f.get("name").and_then(Node::as_str).unwrap_or("").trim().to_string();
        r.error(
            Diagnostic::error(
                tr!(cat, "funnel.conversion.missing", name = name),
                path,
                Some(n.span),
            )
            .with_label(cat.t("funnel.conversion.missing.label", &[]))
            .with_hint(cat.t("funnel.conversion.missing.hint", &[])),
        );
    }
    let mut conversion = r.percent(&f, "conversion");
    if conversion.is_some_and(|c| c <= Decimal::ZERO || c > Decimal::ONE) {
        r.out_of_range(&f, "conversion", "funnel.conversion.range", "funnel.conversion.hint");
        conversion = None;
    }
    Some(Stage {
        name: r.name(&f, "name"),
        conversion,
        days: r.count(&f, "days"),
        owner: r.text(&f, "owner"),
    })
}

/// `service`.
pub(super) fn service(r: &mut Reader, n: &Node) -> Option<Service> {
    let f = r.fields(n, "service", keys::SERVICE)?;
    let tiers = r
        .list(&f, "tiers", |r, n, p| {
            let g = r.fields(n, p, keys::SERVICE_TIER)?;
            Some(ServiceTier {
                name: r.name(&g, "name"),
                criteria: r.text(&g, "criteria"),
                service: r.text(&g, "service"),
                cadence: r.text(&g, "cadence"),
                owner: r.text(&g, "owner"),
            })
        })
        .unwrap_or_default();
    let standards = r
        .list(&f, "standards", |r, n, p| {
            let g = r.fields(n, p, keys::STANDARD)?;
            Some(Standard { name: r.name(&g, "name"), target: r.text(&g, "target") })
        })
        .unwrap_or_default();
    Some(Service { text: r.markdown(&f, "text"), tiers, standards })
}

/// `promotions[]`.
pub(super) fn promotion(r: &mut Reader, n: &Node, path: &str) -> Option<Promotion> {
    let f = r.fields(n, path, keys::PROMOTION)?;
    let start = r.date(&f, "start");
    let end = r.date(&f, "end");
    let name = r.name(&f, "name");
    let (budget, target, actual) =
        (r.money(&f, "budget"), r.money(&f, "target"), r.money(&f, "actual"));
    let (start, end) = (start?, end?);
    if end < start {
        r.end_before_start(&f, start, end);
        return None;
    }
    Some(Promotion {
        name,
        start,
        end,
        budget,
        target,
        actual,
        channel: r.text(&f, "channel"),
        owner: r.text(&f, "owner"),
        span: Some(n.span),
    })
}

/// `dates[]`.
pub(super) fn key_date(r: &mut Reader, n: &Node, path: &str) -> Option<KeyDate> {
    let f = r.fields(n, path, keys::KEY_DATE)?;
    let date = r.date(&f, "date");
    let name = r.name(&f, "name");
    Some(KeyDate { date: date?, name, span: Some(n.span) })
}

/// `team.hiring[]`.
pub(super) fn hire(r: &mut Reader, n: &Node, path: &str) -> Option<Hire> {
    let f = r.fields(n, path, keys::HIRE)?;
    let headcount = r.count(&f, "headcount");
    Some(Hire {
        role: r.name(&f, "role"),
        headcount: headcount?,
        by: r.date(&f, "by"),
        criteria: r.text(&f, "criteria"),
    })
}

/// `team.training[]`.
pub(super) fn training(r: &mut Reader, n: &Node, path: &str) -> Option<Training> {
    let f = r.fields(n, path, keys::TRAINING)?;
    Some(Training {
        name: r.name(&f, "name"),
        audience: r.text(&f, "audience"),
        cadence: r.text(&f, "cadence"),
        hours: r.count(&f, "hours"),
    })
}

/// `team.incentives[]`: tiers must rise, rates are shares of sales.
pub(super) fn incentive(r: &mut Reader, n: &Node, path: &str) -> Option<Incentive> {
    let f = r.fields(n, path, keys::INCENTIVE)?;
    let listed = r.list(&f, "tiers", tier);
    let tiers = r.nonempty(&f, "tiers", listed);
    let mut ok = true;
    // Checked when every tier was read (a tier with an error is reported already), so the
    // tiers and their nodes line up.
    if let Some(NodeKind::Seq(nodes)) = f.get("tiers").map(|t| &t.kind)
        && nodes.len() == tiers.len()
    {
        for (i, pair) in tiers.windows(2).enumerate() {
            if pair[1].from > pair[0].from {
                continue;
            }
            let at = nodes.get(i + 1).and_then(|n| field(n, "from"));
            let cat = r.cat;
            let prev = crate::format::percent(pair[0].from, crate::format::Precision::Exact);
            let text = at.and_then(Node::as_str).unwrap_or("").trim().to_string();
            r.error(
                Diagnostic::error(
                    tr!(cat, "incentive.tier.order", text = text, prev = prev),
                    format!("{}[{}].from", f.child("tiers"), i + 1),
                    at.map(|n| n.span),
                )
                .with_label(cat.t("incentive.tier.order.label", &[]))
                .with_hint(cat.t("incentive.tier.order.hint", &[])),
            );
            ok = false;
            break;
        }
    }
    Some(Incentive {
        name: r.name(&f, "name"),
        basis: r.text(&f, "basis"),
        base: r.money(&f, "base"),
        marginal: r.boolean(&f, "marginal").unwrap_or(false),
        cap: r.money(&f, "cap"),
        tiers: if ok { tiers } else { Vec::new() },
        span: Some(n.span),
    })
}

fn field<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    match &node.kind {
        NodeKind::Map(e) => e.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v),
        _ => None,
    }
}

fn tier(r: &mut Reader, n: &Node, path: &str) -> Option<Tier> {
    let f = r.fields(n, path, keys::TIER)?;
    let mut from = r.percent(&f, "from");
    if from.is_some_and(|v| v.is_sign_negative() && !v.is_zero()) {
        r.out_of_range(&f, "from", "value.negative", "incentive.from.hint");
        from = None;
    }
    let mut rate = r.percent(&f, "rate");
    if rate.is_some_and(|v| (v.is_sign_negative() && !v.is_zero()) || v > Decimal::ONE) {
        r.out_of_range(&f, "rate", "incentive.rate.range", "incentive.rate.hint");
        rate = None;
    }
    Some(Tier { from: from?, rate: rate? })
}
