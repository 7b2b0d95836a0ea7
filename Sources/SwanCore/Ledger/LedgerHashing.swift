/// The hash chain, Merkle root and block hash of OUTPUTS.md §4.2 (docs/LEDGER-ENCODING.md).
public enum LedgerHashing {
    /// Domain-separation prefix of entry hashes.
    public static let entryTag = Array("swansim-entry-hash\u{0}".utf8)
    /// Version identifier at the start of every block header.
    public static let blockVersion = "swansim-block/1"

    /// hash_n = SHA-256(entryTag ‖ prev_hash ‖ payload).
    public static func entryHash(previous: Digest32, payload: UnsafeRawBufferPointer, hasher: SHA256Hashing) -> Digest32 {
        hasher.begin()
        hasher.update(entryTag)
        hasher.update(previous)
        hasher.update(payload)
        return hasher.finish()
    }

    /// hash_n of a payload held in an array.
    public static func entryHash(previous: Digest32, payload: [UInt8], hasher: SHA256Hashing) -> Digest32 {
        payload.withUnsafeBytes { entryHash(previous: previous, payload: $0, hasher: hasher) }
    }

    private static let leafTag: [UInt8] = [0x00]
    private static let nodeTag: [UInt8] = [0x01]

    /// RFC 6962 Merkle tree hash over the entry hashes: leaf = H(0x00 ‖ h), node = H(0x01 ‖ l ‖ r),
    /// split at the largest power of two below n. One leaf gives its leaf hash.
    ///
    /// Precondition: at least one leaf (every block ends with `day_close`).
    public static func merkleRoot(_ leaves: [Digest32], hasher: SHA256Hashing) -> Digest32 {
        precondition(!leaves.isEmpty, "a block has at least one entry")
        var level = leaves.map { leaf -> Digest32 in
            hasher.begin()
            hasher.update(leafTag)
            hasher.update(leaf)
            return hasher.finish()
        }
        // Bottom-up over the RFC 6962 shape: pairing left to right and carrying an odd last
        // node up unchanged yields the same root as the recursive split definition.
        while level.count > 1 {
            var next: [Digest32] = []
            next.reserveCapacity((level.count + 1) / 2)
            var index = 0
            while index + 1 < level.count {
                hasher.begin()
                hasher.update(nodeTag)
                hasher.update(level[index])
                hasher.update(level[index + 1])
                next.append(hasher.finish())
                index += 2
            }
            if index < level.count { next.append(level[index]) }
            level = next
        }
        return level[0]
    }

    /// The fields of a block header (OUTPUTS.md §2 `blocks`).
    public struct BlockHeader: Equatable, Sendable {
        public var day: Int64
        public var firstSeq: Int64
        public var lastSeq: Int64
        public var entryCount: Int64
        public var closeTime: Int64
        public var merkleRoot: Digest32
        public var stateRoot: Digest32
        public var previousBlockHash: Digest32
        public var lastEntryHash: Digest32

        public init(day: Int64, firstSeq: Int64, lastSeq: Int64, entryCount: Int64, closeTime: Int64,
                    merkleRoot: Digest32, stateRoot: Digest32, previousBlockHash: Digest32, lastEntryHash: Digest32) {
            self.day = day
            self.firstSeq = firstSeq
            self.lastSeq = lastSeq
            self.entryCount = entryCount
            self.closeTime = closeTime
            self.merkleRoot = merkleRoot
            self.stateRoot = stateRoot
            self.previousBlockHash = previousBlockHash
            self.lastEntryHash = lastEntryHash
        }

        /// The canonical header bytes that the block hash covers.
        public var encoded: [UInt8] {
            var writer = ByteWriter(capacity: 200)
            writer.string(LedgerHashing.blockVersion)
            writer.u64(UInt64(day))
            writer.u64(UInt64(firstSeq))
            writer.u64(UInt64(lastSeq))
            writer.u64(UInt64(entryCount))
            writer.i64(closeTime)
            writer.digest(merkleRoot)
            writer.digest(stateRoot)
            writer.digest(previousBlockHash)
            writer.digest(lastEntryHash)
            return writer.bytes
        }

        /// block_hash = SHA-256(header bytes).
        public func hash(hasher: SHA256Hashing) -> Digest32 {
            hasher.digest(encoded)
        }
    }

    /// close_time of block d: 0 for genesis, else d·86400 − 1.
    public static func closeTime(day: Int64) -> Int64 {
        day == 0 ? 0 : day * 86_400 - 1
    }
}
