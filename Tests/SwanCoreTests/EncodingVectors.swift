import SwanCore
import SwanCrypto

/// The test vectors of docs/LEDGER-ENCODING.md, computed from their definitions.
///
/// `LedgerEncodingTests` checks that the document quotes exactly these values, so the
/// document cannot drift from the code.
enum EncodingVectors {
    static let swan = Decimal18.scale

    /// The genesis of the small state: catalog {RTX 4090: 2.9}.
    static let genesis = LedgerState.Genesis(cBaseAtto: 3533 * swan, cTotalAtto: 10_000_000 * swan,
                                             models: [("RTX 4090", 29)], benchmarkLadder: false)

    /// The complete entry of the document: a failed UBI task slashed from escrow, with the
    /// account ids of `state`.
    static func entry(in state: inout LedgerState) -> Entry {
        let escrow = state.accounts.intern(.providerEscrow("alice"))
        return Entry(
            seq: 9, day: 1, time: 1799, kind: .ubiFail, origin: .engine, provider: "alice",
            amountAtto: 5_122_850_000_000_000_000,
            transfers: TransferList([Transfer(debit: escrow, credit: .slashedFunds, amountAtto: 5_122_850_000_000_000_000)]),
            payload: .ubiFail(j: 0, SlashParts(fe: 5_122_850_000_000_000_000, fb: 0, ub: 0)))
    }

    /// E(entry) of the document's entry.
    static func entryBytes() -> [UInt8] {
        var state = LedgerState(genesis: genesis)
        let entry = entry(in: &state)
        return EntryEncoding.encode(entry, names: state)
    }

    /// Merkle leaves: SHA-256 of the ASCII strings "swansim-0", "swansim-1", "swansim-2".
    static func leaves(_ hasher: SHA256Hashing) -> [Digest32] {
        (0..<3).map { hasher.digest(Array("swansim-\($0)".utf8)) }
    }

    /// The small state after genesis, registering alice and her status.
    static func state() -> LedgerState {
        var state = LedgerState(genesis: genesis)
        state.apply(Entry(day: 0, time: 0, kind: .genesis, origin: .genesis, amountAtto: 1000 * swan,
                          transfers: TransferList([Transfer(debit: .genesis, credit: .reserve, amountAtto: 1000 * swan)])))
        state.apply(Entry(day: 0, time: 0, kind: .register, origin: .genesis, provider: "alice", providerIndex: 0,
                          payload: .register(RegisterTerms(kind: .ecp, cards: [CardCount(model: 0, count: 2)],
                                                           ubiFailureRateWad: 0, taskFailureRateWad: 0))))
        state.apply(Entry(day: 0, time: 0, kind: .status, origin: .engine, provider: "alice", providerIndex: 0,
                          reason: .cause(.register),
                          payload: .status(StatusChange(from: .none, to: .nsc, freeAtto: 0, escrowAtto: 0,
                                                        requiredAtto: 20_491_400_000_000_000_000_000, causeSeq: 1))))
        return state
    }

    /// The canonical bytes of the small state.
    static func stateBytes() -> [UInt8] {
        var state = state()
        return state.encoded()
    }

    /// A header over the three-leaf Merkle root and the small state.
    static func header(_ hasher: SHA256Hashing) -> LedgerHashing.BlockHeader {
        let leaves = leaves(hasher)
        return LedgerHashing.BlockHeader(
            day: 1, firstSeq: 7, lastSeq: 9, entryCount: 3, closeTime: 86_399,
            merkleRoot: LedgerHashing.merkleRoot(leaves, hasher: hasher), stateRoot: hasher.digest(stateBytes()),
            previousBlockHash: .zero, lastEntryHash: leaves[2])
    }
}
