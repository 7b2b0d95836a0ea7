/// Reads the read-only encodings `swansim-entry/1` and `/2` (docs/LEDGER-ENCODING.md
/// "Ledgers written before version 3"): ledgers written before `swansim-entry/3` verify,
/// prove and replay. Every field carried its name and a value tag; both are checked against
/// `PayloadSchema`, whose types say what the tags must be.
enum LegacyEntryDecoding {
    typealias DecodingError = EntryDecoding.DecodingError

    /// Value tags of payload values.
    enum ValueTag: UInt8 {
        case null = 0, integer = 1, text = 2, list = 3
    }

    static func fields(_ r: inout ByteReader, state: inout LedgerState) throws -> Entry {
        let version = try r.stringBytes()
        guard Array(state.format.identifier.utf8).withUnsafeBytes({ sameBytes($0, version) }) else {
            throw DecodingError.unknownVersion(ByteReader.text(version) ?? "(not UTF-8)")
        }
        let seq = Int64(bitPattern: try r.u64())
        let day = Int64(bitPattern: try r.u64())
        let time = try r.i64()
        let kindBytes = try r.stringBytes()
        guard let kind = kindTable.value(kindBytes), state.market || !kind.isMarket else {
            throw DecodingError.unknownKind(ByteReader.text(kindBytes) ?? "?")
        }
        let originBytes = try r.stringBytes()
        guard let origin = originTable.value(originBytes) else {
            throw DecodingError.unknownOrigin(ByteReader.text(originBytes) ?? "?")
        }
        let scriptIndex = try r.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.i64() }
        let provider = try r.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.string() }
        let task = try r.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.string() }
        let user = try r.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.string() }
        let amount = try r.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.i128() }
        let reasonText = try r.optional { (r: inout ByteReader) throws(ByteReader.Malformed) in try r.string() }
        let reason = try reasonText.map { text throws in try EntryDecoding.reason(text, kind: kind, state: state) }
        var transfers = TransferList()
        let transferCount = try r.u32()
        guard transferCount <= TransferList.capacity else {
            throw DecodingError.malformed("\(transferCount) transfers (at most \(TransferList.capacity))")
        }
        for expected in 0..<transferCount {
            let index = try r.u32()
            guard index == expected else { throw DecodingError.malformed("transfer index \(index), expected \(expected)") }
            let debit = try account(&r, state: &state)
            let credit = try account(&r, state: &state)
            transfers.append(Transfer(debit: debit, credit: credit, amountAtto: try r.i128()))
        }
        var values = LegacyValues(reader: r, kind: kind, format: state.format)
        try values.readFields()
        r = values.reader
        var reading = PayloadReading(source: TokenSource(tokens: values.tokens), kind: kind)
        let payload = try reading.read(state)
        return Entry(seq: seq, day: day, time: time, kind: kind, origin: origin, scriptIndex: scriptIndex,
                     provider: provider, providerIndex: EntryDecoding.providerIndex(provider, kind, state), task: task,
                     user: user, amountAtto: amount, reason: reason, transfers: transfers, payload: payload)
    }

    private static func account(_ r: inout ByteReader, state: inout LedgerState) throws -> AccountID {
        let raw = try r.stringBytes()
        if let id = state.accounts.id(bytes: raw) { return id }
        guard let text = ByteReader.text(raw) else { throw DecodingError.malformed("an account name is not UTF-8") }
        guard let id = state.accounts.intern(text: text) else { throw DecodingError.unknownAccount(text) }
        return id
    }

    private static let kindTable = NameTable(EntryKind.allCases)
    private static let originTable = NameTable(EntryOrigin.allCases)
}

/// A legacy payload's values, read field by field against the schema into the tokens a
/// `PayloadReading` consumes.
struct LegacyValues {
    typealias Failure = EntryDecoding.DecodingError
    typealias Tag = LegacyEntryDecoding.ValueTag
    var reader: ByteReader
    let kind: EntryKind
    let format: EntryFormat
    var tokens: [TokenSource.Token] = []

    private func schema(_ detail: String) -> Failure { .schema("\(kind.rawValue): \(detail)") }

    mutating func readFields() throws {
        let fields = PayloadSchema.fields(kind)
        let market = format == .v2
        let written = fields.filter { $0.legacy == .always || (market && $0.legacy == .market) }
        let optional = market ? fields.filter { $0.legacy == .marketWhenPresent } : []
        let count = Int(try reader.u32())
        guard count == written.count || count == written.count + optional.count else {
            throw schema("\(count) fields, expected \(written.count)")
        }
        for field in fields {
            let inWritten = written.contains(field)
            let present = inWritten || (count > written.count && optional.contains(field))
            guard present else {
                tokens.append(.present(false))
                continue
            }
            guard try reader.string(equals: field.name) else { throw schema("expected field \(field.name)") }
            if !inWritten, case .optional(let inner) = field.type {
                tokens.append(.present(true))
                try value(inner, field.name)
            } else {
                try value(field.type, field.name)
            }
        }
    }

    private mutating func tag(_ expected: Tag, _ name: String) throws {
        guard try reader.u8() == expected.rawValue else { throw schema("value tag of \(name)") }
    }

    private mutating func value(_ type: FieldType, _ name: String) throws {
        switch type {
        case .int64:
            try tag(.integer, name)
            guard let value = Int64(exactly: try reader.i128()) else { throw schema("\(name) does not fit 64 bits") }
            tokens.append(.int(Int128(value)))
        case .int128:
            try tag(.integer, name)
            tokens.append(.int(try reader.i128()))
        case .flag:
            try tag(.integer, name)
            let value = try reader.i128()
            guard value == 0 || value == 1 else { throw schema("\(name) is 0 or 1") }
            tokens.append(.int(value))
        case .text, .model, .provider:
            try tag(.text, name)
            tokens.append(.text(try reader.string()))
        case .name(let set):
            try tag(.text, name)
            let text = try reader.string()
            guard let code = set.names.firstIndex(of: text) else { throw schema("\(name) \(text)") }
            tokens.append(.int(Int128(code)))
        case .optional(let inner):
            let at = reader
            if try reader.u8() == Tag.null.rawValue {
                tokens.append(.present(false))
            } else {
                reader = at
                tokens.append(.present(true))
                try value(inner, name)
            }
        case .list(let element):
            try tag(.list, name)
            let count = Int(try reader.u32())
            tokens.append(.length(count))
            for _ in 0..<count { try value(element, name) }
        case .pair(let first, let second):
            try tag(.list, name)
            guard try reader.u32() == 2 else { throw schema("\(name) holds pairs") }
            try value(first, name)
            try value(second, name)
        }
    }
}

/// Payload values already read, given back in order.
struct TokenSource: PayloadSource {
    typealias Failure = EntryDecoding.DecodingError
    enum Token {
        case int(Int128), text(String), present(Bool), length(Int)
    }
    let tokens: [Token]
    var position = 0

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    private mutating func next() throws(Failure) -> Token {
        guard position < tokens.count else { throw .schema("too few values") }
        defer { position += 1 }
        return tokens[position]
    }

    private mutating func integer() throws(Failure) -> Int128 {
        guard case .int(let value) = try next() else { throw .schema("an integer expected") }
        return value
    }

    mutating func int64() throws(Failure) -> Int64 {
        guard let value = Int64(exactly: try integer()) else { throw .schema("an integer beyond 64 bits") }
        return value
    }

    mutating func int128() throws(Failure) -> Int128 { try integer() }
    mutating func flag() throws(Failure) -> Bool { try integer() == 1 }

    mutating func text() throws(Failure) -> String {
        guard case .text(let value) = try next() else { throw .schema("text expected") }
        return value
    }

    mutating func model() throws(Failure) -> String { try text() }
    mutating func provider() throws(Failure) -> String { try text() }
    mutating func name(in set: NameSet) throws(Failure) -> Int { Int(try integer()) }

    mutating func present() throws(Failure) -> Bool {
        guard case .present(let value) = try next() else { throw .schema("a presence expected") }
        return value
    }

    mutating func length() throws(Failure) -> Int {
        guard case .length(let value) = try next() else { throw .schema("a list expected") }
        return value
    }
}

/// The cases of a closed set of names looked up by their raw bytes, without making a `String`.
struct NameTable<Value: RawRepresentable & Sendable>: Sendable where Value.RawValue == String {
    private let entries: [([UInt8], Value)]

    init(_ values: [Value]) {
        entries = values.map { (Array($0.rawValue.utf8), $0) }
    }

    func value(_ raw: UnsafeRawBufferPointer) -> Value? {
        for (bytes, value) in entries where bytes.count == raw.count && bytes.withUnsafeBytes({ sameBytes($0, raw) }) { return value }
        return nil
    }
}
