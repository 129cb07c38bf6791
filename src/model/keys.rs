//! The shape of a plan, declared once: every mapping a plan may hold, each field with the
//! shape of its value, whether it is required, and what it means in English and Chinese.
//!
//! From this one table come the reader's key checks (unknown key → did-you-mean, required
//! keys; `model::reader`), the JSON Schema `planwright schema` prints ([`super::schema`]),
//! the key tables of `docs/plan-format.md` (a test keeps them equal), and the list of every
//! key path the reader accepts ([`paths`]).

/// What a field's value is.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// Any scalar, kept as written.
    Text,
    /// Text rendered as Markdown.
    Markdown,
    /// An amount of money (`1.5亿`, `3000万`, `$4.5M`, or a bare number in `meta.money_unit`).
    Money,
    /// A percentage, always with `%`.
    Percent,
    /// A count, score or ratio.
    Quantity,
    /// Money, a percentage or a quantity, settled per metric.
    Figure,
    /// An amount or a share.
    MoneyOrPercent,
    /// `2024-01-08`.
    Date,
    /// `"2024"`, `2024-Q3`, `2025-11`, or `{start, end}`.
    Period,
    /// A date, or a period whose last day it is.
    DateOrPeriod,
    /// 1–5 or a word (`很高`, `high`).
    Scale,
    /// `true` / `false` (`是` / `否`).
    Boolean,
    /// A list of text.
    Texts,
    /// A list of mappings.
    Items(&'static Fields),
    /// A mapping.
    Fields(&'static Fields),
    /// A list of the first, or a mapping of the second (`daily`).
    ItemsOrFields(&'static Fields, &'static Fields),
}

/// One field of a mapping.
#[derive(Debug)]
pub struct Field {
    /// Its key.
    pub name: &'static str,
    /// Its value.
    pub shape: Shape,
    /// The mapping is incomplete without it.
    pub required: bool,
    /// What it means, in English (the docs' wording).
    pub en: &'static str,
    /// What it means, in Chinese.
    pub zh: &'static str,
}

/// The fields of one mapping.
#[derive(Debug)]
pub struct Fields(pub &'static [Field]);

impl Fields {
    /// Its keys, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.0.iter().map(|f| f.name).collect()
    }

    /// The field `name`.
    pub fn get(&self, name: &str) -> Option<&'static Field> {
        self.0.iter().find(|f| f.name == name)
    }
}

/// Fields that several mappings share word for word, written once.
const NAME: Field =
    Field {
        name: "name", shape: Shape::Text, required: true, en: "required", zh: "必填：名称"
    };
const UNIT: Field = Field {
    name: "unit",
    shape: Shape::Text,
    required: false,
    en: "unit of a quantity (`家`); a unit ending in `元` makes bare figures money in that unit",
    zh: "数量的单位（家）；以“元”结尾的单位使纯数字成为该单位的金额",
};
const BETTER: Field = Field {
    name: "better",
    shape: Shape::Text,
    required: false,
    en: "`higher` (default) or `lower` (churn, cost)",
    zh: "higher（默认，越高越好）或 lower（如流失率、成本）",
};
const NOTE: Field =
    Field { name: "note", shape: Shape::Text, required: false, en: "note", zh: "备注" };
const FIGURE_KIND: Field = Field {
    name: "kind",
    shape: Shape::Text,
    required: false,
    en: "*(project addition)* `money`, `percent` or `number`, when what is written leaves it open",
    zh: "（项目扩展）money、percent 或 number，在写法无法判断时指定",
};
const OWNER: Field =
    Field { name: "owner", shape: Shape::Text, required: false, en: "owner", zh: "负责人" };
const CADENCE: Field =
    Field { name: "cadence", shape: Shape::Text, required: false, en: "how often", zh: "频次" };
const START: Field = Field {
    name: "start",
    shape: Shape::Date,
    required: true,
    en: "required",
    zh: "必填：开始日期",
};
const END: Field = Field {
    name: "end",
    shape: Shape::Date,
    required: true,
    en: "required, not before `start`",
    zh: "必填：结束日期，不早于 start",
};

/// Every mapping of a plan with where it is written (`targets.metrics[]`: each item of that
/// list; `""`: the top level), the top level first, each mapping before those inside it.
pub fn mappings() -> Vec<(String, &'static Fields)> {
    fn walk(at: &str, m: &'static Fields, out: &mut Vec<(String, &'static Fields)>) {
        out.push((at.to_string(), m));
        for f in m.0 {
            let path = if at.is_empty() { f.name.to_string() } else { format!("{at}.{}", f.name) };
            match f.shape {
                Shape::Fields(c) => walk(&path, c, out),
                Shape::Items(c) => walk(&format!("{path}[]"), c, out),
                Shape::ItemsOrFields(items, map) => {
                    walk(&path, map, out);
                    walk(&format!("{path}[]"), items, out);
                }
                Shape::Period | Shape::DateOrPeriod => walk(&path, PERIOD, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk("", TOP, &mut out);
    out
}

/// Every key path the reader accepts: `funnel.stages[].conversion`, `meta.period.start`, …
pub fn paths() -> Vec<String> {
    mappings()
        .iter()
        .flat_map(|(at, m)| {
            m.0.iter().map(move |f| {
                if at.is_empty() { f.name.to_string() } else { format!("{at}.{}", f.name) }
            })
        })
        .collect()
}

/// The top level of a plan.
pub const TOP: &Fields = &Fields(&[
    Field {
        name: "meta",
        shape: Shape::Fields(META),
        required: true,
        en: "required: the cover, headers and how values are read",
        zh: "必填：封面、页眉与数值的读法",
    },
    Field {
        name: "summary",
        shape: Shape::Fields(SUMMARY),
        required: false,
        en: "the executive summary (执行摘要)",
        zh: "执行摘要",
    },
    Field {
        name: "review",
        shape: Shape::Fields(REVIEW),
        required: false,
        en: "the review of last period (上期回顾)",
        zh: "上期回顾",
    },
    Field {
        name: "market",
        shape: Shape::Fields(MARKET),
        required: false,
        en: "the market analysis (市场分析)",
        zh: "市场分析",
    },
    Field {
        name: "swot",
        shape: Shape::Fields(SWOT),
        required: false,
        en: "SWOT analysis (SWOT分析)",
        zh: "SWOT分析",
    },
    Field {
        name: "targets",
        shape: Shape::Fields(TARGETS),
        required: false,
        en: "the sales targets (销售目标)",
        zh: "销售目标",
    },
    Field {
        name: "history",
        shape: Shape::Items(HISTORY),
        required: false,
        en: "past periods' sales, oldest first (trend and forecast)",
        zh: "历史各期销售额，按时间先后（用于趋势与预测）",
    },
    Field {
        name: "forecast",
        shape: Shape::Fields(FORECAST),
        required: false,
        en: "(v1.1) how the forecast from `history` is read",
        zh: "（v1.1）如何读取基于 history 的预测",
    },
    Field {
        name: "daily",
        shape: Shape::ItemsOrFields(DAY, DAILY),
        required: false,
        en: "(v1.1) actuals by day, for pacing (monthly plans)",
        zh: "（v1.1）逐日实际销售，用于进度跟踪（月度计划）",
    },
    Field {
        name: "products",
        shape: Shape::Items(PRODUCT),
        required: false,
        en: "(v1.1) the product portfolio (产品组合)",
        zh: "产品组合（v1.1）",
    },
    Field {
        name: "horizons",
        shape: Shape::Items(HORIZON),
        required: false,
        en: "(v1.1) short, medium and long-term goals (短中长期目标)",
        zh: "短中长期目标（v1.1）",
    },
    Field {
        name: "strategies",
        shape: Shape::Items(STRATEGY),
        required: false,
        en: "the sales strategies (销售策略)",
        zh: "销售策略",
    },
    Field {
        name: "channels",
        shape: Shape::Items(CHANNEL),
        required: false,
        en: "the channel plan (渠道规划)",
        zh: "渠道规划",
    },
    Field {
        name: "pricing",
        shape: Shape::Items(PRICING),
        required: false,
        en: "(v1.1) pricing (定价策略)",
        zh: "定价策略（v1.1）",
    },
    Field {
        name: "funnel",
        shape: Shape::Fields(FUNNEL),
        required: false,
        en: "(v1.1) the sales funnel (销售漏斗)",
        zh: "销售漏斗（v1.1）",
    },
    Field {
        name: "service",
        shape: Shape::Fields(SERVICE),
        required: false,
        en: "(v1.1) customer care (客户经营与服务)",
        zh: "客户经营与服务（v1.1）",
    },
    Field {
        name: "schedule",
        shape: Shape::Items(TASK),
        required: false,
        en: "the execution plan (执行计划)",
        zh: "执行计划",
    },
    Field {
        name: "promotions",
        shape: Shape::Items(PROMOTION),
        required: false,
        en: "(v1.1) promotions (促销活动)",
        zh: "促销活动（v1.1）",
    },
    Field {
        name: "dates",
        shape: Shape::Items(KEY_DATE),
        required: false,
        en: "key dates on the Gantt chart (v1.1)",
        zh: "甘特图上的关键日期（v1.1）",
    },
    Field {
        name: "budget",
        shape: Shape::Fields(BUDGET),
        required: false,
        en: "the budget (预算)",
        zh: "预算",
    },
    Field {
        name: "kpis",
        shape: Shape::Items(KPI),
        required: false,
        en: "KPI monitoring (KPI监控)",
        zh: "KPI监控",
    },
    Field {
        name: "risks",
        shape: Shape::Items(RISK),
        required: false,
        en: "risks and responses (风险评估与应对)",
        zh: "风险评估与应对",
    },
    Field {
        name: "team",
        shape: Shape::Fields(TEAM),
        required: false,
        en: "the team (团队)",
        zh: "团队",
    },
    Field {
        name: "sections",
        shape: Shape::Items(SECTION),
        required: false,
        en: "custom chapters",
        zh: "自定义章节",
    },
    Field {
        name: "layout",
        shape: Shape::Fields(LAYOUT),
        required: false,
        en: "*(project addition)* chapter order and omissions",
        zh: "（项目扩展）章节顺序与省略",
    },
    Field {
        name: "$schema",
        shape: Shape::Text,
        required: false,
        en: "*(project addition)* a JSON schema reference for editors; ignored by the tool",
        zh: "（项目扩展）供编辑器使用的 JSON Schema 地址；本工具忽略它",
    },
]);

/// `meta`.
pub const META: &Fields = &Fields(&[
    Field {
        name: "kind",
        shape: Shape::Text,
        required: true,
        en: "required: the template set — `annual` (board report), `monthly` (battle plan), or the name of a folder of your own templates (`--templates`)",
        zh: "必填：模板集——annual（年度董事会报告）、monthly（月度作战计划），或自定义模板文件夹（--templates）中的名称",
    },
    Field {
        name: "title",
        shape: Shape::Text,
        required: true,
        en: "required: the report's title",
        zh: "必填：报告标题",
    },
    Field {
        name: "period",
        shape: Shape::Period,
        required: true,
        en: "required: the span the plan covers",
        zh: "必填：计划覆盖的期间",
    },
    Field {
        name: "organization",
        shape: Shape::Text,
        required: false,
        en: "company or unit",
        zh: "公司或单位",
    },
    Field {
        name: "version",
        shape: Shape::Text,
        required: false,
        en: "version label (`V1.0`)",
        zh: "版本号（V1.0）",
    },
    Field {
        name: "prepared_by",
        shape: Shape::Text,
        required: false,
        en: "who wrote it (编制)",
        zh: "编制人/部门",
    },
    Field {
        name: "date",
        shape: Shape::Date,
        required: false,
        en: "the plan's date; the schedule's progress is judged on it when there is no `as_of`",
        zh: "编制日期；没有 as_of 时，据此判断进度",
    },
    Field {
        name: "reviewed_by",
        shape: Shape::Text,
        required: false,
        en: "*(project addition)* who reviews it (审核), in the sign-off block",
        zh: "（项目扩展）审核人，见签署栏",
    },
    Field {
        name: "reviewed_on",
        shape: Shape::Date,
        required: false,
        en: "*(project addition)* when",
        zh: "（项目扩展）审核日期",
    },
    Field {
        name: "approved_by",
        shape: Shape::Text,
        required: false,
        en: "*(project addition)* who approves it (批准), in the sign-off block",
        zh: "（项目扩展）批准人，见签署栏",
    },
    Field {
        name: "approved_on",
        shape: Shape::Date,
        required: false,
        en: "*(project addition)* when",
        zh: "（项目扩展）批准日期",
    },
    Field {
        name: "as_of",
        shape: Shape::Date,
        required: false,
        en: "*(project addition)* the date the actuals were taken: money KPIs are judged against the share of the period elapsed, and the Gantt chart marks it",
        zh: "（项目扩展）实际数据的截止日期：金额类 KPI 按已过时间比例评估，甘特图标出该日",
    },
    Field {
        name: "locale",
        shape: Shape::Text,
        required: false,
        en: "`zh-CN` (default), `zh-TW`, `zh-HK` or `en`: the report's language and the messages' (the plan's own text is never converted between scripts)",
        zh: "zh-CN（默认）、zh-TW、zh-HK 或 en：报告与提示信息的语言（计划本身的文字不做繁简转换）",
    },
    Field {
        name: "currency",
        shape: Shape::Text,
        required: false,
        en: "any ISO 4217 code: `CNY` (default), `TWD`, `HKD`, `USD`, `EUR`, `GBP`, `JPY`, `SGD`, … (also `RMB`, `NTD`)",
        zh: "任一 ISO 4217 币种代码：CNY（默认）、TWD、HKD、USD、EUR、GBP、JPY、SGD……（也可写 RMB、NTD）",
    },
    Field {
        name: "money_unit",
        shape: Shape::Text,
        required: false,
        en: "the unit of bare numbers in money fields: `元` (default), `千元`, `万元`/`萬元`, `百万元`/`百萬元`, `亿元`/`億元`, `K`, `M`, `B`",
        zh: "金额字段中纯数字的单位：元（默认）、千元、万元/萬元、百万元/百萬元、亿元/億元、K、M、B",
    },
    Field {
        name: "confidentiality",
        shape: Shape::Text,
        required: false,
        en: "the confidentiality line (`内部资料 注意保密`)",
        zh: "密级说明（内部资料 注意保密）",
    },
]);

/// A period written as a mapping (`{start, end}`).
pub const PERIOD: &Fields = &Fields(&[
    Field {
        name: "start",
        shape: Shape::Date,
        required: true,
        en: "required in this form: the first day (a period written `{start, end}`)",
        zh: "此写法下必填：第一天（期间写作 {start, end}）",
    },
    Field {
        name: "end",
        shape: Shape::Date,
        required: true,
        en: "required in this form: the last day",
        zh: "此写法下必填：最后一天",
    },
]);

/// `summary`.
pub const SUMMARY: &Fields = &Fields(&[
    Field {
        name: "text",
        shape: Shape::Markdown,
        required: false,
        en: "the summary",
        zh: "摘要正文",
    },
    Field {
        name: "highlights",
        shape: Shape::Texts,
        required: false,
        en: "key points",
        zh: "要点",
    },
    Field {
        name: "asks",
        shape: Shape::Texts,
        required: false,
        en: "*(project addition)* decisions asked of the board, shown on the dashboard",
        zh: "（项目扩展）提请董事会决策的事项，显示在经营看板上",
    },
]);

/// `review`.
pub const REVIEW: &Fields = &Fields(&[
    Field {
        name: "text",
        shape: Shape::Markdown,
        required: false,
        en: "what happened last period",
        zh: "上期情况",
    },
    Field {
        name: "results",
        shape: Shape::Items(RESULT),
        required: false,
        en: "last period's target against actual",
        zh: "上期目标与实际",
    },
    Field {
        name: "highlights",
        shape: Shape::Texts,
        required: false,
        en: "what went well",
        zh: "亮点",
    },
    Field {
        name: "challenges",
        shape: Shape::Texts,
        required: false,
        en: "what was hard",
        zh: "困难与问题",
    },
    Field {
        name: "lessons", shape: Shape::Texts, required: false, en: "lessons", zh: "经验教训"
    },
]);

/// `review.results[]`.
pub const RESULT: &Fields = &Fields(&[
    NAME,
    Field {
        name: "target", shape: Shape::Figure, required: false, en: "the target", zh: "目标值"
    },
    Field {
        name: "actual",
        shape: Shape::Figure,
        required: false,
        en: "what was reached",
        zh: "实际值",
    },
    UNIT,
    BETTER,
    NOTE,
    FIGURE_KIND,
]);

/// `kpis[]`: as a result, with the target required.
pub const KPI: &Fields = &Fields(&[
    NAME,
    Field {
        name: "target",
        shape: Shape::Figure,
        required: true,
        en: "required: the target",
        zh: "必填：目标值",
    },
    Field {
        name: "actual",
        shape: Shape::Figure,
        required: false,
        en: "the figure so far",
        zh: "截至目前的实际值",
    },
    UNIT,
    BETTER,
    NOTE,
    FIGURE_KIND,
]);

/// `market`.
pub const MARKET: &Fields = &Fields(&[
    Field {
        name: "text",
        shape: Shape::Markdown,
        required: false,
        en: "the market in prose",
        zh: "市场分析正文",
    },
    Field {
        name: "environment",
        shape: Shape::Items(FACTOR),
        required: false,
        en: "PEST-style findings",
        zh: "PEST 式环境分析",
    },
    Field {
        name: "competitors",
        shape: Shape::Items(COMPETITOR),
        required: false,
        en: "the competition",
        zh: "竞争对手",
    },
    Field {
        name: "segments",
        shape: Shape::Items(SEGMENT),
        required: false,
        en: "customer segments",
        zh: "客户细分",
    },
]);

/// `market.environment[]`.
pub const FACTOR: &Fields = &Fields(&[
    Field {
        name: "factor",
        shape: Shape::Text,
        required: true,
        en: "required: the dimension (政策环境)",
        zh: "必填：维度（政策环境）",
    },
    Field {
        name: "finding",
        shape: Shape::Text,
        required: false,
        en: "what was found",
        zh: "发现",
    },
    Field {
        name: "target",
        shape: Shape::Text,
        required: false,
        en: "what the plan aims for",
        zh: "计划目标",
    },
]);

/// `market.competitors[]`.
pub const COMPETITOR: &Fields = &Fields(&[
    NAME,
    Field {
        name: "share",
        shape: Shape::Percent,
        required: false,
        en: "market share",
        zh: "市场份额",
    },
    Field {
        name: "strength",
        shape: Shape::Text,
        required: false,
        en: "main strength",
        zh: "主要优势",
    },
    Field {
        name: "move",
        shape: Shape::Text,
        required: false,
        en: "expected move",
        zh: "预计动向",
    },
    Field {
        name: "ours",
        shape: Shape::Boolean,
        required: false,
        en: "`true` for our own company",
        zh: "true 表示本公司",
    },
]);

/// `market.segments[]`.
pub const SEGMENT: &Fields = &Fields(&[
    NAME,
    Field { name: "size", shape: Shape::Text, required: false, en: "size", zh: "规模" },
    Field {
        name: "decision",
        shape: Shape::Text,
        required: false,
        en: "decision chain",
        zh: "决策链",
    },
    Field {
        name: "cycle", shape: Shape::Text, required: false, en: "sales cycle", zh: "销售周期"
    },
    Field { name: "needs", shape: Shape::Text, required: false, en: "needs", zh: "需求" },
]);

/// `swot`.
pub const SWOT: &Fields = &Fields(&[
    Field { name: "strengths", shape: Shape::Texts, required: false, en: "S", zh: "优势 S" },
    Field { name: "weaknesses", shape: Shape::Texts, required: false, en: "W", zh: "劣势 W" },
    Field { name: "opportunities", shape: Shape::Texts, required: false, en: "O", zh: "机会 O" },
    Field { name: "threats", shape: Shape::Texts, required: false, en: "T", zh: "威胁 T" },
    Field {
        name: "strategies",
        shape: Shape::Fields(SWOT_STRATEGIES),
        required: false,
        en: "the strategy combinations",
        zh: "策略组合",
    },
]);

/// `swot.strategies`.
pub const SWOT_STRATEGIES: &Fields = &Fields(&[
    Field { name: "so", shape: Shape::Texts, required: false, en: "SO", zh: "SO 策略" },
    Field { name: "st", shape: Shape::Texts, required: false, en: "ST", zh: "ST 策略" },
    Field { name: "wo", shape: Shape::Texts, required: false, en: "WO", zh: "WO 策略" },
    Field { name: "wt", shape: Shape::Texts, required: false, en: "WT", zh: "WT 策略" },
]);

/// `targets`.
pub const TARGETS: &Fields = &Fields(&[
    Field {
        name: "total",
        shape: Shape::Money,
        required: false,
        en: "the period's sales target",
        zh: "本期销售目标",
    },
    Field {
        name: "metrics",
        shape: Shape::Items(METRIC),
        required: false,
        en: "metrics from baseline to target",
        zh: "从基期到目标的指标",
    },
    Field {
        name: "breakdowns",
        shape: Shape::Items(BREAKDOWN),
        required: false,
        en: "the target split by quarter, region, product, …",
        zh: "目标分解（按季度、区域、产品……）",
    },
    Field {
        name: "assumptions",
        shape: Shape::Texts,
        required: false,
        en: "key assumptions",
        zh: "关键假设",
    },
]);

/// `targets.metrics[]`.
pub const METRIC: &Fields = &Fields(&[
    Field {
        name: "name",
        shape: Shape::Text,
        required: true,
        en: "required; a money metric named 客单价 / average order value / deal size is the funnel's default deal size",
        zh: "必填：名称；名为 客单价 的金额指标是漏斗的默认客单价",
    },
    Field {
        name: "baseline",
        shape: Shape::Figure,
        required: false,
        en: "last period",
        zh: "上期值",
    },
    Field {
        name: "target",
        shape: Shape::Figure,
        required: true,
        en: "required: this period",
        zh: "必填：本期目标",
    },
    Field {
        name: "unit",
        shape: Shape::Text,
        required: false,
        en: "unit of a quantity; `分` / `pts` (or a name such as NPS, 满意度) makes it a score, which changes by points",
        zh: "数量的单位；分/pts（或 NPS、满意度等名称）表示评分，按分变化",
    },
    NOTE,
    Field {
        name: "kind",
        shape: Shape::Text,
        required: false,
        en: "*(project addition)* `money`, `percent` or `number`",
        zh: "（项目扩展）money、percent 或 number",
    },
]);

/// `targets.breakdowns[]`.
pub const BREAKDOWN: &Fields = &Fields(&[
    Field {
        name: "name",
        shape: Shape::Text,
        required: true,
        en: "required (按季度)",
        zh: "必填：名称（按季度）",
    },
    Field {
        name: "items",
        shape: Shape::Items(BREAKDOWN_ITEM),
        required: true,
        en: "required",
        zh: "必填：分解项",
    },
]);

/// `targets.breakdowns[].items[]`.
pub const BREAKDOWN_ITEM: &Fields = &Fields(&[
    Field {
        name: "name",
        shape: Shape::Text,
        required: true,
        en: "required (Q1, 华东区); period names (Q1, 第1周, 3月) get a running total",
        zh: "必填：名称（Q1、华东区）；期间名称（Q1、第1周、3月）会计算累计",
    },
    Field {
        name: "amount",
        shape: Shape::Money,
        required: false,
        en: "the item's amount — or",
        zh: "该项金额（与 share 二选一）",
    },
    Field {
        name: "share",
        shape: Shape::Percent,
        required: false,
        en: "its share of `targets.total` (one of the two)",
        zh: "占 targets.total 的比例（与 amount 二选一）",
    },
    NOTE,
]);

/// `history[]`.
pub const HISTORY: &Fields = &Fields(&[
    Field {
        name: "period",
        shape: Shape::Period,
        required: true,
        en: "required: a year, quarter, month… oldest first",
        zh: "必填：年、季度、月……按时间先后",
    },
    Field {
        name: "sales",
        shape: Shape::Money,
        required: true,
        en: "required: sales in that period",
        zh: "必填：该期销售额",
    },
]);

/// `forecast`.
pub const FORECAST: &Fields = &Fields(&[
    Field {
        name: "scenarios",
        shape: Shape::Fields(SCENARIOS),
        required: false,
        en: "the plan's own scenarios instead of the interval: distances from the base forecast",
        zh: "计划自定的情景（代替预测区间）：相对基准预测的幅度",
    },
    Field {
        name: "level",
        shape: Shape::Percent,
        required: false,
        en: "the level of the prediction interval the scenarios come from, 50%–99% (default 80%)",
        zh: "情景所依据的预测区间水平，50%–99%（默认 80%）",
    },
]);

/// `forecast.scenarios`.
pub const SCENARIOS: &Fields = &Fields(&[
    Field {
        name: "optimistic",
        shape: Shape::Percent,
        required: true,
        en: "required: above the base (`8%` = base × 1.08)",
        zh: "必填：高于基准（8% 即基准 × 1.08）",
    },
    Field {
        name: "pessimistic",
        shape: Shape::Percent,
        required: true,
        en: "required: below the base (`-10%` or `10%` = base × 0.90)",
        zh: "必填：低于基准（-10% 或 10% 即基准 × 0.90）",
    },
]);

/// `daily` written as a mapping.
pub const DAILY: &Fields = &Fields(&[
    Field {
        name: "cumulative",
        shape: Shape::Boolean,
        required: false,
        en: "`true`: the days' `sales` are running totals",
        zh: "true：各日 sales 为累计值",
    },
    Field {
        name: "days",
        shape: Shape::Items(DAY),
        required: true,
        en: "required in this form: the days",
        zh: "此写法下必填：各日数据",
    },
]);

/// A day of `daily` (`daily[]`, `daily.days[]`).
pub const DAY: &Fields = &Fields(&[
    Field {
        name: "date",
        shape: Shape::Date,
        required: true,
        en: "required: the day",
        zh: "必填：日期",
    },
    Field {
        name: "sales",
        shape: Shape::Money,
        required: true,
        en: "required: the day's sales, or the running total (`cumulative: true`)",
        zh: "必填：当日销售额，或累计值（cumulative: true 时）",
    },
]);

/// `products[]`.
pub const PRODUCT: &Fields = &Fields(&[
    NAME,
    Field {
        name: "tier",
        shape: Shape::Text,
        required: false,
        en: "the pyramid tier: 塔尖 / 塔身 / 塔基 (or premium / core / entry, …)",
        zh: "金字塔层级：塔尖 / 塔身 / 塔基（或 premium / core / entry……）",
    },
    Field {
        name: "share",
        shape: Shape::Percent,
        required: false,
        en: "the product's share of `targets.total` — or",
        zh: "占 targets.total 的比例（与 amount 二选一）",
    },
    Field {
        name: "amount",
        shape: Shape::Money,
        required: false,
        en: "its revenue (one of the two)",
        zh: "该产品收入（与 share 二选一）",
    },
    Field {
        name: "margin",
        shape: Shape::Percent,
        required: false,
        en: "gross margin (at most 100%)",
        zh: "毛利率（不超过 100%）",
    },
    Field { name: "price", shape: Shape::Money, required: false, en: "list price", zh: "标价" },
    NOTE,
]);

/// `horizons[]`.
pub const HORIZON: &Fields = &Fields(&[
    Field {
        name: "name",
        shape: Shape::Text,
        required: true,
        en: "required (短期（3个月）)",
        zh: "必填：名称（短期（3个月））",
    },
    Field {
        name: "end",
        shape: Shape::DateOrPeriod,
        required: true,
        en: "required: the last day (`2025-06-30`), or a period whose last day it is (`2025-Q2`, `\"2027\"`)",
        zh: "必填：最后一天（2025-06-30），或以其最后一天为准的期间（2025-Q2、\"2027\"）",
    },
    Field { name: "goals", shape: Shape::Texts, required: false, en: "the goals", zh: "目标" },
    Field {
        name: "metrics",
        shape: Shape::Items(HORIZON_METRIC),
        required: false,
        en: "figures to reach by `end`",
        zh: "到 end 时要达到的指标",
    },
]);

/// `horizons[].metrics[]`.
pub const HORIZON_METRIC: &Fields = &Fields(&[
    NAME,
    Field {
        name: "target",
        shape: Shape::Figure,
        required: true,
        en: "required",
        zh: "必填：目标值",
    },
    Field {
        name: "unit",
        shape: Shape::Text,
        required: false,
        en: "*(project addition)* unit of a quantity",
        zh: "（项目扩展）数量的单位",
    },
]);

/// `strategies[]`.
pub const STRATEGY: &Fields = &Fields(&[
    NAME,
    Field {
        name: "text",
        shape: Shape::Markdown,
        required: false,
        en: "the strategy in prose",
        zh: "策略正文",
    },
    Field {
        name: "measures",
        shape: Shape::Texts,
        required: false,
        en: "measures",
        zh: "具体措施",
    },
    OWNER,
    Field {
        name: "expected",
        shape: Shape::Text,
        required: false,
        en: "expected effect; when the whole text is money with a unit (`400万`), it is weighed against the forecast's gap to the target",
        zh: "预期效果；整段是带单位的金额（400万）时，计入与预测缺口的比较",
    },
]);

/// `channels[]`.
pub const CHANNEL: &Fields = &Fields(&[
    NAME,
    Field {
        name: "share",
        shape: Shape::Percent,
        required: false,
        en: "share of sales",
        zh: "销售占比",
    },
    Field {
        name: "actions",
        shape: Shape::Text,
        required: false,
        en: "key actions",
        zh: "关键动作",
    },
    Field {
        name: "expected",
        shape: Shape::Money,
        required: false,
        en: "expected sales",
        zh: "预期销售额",
    },
]);

/// `pricing[]`.
pub const PRICING: &Fields = &Fields(&[
    Field {
        name: "segment",
        shape: Shape::Text,
        required: true,
        en: "required: the customer class (A类客户, KA)",
        zh: "必填：客户类别（A类客户、KA）",
    },
    Field {
        name: "method",
        shape: Shape::Text,
        required: false,
        en: "`value` (价值定价法), `competitive` (竞争定价法), `penetration` (渗透定价法), or any text",
        zh: "value（价值定价法）、competitive（竞争定价法）、penetration（渗透定价法）或任意文字",
    },
    Field {
        name: "level",
        shape: Shape::Percent,
        required: false,
        en: "the price against the market: `15%` above, `0%` at market, `-10%` below",
        zh: "相对市场的价格：15% 高于、0% 持平、-10% 低于",
    },
    Field {
        name: "terms",
        shape: Shape::Text,
        required: false,
        en: "terms: discounts, payment, bundles",
        zh: "条款：折扣、账期、捆绑",
    },
]);

/// `funnel`.
pub const FUNNEL: &Fields = &Fields(&[
    Field {
        name: "stages",
        shape: Shape::Items(STAGE),
        required: true,
        en: "required, not empty: the stages, first to last",
        zh: "必填且不能为空：各阶段，从前到后",
    },
    Field {
        name: "deal_size",
        shape: Shape::Money,
        required: false,
        en: "the average deal; default: the target of a `targets.metrics` entry named 客单价 / average order value / deal size; else required",
        zh: "平均客单价；默认取 targets.metrics 中名为 客单价 的目标",
    },
    Field {
        name: "target",
        shape: Shape::MoneyOrPercent,
        required: false,
        en: "*(project addition)* the sales the funnel must bring: an amount, or a share of `targets.total` (new business, when renewals follow their own process); default all of `targets.total`",
        zh: "（项目扩展）漏斗需带来的销售额：金额，或占 targets.total 的比例；默认全部 targets.total",
    },
]);

/// `funnel.stages[]`.
pub const STAGE: &Fields = &Fields(&[
    NAME,
    Field {
        name: "conversion",
        shape: Shape::Percent,
        required: false,
        en: "the share that moves on to the next stage, above 0% and at most 100%; required on every stage but the last. On the last stage it is the share that becomes a deal; a last stage without it is the deal itself (成交)",
        zh: "进入下一阶段的比例，大于 0% 且不超过 100%；除最后一阶段外必填",
    },
    Field {
        name: "days",
        shape: Shape::Quantity,
        required: false,
        en: "average days in the stage",
        zh: "在该阶段的平均天数",
    },
    OWNER,
]);

/// `service`.
pub const SERVICE: &Fields = &Fields(&[
    Field {
        name: "text",
        shape: Shape::Markdown,
        required: false,
        en: "*(project addition)* the approach in prose",
        zh: "（项目扩展）服务思路正文",
    },
    Field {
        name: "tiers",
        shape: Shape::Items(SERVICE_TIER),
        required: false,
        en: "service by customer tier",
        zh: "按客户等级的服务",
    },
    Field {
        name: "standards",
        shape: Shape::Items(STANDARD),
        required: false,
        en: "service standards",
        zh: "服务标准",
    },
]);

/// `service.tiers[]`.
pub const SERVICE_TIER: &Fields = &Fields(&[
    Field {
        name: "name",
        shape: Shape::Text,
        required: true,
        en: "required (VIP客户, A类)",
        zh: "必填：名称（VIP客户、A类）",
    },
    Field {
        name: "criteria",
        shape: Shape::Text,
        required: false,
        en: "who belongs to the tier",
        zh: "入选条件",
    },
    Field {
        name: "service",
        shape: Shape::Text,
        required: false,
        en: "what they get",
        zh: "服务内容",
    },
    CADENCE,
    OWNER,
]);

/// `service.standards[]`.
pub const STANDARD: &Fields = &Fields(&[
    Field {
        name: "name",
        shape: Shape::Text,
        required: true,
        en: "required (响应时间)",
        zh: "必填：名称（响应时间）",
    },
    Field {
        name: "target",
        shape: Shape::Text,
        required: false,
        en: "the standard, as written (`2 小时`, `NPS 45`)",
        zh: "标准，按原文显示（2 小时、NPS 45）",
    },
]);

/// `schedule[]`.
pub const TASK: &Fields = &Fields(&[
    Field {
        name: "name",
        shape: Shape::Text,
        required: true,
        en: "required (Q1 蓄力期, 第1周)",
        zh: "必填：名称（Q1 蓄力期、第1周）",
    },
    START,
    END,
    Field {
        name: "activities",
        shape: Shape::Texts,
        required: false,
        en: "main activities",
        zh: "主要活动",
    },
    Field {
        name: "milestone",
        shape: Shape::Text,
        required: false,
        en: "milestone, drawn as a diamond on the Gantt chart",
        zh: "里程碑，在甘特图上以菱形标出",
    },
    OWNER,
]);

/// `promotions[]`.
pub const PROMOTION: &Fields = &Fields(&[
    NAME,
    START,
    END,
    Field {
        name: "budget",
        shape: Shape::Money,
        required: false,
        en: "money spent",
        zh: "投入费用",
    },
    Field {
        name: "target",
        shape: Shape::Money,
        required: false,
        en: "sales it should bring",
        zh: "目标销售额",
    },
    Field {
        name: "actual",
        shape: Shape::Money,
        required: false,
        en: "sales it brought",
        zh: "实际销售额",
    },
    Field { name: "channel", shape: Shape::Text, required: false, en: "channel", zh: "渠道" },
    OWNER,
]);

/// `dates[]`.
pub const KEY_DATE: &Fields = &Fields(&[
    Field {
        name: "date",
        shape: Shape::Date,
        required: true,
        en: "required (年货节 1/15, 快递停运 1/25)",
        zh: "必填：日期（年货节 1/15、快递停运 1/25）",
    },
    NAME,
]);

/// `budget`.
pub const BUDGET: &Fields = &Fields(&[
    Field {
        name: "total", shape: Shape::Money, required: false, en: "the budget", zh: "预算总额"
    },
    Field {
        name: "items",
        shape: Shape::Items(BUDGET_ITEM),
        required: false,
        en: "its items",
        zh: "预算明细",
    },
]);

/// `budget.items[]`.
pub const BUDGET_ITEM: &Fields = &Fields(&[
    NAME,
    Field {
        name: "amount", shape: Shape::Money, required: true, en: "required", zh: "必填：金额"
    },
    Field {
        name: "category",
        shape: Shape::Text,
        required: false,
        en: "category; the report totals the categories",
        zh: "类别；报告按类别汇总",
    },
    NOTE,
]);

/// `risks[]`.
pub const RISK: &Fields = &Fields(&[
    NAME,
    Field { name: "impact", shape: Shape::Text, required: false, en: "impact", zh: "影响" },
    Field {
        name: "likelihood",
        shape: Shape::Scale,
        required: true,
        en: "required, 1–5",
        zh: "必填：可能性，1–5 或 很低…很高",
    },
    Field {
        name: "severity",
        shape: Shape::Scale,
        required: true,
        en: "required, 1–5",
        zh: "必填：严重程度，1–5 或 很低…很高",
    },
    Field {
        name: "response", shape: Shape::Text, required: false, en: "response", zh: "应对措施"
    },
    OWNER,
    Field {
        name: "trigger",
        shape: Shape::Text,
        required: false,
        en: "(v1.1) the early-warning indicator (预警指标)",
        zh: "（v1.1）预警指标",
    },
    Field {
        name: "contingency",
        shape: Shape::Money,
        required: false,
        en: "(v1.1) the contingency budget (应急预算)",
        zh: "（v1.1）应急预算",
    },
    Field {
        name: "drill",
        shape: Shape::Date,
        required: false,
        en: "(v1.1) when the response is rehearsed (预案演练)",
        zh: "（v1.1）预案演练日期",
    },
]);

/// `team`.
pub const TEAM: &Fields = &Fields(&[
    Field {
        name: "roles",
        shape: Shape::Items(ROLE),
        required: false,
        en: "the organisation",
        zh: "组织架构",
    },
    Field {
        name: "meetings",
        shape: Shape::Items(MEETING),
        required: false,
        en: "the communication rhythm",
        zh: "沟通机制",
    },
    Field {
        name: "hiring",
        shape: Shape::Items(HIRE),
        required: false,
        en: "(v1.1) people to hire",
        zh: "（v1.1）招聘计划",
    },
    Field {
        name: "training",
        shape: Shape::Items(TRAINING),
        required: false,
        en: "(v1.1) training",
        zh: "（v1.1）培训计划",
    },
    Field {
        name: "incentives",
        shape: Shape::Items(INCENTIVE),
        required: false,
        en: "(v1.1) tiered incentives (阶梯返点, 提成)",
        zh: "（v1.1）阶梯激励（阶梯返点、提成）",
    },
]);

/// `team.roles[]`.
pub const ROLE: &Fields = &Fields(&[
    Field {
        name: "role", shape: Shape::Text, required: true, en: "required", zh: "必填：岗位"
    },
    Field { name: "duties", shape: Shape::Text, required: false, en: "duties", zh: "职责" },
    Field {
        name: "headcount",
        shape: Shape::Quantity,
        required: false,
        en: "today's headcount",
        zh: "现有人数",
    },
    Field { name: "members", shape: Shape::Texts, required: false, en: "members", zh: "成员" },
    Field {
        name: "meeting",
        shape: Shape::Text,
        required: false,
        en: "the role's regular meeting",
        zh: "该岗位的例会",
    },
]);

/// `team.meetings[]`.
pub const MEETING: &Fields = &Fields(&[
    NAME,
    CADENCE,
    Field { name: "participants", shape: Shape::Text, required: false, en: "who", zh: "参会人" },
    Field { name: "purpose", shape: Shape::Text, required: false, en: "what for", zh: "目的" },
]);

/// `team.hiring[]`.
pub const HIRE: &Fields = &Fields(&[
    Field {
        name: "role",
        shape: Shape::Text,
        required: true,
        en: "required; a `team.roles[].role` of the same name grows by `headcount`",
        zh: "必填：岗位；同名的 team.roles[].role 人数相应增加",
    },
    Field {
        name: "headcount",
        shape: Shape::Quantity,
        required: true,
        en: "required, not negative",
        zh: "必填：人数，不能为负",
    },
    Field {
        name: "by", shape: Shape::Date, required: false, en: "on board by", zh: "到岗日期"
    },
    Field {
        name: "criteria",
        shape: Shape::Text,
        required: false,
        en: "what a candidate needs",
        zh: "任职要求",
    },
]);

/// `team.training[]`.
pub const TRAINING: &Fields = &Fields(&[
    NAME,
    Field {
        name: "audience",
        shape: Shape::Text,
        required: false,
        en: "who takes it",
        zh: "培训对象",
    },
    CADENCE,
    Field { name: "hours", shape: Shape::Quantity, required: false, en: "hours", zh: "课时" },
]);

/// `team.incentives[]`.
pub const INCENTIVE: &Fields = &Fields(&[
    NAME,
    Field {
        name: "basis",
        shape: Shape::Text,
        required: false,
        en: "what it is paid on",
        zh: "计提依据",
    },
    Field {
        name: "base",
        shape: Shape::Money,
        required: false,
        en: "the amount attainment is measured against; default `targets.total`",
        zh: "衡量达成率的基数；默认 targets.total",
    },
    Field {
        name: "tiers",
        shape: Shape::Items(TIER),
        required: true,
        en: "required, not empty: `from` rising tier by tier",
        zh: "必填且不能为空：from 逐级递增",
    },
    Field {
        name: "marginal",
        shape: Shape::Boolean,
        required: false,
        en: "default `false`: the rate of the highest tier reached applies to the whole amount, as 阶梯返点 do; `true`: each rate applies only to the sales within its band",
        zh: "默认 false：达到的最高档比例适用于全部金额（阶梯返点）；true：各档比例只适用于本档区间",
    },
    Field {
        name: "cap",
        shape: Shape::Money,
        required: false,
        en: "the most that is paid",
        zh: "封顶金额",
    },
]);

/// `team.incentives[].tiers[]`.
pub const TIER: &Fields = &Fields(&[
    Field {
        name: "from",
        shape: Shape::Percent,
        required: true,
        en: "required: the attainment of `base` the tier starts at",
        zh: "必填：该档起点（base 的达成率）",
    },
    Field {
        name: "rate",
        shape: Shape::Percent,
        required: true,
        en: "required: the share of sales paid, 0–100%",
        zh: "必填：计提比例，0–100%",
    },
]);

/// `sections[]`.
pub const SECTION: &Fields = &Fields(&[
    Field {
        name: "id",
        shape: Shape::Text,
        required: true,
        en: "required: letters, digits, `-`, `_`; unique, not a chapter id",
        zh: "必填：字母、数字、- 或 _；唯一，且不能与章节标识相同",
    },
    Field {
        name: "title", shape: Shape::Text, required: true, en: "required", zh: "必填：标题"
    },
    Field {
        name: "body",
        shape: Shape::Markdown,
        required: false,
        en: "the chapter",
        zh: "章节正文",
    },
    Field {
        name: "after",
        shape: Shape::Text,
        required: false,
        en: "the chapter or section it follows (a chapter id above); default: at the end",
        zh: "放在哪个章节或自定义章节之后（章节标识）；默认放在最后",
    },
]);

/// `layout`.
pub const LAYOUT: &Fields = &Fields(&[
    Field {
        name: "order",
        shape: Shape::Texts,
        required: false,
        en: "chapter ids to put first, in this order",
        zh: "排在最前的章节标识，按此顺序",
    },
    Field {
        name: "omit",
        shape: Shape::Texts,
        required: false,
        en: "chapter ids to leave out",
        zh: "不放入报告的章节标识",
    },
]);

#[cfg(test)]
mod tests {
    use super::*;

    /// The docs and the editor's hover text say "required" exactly where the reader
    /// requires the key, in both languages.
    #[test]
    fn descriptions_say_required_where_the_reader_requires_it() {
        for (at, m) in mappings() {
            for f in m.0 {
                let path = format!("{at}.{}", f.name);
                assert_eq!(f.required, f.en.starts_with("required"), "{path}: {}", f.en);
                if f.required {
                    assert!(f.zh.contains("必填"), "{path}: {}", f.zh);
                }
                assert!(!f.en.is_empty() && !f.zh.is_empty(), "{path}");
            }
        }
    }

    #[test]
    fn paths_reach_nested_and_period_keys() {
        let paths = paths();
        for p in [
            "meta.period.start",
            "funnel.stages[].conversion",
            "daily.days[].sales",
            "daily[].date",
            "team.incentives[].tiers[].rate",
        ] {
            assert!(paths.iter().any(|q| q == p), "{p}");
        }
        let unique: std::collections::BTreeSet<_> = paths.iter().collect();
        assert_eq!(unique.len(), paths.len(), "a key path declared twice");
    }
}
