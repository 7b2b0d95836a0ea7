/// A `swan-proof/1` inclusion proof (WORKFLOW.md §5): everything a third party needs to check,
/// without the database, that one entry is in the ledger whose head block hash it knows.
///
/// The verifier recomputes every link itself: the entry hash from its payload and previous
/// hash, the leaf, the Merkle root through the audit path, the block hash from the header,
/// and each later header's link to the one before. Nothing in the proof is taken on trust.
public struct InclusionProof: Equatable, Sendable {
    public var seq: Int64
    public var day: Int64
    public var payload: [UInt8]
    public var previousHash: Digest32
    public var leafIndex: Int64
    public var treeSize: Int64
    public var auditPath: [Digest32]
    public var blockHeader: [UInt8]
    public var laterHeaders: [[UInt8]]
    public var headBlockHash: Digest32

    public init(seq: Int64, day: Int64, payload: [UInt8], previousHash: Digest32, leafIndex: Int64, treeSize: Int64,
                auditPath: [Digest32], blockHeader: [UInt8], laterHeaders: [[UInt8]], headBlockHash: Digest32) {
        (self.seq, self.day, self.payload, self.previousHash) = (seq, day, payload, previousHash)
        (self.leafIndex, self.treeSize, self.auditPath) = (leafIndex, treeSize, auditPath)
        (self.blockHeader, self.laterHeaders, self.headBlockHash) = (blockHeader, laterHeaders, headBlockHash)
    }

    /// The first check a proof failed.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var check: String
        public var detail: String
        public var description: String { "\(check): \(detail)" }
        init(_ check: String, _ detail: String) { (self.check, self.detail) = (check, detail) }
    }

    /// The canonical JSON: keys sorted, no whitespace, hashes and bytes as lowercase hex.
    public var canonicalJSON: String {
        let hashes = { (list: [String]) in "[" + list.map { "\"" + $0 + "\"" }.joined(separator: ",") + "]" }
        return "{\"audit_path\":" + hashes(auditPath.map(\.hex)) + ",\"block_header_hex\":\"" + HexText.encode(blockHeader)
            + "\",\"day\":" + String(day) + ",\"format\":\"swan-proof/1\",\"head_block_hash\":\"" + headBlockHash.hex
            + "\",\"later_headers_hex\":" + hashes(laterHeaders.map(HexText.encode)) + ",\"leaf_index\":" + String(leafIndex)
            + ",\"payload_hex\":\"" + HexText.encode(payload) + "\",\"prev_hash\":\"" + previousHash.hex + "\",\"seq\":" + String(seq)
            + ",\"tree_size\":" + String(treeSize) + "}"
    }

    /// Verifies the proof; with `head`, the head block hash must also equal it.
    /// - Returns: the head block hash the entry is proven under.
    @discardableResult
    public func verify(hasher: SHA256Hashing, head: Digest32? = nil) throws(Failure) -> Digest32 {
        let entryHash = LedgerHashing.entryHash(previous: previousHash, payload: payload, hasher: hasher)
        let leaf = MerkleProof.leafHash(entryHash.bytes, hasher: hasher)
        let root: Digest32
        do {
            root = try MerkleProof.root(leafIndex: leafIndex, treeSize: treeSize, leafHash: leaf, path: auditPath, hasher: hasher)
        } catch {
            throw Failure("audit_path", error.description)
        }
        let header = try Self.decodeHeader(blockHeader, field: "block_header_hex")
        guard header.day == day else { throw Failure("block_header_hex", "the header is of day \(header.day), the proof of day \(day)") }
        guard header.entryCount == treeSize else {
            throw Failure("tree_size", "\(treeSize), but the block header commits to \(header.entryCount) entries")
        }
        let (position, overflow) = header.firstSeq.addingReportingOverflow(leafIndex)
        guard !overflow, position == seq, header.lastSeq - header.firstSeq + 1 == header.entryCount else {
            throw Failure("leaf_index", "seq \(seq) is not entry \(leafIndex) of the block's seqs \(header.firstSeq)…\(header.lastSeq)")
        }
        guard root == header.merkleRoot else {
            throw Failure("merkle_root", "the audit path leads to \(root.hex), the header commits to \(header.merkleRoot.hex)")
        }
        if leafIndex == treeSize - 1, header.lastEntryHash != entryHash {
            throw Failure("block_header_hex", "the block's last entry hash is \(header.lastEntryHash.hex), the entry's \(entryHash.hex)")
        }
        // The entry itself says which it is: its seq and day must be the ones the proof claims.
        guard let (entrySeq, entryDay) = EntryFormat.seqAndDay(of: payload) else {
            throw Failure("payload_hex", "not an entry of an encoding this build reads (\(EntryFormat.readable))")
        }
        guard entrySeq == seq, entryDay == day else {
            throw Failure("payload_hex", "the entry is seq \(entrySeq) of day \(entryDay), the proof is of seq \(seq) of day \(day)")
        }
        var hash = hasher.digest(blockHeader)
        var previous = header
        for (index, bytes) in laterHeaders.enumerated() {
            let field = "later_headers_hex[\(index)]"
            let later = try Self.decodeHeader(bytes, field: field)
            try Self.checkContinuity(later, after: previous, previousHash: hash, field: field)
            previous = later
            hash = hasher.digest(bytes)
        }
        guard hash == headBlockHash else {
            throw Failure("head_block_hash", "the chain of headers ends at \(hash.hex), the proof names \(headBlockHash.hex)")
        }
        if let head, head != hash { throw Failure("--head", "the proof's head is \(hash.hex), expected \(head.hex)") }
        return hash
    }

    /// A later header continues the chain (WORKFLOW.md §9.2): it links to the hash of the header
    /// before, is of the next day, and holds the next entries, at least one. A chain of headers
    /// that only link would let anyone append blocks of nothing after any genuine header.
    static func checkContinuity(_ later: LedgerHashing.BlockHeader, after previous: LedgerHashing.BlockHeader,
                                previousHash: Digest32, field: String) throws(Failure) {
        guard later.previousBlockHash == previousHash else {
            throw Failure(field, "prev_block_hash \(later.previousBlockHash.hex) is not the hash \(previousHash.hex) of the header before")
        }
        guard later.day == previous.day + 1 else { throw Failure(field, "day \(later.day) does not follow day \(previous.day)") }
        guard later.firstSeq == previous.lastSeq + 1 else {
            throw Failure(field, "first_seq \(later.firstSeq) does not follow last_seq \(previous.lastSeq) of the header before")
        }
        guard later.entryCount >= 1 else { throw Failure(field, "entry_count \(later.entryCount), but a block holds at least one entry") }
        guard later.lastSeq - later.firstSeq + 1 == later.entryCount else {
            throw Failure(field, "entry_count \(later.entryCount) is not last_seq − first_seq + 1 = \(later.lastSeq - later.firstSeq + 1)")
        }
    }

    /// A canonical block header (docs/LEDGER-ENCODING.md), all 187 bytes of it and nothing more.
    /// Its day, seqs and entry count are below 2^63 (a ledger's never reach it), so every sum the
    /// checks make stays in range: a crafted header cannot overflow the verifier.
    static func decodeHeader(_ bytes: [UInt8], field: String) throws(Failure) -> LedgerHashing.BlockHeader {
        let decoded = bytes.withUnsafeBytes { raw -> LedgerHashing.BlockHeader? in
            var reader = ByteReader(raw)
            do {
                guard try reader.string() == LedgerHashing.blockVersion else { return nil }
                let (day, first, last, count) = (Int64(bitPattern: try reader.u64()), Int64(bitPattern: try reader.u64()),
                                                 Int64(bitPattern: try reader.u64()), Int64(bitPattern: try reader.u64()))
                let close = try reader.i64()
                var digests: [Digest32] = []
                for _ in 0..<4 {
                    let words = (try reader.u64(), try reader.u64(), try reader.u64(), try reader.u64())
                    digests.append(Digest32(words: words))
                }
                guard reader.isAtEnd, day >= 0, first >= 0, last >= 0, count >= 0, day < Int64.max, last < Int64.max else { return nil }
                return LedgerHashing.BlockHeader(day: day, firstSeq: first, lastSeq: last, entryCount: count, closeTime: close,
                                                 merkleRoot: digests[0], stateRoot: digests[1], previousBlockHash: digests[2],
                                                 lastEntryHash: digests[3])
            } catch {
                return nil
            }
        }
        guard let decoded, decoded.encoded == bytes else {
            throw Failure(field, "not a canonical \(LedgerHashing.blockVersion) header (\(bytes.count) bytes)")
        }
        return decoded
    }

}
