//! YAML node tree → typed [`Plan`], with every structural and value error collected.

use rust_decimal::Decimal;

use super::reader::{Fields, Reader, TextLimit, join};
use super::types::*;
use super::values::{self, Currency, Figure, FigureKind, Money, RawFigure};
use super::{chapters, keys};
use crate::diagnostic::Diagnostic;
use crate::messages::Catalog;
use crate::plan::yaml::{Node, NodeKind};
use crate::tr;

/// Built-in chapter ids, in the default order (the order of the source documents: customer
/// care follows the strategy, as in 用户体验与服务提升 and 客户关系管理).
pub const CHAPTERS: [&str; 12] = [
    "summary",
    "review",
    "market",
    "swot",
    "targets",
    "strategies",
    "service",
    "schedule",
    "budget",
    "kpis",
    "risks",
    "team",
];

/// Reads the whole plan. Returns the plan (with whatever could be read) and all errors.
pub(crate) fn build(root: &Node, source: &str, cat: &Catalog) -> (Plan, Vec<Diagnostic>) {
    let mut r = Reader::new(source, cat);
    let mut plan = Plan::default();
    let Some(top) = r.fields(root, "", keys::TOP) else {
        return (plan, r.diags);
    };
    match top.get("meta") {
        Some(n) => plan.meta = meta(&mut r, n),
        None if top.misspelt("meta") => {}
        None => {
            let at = crate::diagnostic::Span { end: root.span.start, ..root.span };
            r.error(
                Diagnostic::error(r.cat.t("meta.missing", &[]), "meta", Some(at))
                    .with_label(r.cat.t("meta.missing.label", &[]))
                    .with_hint(r.cat.t("meta.missing.hint", &[])),
            );
        }
    }
    r.money_unit = plan.meta.money_unit;
    r.money_unit_label = plan.meta.money_unit_label.clone();
    r.currency = plan.meta.currency;

    plan.summary = top.get("summary").and_then(|n| {
        let f = r.fields(n, "summary", keys::SUMMARY)?;
        Some(Summary {
            text: r.markdown(&f, "text"),
            highlights: r.text_list(&f, "highlights"),
            asks: r.text_list(&f, "asks"),
        })
    });
    plan.review = top.get("review").and_then(|n| review(&mut r, n));
    plan.market = top.get("market").and_then(|n| market(&mut r, n));
    plan.swot = top.get("swot").and_then(|n| swot(&mut r, n));
    plan.targets = top.get("targets").and_then(|n| targets(&mut r, n));
    plan.history = r.list(&top, "history", history_point).unwrap_or_default();
    plan.history_span = top.key_span("history");
    plan.products = r.list(&top, "products", chapters::product).unwrap_or_default();
    plan.products_span = top.key_span("products");
    plan.horizons = r.list(&top, "horizons", chapters::horizon).unwrap_or_default();
    plan.forecast = top.get("forecast").and_then(|n| forecast_spec(&mut r, n));
    plan.daily = top.get("daily").and_then(|n| daily(&mut r, n, top.key_span("daily")));
    plan.strategies = r.list(&top, "strategies", strategy).unwrap_or_default();
    plan.channels = r.list(&top, "channels", channel).unwrap_or_default();
    plan.channels_span = top.key_span("channels");
    plan.pricing = r.list(&top, "pricing", chapters::price).unwrap_or_default();
    plan.funnel =
        top.get("funnel").and_then(|n| chapters::funnel(&mut r, n, plan.targets.as_ref()));
    plan.service = top.get("service").and_then(|n| chapters::service(&mut r, n));
    plan.schedule = r.list(&top, "schedule", task).unwrap_or_default();
    plan.schedule_span = top.key_span("schedule");
    plan.promotions = r.list(&top, "promotions", chapters::promotion).unwrap_or_default();
    plan.dates = r.list(&top, "dates", chapters::key_date).unwrap_or_default();
    plan.budget = top.get("budget").and_then(|n| budget(&mut r, n));
    plan.kpis = r.list(&top, "kpis", |r, n, p| measure(r, n, p, true)).unwrap_or_default();
    plan.risks = r.list(&top, "risks", risk).unwrap_or_default();
    plan.team = top.get("team").and_then(|n| team(&mut r, n));
    plan.sections = r.list(&top, "sections", section).unwrap_or_default();
    check_sections(&mut r, &top, &plan);
    plan.layout = top.get("layout").and_then(|n| layout(&mut r, n, &plan));
    fill_from_daily(&mut plan);
    (plan, r.diags)
}

fn meta(r: &mut Reader, n: &Node) -> Meta {
    let mut m =
        Meta { money_unit: Decimal::ONE, money_unit_label: "元".into(), ..Meta::default() };
    let Some(f) = r.fields(n, "meta", keys::META) else { return m };
    m.kind = r.name(&f, "kind");
    m.kind_span = f.get("kind").map(|n| n.span);
    m.title = r.text_limited(&f, "title", TextLimit::Title).unwrap_or_default();
    m.period = r.period(&f, "period");
    m.period_span = f.get("period").map(|n| n.span);
    m.organization = r.text(&f, "organization");
    m.version = r.text(&f, "version");
    m.prepared_by = r.text(&f, "prepared_by");
    m.date = r.date(&f, "date");
    m.reviewed_by = r.text(&f, "reviewed_by");
    m.reviewed_on = r.date(&f, "reviewed_on");
    m.approved_by = r.text(&f, "approved_by");
    m.approved_on = r.date(&f, "approved_on");
    m.as_of = r.date(&f, "as_of");
    m.confidentiality = r.text(&f, "confidentiality");
    if let Some(node) = f.get("locale") {
        let text = r.text(&f, "locale").unwrap_or_default();
        match Locale::parse(&text) {
            Some(l) => m.locale = l,
            None => r.error(
                Diagnostic::error(
                    tr!(r.cat, "meta.locale.unknown", text = text),
                    "meta.locale",
                    Some(node.span),
                )
                .with_hint(r.cat.t("meta.locale.hint", &[])),
            ),
        }
    }
    if let Some(node) = f.get("currency") {
        let text = r.text(&f, "currency").unwrap_or_default();
        match Currency::parse(&text) {
            Some(c) => m.currency = c,
            None => r.error(
                Diagnostic::error(
                    tr!(r.cat, "meta.currency.unknown", text = text),
                    "meta.currency",
                    Some(node.span),
                )
                .with_hint(r.cat.t("meta.currency.hint", &[])),
            ),
        }
    }
    if let Some(node) = f.get("money_unit") {
        let text = r.text(&f, "money_unit").unwrap_or_default();
        match values::unit_multiplier(&text) {
            Some(mult) => {
                m.money_unit = mult;
                m.money_unit_label = text.trim().to_string();
            }
            None => r.error(
                Diagnostic::error(
                    tr!(r.cat, "meta.money-unit.unknown", text = text),
                    "meta.money_unit",
                    Some(node.span),
                )
                .with_hint(r.cat.t("meta.money-unit.hint", &[])),
            ),
        }
    }
    if let Some(kind) = f.get("kind")
        && !m.kind.is_empty()
        && !m.kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        r.error(
            Diagnostic::error(
                tr!(r.cat, "meta.kind.invalid", text = m.kind),
                "meta.kind",
                Some(kind.span),
            )
            .with_hint(r.cat.t("meta.kind.hint", &[])),
        );
    }
    m
}

fn review(r: &mut Reader, n: &Node) -> Option<Review> {
    let f = r.fields(n, "review", keys::REVIEW)?;
    Some(Review {
        text: r.markdown(&f, "text"),
        results: r.list(&f, "results", |r, n, p| measure(r, n, p, false)).unwrap_or_default(),
        highlights: r.text_list(&f, "highlights"),
        challenges: r.text_list(&f, "challenges"),
        lessons: r.text_list(&f, "lessons"),
    })
}

fn market(r: &mut Reader, n: &Node) -> Option<Market> {
    let f = r.fields(n, "market", keys::MARKET)?;
    let environment = r
        .list(&f, "environment", |r, n, p| {
            let g = r.fields(n, p, keys::FACTOR)?;
            Some(Factor {
                factor: r.name(&g, "factor"),
                finding: r.text(&g, "finding"),
                target: r.text(&g, "target"),
            })
        })
        .unwrap_or_default();
    let competitors = r
        .list(&f, "competitors", |r, n, p| {
            let g = r.fields(n, p, keys::COMPETITOR)?;
            Some(Competitor {
                name: r.name(&g, "name"),
                share: r.percent(&g, "share"),
                strength: r.text(&g, "strength"),
                mv: r.text(&g, "move"),
                ours: r.boolean(&g, "ours").unwrap_or(false),
            })
        })
        .unwrap_or_default();
    let segments = r
        .list(&f, "segments", |r, n, p| {
            let g = r.fields(n, p, keys::SEGMENT)?;
            Some(Segment {
                name: r.name(&g, "name"),
                size: r.text(&g, "size"),
                decision: r.text(&g, "decision"),
                cycle: r.text(&g, "cycle"),
                needs: r.text(&g, "needs"),
            })
        })
        .unwrap_or_default();
    Some(Market {
        text: r.markdown(&f, "text"),
        environment,
        competitors,
        competitors_span: f.key_span("competitors"),
        segments,
    })
}

fn swot(r: &mut Reader, n: &Node) -> Option<Swot> {
    let f = r.fields(n, "swot", keys::SWOT)?;
    let mut s = Swot {
        strengths: r.text_list(&f, "strengths"),
        weaknesses: r.text_list(&f, "weaknesses"),
        opportunities: r.text_list(&f, "opportunities"),
        threats: r.text_list(&f, "threats"),
        ..Swot::default()
    };
    if let Some(sn) = f.get("strategies")
        && let Some(g) = r.fields(sn, "swot.strategies", keys::SWOT_STRATEGIES)
    {
        s.so = r.text_list(&g, "so");
        s.st = r.text_list(&g, "st");
        s.wo = r.text_list(&g, "wo");
        s.wt = r.text_list(&g, "wt");
    }
    Some(s)
}

fn targets(r: &mut Reader, n: &Node) -> Option<Targets> {
    let f = r.fields(n, "targets", keys::TARGETS)?;
    let metrics = r.list(&f, "metrics", metric).unwrap_or_default();
    let breakdowns = r.list(&f, "breakdowns", breakdown).unwrap_or_default();
    Some(Targets {
        total: r.money(&f, "total"),
        metrics,
        breakdowns,
        assumptions: r.text_list(&f, "assumptions"),
    })
}

fn breakdown(r: &mut Reader, n: &Node, path: &str) -> Option<Breakdown> {
    let f = r.fields(n, path, keys::BREAKDOWN)?;
    let items = r
        .list(&f, "items", |r, n, p| {
            let g = r.fields(n, p, keys::BREAKDOWN_ITEM)?;
            let portion = portion(r, &g, p);
            let name = r.name(&g, "name");
            Some(BreakdownItem {
                name,
                portion: portion?,
                note: r.text(&g, "note"),
                span: Some(n.span),
            })
        })
        .unwrap_or_default();
    Some(Breakdown { name: r.name(&f, "name"), items, span: f.key_span("items") })
}

/// An item's `amount` or `share`: exactly one of them (the other follows from
/// `targets.total`); `None` once the problem is reported.
pub(super) fn portion(r: &mut Reader, g: &Fields, p: &str) -> Option<Portion> {
    match (g.get("amount"), g.get("share")) {
        (Some(_), Some(s)) => {
            r.error(
                Diagnostic::error(
                    r.cat.t("item.amount-and-share", &[]),
                    join(p, "share"),
                    Some(s.span),
                )
                .with_hint(r.cat.t("item.amount-and-share.hint", &[])),
            );
            None
        }
        (Some(_), None) => r.money(g, "amount").map(Portion::Amount),
        (None, Some(_)) => r.percent(g, "share").map(Portion::Share),
        (None, None) if g.misspelt("amount") || g.misspelt("share") => None,
        (None, None) => {
            r.error(
                Diagnostic::error(r.cat.t("item.amount-or-share", &[]), p, Some(g.span))
                    .with_hint(r.cat.t("item.amount-or-share.hint", &[])),
            );
            None
        }
    }
}

fn history_point(r: &mut Reader, n: &Node, path: &str) -> Option<HistoryPoint> {
    let f = r.fields(n, path, keys::HISTORY)?;
    let period = r.period(&f, "period");
    let sales = r.money(&f, "sales");
    Some(HistoryPoint { period: period?, sales: sales?, span: Some(n.span) })
}

fn strategy(r: &mut Reader, n: &Node, path: &str) -> Option<Strategy> {
    let f = r.fields(n, path, keys::STRATEGY)?;
    let expected = r.text(&f, "expected");
    Some(Strategy {
        name: r.name(&f, "name"),
        text: r.markdown(&f, "text"),
        measures: r.text_list(&f, "measures"),
        owner: r.text(&f, "owner"),
        amount: expected.as_deref().and_then(|e| expected_amount(e, r.money_unit, r.currency)),
        expected,
        span: f.get("expected").map(|n| n.span),
    })
}

/// `strategies[].expected` as an amount: only when the whole text is money written with a
/// unit or currency (`400万`, `160万元`, `¥2.5M`) in the plan's currency. Free text is
/// never searched for numbers (`直播贡献销售额 400 万元` stays text), and a bare number is
/// not an amount: `32` could be a count or a rate (checks warn about it).
pub(crate) fn expected_amount(text: &str, unit: Decimal, currency: Currency) -> Option<Money> {
    let p = values::parse_money(text, unit).ok()?;
    let amount = p.amount;
    (p.explicit
        && p.currency.is_none_or(|c| c.fits(currency))
        && amount.abs() <= crate::limits::MAX_MONEY)
        .then_some(Money { amount, currency })
}

/// The sales KPI (money, higher is better, its target `targets.total`) takes the `daily`
/// total as its actual when none is written.
fn fill_from_daily(plan: &mut Plan) {
    let Some(total) = plan.targets.as_ref().and_then(|t| t.total) else { return };
    let Some((_, sum)) = crate::pacing::to_date(plan) else { return };
    let kpi = plan.kpis.iter_mut().find(|k| {
        k.better == Better::Higher
            && matches!(k.target, Some(Figure::Money(t)) if t.amount == total.amount)
    });
    if let Some(k) = kpi.filter(|k| k.actual.is_none()) {
        k.actual = Some(Figure::Money(Money { amount: sum, currency: total.currency }));
        k.from_daily = true;
    }
}

/// `forecast`: the plan's scenarios and the interval level.
fn forecast_spec(r: &mut Reader, n: &Node) -> Option<ForecastSpec> {
    let f = r.fields(n, "forecast", keys::FORECAST)?;
    let scenarios = f.get("scenarios").and_then(|n| {
        let path = f.child("scenarios");
        let g = r.fields(n, &path, keys::SCENARIOS)?;
        let optimistic = r.percent(&g, "optimistic");
        let pessimistic = r.percent(&g, "pessimistic");
        let (optimistic, pessimistic) = (optimistic?, pessimistic?);
        if optimistic.is_sign_negative() && !optimistic.is_zero() {
            let (cat, at) = (r.cat, g.get("optimistic").map(|n| n.span));
            let shown = crate::narrative::level(optimistic);
            r.error(
                Diagnostic::error(
                    tr!(cat, "forecast.optimistic.negative", value = shown),
                    g.child("optimistic"),
                    at,
                )
                .with_label(cat.t("label.here", &[]))
                .with_hint(tr!(
                    cat,
                    "forecast.optimistic.hint",
                    value = shown.trim_start_matches('-')
                )),
            );
            return None;
        }
        Some(Scenarios { optimistic, pessimistic: pessimistic.abs() })
    });
    let level = r.percent(&f, "level").and_then(|l| {
        if (Decimal::new(5, 1)..=Decimal::new(99, 2)).contains(&l) {
            return Some(l);
        }
        let (cat, at) = (r.cat, f.get("level").map(|n| n.span));
        r.error(
            Diagnostic::error(
                tr!(cat, "forecast.level.range", value = crate::narrative::level(l)),
                f.child("level"),
                at,
            )
            .with_label(cat.t("label.here", &[]))
            .with_hint(cat.t("forecast.level.hint", &[])),
        );
        None
    });
    Some(ForecastSpec { scenarios, level })
}

/// `daily`: a list of `{date, sales}`, or `{cumulative: true, days: [...]}`.
fn daily(r: &mut Reader, n: &Node, span: Option<crate::diagnostic::Span>) -> Option<Daily> {
    let day = |r: &mut Reader, n: &Node, path: &str| {
        let f = r.fields(n, path, keys::DAY)?;
        let date = r.date(&f, "date");
        let sales = r.money(&f, "sales");
        Some(DailyActual { date: date?, sales: sales?, span: Some(n.span) })
    };
    match &n.kind {
        NodeKind::Seq(items) => {
            let days = items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| day(r, n, &format!("daily[{i}]")))
                .collect();
            Some(Daily { cumulative: false, days, span })
        }
        _ => {
            let f = r.fields(n, "daily", keys::DAILY)?;
            let cumulative = r.boolean(&f, "cumulative").unwrap_or(false);
            let days = r.list(&f, "days", day)?;
            Some(Daily { cumulative, days, span })
        }
    }
}

fn channel(r: &mut Reader, n: &Node, path: &str) -> Option<Channel> {
    let f = r.fields(n, path, keys::CHANNEL)?;
    Some(Channel {
        name: r.name(&f, "name"),
        share: r.percent(&f, "share"),
        actions: r.text(&f, "actions"),
        expected: r.money(&f, "expected"),
        span: Some(n.span),
    })
}

fn task(r: &mut Reader, n: &Node, path: &str) -> Option<Task> {
    let f = r.fields(n, path, keys::TASK)?;
    let start = r.date(&f, "start");
    let end = r.date(&f, "end");
    let name = r.name(&f, "name");
    let (start, end) = (start?, end?);
    if end < start {
        r.end_before_start(&f, start, end);
        return None;
    }
    Some(Task {
        name,
        start,
        end,
        activities: r.text_list(&f, "activities"),
        milestone: r.text(&f, "milestone"),
        owner: r.text(&f, "owner"),
        span: Some(n.span),
    })
}

fn budget(r: &mut Reader, n: &Node) -> Option<Budget> {
    let f = r.fields(n, "budget", keys::BUDGET)?;
    let items = r
        .list(&f, "items", |r, n, p| {
            let g = r.fields(n, p, keys::BUDGET_ITEM)?;
            let name = r.name(&g, "name");
            Some(BudgetItem {
                name,
                amount: r.money(&g, "amount")?,
                category: r.text(&g, "category"),
                note: r.text(&g, "note"),
                span: Some(n.span),
            })
        })
        .unwrap_or_default();
    Some(Budget { total: r.money(&f, "total"), items, span: f.key_span("items") })
}

fn risk(r: &mut Reader, n: &Node, path: &str) -> Option<Risk> {
    let f = r.fields(n, path, keys::RISK)?;
    let likelihood = r.scale(&f, "likelihood");
    let severity = r.scale(&f, "severity");
    Some(Risk {
        name: r.name(&f, "name"),
        impact: r.text(&f, "impact"),
        likelihood: likelihood?,
        severity: severity?,
        response: r.text(&f, "response"),
        owner: r.text(&f, "owner"),
        trigger: r.text(&f, "trigger"),
        contingency: r.money(&f, "contingency"),
        drill: r.date(&f, "drill"),
        span: Some(n.span),
    })
}

fn team(r: &mut Reader, n: &Node) -> Option<Team> {
    let f = r.fields(n, "team", keys::TEAM)?;
    let roles = r
        .list(&f, "roles", |r, n, p| {
            let g = r.fields(n, p, keys::ROLE)?;
            Some(Role {
                role: r.name(&g, "role"),
                duties: r.text(&g, "duties"),
                headcount: r.number(&g, "headcount"),
                members: r.text_list(&g, "members"),
                meeting: r.text(&g, "meeting"),
            })
        })
        .unwrap_or_default();
    let meetings = r
        .list(&f, "meetings", |r, n, p| {
            let g = r.fields(n, p, keys::MEETING)?;
            Some(Meeting {
                name: r.name(&g, "name"),
                cadence: r.text(&g, "cadence"),
                participants: r.text(&g, "participants"),
                purpose: r.text(&g, "purpose"),
            })
        })
        .unwrap_or_default();
    Some(Team {
        roles,
        meetings,
        hiring: r.list(&f, "hiring", chapters::hire).unwrap_or_default(),
        training: r.list(&f, "training", chapters::training).unwrap_or_default(),
        incentives: r.list(&f, "incentives", chapters::incentive).unwrap_or_default(),
    })
}

fn section(r: &mut Reader, n: &Node, path: &str) -> Option<Section> {
    let f = r.fields(n, path, keys::SECTION)?;
    let id = r.name(&f, "id");
    if let Some(node) = f.get("id") {
        let valid =
            !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if !valid {
            r.error(
                Diagnostic::error(
                    tr!(r.cat, "section.id.invalid", id = id),
                    f.child("id"),
                    Some(node.span),
                )
                .with_hint(r.cat.t("section.id.hint", &[])),
            );
        }
    }
    Some(Section {
        id,
        title: r.name(&f, "title"),
        body: r.markdown(&f, "body").unwrap_or_default(),
        after: r.text(&f, "after"),
    })
}

/// Section ids must be unique and not clash with chapters; `after` must name a chapter.
fn check_sections(r: &mut Reader, top: &Fields, plan: &Plan) {
    let Some(NodeKind::Seq(nodes)) = top.get("sections").map(|n| &n.kind) else { return };
    let mut seen: Vec<&str> = Vec::new();
    for (i, (s, node)) in plan.sections.iter().zip(nodes).enumerate() {
        let id_span = field_span(node, "id");
        if CHAPTERS.contains(&s.id.as_str()) || seen.contains(&s.id.as_str()) {
            r.error(
                Diagnostic::error(
                    tr!(r.cat, "section.id.duplicate", id = s.id),
                    format!("sections[{i}].id"),
                    id_span,
                )
                .with_label(r.cat.t("section.id.duplicate.label", &[]))
                .with_hint(r.cat.t("section.id.duplicate.hint", &[])),
            );
        }
        seen.push(&s.id);
    }
    for (i, (s, node)) in plan.sections.iter().zip(nodes).enumerate() {
        let Some(after) = &s.after else { continue };
        let known: Vec<&str> =
            CHAPTERS.iter().copied().chain(plan.sections.iter().map(|s| s.id.as_str())).collect();
        if !known.contains(&after.as_str()) || after == &s.id {
            let mut d = Diagnostic::error(
                tr!(r.cat, "section.after.unknown", after = after),
                format!("sections[{i}].after"),
                field_span(node, "after"),
            )
            .with_label(r.cat.t("section.after.label", &[]));
            d = match super::reader::nearest(after, &known) {
                Some(best) => d.with_hint(tr!(r.cat, "did-you-mean", name = best)),
                None => d.with_hint(tr!(r.cat, "one-of", names = known.join(", "))),
            };
            r.error(d);
        }
    }
}

/// `layout: {order: [...], omit: [...]}`: every id must name a built-in chapter or one of
/// the plan's sections; an unknown one is an error listing the valid ids.
fn layout(r: &mut Reader, n: &Node, plan: &Plan) -> Option<PlanLayout> {
    let f = r.fields(n, "layout", keys::LAYOUT)?;
    let known: Vec<&str> =
        CHAPTERS.iter().copied().chain(plan.sections.iter().map(|s| s.id.as_str())).collect();
    let ids = |r: &mut Reader, key: &str| {
        r.list(&f, key, |r, node, path| {
            let id = r.text_node(node, path)?;
            if known.contains(&id.as_str()) {
                return Some(id);
            }
            let cat = r.cat;
            let d = Diagnostic::error(tr!(cat, "layout.unknown", id = id), path, Some(node.span))
                .with_label(cat.t("layout.unknown.label", &[]));
            let valid = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            let hint = tr!(cat, "layout.valid", ids = valid);
            let d = match super::reader::nearest(&id, &known) {
                Some(best) => {
                    d.with_hint(format!("{} {hint}", tr!(cat, "did-you-mean", name = best)))
                }
                None => d.with_hint(hint),
            };
            r.error(d);
            None
        })
    };
    let order = ids(r, "order");
    let omit = ids(r, "omit");
    Some(PlanLayout { order, omit })
}

fn field_span(node: &Node, key: &str) -> Option<crate::diagnostic::Span> {
    let NodeKind::Map(entries) = &node.kind else { return None };
    entries.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v.span)
}

const MONEY_WORDS: [&str; 44] = [
    "销售额",
    "销售收入",
    "收入",
    "营收",
    "营业额",
    "金额",
    "gmv",
    "利润",
    "毛利额",
    "回款额",
    "预算",
    "费用",
    "成本",
    "客单价",
    "arpu",
    "合同额",
    "业绩",
    // Traditional Chinese
    "銷售額",
    "銷售收入",
    "營收",
    "營業額",
    "金額",
    "利潤",
    "毛利額",
    "回款額",
    "預算",
    "費用",
    "客單價",
    "合約額",
    "合同額",
    "業績",
    "sales",
    "revenue",
    "bookings",
    "profit",
    "budget",
    "cost",
    "spend",
    "income",
    "arr",
    "mrr",
    "acv",
    "aov",
    "price",
];

/// True when a metric's name says it is money (`销售额`, `Revenue`).
fn money_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    MONEY_WORDS.iter().any(|w| lower.contains(w))
}

fn metric(r: &mut Reader, n: &Node, path: &str) -> Option<Metric> {
    let f = r.fields(n, path, keys::METRIC)?;
    let name = r.name(&f, "name");
    let unit = r.text(&f, "unit");
    let figs = figures(r, &f, &["baseline", "target"], &name, unit.as_deref());
    let [baseline, target] = [figs[0], figs[1]];
    Some(Metric {
        name,
        baseline,
        target: target?,
        unit: unit.filter(|u| !is_money_unit(u)),
        note: r.text(&f, "note"),
    })
}

fn measure(r: &mut Reader, n: &Node, path: &str, kpi: bool) -> Option<Measure> {
    let f = if kpi { r.fields(n, path, keys::KPI) } else { r.fields(n, path, keys::RESULT) }?;
    let name = r.name(&f, "name");
    let unit = r.text(&f, "unit");
    let figs = figures(r, &f, &["target", "actual"], &name, unit.as_deref());
    let better = match f.get("better") {
        None => Better::Higher,
        Some(node) => match r.text(&f, "better").as_deref().map(str::trim) {
            Some("higher") | Some("高") => Better::Higher,
            Some("lower") | Some("低") => Better::Lower,
            other => {
                r.error(
                    Diagnostic::error(
                        tr!(r.cat, "better.invalid", text = other.unwrap_or("")),
                        f.child("better"),
                        Some(node.span),
                    )
                    .with_hint(r.cat.t("better.hint", &[])),
                );
                Better::Higher
            }
        },
    };
    Some(Measure {
        name,
        target: figs[0],
        actual: figs[1],
        unit: unit.filter(|u| !is_money_unit(u)),
        better,
        note: r.text(&f, "note"),
        from_daily: false,
    })
}

/// The multiplier of a unit that names money (`万元`, `元`), which makes bare figures money.
fn money_unit_of(unit: &str) -> Option<Decimal> {
    let u = unit.trim();
    if u.ends_with('元') { values::unit_multiplier(u) } else { None }
}

pub(super) fn is_money_unit(unit: &str) -> bool {
    money_unit_of(unit).is_some()
}

/// Reads the figure fields of one metric and settles their common kind (money, percent or
/// number): an explicit `kind`, else what the texts say, else a unit, else the name.
pub(super) fn figures(
    r: &mut Reader,
    f: &Fields,
    keys: &[&str],
    name: &str,
    unit: Option<&str>,
) -> Vec<Option<Figure>> {
    let mut raws: Vec<Option<(RawFigure, &Node, String)>> = Vec::new();
    for key in keys {
        let Some(node) = f.get(key) else {
            raws.push(None);
            continue;
        };
        let path = f.child(key);
        let Some(text) = node.as_str() else {
            r.wrong_type(node, &path, "figure");
            raws.push(None);
            continue;
        };
        match values::parse_figure(text, r.money_unit) {
            Ok(raw) => raws.push(Some((raw, node, path))),
            Err(e) => {
                r.value_error(e, &path, node);
                raws.push(None);
            }
        }
    }
    let explicit = match f.get("kind") {
        None => None,
        Some(node) => {
            let text = node.as_str().unwrap_or("");
            let k = FigureKind::parse(text);
            if k.is_none() {
                r.error(
                    Diagnostic::error(
                        tr!(r.cat, "figure-kind.invalid", text = text),
                        f.child("kind"),
                        Some(node.span),
                    )
                    .with_hint(r.cat.t("figure-kind.hint", &[])),
                );
            }
            k
        }
    };
    let present = || raws.iter().flatten();
    let unit_mult = unit.and_then(money_unit_of);
    let kind = explicit.unwrap_or_else(|| {
        if present().any(|(raw, _, _)| matches!(raw, RawFigure::Percent(_))) {
            FigureKind::Percent
        } else if present().any(|(raw, _, _)| matches!(raw, RawFigure::Money(_)))
            || unit_mult.is_some()
            || (unit.is_none() && money_name(name))
        {
            FigureKind::Money
        } else {
            FigureKind::Number
        }
    });
    let bare_unit = unit_mult.unwrap_or(r.money_unit);
    raws.into_iter()
        .map(|slot| {
            let (raw, node, path) = slot?;
            let text = node.as_str().unwrap_or("");
            let mismatch = |r: &mut Reader, what: &str| {
                let (cat, t) = (r.cat, text.trim());
                let holds = cat.t(kind_name(kind), &[]);
                let what = cat.t(what, &[]);
                let hint = match kind {
                    FigureKind::Percent => tr!(cat, "figure.mismatch.percent.hint", text = t),
                    FigureKind::Money => cat.t("figure.mismatch.money.hint", &[]),
                    FigureKind::Number => cat.t("figure.mismatch.number.hint", &[]),
                };
                r.error(
                    Diagnostic::error(
                        tr!(cat, "figure.mismatch", text = t, what = what, holds = holds),
                        &path,
                        Some(node.span),
                    )
                    .with_label(cat.t("figure.mismatch.label", &[]))
                    .with_hint(hint),
                );
                None
            };
            match (kind, raw) {
                (FigureKind::Percent, RawFigure::Percent(p)) => {
                    r.plausible(node, p, true, &path).then_some(Figure::Percent(p))
                }
                (FigureKind::Percent, RawFigure::Bare(_)) => {
                    let e = values::parse_percent(text).err()?;
                    r.value_error(e, &path, node);
                    None
                }
                (FigureKind::Money, RawFigure::Money(m)) => r
                    .in_currency(node, text, m.amount, m.currency.as_ref(), &path)
                    .map(Figure::Money),
                (FigureKind::Money, RawFigure::Bare(b)) => {
                    // Past Decimal's range is far past MAX_MONEY: the same error either way.
                    let amount = b.checked_mul(bare_unit).unwrap_or(Decimal::MAX).normalize();
                    r.in_currency(node, text, amount, None, &path).map(Figure::Money)
                }
                (FigureKind::Number, RawFigure::Bare(b)) => {
                    r.plausible(node, b, false, &path).then_some(Figure::Number(b))
                }
                (_, RawFigure::Percent(_)) => mismatch(r, "figure.a-percentage"),
                (_, RawFigure::Money(_)) => mismatch(r, "figure.an-amount"),
            }
        })
        .collect()
}

/// Catalog key of what a metric of kind `k` holds.
fn kind_name(k: FigureKind) -> &'static str {
    match k {
        FigureKind::Money => "figure.holds.money",
        FigureKind::Percent => "figure.holds.percent",
        FigureKind::Number => "figure.holds.number",
    }
}
