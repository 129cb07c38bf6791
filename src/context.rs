//! Plan + figures → one serializable view for the templates.
//!
//! Figures travel as small typed objects (`{type: "money", value: "150000000", currency,
//! exact}`) so templates format them with filters (`{{ x | fmt }}`) and charts can read the
//! exact values; nothing here is pre-formatted except what has no raw value (chapter headings).

mod additions;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::figures::{Attainment, Figures, Growth, Level, Status};
use crate::format::{self, MoneyStyle, Precision, ScaleUse};
use crate::model::date::Date;
use crate::model::values::{Currency, Figure, Period};
use crate::model::{CHAPTERS, Locale, Measure, Plan, Portion};

mod forecast;

/// One chapter in report order.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Chapter {
    /// Built-in chapter id or custom section id.
    pub id: String,
    /// 1-based number.
    pub number: usize,
    /// `一` / `1`.
    pub numeral: String,
    /// Title without number.
    pub title: String,
    /// Title with number: `一、执行摘要` / `1. Executive summary`.
    pub heading: String,
    /// True for a custom section from `sections`.
    pub custom: bool,
}

/// Chapters present in the plan, in order, custom sections placed by `after`, then the
/// layout applied: the ids of `layout.order` first in that order (each with the sections
/// placed after it, unless they are listed themselves), the rest in their usual order,
/// without `layout.omit`.
pub fn chapters(
    plan: &Plan,
    labels: &BTreeMap<String, String>,
    layout: &crate::theme::Layout,
) -> Vec<Chapter> {
    let present = |id: &str| match id {
        "summary" => plan.summary.is_some(),
        "review" => plan.review.is_some(),
        "market" => plan.market.is_some(),
        "swot" => plan.swot.is_some(),
        "targets" => {
            plan.targets.is_some()
                || !plan.history.is_empty()
                || !plan.products.is_empty()
                || !plan.horizons.is_empty()
        }
        "strategies" => {
            !plan.strategies.is_empty()
                || !plan.channels.is_empty()
                || !plan.pricing.is_empty()
                || plan.funnel.is_some()
        }
        "service" => plan.service.is_some(),
        "schedule" => {
            !plan.schedule.is_empty() || !plan.promotions.is_empty() || !plan.dates.is_empty()
        }
        "budget" => plan.budget.is_some(),
        "kpis" => !plan.kpis.is_empty(),
        "risks" => !plan.risks.is_empty(),
        "team" => plan.team.is_some(),
        _ => false,
    };
    // (id, title, custom) in order; sections after a chapter that is absent still go where
    // that chapter would have been.
    let mut order: Vec<(String, String, bool, bool)> = CHAPTERS
        .iter()
        .map(|id| {
            (
                id.to_string(),
                labels.get(*id).cloned().unwrap_or_else(|| id.to_string()),
                false,
                present(id),
            )
        })
        .collect();
    let mut pending: Vec<&crate::model::Section> = plan.sections.iter().collect();
    // Place sections whose anchor is placed; repeat so sections may follow sections.
    while !pending.is_empty() {
        let before = pending.len();
        pending.retain(|s| {
            let anchor = s.after.as_deref();
            let pos = match anchor {
                None => Some(order.len()),
                Some(a) => order.iter().position(|(id, ..)| id == a).map(|p| {
                    // after the anchor and after sections already placed behind it
                    let mut q = p + 1;
                    while q < order.len() && order[q].2 {
                        q += 1;
                    }
                    q
                }),
            };
            match pos {
                Some(p) => {
                    order.insert(p, (s.id.clone(), s.title.clone(), true, true));
                    false
                }
                None => true,
            }
        });
        if pending.len() == before {
            // `after` names nothing placeable (reported as an error by the model): append.
            for s in pending.drain(..) {
                order.push((s.id.clone(), s.title.clone(), true, true));
            }
        }
    }
    let order = arrange(order, layout);
    let locale_zh = plan.meta.locale.is_chinese();
    order
        .into_iter()
        .filter(|(.., shown)| *shown)
        .enumerate()
        .map(|(i, (id, title, custom, _))| {
            let number = i + 1;
            let numeral = if locale_zh { format::zh_numeral(number) } else { number.to_string() };
            // The heading is Markdown; the title is plain text (`A<B>C` stays `A<B>C`).
            let plain = crate::templates::escape_cell(&title);
            let heading = if locale_zh {
                format!("{numeral}、{plain}")
            } else {
                format!("{numeral}. {plain}")
            };
            Chapter { id, number, numeral, title, heading, custom }
        })
        .collect()
}

/// Applies a layout to chapters in their usual order (`(id, title, custom, shown)`).
fn arrange(
    order: Vec<(String, String, bool, bool)>,
    layout: &crate::theme::Layout,
) -> Vec<(String, String, bool, bool)> {
    let order: Vec<_> = order.into_iter().filter(|(id, ..)| !layout.omit.contains(id)).collect();
    if layout.order.is_empty() {
        return order;
    }
    // units: a chapter with the unlisted custom sections that follow it
    let mut units: Vec<Vec<(String, String, bool, bool)>> = Vec::new();
    for item in order {
        let joins = item.2 && !layout.order.contains(&item.0) && !units.is_empty();
        match units.last_mut() {
            Some(unit) if joins => unit.push(item),
            _ => units.push(vec![item]),
        }
    }
    let rank = |unit: &Vec<(String, String, bool, bool)>| {
        layout.order.iter().position(|id| *id == unit[0].0).unwrap_or(usize::MAX)
    };
    // stable: listed units by their place in the list, the rest keep their order
    units.sort_by_key(rank);
    units.into_iter().flatten().collect()
}

fn dec(d: Decimal) -> String {
    d.normalize().to_string()
}

fn money(amount: Decimal, cur: Currency, exact: bool) -> Value {
    json!({"type": "money", "value": dec(amount), "currency": cur.code(), "exact": exact})
}

fn percent(frac: Decimal, exact: bool) -> Value {
    json!({"type": "percent", "value": dec(frac), "exact": exact})
}

fn number(n: Decimal, unit: Option<&str>, exact: bool) -> Value {
    json!({"type": "number", "value": dec(n), "unit": unit, "exact": exact})
}

fn date(d: Date) -> Value {
    json!({"type": "date", "value": d.to_string()})
}

fn period(p: &Period) -> Value {
    json!({"type": "period", "code": p.code(), "kind": p.kind, "start": p.start.to_string(), "end": p.end.to_string()})
}

fn figure(f: &Figure, unit: Option<&str>) -> Value {
    match f {
        Figure::Money(m) => money(m.amount, m.currency, true),
        Figure::Percent(p) => percent(*p, true),
        Figure::Number(n) => number(*n, unit, true),
    }
}

fn growth_value(g: &Growth, unit: Option<&str>) -> Value {
    match g {
        Growth::Relative(r) => json!({"type": "growth", "value": dec(*r)}),
        Growth::Points(p) => json!({"type": "points", "value": dec(*p)}),
        Growth::Score(d) => json!({"type": "score_points", "value": dec(*d), "unit": unit}),
    }
}

/// A scale for templates: `{{ x | fmt(scale=s) }}` and `{{ label | with_unit(scale=s) }}`.
fn scale_value(values: &[(Decimal, Precision)], style: &MoneyStyle, usage: ScaleUse) -> Value {
    let s = format::money_scale(values, style, usage);
    json!({
        "type": "scale",
        "exp": s.exp,
        "dp": s.dp,
        "unit": format::scale_unit(s, style),
        "row": usage == ScaleUse::Row,
    })
}

/// The row scale of a measure's money figures (target, actual, gap), when it is money.
fn row_scale(figures: &[Option<&Figure>], gap: Option<Decimal>, style: &MoneyStyle) -> Value {
    let mut values = Vec::new();
    for f in figures.iter().flatten() {
        match f {
            Figure::Money(m) => values.push((m.amount, Precision::Exact)),
            _ => return Value::Null,
        }
    }
    if values.is_empty() {
        return Value::Null;
    }
    values.extend(gap.map(|g| (g, Precision::Derived)));
    scale_value(&values, style, ScaleUse::Row)
}

/// A difference of the same kind as `like` (money gap, points gap, number gap).
fn delta(like: &Figure, gap: Decimal, unit: Option<&str>) -> Value {
    match like {
        Figure::Money(m) => {
            json!({"type": "money_delta", "value": dec(gap), "currency": m.currency.code()})
        }
        Figure::Percent(_) => json!({"type": "points", "value": dec(gap)}),
        Figure::Number(_) => json!({"type": "number_delta", "value": dec(gap), "unit": unit}),
    }
}

fn measure(m: &Measure, a: &Attainment, style: &MoneyStyle) -> Value {
    let unit = m.unit.as_deref();
    json!({
        "scale": row_scale(&[m.target.as_ref(), m.actual.as_ref()], a.gap, style),
        "name": m.name,
        "target": m.target.as_ref().map(|f| figure(f, unit)),
        "actual": m.actual.as_ref().map(|f| figure(f, unit)),
        "unit": unit,
        "better": m.better,
        "note": m.note,
        "attainment": a.ratio.map(|r| percent(r, false)),
        "gap": match (&m.target, a.gap) { (Some(t), Some(g)) => Some(delta(t, g, unit)), _ => None },
        "paced": a.pace.is_some(),
        "status": a.status,
        // a closed period's result: met (on track) or missed
        "outcome": match a.status {
            Status::Pending => "pending",
            Status::OnTrack => "met",
            _ => "missed",
        },
    })
}

/// Builds the template context: meta, labels, chapters and every chapter's data.
pub fn build(
    plan: &Plan,
    figures: &Figures,
    labels: &BTreeMap<String, String>,
    set: &str,
    charts: &[crate::charts::Chart],
    layout: &crate::theme::Layout,
) -> Value {
    let cur = plan.meta.currency;
    let m = &plan.meta;
    let money_style = m.money();
    let style = &money_style;
    let col = |values: &[(Decimal, Precision)]| scale_value(values, style, ScaleUse::Column);
    let chapters = chapters(plan, labels, layout);
    let mut ctx = json!({
        "locale": m.locale.tag(),
        "lang": m.locale.lang(),
        "money_style": style.to_value(),
        "set": set,
        "labels": labels,
        "generator": concat!("Planwright ", env!("CARGO_PKG_VERSION")),
        "meta": {
            "kind": m.kind,
            "title": m.title,
            "period": m.period.as_ref().map(period),
            "year": m.period.map(|p| p.start.year),
            "organization": m.organization,
            "version": m.version,
            "prepared_by": m.prepared_by,
            "date": m.date.map(date),
            "reviewed_by": m.reviewed_by,
            "reviewed_on": m.reviewed_on.map(date),
            "approved_by": m.approved_by,
            "approved_on": m.approved_on.map(date),
            "as_of": m.as_of.map(date),
            "currency": cur.code(),
            "money_unit": m.money_unit_label,
            "confidentiality": m.confidentiality,
        },
        "chapters": chapters,
    });
    let obj = ctx.as_object_mut().expect("json! object");
    obj.insert(
        "summary".into(),
        plan.summary.as_ref().map_or(
            Value::Null,
            |s| json!({"text": s.text, "highlights": s.highlights, "asks": s.asks}),
        ),
    );
    obj.insert("review".into(), plan.review.as_ref().map_or(Value::Null, |r| json!({
        "text": r.text,
        "results": r.results.iter().zip(&figures.results).map(|(m, a)| measure(m, a, style)).collect::<Vec<_>>(),
        "highlights": r.highlights, "challenges": r.challenges, "lessons": r.lessons,
    })));
    obj.insert("market".into(), plan.market.as_ref().map_or(Value::Null, |mk| json!({
        "text": mk.text,
        "environment": mk.environment.iter().map(|f| json!({"factor": f.factor, "finding": f.finding, "target": f.target})).collect::<Vec<_>>(),
        "competitors": mk.competitors.iter().map(|c| json!({
            "name": c.name, "share": c.share.map(|s| percent(s, true)), "strength": c.strength, "move": c.mv, "ours": c.ours,
        })).collect::<Vec<_>>(),
        "competitor_share_sum": figures.competitor_share_sum.map(|s| percent(s, false)),
        "segments": mk.segments.iter().map(|s| json!({
            "name": s.name, "size": s.size, "decision": s.decision, "cycle": s.cycle, "needs": s.needs,
        })).collect::<Vec<_>>(),
    })));
    obj.insert("swot".into(), plan.swot.as_ref().map_or(Value::Null, |s| json!({
        "strengths": s.strengths, "weaknesses": s.weaknesses, "opportunities": s.opportunities, "threats": s.threats,
        "strategies": if s.so.is_empty() && s.st.is_empty() && s.wo.is_empty() && s.wt.is_empty() { Value::Null } else {
            json!({"so": s.so, "st": s.st, "wo": s.wo, "wt": s.wt})
        },
    })));
    obj.insert("targets".into(), plan.targets.as_ref().map_or(Value::Null, |t| json!({
        "total": t.total.map(|m| money(m.amount, cur, true)),
        "metrics": t.metrics.iter().zip(&figures.metric_growth).map(|(mt, g)| json!({
            "name": mt.name,
            "baseline": mt.baseline.as_ref().map(|f| figure(f, mt.unit.as_deref())),
            "target": figure(&mt.target, mt.unit.as_deref()),
            "growth": g.as_ref().map(|g| growth_value(g, mt.unit.as_deref())),
            "scale": row_scale(&[mt.baseline.as_ref(), Some(&mt.target)], None, style),
            "unit": mt.unit, "note": mt.note,
        })).collect::<Vec<_>>(),
        "breakdowns": t.breakdowns.iter().zip(&figures.breakdowns).map(|(b, bf)| json!({
            "name": b.name,
            "by_share": bf.by_share,
            "periodic": b.items.iter().all(|i| is_period_name(&i.name)),
            "items": b.items.iter().zip(&bf.items).zip(shown_shares(&bf.items.iter().map(|f| f.share).collect::<Vec<_>>(), b.items.iter().all(|i| matches!(i.portion, Portion::Amount(_))))).map(|((i, f), shown)| json!({
                "name": i.name,
                "amount": f.amount.map(|a| money(a, cur, matches!(i.portion, Portion::Amount(_)))),
                "share": shown.map(|s| percent(s, matches!(i.portion, Portion::Share(_)))),
                "cumulative": f.cumulative.map(|a| money(a, cur, false)),
                "note": i.note,
            })).collect::<Vec<_>>(),
            "amount_sum": bf.amount_sum.map(|a| money(a, cur, false)),
            "scale": col(&b.items.iter().zip(&bf.items).flat_map(|(i, f)| {
                let typed = if matches!(i.portion, Portion::Amount(_)) { Precision::Exact } else { Precision::Derived };
                [f.amount.map(|a| (a, typed)), f.cumulative.map(|c| (c, Precision::Derived))]
            }).flatten().chain(bf.amount_sum.map(|a| (a, Precision::Derived))).collect::<Vec<_>>()),
            "share_sum": bf.share_sum.map(|s| percent(s, false)),
        })).collect::<Vec<_>>(),
        "assumptions": t.assumptions,
    })));
    obj.insert(
        "history_scale".into(),
        col(&plan
            .history
            .iter()
            .map(|h| (h.sales.amount, Precision::Exact))
            .chain(
                // forecasts are rounded to four digits of the history already
                figures
                    .forecast
                    .iter()
                    .flat_map(|f| f.next.iter().map(|s| (s.base, Precision::Exact))),
            )
            .collect::<Vec<_>>()),
    );
    obj.insert(
        "history".into(),
        json!(
            plan.history
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    let growth = figures.history_growth.get(i).copied().flatten();
                    json!({
                        "period": period(&h.period),
                        "sales": money(h.sales.amount, cur, true),
                        "growth": growth.map(|g| json!({"type": "growth", "value": dec(g)})),
                    })
                })
                .collect::<Vec<_>>()
        ),
    );
    obj.insert("forecast".into(), forecast::forecast(plan, figures, labels));
    obj.insert("history_pivot".into(), forecast::pivot(plan));
    obj.insert("pacing".into(), forecast::pacing(plan, figures, labels));
    obj.insert("strategies".into(), json!(plan.strategies.iter().map(|s| json!({
        "name": s.name, "text": s.text, "measures": s.measures, "owner": s.owner, "expected": s.expected,
    })).collect::<Vec<_>>()));
    obj.insert("channels".into(), if plan.channels.is_empty() { Value::Null } else { json!({
        "items": plan.channels.iter().map(|c| json!({
            "name": c.name, "share": c.share.map(|s| percent(s, true)), "actions": c.actions,
            "expected": c.expected.map(|m| money(m.amount, cur, true)),
        })).collect::<Vec<_>>(),
        "share_sum": figures.channels.share_sum.map(|s| percent(s, false)),
        "expected_sum": figures.channels.expected_sum.map(|s| money(s, cur, false)),
        "scale": col(&plan.channels.iter().filter_map(|c| c.expected.map(|m| (m.amount, Precision::Exact)))
            .chain(figures.channels.expected_sum.map(|s| (s, Precision::Derived))).collect::<Vec<_>>()),
    })});
    obj.insert("schedule".into(), match &figures.schedule {
        None => Value::Null,
        Some(sf) => json!({
            "items": plan.schedule.iter().enumerate().map(|(i, t)| json!({
                "name": t.name, "start": date(t.start), "end": date(t.end), "days": sf.item_days[i],
                "activities": t.activities, "milestone": t.milestone, "owner": t.owner,
                "progress": sf.progress[i],
            })).collect::<Vec<_>>(),
            "start": date(sf.start), "end": date(sf.end), "days": sf.days,
            "status_date": sf.status_date.map(date),
            "elapsed": sf.elapsed.map(|e| percent(e, false)),
        }),
    });
    obj.insert("budget".into(), match (&plan.budget, &figures.budget) {
        (Some(b), Some(bf)) => {
            let categories = budget_categories(plan);
            let cat_shares = shown_shares(&categories.iter().map(|(_, a)| a.checked_div(bf.sum).filter(|_| !bf.sum.is_zero())).collect::<Vec<_>>(), true);
            let item_shares = shown_shares(&bf.shares, true);
            json!({
            "scale": col(&b.items.iter().map(|i| (i.amount.amount, Precision::Exact))
                .chain(b.total.map(|t| (t.amount, Precision::Exact)))
                .chain([(bf.sum, Precision::Derived)]).collect::<Vec<_>>()),
            "total": b.total.map(|m| money(m.amount, cur, true)),
            "sum": money(bf.sum, cur, false),
            "share_sum": bf.shares.iter().copied().try_fold(Decimal::ZERO, |a, s| a.checked_add(s?)).map(|s| percent(s, false)),
            "items": b.items.iter().zip(&item_shares).map(|(i, s)| json!({
                "name": i.name, "amount": money(i.amount.amount, cur, true),
                "share": s.map(|s| percent(s, false)), "category": i.category, "note": i.note,
            })).collect::<Vec<_>>(),
            "categories": categories.iter().zip(&cat_shares).map(|((c, a), s)| json!({"name": c, "amount": money(*a, cur, false), "share": s.map(|s| percent(s, false))})).collect::<Vec<_>>(),
        })},
        _ => Value::Null,
    });
    obj.insert(
        "kpis".into(),
        json!(
            plan.kpis
                .iter()
                .zip(&figures.kpis)
                .map(|(m, a)| measure(m, a, style))
                .collect::<Vec<_>>()
        ),
    );
    obj.insert("kpi_summary".into(), {
        let count = |st: Status| figures.kpis.iter().filter(|a| a.status == st).count();
        json!({
            "on_track": count(Status::OnTrack), "at_risk": count(Status::AtRisk),
            "off_track": count(Status::OffTrack), "pending": count(Status::Pending),
            "measured": figures.kpis.iter().filter(|a| a.status != Status::Pending).count(),
        })
    });
    obj.insert("pace".into(), match (crate::figures::as_of(plan), plan.meta.period) {
        (Some(d), Some(p)) if p.contains(d) => json!({
            "date": date(d),
            "elapsed": percent(Decimal::from(d.days() - p.start.days() + 1) / Decimal::from(p.days()), false),
        }),
        _ => Value::Null,
    });
    obj.insert("risks".into(), json!(plan.risks.iter().zip(&figures.risks).map(|(r, s)| json!({
        "name": r.name, "impact": r.impact, "likelihood": r.likelihood, "severity": r.severity,
        "response": r.response, "owner": r.owner, "score": s.score,
        "trigger": r.trigger, "contingency": r.contingency.map(|m| money(m.amount, cur, true)),
        "drill": r.drill.map(date),
        "level": match s.level { Level::High => "high", Level::Medium => "medium", Level::Low => "low" },
    })).collect::<Vec<_>>()));
    obj.insert("team".into(), plan.team.as_ref().map_or(Value::Null, |t| json!({
        "roles": t.roles.iter().map(|r| json!({
            "role": r.role, "duties": r.duties, "headcount": r.headcount.map(|h| number(h, None, true)),
            "members": r.members, "meeting": r.meeting,
        })).collect::<Vec<_>>(),
        "headcount_sum": sum_headcount(plan).map(|h| number(h, None, false)),
        "meetings": t.meetings.iter().map(|mt| json!({
            "name": mt.name, "cadence": mt.cadence, "participants": mt.participants, "purpose": mt.purpose,
        })).collect::<Vec<_>>(),
    })));
    obj.insert(
        "sections".into(),
        json!(
            plan.sections
                .iter()
                .map(|s| json!({
                    "id": s.id, "title": s.title, "body": s.body, "after": s.after,
                }))
                .collect::<Vec<_>>()
        ),
    );
    additions::add(obj, plan, figures);
    obj.insert("dashboard".into(), dashboard(plan, figures, style));
    // Charts that exist, so templates place exactly those (`chart(id=…)`).
    obj.insert(
        "charts".into(),
        Value::Object(
            charts
                .iter()
                .map(|c| {
                    let file = crate::charts::file_of(&c.id);
                    (
                        c.id.clone(),
                        json!({"title": c.title, "description": c.description, "file": file}),
                    )
                })
                .collect(),
        ),
    );
    add_table_columns(&mut ctx);
    ctx
}

/// Last period's sales, the base of the headline growth: the baseline of the money metric
/// whose target is `targets.total`, else the last `history` figure.
pub fn baseline_sales(plan: &Plan) -> Option<Decimal> {
    let total = plan.targets.as_ref()?.total?.amount;
    let from_metric =
        plan.targets.as_ref()?.metrics.iter().find_map(|m| match (&m.baseline, &m.target) {
            (Some(Figure::Money(b)), Figure::Money(t)) if t.amount == total => Some(b.amount),
            _ => None,
        });
    from_metric.or_else(|| plan.history.last().map(|h| h.sales.amount))
}

/// What the dashboard page shows: the headline target and its growth, the key metrics,
/// the top three risks by score and the decisions asked of the board; `null` when the
/// plan has none of it.
fn dashboard(plan: &Plan, figures: &Figures, style: &MoneyStyle) -> Value {
    let cur = plan.meta.currency;
    let total = plan.targets.as_ref().and_then(|t| t.total);
    let base = baseline_sales(plan).filter(|b| !b.is_zero());
    let growth = match (total, base) {
        (Some(t), Some(b)) => (t.amount - b).checked_div(b.abs()),
        _ => None,
    };
    let metrics: Vec<Value> = plan
        .targets
        .iter()
        .flat_map(|t| t.metrics.iter().zip(&figures.metric_growth))
        .take(5)
        .map(|(mt, g)| {
            json!({
                "name": mt.name,
                "baseline": mt.baseline.as_ref().map(|f| figure(f, mt.unit.as_deref())),
                "target": figure(&mt.target, mt.unit.as_deref()),
                "growth": g.as_ref().map(|g| growth_value(g, mt.unit.as_deref())),
                "scale": row_scale(&[mt.baseline.as_ref(), Some(&mt.target)], None, style),
            })
        })
        .collect();
    let mut risks: Vec<(usize, &crate::model::Risk, &crate::figures::RiskScore)> =
        plan.risks.iter().zip(&figures.risks).enumerate().map(|(i, (r, s))| (i, r, s)).collect();
    // highest score first; ties keep the plan's order
    risks.sort_by(|a, b| b.2.score.cmp(&a.2.score).then(a.0.cmp(&b.0)));
    let top_risks: Vec<Value> = risks
        .iter()
        .take(3)
        .map(|(i, r, s)| {
            json!({
                "id": format!("R{}", i + 1), "name": r.name, "score": s.score, "owner": r.owner,
                "response": r.response,
                "level": match s.level { Level::High => "high", Level::Medium => "medium", Level::Low => "low" },
            })
        })
        .collect();
    let asks = plan.summary.as_ref().map(|s| s.asks.clone()).unwrap_or_default();
    // the sales KPI (its target is the period's total): done so far and attainment
    let sales_kpi = plan.kpis.iter().zip(&figures.kpis).find(|(k, _)| {
        matches!((&k.target, total), (Some(Figure::Money(t)), Some(tt)) if t.amount == tt.amount)
    });
    let actual = sales_kpi.and_then(|(k, a)| match (&k.actual, a.ratio) {
        (Some(Figure::Money(m)), r) => Some((m.amount, r)),
        _ => None,
    });
    let budget = plan
        .budget
        .as_ref()
        .and_then(|b| b.total.map(|t| t.amount))
        .or_else(|| figures.budget.as_ref().map(|b| b.sum));
    if total.is_none() && metrics.is_empty() && top_risks.is_empty() && asks.is_empty() {
        return Value::Null;
    }
    json!({
        "total": total.map(|t| money(t.amount, cur, true)),
        "baseline": base.map(|b| money(b, cur, true)),
        "growth": growth.map(|g| json!({"type": "growth", "value": dec(g)})),
        "change": growth.map(|g| percent(g.abs(), false)),
        "up": growth.is_some_and(|g| !g.is_sign_negative()),
        "budget": budget.map(|b| money(b, cur, true)),
        "actual": actual.map(|(a, _)| money(a, cur, true)),
        "attainment": actual.and_then(|(_, r)| r).map(|r| percent(r, false)),
        "metrics": metrics,
        "top_risks": top_risks,
        "high_risks": figures.risks.iter().filter(|s| s.level == Level::High).count(),
        "asks": asks,
    })
}

/// Computed shares as a table shows them: rounded to 0.1% by largest remainder, so the
/// shown shares add up to exactly the shown total (33.4% + 33.3% + 33.3%), when every share
/// is computed and known; otherwise as they are.
pub(crate) fn shown_shares(shares: &[Option<Decimal>], computed: bool) -> Vec<Option<Decimal>> {
    let known: Option<Vec<Decimal>> = shares.iter().copied().collect();
    match known {
        Some(all) if computed && !all.is_empty() => {
            crate::shares::largest_remainder(&all, 1).into_iter().map(Some).collect()
        }
        _ => shares.to_vec(),
    }
}

/// Marks the optional columns each table needs, so templates leave out empty ones.
fn add_table_columns(ctx: &mut Value) {
    if let Some(r) = ctx.get_mut("review") {
        add_cols(r, "results", "cols", &["note", "actual"]);
    }
    if let Some(m) = ctx.get_mut("market") {
        add_cols(m, "environment", "environment_cols", &["finding", "target"]);
        add_cols(m, "competitors", "competitor_cols", &["strength", "move"]);
        add_cols(m, "segments", "segment_cols", &["size", "decision", "cycle", "needs"]);
    }
    if let Some(t) = ctx.get_mut("targets") {
        add_cols(t, "metrics", "metric_cols", &["baseline", "note"]);
        if let Some(Value::Array(bs)) = t.get_mut("breakdowns") {
            for b in bs {
                add_cols(b, "items", "cols", &["note"]);
            }
        }
    }
    if let Some(c) = ctx.get_mut("channels") {
        add_cols(c, "items", "cols", &["share", "expected", "actions"]);
    }
    if let Some(s) = ctx.get_mut("schedule") {
        add_cols(s, "items", "cols", &["activities", "milestone", "owner", "progress"]);
    }
    if let Some(b) = ctx.get_mut("budget") {
        add_cols(b, "items", "cols", &["category", "note"]);
    }
    let kpi_cols = ctx.get("kpis").and_then(Value::as_array).map(|k| cols(k, &["actual", "note"]));
    let risk_cols = ctx
        .get("risks")
        .and_then(Value::as_array)
        .map(|k| cols(k, &["impact", "response", "owner", "trigger", "contingency", "drill"]));
    let strategy_cols = ctx
        .get("strategies")
        .and_then(Value::as_array)
        .map(|k| cols(k, &["owner", "expected", "measures"]));
    if let Some(o) = ctx.as_object_mut() {
        o.insert("kpi_cols".into(), kpi_cols.unwrap_or(Value::Null));
        o.insert("risk_cols".into(), risk_cols.unwrap_or(Value::Null));
        o.insert("strategy_cols".into(), strategy_cols.unwrap_or(Value::Null));
    }
    if let Some(t) = ctx.get_mut("team") {
        add_cols(t, "roles", "role_cols", &["duties", "headcount", "members", "meeting"]);
        add_cols(t, "meetings", "meeting_cols", &["cadence", "participants", "purpose"]);
    }
}

fn sum_headcount(plan: &Plan) -> Option<Decimal> {
    let roles = &plan.team.as_ref()?.roles;
    roles.iter().all(|r| r.headcount.is_some()).then(|| {
        roles.iter().filter_map(|r| r.headcount).fold(Decimal::ZERO, Decimal::saturating_add)
    })
}

/// Budget totals per category, in first-seen order; empty when no item has a category.
fn budget_categories(plan: &Plan) -> Vec<(String, Decimal)> {
    let Some(b) = &plan.budget else { return Vec::new() };
    if b.items.iter().all(|i| i.category.is_none()) {
        return Vec::new();
    }
    let mut out: Vec<(String, Decimal)> = Vec::new();
    for i in &b.items {
        let c = i.category.clone().unwrap_or_default();
        match out.iter_mut().find(|(n, _)| *n == c) {
            // Amounts are within MAX_MONEY: a saturating sum is exact here.
            Some((_, a)) => *a = a.saturating_add(i.amount.amount),
            None => out.push((c, i.amount.amount)),
        }
    }
    out
}

/// True for names of periods (`Q1`, `H2`, `第1周`, `3月`, `Week 2`, `Jan`): such breakdowns
/// are shown in time order with a running total.
pub(crate) fn is_period_name(name: &str) -> bool {
    let n = name.trim();
    let lower = n.to_lowercase();
    let num_after = |prefix: &str| {
        lower
            .strip_prefix(prefix)
            .is_some_and(|r| !r.is_empty() && r.trim().chars().all(|c| c.is_ascii_digit()))
    };
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    num_after("q")
        || num_after("h")
        || num_after("w")
        || num_after("m")
        || num_after("week ")
        || num_after("month ")
        || num_after("quarter ")
        || (n.starts_with('第') && n.ends_with(['周', '月', '季', '旬']))
        || n.strip_suffix('月').is_some_and(|r| {
            !r.is_empty()
                && r.chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        })
        || n.strip_suffix("季度").is_some_and(|r| !r.is_empty())
        || n.strip_suffix('季').is_some_and(|r| r.starts_with('第') || r.starts_with(['上', '下']))
        || MONTHS.iter().any(|m| lower.starts_with(m))
}

/// Which optional columns of a table have any value: `{"note": true, "owner": false}`.
fn cols(items: &[Value], keys: &[&str]) -> Value {
    let map: serde_json::Map<String, Value> = keys
        .iter()
        .map(|k| {
            let any = items.iter().any(|i| match i.get(*k) {
                None | Some(Value::Null) => false,
                Some(Value::Array(a)) => !a.is_empty(),
                Some(Value::String(s)) => !s.trim().is_empty(),
                Some(_) => true,
            });
            (k.to_string(), Value::Bool(any))
        })
        .collect();
    Value::Object(map)
}

/// Adds `cols` (see [`cols`]) beside a list at `obj[list_key]` under `obj[cols_key]`.
fn add_cols(obj: &mut Value, list_key: &str, cols_key: &str, keys: &[&str]) {
    let c = match obj.get(list_key) {
        Some(Value::Array(items)) => cols(items, keys),
        _ => return,
    };
    if let Some(o) = obj.as_object_mut() {
        o.insert(cols_key.to_string(), c);
    }
}

/// The locale of a context, for filters.
pub fn locale_of(tag: &str) -> Locale {
    Locale::parse(tag).unwrap_or_default()
}
