import Foundation
import GRDB
import SwanTestSupport
import Testing

/// A fresh paid-tasks ledger (4 blocks, 8 tasks) to edit.
private func paidTasksLedger(_ name: String) throws -> String {
    let directory = try temporaryDirectory(name) + "/run"
    let run = try runProcess(try releaseBinary(), ["run", "Fixtures/scenarios/paid-tasks.json", "--out", directory, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    return directory + "/ledger.sqlite"
}

private func edit(_ path: String, _ sql: String...) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in for statement in sql { try db.execute(sql: statement) } }
    try queue.close()
}

@Suite("swansim verify: meta, chain and derived tables, the earliest place first")
struct VerifyTests {
    @Test("a clean ledger passes every check, and says the derived tables were compared")
    func clean() throws {
        let path = try paidTasksLedger("verify-clean")
        let result = try runProcess(try releaseBinary(), ["verify", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok: meta resolves from its stored scenario"))
        #expect(result.stdout.contains("ok: derived tables match the ledger"))
        #expect(result.stdout.contains("ok: summary.json, days.csv, provider_days.csv match the ledger byte for byte"))
    }

    @Test("a derived row of an earlier day is reported before a chain edit of a later block, and the other way round")
    func earliestPlace() throws {
        let earlyTable = try paidTasksLedger("verify-early-table")
        try edit(earlyTable, "UPDATE provider_day SET busy_gpu_s = busy_gpu_s + 1 WHERE day = 1 AND provider_index = 0",
                 "UPDATE blocks SET merkle_root = '00' || substr(merkle_root, 3) WHERE day = 3")
        let first = try runProcess(try releaseBinary(), ["verify", earlyTable])
        #expect(first.status == 3 && first.stderr.contains("provider_day (day 1,") && first.stderr.contains("busy_gpu_s"), "\(first.stderr)")

        let earlyChain = try paidTasksLedger("verify-early-chain")
        try edit(earlyChain, "UPDATE provider_day SET busy_gpu_s = busy_gpu_s + 1 WHERE day = 3 AND provider_index = 0",
                 "UPDATE blocks SET merkle_root = '00' || substr(merkle_root, 3) WHERE day = 1")
        let second = try runProcess(try releaseBinary(), ["verify", earlyChain])
        #expect(second.status == 3 && second.stderr.contains("block 1: merkle_root mismatch"), "\(second.stderr)")
    }

    @Test("the same tampered file gives the same message every time (the second thread changes nothing)")
    func deterministicMessage() throws {
        let path = try paidTasksLedger("verify-repeat")
        try edit(path, "UPDATE account_day SET balance_atto = '1' WHERE day = 1 AND rowid = (SELECT max(rowid) FROM account_day WHERE day = 1)",
                 "UPDATE tasks SET state = 'x' WHERE task_index = (SELECT max(task_index) FROM tasks)")
        let messages = try (0..<5).map { _ in try runProcess(try releaseBinary(), ["verify", path]).stderr }
        #expect(Set(messages).count == 1 && messages[0].contains("account_day (day 1,"), "\(messages)")
    }

    @Test("a ledger without meta.scenario_source still has its chain and derived tables verified; only the meta and population go unchecked")
    func olderLedger() throws {
        let beside = try paidTasksLedger("verify-older")
        try edit(beside, "DELETE FROM meta WHERE key = 'scenario_source'", "UPDATE providers SET population = 'x'")
        // Beside its summary.json, which it can no longer render, the ledger fails unless --scenario gives the file.
        let unchecked = try runProcess(try releaseBinary(), ["verify", beside])
        #expect(unchecked.status == 3 && unchecked.stderr.contains("summary.json") && unchecked.stderr.contains("--scenario"),
                "\(unchecked.stderr)")
        let given = try runProcess(try releaseBinary(), ["verify", beside, "--scenario", "Fixtures/scenarios/paid-tasks.json"])
        #expect(given.status == 3 && given.stderr.contains("providers ("), "with the scenario the population is derived again: \(given.stderr)")
        let path = try temporaryDirectory("verify-older-alone") + "/ledger.sqlite"
        try FileManager.default.copyItem(atPath: beside, toPath: path)
        let result = try runProcess(try releaseBinary(), ["verify", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok: derived tables match the ledger")
                && result.stdout.contains("note: no meta.scenario_source"), "\(result.stdout)")
        try edit(path, "UPDATE account_day SET balance_atto = '1' WHERE rowid = 3")
        let tampered = try runProcess(try releaseBinary(), ["verify", path])
        #expect(tampered.status == 3 && tampered.stderr.contains("account_day ("), "deleting scenario_source hides nothing else: \(tampered.stderr)")
    }

    @Test("a daily row under a day of another type (1.5, '2') is a row for a day the ledger has no block of")
    func oddlyTypedDay() throws {
        for sql in ["INSERT INTO account_day VALUES (1.5, 'bogus', '999')",
                    "INSERT INTO provider_day SELECT 2.5, provider, provider_index, kind, status, cards, wcu, required_atto, wallet_atto, free_atto, escrow_atto, debt_atto, pending_withdraw_atto, ubi_assigned, ubi_failed, ubi_voided, ubi_paid_atto, slashed_atto, slashed_unbacked_atto, tasks_assigned, tasks_completed, tasks_failed, task_income_atto, task_fees_atto, busy_gpu_s, provisioned_gpu_s, ineligible_s, breach_s, revenue_uusd, power_uusd, slashed_uusd, net_uusd FROM provider_day WHERE day = 2",
                    "INSERT INTO account_day VALUES ('x2', 'bogus', '999')"] {
            let path = try paidTasksLedger("verify-odd-day")
            try edit(path, sql)
            let result = try runProcess(try releaseBinary(), ["verify", path])
            #expect(result.status == 3 && result.stderr.contains("a row for a day the ledger has no block of"), "\(sql): \(result.stderr)")
        }
    }

    @Test("a directory is not a ledger (2); a ledger missing a derived table is damaged (3)")
    func foreignInputs() throws {
        let directory = try temporaryDirectory("verify-directory")
        let asDirectory = try runProcess(try releaseBinary(), ["verify", directory])
        #expect(asDirectory.status == 2 && asDirectory.stderr.contains("a directory"), "\(asDirectory.stderr)")
        let path = try paidTasksLedger("verify-dropped")
        try edit(path, "DROP TABLE breaches")
        let dropped = try runProcess(try releaseBinary(), ["verify", path])
        #expect(dropped.status == 3 && dropped.stderr.contains("lacks part of its schema"), "\(dropped.stderr)")
    }

    @Test("--help lists the four kinds of check")
    func help() throws {
        let help = try runProcess(try releaseBinary(), ["verify", "--help"])
        for word in ["meta", "chain", "checker", "tables", "account_day"] { #expect(help.stdout.contains(word), "\(word)") }
    }
}
