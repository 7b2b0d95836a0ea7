/// Appends the primitive forms of the ledger encoding (docs/LEDGER-ENCODING.md).
///
/// Every integer is big-endian and fixed-width; every string is a u32 length followed by
/// its UTF-8 bytes, so the encoding is prefix-free and therefore injective.
public struct ByteWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func u8(_ value: UInt8) { bytes.append(value) }

    public mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    /// 16 bytes, two's complement, big-endian.
    public mutating func i128(_ value: Int128) {
        let bits = UInt128(bitPattern: value)
        u64(UInt64(truncatingIfNeeded: bits >> 64))
        u64(UInt64(truncatingIfNeeded: bits))
    }

    public mutating func string(_ value: String) {
        let utf8 = value.utf8
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    public mutating func digest(_ value: Digest32) {
        u64(value.words.0)
        u64(value.words.1)
        u64(value.words.2)
        u64(value.words.3)
    }

    /// 0x00 when absent, else 0x01 followed by the value.
    public mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        guard let value else { return u8(0) }
        u8(1)
        write(&self, value)
    }
}

/// Reads what `ByteWriter` wrote; every read fails cleanly on truncated or malformed input.
public struct ByteReader {
    private let bytes: [UInt8]
    public private(set) var offset = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var isAtEnd: Bool { offset == bytes.count }

    /// Why bytes could not be decoded.
    public struct Malformed: Error, Equatable, Sendable {
        public var offset: Int
        public var problem: String
    }

    private mutating func take(_ count: Int) throws(Malformed) -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= bytes.count else {
            throw Malformed(offset: offset, problem: "truncated: \(count) bytes needed")
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    public mutating func u8() throws(Malformed) -> UInt8 { try take(1).first ?? 0 }

    public mutating func u32() throws(Malformed) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw Malformed(offset: offset, problem: "truncated: 4 bytes needed") }
        defer { offset += 4 }
        return bytes.withUnsafeBytes { UInt32(bigEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
    }

    public mutating func u64() throws(Malformed) -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Malformed(offset: offset, problem: "truncated: 8 bytes needed") }
        defer { offset += 8 }
        return bytes.withUnsafeBytes { UInt64(bigEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }

    public mutating func i64() throws(Malformed) -> Int64 { Int64(bitPattern: try u64()) }

    public mutating func i128() throws(Malformed) -> Int128 {
        let high = UInt128(try u64())
        let low = UInt128(try u64())
        return Int128(bitPattern: high << 64 | low)
    }

    public mutating func string() throws(Malformed) -> String {
        let count = Int(try u32())
        let slice = try take(count)
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw Malformed(offset: offset - count, problem: "string is not UTF-8")
        }
        return text
    }

    public mutating func optional<T>(_ read: (inout ByteReader) throws(Malformed) -> T) throws(Malformed) -> T? {
        switch try u8() {
        case 0: return nil
        case 1: return try read(&self)
        case let tag: throw Malformed(offset: offset - 1, problem: "presence byte \(tag)")
        }
    }
}
