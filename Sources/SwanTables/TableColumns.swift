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

/// What a column holds: it fixes the SQL type and how SQLite and CSV render the cell.
public enum CellKind: String, Sendable {
    case integer, atto, microUSD, milli, weightedCU, ratio, text

    /// The SQLite type of OUTPUTS.md §2: integers and µUSD and y_milli as INTEGER, the rest TEXT.
    public var sqlType: String {
        switch self {
        case .integer, .microUSD, .milli: "INTEGER"
        case .atto, .weightedCU, .ratio, .text: "TEXT"
        }
    }

    /// Whether `cell` is of this kind (a null is checked against the column's `nullable`).
    func admits(_ cell: Cell) -> Bool {
        switch (self, cell) {
        case (.integer, .integer), (.atto, .atto), (.microUSD, .microUSD), (.milli, .milli), (.weightedCU, .weightedCU),
             (.ratio, .ratio), (.text, .text): true
        default: false
        }
    }
}

/// One column of a derived table: its name, its kind and whether it may be NULL. A table's
/// columns are declared once (`DailyColumns.networkSpec`, …) and drive its DDL, its SQLite and
/// CSV cells, the CSV header, a sweep's `run_days` and `swansim verify`'s comparison.
public struct ColumnSpec: Sendable, Equatable {
    public var name: String
    public var kind: CellKind
    public var nullable: Bool
    /// No two rows share the value (a key besides the primary one).
    public var unique: Bool

    init(_ name: String, _ kind: CellKind, nullable: Bool = false, unique: Bool = false) {
        self.name = name
        self.kind = kind
        self.nullable = nullable
        self.unique = unique
    }

    /// `name TYPE [NOT NULL] [UNIQUE]`, for a CREATE TABLE or an ALTER TABLE … ADD COLUMN.
    public var definition: String { name + " " + kind.sqlType + (nullable ? "" : " NOT NULL") + (unique ? " UNIQUE" : "") }

    /// Whether `cell` may be stored in this column.
    public func admits(_ cell: Cell) -> Bool {
        if case .null = cell { return nullable }
        return kind.admits(cell)
    }
}

extension [ColumnSpec] {
    /// The column names, in order.
    public var names: [String] { map(\.name) }

    /// Whether `cells` fit these columns one by one (debug builds check every rendered row).
    public func admit(_ cells: [Cell]) -> Bool {
        cells.count == count && zip(self, cells).allSatisfy { $0.admits($1) }
    }
}

/// The two daily tables of OUTPUTS.md §2.2 / §2.3 and what a market run appends to them
/// (OUTPUTS-MARKET §2.3–§2.4), declared once, in order, with their CSV names.
public enum DailyColumns {
    public static let networkSpec: [ColumnSpec] = [
        ColumnSpec("day", .integer), ColumnSpec("c_base_atto", .atto), ColumnSpec("cu_total", .weightedCU),
        ColumnSpec("active", .integer), ColumnSpec("nsc", .integer), ColumnSpec("suspended", .integer),
        ColumnSpec("exited", .integer), ColumnSpec("removed", .integer),
        ColumnSpec("ubi_x", .integer, nullable: true), ColumnSpec("ubi_t_day", .text, nullable: true),
        ColumnSpec("ubi_t_total", .text, nullable: true), ColumnSpec("ubi_u", .text, nullable: true),
        ColumnSpec("ubi_y_milli", .milli, nullable: true), ColumnSpec("ubi_y_eff_atto", .atto, nullable: true),
        ColumnSpec("ubi_paid_atto", .atto, nullable: true), ColumnSpec("ubi_eligible", .integer, nullable: true),
        ColumnSpec("ubi_pool_atto", .atto, nullable: true), ColumnSpec("ubi_tasks_assigned", .integer, nullable: true),
        ColumnSpec("ubi_tasks_failed", .integer, nullable: true),
        ColumnSpec("slashed_atto", .atto), ColumnSpec("slashed_backed_atto", .atto), ColumnSpec("slashed_unbacked_atto", .atto),
        ColumnSpec("debt_outstanding_atto", .atto), ColumnSpec("fees_atto", .atto), ColumnSpec("task_payouts_atto", .atto),
        ColumnSpec("task_refunds_atto", .atto),
        ColumnSpec("tasks_posted", .integer), ColumnSpec("tasks_assigned", .integer), ColumnSpec("tasks_completed", .integer),
        ColumnSpec("tasks_failed", .integer), ColumnSpec("tasks_refunded", .integer), ColumnSpec("tasks_running", .integer),
        ColumnSpec("rejections", .integer), ColumnSpec("entries", .integer), ColumnSpec("block_hash", .text),
    ]

    public static let providerSpec: [ColumnSpec] = [
        ColumnSpec("day", .integer), ColumnSpec("provider", .text), ColumnSpec("provider_index", .integer),
        ColumnSpec("kind", .text), ColumnSpec("status", .text), ColumnSpec("cards", .integer), ColumnSpec("wcu", .weightedCU),
        ColumnSpec("required_atto", .atto), ColumnSpec("wallet_atto", .atto), ColumnSpec("free_atto", .atto),
        ColumnSpec("escrow_atto", .atto), ColumnSpec("debt_atto", .atto),
        ColumnSpec("pending_withdraw_atto", .atto, nullable: true),
        ColumnSpec("ubi_assigned", .integer), ColumnSpec("ubi_failed", .integer), ColumnSpec("ubi_voided", .integer),
        ColumnSpec("ubi_paid_atto", .atto), ColumnSpec("slashed_atto", .atto), ColumnSpec("slashed_unbacked_atto", .atto),
        ColumnSpec("tasks_assigned", .integer), ColumnSpec("tasks_completed", .integer), ColumnSpec("tasks_failed", .integer),
        ColumnSpec("task_income_atto", .atto), ColumnSpec("task_fees_atto", .atto),
        ColumnSpec("busy_gpu_s", .integer), ColumnSpec("provisioned_gpu_s", .integer), ColumnSpec("ineligible_s", .integer),
        ColumnSpec("breach_s", .integer),
        ColumnSpec("revenue_uusd", .microUSD, nullable: true), ColumnSpec("power_uusd", .microUSD, nullable: true),
        ColumnSpec("slashed_uusd", .microUSD, nullable: true), ColumnSpec("net_uusd", .microUSD, nullable: true),
    ]

    /// Appended to `network_day` by a market run; NULL on day 0 (no quote yet), so every one is
    /// nullable (and SQLite adds a column by ALTER TABLE only so).
    public static let marketNetworkSpec: [ColumnSpec] =
        ["market_usage", "market_h", "market_c", "market_occupancy", "market_df", "market_u_avg", "market_u_max"]
            .map { ColumnSpec($0, .ratio, nullable: true) }
        + [ColumnSpec("market_wam_atto", .atto, nullable: true), ColumnSpec("market_price_atto", .atto, nullable: true)]
        + ["market_priced", "market_fallback", "auctions_posted", "auction_rounds", "auctions_completed", "auctions_failed",
           "auctions_cancelled", "auctions_open", "jobs_assigned", "jobs_submitted", "jobs_failed", "jobs_cancelled",
           "jobs_running"].map { ColumnSpec($0, .integer, nullable: true) }
        + [ColumnSpec("reputation_mean", .ratio, nullable: true)]

    /// Appended to `provider_day` by a market run.
    public static let marketProviderSpec: [ColumnSpec] =
        ["reputation", "rep_uptime", "rep_join", "rep_system", "rep_user", "rep_refund"].map { ColumnSpec($0, .ratio, nullable: true) }
        + [ColumnSpec("rep_averaged", .text, nullable: true)]
        + ["system_jobs_ok", "system_jobs_failed"].map { ColumnSpec($0, .integer, nullable: true) }
        + [ColumnSpec("asking_price_atto", .atto, nullable: true)]
        + ["jobs_assigned", "jobs_submitted", "jobs_failed", "jobs_cancelled", "jobs_running"]
            .map { ColumnSpec($0, .integer, nullable: true) }
        + [ColumnSpec("auction_income_atto", .atto, nullable: true)]

    /// `network_day`'s columns for a run of this kind.
    public static func networkSpec(market: Bool) -> [ColumnSpec] { market ? networkSpec + marketNetworkSpec : networkSpec }

    /// `provider_day`'s columns for a run of this kind.
    public static func providerSpec(market: Bool) -> [ColumnSpec] { market ? providerSpec + marketProviderSpec : providerSpec }

    public static let network = networkSpec.names
    public static let provider = providerSpec.names
    public static let marketNetwork = marketNetworkSpec.names
    public static let marketProvider = marketProviderSpec.names

    /// `network_day`'s column names for a run of this kind.
    public static func network(market: Bool) -> [String] { market ? network + marketNetwork : network }

    /// `provider_day`'s column names for a run of this kind.
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
