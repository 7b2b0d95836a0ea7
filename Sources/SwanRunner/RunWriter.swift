import Foundation
import SwanChecker
import SwanCore
import SwanCrypto
import SwanScenario
import SwanStore
import SwanTables

/// Receives a run's sealed blocks and writes everything that follows from them.
///
/// Each block arrives hashed once (`BlockChain`), from the exact bytes the store receives;
/// it is stored in one transaction. The checker then decodes those same
/// bytes into its own state, replays them (I1–I12, reports), checks the chain links and
/// compares the block's state root with its own (I13). The day's rows go to the database
/// and the CSV files; `finish` writes the run tables and, last, summary.json. With no
/// ledger (`--ledger none`) everything is computed the same way and only the database is
/// skipped. With no directory at all (a sweep's run) nothing is written: the network rows
/// and the summary come back in the outcome.
final class RunWriter {
    let scenario: Scenario
    let scenarioSHA256: String
    let directory: String?
    /// The chain's head as of the last block accepted.
    var entries: Int64 = 0
    var headHash = Digest32.zero
    var headBlockHash = Digest32.zero
    let database: LedgerDatabase?
    let replay: LedgerReplay
    let days: CSVFile?
    let providerDays: CSVFile?
    /// The network rows, kept for a sweep (no directory); nil when they go to days.csv.
    var networkDays: [[Cell]]?
    var expectation: ExpectationTracker
    var blocks: Int64 = 0
    var providerDayRows = 0
    private let storedBlocks: [Int64: String]

    /// - Parameter scenarioBytes: the scenario file as read, stored in `meta.scenario_source`.
    /// - Parameter ledger: with no directory, the database the blocks go to (a replay's, in memory).
    /// - Parameter storedBlocks: `--resume`: the blocks an interrupted run committed (hash by
    ///   day). They are re-executed and checked against the stored hashes, not written again.
    init(scenario: Scenario, scenarioSHA256: String, scenarioBytes: [UInt8] = [], directory: String?, writeLedger: Bool,
         ledger: LedgerDatabase? = nil, storedBlocks: [Int64: String]? = nil) throws {
        self.storedBlocks = storedBlocks ?? [:]
        self.scenario = scenario
        self.scenarioSHA256 = scenarioSHA256
        self.directory = directory
        replay = LedgerReplay(context: ReplayContext(parameters: scenario.parameters, catalog: scenario.catalog,
                                                     days: scenario.days, market: scenario.market, seed: scenario.seed),
                              hasher: try OpenSSLSHA256())
        expectation = ExpectationTracker(scenario.expect)
        guard let directory else {
            (database, days, providerDays, networkDays) = (ledger, nil, nil, [])
            return
        }
        try? FileManager.default.removeItem(atPath: directory + "/summary.json")
        if writeLedger, storedBlocks != nil {
            database = try LedgerDatabase.reopen(at: directory + "/ledger.sqlite")
        } else if writeLedger {
            database = try LedgerDatabase.create(at: directory + "/ledger.sqlite",
                                                 meta: LedgerMeta(scenario: scenario, scenarioSHA256: scenarioSHA256,
                                                                  scenarioSourceBase64: Data(scenarioBytes).base64EncodedString()))
        } else {
            // `--ledger none` leaves no ledger of another scenario beside its outputs; a ledger of
            // this scenario (which the run would reproduce) or a file that is no swansim ledger stays.
            let path = directory + "/ledger.sqlite"
            if let stored = LedgerDatabase.scenarioSHA256(ofLedgerAt: path), stored != scenarioSHA256 {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            database = nil
        }
        let market = scenario.isMarketRun
        days = try CSVFile(path: directory + "/days.csv", header: CSVLines.header(DailyColumns.network(market: market)))
        providerDays = try CSVFile(path: directory + "/provider_days.csv", header: CSVLines.header(DailyColumns.provider(market: market)))
        networkDays = nil
    }

    func accept(_ block: HashedBlock, progress: ((RunProgress) -> Void)?) throws {
        entries = block.header.lastSeq + 1
        headHash = block.header.lastEntryHash
        headBlockHash = block.hash
        replay.apply(block: block)
        let report = replay.sealed(day: block.header.day, blockHash: block.hash.hex)
        if let stored = storedBlocks[block.header.day] {
            guard stored == block.hash.hex else {
                throw RunFailure.prefixMismatch("swansim run --resume: block \(block.header.day) is stored with hash \(stored), "
                    + "but re-executing the scenario gives \(block.hash.hex)")
            }
        } else {
            try database?.append(block, day: report)
        }
        // A sweep's run_days keeps the version-1 network_day columns; a market run's market
        // figures travel in its summary_json (docs/DECISIONS.md).
        if networkDays != nil { networkDays?.append(Array(report.network.cells.prefix(DailyColumns.network.count))) }
        try days?.append(report.network.cells)
        if let providerDays { for row in report.providers { try providerDays.append(row) } }
        providerDayRows += report.providers.count
        expectation.sealed(day: block.header.day) { replay.snapshot() }
        blocks += 1
        progress?(RunProgress(day: block.header.day, days: scenario.days, entries: entries))
    }

    func finish() throws -> RunOutcome {
        try days?.close()
        try providerDays?.close()
        let final = replay.finish(populations: scenario.populationsByProvider)
        let invariants = final.invariants
        try database?.write(run: final.tables)
        // Best effort: a reader holding the file open (a notebook, a test) keeps it in WAL mode,
        // which is as valid; only the side files remain.
        if directory != nil { try? database?.finish() }
        let expectation = self.expectation.finished(report: final, snapshot: replay.snapshot(), headHash: headHash.hex)
        let summary = SummaryDocument(scenario: scenario, scenarioSHA256: scenarioSHA256, entries: entries, blocks: blocks,
                                      headHash: headHash.hex, headBlockHash: headBlockHash.hex, report: final,
                                      expectation: expectation)
        // A run into a directory streams summary.json to its file; a sweep's run keeps the text.
        var summaryJSON = ""
        if let directory {
            // Last and atomically (WORKFLOW.md §6): its presence means a finished run.
            do throws(AtomicFile.Failure) {
                try AtomicFile.write(to: directory + "/summary.json") { handle in
                    try summary.json.stream { bytes in
                        try handle.write(contentsOf: bytes)
                        bytes.removeAll(keepingCapacity: true)
                    }
                }
            } catch {
                throw StoreError(error.message)
            }
        } else {
            summaryJSON = summary.json.rendered
        }
        let exitCode: Int32 = !invariants.ok ? 3 : (expectation.ok ? 0 : 1)
        return RunOutcome(
            exitCode: exitCode, scenarioName: scenario.name, entries: entries, blocks: blocks,
            headHash: headHash.hex, ubiPaid: final.totals.ubiPaid, slashed: final.totals.slashed,
            breaches: final.breaches.count, rejections: final.totals.rejectionsByReason.values.reduce(0, +),
            invariantsOK: invariants.ok,
            expectationFailures: expectation.failures.map { "\($0.path): expected \($0.expected.compact), found \($0.actual.compact)" },
            invariantFailures: invariants.results.filter { !$0.ok }.map {
                "\($0.invariant.id) \($0.invariant.rawValue): \($0.violations) violation(s), first at seq \($0.firstSeq.map { String($0) } ?? "-"): \($0.detail ?? "")"
            },
            outputDirectory: directory ?? "",
            files: directory.map { directory in
                RunPipeline.fileNames.filter { database != nil || $0 != "ledger.sqlite" }.map { directory + "/" + $0 }
            } ?? [],
            providerDayRows: providerDayRows, headBlockHash: headBlockHash.hex, summaryJSON: summaryJSON,
            networkDays: networkDays ?? [])
    }
}

/// A CSV file written row by row (OUTPUTS.md §5: UTF-8, comma, LF, one header row), each line
/// rendered by `CSVLines` straight into a buffer flushed every megabyte.
final class CSVFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String, header: [UInt8]) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw StoreError("cannot write \(path)") }
        try handle.truncate(atOffset: 0)
        self.handle = handle
        buffer.append(contentsOf: header)
    }

    /// Appends a provider's day.
    func append(_ row: ProviderDayRow) throws {
        CSVLines.appendProvider(row, to: &buffer)
        if buffer.count > 1 << 20 { try flush() }
    }

    /// Appends a network day.
    func append(_ cells: [Cell]) throws {
        CSVLines.appendNetwork(cells, to: &buffer)
        if buffer.count > 1 << 20 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}
