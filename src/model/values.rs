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

/// An ISO 4217 currency: any code of the `iso_currency` crate (which keeps the list, the
/// symbols and the minor units) except its special codes (gold, `XXX`, test).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

impl Default for Currency {
    fn default() -> Self {
        Self::CNY
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl Currency {
    /// Chinese yuan (renminbi).
    pub const CNY: Self = Self(iso_currency::Currency::CNY);
    /// New Taiwan dollar.
    pub const TWD: Self = Self(iso_currency::Currency::TWD);
    /// Hong Kong dollar.
    pub const HKD: Self = Self(iso_currency::Currency::HKD);
    /// Japanese yen (no minor unit).
    pub const JPY: Self = Self(iso_currency::Currency::JPY);
    /// Pound sterling.
    pub const GBP: Self = Self(iso_currency::Currency::GBP);
    /// Euro.
    pub const EUR: Self = Self(iso_currency::Currency::EUR);
    /// US dollar.
    pub const USD: Self = Self(iso_currency::Currency::USD);

    /// Parses an ISO code such as `TWD` (any case; `RMB` and `NTD` as they are often written).
    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim().to_ascii_uppercase();
        let code = match code.as_str() {
            "RMB" => "CNY",
            "NTD" | "NT" => "TWD",
            c => c,
        };
        iso_currency::Currency::from_code(code).filter(|c| !c.is_special()).map(Self)
    }

    /// The ISO code.
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// Decimals of the minor unit: 2 for cents, 0 for the yen (ISO 4217's exponent).
    pub fn minor_digits(self) -> u32 {
        u32::from(self.0.exponent().unwrap_or(2))
    }

    /// The currency's sign as the crate gives it (`$`, `NT$`, `¥`, `£`), if it has one.
    fn sign(self) -> Option<String> {
        let s = self.0.symbol().symbol;
        (s != "¤" && !s.is_empty()).then_some(s)
    }

    /// Currencies in circulation (no funds, special or superseded codes).
    fn circulating() -> impl Iterator<Item = iso_currency::Currency> {
        use iso_currency::IntoEnumIterator;
        iso_currency::Currency::iter()
            .filter(|c| !c.is_fund() && !c.is_special() && c.is_superseded().is_none())
    }

    /// The sign that names this currency alone: its own when no other circulating currency
    /// shares it, or when it is the one used by the most countries among those that do
    /// (`$` is the US dollar's, `£` sterling's); `None` when the sign is shared evenly
    /// (`¥` for both yuan and yen) or there is none: the ISO code is written then.
    pub fn symbol(self) -> Option<String> {
        let own = self.sign()?;
        let rival = Self::circulating()
            .filter(|&c| c != self.0 && Self(c).sign().as_ref() == Some(&own))
            .map(|c| c.used_by().len())
            .max();
        match rival {
            Some(n) if self.0.used_by().len() <= n => None,
            _ => Some(own),
        }
    }

    /// The currencies a sign written before an amount may stand for (`$`: the dollars,
    /// `¥`: yuan and yen); empty for a sign that is no currency's or is made of letters only
    /// (`K`, `kr`: too easily a unit or a word).
    pub fn by_sign(sign: &str) -> Vec<Currency> {
        let sign = if sign == "￥" { "¥" } else { sign };
        if sign.chars().all(|c| c.is_alphanumeric() || c == '.') {
            return Vec::new();
        }
        Self::circulating().map(Self).filter(|c| c.sign().as_deref() == Some(sign)).collect()
    }

    /// Every sign in use that [`Currency::by_sign`] accepts, longest first, so `NT$` is
    /// tried before `$`.
    pub fn signs() -> Vec<String> {
        let mut signs: Vec<String> = Self::circulating()
            .filter_map(|c| Self(c).sign())
            .filter(|s| !s.chars().all(|c| c.is_alphanumeric() || c == '.'))
            .collect();
        signs.push("￥".to_string());
        signs.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        signs.dedup();
        signs
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What an amount's text said about its currency: a code or a word naming one currency
/// (`USD`, `美元`, `新臺幣`), a sign several may share (`$`, `¥`), or the Chinese `元`,
/// which is the yuan of whichever place writes it (人民幣, 新臺幣, 港幣, 澳門元).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// One currency.
    One(Currency),
    /// A sign and the currencies that use it.
    Sign(String, Vec<Currency>),
    /// `元` alone.
    Yuan,
}

impl Named {
    /// True when the text may mean `plan`'s currency.
    pub fn fits(&self, plan: Currency) -> bool {
        match self {
            Self::One(c) => *c == plan,
            Self::Sign(_, all) => all.contains(&plan),
            Self::Yuan => YUAN.contains(&plan),
        }
    }

    /// What two names in one amount say together (`¥300元`: the yuan), or `None` when they
    /// name different currencies (`$300元`).
    pub fn merge(self, other: Named) -> Option<Named> {
        let within = |all: Vec<Currency>, keep: &dyn Fn(&Currency) -> bool| {
            let all: Vec<Currency> = all.into_iter().filter(|c| keep(c)).collect();
            all
        };
        match (self, other) {
            (Self::One(c), o) | (o, Self::One(c)) => o.fits(c).then_some(Self::One(c)),
            (Self::Yuan, Self::Yuan) => Some(Self::Yuan),
            (Self::Sign(s, all), Self::Yuan) | (Self::Yuan, Self::Sign(s, all)) => {
                let all = within(all, &|c| YUAN.contains(c));
                (!all.is_empty()).then_some(Self::Sign(s, all))
            }
            (Self::Sign(s, a), Self::Sign(_, b)) => {
                let all = within(a, &|c| b.contains(c));
                (!all.is_empty()).then_some(Self::Sign(s, all))
            }
        }
    }

    /// How a message names it: the code; for a sign, the code of the currency it belongs
    /// to (`$`: USD), else of all that share it (`¥`: CNY/JPY).
    pub fn shown(&self) -> String {
        match self {
            Self::One(c) => c.code().to_string(),
            Self::Sign(s, all) => match all.iter().find(|c| c.symbol().as_ref() == Some(s)) {
                Some(owner) => owner.code().to_string(),
                None if !all.is_empty() && all.len() <= 3 => {
                    all.iter().map(|c| c.code()).collect::<Vec<_>>().join("/")
                }
                None => s.clone(),
            },
            Self::Yuan => Currency::CNY.code().to_string(),
        }
    }
}

/// The currencies whose unit is called `元` where they are spent.
const YUAN: [Currency; 4] =
    [Currency::CNY, Currency::TWD, Currency::HKD, Currency(iso_currency::Currency::MOP)];

/// Chinese words that name a currency, in both scripts (`人民币` / `人民幣`): read before
/// or after an amount (`新臺幣5億元`, `450万美元`).
const CURRENCY_WORDS: [(&str, Currency); 19] = [
    ("人民币", Currency::CNY),
    ("人民幣", Currency::CNY),
    ("新台币", Currency::TWD),
    ("新臺幣", Currency::TWD),
    ("新台幣", Currency::TWD),
    ("港币", Currency::HKD),
    ("港幣", Currency::HKD),
    ("港元", Currency::HKD),
    ("美元", Currency::USD),
    ("美金", Currency::USD),
    ("欧元", Currency::EUR),
    ("歐元", Currency::EUR),
    ("日元", Currency::JPY),
    ("日圓", Currency::JPY),
    ("日圆", Currency::JPY),
    ("日幣", Currency::JPY),
    ("英镑", Currency::GBP),
    ("英鎊", Currency::GBP),
    ("円", Currency::JPY),
];

/// An amount of money in base units (yuan, dollars), exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    /// The amount in base units.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

/// A parsed amount before the plan's currency is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedMoney {
    /// Amount in base units.
    pub amount: Decimal,
    /// The currency the text named (`¥`, `NT$`, `元`, `USD …`, `新臺幣`), if any.
    pub currency: Option<Named>,
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
        "万" | "萬" => 10_000,
        "十万" | "十萬" => 100_000,
        "百万" | "百萬" | "M" | "m" => 1_000_000,
        "千万" | "千萬" => 10_000_000,
        "亿" | "億" => 100_000_000,
        "B" | "b" | "十亿" | "十億" => 1_000_000_000,
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
    let mut currency: Option<Named> = None;
    let name = |n: Named, currency: &mut Option<Named>| -> Result<(), ValueError> {
        *currency = match currency.take() {
            None => Some(n),
            Some(c) => Some(
                c.merge(n)
                    .ok_or_else(|| err("value.money.two-currencies", MONEY_HINT, original))?,
            ),
        };
        Ok(())
    };
    // a currency word before the amount: `新臺幣5億元`, `人民幣1.5億`
    for (word, cur) in CURRENCY_WORDS {
        if let Some(r) = rest.strip_prefix(word) {
            name(Named::One(cur), &mut currency)?;
            rest = r.trim_start();
            break;
        }
    }
    // a sign: `NT$`, `HK$`, `$`, `¥`, `£`, `€`; no sign starts with a digit, so a plain
    // amount (most of them) skips building the list of signs
    if currency.is_none() && !rest.starts_with(|c: char| c.is_ascii_digit()) {
        for sign in Currency::signs() {
            if let Some(r) = rest.strip_prefix(sign.as_str()) {
                let all = Currency::by_sign(&sign);
                currency = Some(Named::Sign(sign, all));
                rest = r.trim_start();
                break;
            }
        }
    }
    if currency.is_none() && rest.len() > 4 && rest.is_char_boundary(3) {
        let (code, r) = rest.split_at(3);
        if r.starts_with(' ')
            && let Some(c) =
                Currency::parse(code).filter(|_| code.chars().all(|c| c.is_ascii_uppercase()))
        {
            currency = Some(Named::One(c));
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
    for (word, cur) in CURRENCY_WORDS {
        if let Some(s) = suffix.strip_suffix(word) {
            name(Named::One(cur), &mut currency)?;
            suffix = s.trim_end();
            break;
        }
    }
    if let Some(s) = suffix.strip_suffix('元') {
        name(Named::Yuan, &mut currency)?;
        suffix = s.trim_end();
    }
    if currency.is_none() && suffix.len() > 3 && suffix.is_char_boundary(suffix.len() - 3) {
        let (s, code) = suffix.split_at(suffix.len() - 3);
        if let Some(c) =
            Currency::parse(code).filter(|_| code.chars().all(|c| c.is_ascii_uppercase()))
        {
            currency = Some(Named::One(c));
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
        "很低" | "极低" | "極低" | "very-low" => 1,
        "低" | "较低" | "較低" | "low" => 2,
        "中" | "中等" | "一般" | "medium" | "moderate" => 3,
        "高" | "较高" | "較高" | "high" => 4,
        "很高" | "极高" | "極高" | "very-high" | "critical" => 5,
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
        assert!(money("1,200万元").currency.is_some_and(|c| c.fits(Currency::CNY)));
        assert_eq!(money("300元").amount, d("300"));
        assert_eq!(money("¥2.5M").amount, d("2500000"));
        assert!(money("¥2.5M").currency.is_some_and(|c| c.fits(Currency::CNY)));
        assert_eq!(money("$120").amount, d("120"));
        assert!(money("$120").currency.is_some_and(|c| c.fits(Currency::USD)));
        assert_eq!(money("900K").amount, d("900000"));
        assert_eq!(money("€3.2B").amount, d("3200000000"));
        assert_eq!(money("USD 4.5M").currency, Some(Named::One(Currency::USD)));
    }

    /// 萬/億, currency signs and words of Taiwan, Hong Kong and elsewhere.
    #[test]
    fn reads_traditional_units_and_the_worlds_currencies() {
        let fits = |text: &str, c: Currency| money(text).currency.is_some_and(|n| n.fits(c));
        assert_eq!(money("5億").amount, d("500000000"));
        assert_eq!(money("1,200萬元").amount, d("12000000"));
        assert_eq!(money("NT$5億").amount, d("500000000"));
        assert!(fits("NT$5億", Currency::TWD) && !fits("NT$5億", Currency::USD));
        assert!(fits("HK$1,200萬", Currency::HKD));
        assert_eq!(money("新臺幣5億元").currency, Some(Named::One(Currency::TWD)));
        assert_eq!(money("新臺幣5億元").amount, d("500000000"));
        assert!(fits("450萬港幣", Currency::HKD) && fits("1.2億日圓", Currency::JPY));
        // `元` is the yuan of whoever writes it; `¥` is the yuan's and the yen's
        for c in [Currency::CNY, Currency::TWD, Currency::HKD] {
            assert!(fits("5億元", c), "{c}");
        }
        assert!(!fits("5億元", Currency::USD));
        assert!(fits("¥120M", Currency::JPY) && fits("¥120M", Currency::CNY));
        assert!(fits("£4.5M", Currency::GBP) && fits("JPY 120M", Currency::JPY));
        assert!(fits("4.5M GBP", Currency::GBP));
        for bad in ["$300元", "NT$5億港幣", "£300美元"] {
            let e = parse_money(bad, Decimal::ONE).unwrap_err();
            assert_eq!(e.key, "value.money.two-currencies", "{bad}");
        }
    }

    #[test]
    fn any_iso_code_with_its_minor_unit_and_its_own_sign() {
        assert_eq!(Currency::parse("twd"), Some(Currency::TWD));
        assert_eq!(Currency::parse("NTD"), Some(Currency::TWD));
        assert_eq!(Currency::parse("RMB"), Some(Currency::CNY));
        assert_eq!(Currency::parse("SGD").map(Currency::code), Some("SGD"));
        assert_eq!(Currency::parse("XAU"), None, "gold is no plan's currency");
        assert_eq!(Currency::parse("ABC"), None);
        assert_eq!(Currency::JPY.minor_digits(), 0);
        assert_eq!(Currency::USD.minor_digits(), 2);
        assert_eq!(Currency::parse("BHD").map(Currency::minor_digits), Some(3));
        let sign = |c: Currency| c.symbol();
        assert_eq!(sign(Currency::USD).as_deref(), Some("$"));
        assert_eq!(sign(Currency::GBP).as_deref(), Some("£"));
        assert_eq!(sign(Currency::EUR).as_deref(), Some("€"));
        assert_eq!(sign(Currency::TWD).as_deref(), Some("NT$"));
        assert_eq!(sign(Currency::HKD).as_deref(), Some("HK$"));
        // `¥` is shared evenly by the yuan and the yen: both go by their codes
        assert_eq!(sign(Currency::JPY), None);
        assert_eq!(sign(Currency::CNY), None);
    }

    #[test]
    fn no_sign_starts_with_a_digit() {
        // parse_money only looks for a sign before an amount that starts with no digit
        let signs = Currency::signs();
        assert!(signs.iter().any(|s| s == "NT$"));
        for sign in &signs {
            assert!(!sign.starts_with(|c: char| c.is_ascii_digit()), "{sign}");
        }
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
        assert_eq!(parse_scale("較高").unwrap(), 4);
        assert_eq!(parse_scale("極高").unwrap(), 5);
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
