import SwanCore
import Testing

private func d(_ text: String) -> Int128 { (try? Decimal18.parse(text)) ?? -1 }

@Suite("Auction money rules (RULES-MARKET M5.4 item 7, M5.6; W-M15, W-M16)")
struct AuctionRulesTests {
    @Test("W-M15: the fee, the leader's payout with the dust, and the others'", arguments: [
        ("60", 1, "0.6", "3", "57", "0"),
        ("90", 2, "0.6", "4.5", "51.3", "34.2"),
        ("16.000000000000000001", 3, "0.6", "0.8", "9.120000000000000001", "3.04"),
        ("0.000000000000000107", 3, "0.6", "0.000000000000000005", "0.000000000000000062", "0.00000000000000002"),
        ("100", 3, "1", "5", "95", "0"),
    ])
    func split(_ reward: String, _ n: Int, _ share: String, _ fee: String, _ leader: String, _ each: String) throws {
        let result = try AuctionRules.split(reward: d(reward), feePercent: 5, submitted: n, leaderShare: d(share))
        #expect(result == AuctionRules.Split(fee: d(fee), leader: d(leader), eachOther: d(each)))
        #expect(result.fee + result.leader + Int128(n - 1) * result.eachOther == d(reward), "the task account ends at 0")
    }

    @Test("W-M16: the bid price rule on exact integers")
    func bidPrice() {
        let r = d("16.000000000000000001")
        #expect(!AuctionRules.acceptsOffer(askingPrice: d("5"), reward: r, gpuCount: 1, durationSeconds: 14_400))
        #expect(AuctionRules.acceptsOffer(askingPrice: d("4"), reward: r, gpuCount: 1, durationSeconds: 14_400))
        #expect(!AuctionRules.acceptsOffer(askingPrice: d("4"), reward: d("15.999999999999999999"), gpuCount: 1, durationSeconds: 14_400))
        #expect(AuctionRules.acceptsOffer(askingPrice: nil, reward: 1, gpuCount: 8, durationSeconds: 3_153_600_000))
        #expect(AuctionRules.acceptsOffer(askingPrice: d("1000000000000"), reward: d("1000000000000"), gpuCount: 100_000,
                                          durationSeconds: 3_153_600_000) == false, "products beyond 128 bits compare exactly")
    }
}
