/// The canonical byte encoding E(entry) stored in `entries.payload` (OUTPUTS.md §4.1).
///
/// The grammar, tags and test vectors are in docs/LEDGER-ENCODING.md; change them together
/// and change `version` with any change of bytes.
public enum EntryEncoding {
    /// The encoding identifier; the first field of every encoded entry and `meta.encoding_version`.
    public static let version = "swansim-entry/1"

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

    /// E(entry). Precondition: the payload names match `PayloadSchema` for the kind.
    public static func encode(_ entry: Entry) -> [UInt8] {
        precondition(entry.payload.map(\.name) == PayloadSchema.fields(for: entry.kind),
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

    private static func write(_ value: PayloadValue, into writer: inout ByteWriter) {
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
    public static func decode(_ bytes: [UInt8], checkCanonical: Bool = true) throws(DecodingError) -> Entry {
        var reader = ByteReader(bytes)
        let entry: Entry
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
        guard entry.payload.map(\.name) == PayloadSchema.fields(for: entry.kind) else {
            throw .schema("payload fields of \(entry.kind.rawValue) are \(entry.payload.map(\.name))")
        }
        if checkCanonical && encode(entry) != bytes { throw .notCanonical }
        return entry
    }

    private static func decodeFields(_ reader: inout ByteReader) throws -> Entry {
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
        var transfers: [Transfer] = []
        for expected in 0..<transferCount {
            let index = try reader.u32()
            guard index == expected else { throw DecodingError.malformed("transfer index \(index), expected \(expected)") }
            let debitText = try reader.string()
            let creditText = try reader.string()
            guard let debit = AccountName(debitText) else { throw DecodingError.unknownAccount(debitText) }
            guard let credit = AccountName(creditText) else { throw DecodingError.unknownAccount(creditText) }
            transfers.append(Transfer(debit: debit, credit: credit, amountAtto: try reader.i128()))
        }
        let fieldCount = try reader.u32()
        var payload: [PayloadField] = []
        for _ in 0..<fieldCount {
            let name = try reader.string()
            payload.append(PayloadField(name, try readValue(&reader, depth: 0)))
        }
        return Entry(seq: seq, day: day, time: time, kind: kind, origin: origin, scriptIndex: scriptIndex,
                     provider: provider, task: task, user: user, amountAtto: amount, reason: reason,
                     transfers: transfers, payload: payload)
    }

    private static func readValue(_ reader: inout ByteReader, depth: Int) throws -> PayloadValue {
        guard depth < 8 else { throw DecodingError.malformed("payload nested too deeply") }
        switch ValueTag(rawValue: try reader.u8()) {
        case .null: return .null
        case .integer: return .integer(try reader.i128())
        case .text: return .text(try reader.string())
        case .list:
            let count = try reader.u32()
            var values: [PayloadValue] = []
            for _ in 0..<count { values.append(try readValue(&reader, depth: depth + 1)) }
            return .list(values)
        case nil: throw DecodingError.malformed("unknown value tag")
        }
    }
}
