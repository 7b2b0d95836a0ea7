/// RFC 6962 / RFC 9162 Merkle audit paths over leaf hashes (a block's leaf hashes are
/// SHA-256(0x00 ‖ entry hash), docs/LEDGER-ENCODING.md): `swansim prove` builds them and
/// `verify-proof` checks them.
///
/// The verifier follows RFC 9162 §2.1.3.2 to the letter and accepts nothing it did not
/// recompute: an index outside the tree, a path one node too long or too short, or an index
/// walk that does not end at the root all fail, so a proof cannot be stretched to a forged
/// middle element (the class of GHSA-672p-m5jq-mrh8).
public enum MerkleProof {
    /// Why an inclusion proof was rejected: the first check that failed.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case indexOutOfRange(index: Int64, size: Int64)
        case pathTooLong(nodes: Int)
        case pathTooShort(nodes: Int)
        case rootMismatch(expected: Digest32, calculated: Digest32)

        public var description: String {
            switch self {
            case .indexOutOfRange(let index, let size): "leaf_index \(index) is not below tree_size \(size)"
            case .pathTooLong(let nodes): "the audit path has more nodes than the tree needs (\(nodes) given)"
            case .pathTooShort(let nodes): "the audit path has fewer nodes than the tree needs (\(nodes) given)"
            case .rootMismatch(let expected, let calculated): "root mismatch: expected \(expected.hex), calculated \(calculated.hex)"
            }
        }
    }

    /// SHA-256(0x00 ‖ data): a leaf, domain-separated from nodes.
    public static func leafHash(_ data: [UInt8], hasher: SHA256Hashing) -> Digest32 {
        hasher.begin()
        hasher.update([0x00])
        hasher.update(data)
        return hasher.finish()
    }

    /// SHA-256(0x01 ‖ left ‖ right).
    public static func nodeHash(_ left: Digest32, _ right: Digest32, hasher: SHA256Hashing) -> Digest32 {
        hasher.begin()
        hasher.update([0x01])
        hasher.update(left)
        hasher.update(right)
        return hasher.finish()
    }

    /// MTH(D[n]) of RFC 6962 §2.1 over leaf hashes (n ≥ 1).
    public static func root(_ leaves: ArraySlice<Digest32>, hasher: SHA256Hashing) -> Digest32 {
        precondition(!leaves.isEmpty, "a tree has at least one leaf")
        guard leaves.count > 1 else { return leaves[leaves.startIndex] }
        let k = splitPoint(leaves.count)
        let middle = leaves.startIndex + k
        return nodeHash(root(leaves[..<middle], hasher: hasher), root(leaves[middle...], hasher: hasher), hasher: hasher)
    }

    /// PATH(m, D[n]) of RFC 6962 §2.1.1: the sibling hashes from the leaf up, for leaf `index`.
    public static func auditPath(_ leaves: ArraySlice<Digest32>, index: Int, hasher: SHA256Hashing) -> [Digest32] {
        precondition(leaves.indices.contains(leaves.startIndex + index), "leaf index in range")
        guard leaves.count > 1 else { return [] }
        let k = splitPoint(leaves.count)
        let middle = leaves.startIndex + k
        if index < k {
            return auditPath(leaves[..<middle], index: index, hasher: hasher) + [root(leaves[middle...], hasher: hasher)]
        }
        return auditPath(leaves[middle...], index: index - k, hasher: hasher) + [root(leaves[..<middle], hasher: hasher)]
    }

    /// The root an audit path leads to (RFC 9162 §2.1.3.2), or the check that failed.
    public static func root(leafIndex: Int64, treeSize: Int64, leafHash: Digest32, path: [Digest32],
                            hasher: SHA256Hashing) throws(Failure) -> Digest32 {
        guard leafIndex >= 0, leafIndex < treeSize else { throw .indexOutOfRange(index: leafIndex, size: treeSize) }
        var fn = leafIndex, sn = treeSize - 1
        var result = leafHash
        for node in path {
            guard sn != 0 else { throw .pathTooLong(nodes: path.count) }
            if fn & 1 == 1 || fn == sn {
                result = nodeHash(node, result, hasher: hasher)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                result = nodeHash(result, node, hasher: hasher)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .pathTooShort(nodes: path.count) }
        return result
    }

    /// Checks that `path` proves `leafHash` at `leafIndex` in the tree of `treeSize` leaves whose root is `root`.
    public static func verify(leafIndex: Int64, treeSize: Int64, leafHash: Digest32, path: [Digest32], root expected: Digest32,
                              hasher: SHA256Hashing) throws(Failure) {
        let calculated = try root(leafIndex: leafIndex, treeSize: treeSize, leafHash: leafHash, path: path, hasher: hasher)
        guard calculated == expected else { throw .rootMismatch(expected: expected, calculated: calculated) }
    }

    /// The largest power of two below n (n ≥ 2).
    private static func splitPoint(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }
}
