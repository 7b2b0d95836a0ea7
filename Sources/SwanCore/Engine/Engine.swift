/// The simulation engine: a resolved scenario in, the ledger's entries out (RULES.md §2–§12).
///
/// Pure: no clock, no I/O, no global randomness. Every random choice is a keyed draw
/// (RULES.md §10), so the same scenario always yields the same entries. The engine keeps
/// the state it needs to decide; it never reads the ledger back. Entries go to `sink` in
/// order, and the caller hashes and stores them.
public final class Engine {
    let scenario: Scenario
    let parameters: EngineParameters
    var catalog: Catalog
    var cBase: Int128
    var cTotal: Int128
    var balances: [AccountName: Int128] = [:]
    var providers: [ProviderRuntime] = []
    var providerIndexByID: [String: Int] = [:]
    var tasks: [TaskRuntime] = []
    var taskIndexByID: [String: Int] = [:]
    /// `ubi_outcome` directives by provider id and day: (failing set, script index).
    var directives: [String: [Int64: (ScriptOperation.FailingSet, Int)]] = [:]
    /// `ubi_outcome` directives by day, in script order: (provider, script index).
    var directivesByDay: [Int64: [(provider: String, scriptIndex: Int)]] = [:]
    var queue = EventQueue()
    var nextSeq: Int64 = 0
    var day: Int64 = 0
    private var sink: ((Entry) throws -> Void)?

    /// Prepares a run of a validated scenario.
    public init(scenario: Scenario) throws(EngineError) {
        self.scenario = scenario
        parameters = EngineParameters(scenario.parameters)
        catalog = scenario.catalog
        cBase = parameters.cBase
        cTotal = parameters.cTotal
        for op in scenario.script {
            if case .ubiOutcome(let provider, let failing) = op.action {
                directives[provider, default: [:]][op.day] = (failing, op.index)
                directivesByDay[op.day, default: []].append((provider, op.index))
            }
        }
    }

    /// Runs genesis and days 1 … D, handing every entry to `sink` in seq order.
    public func run(sink: @escaping (Entry) throws -> Void) throws(EngineError) {
        self.sink = sink
        defer { self.sink = nil }
        try genesis()
        for op in scenario.script where op.opName != "ubi_outcome" { queue.push(.script(op)) }
        for d in 1...scenario.days {
            day = d
            try runDay(d)
        }
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
        scheduleGeneratedTasks(day: d)
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
            try reevaluate([provider], at: event.time, reason: "suspension_end", cause: nil)
        case .taskEnd(let task):
            try endTask(task, at: event.time)
        case .ubiDue(let provider, let task, let d):
            try settleUBI(provider: provider, task: task, day: d, at: event.time)
        }
    }

    // MARK: Entries

    /// Appends an entry: applies its transfers, hands it on, then re-evaluates the providers
    /// it affects (RULES.md §4.5) unless `reevaluate` is false (registration, status).
    @discardableResult
    func emit(_ proposed: Entry, reevaluate affected: Bool = true) throws(EngineError) -> Int64 {
        var entry = proposed
        entry.seq = nextSeq
        nextSeq += 1
        for transfer in entry.transfers {
            balances[transfer.debit, default: 0] -= transfer.amountAtto
            balances[transfer.credit, default: 0] += transfer.amountAtto
        }
        do {
            try sink?(entry)
        } catch {
            throw .sink("\(error)")
        }
        if affected && entry.kind != .status {
            try reevaluate(affectedProviders(entry), at: entry.time, reason: entry.kind.rawValue, cause: entry.seq)
        }
        return entry.seq
    }

    private func affectedProviders(_ entry: Entry) -> [Int] {
        var set = Set<Int>()
        for transfer in entry.transfers {
            if let id = transfer.debit.provider, let index = providerIndexByID[id] { set.insert(index) }
            if let id = transfer.credit.provider, let index = providerIndexByID[id] { set.insert(index) }
        }
        switch entry.kind {
        case .param:
            if entry.reason == "c_base" {
                for provider in providers where !provider.isTerminal { set.insert(provider.index) }
            } else if let reason = entry.reason, reason.hasPrefix("cu:") {
                let model = String(reason.dropFirst(3))
                for provider in providers where provider.spec.cards.contains(where: { $0.model == model }) {
                    set.insert(provider.index)
                }
            }
        case .exit, .benchmarkFail:
            if let id = entry.provider, let index = providerIndexByID[id] { set.insert(index) }
        default:
            break
        }
        return set.sorted()
    }

    func balance(_ account: AccountName) -> Int128 { balances[account] ?? 0 }

    // MARK: Status

    func required(_ index: Int) throws(EngineError) -> Int128 {
        var rule = parameters.requirement
        rule.cBase = cBase
        do {
            return try rule.required(kind: providers[index].spec.kind, cards: providers[index].spec.cards, catalog: catalog)
        } catch {
            throw .overflow("required collateral of \(providers[index].spec.id)")
        }
    }

    func weightedCU(_ index: Int) -> Int128 {
        (try? parameters.requirement.weightedCU(kind: providers[index].spec.kind, cards: providers[index].spec.cards,
                                                 catalog: catalog)) ?? 0
    }

    /// eval(p, t) of RULES.md §4.5.
    func evaluate(_ index: Int, at time: Int64) throws(EngineError) -> ProviderStatus {
        let provider = providers[index]
        if provider.removed { return .removed }
        if provider.exited { return .exited }
        if let until = provider.suspendedUntil, time < until { return .suspended }
        let id = provider.spec.id
        let holdings = balance(.providerFree(id)) + balance(.providerEscrow(id))
        return holdings >= (try required(index)) ? .active : .nsc
    }

    /// Re-evaluates providers in provider order, appending a `status` entry for each change.
    func reevaluate(_ indices: [Int], at time: Int64, reason: String, cause: Int64?) throws(EngineError) {
        for index in indices {
            let old = providers[index].status
            if old.isTerminal { continue }
            let new = try evaluate(index, at: time)
            guard new != old else { continue }
            providers[index].status = new
            let id = providers[index].spec.id
            try emit(Entry(day: day, time: time, kind: .status, origin: .engine, provider: id, reason: reason, payload: [
                PayloadField("from", .text(old.rawValue)), PayloadField("to", .text(new.rawValue)),
                PayloadField("free", .integer(balance(.providerFree(id)))),
                PayloadField("escrow", .integer(balance(.providerEscrow(id)))),
                PayloadField("required", .integer(try required(index))),
                PayloadField("cause_seq", cause.map { .integer(Int128($0)) } ?? .null),
            ]), reevaluate: false)
        }
    }
}
