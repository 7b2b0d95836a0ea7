/// An entry as appended: its encoding and its place in the hash chain.
public struct HashedEntry: Sendable {
    public var entry: Entry
    public var payload: [UInt8]
    public var previousHash: Digest32
    public var hash: Digest32
}

/// A sealed block: its header, hash and the account snapshot of OUTPUTS.md §2 `account_day`.
public struct SealedBlock: Sendable {
    public var header: LedgerHashing.BlockHeader
    public var hash: Digest32
    /// Entries of the block in seq order.
    public var entries: [HashedEntry]
    /// Accounts (never `genesis`) whose balance is non-zero at the close or changed during
    /// the day, sorted by name bytes.
    public var snapshot: [(account: AccountName, balanceAtto: Int128)]
}

/// Why an entry cannot be appended.
public enum LedgerAppendError: Error, Equatable, Sendable {
    /// An entry's day is not the open block's day, or time went backwards (invariant I12).
    case ordering(seq: Int64, problem: String)
}

/// Appends entries to the hash chain and seals a block at each `day_close`.
///
/// Data flows one way: the engine makes entries, the builder numbers, encodes, hashes and
/// folds them into `LedgerState`, and hands each sealed block to whoever stores it.
public struct LedgerBuilder {
    public private(set) var state: LedgerState
    private let hasher: SHA256Hashing
    public private(set) var nextSeq: Int64 = 0
    public private(set) var headHash = Digest32.zero
    public private(set) var headBlockHash = Digest32.zero
    /// The day of the block being filled.
    public private(set) var openDay: Int64 = 0
    private var lastTime: Int64 = 0
    private var open: [HashedEntry] = []
    private var touched: Set<AccountName> = []

    public init(genesis: LedgerState.Genesis, hasher: SHA256Hashing) {
        state = LedgerState(genesis: genesis)
        self.hasher = hasher
    }

    /// Appends one entry; returns the sealed block when the entry is a `day_close`.
    @discardableResult
    public mutating func append(_ proposed: Entry) throws(LedgerAppendError) -> SealedBlock? {
        var entry = proposed
        entry.seq = nextSeq
        guard entry.day == openDay else {
            throw .ordering(seq: entry.seq, problem: "day \(entry.day) in block \(openDay)")
        }
        guard entry.time >= lastTime else {
            throw .ordering(seq: entry.seq, problem: "time \(entry.time) before \(lastTime)")
        }
        let payload = EntryEncoding.encode(entry)
        let hash = LedgerHashing.entryHash(previous: headHash, payload: payload, hasher: hasher)
        open.append(HashedEntry(entry: entry, payload: payload, previousHash: headHash, hash: hash))
        state.apply(entry)
        for transfer in entry.transfers {
            touched.insert(transfer.debit)
            touched.insert(transfer.credit)
        }
        headHash = hash
        lastTime = entry.time
        nextSeq += 1
        return entry.kind == .dayClose ? seal() : nil
    }

    private mutating func seal() -> SealedBlock {
        let hashes = open.map(\.hash)
        let header = LedgerHashing.BlockHeader(
            day: openDay, firstSeq: open[0].entry.seq, lastSeq: open[open.count - 1].entry.seq,
            entryCount: Int64(open.count), closeTime: LedgerHashing.closeTime(day: openDay),
            merkleRoot: LedgerHashing.merkleRoot(hashes, hasher: hasher), stateRoot: state.root(hasher: hasher),
            previousBlockHash: headBlockHash, lastEntryHash: headHash)
        let blockHash = header.hash(hasher: hasher)
        var accounts = Set(state.balances.compactMap { $0.value != 0 ? $0.key : nil })
        accounts.formUnion(touched)
        accounts.remove(.genesis)
        let snapshot = accounts.map { (text: $0.text, account: $0) }.sorted { byteOrder($0.text, $1.text) }
            .map { ($0.account, state.balance($0.account)) }
        let block = SealedBlock(header: header, hash: blockHash, entries: open, snapshot: snapshot)
        headBlockHash = blockHash
        open.removeAll(keepingCapacity: true)
        touched.removeAll(keepingCapacity: true)
        openDay += 1
        return block
    }
}
