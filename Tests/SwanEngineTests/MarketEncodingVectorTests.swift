import Foundation
import SwanCore
import SwanCrypto
import SwanScenario
import SwanTestSupport
import Testing

/// The rows of docs/LEDGER-ENCODING.md "Market entries": kind, fixture, seq, length, SHA-256.
private func documentedVectors() throws -> [(kind: String, fixture: String, seq: Int, count: Int, sha256: String, hex: String)] {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/LEDGER-ENCODING.md"), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(where: { $0.hasPrefix("### Market entries") }) else { return [] }
    var rows: [(String, String, Int, Int, String, String)] = []
    for line in lines[start...] where line.hasPrefix("| `") {
        let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "") }
        guard cells.count == 5, let seq = Int(cells[2]), let count = Int(cells[3]) else { continue }
        // The hex block follows the line "`kind` (fixture, seq N):".
        let caption = "`\(cells[0])` (\(cells[1]), seq \(seq)):"
        guard let at = lines.firstIndex(of: caption) else { continue }
        let hex = lines[(at + 3)...].prefix { $0 != "```" }.joined()
        rows.append((cells[0], cells[1], seq, count, cells[4], hex))
    }
    return rows
}

@Suite("docs/LEDGER-ENCODING.md: one vector per market entry kind, as the engine encodes it")
struct MarketEncodingVectorTests {
    @Test("every documented market vector is the bytes and digest of that fixture entry")
    func vectors() throws {
        let vectors = try documentedVectors()
        #expect(Set(vectors.map(\.kind)).isSuperset(of: EntryKind.allCases.filter(\.isMarket).map(\.rawValue)))
        let hasher = try OpenSSLSHA256()
        var runs: [String: ([Entry], LedgerState)] = [:]
        for vector in vectors {
            if runs[vector.fixture] == nil {
                let bytes = [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/scenarios/\(vector.fixture).json")))
                let engine = Engine(scenario: try ScenarioLoader.load(bytes, syntax: .json), keepsEntries: true)
                var entries: [Entry] = []
                try engine.run { entries.append(contentsOf: $0.made) }
                runs[vector.fixture] = (entries, engine.state)
            }
            guard let (entries, names) = runs[vector.fixture], vector.seq < entries.count else {
                Issue.record("\(vector.fixture) has no seq \(vector.seq)")
                continue
            }
            let entry = entries[vector.seq]
            let encoded = EntryEncoding.encode(entry, names: names)
            #expect(entry.kind.rawValue == vector.kind, "seq \(vector.seq) is \(entry.kind.rawValue)")
            #expect(encoded.count == vector.count && HexText.encode(encoded) == vector.hex, "\(vector.kind): bytes differ")
            #expect(hasher.digest(encoded).hex == vector.sha256, "\(vector.kind): digest differs")
        }
    }
}
