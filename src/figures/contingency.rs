//! Contingency money of the risks: the total set aside and its share of the budget.

use rust_decimal::Decimal;

use super::{At, Overflow};
use crate::model::Plan;

/// The risks' contingency budgets together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contingency {
    /// Sum of `risks[].contingency`.
    pub total: Decimal,
    /// Its share of `budget.total` (or of the budget items' sum when no total is given).
    pub share: Option<Decimal>,
}

pub(super) fn derive(
    plan: &Plan,
    budget_sum: Option<Decimal>,
) -> Result<Option<Contingency>, Overflow> {
    let amounts: Vec<Decimal> =
        plan.risks.iter().filter_map(|r| r.contingency.map(|m| m.amount)).collect();
    if amounts.is_empty() {
        return Ok(None);
    }
    let at = At::new("risks", plan.risks.first().and_then(|r| r.span));
    let total = at.sum(amounts)?;
    let budget = plan.budget.as_ref().and_then(|b| b.total).map(|m| m.amount).or(budget_sum);
    let share = match budget.filter(|b| *b > Decimal::ZERO) {
        Some(b) => Some(at.div(total, b)?),
        None => None,
    };
    Ok(Some(Contingency { total, share }))
}
