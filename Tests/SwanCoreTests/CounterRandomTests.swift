import SwanCore
import Testing

@Suite("Counter-based randomness (RULES.md §10.1)")
struct CounterRandomTests {
    @Test("W24: draw(0,0,0,0,0)")
    func w24() {
        #expect(CounterRandom.draw(seed: 0, stream: 0, 0, 0, 0) == 0x78ae_5a9a_6b5f_d45e)
    }

    @Test("W25: UBI outcomes at failure rate 0.05")
    func w25() {
        let rate: Int128 = 50_000_000_000_000_000
        let pass = CounterRandom.unit(CounterRandom.draw(seed: 42, stream: 2, 0, 1, 0))
        let fail = CounterRandom.unit(CounterRandom.draw(seed: 42, stream: 2, 0, 1, 47))
        #expect(pass == 615_114_490_115_864_286)
        #expect(fail == 47_513_684_754_393_868)
        #expect(!(pass < rate))
        #expect(fail < rate)
    }

    @Test("W26: uniform over 3")
    func w26() {
        let h = CounterRandom.draw(seed: 7, stream: 4, 0, 0, 0)
        #expect(h == 0xe7ce_bccb_dc48_c0b3)
        #expect(CounterRandom.uniform(h, 3) == 2)
    }

    @Test("W27: collateral factor of population 0, ordinal 0")
    func w27() {
        let h = CounterRandom.draw(seed: 20_241_016, stream: 1, 0, 0, 4)
        #expect(CounterRandom.uniform(h, 13) == 4)
        let range = RatioRange(minWad: 900_000_000_000_000_000, maxWad: 1_500_000_000_000_000_000,
                               stepWad: 50_000_000_000_000_000)
        #expect(Decimal18.render(CounterRandom.ratio(h, in: range)) == "1.1")
    }
}
