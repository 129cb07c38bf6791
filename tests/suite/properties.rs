//! Properties over many generated inputs (proptest): money reads back as it is shown, a
//! typed figure is never displayed as another value, shares rounded by largest remainder
//! add up, and no arithmetic on any decimals panics.

#![allow(clippy::unwrap_used)]

use planwright::format::{self, Precision};
use planwright::limits::MAX_MONEY;
use planwright::model::values::{self, Currency, Figure, Money, Period};
use planwright::model::{
    Better, Breakdown, BreakdownItem, Budget, BudgetItem, HistoryPoint, Locale, Measure, Meta,
    Metric, Plan, Portion, Targets,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Amounts a plan can hold: up to [`MAX_MONEY`], with up to two decimals of a yuan.
fn amount() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=2).prop_map(|(n, dp)| {
        let max = MAX_MONEY.mantissa() as i64;
        Decimal::new(n % max, dp)
    })
}

/// Every locale with the currencies the issue names (and the yuan), made once.
fn styles() -> &'static [format::MoneyStyle] {
    static STYLES: std::sync::OnceLock<Vec<format::MoneyStyle>> = std::sync::OnceLock::new();
    STYLES.get_or_init(|| {
        let codes = [
            Currency::CNY,
            Currency::TWD,
            Currency::HKD,
            Currency::JPY,
            Currency::GBP,
            Currency::EUR,
            Currency::USD,
        ];
        Locale::ALL
            .into_iter()
            .flat_map(|l| codes.into_iter().map(move |c| format::MoneyStyle::new(c, l)))
            .collect()
    })
}

/// Any decimal at all, from its 16-byte form.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    any::<[u8; 16]>().prop_map(Decimal::deserialize)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn money_reads_back_exactly_as_it_is_shown(a in amount()) {
        for style in styles() {
            let text = format::money(a, style, Precision::Exact);
            let back = values::parse_money(&text, Decimal::ONE).unwrap();
            prop_assert_eq!(back.amount, a.normalize(), "{} read back", text);
            let named = back.currency.expect("shown money names its currency");
            prop_assert!(named.fits(style.currency), "{} read as {:?}", text, named);
        }
    }

    #[test]
    fn typed_percentages_are_shown_as_written(n in any::<i32>(), dp in 0u32..=4) {
        let written = format!("{}%", Decimal::new(i64::from(n), dp));
        let frac = values::parse_percent(&written).unwrap();
        let shown = format::percent(frac, Precision::Exact);
        prop_assert_eq!(values::parse_percent(&shown.replace(',', "")).unwrap(), frac, "{} → {}", written, shown);
    }

    #[test]
    fn shares_by_largest_remainder_add_up_to_exactly_one_hundred_percent(
        weights in prop::collection::vec(1u32..1_000_000, 1..40)
    ) {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let shares: Vec<Decimal> =
            weights.iter().map(|w| Decimal::from(*w) / Decimal::from(total)).collect();
        let shown = planwright::shares::largest_remainder(&shares, 1);
        prop_assert_eq!(shown.iter().copied().sum::<Decimal>(), Decimal::ONE);
        for (s, r) in shares.iter().zip(&shown) {
            // Each is one of the two neighbours at 0.1%, so it is off by less than 0.1%.
            prop_assert!((s - r).abs() < Decimal::new(1, 3), "{} shown as {}", s, r);
            prop_assert_eq!(r.round_dp(3), *r);
        }
    }

    #[test]
    fn formatting_any_decimal_never_panics(d in any_decimal()) {
        for style in styles() {
            let locale = style.locale;
            let _ = format::money(d, style, Precision::Exact);
            let _ = format::money(d, style, Precision::Derived);
            let _ = format::signed_money(d, style);
            let _ = format::points(d, locale);
            let _ = format::number(d, Some("家"), locale, Precision::Derived);
        }
        let _ = format::percent(d, Precision::Exact);
        let _ = format::signed_percent(d);
    }

    #[test]
    fn deriving_figures_from_any_decimals_never_panics(
        a in any_decimal(), b in any_decimal(), c in any_decimal(), e in any_decimal()
    ) {
        let plan = plan_of(a, b, c, e);
        match planwright::figures::derive(&plan) {
            Ok(f) => {
                let _ = planwright::checks::warnings(&plan, &f, &planwright::messages::Catalog::new(Locale::ZhCn));
            }
            Err(o) => prop_assert!(!o.values.is_empty()),
        }
    }
}

/// A plan that puts four decimals everywhere a figure is derived from.
fn plan_of(a: Decimal, b: Decimal, c: Decimal, e: Decimal) -> Plan {
    let money = |v| Money { amount: v, currency: Currency::CNY };
    let measure = |t, x| Measure {
        name: "销售额".into(),
        target: Some(Figure::Money(money(t))),
        actual: Some(Figure::Money(money(x))),
        unit: None,
        better: Better::Higher,
        note: None,
        from_daily: false,
    };
    let item = |p| BreakdownItem { name: "Q".into(), portion: p, note: None, span: None };
    Plan {
        meta: Meta {
            period: Period::parse("2024").ok(),
            as_of: planwright::model::date::Date::parse("2024-06-30"),
            ..Meta::default()
        },
        targets: Some(Targets {
            total: Some(money(a)),
            metrics: vec![
                Metric {
                    name: "m".into(),
                    baseline: Some(Figure::Money(money(b))),
                    target: Figure::Money(money(c)),
                    unit: None,
                    note: None,
                },
                Metric {
                    name: "p".into(),
                    baseline: Some(Figure::Percent(c)),
                    target: Figure::Percent(e),
                    unit: None,
                    note: None,
                },
            ],
            breakdowns: vec![Breakdown {
                name: "b".into(),
                items: vec![
                    item(Portion::Amount(money(b))),
                    item(Portion::Share(e)),
                    item(Portion::Amount(money(c))),
                ],
                span: None,
            }],
            assumptions: vec![],
        }),
        kpis: vec![
            measure(a, b),
            measure(e, c),
            Measure { better: Better::Lower, ..measure(c, e) },
        ],
        budget: Some(Budget {
            total: Some(money(e)),
            items: [a, b, c]
                .iter()
                .map(|v| BudgetItem {
                    name: "i".into(),
                    amount: money(*v),
                    category: None,
                    note: None,
                    span: None,
                })
                .collect(),
            span: None,
        }),
        history: [a, b, c, e]
            .iter()
            .zip(2020..)
            .map(|(v, y)| HistoryPoint {
                period: Period::parse(&y.to_string()).unwrap(),
                sales: money(*v),
                span: None,
            })
            .collect(),
        ..Plan::default()
    }
}
