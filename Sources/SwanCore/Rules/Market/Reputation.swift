/// The reputation score of a market run (RULES-MARKET M3, D §7): its five components, their
/// total and the roulette weight, as pure integer functions of the counts the ledger shows.
///
/// Scores are wads of points (10^18 = 1 point, `P100` = 100 points); window scores are whole
/// points, multiples of 10. The network averages (M3.5 step 2) are the callers', over step-1 values.
public enum Reputation {
    static let wad = Decimal18.scale
    /// 100 points.
    public static let p100 = 100 * Decimal18.scale

    /// A window's system-job score: from 50, +10 per success and −20 per failure, clamped to
    /// [0, 100] after every job (M3.3 step 1); an empty window scores 50.
    /// - Parameter outcomes: true for a success, in settlement order.
    public static func windowScore<Outcomes: Sequence>(_ outcomes: Outcomes) -> Int64 where Outcomes.Element == Bool {
        outcomes.reduce(50) { score, ok in ok ? min(100, score + 10) : max(0, score - 20) }
    }

    /// (5·s7 + 3·s30 + 2·s_all) / 10, exact for multiples of 10 (M3.3 step 3).
    public static func blend(s7: Int64, s30: Int64, sAll: Int64) -> Int64 {
        (5 * s7 + 3 * s30 + 2 * sAll) / 10
    }

    /// The step-4 system value: the blend, plus `bonus` (capped at 100) once the clean streak
    /// reaches `bonusDays` (M3.3 step 4).
    public static func system(blend: Int64, cleanStreak: Int64, bonusDays: Int64, bonus: Int128) -> Int128 {
        let base = Int128(blend) * wad
        return cleanStreak >= bonusDays ? min(p100, base + bonus) : base
    }

    /// muldiv(P100, active seconds, seconds since registration) (M3.3 "Uptime").
    public static func uptime(activeSeconds: Int64, registeredSeconds: Int64) -> Int128 {
        precondition(registeredSeconds >= 1 && (0...registeredSeconds).contains(activeSeconds), "0 ≤ active ≤ registered, registered ≥ 1")
        return p100 * Int128(activeSeconds) / Int128(registeredSeconds)
    }

    /// muldiv(P100, T − reg(p), T − oldest) (M3.3 "Join time").
    public static func join(evaluationTime t: Int64, registered: Int64, oldest: Int64) -> Int128 {
        precondition(oldest <= registered && registered < t, "oldest ≤ reg(p) < T")
        return p100 * Int128(t - registered) / Int128(t - oldest)
    }

    /// Successful over all user jobs; nil when there is none (the network average then applies, M3.3).
    public static func user(succeeded: Int64, failed: Int64) -> Int128? {
        guard succeeded + failed > 0 else { return nil }
        return p100 * Int128(succeeded) / Int128(succeeded + failed)
    }

    /// (successes − refunds) / successes, clamped at 0; 0 with refunds and no success; nil
    /// with neither (the network average then applies, M3.3).
    public static func refund(succeeded: Int64, refunds: Int64) -> Int128? {
        if succeeded > 0 { return p100 * Int128(max(succeeded - refunds, 0)) / Int128(succeeded) }
        return refunds > 0 ? 0 : nil
    }

    /// ⌊mean⌋ of the providers' own values, or `fallback` when none has one (M3.3: 50 for the
    /// system score, 100 for user and refund).
    public static func average(_ values: [Int128], fallback: Int128) -> Int128 {
        values.isEmpty ? fallback : values.reduce(0, +) / Int128(values.count)
    }

    /// ⌊Σ w·component / 100⌋ over (uptime, join, system, user, refund) (M3.4).
    public static func total(components: [Int128], weights: [Int64]) -> Int128 {
        precondition(components.count == 5 && weights.count == 5 && weights.reduce(0, +) == 100, "five components, weights summing to 100")
        return zip(components, weights).reduce(Int128(0)) { $0 + Int128($1.1) * $1.0 } / 100
    }

    /// The roulette weight: the reputation in whole micro-points, 0 … 10^8 (M3.6).
    public static func rouletteWeight(_ reputation: Int128) -> UInt64 {
        UInt64(reputation / 1_000_000_000_000)
    }

    /// Picks `count` of `weights` without replacement (M5.4): pick i draws
    /// uniform(draw(seed, 7, task, round, i), remaining total) and takes the first remaining
    /// bidder whose cumulative weight exceeds it. Returns the picked positions in pick order.
    /// Precondition: every weight ≥ 1 (a provider below one micro-point does not bid).
    public static func roulette(weights: [UInt64], picks count: Int, seed: UInt64, taskIndex: UInt64, round: UInt64) -> [Int] {
        precondition(weights.allSatisfy { $0 >= 1 } && count <= weights.count, "bidders weigh ≥ 1; at most one pick each")
        var remaining = Array(weights.indices)
        var picked: [Int] = []
        for pick in 0..<count {
            let total = remaining.reduce(UInt64(0)) { $0 + weights[$1] }
            let h = CounterRandom.draw(seed: seed, stream: CounterRandom.Stream.auctionRoulette.rawValue, taskIndex, round, UInt64(pick))
            let position = wheel(CounterRandom.uniform(h, total), weights: remaining.map { weights[$0] })
            picked.append(remaining.remove(at: position))
        }
        return picked
    }

    /// The position of the first weight whose running sum exceeds r (D §7's roulette wheel);
    /// r < Σ weights.
    public static func wheel(_ r: UInt64, weights: [UInt64]) -> Int {
        var cumulative: UInt64 = 0
        for (position, weight) in weights.enumerated() {
            cumulative += weight
            if cumulative > r { return position }
        }
        preconditionFailure("r = \(r) is not below the weights' sum \(cumulative)")
    }
}
