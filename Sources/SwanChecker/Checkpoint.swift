import SwanCore
import SwanTables

/// Values of the run right after a block is sealed, as `expect` asks for them (SCENARIO-FORMAT.md §3.8).
public struct CheckpointSnapshot: Sendable {
    /// Values of one provider.
    public struct ProviderValues: Sendable {
        public var status: ProviderStatus
        public var required: Int128
        public var ubiEarned: Int128
        public var slashed: Int128
        public var taskIncome: Int128
        public var debt: Int128
        /// The last reputation (market run), nil in version 1.
        public var reputation: Int128?
    }

    public var balances: [AccountName: Int128]
    public var cBase: Int128
    public var providers: [String: ProviderValues]
    /// The last `market_quote` (market run): its day, demand factor and price.
    public var quote: (day: Int64, demandFactor: Int128, price: Int128)?
}

extension LedgerReplay {
    /// The current values (call right after `sealed`, or after `finish` for final values).
    public func snapshot() -> CheckpointSnapshot {
        var values: [String: CheckpointSnapshot.ProviderValues] = [:]
        for p in providers.indices {
            let provider = providers[p]
            values[provider.id] = .init(status: provider.status, required: required(p), ubiEarned: provider.totals.ubiEarned,
                                        slashed: provider.totals.slashed, taskIncome: provider.totals.taskIncome,
                                        debt: max(0, -balance(provider.free)), reputation: market?.providers[p].reputation)
        }
        let quote = market?.totals.lastQuote.map { ($0.day, $0.quote.demandFactor, $0.price) }
        return CheckpointSnapshot(balances: balancesByName(), cBase: state.cBaseAtto, providers: values, quote: quote)
    }
}

/// Evaluates a scenario's `expect` block (SCENARIO-FORMAT.md §3.8; OUTPUTS.md §3 `expect`).
public struct ExpectationReport: Sendable {
    /// One failed check.
    public struct Failure: Sendable {
        public var path: String
        public var expected: OrderedJSON
        public var actual: OrderedJSON
    }

    public var checked: Int64 = 0
    public var failures: [Failure] = []
    public var ok: Bool { failures.isEmpty }

    public init() {}

    private mutating func check(_ path: JSONPath, _ expected: OrderedJSON, _ actual: OrderedJSON) {
        checked += 1
        if expected != actual { failures.append(Failure(path: path.description, expected: expected, actual: actual)) }
    }

    /// Balances and provider values against a snapshot, under `path`.
    mutating func check(balances: [Expectations.KeyedAmount], providers: [Expectations.KeyedProvider],
                        against snapshot: CheckpointSnapshot, at path: JSONPath) {
        for item in balances {
            let actual = AccountName(item.key).map { snapshot.balances[$0] ?? 0 } ?? 0
            check(path.key("balances").key(item.key), .amount(item.atto), .amount(actual))
        }
        for item in providers {
            let base = path.key("providers").key(item.provider)
            let actual = snapshot.providers[item.provider]
            let v = item.values
            if let status = v.status { check(base.key("status"), .string(status), actual.map { .string($0.status.rawValue) } ?? .null) }
            if let x = v.requiredAtto { check(base.key("required"), .amount(x), .amount(actual?.required)) }
            if let x = v.ubiEarnedAtto { check(base.key("ubi_earned"), .amount(x), .amount(actual?.ubiEarned)) }
            if let x = v.slashedAtto { check(base.key("slashed"), .amount(x), .amount(actual?.slashed)) }
            if let x = v.taskIncomeAtto { check(base.key("task_income"), .amount(x), .amount(actual?.taskIncome)) }
            if let x = v.debtAtto { check(base.key("debt"), .amount(x), .amount(actual?.debt)) }
            if let x = v.reputationWad { check(base.key("reputation"), .amount(x), .amount(actual?.reputation)) }
        }
    }

    /// A checkpoint, right after its day's block is sealed.
    public mutating func check(checkpoint: Expectations.Checkpoint, index: Int, against snapshot: CheckpointSnapshot) {
        let path = JSONPath.root.key("expect").key("checkpoints").index(index)
        check(balances: checkpoint.balances, providers: checkpoint.providers, against: snapshot, at: path)
        if let cBase = checkpoint.cBaseAtto { check(path.key("c_base"), .amount(cBase), .amount(snapshot.cBase)) }
        // The quote of the checkpoint's own day (SCENARIO-FORMAT-MARKET.md §3.6).
        let quote = snapshot.quote?.day == checkpoint.day ? snapshot.quote : nil
        if let x = checkpoint.demandFactorWad { check(path.key("demand_factor"), .amount(x), .amount(quote?.demandFactor)) }
        if let x = checkpoint.marketPriceAtto { check(path.key("market_price"), .amount(x), .amount(quote?.price)) }
    }

    /// Every final value of `expect`.
    public mutating func checkFinal(_ expect: Expectations, report: RunReport, final snapshot: CheckpointSnapshot,
                                    headHash: String) {
        let root = JSONPath.root.key("expect")
        if let selection = expect.invariants {
            switch selection {
            case .all:
                check(root.key("invariants"), .bool(true), .bool(report.invariants.ok))
            case .named(let names):
                for (position, name) in names.enumerated() {
                    let ok = Invariant(rawValue: name).map { report.invariants[$0].ok } ?? false
                    check(root.key("invariants").index(position), .bool(true), .bool(ok))
                }
            }
        }
        check(balances: expect.balances, providers: expect.providers, against: snapshot, at: root)
        for item in expect.totals {
            check(root.key("totals").key(item.key), .amount(item.atto), .amount(Self.total(item.key, report)))
        }
        if let count = expect.entryCount { check(root.key("entries").key("count"), .integer(count), .integer(report.totals.entries)) }
        for item in expect.entriesByKind {
            check(root.key("entries").key("by_kind").key(item.key), .integer(item.count),
                  .integer(report.totals.entriesByKind[item.key] ?? 0))
        }
        let rejections = report.totals.rejectionsByReason.values.reduce(0, +)
        if let count = expect.rejectionCount { check(root.key("rejections").key("count"), .integer(count), .integer(rejections)) }
        for item in expect.rejectionsByReason {
            check(root.key("rejections").key("by_reason").key(item.key), .integer(item.count),
                  .integer(report.totals.rejectionsByReason[item.key] ?? 0))
        }
        if let count = expect.breachCount {
            check(root.key("breaches").key("count"), .integer(count), .integer(Int64(report.breaches.count)))
        }
        if let seconds = expect.breachTotalSeconds {
            check(root.key("breaches").key("total_seconds"), .integer(seconds),
                  .integer(report.breaches.reduce(0) { $0 + $1.durationSeconds }))
        }
        if let items = expect.breachItems {
            for (position, item) in items.enumerated() {
                let path = root.key("breaches").key("items").index(position)
                let actual = position < report.breaches.count ? report.breaches[position] : nil
                check(path.key("provider"), .string(item.provider), actual.map { .string($0.provider) } ?? .null)
                check(path.key("start_time"), .integer(item.startTime), actual.map { .integer($0.startTime) } ?? .null)
                check(path.key("end_time"), .integer(item.endTime), actual.map { .integer($0.endTime) } ?? .null)
            }
            if items.count != report.breaches.count {
                failures.append(Failure(path: root.key("breaches").key("items").description,
                                        expected: .integer(Int64(items.count)), actual: .integer(Int64(report.breaches.count))))
            }
        }
        if let hash = expect.headHash { check(root.key("head_hash"), .string(hash), .string(headHash)) }
    }

    /// A named total of OUTPUTS.md §3.
    static func total(_ name: String, _ report: RunReport) -> Int128 {
        let t = report.totals
        switch name {
        case "ubi_paid": return t.ubiPaid
        case "slashed": return t.slashed
        case "slashed_backed": return t.slashedBacked
        case "slash_debt": return t.slashDebt
        case "debt_outstanding": return report.debtOutstanding
        case "fees": return t.fees
        case "task_payouts": return t.taskPayouts
        case "task_refunds": return t.taskRefunds
        case "deposits": return t.deposits
        case "withdrawals": return t.withdrawals
        case "grants": return t.grants
        default: return 0
        }
    }
}

extension ExpectationReport {
    /// The fields of `expect` in SCENARIO-FORMAT.md §3.8 order.
    static let fieldOrder = ["invariants", "balances", "providers", "totals", "entries", "rejections", "breaches",
                             "checkpoints", "head_hash"]

    /// Failures ordered by `expect` field (§3.8 order), keeping the order of checks within a field.
    public func inDocumentOrder() -> ExpectationReport {
        func rank(_ path: String) -> Int {
            let field = path.dropFirst("$.expect.".count).prefix { $0 != "." && $0 != "[" }
            return Self.fieldOrder.firstIndex(of: String(field)) ?? Self.fieldOrder.count
        }
        var copy = self
        copy.failures = failures.enumerated().sorted { lhs, rhs in
            let l = rank(lhs.element.path), r = rank(rhs.element.path)
            return l == r ? lhs.offset < rhs.offset : l < r
        }.map(\.element)
        return copy
    }
}
