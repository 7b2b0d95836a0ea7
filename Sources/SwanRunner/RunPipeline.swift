import Foundation
import SwanChecker
import SwanCore
import SwanCrypto
import SwanScenario
import SwanStore
import SwanTables

/// How a run ended, and what the command prints (OUTPUTS.md §6).
public struct RunOutcome: Sendable {
    public var exitCode: Int32
    public var scenarioName: String
    public var entries: Int64
    public var blocks: Int64
    public var headHash: String
    public var ubiPaid: Int128
    public var slashed: Int128
    public var breaches: Int
    public var rejections: Int64
    public var invariantsOK: Bool
    public var expectationFailures: [String]
    public var invariantFailures: [String]
    public var outputDirectory: String
    public var files: [String]
    /// Rows of provider_day (provider-days simulated, day 0 included).
    public var providerDayRows: Int
    public var headBlockHash: String
    /// summary.json, byte for byte, of a run made in memory (a sweep stores it); empty for a run
    /// into a directory, which streamed it to its file.
    public var summaryJSON: String
    /// The network_day rows of a run made in memory (a sweep's); empty for a run into a directory.
    public var networkDays: [[Cell]]
}

/// Where a run is, after a sealed block.
public struct RunProgress: Sendable {
    public var day: Int64
    public var days: Int64
    public var entries: Int64
}

/// Why a run did not produce its outputs.
public enum RunFailure: Error, Sendable {
    /// The scenario is invalid: exit 2, nothing written.
    case invalid([String])
    /// Runtime error (overflow, I/O): exit 4, outputs possibly partial, summary.json absent.
    case runtime(String)
    /// `--resume` found a stored prefix that does not verify, or that the re-execution does not
    /// reproduce: exit 3, naming the first bad block; nothing was overwritten.
    case prefixMismatch(String)
}

/// Wires one run: scenario → engine → ledger → store → checker → reports (docs/ARCHITECTURE.md).
public enum RunPipeline {
    /// The four output files (OUTPUTS.md §1).
    public static let fileNames = ["ledger.sqlite", "summary.json", "days.csv", "provider_days.csv"]

    /// Validates `scenarioFile` and runs it into `outputDirectory` (default `runs/<name>`).
    ///
    /// - Parameters:
    ///   - writeLedger: false for `--ledger none`: every entry is still encoded, hashed and
    ///     checked, but `ledger.sqlite` is not written.
    ///   - pipelined: run the engine and the hashing/storing/checking of its blocks on two
    ///     threads (the outputs are identical either way; false is for checking that).
    ///   - progress: called after each sealed block (on the stage-two thread when pipelined).
    ///   - force: write into a directory holding something else than a finished run of this
    ///     scenario file (WORKFLOW.md §6); only the run's own files are replaced.
    ///   - resume: continue the interrupted run in the directory (WORKFLOW.md §6): its stored
    ///     prefix is verified, re-executed without writing, and the run appends from there.
    public static func run(scenarioFile: String, outputDirectory: String?, writeLedger: Bool = true, pipelined: Bool = true,
                           force: Bool = false, resume: Bool = false,
                           progress: ((RunProgress) -> Void)? = nil) throws(RunFailure) -> RunOutcome {
        let (bytes, scenario): ([UInt8], Scenario)
        do throws(ScenarioFile.Invalid) { (bytes, scenario) = try ScenarioFile.load(scenarioFile) } catch { throw .invalid(error.lines) }
        let hasher: OpenSSLSHA256
        do { hasher = try OpenSSLSHA256() } catch { throw .runtime("\(error)") }
        let sha = hasher.digest(bytes).hex
        let directory: String
        if let outputDirectory { directory = outputDirectory } else { directory = try defaultDirectory(scenario.name) }
        let output = try RunDirectory.open(directory, for: RunDirectory.Plan(
            scenarioSHA256: sha, scenarioBytes: bytes, market: scenario.isMarketRun, writeLedger: writeLedger, force: force,
            resume: resume))
        defer { output.close() }
        return try execute(scenario, scenarioSHA256: sha, scenarioBytes: bytes, directory: directory,
                           writeLedger: writeLedger, storedBlocks: output.storedBlocks,
                           pipelined: pipelined, hasher: hasher, progress: progress)
    }

    /// `runs/<name>`, the default output directory. A name the format allows but a path cannot
    /// carry (`.` and `..` would make `runs/` itself or the directory above it the output) has no
    /// default: the run asks for `--out`.
    static func defaultDirectory(_ name: String) throws(RunFailure) -> String {
        guard name != ".", name != ".." else {
            throw .invalid(["swansim run: the scenario's name \(jsonQuoted(name)) cannot name a directory under runs/; "
                + "give the output directory with --out DIR"])
        }
        return "runs/\(name)"
    }

    /// Runs a loaded scenario in memory, as `--ledger none` would, on the calling thread, and
    /// writes nothing: a sweep's run. The outcome carries summary.json and the network rows.
    public static func runInMemory(_ scenario: Scenario, scenarioSHA256: String) throws(RunFailure) -> RunOutcome {
        let hasher: OpenSSLSHA256
        do { hasher = try OpenSSLSHA256() } catch { throw .runtime("\(error)") }
        return try execute(scenario, scenarioSHA256: scenarioSHA256, directory: nil, writeLedger: false, pipelined: false,
                           hasher: hasher, progress: nil)
    }

    private static func execute(_ scenario: Scenario, scenarioSHA256: String, scenarioBytes: [UInt8] = [], directory: String?,
                                writeLedger: Bool, storedBlocks: [Int64: String]? = nil,
                                pipelined: Bool, hasher: OpenSSLSHA256,
                                progress: ((RunProgress) -> Void)?) throws(RunFailure) -> RunOutcome {
        let engine = Engine(scenario: scenario)
        do {
            let run = try RunWriter(scenario: scenario, scenarioSHA256: scenarioSHA256, scenarioBytes: scenarioBytes,
                                    directory: directory, writeLedger: writeLedger, storedBlocks: storedBlocks)
            try BlockStages.run(engine: engine, chain: BlockChain(hasher: hasher), pipelined: pipelined) { block in
                try run.accept(block, progress: progress)
            }
            return try run.finish()
        } catch let failure as RunFailure {
            throw failure
        } catch {
            throw .runtime("\(error)")
        }
    }
}
