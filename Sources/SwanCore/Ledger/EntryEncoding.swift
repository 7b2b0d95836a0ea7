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

/// One transfer row (OUTPUTS.md §2 `transfers`), its account names in the block's
/// `transferNames` buffer (the entry bytes name an account by its code).
public struct EncodedTransfer: Sendable {
    public var debit: TextSpan
    public var credit: TextSpan
    public var amountAtto: Int128
}

/// The canonical byte encoding E(entry) stored in `entries.payload` (OUTPUTS.md §4.1):
/// `swansim-entry/3`, written for every new ledger.
///
/// The grammar, codes and test vectors are in docs/LEDGER-ENCODING.md; the payload's layout
/// is `PayloadSchema`'s. Change them together and change the identifier with any change of
/// bytes. Ledgers of versions 1 and 2 are read by `LegacyEntryDecoding`, never written.
public enum EntryEncoding {
    /// The encoding identifier; the first field of every encoded entry and `meta.encoding_version`.
    public static let version = EntryFormat.v3.identifier

    /// The bits of the presence byte, one per optional column, in the order the values follow.
    enum Presence {
        static let scriptIndex: UInt8 = 1, provider: UInt8 = 2, task: UInt8 = 4, user: UInt8 = 8
        static let amount: UInt8 = 16, reason: UInt8 = 32
        static let all: UInt8 = 63
    }

    /// Appends E(entry) to `out`; account and model names come from `state` (only read; taken
    /// `inout` by the ledger writer so that its state is lent in place, never copied). The
    /// names of the transfers' accounts go to `names`, for the store's `transfers` rows.
    @discardableResult
    public static func encode(_ entry: Entry, names state: inout LedgerState, into out: inout ByteWriter,
                              transfers: inout [EncodedTransfer], transferNames names: inout ByteWriter) -> EncodedEntry {
        encode(entry, names: state, into: &out, transfers: &transfers, transferNames: &names)
    }

    /// Appends E(entry) to `out`; account and model names come from `state`.
    ///
    /// Returns the entry's columns; its transfers are appended to `transfers`.
    @discardableResult
    public static func encode(_ entry: Entry, names state: LedgerState, into out: inout ByteWriter,
                              transfers: inout [EncodedTransfer], transferNames names: inout ByteWriter) -> EncodedEntry {
        assert(PayloadShape.conforms(entry.payload, kind: entry.kind, names: state), "\(entry.kind) payload does not follow its schema")
        let start = out.count
        out.text("swansim-entry/3")
        out.int(entry.seq)
        out.int(entry.day)
        out.int(entry.time)
        out.u8(UInt8(entry.kind.code))
        out.u8(UInt8(entry.origin.code))
        var presence: UInt8 = 0
        if entry.scriptIndex != nil { presence |= Presence.scriptIndex }
        if entry.provider != nil { presence |= Presence.provider }
        if entry.task != nil { presence |= Presence.task }
        if entry.user != nil { presence |= Presence.user }
        if entry.amountAtto != nil { presence |= Presence.amount }
        if entry.reason != nil { presence |= Presence.reason }
        out.u8(presence)
        if let scriptIndex = entry.scriptIndex { out.int(scriptIndex) }
        let provider = text(entry.provider, &out)
        let task = text(entry.task, &out)
        let user = text(entry.user, &out)
        if let amount = entry.amountAtto { out.int(amount) }
        var reason = TextSpan.absent
        if let value = entry.reason {
            let lengthAt = out.count
            writeReason(value, names: state, &out)
            reason = textSpan(&out, from: lengthAt)
        }
        let firstTransfer = transfers.count
        out.uv(entry.transfers.count)
        for transfer in entry.transfers {
            account(transfer.debit, of: entry, provider, task, user, state, &out)
            account(transfer.credit, of: entry, provider, task, user, state, &out)
            out.int(transfer.amountAtto)
            transfers.append(EncodedTransfer(debit: name(transfer.debit, state, &names), credit: name(transfer.credit, state, &names),
                                             amountAtto: transfer.amountAtto))
        }
        entry.payload.write(kind: entry.kind, names: state, into: &out)
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
        var names = ByteWriter(capacity: 0)
        encode(entry, names: state, into: &out, transfers: &transfers, transferNames: &names)
        return out.bytes
    }

    /// Writes an optional column's text when present and returns where its bytes lie.
    @inline(__always)
    private static func text(_ value: String?, _ out: inout ByteWriter) -> TextSpan {
        guard let value else { return .absent }
        let lengthAt = out.count
        out.text(value)
        return textSpan(&out, from: lengthAt)
    }

    /// The span of the bytes of the `text` written from `lengthAt` (after its uv length).
    @inline(__always)
    private static func textSpan(_ out: inout ByteWriter, from lengthAt: Int) -> TextSpan {
        let end = out.count
        let length = out.bytes.withUnsafeBufferPointer { bytes -> Int in
            var at = lengthAt
            while bytes[at] >= 0x80 { at += 1 }
            return at + 1
        }
        return TextSpan(start: Int32(length), count: Int32(end - length))
    }

    /// `account`: its code, then its owner's id unless the owner is the entry's own.
    @inline(__always)
    private static func account(_ id: AccountID, of entry: Entry, _ provider: TextSpan, _ task: TextSpan, _ user: TextSpan,
                                _ state: LedgerState, _ out: inout ByteWriter) {
        let code = state.accounts.code(id)
        guard code >= AccountName.Code.firstOwned else { return out.u8(code) }
        let own: TextSpan
        switch code {
        case 6: own = user
        case 7: own = task
        default: own = provider
        }
        state.accounts.withOwnerBytes(id) { owner in
            let isOwn = !own.isAbsent && out.bytes.withUnsafeBytes {
                sameBytes(UnsafeRawBufferPointer(rebasing: $0[Int(own.start)..<Int(own.start + own.count)]), owner)
            }
            if isOwn {
                out.u8(code | AccountName.Code.ownFlag)
            } else {
                out.u8(code)
                out.text(bytes: owner)
            }
        }
    }

    /// Appends an account's name to the block's name buffer and returns where it lies.
    @inline(__always)
    private static func name(_ id: AccountID, _ state: LedgerState, _ names: inout ByteWriter) -> TextSpan {
        let start = names.count
        state.accounts.withNameBytes(id) { names.append($0) }
        return TextSpan(start: Int32(start), count: Int32(names.count - start))
    }

    /// `text`: the text form of a reason (RULES.md §12): `c_base`, `cu:<model>`, a rejection reason, …
    static func writeReason(_ reason: EntryReason, names state: LedgerState, _ out: inout ByteWriter) {
        switch reason {
        case .rejected(let why): out.text(why.rawValue)
        case .cBase: out.text("c_base")
        case .cTotal: out.text("c_total")
        case .cu(let model):
            let name = state.modelNameBytes(model)
            out.uv(3 + name.count)
            "cu:".utf8.withContiguousStorageIfAvailable { out.append(UnsafeRawBufferPointer($0)) }
            name.withUnsafeBytes { out.append($0) }
        case .cause(let kind): out.text(kind.rawValue)
        case .suspensionEnd: out.text("suspension_end")
        case .cancelled: out.text("cancelled")
        case .noProvider: out.text("no_provider")
        case .post: out.text("post")
        case .noBids: out.text("no_bids")
        case .failed: out.text("failed")
        case .text(let text): out.text(text)
        }
    }

    /// Calls `body` with the UTF-8 bytes of a reason's text form.
    public static func withReasonBytes<R>(_ reason: EntryReason, names state: LedgerState,
                                          _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var out = ByteWriter(capacity: 48)
        writeReason(reason, names: state, &out)
        return try out.bytes.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            return try body((try? reader.textBytes()) ?? UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }

    /// The text form of a reason, for reports and tests.
    public static func reasonText(_ reason: EntryReason, names state: LedgerState) -> String {
        withReasonBytes(reason, names: state) { String(decoding: $0, as: UTF8.self) }
    }
}

/// ByteWriter is the compact sink: each value in its `swansim-entry/3` form.
extension ByteWriter: PayloadSink {
    @inline(__always) public mutating func int64(_ value: Int64) { int(Int128(value)) }
    @inline(__always) public mutating func int128(_ value: Int128) { int(value) }
    @inline(__always) public mutating func flag(_ value: Bool) { u8(value ? 1 : 0) }
    @inline(__always) public mutating func model(_ name: [UInt8]) { name.withUnsafeBytes { text(bytes: $0) } }
    @inline(__always) public mutating func provider(_ id: String) { text(id) }
    @inline(__always) public mutating func name(_ code: Int, in set: NameSet) { u8(UInt8(code)) }
    @inline(__always) public mutating func present(_ value: Bool) { u8(value ? 1 : 0) }
    @inline(__always) public mutating func length(_ value: Int) { uv(value) }
}
