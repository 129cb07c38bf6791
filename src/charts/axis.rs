//! The value axis of the column and line charts: tick labels right-aligned left of the
//! plot, a gridline at each tick, and where a value sits between the plot's top and bottom.

use plotters::prelude::DrawingBackend;

use super::style::{self, GAP, PAD, Pen, Role, color};

/// A plot area with its value axis.
pub(crate) struct ValueAxis {
    /// The plot's left edge, just after the widest tick label.
    pub left: f64,
    /// The plot's right edge.
    pub right: f64,
    /// The height of the top tick.
    pub top: f64,
    /// The baseline.
    pub bottom: f64,
    y_max: f64,
}

impl ValueAxis {
    /// The axis of `ticks` (value, label; ascending) for a plot from `top` to `bottom`
    /// across a chart `w` wide.
    pub(crate) fn new(ticks: &[(f64, String)], w: f64, top: f64, bottom: f64) -> Self {
        let tick_w = style::widest(ticks.iter().map(|t| t.1.as_str()), style::SMALL);
        let y_max = ticks.last().map_or(1.0, |t| t.0).max(f64::MIN_POSITIVE);
        Self { left: PAD + tick_w + GAP, right: w - PAD, top, bottom, y_max }
    }

    /// The height of value `v` (below zero: the baseline).
    pub(crate) fn y(&self, v: f64) -> f64 {
        self.bottom - v.max(0.0) / self.y_max * (self.bottom - self.top)
    }

    /// The tick labels and a gridline at each tick; the zero line in `zero`'s colour, or
    /// left to the chart (`None`: columns stand on it).
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        ticks: &[(f64, String)],
        pen: &Pen<DB>,
        zero: Option<Role>,
    ) -> Result<(), String> {
        for (v, text) in ticks {
            let ty = self.y(*v);
            match (*v > 0.0, zero) {
                (true, _) => pen.line(self.left, ty, self.right, ty, color::GRID, 1)?,
                (false, Some(c)) => pen.line(self.left, ty, self.right, ty, c, 1)?,
                (false, None) => {}
            }
            pen.right(text, self.left - GAP, ty, style::SMALL, color::MUTED)?;
        }
        Ok(())
    }
}
