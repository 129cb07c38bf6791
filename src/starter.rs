//! `planwright new`: commented starter plans that render without warnings.

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
