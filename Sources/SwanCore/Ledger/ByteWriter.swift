/// Appends the primitive forms of the ledger encoding (docs/LEDGER-ENCODING.md) to one
/// growing byte buffer.
///
/// Every integer is big-endian and fixed-width; every string is a u32 length followed by
/// its UTF-8 bytes, so the encoding is prefix-free and therefore injective. A writer is
/// reused: `clear()` keeps its capacity, so a block's entries share one buffer (swift-nio's
/// `ByteBuffer` habit) instead of an array per entry.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 256) {
        // No reservation for 0: reserving on the empty array allocates a buffer.
        if capacity > 0 { bytes.reserveCapacity(capacity) }
    }

    /// Bytes written so far.
    @inline(__always) public var count: Int { bytes.count }

    /// Forgets the bytes, keeping the capacity.
    public mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    @inline(__always) public mutating func u8(_ value: UInt8) { bytes.append(value) }

    @inline(__always) public mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    @inline(__always) public mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    @inline(__always) public mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    /// 16 bytes, two's complement, big-endian.
    @inline(__always) public mutating func i128(_ value: Int128) {
        let bits = UInt128(bitPattern: value)
        var pair = (UInt64(truncatingIfNeeded: bits >> 64).bigEndian, UInt64(truncatingIfNeeded: bits).bigEndian)
        withUnsafeBytes(of: &pair) { bytes.append(contentsOf: $0) }
    }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// A string whose bytes are known at compile time (kind, origin and field names).
    @inline(__always) public mutating func staticString(_ value: StaticString) {
        value.withUTF8Buffer { string(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// `str` of raw UTF-8 bytes.
    @inline(__always) public mutating func string(bytes value: UnsafeRawBufferPointer) {
        u32(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    /// Raw bytes, no length.
    @inline(__always) public mutating func append(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }

    /// Overwrites the u32 written at `offset` (a count known only after its items).
    public mutating func patchU32(_ value: UInt32, at offset: Int) {
        withUnsafeBytes(of: value.bigEndian) { raw in
            for index in 0..<4 { bytes[offset + index] = raw[index] }
        }
    }

    public mutating func digest(_ value: Digest32) {
        u64(value.words.0)
        u64(value.words.1)
        u64(value.words.2)
        u64(value.words.3)
    }

    /// 0x00 when absent, else 0x01 followed by the value.
    @inline(__always) public mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        guard let value else { return u8(0) }
        u8(1)
        write(&self, value)
    }
}

/// Reads what `ByteWriter` wrote, from memory the caller keeps alive (a block buffer or
/// a row's blob); every read fails cleanly on truncated or malformed input.
public struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    public internal(set) var offset = 0

    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    public var isAtEnd: Bool { offset == bytes.count }

    /// Why bytes could not be decoded.
    public struct Malformed: Error, Equatable, Sendable {
        public var offset: Int
        public var problem: String
    }

    @inline(__always)
    mutating func need(_ count: Int) throws(Malformed) {
        guard count >= 0, offset + count <= bytes.count else {
            throw Malformed(offset: offset, problem: "truncated: \(count) bytes needed")
        }
    }

    public mutating func u8() throws(Malformed) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func u32() throws(Malformed) -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    public mutating func u64() throws(Malformed) -> UInt64 {
        try need(8)
        defer { offset += 8 }
        return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    public mutating func i64() throws(Malformed) -> Int64 { Int64(bitPattern: try u64()) }

    public mutating func i128() throws(Malformed) -> Int128 {
        let high = UInt128(try u64())
        let low = UInt128(try u64())
        return Int128(bitPattern: high << 64 | low)
    }

    /// The raw bytes of a `str` (not yet checked to be UTF-8).
    public mutating func stringBytes() throws(Malformed) -> UnsafeRawBufferPointer {
        let count = Int(try u32())
        try need(count)
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    public mutating func string() throws(Malformed) -> String {
        let raw = try stringBytes()
        guard let text = Self.text(raw) else {
            throw Malformed(offset: offset - raw.count, problem: "string is not UTF-8")
        }
        return text
    }

    /// The string of UTF-8 bytes, nil if they are not UTF-8. ASCII (every identifier the
    /// engine makes) takes a fast path that needs no validation.
    @inline(__always)
    public static func text(_ raw: UnsafeRawBufferPointer) -> String? {
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Whether the next `str` is exactly `expected` (consumed either way).
    public mutating func string(equals expected: String) throws(Malformed) -> Bool {
        let raw = try stringBytes()
        var expected = expected
        return expected.withUTF8 { sameBytes(UnsafeRawBufferPointer($0), raw) }
    }

    /// Whether the next `str` is exactly `expected` (consumed either way).
    public mutating func string(equals expected: StaticString) throws(Malformed) -> Bool {
        let raw = try stringBytes()
        return expected.withUTF8Buffer { sameBytes(UnsafeRawBufferPointer($0), raw) }
    }

    public mutating func optional<T>(_ read: (inout ByteReader) throws(Malformed) -> T) throws(Malformed) -> T? {
        switch try u8() {
        case 0: return nil
        case 1: return try read(&self)
        case let tag: throw Malformed(offset: offset - 1, problem: "presence byte \(tag)")
        }
    }
}
