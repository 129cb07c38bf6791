//! Typed plan → derived figures: totals, shares, growth, attainment, risk scores, schedule
//! span and a least-squares forecast. Pure `Decimal` arithmetic, computed once, here only.
//!
//! Every operation is checked: a figure that would overflow (or grow past
//! [`MAX_DERIVED`]) is an [`Overflow`] naming it, never a panic.

mod contingency;
mod funnel;
mod products;
mod promotions;
mod team;

pub use contingency::Contingency;
pub use funnel::FunnelFigures;
pub use products::ProductFigures;
pub use promotions::{PromotionFigures, Promotions};
pub use team::{Hiring, IncentiveFigures, Payout};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::diagnostic::Span;
use crate::limits::MAX_DERIVED;

use crate::forecast::{Forecast, NoForecast};
use crate::model::date::Date;
use crate::model::values::Figure;
use crate::model::{Better, Measure, Plan, Portion};
use crate::pacing::Pacing;

/// Every derived figure of a plan, index-aligned with the plan's lists.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Growth of each `targets.metrics[]`.
    pub metric_growth: Vec<Option<Growth>>,
    /// Each breakdown's items resolved to amount and share.
    pub breakdowns: Vec<BreakdownFigures>,
    /// Attainment of each `review.results[]`.
    pub results: Vec<Attainment>,
    /// Attainment of each `kpis[]`.
    pub kpis: Vec<Attainment>,
    /// Budget sum and shares.
    pub budget: Option<Shares>,
    /// Channel expected sum and shares of the expected sales.
    pub channels: ChannelFigures,
    /// Competitor share sum.
    pub competitor_share_sum: Option<Decimal>,
    /// Risk score and level of each `risks[]`.
    pub risks: Vec<RiskScore>,
    /// Schedule span and progress.
    pub schedule: Option<ScheduleFigures>,
    /// Forecast from `history` (docs/forecast.md).
    pub forecast: Option<Forecast>,
    /// Why `history` gives no forecast, when it has entries but not a usable series.
    pub no_forecast: Option<NoForecast>,
    /// Month-to-date (period-to-date) figures from `daily`.
    pub pacing: Option<Pacing>,
    /// Share of `meta.period` elapsed at `meta.as_of` (the time progress KPIs are read
    /// against), when `as_of` falls inside the period.
    pub elapsed: Option<Decimal>,
    /// Growth of each `history[]` entry over the one before (`None` for the first, or after
    /// a zero).
    pub history_growth: Vec<Option<Decimal>>,
    /// The funnel worked back from the target.
    pub funnel: Option<FunnelFigures>,
    /// Revenue, gross profit and margin of the product mix.
    pub products: Option<ProductFigures>,
    /// ROI and attainment of the promotions.
    pub promotions: Promotions,
    /// Headcount before and after hiring.
    pub hiring: Option<Hiring>,
    /// Payouts of each `team.incentives[]`.
    pub incentives: Vec<IncentiveFigures>,
    /// The risks' contingency money together.
    pub contingency: Option<Contingency>,
}

/// A derived figure that does not fit: the inputs are implausibly large (or a divisor
/// implausibly small), which nearly always means a figure was typed in the wrong unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overflow {
    /// Key path of the figure being derived (`targets.metrics[0]`, `history`).
    pub path: String,
    /// Where the figure's input is written, when known.
    pub span: Option<Span>,
    /// The input values involved, exactly.
    pub values: Vec<Decimal>,
}

/// Where a figure comes from, for its [`Overflow`].
#[derive(Clone)]
pub(crate) struct At {
    path: String,
    span: Option<Span>,
}

impl At {
    pub(crate) fn new(path: impl Into<String>, span: Option<Span>) -> Self {
        Self { path: path.into(), span }
    }

    /// `v` when it was computed and stays within [`MAX_DERIVED`].
    pub(crate) fn ok(&self, v: Option<Decimal>, inputs: &[Decimal]) -> Result<Decimal, Overflow> {
        v.filter(|v| v.abs() <= MAX_DERIVED).ok_or_else(|| Overflow {
            path: self.path.clone(),
            span: self.span,
            values: inputs.to_vec(),
        })
    }

    pub(crate) fn add(&self, a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
        self.ok(a.checked_add(b), &[a, b])
    }

    pub(crate) fn sub(&self, a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
        self.ok(a.checked_sub(b), &[a, b])
    }

    pub(crate) fn mul(&self, a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
        self.ok(a.checked_mul(b), &[a, b])
    }

    /// `a / b`; the caller makes sure `b` is not zero (a zero is an overflow here).
    pub(crate) fn div(&self, a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
        self.ok(a.checked_div(b), &[a, b])
    }

    /// Sum of every value.
    pub(crate) fn sum(
        &self,
        values: impl IntoIterator<Item = Decimal>,
    ) -> Result<Decimal, Overflow> {
        values.into_iter().try_fold(Decimal::ZERO, |acc, v| self.add(acc, v))
    }
}

/// Change from baseline to target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Growth {
    /// Relative change, a fraction (`0.25` = +25%).
    Relative(Decimal),
    /// Change in percentage points, as a fraction (`0.07` = +7 pt).
    Points(Decimal),
    /// Change of a score or index in its own points (`7` = +7分 / +7 pts): a
    /// satisfaction score or an NPS moves by points, never by percent.
    Score(Decimal),
}

/// True for a quantity that is a score or an index (NPS, 满意度 78分, a rating), whose
/// change is told in points: by its unit (`分`, `pts`) or by its name.
pub fn is_score(name: &str, unit: Option<&str>) -> bool {
    let unit = unit.map(|u| u.trim().to_lowercase()).unwrap_or_default();
    if matches!(unit.as_str(), "分" | "点" | "pt" | "pts" | "points" | "score") {
        return true;
    }
    let lower = name.to_lowercase();
    [
        "nps",
        "净推荐",
        "满意度",
        "评分",
        "指数",
        "得分",
        "score",
        "index",
        "rating",
        "csat",
        "satisfaction",
    ]
    .iter()
    .any(|k| lower.contains(k))
}

/// One breakdown item with both amount and share known.
#[derive(Debug, Clone, Copy)]
pub struct ItemFigures {
    /// Amount (given, or share × total).
    pub amount: Option<Decimal>,
    /// Share of `targets.total` (given, or amount ÷ total).
    pub share: Option<Decimal>,
    /// Running sum of amounts up to and including this item.
    pub cumulative: Option<Decimal>,
}

/// A breakdown's items and sums.
#[derive(Debug, Clone)]
pub struct BreakdownFigures {
    /// Per item.
    pub items: Vec<ItemFigures>,
    /// Sum of the amounts, when every item has one.
    pub amount_sum: Option<Decimal>,
    /// Sum of the shares, when every item has one.
    pub share_sum: Option<Decimal>,
    /// True when the items were written as shares.
    pub by_share: bool,
}

/// Amounts that add up to a total, with shares.
#[derive(Debug, Clone)]
pub struct Shares {
    /// Sum of the items.
    pub sum: Decimal,
    /// Each item's share of the total (or of the sum when no total is given).
    pub shares: Vec<Option<Decimal>>,
}

/// Channel figures.
#[derive(Debug, Clone, Default)]
pub struct ChannelFigures {
    /// Sum of `share`, when any is given.
    pub share_sum: Option<Decimal>,
    /// Sum of `expected`, when any is given.
    pub expected_sum: Option<Decimal>,
}

/// KPI status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// At or above target (or pace).
    OnTrack,
    /// Within 10% of target.
    AtRisk,
    /// More than 10% short.
    OffTrack,
    /// No actual yet.
    Pending,
}

/// Target vs actual.
#[derive(Debug, Clone, Copy)]
pub struct Attainment {
    /// actual ÷ target (inverted for `better: lower`), when both are known.
    pub ratio: Option<Decimal>,
    /// actual − target.
    pub gap: Option<Decimal>,
    /// Share of the period elapsed at `meta.as_of`, when status is judged against pace.
    pub pace: Option<Decimal>,
    /// Status.
    pub status: Status,
}

/// Risk level from likelihood × severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Score 1–7.
    Low,
    /// Score 8–14.
    Medium,
    /// Score 15–25.
    High,
}

/// A risk's score.
#[derive(Debug, Clone, Copy)]
pub struct RiskScore {
    /// likelihood × severity, 1–25.
    pub score: u8,
    /// Level.
    pub level: Level,
}

/// Where a schedule item stands on the status date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    /// Ended before the status date.
    Done,
    /// Running on the status date.
    InProgress,
    /// Starts after the status date.
    NotStarted,
}

/// Schedule span and progress.
#[derive(Debug, Clone)]
pub struct ScheduleFigures {
    /// First start.
    pub start: Date,
    /// Last end.
    pub end: Date,
    /// Days from first start to last end, inclusive.
    pub days: i64,
    /// Each item's length in days.
    pub item_days: Vec<i64>,
    /// The date progress is judged at (`meta.as_of`, else `meta.date`).
    pub status_date: Option<Date>,
    /// Each item's progress on the status date.
    pub progress: Vec<Option<Progress>>,
    /// Share of the span elapsed on the status date, 0–1.
    pub elapsed: Option<Decimal>,
}

/// Status thresholds: at or above 100% on track, from 90% at risk, below off track.
const AT_RISK_FROM: Decimal = Decimal::from_parts(9, 0, 0, false, 1);

/// Computes every derived figure. Pure: the same plan gives the same figures.
pub fn derive(plan: &Plan) -> Result<Figures, Overflow> {
    let total = plan.targets.as_ref().and_then(|t| t.total).map(|m| m.amount);
    let mut f = Figures::default();
    if let Some(t) = &plan.targets {
        f.metric_growth = t
            .metrics
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let at = At::new(format!("targets.metrics[{i}]"), None);
                let score = is_score(&m.name, m.unit.as_deref());
                Ok(match (growth(m.baseline, m.target, &at)?, m.baseline) {
                    (Some(Growth::Relative(_)), Some(b)) if score => {
                        Some(Growth::Score(at.sub(m.target.value(), b.value())?))
                    }
                    (g, _) => g,
                })
            })
            .collect::<Result<_, _>>()?;
        f.breakdowns = t
            .breakdowns
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let at = At::new(format!("targets.breakdowns[{i}]"), b.span);
                breakdown(b.items.iter().map(|i| i.portion), total, &at)
            })
            .collect::<Result<_, _>>()?;
    }
    let pace = pace(plan)?;
    f.elapsed = pace;
    if let Some(r) = &plan.review {
        f.results = r
            .results
            .iter()
            .enumerate()
            .map(|(i, m)| attainment(m, None, &At::new(format!("review.results[{i}]"), None)))
            .collect::<Result<_, _>>()?;
    }
    f.kpis = plan
        .kpis
        .iter()
        .enumerate()
        .map(|(i, m)| attainment(m, pace, &At::new(format!("kpis[{i}]"), None)))
        .collect::<Result<_, _>>()?;
    if let Some(b) = &plan.budget {
        let amounts: Vec<Decimal> = b.items.iter().map(|i| i.amount.amount).collect();
        let at = At::new("budget.items", b.span);
        f.budget = Some(shares(&amounts, b.total.map(|m| m.amount), &at)?);
    }
    let at = At::new("channels", plan.channels_span);
    f.channels = ChannelFigures {
        share_sum: sum_opt(plan.channels.iter().map(|c| c.share), &at)?,
        expected_sum: sum_opt(plan.channels.iter().map(|c| c.expected.map(|m| m.amount)), &at)?,
    };
    if let Some(m) = &plan.market {
        let at = At::new("market.competitors", m.competitors_span);
        f.competitor_share_sum = sum_opt(m.competitors.iter().map(|c| c.share), &at)?;
    }
    f.risks = plan
        .risks
        .iter()
        .map(|r| {
            // Both are 1–5 (checked when read), so the product is at most 25.
            let score = r.likelihood.saturating_mul(r.severity);
            let level = match score {
                15.. => Level::High,
                8.. => Level::Medium,
                _ => Level::Low,
            };
            RiskScore { score, level }
        })
        .collect();
    f.schedule = schedule(plan)?;
    f.pacing = crate::pacing::pacing(plan)?;
    match crate::forecast::forecast(plan)? {
        Ok(fc) => f.forecast = fc,
        Err(why) => f.no_forecast = Some(why),
    }
    f.history_growth = history_growth(plan)?;
    f.funnel = funnel::derive(plan)?;
    f.products = products::derive(plan)?;
    f.promotions = promotions::derive(plan)?;
    f.hiring = team::hiring(plan)?;
    f.incentives = team::incentives(plan)?;
    f.contingency = contingency::derive(plan, f.budget.as_ref().map(|b| b.sum))?;
    Ok(f)
}

/// Each history entry's growth over the one before.
fn history_growth(plan: &Plan) -> Result<Vec<Option<Decimal>>, Overflow> {
    let at = At::new("history", plan.history_span);
    let mut out = Vec::with_capacity(plan.history.len());
    let mut prev: Option<Decimal> = None;
    for h in &plan.history {
        let v = h.sales.amount;
        out.push(match prev.filter(|p| !p.is_zero()) {
            Some(p) => Some(at.div(at.sub(v, p)?, p)?),
            None => None,
        });
        prev = Some(v);
    }
    Ok(out)
}

fn growth(baseline: Option<Figure>, target: Figure, at: &At) -> Result<Option<Growth>, Overflow> {
    let Some(baseline) = baseline else { return Ok(None) };
    Ok(match (baseline, target) {
        (Figure::Percent(b), Figure::Percent(t)) => Some(Growth::Points(at.sub(t, b)?)),
        (b, t) if !b.value().is_zero() => {
            Some(Growth::Relative(at.div(at.sub(t.value(), b.value())?, b.value().abs())?))
        }
        _ => None,
    })
}

/// Items written as amounts or shares of `total`, each resolved to both, with running sums.
fn breakdown(
    portions: impl IntoIterator<Item = Portion>,
    total: Option<Decimal>,
    at: &At,
) -> Result<BreakdownFigures, Overflow> {
    let mut running = Some(Decimal::ZERO);
    let mut resolved = Vec::new();
    let mut by_share = false;
    for portion in portions {
        by_share |= matches!(portion, Portion::Share(_));
        let (amount, share) = match portion {
            Portion::Amount(m) => {
                let share = match total.filter(|t| !t.is_zero()) {
                    Some(t) => Some(at.div(m.amount, t)?),
                    None => None,
                };
                (Some(m.amount), share)
            }
            Portion::Share(s) => (total.map(|t| at.mul(t, s)).transpose()?, Some(s)),
        };
        running = match running.zip(amount) {
            Some((r, a)) => Some(at.add(r, a)?),
            None => None,
        };
        resolved.push(ItemFigures { amount, share, cumulative: running });
    }
    Ok(BreakdownFigures {
        amount_sum: sum_all(resolved.iter().map(|i| i.amount), at)?,
        share_sum: sum_all(resolved.iter().map(|i| i.share), at)?,
        by_share,
        items: resolved,
    })
}

fn shares(amounts: &[Decimal], total: Option<Decimal>, at: &At) -> Result<Shares, Overflow> {
    let sum = at.sum(amounts.iter().copied())?;
    let base = total.unwrap_or(sum);
    let shares = amounts
        .iter()
        .map(|a| (!base.is_zero()).then(|| at.div(*a, base)).transpose())
        .collect::<Result<_, _>>()?;
    Ok(Shares { sum, shares })
}

/// Sum when every value is present.
fn sum_all(
    values: impl Iterator<Item = Option<Decimal>>,
    at: &At,
) -> Result<Option<Decimal>, Overflow> {
    let all: Option<Vec<Decimal>> = values.collect();
    all.map(|v| at.sum(v)).transpose()
}

/// Sum of the values present, `None` when none is.
fn sum_opt(
    values: impl Iterator<Item = Option<Decimal>>,
    at: &At,
) -> Result<Option<Decimal>, Overflow> {
    let present: Vec<Decimal> = values.flatten().collect();
    if present.is_empty() { Ok(None) } else { at.sum(present).map(Some) }
}

/// The date actuals were taken: `meta.as_of`, else the last day of `daily`.
pub fn as_of(plan: &Plan) -> Option<Date> {
    plan.meta.as_of.or_else(|| crate::pacing::to_date(plan).map(|(d, _)| d))
}

/// Share of `meta.period` elapsed at the actuals' date ([`as_of`]), for judging cumulative
/// KPIs mid-period.
fn pace(plan: &Plan) -> Result<Option<Decimal>, Overflow> {
    let (Some(period), Some(as_of)) = (plan.meta.period, as_of(plan)) else {
        return Ok(None);
    };
    if !period.contains(as_of) {
        return Ok(None);
    }
    let elapsed = as_of.days() - period.start.days() + 1;
    let at = At::new("meta.as_of", plan.meta.period_span);
    at.div(Decimal::from(elapsed), Decimal::from(period.days().max(1))).map(Some)
}

/// Status of an attainment (or of attainment ÷ time elapsed): from 100% on track, from
/// 90% at risk, below off track.
pub(crate) fn status_of(judged: Decimal) -> Status {
    if judged >= Decimal::ONE {
        Status::OnTrack
    } else if judged >= AT_RISK_FROM {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

fn attainment(m: &Measure, pace: Option<Decimal>, at: &At) -> Result<Attainment, Overflow> {
    let (Some(target), Some(actual)) = (m.target, m.actual) else {
        return Ok(Attainment { ratio: None, gap: None, pace: None, status: Status::Pending });
    };
    let (t, a) = (target.value(), actual.value());
    let ratio = match m.better {
        Better::Higher if !t.is_zero() => Some(at.div(a, t)?),
        Better::Lower if !a.is_zero() => Some(at.div(t, a)?),
        Better::Lower if a.is_zero() => Some(Decimal::ONE),
        _ => None,
    };
    // Money accumulates over the period: mid-period it is judged against the pace.
    let pace = pace.filter(|p| {
        matches!(target, Figure::Money(_)) && m.better == Better::Higher && !p.is_zero()
    });
    let judged = match (ratio, pace) {
        (Some(r), Some(p)) => Some(at.div(r, p)?),
        (r, _) => r,
    };
    let status = judged.map_or(Status::Pending, status_of);
    Ok(Attainment { ratio, gap: Some(at.sub(a, t)?), pace, status })
}

fn schedule(plan: &Plan) -> Result<Option<ScheduleFigures>, Overflow> {
    let (Some(start), Some(end)) =
        (plan.schedule.iter().map(|t| t.start).min(), plan.schedule.iter().map(|t| t.end).max())
    else {
        return Ok(None);
    };
    let status_date = as_of(plan).or(plan.meta.date);
    let days = end.days() - start.days() + 1;
    let progress = plan
        .schedule
        .iter()
        .map(|t| {
            status_date.map(|d| {
                if t.end < d {
                    Progress::Done
                } else if t.start <= d {
                    Progress::InProgress
                } else {
                    Progress::NotStarted
                }
            })
        })
        .collect();
    let at = At::new("schedule", plan.schedule_span);
    let elapsed = status_date
        .map(|d| {
            let e = (d.days() - start.days() + 1).clamp(0, days);
            at.div(Decimal::from(e), Decimal::from(days.max(1)))
        })
        .transpose()?;
    Ok(Some(ScheduleFigures {
        start,
        end,
        days,
        item_days: plan.schedule.iter().map(|t| t.end.days() - t.start.days() + 1).collect(),
        status_date,
        progress,
        elapsed,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::values::{Currency, Money};

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn at() -> At {
        At::new("x", None)
    }

    fn money(s: &str) -> Figure {
        Figure::Money(Money { amount: d(s), currency: Currency::Cny })
    }

    #[test]
    fn growth_is_relative_for_money_and_points_for_percent() {
        assert_eq!(
            growth(Some(money("120000000")), money("150000000"), &at()),
            Ok(Some(Growth::Relative(d("0.25"))))
        );
        assert_eq!(
            growth(Some(Figure::Percent(d("0.85"))), Figure::Percent(d("0.92")), &at()),
            Ok(Some(Growth::Points(d("0.07"))))
        );
        assert_eq!(growth(Some(Figure::Number(d("0"))), Figure::Number(d("3")), &at()), Ok(None));
    }

    #[test]
    fn scores_and_indices_are_told_apart_by_unit_or_name() {
        assert!(is_score("客户满意度", Some("分")));
        assert!(is_score("客户净推荐值(NPS)", None));
        assert!(is_score("净推荐值", None));
        assert!(is_score("Net Promoter Score", None));
        assert!(is_score("评级", Some("pts")));
        assert!(!is_score("客户数", Some("家")));
        assert!(!is_score("Quota-carrying reps", Some("reps")));
    }

    #[test]
    fn lower_is_better_inverts_attainment() {
        let m = Measure {
            name: "流失率".into(),
            target: Some(Figure::Percent(d("0.08"))),
            actual: Some(Figure::Percent(d("0.10"))),
            unit: None,
            better: Better::Lower,
            note: None,
            from_daily: false,
        };
        let a = attainment(&m, None, &at()).unwrap();
        assert_eq!(a.ratio, Some(d("0.8")));
        assert_eq!(a.status, Status::OffTrack);
    }
}
