//! The product mix: each product's revenue (its amount, or its share of `targets.total`),
//! gross profit (revenue × margin) and the weighted gross margin of the whole mix, with the
//! products put in pyramid order (塔尖 → 塔身 → 塔基) for the chart and the table.

use rust_decimal::Decimal;

use super::{At, BreakdownFigures, Overflow, breakdown};
use crate::model::Plan;

/// Figures of the product mix.
#[derive(Debug, Clone)]
pub struct ProductFigures {
    /// Revenue, share and running sums per product, as for a breakdown.
    pub split: BreakdownFigures,
    /// Gross profit of each product (revenue × margin), when both are known.
    pub profit: Vec<Option<Decimal>>,
    /// Gross profit of the whole mix, when every product has it.
    pub profit_sum: Option<Decimal>,
    /// Gross margin of the mix, weighted by revenue (or by share when revenue is unknown),
    /// when every product has a margin.
    pub margin: Option<Decimal>,
    /// Product indices in pyramid order: by tier (top first), then as written.
    pub order: Vec<usize>,
}

/// Words that place a tier at the top, the middle or the base of the pyramid.
const TIERS: [&[&str]; 3] = [
    &["塔尖", "顶端", "高端", "旗舰", "top", "apex", "premium", "flagship", "high"],
    &["塔身", "腰部", "主力", "核心", "middle", "mid", "core", "body", "main"],
    &["塔基", "底部", "基础", "引流", "入门", "base", "bottom", "entry", "basic", "traffic"],
];

/// Rank of a tier name: 0–2 for the known words; unknown names after them in the order
/// they first appear; products without a tier last.
fn ranks(tiers: &[Option<&str>]) -> Vec<usize> {
    let mut unknown: Vec<&str> = Vec::new();
    tiers
        .iter()
        .map(|t| match t {
            None => usize::MAX,
            Some(t) => {
                let lower = t.to_lowercase();
                match TIERS.iter().position(|words| words.iter().any(|w| lower.contains(w))) {
                    Some(r) => r,
                    None => {
                        let k = unknown.iter().position(|u| u == t).unwrap_or_else(|| {
                            unknown.push(t);
                            unknown.len() - 1
                        });
                        TIERS.len() + k
                    }
                }
            }
        })
        .collect()
}

pub(super) fn derive(plan: &Plan) -> Result<Option<ProductFigures>, Overflow> {
    if plan.products.is_empty() {
        return Ok(None);
    }
    let at = At::new("products", plan.products_span);
    let total = plan.targets.as_ref().and_then(|t| t.total).map(|m| m.amount);
    let split = breakdown(plan.products.iter().map(|p| p.portion), total, &at)?;
    let profit = plan
        .products
        .iter()
        .zip(&split.items)
        .map(|(p, f)| match (f.amount, p.margin) {
            (Some(a), Some(m)) => at.mul(a, m).map(Some),
            _ => Ok(None),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let profit_sum = match profit.iter().copied().collect::<Option<Vec<_>>>() {
        Some(all) => Some(at.sum(all)?),
        None => None,
    };
    let margins: Option<Vec<Decimal>> = plan.products.iter().map(|p| p.margin).collect();
    let weights: Option<Vec<Decimal>> = split
        .items
        .iter()
        .map(|i| i.amount)
        .collect::<Option<Vec<_>>>()
        .or_else(|| split.items.iter().map(|i| i.share).collect());
    let margin = match (margins, weights) {
        (Some(m), Some(w)) => {
            let weight = at.sum(w.iter().copied())?;
            let mut weighted = Decimal::ZERO;
            for (m, w) in m.iter().zip(&w) {
                weighted = at.add(weighted, at.mul(*m, *w)?)?;
            }
            (!weight.is_zero()).then(|| at.div(weighted, weight)).transpose()?
        }
        _ => None,
    };
    let rank = ranks(&plan.products.iter().map(|p| p.tier.as_deref()).collect::<Vec<_>>());
    let mut order: Vec<usize> = (0..plan.products.len()).collect();
    order.sort_by_key(|&i| rank[i]);
    Ok(Some(ProductFigures { split, profit, profit_sum, margin, order }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_go_top_to_base_and_unknown_ones_after_in_written_order() {
        let r = ranks(&[Some("塔基（引流）"), Some("塔尖"), None, Some("塔身（主力）"), Some("B")]);
        assert_eq!(r, [2, 0, usize::MAX, 1, 3]);
        assert_eq!(ranks(&[Some("Entry"), Some("Premium"), Some("Core")]), [2, 0, 1]);
        assert_eq!(ranks(&[Some("乙"), Some("甲"), Some("乙")]), [3, 4, 3]);
    }
}
