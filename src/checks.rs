//! Plan + figures → warnings: figures that should add up but do not, schedule problems.
//!
//! Each warning shows both figures and the difference, formatted as the report formats them
//! and written in the plan's language (the reader of a warning is the plan's author).

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Span};
use crate::figures::Figures;
use crate::format::{self, Precision};
use crate::model::values::Currency;
use crate::model::{Locale, Plan, Task};

/// All warnings for a plan whose model was built without errors.
pub fn warnings(plan: &Plan, figures: &Figures) -> Vec<Diagnostic> {
    let w = Warn { locale: plan.meta.locale, cur: plan.meta.currency };
    let mut out = Vec::new();
    let target = plan.targets.as_ref().and_then(|t| t.total).map(|m| m.amount);
    if let Some(t) = &plan.targets {
        for (i, (b, bf)) in t.breakdowns.iter().zip(&figures.breakdowns).enumerate() {
            let path = format!("targets.breakdowns[{i}].items");
            let what = w.pick(format!("目标分解「{}」", b.name), format!("breakdown `{}`", b.name));
            if bf.by_share {
                if let Some(sum) = bf.share_sum.filter(|s| *s != Decimal::ONE) {
                    out.push(w.shares(&what, sum, &path, b.span));
                }
            } else if let (Some(sum), Some(total)) = (bf.amount_sum, target)
                && sum != total
            {
                out.push(w.sum(&what, sum, total, Whole::Target, &path, b.span));
            }
        }
    }
    if let (Some(b), Some(bf)) = (&plan.budget, &figures.budget)
        && let Some(total) =
            b.total.map(|m| m.amount).filter(|t| *t != bf.sum && !b.items.is_empty())
    {
        let what = w.pick("预算明细".into(), "budget items".into());
        out.push(w.sum(&what, bf.sum, total, Whole::Budget, "budget.items", b.span));
    }
    if let Some(sum) = figures.channels.share_sum.filter(|s| *s != Decimal::ONE) {
        let what = w.pick("渠道".into(), "channel".into());
        out.push(w.shares(&what, sum, "channels", plan.channels_span));
    }
    if let (Some(sum), Some(total)) = (figures.channels.expected_sum, target)
        && sum != total
    {
        let what = w.pick("渠道预期销售额".into(), "channel `expected`".into());
        out.push(w.sum(&what, sum, total, Whole::Target, "channels", plan.channels_span));
    }
    if let Some(sum) = figures.competitor_share_sum.filter(|s| *s > Decimal::ONE) {
        let span = plan.market.as_ref().and_then(|m| m.competitors_span);
        let (p, over) = (
            format::percent(sum, Precision::Derived),
            format::points(sum - Decimal::ONE, w.locale),
        );
        let message = w.pick(
            format!("竞争对手市场份额合计 {p}，超出 100%（{over}）"),
            format!("competitor shares add up to {p}, over 100% ({over})"),
        );
        out.push(
            Diagnostic::warning(message, "market.competitors", span)
                .with_label(w.pick(
                    "同一市场的份额合计不能超过 100%".into(),
                    "shares of one market cannot exceed 100%".into(),
                ))
                .with_hint(
                    w.pick(
                        "核对各家 `share`；不同市场的份额应分开填写".into(),
                        "check each `share`; shares of different markets belong in separate plans"
                            .into(),
                    ),
                ),
        );
    }
    schedule_warnings(plan, &w, &mut out);
    out
}

/// What a sum is compared with.
#[derive(Clone, Copy)]
enum Whole {
    Target,
    Budget,
}

/// Locale-aware wording of warnings.
struct Warn {
    locale: Locale,
    cur: Currency,
}

impl Warn {
    fn pick(&self, zh: String, en: String) -> String {
        match self.locale {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }

    fn money(&self, v: Decimal) -> String {
        format::money(v, self.cur, self.locale, Precision::Exact)
    }

    /// `…合计 1.44亿元，比目标总额 1.5亿元 少 600万元（-4.0%）`.
    fn sum(
        &self,
        what: &str,
        sum: Decimal,
        total: Decimal,
        whole: Whole,
        path: &str,
        span: Option<Span>,
    ) -> Diagnostic {
        let diff = sum - total;
        let rel =
            if total.is_zero() { String::new() } else { format::signed_percent(diff / total) };
        let (s, t, d) = (self.money(sum), self.money(total), self.money(diff.abs()));
        let (whole_zh, key) = match whole {
            Whole::Target => ("目标总额", "targets.total"),
            Whole::Budget => ("预算总额", "budget.total"),
        };
        let message = match self.locale {
            Locale::ZhCn => {
                let word = if diff.is_sign_negative() { "少" } else { "多" };
                format!("{what}合计 {s}，比{whole_zh} {t} {word} {d}（{rel}）")
            }
            Locale::En => {
                let word = if diff.is_sign_negative() { "short of" } else { "over" };
                format!("{what} add up to {s}, {d} ({rel}) {word} `{key}` {t}")
            }
        };
        Diagnostic::warning(message, path, span).with_label(format!("{s} ≠ {t}")).with_hint(
            self.pick(
                format!("调整各项使合计等于 {t}，或修改 `{key}`"),
                format!("make the items add up to {t}, or correct `{key}`"),
            ),
        )
    }

    /// `…占比合计 90.0%，与 100% 相差 -10.0个百分点`.
    fn shares(&self, what: &str, sum: Decimal, path: &str, span: Option<Span>) -> Diagnostic {
        let p = format::percent(sum, Precision::Derived);
        let diff = format::points(sum - Decimal::ONE, self.locale);
        let message = self.pick(
            format!("{what}占比合计 {p}，与 100% 相差 {diff}"),
            format!("{what} shares add up to {p}, {diff} from 100%"),
        );
        Diagnostic::warning(message, path, span)
            .with_label(self.pick(format!("占比合计 {p}"), format!("shares sum to {p}")))
            .with_hint(self.pick(
                "调整各项占比使合计正好为 100%".into(),
                "make the shares add up to exactly 100%".into(),
            ))
    }
}

fn schedule_warnings(plan: &Plan, w: &Warn, out: &mut Vec<Diagnostic>) {
    let span_of = |t: &Task| format!("{} – {}", t.start, t.end);
    if let Some(period) = plan.meta.period {
        let shown = format::period(&period, w.locale);
        for (i, t) in plan.schedule.iter().enumerate() {
            if period.contains(t.start) && period.contains(t.end) {
                continue;
            }
            let message = w.pick(
                format!(
                    "执行计划「{}」（{}）超出计划期间 {shown}（{} – {}）",
                    t.name,
                    span_of(t),
                    period.start,
                    period.end
                ),
                format!(
                    "schedule item `{}` ({}) falls outside the plan period {shown} ({} – {})",
                    t.name,
                    span_of(t),
                    period.start,
                    period.end
                ),
            );
            out.push(
                Diagnostic::warning(message, format!("schedule[{i}]"), t.span)
                    .with_label(w.pick("超出 `meta.period`".into(), "outside `meta.period`".into()))
                    .with_hint(w.pick(
                        "把日期移入计划期间，或放宽 `meta.period`".into(),
                        "move the dates inside the period, or widen `meta.period`".into(),
                    )),
            );
        }
    }
    let mut order: Vec<usize> = (0..plan.schedule.len()).collect();
    order.sort_by_key(|&i| (plan.schedule[i].start, plan.schedule[i].end));
    for pair in order.windows(2) {
        let (a, b) = (&plan.schedule[pair[0]], &plan.schedule[pair[1]]);
        let gap = b.start.days() - a.end.days() - 1;
        if gap == 0 {
            continue;
        }
        let (message, label) = if gap > 0 {
            (
                w.pick(
                    format!(
                        "执行计划有 {gap} 天空档：「{}」止于 {}，「{}」始于 {}",
                        a.name, a.end, b.name, b.start
                    ),
                    format!(
                        "{gap}-day gap in the schedule: `{}` ends {} but `{}` starts {}",
                        a.name, a.end, b.name, b.start
                    ),
                ),
                w.pick("此前有空档".into(), "nothing planned before this".into()),
            )
        } else {
            (
                w.pick(
                    format!(
                        "执行计划重叠 {} 天：「{}」止于 {}，「{}」始于 {}",
                        -gap, a.name, a.end, b.name, b.start
                    ),
                    format!(
                        "schedule items overlap by {} day(s): `{}` ends {} but `{}` starts {}",
                        -gap, a.name, a.end, b.name, b.start
                    ),
                ),
                w.pick("与上一项重叠".into(), "starts before the previous item ends".into()),
            )
        };
        out.push(
            Diagnostic::warning(message, format!("schedule[{}]", pair[1]), b.span)
                .with_label(label)
                .with_hint(w.pick(
                    format!(
                        "让「{}」从 {} 开始，或调整「{}」的结束日期",
                        b.name,
                        a.end.succ(),
                        a.name
                    ),
                    format!(
                        "start `{}` on {}, or change the end of `{}`",
                        b.name,
                        a.end.succ(),
                        a.name
                    ),
                )),
        );
    }
}
