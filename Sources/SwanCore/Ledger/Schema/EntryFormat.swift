/// The versions of E(entry) a ledger can hold (`meta.encoding_version`).
///
/// New ledgers are written in `v3`; `v1` (version-1 runs) and `v2` (market runs) are the
/// encodings of ledgers written before it, read and verified but never written again.
public enum EntryFormat: Int, Comparable, CaseIterable, Sendable {
    case v1 = 1, v2, v3

    /// `swansim-entry/N`.
    public var identifier: String { "swansim-entry/\(rawValue)" }

    /// The format an identifier names.
    public init?(identifier: String) {
        guard let format = Self.allCases.first(where: { $0.identifier == identifier }) else { return nil }
        self = format
    }

    /// Whether entries carry each field's name and a value tag (versions 1 and 2).
    public var isLegacy: Bool { self < .v3 }

    /// Every identifier this build reads, for messages.
    public static var readable: String { allCases.map(\.identifier).joined(separator: ", ") }

    /// The seq and day an encoded entry of any readable version opens with, nil when the bytes
    /// open with no readable version identifier or end before the day.
    public static func seqAndDay(of payload: [UInt8]) -> (seq: Int64, day: Int64)? {
        payload.withUnsafeBytes { raw -> (Int64, Int64)? in
            var reader = ByteReader(raw)
            if let version = try? reader.textBytes(), Array(version) == Array(EntryFormat.v3.identifier.utf8) {
                guard let seq = try? reader.int64(), let day = try? reader.int64() else { return nil }
                return (seq, day)
            }
            reader = ByteReader(raw)
            guard let version = try? reader.stringBytes(), let format = ByteReader.text(version).flatMap(EntryFormat.init(identifier:)),
                  format.isLegacy, let seq = try? reader.u64(), let day = try? reader.u64() else { return nil }
            return (Int64(bitPattern: seq), Int64(bitPattern: day))
        }
    }

    public static func < (lhs: EntryFormat, rhs: EntryFormat) -> Bool { lhs.rawValue < rhs.rawValue }
}
