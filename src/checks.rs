//! Plan + figures → warnings: figures that should add up but do not, negative amounts,
//! history out of order, implausible years, schedule problems.
//!
//! Each warning shows both figures and the difference, formatted as the report formats them
//! and worded from the plan's message catalog (the reader of a warning is the plan's author).

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Span};
use crate::figures::{Figures, Overflow};
use crate::format::{self, Precision};
use crate::messages::Catalog;
use crate::model::date::Date;
use crate::model::values::{Currency, Period};
use crate::model::{Locale, Plan, Portion};
use crate::tr;

mod daily;

/// Years a plan plausibly covers; outside them a period is a typo (`"0000"`, `"2204"`).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// All warnings for a plan whose model was built without errors.
pub fn warnings(plan: &Plan, figures: &Figures, cat: &Catalog) -> Vec<Diagnostic> {
    let w = Warn { cat, locale: plan.meta.locale, cur: plan.meta.currency };
    let mut out = Vec::new();
    let target = plan.targets.as_ref().and_then(|t| t.total).map(|m| m.amount);
    if let Some(t) = &plan.targets {
        for (i, (b, bf)) in t.breakdowns.iter().zip(&figures.breakdowns).enumerate() {
            let path = format!("targets.breakdowns[{i}].items");
            let what = tr!(cat, "what.breakdown", name = b.name);
            if bf.by_share {
                if let Some(sum) = bf.share_sum.filter(|s| *s != Decimal::ONE) {
                    out.push(w.shares(&what, sum, &path, b.span));
                }
            } else if let (Some(sum), Some(total)) = (bf.amount_sum, target)
                && sum != total
            {
                out.push(w.sum(&what, sum, total, Whole::Target, &path, b.span));
            }
            for (j, item) in b.items.iter().enumerate() {
                if let Portion::Amount(m) = item.portion {
                    let p = format!("{path}[{j}].amount");
                    w.negative(&mut out, &what, &item.name, m.amount, &p, item.span);
                }
            }
        }
    }
    if let (Some(b), Some(bf)) = (&plan.budget, &figures.budget) {
        let what = cat.t("what.budget", &[]);
        if let Some(total) =
            b.total.map(|m| m.amount).filter(|t| *t != bf.sum && !b.items.is_empty())
        {
            out.push(w.sum(&what, bf.sum, total, Whole::Budget, "budget.items", b.span));
        }
        for (i, item) in b.items.iter().enumerate() {
            let p = format!("budget.items[{i}].amount");
            w.negative(&mut out, &what, &item.name, item.amount.amount, &p, item.span);
        }
    }
    if let Some(sum) = figures.channels.share_sum.filter(|s| *s != Decimal::ONE) {
        let what = cat.t("what.channels", &[]);
        out.push(w.shares(&what, sum, "channels", plan.channels_span));
    }
    if let (Some(sum), Some(total)) = (figures.channels.expected_sum, target)
        && sum != total
    {
        let what = cat.t("what.channel-expected", &[]);
        out.push(w.sum(&what, sum, total, Whole::Target, "channels", plan.channels_span));
    }
    for (i, c) in plan.channels.iter().enumerate() {
        if let Some(m) = c.expected {
            let what = cat.t("what.channels", &[]);
            let p = format!("channels[{i}].expected");
            w.negative(&mut out, &what, &c.name, m.amount, &p, c.span);
        }
    }
    if let Some(sum) = figures.competitor_share_sum.filter(|s| *s > Decimal::ONE) {
        let span = plan.market.as_ref().and_then(|m| m.competitors_span);
        let (p, over) = (
            format::percent(sum, Precision::Derived),
            format::points(sum.saturating_sub(Decimal::ONE), w.locale),
        );
        out.push(
            Diagnostic::warning(
                tr!(cat, "warn.competitors", sum = p, over = over),
                "market.competitors",
                span,
            )
            .with_label(cat.t("warn.competitors.label", &[]))
            .with_hint(cat.t("warn.competitors.hint", &[])),
        );
    }
    history_warnings(plan, &w, &mut out);
    year_warnings(plan, &w, &mut out);
    outside_warnings(plan, &w, &mut out);
    schedule_warnings(plan, &w, &mut out);
    product_warnings(plan, figures, &w, &mut out);
    for (i, p) in plan.promotions.iter().enumerate() {
        let what = cat.t("what.promotions", &[]);
        for (key, m) in [("budget", p.budget), ("target", p.target), ("actual", p.actual)] {
            if let Some(m) = m {
                let path = format!("promotions[{i}].{key}");
                w.negative(&mut out, &what, &p.name, m.amount, &path, p.span);
            }
        }
    }
    for (i, r) in plan.risks.iter().enumerate() {
        if let Some(m) = r.contingency {
            let what = cat.t("what.contingency", &[]);
            let path = format!("risks[{i}].contingency");
            w.negative(&mut out, &what, &r.name, m.amount, &path, r.span);
        }
    }
    daily::daily(plan, &w, &mut out);
    daily::expected(plan, &w, &mut out);
    out
}

/// The product mix adds up like a breakdown: shares to 100%, amounts to `targets.total`.
fn product_warnings(plan: &Plan, figures: &Figures, w: &Warn, out: &mut Vec<Diagnostic>) {
    let Some(pf) = &figures.products else { return };
    let what = w.cat.t("what.products", &[]);
    let span = plan.products_span;
    let target = plan.targets.as_ref().and_then(|t| t.total).map(|m| m.amount);
    if pf.split.by_share {
        if let Some(sum) = pf.split.share_sum.filter(|s| *s != Decimal::ONE) {
            out.push(w.shares(&what, sum, "products", span));
        }
    } else if let (Some(sum), Some(total)) = (pf.split.amount_sum, target)
        && sum != total
    {
        out.push(w.sum(&what, sum, total, Whole::Target, "products", span));
    }
    for (i, p) in plan.products.iter().enumerate() {
        if let Portion::Amount(m) = p.portion {
            let path = format!("products[{i}].amount");
            w.negative(out, &what, &p.name, m.amount, &path, p.span);
        }
    }
}

/// The error for a derived figure that overflowed: names the figure and its inputs, and
/// points at `meta.money_unit`, the usual cause.
pub fn overflow(o: &Overflow, plan: &Plan, cat: &Catalog) -> Diagnostic {
    let values = o.values.iter().map(|v| format!("`{}`", v.normalize())).collect::<Vec<_>>();
    Diagnostic::error(
        tr!(cat, "figure.overflow", path = o.path, values = values.join(", ")),
        o.path.clone(),
        o.span,
    )
    .with_label(cat.t("figure.overflow.label", &[]))
    .with_hint(tr!(cat, "figure.overflow.hint", unit = plan.meta.money_unit_label))
}

/// What a sum is compared with.
#[derive(Clone, Copy)]
enum Whole {
    Target,
    Budget,
}

/// Wording and formatting of warnings in the plan's locale.
struct Warn<'c> {
    cat: &'c Catalog,
    locale: Locale,
    cur: Currency,
}

impl Warn<'_> {
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
        let cat = self.cat;
        // Both are sums of amounts within MAX_MONEY: the difference cannot overflow.
        let diff = sum.saturating_sub(total);
        let rel = match diff.checked_div(total).filter(|_| !total.is_zero()) {
            Some(r) => format!("（{}）", format::signed_percent(r)),
            None => String::new(),
        };
        let rel = if self.locale == Locale::En {
            rel.replace('（', " (").replace('）', ")")
        } else {
            rel
        };
        let (s, t, d) = (self.money(sum), self.money(total), self.money(diff.abs()));
        let (whole_key, key) = match whole {
            Whole::Target => ("what.target-total", "targets.total"),
            Whole::Budget => ("what.budget-total", "budget.total"),
        };
        let whole = cat.t(whole_key, &[]);
        let msg = if diff.is_sign_negative() { "warn.sum.short" } else { "warn.sum.over" };
        let message = tr!(
            cat,
            msg,
            what = what,
            sum = s,
            whole = whole,
            key = key,
            total = t,
            diff = d,
            rel = rel
        );
        Diagnostic::warning(message, path, span).with_label(format!("{s} ≠ {t}")).with_hint(tr!(
            cat,
            "warn.sum.hint",
            total = t,
            key = key
        ))
    }

    /// `…占比合计 90.0%，与 100% 相差 -10.0个百分点`.
    fn shares(&self, what: &str, sum: Decimal, path: &str, span: Option<Span>) -> Diagnostic {
        let cat = self.cat;
        let p = format::percent(sum, Precision::Derived);
        let diff = format::points(sum.saturating_sub(Decimal::ONE), self.locale);
        Diagnostic::warning(tr!(cat, "warn.shares", what = what, sum = p, diff = diff), path, span)
            .with_label(tr!(cat, "warn.shares.label", sum = p))
            .with_hint(cat.t("warn.shares.hint", &[]))
    }

    /// A negative amount where only a positive one makes sense (a share of it would read
    /// `-100元 200.0%`).
    fn negative(
        &self,
        out: &mut Vec<Diagnostic>,
        what: &str,
        name: &str,
        amount: Decimal,
        path: &str,
        span: Option<Span>,
    ) {
        if !amount.is_sign_negative() || amount.is_zero() {
            return;
        }
        let cat = self.cat;
        let m = self.money(amount);
        out.push(
            Diagnostic::warning(
                tr!(cat, "warn.negative", what = what, name = name, amount = m),
                path,
                span,
            )
            .with_label(cat.t("warn.negative.label", &[]))
            .with_hint(cat.t("warn.negative.hint", &[])),
        );
    }
}

/// History periods must run forward in time, each once.
fn history_warnings(plan: &Plan, w: &Warn, out: &mut Vec<Diagnostic>) {
    let cat = w.cat;
    for (i, pair) in plan.history.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        let (pa, pb) =
            (format::period_label(&a.period, w.locale), format::period_label(&b.period, w.locale));
        let path = format!("history[{}].period", i + 1);
        let key = if a.period.start == b.period.start && a.period.end == b.period.end {
            "warn.history.duplicate"
        } else if b.period.start <= a.period.end {
            "warn.history.order"
        } else {
            continue;
        };
        out.push(
            Diagnostic::warning(tr!(cat, key, first = pa, second = pb), path, b.span)
                .with_label(tr!(cat, "warn.history.label", first = pa))
                .with_hint(cat.t("warn.history.hint", &[])),
        );
    }
}

/// A period whose year no plan covers (`"0000"`) is a typo.
fn year_warnings(plan: &Plan, w: &Warn, out: &mut Vec<Diagnostic>) {
    let mut check = |p: &Period, path: String, span: Option<Span>| {
        for year in [p.start.year, p.end.year] {
            if !YEARS.contains(&year) {
                let cat = w.cat;
                out.push(
                    Diagnostic::warning(
                        tr!(cat, "warn.year", year = format!("{year:04}"), path = path),
                        path.clone(),
                        span,
                    )
                    .with_label(cat.t("warn.year.label", &[]))
                    .with_hint(tr!(
                        cat,
                        "warn.year.hint",
                        first = YEARS.start(),
                        last = YEARS.end()
                    )),
                );
                return;
            }
        }
    };
    if let Some(p) = &plan.meta.period {
        check(p, "meta.period".into(), plan.meta.period_span);
    }
    for (i, h) in plan.history.iter().enumerate() {
        check(&h.period, format!("history[{i}].period"), h.span);
    }
}

/// Work planned outside `meta.period`: schedule items, promotions, key dates.
fn outside_warnings(plan: &Plan, w: &Warn, out: &mut Vec<Diagnostic>) {
    let cat = w.cat;
    let Some(period) = plan.meta.period else { return };
    let shown = format::period(&period, w.locale);
    let mut warn = |key: &str, name: &str, dates: String, path: String, span: Option<Span>| {
        let message = tr!(
            cat,
            key,
            name = name,
            dates = dates,
            period = shown,
            start = period.start,
            end = period.end
        );
        out.push(
            Diagnostic::warning(message, path, span)
                .with_label(cat.t("warn.schedule.outside.label", &[]))
                .with_hint(cat.t("warn.schedule.outside.hint", &[])),
        );
    };
    let inside = |a: Date, b: Date| period.contains(a) && period.contains(b);
    for (i, t) in plan.schedule.iter().enumerate() {
        if !inside(t.start, t.end) {
            let dates = format!("{} – {}", t.start, t.end);
            warn("warn.schedule.outside", &t.name, dates, format!("schedule[{i}]"), t.span);
        }
    }
    for (i, p) in plan.promotions.iter().enumerate() {
        if !inside(p.start, p.end) {
            let dates = format!("{} – {}", p.start, p.end);
            warn("warn.promotion.outside", &p.name, dates, format!("promotions[{i}]"), p.span);
        }
    }
    for (i, d) in plan.dates.iter().enumerate() {
        if !period.contains(d.date) {
            warn("warn.date.outside", &d.name, d.date.to_string(), format!("dates[{i}]"), d.span);
        }
    }
}

/// Monday to Friday from `a` to `b`, both included (0 when `b` is before `a`).
pub fn working_days(a: Date, b: Date) -> i64 {
    let (a, b) = (a.days(), b.days());
    if b < a {
        return 0;
    }
    // 1970-01-01 was a Thursday: with Monday = 0, day `d` falls on (d + 3) mod 7.
    let before = |d: i64| {
        // working days in [epoch-aligned Monday, d)
        let weeks = (d + 3).div_euclid(7);
        let rest = (d + 3).rem_euclid(7);
        weeks * 5 + rest.min(5)
    };
    before(b + 1) - before(a)
}

/// A stretch of `meta.period` with no item of the execution plan (schedule or promotion)
/// is reported when it is long for the period: at least 3 working days and at least a
/// tenth of the period's working days (about 5 weeks in a year, 3 days in a month).
/// Overlaps are parallel work; short gaps, weekends and holidays are not reported.
fn schedule_warnings(plan: &Plan, w: &Warn, out: &mut Vec<Diagnostic>) {
    let cat = w.cat;
    let Some(period) = plan.meta.period else { return };
    if plan.schedule.is_empty() {
        return;
    }
    // (start, end, path, span) of every item, by start.
    let mut items: Vec<(Date, Date, String, Option<Span>)> = plan
        .schedule
        .iter()
        .enumerate()
        .map(|(i, t)| (t.start, t.end, format!("schedule[{i}]"), t.span))
        .chain(
            plan.promotions
                .iter()
                .enumerate()
                .map(|(i, p)| (p.start, p.end, format!("promotions[{i}]"), p.span)),
        )
        .collect();
    items.sort_by_key(|(a, b, ..)| (*a, *b));
    let total = working_days(period.start, period.end);
    // The holes: from the period's start (or the day after the furthest end so far) to
    // the day before the next item starts, and after the last end to the period's end.
    let mut holes: Vec<(Date, Date, usize, bool)> = Vec::new();
    let mut covered = Date::from_days(period.start.days() - 1);
    let mut last = 0;
    for (k, (a, b, ..)) in items.iter().enumerate() {
        if a.days() > covered.days() + 1 {
            let from = covered.succ().max(period.start);
            let to = Date::from_days(a.days() - 1).min(period.end);
            if from <= to {
                holes.push((from, to, k, true));
            }
        }
        if *b > covered {
            (covered, last) = (*b, k);
        }
    }
    if covered < period.end {
        holes.push((covered.succ().max(period.start), period.end, last, false));
    }
    for (from, to, k, before) in holes {
        let days = working_days(from, to);
        if days < 3 || days * 10 < total {
            continue;
        }
        let share = Decimal::from(days).checked_div(Decimal::from(total.max(1)));
        let message = tr!(
            cat,
            "warn.schedule.hole",
            from = format::date(from, w.locale),
            to = format::date(to, w.locale),
            days = days,
            calendar = to.days() - from.days() + 1,
            share = share.map(|s| format::percent(s, Precision::Derived)).unwrap_or_default()
        );
        let (_, _, path, span) = &items[k];
        let label = if before {
            "warn.schedule.hole.before.label"
        } else {
            "warn.schedule.hole.after.label"
        };
        out.push(
            Diagnostic::warning(message, path.clone(), *span)
                .with_label(cat.t(label, &[]))
                .with_hint(cat.t("warn.schedule.hole.hint", &[])),
        );
    }
}
