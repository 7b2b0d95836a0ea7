/// The `expect` block of a scenario (SCENARIO-FORMAT.md §3.8), validated and typed.
///
/// Keyed collections keep the order they were written in, so failures can be reported in
/// document order.
public struct Expectations: Equatable, Sendable {
    /// Which hard invariants are asserted.
    public enum InvariantSelection: Equatable, Sendable {
        case all
        case named([String])
    }

    /// Final or checkpoint values of one provider.
    public struct ProviderValues: Equatable, Sendable {
        public var status: String?
        public var requiredAtto: Int128?
        public var ubiEarnedAtto: Int128?
        public var slashedAtto: Int128?
        public var taskIncomeAtto: Int128?
        public var debtAtto: Int128?
        /// The provider's last reputation in wad (SCENARIO-FORMAT-MARKET.md §3.6), `/2` only.
        public var reputationWad: Int128?
        public init(status: String? = nil, requiredAtto: Int128? = nil, ubiEarnedAtto: Int128? = nil,
                    slashedAtto: Int128? = nil, taskIncomeAtto: Int128? = nil, debtAtto: Int128? = nil,
                    reputationWad: Int128? = nil) {
            self.reputationWad = reputationWad
            self.status = status
            self.requiredAtto = requiredAtto
            self.ubiEarnedAtto = ubiEarnedAtto
            self.slashedAtto = slashedAtto
            self.taskIncomeAtto = taskIncomeAtto
            self.debtAtto = debtAtto
        }
    }

    /// An expected breach.
    public struct BreachItem: Equatable, Sendable {
        public var provider: String
        public var startTime: Int64
        public var endTime: Int64
        public init(provider: String, startTime: Int64, endTime: Int64) {
            self.provider = provider
            self.startTime = startTime
            self.endTime = endTime
        }
    }

    /// Values right after a day's block is sealed.
    public struct Checkpoint: Equatable, Sendable {
        public var day: Int64
        public var balances: [KeyedAmount]
        public var providers: [KeyedProvider]
        public var cBaseAtto: Int128?
        /// The day's `market_quote` demand factor (wad) and price (atto per GPU-hour), `/2` only.
        public var demandFactorWad: Int128?
        public var marketPriceAtto: Int128?
        public init(day: Int64, balances: [KeyedAmount], providers: [KeyedProvider], cBaseAtto: Int128?,
                    demandFactorWad: Int128? = nil, marketPriceAtto: Int128? = nil) {
            self.demandFactorWad = demandFactorWad
            self.marketPriceAtto = marketPriceAtto
            self.day = day
            self.balances = balances
            self.providers = providers
            self.cBaseAtto = cBaseAtto
        }
    }

    /// A name with an expected amount, in written order.
    public struct KeyedAmount: Equatable, Sendable {
        public var key: String
        public var atto: Int128
        public init(key: String, atto: Int128) {
            self.key = key
            self.atto = atto
        }
    }

    /// A provider id with its expected values, in written order.
    public struct KeyedProvider: Equatable, Sendable {
        public var provider: String
        public var values: ProviderValues
        public init(provider: String, values: ProviderValues) {
            self.provider = provider
            self.values = values
        }
    }

    /// A name with an expected count, in written order.
    public struct KeyedCount: Equatable, Sendable {
        public var key: String
        public var count: Int64
        public init(key: String, count: Int64) {
            self.key = key
            self.count = count
        }
    }

    public var invariants: InvariantSelection?
    public var balances: [KeyedAmount] = []
    public var providers: [KeyedProvider] = []
    public var totals: [KeyedAmount] = []
    public var entryCount: Int64?
    public var entriesByKind: [KeyedCount] = []
    public var rejectionCount: Int64?
    public var rejectionsByReason: [KeyedCount] = []
    public var breachCount: Int64?
    public var breachTotalSeconds: Int64?
    public var breachItems: [BreachItem]?
    public var checkpoints: [Checkpoint] = []
    public var headHash: String?

    public init() {}
}
