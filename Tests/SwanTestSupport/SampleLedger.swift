import SwanCore

/// A small ledger made by hand, entry by entry, for tests that need one without an engine.
///
/// It follows the first two blocks of SCENARIO-FORMAT.md §6.1 (genesis, two providers, a
/// lock, a failed-UBI slash, a UBI payment) closely enough to exercise every encoding form:
/// optional fields present and absent, transfers, integer, text, null and list payloads.
public enum SampleLedger {
    public static let swan: Int128 = 1_000_000_000_000_000_000
    public static let supply: Int128 = 1_000_000_000 * swan

    /// The genesis state matching `meta` (models in catalog order).
    public static var genesis: LedgerState.Genesis {
        LedgerState.Genesis(
            cBaseAtto: 3533 * swan, cTotalAtto: 10_000_000 * swan,
            models: Catalog.swanCUv1.models.map { ($0.name, $0.cuDeci) }, benchmarkLadder: false)
    }

    /// Meta rows as a run of the default preset would write them.
    public static var meta: LedgerMeta {
        let parameters = Parameters(preset: .default)
        return LedgerMeta(pairs: [
            ("format", "swan-ledger/1"), ("rules_version", "swan-rules/1"),
            ("encoding_version", EntryEncoding.version), ("hash_algorithm", "sha256"),
            ("scenario_name", "sample"), ("scenario_sha256", String(repeating: "0", count: 64)),
            ("seed", "7"), ("preset", parameters.preset.rawValue), ("days", "1"),
            ("supply_atto", String(supply)), ("params_json", parameters.canonicalJSON),
            ("catalog_json", Catalog.swanCUv1.canonicalJSON), ("engine", LedgerMeta.engine),
        ])
    }

    private static func t(_ debit: AccountID, _ credit: AccountID, _ amount: Int128) -> TransferList {
        TransferList([Transfer(debit: debit, credit: credit, amountAtto: amount)])
    }

    /// Block 0 (7 entries) and block 1 (9 entries), with account and model ids of `writer`'s state.
    public static func entries(for writer: LedgerWriter) -> [Entry] {
        let alice = "alice"
        let wallet = writer.account(.providerWallet(alice)), free = writer.account(.providerFree(alice))
        let escrow = writer.account(.providerEscrow(alice))
        let rtx4090 = writer.state.modelID(named: "RTX 4090") ?? 0
        return [
            Entry(day: 0, time: 0, kind: .genesis, origin: .genesis, amountAtto: supply, transfers: t(.genesis, .reserve, supply)),
            Entry(day: 0, time: 0, kind: .grant, origin: .genesis, amountAtto: 100_000_000 * swan,
                  transfers: t(.reserve, .ubiPool, 100_000_000 * swan)),
            Entry(day: 0, time: 0, kind: .register, origin: .genesis, provider: alice, providerIndex: 0,
                  payload: .register(RegisterTerms(kind: .ecp, cards: [CardCount(model: rtx4090, count: 2)],
                                                   ubiFailureRateWad: 0, taskFailureRateWad: 0))),
            Entry(day: 0, time: 0, kind: .grant, origin: .genesis, provider: alice, providerIndex: 0, amountAtto: 30_000 * swan,
                  transfers: t(.reserve, wallet, 30_000 * swan)),
            Entry(day: 0, time: 0, kind: .deposit, origin: .genesis, provider: alice, providerIndex: 0, amountAtto: 21_000 * swan,
                  transfers: t(wallet, free, 21_000 * swan)),
            Entry(day: 0, time: 0, kind: .status, origin: .engine, provider: alice, providerIndex: 0, reason: .cause(.register),
                  payload: .status(StatusChange(from: .none, to: .active, freeAtto: 21_000 * swan, escrowAtto: 0,
                                                requiredAtto: 204_914 * swan / 10, causeSeq: 2))),
            Entry(day: 0, time: 0, kind: .dayClose, origin: .genesis, payload: .dayClose(day: 0)),
            Entry(day: 1, time: 0, kind: .ubiAssign, origin: .engine, provider: alice, providerIndex: 0,
                  payload: .ubiAssign(n: 48, failing: 2)),
            Entry(day: 1, time: 600, kind: .lock, origin: .script, scriptIndex: 1, provider: alice, providerIndex: 0,
                  amountAtto: 100 * swan, transfers: t(free, escrow, 100 * swan)),
            Entry(day: 1, time: 1799, kind: .ubiFail, origin: .engine, provider: alice, providerIndex: 0,
                  amountAtto: 512_285 * swan / 100_000, transfers: t(escrow, .slashedFunds, 512_285 * swan / 100_000),
                  payload: .ubiFail(j: 0, SlashParts(fe: 512_285 * swan / 100_000, fb: 0, ub: 0))),
            Entry(day: 1, time: 3600, kind: .withdrawRequest, origin: .script, scriptIndex: 2, provider: alice, providerIndex: 0,
                  amountAtto: 50 * swan, payload: .withdrawRequest(due: 3600 + 604_800)),
            Entry(day: 1, time: 7200, kind: .opRejected, origin: .script, scriptIndex: 3, provider: "bob",
                  amountAtto: 5 * swan, reason: .rejected(.unknownProvider), payload: .opRejected(.deposit)),
            Entry(day: 1, time: 9000, kind: .param, origin: .script, scriptIndex: 4, reason: .cu(rtx4090),
                  payload: .param(old: 29, new: 36, cuTotal: nil)),
            Entry(day: 1, time: 86_399, kind: .ubiPay, origin: .engine, provider: alice, providerIndex: 0,
                  amountAtto: 15_853_977_789_285_714_285_714, transfers: t(.ubiPool, wallet, 15_853_977_789_285_714_285_714),
                  payload: .ubiPay(n: 48, completed: 46, w: 58 * swan, wTotal: 58 * swan)),
            Entry(day: 1, time: 86_399, kind: .ubiDay, origin: .engine, amountAtto: 19_966_029 * 1_000_000_000_000_000,
                  payload: .ubiDay(UBIDayFigures(x: 1, yMilli: 19_966_029, tDay: 0, tTotal: 0, wTotal: 58 * swan, eligible: 1,
                                                 paidTotalAtto: 15_853_977_789_285_714_285_714))),
            Entry(day: 1, time: 86_399, kind: .dayClose, origin: .engine, payload: .dayClose(day: 1)),
        ]
    }

    /// The blocks of the sample ledger, hashed as a run hashes them.
    public static func blocks(hasher: SHA256Hashing) throws -> [HashedBlock] {
        let writer = LedgerWriter(genesis: genesis, keepsEntries: true)
        var chain = BlockChain(hasher: hasher)
        return try entries(for: writer).compactMap { try writer.append($0) }.map { chain.hash($0) }
    }
}
