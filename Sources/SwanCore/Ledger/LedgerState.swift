/// What the ledger alone says about the world after each entry: balances, provider
/// statuses and flags, C_base, C_total and catalog CUs (OUTPUTS.md §4.2 "State root").
///
/// The writer and the verifier both fold entries through `apply`, so the state root is a
/// function of the stored ledger and its genesis meta only, never of engine internals.
public struct LedgerState: Sendable {
    /// A provider's ledger-visible state.
    public struct ProviderState: Equatable, Sendable {
        public var index: Int
        public var status: ProviderStatus = .none
        /// nil stands for −∞ (never suspended).
        public var suspendedUntil: Int64?
        public var pendingWithdrawal: (amountAtto: Int128, due: Int64)?
        /// Consecutive failed benchmarks (RULES.md §9).
        public var benchmarkStrikes: Int64 = 0
        /// A passing benchmark assigned today, which resets the strikes when the day closes.
        var passAssigned = false

        public static func == (lhs: ProviderState, rhs: ProviderState) -> Bool {
            lhs.index == rhs.index && lhs.status == rhs.status && lhs.suspendedUntil == rhs.suspendedUntil
                && lhs.pendingWithdrawal?.amountAtto == rhs.pendingWithdrawal?.amountAtto
                && lhs.pendingWithdrawal?.due == rhs.pendingWithdrawal?.due
                && lhs.benchmarkStrikes == rhs.benchmarkStrikes && lhs.passAssigned == rhs.passAssigned
        }
    }

    /// The state before entry 0.
    public struct Genesis: Equatable, Sendable {
        public var cBaseAtto: Int128
        public var cTotalAtto: Int128
        /// Model name → deci-CU of the genesis catalog.
        public var cuByModel: [String: Int64]
        /// Whether UBI tasks are benchmarks (`ubi.failure_mode = benchmark_ladder`).
        public var benchmarkLadder: Bool

        public init(cBaseAtto: Int128, cTotalAtto: Int128, cuByModel: [String: Int64], benchmarkLadder: Bool) {
            self.cBaseAtto = cBaseAtto
            self.cTotalAtto = cTotalAtto
            self.cuByModel = cuByModel
            self.benchmarkLadder = benchmarkLadder
        }

        /// The genesis state of a resolved scenario.
        public init(scenario: Scenario) {
            let parameters = scenario.parameters
            self.init(cBaseAtto: parameters.decimal("collateral.c_base"),
                      cTotalAtto: parameters.decimal("collateral.c_total"),
                      cuByModel: Dictionary(uniqueKeysWithValues: scenario.catalog.models.map { ($0.name, $0.cuDeci) }),
                      benchmarkLadder: parameters.name("ubi.failure_mode") == "benchmark_ladder")
        }
    }

    public private(set) var balances: [AccountName: Int128] = [:]
    public private(set) var providers: [String: ProviderState] = [:]
    /// Provider ids in provider-index order.
    public private(set) var providerOrder: [String] = []
    public private(set) var cBaseAtto: Int128
    public private(set) var cTotalAtto: Int128
    public private(set) var cuByModel: [String: Int64]
    private let benchmarkLadder: Bool

    public init(genesis: Genesis) {
        cBaseAtto = genesis.cBaseAtto
        cTotalAtto = genesis.cTotalAtto
        cuByModel = genesis.cuByModel
        benchmarkLadder = genesis.benchmarkLadder
    }

    /// The balance of an account (0 if never touched).
    public func balance(_ account: AccountName) -> Int128 { balances[account] ?? 0 }

    /// Folds one entry into the state. Transfers are applied in order; the flags follow
    /// the kinds of RULES.md §12 that carry them.
    public mutating func apply(_ entry: Entry) {
        for transfer in entry.transfers {
            balances[transfer.debit, default: 0] -= transfer.amountAtto
            balances[transfer.credit, default: 0] += transfer.amountAtto
        }
        switch entry.kind {
        case .register:
            if let id = entry.provider, providers[id] == nil {
                providers[id] = ProviderState(index: providerOrder.count)
                providerOrder.append(id)
            }
        case .status:
            if let id = entry.provider, let to = entry.payloadText("to"), let status = ProviderStatus(rawValue: to) {
                providers[id]?.status = status
                if status.isTerminal { providers[id]?.passAssigned = false }
            }
        case .withdrawRequest:
            if let id = entry.provider, let amount = entry.amountAtto, let due = entry.payloadInteger("due") {
                providers[id]?.pendingWithdrawal = (amount, Int64(due))
            }
        case .withdrawConfirm, .withdrawCancel:
            if let id = entry.provider { providers[id]?.pendingWithdrawal = nil }
        case .exit:
            if let id = entry.provider { providers[id]?.passAssigned = false }
        case .benchmarkFail:
            if let id = entry.provider, let strike = entry.payloadInteger("strike") {
                providers[id]?.benchmarkStrikes = Int64(strike)
                if let until = entry.payloadInteger("suspended_until") { providers[id]?.suspendedUntil = Int64(until) }
            }
        case .ubiAssign:
            if benchmarkLadder, let id = entry.provider, entry.payloadInteger("failing") == 0 {
                providers[id]?.passAssigned = true
            }
        case .param:
            applyParam(entry)
        case .dayClose:
            for id in providerOrder where providers[id]?.passAssigned == true {
                providers[id]?.benchmarkStrikes = 0
                providers[id]?.passAssigned = false
            }
        default:
            break
        }
    }

    private mutating func applyParam(_ entry: Entry) {
        guard let reason = entry.reason, let new = entry.payloadInteger("new") else { return }
        if reason == "c_base" {
            cBaseAtto = new
        } else if reason == "c_total" {
            cTotalAtto = new
        } else if reason.hasPrefix("cu:") {
            cuByModel[String(reason.dropFirst(3))] = Int64(new)
        }
    }

    /// The canonical state bytes (docs/LEDGER-ENCODING.md "State root").
    public var encoded: [UInt8] {
        var writer = ByteWriter(capacity: 4096)
        writer.string("swansim-state/1")
        writer.i128(cBaseAtto)
        writer.i128(cTotalAtto)
        let accounts = balances.compactMap { account, balance -> (String, Int128)? in
            account == .genesis || balance == 0 ? nil : (account.text, balance)
        }.sorted { byteOrder($0.0, $1.0) }
        writer.u32(UInt32(accounts.count))
        for (name, balance) in accounts {
            writer.string(name)
            writer.i128(balance)
        }
        writer.u32(UInt32(providerOrder.count))
        for id in providerOrder {
            guard let provider = providers[id] else { continue }
            writer.string(id)
            writer.string(provider.status.rawValue)
            writer.optional(provider.suspendedUntil) { $0.i64($1) }
            writer.optional(provider.pendingWithdrawal) { writer, pending in
                writer.i128(pending.amountAtto)
                writer.i64(pending.due)
            }
            writer.u64(UInt64(provider.benchmarkStrikes))
        }
        let models = cuByModel.keys.sorted(by: byteOrder)
        writer.u32(UInt32(models.count))
        for model in models {
            writer.string(model)
            writer.i64(cuByModel[model] ?? 0)
        }
        return writer.bytes
    }

    /// state_root = SHA-256(encoded state).
    public func root(hasher: SHA256Hashing) -> Digest32 {
        hasher.digest(encoded)
    }
}
