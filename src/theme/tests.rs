use super::keys::{KEYS, Kind, Val};
use super::*;
use crate::model::Locale;

fn cat() -> Catalog {
    Catalog::new(Locale::En)
}

fn parse(text: &str) -> Result<Theme, String> {
    let file =
        ThemeFile::parse(Path::new("theme.toml"), text, &cat()).map_err(|e| e.to_string())?;
    let mut t = Theme::default();
    t.apply(&file.settings);
    Ok(t)
}

/// A value of `kind` that differs from `now`.
fn other(kind: Kind, now: &Val) -> Val {
    match kind {
        Kind::Number { min, max, .. } => {
            let n = if let Val::Num(n) = now { *n } else { min };
            let v = ((min + max) / 2.0 * 100.0).round() / 100.0;
            Val::Num(if (v - n).abs() < 0.01 { min } else { v })
        }
        Kind::Color => Val::Color(Some(Rgb(0x12, 0x34, 0x56))),
        Kind::OptColor => match now {
            Val::Color(None) => Val::Color(Some(Rgb(0x65, 0x43, 0x21))),
            _ => Val::Color(None),
        },
        Kind::Choice(c) => {
            Val::Text(c.iter().find(|w| Val::Text(w.to_string()) != *now).unwrap().to_string())
        }
        Kind::Bool => Val::Bool(*now != Val::Bool(true)),
        Kind::Text(_) => Val::Text("{title} · {page}".into()),
        Kind::Path => Val::Text("fonts/x.ttf".into()),
        Kind::Ids(ids) => Val::List(ids.iter().rev().take(2).map(|s| s.to_string()).collect()),
    }
}

#[test]
fn the_commented_default_is_the_default_and_uncommented_reads_back_to_it() {
    let text = default_toml();
    assert_eq!(parse(&text).unwrap(), Theme::default());
    // a commented setting is `# [table]` or `# name = value`; the rest is prose
    let setting = |r: &&str| {
        r.starts_with('[')
            || r.split_once(" = ").is_some_and(|(k, _)| {
                !k.is_empty()
                    && k.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
    };
    let uncommented: String = text
        .lines()
        .map(|l| l.strip_prefix("# ").filter(setting).unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    // every key appears once, uncommented
    for k in KEYS {
        assert!(uncommented.contains(&format!("\n{} = ", k.name)), "{} missing", k.path());
    }
    let t = parse(&uncommented).unwrap();
    assert_eq!(to_toml(&t), to_toml(&Theme::default()));
}

#[test]
fn every_key_round_trips_through_a_file() {
    for key in KEYS {
        let base = Theme::default();
        let want = other(key.kind, &(key.get)(&base));
        let mut t = base.clone();
        (key.set)(&mut t, want.clone());
        let text = to_toml(&t);
        let back = parse(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", key.path()));
        let got = (key.get)(&back);
        let same = match (&got, &want) {
            (Val::Num(a), Val::Num(b)) => (a - b).abs() < 1e-3,
            _ => got == want,
        };
        assert!(same, "{}: wrote {want:?}, read {got:?}", key.path());
        assert_eq!(to_toml(&back), text, "{}", key.path());
        assert_ne!(to_toml(&back), to_toml(&base), "{} changed nothing", key.path());
    }
}

#[test]
fn yaml_themes_read_like_toml() {
    let t = ThemeFile::parse(
        Path::new("t.yaml"),
        "colors:\n  accent: '#0e7c7b'\ntable: { style: grid }\n",
        &cat(),
    )
    .unwrap();
    let mut theme = Theme::default();
    theme.apply(&t.settings);
    assert_eq!(theme.pdf.accent, Rgb(0x0e, 0x7c, 0x7b));
    assert!(theme.pdf.table_grid);
}

#[test]
fn errors_name_the_key_the_line_the_column_and_what_is_accepted() {
    let text = "[colors]\naccent = \"#0e7c7b\"\nacent = \"#000000\"\n\n[table]\nstyle = \"grd\"\n\n[page]\nmargin_top = 200\n\n[colours]\n\n[footer]\ncenter = \"{pge}\"\n";
    let e = parse(text).unwrap_err();
    assert!(e.contains("theme.toml:3:1"), "{e}");
    assert!(
        e.contains("`colors.acent` is not a theme key")
            && e.contains("did you mean `colors.accent`?"),
        "{e}"
    );
    assert!(
        e.contains("theme.toml:6:9")
            && e.contains("`table.style` is `grd`")
            && e.contains("`rules`, `grid`"),
        "{e}"
    );
    assert!(e.contains("theme.toml:9:14") && e.contains("from 5 to 80 (mm)"), "{e}");
    assert!(
        e.contains("`[colours]` is not a table") && e.contains("did you mean `colors`?"),
        "{e}"
    );
    assert!(e.contains("`{pge}`") && e.contains("did you mean `{page}`?"), "{e}");
    let syntax = parse("[page]\nsize = A4\n").unwrap_err();
    assert!(syntax.contains("theme.toml:2:") && syntax.contains("does not parse"), "{syntax}");
}

#[test]
fn the_example_themes_read_and_differ_from_the_default() {
    for (name, text) in EXAMPLES {
        let t = parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_ne!(t, Theme::default(), "{name}");
    }
}

#[test]
fn html_palette_writes_only_what_differs() {
    assert_eq!(HtmlPalette::default().css(), "");
    let p = HtmlPalette { accent: Rgb(0x0e, 0x7c, 0x7b), ..HtmlPalette::default() };
    assert_eq!(p.css(), ":root { --accent: #0e7c7b; }");
}

#[test]
fn docs_themes_md_lists_every_key_as_declared() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/themes.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let start = "<!-- keys: generated from src/theme/keys.rs by reference_markdown() -->\n";
    let end = "<!-- end keys -->";
    let table = doc.split(start).nth(1).and_then(|r| r.split(end).next());
    let want = reference_markdown();
    // `UPDATE_DOCS=1 cargo test --lib docs_` rewrites the table
    if table != Some(want.as_str()) && std::env::var_os("UPDATE_DOCS").is_some() {
        let (head, _) = doc.split_once(start).unwrap();
        let tail = doc.split_once(end).map_or("", |(_, t)| t);
        std::fs::write(path, format!("{head}{start}{want}{end}{tail}")).unwrap();
        return;
    }
    assert_eq!(
        table,
        Some(want.as_str()),
        "docs/themes.md is out of date; paste this between the markers:\n{want}"
    );
}
