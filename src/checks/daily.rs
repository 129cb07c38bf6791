//! Warnings about `daily` actuals and strategies' expected amounts: anything that would make
//! the month-to-date, the run rate or the gap sentence read wrong without failing the plan.

use super::Warn;
use crate::diagnostic::Diagnostic;
use crate::format;
use crate::model::values::Figure;
use crate::model::{Better, Plan};
use crate::tr;

/// Days out of order or twice, outside the period, missing, a falling running total, a
/// last day that is not `meta.as_of`, and a sales KPI whose actual is not the daily total.
pub(super) fn daily(plan: &Plan, w: &Warn, out: &mut Vec<Diagnostic>) {
    let Some(daily) = &plan.daily else { return };
    let cat = w.cat;
    let day = |d| format::date(d, w.locale);
    for (i, pair) in daily.days.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        let key = if a.date == b.date {
            "warn.daily.duplicate"
        } else if b.date < a.date {
            "warn.daily.order"
        } else {
            continue;
        };
        out.push(
            Diagnostic::warning(
                tr!(cat, key, first = day(a.date), second = day(b.date)),
                format!("daily[{}].date", i + 1),
                b.span,
            )
            .with_label(tr!(cat, "warn.daily.label", first = day(a.date)))
            .with_hint(cat.t("warn.daily.order.hint", &[])),
        );
    }
    let Some(period) = plan.meta.period else { return };
    for (i, d) in daily.days.iter().enumerate().filter(|(_, d)| !period.contains(d.date)) {
        out.push(
            Diagnostic::warning(
                tr!(
                    cat,
                    "warn.daily.outside",
                    date = day(d.date),
                    period = format::period(&period, w.locale),
                    start = period.start,
                    end = period.end
                ),
                format!("daily[{i}].date"),
                d.span,
            )
            .with_label(cat.t("warn.daily.outside.label", &[]))
            .with_hint(cat.t("warn.daily.outside.hint", &[])),
        );
    }
    let mut inside: Vec<(usize, &crate::model::DailyActual)> =
        daily.days.iter().enumerate().filter(|(_, d)| period.contains(d.date)).collect();
    inside.sort_by_key(|(_, d)| d.date);
    if let Some((i, first)) = inside.first() {
        let missing = first.date.days() - period.start.days();
        if missing > 0 {
            out.push(
                Diagnostic::warning(
                    tr!(
                        cat,
                        "warn.daily.late-start",
                        first = day(first.date),
                        days = missing,
                        start = day(period.start)
                    ),
                    format!("daily[{i}].date"),
                    first.span,
                )
                .with_label(cat.t("warn.daily.late-start.label", &[]))
                .with_hint(cat.t("warn.daily.gap.hint", &[])),
            );
        }
    }
    for pair in inside.windows(2) {
        let ((_, a), (j, b)) = (pair[0], pair[1]);
        let missing = b.date.days() - a.date.days() - 1;
        if missing > 0 {
            out.push(
                Diagnostic::warning(
                    tr!(
                        cat,
                        "warn.daily.gap",
                        days = missing,
                        first = day(a.date),
                        second = day(b.date)
                    ),
                    format!("daily[{j}].date"),
                    b.span,
                )
                .with_label(tr!(cat, "warn.daily.gap.label", days = missing))
                .with_hint(cat.t("warn.daily.gap.hint", &[])),
            );
        }
        if daily.cumulative && b.sales.amount < a.sales.amount {
            let diff = a.sales.amount.checked_sub(b.sales.amount).unwrap_or_default();
            out.push(
                Diagnostic::warning(
                    tr!(
                        cat,
                        "warn.daily.decrease",
                        date = day(b.date),
                        before = w.money(a.sales.amount),
                        after = w.money(b.sales.amount)
                    ),
                    format!("daily[{j}].sales"),
                    b.span,
                )
                .with_label(tr!(cat, "warn.daily.decrease.label", diff = w.money(diff)))
                .with_hint(cat.t("warn.daily.decrease.hint", &[])),
            );
        }
    }
    let Some((last, sum)) = crate::pacing::to_date(plan) else { return };
    let last_span = inside.last().and_then(|(_, d)| d.span);
    if let Some(as_of) = plan.meta.as_of.filter(|a| *a != last) {
        out.push(
            Diagnostic::warning(
                tr!(cat, "warn.daily.as-of", last = day(last), as_of = day(as_of)),
                "meta.as_of",
                last_span,
            )
            .with_label(cat.t("warn.daily.as-of.label", &[]))
            .with_hint(tr!(
                cat,
                "warn.daily.as-of.hint",
                last = last,
                as_of = day(as_of)
            )),
        );
    }
    let total = plan.targets.as_ref().and_then(|t| t.total).map(|t| t.amount);
    for (i, k) in plan.kpis.iter().enumerate() {
        let (Some(Figure::Money(t)), Some(Figure::Money(a))) = (k.target, k.actual) else {
            continue;
        };
        if k.from_daily || k.better != Better::Higher || Some(t.amount) != total || a.amount == sum
        {
            continue;
        }
        let diff = a.amount.checked_sub(sum).map(|d| d.abs()).unwrap_or_default();
        out.push(
            Diagnostic::warning(
                tr!(
                    cat,
                    "warn.daily.kpi",
                    name = k.name,
                    actual = w.money(a.amount),
                    sum = w.money(sum),
                    diff = w.money(diff)
                ),
                format!("kpis[{i}].actual"),
                plan.daily.as_ref().and_then(|d| d.span),
            )
            .with_label(cat.t("warn.daily.kpi.label", &[]))
            .with_hint(cat.t("warn.daily.kpi.hint", &[])),
        );
    }
}

/// A strategy whose `expected` is a bare number: not counted as an amount, and said so.
pub(super) fn expected(plan: &Plan, w: &Warn, out: &mut Vec<Diagnostic>) {
    let cat = w.cat;
    for (i, s) in plan.strategies.iter().enumerate() {
        let Some(text) = s.expected.as_deref().map(str::trim) else { continue };
        if crate::model::values::parse_decimal(text).is_none() {
            continue;
        }
        out.push(
            Diagnostic::warning(
                tr!(cat, "warn.expected.bare", name = s.name, text = text),
                format!("strategies[{i}].expected"),
                s.span,
            )
            .with_label(cat.t("warn.expected.bare.label", &[]))
            .with_hint(tr!(
                cat,
                "warn.expected.bare.hint",
                text = text,
                unit = plan.meta.money_unit_label.trim_end_matches('元')
            )),
        );
    }
}
