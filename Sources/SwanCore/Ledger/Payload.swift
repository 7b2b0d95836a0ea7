/// The normative payload of an entry (RULES.md §12), one case per kind that has fields.
///
/// No floating point exists here: ratios travel as wads, u as the integers T_day and
/// T_total, y as y_milli. The encoder writes the field names of docs/LEDGER-ENCODING.md
/// from a `switch` over this enum, so no field is ever looked up by name.
public enum Payload: Equatable, Sendable {
    /// Kinds without fields: genesis, grant, deposit, withdraw, lock, withdraw_confirm,
    /// withdraw_cancel, task_refund.
    case none
    case register(RegisterTerms)
    case status(StatusChange)
    case unlock(movedAtto: Int128)
    case slash(SlashParts)
    case withdrawRequest(due: Int64)
    case exit(ubiVoided: Int64)
    /// `old`, `new`: atto for C_base/C_total, deci-CU for a model; `cu_total` in 10^-19 CU.
    case param(old: Int128, new: Int128, cuTotal: Int128?)
    case ubiAssign(n: Int64, failing: Int64)
    case ubiFail(j: Int64, SlashParts)
    case benchmarkFail(strike: Int64, SlashParts, suspendedUntil: Int64?)
    case ubiPay(n: Int64, completed: Int64, w: Int128, wTotal: Int128)
    case ubiDay(UBIDayFigures)
    case taskPost(TaskTerms)
    case taskAssign(model: ModelID, end: Int64)
    case taskComplete(feeAtto: Int128, unlockedAtto: Int128)
    case taskFail(SlashParts, unlockedAtto: Int128, refundAtto: Int128)
    case opRejected(OperationName)
    case dayClose(day: Int64)
    // The market kinds (RULES-MARKET M10).
    // Boxed: the two largest payloads would otherwise widen every entry (memmove on each copy).
    indirect case marketQuote(MarketQuote)
    indirect case reputation(ReputationFigures)
    case priceSet(oldAtto: Int128?, newAtto: Int128?)
    case auctionOpen(round: Int64, close: Int64)
    case auctionClose(AuctionSelection)
    case jobAssign(JobRef, model: ModelID, end: Int64, weight: Int64)
    case jobSubmit(JobRef)
    case jobFail(JobRef, SlashParts, unlockedAtto: Int128)
    case jobCancel(JobRef)
    case auctionComplete(round: Int64, feeAtto: Int128, leaderJob: Int64, payouts: [ProviderAmount])
    /// `auction_fail`: rounds opened and the providers charged a refund (provider indices).
    case auctionFail(rounds: Int64, charged: [Int32])
    /// `task_refund` of an auction task: the providers charged a refund.
    case auctionRefund(charged: [Int32])
}

/// A job of an auction task: its round and its number within the round (pick order).
public struct JobRef: Equatable, Hashable, Sendable {
    public var round: Int64
    public var job: Int64

    public init(round: Int64, job: Int64) {
        self.round = round
        self.job = job
    }
}

/// The state of an auction job (RULES-MARKET M5.2); the raw value is the stored name.
public enum JobState: String, Sendable {
    case running, submitted, failed, cancelled
}

/// A provider (registration index) and an amount, as `auction_complete.payouts` lists them.
public struct ProviderAmount: Equatable, Sendable {
    public var provider: Int32
    public var amountAtto: Int128

    public init(provider: Int32, amountAtto: Int128) {
        self.provider = provider
        self.amountAtto = amountAtto
    }
}

/// The payload of `market_quote` (RULES-MARKET M4): every input of the day's price, so the
/// checker can recompute it.
public struct MarketQuote: Equatable, Sendable {
    public var uLast: Int128
    public var uAvg: Int128
    public var uMax: Int128
    public var history: Int64
    public var h: Int128
    public var occupied: Int64
    public var supply: Int64
    public var occupancy: Int128
    public var c: Int128
    public var demandFactor: Int128
    public var priced: Int64
    public var wamAtto: Int128
    public var fallback: Bool

    public init(uLast: Int128, uAvg: Int128, uMax: Int128, history: Int64, h: Int128, occupied: Int64, supply: Int64,
                occupancy: Int128, c: Int128, demandFactor: Int128, priced: Int64, wamAtto: Int128, fallback: Bool) {
        self.uLast = uLast
        self.uAvg = uAvg
        self.uMax = uMax
        self.history = history
        self.h = h
        self.occupied = occupied
        self.supply = supply
        self.occupancy = occupancy
        self.c = c
        self.demandFactor = demandFactor
        self.priced = priced
        self.wamAtto = wamAtto
        self.fallback = fallback
    }
}

/// Which reputation components took a network average (RULES-MARKET M3.3).
public struct AveragedComponents: OptionSet, Equatable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let system = AveragedComponents(rawValue: 1)
    public static let user = AveragedComponents(rawValue: 2)
    public static let refund = AveragedComponents(rawValue: 4)

    /// The names in payload order.
    public var names: [String] { Self.nameLists[Int(rawValue & 7)] }

    /// The names joined by `+` (`provider_day.rep_averaged`), empty when none.
    public var joinedNames: String { Self.joined[Int(rawValue & 7)] }

    /// Every subset's names, built once: a reputation entry per provider per day reads them.
    private static let nameLists: [[String]] = (0..<8).map { bits in
        [(1, "system"), (2, "user"), (4, "refund")].compactMap { bits & $0.0 != 0 ? $0.1 : nil }
    }
    private static let joined: [String] = nameLists.map { $0.joined(separator: "+") }
}

/// The payload of `reputation` (RULES-MARKET M3, M10): the total, its components (wad) and
/// the counts they came from.
public struct ReputationFigures: Equatable, Sendable {
    public var total: Int128
    public var uptime: Int128
    public var join: Int128
    public var system: Int128
    public var user: Int128
    public var refund: Int128
    public var activeSeconds: Int64
    public var registeredSeconds: Int64
    public var s7: Int64
    public var s30: Int64
    public var sAll: Int64
    public var systemOK: Int64
    public var systemFailed: Int64
    public var streak: Int64
    public var userOK: Int64
    public var userFailed: Int64
    public var refunds: Int64
    public var averaged: AveragedComponents

    public init(total: Int128, uptime: Int128, join: Int128, system: Int128, user: Int128, refund: Int128,
                activeSeconds: Int64, registeredSeconds: Int64, s7: Int64, s30: Int64, sAll: Int64, systemOK: Int64,
                systemFailed: Int64, streak: Int64, userOK: Int64, userFailed: Int64, refunds: Int64,
                averaged: AveragedComponents) {
        self.total = total
        self.uptime = uptime
        self.join = join
        self.system = system
        self.user = user
        self.refund = refund
        self.activeSeconds = activeSeconds
        self.registeredSeconds = registeredSeconds
        self.s7 = s7
        self.s30 = s30
        self.sAll = sAll
        self.systemOK = systemOK
        self.systemFailed = systemFailed
        self.streak = streak
        self.userOK = userOK
        self.userFailed = userFailed
        self.refunds = refunds
        self.averaged = averaged
    }
}

/// The payload of `auction_close` (RULES-MARKET M5.4): who bid, with which weight, who was picked.
public struct AuctionSelection: Equatable, Sendable {
    public var round: Int64
    /// Bidders as provider registration indices, in provider order.
    public var bidders: [Int32]
    public var weights: [Int64]
    /// Picks in pick order.
    public var selected: [Int32]
    public var slots: Int64

    public init(round: Int64, bidders: [Int32], weights: [Int64], selected: [Int32], slots: Int64) {
        self.round = round
        self.bidders = bidders
        self.weights = weights
        self.selected = selected
        self.slots = slots
    }
}

/// The three parts of a slash (RULES.md §5.3): from escrow, from free, and unbacked.
public struct SlashParts: Equatable, Sendable {
    public var fe: Int128
    public var fb: Int128
    public var ub: Int128

    public init(fe: Int128, fb: Int128, ub: Int128) {
        self.fe = fe
        self.fb = fb
        self.ub = ub
    }

    public static let zero = SlashParts(fe: 0, fb: 0, ub: 0)

    public var total: Int128 { fe + fb + ub }

    /// escrow → slashed_funds fe, free → slashed_funds fb, free → slash_debt ub; zeros omitted.
    public func transfers(escrow: AccountID, free: AccountID) -> TransferList {
        var out = TransferList()
        out.appendIfPositive(escrow, .slashedFunds, fe)
        out.appendIfPositive(free, .slashedFunds, fb)
        out.appendIfPositive(free, .slashDebt, ub)
        return out
    }
}

/// A card group as a register entry records it: a catalog model and a count.
public struct CardCount: Equatable, Sendable {
    public var model: ModelID
    public var count: Int64

    public init(model: ModelID, count: Int64) {
        self.model = model
        self.count = count
    }
}

/// The payload of `register`.
public struct RegisterTerms: Equatable, Sendable {
    public var kind: ProviderKind
    public var cards: [CardCount]
    public var ubiFailureRateWad: Int128
    public var taskFailureRateWad: Int128
    /// The asking price (atto per GPU-hour); encoded only in a market run (RULES-MARKET M10).
    public var askingPriceAtto: Int128?

    public init(kind: ProviderKind, cards: [CardCount], ubiFailureRateWad: Int128, taskFailureRateWad: Int128,
                askingPriceAtto: Int128? = nil) {
        self.askingPriceAtto = askingPriceAtto
        self.kind = kind
        self.cards = cards
        self.ubiFailureRateWad = ubiFailureRateWad
        self.taskFailureRateWad = taskFailureRateWad
    }
}

/// The payload of `status`: the change and the figures it was decided on.
public struct StatusChange: Equatable, Sendable {
    public var from: ProviderStatus
    public var to: ProviderStatus
    public var freeAtto: Int128
    public var escrowAtto: Int128
    public var requiredAtto: Int128
    public var causeSeq: Int64?

    public init(from: ProviderStatus, to: ProviderStatus, freeAtto: Int128, escrowAtto: Int128, requiredAtto: Int128,
                causeSeq: Int64?) {
        self.from = from
        self.to = to
        self.freeAtto = freeAtto
        self.escrowAtto = escrowAtto
        self.requiredAtto = requiredAtto
        self.causeSeq = causeSeq
    }
}

/// The payload of `ubi_day` (RULES.md §6.4–§6.5).
public struct UBIDayFigures: Equatable, Sendable {
    public var x: Int64
    public var yMilli: Int64
    public var tDay: Int128
    public var tTotal: Int128
    public var wTotal: Int128
    public var eligible: Int64
    public var paidTotalAtto: Int128

    public init(x: Int64, yMilli: Int64, tDay: Int128, tTotal: Int128, wTotal: Int128, eligible: Int64, paidTotalAtto: Int128) {
        self.x = x
        self.yMilli = yMilli
        self.tDay = tDay
        self.tTotal = tTotal
        self.wTotal = wTotal
        self.eligible = eligible
        self.paidTotalAtto = paidTotalAtto
    }
}

/// How a posted task is to be assigned, as `task_post.assignment` records it.
public enum TaskAssignment: Equatable, Sendable {
    case auto
    case manual
    case provider(String)
    /// An auction task (RULES-MARKET M5.1).
    case auction
}

/// The payload of `task_post`.
public struct TaskTerms: Equatable, Sendable {
    public var durationSeconds: Int64
    /// nil: any model.
    public var gpuModel: ModelID?
    public var gpuCount: Int64
    public var collateralAtto: Int128
    public var providerKind: ProviderKindFilter
    public var assignment: TaskAssignment

    public init(durationSeconds: Int64, gpuModel: ModelID?, gpuCount: Int64, collateralAtto: Int128,
                providerKind: ProviderKindFilter, assignment: TaskAssignment) {
        self.durationSeconds = durationSeconds
        self.gpuModel = gpuModel
        self.gpuCount = gpuCount
        self.collateralAtto = collateralAtto
        self.providerKind = providerKind
        self.assignment = assignment
    }
}

extension Payload {
    /// The slash parts of a slash-bearing kind (RULES.md §5.3, invariant I3).
    public var slashParts: SlashParts? {
        switch self {
        case .slash(let parts), .ubiFail(_, let parts), .benchmarkFail(_, let parts, _), .taskFail(let parts, _, _),
             .jobFail(_, let parts, _): parts
        default: nil
        }
    }
}
