/// A day's block as the writer seals it: every entry encoded back to back in one buffer,
/// the typed columns pointing into it, the state bytes and the `account_day` rows. Nothing
/// is hashed yet: the hashing stage (`BlockChain`) does that from exactly these bytes.
public struct SealedBlock: Sendable {
    public var day: Int64
    public var firstSeq: Int64
    /// E(entry) of every entry, in seq order.
    public var bytes: ByteWriter
    public var entries: [EncodedEntry]
    public var transfers: [EncodedTransfer]
    /// The transfers' account names, back to back (`EncodedTransfer` spans point here).
    public var transferNames: ByteWriter
    /// The canonical state after the block's last entry (docs/LEDGER-ENCODING.md "State root").
    public var stateBytes: ByteWriter
    /// Accounts (never `genesis`) non-zero at the close or changed during the day, by name bytes.
    public var snapshot: AccountSnapshot
    /// The entries as made, when the writer keeps them (tests).
    public var made: [Entry]

    /// The bytes of entry `index` of this block.
    public func withEntryBytes<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let entry = entries[index]
        return try bytes.bytes.withUnsafeBytes {
            try body(UnsafeRawBufferPointer(rebasing: $0[Int(entry.start)..<Int(entry.start + entry.count)]))
        }
    }
}

/// Why an entry cannot be appended.
public enum LedgerAppendError: Error, Equatable, Sendable {
    /// An entry's day is not the open block's day, or time went backwards (invariant I12).
    case ordering(seq: Int64, problem: String)
}

/// Numbers, folds and encodes entries, and seals a block at each `day_close`.
///
/// The one fold of a run's writer side: `state` is what the engine decides from, and each
/// entry is applied to it exactly once, then encoded into the open block's buffer. Pure:
/// hashing and storing happen downstream of the sealed block.
public final class LedgerWriter {
    public private(set) var state: LedgerState
    public private(set) var nextSeq: Int64 = 0
    /// The day of the block being filled.
    public private(set) var openDay: Int64 = 0
    private var lastTime: Int64 = 0
    private let keepsEntries: Bool
    // The open block, field by field (separate stored properties so that encoding can write
    // the buffer and the transfer column at once).
    private var firstSeq: Int64 = 0
    private var bytes = ByteWriter(capacity: 1 << 16)
    private var entries: [EncodedEntry] = []
    private var transfers: [EncodedTransfer] = []
    private var transferNames = ByteWriter(capacity: 1 << 14)
    private var made: [Entry] = []

    /// - Parameter keepsEntries: whether sealed blocks also carry the entries as made.
    public init(genesis: LedgerState.Genesis, keepsEntries: Bool = false) {
        state = LedgerState(genesis: genesis)
        self.keepsEntries = keepsEntries
    }

    /// The id of an account, adding it to the state's table if new.
    public func account(_ name: AccountName) -> AccountID { state.accounts.intern(name) }

    /// Appends one entry (its `seq` is assigned here); returns the sealed block at a `day_close`.
    @discardableResult
    public func append(_ proposed: Entry) throws(LedgerAppendError) -> SealedBlock? {
        var entry = proposed
        entry.seq = nextSeq
        guard entry.day == openDay else {
            throw .ordering(seq: entry.seq, problem: "day \(entry.day) in block \(openDay)")
        }
        guard entry.time >= lastTime else {
            throw .ordering(seq: entry.seq, problem: "time \(entry.time) before \(lastTime)")
        }
        state.apply(entry)
        // `state` goes inout beside the two buffers: distinct stored properties, none copied (a
        // borrowed read next to inout buffers made the compiler copy the state, per entry).
        entries.append(EntryEncoding.encode(entry, names: &state, into: &bytes, transfers: &transfers,
                                                  transferNames: &transferNames))
        if keepsEntries { made.append(entry) }
        lastTime = entry.time
        nextSeq += 1
        return entry.kind == .dayClose ? seal() : nil
    }

    private func seal() -> SealedBlock {
        var stateBytes = ByteWriter(capacity: 4096)
        var snapshot = AccountSnapshot()
        state.seal(state: &stateBytes, snapshot: &snapshot)
        assert(state.checkInvariants())
        let block = SealedBlock(day: openDay, firstSeq: firstSeq, bytes: bytes, entries: entries, transfers: transfers,
                                transferNames: transferNames, stateBytes: stateBytes, snapshot: snapshot, made: made)
        // The next block's buffers start at this one's size: one allocation per block, not per entry.
        bytes = ByteWriter(capacity: bytes.count)
        transferNames = ByteWriter(capacity: transferNames.count)
        entries = []
        entries.reserveCapacity(block.entries.count)
        transfers = []
        transfers.reserveCapacity(block.transfers.count)
        made = []
        openDay += 1
        firstSeq = nextSeq
        return block
    }
}
