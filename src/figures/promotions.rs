//! Promotions: return on each budget (planned: target ÷ budget; achieved: actual ÷ budget)
//! and attainment (actual ÷ target), with the totals of the promotions that state them.

use rust_decimal::Decimal;

use super::{At, Overflow};
use crate::model::Plan;

/// One promotion's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PromotionFigures {
    /// target ÷ budget.
    pub planned_roi: Option<Decimal>,
    /// actual ÷ budget.
    pub actual_roi: Option<Decimal>,
    /// actual ÷ target.
    pub attainment: Option<Decimal>,
}

/// Every promotion's figures and the totals row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Promotions {
    /// Per promotion, index-aligned.
    pub items: Vec<PromotionFigures>,
    /// Sum of budgets, when every promotion has one.
    pub budget: Option<Decimal>,
    /// Sum of targets, when every promotion has one.
    pub target: Option<Decimal>,
    /// Sum of actuals, when every promotion has one.
    pub actual: Option<Decimal>,
    /// The totals' figures.
    pub total: PromotionFigures,
}

/// `a ÷ b` when both are known and `b` is positive.
fn ratio(a: Option<Decimal>, b: Option<Decimal>, at: &At) -> Result<Option<Decimal>, Overflow> {
    match (a, b) {
        (Some(a), Some(b)) if b > Decimal::ZERO => at.div(a, b).map(Some),
        _ => Ok(None),
    }
}

fn figures(
    budget: Option<Decimal>,
    target: Option<Decimal>,
    actual: Option<Decimal>,
    at: &At,
) -> Result<PromotionFigures, Overflow> {
    Ok(PromotionFigures {
        planned_roi: ratio(target, budget, at)?,
        actual_roi: ratio(actual, budget, at)?,
        attainment: ratio(actual, target, at)?,
    })
}

pub(super) fn derive(plan: &Plan) -> Result<Promotions, Overflow> {
    let mut out = Promotions::default();
    for (i, p) in plan.promotions.iter().enumerate() {
        let at = At::new(format!("promotions[{i}]"), p.span);
        let amount = |m: Option<crate::model::values::Money>| m.map(|m| m.amount);
        out.items.push(figures(amount(p.budget), amount(p.target), amount(p.actual), &at)?);
    }
    let at = At::new("promotions", plan.promotions.first().and_then(|p| p.span));
    let all = |get: fn(&crate::model::Promotion) -> Option<crate::model::values::Money>| {
        plan.promotions.iter().map(|p| get(p).map(|m| m.amount)).collect::<Option<Vec<_>>>()
    };
    let sum = |v: Option<Vec<Decimal>>| v.map(|v| at.sum(v)).transpose();
    if plan.promotions.len() > 1 {
        out.budget = sum(all(|p| p.budget))?;
        out.target = sum(all(|p| p.target))?;
        out.actual = sum(all(|p| p.actual))?;
        out.total = figures(out.budget, out.target, out.actual, &at)?;
    }
    Ok(out)
}
