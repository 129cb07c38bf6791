//! Plan + its Markdown report → what the PDF is made from: cover facts, metadata, running
//! header and footer, in the plan's language.

use std::collections::BTreeMap;

use super::theme::CoverStyle;
use super::{Cover, DocInfo, Input};
use crate::format;
use crate::model::Plan;
use crate::model::date::Date;

/// The PDF input of a valid plan whose Markdown report is `markdown`, with the default
/// cover.
pub fn input(plan: &Plan, markdown: String, labels: &BTreeMap<String, String>) -> Input {
    input_styled(plan, markdown, labels, &CoverStyle::default())
}

/// [`input`], with the cover's fields, their order and its lines chosen by the theme.
pub fn input_styled(
    plan: &Plan,
    markdown: String,
    labels: &BTreeMap<String, String>,
    style: &CoverStyle,
) -> Input {
    let m = &plan.meta;
    let label = |k: &str| labels.get(k).cloned().unwrap_or_else(|| k.to_string());
    let zh = m.locale.is_chinese();
    let period = m.period.as_ref().map(|p| format::period(p, m.locale));
    let date = |d: Option<Date>| d.map(|d| format::date(d, m.locale));
    let fields = style
        .fields
        .iter()
        .filter_map(|id| {
            let value = match id.as_str() {
                "version" => m.version.clone(),
                "prepared_by" => m.prepared_by.clone(),
                "date" => date(m.date),
                "as_of" => date(m.as_of),
                "reviewed_by" => m.reviewed_by.clone(),
                "reviewed_on" => date(m.reviewed_on),
                "approved_by" => m.approved_by.clone(),
                "approved_on" => date(m.approved_on),
                _ => None,
            }?;
            Some((label(id), value))
        })
        .collect();
    let cover = Cover {
        title: m.title.clone(),
        organization: m.organization.clone().filter(|_| style.organization),
        // the year once: under the title unless the title already says it
        period: period.clone().filter(|_| {
            style.period && !m.period.is_some_and(|p| m.title.contains(&p.start.year.to_string()))
        }),
        fields,
        confidentiality: m.confidentiality.clone(),
        confidentiality_label: label("confidentiality"),
        colon: label("colon"),
    };
    let info = DocInfo {
        title: m.title.clone(),
        author: m.organization.clone().unwrap_or_default(),
        // `2024年度 · 年度销售计划`: the set's name in the plan's language when labelled.
        subject: [
            period.clone(),
            Some(labels.get(&format!("set_{}", m.kind)).cloned().unwrap_or_else(|| m.kind.clone())),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · "),
        lang: m.locale.lang().to_string(),
        date: pdf_date(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(), m.date),
        header_right: m.confidentiality.clone(),
        organization: m.organization.clone(),
        period: period.clone(),
        footer: label("page_footer"),
        generator: concat!("Planwright ", env!("CARGO_PKG_VERSION")).to_string(),
    };
    // the matrices a template draws (SWOT and its strategies), known by their headers
    let matrices = [("strengths", "weaknesses"), ("so", "wo")]
        .iter()
        .map(|(a, b)| [label(a), label(b)])
        .collect();
    // the annual set's dashboard is the board's one page; the monthly one heads page one
    let dashboard_page = (m.kind == "annual").then(|| label("dashboard"));
    let traditional = m.locale.is_traditional();
    Input {
        markdown,
        cover,
        info,
        contents_title: label("toc"),
        contents_continued: label("toc_continued"),
        zh,
        traditional,
        matrices,
        dashboard_page,
    }
}

/// The PDF's date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the plan's
/// date, else none; never the clock.
fn pdf_date(epoch: Option<&str>, plan_date: Option<Date>) -> Option<String> {
    if let Some(secs) = epoch.and_then(|s| s.trim().parse::<i64>().ok()) {
        let d = Date::from_days(secs.div_euclid(86_400));
        let rem = secs.rem_euclid(86_400);
        return Some(format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
            d.year,
            d.month,
            d.day,
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        ));
    }
    plan_date.map(|d| format!("D:{:04}{:02}{:02}000000Z", d.year, d.month, d.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_source_date_epoch_or_the_plan() {
        assert_eq!(pdf_date(Some("1704672000"), None).as_deref(), Some("D:20240108000000Z"));
        assert_eq!(pdf_date(Some("90061"), None).as_deref(), Some("D:19700102010101Z"));
        assert_eq!(pdf_date(None, Date::parse("2024-01-08")).as_deref(), Some("D:20240108000000Z"));
        assert_eq!(pdf_date(None, None), None);
    }
}
