/// Decodes E(entry) into an `Entry` whose ids belong to the decoding side's own state.
///
/// Decoding is strict: every field must have the name, tag and order of its kind's schema,
/// every presence byte is 0 or 1, every count fits, and every byte is consumed. Each
/// primitive has one encoding, so bytes that decode are the canonical encoding of what
/// they decode to. Account, provider and model names are resolved in `state`: accounts
/// are interned, the provider index is the state's (or the next one, for a `register`).
public enum EntryDecoding {
    /// Why stored bytes are not a valid encoding.
    public enum DecodingError: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownVersion(String)
        case malformed(String)
        case unknownKind(String)
        case unknownOrigin(String)
        case unknownAccount(String)
        case unknownModel(String)
        case schema(String)

        public var description: String {
            switch self {
            case .unknownVersion(let found): "unknown encoding version \(found)"
            case .malformed(let detail): "malformed: \(detail)"
            case .unknownKind(let found): "unknown kind \(found)"
            case .unknownOrigin(let found): "unknown origin \(found)"
            case .unknownAccount(let found): "unknown account \(found)"
            case .unknownModel(let found): "model \(found) is not in the genesis catalog"
            case .schema(let detail): "payload does not follow its schema: \(detail)"
            }
        }
    }

    /// Decodes one entry from exactly `bytes`.
    public static func decode(_ bytes: UnsafeRawBufferPointer, state: inout LedgerState) throws(DecodingError) -> Entry {
        var reader = ByteReader(bytes)
        do {
            let entry = try fields(&reader, state: &state)
            guard reader.isAtEnd else { throw DecodingError.malformed("trailing bytes after the entry") }
            return entry
        } catch let error as DecodingError {
            throw error
        } catch let error as ByteReader.Malformed {
            throw .malformed("at byte \(error.offset): \(error.problem)")
        } catch {
            throw .malformed("\(error)")
        }
    }

    /// Decodes one entry from an array (tests and tools).
    public static func decode(_ bytes: [UInt8], state: inout LedgerState) throws(DecodingError) -> Entry {
        var result: Result<Entry, DecodingError> = .failure(.malformed("empty"))
        bytes.withUnsafeBytes { raw in
            do throws(DecodingError) { result = .success(try decode(raw, state: &state)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    private static func fields(_ r: inout ByteReader, state: inout LedgerState) throws -> Entry {
        let version = try r.stringBytes()
        guard (state.market ? marketVersionBytes : versionBytes).withUnsafeBytes({ sameBytes($0, version) }) else {
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
        let reason = try reasonText.map { text throws in try Self.reason(text, kind: kind, state: state) }
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
        var payload = PayloadReader(reader: r, kind: kind)
        let decodedPayload = try payload.read(state: state)
        r = payload.reader
        var providerIndex: Int32 = -1
        if let provider {
            if let index = state.providerIndex(named: provider) {
                providerIndex = index
            } else if kind == .register {
                providerIndex = Int32(state.providers.count)
            }
        }
        return Entry(seq: seq, day: day, time: time, kind: kind, origin: origin, scriptIndex: scriptIndex,
                     provider: provider, providerIndex: providerIndex, task: task, user: user, amountAtto: amount,
                     reason: reason, transfers: transfers, payload: decodedPayload)
    }

    private static func account(_ r: inout ByteReader, state: inout LedgerState) throws -> AccountID {
        let raw = try r.stringBytes()
        if let id = state.accounts.id(bytes: raw) { return id }
        guard let text = ByteReader.text(raw) else { throw DecodingError.malformed("an account name is not UTF-8") }
        guard let id = state.accounts.intern(text: text) else { throw DecodingError.unknownAccount(text) }
        return id
    }

    private static let versionBytes = Array(EntryEncoding.version.utf8)
    private static let marketVersionBytes = Array(EntryEncoding.marketVersion.utf8)
    private static let kindTable = NameTable(EntryKind.allCases)
    private static let originTable = NameTable(EntryOrigin.allCases)

    /// The typed reason of a kind; any other text stays text (it re-encodes to itself).
    static func reason(_ text: String, kind: EntryKind, state: LedgerState) throws -> EntryReason {
        switch kind {
        case .opRejected:
            if let why = RejectionReason(rawValue: text) { return .rejected(why) }
        case .param:
            if text == "c_base" { return .cBase }
            if text == "c_total" { return .cTotal }
            if text.hasPrefix("cu:") {
                let name = String(text.dropFirst(3))
                guard let model = state.modelID(named: name) else { throw DecodingError.unknownModel(name) }
                return .cu(model)
            }
        case .status:
            if text == "suspension_end" { return .suspensionEnd }
            if let cause = EntryKind(rawValue: text) { return .cause(cause) }
        case .taskRefund:
            if text == "cancelled" { return .cancelled }
            if text == "no_provider" { return .noProvider }
            if text == "no_bids" && state.market { return .noBids }
        case .auctionOpen:
            if text == "post" { return .post }
            if text == "no_bids" { return .noBids }
            if text == "failed" { return .failed }
        default:
            break
        }
        return .text(text)
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
