/// Decodes E(entry) into an `Entry` whose ids belong to the decoding side's own state.
///
/// Decoding is strict: every value must have its schema's type and form, every presence
/// byte or bit is one that can be written, every count fits, and every byte is consumed.
/// Each primitive has one encoding, so bytes that decode are the canonical encoding of what
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

        /// Bytes that break a primitive form.
        init(_ malformed: ByteReader.Malformed) {
            self = .malformed("at byte \(malformed.offset): \(malformed.problem)")
        }
    }

    /// Decodes one entry from exactly `bytes`, in the encoding of `state.format`.
    public static func decode(_ bytes: UnsafeRawBufferPointer, state: inout LedgerState) throws(DecodingError) -> Entry {
        var reader = ByteReader(bytes)
        do {
            let entry = state.format.isLegacy ? try LegacyEntryDecoding.fields(&reader, state: &state)
                : try fields(&reader, state: &state)
            guard reader.isAtEnd else { throw DecodingError.malformed("trailing bytes after the entry") }
            return entry
        } catch let error as DecodingError {
            throw error
        } catch let error as ByteReader.Malformed {
            throw DecodingError(error)
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

    /// `swansim-entry/3`.
    private static func fields(_ r: inout ByteReader, state: inout LedgerState) throws -> Entry {
        let version = try r.textBytes()
        guard versionBytes.withUnsafeBytes({ sameBytes($0, version) }) else {
            throw DecodingError.unknownVersion(ByteReader.text(version) ?? "(not UTF-8)")
        }
        let seq = try r.int64(), day = try r.int64(), time = try r.int64()
        let kindCode = Int(try r.u8())
        guard kindCode < EntryKind.allCases.count, state.market || !EntryKind.allCases[kindCode].isMarket else {
            throw DecodingError.unknownKind("code \(kindCode)")
        }
        let kind = EntryKind.allCases[kindCode]
        let originCode = Int(try r.u8())
        guard originCode < EntryOrigin.allCases.count else { throw DecodingError.unknownOrigin("code \(originCode)") }
        let presence = try r.u8()
        guard presence & ~EntryEncoding.Presence.all == 0 else { throw DecodingError.malformed("presence bits \(presence)") }
        typealias Bit = EntryEncoding.Presence
        let scriptIndex = presence & Bit.scriptIndex != 0 ? try r.int64() : nil
        let provider = presence & Bit.provider != 0 ? try r.text() : nil
        let task = presence & Bit.task != 0 ? try r.text() : nil
        let user = presence & Bit.user != 0 ? try r.text() : nil
        let amount = presence & Bit.amount != 0 ? try r.int(maxWidth: 16) : nil
        let reason = presence & Bit.reason != 0 ? try Self.reason(try r.text(), kind: kind, state: state) : nil
        let providerIndex = providerIndex(provider, kind, state)
        var transfers = TransferList()
        for _ in 0..<(try r.uv(limit: TransferList.capacity)) {
            let debit = try account(&r, provider, providerIndex, task, user, state: &state)
            let credit = try account(&r, provider, providerIndex, task, user, state: &state)
            transfers.append(Transfer(debit: debit, credit: credit, amountAtto: try r.int(maxWidth: 16)))
        }
        var reading = PayloadReading(source: CompactSource(reader: r), kind: kind)
        let payload = try reading.read(state)
        r = reading.source.reader
        return Entry(seq: seq, day: day, time: time, kind: kind, origin: EntryOrigin.allCases[originCode],
                     scriptIndex: scriptIndex, provider: provider, providerIndex: providerIndex,
                     task: task, user: user, amountAtto: amount, reason: reason, transfers: transfers, payload: payload)
    }

    /// The registered provider an entry names (the next index for a `register`), −1 for none.
    static func providerIndex(_ provider: String?, _ kind: EntryKind, _ state: LedgerState) -> Int32 {
        guard let provider else { return -1 }
        if let index = state.providerIndex(named: provider) { return index }
        return kind == .register ? Int32(state.providers.count) : -1
    }

    /// `account`: a code, then the owner's id unless the code says the owner is the entry's own.
    private static func account(_ r: inout ByteReader, _ provider: String?, _ providerIndex: Int32, _ task: String?,
                                _ user: String?, state: inout LedgerState) throws -> AccountID {
        let at = r.offset
        let byte = try r.u8()
        let value = byte & ~AccountName.Code.ownFlag
        guard let code = AccountName.Code(rawValue: value), code.isOwned || byte == value else {
            throw DecodingError.malformed("at byte \(at): account code \(byte)")
        }
        guard code.isOwned else { return AccountID(Int(value)) }
        // The entry's own registered provider: its accounts by index, no name built or looked up.
        if byte != value, code.ownerField == .provider, providerIndex >= 0, Int(providerIndex) < state.providers.count {
            return state.providerAccount(providerIndex, code: value)
        }
        let own: String?
        switch code.ownerField {
        case .provider: own = provider
        case .task: own = task
        case .user: own = user
        }
        let id: AccountID?
        if byte != value {
            guard var own else { throw DecodingError.malformed("at byte \(at): an account of the entry's own owner, who is absent") }
            id = own.withUTF8 { state.accounts.intern(code: value, owner: UnsafeRawBufferPointer($0)) }
        } else {
            let owner = try r.textBytes()
            if var own, own.withUTF8({ sameBytes(UnsafeRawBufferPointer($0), owner) }) {
                throw DecodingError.malformed("at byte \(at): the entry's own owner spelled out")
            }
            id = state.accounts.intern(code: value, owner: owner)
        }
        guard let id else { throw DecodingError.unknownAccount("code \(value)") }
        return id
    }

    private static let versionBytes = Array(EntryFormat.v3.identifier.utf8)

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

/// Reads payload values in their `swansim-entry/3` forms.
struct CompactSource: PayloadSource {
    typealias Failure = EntryDecoding.DecodingError
    var reader: ByteReader

    @inline(__always) private func located(_ error: ByteReader.Malformed) -> Failure { Failure(error) }

    mutating func int64() throws(Failure) -> Int64 {
        do { return try reader.int64() } catch { throw located(error) }
    }

    mutating func int128() throws(Failure) -> Int128 {
        do { return try reader.int(maxWidth: 16) } catch { throw located(error) }
    }

    mutating func flag() throws(Failure) -> Bool {
        do { return try reader.flag() } catch { throw located(error) }
    }

    mutating func text() throws(Failure) -> String {
        do { return try reader.text() } catch { throw located(error) }
    }

    mutating func model() throws(Failure) -> String { try text() }
    mutating func provider() throws(Failure) -> String { try text() }

    mutating func name(in set: NameSet) throws(Failure) -> Int {
        let code: UInt8
        do { code = try reader.u8() } catch { throw located(error) }
        guard Int(code) < set.names.count else { throw .schema("\(set.rawValue) code \(code)") }
        return Int(code)
    }

    mutating func present() throws(Failure) -> Bool {
        do { return try reader.flag() } catch { throw located(error) }
    }

    mutating func length() throws(Failure) -> Int {
        // No list holds more items than bytes remain: a length cannot make the reader loop long.
        do { return try reader.uv(limit: reader.bytes.count - reader.offset) } catch { throw located(error) }
    }
}
