//! One message catalog per locale (`messages/<tag>.yaml`): every diagnostic, warning and
//! error a planner reads is looked up here, so adding a locale is adding a file of strings.
//!
//! A catalog is a flat YAML mapping `key: text`; `{name}` in a text is replaced by the
//! argument of that name (a brace that does not enclose a known argument stays as written).

use std::collections::HashMap;

use crate::model::Locale;

/// The catalogs, by locale: the single source of every message's wording (the YAML files
/// in `messages/`, turned into tables by `build.rs`).
const CATALOGS: [(Locale, &[(&str, &str)]); 4] = [
    (Locale::ZhCn, crate::builtin::ZH_CN),
    (Locale::ZhTw, crate::builtin::ZH_TW),
    (Locale::ZhHk, crate::builtin::ZH_HK),
    (Locale::En, crate::builtin::EN),
];

/// True for a key a locale may leave out: how it writes one currency (`money.USD`,
/// `money.TWD.unit`; without it the currency takes its sign or its code), and the words of
/// the units it counts money in (`money.e4` = `万` in Chinese, `money.e6` = `M` in English).
pub fn optional(key: &str) -> bool {
    key.strip_prefix("money.").is_some_and(|k| {
        let code = k.strip_suffix(".unit").unwrap_or(k);
        let unit = k.strip_prefix('e').is_some_and(|e| e.chars().all(|c| c.is_ascii_digit()));
        unit || code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase())
    })
}

/// The messages of one locale.
#[derive(Debug, Clone, Copy)]
pub struct Catalog {
    locale: Locale,
    entries: &'static HashMap<String, String>,
}

/// Each catalog's table, indexed the first time it is asked for. The catalogs are constant
/// data of the binary, so this is a cache of constants, not state. (Parsing a catalog's
/// 25 KB of YAML on every `Catalog::new` cost a report 4 ms; build.rs now does it.)
static PARSED: [std::sync::OnceLock<HashMap<String, String>>; CATALOGS.len()] =
    [const { std::sync::OnceLock::new() }; CATALOGS.len()];

impl Catalog {
    /// The catalog of `locale` (indexed once per process).
    pub fn new(locale: Locale) -> Self {
        let i = CATALOGS.iter().position(|(l, _)| *l == locale).unwrap_or(0);
        let entries = PARSED[i].get_or_init(|| {
            CATALOGS[i].1.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
        });
        Self { locale, entries }
    }

    /// The locale whose words these are.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The message `key` with its `{name}` placeholders filled from `args`. An unknown key
    /// comes back as itself (a test makes sure every key used exists in every catalog).
    pub fn t(&self, key: &str, args: &[(&str, &str)]) -> String {
        let Some(text) = self.entries.get(key) else { return key.to_string() };
        fill(text, args)
    }

    /// Every key of the catalog (for tests that compare locales).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The raw text of `key`, placeholders unfilled.
    pub fn raw(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(String::as_str)
    }
}

/// `cat.t(key, args)` with `name = value` arguments of any `Display` type.
#[macro_export]
macro_rules! tr {
    ($cat:expr, $key:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $cat.t($key, &[$((stringify!($name), &$value.to_string())),*])
    };
}

/// Replaces `{name}` by its argument; anything else is copied as written.
fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
        match name_len.and_then(|n| Some((n, args.iter().find(|(k, _)| *k == &after[..n])?))) {
            Some((n, (_, value))) if after[n..].starts_with('}') => {
                out.push_str(value);
                rest = &after[n + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Placeholder names used in a catalog text (`{name}` with a plain name).
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(n) = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            && n > 0
            && after[n..].starts_with('}')
        {
            out.push(after[..n].to_string());
        }
        rest = after;
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::yaml::{self, NodeKind};

    #[test]
    fn catalogs_are_their_yaml_files_as_the_reader_reads_them() {
        let files = [
            (Locale::ZhCn, include_str!("../messages/zh-CN.yaml")),
            (Locale::ZhTw, include_str!("../messages/zh-TW.yaml")),
            (Locale::ZhHk, include_str!("../messages/zh-HK.yaml")),
            (Locale::En, include_str!("../messages/en.yaml")),
        ];
        for (locale, text) in files {
            let NodeKind::Map(items) = yaml::parse(text).unwrap().kind else { panic!() };
            let read: HashMap<String, String> = items
                .into_iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
                .collect();
            assert!(read.len() > 300, "{locale:?}");
            assert_eq!(*Catalog::new(locale).entries, read, "{locale:?}");
        }
    }

    #[test]
    fn fills_known_placeholders_and_keeps_other_braces() {
        assert_eq!(fill("a {x} b", &[("x", "1")]), "a 1 b");
        assert_eq!(fill("`{ name: … }` {y}", &[("x", "1")]), "`{ name: … }` {y}");
        assert_eq!(fill("{x}{x}", &[("x", "é")]), "éé");
        assert_eq!(fill("{", &[]), "{");
    }

    /// Every locale has every key, and uses only placeholders the code fills (those of
    /// zh-CN or en; a language may leave one out, as zh-CN does with `{key}` of a sum).
    #[test]
    fn every_locale_has_the_same_keys_and_known_placeholders() {
        let zh = Catalog::new(Locale::ZhCn);
        let en = Catalog::new(Locale::En);
        assert!(zh.keys().count() > 100, "the zh-CN catalog did not load");
        let mut keys: Vec<&str> = zh.keys().filter(|k| !optional(k)).collect();
        keys.sort();
        for (locale, _) in CATALOGS {
            let other = Catalog::new(locale);
            let mut b: Vec<&str> = other.keys().filter(|k| !optional(k)).collect();
            b.sort();
            assert_eq!(keys, b, "keys of {} differ from zh-CN", locale.tag());
            for k in &keys {
                let mut known = placeholders(zh.raw(k).unwrap_or(""));
                known.extend(placeholders(en.raw(k).unwrap_or("")));
                for p in placeholders(other.raw(k).unwrap_or("")) {
                    assert!(
                        known.contains(&p),
                        "`{{{p}}}` of `{k}` in {} is never filled",
                        locale.tag()
                    );
                }
            }
        }
    }

    #[test]
    fn every_key_used_in_the_source_is_in_the_catalog() {
        let zh = Catalog::new(Locale::ZhCn);
        let mut missing = Vec::new();
        for key in used_keys(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
            if zh.raw(&key).is_none() {
                missing.push(key);
            }
        }
        assert!(missing.is_empty(), "keys used but not in messages/zh-CN.yaml: {missing:?}");
    }

    /// Keys written as `tr!(x, "key"` or `.t("key"` in the source.
    fn used_keys(dir: std::path::PathBuf) -> Vec<String> {
        let mut out = Vec::new();
        let Ok(read) = std::fs::read_dir(&dir) else { return out };
        for entry in read.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(used_keys(path));
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("messages.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for marker in ["tr!(", ".t(\""] {
                    for (i, _) in text.match_indices(marker) {
                        let rest = &text[i + marker.len()..];
                        let Some(q) = rest.find('"') else { continue };
                        if marker == "tr!(" && rest[..q].contains(')') {
                            continue;
                        }
                        let rest = &rest[q + 1..];
                        let Some(end) = rest.find('"') else { continue };
                        let key = &rest[..end];
                        if key.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c == '.') {
                            out.push(key.to_string());
                        }
                    }
                }
            }
        }
        out
    }
}
