import Foundation
import SwanCore
import SwanCrypto
import SwanStore

/// `swansim run --resume` (WORKFLOW.md §6): what an interrupted run left in DIR, checked before
/// anything is appended to it.
enum RunResume {
    /// The committed prefix of DIR/ledger.sqlite: each stored block's hash by day, after the
    /// scenario bytes, the hash chain, the Merkle and state roots and the block links of the
    /// whole prefix have been verified.
    /// - Returns: nil when the run was interrupted before its first block was committed (the
    ///   file may even lack its schema): there is nothing to keep, and the run starts afresh.
    /// - Throws: `.invalid` (exit 2) when there is nothing to resume or the ledger was made from
    ///   another scenario file; `.prefixMismatch` (exit 3) naming the first bad block.
    static func storedPrefix(_ directory: String, scenarioSHA256: String, scenarioBytes: [UInt8]) throws(RunFailure)
        -> [Int64: String]?
    {
        let path = directory + "/ledger.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            throw .invalid(["swansim run --resume: \(path) does not exist: there is no interrupted run to continue"])
        }
        do {
            let database = try LedgerDatabase.open(at: path)
            let tables = try database.tableNames()
            guard tables.contains("meta"), tables.contains("blocks"), try database.count("blocks") > 0 else { return nil }
            let meta = try database.meta()
            guard meta["scenario_sha256"] == scenarioSHA256,
                  meta["scenario_source"].flatMap({ Data(base64Encoded: $0) }) == Data(scenarioBytes) else {
                throw RunFailure.invalid(["swansim run --resume: \(path) was made from another scenario file "
                    + "(meta.scenario_sha256 \(meta["scenario_sha256"] ?? "absent"), this file's \(scenarioSHA256))"])
            }
            let hasher = try OpenSSLSHA256()
            do throws(VerifyError) {
                _ = try database.verify(hasher: hasher)
            } catch {
                throw RunFailure.prefixMismatch("swansim run --resume: the stored prefix of \(path) does not verify: \(error)")
            }
            return try database.blockHashes()
        } catch let failure as RunFailure {
            throw failure
        } catch {
            throw .runtime("swansim run --resume: \(error)")
        }
    }
}
