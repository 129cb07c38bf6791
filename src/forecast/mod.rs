//! The forecast from `history`: a method chosen by the data, three scenarios for the
//! plan's period, a back-test of the method on the last periods, and where the target
//! stands against the scenarios (docs/forecast.md).
//!
//! - monthly history from 24 points: seasonal (MSTL + ETS trend);
//! - otherwise from 9 points: exponential smoothing with a trend (ETS);
//! - from 3 points: a least-squares line; monthly history under 24 points says that the
//!   season is not modelled;
//! - fewer than 3 points, gaps or mixed kinds of period: no forecast, and the reason.
//!
//! The models compute in `f64` (statistics); every figure handed on is a `Decimal`
//! rounded to cents, and what is derived from it here uses checked arithmetic.

pub mod gap;
pub mod models;

use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

use crate::figures::{At, Overflow};
use crate::model::Plan;
use crate::model::values::{Period, PeriodKind};
pub use gap::{Gap, Position};
pub use models::Method;

/// Level of the prediction interval unless the plan sets `forecast.level`.
pub const DEFAULT_LEVEL: Decimal = Decimal::from_parts(8, 0, 0, false, 1);
/// Most periods forecast ahead (two years of months).
const MAX_HORIZON: usize = 24;

/// A forecast of the periods after `history`.
#[derive(Debug, Clone)]
pub struct Forecast {
    /// The model used.
    pub method: Method,
    /// The ETS family fitted (`AAdN`), empty for the line.
    pub model: String,
    /// The method the data called for, when it could not be fitted and `method` stood in.
    pub fallback_from: Option<Method>,
    /// Monthly history too short for a season: the trend alone is forecast.
    pub season_unmodelled: bool,
    /// Points the model was fitted on.
    pub n: usize,
    /// Level of the prediction interval (0.8).
    pub level: Decimal,
    /// The plan's own scenarios, when given (they replace the interval as the band).
    pub plan_scenarios: Option<crate::model::Scenarios>,
    /// Each period ahead.
    pub next: Vec<Step>,
    /// The method refitted without the last periods.
    pub backtest: Backtest,
    /// The three scenarios summed over the plan's period, when the steps tile it.
    pub scenarios: Option<Scenario>,
    /// Where `targets.total` stands against the scenarios.
    pub gap: Option<Gap>,
}

/// One period ahead: the base forecast and the scenario band.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// The period.
    pub period: Period,
    /// Base (point) forecast.
    pub base: Decimal,
    /// Pessimistic: the interval's lower bound, or base × (1 − pessimistic).
    pub low: Decimal,
    /// Optimistic: the interval's upper bound, or base × (1 + optimistic).
    pub high: Decimal,
}

/// The scenarios for the plan's own period.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// Pessimistic.
    pub pessimistic: Decimal,
    /// Base.
    pub base: Decimal,
    /// Optimistic.
    pub optimistic: Decimal,
    /// How many steps were summed (1 when history and plan share a kind of period).
    pub steps: usize,
}

/// A back-test: the last `k` periods forecast by the method fitted without them.
#[derive(Debug, Clone)]
pub enum Backtest {
    /// Done.
    Done {
        /// Each held-out period: its actual and what the refit forecast.
        points: Vec<(Period, Decimal, Decimal)>,
        /// Mean absolute percentage error over them (a fraction); `None` when every
        /// actual is zero.
        mape: Option<Decimal>,
    },
    /// Too few points to leave any out: the method needs `needed` in all.
    TooShort {
        /// Points needed for one period of back-test.
        needed: usize,
    },
}

/// Why `history` gives no forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoForecast {
    /// Fewer than three points.
    TooFew(usize),
    /// Periods of different kinds (years and months).
    Mixed,
    /// A period does not follow the one before (`index` is the later one).
    NotConsecutive(usize),
    /// Every figure is zero.
    AllZero,
    /// No model could be fitted (the figures are not finite numbers to it).
    Unfit,
}

/// The forecast, or why there is none (`Ok(None)` when there is no history at all).
pub type Outcome = Result<Option<Forecast>, NoForecast>;

/// Forecasts the periods after `plan.history`.
pub fn forecast(plan: &Plan) -> Result<Outcome, Overflow> {
    let h = &plan.history;
    if h.is_empty() {
        return Ok(Ok(None));
    }
    if h.len() < Method::Linear.min_points() {
        return Ok(Err(NoForecast::TooFew(h.len())));
    }
    let kind = h[0].period.kind;
    if h.iter().any(|p| p.period.kind != kind) {
        return Ok(Err(NoForecast::Mixed));
    }
    if let Some(i) = (1..h.len()).find(|&i| h[i].period != h[i - 1].period.next()) {
        return Ok(Err(NoForecast::NotConsecutive(i)));
    }
    if h.iter().all(|p| p.sales.amount.is_zero()) {
        return Ok(Err(NoForecast::AllZero));
    }
    let at = At::new("history", plan.history_span);
    let largest = h.iter().map(|p| p.sales.amount.abs()).max().unwrap_or_default();
    let grain = grain(largest);
    let decimal = |v: f64, at: &At| decimal(v, grain, largest, at);
    let y: Vec<f64> = h.iter().map(|p| p.sales.amount.to_f64().unwrap_or(f64::NAN)).collect();
    let monthly = kind == PeriodKind::Month;
    let wanted = choose(monthly, y.len());
    let spec = plan.forecast.as_ref();
    let level = spec.and_then(|s| s.level).unwrap_or(DEFAULT_LEVEL);
    let level_f = level.to_f64().unwrap_or(0.8);
    let periods = horizon(h[h.len() - 1].period, plan.meta.period);
    // the chosen method, else the simpler ones in turn
    let mut fitted = None;
    for method in [wanted, Method::Ets, Method::Linear] {
        if method.min_points() > y.len() || rank(method) > rank(wanted) {
            continue;
        }
        if let Ok(f) = models::fit(method, &y, periods.len(), level_f) {
            fitted = Some((method, f));
            break;
        }
    }
    let Some((method, fit)) = fitted else {
        return Ok(Err(NoForecast::Unfit));
    };
    let plan_scenarios = spec.and_then(|s| s.scenarios);
    let mut next = Vec::with_capacity(periods.len());
    for (i, period) in periods.iter().enumerate() {
        let base = decimal(fit.point[i], &at)?;
        let (low, high) = match plan_scenarios {
            Some(s) => (
                to_grain(at.mul(base, at.sub(Decimal::ONE, s.pessimistic)?)?, grain, &at)?,
                to_grain(at.mul(base, at.add(Decimal::ONE, s.optimistic)?)?, grain, &at)?,
            ),
            None => (decimal(fit.lower[i], &at)?, decimal(fit.upper[i], &at)?),
        };
        next.push(Step { period: *period, base, low, high });
    }
    let backtest = backtest(method, &y, h, level_f, (grain, largest), &at)?;
    let scenarios = plan_period(&next, plan.meta.period, &at)?;
    let gap = match (scenarios, plan.targets.as_ref().and_then(|t| t.total)) {
        (Some(s), Some(t)) => Some(gap::gap(t.amount, &s, &plan.strategies, &at)?),
        _ => None,
    };
    Ok(Ok(Some(Forecast {
        method,
        model: fit.model,
        fallback_from: (method != wanted).then_some(wanted),
        season_unmodelled: monthly && method != Method::Seasonal,
        n: y.len(),
        level,
        plan_scenarios,
        next,
        backtest,
        scenarios,
        gap,
    })))
}

/// The method the data calls for.
pub fn choose(monthly: bool, n: usize) -> Method {
    if monthly && n >= Method::Seasonal.min_points() {
        Method::Seasonal
    } else if n >= Method::Ets.min_points() {
        Method::Ets
    } else {
        Method::Linear
    }
}

fn rank(m: Method) -> u8 {
    match m {
        Method::Linear => 0,
        Method::Ets => 1,
        Method::Seasonal => 2,
    }
}

/// The periods after `last` up to the end of the plan's period (at least one, at most
/// [`MAX_HORIZON`]).
fn horizon(last: Period, plan: Option<Period>) -> Vec<Period> {
    let mut out = Vec::new();
    let mut p = last;
    while out.len() < MAX_HORIZON {
        p = p.next();
        out.push(p);
        if plan.is_none_or(|mp| p.end >= mp.end) {
            break;
        }
    }
    out
}

/// Periods held out by the back-test: a quarter of months, two quarters, else one period.
fn holdout(kind: PeriodKind) -> usize {
    match kind {
        PeriodKind::Month => 3,
        PeriodKind::Quarter => 2,
        _ => 1,
    }
}

fn backtest(
    method: Method,
    y: &[f64],
    h: &[crate::model::HistoryPoint],
    level: f64,
    (grain, largest): (Decimal, Decimal),
    at: &At,
) -> Result<Backtest, Overflow> {
    let room = y.len().saturating_sub(method.min_points());
    let k = holdout(h[0].period.kind).min(room);
    if k == 0 {
        return Ok(Backtest::TooShort { needed: method.min_points() + 1 });
    }
    let train = &y[..y.len() - k];
    let Ok(fit) = models::fit(method, train, k, level) else {
        return Ok(Backtest::TooShort { needed: method.min_points() + 1 });
    };
    let mut points = Vec::with_capacity(k);
    let mut errors = Vec::with_capacity(k);
    for (i, p) in h[h.len() - k..].iter().enumerate() {
        let predicted = decimal(fit.point[i], grain, largest, at)?;
        let actual = p.sales.amount;
        if !actual.is_zero() {
            errors.push(at.div(at.sub(predicted, actual)?.abs(), actual.abs())?);
        }
        points.push((p.period, actual, predicted));
    }
    let mape = if errors.is_empty() {
        None
    } else {
        let n = Decimal::from(errors.len() as u64);
        Some(at.div(at.sum(errors)?, n)?)
    };
    Ok(Backtest::Done { points, mape })
}

/// The steps that make up the plan's period, summed. Bounds of several steps are added
/// up: as if the periods' errors moved together, a wider band than a joint interval.
fn plan_period(next: &[Step], plan: Option<Period>, at: &At) -> Result<Option<Scenario>, Overflow> {
    let Some(mp) = plan else { return Ok(None) };
    let inside: Vec<&Step> =
        next.iter().filter(|s| s.period.start >= mp.start && s.period.end <= mp.end).collect();
    let (Some(first), Some(last)) = (inside.first(), inside.last()) else { return Ok(None) };
    if first.period.start != mp.start || last.period.end != mp.end {
        return Ok(None);
    }
    Ok(Some(Scenario {
        pessimistic: at.sum(inside.iter().map(|s| s.low))?,
        base: at.sum(inside.iter().map(|s| s.base))?,
        optimistic: at.sum(inside.iter().map(|s| s.high))?,
        steps: inside.len(),
    }))
}

/// What forecasts are rounded to: four significant digits of the largest figure of the
/// history (10万 for a history in 亿, 1万 for one in 千万). A forecast is an estimate;
/// `1,584.73万` would claim a precision it does not have, and would push every column it
/// shares into decimals.
fn grain(largest: Decimal) -> Decimal {
    let digits = largest.trunc().to_string().len() as i64;
    let exp = (digits - 4).max(-2);
    if exp >= 0 {
        Decimal::from_i128_with_scale(10_i128.pow(exp as u32), 0)
    } else {
        Decimal::new(1, (-exp) as u32)
    }
}

/// `v` rounded to `grain`, as every forecast figure is.
fn to_grain(v: Decimal, grain: Decimal, at: &At) -> Result<Decimal, Overflow> {
    let q = at.div(v, grain)?;
    at.mul(crate::format::round(q, 0), grain).map(|d| d.normalize())
}

/// A model figure as money: rounded to `grain`, within the derived-figure limit (beyond
/// it, the overflow names the history's largest figure).
fn decimal(v: f64, grain: Decimal, largest: Decimal, at: &At) -> Result<Decimal, Overflow> {
    let d = Decimal::from_f64(v)
        .and_then(|d| d.checked_div(grain))
        .map(|q| crate::format::round(q, 0))
        .and_then(|q| q.checked_mul(grain))
        .map(|d| d.normalize());
    at.ok(d, &[largest])
}

#[cfg(test)]
mod tests;
