//! Rendered Markdown → one self-contained HTML page: CSS and charts inline, no requests.
//!
//! The chapters' Markdown goes through pulldown-cmark (GFM tables, footnotes, strikethrough,
//! task lists), then ammonia, so raw HTML from the plan can never become live markup; only
//! after sanitising are our own trusted pieces added (chart SVG, table classes, status chips).
//! A body of plain Markdown only (no raw HTML but `<br>`, no links, …: see `plain`) skips
//! ammonia, which would give it back unchanged: parsing and rewriting a whole report's HTML
//! took it 1–2 ms of a single report's run.

use std::collections::{BTreeMap, HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::RenderedChart as Chart;

/// The report's charts by id, borrowed from the renderer (the SVGs are not copied).
pub type Charts<'a> = BTreeMap<&'a str, &'a Chart>;

/// `charts` by their ids.
pub fn by_id(charts: &[Chart]) -> Charts<'_> {
    charts.iter().map(|c| (c.id.as_str(), c)).collect()
}
use super::markdown::{Anchors, Rendered};
use crate::error::Error;
use crate::templates::Templates;
use crate::text::is_cjk;

/// Renders the HTML page of a plan from its rendered Markdown (and the context it was
/// rendered with).
pub fn render(
    templates: &Templates,
    set: &str,
    labels: &BTreeMap<String, String>,
    md: &Rendered,
    charts: &Charts<'_>,
) -> Result<String, Error> {
    let body = body_html(md, labels, charts);
    let layout = templates.html_layout(set);
    let mut c = md.context.clone();
    c.insert("toc", &md.toc);
    c.insert("body", &body);
    templates.render(set, &layout, &c)
}

/// The report body as sanitised HTML, with heading ids matching the TOC anchors.
pub fn body_html(md: &Rendered, labels: &BTreeMap<String, String>, charts: &Charts<'_>) -> String {
    let (raw, anchors, plain) = markdown_to_html(&md.body, charts);
    let clean = if plain {
        let same = sanitised_form(&raw);
        debug_assert_eq!(
            same,
            sanitize(&raw, &anchors, charts),
            "plain Markdown the sanitiser changes"
        );
        same
    } else {
        sanitize(&raw, &anchors, charts)
    };
    enhance(&clean, labels, charts)
}

/// Soft line breaks next to Chinese text are dropped; elsewhere they stay spaces.
fn join_cjk_lines<'a>(events: Vec<Event<'a>>) -> Vec<Event<'a>> {
    let text_end = |e: &Event| match e {
        Event::Text(t) | Event::Code(t) => t.chars().last(),
        _ => None,
    };
    let text_start = |e: &Event| match e {
        Event::Text(t) | Event::Code(t) => t.chars().next(),
        _ => None,
    };
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    for i in 0..events.len() {
        if matches!(events[i], Event::SoftBreak) {
            let before = out.last().and_then(text_end);
            let after = events.get(i + 1).and_then(text_start);
            if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) {
                continue;
            }
        }
        out.push(events[i].clone());
    }
    out
}

/// The HTML of `md`, the heading ids it gave (the only ids the page's headings keep), and
/// whether every event was [`plain`].
fn markdown_to_html(md: &str, charts: &Charts<'_>) -> (String, HashSet<String>, bool) {
    let mut ids = HashSet::new();
    let mut events: Vec<Event> = Vec::new();
    let mut anchors = Anchors::default();
    let mut heading: Option<(HeadingLevel, Vec<Event>)> = None;
    let mut all_plain = true;
    let mut in_image = false;
    for ev in join_cjk_lines(Parser::new_ext(md, super::markdown::options()).collect()) {
        all_plain = all_plain && plain(&ev, charts, in_image);
        match &ev {
            Event::Start(Tag::Image { .. }) => in_image = true,
            Event::End(TagEnd::Image) => in_image = false,
            _ => {}
        }
        match ev {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, Vec::new())),
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, inner)) = heading.take() else { continue };
                let text: String = inner
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let id = anchors.next(text.trim());
                ids.insert(id.clone());
                let tag = heading_tag(level);
                events.push(Event::Html(CowStr::from(format!("<{tag} id=\"{id}\">"))));
                events.extend(inner);
                events.push(Event::Html(CowStr::from(format!("</{tag}>\n"))));
            }
            other => match heading.as_mut() {
                Some((_, inner)) => inner.push(other),
                None => events.push(other),
            },
        }
    }
    let mut out = String::with_capacity(md.len() * 2);
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    (out, ids, all_plain)
}

/// True for an event of plain Markdown: one pulldown-cmark turns into tags and attributes
/// [`sanitize`] keeps as they are, and whose text its serialiser writes the same. A body of
/// such events only is left as pulldown-cmark wrote it ([`sanitised_form`]): sanitising it
/// would change nothing (debug builds, and so the tests, check every such body). Anything
/// else sends the whole body through the sanitiser: raw HTML (but `<br>`), links (the
/// sanitiser vets their addresses and marks them `noopener`), footnotes, code with a
/// language class, lists not starting at 1, `#` titles, images but the report's own charts,
/// and text it would escape differently (a no-break space; `<`, `>`, `&` or quotes in an
/// image's text, which become attributes).
fn plain(ev: &Event, charts: &Charts<'_>, in_image: bool) -> bool {
    use pulldown_cmark::{CodeBlockKind, LinkType};
    let text =
        |t: &str| !(t.contains('\u{a0}') || in_image && t.contains(['<', '>', '&', '"', '\'']));
    match ev {
        Event::Text(t) | Event::Code(t) => text(t),
        Event::Html(h) | Event::InlineHtml(h) => matches!(h.trim(), "<br>" | "<br/>" | "<br />"),
        Event::SoftBreak | Event::HardBreak | Event::Rule | Event::TaskListMarker(_) => true,
        Event::Start(tag) => match tag {
            Tag::Paragraph
            | Tag::BlockQuote(None)
            | Tag::HtmlBlock
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::List(None | Some(1)) => true,
            Tag::Heading { level, id, classes, attrs } => {
                *level != HeadingLevel::H1 && id.is_none() && classes.is_empty() && attrs.is_empty()
            }
            Tag::CodeBlock(CodeBlockKind::Indented) => true,
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => info.is_empty(),
            Tag::Image { link_type: LinkType::Inline, dest_url, title, .. } => {
                own_chart(dest_url, charts).is_some() && !title.contains(['<', '>', '&', '"', '\''])
            }
            _ => false,
        },
        Event::End(_) => true,
        _ => false,
    }
}

/// Plain Markdown's HTML as the sanitiser writes it back: void elements without the `/`
/// (`<br>`, `<hr>`, `<img …>`, `<input …>`). In such HTML a `/>` only ever ends a tag:
/// text and attribute values have their `>` escaped.
fn sanitised_form(html: &str) -> String {
    html.replace(" />", ">").replace("/>", ">")
}

/// Classes the Markdown converter itself writes (footnotes); plan HTML may use no other,
/// so it cannot dress text up as a status chip or a chart.
const OWN_CLASSES: [&str; 3] =
    ["footnote-definition", "footnote-reference", "footnote-definition-label"];

/// True for a link or image address that leaves the page's own origin without saying so:
/// `//host/x` and `\\host\x` are protocol-relative.
fn protocol_relative(url: &str) -> bool {
    let t = url.trim_start();
    t.starts_with("//") || t.starts_with("\\\\") || t.starts_with("/\\") || t.starts_with("\\/")
}

/// `charts/<id>.svg` of a chart this report has: the one image source the page keeps
/// (it becomes the inline SVG; nothing is loaded).
fn own_chart<'c>(src: &str, charts: &Charts<'c>) -> Option<&'c Chart> {
    let id = src.strip_prefix("charts/")?.strip_suffix(".svg")?;
    charts.get(id).copied()
}

fn heading_tag(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

/// Keeps structure and text, drops scripts, event handlers, frames and `javascript:` links,
/// protocol-relative links, every image that is not one of the report's own charts, and
/// ids and classes that are not the converter's own (a plan's `id="chart-budget"` would
/// collide with the page's).
fn sanitize(html: &str, anchors: &HashSet<String>, charts: &Charts<'_>) -> String {
    let used = std::sync::Mutex::new(HashSet::<String>::new());
    // The filter outlives this call in ammonia's types: it owns what it reads.
    let anchors = anchors.clone();
    let chart_srcs: HashSet<String> = charts.keys().map(|id| format!("charts/{id}.svg")).collect();
    let tags: HashSet<&str> = [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "del",
        "div",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "input",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "section",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
    .into_iter()
    .collect();
    let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
    for tag in ["h2", "h3", "h4", "h5", "h6"] {
        attrs.insert(tag, ["id"].into_iter().collect());
    }
    attrs.insert("a", ["href", "title", "id"].into_iter().collect());
    attrs.insert("img", ["src", "alt", "title"].into_iter().collect());
    attrs.insert("th", ["style"].into_iter().collect());
    attrs.insert("td", ["style"].into_iter().collect());
    attrs.insert("input", ["type", "checked", "disabled"].into_iter().collect());
    attrs.insert("li", ["id"].into_iter().collect());
    attrs.insert("sup", ["id", "class"].into_iter().collect());
    attrs.insert("div", ["id", "class"].into_iter().collect());
    ammonia::Builder::default()
        .tags(tags)
        .tag_attributes(attrs)
        .attribute_filter(move |element, attribute, value| match (element, attribute) {
            ("th" | "td", "style") => {
                matches!(value, "text-align: right" | "text-align: center" | "text-align: left")
                    .then_some(value.into())
            }
            ("input", "type") => (value == "checkbox").then_some(value.into()),
            // Only our chart files may be images: nothing is loaded from outside the page.
            ("img", "src") => chart_srcs.contains(value).then_some(value.into()),
            ("a", "href") => (!protocol_relative(value)).then_some(value.into()),
            // A heading keeps the anchor the contents link to, once.
            ("h2" | "h3" | "h4" | "h5" | "h6", "id") => {
                let fresh = anchors.contains(value)
                    && used.lock().map(|mut u| u.insert(value.to_string())).unwrap_or(false);
                fresh.then_some(value.into())
            }
            (_, "id") => {
                (!value.starts_with("chart-") && !anchors.contains(value)).then_some(value.into())
            }
            (_, "class") => OWN_CLASSES.contains(&value).then_some(value.into()),
            _ => Some(value.into()),
        })
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(html)
        .to_string()
}

/// Adds what the sanitiser would not let through from the plan but we trust from ourselves:
/// table classes and scopes, totals rows, status chips, inline charts.
fn enhance(html: &str, labels: &BTreeMap<String, String>, charts: &Charts<'_>) -> String {
    let mut s = replace_each(
        html,
        '<',
        &[
            ("<th style=\"text-align: right\">", "<th scope=\"col\" class=\"num\">"),
            ("<th style=\"text-align: center\">", "<th scope=\"col\" class=\"center\">"),
            ("<th style=\"text-align: left\">", "<th scope=\"col\">"),
            ("<th>", "<th scope=\"col\">"),
            ("<td style=\"text-align: right\">", "<td class=\"num\">"),
            ("<td style=\"text-align: center\">", "<td class=\"center\">"),
            ("<td style=\"text-align: left\">", "<td>"),
            ("<table>", "<div class=\"table-wrap\"><table>"),
            ("</table>", "</table></div>"),
        ],
    );
    s = mark_tiles(&s);
    s = span_groups(&s);
    // 2×2 matrices (SWOT and its strategies): a two-column table headed by the labels of
    // their top quadrants, as the Markdown spacing rule left them
    let spacing = labels
        .get("cjk_spacing")
        .and_then(|m| crate::text::CjkSpacing::parse(m))
        .unwrap_or(crate::text::CjkSpacing::AsWritten);
    for (a, b) in [("strengths", "weaknesses"), ("so", "wo")] {
        if let (Some(a), Some(b)) = (labels.get(a), labels.get(b)) {
            let (a, b) = (crate::text::space_cjk(a, spacing), crate::text::space_cjk(b, spacing));
            s = s.replace(
                &format!(
                    "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>",
                    escape(&a),
                    escape(&b)
                ),
                &format!(
                    "<div class=\"table-wrap matrix-wrap\"><table class=\"matrix\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>",
                    escape(&a),
                    escape(&b)
                ),
            );
        }
    }
    if let Some(total) = labels.get("total") {
        s = s.replace(
            &format!("<tr><td><strong>{}</strong></td>", escape(total)),
            &format!(
                "<tr class=\"total\"><th scope=\"row\"><strong>{}</strong></th>",
                escape(total)
            ),
        );
    }
    // status chips, then level chips (a level cell a status chip took stays as it is)
    let chips = |pattern: fn(&str) -> String, keys: &[(&str, &str)]| -> Vec<(String, String)> {
        keys.iter()
            .filter_map(|(key, class)| {
                let text = escape(labels.get(*key)?);
                let chip = format!("<span class=\"chip {class}\">{text}</span>");
                Some((pattern(&text), pattern(&chip)))
            })
            .collect()
    };
    let statuses = [
        ("on_track", "on"),
        ("at_risk", "risk"),
        ("off_track", "off"),
        ("pending", "pending"),
        ("met", "on"),
        ("missed", "off"),
    ];
    s = replace_each(&s, '>', &chips(|t| format!(">{t}</td>"), &statuses));
    let levels = [("level_high", "off"), ("level_medium", "risk"), ("level_low", "on")];
    s = replace_each(&s, '<', &chips(|t| format!("<td>{t}</td>"), &levels));
    inline_charts(&s, charts)
}

/// `text` with each `(from, to)` replaced in one pass (every `from` starts with `lead`);
/// where two start at one place, the first listed wins. The same as replacing them one
/// after another when no `to` makes a new `from`, as with the tags and cells here.
fn replace_each<S: AsRef<str>>(text: &str, lead: char, pairs: &[(S, S)]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let (mut copied, mut from) = (0, 0);
    while let Some(found) = text[from..].find(lead) {
        let at = from + found;
        let hit = pairs
            .iter()
            .map(|(old, new)| (old.as_ref(), new.as_ref()))
            .find(|(old, _)| !old.is_empty() && text[at..].starts_with(old));
        match hit {
            Some((old, new)) => {
                out.push_str(&text[copied..at]);
                out.push_str(new);
                copied = at + old.len();
                from = copied;
            }
            None => from = at + lead.len_utf8(),
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// A group heading row (`| **塔身（主力）** | | |`: a bold first cell and nothing else)
/// becomes one header cell across the row, so its words do not wrap in the first column.
fn span_groups(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<tr><td><strong>") {
        out.push_str(&rest[..at]);
        let row = &rest[at..];
        let Some(end) = row.find("</tr>") else {
            rest = row;
            break;
        };
        let (cells, after) = (&row[..end], &row[end + "</tr>".len()..]);
        let first_end = cells.find("</strong></td>").map(|e| e + "</strong></td>".len());
        let grouped = first_end.and_then(|e| {
            let head = &cells["<tr><td><strong>".len()..e - "</strong></td>".len()];
            let others = &cells[e..];
            let n = others.matches("<td").count();
            let empty = others
                .replace("<td class=\"num\"></td>", "")
                .replace("<td class=\"center\"></td>", "")
                .replace("<td></td>", "");
            (n > 0 && empty.trim().is_empty() && !head.contains('<')).then_some((head, n + 1))
        });
        match grouped {
            Some((head, span)) => {
                out.push_str(&format!(
                    "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{span}\"><strong>{head}</strong></th></tr>"
                ));
                rest = after;
            }
            None => {
                out.push_str(&row[..end + "</tr>".len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A table with one row whose columns are all centred is a row of figure tiles (the
/// dashboard's headline figures): it gets the `tiles` class.
fn mark_tiles(html: &str) -> String {
    const OPEN: &str = "<div class=\"table-wrap\"><table>";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let table = &rest[at..];
        let end = table.find("</table>").map_or(table.len(), |e| e + "</table>".len());
        let (t, after) = table.split_at(end);
        let heads = t.matches("<th scope=\"col\"").count();
        let centred = t.matches("<th scope=\"col\" class=\"center\">").count();
        let rows = t.split("<tbody>").nth(1).map_or(0, |b| b.matches("<tr>").count());
        if heads >= 2 && heads == centred && rows == 1 {
            // each figure carries its label, for the phone layout that stacks the tiles
            let labels: Vec<&str> = t
                .split("<th scope=\"col\" class=\"center\">")
                .skip(1)
                .map(|h| h.split("</th>").next().unwrap_or(""))
                .collect();
            let mut tiles =
                t.replacen(OPEN, "<div class=\"table-wrap tiles-wrap\"><table class=\"tiles\">", 1);
            for label in labels {
                tiles = tiles.replacen(
                    "<td class=\"center\">",
                    &format!("<td class=\"tile\" data-label=\"{}\">", label.replace('"', "&quot;")),
                    1,
                );
            }
            out.push_str(&tiles);
        } else {
            out.push_str(t);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `<p><img src="charts/x.svg" …></p>` → `<figure>` holding the SVG itself. Any other
/// `<img>` (the sanitiser has already dropped its source) is removed, its text alternative
/// kept as text: nothing on the page loads an image.
fn inline_charts(html: &str, charts: &Charts<'_>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<img") {
        let Some(len) = rest[start..].find('>') else { break };
        let tag = &rest[start..start + len + 1];
        let src = attr_of(tag, "src");
        let (mut before, mut after) = (&rest[..start], &rest[start + len + 1..]);
        let wrapped = before.ends_with("<p>") && after.starts_with("</p>");
        match src.as_deref().and_then(|s| Some((s, own_chart(s, charts)?))) {
            Some((src, c)) => {
                if wrapped {
                    before = &before[..before.len() - 3];
                    after = &after[4..];
                }
                out.push_str(before);
                let id = src.trim_start_matches("charts/").trim_end_matches(".svg");
                out.push_str(&figure(id, c));
            }
            None => {
                out.push_str(before);
                let alt = attr_of(tag, "alt").unwrap_or_default();
                if !alt.is_empty() {
                    out.push_str(&format!("<span class=\"missing-chart\">{alt}</span>"));
                }
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in one sanitised tag (ammonia writes `name="…"`).
fn attr_of(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    tag.split(&key).nth(1).and_then(|a| a.split('"').next()).map(str::to_string)
}

fn figure(id: &str, c: &Chart) -> String {
    let wide = inline_svg(&c.svg, id, c, "chart-wide");
    // On a phone the page swaps in the narrow layout (CSS), so chart text stays legible.
    let narrow = if c.narrow.is_empty() {
        String::new()
    } else {
        inline_svg(&c.narrow, &format!("{id}-narrow"), c, "chart-narrow")
    };
    // The title is drawn in the chart and named by its `<title>`: no caption repeats it.
    format!("<figure class=\"chart\" id=\"chart-{id}\">{wide}{narrow}</figure>\n")
}

/// An SVG document as an element of the page, with a class and an accessible name.
fn inline_svg(svg: &str, id: &str, c: &Chart, class: &str) -> String {
    let svg = svg.trim_start_matches(|ch: char| ch != '<');
    let svg = svg
        .strip_prefix("<?xml")
        .map_or(svg, |s| s.split_once("?>").map_or(s, |(_, r)| r))
        .trim_start();
    let Some(rest) = svg.strip_prefix("<svg") else { return svg.to_string() };
    let svg = format!("<svg class=\"{class}\"{rest}");
    let (title_id, desc_id) = (format!("chart-{id}-title"), format!("chart-{id}-desc"));
    // Give the SVG an accessible name and description, unless it carries its own.
    match svg.find('>') {
        Some(end) if !svg[..end].contains("role=") => format!(
            "{} role=\"img\" aria-labelledby=\"{title_id} {desc_id}\"><title id=\"{title_id}\">{}</title><desc id=\"{desc_id}\">{}</desc>{}",
            &svg[..end],
            escape(&c.title),
            escape(&c.description),
            &svg[end + 1..]
        ),
        _ => svg,
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_replaces_as_one_replace_after_another() {
        let html = "<table><thead><tr><th>a</th><th style=\"text-align: right\">b</th></tr>\
                    </thead><tbody><tr><td>在轨</td><td style=\"text-align: right\">1</td></tr>\
                    <tr><td>高</td><td>风险</td></tr></tbody></table><p>x < y</p>";
        let pairs = [
            ("<th style=\"text-align: right\">", "<th scope=\"col\" class=\"num\">"),
            ("<th>", "<th scope=\"col\">"),
            ("<td style=\"text-align: right\">", "<td class=\"num\">"),
            ("<table>", "<div class=\"table-wrap\"><table>"),
            ("</table>", "</table></div>"),
            ("<td>高</td>", "<td><b>高</b></td>"),
        ];
        let one_by_one = pairs.iter().fold(html.to_string(), |s, (a, b)| s.replace(a, b));
        assert_eq!(replace_each(html, '<', &pairs), one_by_one);
        assert_eq!(replace_each("无标签", '<', &pairs), "无标签");
        assert_eq!(replace_each(">在轨</td>", '>', &[(">在轨</td>", ">!</td>")]), ">!</td>");
    }

    #[test]
    fn group_heading_rows_span_the_table() {
        let html = "<table><tbody><tr><td><strong>塔尖（旗舰款）</strong></td><td class=\"num\"></td><td></td></tr>\
                    <tr><td><strong>合计</strong></td><td class=\"num\">9</td><td></td></tr><tr><td><strong>x</strong>";
        let out = span_groups(html);
        assert!(
            out.contains("<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"3\"><strong>塔尖（旗舰款）</strong></th></tr>"),
            "{out}"
        );
        // a row with figures is no group; an unclosed row is kept as written
        assert!(
            out.contains("<tr><td><strong>合计</strong></td><td class=\"num\">9</td>"),
            "{out}"
        );
        assert!(out.ends_with("<tr><td><strong>x</strong>"), "{out}");
        assert_eq!(out.matches("合计").count(), 1);
    }

    fn body(md: &str) -> String {
        let r = Rendered {
            document: String::new(),
            body: md.to_string(),
            toc: Vec::new(),
            context: tera::Context::new(),
        };
        let labels: BTreeMap<String, String> = [("total", "合计"), ("on_track", "✓ 正常")]
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        body_html(&r, &labels, &BTreeMap::new())
    }

    #[test]
    fn hostile_html_in_plan_text_runs_nothing() {
        let html = body(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<iframe src=\"https://evil\"></iframe>\n\n[x](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"alert(3)\">y</a>",
        );
        for bad in ["<script", "onerror", "<iframe", "javascript:", "onclick", "src=\"x\""] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
    }

    /// Chart stand-ins for the ids given: only their ids matter to the sanitiser.
    fn stand_ins(ids: &[String]) -> Vec<Chart> {
        ids.iter()
            .map(|id| Chart {
                id: id.clone(),
                title: String::new(),
                description: String::new(),
                svg: String::new(),
                narrow: String::new(),
            })
            .collect()
    }

    #[test]
    fn plain_markdown_is_left_as_the_sanitiser_would_write_it() {
        let md = concat!(
            "## 一、摘要\n\n增长 **15%**，*稳*，~~旧~~，`a<b` & c > d，“引号” 'x' \"y\"。<br>\n",
            "第二行  \n硬换行\n\n### （一）表\n\n| 指标 | 金额 | 状态 |\n|:--|--:|:-:|\n| a | 1 | ✓ |\n\n",
            "- 一\n  - 二\n- [x] 完成\n- [ ] 待办\n\n1. 甲\n2. 乙\n\n> 引用\n\n---\n\n",
            "    缩进代码 <x>\n\n```\nfenced & <y>\n```\n\n<br>\n\n",
            "![标题](charts/targets.svg \"说明\")\n\n#### 四级\n",
        );
        let charts = stand_ins(&["targets".to_string()]);
        let by_id = by_id(&charts);
        let (raw, anchors, plain) = markdown_to_html(md, &by_id);
        assert!(plain, "{raw}");
        assert_eq!(sanitised_form(&raw), sanitize(&raw, &anchors, &by_id));
        assert!(raw.contains("<br />") && raw.contains("<hr />") && raw.contains("<img"), "{raw}");
    }

    #[test]
    fn anything_else_goes_through_the_sanitiser() {
        let charts = stand_ins(&["targets".to_string()]);
        let by_id = by_id(&charts);
        for md in [
            "<b>粗</b>",
            "<script>alert(1)</script>",
            "a <span onclick=\"x\">b</span>",
            "[链接](https://example.com)",
            "<https://example.com>",
            "[x](javascript:alert(1))",
            "脚注[^1]\n\n[^1]: 说明",
            "```js\nx\n```",
            "3. 从三开始",
            "# 一级标题",
            "![外部](https://evil/x.png)",
            "![其他](charts/none.svg)",
            "不换行\u{a0}空格",
            "![a<b](charts/targets.svg)",
            "![图](charts/targets.svg \"a&b\")",
            "<!-- 注释 -->",
        ] {
            let (raw, anchors, plain) = markdown_to_html(md, &by_id);
            assert!(!plain, "{md:?} was taken as plain: {raw}");
            let _ = sanitize(&raw, &anchors, &by_id);
        }
    }

    #[test]
    fn the_reference_plans_bodies_are_plain_markdown() {
        let engine = crate::Engine::new(None).unwrap();
        for name in ["annual-sales-plan", "monthly-battle-plan"] {
            let path = format!("{}/../shared/examples/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
            let source = std::fs::read_to_string(&path).unwrap();
            let (plan, figures) = crate::check(&path, &source).valid.unwrap();
            let ctx = engine.context(&plan, &figures);
            let md = crate::render::markdown::render_parts(
                &engine.templates,
                &plan.meta.kind,
                &ctx,
                plan.meta.locale,
            )
            .unwrap();
            let ids: Vec<String> = md
                .body
                .split("](charts/")
                .skip(1)
                .filter_map(|rest| rest.split_once(".svg").map(|(id, _)| id.to_string()))
                .collect();
            assert!(ids.len() > 3, "{name}: {ids:?}");
            let charts = stand_ins(&ids);
            let by_id = by_id(&charts);
            let (raw, anchors, plain) = markdown_to_html(&md.body, &by_id);
            assert!(plain, "{name}: the sanitiser would run on a plan with nothing to remove");
            assert_eq!(sanitised_form(&raw), sanitize(&raw, &anchors, &by_id), "{name}");
        }
    }

    #[test]
    fn line_breaks_inside_chinese_text_add_no_space() {
        assert_eq!(body("增长。\n主推礼盒"), "<p>增长。主推礼盒</p>\n");
        assert_eq!(body("grow\nfast"), "<p>grow\nfast</p>\n");
    }

    #[test]
    fn headings_get_the_toc_anchors() {
        let html = body("## 一、执行摘要\n\n### （一）要点\n\n## 二、回顾\n\n### （一）要点\n");
        assert!(html.contains("<h2 id=\"一执行摘要\">一、执行摘要</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"一要点-1\">"), "{html}");
    }

    #[test]
    fn tables_get_scopes_numeric_cells_totals_and_chips() {
        let html = body(
            "| 指标 | 金额 | 状态 |\n|:--|--:|:--|\n| a | 1 | ✓ 正常 |\n| **合计** | **1** | |\n",
        );
        assert!(html.contains("<th scope=\"col\" class=\"num\">金额</th>"), "{html}");
        assert!(html.contains("<td class=\"num\">1</td>"), "{html}");
        assert!(
            html.contains("<tr class=\"total\"><th scope=\"row\"><strong>合计</strong></th>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"chip on\">✓ 正常</span>"), "{html}");
    }

    #[test]
    fn charts_are_inlined_with_title_and_description() {
        let r = Rendered {
            document: String::new(),
            body: "![销售](charts/targets.svg \"说明\")\n".into(),
            toc: Vec::new(),
            context: tera::Context::new(),
        };
        let chart = Chart {
            id: "targets".into(),
            title: "销售".into(),
            description: "说明".into(),
            svg: "<svg width=\"10\"><rect/></svg>".into(),
            narrow: "<svg width=\"5\"><rect/></svg>".into(),
        };
        let charts: Charts = [("targets", &chart)].into_iter().collect();
        let html = body_html(&r, &BTreeMap::new(), &charts);
        assert!(
            html.starts_with(
                "<figure class=\"chart\" id=\"chart-targets\"><svg class=\"chart-wide\" width=\"10\" role=\"img\""
            ),
            "{html}"
        );
        assert!(html.contains("<title id=\"chart-targets-title\">销售</title>"));
        // The narrow layout follows, with ids of its own.
        assert!(html.contains("<svg class=\"chart-narrow\" width=\"5\" role=\"img\""), "{html}");
        assert!(html.contains("<title id=\"chart-targets-narrow-title\">销售</title>"));
        assert!(!html.contains("<img"));
    }
}
