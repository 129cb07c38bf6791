//! Every key the reader accepts, by the mapping it is written in: the lists the reader
//! checks keys against (unknown key → did-you-mean), and the list `docs/plan-format.md` is
//! tested against, so the documentation and the reader cannot drift apart.

/// The top level of a plan.
pub const TOP: &[&str] = &[
    "meta",
    "summary",
    "review",
    "market",
    "swot",
    "targets",
    "history",
    "forecast",
    "daily",
    "products",
    "horizons",
    "strategies",
    "channels",
    "pricing",
    "funnel",
    "service",
    "schedule",
    "promotions",
    "dates",
    "budget",
    "kpis",
    "risks",
    "team",
    "sections",
    "layout",
    "$schema",
];

/// `layout`.
pub const LAYOUT: &[&str] = &["order", "omit"];
/// `meta`.
pub const META: &[&str] = &[
    "kind",
    "title",
    "period",
    "organization",
    "version",
    "prepared_by",
    "date",
    "reviewed_by",
    "reviewed_on",
    "approved_by",
    "approved_on",
    "as_of",
    "locale",
    "currency",
    "money_unit",
    "confidentiality",
];

/// A period written as a mapping (`{start, end}`).
pub const PERIOD: &[&str] = &["start", "end"];
/// `summary`.
pub const SUMMARY: &[&str] = &["text", "highlights", "asks"];
/// `review`.
pub const REVIEW: &[&str] = &["text", "results", "highlights", "challenges", "lessons"];
/// `review.results[]` and `kpis[]`.
pub const MEASURE: &[&str] = &["name", "target", "actual", "unit", "better", "note", "kind"];
/// `market`.
pub const MARKET: &[&str] = &["text", "environment", "competitors", "segments"];
/// `market.environment[]`.
pub const FACTOR: &[&str] = &["factor", "finding", "target"];
/// `market.competitors[]`.
pub const COMPETITOR: &[&str] = &["name", "share", "strength", "move", "ours"];
/// `market.segments[]`.
pub const SEGMENT: &[&str] = &["name", "size", "decision", "cycle", "needs"];
/// `swot`.
pub const SWOT: &[&str] = &["strengths", "weaknesses", "opportunities", "threats", "strategies"];
/// `swot.strategies`.
pub const SWOT_STRATEGIES: &[&str] = &["so", "st", "wo", "wt"];
/// `targets`.
pub const TARGETS: &[&str] = &["total", "metrics", "breakdowns", "assumptions"];
/// `targets.metrics[]`.
pub const METRIC: &[&str] = &["name", "baseline", "target", "unit", "note", "kind"];
/// `targets.breakdowns[]`.
pub const BREAKDOWN: &[&str] = &["name", "items"];
/// `targets.breakdowns[].items[]`.
pub const BREAKDOWN_ITEM: &[&str] = &["name", "amount", "share", "note"];
/// `history[]`.
pub const HISTORY: &[&str] = &["period", "sales"];
/// `forecast`.
pub const FORECAST: &[&str] = &["scenarios", "level"];
/// `forecast.scenarios`.
pub const SCENARIOS: &[&str] = &["optimistic", "pessimistic"];
/// `daily` written as a mapping.
pub const DAILY: &[&str] = &["cumulative", "days"];
/// A day of `daily` (`daily[]`, `daily.days[]`).
pub const DAY: &[&str] = &["date", "sales"];
/// `products[]`.
pub const PRODUCT: &[&str] = &["name", "tier", "share", "amount", "margin", "price", "note"];
/// `horizons[]`.
pub const HORIZON: &[&str] = &["name", "end", "goals", "metrics"];
/// `horizons[].metrics[]`.
pub const HORIZON_METRIC: &[&str] = &["name", "target", "unit"];
/// `strategies[]`.
pub const STRATEGY: &[&str] = &["name", "text", "measures", "owner", "expected"];
/// `channels[]`.
pub const CHANNEL: &[&str] = &["name", "share", "actions", "expected"];
/// `pricing[]`.
pub const PRICING: &[&str] = &["segment", "method", "level", "terms"];
/// `funnel`.
pub const FUNNEL: &[&str] = &["stages", "deal_size", "target"];
/// `funnel.stages[]`.
pub const STAGE: &[&str] = &["name", "conversion", "days", "owner"];
/// `service`.
pub const SERVICE: &[&str] = &["text", "tiers", "standards"];
/// `service.tiers[]`.
pub const SERVICE_TIER: &[&str] = &["name", "criteria", "service", "cadence", "owner"];
/// `service.standards[]`.
pub const STANDARD: &[&str] = &["name", "target"];
/// `schedule[]`.
pub const TASK: &[&str] = &["name", "start", "end", "activities", "milestone", "owner"];
/// `promotions[]`.
pub const PROMOTION: &[&str] =
    &["name", "start", "end", "budget", "target", "actual", "channel", "owner"];
/// `dates[]`.
pub const KEY_DATE: &[&str] = &["date", "name"];
/// `budget`.
pub const BUDGET: &[&str] = &["total", "items"];
/// `budget.items[]`.
pub const BUDGET_ITEM: &[&str] = &["name", "amount", "category", "note"];
/// `risks[]`.
pub const RISK: &[&str] = &[
    "name",
    "impact",
    "likelihood",
    "severity",
    "response",
    "owner",
    "trigger",
    "contingency",
    "drill",
];
/// `team`.
pub const TEAM: &[&str] = &["roles", "meetings", "hiring", "training", "incentives"];
/// `team.roles[]`.
pub const ROLE: &[&str] = &["role", "duties", "headcount", "members", "meeting"];
/// `team.meetings[]`.
pub const MEETING: &[&str] = &["name", "cadence", "participants", "purpose"];
/// `team.hiring[]`.
pub const HIRE: &[&str] = &["role", "headcount", "by", "criteria"];
/// `team.training[]`.
pub const TRAINING: &[&str] = &["name", "audience", "cadence", "hours"];
/// `team.incentives[]`.
pub const INCENTIVE: &[&str] = &["name", "basis", "base", "tiers", "marginal", "cap"];
/// `team.incentives[].tiers[]`.
pub const TIER: &[&str] = &["from", "rate"];
/// `sections[]`.
pub const SECTION: &[&str] = &["id", "title", "body", "after"];

/// Every mapping of a plan, by where it is written (`targets.metrics[]`: each item of that
/// list; `""`: the top level), with the keys it accepts.
pub const SCHEMA: &[(&str, &[&str])] = &[
    ("", TOP),
    ("meta", META),
    ("meta.period", PERIOD),
    ("summary", SUMMARY),
    ("review", REVIEW),
    ("review.results[]", MEASURE),
    ("market", MARKET),
    ("market.environment[]", FACTOR),
    ("market.competitors[]", COMPETITOR),
    ("market.segments[]", SEGMENT),
    ("swot", SWOT),
    ("swot.strategies", SWOT_STRATEGIES),
    ("targets", TARGETS),
    ("targets.metrics[]", METRIC),
    ("targets.breakdowns[]", BREAKDOWN),
    ("targets.breakdowns[].items[]", BREAKDOWN_ITEM),
    ("history[]", HISTORY),
    ("history[].period", PERIOD),
    ("forecast", FORECAST),
    ("forecast.scenarios", SCENARIOS),
    ("daily", DAILY),
    ("daily[]", DAY),
    ("daily.days[]", DAY),
    ("products[]", PRODUCT),
    ("horizons[]", HORIZON),
    ("horizons[].end", PERIOD),
    ("horizons[].metrics[]", HORIZON_METRIC),
    ("strategies[]", STRATEGY),
    ("channels[]", CHANNEL),
    ("pricing[]", PRICING),
    ("funnel", FUNNEL),
    ("funnel.stages[]", STAGE),
    ("service", SERVICE),
    ("service.tiers[]", SERVICE_TIER),
    ("service.standards[]", STANDARD),
    ("schedule[]", TASK),
    ("promotions[]", PROMOTION),
    ("dates[]", KEY_DATE),
    ("budget", BUDGET),
    ("budget.items[]", BUDGET_ITEM),
    ("kpis[]", MEASURE),
    ("risks[]", RISK),
    ("team", TEAM),
    ("team.roles[]", ROLE),
    ("team.meetings[]", MEETING),
    ("team.hiring[]", HIRE),
    ("team.training[]", TRAINING),
    ("team.incentives[]", INCENTIVE),
    ("team.incentives[].tiers[]", TIER),
    ("sections[]", SECTION),
    ("layout", LAYOUT),
];

/// Every key path the reader accepts: `funnel.stages[].conversion`, `meta.period.start`, …
pub fn paths() -> Vec<String> {
    SCHEMA
        .iter()
        .flat_map(|(at, keys)| {
            keys.iter()
                .map(move |k| if at.is_empty() { k.to_string() } else { format!("{at}.{k}") })
        })
        .collect()
}
