import Foundation
import SwanCharts
import SwanStore

/// A finished run's outputs (OUTPUTS.md §3, §5) reduced to what its report draws.
///
/// days.csv is kept whole (one row per day); provider_days.csv is folded as it is read into
/// per-day economics sums and the collateral ratios of the chosen days, so a run of 1,000
/// providers over a year needs no more memory than its charts.
struct RunReportData {
    /// The provider statuses, in the order of `network_day` (OUTPUTS.md §2.3).
    static let statuses = ["active", "nsc", "suspended", "exited", "removed"]

    /// One row of days.csv.
    struct Day {
        var day: Int
        var cBase: ChartValue
        var cuTotal: ChartValue
        /// Provider counts at the close, in `statuses` order.
        var statusCounts: [Int]
        var ubiYEffective: ChartValue?
        var ubiPaid: ChartValue?
        var slashedBacked: ChartValue
        var slashedUnbacked: ChartValue
        var tasksAssigned: Int, tasksCompleted: Int, tasksFailed: Int, tasksRefunded: Int, tasksRunning: Int
    }

    /// Collateral ratios, (free + escrow) / required, of the providers at one day's close.
    struct RatioDay {
        var day: Int
        var ratios: [ChartValue] = []
        /// Providers left out because their requirement is 0.
        var zeroRequirement = 0
        /// Providers left out because they have exited or been removed.
        var terminal = 0
    }

    /// The network's USD flows of one day: sums over the providers' rows (RULES.md §15).
    struct EconomicsDay {
        var day: Int
        var revenue = ChartValue.zero
        var power = ChartValue.zero
        var net = ChartValue.zero
        var provisionedGPUSeconds = 0
    }

    var summary: SummaryFacts
    var days: [Day]
    var ratioDays: [RatioDay]
    /// Nil when provider_days.csv has no USD values (`economics.swan_usd` is null).
    var economics: [EconomicsDay]?
    /// The market figures of a `swan-scenario/2` run; nil for version 1.
    var market: RunReportMarket?

    /// Reads summary.json, days.csv and provider_days.csv of `directory`.
    static func load(directory: String) throws(ReportFailure) -> RunReportData {
        let summaryPath = directory + "/summary.json"
        let summaryData: Data
        do throws(FileRefusal) { summaryData = Data(try RegularFile.read(summaryPath)) } catch {
            throw .malformed(file: summaryPath, problem: error.problem)
        }
        let summary = try SummaryFacts.decode(summaryData, file: summaryPath)
        let days = try readDays(CSVTable(path: directory + "/days.csv"))
        guard let first = days.first, let last = days.last else {
            throw .malformed(file: directory + "/days.csv", problem: "no day rows")
        }
        let chosen = [first.day, days[(days.count - 1) / 2].day, last.day].reduce(into: [Int]()) { list, day in
            if !list.contains(day) { list.append(day) }
        }
        let (ratios, economics) = try readProviderDays(CSVTable(path: directory + "/provider_days.csv"), ratioDays: chosen,
                                                       days: days.map(\.day))
        // Day 0 has no reputation entry: the market's first chosen day is day 1.
        let marketDays = chosen.map { max($0, 1) }.reduce(into: [Int]()) { list, day in if !list.contains(day) { list.append(day) } }
        let market = try RunReportMarket.load(directory: directory, chosenDays: marketDays)
        return RunReportData(summary: summary, days: days, ratioDays: ratios, economics: economics, market: market)
    }

    private static func readDays(_ table: CSVTable) throws(ReportFailure) -> [Day] {
        let columns = try table.indices(of: [
            "day", "c_base_swan", "cu_total", "ubi_y_eff_swan", "ubi_paid_swan", "slashed_backed_swan",
            "slashed_unbacked_swan", "tasks_assigned", "tasks_completed", "tasks_failed", "tasks_refunded", "tasks_running",
        ])
        let statusColumns = try table.indices(of: statuses)
        var days: [Day] = []
        try table.forEachRecord { (record) throws(ReportFailure) in
            var counts: [Int] = []
            for index in statusColumns { counts.append(try record.integer(index)) }
            days.append(Day(
                day: try record.integer(columns[0]), cBase: try record.required(columns[1]),
                cuTotal: try record.required(columns[2]), statusCounts: counts,
                ubiYEffective: try record.value(columns[3]), ubiPaid: try record.value(columns[4]),
                slashedBacked: try record.required(columns[5]), slashedUnbacked: try record.required(columns[6]),
                tasksAssigned: try record.integer(columns[7]), tasksCompleted: try record.integer(columns[8]),
                tasksFailed: try record.integer(columns[9]), tasksRefunded: try record.integer(columns[10]),
                tasksRunning: try record.integer(columns[11])))
        }
        return days
    }

    private static func readProviderDays(_ table: CSVTable, ratioDays: [Int], days: [Int]) throws(ReportFailure)
        -> ([RatioDay], [EconomicsDay]?)
    {
        let c = try table.indices(of: [
            "day", "status", "free_swan", "escrow_swan", "required_swan", "revenue_usd", "power_usd", "net_usd",
            "provisioned_gpu_s",
        ])
        var ratios = ratioDays.map { RatioDay(day: $0) }
        var economics = Dictionary(uniqueKeysWithValues: days.map { ($0, EconomicsDay(day: $0)) })
        var usd = false
        try table.forEachRecord { (record) throws(ReportFailure) in
            let day = try record.integer(c[0])
            if let slot = ratioDays.firstIndex(of: day) {
                let status = record.text(c[1])
                let required = try record.required(c[4])
                if status == "exited" || status == "removed" {
                    ratios[slot].terminal += 1
                } else if required == .zero {
                    ratios[slot].zeroRequirement += 1
                } else if let ratio = ChartValue.quotient(try record.required(c[2]) + record.required(c[3]), required) {
                    ratios[slot].ratios.append(ratio)
                }
            }
            guard let revenue = try record.value(c[5]) else { return }
            usd = true
            economics[day, default: EconomicsDay(day: day)].revenue += revenue
            economics[day, default: EconomicsDay(day: day)].power += try record.value(c[6]) ?? .zero
            economics[day, default: EconomicsDay(day: day)].net += try record.value(c[7]) ?? .zero
            economics[day, default: EconomicsDay(day: day)].provisionedGPUSeconds += try record.integer(c[8])
        }
        return (ratios, usd ? economics.values.sorted { $0.day < $1.day } : nil)
    }
}
