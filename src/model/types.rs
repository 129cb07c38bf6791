//! The typed plan: every field of PLAN-FORMAT.md, values parsed, positions kept for checks.

use rust_decimal::Decimal;

use super::date::Date;
use super::values::{Currency, Figure, Money, Period};
use crate::diagnostic::Span;

/// Which way is good for a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    /// More is better (sales).
    #[default]
    Higher,
    /// Less is better (churn, cost).
    Lower,
}

/// Report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Locale {
    /// Simplified Chinese (mainland China).
    #[default]
    ZhCn,
    /// Traditional Chinese, Taiwan usage (資料, 營收, 通路, 計畫).
    ZhTw,
    /// Traditional Chinese, Hong Kong usage (數據, 渠道, 計劃).
    ZhHk,
    /// English.
    En,
}

impl Locale {
    /// Every locale, in the order catalogs and labels list them.
    pub const ALL: [Locale; 4] = [Locale::ZhCn, Locale::ZhTw, Locale::ZhHk, Locale::En];

    /// Parses `zh-CN`, `zh-TW`, `zh-HK` or `en` (and the script forms `zh-Hans`,
    /// `zh-Hant-TW`, `zh-Hant-HK`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "zh-cn" | "zh" | "zh-hans" | "zh-hans-cn" | "zh-sg" => Some(Self::ZhCn),
            "zh-tw" | "zh-hant" | "zh-hant-tw" => Some(Self::ZhTw),
            "zh-hk" | "zh-hant-hk" | "zh-mo" | "zh-hant-mo" => Some(Self::ZhHk),
            "en" | "en-us" | "en-gb" => Some(Self::En),
            _ => None,
        }
    }

    /// The tag plans, catalogs and labels use: `zh-CN`, `zh-TW`, `zh-HK`, `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::ZhTw => "zh-TW",
            Self::ZhHk => "zh-HK",
            Self::En => "en",
        }
    }

    /// The BCP 47 language of the report's HTML, SVG and PDF, with the script for
    /// Traditional Chinese so readers pick Traditional glyph forms (`zh-Hant-TW`).
    pub fn lang(self) -> &'static str {
        match self {
            Self::ZhTw => "zh-Hant-TW",
            Self::ZhHk => "zh-Hant-HK",
            other => other.tag(),
        }
    }

    /// True for the Chinese locales: full-width punctuation, 万/亿 numbers, （一） headings.
    pub fn is_chinese(self) -> bool {
        self != Self::En
    }

    /// True for Traditional Chinese: 萬/億 and a Traditional Chinese face in the PDF.
    pub fn is_traditional(self) -> bool {
        matches!(self, Self::ZhTw | Self::ZhHk)
    }
}

/// The whole plan.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Cover and header data.
    pub meta: Meta,
    /// 执行摘要.
    pub summary: Option<Summary>,
    /// 上期回顾.
    pub review: Option<Review>,
    /// 市场分析.
    pub market: Option<Market>,
    /// SWOT.
    pub swot: Option<Swot>,
    /// 销售目标.
    pub targets: Option<Targets>,
    /// Sales history, oldest first.
    pub history: Vec<HistoryPoint>,
    /// Span of the `history` key, for warnings.
    pub history_span: Option<Span>,
    /// 产品组合 (in the targets chapter).
    pub products: Vec<Product>,
    /// Span of the `products` key.
    pub products_span: Option<Span>,
    /// 短中长期目标 (in the targets chapter).
    pub horizons: Vec<Horizon>,
    /// How the forecast from `history` is read (v1.1).
    pub forecast: Option<ForecastSpec>,
    /// Actuals by day (v1.1), for pacing.
    pub daily: Option<Daily>,
    /// 销售策略.
    pub strategies: Vec<Strategy>,
    /// Channels (in the strategy chapter).
    pub channels: Vec<Channel>,
    /// Span of the `channels` key.
    pub channels_span: Option<Span>,
    /// 定价策略 (in the strategy chapter).
    pub pricing: Vec<Price>,
    /// 销售漏斗 (in the strategy chapter).
    pub funnel: Option<Funnel>,
    /// 客户经营与服务.
    pub service: Option<Service>,
    /// 执行计划.
    pub schedule: Vec<Task>,
    /// Span of the `schedule` key.
    pub schedule_span: Option<Span>,
    /// 促销活动 (in the execution plan chapter).
    pub promotions: Vec<Promotion>,
    /// Key dates, drawn on the Gantt chart.
    pub dates: Vec<KeyDate>,
    /// 预算.
    pub budget: Option<Budget>,
    /// KPI 监控.
    pub kpis: Vec<Kpi>,
    /// 风险.
    pub risks: Vec<Risk>,
    /// 团队分工与沟通机制.
    pub team: Option<Team>,
    /// Custom chapters.
    pub sections: Vec<Section>,
    /// Chapter order and omissions (`layout: {order, omit}`); wins over the theme's.
    pub layout: Option<PlanLayout>,
}

/// `layout`: which chapters go first and which are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanLayout {
    /// Chapter ids (built-in or `sections[].id`) to place first, in order.
    pub order: Option<Vec<String>>,
    /// Chapter ids to leave out.
    pub omit: Option<Vec<String>>,
}

/// `meta`.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// Template set: `annual`, `monthly` or a custom set's name.
    pub kind: String,
    /// Where `kind` is written.
    pub kind_span: Option<Span>,
    /// Report title.
    pub title: String,
    /// The plan's span.
    pub period: Option<Period>,
    /// Span of `meta.period`, for schedule warnings.
    pub period_span: Option<Span>,
    /// Company or unit.
    pub organization: Option<String>,
    /// Version label (`V1.0`).
    pub version: Option<String>,
    /// Who wrote it.
    pub prepared_by: Option<String>,
    /// Date of the plan.
    pub date: Option<Date>,
    /// Who reviews it (审核), for the sign-off block (project addition).
    pub reviewed_by: Option<String>,
    /// When it was reviewed.
    pub reviewed_on: Option<Date>,
    /// Who approves it (批准), for the sign-off block (project addition).
    pub approved_by: Option<String>,
    /// When it was approved.
    pub approved_on: Option<Date>,
    /// Date the actuals were taken, if later than `date` (project addition).
    pub as_of: Option<Date>,
    /// Report language.
    pub locale: Locale,
    /// Currency of every amount.
    pub currency: Currency,
    /// Multiplier for bare numbers in money fields.
    pub money_unit: Decimal,
    /// The unit as written, e.g. `万元`.
    pub money_unit_label: String,
    /// Confidentiality line (`内部资料 注意保密`).
    pub confidentiality: Option<String>,
}

impl Meta {
    /// How this plan's money reads: its currency in its locale ([`crate::format::MoneyStyle`]).
    pub fn money(&self) -> crate::format::MoneyStyle {
        crate::format::MoneyStyle::new(self.currency, self.locale)
    }
}

/// `summary`.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Markdown.
    pub text: Option<String>,
    /// Bullet points.
    pub highlights: Vec<String>,
    /// Decisions asked of the board (project addition), shown on the dashboard.
    pub asks: Vec<String>,
}

/// A figure with a target and an actual (review results, KPIs).
#[derive(Debug, Clone)]
pub struct Measure {
    /// Metric name.
    pub name: String,
    /// Target.
    pub target: Option<Figure>,
    /// Actual.
    pub actual: Option<Figure>,
    /// Unit of a quantity.
    pub unit: Option<String>,
    /// Which way is good.
    pub better: Better,
    /// Free note.
    pub note: Option<String>,
    /// True when `actual` was not written and the `daily` total stands in for it.
    pub from_daily: bool,
}

/// `review`.
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// Markdown.
    pub text: Option<String>,
    /// Last period's target vs actual.
    pub results: Vec<Measure>,
    /// What went well.
    pub highlights: Vec<String>,
    /// What was hard.
    pub challenges: Vec<String>,
    /// Lessons.
    pub lessons: Vec<String>,
}

/// `market.environment[]`.
#[derive(Debug, Clone, Default)]
pub struct Factor {
    /// Dimension (政策环境).
    pub factor: String,
    /// What was found.
    pub finding: Option<String>,
    /// What we aim for.
    pub target: Option<String>,
}

/// `market.competitors[]`.
#[derive(Debug, Clone, Default)]
pub struct Competitor {
    /// Name.
    pub name: String,
    /// Market share, a fraction.
    pub share: Option<Decimal>,
    /// Main strength.
    pub strength: Option<String>,
    /// Expected move.
    pub mv: Option<String>,
    /// True for our own company.
    pub ours: bool,
}

/// `market.segments[]`.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    /// Name.
    pub name: String,
    /// Size.
    pub size: Option<String>,
    /// Decision chain.
    pub decision: Option<String>,
    /// Sales cycle.
    pub cycle: Option<String>,
    /// Needs.
    pub needs: Option<String>,
}

/// `market`.
#[derive(Debug, Clone, Default)]
pub struct Market {
    /// Markdown.
    pub text: Option<String>,
    /// PEST-style findings.
    pub environment: Vec<Factor>,
    /// Competitors.
    pub competitors: Vec<Competitor>,
    /// Span of the `competitors` key.
    pub competitors_span: Option<Span>,
    /// Customer segments.
    pub segments: Vec<Segment>,
}

/// `swot`.
#[derive(Debug, Clone, Default)]
pub struct Swot {
    /// S.
    pub strengths: Vec<String>,
    /// W.
    pub weaknesses: Vec<String>,
    /// O.
    pub opportunities: Vec<String>,
    /// T.
    pub threats: Vec<String>,
    /// SO strategies.
    pub so: Vec<String>,
    /// ST strategies.
    pub st: Vec<String>,
    /// WO strategies.
    pub wo: Vec<String>,
    /// WT strategies.
    pub wt: Vec<String>,
}

/// `targets.metrics[]`.
#[derive(Debug, Clone)]
pub struct Metric {
    /// Name.
    pub name: String,
    /// Last period.
    pub baseline: Option<Figure>,
    /// This period.
    pub target: Figure,
    /// Unit of a quantity.
    pub unit: Option<String>,
    /// Note.
    pub note: Option<String>,
}

/// An item's amount or share, as written.
#[derive(Debug, Clone, Copy)]
pub enum Portion {
    /// An amount.
    Amount(Money),
    /// A share of the total, a fraction.
    Share(Decimal),
}

/// `targets.breakdowns[].items[]`.
#[derive(Debug, Clone)]
pub struct BreakdownItem {
    /// Name (Q1, 华东区).
    pub name: String,
    /// Amount or share.
    pub portion: Portion,
    /// Note.
    pub note: Option<String>,
    /// Where the item is written.
    pub span: Option<Span>,
}

/// `targets.breakdowns[]`.
#[derive(Debug, Clone)]
pub struct Breakdown {
    /// Name (按季度).
    pub name: String,
    /// Items.
    pub items: Vec<BreakdownItem>,
    /// Span of the `items` key.
    pub span: Option<Span>,
}

/// `targets`.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    /// Total sales target.
    pub total: Option<Money>,
    /// Metrics baseline → target.
    pub metrics: Vec<Metric>,
    /// Breakdowns.
    pub breakdowns: Vec<Breakdown>,
    /// Key assumptions.
    pub assumptions: Vec<String>,
}

/// `history[]`.
#[derive(Debug, Clone)]
pub struct HistoryPoint {
    /// The period.
    pub period: Period,
    /// Sales in it.
    pub sales: Money,
    /// Where the entry is written.
    pub span: Option<Span>,
}

/// `forecast` (v1.1): how the forecast from `history` is turned into scenarios.
#[derive(Debug, Clone, Default)]
pub struct ForecastSpec {
    /// The plan's own scenarios, instead of the model's prediction interval.
    pub scenarios: Option<Scenarios>,
    /// Level of the prediction interval (a fraction, default 0.8).
    pub level: Option<Decimal>,
}

/// `forecast.scenarios`: each scenario's distance from the base forecast.
#[derive(Debug, Clone, Copy)]
pub struct Scenarios {
    /// How far above the base the optimistic scenario is (a fraction ≥ 0).
    pub optimistic: Decimal,
    /// How far below the base the pessimistic scenario is (a fraction ≥ 0; `-15%` and `15%`
    /// both read as 15% below).
    pub pessimistic: Decimal,
}

/// `daily` (v1.1): actuals by day.
#[derive(Debug, Clone, Default)]
pub struct Daily {
    /// True when each figure is the running total to that day.
    pub cumulative: bool,
    /// One entry a day, oldest first.
    pub days: Vec<DailyActual>,
    /// Span of the `daily` key, for warnings.
    pub span: Option<Span>,
}

/// `daily[]`.
#[derive(Debug, Clone)]
pub struct DailyActual {
    /// The day.
    pub date: Date,
    /// Sales on that day (or to that day, when cumulative).
    pub sales: Money,
    /// Where the entry is written.
    pub span: Option<Span>,
}

/// `strategies[]`.
#[derive(Debug, Clone, Default)]
pub struct Strategy {
    /// Name.
    pub name: String,
    /// Markdown.
    pub text: Option<String>,
    /// Measures.
    pub measures: Vec<String>,
    /// Owner.
    pub owner: Option<String>,
    /// Expected effect.
    pub expected: Option<String>,
    /// `expected` when it is written as an amount and nothing else (`400万`, `¥2.5M`): the
    /// sales the strategy is expected to bring, weighed against a forecast gap.
    pub amount: Option<Money>,
    /// Where `expected` is written.
    pub span: Option<Span>,
}

/// `channels[]`.
#[derive(Debug, Clone, Default)]
pub struct Channel {
    /// Name.
    pub name: String,
    /// Share of sales, a fraction.
    pub share: Option<Decimal>,
    /// Actions.
    pub actions: Option<String>,
    /// Expected sales.
    pub expected: Option<Money>,
    /// Where the channel is written.
    pub span: Option<Span>,
}

/// `schedule[]`.
#[derive(Debug, Clone)]
pub struct Task {
    /// Name (Q1 蓄力期, 第1周).
    pub name: String,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Activities.
    pub activities: Vec<String>,
    /// Milestone.
    pub milestone: Option<String>,
    /// Owner.
    pub owner: Option<String>,
    /// Span of the item, for warnings.
    pub span: Option<Span>,
}

/// `budget.items[]`.
#[derive(Debug, Clone)]
pub struct BudgetItem {
    /// Name.
    pub name: String,
    /// Amount.
    pub amount: Money,
    /// Category.
    pub category: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Where the item is written.
    pub span: Option<Span>,
}

/// `budget`.
#[derive(Debug, Clone, Default)]
pub struct Budget {
    /// Total.
    pub total: Option<Money>,
    /// Items.
    pub items: Vec<BudgetItem>,
    /// Span of the `items` key.
    pub span: Option<Span>,
}

/// `risks[]`.
#[derive(Debug, Clone, Default)]
pub struct Risk {
    /// Name.
    pub name: String,
    /// Impact.
    pub impact: Option<String>,
    /// 1–5.
    pub likelihood: u8,
    /// 1–5.
    pub severity: u8,
    /// Response.
    pub response: Option<String>,
    /// Owner.
    pub owner: Option<String>,
    /// Early-warning indicator (预警指标).
    pub trigger: Option<String>,
    /// Money set aside for it (应急预算).
    pub contingency: Option<Money>,
    /// Date the response is rehearsed (预案演练).
    pub drill: Option<Date>,
    /// Where the risk is written.
    pub span: Option<Span>,
}

/// `team.roles[]`.
#[derive(Debug, Clone, Default)]
pub struct Role {
    /// Role name.
    pub role: String,
    /// Duties.
    pub duties: Option<String>,
    /// Headcount.
    pub headcount: Option<Decimal>,
    /// Members.
    pub members: Vec<String>,
    /// Meeting time.
    pub meeting: Option<String>,
}

/// `team.meetings[]`.
#[derive(Debug, Clone, Default)]
pub struct Meeting {
    /// Name.
    pub name: String,
    /// Cadence.
    pub cadence: Option<String>,
    /// Participants.
    pub participants: Option<String>,
    /// Purpose.
    pub purpose: Option<String>,
}

/// `team`.
#[derive(Debug, Clone, Default)]
pub struct Team {
    /// Roles, with today's headcount.
    pub roles: Vec<Role>,
    /// Meetings.
    pub meetings: Vec<Meeting>,
    /// People to hire (人员招聘).
    pub hiring: Vec<Hire>,
    /// Training programmes.
    pub training: Vec<Training>,
    /// Incentive schemes (阶梯返点, 提成).
    pub incentives: Vec<Incentive>,
}

/// `team.hiring[]`.
#[derive(Debug, Clone, Default)]
pub struct Hire {
    /// The role hired for; a `team.roles[].role` of the same name grows by `headcount`.
    pub role: String,
    /// People to hire.
    pub headcount: Decimal,
    /// Date they are on board.
    pub by: Option<Date>,
    /// What a candidate needs.
    pub criteria: Option<String>,
}

/// `team.training[]`.
#[derive(Debug, Clone, Default)]
pub struct Training {
    /// Programme.
    pub name: String,
    /// Who takes it.
    pub audience: Option<String>,
    /// How often.
    pub cadence: Option<String>,
    /// Hours per session.
    pub hours: Option<Decimal>,
}

/// One step of a tiered incentive: from this attainment on, this rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tier {
    /// Attainment of `base` from which the rate applies, a fraction (1.0 = 100%).
    pub from: Decimal,
    /// Rate paid, a fraction of sales.
    pub rate: Decimal,
}

/// `team.incentives[]`.
#[derive(Debug, Clone, Default)]
pub struct Incentive {
    /// Scheme name.
    pub name: String,
    /// What is paid on (text).
    pub basis: Option<String>,
    /// The amount attainment is measured against; `None` = `targets.total`.
    pub base: Option<Money>,
    /// Tiers, `from` strictly rising.
    pub tiers: Vec<Tier>,
    /// Each rate applies to the sales within its band only (false: the rate of the highest
    /// tier reached applies to the whole amount, as 阶梯返点 do).
    pub marginal: bool,
    /// Most that is paid.
    pub cap: Option<Money>,
    /// Where the scheme is written.
    pub span: Option<Span>,
}

/// `funnel`.
#[derive(Debug, Clone, Default)]
pub struct Funnel {
    /// Stages, first (leads) to last.
    pub stages: Vec<Stage>,
    /// Average deal size: `deal_size`, else the target of the metric named for it.
    pub deal_size: Option<Money>,
    /// The metric `deal_size` was taken from, when not written.
    pub deal_size_metric: Option<String>,
    /// The sales the funnel must bring: an amount or a share of `targets.total`; `None` =
    /// all of `targets.total`.
    pub target: Option<Portion>,
    /// Where the funnel is written.
    pub span: Option<Span>,
}

/// `funnel.stages[]`.
#[derive(Debug, Clone, Default)]
pub struct Stage {
    /// Stage name (线索, SQL, 方案, 谈判, 成交).
    pub name: String,
    /// Share that moves on to the next stage (or, on the last stage, to a deal); `None` on a
    /// last stage that is the deal itself.
    pub conversion: Option<Decimal>,
    /// Average days in the stage.
    pub days: Option<Decimal>,
    /// Owner.
    pub owner: Option<String>,
}

/// `products[]`.
#[derive(Debug, Clone)]
pub struct Product {
    /// Name.
    pub name: String,
    /// Tier of the product pyramid (塔尖, 塔身, 塔基).
    pub tier: Option<String>,
    /// Revenue, or share of `targets.total`.
    pub portion: Portion,
    /// Gross margin, a fraction.
    pub margin: Option<Decimal>,
    /// List price.
    pub price: Option<Money>,
    /// Note.
    pub note: Option<String>,
    /// Where the product is written.
    pub span: Option<Span>,
}

/// How a price level is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PricingMethod {
    /// 价值定价法.
    Value,
    /// 竞争定价法.
    Competitive,
    /// 渗透定价法.
    Penetration,
    /// Anything else, as written.
    Other(String),
}

/// `pricing[]`.
#[derive(Debug, Clone)]
pub struct Price {
    /// Customer class (A类客户, KA).
    pub segment: String,
    /// Pricing method.
    pub method: Option<PricingMethod>,
    /// Price level against the market, a signed fraction (+0.15 = 15% above).
    pub level: Option<Decimal>,
    /// Terms (discounts, payment).
    pub terms: Option<String>,
}

/// `promotions[]`.
#[derive(Debug, Clone)]
pub struct Promotion {
    /// Name.
    pub name: String,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Money spent.
    pub budget: Option<Money>,
    /// Sales it should bring.
    pub target: Option<Money>,
    /// Sales it brought.
    pub actual: Option<Money>,
    /// Channel.
    pub channel: Option<String>,
    /// Owner.
    pub owner: Option<String>,
    /// Where the promotion is written.
    pub span: Option<Span>,
}

/// `dates[]`: a key date drawn on the Gantt chart (年货节, 快递停运).
#[derive(Debug, Clone)]
pub struct KeyDate {
    /// The day.
    pub date: Date,
    /// What happens.
    pub name: String,
    /// Where it is written.
    pub span: Option<Span>,
}

/// `horizons[]`: short-, mid- or long-term goals.
#[derive(Debug, Clone)]
pub struct Horizon {
    /// Name (短期 3个月).
    pub name: String,
    /// Last day of the horizon.
    pub end: Date,
    /// The period `end` was written as, if it was one (`2027`).
    pub end_period: Option<Period>,
    /// Goals.
    pub goals: Vec<String>,
    /// Figures to reach by `end`.
    pub metrics: Vec<HorizonMetric>,
}

/// `horizons[].metrics[]`.
#[derive(Debug, Clone)]
pub struct HorizonMetric {
    /// Name.
    pub name: String,
    /// Target.
    pub target: Figure,
    /// Unit of a quantity.
    pub unit: Option<String>,
}

/// `service`: 客户经营与服务.
#[derive(Debug, Clone, Default)]
pub struct Service {
    /// Markdown.
    pub text: Option<String>,
    /// Service by customer tier.
    pub tiers: Vec<ServiceTier>,
    /// Service standards.
    pub standards: Vec<Standard>,
}

/// `service.tiers[]`.
#[derive(Debug, Clone, Default)]
pub struct ServiceTier {
    /// Tier (VIP, A类).
    pub name: String,
    /// Who belongs to it.
    pub criteria: Option<String>,
    /// What they get.
    pub service: Option<String>,
    /// How often.
    pub cadence: Option<String>,
    /// Owner.
    pub owner: Option<String>,
}

/// `service.standards[]` (响应时间 2 小时, NPS 45).
#[derive(Debug, Clone, Default)]
pub struct Standard {
    /// Name.
    pub name: String,
    /// Target, as written.
    pub target: Option<String>,
}

/// `sections[]`.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Markdown.
    pub body: String,
    /// Chapter id it follows; `None` = at the end.
    pub after: Option<String>,
}

/// `kpis[]` have the same shape as review results.
pub type Kpi = Measure;
