import Foundation
import SwanCore
import SwanCrypto
import SwanTestSupport
import Testing

/// One probe of transparency-dev/merkle's inclusion test data (`InclusionProbeData.swift`).
struct InclusionProbe: Sendable {
    var name: String
    /// As transparency-dev's uint64s: `leafIdx-sub-@1` of index 0 wraps to 2^64 − 1.
    var leafIndex: UInt64
    var treeSize: UInt64
    var root: String
    var leafHash: String
    var path: [String]
    var refuse: Bool

    init(_ name: String, _ leafIndex: UInt64, _ treeSize: UInt64, _ root: String, _ leafHash: String, _ path: [String],
         refuse: Bool) {
        (self.name, self.leafIndex, self.treeSize, self.root, self.leafHash, self.path, self.refuse) =
            (name, leafIndex, treeSize, root, leafHash, path, refuse)
    }
}

@Suite("transparency-dev/merkle inclusion probes (testdata/inclusion)")
struct InclusionProbeTests {
    @Test("MerkleProof accepts exactly the probes that must verify: a node of the wrong length never reaches the walk")
    func swiftVerifier() throws {
        let hasher = try OpenSSLSHA256()
        #expect(inclusionProbes.count == 98 && inclusionProbes.filter { !$0.refuse }.count == 6)
        for probe in inclusionProbes {
            // As swan-proof/1 parsing does: every hash is 32 bytes, else the proof is malformed.
            let root = Digest32(hex: probe.root), leaf = Digest32(hex: probe.leafHash)
            let path = probe.path.compactMap(Digest32.init(hex:))
            var accepted = false
            // swan-proof/1 indices are non-negative Int64s: a larger one is malformed.
            if let root, let leaf, path.count == probe.path.count, let index = Int64(exactly: probe.leafIndex),
               let size = Int64(exactly: probe.treeSize) {
                accepted = (try? MerkleProof.verify(leafIndex: index, treeSize: size, leafHash: leaf,
                                                     path: path, root: root, hasher: hasher)) != nil
            }
            #expect(accepted == !probe.refuse, "\(probe.name): accepted \(accepted), must \(probe.refuse ? "refuse" : "accept")")
        }
    }

    @Test("tools/verify_proof.py's path walk gives the same verdict on every probe")
    func pythonVerifier() throws {
        let file = try temporaryDirectory("probes") + "/probes.json"
        let rows = inclusionProbes.map { probe -> [String: Any] in
            ["name": probe.name, "leaf_index": probe.leafIndex, "tree_size": probe.treeSize, "root": probe.root,
             "leaf_hash": probe.leafHash, "path": probe.path, "refuse": probe.refuse]
        }
        try JSONSerialization.data(withJSONObject: rows).write(to: URL(fileURLWithPath: file))
        let driver = """
            import json, sys
            sys.path.insert(0, "tools")
            import verify_proof as v
            wrong = []
            for p in json.load(open(sys.argv[1])):
                try:
                    leaf = v.unhex(p["leaf_hash"], "leaf", 32); root = v.unhex(p["root"], "root", 32)
                    path = [v.unhex(n, "node", 32) for n in p["path"]]
                    accepted = v.root_from_path(p["leaf_index"], p["tree_size"], leaf, path) == root
                except (v.Malformed, v.Invalid):
                    accepted = False
                if accepted == p["refuse"]: wrong.append(p["name"])
            print(len(wrong), "wrong:", wrong)
            sys.exit(1 if wrong else 0)
            """
        let result = try runProcess("/usr/bin/env", ["python3", "-c", driver, file])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
    }
}
