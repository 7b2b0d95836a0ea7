import SwanCore

/// One movement of value, by account name (the test model of a transfer) between two accounts (RULES.md §3); the amount is always > 0.
public struct LoggedTransfer: Equatable, Sendable {
    public var debit: AccountName
    public var credit: AccountName
    public var amountAtto: Int128

    public init(debit: AccountName, credit: AccountName, amountAtto: Int128) {
        self.debit = debit
        self.credit = credit
        self.amountAtto = amountAtto
    }
}

/// A value of an entry's normative payload (RULES.md §12). No floating point exists here:
/// ratios travel as wads, u as the integers T_day and T_total, y as y_milli.
public enum LoggedValue: Equatable, Sendable {
    case null
    case integer(Int128)
    case text(String)
    case list([LoggedValue])
}

/// A named payload value; names and their order per kind are fixed by `LoggedSchema`.
public struct LoggedField: Equatable, Sendable {
    public var name: String
    public var value: LoggedValue

    public init(_ name: String, _ value: LoggedValue) {
        self.name = name
        self.value = value
    }
}

/// An entry as a test reads it: every name spelled out and payload fields by name — a
/// simple, name-based model of E(entry), independent of the engine's dense `Entry`
/// (it is the first encoding of the project, kept here to check the dense one against).
///
/// `seq` is assigned by `LedgerBuilder` when the entry is appended, so an engine makes
/// entries without knowing their position.
public struct LoggedEntry: Equatable, Sendable {
    public var seq: Int64
    public var day: Int64
    public var time: Int64
    public var kind: EntryKind
    public var origin: EntryOrigin
    public var scriptIndex: Int64?
    public var provider: String?
    public var task: String?
    public var user: String?
    public var amountAtto: Int128?
    public var reason: String?
    public var transfers: [LoggedTransfer]
    public var payload: [LoggedField]

    public init(seq: Int64 = 0, day: Int64, time: Int64, kind: EntryKind, origin: EntryOrigin,
                scriptIndex: Int64? = nil, provider: String? = nil, task: String? = nil, user: String? = nil,
                amountAtto: Int128? = nil, reason: String? = nil, transfers: [LoggedTransfer] = [],
                payload: [LoggedField] = []) {
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
        self.transfers = transfers
        self.payload = payload
    }

    /// The payload value named `name`, if present.
    public func payloadValue(_ name: String) -> LoggedValue? {
        payload.first { $0.name == name }?.value
    }

    /// The payload integer named `name`, if present and an integer.
    public func payloadInteger(_ name: String) -> Int128? {
        if case .integer(let value) = payloadValue(name) { return value }
        return nil
    }

    /// The payload text named `name`, if present and text.
    public func payloadText(_ name: String) -> String? {
        if case .text(let value) = payloadValue(name) { return value }
        return nil
    }
}

/// E(entry) of a `LoggedEntry` in `swansim-entry/3` (docs/LEDGER-ENCODING.md), written and read
/// by name from `PayloadSchema`'s field types: a second, name-based implementation of the
/// byte grammar, independent of the engine's typed `Payload` coding, to check it against.
public enum LoggedEncoding {
    /// The encoding identifier; the first field of every encoded entry and `meta.encoding_version`.
    public static let version = SwanCore.EntryEncoding.version

    /// Why stored bytes are not a valid encoding.
    public enum DecodingError: Error, Equatable, Sendable {
        case unknownVersion(String)
        case malformed(String)
        case schema(String)
        /// Decoding then encoding again did not give the same bytes.
        case notCanonical
    }

    private static let presenceBits: [UInt8] = [1, 2, 4, 8, 16, 32]

    /// E(entry). Precondition: the payload names match `PayloadSchema` for the kind.
    public static func encode(_ entry: LoggedEntry) -> [UInt8] {
        let fields = PayloadSchema.fields(entry.kind)
        precondition(entry.payload.map(\.name) == fields.map(\.name), "payload of \(entry.kind.rawValue) does not follow its schema")
        var w = ByteWriter(capacity: 96)
        w.text(version)
        w.int(entry.seq)
        w.int(entry.day)
        w.int(entry.time)
        w.u8(UInt8(entry.kind.code))
        w.u8(UInt8(entry.origin.code))
        let present = [entry.scriptIndex != nil, entry.provider != nil, entry.task != nil, entry.user != nil,
                       entry.amountAtto != nil, entry.reason != nil]
        w.u8(zip(present, presenceBits).reduce(0) { $0 | ($1.0 ? $1.1 : 0) })
        if let value = entry.scriptIndex { w.int(value) }
        for text in [entry.provider, entry.task, entry.user].compactMap({ $0 }) { w.text(text) }
        if let value = entry.amountAtto { w.int(value) }
        if let value = entry.reason { w.text(value) }
        w.uv(entry.transfers.count)
        for transfer in entry.transfers {
            for account in [transfer.debit, transfer.credit] { write(account, of: entry, into: &w) }
            w.int(transfer.amountAtto)
        }
        for (field, value) in zip(fields, entry.payload) { write(value.value, as: field.type, into: &w) }
        return w.bytes
    }

    private static func owner(_ account: AccountName) -> String? {
        switch account {
        case .user(let id), .task(let id), .providerWallet(let id), .providerFree(let id), .providerEscrow(let id): id
        default: nil
        }
    }

    private static func ownField(_ code: AccountName.Code, _ entry: LoggedEntry) -> String? {
        switch code.ownerField {
        case .provider: entry.provider
        case .task: entry.task
        case .user: entry.user
        }
    }

    private static func write(_ account: AccountName, of entry: LoggedEntry, into w: inout ByteWriter) {
        let code = account.code
        guard let owner = owner(account) else { return w.u8(code.value) }
        if ownField(code, entry) == owner {
            w.u8(code.value | AccountName.Code.ownFlag)
        } else {
            w.u8(code.value)
            w.text(owner)
        }
    }

    private static func write(_ value: LoggedValue, as type: FieldType, into w: inout ByteWriter) {
        switch (type, value) {
        case (.int64, .integer(let n)), (.int128, .integer(let n)): w.int(n)
        case (.flag, .integer(let n)): w.u8(UInt8(n))
        case (.text, .text(let t)), (.model, .text(let t)), (.provider, .text(let t)): w.text(t)
        case (.name(let set), .text(let t)): w.u8(UInt8(set.names.firstIndex(of: t)!))
        case (.optional, .null): w.u8(0)
        case (.optional(let inner), _):
            w.u8(1)
            write(value, as: inner, into: &w)
        case (.list(let element), .list(let items)):
            w.uv(items.count)
            for item in items { write(item, as: element, into: &w) }
        case (.pair(let a, let b), .list(let items)) where items.count == 2:
            write(items[0], as: a, into: &w)
            write(items[1], as: b, into: &w)
        default:
            preconditionFailure("\(value) is not a \(type)")
        }
    }

    /// Decodes E(entry) and checks it is canonical (re-encoding gives the same bytes).
    ///
    /// `checkCanonical` may be false only when the caller compares the result with the
    /// entry the bytes were encoded from: equality then implies the bytes are canonical.
    public static func decode(_ bytes: [UInt8], checkCanonical: Bool = true) throws(DecodingError) -> LoggedEntry {
        var result: Result<LoggedEntry, DecodingError> = .failure(.malformed("empty"))
        bytes.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            do {
                let entry = try decodeFields(&reader)
                guard reader.isAtEnd else { throw DecodingError.malformed("trailing bytes after the entry") }
                if checkCanonical && encode(entry) != bytes { throw DecodingError.notCanonical }
                result = .success(entry)
            } catch let error as DecodingError {
                result = .failure(error)
            } catch {
                result = .failure(.malformed("\(error)"))
            }
        }
        return try result.get()
    }

    private static func decodeFields(_ r: inout ByteReader) throws -> LoggedEntry {
        let found = try r.text()
        guard found == version else { throw DecodingError.unknownVersion(found) }
        let seq = try r.int64(), day = try r.int64(), time = try r.int64()
        let kindCode = Int(try r.u8()), originCode = Int(try r.u8())
        guard kindCode < EntryKind.allCases.count, originCode < EntryOrigin.allCases.count else {
            throw DecodingError.malformed("kind or origin code")
        }
        var entry = LoggedEntry(seq: seq, day: day, time: time, kind: EntryKind.allCases[kindCode],
                                origin: EntryOrigin.allCases[originCode])
        let presence = try r.u8()
        func has(_ index: Int) -> Bool { presence & presenceBits[index] != 0 }
        if has(0) { entry.scriptIndex = try r.int64() }
        if has(1) { entry.provider = try r.text() }
        if has(2) { entry.task = try r.text() }
        if has(3) { entry.user = try r.text() }
        if has(4) { entry.amountAtto = try r.int(maxWidth: 16) }
        if has(5) { entry.reason = try r.text() }
        for _ in 0..<(try r.uv(limit: 5)) {
            let debit = try account(&r, entry), credit = try account(&r, entry)
            entry.transfers.append(LoggedTransfer(debit: debit, credit: credit, amountAtto: try r.int(maxWidth: 16)))
        }
        entry.payload = try PayloadSchema.fields(entry.kind).map { LoggedField($0.name, try value(&r, $0.type)) }
        return entry
    }

    private static func account(_ r: inout ByteReader, _ entry: LoggedEntry) throws -> AccountName {
        let byte = try r.u8()
        guard let code = AccountName.Code(rawValue: byte & ~AccountName.Code.ownFlag) else { throw DecodingError.malformed("account \(byte)") }
        guard code.isOwned else { return AccountName(code.ownerPrefix)! }
        let owner = byte & AccountName.Code.ownFlag != 0 ? ownField(code, entry) : try r.text()
        guard let owner, let name = AccountName(code.ownerPrefix + owner + code.ownerSuffix) else {
            throw DecodingError.malformed("account \(byte)")
        }
        return name
    }

    private static func value(_ r: inout ByteReader, _ type: FieldType) throws -> LoggedValue {
        switch type {
        case .int64: return .integer(Int128(try r.int64()))
        case .int128: return .integer(try r.int(maxWidth: 16))
        case .flag: return .integer(try r.flag() ? 1 : 0)
        case .text, .model, .provider: return .text(try r.text())
        case .name(let set):
            let code = Int(try r.u8())
            guard code < set.names.count else { throw DecodingError.schema("\(set.rawValue) code \(code)") }
            return .text(set.names[code])
        case .optional(let inner): return try r.flag() ? try value(&r, inner) : .null
        case .list(let element): return .list(try (0..<r.uv(limit: 1 << 20)).map { _ in try value(&r, element) })
        case .pair(let a, let b): return .list([try value(&r, a), try value(&r, b)])
        }
    }
}
