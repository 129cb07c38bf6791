//! Team building: the headcount before and after hiring, and what each tiered incentive
//! pays at 100% and at 120% attainment of its base.

use rust_decimal::Decimal;

use super::{At, Overflow};
use crate::model::{Incentive, Plan};

/// Headcount before and after hiring.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hiring {
    /// Today's headcount of the role each hire is for (a `team.roles[]` of that name).
    pub before: Vec<Option<Decimal>>,
    /// That role's headcount once the hires are on board.
    pub after: Vec<Option<Decimal>>,
    /// People hired in all.
    pub added: Decimal,
    /// The team today: sum of `team.roles[].headcount`, when every role states one.
    pub team_before: Option<Decimal>,
    /// The team after hiring.
    pub team_after: Option<Decimal>,
}

/// What an incentive pays at one attainment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payout {
    /// Attainment of the base, a fraction.
    pub attainment: Decimal,
    /// Sales at that attainment: base × attainment.
    pub sales: Decimal,
    /// Rate of the highest tier reached (`None` below the first tier).
    pub rate: Option<Decimal>,
    /// Amount paid, after the cap.
    pub amount: Decimal,
    /// True when the cap cut the amount.
    pub capped: bool,
}

/// A tiered incentive's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncentiveFigures {
    /// The base attainment is measured against (`base`, else `targets.total`).
    pub base: Option<Decimal>,
    /// Payout at 100% and at 120% attainment, when the base is known.
    pub at_100: Option<Payout>,
    /// Payout at 120%.
    pub at_120: Option<Payout>,
}

pub(super) fn hiring(plan: &Plan) -> Result<Option<Hiring>, Overflow> {
    let Some(team) = plan.team.as_ref().filter(|t| !t.hiring.is_empty()) else {
        return Ok(None);
    };
    let at = At::new("team.hiring", None);
    let role = |name: &str| team.roles.iter().find(|r| r.role.trim() == name.trim());
    let mut out = Hiring::default();
    for h in &team.hiring {
        let before = role(&h.role).and_then(|r| r.headcount);
        // Two hires for one role add up: the second starts where the first ends.
        let start = match before {
            Some(b) => Some(at.sum(std::iter::once(b).chain(earlier_again(team, h)))?),
            None => None,
        };
        // A role the team does not have yet starts from the earlier hires for it, or none.
        let from = match start {
            Some(s) => s,
            None => at.sum(earlier_again(team, h))?,
        };
        out.after.push(Some(at.add(from, h.headcount)?));
        out.before.push(start);
        out.added = at.add(out.added, h.headcount)?;
    }
    let all: Option<Vec<Decimal>> = team.roles.iter().map(|r| r.headcount).collect();
    out.team_before = all.filter(|v| !v.is_empty()).map(|v| at.sum(v)).transpose()?;
    out.team_after = out.team_before.map(|b| at.add(b, out.added)).transpose()?;
    Ok(Some(out))
}

/// Headcounts of the hires for the same role listed before `h`.
fn earlier_again<'t>(
    team: &'t crate::model::Team,
    h: &'t crate::model::Hire,
) -> impl Iterator<Item = Decimal> + 't {
    team.hiring
        .iter()
        .take_while(move |o| !std::ptr::eq(*o, h))
        .filter(move |o| o.role.trim() == h.role.trim())
        .map(|o| o.headcount)
}

/// 100% and 120%: the attainments every incentive is shown at.
const AT_100: Decimal = Decimal::ONE;
const AT_120: Decimal = Decimal::from_parts(12, 0, 0, false, 1);

pub(super) fn incentives(plan: &Plan) -> Result<Vec<IncentiveFigures>, Overflow> {
    let Some(team) = &plan.team else { return Ok(Vec::new()) };
    let total = plan.targets.as_ref().and_then(|t| t.total).map(|m| m.amount);
    team.incentives
        .iter()
        .enumerate()
        .map(|(i, inc)| {
            let at = At::new(format!("team.incentives[{i}]"), inc.span);
            let base = inc.base.map(|m| m.amount).or(total);
            let pay = |a| base.map(|b| payout(inc, b, a, &at)).transpose();
            Ok(IncentiveFigures { base, at_100: pay(AT_100)?, at_120: pay(AT_120)? })
        })
        .collect()
}

/// What `inc` pays when sales reach `attainment` of `base`: the rate of the highest tier
/// reached on the whole amount, or, when `marginal`, each tier's rate on the sales within
/// its band; then the cap.
pub(super) fn payout(
    inc: &Incentive,
    base: Decimal,
    attainment: Decimal,
    at: &At,
) -> Result<Payout, Overflow> {
    let sales = at.mul(base, attainment)?;
    let reached: Vec<_> = inc.tiers.iter().filter(|t| t.from <= attainment).collect();
    let rate = reached.last().map(|t| t.rate);
    let mut amount = Decimal::ZERO;
    if inc.marginal {
        for (k, t) in reached.iter().enumerate() {
            let upto = inc.tiers.get(k + 1).map_or(attainment, |n| n.from.min(attainment));
            let band = at.mul(base, at.sub(upto, t.from)?)?;
            amount = at.add(amount, at.mul(band, t.rate)?)?;
        }
    } else if let Some(r) = rate {
        amount = at.mul(sales, r)?;
    }
    let cap = inc.cap.map(|c| c.amount).filter(|c| amount > *c);
    Ok(Payout { attainment, sales, rate, amount: cap.unwrap_or(amount), capped: cap.is_some() })
}
