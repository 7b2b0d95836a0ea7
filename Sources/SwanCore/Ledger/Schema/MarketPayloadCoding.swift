/// The values of the market kinds' payloads (RULES-MARKET M10) in schema order, both ways.
extension Payload {
    func writeMarket<Sink: PayloadSink>(names state: LedgerState, into w: inout Sink) {
        switch self {
        case .marketQuote(let q):
            w.int128(q.uLast)
            w.int128(q.uAvg)
            w.int128(q.uMax)
            w.int64(q.history)
            w.int128(q.h)
            w.int64(q.occupied)
            w.int64(q.supply)
            w.int128(q.occupancy)
            w.int128(q.c)
            w.int128(q.demandFactor)
            w.int64(q.priced)
            w.int128(q.wamAtto)
            w.flag(q.fallback)
        case .reputation(let r):
            // One by one, no array: a market year has 365,000 of these.
            w.int128(r.total)
            w.int128(r.uptime)
            w.int128(r.join)
            w.int128(r.system)
            w.int128(r.user)
            w.int128(r.refund)
            w.int64(r.activeSeconds)
            w.int64(r.registeredSeconds)
            w.int64(r.s7)
            w.int64(r.s30)
            w.int64(r.sAll)
            w.int64(r.systemOK)
            w.int64(r.systemFailed)
            w.int64(r.streak)
            w.int64(r.userOK)
            w.int64(r.userFailed)
            w.int64(r.refunds)
            let codes = AveragedComponents.codes[Int(r.averaged.rawValue & 7)]
            w.length(codes.count)
            for code in codes { w.name(code, in: .reputationComponent) }
        case .priceSet(let old, let new):
            w.optionalInt128(old)
            w.optionalInt128(new)
        case .auctionOpen(let round, let close):
            w.int64(round)
            w.int64(close)
        case .auctionClose(let selection):
            w.int64(selection.round)
            w.providers(selection.bidders, state)
            w.length(selection.weights.count)
            for weight in selection.weights { w.int64(weight) }
            w.providers(selection.selected, state)
            w.int64(selection.slots)
        case .jobAssign(let job, let model, let end, let weight):
            w.job(job)
            w.model(state.modelNameBytes(model))
            w.int64(end)
            w.int64(weight)
        case .jobSubmit(let job), .jobCancel(let job):
            w.job(job)
        case .jobFail(let job, let parts, let unlocked):
            w.job(job)
            w.slash(parts)
            w.int128(unlocked)
        case .auctionComplete(let round, let fee, let leaderJob, let payouts):
            w.int64(round)
            w.int128(fee)
            w.int64(leaderJob)
            w.length(payouts.count)
            for payout in payouts {
                w.provider(state.providers[Int(payout.provider)].id)
                w.int128(payout.amountAtto)
            }
        case .auctionFail(let rounds, let charged):
            w.int64(rounds)
            w.providers(charged, state)
        default:
            preconditionFailure("\(self) is not a market payload")
        }
    }
}

extension PayloadSink {
    @inline(__always) fileprivate mutating func job(_ job: JobRef) {
        int64(job.round)
        int64(job.job)
    }
}

extension AveragedComponents {
    /// Each subset's component codes (`NameSet.reputationComponent`), in payload order.
    static let codes: [[Int]] = (0..<8).map { bits in [0, 1, 2].filter { bits & (1 << $0) != 0 } }
}

/// Reads a payload's values from a source, resolving names in the decoding side's state
/// (lent to each call, never stored: a stored copy would retain each of its columns per entry).
struct PayloadReading<Source: PayloadSource> {
    typealias Failure = EntryDecoding.DecodingError
    var source: Source
    let kind: EntryKind

    func schema(_ detail: String) -> Failure { .schema("\(kind.rawValue): \(detail)") }

    mutating func model(_ state: LedgerState) throws(Failure) -> ModelID {
        let name = try source.model()
        guard let id = state.modelID(named: name) else { throw .unknownModel(name) }
        return id
    }

    mutating func provider(_ state: LedgerState) throws(Failure) -> Int32 {
        let id = try source.provider()
        guard let index = state.providerIndex(named: id) else { throw schema("provider \(id) is not registered") }
        return index
    }

    mutating func providers(_ state: LedgerState) throws(Failure) -> [Int32] {
        var list: [Int32] = []
        for _ in 0..<(try source.length()) { list.append(try provider(state)) }
        return list
    }

    mutating func name<Name: SchemaName>(_ type: Name.Type) throws(Failure) -> Name {
        Name.allCases[try source.name(in: Name.nameSet)]
    }

    mutating func optionalInt64() throws(Failure) -> Int64? { try source.present() ? try source.int64() : nil }
    mutating func optionalInt128() throws(Failure) -> Int128? { try source.present() ? try source.int128() : nil }

    mutating func slash() throws(Failure) -> SlashParts {
        SlashParts(fe: try source.int128(), fb: try source.int128(), ub: try source.int128())
    }

    mutating func job() throws(Failure) -> JobRef { JobRef(round: try source.int64(), job: try source.int64()) }

    mutating func readMarket(_ state: LedgerState) throws(Failure) -> Payload {
        switch kind {
        case .marketQuote:
            return .marketQuote(MarketQuote(
                uLast: try source.int128(), uAvg: try source.int128(), uMax: try source.int128(),
                history: try source.int64(), h: try source.int128(), occupied: try source.int64(),
                supply: try source.int64(), occupancy: try source.int128(), c: try source.int128(),
                demandFactor: try source.int128(), priced: try source.int64(), wamAtto: try source.int128(),
                fallback: try source.flag()))
        case .reputation:
            let scores = (try source.int128(), try source.int128(), try source.int128(), try source.int128(),
                          try source.int128(), try source.int128())
            let active = try source.int64(), registered = try source.int64()
            let s7 = try source.int64(), s30 = try source.int64(), sAll = try source.int64()
            let systemOK = try source.int64(), systemFailed = try source.int64(), streak = try source.int64()
            let userOK = try source.int64(), userFailed = try source.int64(), refunds = try source.int64()
            // A sublist of system, user, refund in that order: each code above the last one.
            var averaged: AveragedComponents = []
            var last = -1
            for _ in 0..<(try source.length()) {
                let code = try source.name(in: .reputationComponent)
                guard code > last else { throw schema("averaged out of order or repeated") }
                last = code
                averaged.insert(AveragedComponents(rawValue: 1 << UInt8(code)))
            }
            return .reputation(ReputationFigures(
                total: scores.0, uptime: scores.1, join: scores.2, system: scores.3, user: scores.4, refund: scores.5,
                activeSeconds: active, registeredSeconds: registered, s7: s7, s30: s30, sAll: sAll,
                systemOK: systemOK, systemFailed: systemFailed, streak: streak, userOK: userOK, userFailed: userFailed,
                refunds: refunds, averaged: averaged))
        case .priceSet:
            return .priceSet(oldAtto: try optionalInt128(), newAtto: try optionalInt128())
        case .auctionOpen:
            return .auctionOpen(round: try source.int64(), close: try source.int64())
        case .auctionClose:
            let round = try source.int64()
            let bidders = try providers(state)
            var weights: [Int64] = []
            for _ in 0..<(try source.length()) { weights.append(try source.int64()) }
            return .auctionClose(AuctionSelection(round: round, bidders: bidders, weights: weights,
                                                  selected: try providers(state), slots: try source.int64()))
        case .jobAssign:
            return .jobAssign(try job(), model: try model(state), end: try source.int64(), weight: try source.int64())
        case .jobSubmit: return .jobSubmit(try job())
        case .jobCancel: return .jobCancel(try job())
        case .jobFail: return .jobFail(try job(), try slash(), unlockedAtto: try source.int128())
        case .auctionComplete:
            let round = try source.int64(), fee = try source.int128(), leader = try source.int64()
            var payouts: [ProviderAmount] = []
            for _ in 0..<(try source.length()) {
                payouts.append(ProviderAmount(provider: try provider(state), amountAtto: try source.int128()))
            }
            return .auctionComplete(round: round, feeAtto: fee, leaderJob: leader, payouts: payouts)
        case .auctionFail:
            return .auctionFail(rounds: try source.int64(), charged: try providers(state))
        default:
            throw schema("not a market kind")
        }
    }
}
