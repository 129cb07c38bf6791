//! Exact values → text for people, per locale (`1.5亿元`, `CNY 150.0M`, `+25.0%`, `+7.0 pt`).
//!
//! The one place that rounds for display. Templates (through filters), warnings and charts
//! all call these functions, so a figure reads the same everywhere.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::Locale;
use crate::model::date::Date;
use crate::model::values::{Currency, Period, PeriodKind};

/// Whether the value was typed by the user (shown exactly) or computed (rounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Typed by the user: never shown rounded into a different value.
    Exact,
    /// Derived: rounded to a readable precision.
    Derived,
}

/// Rounds half away from zero: the one rounding policy of the project.
pub fn round(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Groups the integer part with `,` (`1234567.5` → `1,234,567.5`).
pub fn group(d: Decimal) -> String {
    let s = d.abs().to_string();
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    let len = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `d` with at least `min` and at most its own decimals (trailing zeros trimmed to `min`).
fn with_min_dp(d: Decimal, min: u32) -> Decimal {
    let mut n = d.normalize();
    if n.scale() < min {
        n.rescale(min);
    }
    n
}

/// How a plan's money reads in its locale: the words for its units (`万`/`亿`, `萬`/`億`,
/// `K`/`M`/`B`) and the patterns that put a figure and the currency together, from the
/// locale's message catalog (`money.*` in `messages/<locale>.yaml`): `{n}元` gives `1.5亿元`,
/// `NT${n}` gives `NT$5億`, `{n}美元` gives `450万美元`. A currency the catalog does not name
/// is written with its sign when the sign is its alone (`£4.5M`, `S$`…) and its ISO code
/// otherwise (`CNY 150.0M`, `JPY 120M`). Made once per plan ([`crate::model::Meta::money`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyStyle {
    /// The report's locale.
    pub locale: Locale,
    /// The plan's currency.
    pub currency: Currency,
    /// `{n}` → an amount with its unit word (`1.5亿` → `1.5亿元`).
    amount: String,
    /// `{u}` → the unit of a scale (`万` → `万元`, `M` → `$M`).
    unit: String,
    /// The unit words by power of ten: `[(8, "亿"), (4, "万")]`.
    words: Vec<(u32, String)>,
}

impl MoneyStyle {
    /// The style of `currency` in `locale`, from the locale's catalog.
    pub fn new(currency: Currency, locale: Locale) -> Self {
        Self::with_catalog(currency, &crate::messages::Catalog::new(locale))
    }

    /// The style of `currency` in the locale of `cat`.
    pub fn with_catalog(currency: Currency, cat: &crate::messages::Catalog) -> Self {
        let code = currency.code();
        let symbol = currency.symbol();
        let (amount, unit) = match cat.raw(&format!("money.{code}")) {
            Some(a) => {
                let unit = cat.raw(&format!("money.{code}.unit"));
                (a.to_string(), unit.map_or_else(|| a.replace("{n}", "{u}"), str::to_string))
            }
            None => {
                let key = if symbol.is_some() { "money.symbol" } else { "money.code" };
                let fill = |k: &str| {
                    let s = symbol.clone().unwrap_or_default();
                    cat.raw(k)
                        .unwrap_or("{code} {n}")
                        .replace("{symbol}", &s)
                        .replace("{code}", code)
                };
                (fill(key), fill(&format!("{key}.unit")))
            }
        };
        let words = [3, 4, 6, 8, 9]
            .into_iter()
            .filter_map(|e| cat.raw(&format!("money.e{e}")).map(|w| (e, w.to_string())))
            .collect();
        Self { locale: cat.locale(), currency, amount, unit, words }
    }

    /// The style as the template context carries it (filters rebuild it with [`Self::from_parts`]).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::json!({
            "locale": self.locale.tag(),
            "currency": self.currency.code(),
            "amount": self.amount,
            "unit": self.unit,
            "words": self.words.iter().map(|(e, w)| serde_json::json!([e, w])).collect::<Vec<_>>(),
        })
    }

    /// Rebuilds a style from what [`Self::to_value`] wrote, read through `get` (a path
    /// lookup into a context object); `None` when a part is missing.
    pub fn from_parts(
        locale: &str,
        currency: &str,
        amount: &str,
        unit: &str,
        words: Vec<(u32, String)>,
    ) -> Option<Self> {
        Some(Self {
            locale: Locale::parse(locale)?,
            currency: Currency::parse(currency)?,
            amount: amount.to_string(),
            unit: unit.to_string(),
            words,
        })
    }

    /// The word of a power of ten (`万`, `M`), empty for the base unit.
    fn word(&self, exp: u32) -> &str {
        self.words.iter().find(|(e, _)| *e == exp).map_or("", |(_, w)| w.as_str())
    }

    /// An amount, `n` being the figure with its unit word (`1,200万`, `4.5M`).
    fn amount_of(&self, n: &str) -> String {
        self.amount.replace("{n}", n)
    }

    /// The unit of a power of ten (`万元`, `$M`, `CNY`).
    fn unit_of(&self, exp: u32) -> String {
        self.unit.replace("{u}", self.word(exp)).trim().to_string()
    }
}

/// Money as a business document writes it in the style's locale: `1.5亿元`, `NT$5億`,
/// `$4.5M`, `JPY 120M`.
pub fn money(amount: Decimal, style: &MoneyStyle, precision: Precision) -> String {
    let abs = amount.abs();
    let sign = if amount.is_sign_negative() && !amount.is_zero() { "-" } else { "" };
    let minor = style.currency.minor_digits();
    let chinese = style.locale.is_chinese();
    let exps: &[u32] = if chinese { &[8, 4] } else { &[9, 6] };
    for &exp in exps {
        let div = pow10(exp);
        if abs < div {
            continue;
        }
        let v = (abs / div).normalize();
        let v = match precision {
            Precision::Exact if v.scale() > 2 => continue,
            Precision::Exact => v,
            Precision::Derived => round(v, 2).normalize(),
        };
        // English writes `150.0M` for money with cents, `120M` for the yen
        let v = if chinese || minor == 0 { v } else { with_min_dp(v, 1) };
        return format!("{sign}{}", style.amount_of(&format!("{}{}", group(v), style.word(exp))));
    }
    let v = match precision {
        Precision::Exact => abs.normalize(),
        Precision::Derived => round(abs, minor).normalize(),
    };
    format!("{sign}{}", style.amount_of(&group(v)))
}

/// How a set of amounts is shown together: a power of ten (the unit: 万 = 4, 亿 = 8,
/// K = 3, M = 6) and one number of decimals, so a table column or a row reads in one
/// unit with one precision (`3,000 / 3,600 / 4,200` in 万元, `$3.60M / $3.72M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Scale {
    /// The unit as a power of ten of the currency.
    pub exp: u32,
    /// Decimals shown.
    pub dp: u32,
}

/// Whether amounts carry their unit (`1.5亿元`, in a row of mixed kinds) or stand bare under
/// a unit in the column header (`15,000` under `金额（万元）`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleUse {
    /// Bare figures in a column; the header names the unit.
    Column,
    /// Figures with their unit, one scale per row.
    Row,
}

/// The units a locale writes money in, largest first.
fn units(locale: Locale, usage: ScaleUse) -> &'static [u32] {
    match (locale.is_chinese(), usage) {
        (true, _) => &[8, 4, 0],
        (false, ScaleUse::Column) => &[9, 6, 3, 0],
        (false, ScaleUse::Row) => &[9, 6, 0],
    }
}

fn pow10(exp: u32) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(exp), 0)
}

/// The decimals `v` needs to be shown exactly.
fn decimals(v: Decimal) -> u32 {
    v.normalize().scale()
}

/// The one scale for a set of amounts (typed ones `Exact`, computed ones `Derived`): the
/// largest unit in which the largest amount is at least 1 and every typed amount shows
/// exactly with few decimals (one in a column, two in a row; the minor unit in the base
/// unit: cents, none for the yen), so a figure a user wrote is never shown rounded into
/// another value.
pub fn money_scale(values: &[(Decimal, Precision)], style: &MoneyStyle, usage: ScaleUse) -> Scale {
    let max = values.iter().map(|(v, _)| v.abs()).max().unwrap_or_default();
    let candidates = units(style.locale, usage);
    let limit = match usage {
        ScaleUse::Column => 1,
        ScaleUse::Row => 2,
    };
    for &exp in candidates {
        let div = pow10(exp);
        if exp > 0 && max < div {
            continue;
        }
        let cap = if exp == 0 { style.currency.minor_digits() } else { limit };
        // typed amounts ask for all the decimals they have; computed ones for as many as
        // keep them within 0.5% (three significant digits), and a unit that cannot do
        // that within the cap is too large for them (0.525亿 is not `0.5`)
        let need = values
            .iter()
            .filter_map(|(v, p)| {
                let x = v.checked_div(div)?;
                Some(if *p == Precision::Exact { decimals(x) } else { close_enough(x, cap) })
            })
            .max()
            .unwrap_or(0);
        if need <= cap || exp == 0 {
            return Scale { exp, dp: need.min(cap.max(need_exact(values, div))) };
        }
    }
    // the base unit with the typed figures' own decimals (never rounded)
    let need = values
        .iter()
        .filter(|(_, p)| *p == Precision::Exact)
        .map(|(v, _)| decimals(*v))
        .max()
        .unwrap_or(0);
    Scale { exp: 0, dp: need }
}

/// The fewest decimals (up to `cap`) that show `x` within 0.5%; `cap + 1` when none do.
fn close_enough(x: Decimal, cap: u32) -> u32 {
    let x = x.abs();
    if x.is_zero() {
        return 0;
    }
    let tolerance = x * Decimal::new(5, 3);
    (0..=cap).find(|&dp| (round(x, dp) - x).abs() <= tolerance).unwrap_or(cap + 1)
}

/// The decimals the typed amounts need in a unit of `div`.
fn need_exact(values: &[(Decimal, Precision)], div: Decimal) -> u32 {
    values
        .iter()
        .filter(|(_, p)| *p == Precision::Exact)
        .filter_map(|(v, _)| v.checked_div(div).map(decimals))
        .max()
        .unwrap_or(0)
}

/// An amount in `scale` without its unit: `15,000`, `0.90`.
pub fn scaled(amount: Decimal, scale: Scale) -> String {
    let v = amount.checked_div(pow10(scale.exp)).unwrap_or(amount);
    let mut v = round(v, scale.dp);
    v.rescale(scale.dp);
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    group(v)
}

/// The unit a scale stands for: `万元`, `亿元`, `元`, `万美元`, `新臺幣萬元` / `$M`, `$K`, `CNY M`, `€`.
pub fn scale_unit(scale: Scale, style: &MoneyStyle) -> String {
    style.unit_of(scale.exp)
}

/// An amount with its unit in `scale`: `1.50亿元`, `4.8万元`, `NT$1.50億`, `$3.72M`, `$42,000`.
pub fn money_scaled(amount: Decimal, style: &MoneyStyle, scale: Scale) -> String {
    let figure = scaled(amount.abs(), scale);
    let sign = if amount.is_sign_negative() && figure.chars().any(|c| matches!(c, '1'..='9')) {
        "-"
    } else {
        ""
    };
    format!("{sign}{}", style.amount_of(&format!("{figure}{}", style.word(scale.exp))))
}

/// A signed difference: `+` before a positive figure, as [`signed_money`] does.
pub fn signed(value: Decimal, text: String) -> String {
    if value.is_zero() || text.trim_start_matches('-').chars().all(|c| !matches!(c, '1'..='9')) {
        text.trim_start_matches('-').to_string()
    } else if value.is_sign_positive() {
        format!("+{text}")
    } else {
        text
    }
}

/// A change of a score or index in its own points: `+7分`, `+7 pts`.
pub fn score_points(delta: Decimal, unit: Option<&str>, locale: Locale) -> String {
    let v = round(delta, 2).normalize();
    let text = signed(delta, group(v));
    match (locale, unit.map(str::trim).filter(|u| !u.is_empty())) {
        (l, Some(u)) if l.is_chinese() && !u.starts_with(|c: char| c.is_ascii_alphanumeric()) => {
            format!("{text}{u}")
        }
        (l, _) if l.is_chinese() => format!("{text}分"),
        (_, _) if v.abs() == Decimal::ONE => format!("{text} pt"),
        (_, _) => format!("{text} pts"),
    }
}

/// A fraction as a percentage: `0.28` → `28.0%`; typed values keep their extra decimals.
pub fn percent(frac: Decimal, precision: Precision) -> String {
    // Figures are bounded (limits::MAX_DERIVED), so this never saturates; it cannot panic.
    let p = frac.saturating_mul(Decimal::ONE_HUNDRED);
    let p = match precision {
        Precision::Exact => with_min_dp(p, 1),
        Precision::Derived => with_min_dp(round(p, 1), 1),
    };
    format!("{}%", group(p))
}

/// `d` rounded to `digits` significant digits (`0.0019872` → `0.00199`), for a derived
/// share so small that a fixed number of decimals would hide it (`0.2%`).
pub fn significant(d: Decimal, digits: u32) -> Decimal {
    if d.is_zero() {
        return d;
    }
    let int_digits = d.abs().trunc().normalize().to_string().trim_start_matches('0').len() as i64;
    let lead_zeros = if int_digits > 0 {
        0
    } else {
        let frac = d.abs().fract().normalize().to_string();
        frac.trim_start_matches("0.").chars().take_while(|c| *c == '0').count() as i64
    };
    let dp = (i64::from(digits) - int_digits + lead_zeros).clamp(0, 20) as u32;
    round(d, dp).normalize()
}

/// A return on a budget, in times the budget with one decimal: `15.0`, `0.8`.
pub fn ratio(r: Decimal) -> String {
    group(with_min_dp(round(r, 1), 1))
}

/// A signed change as a percentage: `+25.0%`, `-3.5%`.
pub fn signed_percent(frac: Decimal) -> String {
    let text = percent(frac, Precision::Derived);
    signed(frac, text)
}

/// A change in percentage points: `+7.0 pt` / `+7.0个百分点`.
pub fn points(delta_frac: Decimal, locale: Locale) -> String {
    let p = with_min_dp(round(delta_frac.saturating_mul(Decimal::ONE_HUNDRED), 1), 1);
    let text = signed(delta_frac, group(p));
    match locale {
        Locale::ZhCn => format!("{text}个百分点"),
        Locale::ZhTw | Locale::ZhHk => format!("{text}個百分點"),
        Locale::En => format!("{text} pt"),
    }
}

/// A plain number with its unit: `1,100家`, `85分`, `3.5`, `1,100 customers`.
pub fn number(n: Decimal, unit: Option<&str>, locale: Locale, precision: Precision) -> String {
    let v = match precision {
        Precision::Exact => n.normalize(),
        Precision::Derived => round(n, 2).normalize(),
    };
    let text = group(v);
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        None => text,
        Some(u) => {
            let space = locale == Locale::En || u.starts_with(|c: char| c.is_ascii_alphanumeric());
            if space { format!("{text} {u}") } else { format!("{text}{u}") }
        }
    }
}

/// A signed money difference: `+600万元`, `-CNY 6.0M`.
pub fn signed_money(amount: Decimal, style: &MoneyStyle) -> String {
    let text = money(amount, style, Precision::Derived);
    if amount.is_sign_positive() && !amount.is_zero() { format!("+{text}") } else { text }
}

/// A date: `2024年1月8日` / `January 8, 2024`.
pub fn date(d: Date, locale: Locale) -> String {
    match locale {
        l if l.is_chinese() => format!("{}年{}月{}日", d.year, d.month, d.day),
        _ => format!("{} {}, {}", MONTHS[d.month as usize - 1], d.day, d.year),
    }
}

/// A short date for tables: `1月8日` / `Jan 8`, with the year when it differs from `year`.
pub fn short_date(d: Date, locale: Locale, year: Option<i32>) -> String {
    let same_year = year == Some(d.year);
    match (locale.is_chinese(), same_year) {
        (true, true) => format!("{}月{}日", d.month, d.day),
        (true, false) => format!("{}年{}月{}日", d.year, d.month, d.day),
        (false, true) => format!("{} {}", &MONTHS[d.month as usize - 1][..3], d.day),
        (false, false) => {
            format!("{} {}, {}", &MONTHS[d.month as usize - 1][..3], d.day, d.year)
        }
    }
}

/// A month on a time axis: `3月` / `Mar`, with the year when asked: `2025年1月` / `Jan 2025`.
pub fn month_label(year: i32, month: u32, locale: Locale, with_year: bool) -> String {
    let m = month.clamp(1, 12);
    match (locale.is_chinese(), with_year) {
        (true, false) => format!("{m}月"),
        (true, true) => format!("{year}年{m}月"),
        (false, false) => MONTHS[m as usize - 1][..3].to_string(),
        (false, true) => format!("{} {year}", &MONTHS[m as usize - 1][..3]),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ZH_NUMERALS: [&str; 11] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// A chapter number in Chinese: 1 → 一, 12 → 十二, 21 → 二十一.
pub fn zh_numeral(n: usize) -> String {
    match n {
        0..=10 => ZH_NUMERALS[n].to_string(),
        11..=19 => format!("十{}", ZH_NUMERALS[n - 10]),
        20..=99 => {
            let tail =
                if n.is_multiple_of(10) { String::new() } else { ZH_NUMERALS[n % 10].to_string() };
            format!("{}十{tail}", ZH_NUMERALS[n / 10])
        }
        _ => n.to_string(),
    }
}

/// A period: `2024年度`, `2024年第三季度` (Taiwan and Hong Kong: `2024年第三季`),
/// `2025年11月` / `FY2024`, `Q3 2024`, `November 2025`.
pub fn period(p: &Period, locale: Locale) -> String {
    let y = p.start.year;
    let quarter = if locale.is_traditional() { "季" } else { "季度" };
    match (locale.is_chinese(), p.kind) {
        (true, PeriodKind::Year) => format!("{y}年度"),
        (true, PeriodKind::Half) => {
            format!("{y}年{}", if p.start.month <= 6 { "上半年" } else { "下半年" })
        }
        (true, PeriodKind::Quarter) => {
            format!("{y}年第{}{quarter}", zh_numeral(p.start.month.div_ceil(3) as usize))
        }
        (true, PeriodKind::Month) => format!("{y}年{}月", p.start.month),
        (false, PeriodKind::Year) => format!("FY{y}"),
        (false, PeriodKind::Half) => {
            format!("H{} {y}", if p.start.month <= 6 { 1 } else { 2 })
        }
        (false, PeriodKind::Quarter) => format!("Q{} {y}", p.start.month.div_ceil(3)),
        (false, PeriodKind::Month) => format!("{} {y}", MONTHS[p.start.month as usize - 1]),
        (true, PeriodKind::Range) => {
            format!("{}至{}", date(p.start, locale), date(p.end, locale))
        }
        (false, PeriodKind::Range) => {
            format!("{} – {}", date(p.start, locale), date(p.end, locale))
        }
    }
}

/// A history period label for tables and charts: `2023`, `2024-Q3` → `2024Q3`, `2025-11`.
pub fn period_label(p: &Period, locale: Locale) -> String {
    match (p.kind, locale.is_chinese()) {
        (PeriodKind::Year, true) => format!("{}年", p.start.year),
        (PeriodKind::Year, false) => p.start.year.to_string(),
        (PeriodKind::Month, true) => format!("{}年{}月", p.start.year, p.start.month),
        _ => period(p, locale),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn style(code: &str, l: Locale) -> MoneyStyle {
        MoneyStyle::new(Currency::parse(code).unwrap(), l)
    }

    fn zh(s: &str) -> String {
        money(d(s), &style("CNY", Locale::ZhCn), Precision::Exact)
    }

    fn en(s: &str) -> String {
        money(d(s), &style("CNY", Locale::En), Precision::Exact)
    }

    #[test]
    fn formats_money_like_a_chinese_business_document() {
        assert_eq!(zh("150000000"), "1.5亿元");
        assert_eq!(zh("12000000"), "1,200万元");
        assert_eq!(zh("300"), "300元");
        assert_eq!(zh("141000"), "14.1万元");
        assert_eq!(zh("102000000"), "1.02亿元");
        assert_eq!(zh("-6000000"), "-600万元");
        assert_eq!(zh("9500"), "9,500元");
    }

    #[test]
    fn never_rounds_a_typed_figure_into_another_value() {
        // 1.2345亿 would need four decimals in 亿: fall back to 万.
        assert_eq!(zh("123450000"), "12,345万元");
        assert_eq!(zh("1234567"), "1,234,567元");
        assert_eq!(en("1234567"), "CNY 1,234,567");
        assert_eq!(
            money(d("132456789"), &style("CNY", Locale::ZhCn), Precision::Derived),
            "1.32亿元"
        );
    }

    #[test]
    fn formats_money_like_an_english_business_document() {
        assert_eq!(en("150000000"), "CNY 150.0M");
        assert_eq!(en("12000000"), "CNY 12.0M");
        assert_eq!(en("300"), "CNY 300");
        let usd = style("USD", Locale::En);
        assert_eq!(money(d("2500000"), &usd, Precision::Exact), "$2.5M");
        assert_eq!(money(d("1200000000"), &usd, Precision::Exact), "$1.2B");
        assert_eq!(money(d("120"), &style("USD", Locale::ZhCn), Precision::Exact), "120美元");
    }

    /// TWD, HKD, JPY, GBP, EUR and USD in every locale: each as that locale writes it.
    #[test]
    fn every_currency_reads_the_way_each_locale_writes_it() {
        let expected = [
            (
                Locale::ZhCn,
                ["新台币450万元", "450万港元", "450万日元", "450万英镑", "450万欧元", "450万美元"],
            ),
            (
                Locale::ZhTw,
                ["NT$450萬", "450萬港幣", "450萬日圓", "450萬英鎊", "450萬歐元", "450萬美元"],
            ),
            (
                Locale::ZhHk,
                ["新台幣450萬元", "HK$450萬", "450萬日圓", "450萬英鎊", "450萬歐元", "450萬美元"],
            ),
            (Locale::En, ["NT$4.5M", "HK$4.5M", "JPY 4.5M", "£4.5M", "€4.5M", "$4.5M"]),
        ];
        let codes = ["TWD", "HKD", "JPY", "GBP", "EUR", "USD"];
        for (l, row) in expected {
            for (code, want) in codes.iter().zip(row) {
                let shown = money(d("4500000"), &style(code, l), Precision::Exact);
                assert_eq!(shown, want, "{code} in {}", l.tag());
            }
        }
        // the issue's own examples
        assert_eq!(money(d("500000000"), &style("TWD", Locale::ZhTw), Precision::Exact), "NT$5億");
        assert_eq!(
            money(d("12000000"), &style("HKD", Locale::ZhHk), Precision::Exact),
            "HK$1,200萬"
        );
        assert_eq!(money(d("120000000"), &style("JPY", Locale::En), Precision::Exact), "JPY 120M");
        assert_eq!(
            money(d("-6000000"), &style("TWD", Locale::ZhTw), Precision::Derived),
            "-NT$600萬"
        );
        assert_eq!(signed_money(d("6000000"), &style("GBP", Locale::En)), "+£6.0M");
    }

    /// A table header or chart names the unit in the locale's words.
    #[test]
    fn units_of_a_scale_in_each_locale() {
        let unit = |code: &str, l, exp| scale_unit(Scale { exp, dp: 0 }, &style(code, l));
        assert_eq!(unit("TWD", Locale::ZhTw, 4), "新臺幣萬元");
        assert_eq!(unit("TWD", Locale::ZhTw, 8), "新臺幣億元");
        assert_eq!(unit("TWD", Locale::ZhTw, 0), "新臺幣元");
        assert_eq!(unit("HKD", Locale::ZhHk, 4), "萬港元");
        assert_eq!(unit("CNY", Locale::ZhCn, 4), "万元");
        assert_eq!(unit("USD", Locale::ZhTw, 4), "萬美元");
        assert_eq!(unit("JPY", Locale::En, 6), "JPY M");
        assert_eq!(unit("GBP", Locale::En, 3), "£K");
        assert_eq!(unit("CNY", Locale::En, 0), "CNY");
        let s = Scale { exp: 8, dp: 2 };
        assert_eq!(money_scaled(d("150000000"), &style("TWD", Locale::ZhTw), s), "NT$1.50億");
    }

    /// The yen has no minor unit: never a decimal in yen, not even a padded `.0`.
    #[test]
    fn yen_never_shows_decimals() {
        let jpy = style("JPY", Locale::En);
        assert_eq!(money(d("1234.5"), &jpy, Precision::Derived), "JPY 1,235");
        assert_eq!(money(d("120000000"), &jpy, Precision::Derived), "JPY 120M");
        assert_eq!(
            money(d("1234.5"), &style("JPY", Locale::ZhTw), Precision::Derived),
            "1,235日圓"
        );
        // ¥617 is within 0.5% of 617.25 (0.6K is not): the yen column stays in yen
        let values = [(d("1200"), Precision::Exact), (d("617.25"), Precision::Derived)];
        assert_eq!(money_scale(&values, &jpy, ScaleUse::Column), Scale { exp: 0, dp: 0 });
        let large = [(d("1200000"), Precision::Exact), (d("617250"), Precision::Derived)];
        assert_eq!(money_scale(&large, &jpy, ScaleUse::Column), Scale { exp: 3, dp: 0 });
        // a computed 0.4 yen still shows no decimal (the base unit's cap is the minor unit)
        let tiny = [(d("3"), Precision::Exact), (d("0.4"), Precision::Derived)];
        assert_eq!(money_scale(&tiny, &jpy, ScaleUse::Column), Scale { exp: 0, dp: 0 });
        // cents where a currency has them and a typed figure needs them
        let usd = style("USD", Locale::En);
        let cents = [(d("12.34"), Precision::Exact), (d("617.25"), Precision::Derived)];
        assert_eq!(money_scale(&cents, &usd, ScaleUse::Column), Scale { exp: 0, dp: 2 });
    }

    #[test]
    fn formats_percentages_and_changes() {
        assert_eq!(percent(d("0.28"), Precision::Exact), "28.0%");
        assert_eq!(percent(d("0.031"), Precision::Exact), "3.1%");
        assert_eq!(percent(d("0.0325"), Precision::Exact), "3.25%");
        assert_eq!(percent(d("0.54583"), Precision::Derived), "54.6%");
        assert_eq!(signed_percent(d("0.25")), "+25.0%");
        assert_eq!(signed_percent(d("-0.0354")), "-3.5%");
        assert_eq!(signed_percent(d("0")), "0.0%");
        assert_eq!(points(d("0.07"), Locale::En), "+7.0 pt");
        assert_eq!(points(d("0.07"), Locale::ZhCn), "+7.0个百分点");
        assert_eq!(points(d("0.07"), Locale::ZhTw), "+7.0個百分點");
    }

    #[test]
    fn small_shares_keep_three_significant_digits() {
        assert_eq!(significant(d("0.0019872"), 3), d("0.00199"));
        assert_eq!(percent(significant(d("0.0019872"), 3), Precision::Exact), "0.199%");
        assert_eq!(significant(d("0.039375"), 3), d("0.0394"));
        assert_eq!(significant(d("0.024"), 3), d("0.024"));
        assert_eq!(significant(d("12.3456"), 3), d("12.3"));
        assert_eq!(significant(d("0"), 3), d("0"));
    }

    #[test]
    fn formats_numbers_dates_and_periods() {
        assert_eq!(number(d("1100"), Some("家"), Locale::ZhCn, Precision::Exact), "1,100家");
        assert_eq!(number(d("3.5"), None, Locale::ZhCn, Precision::Exact), "3.5");
        assert_eq!(
            number(d("1100"), Some("customers"), Locale::En, Precision::Exact),
            "1,100 customers"
        );
        let day = Date::parse("2024-01-08").unwrap();
        assert_eq!(date(day, Locale::ZhCn), "2024年1月8日");
        assert_eq!(date(day, Locale::En), "January 8, 2024");
        assert_eq!(period(&Period::parse("2024-Q3").unwrap(), Locale::ZhCn), "2024年第三季度");
        assert_eq!(period(&Period::parse("2024-Q3").unwrap(), Locale::ZhTw), "2024年第三季");
        assert_eq!(date(day, Locale::ZhHk), "2024年1月8日");
        assert_eq!(period(&Period::parse("2025-11").unwrap(), Locale::En), "November 2025");
        assert_eq!(zh_numeral(12), "十二");
        assert_eq!(zh_numeral(20), "二十");
    }

    #[test]
    fn one_scale_per_column_keeps_typed_figures_exact_and_computed_ones_close() {
        let e = |v: &str| (d(v), Precision::Exact);
        let c = |v: &str| (d(v), Precision::Derived);
        let cny = style("CNY", Locale::ZhCn);
        let zh = |vals: &[(Decimal, Precision)]| money_scale(vals, &cny, ScaleUse::Column);
        // 3,000万 … 1.5亿: 万 without decimals
        let s = zh(&[e("30000000"), e("36000000"), c("150000000")]);
        assert_eq!(s, Scale { exp: 4, dp: 0 });
        assert_eq!(scaled(d("150000000"), s), "15,000");
        // 14.1万 needs one decimal in 万
        assert_eq!(zh(&[e("141000"), e("136000")]), Scale { exp: 4, dp: 1 });
        // shares of 1.5亿 (35%, 20%, 45%): not 0.5亿 but 5,250万
        let shares = zh(&[c("52500000"), c("30000000"), c("67500000"), c("150000000")]);
        assert_eq!(shares, Scale { exp: 4, dp: 0 });
        assert_eq!(scaled(d("52500000"), shares), "5,250");
        // thirds of 1,000万 read 333万 (within 0.5%); thirds of 100万 need 33.3万
        assert_eq!(zh(&[c("3333333.333333"), c("10000000")]), Scale { exp: 4, dp: 0 });
        assert_eq!(zh(&[c("333333.3333333"), c("1000000")]), Scale { exp: 4, dp: 1 });
        // $900,000 beside $6.3M: one column in $M with one decimal, or $K when $M needs two
        let usd = style("USD", Locale::En);
        let en = |vals: &[(Decimal, Precision)]| money_scale(vals, &usd, ScaleUse::Column);
        assert_eq!(en(&[e("900000"), e("6300000")]), Scale { exp: 6, dp: 1 });
        assert_eq!(en(&[e("270000"), e("1800000")]), Scale { exp: 3, dp: 0 });
        // a typed figure with cents stays exact in the base unit
        assert_eq!(en(&[e("12.34"), e("50")]), Scale { exp: 0, dp: 2 });
        // the same in Traditional: shares of NT$1.5億 read 5,250萬
        let twd = style("TWD", Locale::ZhTw);
        let tw = money_scale(&shares_of(&c), &twd, ScaleUse::Column);
        assert_eq!(tw, Scale { exp: 4, dp: 0 });
        assert_eq!(money_scaled(d("52500000"), &twd, tw), "NT$5,250萬");
        // thirds of ¥1,000 in the base unit: the yen takes no decimals, computed or not
        let jpy = style("JPY", Locale::En);
        let yen = money_scale(&[c("333.333333"), e("1000")], &jpy, ScaleUse::Column);
        assert_eq!(yen, Scale { exp: 0, dp: 0 });
        assert_eq!(scaled(d("333.333333"), yen), "333");
    }

    fn shares_of(c: &dyn Fn(&str) -> (Decimal, Precision)) -> Vec<(Decimal, Precision)> {
        ["52500000", "30000000", "67500000", "150000000"].iter().map(|v| c(v)).collect()
    }
}
