import SwanCore

/// The independent checker: replays a ledger as stored and derives every report from it
/// (RULES.md §13; OUTPUTS.md §2–§3).
///
/// It shares no state with the engine. It starts from the genesis meta, folds each entry
/// into its own model of balances, providers and tasks, checks invariants I1–I12 as it
/// goes, derives breaches, and reports each day when its block is sealed. Feed entries in
/// seq order with `apply`, call `sealed` after each block, then `finish`.
public final class LedgerReplay {
    let context: ReplayContext
    let rules: EngineParameters
    var catalog: Catalog
    var cBase: Int128
    var cTotal: Int128
    var balances: [AccountName: Int128] = [:]
    var nonGenesisSum: Int128 = 0
    var providers: [ReplayProvider] = []
    var providerIndexByID: [String: Int] = [:]
    var tasks: [ReplayTask] = []
    var taskIndexByID: [String: Int] = [:]
    /// Tasks running at some point of the current day (busy seconds are integrated at close).
    var activeTasks: Set<Int> = []
    /// Tasks in state `running` now.
    var runningTasks = 0
    public internal(set) var invariants = InvariantResults()
    public internal(set) var totals = RunTotals()
    public internal(set) var breaches: [BreachRecord] = []
    var network = NetworkDayFlows()
    var expectedSeq: Int64 = 0
    var lastTime: Int64 = 0
    var currentDay: Int64 = 0
    var closePhaseStarted = false
    var cuTotalAtDayStart: Int128 = 0
    /// Providers whose status must equal eval(p, t) once the current entry's status entries are in (I7).
    var pendingStatusCheck: [Int] = []
    var pendingStatusTime: Int64 = 0
    var pendingStatusSeq: Int64 = 0
    var lastDayReport: DayReport?
    var blocksSealed: Int64 = 0

    public init(context: ReplayContext) {
        self.context = context
        rules = EngineParameters(context.parameters)
        catalog = context.catalog
        cBase = rules.cBase
        cTotal = rules.cTotal
    }

    func balance(_ account: AccountName) -> Int128 { balances[account] ?? 0 }

    func required(_ p: Int) -> Int128 {
        var rule = rules.requirement
        rule.cBase = cBase
        return (try? rule.required(kind: providers[p].kind, cards: providers[p].cards, catalog: catalog)) ?? 0
    }

    func weightedCU(_ p: Int) -> Int128 {
        (try? rules.requirement.weightedCU(kind: providers[p].kind, cards: providers[p].cards, catalog: catalog)) ?? 0
    }

    /// eval(p, t) of RULES.md §4.5, from the ledger's view.
    func evaluate(_ p: Int, at t: Int64) -> ProviderStatus {
        let provider = providers[p]
        if provider.removed { return .removed }
        if provider.exited { return .exited }
        if let until = provider.suspendedUntil, t < until { return .suspended }
        return balance(.providerFree(provider.id)) + balance(.providerEscrow(provider.id)) >= required(p) ? .active : .nsc
    }

    /// Folds one entry in.
    public func apply(_ entry: Entry) {
        checkOrdering(entry)
        if entry.kind != .status { flushStatusChecks() }
        let slashExpected = entry.kind.isSlashBearing ? expectedSlash(entry) : nil
        applyTransfers(entry)
        if let slashExpected { checkSlash(entry, expected: slashExpected) }
        totals.entries += 1
        totals.entriesByKind[entry.kind.rawValue, default: 0] += 1
        network.entries += 1
        switch entry.kind {
        case .genesis, .dayClose: break
        case .grant: totals.grants += entry.amountAtto ?? 0
        case .register: register(entry)
        case .status: status(entry)
        case .deposit: totals.deposits += entry.amountAtto ?? 0
        case .withdraw: totals.withdrawals += entry.amountAtto ?? 0
        case .lock: checkNotTerminal(entry, .terminal, "lock")
        case .unlock: break
        case .slash: break
        case .withdrawRequest: withdrawRequest(entry)
        case .withdrawConfirm: withdrawConfirm(entry)
        case .withdrawCancel: if let p = provider(entry) { providers[p].pending = nil }
        case .exit: exit(entry)
        case .param: param(entry)
        case .ubiAssign: ubiAssign(entry)
        case .ubiFail, .benchmarkFail: ubiFail(entry)
        case .ubiPay: ubiPay(entry)
        case .ubiDay: ubiDay(entry)
        case .taskPost: taskPost(entry)
        case .taskAssign: taskAssign(entry)
        case .taskComplete: taskComplete(entry)
        case .taskFail: taskFail(entry)
        case .taskRefund: taskRefund(entry)
        case .opRejected:
            network.rejections += 1
            totals.rejectionsByReason[entry.reason ?? "", default: 0] += 1
        }
        if entry.kind != .status { scheduleStatusCheck(entry) }
    }

    func provider(_ entry: Entry) -> Int? {
        entry.provider.flatMap { providerIndexByID[$0] }
    }

    // MARK: Transfers (I1, I2, I3)

    private func applyTransfers(_ entry: Entry) {
        for transfer in entry.transfers {
            let debit = transfer.debit, credit = transfer.credit, amount = transfer.amountAtto
            balances[debit, default: 0] -= amount
            balances[credit, default: 0] += amount
            if debit == .genesis { nonGenesisSum += amount }
            if credit == .genesis { nonGenesisSum -= amount }
            if case .providerFree = debit, balance(debit) < 0 {
                let allowed = entry.kind.isSlashBearing && credit == .slashDebt
                if !allowed {
                    invariants.fail(.freeFloor, seq: entry.seq, "\(debit.text) went to \(Decimal18.render(balance(debit))) by \(entry.kind.rawValue)")
                }
            }
            for account in [debit, credit] where balance(account) < 0 {
                switch account {
                case .genesis, .providerFree: continue
                default: invariants.fail(.sign, seq: entry.seq, "\(account.text) = \(Decimal18.render(balance(account)))")
                }
            }
        }
        if nonGenesisSum != rules.supplyTotal && totals.entries > 0 {
            invariants.fail(.conservation, seq: entry.seq, "Σ balances = \(Decimal18.render(nonGenesisSum)), supply \(Decimal18.render(rules.supplyTotal))")
        }
        if entry.kind == .genesis && nonGenesisSum != rules.supplyTotal {
            invariants.fail(.conservation, seq: entry.seq, "genesis moved \(Decimal18.render(nonGenesisSum))")
        }
    }

    // MARK: Ordering (I12)

    private func checkOrdering(_ entry: Entry) {
        if entry.seq != expectedSeq {
            invariants.fail(.ordering, seq: entry.seq, "seq \(entry.seq) where \(expectedSeq) was expected")
        }
        expectedSeq = entry.seq + 1
        if entry.time < lastTime || entry.day < currentDay {
            invariants.fail(.ordering, seq: entry.seq, "(day, time) went back to (\(entry.day), \(entry.time))")
        }
        if entry.day > currentDay {
            startDay(entry.day)
        }
        let inDay = entry.day == 0 ? entry.time == 0 : (entry.time >= (entry.day - 1) * 86_400 && entry.time < entry.day * 86_400)
        if !inDay { invariants.fail(.ordering, seq: entry.seq, "time \(entry.time) is outside day \(entry.day)") }
        lastTime = entry.time
    }

    // MARK: Status consistency (I7)

    private func scheduleStatusCheck(_ entry: Entry) {
        var affected = Set<Int>()
        for transfer in entry.transfers {
            if let id = transfer.debit.provider, let p = providerIndexByID[id] { affected.insert(p) }
            if let id = transfer.credit.provider, let p = providerIndexByID[id] { affected.insert(p) }
        }
        switch entry.kind {
        case .param:
            for p in providers.indices where !providers[p].isTerminal { affected.insert(p) }
        case .register, .exit, .benchmarkFail:
            if let p = provider(entry) { affected.insert(p) }
        default:
            break
        }
        pendingStatusCheck = affected.sorted()
        pendingStatusTime = entry.time
        pendingStatusSeq = entry.seq
    }

    /// Checks the providers the last non-status entry could have changed.
    func flushStatusChecks() {
        for p in pendingStatusCheck where !providers[p].isTerminal && providers[p].status != .none {
            let expected = evaluate(p, at: pendingStatusTime)
            if providers[p].status != expected {
                invariants.fail(.statusConsistency, seq: pendingStatusSeq,
                                "\(providers[p].id) is \(providers[p].status.rawValue), eval gives \(expected.rawValue)")
            }
        }
        pendingStatusCheck.removeAll(keepingCapacity: true)
    }

    /// Checks every non-terminal provider (at each close, to catch anything the per-entry check missed).
    func sweepStatus(at t: Int64, seq: Int64) {
        for p in providers.indices where !providers[p].isTerminal {
            let expected = evaluate(p, at: t)
            if providers[p].status != expected {
                invariants.fail(.statusConsistency, seq: seq,
                                "\(providers[p].id) is \(providers[p].status.rawValue) at the close, eval gives \(expected.rawValue)")
            }
        }
    }
}
