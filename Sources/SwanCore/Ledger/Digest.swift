/// A 32-byte SHA-256 digest, held without allocation.
public struct Digest32: Hashable, Sendable, CustomStringConvertible {
    /// The digest as four big-endian 64-bit words.
    public var words: (UInt64, UInt64, UInt64, UInt64)

    public init(words: (UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    /// All zeros: `prev_hash` of seq 0 and `prev_block_hash` of block 0.
    public static let zero = Digest32(words: (0, 0, 0, 0))

    /// From exactly 32 bytes, big-endian.
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a digest has 32 bytes")
        self = bytes.withUnsafeBytes { Digest32(raw: $0) }
    }

    /// From the first 32 bytes of a raw buffer, big-endian.
    public init(raw: UnsafeRawBufferPointer) {
        words = (UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                 UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                 UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                 UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
    }

    /// Parses 64 lowercase hex characters.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = HexText.decode(hex) else { return nil }
        self.init(bytes: bytes)
    }

    /// The 32 bytes, big-endian.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    /// Calls `body` with the 64 lowercase hex characters, rendered without allocating
    /// (the store binds them and `verify` compares them, once per entry).
    public func withHexBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        var text: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { out in
            hexPairs.withUnsafeBufferPointer { table in
                func put(_ word: UInt64, at start: Int) {
                    var at = start
                    var shift: UInt64 = 56
                    while true {
                        let pair = table[Int(UInt8(truncatingIfNeeded: word >> shift))]
                        out[at] = UInt8(truncatingIfNeeded: pair >> 8)
                        out[at + 1] = UInt8(truncatingIfNeeded: pair)
                        at += 2
                        if shift == 0 { break }
                        shift -= 8
                    }
                }
                put(words.0, at: 0)
                put(words.1, at: 16)
                put(words.2, at: 32)
                put(words.3, at: 48)
            }
        }
        return withUnsafeBytes(of: &text) { body($0) }
    }

    /// 64 lowercase hex characters, as stored in the database.
    public var hex: String { withHexBytes { String(decoding: $0, as: UTF8.self) } }

    public var description: String { hex }

    public static func == (lhs: Digest32, rhs: Digest32) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

/// The two lowercase hex characters of each byte value, high character in the high byte.
private let hexPairs: [UInt16] = (0..<256).map { value in
    let digits = Array("0123456789abcdef".utf8)
    return UInt16(digits[value >> 4]) << 8 | UInt16(digits[value & 0x0F])
}

/// Lowercase hex of any length: the one codec of digests, proof fields and payload hex.
public enum HexText {
    /// The bytes of an even number of lowercase hex characters; nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        for index in stride(from: 0, to: utf8.count, by: 2) {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    /// Two lowercase hex characters per byte.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            let pair = hexPairs[Int(byte)]
            out.append(UInt8(truncatingIfNeeded: pair >> 8))
            out.append(UInt8(truncatingIfNeeded: pair))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 97...102: byte - 87
        default: nil
        }
    }
}

/// SHA-256 as the core needs it; the implementation is injected (SwanCrypto uses OpenSSL).
///
/// A class so that one digest context can be reused for every hash of a run; the
/// streaming calls let hot paths hash digests and byte arrays without allocating.
public protocol SHA256Hashing: AnyObject {
    /// Starts a new digest, discarding any unfinished one.
    func begin()
    /// Feeds bytes to the digest begun last.
    func update(_ bytes: UnsafeRawBufferPointer)
    /// Ends the digest and returns it.
    func finish() -> Digest32
}

extension SHA256Hashing {
    /// Feeds a byte array.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds a digest's 32 bytes.
    public func update(_ digest: Digest32) {
        var bigEndian = (digest.words.0.bigEndian, digest.words.1.bigEndian, digest.words.2.bigEndian,
                         digest.words.3.bigEndian)
        withUnsafeBytes(of: &bigEndian) { update($0) }
    }

    /// SHA-256 of a writer's bytes.
    public func digest(_ writer: ByteWriter) -> Digest32 {
        begin()
        writer.bytes.withUnsafeBytes { update($0) }
        return finish()
    }

    /// SHA-256 of the concatenation of `parts`.
    public func digest(_ parts: [UInt8]...) -> Digest32 {
        begin()
        for part in parts { update(part) }
        return finish()
    }
}
