//! Plan + figures → warnings: figures that should add up but do not, schedule problems.
//!
//! Each warning shows both figures and the difference, formatted as the report formats them.

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Span};
use crate::figures::Figures;
use crate::format::{self, Precision};
use crate::model::values::Currency;
use crate::model::{Locale, Plan};

/// All warnings for a plan whose model was built without errors.
pub fn warnings(plan: &Plan, figures: &Figures) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let locale = plan.meta.locale;
    let cur = plan.meta.currency;
    let target = plan.targets.as_ref().and_then(|t| t.total).map(|m| m.amount);
    if let Some(t) = &plan.targets {
        for (i, (b, bf)) in t.breakdowns.iter().zip(&figures.breakdowns).enumerate() {
            let path = format!("targets.breakdowns[{i}].items");
            if bf.by_share {
                if let Some(sum) = bf.share_sum.filter(|s| *s != Decimal::ONE) {
                    out.push(share_warning(
                        &format!("breakdown `{}`", b.name),
                        sum,
                        &path,
                        b.span,
                        locale,
                    ));
                }
            } else if let (Some(sum), Some(total)) = (bf.amount_sum, target)
                && sum != total
            {
                out.push(sum_warning(
                    &format!("breakdown `{}`", b.name),
                    sum,
                    total,
                    "targets.total",
                    &path,
                    b.span,
                    cur,
                    locale,
                ));
            }
        }
    }
    if let (Some(b), Some(bf)) = (&plan.budget, &figures.budget)
        && let Some(total) =
            b.total.map(|m| m.amount).filter(|t| *t != bf.sum && !b.items.is_empty())
    {
        out.push(sum_warning(
            "budget items",
            bf.sum,
            total,
            "budget.total",
            "budget.items",
            b.span,
            cur,
            locale,
        ));
    }
    if let Some(sum) = figures.channels.share_sum.filter(|s| *s != Decimal::ONE) {
        out.push(share_warning("channel shares", sum, "channels", plan.channels_span, locale));
    }
    if let (Some(sum), Some(total)) = (figures.channels.expected_sum, target)
        && sum != total
    {
        out.push(sum_warning(
            "channel `expected`",
            sum,
            total,
            "targets.total",
            "channels",
            plan.channels_span,
            cur,
            locale,
        ));
    }
    if let Some(sum) = figures.competitor_share_sum.filter(|s| *s > Decimal::ONE) {
        let span = plan.market.as_ref().and_then(|m| m.competitors_span);
        let over = format::percent(sum - Decimal::ONE, Precision::Derived);
        out.push(
            Diagnostic::warning(
                format!(
                    "competitor shares add up to {}, over 100% by {over}",
                    format::percent(sum, Precision::Derived)
                ),
                "market.competitors",
                span,
            )
            .with_label("shares of one market cannot exceed 100%")
            .with_hint("check each `share`; shares of different markets belong in separate plans"),
        );
    }
    schedule_warnings(plan, &mut out);
    out
}

#[allow(clippy::too_many_arguments)]
fn sum_warning(
    what: &str,
    sum: Decimal,
    total: Decimal,
    total_key: &str,
    path: &str,
    span: Option<Span>,
    cur: Currency,
    locale: Locale,
) -> Diagnostic {
    let m = |v| format::money(v, cur, locale, Precision::Exact);
    let diff = sum - total;
    let rel = if total.is_zero() {
        String::new()
    } else {
        format!("（{}）", format::signed_percent(diff / total))
    };
    let message = match locale {
        Locale::ZhCn => {
            let word = if diff.is_sign_negative() { "少" } else { "多" };
            format!(
                "{what}合计 {}，比 `{total_key}` {} {word} {}{rel}",
                m(sum),
                m(total),
                m(diff.abs())
            )
        }
        Locale::En => {
            let word = if diff.is_sign_negative() { "short of" } else { "over" };
            let rel = rel.replace('（', " (").replace('）', ")");
            format!(
                "{what} add up to {}, {} {word} `{total_key}` {}{rel}",
                m(sum),
                m(diff.abs()),
                m(total)
            )
        }
    };
    Diagnostic::warning(message, path, span)
        .with_label(format!("sum {} ≠ {}", m(sum), m(total)))
        .with_hint(format!("make the items add up to {}, or correct `{total_key}`", m(total)))
}

fn share_warning(
    what: &str,
    sum: Decimal,
    path: &str,
    span: Option<Span>,
    locale: Locale,
) -> Diagnostic {
    let p = |v| format::percent(v, Precision::Derived);
    let diff = sum - Decimal::ONE;
    let message = match locale {
        Locale::ZhCn => {
            format!("{what}占比合计 {}，与 100% 相差 {}", p(sum), format::signed_percent(diff))
        }
        Locale::En => {
            format!("{what} add up to {}, {} from 100%", p(sum), format::signed_percent(diff))
        }
    };
    Diagnostic::warning(message, path, span)
        .with_label(format!("shares sum to {}", p(sum)))
        .with_hint("make the shares add up to exactly 100%")
}

fn schedule_warnings(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let locale = plan.meta.locale;
    if let Some(period) = plan.meta.period {
        for (i, t) in plan.schedule.iter().enumerate() {
            if !period.contains(t.start) || !period.contains(t.end) {
                out.push(
                    Diagnostic::warning(
                        format!(
                            "schedule item `{}` ({} – {}) falls outside the plan period {} ({} – {})",
                            t.name, t.start, t.end, format::period(&period, locale), period.start, period.end
                        ),
                        format!("schedule[{i}]"),
                        t.span,
                    )
                    .with_label("outside `meta.period`")
                    .with_hint("move the dates inside the period, or widen `meta.period`"),
                );
            }
        }
    }
    let mut order: Vec<usize> = (0..plan.schedule.len()).collect();
    order.sort_by_key(|&i| (plan.schedule[i].start, plan.schedule[i].end));
    for pair in order.windows(2) {
        let (a, b) = (&plan.schedule[pair[0]], &plan.schedule[pair[1]]);
        let gap = b.start.days() - a.end.days() - 1;
        let path = format!("schedule[{}]", pair[1]);
        if gap > 0 {
            out.push(
                Diagnostic::warning(
                    format!(
                        "{gap}-day gap in the schedule: `{}` ends {} but `{}` starts {}",
                        a.name, a.end, b.name, b.start
                    ),
                    path,
                    b.span,
                )
                .with_label("nothing planned before this")
                .with_hint(format!(
                    "start `{}` on {}, or end `{}` later",
                    b.name,
                    a.end.succ(),
                    a.name
                )),
            );
        } else if gap < 0 {
            out.push(
                Diagnostic::warning(
                    format!(
                        "schedule items overlap by {} day(s): `{}` ends {} but `{}` starts {}",
                        -gap, a.name, a.end, b.name, b.start
                    ),
                    path,
                    b.span,
                )
                .with_label("starts before the previous item ends")
                .with_hint(format!(
                    "start `{}` on {}, or end `{}` earlier",
                    b.name,
                    a.end.succ(),
                    a.name
                )),
            );
        }
    }
}
