//! Plan + its Markdown report → what the PDF is made from: cover facts, metadata, running
//! header and footer, in the plan's language.

use std::collections::BTreeMap;

use super::{Cover, DocInfo, Input};
use crate::format;
use crate::model::Plan;
use crate::model::date::Date;

/// The PDF input of a valid plan whose Markdown report is `markdown`.
pub fn input(plan: &Plan, markdown: String, labels: &BTreeMap<String, String>) -> Input {
    let m = &plan.meta;
    let label = |k: &str| labels.get(k).cloned().unwrap_or_else(|| k.to_string());
    let zh = m.locale.is_chinese();
    let period = m.period.as_ref().map(|p| format::period(p, m.locale));
    let mut fields = Vec::new();
    if let Some(v) = &m.version {
        fields.push((label("version"), v.clone()));
    }
    if let Some(v) = &m.prepared_by {
        fields.push((label("prepared_by"), v.clone()));
    }
    if let Some(d) = m.date {
        fields.push((label("date"), format::date(d, m.locale)));
    }
    if let Some(d) = m.as_of {
        fields.push((label("as_of"), format::date(d, m.locale)));
    }
    let cover = Cover {
        title: m.title.clone(),
        organization: m.organization.clone(),
        // the year once: under the title unless the title already says it
        period: period
            .clone()
            .filter(|_| !m.period.is_some_and(|p| m.title.contains(&p.start.year.to_string()))),
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
            period,
            Some(labels.get(&format!("set_{}", m.kind)).cloned().unwrap_or_else(|| m.kind.clone())),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · "),
        lang: m.locale.lang().to_string(),
        date: pdf_date(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(), m.date),
        header_right: m.confidentiality.clone(),
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
