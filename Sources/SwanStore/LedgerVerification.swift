import Foundation
import GRDB
import GRDBSQLite
import SwanCore
import SwanTables

/// What `verify` found: counts on success, or the first mismatch.
public struct VerificationReport: Sendable {
    public var entries: Int64
    public var blocks: Int64
    public var headHash: Digest32
    public var headBlockHash: Digest32
}

/// Why a ledger could not be verified.
public enum VerifyError: Error, CustomStringConvertible, Sendable {
    /// The ledger disagrees with its recomputation (exit code 3).
    case mismatch(VerificationFailure)
    /// The ledger's `encoding_version` is not the one this build reads (exit code 2).
    case unsupportedEncoding(found: String, supported: String)
    /// The database could not be read (exit code 4); a SQLite error stays inside the `StoreError`.
    case store(StoreError)
    /// The file is not a ledger this build can read (exit code 4).
    case unreadable(String)

    public var description: String {
        switch self {
        case .mismatch(let failure): failure.description
        case .unsupportedEncoding(let found, let supported): "unknown encoding_version \(found); this build reads \(supported)"
        case .store(let error): error.description
        case .unreadable(let message): message
        }
    }
}

extension LedgerDatabase {
    /// Recomputes every entry hash, payload, Merkle root, state root and block link (OUTPUTS.md §4).
    ///
    /// Streams entries in seq order with a cursor; memory does not grow with the ledger. Each
    /// payload is decoded once and folded once: into `checker`'s state when a checker is given
    /// (it then replays every entry and sees each verified block), else into a state of its
    /// own built from the genesis meta. With `derived`, each day's rows the checker derives go
    /// to it as the block seals, to be compared with the stored ones (the run-level tables
    /// follow with `DerivedTablesCheck.finish(run:)`).
    /// - Parameter sealedDay: called with each day's rows as its block seals, after `derived`
    ///   (verify compares the CSV files beside the ledger this way); only with a checker.
    public func verify(hasher: SHA256Hashing, checker: (any LedgerFold)? = nil, derived: DerivedTablesCheck? = nil,
                       sealedDay: ((DayReport) -> Void)? = nil) throws(VerifyError) -> VerificationReport {
        let meta: LedgerMeta
        do { meta = try self.meta() } catch { throw .store(error) }
        guard let version = meta["encoding_version"] else { throw .unreadable("meta has no encoding_version") }
        guard EntryFormat(identifier: version) != nil else {
            throw .unsupportedEncoding(found: version, supported: EntryFormat.readable)
        }
        var own = LedgerState(genesis: try Self.genesis(from: meta))
        var verifier = LedgerVerifier(hasher: hasher)
        func entry(_ row: StoredEntry) throws(VerificationFailure) {
            if let checker {
                let decoded = try checker.withState { (state: inout LedgerState) throws(VerificationFailure) in
                    try verifier.verify(entry: row, state: &state)
                }
                checker.apply(decoded)
            } else {
                own.apply(try verifier.verify(entry: row, state: &own))
            }
        }
        func block(_ row: StoredBlock) throws(VerificationFailure) {
            if let checker {
                try checker.withState { (state: inout LedgerState) throws(VerificationFailure) in
                    try verifier.verify(block: row, state: &state)
                }
                let report = checker.sealed(day: row.day, blockHash: row.blockHash)
                derived?.enqueue(day: report, accounts: verifier.accounts)
                sealedDay?(report)
            } else {
                try verifier.verify(block: row, state: &own)
            }
        }
        do {
            return try read { db -> VerificationReport in
                // Columns are read by position, in the order of these SELECTs.
                let blocks = try Row.fetchCursor(db, sql: """
                    SELECT day, first_seq, last_seq, entry_count, close_time, merkle_root, state_root, prev_block_hash,
                      block_hash FROM blocks ORDER BY day
                    """)
                // Entries and transfers are read through raw prepared statements: cells are
                // viewed in SQLite's buffers, never copied into Strings.
                var transfers = try RawCursor(db, sql: "SELECT seq, idx, debit, credit, amount_atto FROM transfers ORDER BY seq, idx")
                var entries = try RawCursor(db, sql: """
                    SELECT seq, day, time, kind, origin, script_index, provider, task, user, amount_atto, reason, payload,
                      prev_hash, hash FROM entries ORDER BY seq
                    """)
                var hasTransfer = try transfers.step()
                var transferRows = TransferRows()
                var blockRows: Int64 = 0
                while try entries.step() {
                    let seq = entries.int(0)
                    transferRows.clear()
                    while hasTransfer, transfers.int(0) <= seq {
                        if transfers.int(0) == seq {
                            transferRows.append(index: transfers.int(1), transfers.text(2), transfers.text(3), transfers.text(4))
                        }
                        hasTransfer = try transfers.step()
                    }
                    try transferRows.withRows { stored throws(VerificationFailure) in
                        try entry(StoredEntry(
                            seq: seq, day: entries.int(1), time: entries.int(2), kind: entries.text(3), origin: entries.text(4),
                            scriptIndex: entries.optionalInt(5), provider: entries.text(6), task: entries.text(7),
                            user: entries.text(8), amountAtto: entries.text(9), reason: entries.text(10),
                            payload: entries.blob(11), previousHash: entries.text(12), hash: entries.text(13), transfers: stored))
                    }
                    if verifier.awaitingBlock {
                        guard let stored = try blocks.next() else { break }
                        blockRows += 1
                        try block(StoredBlock(
                            day: stored[0], firstSeq: stored[1], lastSeq: stored[2], entryCount: stored[3], closeTime: stored[4],
                            merkleRoot: stored[5], stateRoot: stored[6], previousBlockHash: stored[7], blockHash: stored[8]))
                    }
                }
                while try blocks.next() != nil { blockRows += 1 }
                try verifier.finish(blockRows: blockRows)
                return VerificationReport(entries: verifier.entriesVerified, blocks: verifier.blocksVerified,
                                          headHash: verifier.headHash, headBlockHash: verifier.headBlockHash)
            }
        } catch let failure as VerificationFailure {
            // A derived table that differs in an earlier day than the chain is the earlier place.
            throw .mismatch(derived?.failure(before: verifier.openBlockDay) ?? failure)
        } catch {
            throw .store(StoreError("cannot read the ledger", wrapping: error))
        }
    }

    /// The genesis state recorded in `meta.params_json` and `meta.catalog_json`.
    static func genesis(from meta: LedgerMeta) throws(VerifyError) -> LedgerState.Genesis {
        guard let paramsText = meta["params_json"], let catalogText = meta["catalog_json"],
              let params = try? JSONSerialization.jsonObject(with: Data(paramsText.utf8)) as? [String: Any],
              let catalog = try? JSONSerialization.jsonObject(with: Data(catalogText.utf8)) as? [String: Any],
              let collateral = params["collateral"] as? [String: Any], let ubi = params["ubi"] as? [String: Any],
              let cBaseText = collateral["c_base"] as? String, let cTotalText = collateral["c_total"] as? String,
              let cBase = try? Decimal18.parse(cBaseText), let cTotal = try? Decimal18.parse(cTotalText),
              let failureMode = ubi["failure_mode"] as? String, let models = catalog["models"] as? [String: Any]
        else { throw .unreadable("meta params_json or catalog_json is missing or malformed") }
        var cuByModel: [(name: String, cuDeci: Int64)] = []
        for name in models.keys.sorted(by: byteOrder) {
            guard let spec = models[name] as? [String: Any], let cuText = spec["cu"] as? String,
                  let cu = try? ComputeUnits.parseDeci(cuText) else {
                throw .unreadable("meta catalog_json model \(name) is malformed")
            }
            cuByModel.append((name, cu))
        }
        var genesis = LedgerState.Genesis(cBaseAtto: cBase, cTotalAtto: cTotal, models: cuByModel,
                                          benchmarkLadder: failureMode == "benchmark_ladder", market: meta.isMarketRun)
        genesis.format = meta.format ?? .v3
        return genesis
    }
}
