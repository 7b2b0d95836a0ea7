/// Quantiles of exact samples, by the nearest-rank method.
///
/// The p-quantile of n sorted samples x₁ ≤ … ≤ xₙ is x_k with k = max(1, ⌈p·n⌉) (Hyndman and
/// Fan's definition 1, the inverse of the empirical distribution function). It is always one of
/// the samples, so a quantile of SWAN amounts is itself an exact amount: nothing is interpolated
/// and no rounding rule is needed. For an even n the median is the lower of the two middle
/// samples; with 3 seeds the 5 % and 95 % quantiles are the minimum and the maximum, and with
/// fewer than 20 samples the 5–95 % band is the full range.
public enum Quantile {
    /// The `percent`-quantile (0…100) of `sorted` (ascending); nil when empty.
    public static func nearestRank(_ sorted: [ChartValue], percent: Int) -> ChartValue? {
        guard !sorted.isEmpty else { return nil }
        let p = min(max(percent, 0), 100)
        let rank = max(1, (p * sorted.count + 99) / 100)
        return sorted[min(rank, sorted.count) - 1]
    }
}
