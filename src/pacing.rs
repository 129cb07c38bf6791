//! Pacing from `daily` actuals: where the period stands on the last day reported against
//! its target and the time elapsed, the daily run rate needed for the rest of the period,
//! the month-end projected at the current rate, and the running total for the burn-up
//! chart. Days are calendar days (retail sells every day; docs/forecast.md).

use rust_decimal::Decimal;

use crate::figures::{At, Overflow, Status};
use crate::model::date::Date;
use crate::model::values::Period;
use crate::model::{Daily, Plan};

/// The period to date.
#[derive(Debug, Clone)]
pub struct Pacing {
    /// The plan's period.
    pub period: Period,
    /// Last day with an actual.
    pub date: Date,
    /// Days in the period.
    pub days: i64,
    /// Days from the period's start to `date`, inclusive.
    pub elapsed_days: i64,
    /// `elapsed_days ÷ days`.
    pub elapsed: Decimal,
    /// Sales to date.
    pub actual: Decimal,
    /// The running total, one point per day reported.
    pub cumulative: Vec<(Date, Decimal)>,
    /// Average daily sales so far: `actual ÷ elapsed_days`.
    pub run_rate: Decimal,
    /// At the current rate, the period's end: `actual + run_rate × remaining days`.
    pub projected: Decimal,
    /// Against `targets.total`, when given.
    pub target: Option<Versus>,
}

/// The period to date against its target.
#[derive(Debug, Clone, Copy)]
pub struct Versus {
    /// `targets.total`.
    pub target: Decimal,
    /// `actual ÷ target`.
    pub attainment: Decimal,
    /// What an even pace would have sold by `date`: `target × elapsed`.
    pub even_pace: Decimal,
    /// `actual − even_pace` (negative: behind).
    pub vs_pace: Decimal,
    /// Daily sales needed on each remaining day to reach the target (`None` on the last
    /// day, or when it is reached).
    pub needed_rate: Option<Decimal>,
    /// `needed_rate ÷ run_rate`, when both are known and the run rate is not zero.
    pub needed_vs_run: Option<Decimal>,
    /// `projected − target`.
    pub projected_gap: Decimal,
    /// Status by pace: attainment ÷ elapsed, judged as KPIs are.
    pub status: Status,
}

/// The days of `daily` inside `period`, as a running total, oldest first (a day written
/// twice counts once for cumulative figures, and adds up for daily ones).
pub fn running(daily: &Daily, period: Period) -> Option<Vec<(Date, Decimal)>> {
    let mut days: Vec<(Date, Decimal)> = daily
        .days
        .iter()
        .filter(|d| period.contains(d.date))
        .map(|d| (d.date, d.sales.amount))
        .collect();
    days.sort_by_key(|d| d.0);
    let mut out: Vec<(Date, Decimal)> = Vec::with_capacity(days.len());
    let mut total = Decimal::ZERO;
    for (date, v) in days {
        total = if daily.cumulative { v } else { total.checked_add(v)? };
        match out.last_mut() {
            Some(last) if last.0 == date => last.1 = total,
            _ => out.push((date, total)),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The last day reported and the total to it.
pub fn to_date(plan: &Plan) -> Option<(Date, Decimal)> {
    let run = running(plan.daily.as_ref()?, plan.meta.period?)?;
    run.last().copied()
}

/// Derives the pacing figures; `None` without `daily` days inside `meta.period`.
pub fn pacing(plan: &Plan) -> Result<Option<Pacing>, Overflow> {
    let (Some(daily), Some(period)) = (&plan.daily, plan.meta.period) else { return Ok(None) };
    let at = At::new("daily", daily.span);
    let Some(cumulative) = running(daily, period) else { return Ok(None) };
    let Some(&(date, actual)) = cumulative.last() else { return Ok(None) };
    let days = period.days().max(1);
    let elapsed_days = (date.days() - period.start.days() + 1).clamp(1, days);
    let remaining = Decimal::from(days - elapsed_days);
    let elapsed = at.div(Decimal::from(elapsed_days), Decimal::from(days))?;
    let run_rate = at.div(actual, Decimal::from(elapsed_days))?;
    let projected = at.add(actual, at.mul(run_rate, remaining)?)?;
    let target = match plan.targets.as_ref().and_then(|t| t.total).map(|t| t.amount) {
        Some(t) if !t.is_zero() => {
            let attainment = at.div(actual, t)?;
            let even_pace = at.mul(t, elapsed)?;
            let left = at.sub(t, actual)?;
            let needed_rate = (!remaining.is_zero() && left > Decimal::ZERO)
                .then(|| at.div(left, remaining))
                .transpose()?;
            let needed_vs_run = match needed_rate {
                Some(n) if !run_rate.is_zero() => Some(at.div(n, run_rate)?),
                _ => None,
            };
            let judged = at.div(attainment, elapsed)?;
            Some(Versus {
                target: t,
                attainment,
                even_pace,
                vs_pace: at.sub(actual, even_pace)?,
                needed_rate,
                needed_vs_run,
                projected_gap: at.sub(projected, t)?,
                status: crate::figures::status_of(judged),
            })
        }
        _ => None,
    };
    Ok(Some(Pacing {
        period,
        date,
        days,
        elapsed_days,
        elapsed,
        actual,
        cumulative,
        run_rate,
        projected,
        target,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::values::{Currency, Money};
    use crate::model::{DailyActual, Meta, Targets};

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn plan(cumulative: bool, days: &[(u32, &str)]) -> Plan {
        let money = |s: &str| Money { amount: d(s), currency: Currency::Cny };
        Plan {
            meta: Meta { period: Period::parse("2025-11").ok(), ..Meta::default() },
            targets: Some(Targets { total: Some(money("12000000")), ..Targets::default() }),
            daily: Some(Daily {
                cumulative,
                days: days
                    .iter()
                    .map(|(day, s)| DailyActual {
                        date: Date::new(2025, 11, *day).unwrap(),
                        sales: money(s),
                        span: None,
                    })
                    .collect(),
                span: None,
            }),
            ..Plan::default()
        }
    }

    /// A hand-worked month: November has 30 days, the target is 1,200万. Ten days of
    /// 40万, 40万, …, then five of 30万: 550万 by the 15th (half the month), against an even
    /// pace of 600万; 36.67万 a day so far, 43.33万 needed on each of the 15 days left
    /// (650万 ÷ 15); 1,100万 at month-end at the current rate.
    #[test]
    fn a_hand_worked_month() {
        let mut days: Vec<(u32, &str)> = (1..=10).map(|i| (i, "400000")).collect();
        days.extend((11..=15).map(|i| (i, "300000")));
        let p = pacing(&plan(false, &days)).unwrap().unwrap();
        assert_eq!(p.date, Date::new(2025, 11, 15).unwrap());
        assert_eq!((p.days, p.elapsed_days), (30, 15));
        assert_eq!(p.elapsed, d("0.5"));
        assert_eq!(p.actual, d("5500000"));
        assert_eq!(p.cumulative[9], (Date::new(2025, 11, 10).unwrap(), d("4000000")));
        assert_eq!(crate::format::round(p.run_rate, 2), d("366666.67"));
        assert_eq!(crate::format::round(p.projected, 0), d("11000000"));
        let v = p.target.unwrap();
        assert_eq!(v.even_pace, d("6000000"));
        assert_eq!(v.vs_pace, d("-500000"));
        assert_eq!(crate::format::round(v.needed_rate.unwrap(), 2), d("433333.33"));
        assert_eq!(crate::format::round(v.attainment, 4), d("0.4583"));
        // 45.8% of the target in 50% of the time: 91.7% of pace, at risk
        assert_eq!(v.status, Status::AtRisk);
        assert_eq!(crate::format::round(v.projected_gap, 0), d("-1000000"));
    }

    #[test]
    fn cumulative_figures_are_running_totals_already() {
        let p = pacing(&plan(true, &[(1, "400000"), (2, "800000"), (3, "1300000")])).unwrap();
        let p = p.unwrap();
        assert_eq!(p.actual, d("1300000"));
        assert_eq!(p.elapsed_days, 3);
        assert_eq!(p.cumulative.len(), 3);
    }

    #[test]
    fn days_outside_the_period_are_left_out() {
        let mut pl = plan(false, &[(1, "100")]);
        if let Some(dl) = pl.daily.as_mut() {
            dl.days.push(DailyActual {
                date: Date::new(2025, 12, 1).unwrap(),
                sales: Money { amount: d("5"), currency: Currency::Cny },
                span: None,
            });
        }
        assert_eq!(to_date(&pl), Some((Date::new(2025, 11, 1).unwrap(), d("100"))));
    }
}
