/// The money rules of an auction round (RULES-MARKET M5.4 item 7, M5.6): who may bid at its
/// price, and how a completed round's reward is split between the submitted jobs.
public enum AuctionRules {
    /// How R is paid out: the fee, the leading job's payout, and each other submitted job's.
    public struct Split: Equatable, Sendable {
        public var fee: Int128
        public var leader: Int128
        public var eachOther: Int128

        public init(fee: Int128, leader: Int128, eachOther: Int128) {
            (self.fee, self.leader, self.eachOther) = (fee, leader, eachOther)
        }
    }

    /// F = ⌊R · fee_percent / 100⌋ and P = R − F; one submitted job takes P, else the leader
    /// takes applyRatio(P, leader_share) plus the dust of ⌊rest / (n − 1)⌋ (M5.6), so that
    /// F + leader + (n − 1) · each = R exactly.
    public static func split(reward: Int128, feePercent: Int64, submitted n: Int, leaderShare: Int128) throws(Arithmetic.Overflow) -> Split {
        precondition(reward >= 0 && n >= 1, "a completed round has a submitted job")
        let fee = try Arithmetic.muldiv(reward, Int128(feePercent), 100)
        let payable = reward - fee
        guard n > 1 else { return Split(fee: fee, leader: payable, eachOther: 0) }
        let base = try Arithmetic.applyRatio(payable, leaderShare)
        let rest = payable - base
        let each = rest / Int128(n - 1)
        return Split(fee: fee, leader: base + (rest - each * Int128(n - 1)), eachOther: each)
    }

    /// Item 7 of M5.4: a provider with no asking price accepts any offer; one with a price
    /// bids when price × gpu_count × duration_s ≤ R × 3600, on exact integers.
    public static func acceptsOffer(askingPrice: Int128?, reward: Int128, gpuCount: Int64, durationSeconds: Int64) -> Bool {
        guard let askingPrice else { return true }
        // Both sides can pass 128 bits (a price near supply × 10^8 GPUs × 10^9 s): compare in 256.
        let asked = UInt128(askingPrice).multipliedFullWidth(by: UInt128(gpuCount) * UInt128(durationSeconds))
        let offered = UInt128(reward).multipliedFullWidth(by: 3600)
        return (asked.high, asked.low) <= (offered.high, offered.low)
    }
}
