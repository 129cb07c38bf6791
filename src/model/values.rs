//! Values people write (`1.5亿`, `28%`, `2024-Q3`, `高`) → exact typed values.
//!
//! Every parser here takes the scalar's text as written and returns either the value or a
//! message plus a hint saying what to write instead. No `f64` is involved anywhere.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Serialize;

use super::date::Date;
use crate::messages::Catalog;

/// Why a value did not parse: catalog keys of what is wrong and of what to write instead,
/// and the arguments both are filled with (`text`: the value as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// Catalog key of the message.
    pub key: &'static str,
    /// Catalog key of the hint.
    pub hint: &'static str,
    /// Placeholder values.
    pub args: Vec<(&'static str, String)>,
}

impl ValueError {
    /// The message in the catalog's locale.
    pub fn message(&self, cat: &Catalog) -> String {
        cat.t(self.key, &self.arg_refs())
    }

    /// The hint in the catalog's locale.
    pub fn hint(&self, cat: &Catalog) -> String {
        cat.t(self.hint, &self.arg_refs())
    }

    fn arg_refs(&self) -> Vec<(&str, &str)> {
        self.args.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }
}

fn err(key: &'static str, hint: &'static str, text: &str) -> ValueError {
    ValueError { key, hint, args: vec![("text", text.to_string())] }
}

/// ISO 4217 code of a currency the plan may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub enum Currency {
    /// Chinese yuan.
    #[default]
    #[serde(rename = "CNY")]
    Cny,
    /// US dollar.
    #[serde(rename = "USD")]
    Usd,
    /// Euro.
    #[serde(rename = "EUR")]
    Eur,
}

impl Currency {
    /// Parses an ISO code such as `CNY`.
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim().to_ascii_uppercase().as_str() {
            "CNY" | "RMB" => Some(Self::Cny),
            "USD" => Some(Self::Usd),
            "EUR" => Some(Self::Eur),
            _ => None,
        }
    }

    /// The ISO code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Cny => "CNY",
            Self::Usd => "USD",
            Self::Eur => "EUR",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount of money in base units (yuan, dollars), exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    /// The amount in base units.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

/// A parsed amount before the plan's currency is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedMoney {
    /// Amount in base units.
    pub amount: Decimal,
    /// The currency the text named (`¥`, `$`, `元`, `USD …`), if any.
    pub currency: Option<Currency>,
    /// True when the text carried a sign, unit or currency: it was clearly money.
    pub explicit: bool,
}

const MONEY_HINT: &str = "value.money.hint";

/// Multiplier for a unit word such as `万`, `亿元`, `K`.
pub fn unit_multiplier(unit: &str) -> Option<Decimal> {
    let u = unit.trim();
    let u = u.strip_suffix('元').unwrap_or(u);
    let m: i64 = match u {
        "" => 1,
        "千" | "K" | "k" => 1_000,
        "万" => 10_000,
        "十万" => 100_000,
        "百万" | "M" | "m" => 1_000_000,
        "千万" => 10_000_000,
        "亿" => 100_000_000,
        "B" | "b" | "十亿" => 1_000_000_000,
        _ => return None,
    };
    Some(Decimal::from(m))
}

/// Parses a number with optional `,` separators, exactly (`1,200.50`, `-3`, `0.1`).
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut seen_dot = false;
    let mut prev_digit = false;
    for c in body.chars() {
        match c {
            '0'..='9' => prev_digit = true,
            ',' if prev_digit && !seen_dot => prev_digit = false,
            '.' if prev_digit && !seen_dot => {
                seen_dot = true;
                prev_digit = false;
            }
            _ => return None,
        }
    }
    if !prev_digit {
        return None;
    }
    let cleaned: String = t.chars().filter(|&c| c != ',' && c != '+').collect();
    Decimal::from_str_exact(&cleaned).ok()
}

/// Parses money text. `default_unit` applies to a bare number (`meta.money_unit`).
pub fn parse_money(text: &str, default_unit: Decimal) -> Result<ParsedMoney, ValueError> {
    let original = text.trim();
    if original.is_empty() {
        return Err(err("value.money.empty", MONEY_HINT, original));
    }
    let mut rest = original;
    let mut negative = false;
    if let Some(r) = rest.strip_prefix('-') {
        negative = true;
        rest = r.trim_start();
    }
    let mut currency = None;
    for (sign, cur) in
        [("¥", Currency::Cny), ("￥", Currency::Cny), ("$", Currency::Usd), ("€", Currency::Eur)]
    {
        if let Some(r) = rest.strip_prefix(sign) {
            currency = Some(cur);
            rest = r.trim_start();
            break;
        }
    }
    if currency.is_none() && rest.len() > 4 && rest.is_char_boundary(3) {
        let (code, r) = rest.split_at(3);
        if r.starts_with(' ')
            && let Some(c) =
                Currency::parse(code).filter(|_| code.chars().all(|c| c.is_ascii_uppercase()))
        {
            currency = Some(c);
            rest = r.trim_start();
        }
    }
    if !negative && let Some(r) = rest.strip_prefix('-') {
        negative = true;
        rest = r;
    }
    let split = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let (digits, suffix) = rest.split_at(split);
    let Some(number) = parse_decimal(digits) else {
        return Err(err("value.money.invalid", MONEY_HINT, original));
    };
    let mut suffix = suffix.trim();
    for (word, cur) in [("人民币", Currency::Cny), ("美元", Currency::Usd), ("欧元", Currency::Eur)]
    {
        if let Some(s) = suffix.strip_suffix(word) {
            if currency.is_some_and(|c| c != cur) {
                return Err(err("value.money.two-currencies", MONEY_HINT, original));
            }
            currency = Some(cur);
            suffix = s.trim_end();
        }
    }
    if suffix.ends_with('元') {
        if currency.is_some_and(|c| c != Currency::Cny) {
            return Err(err("value.money.two-currencies", MONEY_HINT, original));
        }
        currency = Some(Currency::Cny);
    }
    if currency.is_none() && suffix.len() > 3 && suffix.is_char_boundary(suffix.len() - 3) {
        let (s, code) = suffix.split_at(suffix.len() - 3);
        if let Some(c) =
            Currency::parse(code).filter(|_| code.chars().all(|c| c.is_ascii_uppercase()))
        {
            currency = Some(c);
            suffix = s.trim_end();
        }
    }
    let Some(mult) = unit_multiplier(suffix) else {
        let mut e = err("value.money.unknown-unit", MONEY_HINT, original);
        e.args.push(("unit", suffix.to_string()));
        return Err(e);
    };
    let explicit = currency.is_some() || !suffix.is_empty();
    let scale = if explicit { mult } else { default_unit };
    let amount = number
        .checked_mul(scale)
        .ok_or_else(|| err("value.too-large", "value.too-large.hint", original))?;
    let amount = if negative { -amount } else { amount };
    Ok(ParsedMoney { amount: amount.normalize(), currency, explicit })
}

/// Parses `28%`, `3.1 %` or `28％` into the fraction 0.28.
pub fn parse_percent(text: &str) -> Result<Decimal, ValueError> {
    let t = text.trim();
    let Some(body) = t.strip_suffix('%').or_else(|| t.strip_suffix('％')) else {
        let mut e = err("value.percent.no-sign", "value.percent.hint", t);
        if let Some(n) = parse_decimal(t) {
            // `0.28` is nearly always a fraction: 28%. `50` means 50%.
            let fraction = !n.is_zero() && n.abs() < Decimal::ONE;
            let as_percent = if fraction {
                n.checked_mul(Decimal::ONE_HUNDRED).map(|p| p.normalize().to_string())
            } else {
                Some(t.to_string())
            };
            if let Some(p) = as_percent {
                e.hint =
                    if fraction { "value.percent.fraction.hint" } else { "value.percent.add-sign" };
                e.args.push(("percent", format!("{p}%")));
            }
        }
        return Err(e);
    };
    let n = parse_decimal(body.trim())
        .ok_or_else(|| err("value.percent.invalid", "value.percent.hint", t))?;
    n.checked_div(Decimal::ONE_HUNDRED)
        .map(|p| p.normalize())
        .ok_or_else(|| err("value.too-large", "value.too-large.hint", t))
}

/// Parses a plain number such as `1100`, `3.5` or `1,100`.
pub fn parse_number(text: &str) -> Result<Decimal, ValueError> {
    parse_decimal(text)
        .map(|d| d.normalize())
        .ok_or_else(|| err("value.number.invalid", "value.number.hint", text.trim()))
}

/// A figure of a metric, KPI or result: what kind it is decides formatting and growth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// An amount of money.
    Money(Money),
    /// A fraction (0.28 for 28%).
    Percent(Decimal),
    /// A count, score or ratio.
    Number(Decimal),
}

impl Figure {
    /// The value as a decimal (base units for money, fraction for percent).
    pub fn value(&self) -> Decimal {
        match self {
            Self::Money(m) => m.amount,
            Self::Percent(p) | Self::Number(p) => *p,
        }
    }

    /// The kind's name, as used in the plan's optional `kind` field.
    pub fn kind(&self) -> FigureKind {
        match self {
            Self::Money(_) => FigureKind::Money,
            Self::Percent(_) => FigureKind::Percent,
            Self::Number(_) => FigureKind::Number,
        }
    }
}

/// What kind of figure a metric holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// Money.
    Money,
    /// Percent.
    Percent,
    /// Count, score or ratio.
    Number,
}

impl FigureKind {
    /// Parses `money`, `percent` or `number`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "money" => Some(Self::Money),
            "percent" => Some(Self::Percent),
            "number" | "quantity" => Some(Self::Number),
            _ => None,
        }
    }
}

/// How a raw figure text looks before its metric's kind is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawFigure {
    /// Ends in `%`.
    Percent(Decimal),
    /// Has a currency sign or unit: surely money (amount in base units).
    Money(ParsedMoney),
    /// A bare number: money in `money_unit`, or a quantity, by context.
    Bare(Decimal),
}

/// Classifies figure text: percent, explicit money, or a bare number.
pub fn parse_figure(text: &str, money_unit: Decimal) -> Result<RawFigure, ValueError> {
    let t = text.trim();
    if t.ends_with('%') || t.ends_with('％') {
        return parse_percent(t).map(RawFigure::Percent);
    }
    if let Some(n) = parse_decimal(t) {
        return Ok(RawFigure::Bare(n.normalize()));
    }
    match parse_money(t, money_unit) {
        Ok(m) => Ok(RawFigure::Money(m)),
        Err(_) => Err(err("value.figure.invalid", "value.figure.hint", t)),
    }
}

/// Risk likelihood or severity on the 1–5 scale.
pub fn parse_scale(text: &str) -> Result<u8, ValueError> {
    const HINT: &str = "value.scale.hint";
    let t = text.trim();
    let word = t.to_lowercase().replace([' ', '_'], "-");
    let v = match word.as_str() {
        "很低" | "极低" | "very-low" => 1,
        "低" | "较低" | "low" => 2,
        "中" | "中等" | "一般" | "medium" | "moderate" => 3,
        "高" | "较高" | "high" => 4,
        "很高" | "极高" | "very-high" | "critical" => 5,
        _ => {
            let Some(n) = parse_decimal(t) else {
                return Err(err("value.scale.invalid", HINT, t));
            };
            if n.fract() != Decimal::ZERO || n < Decimal::ONE || n > Decimal::from(5) {
                return Err(err("value.scale.range", HINT, t));
            }
            u8::try_from(n.trunc().mantissa()).unwrap_or(0)
        }
    };
    Ok(v)
}

/// How a period was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    /// `2024`.
    Year,
    /// `2024-H1`.
    Half,
    /// `2024-Q3`.
    Quarter,
    /// `2025-11`.
    Month,
    /// `{start, end}`.
    Range,
}

/// A span of time: a year, half, quarter, month or explicit range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// How it was written, for display.
    pub kind: PeriodKind,
    /// First day.
    pub start: Date,
    /// Last day, inclusive.
    pub end: Date,
}

const PERIOD_HINT: &str = "value.period.hint";

impl Period {
    /// Parses `2024`, `2024-H1`, `2024-Q3`, `2025-11`.
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        let t = text.trim();
        let bad = || err("value.period.invalid", PERIOD_HINT, t);
        let year = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
        };
        if let Some(y) = year(t) {
            return Ok(Self::months(PeriodKind::Year, y, 1, 12));
        }
        let (y, rest) = t.split_once('-').ok_or_else(bad)?;
        let y = year(y).ok_or_else(bad)?;
        let upper = rest.to_ascii_uppercase();
        if let Some(q) = upper.strip_prefix('Q') {
            return match q {
                "1" | "2" | "3" | "4" => {
                    let q: u32 = q.parse().map_err(|_| bad())?;
                    Ok(Self::months(PeriodKind::Quarter, y, q * 3 - 2, q * 3))
                }
                _ => Err(err("value.period.quarter", PERIOD_HINT, t)),
            };
        }
        if let Some(h) = upper.strip_prefix('H') {
            return match h {
                "1" => Ok(Self::months(PeriodKind::Half, y, 1, 6)),
                "2" => Ok(Self::months(PeriodKind::Half, y, 7, 12)),
                _ => Err(err("value.period.half", PERIOD_HINT, t)),
            };
        }
        if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
            let m: u32 = rest.parse().map_err(|_| bad())?;
            if (1..=12).contains(&m) {
                return Ok(Self::months(PeriodKind::Month, y, m, m));
            }
            return Err(err("value.period.month", PERIOD_HINT, t));
        }
        Err(bad())
    }

    fn months(kind: PeriodKind, year: i32, first: u32, last: u32) -> Self {
        Self { kind, start: Date { year, month: first, day: 1 }, end: Date::month_end(year, last) }
    }

    /// Number of days, inclusive.
    pub fn days(&self) -> i64 {
        self.end.days() - self.start.days() + 1
    }

    /// The period that follows this one, of the same length in months (for forecasts).
    pub fn next(&self) -> Self {
        let months = |y: i32, m: u32, n: u32| {
            let idx = y * 12 + m as i32 - 1 + n as i32;
            (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
        };
        match self.kind {
            PeriodKind::Range => {
                let len = self.days();
                let start = self.end.succ();
                Self {
                    kind: PeriodKind::Range,
                    start,
                    end: Date::from_days(start.days() + len - 1),
                }
            }
            kind => {
                let span = (self.end.year * 12 + self.end.month as i32)
                    - (self.start.year * 12 + self.start.month as i32)
                    + 1;
                let (sy, sm) = months(self.start.year, self.start.month, span as u32);
                let (ey, em) = months(self.end.year, self.end.month, span as u32);
                Self {
                    kind,
                    start: Date { year: sy, month: sm, day: 1 },
                    end: Date::month_end(ey, em),
                }
            }
        }
    }

    /// The period written back in plan syntax (`2024`, `2024-Q3`, `2025-11`).
    pub fn code(&self) -> String {
        match self.kind {
            PeriodKind::Year => format!("{}", self.start.year),
            PeriodKind::Half => {
                format!("{}-H{}", self.start.year, if self.start.month <= 6 { 1 } else { 2 })
            }
            PeriodKind::Quarter => format!("{}-Q{}", self.start.year, self.start.month.div_ceil(3)),
            PeriodKind::Month => format!("{}-{:02}", self.start.year, self.start.month),
            PeriodKind::Range => format!("{}..{}", self.start, self.end),
        }
    }

    /// True when `d` falls inside the period.
    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }
}

impl FromStr for Period {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn money(s: &str) -> ParsedMoney {
        parse_money(s, d("10000")).unwrap()
    }

    #[test]
    fn parses_every_money_syntax_of_the_format() {
        assert_eq!(money("1.5亿").amount, d("150000000"));
        assert_eq!(money("3000万").amount, d("30000000"));
        assert_eq!(money("1,200万元").amount, d("12000000"));
        assert_eq!(money("1,200万元").currency, Some(Currency::Cny));
        assert_eq!(money("300元").amount, d("300"));
        assert_eq!(money("¥2.5M").amount, d("2500000"));
        assert_eq!(money("¥2.5M").currency, Some(Currency::Cny));
        assert_eq!(money("$120").amount, d("120"));
        assert_eq!(money("$120").currency, Some(Currency::Usd));
        assert_eq!(money("900K").amount, d("900000"));
        assert_eq!(money("€3.2B").amount, d("3200000000"));
        assert_eq!(money("USD 4.5M").currency, Some(Currency::Usd));
    }

    #[test]
    fn bare_number_is_in_money_unit() {
        let m = money("3000");
        assert_eq!(m.amount, d("30000000"));
        assert!(!m.explicit);
        assert_eq!(parse_money("0.1", Decimal::ONE).unwrap().amount, d("0.1"));
    }

    #[test]
    fn keeps_decimals_exact() {
        assert_eq!(money("1.02亿").amount, d("102000000"));
        assert_eq!(money("14.1万").amount, d("141000"));
        assert_eq!(parse_money("0.30", Decimal::ONE).unwrap().amount.to_string(), "0.3");
    }

    #[test]
    fn rejects_what_is_not_money() {
        for bad in ["12万五", "abc", "1.2.3万", "$", "1e6", "12 万亿元元", ",100", "1,,0"] {
            assert!(parse_money(bad, Decimal::ONE).is_err(), "{bad} should fail");
        }
        assert!(
            parse_money("$300元", Decimal::ONE).unwrap_err().key == "value.money.two-currencies"
        );
    }

    #[test]
    fn rejects_bare_number_as_percent() {
        let cat = Catalog::new(crate::model::Locale::En);
        let e = parse_percent("50").unwrap_err();
        assert!(e.hint(&cat).contains("`50%`"), "{}", e.hint(&cat));
        let e = parse_percent("0.28").unwrap_err();
        assert!(e.hint(&cat).contains("`28%`"), "{}", e.hint(&cat));
        let zh = Catalog::new(crate::model::Locale::ZhCn);
        assert!(e.hint(&zh).contains("`28%`"), "{}", e.hint(&zh));
        assert_eq!(parse_percent("28%").unwrap(), d("0.28"));
        assert_eq!(parse_percent("3.1％").unwrap(), d("0.031"));
    }

    #[test]
    fn reads_scales_in_numbers_and_words() {
        assert_eq!(parse_scale("4").unwrap(), 4);
        assert_eq!(parse_scale("很高").unwrap(), 5);
        assert_eq!(parse_scale("very-low").unwrap(), 1);
        assert_eq!(parse_scale("Medium").unwrap(), 3);
        assert_eq!(parse_scale("7").unwrap_err().key, "value.scale.range");
        assert!(parse_scale("2.5").is_err());
    }

    #[test]
    fn parses_periods() {
        let q = Period::parse("2024-Q3").unwrap();
        assert_eq!(
            (q.start.to_string(), q.end.to_string()),
            ("2024-07-01".into(), "2024-09-30".into())
        );
        assert_eq!(Period::parse("2025-11").unwrap().end.to_string(), "2025-11-30");
        assert_eq!(Period::parse("2024").unwrap().days(), 366);
        assert!(Period::parse("2024-Q5").is_err());
        assert_eq!(Period::parse("2023").unwrap().next().code(), "2024");
        assert_eq!(Period::parse("2024-Q4").unwrap().next().code(), "2025-Q1");
        assert_eq!(Period::parse("2025-12").unwrap().next().code(), "2026-01");
    }

    #[test]
    fn classifies_figures() {
        assert!(matches!(parse_figure("92%", Decimal::ONE), Ok(RawFigure::Percent(_))));
        assert!(matches!(parse_figure("300元", Decimal::ONE), Ok(RawFigure::Money(_))));
        assert!(matches!(parse_figure("3.5", Decimal::ONE), Ok(RawFigure::Bare(_))));
        assert!(parse_figure("三百", Decimal::ONE).is_err());
    }
}
