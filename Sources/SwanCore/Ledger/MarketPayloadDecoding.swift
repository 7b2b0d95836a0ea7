/// Reads the payloads of the market kinds (RULES-MARKET M10), the mirror of
/// `MarketPayloadEncoding`: field by expected field, provider ids resolved to registered
/// providers.
extension PayloadReader {
    mutating func readMarket(state: LedgerState) throws -> Payload {
        switch kind {
        case .marketQuote:
            try count(13)
            return .marketQuote(MarketQuote(
                uLast: try integer("u_last"), uAvg: try integer("u_avg"), uMax: try integer("u_max"),
                history: try int64(try integer("history")), h: try integer("h"), occupied: try int64(try integer("occupied")),
                supply: try int64(try integer("supply")), occupancy: try integer("occupancy"), c: try integer("c"),
                demandFactor: try integer("df"), priced: try int64(try integer("priced")), wamAtto: try integer("wam"),
                fallback: try flag("fallback")))
        case .reputation:
            try count(18)
            let scores = (try integer("total"), try integer("uptime"), try integer("join"), try integer("system"),
                          try integer("user"), try integer("refund"))
            // Read one by one (no array per entry: a market year has 365,000 of these).
            func whole(_ field: StaticString) throws -> Int64 { try int64(try integer(field)) }
            let active = try whole("active_s"), registered = try whole("registered_s")
            let s7 = try whole("s7"), s30 = try whole("s30"), sAll = try whole("s_all")
            let systemOK = try whole("sys_ok"), systemFailed = try whole("sys_failed"), streak = try whole("streak")
            let userOK = try whole("user_ok"), userFailed = try whole("user_failed"), refunds = try whole("refunds")
            try name("averaged")
            try tag(.list)
            // A sublist of system, user, refund in that order: each name's bit above the last one's.
            var averaged: AveragedComponents = []
            for _ in 0..<(try reader.u32()) {
                try tag(.text)
                let bit: AveragedComponents
                switch try reader.string() {
                case "system": bit = .system
                case "user": bit = .user
                case "refund": bit = .refund
                case let other: throw schema("averaged \(other)")
                }
                guard bit.rawValue > averaged.rawValue else { throw schema("averaged out of order or repeated") }
                averaged.insert(bit)
            }
            return .reputation(ReputationFigures(
                total: scores.0, uptime: scores.1, join: scores.2, system: scores.3, user: scores.4, refund: scores.5,
                activeSeconds: active, registeredSeconds: registered, s7: s7, s30: s30, sAll: sAll,
                systemOK: systemOK, systemFailed: systemFailed, streak: streak, userOK: userOK, userFailed: userFailed,
                refunds: refunds, averaged: averaged))
        case .priceSet:
            try count(2)
            return .priceSet(oldAtto: try optionalInteger("old"), newAtto: try optionalInteger("new"))
        case .auctionOpen:
            try count(2)
            return .auctionOpen(round: try int64(try integer("round")), close: try int64(try integer("close")))
        case .auctionClose:
            try count(5)
            let round = try int64(try integer("round"))
            let bidders = try providerList("bidders", state: state)
            try name("weights")
            try tag(.list)
            let weights = try (0..<reader.u32()).map { _ throws -> Int64 in
                try tag(.integer)
                return try int64(try reader.i128())
            }
            let selected = try providerList("selected", state: state)
            return .auctionClose(AuctionSelection(round: round, bidders: bidders, weights: weights, selected: selected,
                                                  slots: try int64(try integer("slots"))))
        case .jobAssign:
            try count(5)
            let job = try jobRef()
            let text = try self.text("model")
            guard let model = state.modelID(named: text) else { throw EntryDecoding.DecodingError.unknownModel(text) }
            return .jobAssign(job, model: model, end: try int64(try integer("end")), weight: try int64(try integer("weight")))
        case .jobSubmit:
            try count(2)
            return .jobSubmit(try jobRef())
        case .jobCancel:
            try count(2)
            return .jobCancel(try jobRef())
        case .jobFail:
            try count(6)
            let job = try jobRef()
            let parts = try slash()
            return .jobFail(job, parts, unlockedAtto: try integer("unlocked"))
        case .auctionComplete:
            try count(4)
            let round = try int64(try integer("round"))
            let fee = try integer("fee")
            let leader = try int64(try integer("leader_job"))
            try name("payouts")
            try tag(.list)
            let payouts = try (0..<reader.u32()).map { _ throws -> ProviderAmount in
                try tag(.list)
                guard try reader.u32() == 2 else { throw schema("a payout is [provider, amount]") }
                let provider = try providerValue(state: state)
                try tag(.integer)
                return ProviderAmount(provider: provider, amountAtto: try reader.i128())
            }
            return .auctionComplete(round: round, feeAtto: fee, leaderJob: leader, payouts: payouts)
        case .auctionFail:
            try count(2)
            let rounds = try int64(try integer("rounds"))
            return .auctionFail(rounds: rounds, charged: try providerList("charged", state: state))
        default:
            throw schema("not a market kind")
        }
    }

    mutating func providerList(_ field: StaticString, state: LedgerState) throws -> [Int32] {
        try name(field)
        try tag(.list)
        return try (0..<reader.u32()).map { _ throws -> Int32 in try providerValue(state: state) }
    }

    private mutating func providerValue(state: LedgerState) throws -> Int32 {
        try tag(.text)
        let id = try reader.string()
        guard let index = state.providerIndex(named: id) else { throw schema("provider \(id) is not registered") }
        return index
    }

    private mutating func jobRef() throws -> JobRef {
        JobRef(round: try int64(try integer("round")), job: try int64(try integer("job")))
    }

    private mutating func flag(_ field: StaticString) throws -> Bool {
        let value = try integer(field)
        guard value == 0 || value == 1 else { throw schema("\(field) is 0 or 1") }
        return value == 1
    }
}
