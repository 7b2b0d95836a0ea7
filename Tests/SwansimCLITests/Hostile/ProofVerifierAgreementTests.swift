import Foundation
import SwanCore
import SwanTestSupport
import Testing

/// One row of Fixtures/proofs/verifier-cases.json.
private struct ProofCase: Sendable, CustomStringConvertible {
    var name: String
    var exit: Int32
    var replace: [String]?
    var field: [String]?
    var prefixHex: String?
    var nest: Int?
    var headers: (edit: String, count: Int)?
    var description: String { name }

    static func all() throws -> [ProofCase] {
        let url = repositoryRoot.appendingPathComponent("Fixtures/proofs/verifier-cases.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return (root?["cases"] as? [[String: Any]] ?? []).map { row in
            let headers = row["headers"] as? [Any]
            return ProofCase(name: row["name"] as? String ?? "", exit: Int32(row["exit"] as? Int ?? -1),
                             replace: row["replace"] as? [String], field: row["field"] as? [String],
                             prefixHex: row["prefix_hex"] as? String, nest: row["nest"] as? Int,
                             headers: headers.map { ($0[0] as? String ?? "", $0[1] as? Int ?? 0) })
        }
    }

    /// The case's proof file, made from the genuine proof's canonical text.
    func bytes(from genuine: String) throws -> [UInt8] {
        if let nest { return Array(String(repeating: "[", count: nest).utf8) + Array(String(repeating: "]", count: nest).utf8) }
        var text = genuine
        if let replace { text = text.replacingOccurrences(of: replace[0], with: replace[1]) }
        if let field {
            let pattern = try Regex("\"\(field[0])\":[0-9]+")
            text = text.replacing(pattern, with: "\"\(field[0])\":\(field[1])")
        }
        if let headers { text = try appendingHeaders(to: text, edit: headers.edit, count: headers.count) }
        return (prefixHex.flatMap(HexText.decode) ?? []) + Array(text.utf8)
    }

    /// Headers after the proof's last one, each linked to the one before by hash, with `edit`
    /// applied to what a genuine continuation would hold.
    private func appendingHeaders(to text: String, edit: String, count: Int) throws -> String {
        guard var proof = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return text }
        let later = proof["later_headers_hex"] as? [String] ?? []
        let lastBytes = try #require(HexText.decode(later.last ?? proof["block_header_hex"] as? String ?? ""))
        let lastSeq = lastBytes[4 + 15 + 16..<4 + 15 + 24].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        var nextSeq = lastSeq + 1
        let (headers, head) = try fabricatedHeaders(after: proof, count: count) { header in
            guard edit != "empty" else { return }
            header.firstSeq = nextSeq
            header.lastSeq = nextSeq + 4
            header.entryCount = 5
            switch edit {
            case "seq_gap": header.firstSeq += 1
            case "seq_overlap": header.firstSeq -= 1
            case "count_mismatch": header.entryCount = 4
            case "day_skip": header.day += 1
            case "max_seq": (header.firstSeq, header.lastSeq) = (Int64.max - 4, Int64.max)
            default: break
            }
            nextSeq = header.lastSeq &+ 1
        }
        var appended = headers
        if edit == "count_2^63", var bytes = HexText.decode(appended[0]) {
            // entry_count (bytes 43 ..< 51) set to 2^63, which no Int64 header can hold.
            bytes.replaceSubrange(43..<51, with: [0x80, 0, 0, 0, 0, 0, 0, 0])
            appended[0] = HexText.encode(bytes)
        }
        proof["later_headers_hex"] = later + appended
        proof["head_block_hash"] = head
        return String(decoding: try JSONSerialization.data(withJSONObject: proof, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }
}

/// Finding 8 of issue 16: `swansim verify-proof` and tools/verify_proof.py agree on every case of
/// the shared table, malformed (2), invalid (3) and valid (0) alike.
@Suite("Hostile inputs: both proof verifiers agree (issue 16, finding 8)")
struct ProofVerifierAgreementTests {
    @Test("every case of Fixtures/proofs/verifier-cases.json gets the table's exit status from both verifiers")
    func sharedTable() throws {
        let cases = try ProofCase.all()
        #expect(cases.count >= 20)
        try withScratch("proof-cases") { scratch in
            try finishedRun("Fixtures/scenarios/tiny-two-providers.json", into: scratch + "/run")
            _ = try proofDocument(scratch + "/run/ledger.sqlite", seq: 3, file: scratch + "/genuine.json")
            let genuine = try String(contentsOfFile: scratch + "/genuine.json", encoding: .utf8)
            for (index, proofCase) in cases.enumerated() {
                let file = scratch + "/case-\(index).json"
                try Data(try proofCase.bytes(from: genuine)).write(to: URL(fileURLWithPath: file))
                let (swift, swiftHung) = try swansimIn(nil, timeout: 30, ["verify-proof", file])
                let python = try runProcess("/usr/bin/env", ["python3", "tools/verify_proof.py", file], timeout: 30).0
                #expect(!swiftHung)
                #expect(swift.status == proofCase.exit, "swift, \(proofCase): \(swift.status) \(swift.stdout)\(swift.stderr)")
                #expect(python.status == proofCase.exit, "python, \(proofCase): \(python.status) \(python.stdout)\(python.stderr)")
                #expect(!python.stderr.contains("Traceback"), "python, \(proofCase): \(python.stderr)")
            }
        }
    }
}
