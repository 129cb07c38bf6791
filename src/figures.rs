//! Typed plan → derived figures: totals, shares, growth, attainment, risk scores, schedule
//! span and a least-squares forecast. Pure `Decimal` arithmetic, computed once, here only.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::date::Date;
use crate::model::values::{Figure, Period};
use crate::model::{Better, Measure, Plan, Portion};

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
    /// Trend forecast from `history`.
    pub forecast: Option<Forecast>,
    /// Share of `meta.period` elapsed at `meta.as_of` (the time progress KPIs are read
    /// against), when `as_of` falls inside the period.
    pub elapsed: Option<Decimal>,
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

/// A forecast of the next periods from `history`.
#[derive(Debug, Clone)]
pub struct Forecast {
    /// Method name key (`linear`).
    pub method: &'static str,
    /// Change per period.
    pub slope: Decimal,
    /// Fitted value at the first history period.
    pub intercept: Decimal,
    /// Coefficient of determination, 0–1 (`None` when history is flat).
    pub r2: Option<Decimal>,
    /// Fitted values for the history periods.
    pub fitted: Vec<Decimal>,
    /// Forecast periods and values.
    pub next: Vec<(Period, Decimal)>,
}

/// Status thresholds: at or above 100% on track, from 90% at risk, below off track.
const AT_RISK_FROM: Decimal = Decimal::from_parts(9, 0, 0, false, 1);

/// Computes every derived figure. Pure: the same plan gives the same figures.
pub fn derive(plan: &Plan) -> Figures {
    let total = plan.targets.as_ref().and_then(|t| t.total).map(|m| m.amount);
    let mut f = Figures::default();
    if let Some(t) = &plan.targets {
        f.metric_growth = t
            .metrics
            .iter()
            .map(|m| {
                let score = is_score(&m.name, m.unit.as_deref());
                growth(m.baseline, m.target).map(|g| match (g, m.baseline) {
                    (Growth::Relative(_), Some(b)) if score => {
                        Growth::Score(m.target.value() - b.value())
                    }
                    _ => g,
                })
            })
            .collect();
        f.breakdowns = t.breakdowns.iter().map(|b| breakdown(&b.items, total)).collect();
    }
    let pace = pace(plan);
    f.elapsed = pace;
    if let Some(r) = &plan.review {
        f.results = r.results.iter().map(|m| attainment(m, None)).collect();
    }
    f.kpis = plan.kpis.iter().map(|m| attainment(m, pace)).collect();
    if let Some(b) = &plan.budget {
        let amounts: Vec<Decimal> = b.items.iter().map(|i| i.amount.amount).collect();
        f.budget = Some(shares(&amounts, b.total.map(|m| m.amount)));
    }
    f.channels = ChannelFigures {
        share_sum: sum_opt(plan.channels.iter().map(|c| c.share)),
        expected_sum: sum_opt(plan.channels.iter().map(|c| c.expected.map(|m| m.amount))),
    };
    if let Some(m) = &plan.market {
        f.competitor_share_sum = sum_opt(m.competitors.iter().map(|c| c.share));
    }
    f.risks = plan
        .risks
        .iter()
        .map(|r| {
            let score = r.likelihood * r.severity;
            let level = match score {
                15.. => Level::High,
                8.. => Level::Medium,
                _ => Level::Low,
            };
            RiskScore { score, level }
        })
        .collect();
    f.schedule = schedule(plan);
    f.forecast = forecast(plan);
    f
}

fn growth(baseline: Option<Figure>, target: Figure) -> Option<Growth> {
    match (baseline?, target) {
        (Figure::Percent(b), Figure::Percent(t)) => Some(Growth::Points(t - b)),
        (b, t) if !b.value().is_zero() => {
            Some(Growth::Relative((t.value() - b.value()) / b.value().abs()))
        }
        _ => None,
    }
}

fn breakdown(items: &[crate::model::BreakdownItem], total: Option<Decimal>) -> BreakdownFigures {
    let mut running = Some(Decimal::ZERO);
    let resolved: Vec<ItemFigures> = items
        .iter()
        .map(|i| {
            let (amount, share) = match i.portion {
                Portion::Amount(m) => {
                    (Some(m.amount), total.filter(|t| !t.is_zero()).map(|t| m.amount / t))
                }
                Portion::Share(s) => (total.map(|t| t * s), Some(s)),
            };
            running = running.zip(amount).map(|(r, a)| r + a);
            ItemFigures { amount, share, cumulative: running }
        })
        .collect();
    BreakdownFigures {
        amount_sum: sum_all(resolved.iter().map(|i| i.amount)),
        share_sum: sum_all(resolved.iter().map(|i| i.share)),
        by_share: items.iter().any(|i| matches!(i.portion, Portion::Share(_))),
        items: resolved,
    }
}

fn shares(amounts: &[Decimal], total: Option<Decimal>) -> Shares {
    let sum: Decimal = amounts.iter().sum();
    let base = total.unwrap_or(sum);
    Shares { sum, shares: amounts.iter().map(|a| (!base.is_zero()).then(|| a / base)).collect() }
}

/// Sum when every value is present.
fn sum_all(values: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values.sum()
}

/// Sum of the values present, `None` when none is.
fn sum_opt(values: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values.flatten().fold(None, |acc, v| Some(acc.unwrap_or_default() + v))
}

/// Share of `meta.period` elapsed at `meta.as_of`, for judging cumulative KPIs mid-period.
fn pace(plan: &Plan) -> Option<Decimal> {
    let (period, as_of) = (plan.meta.period?, plan.meta.as_of?);
    if !period.contains(as_of) {
        return None;
    }
    let elapsed = as_of.days() - period.start.days() + 1;
    Some(Decimal::from(elapsed) / Decimal::from(period.days()))
}

fn attainment(m: &Measure, pace: Option<Decimal>) -> Attainment {
    let (Some(target), Some(actual)) = (m.target, m.actual) else {
        return Attainment { ratio: None, gap: None, pace: None, status: Status::Pending };
    };
    let (t, a) = (target.value(), actual.value());
    let ratio = match m.better {
        Better::Higher if !t.is_zero() => Some(a / t),
        Better::Lower if !a.is_zero() => Some(t / a),
        Better::Lower if a.is_zero() => Some(Decimal::ONE),
        _ => None,
    };
    // Money accumulates over the period: mid-period it is judged against the pace.
    let pace = pace.filter(|_| matches!(target, Figure::Money(_)) && m.better == Better::Higher);
    let judged = ratio.map(|r| pace.map_or(r, |p| r / p));
    let status = match judged {
        Some(r) if r >= Decimal::ONE => Status::OnTrack,
        Some(r) if r >= AT_RISK_FROM => Status::AtRisk,
        Some(_) => Status::OffTrack,
        None => Status::Pending,
    };
    Attainment { ratio, gap: Some(a - t), pace, status }
}

fn schedule(plan: &Plan) -> Option<ScheduleFigures> {
    let start = plan.schedule.iter().map(|t| t.start).min()?;
    let end = plan.schedule.iter().map(|t| t.end).max()?;
    let status_date = plan.meta.as_of.or(plan.meta.date);
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
    let elapsed = status_date.map(|d| {
        let e = (d.days() - start.days() + 1).clamp(0, days);
        Decimal::from(e) / Decimal::from(days)
    });
    Some(ScheduleFigures {
        start,
        end,
        days,
        item_days: plan.schedule.iter().map(|t| t.end.days() - t.start.days() + 1).collect(),
        status_date,
        progress,
        elapsed,
    })
}

/// Ordinary least squares on (0, 1, …, n−1) → sales; needs three points or more.
fn forecast(plan: &Plan) -> Option<Forecast> {
    let ys: Vec<Decimal> = plan.history.iter().map(|h| h.sales.amount).collect();
    let n = ys.len();
    if n < 3 {
        return None;
    }
    let nd = Decimal::from(n as u64);
    let x_mean = Decimal::from((n - 1) as u64) / Decimal::TWO;
    let y_mean = ys.iter().sum::<Decimal>() / nd;
    let (mut sxy, mut sxx) = (Decimal::ZERO, Decimal::ZERO);
    for (i, y) in ys.iter().enumerate() {
        let dx = Decimal::from(i as u64) - x_mean;
        sxy += dx * (y - y_mean);
        sxx += dx * dx;
    }
    let slope = sxy / sxx;
    let intercept = y_mean - slope * x_mean;
    let fitted: Vec<Decimal> =
        (0..n).map(|i| intercept + slope * Decimal::from(i as u64)).collect();
    let ss_res: Decimal = ys.iter().zip(&fitted).map(|(y, f)| (y - f) * (y - f)).sum();
    let ss_tot: Decimal = ys.iter().map(|y| (y - y_mean) * (y - y_mean)).sum();
    let r2 = (!ss_tot.is_zero()).then(|| Decimal::ONE - ss_res / ss_tot);
    // Forecast up to the plan's own period when it follows the history (at most 4 steps).
    let last = plan.history.last()?.period;
    let mut next = Vec::new();
    let mut p = last;
    for step in 0..4u64 {
        p = p.next();
        next.push((p, intercept + slope * Decimal::from(n as u64 + step)));
        let reached = plan.meta.period.is_none_or(|mp| p.end >= mp.end);
        if reached {
            break;
        }
    }
    Some(Forecast { method: "linear", slope, intercept, r2, fitted, next })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::values::{Currency, Money};
    use crate::model::{HistoryPoint, Meta};

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn money(s: &str) -> Figure {
        Figure::Money(Money { amount: d(s), currency: Currency::Cny })
    }

    #[test]
    fn growth_is_relative_for_money_and_points_for_percent() {
        assert_eq!(
            growth(Some(money("120000000")), money("150000000")),
            Some(Growth::Relative(d("0.25")))
        );
        assert_eq!(
            growth(Some(Figure::Percent(d("0.85"))), Figure::Percent(d("0.92"))),
            Some(Growth::Points(d("0.07")))
        );
        assert_eq!(growth(Some(Figure::Number(d("0"))), Figure::Number(d("3"))), None);
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
        };
        let a = attainment(&m, None);
        assert_eq!(a.ratio, Some(d("0.8")));
        assert_eq!(a.status, Status::OffTrack);
    }

    #[test]
    fn forecasts_by_least_squares() {
        let plan = Plan {
            meta: Meta { period: Period::parse("2024").ok(), ..Meta::default() },
            history: ["78000000", "86000000", "102000000", "120000000"]
                .iter()
                .zip(2020..)
                .map(|(s, y)| HistoryPoint {
                    period: Period::parse(&y.to_string()).unwrap(),
                    sales: Money { amount: d(s), currency: Currency::Cny },
                })
                .collect(),
            ..Plan::default()
        };
        let f = forecast(&plan).unwrap();
        assert_eq!(f.slope, d("14200000"));
        assert_eq!(f.next.len(), 1);
        assert_eq!(f.next[0].0.code(), "2024");
        assert_eq!(f.next[0].1, d("132000000"));
        assert_eq!(crate::format::round(f.r2.unwrap(), 3), d("0.974"));
    }
}
