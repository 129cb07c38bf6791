//! Where the target stands against the forecast: inside the scenario range, below it, or
//! above the optimistic scenario, and then which strategies state an amount to close it.

use rust_decimal::Decimal;
use serde::Serialize;

use super::Scenario;
use crate::figures::{At, Overflow};
use crate::model::Strategy;

/// The target against the scenario range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Below the pessimistic scenario: a cautious target.
    Below,
    /// From the pessimistic to the optimistic scenario: attainable on the trend.
    Within,
    /// Above the optimistic scenario: the trend alone does not reach it.
    Above,
}

/// The target against the forecast.
#[derive(Debug, Clone)]
pub struct Gap {
    /// `targets.total`.
    pub target: Decimal,
    /// Where it stands.
    pub position: Position,
    /// target − base forecast.
    pub vs_base: Decimal,
    /// (target − base) ÷ base, when the base is not zero.
    pub vs_base_rel: Option<Decimal>,
    /// Above: target − optimistic; below: pessimistic − target; within: zero.
    pub beyond: Decimal,
    /// `beyond` relative to the scenario it is measured from.
    pub beyond_rel: Option<Decimal>,
    /// Strategies whose `expected` is an amount: index and amount, in plan order.
    pub strategies: Vec<(usize, Decimal)>,
    /// Their sum, when any.
    pub strategies_sum: Option<Decimal>,
}

/// Compares `target` with the scenarios `s`.
pub(crate) fn gap(
    target: Decimal,
    s: &Scenario,
    strategies: &[Strategy],
    at: &At,
) -> Result<Gap, Overflow> {
    let rel = |a: Decimal, b: Decimal| -> Result<Option<Decimal>, Overflow> {
        if b.is_zero() { Ok(None) } else { at.div(a, b.abs()).map(Some) }
    };
    let (position, beyond, from) = if target > s.optimistic {
        (Position::Above, at.sub(target, s.optimistic)?, s.optimistic)
    } else if target < s.pessimistic {
        (Position::Below, at.sub(s.pessimistic, target)?, s.pessimistic)
    } else {
        (Position::Within, Decimal::ZERO, s.base)
    };
    let vs_base = at.sub(target, s.base)?;
    let listed: Vec<(usize, Decimal)> = strategies
        .iter()
        .enumerate()
        .filter_map(|(i, st)| st.amount.map(|m| (i, m.amount)))
        .collect();
    let strategies_sum =
        if listed.is_empty() { None } else { Some(at.sum(listed.iter().map(|(_, a)| *a))?) };
    Ok(Gap {
        target,
        position,
        vs_base,
        vs_base_rel: rel(vs_base, s.base)?,
        beyond,
        beyond_rel: rel(beyond, from)?,
        strategies: listed,
        strategies_sum,
    })
}
