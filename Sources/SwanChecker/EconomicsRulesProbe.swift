import SwanCore
import SwanTables

/// The §15 metrics of one provider as rendered strings, for checking worked example W28
/// without a whole run.
public enum EconomicsRulesProbe {
    public struct Rendered: Sendable {
        public var revenue: String?, perGPUHour: String?, power: String?, net: String?, margin: String?
        public var investment: String?, roi: String?
    }

    public static func provider(parameters: Parameters, revenue: Int128, slashed: Int128, busy: Int64, provisioned: Int64,
                                period: Int64, peak: Int128) -> Rendered {
        let e = EconomicsRules(parameters).provider(revenue: revenue, slashed: slashed, busy: busy, provisioned: provisioned,
                                                   periodSeconds: period, peakCollateral: peak, capexMicroUSD: 0)
        func usd(_ value: Int128?) -> String? { value.map { Decimal18.render($0, scaleDigits: 6) } }
        return Rendered(revenue: usd(e.revenueMicroUSD), perGPUHour: usd(e.revenuePerGPUHourMicroUSD), power: usd(e.powerMicroUSD),
                        net: usd(e.netMicroUSD), margin: usd(e.netMarginMicro), investment: usd(e.investmentMicroUSD),
                        roi: usd(e.roiAnnualMicro))
    }
}
