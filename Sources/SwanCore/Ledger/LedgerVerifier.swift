/// A text or blob cell as stored: its bytes, or nil for SQL NULL.
///
/// Non-owning: valid only while the row it was read from is current, so verifying a
/// ledger makes no `String` per cell.
public struct StoredText {
    public var bytes: UnsafeRawBufferPointer?

    public init(_ bytes: UnsafeRawBufferPointer?) {
        self.bytes = bytes
    }

    public static var null: StoredText { StoredText(nil) }

    /// Whether the cell holds exactly `text` (both NULL counts as equal).
    public func equals(_ text: String?) -> Bool {
        guard var text else { return bytes == nil }
        guard let bytes else { return false }
        return text.withUTF8 { sameBytes(UnsafeRawBufferPointer($0), bytes) }
    }

    /// Whether the cell holds exactly these bytes.
    public func equals(bytes other: UnsafeRawBufferPointer) -> Bool {
        guard let bytes else { return false }
        return sameBytes(bytes, other)
    }

    /// The cell as text, for messages.
    public var string: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
}

/// An entry row as stored, before any trust is placed in it (cells are non-owning views).
public struct StoredEntry {
    public var seq: Int64
    public var day: Int64
    public var time: Int64
    public var kind: StoredText
    public var origin: StoredText
    public var scriptIndex: Int64?
    public var provider: StoredText
    public var task: StoredText
    public var user: StoredText
    public var amountAtto: StoredText
    public var reason: StoredText
    public var payload: UnsafeRawBufferPointer
    public var previousHash: StoredText
    public var hash: StoredText
    /// The entry's transfer rows, in `idx` order as read.
    public var transfers: [StoredTransfer]

    public init(seq: Int64, day: Int64, time: Int64, kind: StoredText, origin: StoredText, scriptIndex: Int64?,
                provider: StoredText, task: StoredText, user: StoredText, amountAtto: StoredText, reason: StoredText,
                payload: UnsafeRawBufferPointer, previousHash: StoredText, hash: StoredText, transfers: [StoredTransfer]) {
        self.seq = seq
        self.day = day
        self.time = time
        self.kind = kind
        self.origin = origin
        self.scriptIndex = scriptIndex
        self.provider = provider
        self.task = task
        self.user = user
        self.amountAtto = amountAtto
        self.reason = reason
        self.payload = payload
        self.previousHash = previousHash
        self.hash = hash
        self.transfers = transfers
    }
}

/// A transfer row as stored (cells are non-owning views).
public struct StoredTransfer {
    public var index: Int64
    public var debit: StoredText
    public var credit: StoredText
    public var amountAtto: StoredText

    public init(index: Int64, debit: StoredText, credit: StoredText, amountAtto: StoredText) {
        self.index = index
        self.debit = debit
        self.credit = credit
        self.amountAtto = amountAtto
    }
}

/// A block row as stored.
public struct StoredBlock: Sendable {
    public var day: Int64
    public var firstSeq: Int64
    public var lastSeq: Int64
    public var entryCount: Int64
    public var closeTime: Int64
    public var merkleRoot: String
    public var stateRoot: String
    public var previousBlockHash: String
    public var blockHash: String

    public init(day: Int64, firstSeq: Int64, lastSeq: Int64, entryCount: Int64, closeTime: Int64,
                merkleRoot: String, stateRoot: String, previousBlockHash: String, blockHash: String) {
        self.day = day
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.entryCount = entryCount
        self.closeTime = closeTime
        self.merkleRoot = merkleRoot
        self.stateRoot = stateRoot
        self.previousBlockHash = previousBlockHash
        self.blockHash = blockHash
    }
}

/// The first place where a stored ledger disagrees with its recomputation.
public struct VerificationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the mismatch is.
    public enum Location: Equatable, Sendable {
        case entry(seq: Int64)
        case block(day: Int64)
        /// A row of a table derived from the entries (or of `meta`), named by its key: `day 3, provider cp2`.
        case row(table: String, key: String)
        /// A place in an output file beside the ledger (WORKFLOW.md §9.3): `days.csv line 3`,
        /// `summary.json $.totals.ubi_paid`.
        case file(name: String, place: String)
        case ledger
    }

    public var location: Location
    /// The field or check that failed (`hash`, `prev_hash`, `merkle_root`, `transfer 0 amount_atto` …).
    public var field: String
    public var expected: String
    public var found: String

    public init(_ location: Location, _ field: String, expected: String, found: String) {
        self.location = location
        self.field = field
        self.expected = expected
        self.found = found
    }

    public var description: String {
        let place = switch location {
        case .entry(let seq): "seq \(seq)"
        case .block(let day): "block \(day)"
        case .row(let table, let key): key.isEmpty ? table : "\(table) (\(key))"
        case .file(let name, let place): "\(name) \(place)"
        case .ledger: "ledger"
        }
        return "\(place): \(field) mismatch: expected \(expected), found \(found)"
    }
}

extension VerificationFailure {
    /// A value as a failure message shows it: at most 80 characters, a longer one cut with "...".
    public static func shown(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(77)) + "..." : text
    }
}

/// Recomputes a stored ledger from its rows (OUTPUTS.md §4; invariant I13).
///
/// Feed every entry in seq order and, after each `day_close`, that day's block row. It
/// checks the hash chain, that each payload decodes (strictly, so canonically) to the
/// typed columns and transfer rows, and each block's range, Merkle root, state root, link
/// and hash. It keeps no state of its own: entries are decoded into the caller's
/// `LedgerState`, which the caller folds (the checker does, once per entry), and the
/// state root is taken from that state.
public struct LedgerVerifier {
    private let hasher: SHA256Hashing
    private var head = Digest32.zero
    private var headBlock = Digest32.zero
    private var blockHashes: [Digest32] = []
    private var blockFirstSeq: Int64 = 0
    private var blockDay: Int64 = 0
    private var lastTime: Int64 = 0
    private var stateBytes = ByteWriter(capacity: 1 << 16)
    /// The `account_day` rows of the last verified block, as its state root listed them.
    public private(set) var accounts = AccountSnapshot()
    private var scratch: [UInt8] = []
    /// True after a `day_close`, until its block row has been verified.
    public private(set) var awaitingBlock = false
    public private(set) var entriesVerified: Int64 = 0
    public private(set) var blocksVerified: Int64 = 0

    public init(hasher: SHA256Hashing) {
        self.hasher = hasher
    }

    /// The hash of the last verified entry.
    public var headHash: Digest32 { head }
    /// The block being verified: the one the next entry or block row belongs to.
    public var openBlockDay: Int64 { blockDay }
    /// The hash of the last verified block.
    public var headBlockHash: Digest32 { headBlock }

    /// Checks one entry row and returns it decoded into `state` (not yet folded).
    public mutating func verify(entry row: StoredEntry, state: inout LedgerState) throws(VerificationFailure) -> Entry {
        let here = VerificationFailure.Location.entry(seq: entriesVerified)
        guard !awaitingBlock else {
            throw VerificationFailure(.block(day: blockDay), "block row", expected: "block \(blockDay) after its day_close", found: "seq \(row.seq)")
        }
        guard row.seq == entriesVerified else {
            throw VerificationFailure(here, "seq", expected: String(entriesVerified), found: String(row.seq))
        }
        guard hexEquals(row.previousHash, head) else {
            throw VerificationFailure(here, "prev_hash", expected: head.hex, found: row.previousHash.string ?? "NULL")
        }
        let computed = LedgerHashing.entryHash(previous: head, payload: row.payload, hasher: hasher)
        guard hexEquals(row.hash, computed) else {
            throw VerificationFailure(here, "hash", expected: computed.hex, found: row.hash.string ?? "NULL")
        }
        let entry: Entry
        do {
            entry = try EntryDecoding.decode(row.payload, state: &state)

        } catch {
            throw VerificationFailure(here, "payload", expected: "a canonical \(EntryEncoding.version) encoding", found: error.description)
        }
        try StoredColumns.compare(entry, with: row, names: state, scratch: &scratch, at: here)
        guard entry.day == blockDay else {
            throw VerificationFailure(here, "day", expected: "\(blockDay) (the open block)", found: String(entry.day))
        }
        guard entry.time >= lastTime else {
            throw VerificationFailure(here, "time", expected: "≥ \(lastTime)", found: String(entry.time))
        }
        blockHashes.append(computed)
        head = computed
        lastTime = entry.time
        entriesVerified += 1
        if entry.kind == .dayClose { awaitingBlock = true }
        return entry
    }

    /// Checks the block row that follows a `day_close`, against `state` folded through it.
    public mutating func verify(block row: StoredBlock, state: inout LedgerState) throws(VerificationFailure) {
        let here = VerificationFailure.Location.block(day: blockDay)
        guard awaitingBlock else {
            throw VerificationFailure(here, "block", expected: "entries up to a day_close", found: "block \(row.day)")
        }
        func check(_ field: String, _ expected: String, _ found: String) throws(VerificationFailure) {
            guard expected == found else { throw VerificationFailure(here, field, expected: expected, found: found) }
        }
        let lastSeq = entriesVerified - 1
        try check("day", String(blockDay), String(row.day))
        try check("first_seq", String(blockFirstSeq), String(row.firstSeq))
        try check("last_seq", String(lastSeq), String(row.lastSeq))
        try check("entry_count", String(blockHashes.count), String(row.entryCount))
        try check("close_time", String(LedgerHashing.closeTime(day: blockDay)), String(row.closeTime))
        let merkle = LedgerHashing.merkleRoot(blockHashes, hasher: hasher)
        try check("merkle_root", merkle.hex, row.merkleRoot)
        stateBytes.clear()
        accounts.clear()
        state.seal(state: &stateBytes, snapshot: &accounts)
        let stateRoot = hasher.digest(stateBytes)
        try check("state_root", stateRoot.hex, row.stateRoot)
        try check("prev_block_hash", headBlock.hex, row.previousBlockHash)
        let header = LedgerHashing.BlockHeader(
            day: blockDay, firstSeq: blockFirstSeq, lastSeq: lastSeq, entryCount: Int64(blockHashes.count),
            closeTime: LedgerHashing.closeTime(day: blockDay), merkleRoot: merkle, stateRoot: stateRoot,
            previousBlockHash: headBlock, lastEntryHash: head)
        let blockHash = header.hash(hasher: hasher)
        try check("block_hash", blockHash.hex, row.blockHash)
        headBlock = blockHash
        blockHashes.removeAll(keepingCapacity: true)
        blockFirstSeq = entriesVerified
        blockDay += 1
        blocksVerified += 1
        awaitingBlock = false
    }

    /// Checks that the ledger ended at a sealed block and that no rows were left over.
    public func finish(blockRows: Int64) throws(VerificationFailure) {
        guard entriesVerified > 0 else {
            throw VerificationFailure(.ledger, "entries", expected: "at least the genesis block", found: "none")
        }
        guard !awaitingBlock else {
            throw VerificationFailure(.block(day: blockDay), "block", expected: "a block row sealing day \(blockDay)", found: "none")
        }
        guard blockHashes.isEmpty else {
            throw VerificationFailure(.block(day: blockDay), "day_close", expected: "entries of day \(blockDay) ending in a day_close",
                                      found: "\(blockHashes.count) entries after the last day_close")
        }
        guard blockRows == blocksVerified else {
            throw VerificationFailure(.ledger, "block count", expected: String(blocksVerified), found: String(blockRows))
        }
    }
}

/// Whether a stored hash cell is exactly the 64 lowercase hex characters of `digest`.
func hexEquals(_ cell: StoredText, _ digest: Digest32) -> Bool {
    guard let bytes = cell.bytes, bytes.count == 64 else { return false }
    return digest.withHexBytes { sameBytes($0, bytes) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
