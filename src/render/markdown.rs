//! Context → the Markdown report: each chapter rendered by its template, sub-sections
//! numbered, a table of contents built from the real headings, then the layout around them.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde_json::Value;

use crate::context::Chapter;
use crate::error::Error;
use crate::format;
use crate::limits::MAX_TEMPLATE_OUTPUT;
use crate::model::Locale;
use crate::templates::Templates;
use crate::text::{CjkSpacing, space_cjk};

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    /// 2 for chapters, 3 for sections.
    pub level: u8,
    /// Heading text, numbered.
    pub title: String,
    /// Anchor, as GitHub and our HTML generate it.
    pub anchor: String,
}

/// The Markdown report and its parts, which the HTML and PDF renderers reuse.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The whole document: cover block, contents, chapters.
    pub document: String,
    /// The chapters only, numbered.
    pub body: String,
    /// Chapter and section headings with anchors.
    pub toc: Vec<TocEntry>,
    /// The plan's template context as the chapters saw it (without `toc` and `body`): the
    /// HTML layout reuses it instead of converting the plan's context again.
    pub context: tera::Context,
}

/// Renders the whole report for `set` from a built context.
pub fn render(
    templates: &Templates,
    set: &str,
    ctx: &Value,
    locale: Locale,
) -> Result<String, Error> {
    render_parts(templates, set, ctx, locale).map(|r| r.document)
}

/// Renders the report and keeps its parts.
pub fn render_parts(
    templates: &Templates,
    set: &str,
    ctx: &Value,
    locale: Locale,
) -> Result<Rendered, Error> {
    render_prepared(templates, set, prepare(templates, set, ctx)?, ctx, locale)
}

/// A report's context converted for Tera, with the chapters it lists: the part of
/// [`render_parts`] that needs no compiled template, so it can run while they compile.
pub struct Prepared {
    layout: String,
    chapters: Vec<Chapter>,
    sections: Vec<Value>,
    base: tera::Context,
}

/// Converts `ctx` for the templates of `set` (an unknown set is an error here).
pub fn prepare(templates: &Templates, set: &str, ctx: &Value) -> Result<Prepared, Error> {
    let Some(layout) = templates.layout(set) else {
        return Err(Error::UnknownSet {
            set: set.to_string(),
            available: templates.sets().join(", "),
        });
    };
    let chapters: Vec<Chapter> =
        serde_json::from_value(ctx.get("chapters").cloned().unwrap_or(Value::Null))
            .unwrap_or_default();
    let sections = ctx.get("sections").and_then(Value::as_array).cloned().unwrap_or_default();
    // Converted once; clones share their values, so each chapter only adds its own keys.
    let base = tera::Context::from_serialize(ctx).map_err(|e| Error::Render {
        name: layout.clone(),
        message: e.to_string(),
        place: crate::error::Place::none(),
    })?;
    Ok(Prepared { layout, chapters, sections, base })
}

/// [`render_parts`] from a context [`prepare`]d already.
pub fn render_prepared(
    templates: &Templates,
    set: &str,
    prepared: Prepared,
    ctx: &Value,
    locale: Locale,
) -> Result<Rendered, Error> {
    let Prepared { layout, chapters, sections, base } = prepared;
    let render_one = |ch: &Chapter| -> Result<(String, String), Error> {
        let name = if ch.custom { "section" } else { ch.id.as_str() };
        let template = templates.resolve(set, name).ok_or_else(|| Error::Render {
            name: format!("chapters/{name}.md"),
            message: "template not found".into(),
            place: crate::error::Place::none(),
        })?;
        let mut c = base.clone();
        c.insert("chapter", ch);
        if ch.custom {
            let section =
                sections.iter().find(|s| s.get("id").and_then(Value::as_str) == Some(&ch.id));
            c.insert("section", &section.cloned().unwrap_or(Value::Null));
        }
        let text = templates.render(set, &template, &c)?;
        Ok((template, number_sections(&tidy(&text), ch.number, locale)))
    };
    // Chapters render on every free core. Once the chapters done pass the report's bound,
    // the rest wait for the in-order pass below, which stops where one at a time would have.
    let done = AtomicUsize::new(0);
    let parts: Vec<Option<Result<(String, String), Error>>> = chapters
        .par_iter()
        .map(|ch| {
            if done.load(Ordering::Relaxed) > MAX_TEMPLATE_OUTPUT {
                return None;
            }
            let part = render_one(ch);
            if let Ok((_, text)) = &part {
                done.fetch_add(text.len(), Ordering::Relaxed);
            }
            Some(part)
        })
        .collect();
    let mut body = String::new();
    for (ch, part) in chapters.iter().zip(parts) {
        let (template, text) = part.unwrap_or_else(|| render_one(ch))?;
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(text.trim());
        // Each template is bounded; so is the report they make together.
        if body.len() > MAX_TEMPLATE_OUTPUT {
            return Err(Error::TemplateOutput { name: template, limit: MAX_TEMPLATE_OUTPUT });
        }
    }
    // the set's dashboard (its own `dashboard.md`), unnumbered, before the chapters
    let own_dashboard = format!("{set}/dashboard.md");
    let has_dashboard = ctx.get("dashboard").is_some_and(|d| !d.is_null());
    if has_dashboard && templates.resolve(set, "dashboard").as_deref() == Some(&own_dashboard) {
        let text = tidy(&templates.render(set, &own_dashboard, &base)?);
        if !text.trim().is_empty() {
            body = format!("{}\n\n{body}", text.trim());
        }
    }
    let spacing = spacing_of(ctx, locale);
    let body = apply_spacing(&body, spacing);
    let toc = headings(&body);
    let mut c = base.clone();
    c.insert("toc", &toc);
    c.insert("body", &body);
    let document = apply_spacing(&tidy(&templates.render(set, &layout, &c)?), spacing) + "\n";
    Ok(Rendered { document, body, toc, context: base })
}

/// The spacing rule between Chinese and Latin text: the `cjk_spacing` label of the
/// template set (`tight`, `spaced` or `as-written`); English text is left as written.
fn spacing_of(ctx: &Value, locale: Locale) -> CjkSpacing {
    if locale == Locale::En {
        return CjkSpacing::AsWritten;
    }
    ctx.get("labels")
        .and_then(|l| l.get("cjk_spacing"))
        .and_then(Value::as_str)
        .and_then(CjkSpacing::parse)
        .unwrap_or_default()
}

/// Applies the spacing rule to every line of a Markdown text but code blocks, so plan
/// text and generated text follow one rule (`2025年`, `1.2亿元`).
pub fn apply_spacing(md: &str, mode: CjkSpacing) -> String {
    if mode == CjkSpacing::AsWritten {
        return md.to_string();
    }
    let mut out = String::with_capacity(md.len());
    let mut fence = false;
    for (i, line) in md.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            out.push_str(line);
        } else if fence || line.starts_with("    ") && !t.starts_with(['-', '*', '|']) {
            out.push_str(line);
        } else {
            out.push_str(&space_cjk(line, mode));
        }
    }
    out
}

/// Collapses runs of blank lines and trailing spaces left by template tags (not in code).
pub fn tidy(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut blank = 0;
    let mut fence = false;
    for line in md.lines() {
        let line = if fence { line } else { line.trim_end() };
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fence = !fence;
        }
        if line.is_empty() && !fence {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Numbers the `###` headings of chapter `n`: `（一）…` in Chinese, `n.1 …` in English.
fn number_sections(md: &str, n: usize, locale: Locale) -> String {
    let mut k = 0;
    let mut fence = false;
    md.lines()
        .map(|line| {
            if line.starts_with("```") || line.starts_with("~~~") {
                fence = !fence;
            }
            match line.strip_prefix("### ") {
                Some(title) if !fence => {
                    k += 1;
                    match locale {
                        l if l.is_chinese() => {
                            format!("### （{}）{title}", format::zh_numeral(k))
                        }
                        _ => format!("### {n}.{k} {title}"),
                    }
                }
                _ => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Markdown dialect of the report (GFM tables, footnotes, strikethrough, task lists),
/// shared by everything that parses it.
pub fn options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// The anchors of one document's headings, as GitHub makes them: the slug of the text,
/// and `-1`, `-2`, … on repeats. The TOC, the HTML ids and the PDF links all take their
/// anchors from here, walking the headings in document order, so they always agree.
#[derive(Debug, Default)]
pub struct Anchors(std::collections::HashMap<String, usize>);

impl Anchors {
    /// The anchor of the next heading whose plain text is `text`.
    pub fn next(&mut self, text: &str) -> String {
        let base = slug(text);
        let n = self.0.entry(base.clone()).or_insert(0);
        let anchor = if *n > 0 { format!("{base}-{n}") } else { base };
        *n += 1;
        anchor
    }
}

/// The chapter (`##`) and section (`###`) headings of the report body, with anchors counted
/// over every heading of the body (deeper ones from plan Markdown included).
fn headings(md: &str) -> Vec<TocEntry> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut anchors = Anchors::default();
    let mut out = Vec::new();
    let mut current: Option<(u8, String)> = None;
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((level as u8, String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = current.take() {
                    let title = text.trim().to_string();
                    let anchor = anchors.next(&title);
                    if (2..=3).contains(&level) {
                        out.push(TocEntry { level, title, anchor });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// GitHub's heading anchor: lowercase, punctuation dropped, spaces to `-`.
pub fn slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_like_github() {
        assert_eq!(slug("一、执行摘要"), "一执行摘要");
        assert_eq!(slug("（一）总体目标"), "一总体目标");
        assert_eq!(slug("1. Executive summary"), "1-executive-summary");
        assert_eq!(slug("5.1 Overall targets"), "51-overall-targets");
    }

    #[test]
    fn numbers_sections_per_locale() {
        let md = "## 五、销售目标\n### 总体目标\n```\n### not\n```\n### 目标分解";
        let zh = number_sections(md, 5, Locale::ZhCn);
        assert!(
            zh.contains("### （一）总体目标")
                && zh.contains("### （二）目标分解")
                && zh.contains("### not")
        );
        assert!(number_sections(md, 5, Locale::En).contains("### 5.2 目标分解"));
    }

    #[test]
    fn tidy_collapses_blank_lines() {
        assert_eq!(tidy("a  \n\n\n\nb\n"), "a\n\nb");
    }
}
