//! Plan text → YAML node tree with positions (see [`yaml`]); syntax errors explained in
//! plain words (see [`syntax`]).

pub mod syntax;
pub mod yaml;

use yaml::{Node, NodeKind};

/// The report locale a plan asks for (`meta.locale`), read from the tree before the model
/// is built, so text can be prepared for it.
pub fn locale(root: &Node) -> crate::model::Locale {
    let meta = match &root.kind {
        NodeKind::Map(entries) => entries.iter().find(|(k, _)| k.as_str() == Some("meta")),
        _ => None,
    };
    let locale = meta.and_then(|(_, m)| match &m.kind {
        NodeKind::Map(entries) => entries.iter().find(|(k, _)| k.as_str() == Some("locale")),
        _ => None,
    });
    locale.and_then(|(_, v)| v.as_str()).and_then(crate::model::Locale::parse).unwrap_or_default()
}

/// Chinese typography for a Chinese report: every text value of the plan gets full-width
/// punctuation next to Chinese characters (`A类客户(战略型)` → `A类客户（战略型）`), so the
/// report, its tables and its charts read in one style. Keys are left as written.
pub fn chinese_punctuation(node: &mut Node) {
    match &mut node.kind {
        NodeKind::Scalar(text, _) => {
            let t = crate::text::fullwidth_punctuation(text);
            if t != *text {
                *text = t;
            }
        }
        NodeKind::Seq(items) => items.iter_mut().for_each(chinese_punctuation),
        NodeKind::Map(entries) => entries.iter_mut().for_each(|(_, v)| chinese_punctuation(v)),
        NodeKind::Null => {}
    }
}
