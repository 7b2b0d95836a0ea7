import SwanChecker
import SwanCore
import SwanScenario
import SwanTables
import SwanTestSupport
import Testing

/// Replays entries through the independent checker, sealing a block at each `day_close`.
func check(_ scenario: Scenario, _ entries: [LoggedEntry]) -> RunReport {
    let replay = LedgerReplay(context: ReplayContext(parameters: scenario.parameters, catalog: scenario.catalog,
                                                     days: scenario.days))
    for entry in entries {
        let bytes = LoggedEncoding.encode(entry)
        var failure: EntryDecoding.DecodingError?
        bytes.withUnsafeBytes { raw in
            do throws(EntryDecoding.DecodingError) { try replay.apply(encoded: raw) } catch { failure = error }
        }
        if let failure { replay.chainFailed(seq: entry.seq, "\(failure)") }
        if entry.kind == .dayClose { _ = replay.sealed(day: entry.day, blockHash: String(repeating: "0", count: 64)) }
    }
    return replay.finish()
}

/// One tampering of an engine-made ledger and the invariant that must catch it.
struct CheckerMutation: CustomTestStringConvertible, Sendable {
    var invariant: Invariant
    var fixture: String
    var mutate: @Sendable (inout [LoggedEntry]) -> Void
    var testDescription: String { "\(invariant.id) \(invariant.rawValue) on \(fixture)" }
}

private func index(_ entries: [LoggedEntry], _ predicate: (LoggedEntry) -> Bool) -> Int {
    entries.firstIndex(where: predicate) ?? 0
}

@Suite("Independent checker catches each broken invariant")
struct CheckerMutationTests {
    @Test("an unaltered ledger passes every invariant", arguments: ["tiny-two-providers.json", "paid-tasks.json",
                                                                     "exit-with-running-task.json", "collateral-operations.json"])
    func clean(_ fixture: String) throws {
        let (scenario, entries) = try runFixture(fixture)
        #expect(check(scenario, entries).invariants.ok)
    }

    @Test("settled tasks leave the checker with their day: the final report holds only the open ones")
    func settledTasksLeave() throws {
        let (scenario, entries) = try runFixture("paid-tasks.json")
        let report = check(scenario, entries)
        #expect(report.tasks.allSatisfy { $0.state == "posted" || $0.state == "running" })
        #expect(report.totals.tasksPosted > Int64(report.tasks.count))
        #expect(report.invariants.ok)
    }

    static let mutations: [CheckerMutation] = [
        CheckerMutation(invariant: .conservation, fixture: "tiny-two-providers.json") { entries in
            let i = index(entries) { $0.kind == .grant }
            entries[i].transfers.append(LoggedTransfer(debit: .genesis, credit: .reserve, amountAtto: 1))
        },
        CheckerMutation(invariant: .sign, fixture: "tiny-two-providers.json") { entries in
            let i = index(entries) { $0.kind == .ubiPay }
            entries[i].transfers[0].amountAtto = 200_000_000 * Decimal18.scale
        },
        CheckerMutation(invariant: .freeFloor, fixture: "tiny-two-providers.json") { entries in
            let i = index(entries) { $0.kind == .lock }
            entries[i].transfers.append(LoggedTransfer(debit: .providerFree("bob"), credit: .providerWallet("bob"),
                                                 amountAtto: 1_000_000 * Decimal18.scale))
        },
        CheckerMutation(invariant: .slashSplit, fixture: "tiny-two-providers.json") { entries in
            let i = index(entries) { $0.kind == .slash }
            entries[i].transfers.swapAt(1, 2)
        },
        CheckerMutation(invariant: .debtMirror, fixture: "tiny-two-providers.json") { entries in
            let i = index(entries) { $0.kind == .slash }
            entries[i].payload[2].value = .integer(699 * Decimal18.scale)
        },
        CheckerMutation(invariant: .eligibility, fixture: "tiny-two-providers.json") { entries in
            let i = entries.lastIndex { $0.kind == .ubiPay } ?? 0
            entries[i].provider = "alice"
            entries[i].transfers[0].credit = .providerWallet("alice")
        },
        CheckerMutation(invariant: .statusConsistency, fixture: "tiny-two-providers.json") { entries in
            let i = index(entries) { $0.kind == .status && $0.payloadText("to") == "nsc" }
            entries[i].payload[1].value = .text("suspended")
        },
        CheckerMutation(invariant: .terminal, fixture: "exit-with-running-task.json") { entries in
            let i = index(entries) { $0.kind == .opRejected && $0.payloadText("op") == "lock" }
            entries[i] = LoggedEntry(seq: entries[i].seq, day: entries[i].day, time: entries[i].time, kind: .lock, origin: .script,
                               scriptIndex: entries[i].scriptIndex, provider: "xo", amountAtto: 10 * Decimal18.scale,
                               transfers: [LoggedTransfer(debit: .providerFree("xo"), credit: .providerEscrow("xo"), amountAtto: 10 * Decimal18.scale)])
        },
        CheckerMutation(invariant: .ubiCap, fixture: "tiny-two-providers.json") { entries in
            let i = index(entries) { $0.kind == .ubiDay }
            entries[i].payload[1].value = .integer(19_966_030)
        },
        CheckerMutation(invariant: .withdrawDelay, fixture: "collateral-operations.json") { entries in
            let i = index(entries) { $0.kind == .withdrawRequest }
            entries[i].payload[0].value = .integer(4501)
        },
        CheckerMutation(invariant: .feeSplit, fixture: "paid-tasks.json") { entries in
            let i = index(entries) { $0.kind == .taskComplete && $0.task == "t-a" }
            entries[i].transfers[0].amountAtto += 1
            entries[i].transfers[1].amountAtto -= 1
        },
        CheckerMutation(invariant: .ordering, fixture: "tiny-two-providers.json") { entries in
            let i = index(entries) { $0.kind == .ubiFail }  // at 1799, after the lock at 600
            entries[i].time = 500
        },
    ]

    @Test("each mutation breaks its invariant", arguments: mutations)
    func caught(_ mutation: CheckerMutation) throws {
        let (scenario, original) = try runFixture(mutation.fixture)
        var entries = original
        mutation.mutate(&entries)
        #expect(entries != original, "the mutation changed nothing")
        let result = check(scenario, entries).invariants[mutation.invariant]
        #expect(!result.ok, "\(mutation.invariant.id) not detected")
    }
}
