import Foundation
import GRDB
import SwanCore

extension LedgerDatabase {
    /// The `swan-proof/1` proof of entry `seq` (WORKFLOW.md §5), built from the stored rows, or
    /// nil when the ledger has no such entry. The audit path is recomputed from the block's
    /// stored entry hashes; the headers are re-encoded from the `blocks` rows.
    public func inclusionProof(seq: Int64, hasher: SHA256Hashing) throws(StoreError) -> InclusionProof? {
        do {
            return try queue.read { db -> InclusionProof? in
                guard let entry = try Row.fetchOne(db, sql: "SELECT day, payload, prev_hash FROM entries WHERE seq = ?",
                                                   arguments: [seq]) else { return nil }
                let day: Int64 = entry[0]
                let hashes = try String.fetchAll(db, sql: "SELECT hash FROM entries WHERE day = ? ORDER BY seq", arguments: [day])
                    .map { try Self.digest($0, "entries.hash") }
                let leaves = hashes.map { MerkleProof.leafHash($0.bytes, hasher: hasher) }
                let blocks = try Row.fetchAll(db, sql: """
                    SELECT b.day, b.first_seq, b.last_seq, b.entry_count, b.close_time, b.merkle_root, b.state_root,
                           b.prev_block_hash, b.block_hash, e.hash
                    FROM blocks b JOIN entries e ON e.seq = b.last_seq WHERE b.day >= ? ORDER BY b.day
                    """, arguments: [day])
                guard let first = blocks.first, (first[0] as Int64) == day else { return nil }
                let headers = try blocks.map { row in
                    LedgerHashing.BlockHeader(day: row[0], firstSeq: row[1], lastSeq: row[2], entryCount: row[3], closeTime: row[4],
                                              merkleRoot: try Self.digest(row[5], "blocks.merkle_root"),
                                              stateRoot: try Self.digest(row[6], "blocks.state_root"),
                                              previousBlockHash: try Self.digest(row[7], "blocks.prev_block_hash"),
                                              lastEntryHash: try Self.digest(row[9], "entries.hash")).encoded
                }
                let firstSeq: Int64 = first[1]
                let index = Int(seq - firstSeq)
                return InclusionProof(
                    seq: seq, day: day, payload: [UInt8](entry[1] as Data), previousHash: try Self.digest(entry[2], "entries.prev_hash"),
                    leafIndex: Int64(index), treeSize: Int64(leaves.count),
                    auditPath: MerkleProof.auditPath(leaves[...], index: index, hasher: hasher),
                    blockHeader: headers[0], laterHeaders: Array(headers.dropFirst()),
                    headBlockHash: try Self.digest(blocks[blocks.count - 1][8], "blocks.block_hash"))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot build the proof of seq \(seq)", wrapping: error)
        }
    }

    private static func digest(_ text: String, _ column: String) throws -> Digest32 {
        guard let digest = Digest32(hex: text) else { throw StoreError("\(column) \(text) is not a 64-digit hex hash") }
        return digest
    }
}
