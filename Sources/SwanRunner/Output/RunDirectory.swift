import Foundation
import GRDB
import SwanChecker
import SwanCore
import SwanCrypto
import SwanStore
import SwanTables

/// The directory `swansim run` writes into, checked and locked before anything is written
/// (WORKFLOW.md §6 and §9.1): nothing a user wrote is ever lost to a mistyped `--out`.
///
/// A run writes into DIR only when DIR is absent, empty, or holds a finished run of the same
/// scenario file (its summary.json names the same `scenario.sha256`); anything else needs
/// `--force`, and even then a run replaces only its own four files. `--resume` continues only a
/// directory that holds nothing but an unfinished swansim run of the same scenario bytes. The
/// directory's lock is held from the check to the end of the run, so a second process is refused.
final class RunDirectory {
    /// The run's own files (OUTPUTS.md §1) and the side files SQLite gives its ledger.
    static let ownNames = RunPipeline.fileNames + ["ledger.sqlite-wal", "ledger.sqlite-shm", "ledger.sqlite-journal"]

    let path: String
    /// `--resume`: the hash of every block the interrupted run committed, by day; nil to start afresh.
    let storedBlocks: [Int64: String]?
    private let lock: OutputLock

    private init(path: String, storedBlocks: [Int64: String]?, lock: OutputLock) {
        (self.path, self.storedBlocks, self.lock) = (path, storedBlocks, lock)
    }

    /// Releases the directory's lock (the run has written everything it writes).
    func close() { lock.release() }

    /// What the run is about to write, to check DIR against.
    struct Plan {
        var scenarioSHA256: String
        var scenarioBytes: [UInt8]
        var market: Bool
        var writeLedger: Bool
        var force: Bool
        var resume: Bool
    }

    /// Checks `directory` for `plan`, makes it when absent and takes its lock.
    /// - Throws: `.invalid` (exit 2) naming what DIR holds, when it may not be written;
    ///   `.prefixMismatch` (exit 3) when `--resume` finds a stored prefix that does not verify.
    static func open(_ directory: String, for plan: Plan) throws(RunFailure) -> RunDirectory {
        let lock: OutputLock
        var created = false
        do throws(FileRefusal) {
            try OutputPath.checkDirectoryTarget(directory)
            created = try OutputPath.makeDirectory(directory)
            lock = try OutputLock.acquire(directory)
        } catch {
            throw .invalid(["swansim run: \(error)"])
        }
        do {
            let stored = try storedBlocks(in: directory, for: plan)
            return RunDirectory(path: directory, storedBlocks: stored, lock: lock)
        } catch {
            lock.release()
            if created { rmdir(directory) }
            throw error
        }
    }

    /// Decides how the run uses DIR: nil to start afresh, or the blocks to resume after.
    private static func storedBlocks(in directory: String, for plan: Plan) throws(RunFailure) -> [Int64: String]? {
        let names = OutputPath.names(in: directory).filter { !OutputPath.isOwnHiddenFile($0, ownNames: ["summary.json"]) }
        let finished = names.isEmpty ? nil : finishedScenario(directory + "/summary.json")
        if finished != nil && finished == plan.scenarioSHA256 { return nil }
        if plan.resume && plan.writeLedger && finished == nil { return try resumable(directory, names: names, plan: plan) }
        if names.isEmpty || plan.force { return nil }
        if let finished {
            throw .invalid(["swansim run: \(directory) holds a finished run of another scenario file "
                + "(summary.json scenario.sha256 \(finished), this file's \(plan.scenarioSHA256)); "
                + "choose another --out, or --force to replace it"])
        }
        throw .invalid(["swansim run: \(directory) is not empty and holds no finished run (\(OutputPath.listed(names))); "
            + "choose another --out, or --force to write swansim's files into it"])
    }

    /// The `scenario.sha256` of a finished run's summary.json, or nil when there is none.
    ///
    /// Read from the file's head: summary.json opens with `format` and the `scenario` object
    /// (OUTPUTS.md §3), and a million-provider summary is a gigabyte that need not be parsed.
    static func finishedScenario(_ path: String) -> String? {
        guard let bytes = try? RegularFile.read(path, limit: 4096) else { return nil }
        let head = String(decoding: bytes, as: UTF8.self)
        guard head.hasPrefix("{"), head.contains("\"format\": \"swan-summary/"),
              let scenario = head.range(of: "\"scenario\": {"),
              let key = head.range(of: "\"sha256\": \"", range: scenario.upperBound..<head.endIndex) else { return nil }
        let digest = head[key.upperBound...].prefix(64)
        guard digest.count == 64, digest.allSatisfy(\.isHexDigit), head[key.upperBound...].dropFirst(64).first == "\"" else { return nil }
        return String(digest)
    }

    /// `--resume`: DIR must hold an unfinished swansim run of these scenario bytes and nothing else.
    private static func resumable(_ directory: String, names: [String], plan: Plan) throws(RunFailure) -> [Int64: String]? {
        func refuse(_ problem: String) -> RunFailure { .invalid(["swansim run --resume: \(directory): \(problem)"]) }
        // An unfinished run has no summary.json (WORKFLOW.md §6): one that is not a finished run's is not ours.
        let foreign = names.filter { !ownNames.contains($0) || $0 == "summary.json" }
        guard foreign.isEmpty else {
            throw refuse("holds files that are not this run's (\(OutputPath.listed(foreign))); --resume continues only a "
                + "directory holding nothing but an unfinished swansim run, and touches nothing else")
        }
        let path = directory + "/ledger.sqlite"
        guard OutputPath.exists(path) else { throw refuse("there is no ledger.sqlite: no interrupted run to continue") }
        do throws(FileRefusal) { try RegularFile.requireDatabase(path) } catch { throw refuse("\(error)") }
        do {
            let database = try LedgerDatabase.open(at: path)
            let tables = try database.tableNames()
            // Killed before its first commit: the file holds no schema at all, and nothing is lost by starting afresh.
            guard !tables.isEmpty else {
                guard SQLiteFile.isOwnFreshStart(path) else {
                    throw refuse("ledger.sqlite is not a swansim ledger (an SQLite database swansim did not begin); nothing in it was touched")
                }
                try checkCSVHeaders(directory, market: plan.market, refuse: refuse)
                return nil
            }
            guard tables.contains("meta"), tables.contains("blocks") else {
                throw refuse("ledger.sqlite is not a swansim ledger (it has no meta or blocks table); nothing in it was touched")
            }
            let meta = try database.meta()
            guard meta["format"] == "swan-ledger/1" || meta["format"] == "swan-ledger/2" else {
                throw refuse("ledger.sqlite is not a swansim ledger (meta.format \(meta["format"] ?? "absent")); nothing in it was touched")
            }
            guard meta["scenario_sha256"] == plan.scenarioSHA256,
                  meta["scenario_source"].flatMap({ Data(base64Encoded: $0) }) == Data(plan.scenarioBytes) else {
                throw refuse("ledger.sqlite was made from another scenario file "
                    + "(meta.scenario_sha256 \(meta["scenario_sha256"] ?? "absent"), this file's \(plan.scenarioSHA256))")
            }
            try checkCSVHeaders(directory, market: plan.market, refuse: refuse)
            guard try database.count("blocks") > 0 else { return nil }
            let hasher = try OpenSSLSHA256()
            do throws(VerifyError) {
                _ = try database.verify(hasher: hasher)
            } catch {
                throw RunFailure.prefixMismatch("swansim run --resume: the stored prefix of \(path) does not verify: \(error)")
            }
            return try database.blockHashes()
        } catch let failure as RunFailure {
            throw failure
        } catch let error as StoreError where error.databaseError?.resultCode.primaryResultCode == .SQLITE_NOTADB {
            throw refuse("ledger.sqlite is not a swansim ledger (not an SQLite database); nothing in it was touched")
        } catch {
            throw .runtime("swansim run --resume: \(error)")
        }
    }

    /// An unfinished run's CSV files are empty (killed before their first flush) or start with this
    /// run's header; a file that does neither is a user's.
    private static func checkCSVHeaders(_ directory: String, market: Bool, refuse: (String) -> RunFailure) throws(RunFailure) {
        let headers = [("days.csv", CSVLines.header(DailyColumns.network(market: market))),
                       ("provider_days.csv", CSVLines.header(DailyColumns.provider(market: market)))]
        for (name, expected) in headers where OutputPath.exists(directory + "/" + name) {
            guard let bytes = try? RegularFile.read(directory + "/" + name, limit: expected.count), bytes.isEmpty || bytes == expected else {
                throw refuse("\(name) is not this run's (it does not start with the run's header); nothing was touched")
            }
        }
    }
}
