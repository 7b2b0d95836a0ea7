/// RULES.md §14 as data: every key, its type and range, and its value in each preset.
///
/// Ranges come from RULES.md §1.3: probabilities and rates 0…1, multiples ≤ 1000,
/// `fcp_weight` in (0, 10], USD prices ≤ 10^6, tasks per day 1…1000. Where §1.3 is
/// silent the range is recorded in docs/DECISIONS.md.
public enum ParameterTable {
    private static let one = Decimal18.scale
    private static func swan(_ whole: Int128) -> ParameterValue { .decimal(whole * one) }
    private static func wad(_ text: String) -> ParameterValue {
        guard let value = try? Decimal18.parse(text) else { preconditionFailure("bad table value \(text)") }
        return .decimal(value)
    }
    private static func same(_ value: ParameterValue) -> [Preset: ParameterValue] {
        [.swan2024_06: value, .swan2024_12: value, .swan2_0: value]
    }
    private static func each(_ june: ParameterValue, _ december: ParameterValue, _ two: ParameterValue)
        -> [Preset: ParameterValue]
    {
        [.swan2024_06: june, .swan2024_12: december, .swan2_0: two]
    }

    private static let probability = ParameterType.ratio(min: 0, max: one, minExclusive: false)
    private static let multiple = ParameterType.ratio(min: 0, max: 1000 * one, minExclusive: false)
    private static let usd = ParameterType.ratio(min: 0, max: 1_000_000 * one, minExclusive: false)
    private static let amount = ParameterType.amount(max: nil)
    private static let seconds = ParameterType.integer(min: 0, max: 3_153_600_000)

    /// Every parameter, grouped as in RULES.md §14.
    public static let definitions: [ParameterDefinition] = [
        .init(group: "supply", key: "total", type: .amount(max: 1_000_000_000_000 * one), presetValues: same(swan(1_000_000_000))),
        .init(group: "supply", key: "ubi_pool", type: amount, presetValues: same(swan(100_000_000))),
        .init(group: "supply", key: "treasury", type: amount, presetValues: same(swan(0))),
        .init(group: "collateral", key: "c_base_mode", type: .enumeration(["fixed", "dynamic"]), presetValues: same(.name("fixed"))),
        .init(group: "collateral", key: "c_base", type: amount, presetValues: same(swan(3533))),
        .init(group: "collateral", key: "c_total", type: amount, presetValues: same(swan(10_000_000))),
        .init(group: "collateral", key: "cu_floor", type: .cu(maxDeci: 10_000_000_000), presetValues: same(.cu(30_000))),
        .init(group: "collateral", key: "b", type: amount, presetValues: same(swan(200))),
        .init(group: "collateral", key: "fcp_weight", type: .ratio(min: 0, max: 10 * one, minExclusive: true), presetValues: same(wad("1.2"))),
        .init(group: "collateral", key: "requirement_mode", type: .enumeration(["cu", "tiered"]), presetValues: same(.name("cu"))),
        .init(group: "collateral", key: "tier_t1", type: amount, presetValues: same(swan(5000))),
        .init(group: "collateral", key: "tier_t2", type: amount, presetValues: same(swan(10000))),
        .init(group: "collateral", key: "tier_t3", type: amount, presetValues: same(swan(25000))),
        .init(group: "collateral", key: "tier_t4", type: amount, presetValues: same(swan(50000))),
        .init(group: "collateral", key: "withdraw_delay_s", type: seconds, presetValues: each(.integer(172_800), .integer(604_800), .integer(604_800))),
        .init(group: "ubi", key: "enabled", type: .bool, presetValues: same(.bool(true))),
        .init(group: "ubi", key: "a", type: .binary64Ratio, presetValues: same(wad("20000"))),
        .init(group: "ubi", key: "b", type: .binary64Ratio, presetValues: same(wad("0.31"))),
        .init(group: "ubi", key: "c", type: .binary64Ratio, presetValues: same(wad("0.0017"))),
        .init(group: "ubi", key: "day_offset", type: .integer(min: 0, max: 36_500), presetValues: same(.integer(0))),
        .init(group: "ubi", key: "utilisation", type: .enumeration(["zero", "paid_gpu_hours"]), presetValues: same(.name("zero"))),
        .init(group: "ubi", key: "tasks_ecp", type: .integer(min: 1, max: 1000), presetValues: each(.integer(48), .integer(48), .integer(1))),
        .init(group: "ubi", key: "tasks_fcp", type: .integer(min: 1, max: 1000), presetValues: each(.integer(14), .integer(14), .integer(1))),
        .init(group: "ubi", key: "failure_mode", type: .enumeration(["rate_slash", "c_base_slash", "none", "benchmark_ladder"]),
              presetValues: each(.name("c_base_slash"), .name("rate_slash"), .name("benchmark_ladder"))),
        .init(group: "ubi", key: "slash_ratio_ecp", type: probability, presetValues: same(wad("0.00025"))),
        .init(group: "ubi", key: "slash_ratio_fcp", type: probability, presetValues: same(wad("0.001"))),
        .init(group: "ubi", key: "slash_c_base_multiple", type: multiple, presetValues: same(wad("2"))),
        .init(group: "task", key: "fee_percent", type: .integer(min: 0, max: 100), presetValues: same(.integer(5))),
        .init(group: "task", key: "lock_mode", type: .enumeration(["task", "c_base_multiple"]),
              presetValues: each(.name("c_base_multiple"), .name("task"), .name("task"))),
        .init(group: "task", key: "lock_c_base_multiple", type: multiple, presetValues: same(wad("5"))),
        .init(group: "task", key: "slash_mode", type: .enumeration(["lock_ratio", "c_base_multiple"]),
              presetValues: each(.name("c_base_multiple"), .name("lock_ratio"), .name("lock_ratio"))),
        .init(group: "task", key: "slash_lock_ratio", type: multiple, presetValues: same(wad("1"))),
        .init(group: "task", key: "slash_c_base_multiple", type: multiple, presetValues: same(wad("2"))),
        .init(group: "benchmark", key: "suspension_s", type: .integer(min: 1, max: 3_153_600_000), presetValues: same(.integer(86_400))),
        .init(group: "benchmark", key: "strike2_ratio", type: probability, presetValues: same(wad("0.10"))),
        .init(group: "benchmark", key: "strike3_ratio", type: probability, presetValues: same(wad("0.30"))),
        .init(group: "benchmark", key: "slash_base", type: .enumeration(["holdings", "required"]), presetValues: same(.name("holdings"))),
        .init(group: "economics", key: "swan_usd", type: .nullableRatio(max: 1_000_000 * one), presetValues: same(.null)),
        .init(group: "economics", key: "power_usd_per_gpu_hour", type: usd, presetValues: same(wad("0.05"))),
        .init(group: "economics", key: "power_basis", type: .enumeration(["provisioned", "busy"]), presetValues: same(.name("provisioned"))),
        .init(group: "economics", key: "target_revenue_usd_per_gpu_hour", type: usd, presetValues: same(wad("0.30"))),
        .init(group: "economics", key: "target_net_margin", type: multiple, presetValues: same(wad("0.60"))),
        .init(group: "economics", key: "target_roi_annual", type: multiple, presetValues: same(wad("2.00"))),
    ]

    private static let byName: [String: ParameterDefinition] = Dictionary(
        uniqueKeysWithValues: definitions.map { ($0.name, $0) })

    /// The definition of `group.key`, if the key exists.
    public static func definition(_ name: String) -> ParameterDefinition? { byName[name] }

    /// The groups in RULES.md §14 order.
    public static let groups = ["supply", "collateral", "ubi", "task", "benchmark", "economics"]
}
