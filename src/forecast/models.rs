//! The three forecasting models, fitted on a series of equally spaced figures: a
//! least-squares line (three to eight points), exponential smoothing with a trend (augurs
//! AutoETS) and a seasonal model (augurs MSTL: STL decomposition, the seasonally adjusted
//! series forecast by the same ETS trend). Each gives point forecasts and a prediction
//! interval at a level.
//!
//! Statistics run in `f64`, on the series divided by its largest absolute value (the
//! models are scale-free; it keeps the STL's `f32` and the optimiser in a good range).
//! Only the closed-form ETS families are searched (additive or multiplicative error,
//! additive trend, damped or not, no seasonality): their intervals are formulas, so the
//! same plan gives the same forecast on every run (augurs simulates intervals for the
//! multiplicative-trend families, with a random generator).

use std::sync::OnceLock;

use augurs_core::{Fit, Predict};
use augurs_ets::AutoETS;
use augurs_mstl::{FittedTrendModel, MSTLModel, TrendModel};

/// Which model a forecast comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Ordinary least squares on the period index, with Student-t prediction intervals.
    Linear,
    /// Exponential smoothing with an additive (possibly damped) trend, chosen by AICc.
    Ets,
    /// MSTL decomposition with a 12-month season; the adjusted series by [`Method::Ets`].
    Seasonal,
}

impl Method {
    /// Fewest points the model can be fitted on.
    pub fn min_points(self) -> usize {
        match self {
            // two parameters and at least one degree of freedom for the error
            Self::Linear => 3,
            // AutoETS needs more points than its 4 parameters + 4 (augurs' rule)
            Self::Ets => 9,
            // STL needs two whole seasons
            Self::Seasonal => 2 * SEASON,
        }
    }
}

/// Months in a season.
pub const SEASON: usize = 12;

/// A fitted model's forecast, in the units of the series it was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The model as fitted: the ETS family (`AAdN`), else empty.
    pub model: String,
    /// Point forecasts, one per step ahead.
    pub point: Vec<f64>,
    /// Lower bounds of the prediction interval.
    pub lower: Vec<f64>,
    /// Upper bounds.
    pub upper: Vec<f64>,
}

/// Why a model gave no forecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed(pub String);

/// Fits `method` to `y` and forecasts `horizon` steps with a `level` prediction interval
/// (0.5–0.99).
pub fn fit(method: Method, y: &[f64], horizon: usize, level: f64) -> Result<Fitted, Failed> {
    if y.len() < method.min_points() {
        return Err(Failed(format!("{} points, {} needed", y.len(), method.min_points())));
    }
    let scale = y.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    if !scale.is_finite() || scale == 0.0 {
        return Err(Failed("no non-zero figure".into()));
    }
    let scaled: Vec<f64> = y.iter().map(|v| v / scale).collect();
    let mut out = match method {
        Method::Linear => linear(&scaled, horizon, level),
        Method::Ets => ets(&scaled, horizon, level),
        Method::Seasonal => seasonal(&scaled, horizon, level),
    }?;
    for v in out.point.iter_mut().chain(&mut out.lower).chain(&mut out.upper) {
        *v *= scale;
    }
    let finite = out.point.iter().chain(&out.lower).chain(&out.upper).all(|v| v.is_finite());
    let whole =
        out.point.len() == horizon && out.lower.len() == horizon && out.upper.len() == horizon;
    if finite && whole { Ok(out) } else { Err(Failed("the model gave no finite forecast".into())) }
}

/// Least squares on x = 0, 1, …, n−1. The interval is the classical one for a new
/// observation: ŷ ± t(n−2) · s · √(1 + 1/n + (x₀ − x̄)² / Sxx), the quantile from `distrs`.
fn linear(y: &[f64], horizon: usize, level: f64) -> Result<Fitted, Failed> {
    let n = y.len() as f64;
    let x_mean = (n - 1.0) / 2.0;
    let y_mean = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (i, v) in y.iter().enumerate() {
        let dx = i as f64 - x_mean;
        sxy += dx * (v - y_mean);
        sxx += dx * dx;
    }
    let slope = sxy / sxx;
    let intercept = y_mean - slope * x_mean;
    let ssr: f64 =
        y.iter().enumerate().map(|(i, v)| (v - (intercept + slope * i as f64)).powi(2)).sum();
    let s = (ssr / (n - 2.0)).sqrt();
    let t = distrs::StudentsT::ppf(0.5 + level / 2.0, n - 2.0);
    let mut out = Fitted { model: String::new(), point: vec![], lower: vec![], upper: vec![] };
    for h in 0..horizon {
        let x0 = n + h as f64;
        let p = intercept + slope * x0;
        let half = t * s * (1.0 + 1.0 / n + (x0 - x_mean).powi(2) / sxx).sqrt();
        out.point.push(p);
        out.lower.push(p - half);
        out.upper.push(p + half);
    }
    Ok(out)
}

/// The AutoETS search over the closed-form trend families.
fn auto_ets() -> Result<AutoETS, Failed> {
    // `ZAN`: additive or multiplicative error, additive trend (damped or not, by AICc),
    // no season; multiplicative trends stay excluded (augurs' default).
    AutoETS::new(1, "ZAN").map_err(|e| Failed(e.to_string()))
}

fn ets(y: &[f64], horizon: usize, level: f64) -> Result<Fitted, Failed> {
    let fitted = auto_ets()?.fit(y).map_err(|e| Failed(e.to_string()))?;
    let model = family(fitted.model());
    let f = fitted.predict(horizon, level).map_err(|e| Failed(e.to_string()))?;
    from_augurs(model, f)
}

/// `AAdN` for a damped trend (augurs prints the damped flag apart).
fn family(m: &augurs_ets::model::Model) -> String {
    let t = m.model_type();
    let code = t.to_string();
    if m.damped() && code.len() == 3 {
        format!("{}{}d{}", &code[..1], &code[1..2], &code[2..])
    } else {
        code
    }
}

fn from_augurs(model: String, f: augurs_core::Forecast) -> Result<Fitted, Failed> {
    let iv = f.intervals.ok_or_else(|| Failed("no prediction interval".into()))?;
    Ok(Fitted { model, point: f.point, lower: iv.lower, upper: iv.upper })
}

fn seasonal(y: &[f64], horizon: usize, level: f64) -> Result<Fitted, Failed> {
    let trend = Recorded { auto: auto_ets()?, family: OnceLock::new() };
    // A fixed seasonal pattern (R's `s.window = "periodic"`): two or three years cannot
    // show a season that changes shape. Ten inner passes instead of STL's two: with two,
    // part of a steady trend stays in the season as a ramp within each year (on a pattern
    // plus a line, January reads 10 low and the trend's slope a fifth short).
    let mut stl = stlrs::params();
    stl.seasonal_length(10 * y.len() + 1).seasonal_degree(0).inner_loops(10);
    let mut params = stlrs::MstlParams::new();
    params.stl_params(stl);
    let mstl = MSTLModel::new(vec![SEASON], trend).mstl_params(params);
    let fitted = mstl.fit(y).map_err(|e| Failed(e.to_string()))?;
    let f = fitted.predict(horizon, level).map_err(|e| Failed(e.to_string()))?;
    let family = mstl.trend_model().family.get().cloned().unwrap_or_default();
    from_augurs(family, f)
}

/// The ETS trend model of MSTL, remembering which family the search chose (MSTL keeps its
/// fitted trend model behind a trait object).
#[derive(Debug)]
struct Recorded {
    auto: AutoETS,
    family: OnceLock<String>,
}

impl TrendModel for Recorded {
    fn name(&self) -> std::borrow::Cow<'_, str> {
        "AutoETS".into()
    }

    fn fit(
        &self,
        y: &[f64],
    ) -> Result<Box<dyn FittedTrendModel + Sync + Send>, Box<dyn std::error::Error + Send + Sync>>
    {
        let fitted = self.auto.fit(y)?;
        let _ = self.family.set(family(fitted.model()));
        Ok(Box::new(EtsTrend(fitted)))
    }
}

#[derive(Debug)]
struct EtsTrend(augurs_ets::FittedAutoETS);

impl FittedTrendModel for EtsTrend {
    fn predict_inplace(
        &self,
        horizon: usize,
        level: Option<f64>,
        forecast: &mut augurs_core::Forecast,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        Ok(self.0.predict_inplace(horizon, level, forecast)?)
    }

    fn predict_in_sample_inplace(
        &self,
        level: Option<f64>,
        forecast: &mut augurs_core::Forecast,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        Ok(self.0.predict_in_sample_inplace(level, forecast)?)
    }

    fn training_data_size(&self) -> Option<usize> {
        Some(self.0.training_data_size())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    /// The annual reference history (万元): the least-squares line and its 80% interval,
    /// worked by hand: slope 1,910, intercept 6,360 → 14,000 for the fifth year; residuals
    /// −160, 230, 20, −90 give s² = 87,000 / 2; t(2, 0.90) = 1.885618; the factor
    /// √(1 + 1/4 + 2.5² / 5) = √2.5.
    #[test]
    fn linear_matches_the_hand_worked_line_and_interval() {
        let f = fit(Method::Linear, &[6200.0, 8500.0, 10200.0, 12000.0], 1, 0.8).unwrap();
        assert!(close(f.point[0], 14000.0, 1e-12), "{f:?}");
        let half = 1.885_618_083 * (87_000.0_f64 / 2.0).sqrt() * 2.5_f64.sqrt();
        assert!(close(f.upper[0] - f.point[0], half, 1e-6), "{f:?} vs {half}");
        assert!(close(f.point[0] - f.lower[0], half, 1e-6));
    }

    /// augurs' own documented example: 1, 2, …, 9 is fitted as AAN and continues the line.
    #[test]
    fn ets_reproduces_the_library_example() {
        let y: Vec<f64> = (1..10).map(f64::from).collect();
        let f = fit(Method::Ets, &y, 5, 0.8).unwrap();
        for (got, want) in f.point.iter().zip([10.0, 11.0, 12.0, 13.0, 14.0]) {
            assert!(close(*got, want, 1e-6), "{f:?}");
        }
        assert!(f.model.starts_with('A') || f.model.starts_with('M'), "{}", f.model);
    }

    #[test]
    fn each_model_says_how_many_points_it_needs() {
        assert_eq!(fit(Method::Ets, &[1.0; 8], 1, 0.8), Err(Failed("8 points, 9 needed".into())));
        assert!(fit(Method::Seasonal, &[1.0; 23], 1, 0.8).is_err());
        assert!(fit(Method::Linear, &[0.0; 5], 1, 0.8).is_err());
    }
}
