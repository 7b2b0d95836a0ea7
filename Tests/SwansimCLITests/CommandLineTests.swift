import Foundation
import SwanCore
import SwanCrypto
import SwanStore
import SwanTestSupport
import Testing

@Suite("swansim command line")
struct CommandLineTests {
    @Test("--help of the command and of every subcommand teaches with an example", arguments: [
        [], ["validate"], ["catalog"], ["verify"],
    ])
    func help(_ subcommand: [String]) throws {
        let result = subcommand.isEmpty ? try swansim("--help") : try swansim(subcommand[0], "--help")
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example"), "\(subcommand): \(result.stdout)")
        if subcommand.isEmpty {
            #expect(result.stdout.contains("validate") && result.stdout.contains("catalog") && result.stdout.contains("verify"))
        }
    }

    @Test("run --help states the scenario limits and how memory and time grow, and explains --resume and --force")
    func runHelpStatesLimits() throws {
        let help = try swansim("run", "--help").stdout
        for phrase in ["Limits (RULES.md §1.3", "1,000,000 providers", "36,500 days", "Memory grows", "--resume", "--force"] {
            #expect(help.contains(phrase), "run --help lacks \(phrase)")
        }
    }

    @Test("validate accepts every fixture scenario")
    func validateFixtures() throws {
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Fixtures/scenarios").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(!fixtures.isEmpty)
        for fixture in fixtures {
            let result = try swansim("validate", "Fixtures/scenarios/" + fixture)
            #expect(result.status == 0, "\(fixture): \(result.stderr)")
            #expect(result.stdout.hasPrefix("Fixtures/scenarios/\(fixture): ok"))
        }
    }

    @Test("validate prints one line per error on standard error and exits 2, writing nothing")
    func validateInvalid() throws {
        let directory = try temporaryDirectory("invalid")
        let file = directory + "/bad.json"
        try Data("""
            {"format": "swan-scenario/1", "name": "bad", "days": 0,
             "script": [{"op": "deposit", "day": 1, "provider": "ghost", "amount": "1.5e3"}]}
            """.utf8).write(to: URL(fileURLWithPath: file))
        let result = try swansim("validate", file)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            \(file):$.days: E_RANGE: 0 is outside 1 … 36500
            \(file):$.script[0].provider: E_UNKNOWN_REF: provider "ghost" is not defined
            \(file):$.script[0].amount: E_AMOUNT_SYNTAX: "1.5e3" is not a valid amount: not a decimal number

            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["bad.json"])
        let missing = try swansim("validate", directory + "/absent.json")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("absent.json:$: E_JSON: no such file"))
    }

    @Test("catalog prints per-card requirements and refuses bad options with exit 2")
    func catalog() throws {
        let csv = try swansim("catalog", "--kind", "fcp", "--format", "csv")
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("model,cu,tier,required_per_card_swan\n"))
        #expect(csv.stdout.contains("\nRTX 3080,1,,4239.6\n"))
        #expect(csv.stdout.split(separator: "\n").count == 99)
        let table = try swansim("catalog", "--c-base", "497")
        #expect(table.stdout.contains("H100 SXM") && table.stdout.contains("13916"))
        let bad = try swansim("catalog", "--kind", "gpu")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--kind must be ecp or fcp"))
        let badAmount = try swansim("catalog", "--c-base", "1e3")
        #expect(badAmount.status == 2)
    }

    @Test("verify exits 0 on a sound ledger and 3 at the first mismatch")
    func verify() throws {
        let directory = try temporaryDirectory("verify")
        let run = try swansim("run", "Fixtures/scenarios/tiny-two-providers.json", "--out", directory, "--quiet")
        #expect(run.status == 0, "\(run.stderr)")
        let path = directory + "/ledger.sqlite"
        let good = try swansim("verify", path)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.hasPrefix("ok: 37 entries, 4 blocks, head "))
        #expect(good.stdout.contains("\nI1 conservation ok\n") && good.stdout.contains("\nI13 chain ok\n"))
        try LedgerDatabase.create(atExisting: path).execute("UPDATE entries SET hash = 'f' || substr(hash, 2) WHERE seq = 9")
        let bad = try swansim("verify", path)
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("seq 9: hash mismatch: expected "))
        let missing = try swansim("verify", path + ".absent")
        #expect(missing.status == 2 && missing.stderr.contains(".absent: no such file"), "\(missing.stderr)")
        let notALedger = directory + "/not-a-ledger.sqlite"
        try Data("a plain text file, not a database".utf8).write(to: URL(fileURLWithPath: notALedger))
        let plain = try swansim("verify", notALedger)
        #expect(plain.status == 2 && plain.stderr.contains("not a SQLite database"), "\(plain.stderr)")
        try LedgerDatabase.create(atExisting: path).execute("UPDATE meta SET value = '99' WHERE key = 'encoding_version'")
        let unknown = try swansim("verify", path)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown encoding_version 99; this build reads \(EntryFormat.readable)"))
    }

    @Test("verify reports a broken invariant of a consistently re-hashed ledger with exit 3")
    func verifyInvariant() throws {
        // The sample ledger is hashed correctly but changes a CU without the status entry it
        // implies: the chain holds, I7 does not.
        let path = try temporaryDirectory("invariant") + "/ledger.sqlite"
        let database = try LedgerDatabase.create(at: path, meta: SampleLedger.meta)
        for block in try SampleLedger.blocks(hasher: try OpenSSLSHA256()) { try database.append(block) }
        let result = try swansim("verify", path)
        #expect(result.status == 3)
        #expect(result.stdout.contains("I13 chain ok"))
        #expect(result.stdout.contains("I7 status_consistency FAILED"), "\(result.stdout)")
    }
}
