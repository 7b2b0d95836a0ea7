import Foundation
import SwanCore
import SwanCrypto
import SwanTestSupport
import Testing

private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// The document's text with the line breaks of wrapped hex blocks removed.
private func documentText() throws -> String {
    let url = repositoryRoot.appendingPathComponent("docs/LEDGER-ENCODING.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    // Join consecutive lines that are pure hex, so long vectors can be wrapped at 64 columns.
    var joined: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        let isHex = !line.isEmpty && line.allSatisfy(\.isHexDigit)
        if isHex, let last = joined.last, !last.isEmpty, last.allSatisfy(\.isHexDigit) {
            joined[joined.count - 1] += line
        } else {
            joined.append(line)
        }
    }
    return joined.joined(separator: "\n")
}

@Suite("Ledger encoding and hashing (OUTPUTS.md §4, docs/LEDGER-ENCODING.md)")
struct LedgerEncodingTests {
    @Test("every test vector quoted in docs/LEDGER-ENCODING.md is what the code computes")
    func documentedVectors() throws {
        let hasher = try OpenSSLSHA256()
        let doc = try documentText()
        let bytes = EncodingVectors.entryBytes()
        let leaves = EncodingVectors.leaves(hasher)
        let header = EncodingVectors.header(hasher)
        let vectors = [
            ("entry bytes", hex(bytes)),
            ("entry hash", LedgerHashing.entryHash(previous: .zero, payload: bytes, hasher: hasher).hex),
            ("leaf h0", leaves[0].hex),
            ("merkle of 1", LedgerHashing.merkleRoot(Array(leaves.prefix(1)), hasher: hasher).hex),
            ("merkle of 2", LedgerHashing.merkleRoot(Array(leaves.prefix(2)), hasher: hasher).hex),
            ("merkle of 3", LedgerHashing.merkleRoot(leaves, hasher: hasher).hex),
            ("state bytes", hex(EncodingVectors.stateBytes())),
            ("state root", hasher.digest(EncodingVectors.stateBytes()).hex),
            ("header bytes", hex(header.encoded)),
            ("block hash", header.hash(hasher: hasher).hex),
        ]
        for (name, value) in vectors {
            #expect(doc.contains(value), "\(name) \(value) is not in docs/LEDGER-ENCODING.md")
        }
    }

    @Test("SHA-256 through OpenSSL matches FIPS 180-4 known answers")
    func sha256KnownAnswers() throws {
        let hasher = try OpenSSLSHA256()
        #expect(hasher.digest([]).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hasher.digest(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Split input hashes like the concatenation, and the context is reusable.
        #expect(hasher.digest(Array("a".utf8), Array("bc".utf8)).hex == hasher.digest(Array("abc".utf8)).hex)
    }

    @Test("decode ∘ encode is the identity on every sample entry, in a state of the decoder's own")
    func roundTrip() throws {
        let writer = LedgerWriter(genesis: SampleLedger.genesis)
        var decoderState = LedgerState(genesis: SampleLedger.genesis)
        for entry in SampleLedger.entries(for: writer) {
            let seq = writer.nextSeq
            try writer.append(entry)
            var numbered = entry
            numbered.seq = seq
            let bytes = EntryEncoding.encode(numbered, names: writer.state)
            let decoded = try EntryDecoding.decode(bytes, state: &decoderState)
            #expect(EntryEncoding.encode(decoded, names: decoderState) == bytes)
            #expect(decoded.kind == numbered.kind && decoded.payload == numbered.payload && decoded.reason == numbered.reason)
            #expect(decoded.providerIndex == numbered.providerIndex)
            decoderState.apply(decoded)
        }
    }

    @Test("entries differing in any one field encode differently")
    func injective() {
        var state = LedgerState(genesis: EncodingVectors.genesis)
        let base = EncodingVectors.entry(in: &state)
        let free = state.accounts.intern(.providerFree("alice"))
        var variants: [Entry] = [base]
        var e = base; e.seq += 1; variants.append(e)
        e = base; e.time += 1; variants.append(e)
        e = base; e.provider = nil; variants.append(e)
        e = base; e.task = "alice"; e.provider = nil; variants.append(e)
        e = base; e.user = "alice"; e.provider = nil; variants.append(e)
        e = base; e.amountAtto = nil; variants.append(e)
        e = base; e.reason = .text(""); variants.append(e)
        e = base; e.transfers = TransferList(); variants.append(e)
        e = base; e.transfers[0].debit = free; variants.append(e)
        e = base; e.payload = .ubiFail(j: 1, SlashParts(fe: 5_122_850_000_000_000_000, fb: 0, ub: 0)); variants.append(e)
        e = base; e.origin = .script; variants.append(e)
        let encodings = Set(variants.map { EntryEncoding.encode($0, names: state) })
        #expect(encodings.count == variants.count)
    }

    @Test("unknown versions, trailing bytes, bad presence bits, long forms and spelled-out own owners are refused")
    func refusals() {
        var state = LedgerState(genesis: EncodingVectors.genesis)
        let good = EncodingVectors.entryBytes()
        func refused(_ bytes: [UInt8]) -> Bool {
            var fresh = LedgerState(genesis: EncodingVectors.genesis)
            return (try? EntryDecoding.decode(bytes, state: &fresh)) == nil
        }
        var bytes = good
        bytes[15] = UInt8(ascii: "2")  // "swansim-entry/2"
        #expect(throws: EntryDecoding.DecodingError.unknownVersion("swansim-entry/2")) { try EntryDecoding.decode(bytes, state: &state) }
        #expect(refused(good + [0]))
        var writer = ByteWriter()
        writer.text("x")
        #expect(refused(writer.bytes))
        // The presence byte follows the version (16 bytes), seq (2), day (2), time (3), kind and origin.
        #expect(good[25] == 0x12)
        var presence = good
        presence[25] = 0x52
        #expect(refused(presence))
        // The amount in a longer form than it needs (09 00 47 … instead of 08 47 …).
        let amountAt = 16 + 2 + 2 + 3 + 3 + 6
        #expect(good[amountAt] == 8)
        #expect(refused(Array(good[..<amountAt]) + [9, 0] + Array(good[(amountAt + 1)...])))
        // The debit, alice's own escrow (8a), spelled out as code 10 and "alice".
        let debitAt = amountAt + 9 + 1
        #expect(good[debitAt] == 0x8a)
        #expect(refused(Array(good[..<debitAt]) + [10, 5] + Array("alice".utf8) + Array(good[(debitAt + 1)...])))
        // An account code no account has.
        var code = good
        code[debitAt] = 11
        #expect(refused(code))
        #expect(!refused(good))
    }

    @Test("Merkle roots follow RFC 6962 for 1…9 leaves")
    func merkleShape() throws {
        let hasher = try OpenSSLSHA256()
        func reference(_ leaves: ArraySlice<Digest32>) -> Digest32 {
            if leaves.count == 1 { return hasher.digest([0x00], leaves[leaves.startIndex].bytes) }
            var k = 1
            while k * 2 < leaves.count { k *= 2 }
            let split = leaves.startIndex + k
            return hasher.digest([0x01], reference(leaves[..<split]).bytes, reference(leaves[split...]).bytes)
        }
        let leaves = (0..<9).map { hasher.digest(Array("leaf-\($0)".utf8)) }
        var roots: Set<Digest32> = []
        for n in 1...9 {
            let root = LedgerHashing.merkleRoot(Array(leaves.prefix(n)), hasher: hasher)
            #expect(root == reference(leaves.prefix(n)[...]), "n = \(n)")
            roots.insert(root)
        }
        #expect(roots.count == 9)
        // The root of [a, b, c] differs from the root of [node(a, b), c]: no shortcut collisions.
        let ab = hasher.digest([0x01], hasher.digest([0x00], leaves[0].bytes).bytes, hasher.digest([0x00], leaves[1].bytes).bytes)
        #expect(LedgerHashing.merkleRoot([ab, leaves[2]], hasher: hasher) != LedgerHashing.merkleRoot(Array(leaves.prefix(3)), hasher: hasher))
    }

    @Test("the writer seals a block at each day_close and refuses out-of-order entries")
    func writerOrdering() throws {
        let blocks = try SampleLedger.blocks(hasher: try OpenSSLSHA256())
        #expect(blocks.map(\.header.day) == [0, 1])
        #expect(blocks.map(\.header.entryCount) == [7, 9])
        #expect(blocks[1].header.previousBlockHash == blocks[0].hash)
        #expect(blocks[0].header.closeTime == 0 && blocks[1].header.closeTime == 86_399)
        let names = blocks[0].sealed.snapshot.names.bytes
        let snapshot = blocks[0].sealed.snapshot.rows.map { row in
            String(decoding: names[Int(row.name.start)..<Int(row.name.start + row.name.count)], as: UTF8.self)
        }
        #expect(snapshot == ["cp/alice/free", "cp/alice/wallet", "reserve", "ubi_pool"])
        let writer = LedgerWriter(genesis: SampleLedger.genesis)
        try writer.append(SampleLedger.entries(for: writer)[0])
        #expect(throws: LedgerAppendError.self) {
            try writer.append(Entry(day: 1, time: 5, kind: .dayClose, origin: .engine, payload: .dayClose(day: 1)))
        }
    }
}
