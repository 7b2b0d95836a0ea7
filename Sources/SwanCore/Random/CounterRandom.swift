/// The stateless counter-based generator of RULES.md §10.1.
///
/// Every draw is a pure function of its key, so results never depend on the order in
/// which the engine asks for them. All arithmetic wraps modulo 2^64.
public enum CounterRandom {
    /// Weyl increment (the golden ratio in 64-bit fixed point).
    public static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The stream numbers of RULES.md §10.2.
    public enum Stream: UInt64, Sendable {
        case populationAttribute = 1
        case ubiOutcome = 2
        case paidTaskOutcome = 3
        case automaticAssignment = 4
        case taskGeneration = 5
        case behaviour = 6
        /// A market run's auction roulette (RULES-MARKET M9): task index, round, pick.
        case auctionRoulette = 7
        /// A market run's auction job outcome: task index, round, job.
        case auctionJobOutcome = 8
    }

    /// SplitMix64's finaliser.
    @inline(__always)
    public static func mix64(_ input: UInt64) -> UInt64 {
        var z = input
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// draw(seed, stream, a, b, c).
    @inline(__always)
    public static func draw(seed: UInt64, stream: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        var z = mix64(seed &+ gamma)
        z = mix64((z ^ stream) &+ gamma)
        z = mix64((z ^ a) &+ gamma)
        z = mix64((z ^ b) &+ gamma)
        return mix64((z ^ c) &+ gamma)
    }

    /// ⌊h·n / 2^64⌋ for n ≥ 1: a value in [0, n) without modulo bias beyond 2^-64.
    @inline(__always)
    public static func uniform(_ h: UInt64, _ n: UInt64) -> UInt64 {
        precondition(n >= 1, "uniform needs n ≥ 1")
        return h.multipliedFullWidth(by: n).high
    }

    /// uniform(h, 10^18): compared with a probability's wad, `event ⇔ unit(h) < p`.
    @inline(__always)
    public static func unit(_ h: UInt64) -> Int128 {
        Int128(uniform(h, 1_000_000_000_000_000_000))
    }

    /// min + uniform(h, max − min + 1).
    public static func integer(_ h: UInt64, in range: IntRange) -> Int64 {
        range.min + Int64(uniform(h, UInt64(range.max - range.min + 1)))
    }

    /// min + uniform(h, (max − min)/step + 1) × step; a fixed value returns itself.
    public static func ratio(_ h: UInt64, in range: RatioRange) -> Int128 {
        guard range.stepWad > 0 else { return range.minWad }
        return range.minWad + Int128(uniform(h, UInt64(range.valueCount))) * range.stepWad
    }

    /// The index of the first item whose cumulative weight exceeds uniform(h, Σw).
    public static func weightedChoice(_ h: UInt64, weights: [Int64]) -> Int {
        let total = weights.reduce(0, +)
        let r = Int64(uniform(h, UInt64(total)))
        var cumulative: Int64 = 0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            if cumulative > r { return index }
        }
        return weights.count - 1
    }
}
