import Foundation
import SwanCore
import SwanCrypto
import SwanScenario
import SwanTestSupport
import Testing

/// The documents rendered from `PayloadSchema`: `docs/ledger-schema.json`, the payload table and
/// the vector of every kind in docs/LEDGER-ENCODING.md. Run with SWANSIM_WRITE_DOCS=1 to
/// rewrite them from the code after a deliberate change (then review the diff).
@Suite("The ledger described once: the schema drives the encoding and its documents")
struct LedgerSchemaTests {
    static let rewrite = ProcessInfo.processInfo.environment["SWANSIM_WRITE_DOCS"] == "1"
    static let encodingDoc = repositoryRoot.appendingPathComponent("docs/LEDGER-ENCODING.md")

    @Test("docs/ledger-schema.json is the schema's rendering")
    func schemaFile() throws {
        let url = repositoryRoot.appendingPathComponent("docs/ledger-schema.json")
        if Self.rewrite { try LedgerSchemaDocument.json.write(to: url, atomically: true, encoding: .utf8) }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == LedgerSchemaDocument.json, "docs/ledger-schema.json is stale: run the tests with SWANSIM_WRITE_DOCS=1")
        // It parses as JSON and names every kind once.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(committed.utf8)) as? [String: Any])
        let payloads = try #require(object["payloads"] as? [String: Any])
        #expect(Set(payloads.keys) == Set(EntryKind.allCases.map(\.rawValue)))
    }

    @Test("the payload table and the vector of every kind in docs/LEDGER-ENCODING.md are the code's")
    func documentSections() throws {
        var text = try String(contentsOf: Self.encodingDoc, encoding: .utf8)
        let vectors = try Self.vectorSection()
        if Self.rewrite {
            text = try Self.replacing("payload-table", in: text, with: LedgerSchemaDocument.markdownTable)
            text = try Self.replacing("entry-vectors", in: text, with: vectors)
            try text.write(to: Self.encodingDoc, atomically: true, encoding: .utf8)
        }
        #expect(try Self.section("payload-table", of: text) == LedgerSchemaDocument.markdownTable,
                "the payload table is stale: run the tests with SWANSIM_WRITE_DOCS=1")
        #expect(try Self.section("entry-vectors", of: text) == vectors, "the entry vectors are stale: run with SWANSIM_WRITE_DOCS=1")
    }

    @Test("kind and origin codes are their positions, so the stored enums cannot drift from the schema file")
    func codes() {
        for (position, kind) in EntryKind.allCases.enumerated() { #expect(kind.code == position, "\(kind)") }
        for (position, origin) in EntryOrigin.allCases.enumerated() { #expect(origin.code == position, "\(origin)") }
        for (position, code) in AccountName.Code.all.enumerated() { #expect(Int(code.value) == position) }
        let samples: [(AccountName, String)] = [(.genesis, ""), (.reserve, ""), (.ubiPool, ""), (.slashedFunds, ""), (.slashDebt, ""),
                                                (.treasury, ""), (.user("u"), "u"), (.task("t"), "t"), (.providerWallet("p"), "p"),
                                                (.providerFree("p"), "p"), (.providerEscrow("p"), "p")]
        for (name, owner) in samples {
            #expect(name.code.ownerPrefix + owner + name.code.ownerSuffix == name.text, "\(name)")
            #expect(name.code.isOwned == !owner.isEmpty)
        }
    }

    @Test("a payload written for another kind does not follow that kind's schema")
    func shapeCheckCanFail() {
        let state = LedgerState(genesis: SampleLedger.genesis)
        func conforms(_ payload: Payload, _ kind: EntryKind) -> Bool { PayloadShape.conforms(payload, kind: kind, names: state) }
        #expect(conforms(.ubiAssign(n: 3, failing: 0), .ubiAssign))
        #expect(!conforms(.ubiAssign(n: 3, failing: 0), .ubiPay))
        #expect(!conforms(.none, .status))
        #expect(conforms(.none, .taskRefund))
        #expect(!conforms(.dayClose(day: 1), .unlock))
        #expect(!conforms(.unlock(movedAtto: 1), .dayClose))
    }

    // MARK: The vector of every kind

    /// The fixtures vectors are taken from, in order: each kind's vector is its first entry in
    /// the first fixture that has one.
    static let fixtures = ["tiny-two-providers", "collateral-operations", "paid-tasks", "oracle-parameters", "ubi-outcomes",
                           "withdraw-slashed-during-delay", "exit-with-running-task", "slash-into-debt", "tiny-market",
                           "market-auctions", "market-removal-during-job", "market-reputation-ladder", "market-generated-30d"]

    /// The "Entry vectors" section: a table of every kind's entry, then each entry's bytes.
    static func vectorSection() throws -> String {
        let hasher = try OpenSSLSHA256()
        var found: [EntryKind: (fixture: String, seq: Int, bytes: [UInt8])] = [:]
        for fixture in fixtures where found.count < EntryKind.allCases.count {
            let bytes = [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/scenarios/\(fixture).json")))
            let engine = Engine(scenario: try ScenarioLoader.load(bytes, syntax: .json), keepsEntries: true)
            var entries: [Entry] = []
            try engine.run { entries.append(contentsOf: $0.made) }
            // Names as the run's state has them: every account and provider of the run is in it.
            for entry in entries where found[entry.kind] == nil {
                found[entry.kind] = (fixture, Int(entry.seq), EntryEncoding.encode(entry, names: engine.state))
            }
        }
        var table = ["| code | kind | fixture | seq | bytes | SHA-256 |", "|---|---|---|---|---|---|"]
        var blocks: [String] = []
        for kind in EntryKind.allCases {
            guard let vector = found[kind] else {
                Issue.record("no fixture has a \(kind.rawValue) entry")
                continue
            }
            table.append("| \(kind.code) | `\(kind.rawValue)` | \(vector.fixture) | \(vector.seq) | \(vector.bytes.count) | "
                         + "`\(hasher.digest(vector.bytes).hex)` |")
            let hex = HexText.encode(vector.bytes)
            let lines = stride(from: 0, to: hex.count, by: 64).map { start in
                String(hex.dropFirst(start).prefix(64))
            }
            blocks.append("`\(kind.rawValue)` (\(vector.fixture), seq \(vector.seq)):\n\n```\n" + lines.joined(separator: "\n") + "\n```\n")
        }
        return table.joined(separator: "\n") + "\n\n" + blocks.joined(separator: "\n")
    }

    static func markers(_ name: String) -> (String, String) { ("<!-- \(name): generated by LedgerSchemaTests -->\n", "<!-- end \(name) -->") }

    static func section(_ name: String, of text: String) throws -> String {
        let (start, end) = markers(name)
        let from = try #require(text.range(of: start), "docs/LEDGER-ENCODING.md lacks the marker \(start)")
        let to = try #require(text.range(of: end, range: from.upperBound..<text.endIndex))
        return String(text[from.upperBound..<to.lowerBound])
    }

    static func replacing(_ name: String, in text: String, with body: String) throws -> String {
        let (start, end) = markers(name)
        let from = try #require(text.range(of: start))
        let to = try #require(text.range(of: end, range: from.upperBound..<text.endIndex))
        return text.replacingCharacters(in: from.upperBound..<to.lowerBound, with: body)
    }
}
