import SwanCore

/// One cell of `network_day` / `provider_day`, typed so that SQLite and CSV can each render it.
public enum Cell: Sendable {
    case integer(Int64)
    /// Atto-SWAN: TEXT `_atto` in SQLite, SWAN decimal `_swan` in CSV.
    case atto(Int128)
    /// µUSD: INTEGER `_uusd` in SQLite, USD decimal `_usd` in CSV.
    case microUSD(Int128)
    /// y_milli: INTEGER in SQLite, `ubi_y_swan` = y_milli / 1000 in CSV.
    case milli(Int64)
    /// Weighted CU in 10^-19 units: TEXT (a CU decimal) in both.
    case weightedCU(Int128)
    /// A wad (a Score, H, C, usage, the demand factor): TEXT canonical decimal in both
    /// (OUTPUTS-MARKET §1), rendered straight into the row buffer.
    case ratio(Int128)
    case text(String)
    case null

    /// Appends the CSV field (as `csv` renders it) to a row buffer, without a `String` for numbers.
    public func writeCSV(to out: inout [UInt8]) {
        switch self {
        case .integer(let value): DecimalText.append(value, to: &out)
        case .atto(let value): DecimalText.append(value, scaleDigits: 18, to: &out)
        case .microUSD(let value): DecimalText.append(value, scaleDigits: 6, to: &out)
        case .milli(let value): DecimalText.append(Int128(value), scaleDigits: 3, to: &out)
        case .weightedCU(let value): DecimalText.append(value, scaleDigits: 19, to: &out)
        case .ratio(let value): DecimalText.append(value, scaleDigits: 18, to: &out)
        case .text(var text):
            let plain = text.withUTF8 { bytes in
                !bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }
            }
            if plain { text.withUTF8 { out.append(contentsOf: $0) } } else { out.append(contentsOf: csv.utf8) }
        case .null: break
        }
    }

    /// The CSV field (RFC 4180; quoted only when needed, empty for null).
    public var csv: String {
        switch self {
        case .integer(let value): return String(value)
        case .atto(let value): return Decimal18.render(value)
        case .microUSD(let value): return Decimal18.render(value, scaleDigits: 6)
        case .milli(let value): return Decimal18.render(Int128(value), scaleDigits: 3)
        case .weightedCU(let value): return ComputeUnits.renderWeighted(value)
        case .ratio(let value): return Decimal18.render(value)
        case .text(let text):
            guard text.contains(",") || text.contains("\"") || text.contains("\n") else { return text }
            return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        case .null: return ""
        }
    }
}

/// Column names of the two daily tables, in OUTPUTS.md §2.2 / §2.3 order, and their CSV names.
public enum DailyColumns {
    public static let network = [
        "day", "c_base_atto", "cu_total", "active", "nsc", "suspended", "exited", "removed", "ubi_x", "ubi_t_day",
        "ubi_t_total", "ubi_u", "ubi_y_milli", "ubi_y_eff_atto", "ubi_paid_atto", "ubi_eligible", "ubi_pool_atto",
        "ubi_tasks_assigned", "ubi_tasks_failed", "slashed_atto", "slashed_backed_atto", "slashed_unbacked_atto",
        "debt_outstanding_atto", "fees_atto", "task_payouts_atto", "task_refunds_atto", "tasks_posted", "tasks_assigned",
        "tasks_completed", "tasks_failed", "tasks_refunded", "tasks_running", "rejections", "entries", "block_hash",
    ]

    public static let provider = [
        "day", "provider", "provider_index", "kind", "status", "cards", "wcu", "required_atto", "wallet_atto", "free_atto",
        "escrow_atto", "debt_atto", "pending_withdraw_atto", "ubi_assigned", "ubi_failed", "ubi_voided", "ubi_paid_atto",
        "slashed_atto", "slashed_unbacked_atto", "tasks_assigned", "tasks_completed", "tasks_failed", "task_income_atto",
        "task_fees_atto", "busy_gpu_s", "provisioned_gpu_s", "ineligible_s", "breach_s", "revenue_uusd", "power_uusd",
        "slashed_uusd", "net_uusd",
    ]

    /// The columns a market run appends to `network_day` (OUTPUTS-MARKET §2.4), in order.
    public static let marketNetwork = [
        "market_usage", "market_h", "market_c", "market_occupancy", "market_df", "market_u_avg", "market_u_max",
        "market_wam_atto", "market_price_atto", "market_priced", "market_fallback", "auctions_posted", "auction_rounds",
        "auctions_completed", "auctions_failed", "auctions_cancelled", "auctions_open", "jobs_assigned", "jobs_submitted",
        "jobs_failed", "jobs_cancelled", "jobs_running", "reputation_mean",
    ]

    /// The columns a market run appends to `provider_day` (OUTPUTS-MARKET §2.3), in order.
    public static let marketProvider = [
        "reputation", "rep_uptime", "rep_join", "rep_system", "rep_user", "rep_refund", "rep_averaged", "system_jobs_ok",
        "system_jobs_failed", "asking_price_atto", "jobs_assigned", "jobs_submitted", "jobs_failed", "jobs_cancelled",
        "jobs_running", "auction_income_atto",
    ]

    /// `network_day`'s columns for a run of this kind.
    public static func network(market: Bool) -> [String] { market ? network + marketNetwork : network }

    /// `provider_day`'s columns for a run of this kind.
    public static func provider(market: Bool) -> [String] { market ? provider + marketProvider : provider }

    /// The CSV header: `_atto` → `_swan`, `_uusd` → `_usd`, `ubi_y_milli` → `ubi_y_swan` (OUTPUTS.md §5).
    public static func csvHeader(_ columns: [String]) -> String {
        columns.map { name in
            if name == "ubi_y_milli" { return "ubi_y_swan" }
            if name.hasSuffix("_atto") { return String(name.dropLast(5)) + "_swan" }
            if name.hasSuffix("_uusd") { return String(name.dropLast(5)) + "_usd" }
            return name
        }.joined(separator: ",")
    }
}

private func optional(_ value: Int64?) -> Cell { value.map { .integer($0) } ?? .null }
private func optional(_ value: Int128?) -> Cell { value.map { .atto($0) } ?? .null }
private func optionalText(_ value: Int128?) -> Cell { value.map { .text(String($0)) } ?? .null }
private func micro(_ value: Int128?) -> Cell { value.map { .microUSD($0) } ?? .null }

extension NetworkDayRow {
    /// Cells in `DailyColumns.network` order.
    public var cells: [Cell] {
        [
            .integer(day), .atto(cBase), .weightedCU(cuTotal), .integer(active), .integer(nsc),
            .integer(suspended), .integer(exited), .integer(removed), optional(ubiX), optionalText(ubiTDay),
            optionalText(ubiTTotal), ubiUNano.map { .text(Decimal18.render($0, scaleDigits: 9)) } ?? .null,
            ubiYMilli.map { .milli($0) } ?? .null, optional(ubiYEffective), optional(ubiPaid), optional(ubiEligible),
            optional(ubiPool), optional(ubiTasksAssigned), optional(ubiTasksFailed), .atto(slashed), .atto(slashedBacked),
            .atto(slashedUnbacked), .atto(debtOutstanding), .atto(fees), .atto(taskPayouts), .atto(taskRefunds),
            .integer(tasksPosted), .integer(tasksAssigned), .integer(tasksCompleted), .integer(tasksFailed),
            .integer(tasksRefunded), .integer(tasksRunning), .integer(rejections), .integer(entries), .text(blockHash),
        ] + marketCells
    }
}

extension ProviderDayRow {
    /// Cells in `DailyColumns.provider` order, as an array (tools and tests; writers use `forEachCell`).
    public var cells: [Cell] {
        var out: [Cell] = []
        forEachCell { out.append($0) }
        return out
    }

    /// Visits the cells in `DailyColumns.provider` order without building an array: the
    /// writers render 1,000 rows a day this way, straight into their buffers.
    public func forEachCell(_ visit: (Cell) throws -> Void) rethrows {
        try visit(.integer(day))
        try visit(.text(provider))
        try visit(.integer(Int64(providerIndex)))
        try visit(.text(kind.rawValue))
        try visit(.text(status.rawValue))
        try visit(.integer(cards))
        try visit(.weightedCU(weightedCU))
        try visit(.atto(required))
        try visit(.atto(wallet))
        try visit(.atto(free))
        try visit(.atto(escrow))
        try visit(.atto(debt))
        try visit(optional(pendingWithdraw))
        try visit(.integer(ubiAssigned))
        try visit(.integer(ubiFailed))
        try visit(.integer(ubiVoided))
        try visit(.atto(ubiPaid))
        try visit(.atto(slashed))
        try visit(.atto(slashedUnbacked))
        try visit(.integer(tasksAssigned))
        try visit(.integer(tasksCompleted))
        try visit(.integer(tasksFailed))
        try visit(.atto(taskIncome))
        try visit(.atto(taskFees))
        try visit(.integer(busyGPUSeconds))
        try visit(.integer(provisionedGPUSeconds))
        try visit(.integer(ineligibleSeconds))
        try visit(.integer(breachSeconds))
        try visit(micro(revenueMicroUSD))
        try visit(micro(powerMicroUSD))
        try visit(micro(slashedMicroUSD))
        try visit(micro(netMicroUSD))
        for cell in marketCells { try visit(cell) }
    }
}
