import Foundation
import SwanStore

/// `swansim bench`: the throughput and memory figures of docs/PERFORMANCE.md.
///
/// Wall-clock time is read here only; nothing measured reaches a run's outputs.
public enum Benchmark {
    /// One measured figure against its target.
    public struct Figure: Sendable {
        public var name: String
        public var value: Double
        public var unit: String
        public var target: Double
        /// True when larger is better (throughput); false for memory.
        public var higherIsBetter: Bool

        public var met: Bool { higherIsBetter ? value >= target : value <= target }
    }

    /// The figures and the counts they were computed from.
    public struct Report: Sendable {
        public var figures: [Figure]
        public var entries: Int64
        public var providerDays: Int64
        public var rowsWritten: Int
    }

    /// Runs `scenarioFile` persisted (b, d), verifies it (c), then runs it without a ledger (a).
    public static func run(scenarioFile: String, directory: String) throws -> Report {
        let clock = ContinuousClock()
        var full: RunOutcome?
        let persisted = try clock.measure {
            full = try RunPipeline.run(scenarioFile: scenarioFile, outputDirectory: directory + "/full")
        }
        let peakKilobytes = peakResidentKilobytes()
        guard let full else { throw StoreError("the persisted run did not complete") }
        let database = try LedgerDatabase.open(at: directory + "/full/ledger.sqlite")
        let rows = try LedgerDatabase.schemaTables.reduce(0) { $0 + (try database.count($1)) }
        var checked: LedgerCheck.Outcome?
        let verification = try clock.measure { checked = try LedgerCheck.verify(path: directory + "/full/ledger.sqlite") }
        guard checked?.ok == true else { throw StoreError("the benchmark ledger does not verify") }
        var none: RunOutcome?
        let ledgerless = try clock.measure {
            none = try RunPipeline.run(scenarioFile: scenarioFile, outputDirectory: directory + "/none", writeLedger: false)
        }
        guard let none, none.headHash == full.headHash else { throw StoreError("--ledger none changed the head hash") }
        let providerDays = Int64(full.providerDayRows)
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        return Report(figures: [
            Figure(name: "(a) --ledger none: provider-days/s", value: Double(providerDays) / seconds(ledgerless), unit: "provider-days/s",
                   target: 1_000_000, higherIsBetter: true),
            Figure(name: "(a) --ledger none: entries/s", value: Double(none.entries) / seconds(ledgerless), unit: "entries/s",
                   target: 0, higherIsBetter: true),
            Figure(name: "(b) persisted run: rows written/s", value: Double(rows) / seconds(persisted), unit: "rows/s",
                   target: 250_000, higherIsBetter: true),
            Figure(name: "(c) verify: entries/s", value: Double(full.entries) / seconds(verification), unit: "entries/s",
                   target: 1_000_000, higherIsBetter: true),
            Figure(name: "(d) peak resident memory of (b)", value: Double(peakKilobytes) / 1024, unit: "MB",
                   target: 300, higherIsBetter: false),
        ], entries: full.entries, providerDays: providerDays, rowsWritten: rows)
    }

    /// ru_maxrss of this process, in kilobytes (Linux).
    static func peakResidentKilobytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }
}
