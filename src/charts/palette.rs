//! The charts' colours, one per [`Role`]: the theme's `[charts]` table sets them.

use super::style::Role;
use crate::theme::Rgb;

/// Which colour each role of a chart is drawn in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// Text.
    pub ink: Rgb,
    /// Secondary text, ticks.
    pub muted: Rgb,
    /// Axis lines.
    pub axis: Rgb,
    /// Grid lines.
    pub grid: Rgb,
    /// Background.
    pub paper: Rgb,
    /// The main series: targets, amounts, our company, actuals.
    pub primary: Rgb,
    /// Running totals, forecasts, the plan date.
    pub accent: Rgb,
    /// Promotions on the Gantt chart (apart from the phases).
    pub promotion: Rgb,
    /// A forecast's scenario band (the accent, light).
    pub band: Rgb,
    /// Other companies.
    pub neutral: Rgb,
    /// The unnamed rest of a whole.
    pub rest: Rgb,
    /// Status: on track.
    pub on_track: Rgb,
    /// Status: at risk.
    pub at_risk: Rgb,
    /// Status: off track.
    pub off_track: Rgb,
    /// Status: pending.
    pub pending: Rgb,
    /// Risk cell, low (keep it the lightest, so levels also read in grey).
    pub risk_low: Rgb,
    /// Risk cell, medium.
    pub risk_medium: Rgb,
    /// Risk cell, high.
    pub risk_high: Rgb,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            ink: Rgb(0x1F, 0x29, 0x33),
            muted: Rgb(0x5F, 0x6B, 0x7A),
            axis: Rgb(0x9A, 0xA5, 0xB1),
            grid: Rgb(0xE3, 0xE7, 0xEC),
            paper: Rgb(0xFF, 0xFF, 0xFF),
            primary: Rgb(0x2F, 0x6D, 0xB5),
            accent: Rgb(0xD3, 0x6A, 0x1F),
            promotion: Rgb(0x2A, 0x93, 0x86),
            band: Rgb(0xF8, 0xE1, 0xCF),
            neutral: Rgb(0xA7, 0xB1, 0xBD),
            rest: Rgb(0xD5, 0xDB, 0xE2),
            on_track: Rgb(0x2E, 0x85, 0x40),
            at_risk: Rgb(0xD0, 0x92, 0x10),
            off_track: Rgb(0xC0, 0x39, 0x2B),
            pending: Rgb(0xB4, 0xBC, 0xC6),
            risk_low: Rgb(0xE3, 0xF2, 0xDF),
            risk_medium: Rgb(0xFB, 0xE3, 0xA6),
            risk_high: Rgb(0xF1, 0xAE, 0xA3),
        }
    }
}

impl Palette {
    /// The colour of `role`.
    pub(crate) fn get(&self, role: Role) -> Rgb {
        match role {
            Role::Ink => self.ink,
            Role::Muted => self.muted,
            Role::Axis => self.axis,
            Role::Grid => self.grid,
            Role::Paper => self.paper,
            Role::Primary => self.primary,
            Role::Accent => self.accent,
            Role::Promotion => self.promotion,
            Role::Band => self.band,
            Role::Neutral => self.neutral,
            Role::Rest => self.rest,
            Role::OnTrack => self.on_track,
            Role::AtRisk => self.at_risk,
            Role::OffTrack => self.off_track,
            Role::Pending => self.pending,
            Role::RiskLow => self.risk_low,
            Role::RiskMedium => self.risk_medium,
            Role::RiskHigh => self.risk_high,
        }
    }
}
