import Foundation
import GRDB
import SwanTestSupport
import Testing

/// The base ledgers: small fixtures that between them have tasks, breaches, slashes,
/// withdrawals and script entries, so every mutation class finds rows to edit.
private let baseScenarios = ["paid-tasks", "exit-with-running-task", "tiny-two-providers", "slash-into-debt", "withdraw-slashed-during-delay"]

/// One applied mutation and what each verifier said of it.
private struct Trial: Sendable {
    var className: String
    var domain: String
    var detail: String
    var place: String
    var file: String
    var swift = CommandResult(status: -1, stdout: "", stderr: "")
    var python: CommandResult?
}

@Suite("Tamper matrix: single edits of every table and column class (issue 9)")
struct TamperMatrixTests {
    @Test("swansim verify catches every one of ≥ 1,000 seeded mutations and names its place; verify_ledger.py catches every chain mutation")
    func matrix() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["SWANSIM_TEST_SEED"] ?? "") ?? 20_261_203
        print("tamper matrix: seed \(seed) (set SWANSIM_TEST_SEED to replay)")
        var random = SplitMix(state: seed)
        let binary = try releaseBinary()
        let scratch = try temporaryDirectory("tamper")
        var bases: [String] = []
        for name in baseScenarios {
            let directory = scratch + "/base-\(name)"
            let run = try runProcess(binary, ["run", "Fixtures/scenarios/\(name).json", "--out", directory, "--quiet"])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let path = directory + "/ledger.sqlite"
            let clean = try runProcess(binary, ["verify", path])
            let python = try runProcess("/usr/bin/env", ["python3", "tools/verify_ledger.py", path])
            #expect(clean.status == 0 && python.status == 0, "\(name) verifies before any edit: \(clean.stderr) \(python.stdout)")
            bases.append(path)
        }
        let perClass = 18
        var trials: [Trial] = []
        for mutation in LedgerMutations.all {
            var made = 0, attempts = 0
            while made < perClass {
                attempts += 1
                try #require(attempts < perClass * 20, "\(mutation.name) finds no row to edit")
                let base = bases[Int(random.below(UInt64(bases.count)))]
                let file = scratch + "/m\(trials.count).sqlite"
                try? FileManager.default.removeItem(atPath: file)
                try FileManager.default.copyItem(atPath: base, toPath: file)
                let queue = try DatabaseQueue(path: file)
                // An edit SQLite refuses (a key that collides, a NULL where none may be) is drawn again.
                let applied = try? queue.write { db in try mutation.apply(&random, db) }
                try queue.close()
                guard let applied else { continue }
                trials.append(Trial(className: mutation.name, domain: mutation.domain.rawValue, detail: applied.detail,
                                    place: applied.place, file: file))
                made += 1
            }
        }
        #expect(trials.count >= 1_000)
        let verified = concurrentMap(trials) { trial -> Trial in
            var trial = trial
            trial.swift = (try? runProcess(binary, ["verify", trial.file])) ?? CommandResult(status: -1, stdout: "", stderr: "did not start")
            trial.python = trial.domain == MutationDomain.chain.rawValue
                ? (try? runProcess("/usr/bin/env", ["python3", "tools/verify_ledger.py", trial.file])) : nil
            // A caught mutation's file goes; one that was missed stays for a look.
            if trial.swift.status == 3, trial.python.map({ $0.status == 1 }) ?? true { try? FileManager.default.removeItem(atPath: trial.file) }
            return trial
        }
        var counts: [String: (total: Int, swift: Int, python: Int)] = [:]
        var order: [String] = []
        for trial in verified {
            if counts[trial.className] == nil { order.append(trial.className) }
            let caught = trial.swift.status == 3 && trial.swift.stderr.contains(trial.place)
            #expect(caught, "\(trial.className) (\(trial.detail)): swansim verify exit \(trial.swift.status), expected exit 3 naming '\(trial.place)': \(trial.swift.stderr)\(trial.swift.stdout.suffix(300))")
            var pythonCaught = false
            if let python = trial.python {
                pythonCaught = python.status == 1 && python.stdout.contains("FAIL") && !python.stderr.contains("Traceback")
                #expect(pythonCaught, "\(trial.className) (\(trial.detail)): verify_ledger.py exit \(python.status): \(python.stdout.suffix(300)) \(python.stderr.suffix(300))")
            }
            counts[trial.className, default: (0, 0, 0)].total += 1
            counts[trial.className]!.swift += caught ? 1 : 0
            counts[trial.className]!.python += pythonCaught ? 1 : 0
        }
        print("tamper matrix: \(trials.count) mutations in \(order.count) classes (class: applied, caught by swansim verify, caught by verify_ledger.py)")
        for name in order {
            let count = counts[name]!
            let domain = LedgerMutations.all.first { $0.name == name }!.domain
            print("  \(name): \(count.total), swansim \(count.swift), python " + (domain == .chain ? "\(count.python)" : "- (outside its domain: \(domain.rawValue))"))
        }
    }
}
