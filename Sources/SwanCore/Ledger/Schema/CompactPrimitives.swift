/// The primitive forms of `swansim-entry/3` (docs/LEDGER-ENCODING.md "Primitives"):
/// integers only as wide as their value, lengths and counts as LEB128.
///
/// `int` is a length byte n (0…16) and the value's n-byte two's complement, big-endian,
/// in the fewest bytes that hold it (zero is n = 0). `uv` is unsigned LEB128 in the fewest
/// bytes. Both have exactly one form per value, so the readers below, which refuse any other
/// form, accept only canonical bytes.
extension ByteWriter {
    /// The bytes `int` needs for `value`: 0 for zero, else the fewest that keep its sign.
    @inline(__always)
    static func intWidth(_ value: Int128) -> Int {
        if value == 0 { return 0 }
        let magnitudeBits = 128 - (value < 0 ? ~value : value).leadingZeroBitCount
        return magnitudeBits / 8 + 1
    }

    /// `int`: u8 n, then the n low bytes of the value, big-endian.
    @inline(__always)
    public mutating func int(_ value: Int128) {
        let width = Self.intWidth(value)
        u8(UInt8(width))
        guard width > 0 else { return }
        let bits = UInt128(bitPattern: value)
        var shift = (width - 1) * 8
        while shift >= 0 {
            u8(UInt8(truncatingIfNeeded: bits >> UInt128(shift)))
            shift -= 8
        }
    }

    @inline(__always)
    public mutating func int(_ value: Int64) {
        int(Int128(value))
    }

    /// `uv`: unsigned LEB128, seven bits a byte, low first, in the fewest bytes.
    @inline(__always)
    public mutating func uv(_ value: Int) {
        var rest = UInt64(value)
        while rest >= 0x80 {
            u8(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        u8(UInt8(rest))
    }

    /// `text`: uv byte length, then the UTF-8 bytes.
    @inline(__always)
    public mutating func text(bytes value: UnsafeRawBufferPointer) {
        uv(value.count)
        append(value)
    }

    public mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { text(bytes: UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    public mutating func text(_ value: StaticString) {
        value.withUTF8Buffer { text(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension ByteReader {
    /// `int` of at most `maxWidth` bytes (8 for a 64-bit field, 16 for a 128-bit one).
    @inline(__always)
    public mutating func int(maxWidth: Int) throws(Malformed) -> Int128 {
        let start = offset
        let width = Int(try u8())
        guard width <= maxWidth else {
            throw Malformed(offset: start, problem: "an integer of \(width) bytes where at most \(maxWidth) fit")
        }
        try need(width)
        guard width > 0 else { return 0 }
        var bits: UInt128 = bytes[offset] >= 0x80 ? ~0 : 0
        for index in offset..<offset + width { bits = bits << 8 | UInt128(bytes[index]) }
        offset += width
        let value = Int128(bitPattern: bits)
        guard ByteWriter.intWidth(value) == width else {
            throw Malformed(offset: start, problem: "an integer not in its shortest form")
        }
        return value
    }

    @inline(__always)
    public mutating func int64() throws(Malformed) -> Int64 {
        Int64(truncatingIfNeeded: try int(maxWidth: 8))
    }

    /// `uv`, at most `limit`.
    @inline(__always)
    public mutating func uv(limit: Int) throws(Malformed) -> Int {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try u8()
            guard shift < 63 else { throw Malformed(offset: start, problem: "a length or count too large") }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                guard byte != 0 || shift == 0 else { throw Malformed(offset: start, problem: "a LEB128 number not in its shortest form") }
                break
            }
            shift += 7
        }
        guard value <= UInt64(limit) else { throw Malformed(offset: start, problem: "\(value) where at most \(limit) fit") }
        return Int(value)
    }

    /// The raw bytes of a `text` (not yet checked to be UTF-8).
    @inline(__always)
    public mutating func textBytes() throws(Malformed) -> UnsafeRawBufferPointer {
        let count = try uv(limit: Int(Int32.max))
        try need(count)
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    public mutating func text() throws(Malformed) -> String {
        let raw = try textBytes()
        guard let text = Self.text(raw) else { throw Malformed(offset: offset - raw.count, problem: "text is not UTF-8") }
        return text
    }

    /// 0 or 1.
    @inline(__always)
    public mutating func flag() throws(Malformed) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        case let other: throw Malformed(offset: offset - 1, problem: "\(other) where 0 or 1 was expected")
        }
    }
}
