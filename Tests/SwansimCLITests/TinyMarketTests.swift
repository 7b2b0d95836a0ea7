import Foundation
import GRDB
import SwanTestSupport
import Testing

/// The normative two-day example of SCENARIO-FORMAT-MARKET.md §6, through the release CLI.
@Suite("swan-scenario/2: the two-day tiny-market example, field by field")
struct TinyMarketTests {
    private static func run(_ name: String, _ extra: [String] = []) throws -> (directory: String, summary: [String: Any]) {
        let directory = try temporaryDirectory(name) + "/run"
        let result = try runProcess(try releaseBinary(), ["run", "Fixtures/scenarios/tiny-market.json", "--out", directory, "--quiet"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/summary.json"))
        return (directory, try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:])
    }

    @Test("the ledger walk-through: 57 entries, each seq of the table with its kind, provider and task")
    func walkThrough() throws {
        let (directory, _) = try Self.run("tiny-market-walk")
        let queue = try DatabaseQueue(path: directory + "/ledger.sqlite")
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, time, kind, provider, task, amount_atto FROM entries WHERE seq >= 16 ORDER BY seq")
        }
        let expected: [(Int64, Int64, String, String?, String?)] = [
            (16, 0, "ubi_assign", "a", nil), (17, 0, "ubi_assign", "b", nil), (18, 0, "ubi_assign", "c", nil),
            (19, 0, "market_quote", nil, nil), (20, 600, "task_post", nil, "t1"), (21, 600, "auction_open", nil, "t1"),
            (22, 1200, "auction_close", nil, "t1"), (23, 1200, "job_assign", "c", "t1"), (24, 1200, "job_assign", "b", "t1"),
            (25, 4800, "job_submit", "c", "t1"), (26, 4800, "job_fail", "b", "t1"), (27, 4800, "auction_complete", "c", "t1"),
            (28, 86399, "ubi_fail", "c", nil), (29, 86399, "ubi_pay", "a", nil), (30, 86399, "ubi_pay", "b", nil),
            (31, 86399, "ubi_pay", "c", nil), (32, 86399, "ubi_day", nil, nil), (33, 86399, "reputation", "a", nil),
            (34, 86399, "reputation", "b", nil), (35, 86399, "reputation", "c", nil), (36, 86399, "day_close", nil, nil),
            (37, 86400, "ubi_assign", "a", nil), (38, 86400, "ubi_assign", "b", nil), (39, 86400, "ubi_assign", "c", nil),
            (40, 86400, "market_quote", nil, nil), (41, 87000, "task_post", nil, "t2"), (42, 87000, "auction_open", nil, "t2"),
            (43, 87600, "auction_close", nil, "t2"), (44, 87600, "job_assign", "a", "t2"), (45, 87600, "job_assign", "c", "t2"),
            (46, 94800, "job_submit", "a", "t2"), (47, 94800, "job_submit", "c", "t2"), (48, 94800, "auction_complete", "c", "t2"),
            (49, 172799, "ubi_pay", "a", nil), (50, 172799, "ubi_pay", "b", nil), (51, 172799, "ubi_pay", "c", nil),
            (52, 172799, "ubi_day", nil, nil), (53, 172799, "reputation", "a", nil), (54, 172799, "reputation", "b", nil),
            (55, 172799, "reputation", "c", nil), (56, 172799, "day_close", nil, nil),
        ]
        #expect(rows.count == expected.count)
        for (row, want) in zip(rows, expected) {
            let seq: Int64 = row["seq"], time: Int64 = row["time"], kind: String = row["kind"]
            let provider: String? = row["provider"], task: String? = row["task"]
            #expect(seq == want.0 && time == want.1 && kind == want.2 && provider == want.3 && task == want.4, "seq \(seq): \(row)")
        }
        // The quotes (1.5 a GPU-hour), the failed job's slash (S = L = 10) and the payouts of the walk-through.
        let amounts = Dictionary(uniqueKeysWithValues: rows.map { ($0["seq"] as Int64, $0["amount_atto"] as String?) })
        #expect(amounts[19] == "1500000000000000000" && amounts[40] == "1500000000000000000")
        #expect(amounts[26] == "10000000000000000000")
        let payouts = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, debit, credit, amount_atto FROM transfers WHERE seq IN (27, 48) ORDER BY seq, idx")
        }
        let shown = payouts.map { "\($0["seq"] as Int64) \($0["credit"] as String) \($0["amount_atto"] as String)" }
        #expect(shown == ["27 treasury 1000000000000000000", "27 cp/c/wallet 19000000000000000000",
                          "48 treasury 150000000000000000", "48 cp/c/wallet 1425000000000000000",
                          "48 cp/a/wallet 1425000000000000000"])
    }

    @Test("expect.checked is 68 and every expectation holds; the summary's market objects are OUTPUTS-MARKET §3's")
    func summary() throws {
        let (_, summary) = try Self.run("tiny-market-summary")
        let expect = summary["expect"] as? [String: Any]
        #expect(expect?["ok"] as? Bool == true && expect?["checked"] as? Int == 68, "\(String(describing: expect))")
        #expect(summary["format"] as? String == "swan-summary/2" && summary["rules_version"] as? String == "swan-rules/2")
        let providers = summary["providers"] as? [[String: Any]] ?? []
        let a = providers.first?["market"] as? [String: Any] ?? [:]
        let aJSON = String(decoding: try JSONSerialization.data(withJSONObject: a, options: [.sortedKeys]), as: UTF8.self)
        #expect(aJSON == #"{"asking_price":"1","auction_income":"1.425","components":{"join":"100","refund":"100","system":"100","uptime":"100","user":"100"},"jobs_assigned":1,"jobs_cancelled":0,"jobs_failed":0,"jobs_led":0,"jobs_submitted":1,"refunds":0,"reputation":"100","system_jobs_failed":0,"system_jobs_ok":28,"user_jobs_failed":0,"user_jobs_ok":1}"#)
        let market = summary["market"] as? [String: Any] ?? [:]
        let marketJSON = String(decoding: try JSONSerialization.data(withJSONObject: market, options: [.sortedKeys]), as: UTF8.self)
        #expect(marketJSON == #"{"auctions":{"cancelled":0,"completed":2,"failed":0,"no_bids":0,"open":0,"posted":2,"rounds":2},"jobs":{"assigned":4,"cancelled":0,"failed":1,"running":0,"submitted":3},"quotes":{"days":2,"demand_factor_max":"1","demand_factor_min":"1","last":{"c":"0","day":2,"demand_factor":"1","h":"0","occupancy":"0","price":"1.5","priced":2,"wam":"1.5"},"price_max":"1.5","price_min":"1.5"},"reputation":{"max":"100","mean":"95","min":"85","scored":3},"totals":{"auction_fees":"1.15","auction_payouts":"21.85","auction_refunds":"0","job_slashed":"10"}}"#)
        // `market` comes after `economics` and before `expect`; providers' after their economics.
        let keys = Array(String(decoding: try Data(contentsOf: URL(fileURLWithPath: try Self.run("tiny-market-order").directory + "/summary.json")), as: UTF8.self)
            .components(separatedBy: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] })
        #expect(keys.suffix(3) == ["economics", "market", "expect"], "\(keys)")
    }

    @Test("the report of a market run has the market section: quote, auction outcomes, reputation; a v1 report has none")
    func report() throws {
        let (directory, _) = try Self.run("tiny-market-report")
        let made = try runProcess(try releaseBinary(), ["report", directory])
        #expect(made.status == 0, "\(made.stderr)")
        let page = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        for id in ["id=\"market\"", "id=\"market-quote\"", "id=\"auction-outcomes\"", "id=\"reputation\"", "Invariants I1–I19"] {
            #expect(page.contains(id), "\(id)")
        }
        // The reputation histogram counts the three scored providers at days 1 and 2 (92.5, 85, 93; 100, 85, 100).
        #expect(page.contains("day 1") && page.contains("day 2"))
        let v1 = try temporaryDirectory("tiny-v1-report") + "/run"
        #expect(try runProcess(try releaseBinary(), ["run", "Fixtures/scenarios/tiny-two-providers.json", "--out", v1, "--quiet"]).status == 0)
        #expect(try runProcess(try releaseBinary(), ["report", v1]).status == 0)
        let plain = try String(contentsOfFile: v1 + "/report.html", encoding: .utf8)
        #expect(!plain.contains("id=\"market\"") && !plain.contains("auction-outcomes"))
    }

    @Test("verify, tools/verify_ledger.py and --ledger none agree with the run")
    func verifiesAndRunsLedgerless() throws {
        let (directory, summary) = try Self.run("tiny-market-verify")
        let verify = try runProcess(try releaseBinary(), ["verify", directory + "/ledger.sqlite"])
        #expect(verify.status == 0 && verify.stdout.contains("I19 auction_states ok"), "\(verify.stdout)\(verify.stderr)")
        let python = try runProcess("/usr/bin/env", ["python3", "tools/verify_ledger.py", directory + "/ledger.sqlite"])
        #expect(python.status == 0 && python.stdout.contains("57 passed, 0 failed"), "\(python.stdout)\(python.stderr)")
        let (ledgerless, other) = try Self.run("tiny-market-none", ["--ledger", "none"])
        #expect(!FileManager.default.fileExists(atPath: ledgerless + "/ledger.sqlite"))
        #expect((other["market"] as? NSDictionary) == (summary["market"] as? NSDictionary))
        #expect((other["ledger"] as? NSDictionary)?["head_hash"] as? String == (summary["ledger"] as? NSDictionary)?["head_hash"] as? String)
    }
}
