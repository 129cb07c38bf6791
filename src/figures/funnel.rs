//! The sales funnel worked back from the target: deals = sales ÷ deal size, then each
//! stage's volume = the next stage's ÷ its conversion, rounded up stage by stage (a planner
//! cannot call 0.4 of a lead, and each rounded count, converted, still reaches the next).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{At, Overflow};
use crate::model::date::Date;
use crate::model::{Plan, Portion};

/// The funnel's derived figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunnelFigures {
    /// Product of every stage's conversion: the share of leads that become deals.
    pub overall: Option<Decimal>,
    /// Total days from lead to deal (sum of the stages' days).
    pub days: Option<Decimal>,
    /// The sales the funnel must bring (`funnel.target`, else `targets.total`).
    pub sales: Option<Decimal>,
    /// The deal size used.
    pub deal_size: Option<Decimal>,
    /// Deals needed: sales ÷ deal size, rounded up.
    pub deals: Option<Decimal>,
    /// Volume each stage needs (index-aligned with the stages).
    pub needed: Vec<Option<Decimal>>,
    /// Share of leads that reach each stage (1 for the first).
    pub reach: Vec<Option<Decimal>>,
    /// The last day a lead can enter and still close within `meta.period`.
    pub last_entry: Option<Date>,
}

pub(super) fn derive(plan: &Plan) -> Result<Option<FunnelFigures>, Overflow> {
    let Some(funnel) = &plan.funnel else { return Ok(None) };
    let at = At::new("funnel", funnel.span);
    let total = plan.targets.as_ref().and_then(|t| t.total).map(|m| m.amount);
    let sales = match funnel.target {
        Some(Portion::Amount(m)) => Some(m.amount),
        Some(Portion::Share(s)) => total.map(|t| at.mul(t, s)).transpose()?,
        None => total,
    };
    let deal_size = funnel.deal_size.map(|m| m.amount).filter(|d| *d > Decimal::ZERO);
    let deals = match (sales.filter(|s| *s >= Decimal::ZERO), deal_size) {
        (Some(s), Some(d)) => Some(at.div(s, d)?.ceil()),
        _ => None,
    };
    let mut needed = vec![None; funnel.stages.len()];
    let mut next = deals;
    for (i, s) in funnel.stages.iter().enumerate().rev() {
        let need = match (next, s.conversion) {
            (Some(n), Some(c)) => Some(at.div(n, c)?.ceil()),
            // A last stage without a conversion is the deal itself.
            (Some(n), None) if i + 1 == funnel.stages.len() => Some(n),
            _ => None,
        };
        needed[i] = need;
        next = need;
    }
    let mut reach = Vec::with_capacity(funnel.stages.len());
    let mut share = Some(Decimal::ONE);
    for s in &funnel.stages {
        reach.push(share);
        share = match (share, s.conversion) {
            (Some(r), Some(c)) => Some(at.mul(r, c)?),
            _ => None,
        };
    }
    let conversions: Vec<Decimal> = funnel.stages.iter().filter_map(|s| s.conversion).collect();
    let overall = if conversions.is_empty() {
        None
    } else {
        Some(conversions.iter().try_fold(Decimal::ONE, |acc, c| at.mul(acc, *c))?)
    };
    let days: Vec<Decimal> = funnel.stages.iter().filter_map(|s| s.days).collect();
    let days = if days.is_empty() { None } else { Some(at.sum(days)?) };
    let last_entry = match (days.filter(|d| *d > Decimal::ZERO), plan.meta.period) {
        (Some(d), Some(p)) => {
            // Days are bounded by MAX_NUMBER; a cycle longer than any calendar is refused.
            let whole = d.ceil().to_i64().filter(|n| *n < 1_000_000);
            let whole = whole.ok_or_else(|| Overflow {
                path: "funnel.stages".into(),
                span: funnel.span,
                values: vec![d],
            })?;
            Some(Date::from_days(p.end.days() - whole))
        }
        _ => None,
    };
    Ok(Some(FunnelFigures { overall, days, sales, deal_size, deals, needed, reach, last_entry }))
}
