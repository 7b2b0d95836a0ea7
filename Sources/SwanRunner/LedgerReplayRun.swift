import Foundation
import SwanCore
import SwanCrypto
import SwanScenario
import SwanStore

/// `swansim replay LEDGER.sqlite [--scenario FILE]` (WORKFLOW.md §4): re-executes the scenario a
/// ledger was made from and compares the new ledger with the stored one, block by block.
public enum LedgerReplayRun {
    /// Why a replay could not be made or did not match.
    public enum Failure: Error, Sendable {
        /// The scenario is missing, unreadable, invalid or does not hash to `meta.scenario_sha256` (exit 2).
        case scenario(String)
        /// The replayed ledger differs (exit 3).
        case differs(LedgerDifference)
        /// The ledger cannot be read, or the replay failed at run time (exit 4).
        case unreadable(String)
    }

    /// Replays `ledgerPath`'s scenario (its `meta.scenario_source`, or `scenarioFile`, whose
    /// SHA-256 must equal `meta.scenario_sha256`) into a database in memory and compares its
    /// entries, transfers and blocks with the stored ones. Writes nothing.
    /// - Returns: the number of entries and blocks that matched.
    public static func replay(ledgerPath: String, scenarioFile: String?) throws(Failure) -> (entries: Int64, blocks: Int64) {
        let meta: LedgerMeta
        do { meta = try LedgerDatabase.open(at: ledgerPath).meta() } catch { throw .unreadable(error.description) }
        guard let expected = meta["scenario_sha256"] else { throw .unreadable("meta has no scenario_sha256") }
        let (bytes, name) = try source(meta: meta, scenarioFile: scenarioFile)
        let hasher: OpenSSLSHA256
        do { hasher = try OpenSSLSHA256() } catch { throw .unreadable("\(error)") }
        let sha = hasher.digest(bytes).hex
        guard sha == expected else {
            throw .scenario("\(name) has SHA-256 \(sha), but the ledger was made from \(expected)")
        }
        let scenario: Scenario
        do throws(ScenarioErrors) {
            scenario = try ScenarioLoader.load(bytes, syntax: name == "meta.scenario_source" ? .init(sniffing: bytes) : .init(fileName: name))
        } catch {
            throw .scenario(error.errors.map { $0.line(file: name) }.joined(separator: "\n"))
        }
        do {
            let memory = try LedgerDatabase.create(at: ":memory:", meta: LedgerMeta(
                scenario: scenario, scenarioSHA256: sha, scenarioSourceBase64: Data(bytes).base64EncodedString()))
            let run = try RunWriter(scenario: scenario, scenarioSHA256: sha, directory: nil, writeLedger: true, ledger: memory)
            try BlockStages.run(engine: Engine(scenario: scenario), chain: BlockChain(hasher: hasher), pipelined: true) { block in
                try run.accept(block, progress: nil)
            }
            if let difference = try memory.firstDifference(fromStoredAt: ledgerPath) { throw Failure.differs(difference) }
            return (run.entries, run.blocks)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .unreadable("\(error)")
        }
    }

    /// The scenario bytes and the name to report them by.
    private static func source(meta: LedgerMeta, scenarioFile: String?) throws(Failure) -> ([UInt8], String) {
        if let scenarioFile {
            guard let data = FileManager.default.contents(atPath: scenarioFile) else { throw .scenario("\(scenarioFile): cannot read the file") }
            return ([UInt8](data), scenarioFile)
        }
        guard let encoded = meta["scenario_source"] else {
            throw .scenario("the ledger has no meta.scenario_source (written before it existed): give the scenario with --scenario FILE")
        }
        guard let data = Data(base64Encoded: encoded) else { throw .scenario("meta.scenario_source is not valid base64") }
        return ([UInt8](data), "meta.scenario_source")
    }
}
