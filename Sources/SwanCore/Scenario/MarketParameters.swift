/// The three parameter groups of a market run (RULES-MARKET M12): reputation, pricing, auction.
///
/// Kept apart from `Parameters` on purpose: a `swan-scenario/1` file has none of them, so its
/// resolved parameters, and the `params_json` every version-1 ledger records, stay byte for byte
/// what they were (RULES-MARKET M0). Scores and ratios are wads (10^18 = 1 point or 1).
public struct MarketParameters: Equatable, Sendable {
    public static let wad: Int128 = 1_000_000_000_000_000_000

    public var reputationInitial: Int128 = 50 * wad
    /// w_uptime, w_join, w_system, w_user, w_refund: whole percents that sum to 100.
    public var reputationWeights: [Int64] = [10, 10, 35, 15, 30]
    public var systemMinJobs: Int64 = 10
    public var bonus: Int128 = 5 * wad
    public var bonusDays: Int64 = 7
    public var historyDays: Int64 = 30
    /// SWAN per GPU-hour, in atto-SWAN.
    public var basePriceAtto: Int128 = wad
    public var bidWindowSeconds: Int64 = 600
    public var maxBidders: Int64 = 3
    public var maxConcurrentJobs: Int64 = 2
    public var maxRounds: Int64 = 1
    public var leaderShare: Int128 = wad

    /// The defaults of RULES-MARKET M12, the same in every preset.
    public init() {}

    /// The keys of SCENARIO-FORMAT-MARKET.md §3.1, in group order, with their types
    /// (`base_price` > 0 and the weights' sum are checked by the loader).
    public static let definitions: [(group: String, key: String, type: ParameterType)] = [
        ("reputation", "initial", .ratio(min: 0, max: 100 * wad, minExclusive: false)),
        ("reputation", "w_uptime", .integer(min: 0, max: 100)),
        ("reputation", "w_join", .integer(min: 0, max: 100)),
        ("reputation", "w_system", .integer(min: 0, max: 100)),
        ("reputation", "w_user", .integer(min: 0, max: 100)),
        ("reputation", "w_refund", .integer(min: 0, max: 100)),
        ("reputation", "system_min_jobs", .integer(min: 0, max: 1_000_000)),
        ("reputation", "bonus", .ratio(min: 0, max: 100 * wad, minExclusive: false)),
        ("reputation", "bonus_days", .integer(min: 1, max: 36_500)),
        ("pricing", "history_days", .integer(min: 1, max: 36_500)),
        ("pricing", "base_price", .amount(max: nil)),
        ("auction", "bid_window_s", .integer(min: 1, max: 3_153_600_000)),
        ("auction", "max_bidders", .integer(min: 1, max: 3)),
        ("auction", "max_concurrent_jobs", .integer(min: 1, max: 100_000)),
        ("auction", "max_rounds", .integer(min: 1, max: 100)),
        ("auction", "leader_share", .ratio(min: 0, max: wad, minExclusive: false)),
    ]

    /// Every key with its resolved value, in definition order (params_json, sweeps).
    public var resolvedValues: [(group: String, key: String, value: ParameterValue)] {
        let w = reputationWeights
        return [
            ("reputation", "initial", .decimal(reputationInitial)), ("reputation", "w_uptime", .integer(w[0])),
            ("reputation", "w_join", .integer(w[1])), ("reputation", "w_system", .integer(w[2])),
            ("reputation", "w_user", .integer(w[3])), ("reputation", "w_refund", .integer(w[4])),
            ("reputation", "system_min_jobs", .integer(systemMinJobs)), ("reputation", "bonus", .decimal(bonus)),
            ("reputation", "bonus_days", .integer(bonusDays)), ("pricing", "history_days", .integer(historyDays)),
            ("pricing", "base_price", .decimal(basePriceAtto)), ("auction", "bid_window_s", .integer(bidWindowSeconds)),
            ("auction", "max_bidders", .integer(maxBidders)), ("auction", "max_concurrent_jobs", .integer(maxConcurrentJobs)),
            ("auction", "max_rounds", .integer(maxRounds)), ("auction", "leader_share", .decimal(leaderShare)),
        ]
    }

    /// A market key by its dotted name (`auction.max_bidders`), for edits and sweeps.
    public static func definition(_ name: String) -> (group: String, key: String, type: ParameterType)? {
        definitions.first { $0.group + "." + $0.key == name }
    }

    /// The groups, in the order of §3.1.
    public static let groups = ["reputation", "pricing", "auction"]

    /// Sets `group.key` from a value its definition's type produced.
    public mutating func set(_ group: String, _ key: String, _ value: ParameterValue) {
        switch (group, key, value) {
        case ("reputation", "initial", .decimal(let v)): reputationInitial = v
        case ("reputation", "w_uptime", .integer(let v)): reputationWeights[0] = v
        case ("reputation", "w_join", .integer(let v)): reputationWeights[1] = v
        case ("reputation", "w_system", .integer(let v)): reputationWeights[2] = v
        case ("reputation", "w_user", .integer(let v)): reputationWeights[3] = v
        case ("reputation", "w_refund", .integer(let v)): reputationWeights[4] = v
        case ("reputation", "system_min_jobs", .integer(let v)): systemMinJobs = v
        case ("reputation", "bonus", .decimal(let v)): bonus = v
        case ("reputation", "bonus_days", .integer(let v)): bonusDays = v
        case ("pricing", "history_days", .integer(let v)): historyDays = v
        case ("pricing", "base_price", .decimal(let v)): basePriceAtto = v
        case ("auction", "bid_window_s", .integer(let v)): bidWindowSeconds = v
        case ("auction", "max_bidders", .integer(let v)): maxBidders = v
        case ("auction", "max_concurrent_jobs", .integer(let v)): maxConcurrentJobs = v
        case ("auction", "max_rounds", .integer(let v)): maxRounds = v
        case ("auction", "leader_share", .decimal(let v)): leaderShare = v
        default: preconditionFailure("no market parameter \(group).\(key) of that type")
        }
    }
}
