/// What the ledger alone says about the world after each entry: balances, provider
/// statuses and flags, C_base, C_total and catalog CUs (OUTPUTS.md §4.2 "State root").
///
/// Dense: balances live in one array indexed by `AccountID`, providers in registration
/// order, model CUs by `ModelID`. The writer folds each entry once and the engine decides
/// from the same state; the checker keeps its own instance, folded from the entries it
/// decodes. Either way the state root is a function of the stored ledger and its genesis
/// meta only, never of engine internals.
public struct LedgerState: Sendable {
    /// A provider's ledger-visible state.
    public struct ProviderState: Equatable, Sendable {
        public var id: String
        public var status: ProviderStatus = .none
        /// nil stands for −∞ (never suspended).
        public var suspendedUntil: Int64?
        public var pendingAmountAtto: Int128?
        public var pendingDue: Int64 = 0
        /// Consecutive failed benchmarks (RULES.md §9).
        public var benchmarkStrikes: Int64 = 0
        /// A passing benchmark assigned today, which resets the strikes when the day closes.
        var passAssigned = false
    }

    /// The state before entry 0.
    public struct Genesis: Equatable, Sendable {
        public var cBaseAtto: Int128
        public var cTotalAtto: Int128
        /// Catalog models in `ModelID` order: name and deci-CU.
        public var models: [(name: String, cuDeci: Int64)]
        /// Whether UBI tasks are benchmarks (`ubi.failure_mode = benchmark_ladder`).
        public var benchmarkLadder: Bool
        /// A market run (`swan-scenario/2`): market kinds and `swansim-state/2`.
        public var market: Bool
        /// The encoding of the ledger's entries: `v3` for every ledger written now; an older
        /// ledger's decoders read its own version.
        public var format: EntryFormat = .v3

        public init(cBaseAtto: Int128, cTotalAtto: Int128, models: [(name: String, cuDeci: Int64)], benchmarkLadder: Bool,
                    market: Bool = false) {
            self.market = market
            self.cBaseAtto = cBaseAtto
            self.cTotalAtto = cTotalAtto
            self.models = models
            self.benchmarkLadder = benchmarkLadder
        }

        /// The genesis state of a resolved scenario; model ids are catalog positions.
        public init(scenario: Scenario) {
            self.init(parameters: scenario.parameters, catalog: scenario.catalog, market: scenario.isMarketRun)
        }

        /// The genesis state of parameters and a catalog; model ids are catalog positions.
        public init(parameters: Parameters, catalog: Catalog, market: Bool = false) {
            self.init(cBaseAtto: parameters.decimal("collateral.c_base"),
                      cTotalAtto: parameters.decimal("collateral.c_total"),
                      models: catalog.models.map { ($0.name, $0.cuDeci) },
                      benchmarkLadder: parameters.name("ubi.failure_mode") == "benchmark_ladder", market: market)
        }

        public static func == (lhs: Genesis, rhs: Genesis) -> Bool {
            lhs.cBaseAtto == rhs.cBaseAtto && lhs.cTotalAtto == rhs.cTotalAtto && lhs.benchmarkLadder == rhs.benchmarkLadder
                && lhs.market == rhs.market && lhs.format == rhs.format
                && lhs.models.map(\.name) == rhs.models.map(\.name) && lhs.models.map(\.cuDeci) == rhs.models.map(\.cuDeci)
        }
    }

    /// Account names and their ids; decoders and the engine add accounts through it.
    public var accounts = AccountTable()
    public private(set) var balances: [Int128] = []
    /// Accounts whose balance changed since the last `seal` (OUTPUTS.md §2 `account_day`).
    private var touched: [Bool] = []
    private var touchedList: [AccountID] = []
    /// Providers in registration-index order.
    public private(set) var providers: [ProviderState] = []
    private var providerIndexByID: [String: Int32] = [:]
    /// The registered provider each account belongs to, −1 for none (filled as accounts appear).
    private var ownerByAccount: [Int32] = []
    /// Each registered provider's wallet, free and escrow accounts, three per provider in
    /// registration order (decoders resolve an entry's own-provider accounts through it).
    private var providerAccountIDs: [AccountID] = []
    public private(set) var cBaseAtto: Int128
    public private(set) var cTotalAtto: Int128
    /// Deci-CU by model id.
    public private(set) var cuDeci: [Int64]
    /// Model names by model id (the boundary form).
    public let modelNames: [String]
    private let modelNameBytes: [[UInt8]]
    private let modelByteOrder: [Int]
    private let modelIDByName: [String: ModelID]
    private let benchmarkLadder: Bool
    /// A market run's ledger (RULES-MARKET M0): market kinds, and the state is version 2.
    public let market: Bool
    /// The encoding its entries are decoded from.
    public let format: EntryFormat
    /// What a market run's ledger adds to the state root (OUTPUTS-MARKET §4); nil in version 1.
    public private(set) var marketState: MarketLedgerState?

    public init(genesis: Genesis) {
        market = genesis.market
        format = genesis.format
        marketState = genesis.market ? MarketLedgerState() : nil
        cBaseAtto = genesis.cBaseAtto
        cTotalAtto = genesis.cTotalAtto
        cuDeci = genesis.models.map(\.cuDeci)
        modelNames = genesis.models.map(\.name)
        modelNameBytes = modelNames.map { Array($0.utf8) }
        let nameBytes = modelNameBytes
        modelByteOrder = nameBytes.indices.sorted { nameBytes[$0].lexicographicallyPrecedes(nameBytes[$1]) }
        modelIDByName = Dictionary(modelNames.enumerated().map { ($0.element, ModelID($0.offset)) }, uniquingKeysWith: { a, _ in a })
        benchmarkLadder = genesis.benchmarkLadder
        growAccounts()
    }

    // MARK: Reading

    /// The balance of an account (0 if never touched).
    @inline(__always)
    public func balance(_ account: AccountID) -> Int128 {
        account.index < balances.count ? balances[account.index] : 0
    }

    /// The registration index of the provider called `id`.
    public func providerIndex(named id: String) -> Int32? { providerIndexByID[id] }

    /// The registered provider `account` belongs to, if any.
    @inline(__always)
    public func owner(of account: AccountID) -> Int32 {
        account.index < ownerByAccount.count ? ownerByAccount[account.index] : -1
    }

    /// A registered provider's account by its `swansim-entry/3` code (8 wallet, 9 free, 10 escrow).
    @inline(__always)
    public func providerAccount(_ provider: Int32, code: UInt8) -> AccountID {
        providerAccountIDs[Int(provider) * 3 + Int(code) - 8]
    }

    /// The id of a model name in this state's catalog.
    public func modelID(named name: String) -> ModelID? { modelIDByName[name] }

    /// The UTF-8 bytes of a model's name.
    public func modelNameBytes(_ model: ModelID) -> [UInt8] { modelNameBytes[Int(model)] }

    // MARK: Folding

    /// Folds one entry into the state. Transfers are applied in order; the flags follow the
    /// kinds of RULES.md §12 that carry them. `entry.providerIndex` names the provider.
    public mutating func apply(_ entry: Entry) {
        if accounts.count > balances.count { growAccounts() }
        for transfer in entry.transfers {
            balances[transfer.debit.index] -= transfer.amountAtto
            balances[transfer.credit.index] += transfer.amountAtto
            markTouched(transfer.debit)
            markTouched(transfer.credit)
        }
        let p = Int(entry.providerIndex)
        if marketState != nil { marketState?.apply(entry) }
        switch entry.payload {
        case .register:
            if let id = entry.provider, providerIndexByID[id] == nil {
                providerIndexByID[id] = Int32(providers.count)
                providers.append(ProviderState(id: id))
                // Its accounts may exist already (the engine names them before registering); a
                // decoder's state makes them here, with a zero balance that no root records.
                for name in [AccountName.providerWallet(id), .providerFree(id), .providerEscrow(id)] {
                    let account = accounts.intern(name)
                    providerAccountIDs.append(account)
                    if account.index < ownerByAccount.count { ownerByAccount[account.index] = Int32(providers.count - 1) }
                }
                if accounts.count > balances.count { growAccounts() }
            }
        case .status(let change) where providers.indices.contains(p):
            providers[p].status = change.to
            if change.to.isTerminal { providers[p].passAssigned = false }
        case .withdrawRequest(let due) where providers.indices.contains(p):
            providers[p].pendingAmountAtto = entry.amountAtto
            providers[p].pendingDue = due
        case .exit where providers.indices.contains(p):
            providers[p].passAssigned = false
        case .benchmarkFail(let strike, _, let until) where providers.indices.contains(p):
            providers[p].benchmarkStrikes = strike
            if let until { providers[p].suspendedUntil = until }
        case .ubiAssign(_, let failing) where providers.indices.contains(p):
            if benchmarkLadder && failing == 0 { providers[p].passAssigned = true }
        case .param(_, let new, _):
            switch entry.reason {
            case .cBase?: cBaseAtto = new
            case .cTotal?: cTotalAtto = new
            case .cu(let model)? where cuDeci.indices.contains(Int(model)): cuDeci[Int(model)] = Int64(truncatingIfNeeded: new)
            default: break
            }
        case .dayClose:
            for index in providers.indices where providers[index].passAssigned {
                providers[index].benchmarkStrikes = 0
                providers[index].passAssigned = false
            }
        default:
            if (entry.kind == .withdrawConfirm || entry.kind == .withdrawCancel) && providers.indices.contains(p) {
                providers[p].pendingAmountAtto = nil
                providers[p].pendingDue = 0
            }
        }
    }

    @inline(__always)
    private mutating func markTouched(_ account: AccountID) {
        if !touched[account.index] {
            touched[account.index] = true
            touchedList.append(account)
        }
    }

    /// Makes room for accounts added to the table since the last fold.
    private mutating func growAccounts() {
        let count = accounts.count
        balances.append(contentsOf: repeatElement(0, count: count - balances.count))
        touched.append(contentsOf: repeatElement(false, count: count - touched.count))
        for index in ownerByAccount.count..<count {
            ownerByAccount.append(accounts.names[index].provider.flatMap { providerIndexByID[$0] } ?? -1)
        }
    }

    // MARK: Sealing

    /// The canonical state bytes (docs/LEDGER-ENCODING.md "State root") and the day's
    /// `account_day` rows: accounts (never genesis) non-zero now or changed since the last
    /// seal, in name-byte order. Clears the changed set.
    public mutating func seal(state out: inout ByteWriter, snapshot: inout AccountSnapshot) {
        if accounts.count > balances.count { growAccounts() }
        if market { out.staticString("swansim-state/2") } else { out.staticString("swansim-state/1") }
        out.i128(cBaseAtto)
        out.i128(cTotalAtto)
        let countAt = out.count
        out.u32(0)
        var nonZero: UInt32 = 0
        accounts.orderNewAccounts()
        for account in accounts.byteOrder where account != .genesis {
            let balance = balances[account.index]
            if balance != 0 {
                nonZero += 1
                accounts.withNameBytes(account) { out.string(bytes: $0) }
                out.i128(balance)
            }
            if balance != 0 || touched[account.index] {
                accounts.withNameBytes(account) { snapshot.append(name: $0, balanceAtto: balance) }
            }
        }
        out.patchU32(nonZero, at: countAt)
        out.u32(UInt32(providers.count))
        for provider in providers {
            out.string(provider.id)
            out.string(provider.status.rawValue)
            out.optional(provider.suspendedUntil) { $0.i64($1) }
            if let amount = provider.pendingAmountAtto {
                out.u8(1)
                out.i128(amount)
                out.i64(provider.pendingDue)
            } else {
                out.u8(0)
            }
            out.u64(UInt64(provider.benchmarkStrikes))
        }
        out.u32(UInt32(modelByteOrder.count))
        for model in modelByteOrder {
            modelNameBytes[model].withUnsafeBytes { out.string(bytes: $0) }
            out.i64(cuDeci[model])
        }
        marketState?.seal(into: &out)
        for account in touchedList { touched[account.index] = false }
        touchedList.removeAll(keepingCapacity: true)
    }

    /// Checks the dense structures against what they cache (swift-collections' habit): the
    /// account table, the touched flags against the touched list, each account's owner and each
    /// provider's index. Debug builds run it after every block; it is never compiled into a
    /// release build's hot path (callers wrap it in `assert`).
    public func checkInvariants() -> Bool {
        accounts.checkInvariants()
        precondition(balances.count == touched.count && balances.count <= accounts.count)
        precondition(touchedList.count == touched.filter { $0 }.count && touchedList.allSatisfy { touched[$0.index] },
                     "touched flags disagree with the touched list")
        precondition(ownerByAccount.count <= accounts.count)
        for (index, owner) in ownerByAccount.enumerated() {
            let expected = accounts.names[index].provider.flatMap { providerIndexByID[$0] } ?? -1
            // An account made before its provider registered keeps −1 until `register` sets it.
            precondition(owner == expected || owner == -1, "owner of \(accounts.names[index].text) disagrees")
        }
        precondition(providerAccountIDs.count == providers.count * 3 && providers.indices.allSatisfy { p in
            [AccountName.providerWallet(providers[p].id), .providerFree(providers[p].id), .providerEscrow(providers[p].id)]
                .enumerated().allSatisfy { accounts.id($1) == providerAccountIDs[p * 3 + $0] }
        }, "provider account ids disagree with the table")
        precondition(providerIndexByID.count == providers.count
                     && providers.indices.allSatisfy { providerIndexByID[providers[$0].id] == Int32($0) },
                     "provider index map disagrees with the providers")
        return true
    }

    /// state_root of the state now: seals into `scratch` (cleared first) and hashes the bytes.
    /// The checker and `verify` use it to compare a block's root with their own state's.
    public mutating func sealedRoot(scratch: inout ByteWriter, hasher: SHA256Hashing) -> Digest32 {
        scratch.clear()
        var snapshot = AccountSnapshot()
        seal(state: &scratch, snapshot: &snapshot)
        return hasher.digest(scratch)
    }

    /// The canonical state bytes alone (tests and tools; a run uses `seal`).
    public mutating func encoded() -> [UInt8] {
        var out = ByteWriter()
        var snapshot = AccountSnapshot()
        var copy = self
        copy.seal(state: &out, snapshot: &snapshot)
        accounts = copy.accounts
        return out.bytes
    }
}

/// A day's `account_day` rows: names in one byte buffer, each with its balance.
public struct AccountSnapshot: Sendable {
    public private(set) var names = ByteWriter(capacity: 0)
    public private(set) var rows: [(name: TextSpan, balanceAtto: Int128)] = []

    public init() {}

    /// Empties the snapshot, keeping its storage for the next day.
    public mutating func clear() {
        names.clear()
        rows.removeAll(keepingCapacity: true)
    }

    mutating func append(name: UnsafeRawBufferPointer, balanceAtto: Int128) {
        let start = names.count
        names.append(name)
        rows.append((TextSpan(start: Int32(start), count: Int32(name.count)), balanceAtto))
    }
}
