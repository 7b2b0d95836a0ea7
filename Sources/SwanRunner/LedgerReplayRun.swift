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
        /// The scenario is missing, unreadable, invalid or does not hash to `meta.scenario_sha256`,
        /// or the ledger path is not a regular file: exit 2, with the lines to print.
        case scenario([String])
        /// The replayed ledger differs (exit 3).
        case differs(LedgerDifference)
        /// The ledger's head block hash is not the pinned one (exit 3).
        case headMismatch(pinned: Digest32, stored: String)
        /// The ledger cannot be read, or the replay failed at run time (exit 4).
        case unreadable(String)
    }

    /// What a replay matched.
    public struct Outcome: Sendable {
        public var entries: Int64
        public var blocks: Int64
        /// The head block hash of the stored ledger.
        public var headBlockHash: String
        /// The stored ledger's encoding when it is an older one than the replay's: entries were
        /// then compared logically, and hashes, which depend on the encoding, were not.
        public var olderEncoding: EntryFormat?
    }

    /// Replays `ledgerPath`'s scenario (its `meta.scenario_source`, or `scenarioFile`, whose
    /// SHA-256 must equal `meta.scenario_sha256`) into a database in memory and compares its
    /// entries, transfers and blocks with the stored ones. Writes nothing.
    /// - Parameter head: the head block hash the ledger must end at (WORKFLOW.md §9.2).
    public static func replay(ledgerPath: String, scenarioFile: String?, head: Digest32? = nil) throws(Failure) -> Outcome {
        do throws(FileRefusal) { try RegularFile.requireDatabase(ledgerPath) } catch { throw .scenario([error.path == ledgerPath ? error.problem : error.description]) }
        let stored: LedgerDatabase
        let meta: LedgerMeta
        let storedHead: String
        do {
            stored = try LedgerDatabase.open(at: ledgerPath)
            meta = try stored.meta()
            storedHead = try stored.blockHashes().max { $0.key < $1.key }?.value ?? ""
        } catch {
            throw .unreadable(error.description)
        }
        if let head, head.hex != storedHead { throw .headMismatch(pinned: head, stored: storedHead) }
        guard let expected = meta["scenario_sha256"] else { throw .unreadable("meta has no scenario_sha256") }
        let (bytes, name) = try source(meta: meta, scenarioFile: scenarioFile)
        let hasher: OpenSSLSHA256
        do { hasher = try OpenSSLSHA256() } catch { throw .unreadable("\(error)") }
        let sha = hasher.digest(bytes).hex
        guard sha == expected else {
            throw .scenario(["\(name) has SHA-256 \(sha), but the ledger was made from \(expected)"])
        }
        let scenario: Scenario
        do throws(ScenarioErrors) {
            scenario = try ScenarioLoader.load(bytes, syntax: name == "meta.scenario_source" ? .init(sniffing: bytes) : .init(fileName: name))
        } catch {
            throw .scenario(error.errors.map { $0.line(file: name) })
        }
        do {
            let memory = try LedgerDatabase.create(at: ":memory:", meta: LedgerMeta(
                scenario: scenario, scenarioSHA256: sha, scenarioSourceBase64: Data(bytes).base64EncodedString()))
            let run = try RunWriter(scenario: scenario, scenarioSHA256: sha, directory: nil, writeLedger: true, ledger: memory)
            try BlockStages.run(engine: Engine(scenario: scenario), chain: BlockChain(hasher: hasher), pipelined: true) { block in
                try run.accept(block, progress: nil)
            }
            if let difference = try memory.firstDifference(fromStoredAt: ledgerPath) { throw Failure.differs(difference) }
            let older = meta.format.flatMap { $0 == .v3 ? nil : $0 }
            assert(older != nil || run.headBlockHash.hex == storedHead, "identical ledgers of one encoding share their head")
            return Outcome(entries: run.entries, blocks: run.blocks, headBlockHash: storedHead, olderEncoding: older)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .unreadable("\(error)")
        }
    }

    /// The scenario bytes and the name to report them by.
    private static func source(meta: LedgerMeta, scenarioFile: String?) throws(Failure) -> ([UInt8], String) {
        if let scenarioFile {
            do throws(FileRefusal) { return (try ScenarioFile.bytes(scenarioFile), scenarioFile) } catch { throw .scenario([error.description]) }
        }
        guard let encoded = meta["scenario_source"] else {
            throw .scenario(["the ledger has no meta.scenario_source (written before it existed): give the scenario with --scenario FILE"])
        }
        guard let data = Data(base64Encoded: encoded) else { throw .scenario(["meta.scenario_source is not valid base64"]) }
        return ([UInt8](data), "meta.scenario_source")
    }
}
