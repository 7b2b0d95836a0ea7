/// A sealed block with its hashes: each entry's chain hash, the header and the block hash.
public struct HashedBlock: Sendable {
    public var sealed: SealedBlock
    /// hash_n of each entry, in seq order; the first entry's prev_hash is `previousHash`.
    public var entryHashes: [Digest32]
    public var previousHash: Digest32
    public var header: LedgerHashing.BlockHeader
    public var hash: Digest32

    /// prev_hash of entry `index` of the block.
    public func previousHash(of index: Int) -> Digest32 { index == 0 ? previousHash : entryHashes[index - 1] }
}

/// The hashing stage of a run: every entry is hashed once here, from the exact bytes the
/// store receives, and so are the Merkle tree, the state root and the block header.
public struct BlockChain {
    private let hasher: SHA256Hashing
    public private(set) var headHash = Digest32.zero
    public private(set) var headBlockHash = Digest32.zero
    public private(set) var entries: Int64 = 0
    public private(set) var blocks: Int64 = 0

    public init(hasher: SHA256Hashing) {
        self.hasher = hasher
    }

    /// Hashes the next block of the chain.
    public mutating func hash(_ block: SealedBlock) -> HashedBlock {
        let previous = headHash
        var hashes: [Digest32] = []
        hashes.reserveCapacity(block.entries.count)
        block.bytes.bytes.withUnsafeBytes { raw in
            for entry in block.entries {
                let payload = UnsafeRawBufferPointer(rebasing: raw[Int(entry.start)..<Int(entry.start + entry.count)])
                headHash = LedgerHashing.entryHash(previous: headHash, payload: payload, hasher: hasher)
                hashes.append(headHash)
            }
        }
        let stateRoot = hasher.digest(block.stateBytes)
        let count = Int64(block.entries.count)
        let header = LedgerHashing.BlockHeader(
            day: block.day, firstSeq: block.firstSeq, lastSeq: block.firstSeq + count - 1, entryCount: count,
            closeTime: LedgerHashing.closeTime(day: block.day), merkleRoot: LedgerHashing.merkleRoot(hashes, hasher: hasher),
            stateRoot: stateRoot, previousBlockHash: headBlockHash, lastEntryHash: headHash)
        let blockHash = header.hash(hasher: hasher)
        headBlockHash = blockHash
        entries += count
        blocks += 1
        return HashedBlock(sealed: block, entryHashes: hashes, previousHash: previous, header: header, hash: blockHash)
    }
}
