//! The PDF, end to end: every plan in `plans/` and `../shared/examples/` plus the stress
//! fixture is rendered by the real binary and read back with qpdf and poppler-utils
//! (`SKIP: <tool> not installed` unless `PLANWRIGHT_REQUIRE_TOOLS=1`), and the stress
//! plan's page model is checked for overflow, empty pages and orphaned headings.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{own_plans, root, run, scratch, shared_examples, tables};
use planwright::render::pdf::linebreak;
use planwright::render::pdf::page::{Elem, Page, PageKind};

/// True when `tool` can run; otherwise prints SKIP (or fails under PLANWRIGHT_REQUIRE_TOOLS).
fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        assert!(
            std::env::var("PLANWRIGHT_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "{tool} is required (PLANWRIGHT_REQUIRE_TOOLS=1) but not installed"
        );
        println!("SKIP: {tool} not installed");
    }
    ok
}

fn plans() -> Vec<PathBuf> {
    let mut p = own_plans();
    p.extend(shared_examples());
    if p.is_empty() {
        println!("SKIP: no reference plans (../shared absent)");
    }
    p
}

fn stress() -> PathBuf {
    root().join("tests/fixtures/stress.yaml")
}

/// Renders `plan` to PDF in a fresh folder; returns the PDF's path.
fn render_pdf(plan: &Path, scratch_name: &str) -> PathBuf {
    let out = scratch(scratch_name);
    let o =
        run(&root(), &["render", plan.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "pdf"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let name = plan.file_stem().unwrap().to_string_lossy().into_owned();
    out.join(&name).join(format!("{name}.pdf"))
}

fn name(plan: &Path) -> String {
    plan.file_stem().unwrap().to_string_lossy().into_owned()
}

fn pdftotext(pdf: &Path, pages: Option<(usize, usize)>, layout: bool) -> String {
    let mut c = Command::new("pdftotext");
    if let Some((f, l)) = pages {
        c.args(["-f", &f.to_string(), "-l", &l.to_string()]);
    }
    if layout {
        c.arg("-layout");
    }
    let o = c.arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("utf-8")
}

fn page_count(pdf: &Path) -> usize {
    let o = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&o.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().expect("a number")))
        .expect("Pages line")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The running header of a plan's PDF: its title and confidentiality line.
fn header(plan: &Path) -> Vec<String> {
    let source = std::fs::read_to_string(plan).unwrap();
    let (p, _) = planwright::check("plan.yaml", &source).valid.expect("valid plan");
    [Some(p.meta.title.clone()), p.meta.confidentiality.clone()].into_iter().flatten().collect()
}

/// The text of a page without its running header and footer.
fn body_text(text: &str, header: &[String]) -> String {
    text.lines()
        .filter(|l| {
            let t = l.trim();
            !(header.iter().any(|h| t == h || t.starts_with(&format!("{h} ")))
                || (t.starts_with('第') && t.ends_with('页') && t.contains('共'))
                || (t.starts_with("Page ") && t.contains(" of ")))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Markdown report of a plan (the source of the PDF).
fn markdown(plan: &Path) -> String {
    common::render_md(plan, &format!("pdf-md-{}", name(plan)))
}

/// Chapter headings of the Markdown, without the contents heading.
fn chapters(md: &str) -> Vec<String> {
    let toc = ["目录", "目錄", "Contents"];
    md.lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter(|t| !toc.contains(t))
        .map(|t| t.replace("**", ""))
        .collect()
}

#[test]
fn two_renders_are_byte_identical() {
    for plan in plans().iter().chain([&stress()]) {
        let a = std::fs::read(render_pdf(plan, &format!("pdf-a-{}", name(plan)))).unwrap();
        let b = std::fs::read(render_pdf(plan, &format!("pdf-b-{}", name(plan)))).unwrap();
        assert!(a.starts_with(b"%PDF-"));
        assert!(a == b, "{}: two renders differ", plan.display());
    }
}

#[test]
fn qpdf_finds_no_errors() {
    if !have("qpdf") {
        return;
    }
    for plan in plans().iter().chain([&stress()]) {
        let pdf = render_pdf(plan, &format!("pdf-qpdf-{}", name(plan)));
        let o = Command::new("qpdf").arg("--check").arg(&pdf).output().unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "{}: {out}{}",
            plan.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(out.contains("No syntax or stream encoding errors"), "{out}");
    }
}

#[test]
fn fonts_are_embedded_subsets_with_to_unicode() {
    if !have("pdffonts") {
        return;
    }
    for plan in plans().iter().chain([&stress()]) {
        let pdf = render_pdf(plan, &format!("pdf-fonts-{}", name(plan)));
        let o = Command::new("pdffonts").arg(&pdf).output().unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        let rows: Vec<&str> = out.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        assert!(!rows.is_empty(), "{out}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let font = cols[0];
            let (tag, base) =
                font.split_once('+').unwrap_or_else(|| panic!("no subset tag: {row}"));
            assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{row}");
            let bundled = ["NotoSans-", "NotoSansSC-", "NotoSansTC-"];
            assert!(bundled.iter().any(|b| base.starts_with(b)), "{row}");
            // name, type (2 words), encoding, emb, sub, uni, object, generation
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
        }
    }
}

#[test]
fn text_reads_back_titles_figures_and_body_in_order() {
    if !have("pdftotext") {
        return;
    }
    for plan in plans() {
        let md = markdown(&plan);
        let head = header(&plan);
        let pdf = render_pdf(&plan, &format!("pdf-text-{}", name(&plan)));
        let text = pdftotext(&pdf, None, false);
        let flat = squeeze(&body_text(&text, &head));
        for ch in chapters(&md) {
            assert!(flat.contains(&squeeze(&ch)), "{}: chapter `{ch}` missing", plan.display());
        }
        // every figure of the KPI and budget tables
        let mut checked = 0;
        for section in md.split("\n## ").filter(|s| {
            let head = s.lines().next().unwrap_or("");
            head.contains("KPI") || head.contains("预算") || head.contains("Budget")
        }) {
            for table in tables(section) {
                for cell in table.iter().flatten() {
                    let cell = cell.replace("**", "").replace('*', "");
                    if cell.chars().any(|c| c.is_ascii_digit()) {
                        assert!(
                            flat.contains(&squeeze(&cell)),
                            "{}: figure `{cell}` missing",
                            plan.display()
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 5, "{}: only {checked} figures found", plan.display());
        // Chinese body paragraphs, in reading order
        let mut from = 0;
        for para in body_paragraphs(&md) {
            let p = squeeze(&para);
            match flat[from..].find(&p) {
                Some(at) => from += at + p.len(),
                None => panic!(
                    "{}: paragraph not found in order:\n{para}\nin:\n{}",
                    plan.display(),
                    &flat[from..]
                ),
            }
        }
    }
}

/// Plain paragraphs of the report body (after the contents), Markdown markup removed.
fn body_paragraphs(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let body = md.split_once("\n## ").map(|(_, b)| b).unwrap_or(md);
    let body = body.split_once("\n## ").map(|(_, b)| b).unwrap_or(body);
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut depth = 0;
    for ev in Parser::new_ext(body, Options::ENABLE_TABLES) {
        match ev {
            // Charts' alt text is drawn as a chart, not as a paragraph.
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_) | Tag::Image { .. }) => {
                depth += 1
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::Table | TagEnd::Image) => {
                depth -= 1
            }
            Event::Start(Tag::Paragraph) if depth == 0 => cur = Some(String::new()),
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = cur.take()
                    && p.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    && p.chars().count() > 12
                {
                    out.push(p);
                }
            }
            Event::Text(t) | Event::Code(t) if depth == 0 => {
                if let Some(c) = cur.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn contents_page_numbers_match_where_chapters_start() {
    if !have("pdftotext") {
        return;
    }
    for plan in plans().iter().chain([&stress()]) {
        let md = markdown(plan);
        let head = header(plan);
        let pdf = render_pdf(plan, &format!("pdf-toc-{}", name(plan)));
        let pages = page_count(&pdf);
        let chs = chapters(&md);
        // sensible: cover + contents + at least a page of body
        assert!((3..=80).contains(&pages), "{}: {pages} pages", plan.display());
        let toc = pdftotext(&pdf, Some((2, 4.min(pages))), true);
        let mut last = 0;
        for ch in &chs {
            let line = toc
                .lines()
                .find(|l| squeeze(l).starts_with(&squeeze(ch)))
                .unwrap_or_else(|| panic!("{}: `{ch}` not in contents:\n{toc}", plan.display()));
            let n: usize = line
                .split_whitespace()
                .last()
                .and_then(|w| w.parse().ok())
                .unwrap_or_else(|| panic!("no page number: {line}"));
            // chapters may share a page, in order
            assert!(n >= last && n <= pages, "{}: `{ch}` on page {n}", plan.display());
            last = n;
            let page = body_text(&pdftotext(&pdf, Some((n, n)), false), &head);
            assert!(
                squeeze(&page).contains(&squeeze(ch)),
                "{}: `{ch}` is not on page {n}:\n{page}",
                plan.display()
            );
        }
    }
}

/// A valid plan's PDF pages as the default theme lays them out, with its charts.
fn lay_out(
    engine: &planwright::Engine,
    source: &str,
) -> (planwright::render::pdf::Laid, Vec<planwright::charts::Chart>) {
    let (plan, figures) = planwright::check("plan.yaml", source).valid.expect("a valid plan");
    let input = engine.pdf_input(&plan, &figures).unwrap();
    let labels = engine.templates().labels(plan.meta.locale);
    let charts = planwright::charts::build(&plan, &figures, &labels);
    let images: planwright::render::pdf::Images =
        charts.iter().map(|c| (c.id.clone(), c as &dyn planwright::render::pdf::Drawing)).collect();
    let theme = planwright::render::pdf::Theme::default();
    let laid = planwright::render::pdf::layout(&input, engine.fonts().unwrap(), &theme, &images)
        .expect("lays out");
    (laid, charts)
}

/// The smallest size any text is set at on `pages`.
fn smallest_text(pages: &[Page]) -> f32 {
    pages
        .iter()
        .flat_map(|p| &p.elems)
        .filter_map(|e| match e {
            Elem::Text { style, .. } => Some(style.size),
            _ => None,
        })
        .fold(f32::MAX, f32::min)
}

/// How many texts on `page` read exactly `t`.
fn count_text(page: &Page, t: &str) -> usize {
    page.elems.iter().filter(|e| matches!(e, Elem::Text { text, .. } if text == t)).count()
}

#[test]
fn stress_plan_paginates_without_overflow_empty_pages_or_orphaned_headings() {
    let engine = planwright::Engine::new(None).unwrap();
    let (laid, _) = lay_out(&engine, &std::fs::read_to_string(stress()).unwrap());
    let theme = planwright::render::pdf::Theme::default();
    let fonts = engine.fonts().unwrap();
    assert!(laid.warnings.is_empty(), "{:?}", laid.warnings);
    assert!(laid.pages.len() > 15, "{} pages", laid.pages.len());
    let measure =
        |t: &str, s: &planwright::render::pdf::page::TextStyle| fonts.width(s.face, t, s.size);
    let (left, top) = (theme.margin_left, theme.margin_top);
    let (right, bottom) =
        (theme.page_width - theme.margin_right, theme.page_height - theme.margin_bottom);
    for (i, page) in laid.pages.iter().enumerate() {
        assert!(!page.elems.is_empty(), "page {} is empty", i + 1);
        if page.kind == PageKind::Body {
            assert!(
                page.elems.iter().any(|e| matches!(e, Elem::Text { .. })),
                "page {} has no text",
                i + 1
            );
        }
        for e in &page.elems {
            let (x0, y0, x1, y1) = e.bounds(&measure);
            // full-width punctuation may hang in the right margin, by its own width
            let hang = match e {
                Elem::Text { text, style, .. }
                    if text.chars().count() == 1
                        && text.chars().all(|c| linebreak::HANGING.contains(c)) =>
                {
                    measure(text, style)
                }
                _ => 0.0,
            };
            // a heading's opening full-width bracket is pulled half an em onto the margin:
            // its ink starts at the margin, its advance box half an em before
            let pull = match e {
                Elem::Text { text, style, .. } if text.starts_with('（') => style.size * 0.5,
                _ => 0.0,
            };
            assert!(
                x0 >= left - 0.5 - pull
                    && x1 <= right + 0.5 + hang
                    && y0 >= top - 0.5
                    && y1 <= bottom + 0.5,
                "page {}: {e:?} leaves the body ({x0},{y0})-({x1},{y1})",
                i + 1
            );
        }
    }
    // no heading at the foot of a page: something of the body follows it on its page
    for h in &laid.headings {
        let page = &laid.pages[h.page - 1];
        let below = page.elems.iter().any(|e| match e {
            Elem::Text { y, text, .. } => *y > h.y + 30.0 && !h.title.contains(text.as_str()),
            _ => false,
        });
        assert!(below, "heading `{}` is orphaned at the foot of page {}", h.title, h.page);
    }
    // a long table repeats its header on every page it spans
    let header_pages = laid
        .pages
        .iter()
        .filter(|p| {
            p.elems.iter().any(|e| matches!(e, Elem::Text { text, .. } if text == "应对措施"))
        })
        .count();
    assert!(header_pages >= 3, "risk table header on {header_pages} pages");
    // nothing is set under 8 pt: the 30-row Gantt chart, too tall for a page, is set row by
    // row at the body width instead of being shrunk (its text was 4 pt)
    let smallest = smallest_text(&laid.pages);
    assert!(smallest >= 8.0, "text at {smallest} pt");
    // its title, legend and axis repeat on each page it spans; every row is drawn once
    // (each name is also in the schedule table)
    let gantt_pages: Vec<usize> = (0..laid.pages.len())
        .filter(|i| count_text(&laid.pages[*i], "执行计划甘特图") > 0)
        .collect();
    assert!(gantt_pages.len() >= 2, "the Gantt chart's title on pages {gantt_pages:?}");
    for (k, i) in gantt_pages.iter().enumerate() {
        assert_eq!(count_text(&laid.pages[*i], "里程碑"), 1, "legend on page {}", i + 1);
        // the date axis above the rows, and under the last row on the last page
        let axes = if k + 1 == gantt_pages.len() { 2 } else { 1 };
        assert_eq!(count_text(&laid.pages[*i], "12月"), axes, "date axes on page {}", i + 1);
    }
    for n in 1..=30 {
        let name = format!("任务{n}");
        let drawn: usize = laid.pages.iter().map(|p| count_text(p, &name)).sum();
        assert_eq!(drawn, 2, "{name} in the table and on the chart");
    }
    // and pdftotext agrees: every page has body text
    if have("pdftotext") {
        let pdf = render_pdf(&stress(), "pdf-stress");
        let pages = page_count(&pdf);
        assert_eq!(pages, laid.pages.len());
        for n in 1..=pages {
            let t = body_text(&pdftotext(&pdf, Some((n, n)), false), &header(&stress()));
            assert!(t.trim().chars().count() > 5, "page {n} is empty:\n{t}");
        }
    }
}

#[test]
fn a_kpi_chart_too_tall_for_a_page_is_set_across_pages_at_its_own_size() {
    // the monthly plan with 35 more KPIs: its chart is three pages tall at the body width
    let base = std::fs::read_to_string(root().join("plans/monthly-battle-plan.yaml")).unwrap();
    let more: String = (1..=35)
        .map(|i| {
            format!("  - {{ name: 渠道指标{i}号, target: {}, actual: {} }}\n", 100 + i, 95 + i)
        })
        .collect();
    let anchor = "  - { name: 客户满意度(NPS), target: 60, note: 月末调研 }\n";
    assert!(base.contains(anchor), "the monthly plan's last KPI");
    let source = base.replacen(anchor, &format!("{anchor}{more}"), 1);
    let engine = planwright::Engine::new(None).unwrap();
    let (laid, charts) = lay_out(&engine, &source);
    let kpis = charts.iter().find(|c| c.id == "kpis").unwrap();
    assert!(kpis.cuts().is_some_and(|c| c.rows.len() == 44), "a cut above each of 43 rows");
    let has = |p: &Page, t: &str| count_text(p, t) > 0;
    // the title, its legend and the scale over the bars start every page the chart is on
    let pages: Vec<_> = laid.pages.iter().filter(|p| has(p, "KPI达成率")).collect();
    assert!(pages.len() >= 3, "the KPI chart on {} pages", pages.len());
    assert!(pages.iter().all(|p| has(p, "100% 达成线") && has(p, "150%")));
    // every KPI drawn once, at the chart's own size: nothing under 8 pt on any page
    for i in 1..=35 {
        let name = format!("渠道指标{i}号");
        let drawn = laid.pages.iter().filter(|p| has(p, &name)).count();
        assert_eq!(drawn, 2, "{name}: in the KPI table and on the chart");
    }
    let smallest = smallest_text(&laid.pages);
    assert!(smallest >= 8.0, "text at {smallest} pt");
}

#[test]
fn characters_no_font_has_are_warned_with_their_place() {
    let dir = scratch("pdf-missing-glyph");
    let plan = std::fs::read_to_string(root().join("templates/starters/monthly.yaml")).unwrap();
    let plan = plan.replacen("summary:\n  text: ", "summary:\n  text: 泰文 ก 字符 ", 1);
    assert!(plan.contains("ก"), "the starter has a summary text");
    std::fs::write(dir.join("p.yaml"), &plan).unwrap();
    let o = run(&dir, &["render", "p.yaml", "-f", "pdf"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("U+0E01") && err.contains("`ก`"), "{err}");
    assert!(err.contains("执行摘要"), "names the chapter: {err}");
    let o = run(&dir, &["render", "p.yaml", "-f", "pdf", "--strict", "-o", "strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.join("strict").exists(), "--strict writes nothing");
}

#[test]
fn font_option_embeds_the_named_font() {
    if !have("pdffonts") {
        return;
    }
    let dir = scratch("pdf-font-option");
    // Any TrueType file will do; the bundled bold face stands in for a user's font.
    std::fs::copy(root().join("fonts/NotoSansSC-Bold.ttf"), dir.join("House Font.ttf")).unwrap();
    let plan = root().join("templates/starters/monthly.yaml");
    let o = run(
        &dir,
        &["render", plan.to_str().unwrap(), "-f", "pdf", "--font", "House Font.ttf", "--strict"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = dir.join("output/monthly/monthly.pdf");
    let fonts =
        String::from_utf8_lossy(&Command::new("pdffonts").arg(&pdf).output().unwrap().stdout)
            .into_owned();
    let names: Vec<&str> =
        fonts.lines().skip(2).filter_map(|l| l.split_whitespace().next()).collect();
    assert!(!names.is_empty() && names.iter().all(|n| n.ends_with("+HouseFont")), "{fonts}");
}

#[test]
fn a_users_latin_font_is_used_first_and_the_bundled_faces_fill_in() {
    if !have("pdffonts") {
        return;
    }
    let dir = scratch("pdf-font-latin");
    // A Latin-only TrueType font (the bundled Noto Sans stands in for a house font) on a
    // Chinese plan: Latin text in it, Chinese in the bundled CJK faces, no warning.
    std::fs::copy(root().join("fonts/NotoSans-Regular.ttf"), dir.join("House Sans.ttf")).unwrap();
    let plan = root().join("templates/starters/monthly.yaml");
    let o = run(
        &dir,
        &["render", plan.to_str().unwrap(), "-f", "pdf", "--font", "House Sans.ttf", "--strict"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = pdffonts(&dir.join("output/monthly/monthly.pdf"));
    let bases: Vec<&str> =
        rows.iter().filter_map(|r| r[0].split_once('+')).map(|(_, b)| b).collect();
    assert!(bases.contains(&"HouseSans"), "{bases:?}");
    assert!(bases.contains(&"NotoSansSC-Regular"), "{bases:?}");
    assert!(!bases.contains(&"NotoSans-Regular"), "the user's font draws Latin: {bases:?}");
    for r in &rows {
        let n = r.len();
        assert_eq!(&r[n - 5..n - 2], ["yes", "yes", "yes"], "{r:?}");
    }
}

#[test]
fn font_option_rejects_what_is_not_a_font() {
    let dir = scratch("pdf-font-bad");
    std::fs::write(dir.join("fake.ttf"), "not a font").unwrap();
    let plan = root().join("templates/starters/monthly.yaml");
    let o = run(&dir, &["render", plan.to_str().unwrap(), "-f", "pdf", "--font", "fake.ttf"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    // in the environment's language, like every other message
    assert!(err.contains("无法载入字体 `fake`") && err.contains("TrueType"), "{err}");
    assert!(err.contains(".ttf 或 .otf"), "{err}");
    let o = run(&dir, &["render", plan.to_str().unwrap(), "-f", "pdf", "--font", "missing.ttf"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("无法读取 `missing.ttf`"));
    assert!(!dir.join("output").exists());
}

/// The lines of a PDF as `pdftotext -bbox-layout` reads them: page and words.
fn bbox_lines(pdf: &Path) -> Vec<(usize, Vec<String>)> {
    let o = Command::new("pdftotext").args(["-bbox-layout"]).arg(pdf).arg("-").output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = String::from_utf8_lossy(&o.stdout);
    let mut page = 0;
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    for l in xml.lines().map(str::trim) {
        if l.starts_with("<page ") {
            page += 1;
        } else if l.starts_with("<line ") {
            out.push((page, Vec::new()));
        } else if l.starts_with("<word ")
            && let Some(line) = out.last_mut()
        {
            let text = l.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("");
            let text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
            line.1.push(text.replace("&quot;", "\"").replace("&apos;", "'"));
        }
    }
    out
}

fn pdffonts(pdf: &Path) -> Vec<Vec<String>> {
    let o = Command::new("pdffonts").arg(pdf).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    out.lines()
        .skip(2)
        .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|cols| !cols.is_empty())
        .collect()
}

#[test]
fn latin_text_is_set_in_the_bundled_latin_face_embedded_as_a_subset() {
    if !have("pdffonts") || !have("pdftotext") {
        return;
    }
    let en = root().join("plans/annual-sales-plan-en.yaml");
    let zh = root().join("plans/annual-sales-plan.yaml");
    for (plan, faces) in [
        (&en, &["NotoSans-Regular", "NotoSans-Bold"][..]),
        // Chinese reports set their figures and Latin words in the Latin face too
        (&zh, &["NotoSans-Regular", "NotoSans-Bold", "NotoSansSC-Regular", "NotoSansSC-Bold"][..]),
    ] {
        let pdf = render_pdf(plan, &format!("pdf-latin-{}", name(plan)));
        let rows = pdffonts(&pdf);
        for face in faces {
            let row = rows
                .iter()
                .find(|r| r[0].split_once('+').is_some_and(|(_, base)| base == *face))
                .unwrap_or_else(|| panic!("{face} not embedded in {}: {rows:?}", name(plan)));
            let n = row.len();
            // type "CID TrueType", embedded, subset, ToUnicode
            assert_eq!(&row[1..3], ["CID", "TrueType"], "{row:?}");
            assert_eq!(&row[n - 5..n - 2], ["yes", "yes", "yes"], "{row:?}");
        }
        // every text reads back: the ToUnicode maps of all faces cover what is drawn
        let text = pdftotext(&pdf, Some((3, 3)), false);
        assert!(!text.contains('\u{FFFD}'), "{text}");
    }
    // an English body paragraph comes back whole, in reading order
    let pdf = render_pdf(&en, "pdf-latin-readback");
    let text = squeeze(&pdftotext(&pdf, None, false));
    assert!(text.contains(&squeeze("a scheduling and dispatch platform")), "{text}");
}

/// Every word of the English plan's Markdown report and of the English labels: what a
/// line of its PDF may end with, besides a number or a hyphen.
fn english_words(md: &str) -> std::collections::BTreeSet<String> {
    let labels = std::fs::read_to_string(root().join("templates/labels.yaml")).unwrap();
    // month abbreviations label the schedule chart's axis
    let months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec";
    md.split(|c: char| !c.is_alphanumeric())
        .chain(labels.split(|c: char| !c.is_alphanumeric()))
        .chain(months.split(' '))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn english_lines_end_in_whole_words_or_hyphens() {
    if !have("pdftotext") {
        return;
    }
    let plan = root().join("plans/annual-sales-plan-en.yaml");
    let known = english_words(&common::render_md(&plan, "pdf-md-english-words"));
    let pdf = render_pdf(&plan, "pdf-english-words");
    let lines = bbox_lines(&pdf);
    let mut hyphenated = 0;
    let mut bad = Vec::new();
    for (k, (page, words)) in lines.iter().enumerate() {
        let Some(last) = words.last() else { continue };
        if last.ends_with('-') {
            hyphenated += 1;
            continue;
        }
        // a chart label the chart shortened on purpose is not a line break
        if last.ends_with('…') {
            continue;
        }
        // the last run of letters and digits of the line's last token
        let token = last
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|t| !t.is_empty())
            .unwrap_or("")
            .to_lowercase();
        let number = token.starts_with(|c: char| c.is_ascii_digit());
        // the tail of a hyphenated word (`Oppor-` / `tunities)`) reads with its head, on a
        // line above on the same page (table cells interleave their lines)
        let head_above = words.len() == 1
            && lines[..k].iter().rev().take_while(|(p, _)| p == page).any(|(_, w)| {
                w.last().and_then(|h| h.strip_suffix('-')).is_some_and(|h| {
                    let head = h.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                    known.contains(&format!("{head}{token}").to_lowercase())
                })
            });
        if !token.is_empty() && !number && !head_above && !known.contains(&token) {
            bad.push(format!("page {page}: {}", words.join(" ")));
        }
    }
    assert!(bad.is_empty(), "lines ending in a word fragment:\n{}", bad.join("\n"));
    assert!(lines.len() > 300, "{} lines", lines.len());
    println!("{hyphenated} hyphenated line ends");
}

/// The last line of each multi-line Chinese body paragraph, read back from the PDF.
fn last_lines(paragraphs: &[String], lines: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in paragraphs {
        let p = squeeze(p);
        for (k, l) in lines.iter().enumerate().skip(1) {
            let prev = &lines[k - 1];
            if !l.is_empty() && l.len() < p.len() && p.ends_with(&format!("{prev}{l}")) {
                out.push((p.clone(), l.clone()));
                break;
            }
        }
    }
    out
}

#[test]
fn chinese_paragraphs_never_end_with_a_lone_character() {
    if !have("pdftotext") {
        return;
    }
    let closing = "，。、；：？！）》」』〉】〕”’…—";
    let mut checked = 0;
    for plan in plans().into_iter().filter(|p| !name(p).ends_with("-en")) {
        let md = common::render_md(&plan, &format!("pdf-md-lone-{}", name(&plan)));
        let paragraphs = body_paragraphs(&md);
        let pdf = render_pdf(&plan, &format!("pdf-lone-{}", name(&plan)));
        let lines: Vec<String> = bbox_lines(&pdf).into_iter().map(|(_, w)| w.concat()).collect();
        for (p, last) in last_lines(&paragraphs, &lines) {
            let letters = last.chars().filter(|c| !closing.contains(*c)).count();
            assert!(letters >= 2, "{}: `{p}` ends with `{last}` alone", name(&plan));
            checked += 1;
        }
    }
    assert!(checked >= 5, "found the last lines of {checked} paragraphs");
}

/// The characters a font of the PDF draws, from its ToUnicode map (`<cid> <utf-16>` pairs),
/// for fonts whose base name ends in `base` (after the subset tag).
fn drawn_by(pdf: &Path, base: &str) -> String {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut out = String::new();
    for obj in doc.objects.values() {
        let Ok(dict) = obj.as_dict() else { continue };
        let named = dict.get(b"BaseFont").and_then(|b| b.as_name()).ok();
        if !named.is_some_and(|n| String::from_utf8_lossy(n).ends_with(&format!("+{base}"))) {
            continue;
        }
        let Ok(id) = dict.get(b"ToUnicode").and_then(|r| r.as_reference()) else { continue };
        let stream = doc.get_object(id).and_then(|o| o.as_stream()).unwrap();
        let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        let text = String::from_utf8_lossy(&bytes).into_owned();
        for line in text.lines().filter(|l| l.starts_with('<') && l.matches('<').count() == 2) {
            let hex = line.rsplit('<').next().unwrap().trim_end_matches('>');
            let units: Vec<u16> = (0..hex.len() / 4)
                .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).unwrap())
                .collect();
            out.extend(char::decode_utf16(units).flatten());
        }
    }
    out
}

/// A Traditional plan's PDF sets its Chinese in Noto Sans TC wherever its glyph differs from
/// Noto Sans SC (Traditional forms such as 銷 說 萬, centred `，。`), embedded as subsets with
/// ToUnicode like every face; a Simplified plan never embeds it.
#[test]
fn a_traditional_plan_is_set_in_noto_sans_tc() {
    if !have("pdffonts") || !have("pdftotext") {
        return;
    }
    let tw = root().join("plans/annual-online-sales-plan-tw.yaml");
    let pdf = render_pdf(&tw, "pdf-traditional");
    let rows = pdffonts(&pdf);
    let bases: Vec<&str> =
        rows.iter().filter_map(|r| r[0].split_once('+')).map(|(_, b)| b).collect();
    for face in ["NotoSansTC-Regular", "NotoSansTC-Bold", "NotoSans-Regular"] {
        assert!(bases.contains(&face), "{face} missing: {bases:?}");
    }
    for r in &rows {
        let n = r.len();
        assert_eq!(&r[n - 5..n - 2], ["yes", "yes", "yes"], "{r:?}");
    }
    let tc = drawn_by(&pdf, "NotoSansTC-Regular");
    let sc = drawn_by(&pdf, "NotoSansSC-Regular");
    // forms that differ between the two faces come from TC, and never from SC
    for c in "銷說萬，。：".chars() {
        assert!(tc.contains(c), "{c} not drawn by Noto Sans TC: {tc}");
        assert!(!sc.contains(c), "{c} drawn by Noto Sans SC");
    }
    // what SC still draws is drawn the same in both (the TC subset leaves it out)
    assert!(sc.contains('年') && !tc.contains('年'), "年 is the same in both faces");
    let cover = pdftotext(&pdf, Some((1, 1)), false);
    assert!(cover.contains("2026年度線上銷售計畫"), "{cover}");
    let body = pdftotext(&pdf, None, false);
    for words in ["經營看板", "執行摘要", "通路規劃", "NT$5億", "新臺幣萬元", "第3頁 共"]
    {
        assert!(body.contains(words), "{words} not in the PDF text");
    }
    // seven columns headed `…（新臺幣萬元）`: the headers wrap, the figures never do
    assert!(body.contains("105.8%"), "the promotions' attainment broke across lines");
    // a Simplified plan does not carry the Traditional face
    let cn = render_pdf(&root().join("plans/annual-sales-plan.yaml"), "pdf-traditional-cn");
    let cn_bases: Vec<String> = pdffonts(&cn).into_iter().map(|r| r[0].clone()).collect();
    assert!(cn_bases.iter().all(|b| !b.contains("NotoSansTC")), "{cn_bases:?}");
}

/// The titles of a PDF's bookmarks: (chapter, its sections).
fn outline(pdf: &Path) -> Vec<(String, Vec<String>)> {
    use lopdf::{Document, Object};
    let doc = Document::load(pdf).unwrap();
    let title = |d: &lopdf::Dictionary| {
        let bytes = d.get(b"Title").unwrap().as_str().unwrap();
        let units: Vec<u16> =
            bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).unwrap()
    };
    let dict = |id: &Object| doc.get_dictionary(id.as_reference().unwrap()).unwrap();
    let siblings = |first: Option<&Object>| {
        let mut out = Vec::new();
        let mut at = first.cloned();
        while let Some(id) = at {
            let d = dict(&id);
            out.push(d.clone());
            at = d.get(b"Next").ok().cloned();
        }
        out
    };
    let root = doc.catalog().unwrap().get(b"Outlines").unwrap();
    siblings(dict(root).get(b"First").ok())
        .iter()
        .map(|c| (title(c), siblings(c.get(b"First").ok()).iter().map(title).collect()))
        .collect()
}

/// Every v1.1 chapter of the annual reference plan is in the contents (continued under
/// `目录（续）` when they run past a page) and in the bookmarks, under its chapter.
#[test]
fn new_chapters_are_in_the_contents_and_the_bookmarks() {
    if !have("pdftotext") {
        return;
    }
    let plan = root().join("plans/annual-sales-plan.yaml");
    let pdf = render_pdf(&plan, "pdf-v11-outline");
    let marks = outline(&pdf);
    let under = |chapter: &str, section: &str| {
        marks.iter().any(|(c, s)| c.ends_with(chapter) && s.iter().any(|x| x.ends_with(section)))
    };
    for (chapter, section) in [
        ("销售目标", "短中长期目标"),
        ("销售目标", "产品组合"),
        ("销售策略", "定价策略"),
        ("销售策略", "销售漏斗"),
        ("客户经营与服务", "客户分层服务"),
        ("执行计划", "促销活动"),
        ("风险评估与应对", "预警与应急预案"),
        ("团队分工与沟通机制", "人员招聘"),
        ("团队分工与沟通机制", "激励政策"),
    ] {
        assert!(under(chapter, section), "bookmark {chapter} › {section} missing: {marks:?}");
    }
    let contents = pdftotext(&pdf, Some((2, 3)), false);
    assert!(contents.contains("目录（续）"), "the contents' second page is titled");
    for entry in ["（四）销售漏斗", "七、客户经营与服务", "（二）预警与应急预案"]
    {
        assert!(squeeze(&contents).contains(&squeeze(entry)), "{entry} not in the contents");
    }
}
