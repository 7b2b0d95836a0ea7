/// Dynamic pricing of a market run (RULES-MARKET M4, D §8): the day's usage, historical demand
/// H, current occupancy C, the demand factor and the quoted price.
///
/// Pure integer functions of what the ledger shows, so that the engine and the checker each
/// compute the same quote from their own counts; every quotient is one floor (M1).
public enum MarketPricing {
    static let wad = Decimal18.scale

    /// u(x) = min(WAD, ⌊WAD · busy / provisioned⌋), 0 when nothing was provisioned (M4.1).
    /// Work on a terminal provider goes on while its cards no longer count: hence the min.
    public static func usage(busyGPUSeconds busy: Int64, provisionedGPUSeconds provisioned: Int64) -> Int128 {
        guard provisioned > 0 else { return 0 }
        // busy ≤ 86,400 s × 10^8 cards, so WAD · busy fits 128 bits with room to spare.
        return min(wad, wad * Int128(busy) / Int128(provisioned))
    }

    /// H from the usages of the window W_d, oldest first, whose last value is u(d − 1) (M4.2);
    /// 0 for an empty window, for a last day at or below the mean, and for no variation.
    public static func historicalDemand(window: [Int128]) -> Int128 {
        guard let last = window.last else { return 0 }
        let mean = window.reduce(0, +) / Int128(window.count)
        let highest = window.max() ?? 0
        guard last > mean, highest > mean else { return 0 }
        return wad * (last - mean) / (highest - mean)
    }

    /// ⌊WAD · occupied / supply⌋ over the active providers' cards and their running paid work
    /// (M4.3); 0 when no active provider has a card.
    public static func occupancy(occupiedGPUs occupied: Int64, activeCards supply: Int64) -> Int128 {
        guard supply > 0 else { return 0 }
        return wad * Int128(occupied) / Int128(supply)
    }

    /// C = 0 up to an occupancy of 0.4, then ⌊(10 · occupancy − 4 · WAD) / 6⌋ (M4.3).
    public static func currentDemand(occupancy: Int128) -> Int128 {
        occupancy <= 4 * wad / 10 ? 0 : (10 * occupancy - 4 * wad) / 6
    }

    /// DF = WAD + ⌊s² / (2500 · WAD)⌋ with s = 35·H + 65·C, in [1, 5] (M4.4).
    /// Precondition: H and C are in [0, WAD], as M4.2 and M4.3 make them.
    public static func demandFactor(historicalDemand h: Int128, currentDemand c: Int128) -> Int128 {
        precondition((0...wad).contains(h) && (0...wad).contains(c), "H and C lie in [0, 1]")
        let s = 35 * h + 65 * c
        // s² reaches 10^40, beyond 128 bits: one 256-bit muldiv, whose quotient (≤ 4 · WAD) fits.
        do {
            return wad + (try Arithmetic.muldiv(s, s, 2500 * wad))
        } catch {
            preconditionFailure("s²/(2500·WAD) ≤ 4·WAD for H, C in [0, 1]")
        }
    }

    /// The plain mean of the priced providers' asking prices, or the fallback `pricing.base_price`
    /// when none is priced (M4.5).
    public static func weightedAverageMarketPrice(askingPrices: [Int128], fallback: Int128) -> (price: Int128, fellBack: Bool) {
        guard !askingPrices.isEmpty else { return (fallback, true) }
        return (askingPrices.reduce(0, +) / Int128(askingPrices.count), false)
    }

    /// The quote: applyRatio(wam, DF), atto-SWAN per GPU-hour (M4.5).
    public static func price(weightedAverage wam: Int128, demandFactor: Int128) throws(Arithmetic.Overflow) -> Int128 {
        try Arithmetic.applyRatio(wam, demandFactor)
    }

    /// A market-priced generated task's price per GPU-hour: max(1 atto, applyRatio(quote, factor))
    /// (M4.6), so its reward stays above zero.
    public static func taskPrice(quote: Int128, factor: Int128) throws(Arithmetic.Overflow) -> Int128 {
        max(1, try Arithmetic.applyRatio(quote, factor))
    }

    /// The whole `market_quote` of a day (M4.2–M4.5) from what the ledger shows at t0(d): the
    /// usages of W_d (oldest first), the active providers' cards and running work, and their
    /// asking prices. The engine publishes it and the checker recomputes it (invariant I15).
    public static func quote(window: [Int128], occupiedGPUs occupied: Int64, activeCards supply: Int64,
                             askingPrices: [Int128], basePrice: Int128) throws(Arithmetic.Overflow) -> (MarketQuote, price: Int128) {
        let n = Int64(window.count)
        let mean = n == 0 ? 0 : window.reduce(0, +) / Int128(n)
        let occupancy = occupancy(occupiedGPUs: occupied, activeCards: supply)
        let h = historicalDemand(window: window)
        let c = currentDemand(occupancy: occupancy)
        let df = demandFactor(historicalDemand: h, currentDemand: c)
        let (wam, fellBack) = weightedAverageMarketPrice(askingPrices: askingPrices, fallback: basePrice)
        let quote = MarketQuote(uLast: window.last ?? 0, uAvg: mean, uMax: window.max() ?? 0, history: n, h: h,
                                occupied: occupied, supply: supply, occupancy: occupancy, c: c, demandFactor: df,
                                priced: Int64(askingPrices.count), wamAtto: wam, fallback: fellBack)
        return (quote, try price(weightedAverage: wam, demandFactor: df))
    }
}
