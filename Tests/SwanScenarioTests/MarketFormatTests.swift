import SwanCore
import SwanScenario
import Testing

/// A minimal `swan-scenario/2` document with `extra` members in its top-level object.
private func market(_ extra: String = "") -> String {
    """
    {"format": "swan-scenario/2", "name": "m", "days": 3\(extra.isEmpty ? "" : ", " + extra)}
    """
}

@Suite("swan-scenario/2: the format and the market parameters (SCENARIO-FORMAT-MARKET.md §1, §3.1, §5)")
struct MarketFormatTests {
    @Test("a /2 file is a market run with the defaults of RULES-MARKET M12; a /1 file is not one")
    func defaults() throws {
        let resolved = try load(market())
        #expect(resolved.isMarketRun)
        let defaults = try #require(resolved.market)
        let wad = MarketParameters.wad
        #expect(defaults.reputationInitial == 50 * wad && defaults.reputationWeights == [10, 10, 35, 15, 30])
        #expect(defaults.systemMinJobs == 10 && defaults.bonus == 5 * wad && defaults.bonusDays == 7)
        #expect(defaults.historyDays == 30 && defaults.basePriceAtto == wad)
        #expect(defaults.bidWindowSeconds == 600 && defaults.maxBidders == 3 && defaults.maxConcurrentJobs == 2)
        #expect(defaults.maxRounds == 1 && defaults.leaderShare == wad)
        let version1 = try load(scenario())
        #expect(!version1.isMarketRun && version1.market == nil)
        #expect(version1.parameters.canonicalJSON == (try load(market())).parameters.canonicalJSON,
                "the market groups never enter params_json")
    }

    @Test("every market key is read with its type")
    func overrides() throws {
        let resolved = try #require(try load(market("""
            "params": {"reputation": {"initial": "12.5", "w_uptime": 20, "w_join": 20, "w_system": 20, "w_user": 20,
              "w_refund": 20, "system_min_jobs": 0, "bonus": "0", "bonus_days": 36500},
              "pricing": {"history_days": 1, "base_price": "0.000000000000000001"},
              "auction": {"bid_window_s": 1, "max_bidders": 1, "max_concurrent_jobs": 100000, "max_rounds": 100,
                "leader_share": "0.75"}}
            """)).market)
        let wad = MarketParameters.wad
        #expect(resolved.reputationInitial == 25 * wad / 2 && resolved.reputationWeights == [20, 20, 20, 20, 20])
        #expect(resolved.systemMinJobs == 0 && resolved.bonus == 0 && resolved.bonusDays == 36_500)
        #expect(resolved.historyDays == 1 && resolved.basePriceAtto == 1)
        #expect(resolved.bidWindowSeconds == 1 && resolved.maxBidders == 1 && resolved.maxConcurrentJobs == 100_000)
        #expect(resolved.maxRounds == 100 && resolved.leaderShare == 3 * wad / 4)
    }

    /// One document per market error of §5 that the parameters can raise: code and path.
    static let cases: [(code: String, path: String, text: String)] = [
        ("E_FORMAT", "$.format", "{\"format\": \"swan-scenario/3\", \"name\": \"t\", \"days\": 1}"),
        ("E_UNKNOWN_FIELD", "$.params.reputation", scenario("\"params\": {\"reputation\": {}}")),
        ("E_UNKNOWN_FIELD", "$.params.pricing", scenario("\"params\": {\"pricing\": {\"history_days\": 3}}")),
        ("E_UNKNOWN_FIELD", "$.params.auction", scenario("\"params\": {\"auction\": {\"max_bidders\": 2}}")),
        ("E_UNKNOWN_FIELD", "$.params.auction.colour", market("\"params\": {\"auction\": {\"colour\": 2}}")),
        ("E_RANGE", "$.params.reputation", market("\"params\": {\"reputation\": {\"w_uptime\": 11}}")),
        ("E_RANGE", "$.params.reputation.initial", market("\"params\": {\"reputation\": {\"initial\": \"100.1\"}}")),
        ("E_RANGE", "$.params.reputation.bonus", market("\"params\": {\"reputation\": {\"bonus\": \"101\"}}")),
        ("E_RANGE", "$.params.reputation.w_join", market("\"params\": {\"reputation\": {\"w_join\": 101}}")),
        ("E_RANGE", "$.params.reputation.system_min_jobs", market("\"params\": {\"reputation\": {\"system_min_jobs\": 1000001}}")),
        ("E_RANGE", "$.params.reputation.bonus_days", market("\"params\": {\"reputation\": {\"bonus_days\": 0}}")),
        ("E_RANGE", "$.params.pricing.history_days", market("\"params\": {\"pricing\": {\"history_days\": 36501}}")),
        ("E_RANGE", "$.params.pricing.base_price", market("\"params\": {\"pricing\": {\"base_price\": \"0\"}}")),
        ("E_RANGE", "$.params.pricing.base_price", market("\"params\": {\"pricing\": {\"base_price\": \"1000000001\"}}")),
        ("E_RANGE", "$.params.auction.bid_window_s", market("\"params\": {\"auction\": {\"bid_window_s\": 0}}")),
        ("E_RANGE", "$.params.auction.max_bidders", market("\"params\": {\"auction\": {\"max_bidders\": 4}}")),
        ("E_RANGE", "$.params.auction.max_concurrent_jobs", market("\"params\": {\"auction\": {\"max_concurrent_jobs\": 0}}")),
        ("E_RANGE", "$.params.auction.max_rounds", market("\"params\": {\"auction\": {\"max_rounds\": 101}}")),
        ("E_RANGE", "$.params.auction.leader_share", market("\"params\": {\"auction\": {\"leader_share\": \"1.5\"}}")),
        ("E_TYPE", "$.params.auction.max_bidders", market("\"params\": {\"auction\": {\"max_bidders\": \"2\"}}")),
    ]

    @Test("each market parameter error has its code at its path", arguments: cases.indices)
    func errorCase(_ index: Int) {
        let (code, path, text) = Self.cases[index]
        let lines = errors(text)
        #expect(lines.first?.hasPrefix("tiny.json:\(path): \(code): ") == true, "\(text) → \(lines)")
    }
}
