import Foundation
import SwanTestSupport
import Testing

private func ledger(_ scenario: String, _ name: String) throws -> (path: String, head: String) {
    let directory = try temporaryDirectory(name) + "/run"
    let run = try runProcess(try releaseBinary(), ["run", scenario, "--out", directory, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/summary.json"))) as? [String: Any]
    let head = (summary?["ledger"] as? [String: Any])?["head_block_hash"] as? String ?? ""
    return (directory + "/ledger.sqlite", head)
}

private func prove(_ ledger: String, seq: Int, into file: String) throws -> [String: Any] {
    let result = try runProcess(try releaseBinary(), ["prove", ledger, "--seq", String(seq), "--out", file])
    #expect(result.status == 0, "seq \(seq): \(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any] ?? [:]
}

/// Both verifiers' exit statuses for a proof file.
private func verifyBoth(_ file: String, head: String) throws -> (swift: CommandResult, python: CommandResult) {
    (try runProcess(try releaseBinary(), ["verify-proof", file, "--head", head]),
     try runProcess("/usr/bin/env", ["python3", "tools/verify_proof.py", file, "--head", head]))
}

@Suite("swansim prove and verify-proof, and tools/verify_proof.py (WORKFLOW.md §5)")
struct ProofTests {
    @Test("every entry of a small ledger is proven, and both verifiers accept each proof under the head")
    func everyEntry() throws {
        let (path, head) = try ledger("Fixtures/scenarios/tiny-two-providers.json", "proof-all")
        let scratch = try temporaryDirectory("proof-all-files")
        for seq in 0..<37 {
            let file = scratch + "/\(seq).json"
            let proof = try prove(path, seq: seq, into: file)
            #expect(proof["format"] as? String == "swan-proof/1" && proof["seq"] as? Int == seq)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(!text.contains(" ") && !text.contains("\n"), "canonical: no whitespace")
            let (swift, python) = try verifyBoth(file, head: head)
            #expect(swift.status == 0 && python.status == 0, "seq \(seq): \(swift.stderr) \(python.stderr)")
        }
        let missing = try runProcess(try releaseBinary(), ["prove", path, "--seq", "37"])
        #expect(missing.status == 2 && missing.stderr.contains("no entry with seq 37"))
    }

    @Test("mutated proofs are rejected by both verifiers, each naming its check")
    func mutations() throws {
        let (path, head) = try ledger("Fixtures/scenarios/baseline.json", "proof-mutations")
        let scratch = try temporaryDirectory("proof-mutation-files")
        let original = try prove(path, seq: 500, into: scratch + "/original.json")
        let nodes = original["audit_path"] as? [String] ?? []
        let later = original["later_headers_hex"] as? [String] ?? []
        #expect(nodes.count >= 3 && later.count >= 3)
        func flip(_ hex: String, at offset: Int = 0) -> String {
            var characters = Array(hex)
            characters[offset] = characters[offset] == "0" ? "1" : "0"
            return String(characters)
        }
        let mutations: [(String, (inout [String: Any]) -> Void, Int32)] = [
            ("flipped node", { $0["audit_path"] = [flip(nodes[0])] + Array(nodes.dropFirst()) }, 3),
            ("flipped last node", { $0["audit_path"] = Array(nodes.dropLast()) + [flip(nodes[nodes.count - 1])] }, 3),
            ("dropped node", { $0["audit_path"] = Array(nodes.dropLast()) }, 3),
            ("appended node", { $0["audit_path"] = nodes + [nodes[0]] }, 3),
            ("reversed path", { $0["audit_path"] = Array(nodes.reversed()) }, 3),
            ("shifted index", { $0["leaf_index"] = (original["leaf_index"] as? Int ?? 0) + 1 }, 3),
            ("shifted seq and index", { p in
                p["leaf_index"] = (original["leaf_index"] as? Int ?? 0) + 1
                p["seq"] = 501
            }, 3),
            ("wrong size", { $0["tree_size"] = (original["tree_size"] as? Int ?? 0) + 1 }, 3),
            ("index beyond size", { $0["leaf_index"] = original["tree_size"] as? Int ?? 0 }, 3),
            ("changed payload", { $0["payload_hex"] = flip(original["payload_hex"] as? String ?? "", at: 40) }, 3),
            ("changed prev_hash", { $0["prev_hash"] = flip(original["prev_hash"] as? String ?? "") }, 3),
            ("changed header", { $0["block_header_hex"] = flip(original["block_header_hex"] as? String ?? "", at: 100) }, 3),
            ("dropped later header", { $0["later_headers_hex"] = Array(later.dropFirst()) }, 3),
            ("dropped last header", { $0["later_headers_hex"] = Array(later.dropLast()) }, 3),
            ("altered later header", { $0["later_headers_hex"] = [later[0]] + [flip(later[1], at: 120)] + Array(later.dropFirst(2)) }, 3),
            ("inner node as leaf", { p in
                // The first audit node stands for a whole subtree: present it as the entry, one level up.
                p["payload_hex"] = nodes[0]
                p["audit_path"] = Array(nodes.dropFirst())
                p["leaf_index"] = (original["leaf_index"] as? Int ?? 0) / 2
                p["tree_size"] = ((original["tree_size"] as? Int ?? 0) + 1) / 2
            }, 3),
            ("wrong head", { $0["head_block_hash"] = flip(head) }, 3),
            ("short hash", { $0["prev_hash"] = String((original["prev_hash"] as? String ?? "").dropLast(2)) }, 2),
            ("wrong format", { $0["format"] = "swan-proof/2" }, 2),
            ("extra field", { $0["note"] = "x" }, 2),
        ]
        for (name, mutate, expected) in mutations {
            var proof = original
            mutate(&proof)
            let file = scratch + "/\(name.replacingOccurrences(of: " ", with: "-")).json"
            try JSONSerialization.data(withJSONObject: proof, options: [.sortedKeys]).write(to: URL(fileURLWithPath: file))
            let (swift, python) = try verifyBoth(file, head: head)
            #expect(swift.status == expected, "\(name): swansim verify-proof exited \(swift.status): \(swift.stderr)")
            #expect(python.status == expected, "\(name): verify_proof.py exited \(python.status): \(python.stderr)")
        }
        let (swift, python) = try verifyBoth(scratch + "/original.json", head: head)
        #expect(swift.status == 0 && python.status == 0, "the unmutated proof still verifies")
    }

    @Test("prove and verify-proof --help teach with an example")
    func help() throws {
        for command in ["prove", "verify-proof", "replay"] {
            let result = try runProcess(try releaseBinary(), [command, "--help"])
            #expect(result.status == 0 && result.stdout.contains("Example"), "\(command)")
        }
    }
}
