//! `planwright new`: commented starter plans that render without warnings.

/// The schema file a starter's first line names (`# yaml-language-server: $schema=./…`);
/// `planwright new` writes it beside the plan.
pub const SCHEMA_FILE: &str = "planwright.schema.json";

/// Starter plans by kind.
pub const STARTERS: &[(&str, &str)] = &[
    ("annual", include_str!("../templates/starters/annual.yaml")),
    ("monthly", include_str!("../templates/starters/monthly.yaml")),
];

/// The starter plan of `kind`, if there is one.
pub fn starter(kind: &str) -> Option<&'static str> {
    STARTERS.iter().find(|(k, _)| *k == kind).map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The starter with every commented-out chapter and field (`# key: …`, `#   - …`)
    /// turned back on, as a user would by removing the `# `.
    fn uncommented(text: &str) -> String {
        text.lines()
            .map(|line| {
                let indent = line.len() - line.trim_start().len();
                let Some(rest) = line.trim_start().strip_prefix("# ") else {
                    return line.to_string();
                };
                let body = rest.trim_start();
                let key = body.split_once(':').is_some_and(|(k, v)| {
                    !k.is_empty()
                        && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                        && (v.is_empty() || v.starts_with(' '))
                });
                let item = body.starts_with("- ") || body.starts_with("trigger:");
                if key || item { format!("{}{rest}", " ".repeat(indent)) } else { line.to_string() }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn starters_with_every_optional_chapter_turned_on_are_clean_plans() {
        for (kind, text) in STARTERS {
            let full = uncommented(text);
            assert_ne!(&full, text, "{kind}: nothing commented to turn on");
            let checked = crate::check(kind, &full);
            assert!(
                checked.diagnostics.items.is_empty(),
                "{kind}: {}\n{full}",
                checked.diagnostics.render()
            );
            let (plan, _) = checked.valid.expect("valid");
            assert!(!plan.promotions.is_empty() && !plan.dates.is_empty(), "{kind}");
            assert!(
                plan.funnel.is_some() && plan.risks.iter().any(|r| r.drill.is_some()),
                "{kind}"
            );
        }
    }

    #[test]
    fn starters_name_the_schema_on_their_first_line() {
        for (kind, text) in STARTERS {
            let first = text.lines().next().unwrap_or("");
            assert_eq!(first, format!("# yaml-language-server: $schema=./{SCHEMA_FILE}"), "{kind}");
        }
    }

    #[test]
    fn starters_are_clean_plans() {
        for (kind, text) in STARTERS {
            let checked = crate::check(kind, text);
            assert!(
                checked.diagnostics.items.is_empty(),
                "{kind}: {}",
                checked.diagnostics.render()
            );
        }
    }
}
