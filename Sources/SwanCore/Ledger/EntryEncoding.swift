/// Where a string of an encoded entry lies in its block buffer (the bytes after its length).
public struct TextSpan: Equatable, Sendable {
    public var start: Int32
    public var count: Int32

    public init(start: Int32, count: Int32) {
        self.start = start
        self.count = count
    }

    /// An absent optional string (NULL in SQLite).
    public static let absent = TextSpan(start: -1, count: 0)

    public var isAbsent: Bool { start < 0 }
}

/// The typed columns of one encoded entry (OUTPUTS.md §2 `entries`), pointing into the
/// block buffer that holds its bytes, so the store binds text straight from that buffer.
public struct EncodedEntry: Sendable {
    /// The entry's bytes E(entry) in the block buffer.
    public var start: Int32
    public var count: Int32
    public var seq: Int64
    public var day: Int64
    public var time: Int64
    public var kind: EntryKind
    public var origin: EntryOrigin
    public var scriptIndex: Int64?
    public var provider: TextSpan
    public var task: TextSpan
    public var user: TextSpan
    public var reason: TextSpan
    public var amountAtto: Int128?
    /// The entry's transfers in the block's transfer column.
    public var firstTransfer: Int32
    public var transferCount: Int32
}

/// One transfer row (OUTPUTS.md §2 `transfers`), its account names in the block buffer.
public struct EncodedTransfer: Sendable {
    public var debit: TextSpan
    public var credit: TextSpan
    public var amountAtto: Int128
}

/// The canonical byte encoding E(entry) stored in `entries.payload` (OUTPUTS.md §4.1).
///
/// The grammar, tags and test vectors are in docs/LEDGER-ENCODING.md; change them together
/// and change `version` with any change of bytes.
public enum EntryEncoding {
    /// The encoding identifier; the first field of every encoded entry and `meta.encoding_version`.
    public static let version = "swansim-entry/1"
    /// The identifier of a market run's encoding (RULES-MARKET M10 adds kinds and the
    /// `register` field `asking_price`, so the bytes differ; OUTPUTS-MARKET §4).
    public static let marketVersion = "swansim-entry/2"

    /// The identifier a ledger of this kind of run uses.
    public static func version(market: Bool) -> String { market ? marketVersion : version }

    /// Value tags of payload values.
    enum ValueTag: UInt8 {
        case null = 0, integer = 1, text = 2, list = 3
    }

    /// Appends E(entry) to `out`; account and model names come from `state` (only read; taken
    /// `inout` by the ledger writer so that its state is lent in place, never copied).
    @discardableResult
    public static func encode(_ entry: Entry, names state: inout LedgerState, into out: inout ByteWriter,
                              transfers: inout [EncodedTransfer]) -> EncodedEntry {
        encode(entry, names: state, into: &out, transfers: &transfers)
    }

    /// Appends E(entry) to `out`; account and model names come from `state`.
    ///
    /// Returns the entry's columns; its transfers are appended to `transfers`.
    @discardableResult
    public static func encode(_ entry: Entry, names state: LedgerState, into out: inout ByteWriter,
                              transfers: inout [EncodedTransfer]) -> EncodedEntry {
        let start = out.count
        if state.market { out.staticString("swansim-entry/2") } else { out.staticString("swansim-entry/1") }
        out.u64(UInt64(bitPattern: entry.seq))
        out.u64(UInt64(bitPattern: entry.day))
        out.i64(entry.time)
        out.string(entry.kind.rawValue)
        out.string(entry.origin.rawValue)
        out.optional(entry.scriptIndex) { $0.i64($1) }
        let provider = optionalText(entry.provider, &out)
        let task = optionalText(entry.task, &out)
        let user = optionalText(entry.user, &out)
        out.optional(entry.amountAtto) { $0.i128($1) }
        let reason: TextSpan
        if let value = entry.reason {
            out.u8(1)
            reason = span(&out) { writeReason(value, names: state, &$0) }
        } else {
            out.u8(0)
            reason = .absent
        }
        let firstTransfer = transfers.count
        out.u32(UInt32(entry.transfers.count))
        for (index, transfer) in entry.transfers.enumerated() {
            out.u32(UInt32(index))
            let debit = span(&out) { out in state.accounts.withNameBytes(transfer.debit) { out.string(bytes: $0) } }
            let credit = span(&out) { out in state.accounts.withNameBytes(transfer.credit) { out.string(bytes: $0) } }
            out.i128(transfer.amountAtto)
            transfers.append(EncodedTransfer(debit: debit, credit: credit, amountAtto: transfer.amountAtto))
        }
        PayloadEncoding.write(entry.payload, kind: entry.kind, names: state, into: &out)
        return EncodedEntry(
            start: Int32(start), count: Int32(out.count - start), seq: entry.seq, day: entry.day, time: entry.time,
            kind: entry.kind, origin: entry.origin, scriptIndex: entry.scriptIndex, provider: provider, task: task, user: user,
            reason: reason, amountAtto: entry.amountAtto, firstTransfer: Int32(firstTransfer),
            transferCount: Int32(entry.transfers.count))
    }

    /// E(entry) alone, as a new array (tests and tools; a run encodes into its block buffer).
    public static func encode(_ entry: Entry, names state: LedgerState) -> [UInt8] {
        var out = ByteWriter()
        var transfers: [EncodedTransfer] = []
        encode(entry, names: state, into: &out, transfers: &transfers)
        return out.bytes
    }

    private static func optionalText(_ value: String?, _ out: inout ByteWriter) -> TextSpan {
        guard let value else {
            out.u8(0)
            return .absent
        }
        out.u8(1)
        return span(&out) { $0.string(value) }
    }

    /// Runs `write` (which appends one `str`) and returns where that string's bytes lie.
    @inline(__always)
    private static func span(_ out: inout ByteWriter, _ write: (inout ByteWriter) -> Void) -> TextSpan {
        let lengthAt = out.count
        write(&out)
        return TextSpan(start: Int32(lengthAt + 4), count: Int32(out.count - lengthAt - 4))
    }

    /// The text form of a reason (RULES.md §12): `c_base`, `cu:<model>`, a rejection reason, …
    static func writeReason(_ reason: EntryReason, names state: LedgerState, _ out: inout ByteWriter) {
        switch reason {
        case .rejected(let why): out.string(why.rawValue)
        case .cBase: out.staticString("c_base")
        case .cTotal: out.staticString("c_total")
        case .cu(let model):
            let name = state.modelNameBytes(model)
            out.u32(UInt32(3 + name.count))
            "cu:".utf8.withContiguousStorageIfAvailable { out.append(UnsafeRawBufferPointer($0)) }
            name.withUnsafeBytes { out.append($0) }
        case .cause(let kind): out.string(kind.rawValue)
        case .suspensionEnd: out.staticString("suspension_end")
        case .cancelled: out.staticString("cancelled")
        case .noProvider: out.staticString("no_provider")
        case .post: out.staticString("post")
        case .noBids: out.staticString("no_bids")
        case .failed: out.staticString("failed")
        case .text(let text): out.string(text)
        }
    }

    /// The text form of a reason, for reports and tests.
    public static func reasonText(_ reason: EntryReason, names state: LedgerState) -> String {
        var out = ByteWriter()
        writeReason(reason, names: state, &out)
        return String(decoding: out.bytes.dropFirst(4), as: UTF8.self)
    }
}
