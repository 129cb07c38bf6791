//! The method chosen for each kind of series, and its figures, on series whose answers are
//! known: a monthly series made of a fixed seasonal pattern on a straight trend, a line,
//! the annual reference history worked by hand.

use super::*;
use crate::model::values::{Currency, Money};
use crate::model::{HistoryPoint, Meta, Targets};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn plan(period: &str, first: &str, sales: &[f64], target: Option<&str>) -> Plan {
    let mut p = Period::parse(first).unwrap();
    let mut history = Vec::new();
    for v in sales {
        let amount = crate::format::round(Decimal::from_f64(*v).unwrap(), 2);
        history.push(HistoryPoint {
            period: p,
            sales: Money { amount, currency: Currency::Cny },
            span: None,
        });
        p = p.next();
    }
    Plan {
        meta: Meta { period: Period::parse(period).ok(), ..Meta::default() },
        targets: target.map(|t| Targets {
            total: Some(Money { amount: d(t), currency: Currency::Cny }),
            ..Targets::default()
        }),
        history,
        ..Plan::default()
    }
}

fn run(p: &Plan) -> Forecast {
    forecast(p).unwrap().unwrap().unwrap()
}

/// Monthly retail sales: 1,000 + 10 a month, times a fixed pattern (peaks in January and
/// November, a trough in February), as a finance team would see them.
const PATTERN: [f64; 12] =
    [180.0, -120.0, -40.0, -30.0, 0.0, 60.0, -50.0, -40.0, -10.0, 20.0, 120.0, -90.0];

fn seasonal_series(months: usize) -> Vec<f64> {
    (0..months).map(|t| 1000.0 + 10.0 * t as f64 + PATTERN[t % 12]).collect()
}

#[test]
fn monthly_from_24_points_is_seasonal_and_finds_the_pattern() {
    // 36 months, 2023-01 … 2025-12; the plan is January 2026
    let p = plan("2026-01", "2023-01", &seasonal_series(36), Some("1400"));
    let f = run(&p);
    assert_eq!(f.method, Method::Seasonal);
    assert!(!f.season_unmodelled);
    assert_eq!(f.next.len(), 1);
    assert_eq!(f.next[0].period.code(), "2026-01");
    // computed independently: trend 1,000 + 10 × 36, January's pattern +180 → 1,540
    let base = f.next[0].base.to_f64().unwrap();
    assert!((base - 1540.0).abs() < 1540.0 * 0.01, "base {base}");
    // the interval holds the base, low below high
    assert!(f.next[0].low <= f.next[0].base && f.next[0].base <= f.next[0].high);
}

#[test]
fn a_whole_year_of_months_follows_the_season() {
    let p = plan("2026", "2023-01", &seasonal_series(36), None);
    let f = run(&p);
    assert_eq!(f.next.len(), 12);
    for (i, s) in f.next.iter().enumerate() {
        let want = 1000.0 + 10.0 * (36 + i) as f64 + PATTERN[i];
        let got = s.base.to_f64().unwrap();
        assert!((got - want).abs() < want * 0.015, "month {i}: {got} vs {want}");
    }
    // the year is the sum of its months
    let sc = f.scenarios.unwrap();
    assert_eq!(sc.steps, 12);
    assert_eq!(sc.base, f.next.iter().map(|s| s.base).sum::<Decimal>());
}

#[test]
fn monthly_under_24_points_is_a_trend_and_says_the_season_is_not_modelled() {
    let p = plan("2026-01", "2024-04", &seasonal_series(21), None);
    let f = run(&p);
    assert_eq!(f.method, Method::Ets);
    assert!(f.season_unmodelled);
    let p = plan("2026-01", "2025-09", &seasonal_series(4), None);
    let f = run(&p);
    assert_eq!(f.method, Method::Linear);
    assert!(f.season_unmodelled);
}

#[test]
fn yearly_points_get_a_trend_model() {
    let line: Vec<f64> = (0..10).map(|i| 5000.0 + 700.0 * i as f64).collect();
    let f = run(&plan("2025", "2015", &line, None));
    assert_eq!(f.method, Method::Ets);
    assert!(f.model.contains('A'), "{}", f.model);
    // a straight line is continued: 5,000 + 700 × 10
    let base = f.next[0].base.to_f64().unwrap();
    assert!((base - 12000.0).abs() < 1.0, "{base}");
    let quarters: Vec<f64> = (0..6).map(|i| 100.0 + 5.0 * i as f64).collect();
    let f = run(&plan("2025-Q3", "2024-Q1", &quarters, None));
    assert_eq!(f.method, Method::Linear);
    assert_eq!(f.next[0].base, d("130"));
}

/// The annual reference history (万元 written as 元 here): 6,200, 8,500, 10,200, 12,000.
/// The line gives 14,000; the 80% interval is ±t(2, 0.9) · s · √2.5 with s² = 43,500,
/// t = 1.885618: ±621.83, so 13,378.17 to 14,621.83, shown to four digits of the largest
/// figure (12,000): 13,380 to 14,620.
#[test]
fn the_annual_line_its_band_and_the_target_above_it() {
    let p = plan("2025", "2021", &[6200.0, 8500.0, 10200.0, 12000.0], Some("15000"));
    let f = run(&p);
    assert_eq!(f.method, Method::Linear);
    assert_eq!(f.level, d("0.8"));
    let s = f.scenarios.unwrap();
    assert_eq!(s.base, d("14000"));
    assert_eq!(s.pessimistic, d("13380"));
    assert_eq!(s.optimistic, d("14620"));
    let g = f.gap.unwrap();
    assert_eq!(g.position, Position::Above);
    assert_eq!(g.beyond, d("380"));
    assert_eq!(g.vs_base, d("1000"));
    // back-test: the line through 6,200, 8,500, 10,200 (slope 2,000, 6,300 at the first
    // year) gives 12,300 for the fourth: 300 over 12,000, a MAPE of 2.5%
    let Backtest::Done { points, mape } = &f.backtest else { panic!("{:?}", f.backtest) };
    assert_eq!(points.len(), 1);
    assert_eq!(points[0].2, d("12300"));
    assert_eq!(mape.unwrap(), d("0.025"));
}

#[test]
fn the_plans_own_scenarios_replace_the_interval() {
    let mut p = plan("2025", "2021", &[6200.0, 8500.0, 10200.0, 12000.0], Some("14500"));
    p.forecast = Some(crate::model::ForecastSpec {
        scenarios: Some(crate::model::Scenarios { optimistic: d("0.1"), pessimistic: d("0.15") }),
        level: None,
    });
    let f = run(&p);
    let s = f.scenarios.unwrap();
    assert_eq!((s.pessimistic, s.base, s.optimistic), (d("11900"), d("14000"), d("15400")));
    let g = f.gap.unwrap();
    assert_eq!(g.position, Position::Within);
    assert_eq!(g.vs_base, d("500"));
}

#[test]
fn too_little_history_gives_no_forecast_and_says_why() {
    assert_eq!(
        forecast(&plan("2025", "2023", &[1.0, 2.0], None)).unwrap().err(),
        Some(NoForecast::TooFew(2))
    );
    let mut p = plan("2025", "2020", &[1.0, 2.0, 3.0], None);
    p.history[2].period = Period::parse("2024").unwrap();
    assert_eq!(forecast(&p).unwrap().err(), Some(NoForecast::NotConsecutive(2)));
    assert!(forecast(&plan("2025", "2023", &[], None)).unwrap().unwrap().is_none());
}

#[test]
fn the_seasonal_backtest_holds_out_a_quarter() {
    let p = plan("2026-01", "2023-01", &seasonal_series(36), None);
    let f = run(&p);
    let Backtest::Done { points, mape } = &f.backtest else { panic!() };
    assert_eq!(points.len(), 3);
    assert_eq!(points[0].0.code(), "2025-10");
    // an exact pattern on an exact line is forecast within 2%
    assert!(mape.unwrap() < d("0.02"), "{mape:?}");
    // 24 months leave nothing to hold out for the seasonal model
    let f = run(&plan("2026-01", "2024-01", &seasonal_series(24), None));
    assert_eq!(f.method, Method::Seasonal);
    assert!(matches!(f.backtest, Backtest::TooShort { needed: 25 }));
}

#[test]
fn forecasts_are_the_same_every_time() {
    let p = plan("2026", "2023-01", &seasonal_series(36), None);
    let a = run(&p);
    let b = run(&p);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}

#[test]
fn forecasts_keep_four_digits_of_the_history() {
    assert_eq!(grain(d("120000000")), d("100000"));
    assert_eq!(grain(d("16000000")), d("10000"));
    assert_eq!(grain(d("12000")), d("10"));
    assert_eq!(grain(d("12.5")), d("0.01"));
}
