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

/// The payload field names of each entry kind, in encoding order (docs/LEDGER-ENCODING.md).
///
/// RULES.md §12 fixes the normative values; `benchmark_fail.suspended_until` is added so
/// that the state root can be recomputed from the ledger alone.
public enum LoggedSchema {
    public static func fields(for kind: EntryKind) -> [String] {
        switch kind {
        case .genesis, .grant, .deposit, .withdraw, .lock, .withdrawConfirm, .withdrawCancel, .taskRefund: []
        case .register: ["kind", "cards", "ubi_failure_rate", "task_failure_rate"]
        case .status: ["from", "to", "free", "escrow", "required", "cause_seq"]
        case .unlock: ["moved"]
        case .slash: ["fe", "fb", "ub"]
        case .withdrawRequest: ["due"]
        case .exit: ["ubi_voided"]
        case .param: ["old", "new", "cu_total"]
        case .ubiAssign: ["n", "failing"]
        case .ubiFail: ["j", "fe", "fb", "ub"]
        case .benchmarkFail: ["strike", "fe", "fb", "ub", "suspended_until"]
        case .ubiPay: ["n", "completed", "w", "w_total"]
        case .ubiDay: ["x", "y_milli", "t_day", "t_total", "w_total", "eligible", "paid_total"]
        case .taskPost: ["duration_s", "gpu_model", "gpu_count", "collateral", "provider_kind", "assignment"]
        case .taskAssign: ["model", "end"]
        case .taskComplete: ["fee", "unlocked"]
        case .taskFail: ["fe", "fb", "ub", "unlocked", "refund"]
        case .opRejected: ["op"]
        case .dayClose: ["day"]
        case .marketQuote: ["u_last", "u_avg", "u_max", "history", "h", "occupied", "supply", "occupancy", "c", "df", "priced",
                            "wam", "fallback"]
        case .reputation: ["total", "uptime", "join", "system", "user", "refund", "active_s", "registered_s", "s7", "s30", "s_all",
                           "sys_ok", "sys_failed", "streak", "user_ok", "user_failed", "refunds", "averaged"]
        case .priceSet: ["old", "new"]
        case .auctionOpen: ["round", "close"]
        case .auctionClose: ["round", "bidders", "weights", "selected", "slots"]
        case .jobAssign: ["round", "job", "model", "end", "weight"]
        case .jobSubmit, .jobCancel: ["round", "job"]
        case .jobFail: ["round", "job", "fe", "fb", "ub", "unlocked"]
        case .auctionComplete: ["round", "fee", "leader_job", "payouts"]
        case .auctionFail: ["rounds", "charged"]
        }
    }
}

/// The canonical byte encoding E(entry) stored in `entries.payload` (OUTPUTS.md §4.1).
///
/// The grammar, tags and test vectors are in docs/LEDGER-ENCODING.md; change them together
/// and change `version` with any change of bytes.
public enum LoggedEncoding {
    /// The encoding identifier; the first field of every encoded entry and `meta.encoding_version`.
    public static let version = SwanCore.EntryEncoding.version

    /// Value tags of payload values.
    enum ValueTag: UInt8 {
        case null = 0, integer = 1, text = 2, list = 3
    }

    /// Why stored bytes are not a valid encoding.
    public enum DecodingError: Error, Equatable, Sendable {
        case unknownVersion(String)
        case malformed(String)
        case unknownKind(String)
        case unknownOrigin(String)
        case unknownAccount(String)
        case schema(String)
        /// Decoding then encoding again did not give the same bytes.
        case notCanonical
    }

    /// E(entry). Precondition: the payload names match `LoggedSchema` for the kind.
    public static func encode(_ entry: LoggedEntry) -> [UInt8] {
        precondition(entry.payload.map(\.name) == LoggedSchema.fields(for: entry.kind),
                     "payload of \(entry.kind.rawValue) does not follow its schema")
        var writer = ByteWriter(capacity: 160 + 80 * entry.transfers.count)
        writer.string(version)
        writer.u64(UInt64(entry.seq))
        writer.u64(UInt64(entry.day))
        writer.i64(entry.time)
        writer.string(entry.kind.rawValue)
        writer.string(entry.origin.rawValue)
        writer.optional(entry.scriptIndex) { $0.i64($1) }
        writer.optional(entry.provider) { $0.string($1) }
        writer.optional(entry.task) { $0.string($1) }
        writer.optional(entry.user) { $0.string($1) }
        writer.optional(entry.amountAtto) { $0.i128($1) }
        writer.optional(entry.reason) { $0.string($1) }
        writer.u32(UInt32(entry.transfers.count))
        for (index, transfer) in entry.transfers.enumerated() {
            writer.u32(UInt32(index))
            writer.string(transfer.debit.text)
            writer.string(transfer.credit.text)
            writer.i128(transfer.amountAtto)
        }
        writer.u32(UInt32(entry.payload.count))
        for field in entry.payload {
            writer.string(field.name)
            write(field.value, into: &writer)
        }
        return writer.bytes
    }

    private static func write(_ value: LoggedValue, into writer: inout ByteWriter) {
        switch value {
        case .null:
            writer.u8(ValueTag.null.rawValue)
        case .integer(let number):
            writer.u8(ValueTag.integer.rawValue)
            writer.i128(number)
        case .text(let text):
            writer.u8(ValueTag.text.rawValue)
            writer.string(text)
        case .list(let values):
            writer.u8(ValueTag.list.rawValue)
            writer.u32(UInt32(values.count))
            for element in values { write(element, into: &writer) }
        }
    }

    /// Decodes E(entry) and checks it is canonical (re-encoding gives the same bytes).
    ///
    /// `checkCanonical` may be false only when the caller compares the result with the
    /// entry the bytes were encoded from: equality then implies the bytes are canonical.
    public static func decode(_ bytes: [UInt8], checkCanonical: Bool = true) throws(DecodingError) -> LoggedEntry {
        var result: Result<LoggedEntry, DecodingError> = .failure(.malformed("empty"))
        bytes.withUnsafeBytes { raw in
            do throws(DecodingError) { result = .success(try decode(raw, bytes: bytes, checkCanonical: checkCanonical)) }
            catch { result = .failure(error) }
        }
        return try result.get()
    }

    private static func decode(_ raw: UnsafeRawBufferPointer, bytes: [UInt8], checkCanonical: Bool) throws(DecodingError) -> LoggedEntry {
        var reader = ByteReader(raw)
        let entry: LoggedEntry
        do {
            let found = try reader.string()
            guard found == version else { throw DecodingError.unknownVersion(found) }
            entry = try decodeFields(&reader)
        } catch let error as DecodingError {
            throw error
        } catch let error as ByteReader.Malformed {
            throw .malformed("at byte \(error.offset): \(error.problem)")
        } catch {
            throw .malformed("\(error)")
        }
        guard reader.isAtEnd else { throw .malformed("trailing bytes after the entry") }
        guard entry.payload.map(\.name) == LoggedSchema.fields(for: entry.kind) else {
            throw .schema("payload fields of \(entry.kind.rawValue) are \(entry.payload.map(\.name))")
        }
        if checkCanonical && encode(entry) != bytes { throw .notCanonical }
        return entry
    }

    private static func decodeFields(_ reader: inout ByteReader) throws -> LoggedEntry {
        let seq = Int64(bitPattern: try reader.u64())
        let day = Int64(bitPattern: try reader.u64())
        let time = try reader.i64()
        let kindText = try reader.string()
        guard let kind = EntryKind(rawValue: kindText) else { throw DecodingError.unknownKind(kindText) }
        let originText = try reader.string()
        guard let origin = EntryOrigin(rawValue: originText) else { throw DecodingError.unknownOrigin(originText) }
        let scriptIndex = try reader.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.i64() }
        let provider = try reader.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.string() }
        let task = try reader.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.string() }
        let user = try reader.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.string() }
        let amount = try reader.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.i128() }
        let reason = try reader.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.string() }
        let transferCount = try reader.u32()
        var transfers: [LoggedTransfer] = []
        for expected in 0..<transferCount {
            let index = try reader.u32()
            guard index == expected else { throw DecodingError.malformed("transfer index \(index), expected \(expected)") }
            let debitText = try reader.string()
            let creditText = try reader.string()
            guard let debit = AccountName(debitText) else { throw DecodingError.unknownAccount(debitText) }
            guard let credit = AccountName(creditText) else { throw DecodingError.unknownAccount(creditText) }
            transfers.append(LoggedTransfer(debit: debit, credit: credit, amountAtto: try reader.i128()))
        }
        let fieldCount = try reader.u32()
        var payload: [LoggedField] = []
        for _ in 0..<fieldCount {
            let name = try reader.string()
            payload.append(LoggedField(name, try readValue(&reader, depth: 0)))
        }
        return LoggedEntry(seq: seq, day: day, time: time, kind: kind, origin: origin, scriptIndex: scriptIndex,
                     provider: provider, task: task, user: user, amountAtto: amount, reason: reason,
                     transfers: transfers, payload: payload)
    }

    private static func readValue(_ reader: inout ByteReader, depth: Int) throws -> LoggedValue {
        guard depth < 8 else { throw DecodingError.malformed("payload nested too deeply") }
        switch ValueTag(rawValue: try reader.u8()) {
        case .null: return .null
        case .integer: return .integer(try reader.i128())
        case .text: return .text(try reader.string())
        case .list:
            let count = try reader.u32()
            var values: [LoggedValue] = []
            for _ in 0..<count { values.append(try readValue(&reader, depth: depth + 1)) }
            return .list(values)
        case nil: throw DecodingError.malformed("unknown value tag")
        }
    }
}
