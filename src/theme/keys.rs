//! Every key a theme file may set, declared once: its table, name, kind of value, range or
//! accepted values, what it does (in English and Chinese), and how it reads and writes the
//! [`Theme`]. The reader, the commented default (`templates export`) and the docs all come
//! from this one list, so they cannot disagree.

use super::{HtmlPalette, Theme};
use crate::model::CHAPTERS;
use crate::render::pdf::theme::{COVER_FIELDS, ChapterBreak, PT_PER_MM};
use crate::text::CjkSpacing;

/// What kind of value a key takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A number from `min` to `max`, in `unit`.
    Number {
        /// Smallest accepted.
        min: f32,
        /// Largest accepted.
        max: f32,
        /// What it counts (`pt`, `mm`, …).
        unit: &'static str,
    },
    /// `#rrggbb`.
    Color,
    /// `#rrggbb` or `none`.
    OptColor,
    /// One of the listed words.
    Choice(&'static [&'static str]),
    /// `true` or `false`.
    Bool,
    /// Text with `{placeholders}` from the list.
    Text(&'static [&'static str]),
    /// A file, relative to the theme file (empty: the bundled one).
    Path,
    /// A list of words from the list (ids).
    Ids(&'static [&'static str]),
}

/// A value of a key, read from a file or from a theme.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// A number.
    Num(f32),
    /// A colour, or none.
    Color(Option<super::Rgb>),
    /// A word, a text or a path.
    Text(String),
    /// A yes/no.
    Bool(bool),
    /// A list of ids.
    List(Vec<String>),
}

/// One key of the theme file.
pub struct Key {
    /// The table it sits in (`page`, `colors`, …).
    pub table: &'static str,
    /// Its name inside the table.
    pub name: &'static str,
    /// What it takes.
    pub kind: Kind,
    /// What it does, in English.
    pub en: &'static str,
    /// What it does, in Chinese.
    pub zh: &'static str,
    /// Its value in a theme.
    pub get: fn(&Theme) -> Val,
    /// Sets it in a theme (the value has been checked against [`Key::kind`]).
    pub set: fn(&mut Theme, Val),
}

impl Key {
    /// `table.name`.
    pub fn path(&self) -> String {
        format!("{}.{}", self.table, self.name)
    }
}

/// The tables, in the order the default theme lists them.
pub const TABLES: [&str; 14] = [
    "page", "type", "colors", "matrix", "table", "chapters", "layout", "cover", "header", "footer",
    "fonts", "text", "charts", "html",
];

/// Paper sizes by name: width and height in millimetres, portrait.
pub const PAPERS: [(&str, f32, f32); 5] = [
    ("A4", 210.0, 297.0),
    ("A5", 148.0, 210.0),
    ("B5", 176.0, 250.0),
    ("Letter", 215.9, 279.4),
    ("Legal", 215.9, 355.6),
];
const PAPER_NAMES: &[&str] = &["A4", "A5", "B5", "Letter", "Legal"];

/// The paper and orientation of a theme's page size.
fn paper_of(t: &Theme) -> (&'static str, bool) {
    let (w, h) = (t.pdf.page_width / PT_PER_MM, t.pdf.page_height / PT_PER_MM);
    let landscape = w > h;
    let (short, long) = if landscape { (h, w) } else { (w, h) };
    let name = PAPERS
        .iter()
        .min_by(|a, b| {
            let d = |p: &(&str, f32, f32)| (p.1 - short).abs() + (p.2 - long).abs();
            d(a).total_cmp(&d(b))
        })
        .map_or("A4", |p| p.0);
    (name, landscape)
}

fn set_paper(t: &mut Theme, name: &str, landscape: bool) {
    let (_, w, h) = PAPERS.iter().find(|p| p.0 == name).copied().unwrap_or(PAPERS[0]);
    let (w, h) = if landscape { (h, w) } else { (w, h) };
    t.pdf.page_width = w * PT_PER_MM;
    t.pdf.page_height = h * PT_PER_MM;
}

const SPACING: &[&str] = &["tight", "spaced", "as-written"];

fn spacing_name(s: CjkSpacing) -> &'static str {
    match s {
        CjkSpacing::Tight => "tight",
        CjkSpacing::Spaced => "spaced",
        CjkSpacing::AsWritten => "as-written",
    }
}

fn num(v: &Val) -> f32 {
    if let Val::Num(n) = v { *n } else { 0.0 }
}

fn text(v: Val) -> String {
    match v {
        Val::Text(s) => s,
        _ => String::new(),
    }
}

fn color(v: &Val) -> Option<super::Rgb> {
    if let Val::Color(c) = v { *c } else { None }
}

/// A number key over a field of the theme.
macro_rules! number {
    ($table:literal, $name:literal, $min:expr, $max:expr, $unit:literal, $en:literal, $zh:literal, $t:ident => $field:expr) => {
        Key {
            table: $table,
            name: $name,
            kind: Kind::Number { min: $min, max: $max, unit: $unit },
            en: $en,
            zh: $zh,
            get: |$t| Val::Num($field),
            set: |$t, v| $field = num(&v),
        }
    };
}

/// A margin in millimetres over a field in points.
macro_rules! margin {
    ($name:literal, $en:literal, $zh:literal, $t:ident => $field:expr) => {
        Key {
            table: "page",
            name: $name,
            kind: Kind::Number { min: 5.0, max: 80.0, unit: "mm" },
            en: $en,
            zh: $zh,
            get: |$t| Val::Num($field / PT_PER_MM),
            set: |$t, v| $field = num(&v) * PT_PER_MM,
        }
    };
}

/// A colour key.
macro_rules! colour {
    ($table:literal, $name:literal, $en:literal, $zh:literal, $t:ident => $field:expr) => {
        Key {
            table: $table,
            name: $name,
            kind: Kind::Color,
            en: $en,
            zh: $zh,
            get: |$t| Val::Color(Some($field)),
            set: |$t, v| {
                if let Some(c) = color(&v) {
                    $field = c
                }
            },
        }
    };
}

/// A colour-or-none key.
macro_rules! opt_colour {
    ($table:literal, $name:literal, $en:literal, $zh:literal, $t:ident => $field:expr) => {
        Key {
            table: $table,
            name: $name,
            kind: Kind::OptColor,
            en: $en,
            zh: $zh,
            get: |$t| Val::Color($field),
            set: |$t, v| $field = color(&v),
        }
    };
}

/// A list of ids from `$ids`.
macro_rules! ids {
    ($table:literal, $name:literal, $ids:expr, $en:literal, $zh:literal, $t:ident => $field:expr) => {
        Key {
            table: $table,
            name: $name,
            kind: Kind::Ids($ids),
            en: $en,
            zh: $zh,
            get: |$t| Val::List($field.clone()),
            set: |$t, v| {
                if let Val::List(l) = v {
                    $field = l
                }
            },
        }
    };
}

/// A header or footer slot.
macro_rules! chrome {
    ($table:literal, $name:literal, $i:literal, $en:literal, $zh:literal, $t:ident => $field:expr) => {
        Key {
            table: $table,
            name: $name,
            kind: Kind::Text(&crate::render::pdf::theme::CHROME_PLACEHOLDERS),
            en: $en,
            zh: $zh,
            get: |$t| Val::Text($field[$i].clone()),
            set: |$t, v| $field[$i] = text(v),
        }
    };
}

/// An HTML colour (a CSS custom property of the page).
macro_rules! html {
    ($name:literal, $en:literal, $zh:literal, $field:ident) => {
        Key {
            table: "html",
            name: $name,
            kind: Kind::Color,
            en: $en,
            zh: $zh,
            get: |t| Val::Color(Some(t.html.$field)),
            set: |t, v| {
                if let Some(c) = color(&v) {
                    t.html.$field = c
                }
            },
        }
    };
}

/// Every key, in the order the default theme lists them.
pub static KEYS: &[Key] = &[
    Key {
        table: "page",
        name: "size",
        kind: Kind::Choice(PAPER_NAMES),
        en: "Paper size.",
        zh: "纸张大小。",
        get: |t| Val::Text(paper_of(t).0.to_string()),
        set: |t, v| {
            let landscape = paper_of(t).1;
            set_paper(t, &text(v), landscape)
        },
    },
    Key {
        table: "page",
        name: "orientation",
        kind: Kind::Choice(&["portrait", "landscape"]),
        en: "Page orientation.",
        zh: "纸张方向：纵向或横向。",
        get: |t| Val::Text(if paper_of(t).1 { "landscape" } else { "portrait" }.to_string()),
        set: |t, v| {
            let name = paper_of(t).0;
            set_paper(t, name, text(v) == "landscape")
        },
    },
    margin!("margin_top", "Top margin (the running header sits inside it).", "上边距（页眉在其中）。", t => t.pdf.margin_top),
    margin!("margin_bottom", "Bottom margin (the footer sits inside it).", "下边距（页脚在其中）。", t => t.pdf.margin_bottom),
    margin!("margin_left", "Left margin.", "左边距。", t => t.pdf.margin_left),
    margin!("margin_right", "Right margin.", "右边距。", t => t.pdf.margin_right),
    number!("type", "body", 8.0, 16.0, "pt", "Body text size (五号 = 10.5 pt).", "正文字号（五号 = 10.5 磅）。", t => t.pdf.body_size),
    number!("type", "line_height", 1.0, 2.5, "× size", "Line height as a multiple of the type size.", "行距（字号的倍数）。", t => t.pdf.line_height),
    number!("type", "paragraph_gap", 0.0, 24.0, "pt", "Space between paragraphs.", "段间距。", t => t.pdf.paragraph_gap),
    number!("type", "h2", 10.0, 32.0, "pt", "Chapter heading size.", "章标题字号。", t => t.pdf.h2_size),
    number!("type", "h3", 9.0, 28.0, "pt", "Section heading size.", "节标题字号。", t => t.pdf.h3_size),
    number!("type", "h4", 8.0, 24.0, "pt", "Smaller heading size.", "小标题字号。", t => t.pdf.h4_size),
    number!("type", "table", 8.0, 14.0, "pt", "Table text size.", "表格字号。", t => t.pdf.table_size),
    number!("type", "chrome", 8.0, 12.0, "pt", "Running header and footer size.", "页眉页脚字号。", t => t.pdf.chrome_size),
    number!("type", "cell_pad_x", 0.0, 20.0, "pt", "Table cell padding, left and right.", "表格单元格左右内边距。", t => t.pdf.cell_pad_x),
    number!("type", "cell_pad_y", 0.0, 20.0, "pt", "Table cell padding, top and bottom.", "表格单元格上下内边距。", t => t.pdf.cell_pad_y),
    colour!("colors", "text", "Text.", "正文颜色。", t => t.pdf.text),
    colour!("colors", "accent", "Headings, the cover's title and rule, links.", "标题、封面标题与装饰线的颜色。", t => t.pdf.accent),
    colour!("colors", "muted", "Secondary text: header, footer, captions.", "次要文字：页眉、页脚、图注。", t => t.pdf.muted),
    colour!("colors", "rule", "Table rules and the header's line.", "表格线与页眉线。", t => t.pdf.rule),
    colour!("colors", "shade", "Background of code blocks and missing charts.", "代码块与缺失图表的底色。", t => t.pdf.shade),
    colour!("colors", "on_track", "Status: on track.", "状态：正常。", t => t.pdf.status[0]),
    colour!("colors", "at_risk", "Status: at risk.", "状态：关注。", t => t.pdf.status[1]),
    colour!("colors", "off_track", "Status: off track; the cover's confidentiality mark.", "状态：落后；封面密级标记。", t => t.pdf.status[2]),
    colour!("colors", "pending", "Status: pending.", "状态：待更新。", t => t.pdf.status[3]),
    colour!("matrix", "strengths", "SWOT strengths (S, SO): title and rule.", "SWOT 优势（S、SO）：标题与线条。", t => t.pdf.quadrants[0].0),
    colour!("matrix", "strengths_tint", "SWOT strengths: cell tint.", "SWOT 优势：底色。", t => t.pdf.quadrants[0].1),
    colour!("matrix", "weaknesses", "SWOT weaknesses (W, WO): title and rule.", "SWOT 劣势（W、WO）：标题与线条。", t => t.pdf.quadrants[1].0),
    colour!("matrix", "weaknesses_tint", "SWOT weaknesses: cell tint.", "SWOT 劣势：底色。", t => t.pdf.quadrants[1].1),
    colour!("matrix", "opportunities", "SWOT opportunities (O, ST): title and rule.", "SWOT 机会（O、ST）：标题与线条。", t => t.pdf.quadrants[2].0),
    colour!("matrix", "opportunities_tint", "SWOT opportunities: cell tint.", "SWOT 机会：底色。", t => t.pdf.quadrants[2].1),
    colour!("matrix", "threats", "SWOT threats (T, WT): title and rule.", "SWOT 威胁（T、WT）：标题与线条。", t => t.pdf.quadrants[3].0),
    colour!("matrix", "threats_tint", "SWOT threats: cell tint.", "SWOT 威胁：底色。", t => t.pdf.quadrants[3].1),
    Key {
        table: "table",
        name: "style",
        kind: Kind::Choice(&["rules", "grid"]),
        en: "Horizontal rules only, or a grid with rules between columns too.",
        zh: "只有横线（三线表风格），或加上竖线的网格。",
        get: |t| Val::Text(if t.pdf.table_grid { "grid" } else { "rules" }.to_string()),
        set: |t, v| t.pdf.table_grid = text(v) == "grid",
    },
    opt_colour!("table", "head", "Header row background, or none.", "表头底色，none 为无。", t => t.pdf.table_head),
    opt_colour!("table", "zebra", "Background of every second row (zebra stripes), or none.", "隔行底色（斑马纹），none 为无。", t => t.pdf.zebra),
    opt_colour!("table", "total_row", "Totals row background, or none (the rule above marks it).", "合计行底色，none 为无（以上方横线标示）。", t => t.pdf.total_row),
    Key {
        table: "chapters",
        name: "break",
        kind: Kind::Choice(&["auto", "always"]),
        en: "A new page before every chapter (always), or only when little of the page is left (auto).",
        zh: "每章另起一页（always），或仅在本页所剩不多时换页（auto）。",
        get: |t| {
            Val::Text(
                match t.pdf.chapter_break {
                    ChapterBreak::Always => "always",
                    ChapterBreak::Auto => "auto",
                }
                .to_string(),
            )
        },
        set: |t, v| {
            t.pdf.chapter_break =
                if text(v) == "always" { ChapterBreak::Always } else { ChapterBreak::Auto }
        },
    },
    number!("chapters", "min_room", 0.0, 1.0, "of the page", "With auto: the share of the page that must be left for a chapter to start on it.", "auto 时：本页至少还剩多少比例才在本页开始新的一章。", t => t.pdf.chapter_min_room),
    ids!("layout", "order", &CHAPTERS, "Chapters to put first, in this order; the others follow in their usual order. A plan's own `layout` wins.", "排在最前的章节及其顺序，其余章节按默认顺序随后。计划中的 layout 优先。", t => t.layout.order),
    ids!("layout", "omit", &CHAPTERS, "Chapters to leave out of the report.", "不放入报告的章节。", t => t.layout.omit),
    ids!("cover", "fields", &COVER_FIELDS, "The label/value lines at the foot of the cover, in order (empty ones are skipped).", "封面底部的信息行及其顺序（计划中为空的行不显示）。", t => t.pdf.cover.fields),
    Key {
        table: "cover",
        name: "organization",
        kind: Kind::Bool,
        en: "Show the organization above the title.",
        zh: "在标题上方显示单位名称。",
        get: |t| Val::Bool(t.pdf.cover.organization),
        set: |t, v| t.pdf.cover.organization = v == Val::Bool(true),
    },
    Key {
        table: "cover",
        name: "period",
        kind: Kind::Bool,
        en: "Show the period under the title (unless the title already names the year).",
        zh: "在标题下方显示计划期间（标题已含年份时不重复）。",
        get: |t| Val::Bool(t.pdf.cover.period),
        set: |t, v| t.pdf.cover.period = v == Val::Bool(true),
    },
    number!("cover", "title_size", 18.0, 40.0, "pt", "The title's largest size (a long title steps down to 18 pt).", "封面标题最大字号（标题较长时逐步缩小到 18 磅）。", t => t.pdf.cover.title_size),
    chrome!("header", "left", 0, "Running header, left. Placeholders: {title} {chapter} {page} {total} {page_of} {organization} {period} {confidentiality}.", "页眉左侧。可用占位符：{title} {chapter} {page} {total} {page_of} {organization} {period} {confidentiality}。", t => t.pdf.header),
    chrome!("header", "center", 1, "Running header, centre.", "页眉居中。", t => t.pdf.header),
    chrome!("header", "right", 2, "Running header, right.", "页眉右侧。", t => t.pdf.header),
    chrome!("footer", "left", 0, "Footer, left.", "页脚左侧。", t => t.pdf.footer),
    chrome!("footer", "center", 1, "Footer, centre ({page_of} is the locale's 第 n 页 共 m 页 / Page n of m).", "页脚居中（{page_of} 即“第 n 页 共 m 页”）。", t => t.pdf.footer),
    chrome!("footer", "right", 2, "Footer, right.", "页脚右侧。", t => t.pdf.footer),
    Key {
        table: "fonts",
        name: "regular",
        kind: Kind::Path,
        en: "A TrueType/OpenType font for the PDF, relative to this file (empty: the bundled Noto Sans SC). `--font` wins over it.",
        zh: "PDF 使用的 TrueType/OpenType 字体文件，相对本文件的路径（留空：内置 Noto Sans SC）。命令行 --font 优先。",
        get: |t| Val::Text(t.fonts.regular.clone()),
        set: |t, v| t.fonts.regular = text(v),
    },
    Key {
        table: "fonts",
        name: "bold",
        kind: Kind::Path,
        en: "Its bold face (empty: the regular file).",
        zh: "粗体字体文件（留空：同常规字体）。",
        get: |t| Val::Text(t.fonts.bold.clone()),
        set: |t, v| t.fonts.bold = text(v),
    },
    Key {
        table: "text",
        name: "cjk_spacing",
        kind: Kind::Choice(SPACING),
        en: "Space between Chinese and Latin letters or digits in Chinese reports: tight (2025年), spaced (2025 年) or as-written.",
        zh: "中文报告中汉字与西文、数字之间的空格：tight（2025年）、spaced（2025 年）或 as-written（保持原样）。",
        get: |t| Val::Text(spacing_name(t.cjk_spacing.unwrap_or_default()).to_string()),
        set: |t, v| t.cjk_spacing = CjkSpacing::parse(&text(v)),
    },
    colour!("charts", "primary", "The main series: targets, amounts, our company, actuals.", "主数据系列：目标、金额、本公司、实际值。", t => t.charts.primary),
    colour!("charts", "accent", "Running totals, forecasts, the plan date.", "累计、预测、计划日期线。", t => t.charts.accent),
    colour!("charts", "promotion", "Promotions on the Gantt chart.", "甘特图中的促销活动。", t => t.charts.promotion),
    colour!("charts", "band", "A forecast's scenario band (a light accent).", "预测情景区间（浅色强调色）。", t => t.charts.band),
    colour!("charts", "neutral", "Other companies.", "其他公司。", t => t.charts.neutral),
    colour!("charts", "rest", "The unnamed rest of a whole.", "整体中未列明的其余部分。", t => t.charts.rest),
    colour!("charts", "ink", "Chart text.", "图表文字。", t => t.charts.ink),
    colour!("charts", "muted", "Secondary chart text, ticks.", "图表次要文字、刻度。", t => t.charts.muted),
    colour!("charts", "axis", "Axis lines.", "坐标轴线。", t => t.charts.axis),
    colour!("charts", "grid", "Grid lines.", "网格线。", t => t.charts.grid),
    colour!("charts", "paper", "Chart background.", "图表背景。", t => t.charts.paper),
    colour!("charts", "on_track", "Status: on track.", "状态：正常。", t => t.charts.on_track),
    colour!("charts", "at_risk", "Status: at risk.", "状态：关注。", t => t.charts.at_risk),
    colour!("charts", "off_track", "Status: off track.", "状态：落后。", t => t.charts.off_track),
    colour!("charts", "pending", "Status: pending.", "状态：待更新。", t => t.charts.pending),
    colour!("charts", "risk_low", "Risk matrix, low (keep it the lightest).", "风险矩阵：低（宜最浅）。", t => t.charts.risk_low),
    colour!("charts", "risk_medium", "Risk matrix, medium.", "风险矩阵：中。", t => t.charts.risk_medium),
    colour!("charts", "risk_high", "Risk matrix, high.", "风险矩阵：高。", t => t.charts.risk_high),
    html!("ink", "Page text.", "网页正文颜色。", ink),
    html!("muted", "Secondary text.", "次要文字。", muted),
    html!("line", "Rules and borders.", "分隔线与边框。", line),
    html!("soft", "Light backgrounds (table heads, code).", "浅色背景（表头、代码）。", soft),
    html!("accent", "Links and accents.", "链接与强调色。", accent),
    html!("cover", "The cover band's tint.", "封面区域的底色。", cover),
    html!("on", "Status chip: on track.", "状态标签：正常。", on),
    html!("on_bg", "Status chip background: on track.", "状态标签底色：正常。", on_bg),
    html!("risk", "Status chip: at risk.", "状态标签：关注。", risk),
    html!("risk_bg", "Status chip background: at risk.", "状态标签底色：关注。", risk_bg),
    html!("off", "Status chip: off track; confidentiality.", "状态标签：落后；密级。", off),
    html!("off_bg", "Status chip background: off track.", "状态标签底色：落后。", off_bg),
    html!("pending", "Status chip: pending.", "状态标签：待更新。", pending),
    html!("pending_bg", "Status chip background: pending.", "状态标签底色：待更新。", pending_bg),
];

/// The keys of one table.
pub fn of_table(table: &str) -> impl Iterator<Item = &'static Key> {
    KEYS.iter().filter(move |k| k.table == table)
}

/// The HTML palette's CSS property names, by field, for [`HtmlPalette::css`].
pub(super) fn html_vars(p: &HtmlPalette) -> [(&'static str, super::Rgb); 14] {
    [
        ("ink", p.ink),
        ("muted", p.muted),
        ("line", p.line),
        ("soft", p.soft),
        ("accent", p.accent),
        ("cover", p.cover),
        ("on", p.on),
        ("on-bg", p.on_bg),
        ("risk", p.risk),
        ("risk-bg", p.risk_bg),
        ("off", p.off),
        ("off-bg", p.off_bg),
        ("pending", p.pending),
        ("pending-bg", p.pending_bg),
    ]
}
