/// The resolved parameters the engine reads on every step, typed once (RULES.md §14).
///
/// `Parameters` is a keyed table for validation and canonical JSON; the engine reads these
/// fields instead so that no hot path looks up strings.
public struct EngineParameters: Sendable {
    public enum UBIFailureMode: String, Sendable { case rateSlash = "rate_slash", cBaseSlash = "c_base_slash", none, benchmarkLadder = "benchmark_ladder" }
    public enum LockMode: String, Sendable { case task, cBaseMultiple = "c_base_multiple" }
    public enum TaskSlashMode: String, Sendable { case lockRatio = "lock_ratio", cBaseMultiple = "c_base_multiple" }

    public var supplyTotal: Int128
    public var ubiPoolGrant: Int128
    public var treasuryGrant: Int128
    public var dynamicCBase: Bool
    public var cBase: Int128
    public var cTotal: Int128
    public var cuFloorDeci: Int64
    public var b: Int128
    public var withdrawDelaySeconds: Int64
    public var ubiEnabled: Bool
    public var curveA: Double
    public var curveB: Double
    public var curveC: Double
    public var dayOffset: Int64
    public var utilisationPaidGPUHours: Bool
    public var tasksECP: Int64
    public var tasksFCP: Int64
    public var ubiFailureMode: UBIFailureMode
    public var slashRatioECP: Int128
    public var slashRatioFCP: Int128
    public var ubiSlashCBaseMultiple: Int128
    public var feePercent: Int64
    public var lockMode: LockMode
    public var lockCBaseMultiple: Int128
    public var taskSlashMode: TaskSlashMode
    public var slashLockRatio: Int128
    public var taskSlashCBaseMultiple: Int128
    public var suspensionSeconds: Int64
    public var strike2Ratio: Int128
    public var strike3Ratio: Int128
    public var slashBaseHoldings: Bool
    /// The requirement rule without C_base (set per evaluation).
    public var requirement: RequirementRule

    public init(_ p: Parameters) {
        supplyTotal = p.decimal("supply.total")
        ubiPoolGrant = p.decimal("supply.ubi_pool")
        treasuryGrant = p.decimal("supply.treasury")
        dynamicCBase = p.name("collateral.c_base_mode") == "dynamic"
        cBase = p.decimal("collateral.c_base")
        cTotal = p.decimal("collateral.c_total")
        cuFloorDeci = p.cuDeci("collateral.cu_floor")
        b = p.decimal("collateral.b")
        withdrawDelaySeconds = p.integer("collateral.withdraw_delay_s")
        if case .bool(let enabled) = p["ubi.enabled"] { ubiEnabled = enabled } else { ubiEnabled = true }
        curveA = Self.binary64(p.decimal("ubi.a"))
        curveB = Self.binary64(p.decimal("ubi.b"))
        curveC = Self.binary64(p.decimal("ubi.c"))
        dayOffset = p.integer("ubi.day_offset")
        utilisationPaidGPUHours = p.name("ubi.utilisation") == "paid_gpu_hours"
        tasksECP = p.integer("ubi.tasks_ecp")
        tasksFCP = p.integer("ubi.tasks_fcp")
        ubiFailureMode = UBIFailureMode(rawValue: p.name("ubi.failure_mode")) ?? .rateSlash
        slashRatioECP = p.decimal("ubi.slash_ratio_ecp")
        slashRatioFCP = p.decimal("ubi.slash_ratio_fcp")
        ubiSlashCBaseMultiple = p.decimal("ubi.slash_c_base_multiple")
        feePercent = p.integer("task.fee_percent")
        lockMode = LockMode(rawValue: p.name("task.lock_mode")) ?? .task
        lockCBaseMultiple = p.decimal("task.lock_c_base_multiple")
        taskSlashMode = TaskSlashMode(rawValue: p.name("task.slash_mode")) ?? .lockRatio
        slashLockRatio = p.decimal("task.slash_lock_ratio")
        taskSlashCBaseMultiple = p.decimal("task.slash_c_base_multiple")
        suspensionSeconds = p.integer("benchmark.suspension_s")
        strike2Ratio = p.decimal("benchmark.strike2_ratio")
        strike3Ratio = p.decimal("benchmark.strike3_ratio")
        slashBaseHoldings = p.name("benchmark.slash_base") == "holdings"
        requirement = p.requirementRule(cBase: cBase)
        if ubiFailureMode == .benchmarkLadder {
            tasksECP = 1
            tasksFCP = 1
        }
    }

    /// The binary64 nearest to a decimal wad (RULES.md §6.4): Swift's String → Double is correctly rounded.
    static func binary64(_ wad: Int128) -> Double {
        Double(Decimal18.render(wad)) ?? 0
    }

    /// UBI tasks per day for a kind.
    public func tasksPerDay(_ kind: ProviderKind) -> Int64 {
        kind == .ecp ? tasksECP : tasksFCP
    }

    /// y_milli for day x at utilisation u (RULES.md §6.4), evaluated exactly in the spec's order.
    public func yMilli(x: Int64, u: Double) -> Int64 {
        guard ubiEnabled else { return 0 }
        let xf = Double(x)
        let y = ((curveA * pow(xf, curveB)) * exp(-(curveC * xf))) * (1 - u)
        return Int64((y * 1000).rounded(.toNearestOrEven))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
