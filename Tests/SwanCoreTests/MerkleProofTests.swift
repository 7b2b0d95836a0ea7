import SwanCore
import SwanCrypto
import Testing

private func bytes(_ hex: String) -> [UInt8] { HexText.decode(hex) ?? [] }

/// Leaf hashes of n distinct 32-byte "entry hashes" (SHA-256 of "e<i>").
private func leaves(_ n: Int, _ hasher: OpenSSLSHA256) -> (entries: [Digest32], leaves: [Digest32]) {
    let entries = (0..<n).map { hasher.digest(Array("e\($0)".utf8)) }
    return (entries, entries.map { MerkleProof.leafHash(Array($0.bytes), hasher: hasher) })
}

@Suite("Merkle audit paths (RFC 6962 §2.1.1, RFC 9162 §2.1.3.2)")
struct MerkleProofTests {
    /// transparency-dev/merkle testonly/constants.go: LeafInputs and RootHashes (facts of RFC 6962 hashing).
    static let leafInputs = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    @Test("known-answer roots of the trees of 1 … 8 leaves, and every audit path in them verifies")
    func knownAnswers() throws {
        let hasher = try OpenSSLSHA256()
        let hashed = Self.leafInputs.map { MerkleProof.leafHash(bytes($0), hasher: hasher) }
        for size in 1...8 {
            let root = MerkleProof.root(hashed[..<size], hasher: hasher)
            #expect(root.hex == Self.roots[size - 1], "size \(size)")
            for index in 0..<size {
                let path = MerkleProof.auditPath(hashed[..<size], index: index, hasher: hasher)
                try MerkleProof.verify(leafIndex: Int64(index), treeSize: Int64(size), leafHash: hashed[index], path: path,
                                       root: root, hasher: hasher)
            }
        }
    }

    @Test("for blocks of 1 … 70 entries, the root is the block's merkle_root and every entry's proof verifies")
    func everyEntryOfSmallBlocks() throws {
        let hasher = try OpenSSLSHA256()
        for size in 1...70 {
            let (entries, hashed) = leaves(size, hasher)
            let root = MerkleProof.root(hashed[...], hasher: hasher)
            #expect(root == LedgerHashing.merkleRoot(entries, hasher: hasher), "size \(size)")
            for index in 0..<size {
                let path = MerkleProof.auditPath(hashed[...], index: index, hasher: hasher)
                #expect(throws: Never.self, "size \(size) index \(index)") {
                    try MerkleProof.verify(leafIndex: Int64(index), treeSize: Int64(size), leafHash: hashed[index], path: path,
                                           root: root, hasher: hasher)
                }
            }
        }
    }

    @Test("mutated proofs are rejected: flipped node, dropped, appended, reversed, shifted index, an impossible size, an inner node as a leaf")
    func mutationsRejected() throws {
        let hasher = try OpenSSLSHA256()
        var checked = 0
        for size in [2, 3, 5, 7, 8, 13, 32, 70] {
            let (_, hashed) = leaves(size, hasher)
            let root = MerkleProof.root(hashed[...], hasher: hasher)
            for index in 0..<size {
                let path = MerkleProof.auditPath(hashed[...], index: index, hasher: hasher)
                var mutations: [(String, Int64, Int64, Digest32, [Digest32])] = []
                for position in path.indices {
                    var flipped = path
                    var raw = Array(flipped[position].bytes)
                    raw[0] ^= 1
                    flipped[position] = Digest32(bytes: raw)
                    mutations.append(("flip \(position)", Int64(index), Int64(size), hashed[index], flipped))
                }
                if !path.isEmpty {
                    mutations.append(("drop last", Int64(index), Int64(size), hashed[index], Array(path.dropLast())))
                    mutations.append(("drop first", Int64(index), Int64(size), hashed[index], Array(path.dropFirst())))
                }
                mutations.append(("append", Int64(index), Int64(size), hashed[index], path + [root]))
                if path.count > 1, path.reversed() != path { mutations.append(("reverse", Int64(index), Int64(size), hashed[index], path.reversed())) }
                mutations.append(("index + 1", Int64(index + 1), Int64(size), hashed[index], path))
                if index > 0 { mutations.append(("index - 1", Int64(index - 1), Int64(size), hashed[index], path)) }
                // A wrong tree_size alone can walk the same left/right turns (leaf 0 of 13 and of 14
                // leaves): RFC 9162 cannot see it, so `swan-proof/1` binds the size to the block
                // header's entry_count and its verifier checks that. Here: a size the path cannot fit.
                mutations.append(("size far too large", Int64(index), Int64(size) * 4 + 4, hashed[index], path))
                if index == size - 1, size > 2 { mutations.append(("size 1", 0, 1, hashed[index], path)) }
                mutations.append(("other leaf", Int64(index), Int64(size), hashed[(index + 1) % size], path))
                if index % 2 == 0, index + 1 < size, path.count > 1 {
                    // The pair's inner node presented as an entry one level up, with the rest of the
                    // path: a verifier hashes whatever it is given as a leaf (0x00), so it cannot match.
                    let inner = MerkleProof.nodeHash(hashed[index], hashed[index + 1], hasher: hasher)
                    mutations.append(("inner node as leaf", Int64(index / 2), Int64((size + 1) / 2),
                                      MerkleProof.leafHash(inner.bytes, hasher: hasher), Array(path.dropFirst())))
                }
                for (name, leafIndex, treeSize, leaf, mutated) in mutations {
                    #expect(throws: MerkleProof.Failure.self, "size \(size) index \(index): \(name) accepted") {
                        try MerkleProof.verify(leafIndex: leafIndex, treeSize: treeSize, leafHash: leaf, path: mutated, root: root, hasher: hasher)
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 1_000)
    }
}
