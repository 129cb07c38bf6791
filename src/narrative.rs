//! The sentences of the forecast and pacing paragraphs, written from the figures: which
//! sentence is said, and with what, depends on where the numbers fall (a target above the
//! optimistic scenario asks which strategies close the gap; one inside the range reads as
//! attainable). Wording lives in `templates/labels.yaml`; the result is Markdown with plan
//! text escaped.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::forecast::{Backtest, Forecast, Method, NoForecast, Position};
use crate::format::{self, Precision};
use crate::model::values::{Period, PeriodKind};
use crate::model::{Locale, Plan};
use crate::pacing::Pacing;
use crate::templates::escape_text;

/// Labels and the plan's money conventions.
struct Say<'a> {
    labels: &'a BTreeMap<String, String>,
    plan: &'a Plan,
}

impl Say<'_> {
    fn l(&self, key: &str) -> String {
        self.labels.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.l(key);
        for (k, v) in args {
            text = text.replace(&format!("{{{k}}}"), v);
        }
        text
    }

    fn money(&self, v: Decimal) -> String {
        format::money(v, self.plan.meta.currency, self.plan.meta.locale, Precision::Derived)
    }

    /// A computed amount as a sentence says it: three significant digits (`826万元`,
    /// `44.5万元`), never more precise than cents.
    fn about(&self, v: Decimal) -> String {
        self.money(three_digits(v))
    }

    fn exact_money(&self, v: Decimal) -> String {
        format::money(v, self.plan.meta.currency, self.plan.meta.locale, Precision::Exact)
    }

    fn pct(&self, v: Decimal) -> String {
        format::percent(v, Precision::Derived)
    }

    fn signed_pct(&self, v: Decimal) -> String {
        format::signed_percent(v)
    }

    fn period(&self, p: &Period) -> String {
        format::period(p, self.plan.meta.locale)
    }

    /// `个月` / `months`: the unit a count of `kind` periods is told in.
    fn unit(&self, kind: PeriodKind, n: usize) -> String {
        let key = match kind {
            PeriodKind::Month => "fc_unit_month",
            PeriodKind::Quarter => "fc_unit_quarter",
            PeriodKind::Year => "fc_unit_year",
            _ => "fc_unit_period",
        };
        let word = self.l(key);
        if self.plan.meta.locale == Locale::En && n == 1 {
            word.strip_suffix('s').map(str::to_string).unwrap_or(word)
        } else {
            word
        }
    }

    fn sep(&self) -> String {
        self.l("sentence_sep")
    }
}

/// The forecast paragraph: method and scenarios, the back-test, where the target stands,
/// and a note when the season is not modelled.
pub fn forecast(plan: &Plan, f: &Forecast, labels: &BTreeMap<String, String>) -> String {
    let say = Say { labels, plan };
    let kind = plan.history.first().map_or(PeriodKind::Year, |h| h.period.kind);
    let model = ets_name(&f.model);
    let method = match f.method {
        Method::Linear => say.l("fc_method_linear"),
        Method::Ets => say.fill("fc_method_ets", &[("model", &model)]),
        Method::Seasonal => say.fill("fc_method_seasonal", &[("model", &model)]),
    };
    let basis = say.fill(
        "fc_basis",
        &[("method", &method), ("n", &f.n.to_string()), ("unit", &say.unit(kind, f.n))],
    );
    let mut out = Vec::new();
    // The period the scenarios are for: the plan's, else the first one ahead.
    let (label, pess, base, opt, steps) = match (f.scenarios, plan.meta.period) {
        (Some(s), Some(p)) => (say.period(&p), s.pessimistic, s.base, s.optimistic, s.steps),
        _ => {
            let s = f.next[0];
            (say.period(&s.period), s.low, s.base, s.high, 1)
        }
    };
    let base_text = if steps > 1 {
        say.fill(
            "fc_base_sum",
            &[("period", &label), ("base", &say.money(base)), ("unit", &say.unit(kind, steps))],
        )
    } else {
        say.fill("fc_base", &[("period", &label), ("base", &say.money(base))])
    };
    let band = match f.plan_scenarios {
        Some(s) => say.fill(
            "fc_band_plan",
            &[
                ("low", &say.money(pess)),
                ("high", &say.money(opt)),
                ("pess", &say.signed_pct(-s.pessimistic)),
                ("opt", &say.signed_pct(s.optimistic)),
            ],
        ),
        None => say.fill(
            "fc_band_interval",
            &[("level", &level(f.level)), ("low", &say.money(pess)), ("high", &say.money(opt))],
        ),
    };
    out.push(basis + &say.fill("fc_scenarios", &[("base", &base_text), ("band", &band)]));
    if steps > 1 && f.plan_scenarios.is_none() {
        out.push(say.l("fc_sum_note"));
    }
    if let Some(wanted) = f.fallback_from {
        let w = say.l(match wanted {
            Method::Seasonal => "fc_method_seasonal_plain",
            Method::Ets => "fc_method_ets_plain",
            Method::Linear => "fc_method_linear",
        });
        out.push(say.fill("fc_fallback", &[("wanted", &w)]));
    }
    out.push(match &f.backtest {
        Backtest::Done { points, mape } => {
            let (first, last) = (points[0].0, points[points.len() - 1].0);
            let range = if points.len() == 1 {
                say.period(&first)
            } else {
                say.fill(
                    "fc_range",
                    &[("first", &say.period(&first)), ("last", &say.period(&last))],
                )
            };
            let k = points.len();
            match mape {
                Some(m) => say.fill(
                    if k == 1 { "fc_backtest_one" } else { "fc_backtest" },
                    &[
                        ("k", &k.to_string()),
                        ("unit", &say.unit(kind, k)),
                        ("range", &range),
                        ("mape", &say.pct(*m)),
                    ],
                ),
                None => say.fill("fc_backtest_zero", &[("range", &range)]),
            }
        }
        Backtest::TooShort { needed } => say.fill(
            "fc_backtest_short",
            &[("needed", &needed.to_string()), ("unit", &say.unit(kind, *needed))],
        ),
    });
    if let Some(g) = &f.gap {
        let target = say.exact_money(g.target);
        let rel = |r: Option<Decimal>| r.map(|r| say.signed_pct(r)).unwrap_or_default();
        match g.position {
            Position::Within => {
                let key =
                    if g.vs_base > Decimal::ZERO { "fc_within_above" } else { "fc_within_below" };
                out.push(say.fill(
                    key,
                    &[
                        ("target", &target),
                        ("diff", &say.money(g.vs_base.abs())),
                        ("rel", &rel(g.vs_base_rel)),
                    ],
                ));
            }
            Position::Below => out.push(say.fill(
                "fc_below",
                &[
                    ("target", &target),
                    ("beyond", &say.money(g.beyond)),
                    ("rel", &rel(g.beyond_rel.map(|r| -r))),
                ],
            )),
            Position::Above => {
                let beyond = say.money(g.beyond);
                out.push(say.fill(
                    "fc_above",
                    &[("target", &target), ("beyond", &beyond), ("rel", &rel(g.beyond_rel))],
                ));
                out.push(match g.strategies_sum {
                    Some(sum) => {
                        let items: Vec<String> = g
                            .strategies
                            .iter()
                            .map(|(i, a)| {
                                say.fill(
                                    "fc_strategy_item",
                                    &[
                                        ("name", &escape_text(&plan.strategies[*i].name)),
                                        ("amount", &say.exact_money(*a)),
                                    ],
                                )
                            })
                            .collect();
                        let cover = if sum >= g.beyond {
                            let times = sum.checked_div(g.beyond).unwrap_or_default();
                            say.fill(
                                "fc_cover_times",
                                &[("times", &format::group(format::round(times, 1)))],
                            )
                        } else {
                            let share = sum.checked_div(g.beyond).unwrap_or_default();
                            let short = g.beyond.checked_sub(sum).unwrap_or_default();
                            say.fill(
                                "fc_cover_part",
                                &[("share", &say.pct(share)), ("short", &say.money(short))],
                            )
                        };
                        say.fill(
                            "fc_strategies",
                            &[
                                ("beyond", &beyond),
                                ("items", &items.join(&say.l("list_sep"))),
                                ("sum", &say.money(sum)),
                                ("cover", &cover),
                            ],
                        )
                    }
                    None => say.fill("fc_no_strategies", &[("beyond", &beyond)]),
                });
            }
        }
    }
    if f.season_unmodelled {
        out.push(say.l("fc_season_note"));
    }
    out.join(&say.sep())
}

/// Why there is no forecast, in one sentence.
pub fn no_forecast(plan: &Plan, why: NoForecast, labels: &BTreeMap<String, String>) -> String {
    let say = Say { labels, plan };
    match why {
        NoForecast::TooFew(n) => say.fill("fc_none_few", &[("n", &n.to_string())]),
        NoForecast::Mixed => say.l("fc_none_mixed"),
        NoForecast::NotConsecutive(i) => say.fill(
            "fc_none_gap",
            &[
                ("before", &say.period(&plan.history[i - 1].period)),
                ("after", &say.period(&plan.history[i].period)),
            ],
        ),
        NoForecast::AllZero => say.l("fc_none_zero"),
        NoForecast::Unfit => say.l("fc_none_unfit"),
    }
}

/// `v` rounded to three significant digits (at most to cents).
pub(crate) fn three_digits(v: Decimal) -> Decimal {
    let digits = v.abs().trunc().to_string().len() as i64;
    let dp = (3 - digits).clamp(-20, 2);
    if dp >= 0 {
        format::round(v, dp as u32)
    } else {
        let grain = Decimal::from_i128_with_scale(10_i128.pow((-dp) as u32), 0);
        v.checked_div(grain).map_or(v, |q| format::round(q, 0).saturating_mul(grain))
    }
}

/// An interval's level as people say it: `80%`, `95%`, `97.5%`.
pub fn level(l: Decimal) -> String {
    format!("{}%", (l * Decimal::ONE_HUNDRED).normalize())
}

/// `AAdN` → `A,Ad,N`, as ETS models are written.
fn ets_name(code: &str) -> String {
    let mut parts = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        let mut part = c.to_string();
        if chars.peek() == Some(&'d') {
            part.push('d');
            chars.next();
        }
        parts.push(part);
    }
    parts.join(",")
}

/// The pacing paragraph: to date against target and time, the run rate needed, the
/// projection at the current rate.
pub fn pacing(plan: &Plan, p: &Pacing, labels: &BTreeMap<String, String>) -> String {
    let say = Say { labels, plan };
    let to_date = say.l(match p.period.kind {
        PeriodKind::Month => "pace_mtd",
        PeriodKind::Quarter => "pace_qtd",
        PeriodKind::Year => "pace_ytd",
        _ => "pace_ptd",
    });
    let date = format::date(p.date, plan.meta.locale);
    let day = p.elapsed_days.to_string();
    let days = p.days.to_string();
    let left = p.days - p.elapsed_days;
    let mut out = Vec::new();
    let Some(v) = &p.target else {
        out.push(say.fill(
            "pace_no_target",
            &[
                ("date", &date),
                ("day", &day),
                ("days", &days),
                ("ptd", &to_date),
                ("actual", &say.about(p.actual)),
            ],
        ));
        out.push(say.fill("pace_run", &[("run", &say.about(p.run_rate))]));
        return out.join(&say.sep());
    };
    let side = if v.vs_pace < Decimal::ZERO { "pace_behind" } else { "pace_ahead" };
    out.push(say.fill(
        "pace_to_date",
        &[
            ("date", &date),
            ("day", &day),
            ("days", &days),
            ("ptd", &to_date),
            ("actual", &say.about(p.actual)),
            ("target", &say.exact_money(v.target)),
            ("attainment", &say.pct(v.attainment)),
            ("elapsed", &say.pct(p.elapsed)),
            (
                "side",
                &say.fill(
                    side,
                    &[("gap", &say.about(v.vs_pace.abs())), ("even", &say.about(v.even_pace))],
                ),
            ),
        ],
    ));
    let run = say.about(p.run_rate);
    out.push(match v.needed_rate {
        Some(needed) => say.fill(
            if v.needed_vs_run.is_some() { "pace_needed" } else { "pace_needed_norun" },
            &[
                ("run", &run),
                ("left", &left.to_string()),
                ("needed", &say.about(needed)),
                ("ratio", &v.needed_vs_run.map(|r| say.pct(r)).unwrap_or_default()),
            ],
        ),
        None if v.attainment >= Decimal::ONE => say.fill("pace_reached", &[("run", &run)]),
        None => say.fill("pace_ended_short", &[("gap", &say.about(v.projected_gap.abs()))]),
    });
    if left > 0 {
        let end = say.l(match p.period.kind {
            PeriodKind::Month => "pace_end_month",
            PeriodKind::Quarter => "pace_end_quarter",
            PeriodKind::Year => "pace_end_year",
            _ => "pace_end_period",
        });
        let key = if v.projected_gap < Decimal::ZERO {
            "pace_projected_short"
        } else {
            "pace_projected_over"
        };
        // the gap from the projection as shown, so the sentence adds up for its reader
        let shown = three_digits(p.projected);
        let gap = shown.checked_sub(v.target).unwrap_or_default();
        let rel = gap.checked_div(v.target).unwrap_or_default();
        out.push(say.fill(
            key,
            &[
                ("end", &end),
                ("projected", &say.money(shown)),
                ("gap", &say.money(gap.abs())),
                ("rel", &say.signed_pct(rel)),
            ],
        ));
    }
    out.join(&say.sep())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_round_computed_amounts_to_three_digits() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert_eq!(three_digits(d("8258064.52")), d("8260000"));
        assert_eq!(three_digits(d("445000")), d("445000"));
        assert_eq!(three_digits(d("13795000")), d("13800000"));
        assert_eq!(three_digits(d("12.345")), d("12.3"));
        assert_eq!(three_digits(d("0.5")), d("0.50"));
    }

    #[test]
    fn ets_codes_are_written_with_commas() {
        assert_eq!(ets_name("AAdN"), "A,Ad,N");
        assert_eq!(ets_name("MAN"), "M,A,N");
    }
}
