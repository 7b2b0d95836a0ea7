import SwanCore
import Testing

@Suite("Money: parsing, rendering, exact arithmetic (RULES.md §1)")
struct MoneyTests {
    @Test("W1: parse 70306.7")
    func w1() throws {
        #expect(try Decimal18.parse("70306.7") == 70_306_700_000_000_000_000_000)
    }

    @Test("W2: one atto, too precise, exponent, leading zero")
    func w2() throws {
        #expect(try Decimal18.parse("0.000000000000000001") == 1)
        #expect(throws: NumberError.precision(fractionalDigits: 19)) { try Decimal18.parse("1.0000000000000000001") }
        #expect((try? Decimal18.parse("1e3")) == nil)
        #expect(code(of: "1e3") == "E_AMOUNT_SYNTAX")
        #expect(code(of: "01") == "E_AMOUNT_SYNTAX")
    }

    @Test("W3: render −700 SWAN and 0")
    func w3() {
        #expect(Decimal18.render(-700_000_000_000_000_000_000) == "-700")
        #expect(Decimal18.render(0) == "0")
    }

    @Test("canonical examples of RULES.md §1.1")
    func canonicalExamples() throws {
        for text in ["140613.4", "0.00025", "0.000000000000000001", "3533"] {
            #expect(Decimal18.render(try Decimal18.parse(text)) == text)
        }
        #expect(Decimal18.render(try Decimal18.parse("3533.0")) == "3533")
        #expect(try Decimal18.parse("-700", allowSign: true) == -700_000_000_000_000_000_000)
    }

    static let malformed: [String] = [
        "", " 1", "1 ", "+1", "-1", ".5", "5.", "1e3", "1E3", "01", "00", "00.5", "1..2", "1.2.3", "0x10", "1,5",
        "١", "NaN", "inf", "1_000", "--1", "1.-5", "1.5e2",
    ]

    @Test("every malformed Amount is E_AMOUNT_SYNTAX", arguments: malformed)
    func rejectsMalformed(_ text: String) {
        #expect(code(of: text) == "E_AMOUNT_SYNTAX", "\(text)")
    }

    @Test("a sign is only allowed on a non-zero SignedAmount")
    func signedZero() {
        #expect(throws: NumberError.self) { try Decimal18.parse("-0", allowSign: true) }
        #expect(throws: NumberError.self) { try Decimal18.parse("-0.0", allowSign: true) }
        #expect(throws: NumberError.syntax("a sign is not allowed")) { try Decimal18.parse("-1") }
    }

    @Test("values beyond Int128 are E_RANGE, never wrapped")
    func tooLarge() {
        #expect(code(of: "170141183460469231732") == "E_RANGE")
        #expect(code(of: "170141183460469231731.687303715884105727") == nil)
        #expect(code(of: "170141183460469231731.687303715884105728") == "E_RANGE")
    }

    @Test("CU: one fractional digit, deci-CU, E_CU_PRECISION")
    func computeUnits() throws {
        #expect(try ComputeUnits.parseDeci("19.9") == 199)
        #expect(try ComputeUnits.parseDeci("28") == 280)
        #expect(try ComputeUnits.parseDeci("3.0") == 30)
        #expect(throws: NumberError.cuPrecision(fractionalDigits: 2)) { try ComputeUnits.parseDeci("2.95") }
        #expect(throws: NumberError.self) { try ComputeUnits.parseDeci("1e1") }
        #expect(ComputeUnits.renderDeci(199) == "19.9")
        #expect(ComputeUnits.renderDeci(280) == "28")
        #expect(ComputeUnits.renderWeighted(1_305_600_000_000_000_000_000) == "130.56")
    }

    /// render∘parse and parse∘render are identities over the whole Int128 range.
    /// The generator is seeded; the seed is printed with any failure.
    @Test("render and parse are inverse on random values across the range")
    func roundTripProperty() throws {
        var random = SplitMix64(seed: 0x5EED_0001)
        for iteration in 0..<20_000 {
            let value = random.nextInt128(iteration: iteration)
            let text = Decimal18.render(value)
            let parsed = try Decimal18.parse(text, allowSign: true)
            #expect(parsed == value, "seed 0x5EED0001 iteration \(iteration): \(value) → \(text) → \(parsed)")
            #expect(Decimal18.render(parsed) == text)
            if value == 0 { continue }
            // A canonical rendering never has a leading zero or a trailing fractional zero.
            #expect(!text.hasSuffix("0") || !text.contains("."), "\(text)")
        }
    }

    @Test("muldiv is exact with a 256-bit intermediate")
    func muldiv() throws {
        let max = Int128.max
        #expect(try Arithmetic.muldiv(max, max, max) == max)
        #expect(try Arithmetic.muldiv(10, 20, 7) == 28)
        // 10^30 × 10^28 / 10^19 = 10^39 does not fit: an error, never a wrap.
        let e30 = Int128(1_000_000_000_000_000) * 1_000_000_000_000_000
        let e28 = e30 / 100
        #expect(throws: Arithmetic.Overflow.resultOutOfRange) { try Arithmetic.muldiv(e30, e28, 10_000_000_000_000_000_000) }
        // (2^127 − 1) × 3 / 6 = (2^127 − 1) / 2, floored.
        #expect(try Arithmetic.muldiv(max, 3, 6) == max / 2)
        // The product needs 256 bits, the quotient fits.
        #expect(try Arithmetic.muldiv(e30, e30, e30) == e30)
        #expect(try Arithmetic.applyRatio(20_491_400_000_000_000_000_000, 250_000_000_000_000) == 5_122_850_000_000_000_000)
    }

    @Test("rhe rounds half to even for either sign", arguments: [
        (Int128(5), Int128(2), Int128(2)), (7, 2, 4), (-5, 2, -2), (-7, 2, -4), (1, 3, 0), (2, 3, 1),
        (-1, 3, 0), (-2, 3, -1), (6, 3, 2), (0, 5, 0), (25, 10, 2), (35, 10, 4), (-25, 10, -2),
    ])
    func roundHalfEven(_ n: Int128, _ d: Int128, _ expected: Int128) {
        #expect(Arithmetic.rhe(n, d) == expected)
    }

    @Test("rhe(a, times: b, over: c) equals rhe(a·b, c) where a·b fits, and stays exact where it does not")
    func roundHalfEvenOfProduct() throws {
        var random = SplitMix64(seed: 20_261_207)
        for _ in 0..<2000 {
            let a = Int128(random.next() >> 1), b = Int128(random.next() % 2_000_000_000), c = Int128(random.next() >> 1) + 1
            #expect(try Arithmetic.rhe(a, times: b, over: c) == Arithmetic.rhe(a * b, c), "\(a) × \(b) / \(c)")
        }
        // ubi_u of a network of 7,000 busy H100s on FCP: T = 86400 × 7000 × 280 × 1.2·10^18 ≈ 2·10^29,
        // so T × 10^9 passes 2^127; u = 1 exactly, and half of it rounds to 0.5.
        let t: Int128 = 86_400 * 7_000 * 280 * 1_200_000_000_000_000_000
        #expect(try Arithmetic.rhe(t, times: 1_000_000_000, over: t) == 1_000_000_000)
        #expect(try Arithmetic.rhe(t / 2, times: 1_000_000_000, over: t) == 500_000_000)
        #expect(try Arithmetic.rhe(1, times: 1, over: 2) == 0)
        #expect(try Arithmetic.rhe(3, times: 1, over: 2) == 2)
        #expect(throws: Arithmetic.Overflow.resultOutOfRange) { try Arithmetic.rhe(Int128.max, times: 4, over: 2) }
    }

    private func code(of text: String) -> String? {
        do {
            _ = try Decimal18.parse(text)
            return nil
        } catch {
            return error.code
        }
    }
}

/// A seeded generator for property tests (the swift-argument-parser `roll` example's SplitMix64).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Spreads values over every magnitude: full-range, small, edge and whole-SWAN values.
    mutating func nextInt128(iteration: Int) -> Int128 {
        let raw = Int128(bitPattern: UInt128(next()) << 64 | UInt128(next()))
        switch iteration % 5 {
        case 0: return raw
        case 1: return raw >> Int128(next() % 127)
        case 2: return [Int128.max, Int128.min + 1, 0, 1, -1][Int(next() % 5)]
        case 3: return Int128(Int64(bitPattern: next()) % 1_000_000) * 1_000_000_000_000_000_000
        default: return Int128(Int64(bitPattern: next()))
        }
    }
}
