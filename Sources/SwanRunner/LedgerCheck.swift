import Foundation
import GRDB
import SwanChecker
import SwanConcurrency
import SwanCore
import SwanCrypto
import SwanScenario
import SwanStore
import SwanTables

/// `swansim verify`: the file's integrity, the meta against its stored scenario, the chain
/// re-verification (I13), the checker's replay (I1–I12), every derived table against the
/// checker's own rows, the output files beside the ledger against their rendering from it
/// (WORKFLOW.md §9.3), and the head against a pinned one (§9.2).
public enum LedgerCheck {
    /// What verification found.
    public struct Outcome: Sendable {
        public var report: VerificationReport
        public var invariants: InvariantResults
        /// False for a ledger without `meta.scenario_source`: its meta (parameters, seed …) could
        /// not be checked against a scenario, nor `providers.population`, nor summary.json.
        public var scenarioChecked: Bool
        /// `meta.scenario_sha256`: with the head, what pins a run (the head does not cover the scenario file).
        public var scenarioSHA256: String
        /// The first derived row that differs from the checker's (the chain itself verified).
        public var tableDifference: VerificationFailure?
        /// The head block hash the ledger must end at, when one was given.
        public var pinnedHead: Digest32?
        /// The files beside the ledger that were compared (summary.json, days.csv, provider_days.csv).
        public var outputsCompared: [String]
        /// The first difference between those files and their rendering from the ledger.
        public var outputDifference: VerificationFailure?

        /// True when a head was pinned and the ledger ends elsewhere.
        public var headMismatch: Bool { pinnedHead.map { $0 != report.headBlockHash } ?? false }

        /// True when nothing failed: chain, tables, output files, the pinned head and every invariant.
        public var ok: Bool { tableDifference == nil && outputDifference == nil && !headMismatch && invariants.ok }
    }

    /// Why verification could not complete or did not pass.
    public enum Failure: Error, Sendable {
        /// The chain, the meta or a derived table does not recompute (exit 3).
        case mismatch(VerificationFailure)
        /// The file is damaged: SQLite finds its pages malformed, or a required meta key is gone (exit 3).
        case damaged(String)
        /// No such file, not a regular file, not a SQLite database, or not a swansim ledger (exit 2).
        case notALedger(String)
        /// An unknown encoding version (exit 2).
        case unsupported(String)
        /// Another I/O failure (exit 4).
        case unreadable(String)
    }

    /// Verifies the ledger at `path` and the output files in its directory.
    /// - Parameters:
    ///   - head: the head block hash the ledger must end at (`verify --head`).
    ///   - scenarioFile: the scenario file the ledger must have been made from (`verify
    ///     --scenario`): it must hash to `meta.scenario_sha256`, and stands in for a missing
    ///     `meta.scenario_source`.
    public static func verify(path: String, head: Digest32? = nil, scenarioFile: String? = nil) throws(Failure) -> Outcome {
        do throws(FileRefusal) { try RegularFile.requireDatabase(path) } catch { throw .notALedger(error.path == path ? error.problem : error.description) }
        // PRAGMA quick_check on its own connection and thread, beside everything else: pages no
        // query below reads (an index's, a free page's) are checked too.
        let integrity = IntegrityCheck(path: path)
        var given: (name: String, bytes: [UInt8])?
        if let scenarioFile {
            do throws(FileRefusal) { given = (scenarioFile, try ScenarioFile.bytes(scenarioFile)) } catch {
                throw .notALedger(error.description)
            }
        }
        do throws(Failure) {
            var outcome = try check(path: path, scenario: given)
            if let problem = integrity.problem() { throw Failure.damaged(problem) }
            outcome.pinnedHead = head
            return outcome
        } catch {
            // Damage explains every other failure it causes: it is reported first.
            if let problem = integrity.problem() { throw .damaged(problem) }
            throw error
        }
    }

    /// What verification starts from: the ledger open, its meta checked against its scenario.
    private struct Opened {
        var database: LedgerDatabase
        var meta: LedgerMeta
        var market: Bool
        var hasher: OpenSSLSHA256
        var scenario: Scenario?
        var context: ReplayContext
    }

    /// Opens the ledger and checks its meta first: once the meta matches its scenario, the
    /// replay reads parameters that are the scenario's.
    private static func open(path: String, scenario given: (name: String, bytes: [UInt8])?) throws(Failure) -> Opened {
        let database: LedgerDatabase
        let meta: LedgerMeta
        do {
            database = try LedgerDatabase.open(at: path)
            meta = try database.meta()
        } catch {
            throw classify(error)
        }
        let market = meta.isMarketRun
        if let version = meta["encoding_version"], meta.format == nil {
            throw .unsupported(VerifyError.unsupportedEncoding(found: version, supported: EntryFormat.readable).description)
        }
        let hasher: OpenSSLSHA256
        let scenario: Scenario?
        do { hasher = try OpenSSLSHA256() } catch { throw .unreadable("\(error)") }
        do throws(VerificationFailure) { scenario = try MetaCheck.scenario(of: meta, hasher: hasher, given: given) } catch {
            throw .mismatch(error)
        }
        return Opened(database: database, meta: meta, market: market, hasher: hasher, scenario: scenario,
                      context: try replayContext(meta, market: market))
    }

    private static func check(path: String, scenario given: (name: String, bytes: [UInt8])?) throws(Failure) -> Outcome {
        let opened = try open(path: path, scenario: given)
        let (database, meta, scenario, context) = (opened.database, opened.meta, opened.scenario, opened.context)
        let outputs: OutputFilesCheck
        do throws(FileRefusal) { outputs = try OutputFilesCheck(directory: OutputPath.parentDirectory(path), market: opened.market) } catch {
            throw .notALedger(error.description)
        }
        let replay = LedgerReplay(context: context)
        var expectation = scenario.map { ExpectationTracker($0.expect) }
        do {
            let derived = try DerivedTablesCheck(ledgerAt: path)
            let report = try database.verify(hasher: opened.hasher, checker: replay, derived: derived) { day in
                outputs.sealed(day)
                expectation?.sealed(day: day.network.day) { replay.snapshot() }
            }
            // A ledger cut after a whole block still chains: its length is what meta.days fixes.
            guard report.blocks == context.days + 1 else {
                throw VerifyError.mismatch(derived.failure(before: report.blocks) ?? VerificationFailure(
                    .block(day: report.blocks), "block", expected: "blocks 0 … \(context.days) (meta days = \(context.days))",
                    found: "the ledger ends after block \(report.blocks - 1)"))
            }
            // Without the scenario, a generated provider's population prefix cannot be derived:
            // that one column is taken as stored (and the note says so).
            let populations = try scenario?.populationsByProvider ?? database.storedPopulations()
            let final = replay.finish(populations: populations)
            // A table that differs is reported beside the invariants, not instead of them.
            var difference: VerificationFailure?
            do throws(VerifyError) { try derived.finish(run: final.tables) } catch {
                guard case .mismatch(let failure) = error else { throw error }
                difference = failure
            }
            let summary = scenario.map { scenario in
                SummaryDocument(scenario: scenario, scenarioSHA256: meta["scenario_sha256"] ?? "", entries: report.entries,
                                blocks: report.blocks, headHash: report.headHash.hex, headBlockHash: report.headBlockHash.hex,
                                report: final, expectation: expectation?.finished(report: final, snapshot: replay.snapshot(),
                                                                                  headHash: report.headHash.hex) ?? ExpectationReport())
                    .json
            }
            let outputDifference = outputs.finish(summary: summary)
            return Outcome(report: report, invariants: final.invariants, scenarioChecked: scenario != nil,
                           scenarioSHA256: meta["scenario_sha256"] ?? "",
                           tableDifference: difference, pinnedHead: nil,
                           outputsCompared: outputs.compared,
                           outputDifference: outputDifference)
        } catch let error as VerifyError {
            switch error {
            case .mismatch(let failure): throw .mismatch(failure)
            case .unsupportedEncoding: throw .unsupported(error.description)
            case .store(let failure): throw classify(failure)
            case .unreadable(let message): throw .damaged(message)
            }
        } catch {
            throw classify(error)
        }
    }

    /// The checker's context, from the meta's parameters and catalog.
    private static func replayContext(_ meta: LedgerMeta, market: Bool) throws(Failure) -> ReplayContext {
        do {
            guard let preset = meta["preset"].flatMap(Preset.init), let days = meta["days"].flatMap({ Int64($0) }),
                  let params = meta["params_json"], let catalog = meta["catalog_json"] else {
                throw Failure.damaged("meta lacks preset, days, params_json or catalog_json")
            }
            let resolved = try MetaReader.parameters(json: params, preset: preset, market: market)
            return ReplayContext(parameters: resolved.parameters, catalog: try MetaReader.catalog(json: catalog), days: days,
                                 market: resolved.market, seed: meta["seed"].flatMap { UInt64($0) } ?? 0,
                                 format: meta.format ?? .v3)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .damaged("meta: \(error)")
        }
    }

    /// What a SQLite error says about the file: malformed pages are damage (3), a file that is
    /// no database or lacks the ledger's tables is not a ledger (2), anything else is I/O (4).
    static func classify(_ error: any Error) -> Failure {
        guard let database = (error as? StoreError)?.databaseError else { return .unreadable("\(error)") }
        let message = database.message ?? ""
        switch database.resultCode.primaryResultCode {
        case .SQLITE_CORRUPT: return .damaged("\(error)")
        case .SQLITE_NOTADB: return .notALedger("not a SQLite database (\(message))")
        case .SQLITE_ERROR where message.hasPrefix("no such table: meta") || message.hasPrefix("no such table: entries"):
            return .notALedger("not a swansim ledger (\(message))")
        case .SQLITE_ERROR where message.hasPrefix("no such table") || message.hasPrefix("no such column"):
            // A ledger whose meta and entries are there but a table or column is gone was cut down.
            return .damaged("the ledger lacks part of its schema (\(message))")
        case .SQLITE_IOERR where database.extendedResultCode == .SQLITE_IOERR_SHORT_READ: return .damaged("\(error)")
        default: return .unreadable("\(error)")
        }
    }
}

/// `PRAGMA quick_check` of a ledger file, run on a thread of its own from `init`.
private final class IntegrityCheck: Sendable {
    private let result = Locked<String?>(nil)
    private let thread: WorkerThread

    init(path: String) {
        let result = result
        thread = WorkerThread {
            do {
                let answer = try LedgerDatabase.open(at: path).integrityCheck(quick: true)
                result.withLock { $0 = answer == "ok" ? nil : "damaged: \(answer)" }
            } catch {
                // A malformed schema stops the check itself; a file that is no database at all
                // is reported by the other checks (exit 2).
                if case .damaged(let message) = LedgerCheck.classify(error) { result.withLock { $0 = message } }
            }
        }
    }

    /// SQLite's first problems, or nil when the file is sound (waits for the check).
    func problem() -> String? {
        thread.join()
        return result.value
    }
}
