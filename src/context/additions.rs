//! The template view of the chapters plan format v1.1 added: products and horizons (in the
//! targets chapter), pricing and the funnel (strategy), customer care, promotions and key
//! dates (execution plan), team building and the risks' early warning.
//!
//! Figures travel as typed objects like everywhere else in the context; each money table
//! carries its one `scale`, and `cols` says which optional columns hold anything.

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::{cols, date, dec, figure, money, number, percent, period, scale_value};
use crate::figures::{Figures, Payout};
use crate::format::{Precision, ScaleUse};
use crate::model::values::Currency;
use crate::model::{Locale, Plan, Portion, PricingMethod};

/// Adds every v1.1 key to the context object (`null` or empty when the plan leaves it out).
pub(super) fn add(obj: &mut Map<String, Value>, plan: &Plan, figures: &Figures) {
    let (cur, locale) = (plan.meta.currency, plan.meta.locale);
    let col =
        |values: Vec<(Decimal, Precision)>| scale_value(&values, cur, locale, ScaleUse::Column);
    obj.insert("products".into(), products(plan, figures, cur, &col));
    obj.insert("horizons".into(), horizons(plan));
    obj.insert("pricing".into(), pricing(plan));
    obj.insert("funnel".into(), funnel(plan, figures, cur));
    obj.insert("service".into(), service(plan));
    obj.insert("promotions".into(), promotions(plan, figures, cur, &col));
    obj.insert("key_dates".into(), key_dates(plan));
    obj.insert("contingency".into(), contingency(plan, figures, cur, &col));
    if let Some(team) = obj.get_mut("team").and_then(Value::as_object_mut) {
        team_building(team, plan, figures, cur, locale);
    }
}

/// `"value"` → one object per item with `cols` beside it.
fn table(items: Vec<Value>, optional: &[&str]) -> (Value, Value) {
    let c = cols(&items, optional);
    (Value::Array(items), c)
}

fn products(
    plan: &Plan,
    figures: &Figures,
    cur: Currency,
    col: &dyn Fn(Vec<(Decimal, Precision)>) -> Value,
) -> Value {
    let Some(pf) = &figures.products else { return Value::Null };
    // computed shares add up to the shown total, as in a breakdown
    let all_amounts = plan.products.iter().all(|p| matches!(p.portion, Portion::Amount(_)));
    let shares: Vec<Option<Decimal>> = pf.split.items.iter().map(|i| i.share).collect();
    let shown = super::shown_shares(&shares, all_amounts);
    let items: Vec<Value> = pf
        .order
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| {
            let (p, f) = (plan.products.get(i)?, pf.split.items.get(i)?);
            let by_amount = matches!(p.portion, Portion::Amount(_));
            let prev_tier =
                k.checked_sub(1).and_then(|j| pf.order.get(j)).map(|&j| &plan.products[j].tier);
            Some(json!({
                "name": p.name,
                "tier": p.tier,
                // the first product of its tier (the table names a tier once)
                "tier_first": prev_tier != Some(&p.tier),
                "amount": f.amount.map(|a| money(a, cur, by_amount)),
                "share": shown.get(i).copied().flatten().map(|s| percent(s, !by_amount)),
                "margin": p.margin.map(|m| percent(m, true)),
                "profit": pf.profit[i].map(|g| money(g, cur, false)),
                "price": p.price.map(|m| money(m.amount, cur, true)),
                "note": p.note,
            }))
        })
        .collect();
    // Revenue from a share is share × total, exact in decimals: it sets the column's unit
    // like a typed amount, so `20%` of 1.5亿 reads 3,000 (万元), not 0.3 (亿元).
    let amounts: Vec<(Decimal, Precision)> = pf
        .split
        .items
        .iter()
        .filter_map(|f| f.amount.map(|a| (a, Precision::Exact)))
        .chain(pf.split.amount_sum.map(|s| (s, Precision::Derived)))
        .chain(pf.profit.iter().flatten().map(|g| (*g, Precision::Derived)))
        .chain(pf.profit_sum.map(|g| (g, Precision::Derived)))
        .collect();
    let prices: Vec<(Decimal, Precision)> = plan
        .products
        .iter()
        .filter_map(|p| p.price.map(|m| (m.amount, Precision::Exact)))
        .collect();
    let (items, c) = table(items, &["tier", "price", "margin", "profit", "amount", "note"]);
    json!({
        "items": items,
        "cols": c,
        "by_share": pf.split.by_share,
        "amount_sum": pf.split.amount_sum.map(|a| money(a, cur, false)),
        "share_sum": pf.split.share_sum.map(|s| percent(s, false)),
        "profit_sum": pf.profit_sum.map(|g| money(g, cur, false)),
        "margin": pf.margin.map(|m| percent(m, false)),
        "scale": col(amounts),
        "price_scale": col(prices),
    })
}

fn horizons(plan: &Plan) -> Value {
    let mut items: Vec<&crate::model::Horizon> = plan.horizons.iter().collect();
    // In order of their end: short, then mid, then long term (ties keep the plan's order).
    items.sort_by_key(|h| h.end);
    let items: Vec<Value> = items
        .iter()
        .map(|h| {
            json!({
                "name": h.name,
                "end": date(h.end),
                "end_period": h.end_period.as_ref().map(period),
                "goals": h.goals,
                "metrics": h.metrics.iter().map(|m| json!({
                    "name": m.name, "target": figure(&m.target, m.unit.as_deref()),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let (items, c) = table(items, &["goals", "metrics"]);
    if plan.horizons.is_empty() { Value::Null } else { json!({"items": items, "cols": c}) }
}

fn pricing(plan: &Plan) -> Value {
    if plan.pricing.is_empty() {
        return Value::Null;
    }
    let items: Vec<Value> = plan
        .pricing
        .iter()
        .map(|p| {
            let (key, text) = match &p.method {
                None => (None, None),
                Some(PricingMethod::Value) => (Some("value"), None),
                Some(PricingMethod::Competitive) => (Some("competitive"), None),
                Some(PricingMethod::Penetration) => (Some("penetration"), None),
                Some(PricingMethod::Other(t)) => (None, Some(t.clone())),
            };
            json!({
                "segment": p.segment,
                "method": key,
                "method_text": text,
                "has_method": p.method.is_some(),
                "level": p.level.map(|l| json!({"type": "signed_percent", "value": dec(l), "exact": true})),
                "at_market": p.level.is_some_and(|l| l.is_zero()),
                "terms": p.terms,
            })
        })
        .collect();
    let (items, c) = table(items, &["has_method", "level", "terms"]);
    json!({"items": items, "cols": c})
}

fn funnel(plan: &Plan, figures: &Figures, cur: Currency) -> Value {
    let (Some(f), Some(ff)) = (&plan.funnel, &figures.funnel) else { return Value::Null };
    let count = |n: Decimal| number(n, None, true);
    let stages: Vec<Value> = f
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "name": s.name,
                "conversion": s.conversion.map(|c| percent(c, true)),
                "days": s.days.map(|d| number(d, None, true)),
                "owner": s.owner,
                "needed": ff.needed.get(i).copied().flatten().map(count),
                "reach": ff.reach.get(i).copied().flatten().map(|r| percent(r, false)),
                "last": i + 1 == f.stages.len(),
            })
        })
        .collect();
    let (stages, c) = table(stages, &["conversion", "days", "owner", "needed"]);
    let period_start = plan.meta.period.map(|p| p.start);
    json!({
        "stages": stages,
        "cols": c,
        "first": f.stages.first().map(|s| s.name.clone()),
        "leads": ff.needed.first().copied().flatten().map(count),
        // three significant digits: a 0.199% conversion is not 0.2%
        "overall": ff.overall.map(|o| percent(crate::format::significant(o, 3), true)),
        "days": ff.days.map(|d| number(d, None, true)),
        "sales": ff.sales.map(|s| money(s, cur, !matches!(f.target, Some(Portion::Share(_))))),
        "target_share": match f.target { Some(Portion::Share(s)) => Some(percent(s, true)), _ => None },
        "target_amount": matches!(f.target, Some(Portion::Amount(_))),
        "deal_size": ff.deal_size.map(|d| money(d, cur, true)),
        "deal_size_metric": f.deal_size_metric,
        "deals": ff.deals.map(count),
        // the last stage is the deal itself (no conversion): its volume is the deals
        "deal_stage": f.stages.last().is_some_and(|s| s.conversion.is_none()),
        "last_entry": ff.last_entry.map(date),
        "cycle_too_long": matches!((ff.last_entry, period_start), (Some(l), Some(s)) if l < s),
    })
}

fn service(plan: &Plan) -> Value {
    let Some(s) = &plan.service else { return Value::Null };
    let tiers: Vec<Value> = s
        .tiers
        .iter()
        .map(|t| {
            json!({
                "name": t.name, "criteria": t.criteria, "service": t.service,
                "cadence": t.cadence, "owner": t.owner,
            })
        })
        .collect();
    let (tiers, tier_cols) = table(tiers, &["criteria", "service", "cadence", "owner"]);
    json!({
        "text": s.text,
        "tiers": tiers,
        "tier_cols": tier_cols,
        "standards": s.standards.iter().map(|st| json!({"name": st.name, "target": st.target})).collect::<Vec<_>>(),
    })
}

/// A return on a budget: `15.0` (times the budget).
fn ratio(r: Decimal) -> Value {
    json!({"type": "ratio", "value": dec(r)})
}

fn promotions(
    plan: &Plan,
    figures: &Figures,
    cur: Currency,
    col: &dyn Fn(Vec<(Decimal, Precision)>) -> Value,
) -> Value {
    if plan.promotions.is_empty() {
        return Value::Null;
    }
    let pf = &figures.promotions;
    let m = |v: Option<crate::model::values::Money>| v.map(|m| money(m.amount, cur, true));
    let items: Vec<Value> = plan
        .promotions
        .iter()
        .zip(&pf.items)
        .map(|(p, f)| {
            json!({
                "name": p.name, "start": date(p.start), "end": date(p.end),
                "days": p.end.days() - p.start.days() + 1,
                "budget": m(p.budget), "target": m(p.target), "actual": m(p.actual),
                "planned_roi": f.planned_roi.map(ratio), "actual_roi": f.actual_roi.map(ratio),
                "attainment": f.attainment.map(|a| percent(a, false)),
                "channel": p.channel, "owner": p.owner,
            })
        })
        .collect();
    let amounts: Vec<(Decimal, Precision)> = plan
        .promotions
        .iter()
        .flat_map(|p| [p.budget, p.target, p.actual])
        .flatten()
        .map(|m| (m.amount, Precision::Exact))
        .chain(
            [pf.budget, pf.target, pf.actual]
                .into_iter()
                .flatten()
                .map(|v| (v, Precision::Derived)),
        )
        .collect();
    let (items, c) = table(
        items,
        &[
            "channel",
            "owner",
            "budget",
            "target",
            "actual",
            "planned_roi",
            "actual_roi",
            "attainment",
        ],
    );
    let money_cols =
        ["budget", "target", "actual"].iter().any(|k| c.get(*k) == Some(&Value::Bool(true)));
    json!({
        "items": items,
        "cols": c,
        "figures": money_cols,
        "budget_sum": pf.budget.map(|v| money(v, cur, false)),
        "target_sum": pf.target.map(|v| money(v, cur, false)),
        "actual_sum": pf.actual.map(|v| money(v, cur, false)),
        "total": {
            "planned_roi": pf.total.planned_roi.map(ratio),
            "actual_roi": pf.total.actual_roi.map(ratio),
            "attainment": pf.total.attainment.map(|a| percent(a, false)),
        },
        "totals": pf.budget.is_some() || pf.target.is_some() || pf.actual.is_some(),
        "scale": col(amounts),
    })
}

fn key_dates(plan: &Plan) -> Value {
    let mut dates: Vec<&crate::model::KeyDate> = plan.dates.iter().collect();
    dates.sort_by_key(|d| d.date);
    json!(dates.iter().map(|d| json!({"date": date(d.date), "name": d.name})).collect::<Vec<_>>())
}

fn contingency(
    plan: &Plan,
    figures: &Figures,
    cur: Currency,
    col: &dyn Fn(Vec<(Decimal, Precision)>) -> Value,
) -> Value {
    let any = plan
        .risks
        .iter()
        .any(|r| r.trigger.is_some() || r.contingency.is_some() || r.drill.is_some());
    if !any {
        return Value::Null;
    }
    let c = figures.contingency;
    let budget = plan.budget.as_ref().and_then(|b| b.total).map(|m| m.amount);
    let amounts: Vec<(Decimal, Precision)> = plan
        .risks
        .iter()
        .filter_map(|r| r.contingency.map(|m| (m.amount, Precision::Exact)))
        .chain(c.map(|c| (c.total, Precision::Derived)))
        .collect();
    json!({
        "total": c.map(|c| money(c.total, cur, false)),
        "share": c.and_then(|c| c.share).map(|s| percent(s, false)),
        "budget": budget.map(|b| money(b, cur, true)),
        "of_items": budget.is_none(),
        "scale": col(amounts),
    })
}

fn payout(p: &Payout, cur: Currency) -> Value {
    json!({
        "amount": money(p.amount, cur, false),
        "sales": money(p.sales, cur, false),
        "rate": p.rate.map(|r| percent(r, true)),
        "capped": p.capped,
    })
}

fn team_building(
    team: &mut Map<String, Value>,
    plan: &Plan,
    figures: &Figures,
    cur: Currency,
    locale: Locale,
) {
    let Some(t) = &plan.team else { return };
    let col =
        |values: Vec<(Decimal, Precision)>| scale_value(&values, cur, locale, ScaleUse::Column);
    let count = |n: Decimal, exact: bool| number(n, None, exact);
    let hiring: Vec<Value> = t
        .hiring
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let hf = figures.hiring.as_ref();
            json!({
                "role": h.role, "headcount": count(h.headcount, true),
                "by": h.by.map(date), "criteria": h.criteria,
                "before": hf.and_then(|f| f.before.get(i).copied().flatten()).map(|n| count(n, true)),
                "after": hf.and_then(|f| f.after.get(i).copied().flatten()).map(|n| count(n, false)),
            })
        })
        .collect();
    let (hiring, hiring_cols) = table(hiring, &["before", "by", "criteria"]);
    team.insert("hiring".into(), hiring);
    team.insert("hiring_cols".into(), hiring_cols);
    team.insert(
        "hiring_sum".into(),
        figures.hiring.as_ref().map_or(Value::Null, |h| {
            json!({
                "added": count(h.added, false),
                "before": h.team_before.map(|n| count(n, false)),
                "after": h.team_after.map(|n| count(n, false)),
            })
        }),
    );
    let training: Vec<Value> = t
        .training
        .iter()
        .map(|tr| {
            json!({
                "name": tr.name, "audience": tr.audience, "cadence": tr.cadence,
                "hours": tr.hours.map(|h| count(h, true)),
            })
        })
        .collect();
    let (training, training_cols) = table(training, &["audience", "cadence", "hours"]);
    team.insert("training".into(), training);
    team.insert("training_cols".into(), training_cols);
    let mut amounts: Vec<(Decimal, Precision)> = Vec::new();
    let incentives: Vec<Value> = t
        .incentives
        .iter()
        .zip(&figures.incentives)
        .map(|(inc, f)| {
            // Payouts are exact products of the base, attainments and rates: they set the
            // column's unit like typed amounts ($1,440K, not $1.4M).
            for p in [f.at_100, f.at_120].into_iter().flatten() {
                amounts.push((p.amount, Precision::Exact));
            }
            json!({
                "name": inc.name,
                "basis": inc.basis,
                "base": f.base.map(|b| money(b, cur, true)),
                "base_is_target": inc.base.is_none(),
                "marginal": inc.marginal,
                "cap": inc.cap.map(|c| money(c.amount, cur, true)),
                "tiers": inc.tiers.iter().map(|t| json!({
                    "from": percent(t.from, true), "rate": percent(t.rate, true),
                })).collect::<Vec<_>>(),
                "at_100": f.at_100.as_ref().map(|p| payout(p, cur)),
                "at_120": f.at_120.as_ref().map(|p| payout(p, cur)),
            })
        })
        .collect();
    let (incentives, incentive_cols) = table(incentives, &["basis", "at_100"]);
    team.insert("incentives".into(), incentives);
    team.insert("incentive_cols".into(), incentive_cols);
    team.insert("incentive_scale".into(), col(amounts));
}
