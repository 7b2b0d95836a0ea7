/// An entry row as stored, before any trust is placed in it.
public struct StoredEntry: Sendable {
    public var seq: Int64
    public var day: Int64
    public var time: Int64
    public var kind: String
    public var origin: String
    public var scriptIndex: Int64?
    public var provider: String?
    public var task: String?
    public var user: String?
    public var amountAtto: String?
    public var reason: String?
    public var payload: [UInt8]
    public var previousHash: String
    public var hash: String
    public var transfers: [StoredTransfer]

    public init(seq: Int64, day: Int64, time: Int64, kind: String, origin: String, scriptIndex: Int64?,
                provider: String?, task: String?, user: String?, amountAtto: String?, reason: String?,
                payload: [UInt8], previousHash: String, hash: String, transfers: [StoredTransfer]) {
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

/// A transfer row as stored.
public struct StoredTransfer: Sendable {
    public var index: Int64
    public var debit: String
    public var credit: String
    public var amountAtto: String

    public init(index: Int64, debit: String, credit: String, amountAtto: String) {
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
        case .ledger: "ledger"
        }
        return "\(place): \(field) mismatch: expected \(expected), found \(found)"
    }
}

/// Recomputes a stored ledger from its rows (OUTPUTS.md §4; invariant I13).
///
/// Feed every entry in seq order and, after each `day_close`, that day's block row.
/// It checks the hash chain, that each payload decodes canonically to the typed columns
/// and transfer rows, and each block's range, Merkle root, state root, link and hash.
public struct LedgerVerifier {
    private var state: LedgerState
    private let hasher: SHA256Hashing
    private var head = Digest32.zero
    private var headBlock = Digest32.zero
    private var blockHashes: [Digest32] = []
    private var blockFirstSeq: Int64 = 0
    private var blockDay: Int64 = 0
    private var lastTime: Int64 = 0
    /// True after a `day_close`, until its block row has been verified.
    public private(set) var awaitingBlock = false
    public private(set) var entriesVerified: Int64 = 0
    public private(set) var blocksVerified: Int64 = 0

    public init(genesis: LedgerState.Genesis, hasher: SHA256Hashing) {
        state = LedgerState(genesis: genesis)
        self.hasher = hasher
    }

    /// The hash of the last verified entry.
    public var headHash: Digest32 { head }
    /// The hash of the last verified block.
    public var headBlockHash: Digest32 { headBlock }

    /// Checks one entry row and returns it decoded; `awaitingBlock` is set after a `day_close`.
    @discardableResult
    public mutating func verify(entry row: StoredEntry) throws(VerificationFailure) -> Entry {
        try verify(seq: row.seq, payload: row.payload, previousHashMatches: row.previousHash == head.hex,
                   previousHashText: { row.previousHash }, hashText: { row.hash }) { entry, here throws(VerificationFailure) in
            try Self.compare(entry, with: row, at: here)
        }
    }

    /// Checks an entry as a run hands it to the store: its payload bytes and its chain
    /// digests, against the decoded payload's equality with the entry that was encoded.
    @discardableResult
    public mutating func verify(hashed: HashedEntry) throws(VerificationFailure) -> Entry {
        let previousMatches = hashed.previousHash == head
        return try verify(seq: hashed.entry.seq, payload: hashed.payload, previousHashMatches: previousMatches,
                          previousHashText: { hashed.previousHash.hex }, hashText: { hashed.hash.hex },
                          storedHash: hashed.hash, checkCanonical: false) { entry, here throws(VerificationFailure) in
            guard entry == hashed.entry else {
                throw VerificationFailure(here, "payload", expected: "the entry as appended", found: "a different decoding")
            }
        }
    }

    private mutating func verify(
        seq: Int64, payload: [UInt8], previousHashMatches: Bool, previousHashText: () -> String, hashText: () -> String,
        storedHash: Digest32? = nil, checkCanonical: Bool = true,
        compareTyped: (Entry, VerificationFailure.Location) throws(VerificationFailure) -> Void
    ) throws(VerificationFailure) -> Entry {
        let here = VerificationFailure.Location.entry(seq: entriesVerified)
        guard !awaitingBlock else {
            throw VerificationFailure(.block(day: blockDay), "block row", expected: "block \(blockDay) after its day_close", found: "seq \(seq)")
        }
        guard seq == entriesVerified else {
            throw VerificationFailure(here, "seq", expected: String(entriesVerified), found: String(seq))
        }
        guard previousHashMatches else {
            throw VerificationFailure(here, "prev_hash", expected: head.hex, found: previousHashText())
        }
        let computed = LedgerHashing.entryHash(previous: head, payload: payload, hasher: hasher)
        let hashMatches = storedHash.map { $0 == computed } ?? (hashText() == computed.hex)
        guard hashMatches else {
            throw VerificationFailure(here, "hash", expected: computed.hex, found: hashText())
        }
        let entry: Entry
        do {
            entry = try EntryEncoding.decode(payload, checkCanonical: checkCanonical)
        } catch {
            throw VerificationFailure(here, "payload", expected: "a canonical \(EntryEncoding.version) encoding", found: "\(error)")
        }
        try compareTyped(entry, here)
        guard entry.day == blockDay else {
            throw VerificationFailure(here, "day", expected: "\(blockDay) (the open block)", found: String(entry.day))
        }
        guard entry.time >= lastTime else {
            throw VerificationFailure(here, "time", expected: "≥ \(lastTime)", found: String(entry.time))
        }
        state.apply(entry)
        blockHashes.append(computed)
        head = computed
        lastTime = entry.time
        entriesVerified += 1
        if entry.kind == .dayClose { awaitingBlock = true }
        return entry
    }

    /// Checks a sealed block as a run hands it to the store.
    public mutating func verify(sealed block: SealedBlock) throws(VerificationFailure) {
        let h = block.header
        try verify(block: StoredBlock(
            day: h.day, firstSeq: h.firstSeq, lastSeq: h.lastSeq, entryCount: h.entryCount, closeTime: h.closeTime,
            merkleRoot: h.merkleRoot.hex, stateRoot: h.stateRoot.hex, previousBlockHash: h.previousBlockHash.hex,
            blockHash: block.hash.hex))
    }

    private static func compare(_ entry: Entry, with row: StoredEntry, at here: VerificationFailure.Location) throws(VerificationFailure) {
        func fail(_ field: String, _ expected: String?, _ found: String?) -> VerificationFailure {
            VerificationFailure(here, field, expected: expected ?? "NULL", found: found ?? "NULL")
        }
        // Numbers compare as numbers; text is built only to report a mismatch.
        if entry.seq != row.seq { throw fail("seq", String(entry.seq), String(row.seq)) }
        if entry.day != row.day { throw fail("day", String(entry.day), String(row.day)) }
        if entry.time != row.time { throw fail("time", String(entry.time), String(row.time)) }
        if entry.kind.rawValue != row.kind { throw fail("kind", entry.kind.rawValue, row.kind) }
        if entry.origin.rawValue != row.origin { throw fail("origin", entry.origin.rawValue, row.origin) }
        if entry.scriptIndex != row.scriptIndex {
            throw fail("script_index", entry.scriptIndex.map { String($0) }, row.scriptIndex.map { String($0) })
        }
        if entry.provider != row.provider { throw fail("provider", entry.provider, row.provider) }
        if entry.task != row.task { throw fail("task", entry.task, row.task) }
        if entry.user != row.user { throw fail("user", entry.user, row.user) }
        if entry.amountAtto.map({ String($0) }) != row.amountAtto {
            throw fail("amount_atto", entry.amountAtto.map { String($0) }, row.amountAtto)
        }
        if entry.reason != row.reason { throw fail("reason", entry.reason, row.reason) }
        if entry.transfers.count != row.transfers.count {
            throw fail("transfer count", String(entry.transfers.count), String(row.transfers.count))
        }
        for (index, (transfer, stored)) in zip(entry.transfers, row.transfers).enumerated() {
            if stored.index != Int64(index) { throw fail("transfer \(index) idx", String(index), String(stored.index)) }
            if transfer.debit.text != stored.debit { throw fail("transfer \(index) debit", transfer.debit.text, stored.debit) }
            if transfer.credit.text != stored.credit { throw fail("transfer \(index) credit", transfer.credit.text, stored.credit) }
            let amount = String(transfer.amountAtto)
            if amount != stored.amountAtto { throw fail("transfer \(index) amount_atto", amount, stored.amountAtto) }
        }
    }

    /// Checks the block row that follows a `day_close`.
    public mutating func verify(block row: StoredBlock) throws(VerificationFailure) {
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
        let stateRoot = state.root(hasher: hasher)
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
        guard !awaitingBlock, blockHashes.isEmpty else {
            throw VerificationFailure(.block(day: blockDay), "block", expected: "a block row sealing day \(blockDay)", found: "none")
        }
        guard blockRows == blocksVerified else {
            throw VerificationFailure(.ledger, "block count", expected: String(blocksVerified), found: String(blockRows))
        }
    }
}
