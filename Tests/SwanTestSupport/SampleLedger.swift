import SwanCore

/// A small ledger made by hand, entry by entry, for tests that need one without an engine.
///
/// It follows the first two blocks of SCENARIO-FORMAT.md §6.1 (genesis, two providers, a
/// lock, a failed-UBI slash, a UBI payment) closely enough to exercise every encoding form:
/// optional fields present and absent, transfers, integer, text, null and list payloads.
public enum SampleLedger {
    public static let swan: Int128 = 1_000_000_000_000_000_000
    public static let supply: Int128 = 1_000_000_000 * swan

    /// The genesis state matching `meta`.
    public static var genesis: LedgerState.Genesis {
        LedgerState.Genesis(
            cBaseAtto: 3533 * swan, cTotalAtto: 10_000_000 * swan,
            cuByModel: Dictionary(uniqueKeysWithValues: Catalog.swanCUv1.models.map { ($0.name, $0.cuDeci) }),
            benchmarkLadder: false)
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

    private static func t(_ debit: AccountName, _ credit: AccountName, _ amount: Int128) -> Transfer {
        Transfer(debit: debit, credit: credit, amountAtto: amount)
    }

    /// Block 0 (7 entries) and block 1 (9 entries).
    public static var entries: [Entry] {
        let alice = "alice"
        var out: [Entry] = [
            Entry(day: 0, time: 0, kind: .genesis, origin: .genesis, amountAtto: supply,
                  transfers: [t(.genesis, .reserve, supply)]),
            Entry(day: 0, time: 0, kind: .grant, origin: .genesis, amountAtto: 100_000_000 * swan,
                  transfers: [t(.reserve, .ubiPool, 100_000_000 * swan)]),
            Entry(day: 0, time: 0, kind: .register, origin: .genesis, provider: alice, payload: [
                PayloadField("kind", .text("ecp")),
                PayloadField("cards", .list([.list([.text("RTX 4090"), .integer(2)])])),
                PayloadField("ubi_failure_rate", .integer(0)), PayloadField("task_failure_rate", .integer(0)),
            ]),
            Entry(day: 0, time: 0, kind: .grant, origin: .genesis, provider: alice, amountAtto: 30_000 * swan,
                  transfers: [t(.reserve, .providerWallet(alice), 30_000 * swan)]),
            Entry(day: 0, time: 0, kind: .deposit, origin: .genesis, provider: alice, amountAtto: 21_000 * swan,
                  transfers: [t(.providerWallet(alice), .providerFree(alice), 21_000 * swan)]),
            Entry(day: 0, time: 0, kind: .status, origin: .engine, provider: alice, reason: "register", payload: [
                PayloadField("from", .text("none")), PayloadField("to", .text("active")),
                PayloadField("free", .integer(21_000 * swan)), PayloadField("escrow", .integer(0)),
                PayloadField("required", .integer(204_914 * swan / 10)), PayloadField("cause_seq", .integer(2)),
            ]),
            Entry(day: 0, time: 0, kind: .dayClose, origin: .genesis, payload: [PayloadField("day", .integer(0))]),
        ]
        out += [
            Entry(day: 1, time: 0, kind: .ubiAssign, origin: .engine, provider: alice,
                  payload: [PayloadField("n", .integer(48)), PayloadField("failing", .integer(2))]),
            Entry(day: 1, time: 600, kind: .lock, origin: .script, scriptIndex: 1, provider: alice, amountAtto: 100 * swan,
                  transfers: [t(.providerFree(alice), .providerEscrow(alice), 100 * swan)]),
            Entry(day: 1, time: 1799, kind: .ubiFail, origin: .engine, provider: alice, amountAtto: 512_285 * swan / 100_000,
                  transfers: [t(.providerEscrow(alice), .slashedFunds, 512_285 * swan / 100_000)], payload: [
                    PayloadField("j", .integer(0)), PayloadField("fe", .integer(512_285 * swan / 100_000)),
                    PayloadField("fb", .integer(0)), PayloadField("ub", .integer(0)),
                  ]),
            Entry(day: 1, time: 3600, kind: .withdrawRequest, origin: .script, scriptIndex: 2, provider: alice,
                  amountAtto: 50 * swan, payload: [PayloadField("due", .integer(3600 + 604_800))]),
            Entry(day: 1, time: 7200, kind: .opRejected, origin: .script, scriptIndex: 3, provider: "bob",
                  amountAtto: 5 * swan, reason: "unknown_provider", payload: [PayloadField("op", .text("deposit"))]),
            Entry(day: 1, time: 9000, kind: .param, origin: .script, scriptIndex: 4, reason: "cu:RTX 4090",
                  payload: [PayloadField("old", .integer(29)), PayloadField("new", .integer(36)), PayloadField("cu_total", .null)]),
            Entry(day: 1, time: 86_399, kind: .ubiPay, origin: .engine, provider: alice, amountAtto: 15_853_977_789_285_714_285_714,
                  transfers: [t(.ubiPool, .providerWallet(alice), 15_853_977_789_285_714_285_714)], payload: [
                    PayloadField("n", .integer(48)), PayloadField("completed", .integer(46)),
                    PayloadField("w", .integer(58 * swan)), PayloadField("w_total", .integer(58 * swan)),
                  ]),
            Entry(day: 1, time: 86_399, kind: .ubiDay, origin: .engine, amountAtto: 19_966_029 * 1_000_000_000_000_000, payload: [
                PayloadField("x", .integer(1)), PayloadField("y_milli", .integer(19_966_029)),
                PayloadField("t_day", .integer(0)), PayloadField("t_total", .integer(0)),
                PayloadField("w_total", .integer(58 * swan)), PayloadField("eligible", .integer(1)),
                PayloadField("paid_total", .integer(15_853_977_789_285_714_285_714)),
            ]),
            Entry(day: 1, time: 86_399, kind: .dayClose, origin: .engine, payload: [PayloadField("day", .integer(1))]),
        ]
        return out
    }

    /// The blocks of `entries` as the builder seals them.
    public static func blocks(hasher: SHA256Hashing) throws -> [SealedBlock] {
        var builder = LedgerBuilder(genesis: genesis, hasher: hasher)
        return try entries.compactMap { try builder.append($0) }
    }
}
