/// The simulation engine: a resolved scenario in, the ledger's sealed blocks out (RULES.md §2–§12).
///
/// Pure: no clock, no I/O, no global randomness. Every random choice is a keyed draw
/// (RULES.md §10), so the same scenario always yields the same entries. The engine decides
/// from the ledger state that its `LedgerWriter` folds, so balances exist once on the
/// writer side; what the ledger does not record (tasks, UBI assignments, the event queue)
/// the engine keeps itself. Sealed blocks go to the caller, which hashes and stores them.
public final class Engine {
    let scenario: Scenario
    let parameters: EngineParameters
    let ledger: LedgerWriter
    /// Model tiers by model id (tiered requirement mode).
    let tiers: [Tier?]
    var providers: [ProviderRuntime] = []
    var providerIndexByID: [String: Int] = [:]
    /// Tasks not yet settled, by task index; settled tasks leave (nothing refers to them again).
    var tasks: [Int: TaskRuntime] = [:]
    var taskIndexByID: [String: Int] = [:]
    /// Tasks posted so far (the next task index).
    var tasksPosted = 0
    /// Indices of tasks that ran at some time of the current day (utilisation, RULES.md §6.5).
    var dayTasks: [Int] = []
    /// Indices of tasks settled today; they leave `tasks` at the day's close.
    var settledToday: [Int] = []
    var userAccounts: [String: AccountID] = [:]
    /// `ubi_outcome` directives by provider id and day: (failing set, script index).
    var directives: [String: [Int64: (ScriptOperation.FailingSet, Int)]] = [:]
    /// `ubi_outcome` directives by day, in script order: (provider, script index).
    var directivesByDay: [Int64: [(provider: String, scriptIndex: Int)]] = [:]
    var queue = EventQueue()
    /// A market run's state (RULES-MARKET); nil for a version-1 run.
    var market: MarketRuntime?
    /// Auction tasks with jobs that ran at some time of the current day.
    var dayAuctions: [Int] = []
    private var affectedScratch: [Int] = []
    var day: Int64 = 0
    private var blockSink: ((SealedBlock) throws -> Void)?

    /// Prepares a run of a validated scenario.
    ///
    /// - Parameter keepsEntries: sealed blocks also carry the entries as made (tests).
    public init(scenario: Scenario, keepsEntries: Bool = false) {
        self.scenario = scenario
        parameters = EngineParameters(scenario.parameters)
        ledger = LedgerWriter(genesis: LedgerState.Genesis(scenario: scenario), keepsEntries: keepsEntries)
        tiers = scenario.catalog.models.map(\.tier)
        market = scenario.market.map(MarketRuntime.init)
        for op in scenario.script {
            if case .ubiOutcome(let provider, let failing) = op.action {
                directives[provider, default: [:]][op.day] = (failing, op.index)
                directivesByDay[op.day, default: []].append((provider, op.index))
            }
        }
    }

    /// The ledger state the engine decides from (read-only for callers).
    public var state: LedgerState { ledger.state }

    /// Runs genesis and days 1 … D, handing every sealed block to `sink` in order.
    public func run(blocks sink: @escaping (SealedBlock) throws -> Void) throws(EngineError) {
        blockSink = sink
        defer { blockSink = nil }
        try genesis()
        for op in scenario.script where op.opName != "ubi_outcome" { queue.push(.script(op)) }
        for d in 1...scenario.days {
            day = d
            try runDay(d)
        }
    }

    /// Every entry of a run, as made (tests and tools; a run streams blocks instead).
    public static func entries(of scenario: Scenario) throws(EngineError) -> [Entry] {
        var entries: [Entry] = []
        try Engine(scenario: scenario, keepsEntries: true).run { entries.append(contentsOf: $0.made) }
        return entries
    }

    // MARK: Time

    static func dayStart(_ d: Int64) -> Int64 { (d - 1) * 86_400 }
    static func dayClose(_ d: Int64) -> Int64 { dayStart(d) + 86_399 }

    private func runDay(_ d: Int64) throws(EngineError) {
        let start = Self.dayStart(d)
        // C1: suspension ends at t0(d) come before the day-start steps.
        while let event = queue.first, event.time == start, event.eventClass < 0 {
            _ = queue.pop()
            try process(event)
        }
        try dayStartSteps(d, at: start)
        try scheduleGeneratedTasks(day: d)
        while let event = queue.first, event.time <= Self.dayClose(d) {
            _ = queue.pop()
            try process(event)
        }
        try dayCloseSteps(d)
    }

    private func process(_ event: EngineEvent) throws(EngineError) {
        switch event.action {
        case .script(let index):
            try perform(scenario.script[index], at: event.time)
        case .generated(let post):
            try postTask(post, at: event.time, origin: .generator, scriptIndex: nil)
        case .exitWithdraw(let provider):
            try exitWithdraw(provider, at: event.time)
        case .exitConfirm(let provider):
            try exitConfirm(provider, at: event.time)
        case .suspensionEnd(let provider):
            try reevaluate([provider], at: event.time, reason: .suspensionEnd, cause: nil)
        case .taskEnd(let task):
            try endTask(task, at: event.time)
        case .ubiDue(let provider, let task, let d):
            try settleUBI(provider: provider, task: task, day: d, at: event.time)
        case .roundEnd(let task, let round):
            try endRound(task, round: round, at: event.time)
        case .auctionClose(let task, let round):
            try closeRound(task, round: round, at: event.time)
        }
    }

    // MARK: Entries

    /// Appends an entry to the ledger (which folds it into the state the engine reads),
    /// then re-evaluates the providers it affects (RULES.md §4.5) unless `reevaluate` is
    /// false (registration, status).
    @discardableResult
    func emit(_ entry: Entry, reevaluate affected: Bool = true) throws(EngineError) -> Int64 {
        let seq = ledger.nextSeq
        do {
            if let block = try ledger.append(entry) {
                assert(ledgerAgrees(), "the engine's provider state disagrees with the ledger's at day \(block.day)")
                try blockSink?(block)
            }
        } catch let error as LedgerAppendError {
            throw .ledger(error)
        } catch {
            throw .sink("\(error)")
        }
        if case .param = entry.payload { refreshRequirements(entry.reason) }
        if market != nil { observeMarket(entry) }
        if affected && entry.kind != .status {
            try reevaluate(affectedProviders(entry), at: entry.time, reason: .cause(entry.kind), cause: seq)
        }
        return seq
    }

    /// The providers an entry can change the status of, in provider order, each once. Reuses one
    /// array: only `status` entries are emitted while a list is being re-evaluated, and they have
    /// none. Duplicates go after sorting, so a `c_base` change over a million providers costs
    /// n log n, not the n² of a membership test per provider.
    private func affectedProviders(_ entry: Entry) -> [Int] {
        var affected = affectedScratch
        affectedScratch = []
        affected.removeAll(keepingCapacity: true)
        defer { affectedScratch = affected }
        func add(_ index: Int) { affected.append(index) }
        for transfer in entry.transfers {
            let debit = ledger.state.owner(of: transfer.debit), credit = ledger.state.owner(of: transfer.credit)
            if debit >= 0 { add(Int(debit)) }
            if credit >= 0 { add(Int(credit)) }
        }
        switch entry.reason {
        case .cBase? where entry.kind == .param:
            for provider in providers where !provider.isTerminal { add(provider.index) }
        case .cu(let model)? where entry.kind == .param:
            for provider in providers where provider.cards.contains(where: { $0.model == model }) { add(provider.index) }
        default:
            break
        }
        if (entry.kind == .exit || entry.kind == .benchmarkFail) && entry.providerIndex >= 0 { add(Int(entry.providerIndex)) }
        affected.sort()
        var kept = 0
        for position in affected.indices where position == 0 || affected[position] != affected[position - 1] {
            affected[kept] = affected[position]
            kept += 1
        }
        affected.removeLast(affected.count - kept)
        return affected
    }

    /// The balance of an account in the ledger state.
    @inline(__always)
    func balance(_ account: AccountID) -> Int128 { ledger.state.balance(account) }

    /// The account of a user, added to the ledger's table on first use.
    func userAccount(_ user: String) -> AccountID {
        if let id = userAccounts[user] { return id }
        let id = ledger.account(.user(user))
        userAccounts[user] = id
        return id
    }

    // MARK: Status

    /// Recomputes the cached wcu and required of every provider a `param` entry changed.
    private func refreshRequirements(_ reason: EntryReason?) {
        switch reason {
        case .cBase?:
            for index in providers.indices { providers[index].required = computeRequired(index) }
        case .cu(let model)?:
            for index in providers.indices where providers[index].cards.contains(where: { $0.model == model }) {
                providers[index].weightedCU = computeWeightedCU(index)
                providers[index].required = computeRequired(index)
            }
        default:
            break
        }
    }

    func computeWeightedCU(_ index: Int) -> Int128 {
        parameters.requirement.weightedCU(kind: providers[index].spec.kind, cards: providers[index].cards,
                                          cuDeci: ledger.state.cuDeci)
    }

    /// required(p), or −1 when it overflows (reported when it is used).
    func computeRequired(_ index: Int) -> Int128 {
        var rule = parameters.requirement
        rule.cBase = ledger.state.cBaseAtto
        return (try? rule.required(kind: providers[index].spec.kind, cards: providers[index].cards,
                                   cuDeci: ledger.state.cuDeci, tiers: tiers)) ?? -1
    }

    func required(_ index: Int) throws(EngineError) -> Int128 {
        let required = providers[index].required
        guard required >= 0 else { throw .overflow("required collateral of \(providers[index].spec.id)") }
        return required
    }

    func weightedCU(_ index: Int) -> Int128 { providers[index].weightedCU }

    /// Provider `index`'s status as the ledger state records it (the one copy: `status` entries set it).
    @inline(__always)
    func status(_ index: Int) -> ProviderStatus { ledger.state.providers[index].status }

    /// eval(p, t) of RULES.md §4.5.
    func evaluate(_ index: Int, at time: Int64) throws(EngineError) -> ProviderStatus {
        let provider = providers[index]
        if provider.removed { return .removed }
        if provider.exited { return .exited }
        if let until = ledger.state.providers[index].suspendedUntil, time < until { return .suspended }
        let holdings = balance(provider.free) + balance(provider.escrow)
        return holdings >= (try required(index)) ? .active : .nsc
    }

    /// Re-evaluates providers in provider order, appending a `status` entry for each change.
    func reevaluate(_ indices: [Int], at time: Int64, reason: EntryReason, cause: Int64?) throws(EngineError) {
        for index in indices {
            let old = status(index)
            if old.isTerminal { continue }
            let new = try evaluate(index, at: time)
            guard new != old else { continue }
            // The ledger state records the change as it folds this entry: the one copy.
            let provider = providers[index]
            try emit(Entry(day: day, time: time, kind: .status, origin: .engine, provider: provider.spec.id,
                           providerIndex: Int32(index), reason: reason,
                           payload: .status(StatusChange(from: old, to: new, freeAtto: balance(provider.free),
                                                         escrowAtto: balance(provider.escrow), requiredAtto: try required(index),
                                                         causeSeq: cause))),
                     reevaluate: false)
        }
    }
}
