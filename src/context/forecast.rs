//! What templates see of the forecast and the pacing: the figures as typed values, the
//! paragraphs written from them (`narrative`), and monthly history as a year × month table.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{date, dec, money, percent, period};
use crate::figures::Figures;
use crate::forecast::{Backtest, Forecast};
use crate::model::Plan;
use crate::model::values::PeriodKind;

/// `forecast`: method, steps ahead, scenarios, back-test, gap and the paragraph; or only
/// the sentence saying why there is none.
pub(super) fn forecast(plan: &Plan, figures: &Figures, labels: &BTreeMap<String, String>) -> Value {
    let Some(f) = &figures.forecast else {
        return match figures.no_forecast {
            Some(why) => json!({ "none": crate::narrative::no_forecast(plan, why, labels) }),
            None => Value::Null,
        };
    };
    let cur = plan.meta.currency;
    let target = plan.targets.as_ref().and_then(|t| t.total).map(|t| t.amount);
    let vs = |v: Decimal| -> Value {
        target.and_then(|t| t.checked_sub(v)).map_or(
            Value::Null,
            |g| json!({"type": "money_delta", "value": dec(-g), "currency": cur.code()}),
        )
    };
    json!({
        "method": f.method,
        "model": f.model,
        "n": f.n,
        "level": percent(f.level, true),
        "from_plan": f.plan_scenarios.is_some(),
        "next": f.next.iter().map(|s| json!({
            "period": period(&s.period),
            "sales": money(s.base, cur, false),
            "low": money(s.low, cur, false),
            "high": money(s.high, cur, false),
        })).collect::<Vec<_>>(),
        "scenarios": f.scenarios.map(|s| json!({
            "period": plan.meta.period.as_ref().map(period),
            "rows": [
                {"name": "scenario_optimistic", "sales": money(s.optimistic, cur, false), "vs_target": vs(s.optimistic)},
                {"name": "scenario_base", "sales": money(s.base, cur, false), "vs_target": vs(s.base)},
                {"name": "scenario_pessimistic", "sales": money(s.pessimistic, cur, false), "vs_target": vs(s.pessimistic)},
            ],
            "scale": super::scale_value(
                &[s.optimistic, s.base, s.pessimistic].into_iter()
                    .chain(target.iter().flat_map(|t| [*t, *t - s.pessimistic, *t - s.optimistic]))
                    // rounded already, to what the history can tell: shown as they are
                    .map(|v| (v, crate::format::Precision::Exact)).collect::<Vec<_>>(),
                cur, plan.meta.locale, crate::format::ScaleUse::Column),
        })),
        "backtest": backtest(f, cur),
        "gap": f.gap.as_ref().map(|g| json!({"position": g.position})),
        "text": crate::narrative::forecast(plan, f, labels),
    })
}

fn backtest(f: &Forecast, cur: crate::model::values::Currency) -> Value {
    match &f.backtest {
        Backtest::Done { points, mape } => json!({
            "mape": mape.map(|m| percent(m, false)),
            "points": points.iter().map(|(p, a, v)| json!({
                "period": period(p), "actual": money(*a, cur, true), "predicted": money(*v, cur, false),
            })).collect::<Vec<_>>(),
        }),
        Backtest::TooShort { .. } => Value::Null,
    }
}

/// Monthly history of more than a year as a table of months by years (one column a year,
/// a last column with each month's change over the same month a year before), and a row of
/// whole years' totals.
pub(super) fn pivot(plan: &Plan) -> Value {
    let h = &plan.history;
    if h.len() <= 12 || h.iter().any(|p| p.period.kind != PeriodKind::Month) {
        return Value::Null;
    }
    let cur = plan.meta.currency;
    let locale = plan.meta.locale;
    let mut years: BTreeMap<i32, [Option<Decimal>; 12]> = BTreeMap::new();
    for p in h {
        let month = p.period.start.month as usize;
        years.entry(p.period.start.year).or_insert([None; 12])[month - 1] = Some(p.sales.amount);
    }
    let growth = |now: Option<Decimal>, before: Option<Decimal>| -> Value {
        match (now, before) {
            (Some(n), Some(b)) if !b.is_zero() => n
                .checked_sub(b)
                .and_then(|d| d.checked_div(b.abs()))
                .map_or(Value::Null, |g| json!({"type": "growth", "value": dec(g)})),
            _ => Value::Null,
        }
    };
    let cols: Vec<i32> = years.keys().copied().collect();
    let last = cols.last().copied().unwrap_or_default();
    let prev = years.get(&(last - 1));
    let rows: Vec<Value> = (0..12)
        .map(|m| {
            json!({
                "name": crate::format::month_label(last, m as u32 + 1, locale, false),
                "values": cols.iter().map(|y| years[y][m].map(|v| money(v, cur, true))).collect::<Vec<_>>(),
                "growth": growth(years[&last][m], prev.and_then(|p| p[m])),
            })
        })
        .collect();
    let total = |y: &i32| -> Option<Decimal> {
        years[y].iter().copied().try_fold(Decimal::ZERO, |a, v| a.checked_add(v?))
    };
    let totals: Vec<Option<Decimal>> = cols.iter().map(total).collect();
    let values: Vec<(Decimal, crate::format::Precision)> = h
        .iter()
        .map(|p| (p.sales.amount, crate::format::Precision::Exact))
        .chain(totals.iter().flatten().map(|t| (*t, crate::format::Precision::Derived)))
        .collect();
    json!({
        "years": cols,
        "rows": rows,
        "totals": totals.iter().map(|t| t.map(|t| money(t, cur, false))).collect::<Vec<_>>(),
        "total_growth": growth(total(&last), years.contains_key(&(last - 1)).then(|| total(&(last - 1))).flatten()),
        "scale": super::scale_value(&values, cur, locale, crate::format::ScaleUse::Column),
    })
}

/// `pacing`: the period to date from `daily`, and its paragraph.
pub(super) fn pacing(plan: &Plan, figures: &Figures, labels: &BTreeMap<String, String>) -> Value {
    let Some(p) = &figures.pacing else { return Value::Null };
    let cur = plan.meta.currency;
    json!({
        "date": date(p.date),
        "actual": money(p.actual, cur, false),
        "elapsed": percent(p.elapsed, false),
        "run_rate": money(p.run_rate, cur, false),
        "projected": money(p.projected, cur, false),
        "status": p.target.map(|v| v.status),
        "attainment": p.target.map(|v| percent(v.attainment, false)),
        "needed_rate": p.target.and_then(|v| v.needed_rate).map(|n| money(n, cur, false)),
        "text": crate::narrative::pacing(plan, p, labels),
    })
}
