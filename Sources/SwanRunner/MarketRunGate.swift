import SwanCore

/// Where a `swan-scenario/2` file stops today: `validate` checks it in full, but the market
/// engine (RULES-MARKET M2–M11) is not built yet, so `run` and `sweep` refuse it with a
/// located error (exit 2, nothing written) rather than run it as if it were version 1.
enum MarketRunGate {
    /// The error line for a market scenario, or nil for a version-1 one.
    static func refusal(_ scenario: Scenario, file: String) -> String? {
        guard scenario.isMarketRun else { return nil }
        return "\(file):$.format: E_FORMAT: \"swan-scenario/2\" (a market run) is valid, but this build does not run "
            + "market scenarios yet; swansim validate checks them"
    }
}
