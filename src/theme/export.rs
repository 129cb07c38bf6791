//! A theme → TOML text: every key, in [`KEYS`] order, with what it does in English and
//! Chinese and what it accepts. [`default_toml`] comments every line out, so the exported
//! file changes nothing until a line is uncommented.

use super::Theme;
use super::keys::{KEYS, Kind, TABLES, Val};
use super::read::fmt_num;

/// The default theme with every key commented out (`templates export` writes it as
/// `theme.toml`).
pub fn default_toml() -> String {
    write(&Theme::default(), true)
}

/// Every key of `theme`, set (reading it back gives the same theme).
pub fn to_toml(theme: &Theme) -> String {
    write(theme, false)
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn value(v: &Val) -> String {
    match v {
        Val::Num(n) => fmt_num(*n),
        Val::Color(Some(c)) => quote(&c.hex()),
        Val::Color(None) => quote("none"),
        Val::Text(s) => quote(s),
        Val::Bool(b) => b.to_string(),
        Val::List(l) => format!("[{}]", l.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")),
    }
}

fn accepted(kind: Kind) -> String {
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ");
    match kind {
        Kind::Number { min, max, unit } => format!("{} – {} {unit}", fmt_num(min), fmt_num(max)),
        Kind::Color => "#rrggbb".into(),
        Kind::OptColor => "#rrggbb, none".into(),
        Kind::Choice(c) => words(c),
        Kind::Bool => "true, false".into(),
        Kind::Text(p) => {
            format!("text; {}", p.iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>().join(" "))
        }
        Kind::Path => "a font file (.ttf, .otf)".into(),
        Kind::Ids(ids) => format!("[{}]", words(ids)),
    }
}

/// The key reference of `docs/themes.md`: one table per theme table, every key with what it
/// accepts, its default and what it does (a test keeps the document equal to this).
pub fn reference_markdown() -> String {
    let base = Theme::default();
    let mut out = String::new();
    for table in TABLES {
        out.push_str(&format!(
            "\n### `[{table}]`\n\n| key | accepts | default | what it does |\n|---|---|---|---|\n"
        ));
        for key in KEYS.iter().filter(|k| k.table == table) {
            let cell = |s: String| s.replace('|', "\\|");
            out.push_str(&format!(
                "| `{}` | {} | `{}` | {} {} |\n",
                key.name,
                cell(accepted(key.kind)),
                cell(value(&(key.get)(&base))),
                cell(key.en.to_string()),
                cell(key.zh.to_string()),
            ));
        }
    }
    out
}

fn write(theme: &Theme, commented: bool) -> String {
    let mut out = String::from(
        "# Planwright theme: the look of the PDF, the charts and the HTML page.\n\
         # Planwright 主题：PDF、图表与网页的外观。\n\
         #\n\
         # Put it in a template folder as `theme.toml` (or in a set's folder, for that set), or\n\
         # pass it with `--theme FILE`. A file sets only the keys it names; the rest keep the\n\
         # defaults shown here. Uncomment a line to change it.\n\
         # 放在模板文件夹中命名为 theme.toml（或放在某个模板集的文件夹中，只对该集生效），\n\
         # 或用 --theme FILE 指定。文件只改写其中写出的键；去掉行首的 # 即可修改。\n",
    );
    let c = if commented { "# " } else { "" };
    for table in TABLES {
        out.push_str(&format!("\n{c}[{table}]\n"));
        for key in KEYS.iter().filter(|k| k.table == table) {
            out.push_str(&format!("# {}\n# {}\n# ({})\n", key.en, key.zh, accepted(key.kind)));
            out.push_str(&format!("{c}{} = {}\n", key.name, value(&(key.get)(theme))));
        }
    }
    out
}
