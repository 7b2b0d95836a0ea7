import SwanCore
import SwanCrypto

/// The test vectors of docs/LEDGER-ENCODING.md, computed from their definitions.
///
/// `LedgerEncodingTests` checks that the document quotes exactly these values, so the
/// document cannot drift from the code.
enum EncodingVectors {
    static let swan = Decimal18.scale

    /// The complete entry of the document: a failed UBI task slashed from escrow.
    static let entry = Entry(
        seq: 9, day: 1, time: 1799, kind: .ubiFail, origin: .engine, provider: "alice",
        amountAtto: 5_122_850_000_000_000_000,
        transfers: [Transfer(debit: .providerEscrow("alice"), credit: .slashedFunds, amountAtto: 5_122_850_000_000_000_000)],
        payload: [PayloadField("j", .integer(0)), PayloadField("fe", .integer(5_122_850_000_000_000_000)),
                  PayloadField("fb", .integer(0)), PayloadField("ub", .integer(0))])

    /// Merkle leaves: SHA-256 of the ASCII strings "swansim-0", "swansim-1", "swansim-2".
    static func leaves(_ hasher: SHA256Hashing) -> [Digest32] {
        (0..<3).map { hasher.digest(Array("swansim-\($0)".utf8)) }
    }

    /// A small state: catalog {RTX 4090: 2.9}, after genesis, registering alice and her status.
    static func state() -> LedgerState {
        var state = LedgerState(genesis: .init(cBaseAtto: 3533 * swan, cTotalAtto: 10_000_000 * swan,
                                               cuByModel: ["RTX 4090": 29], benchmarkLadder: false))
        state.apply(Entry(day: 0, time: 0, kind: .genesis, origin: .genesis, amountAtto: 1000 * swan,
                          transfers: [Transfer(debit: .genesis, credit: .reserve, amountAtto: 1000 * swan)]))
        state.apply(Entry(day: 0, time: 0, kind: .register, origin: .genesis, provider: "alice", payload: [
            PayloadField("kind", .text("ecp")), PayloadField("cards", .list([.list([.text("RTX 4090"), .integer(2)])])),
            PayloadField("ubi_failure_rate", .integer(0)), PayloadField("task_failure_rate", .integer(0))]))
        state.apply(Entry(day: 0, time: 0, kind: .status, origin: .engine, provider: "alice", reason: "register", payload: [
            PayloadField("from", .text("none")), PayloadField("to", .text("nsc")), PayloadField("free", .integer(0)),
            PayloadField("escrow", .integer(0)), PayloadField("required", .integer(20_491_400_000_000_000_000_000)),
            PayloadField("cause_seq", .integer(1))]))
        return state
    }

    /// A header over the three-leaf Merkle root and the small state.
    static func header(_ hasher: SHA256Hashing) -> LedgerHashing.BlockHeader {
        let leaves = leaves(hasher)
        return LedgerHashing.BlockHeader(
            day: 1, firstSeq: 7, lastSeq: 9, entryCount: 3, closeTime: 86_399,
            merkleRoot: LedgerHashing.merkleRoot(leaves, hasher: hasher), stateRoot: state().root(hasher: hasher),
            previousBlockHash: .zero, lastEntryHash: leaves[2])
    }
}
