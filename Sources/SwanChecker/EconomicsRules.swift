import SwanCore
import SwanTables

/// Provider economics in micro-USD (RULES.md §15), all null while `economics.swan_usd` is unset.
struct EconomicsRules {
    var swanUSDWad: Int128?
    var powerWad: Int128
    var basisBusy: Bool
    var targetRevenuePerGPUHourWad: Int128
    var targetMarginWad: Int128
    var targetROIWad: Int128

    init(_ parameters: Parameters) {
        if case .decimal(let wad) = parameters["economics.swan_usd"] { swanUSDWad = wad } else { swanUSDWad = nil }
        powerWad = parameters.decimal("economics.power_usd_per_gpu_hour")
        basisBusy = parameters.name("economics.power_basis") == "busy"
        targetRevenuePerGPUHourWad = parameters.decimal("economics.target_revenue_usd_per_gpu_hour")
        targetMarginWad = parameters.decimal("economics.target_net_margin")
        targetROIWad = parameters.decimal("economics.target_roi_annual")
    }

    static let attoWadToMicro: Int128 = 1_000_000_000_000_000_000_000_000_000_000  // 10^30

    /// µUSD of an atto-SWAN amount: muldiv(atto, swan_usd_wad, 10^30).
    func microUSD(_ atto: Int128) -> Int128? {
        guard let swanUSDWad else { return nil }
        return (try? Arithmetic.muldiv(max(atto, 0), swanUSDWad, Self.attoWadToMicro)) ?? 0
    }

    /// muldiv(basis_gpu_s, power_wad, 3600 × 10^12).
    func powerMicroUSD(busy: Int64, provisioned: Int64) -> Int128 {
        (try? Arithmetic.muldiv(Int128(basisBusy ? busy : provisioned), powerWad, 3_600_000_000_000_000)) ?? 0
    }

    /// One day's (revenue, power, slashed, net) in µUSD, or nil when swan_usd is unset.
    func day(revenue: Int128, slashed: Int128, busy: Int64, provisioned: Int64)
        -> (revenue: Int128, power: Int128, slashed: Int128, net: Int128)?
    {
        guard let revenueUSD = microUSD(revenue), let slashedUSD = microUSD(slashed) else { return nil }
        let power = powerMicroUSD(busy: busy, provisioned: provisioned)
        return (revenueUSD, power, slashedUSD, revenueUSD - power - slashedUSD)
    }
}

/// A provider's economics over the run (summary.json `providers[].economics`).
public struct ProviderEconomics: Sendable {
    public var provisionedGPUSeconds: Int64
    public var busyGPUSeconds: Int64
    public var revenueAtto: Int128
    public var revenueMicroUSD: Int128?
    public var powerMicroUSD: Int128?
    public var slashedMicroUSD: Int128?
    public var netMicroUSD: Int128?
    /// µUSD per GPU-hour.
    public var revenuePerGPUHourMicroUSD: Int128?
    /// In 10^-6 units.
    public var netMarginMicro: Int128?
    public var investmentMicroUSD: Int128?
    /// In 10^-6 units.
    public var roiAnnualMicro: Int128?
    public var meetsRevenueTarget: Bool?
    public var meetsMarginTarget: Bool?
    public var meetsROITarget: Bool?
}

extension EconomicsRules {
    /// The run-level metrics of §15 for one provider.
    func provider(revenue: Int128, slashed: Int128, busy: Int64, provisioned: Int64, periodSeconds: Int64,
                  peakCollateral: Int128, capexMicroUSD: Int128) -> ProviderEconomics {
        var result = ProviderEconomics(provisionedGPUSeconds: provisioned, busyGPUSeconds: busy, revenueAtto: revenue)
        guard let revenueUSD = microUSD(revenue), let slashedUSD = microUSD(slashed), let peakUSD = microUSD(peakCollateral)
        else { return result }
        let power = powerMicroUSD(busy: busy, provisioned: provisioned)
        let net = revenueUSD - power - slashedUSD
        result.revenueMicroUSD = revenueUSD
        result.powerMicroUSD = power
        result.slashedMicroUSD = slashedUSD
        result.netMicroUSD = net
        if provisioned > 0 { result.revenuePerGPUHourMicroUSD = Arithmetic.rhe(revenueUSD * 3600, Int128(provisioned)) }
        if revenueUSD > 0 { result.netMarginMicro = Arithmetic.rhe(net * 1_000_000, revenueUSD) }
        let investment = peakUSD + capexMicroUSD
        result.investmentMicroUSD = investment
        if periodSeconds > 0 && investment > 0 {
            result.roiAnnualMicro = Arithmetic.rhe(net * 31_536_000 * 1_000_000, Int128(periodSeconds) * investment)
        }
        let micro = Int128(1_000_000_000_000)  // wad → 10^-6 units
        result.meetsRevenueTarget = result.revenuePerGPUHourMicroUSD.map { $0 * micro >= targetRevenuePerGPUHourWad }
        result.meetsMarginTarget = result.netMarginMicro.map { $0 * micro >= targetMarginWad }
        result.meetsROITarget = result.roiAnnualMicro.map { $0 * micro >= targetROIWad }
        return result
    }
}
