import SwanCore
import SwanTables

/// The independent checker: replays a ledger as stored and derives every report from it
/// (RULES.md §13; OUTPUTS.md §2–§3).
///
/// It shares no state with the engine. It starts from the genesis meta, folds each entry
/// into its own model of balances, providers and tasks, checks invariants I1–I12 as it
/// goes, derives breaches, and reports each day when its block is sealed. Feed entries in
/// seq order with `apply`, call `sealed` after each block, then `finish`.
public final class LedgerReplay: LedgerFold {
    let context: ReplayContext
    let rules: EngineParameters
    /// The checker's own ledger state: its own account ids, folded from the entries it decodes.
    public internal(set) var state: LedgerState
    /// Model tiers by the checker's model ids (tiered requirement mode).
    let tiers: [Tier?]
    let hasher: SHA256Hashing?
    /// The USD rules of §15, fixed for the run.
    let economics: EconomicsRules
    var providers: [ReplayProvider] = []
    /// Tasks not yet settled (and those settled today, until the day's report takes them).
    var tasks: [Int: ReplayTask] = [:]
    var tasksPosted = 0
    var settledToday: [Int] = []
    var taskIndexByID: [String: Int] = [:]
    /// Tasks running at some point of the current day (busy seconds are integrated at close).
    var activeTasks: Set<Int> = []
    /// Tasks in state `running` now.
    var runningTasks = 0
    public internal(set) var invariants = InvariantResults()
    public internal(set) var totals = RunTotals()
    var breaches = BreachBook()
    var network = NetworkDayFlows()
    /// I1–I3 and I12, with their own bookkeeping.
    var checks = EntryChecks()
    var currentDay: Int64 = 0
    var closePhaseStarted = false
    var cuTotalAtDayStart: Int128 = 0
    /// Providers whose status must equal eval(p, t) once the current entry's status entries are in (I7).
    var pendingStatusCheck: [Int] = []
    var pendingStatusTime: Int64 = 0
    var pendingStatusSeq: Int64 = 0
    var blocksSealed: Int64 = 0
    /// The chain as the hashing stage reported it: the last entry and block hash seen.
    var headHash = Digest32.zero
    var headBlockHash = Digest32.zero
    var stateBytes = ByteWriter(capacity: 1 << 16)
    /// Entries per kind, by the kind's position in `EntryKind.allCases` (named at the end).
    var entriesByKind = [Int64](repeating: 0, count: EntryKind.allCases.count)
    let kindOrdinals = Dictionary(uniqueKeysWithValues: EntryKind.allCases.enumerated().map { ($0.element, $0.offset) })
    /// The checker's own market model (RULES-MARKET M11); nil for a version-1 run.
    var market: ReplayMarket?

    /// - Parameter hasher: computes the checker's own state root at each block (I13 in a
    ///   run); nil when the caller verifies blocks itself (`swansim verify`).
    public init(context: ReplayContext, hasher: SHA256Hashing? = nil) {
        self.context = context
        rules = EngineParameters(context.parameters)
        var genesis = LedgerState.Genesis(parameters: context.parameters, catalog: context.catalog, market: context.market != nil)
        genesis.format = context.format
        state = LedgerState(genesis: genesis)
        invariants = InvariantResults(market: context.market != nil)
        market = context.market.map { ReplayMarket(parameters: $0) }
        tiers = context.catalog.models.map(\.tier)
        self.hasher = hasher
        economics = EconomicsRules(context.parameters)
    }

    @inline(__always)
    func balance(_ account: AccountID) -> Int128 { state.balance(account) }

    /// Lends the checker's state to a verifier that decodes into it (`swansim verify`).
    public func withState<R, E: Error>(_ body: (inout LedgerState) throws(E) -> R) throws(E) -> R {
        try body(&state)
    }

    /// required(p); a rule error is a failure of the run, never a zero.
    func required(_ p: Int) -> Int128 { providers[p].required }

    func weightedCU(_ p: Int) -> Int128 { providers[p].weightedCU }

    /// Recomputes the cached wcu and required of provider p from the current C_base and CUs.
    func refreshRequirement(_ p: Int) {
        providers[p].weightedCU = rules.requirement.weightedCU(kind: providers[p].kind, cards: providers[p].cards,
                                                                cuDeci: state.cuDeci)
        var rule = rules.requirement
        rule.cBase = state.cBaseAtto
        do {
            providers[p].required = try rule.required(kind: providers[p].kind, cards: providers[p].cards,
                                                      cuDeci: state.cuDeci, tiers: tiers)
        } catch {
            providers[p].required = Int128.max
            invariants.fail(.statusConsistency, seq: checks.expectedSeq - 1, "required collateral of \(providers[p].id): \(error)")
        }
    }

    /// eval(p, t) of RULES.md §4.5, from the ledger's view.
    func evaluate(_ p: Int, at t: Int64) -> ProviderStatus {
        let provider = providers[p]
        if provider.removed { return .removed }
        if provider.exited { return .exited }
        if let until = provider.suspendedUntil, t < until { return .suspended }
        return balance(provider.free) + balance(provider.escrow) >= provider.required ? .active : .nsc
    }

    /// Decodes one entry from its exact stored bytes into the checker's own ids and folds it.
    public func apply(encoded bytes: UnsafeRawBufferPointer) throws(EntryDecoding.DecodingError) {
        apply(try EntryDecoding.decode(bytes, state: &state))
    }

    /// Decodes and folds every entry of a hashed block, then checks the chain links and the
    /// block's state root against one computed from the checker's own state (I13 in a run).
    public func apply(block: HashedBlock) {
        if block.previousHash != headHash || block.header.previousBlockHash != headBlockHash {
            invariants.fail(.chain, seq: block.sealed.firstSeq, "block \(block.header.day) does not link to the chain before it")
        }
        // One pass over the block's buffer; each entry is decoded and folded where it stands
        // (an entry is a few hundred bytes: wrapping it in a Result copied it per entry).
        let sealed = block.sealed
        sealed.bytes.bytes.withUnsafeBytes { raw in
            for (index, encoded) in sealed.entries.enumerated() {
                let bytes = UnsafeRawBufferPointer(rebasing: raw[Int(encoded.start)..<Int(encoded.start + encoded.count)])
                do throws(EntryDecoding.DecodingError) {
                    apply(try EntryDecoding.decode(bytes, state: &state))
                } catch {
                    invariants.fail(.chain, seq: sealed.firstSeq + Int64(index), "payload: \(error)")
                }
            }
        }
        headHash = block.entryHashes.last ?? headHash
        headBlockHash = block.hash
        if let hasher {
            let root = state.sealedRoot(scratch: &stateBytes, hasher: hasher)
            if root != block.header.stateRoot {
                invariants.fail(.chain, seq: block.header.lastSeq,
                                "state root of block \(block.header.day): the ledger gives \(root.hex), the block says \(block.header.stateRoot.hex)")
            }
        }
    }

    /// Folds one decoded entry in (its ids are this checker's).
    public func apply(_ entry: Entry) {
        checkOrdering(entry)
        if entry.kind != .status { flushStatusChecks() }
        let slashExpected = entry.payload.slashParts != nil ? expectedSlash(entry) : nil
        applyTransfers(entry)
        if let slashExpected { checkSlash(entry, expected: slashExpected) }
        totals.entries += 1
        entriesByKind[kindOrdinals[entry.kind] ?? 0] += 1
        network.entries += 1
        switch entry.kind {
        case .genesis: break
        case .dayClose: if market != nil && entry.day >= 1 { checkReputations(entry) }
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
        case .marketQuote, .reputation, .priceSet, .auctionOpen, .auctionClose, .jobAssign, .jobSubmit, .jobFail,
             .jobCancel, .auctionComplete, .auctionFail:
            marketEntry(entry)
        case .opRejected:
            network.rejections += 1
            if case .rejected(let why)? = entry.reason {
                totals.rejectionsByReason[why.rawValue, default: 0] += 1
            } else {
                totals.rejectionsByReason["", default: 0] += 1
            }
        }
        if entry.kind != .status { scheduleStatusCheck(entry) }
    }

    /// The registered provider an entry names.
    func provider(_ entry: Entry) -> Int? {
        entry.providerIndex >= 0 && Int(entry.providerIndex) < providers.count ? Int(entry.providerIndex) : nil
    }

    // MARK: Transfers (I1, I2, I3)

    private func applyTransfers(_ entry: Entry) {
        // `state` goes inout: three distinct stored properties in one call, none copied (a copy
        // of the state would retain and release every array it holds, per entry).
        let first = totals.entries == 0
        checks.transfers(entry, before: &state, supply: rules.supplyTotal, isFirstEntry: first, into: &invariants)
        state.apply(entry)
    }

    // MARK: Ordering (I12)

    private func checkOrdering(_ entry: Entry) {
        checks.ordering(entry, currentDay: currentDay, into: &invariants)
        if entry.day > currentDay { startDay(entry.day) }
    }

    // MARK: Status consistency (I7)

    private func scheduleStatusCheck(_ entry: Entry) {
        // A handful of providers at most (a param entry: all of them): a reused array, not a set.
        pendingStatusCheck.removeAll(keepingCapacity: true)
        func add(_ p: Int) { if !pendingStatusCheck.contains(p) { pendingStatusCheck.append(p) } }
        for transfer in entry.transfers {
            let debit = state.owner(of: transfer.debit), credit = state.owner(of: transfer.credit)
            if debit >= 0 { add(Int(debit)) }
            if credit >= 0 { add(Int(credit)) }
        }
        switch entry.kind {
        case .param:
            pendingStatusCheck.removeAll(keepingCapacity: true)
            for p in providers.indices where !providers[p].isTerminal { pendingStatusCheck.append(p) }
        case .register, .exit, .benchmarkFail:
            if let p = provider(entry) { add(p) }
        default:
            break
        }
        pendingStatusCheck.sort()
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
