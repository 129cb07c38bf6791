//! Shares rounded for display so that they still add up: the largest-remainder method.
//!
//! Rounding 1/3, 1/3, 1/3 each to 33.3% shows 99.9%; a board reader then asks where the
//! 0.1% went. Rounded by largest remainder, shares that add up to exactly 100% are shown as
//! 33.4%, 33.3%, 33.3%: each is off by less than one step, and the sum is exactly 100.0%.

use rust_decimal::{Decimal, RoundingStrategy};

/// `shares` (fractions) rounded to `dp` decimals of a percent, summing to exactly what
/// their exact sum rounds to. Ties go to the earlier share, so the result is deterministic.
/// Shares too large to compute with are returned rounded the usual way.
pub fn largest_remainder(shares: &[Decimal], dp: u32) -> Vec<Decimal> {
    // Work in whole steps of the last shown digit: 0.1% is a step of 0.001.
    let Some(step) = Decimal::ONE.checked_div(Decimal::from(10u64.pow((dp + 2).min(18)))) else {
        return shares.to_vec();
    };
    let scaled: Option<Vec<Decimal>> = shares.iter().map(|s| s.checked_div(step)).collect();
    let total = shares.iter().try_fold(Decimal::ZERO, |a, s| a.checked_add(*s));
    let (Some(scaled), Some(total)) = (scaled, total) else {
        return shares
            .iter()
            .map(|s| s.round_dp_with_strategy(dp + 2, RoundingStrategy::MidpointAwayFromZero))
            .collect();
    };
    let Some(target) = total
        .checked_div(step)
        .map(|t| t.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
    else {
        return shares.to_vec();
    };
    let mut floors: Vec<Decimal> = scaled.iter().map(|s| s.floor()).collect();
    let assigned =
        floors.iter().try_fold(Decimal::ZERO, |a, f| a.checked_add(*f)).unwrap_or(target);
    let mut left = (target - assigned).max(Decimal::ZERO);
    let mut order: Vec<usize> = (0..shares.len()).collect();
    // Largest remainder first; equal remainders keep their order.
    order.sort_by(|&a, &b| (scaled[b] - floors[b]).cmp(&(scaled[a] - floors[a])));
    for &i in order.iter().cycle().take(order.len() * 2) {
        if left < Decimal::ONE {
            break;
        }
        floors[i] += Decimal::ONE;
        left -= Decimal::ONE;
    }
    floors.into_iter().map(|f| (f * step).normalize()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap_or_default()
    }

    #[test]
    fn thirds_add_up_to_exactly_one_hundred_percent() {
        let third = Decimal::ONE / Decimal::from(3);
        let shown = largest_remainder(&[third, third, third], 1);
        assert_eq!(shown, [d("0.334"), d("0.333"), d("0.333")]);
        assert_eq!(shown.iter().sum::<Decimal>(), Decimal::ONE);
    }

    #[test]
    fn shares_that_round_cleanly_are_unchanged() {
        assert_eq!(largest_remainder(&[d("0.25"), d("0.75")], 1), [d("0.25"), d("0.75")]);
    }
}
