//! One number system per chart: every amount of a chart in one unit (`万元`, `$M`), written
//! bare with one precision, the unit stated once in the chart's key row, and axis ticks at
//! round steps of that unit (`0 / 5,000 / 10,000`, never `0元 / 5,000万元 / 1亿元`).
//!
//! Amounts take the scale the report's tables take ([`format::money_scale`]), so a chart and
//! the table beside it read in the same unit; rounding goes through [`format`].

use rust_decimal::Decimal;

use super::f;
use crate::format::{self, Precision, ScaleUse};
use crate::model::Locale;
use crate::model::values::Currency;

/// Most decimals a percentage shows.
const MAX_DP: u32 = 2;

/// How the numbers of one chart (or one axis) are written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Numbers {
    /// Values are divided by this before they are written (`10000` for 万元).
    div: Decimal,
    /// Decimals of every value label.
    dp: u32,
    /// The unit, stated once (`万元`, `$M`); `None` for percentages, which carry `%`.
    unit: Option<String>,
    /// Values are fractions written as percentages.
    percent: bool,
}

/// Decimals `v` needs to be written exactly, up to [`MAX_DP`].
fn decimals(v: Decimal) -> u32 {
    v.normalize().scale().min(MAX_DP)
}

impl Numbers {
    /// Amounts of money in one unit and precision, chosen as the tables choose them
    /// (`万元`, `$M`; `$K` when `$M` would need two decimals). `exact` are the amounts the plan
    /// gives: they set unit and precision; other amounts (sums, forecasts) are rounded to it,
    /// and set it only when the plan gives none.
    pub fn money(
        exact: impl IntoIterator<Item = Decimal>,
        derived: impl IntoIterator<Item = Decimal>,
        currency: Currency,
        locale: Locale,
    ) -> Self {
        let mut values: Vec<(Decimal, Precision)> =
            exact.into_iter().map(|v| (v, Precision::Exact)).collect();
        if values.is_empty() {
            values.extend(derived.into_iter().map(|v| (v, Precision::Derived)));
        }
        let scale = format::money_scale(&values, locale, ScaleUse::Column);
        let div = Decimal::from_i128_with_scale(10i128.pow(scale.exp), 0);
        let unit = format::scale_unit(scale, currency, locale);
        Self { div, dp: scale.dp, unit: Some(unit), percent: false }
    }

    /// Fractions written as percentages (`28.0%`), with at least one decimal like the tables
    /// and more when a given value needs it.
    pub fn percent(exact: impl IntoIterator<Item = Decimal>) -> Self {
        let hundred = Decimal::ONE_HUNDRED;
        let dp = exact
            .into_iter()
            .map(|v| decimals(v.saturating_mul(hundred)))
            .max()
            .unwrap_or(0)
            .max(1);
        Self { div: Decimal::ONE, dp, unit: None, percent: true }
    }

    /// The unit to state once, when the values are not percentages.
    pub fn unit(&self) -> Option<&str> {
        self.unit.as_deref()
    }

    /// A value label: bare, in the unit, with the chart's precision.
    pub fn fmt(&self, v: Decimal) -> String {
        self.write(v, self.dp)
    }

    fn write(&self, v: Decimal, dp: u32) -> String {
        // Figures are bounded (limits::MAX_DERIVED): saturating only rules out a panic.
        let scaled =
            if self.percent { v.saturating_mul(Decimal::ONE_HUNDRED) } else { v / self.div };
        let mut r = format::round(scaled, dp);
        r.rescale(dp);
        let text = format::group(r);
        if self.percent { format!("{text}%") } else { text }
    }

    /// Round ticks `0, step, 2·step, …` covering `max`, with one precision for all of them:
    /// positions (in the values' own terms) and labels.
    pub fn ticks(&self, max: Decimal) -> Vec<(f64, String)> {
        let per = if self.percent { Decimal::ONE_HUNDRED } else { Decimal::ONE / self.div };
        let in_unit = super::ticks(max.saturating_mul(per));
        let dp = in_unit.iter().map(|t| decimals(*t)).max().unwrap_or(0);
        in_unit
            .into_iter()
            .map(|t| {
                let v = t / per;
                (f(v), self.write(v, dp))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap_or_default()
    }

    #[test]
    fn chinese_amounts_share_one_unit_and_one_precision() {
        let n = Numbers::money(
            [d("30000000"), d("42000000")],
            [d("150000000")],
            Currency::Cny,
            Locale::ZhCn,
        );
        assert_eq!(n.unit(), Some("万元"));
        assert_eq!(n.fmt(d("30000000")), "3,000");
        assert_eq!(n.fmt(d("150000000")), "15,000");
        let ticks: Vec<String> = n.ticks(d("150000000")).into_iter().map(|t| t.1).collect();
        assert_eq!(ticks, ["0", "5,000", "10,000", "15,000"]);
    }

    #[test]
    fn english_amounts_in_millions_with_the_decimals_they_need() {
        let n = Numbers::money(
            [d("3600000"), d("4200000"), d("5700000")],
            [d("18000000")],
            Currency::Usd,
            Locale::En,
        );
        assert_eq!(n.unit(), Some("$M"));
        assert_eq!(n.fmt(d("18000000")), "18.0");
        assert_eq!(n.fmt(d("3600000")), "3.6");
        let ticks: Vec<String> = n.ticks(d("18000000")).into_iter().map(|t| t.1).collect();
        assert_eq!(ticks, ["0", "5", "10", "15", "20"]);
        let small = Numbers::money([d("250"), d("300")], [], Currency::Cny, Locale::ZhCn);
        assert_eq!((small.unit(), small.fmt(d("300"))), (Some("元"), "300".to_string()));
        // $0.27M beside $1.8M would need two decimals: thousands read better.
        let budget = Numbers::money([d("1800000"), d("270000")], [], Currency::Usd, Locale::En);
        assert_eq!((budget.unit(), budget.fmt(d("270000"))), (Some("$K"), "270".to_string()));
        // Amounts computed from shares alone get the one decimal they need.
        let shares = Numbers::money([], [d("10800000"), d("4500000")], Currency::Usd, Locale::En);
        assert_eq!(shares.fmt(d("10800000")), "10.8");
    }

    #[test]
    fn percentages_keep_one_precision_and_ticks_another() {
        let n = Numbers::percent([d("0.28"), d("0.2")]);
        assert_eq!((n.fmt(d("0.28")), n.fmt(d("0.2"))), ("28.0%".into(), "20.0%".into()));
        let ticks: Vec<String> = n.ticks(d("1")).into_iter().map(|t| t.1).collect();
        assert_eq!(ticks, ["0%", "25%", "50%", "75%", "100%"]);
        assert_eq!(Numbers::percent([d("0.0925")]).fmt(d("0.315")), "31.50%");
    }
}
