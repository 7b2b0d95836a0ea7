import SwanCore
import SwanTestSupport
import Testing

/// A naive model of the ledger state: balances in a `[String: Int128]`, providers by name,
/// state bytes built by sorting everything every time. The dense `LedgerState` must agree
/// with it byte for byte (swift-collections' `DequeTests` habit: a fast structure checked
/// against a simple one over many seeded cases).
private struct NaiveState {
    var balances: [String: Int128] = [:]
    var touched: Set<String> = []
    var providers: [(id: String, status: String, until: Int64?, pending: (Int128, Int64)?, strikes: Int64, pass: Bool)] = []
    var cBase: Int128
    var cTotal: Int128
    var cu: [String: Int64]
    let ladder: Bool

    mutating func apply(_ entry: Entry, names: AccountTable, models: [String]) {
        for transfer in entry.transfers {
            let debit = names.name(transfer.debit).text, credit = names.name(transfer.credit).text
            balances[debit, default: 0] -= transfer.amountAtto
            balances[credit, default: 0] += transfer.amountAtto
            touched.insert(debit)
            touched.insert(credit)
        }
        let p = providers.firstIndex { $0.id == entry.provider }
        switch entry.payload {
        case .register:
            if p == nil, let id = entry.provider { providers.append((id, "none", nil, nil, 0, false)) }
        case .status(let change):
            if let p {
                providers[p].status = change.to.rawValue
                if change.to.isTerminal { providers[p].pass = false }
            }
        case .withdrawRequest(let due):
            if let p, let amount = entry.amountAtto { providers[p].pending = (amount, due) }
        case .exit:
            if let p { providers[p].pass = false }
        case .benchmarkFail(let strike, _, let until):
            if let p {
                providers[p].strikes = strike
                if let until { providers[p].until = until }
            }
        case .ubiAssign(_, let failing):
            if let p, ladder, failing == 0 { providers[p].pass = true }
        case .param(_, let new, _):
            switch entry.reason {
            case .cBase?: cBase = new
            case .cTotal?: cTotal = new
            case .cu(let model)?: cu[models[Int(model)]] = Int64(new)
            default: break
            }
        case .dayClose:
            for index in providers.indices where providers[index].pass {
                providers[index].strikes = 0
                providers[index].pass = false
            }
        default:
            if entry.kind == .withdrawConfirm || entry.kind == .withdrawCancel, let p { providers[p].pending = nil }
        }
    }

    /// The state bytes of docs/LEDGER-ENCODING.md, computed from scratch; then the day's rows.
    mutating func seal() -> (state: [UInt8], snapshot: [(String, Int128)]) {
        var out = ByteWriter()
        out.string("swansim-state/1")
        out.i128(cBase)
        out.i128(cTotal)
        let names = balances.keys.filter { $0 != "genesis" }.sorted(by: byteOrder)
        let nonZero = names.filter { balances[$0] != 0 }
        out.u32(UInt32(nonZero.count))
        for name in nonZero {
            out.string(name)
            out.i128(balances[name] ?? 0)
        }
        out.u32(UInt32(providers.count))
        for provider in providers {
            out.string(provider.id)
            out.string(provider.status)
            out.optional(provider.until) { $0.i64($1) }
            out.optional(provider.pending) { writer, pending in
                writer.i128(pending.0)
                writer.i64(pending.1)
            }
            out.u64(UInt64(provider.strikes))
        }
        let models = cu.keys.sorted(by: byteOrder)
        out.u32(UInt32(models.count))
        for model in models {
            out.string(model)
            out.i64(cu[model] ?? 0)
        }
        let snapshot = names.filter { balances[$0] != 0 || touched.contains($0) }.map { ($0, balances[$0] ?? 0) }
        touched.removeAll()
        return (out.bytes, snapshot)
    }
}

/// Seeded random entries over a small world: transfers between random accounts (users,
/// providers' accounts, tasks, the system accounts), registrations, statuses, withdrawals,
/// benchmark failures, parameter changes and day closes.
private struct EntryStream {
    var random: SplitMix
    var day: Int64 = 0
    var providers: [String] = []

    mutating func next(in state: inout LedgerState) -> Entry {
        let kindRoll = random.below(100)
        let time = day == 0 ? 0 : (day - 1) * 86_400 + Int64(random.below(86_000))
        if kindRoll < 8 || providers.isEmpty {
            let id = "p\(providers.count)"
            providers.append(id)
            let cards = [CardCount(model: ModelID(random.below(UInt64(state.modelNames.count))), count: Int64(random.below(4) + 1))]
            return Entry(day: day, time: time, kind: .register, origin: .genesis, provider: id, providerIndex: Int32(providers.count - 1),
                         payload: .register(RegisterTerms(kind: .ecp, cards: cards, ubiFailureRateWad: 0, taskFailureRateWad: 0)))
        }
        let p = Int(random.below(UInt64(providers.count)))
        let provider = providers[p]
        switch kindRoll {
        case 8..<14:
            let to = ProviderStatus.allCases[Int(random.below(UInt64(ProviderStatus.allCases.count)))]
            return Entry(day: day, time: time, kind: .status, origin: .engine, provider: provider, providerIndex: Int32(p),
                         reason: .cause(.deposit), payload: .status(StatusChange(from: .none, to: to, freeAtto: 0, escrowAtto: 0,
                                                                                 requiredAtto: 0, causeSeq: nil)))
        case 14..<18:
            return Entry(day: day, time: time, kind: .withdrawRequest, origin: .script, provider: provider, providerIndex: Int32(p),
                         amountAtto: Int128(random.below(1_000)), payload: .withdrawRequest(due: time + 100))
        case 18..<21:
            return Entry(day: day, time: time, kind: random.below(2) == 0 ? .withdrawConfirm : .withdrawCancel, origin: .script,
                         provider: provider, providerIndex: Int32(p))
        case 21..<24:
            return Entry(day: day, time: time, kind: .benchmarkFail, origin: .engine, provider: provider, providerIndex: Int32(p),
                         amountAtto: 0, payload: .benchmarkFail(strike: Int64(random.below(3) + 1), .zero,
                                                                suspendedUntil: random.below(2) == 0 ? nil : time + 50))
        case 24..<27:
            return Entry(day: day, time: time, kind: .ubiAssign, origin: .engine, provider: provider, providerIndex: Int32(p),
                         payload: .ubiAssign(n: 1, failing: Int64(random.below(2))))
        case 27..<29:
            return Entry(day: day, time: time, kind: .exit, origin: .script, provider: provider, providerIndex: Int32(p),
                         payload: .exit(ubiVoided: 0))
        case 29..<32:
            let reason: EntryReason = switch random.below(3) {
            case 0: .cBase
            case 1: .cTotal
            default: .cu(ModelID(random.below(UInt64(state.modelNames.count))))
            }
            return Entry(day: day, time: time, kind: .param, origin: .script, reason: reason,
                         payload: .param(old: 0, new: Int128(random.below(10_000)), cuTotal: nil))
        case 32..<37:
            day += 1
            return Entry(day: day - 1, time: day == 1 ? 0 : (day - 2) * 86_400 + 86_399, kind: .dayClose, origin: .engine,
                         payload: .dayClose(day: day - 1))
        default:
            var transfers = TransferList()
            for _ in 0..<Int(random.below(UInt64(TransferList.capacity)) + 1) {
                transfers.append(Transfer(debit: account(&state), credit: account(&state), amountAtto: Int128(random.below(1 << 40)) - (1 << 39)))
            }
            return Entry(day: day, time: time, kind: .grant, origin: .script, transfers: transfers)
        }
    }

    private mutating func account(_ state: inout LedgerState) -> AccountID {
        let provider = providers[Int(random.below(UInt64(providers.count)))]
        let name: AccountName = switch random.below(9) {
        case 0: .reserve
        case 1: .ubiPool
        case 2: .slashDebt
        case 3: .genesis
        case 4: .user("u\(random.below(5))")
        case 5: .task("t\(random.below(20))")
        case 6: .providerWallet(provider)
        case 7: .providerFree(provider)
        default: .providerEscrow(provider)
        }
        return state.accounts.intern(name)
    }
}


@Suite("Dense ledger state against a naive name-keyed model")
struct DenseStateModelTests {
    @Test("state bytes, account_day rows and the encoding round trip agree over 60 seeded streams of 400 entries",
          arguments: 0..<60)
    func agreesWithNaiveFold(_ seed: UInt64) {
        let genesis = LedgerState.Genesis(cBaseAtto: 7, cTotalAtto: 11, models: [("RTX 4090", 29), ("A100", 80), ("H200", 320)],
                                          benchmarkLadder: seed % 2 == 0)
        var dense = LedgerState(genesis: genesis)
        var decoded = LedgerState(genesis: genesis)
        var naive = NaiveState(cBase: 7, cTotal: 11, cu: ["RTX 4090": 29, "A100": 80, "H200": 320], ladder: seed % 2 == 0)
        var stream = EntryStream(random: SplitMix(state: seed))
        for step in 0..<400 {
            let entry = stream.next(in: &dense)
            dense.apply(entry)
            naive.apply(entry, names: dense.accounts, models: dense.modelNames)
            let bytes = EntryEncoding.encode(entry, names: dense)
            do {
                let back = try EntryDecoding.decode(bytes, state: &decoded)
                decoded.apply(back)
                #expect(EntryEncoding.encode(back, names: decoded) == bytes, "seed \(seed) step \(step): re-encoding differs")
            } catch {
                Issue.record("seed \(seed) step \(step): \(error)")
                return
            }
            if entry.kind == .dayClose || step == 399 {
                var stateBytes = ByteWriter()
                var snapshot = AccountSnapshot()
                dense.seal(state: &stateBytes, snapshot: &snapshot)
                var decodedBytes = ByteWriter()
                var decodedSnapshot = AccountSnapshot()
                decoded.seal(state: &decodedBytes, snapshot: &decodedSnapshot)
                let expected = naive.seal()
                #expect(stateBytes.bytes == expected.state, "seed \(seed) step \(step): state bytes differ from the naive fold")
                #expect(decodedBytes.bytes == expected.state, "seed \(seed) step \(step): the decoder's state differs")
                let rows = snapshot.rows.map { row in
                    (String(decoding: snapshot.names.bytes[Int(row.name.start)..<Int(row.name.start + row.name.count)], as: UTF8.self),
                     row.balanceAtto)
                }
                #expect(rows.map(\.0) == expected.snapshot.map(\.0), "seed \(seed) step \(step): account_day accounts differ")
                #expect(rows.map(\.1) == expected.snapshot.map(\.1), "seed \(seed) step \(step): account_day balances differ")
            }
        }
    }
}
