import SwanCore
import Testing

private func d(_ text: String) -> Int128 { (try? Decimal18.parse(text)) ?? -1 }

@Suite("Reputation (RULES-MARKET M3, M3.6, M5.4 roulette; worked examples W-M6 … W-M14)")
struct ReputationTests {
    @Test("W-M6: window scores, clamped after every job", arguments: [
        ("SSSSS", 100), ("F", 30), ("FF", 10), ("FFF", 0), ("SF", 40), ("FSSS", 60), ("SSFSF", 40), ("FFFSSSSSSS", 70), ("", 50),
    ])
    func windowScore(_ jobs: String, _ expected: Int64) {
        #expect(Reputation.windowScore(jobs.map { $0 == "S" }) == expected)
    }

    @Test("W-M7: the blend, and the bonus after a clean streak of bonus_days")
    func blendAndBonus() {
        let first = Reputation.blend(s7: 100, s30: 70, sAll: 70)
        #expect(first == 85)
        #expect(Reputation.system(blend: first, cleanStreak: 7, bonusDays: 7, bonus: d("5")) == d("90"))
        #expect(Reputation.system(blend: first, cleanStreak: 6, bonusDays: 7, bonus: d("5")) == d("85"))
        #expect(Reputation.system(blend: Reputation.blend(s7: 80, s30: 90, sAll: 90), cleanStreak: 0, bonusDays: 7, bonus: d("5")) == d("85"))
        #expect(Reputation.system(blend: 98, cleanStreak: 9, bonusDays: 7, bonus: d("5")) == d("100"), "capped at 100")
    }

    @Test("W-M8 uptime, W-M9 join time")
    func uptimeAndJoin() {
        #expect(Reputation.uptime(activeSeconds: 349_200, registeredSeconds: 432_000) == d("80.833333333333333333"))
        #expect(Reputation.join(evaluationTime: 345_600, registered: 302_400, oldest: 0) == d("12.5"))
        #expect(Reputation.join(evaluationTime: 345_600, registered: 0, oldest: 0) == d("100"))
    }

    @Test("W-M10: user and refund scores, and the no-data cases left to the network average")
    func userAndRefund() {
        #expect(Reputation.user(succeeded: 2, failed: 1) == d("66.666666666666666666"))
        #expect(Reputation.refund(succeeded: 7, refunds: 4) == d("42.857142857142857142"))
        #expect(Reputation.refund(succeeded: 0, refunds: 1) == 0)
        #expect(Reputation.refund(succeeded: 3, refunds: 5) == 0, "more refunds than successes clamp to 0")
        #expect(Reputation.user(succeeded: 0, failed: 0) == nil && Reputation.refund(succeeded: 0, refunds: 0) == nil)
        #expect(Reputation.average([d("60"), d("71")], fallback: d("100")) == d("65.5"))
        #expect(Reputation.average([], fallback: d("100")) == d("100"))
    }

    @Test("W-M11 total with the default weights; W-M12 roulette weight in micro-points")
    func totalAndWeight() {
        #expect(Reputation.total(components: ["100", "12.5", "92", "80", "80"].map(d), weights: [10, 10, 35, 15, 30]) == d("79.45"))
        #expect(Reputation.rouletteWeight(d("74.999999999999999999")) == 74_999_999)
        #expect(Reputation.rouletteWeight(d("100")) == 100_000_000)
    }

    @Test("W-M13 the wheel; W-M14 the roulette without replacement on stream 7")
    func roulette() {
        let weights: [UInt64] = [85_000_000, 92_000_000, 78_000_000, 88_000_000]
        #expect(Reputation.wheel(205_800_000, weights: weights) == 2, "r = ⌊0.6 × 343,000,000⌋ falls in C")
        let first = CounterRandom.draw(seed: 7, stream: 7, 0, 1, 0)
        #expect(first == 0xb864_7756_1688_6ed1 && CounterRandom.uniform(first, 343_000_000) == 247_057_066)
        #expect(CounterRandom.uniform(CounterRandom.draw(seed: 7, stream: 7, 0, 1, 1), 265_000_000) == 252_697_318)
        #expect(Reputation.roulette(weights: weights, picks: 2, seed: 7, taskIndex: 0, round: 1) == [2, 3], "C, then D")
        #expect(Set(Reputation.roulette(weights: weights, picks: 4, seed: 7, taskIndex: 0, round: 1)) == [0, 1, 2, 3])
    }
}
