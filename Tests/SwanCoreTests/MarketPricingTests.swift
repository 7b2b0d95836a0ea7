import SwanCore
import Testing

private func d(_ text: String) -> Int128 { (try? Decimal18.parse(text)) ?? -1 }

@Suite("Market pricing (RULES-MARKET M4; worked examples W-M1 … W-M5)")
struct MarketPricingTests {
    @Test("W-M1: the demand factor of D §8's examples", arguments: [
        ("0.2", "0.083", "1.06145441"), ("0.5", "0.5", "2"), ("0.8", "0.833", "3.69912041"), ("1", "1", "5"), ("0", "0", "1"),
    ])
    func demandFactor(_ h: String, _ c: String, _ expected: String) {
        #expect(MarketPricing.demandFactor(historicalDemand: d(h), currentDemand: d(c)) == d(expected))
    }

    @Test("W-M2: C from occupancy, zero up to 0.4", arguments: [
        ("0.4", "0"), ("0.45", "0.083333333333333333"), ("0.56", "0.266666666666666666"), ("0.9", "0.833333333333333333"),
        ("1", "1"), ("0", "0"),
    ])
    func currentDemand(_ occupancy: String, _ expected: String) {
        #expect(MarketPricing.currentDemand(occupancy: d(occupancy)) == d(expected))
    }

    @Test("W-M3: the demand factor from H and occupancy taken exactly")
    func demandFactorFromOccupancy() {
        let first = MarketPricing.demandFactor(historicalDemand: d("0.8"), currentDemand: MarketPricing.currentDemand(occupancy: d("0.9")))
        let second = MarketPricing.demandFactor(historicalDemand: d("0.2"), currentDemand: MarketPricing.currentDemand(occupancy: d("0.45")))
        #expect(first == d("3.700544444444444443") && second == d("1.061669444444444444"))
    }

    @Test("W-M4: H over the window, the last day against the mean and the maximum", arguments: [
        (["0.2", "0.4", "0.6"], "1"), (["0.2", "0.6", "0.4"], "0"), (["0.1", "0.9", "0.7"], "0.400000000000000001"),
        (["0.3", "0.3", "0.3"], "0"), ([String](), "0"),
    ])
    func historicalDemand(_ window: [String], _ expected: String) {
        #expect(MarketPricing.historicalDemand(window: window.map(d)) == d(expected))
    }

    @Test("W-M5: the mean asking price, the quote and a market-priced task; no price falls back to pricing.base_price")
    func basePrice() throws {
        let (wam, fellBack) = MarketPricing.weightedAverageMarketPrice(askingPrices: ["1.2", "0.8", "1.5", "3"].map(d), fallback: d("1"))
        #expect(wam == d("1.625") && !fellBack, "the provider without a price is not in the mean")
        let quote = try MarketPricing.price(weightedAverage: wam, demandFactor: d("2"))
        #expect(quote == d("3.25"))
        let perGPUHour = try MarketPricing.taskPrice(quote: quote, factor: d("1.1"))
        #expect(perGPUHour == d("3.575") && perGPUHour * 2 * 3 == d("21.45"))
        #expect(MarketPricing.weightedAverageMarketPrice(askingPrices: ["1", "2", "2.5"].map(d), fallback: 0).price
                == d("1.833333333333333333"))
        #expect(MarketPricing.weightedAverageMarketPrice(askingPrices: [], fallback: d("1")) == (d("1"), true))
        // Day 1 of any run: no history, nothing running, so DF = 1 and the price is the mean.
        let dayOne = MarketPricing.demandFactor(historicalDemand: MarketPricing.historicalDemand(window: []),
                                                currentDemand: MarketPricing.currentDemand(occupancy: MarketPricing.occupancy(occupiedGPUs: 0, activeCards: 8)))
        let dayOnePrice = try MarketPricing.price(weightedAverage: wam, demandFactor: dayOne)
        #expect(dayOne == d("1") && dayOnePrice == wam)
        #expect(try MarketPricing.taskPrice(quote: 1, factor: d("0.5")) == 1, "max(1 atto, …) keeps a reward above zero")
    }

    @Test("u(x): busy over provisioned GPU-seconds, at most 1, 0 with nothing provisioned")
    func usage() {
        #expect(MarketPricing.usage(busyGPUSeconds: 43_200, provisionedGPUSeconds: 86_400) == d("0.5"))
        #expect(MarketPricing.usage(busyGPUSeconds: 100, provisionedGPUSeconds: 50) == d("1"))
        #expect(MarketPricing.usage(busyGPUSeconds: 5, provisionedGPUSeconds: 0) == 0)
        #expect(MarketPricing.usage(busyGPUSeconds: 1, provisionedGPUSeconds: 3) == d("0.333333333333333333"))
        #expect(MarketPricing.occupancy(occupiedGPUs: 9, activeCards: 10) == d("0.9"))
        #expect(MarketPricing.occupancy(occupiedGPUs: 3, activeCards: 0) == 0)
    }
}
