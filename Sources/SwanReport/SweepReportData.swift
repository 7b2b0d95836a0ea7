import Foundation
import SwanCharts
import SwanStore

/// A sweep's `sweep.sqlite` (WORKFLOW.md §1) reduced to what its report draws: the grid, and per
/// run its parameters, outcomes and a few daily series.
struct SweepReportData {
    /// The outcomes compared across seeds (WORKFLOW.md §3).
    enum Outcome: CaseIterable {
        case nscShare, slashed, ubiPaid, breaches, meanROI

        var title: String {
            switch self {
            case .nscShare: "Final nsc share"
            case .slashed: "Total slashed"
            case .ubiPaid: "UBI paid"
            case .breaches: "Breaches"
            case .meanROI: "Mean annual ROI"
            }
        }

        var axis: AxisLabel {
            switch self {
            case .nscShare: AxisLabel("nsc / (active + nsc + suspended)", unit: "%")
            case .slashed: AxisLabel("total slashed", unit: "SWAN")
            case .ubiPaid: AxisLabel("UBI paid", unit: "SWAN")
            case .breaches: AxisLabel("breaches", unit: "breaches")
            case .meanROI: AxisLabel("mean annual ROI", unit: "%")
            }
        }

        var source: String {
            switch self {
            case .nscShare: "run_days nsc / (active + nsc + suspended) on the last day, as %"
            case .slashed: "summary_json totals.slashed"
            case .ubiPaid: "summary_json totals.ubi_paid"
            case .breaches: "summary_json breaches.count"
            case .meanROI: "the mean of summary_json providers[].economics.roi_annual over providers that have one, as %"
            }
        }
    }

    /// The `run_days` columns read, in this order.
    static let dayColumns = ["day", "active", "nsc", "suspended", "c_base_atto", "ubi_paid_atto", "slashed_atto"]

    /// One day of a run: the counts and amounts the fan charts draw.
    struct Day {
        var day: Int
        var nsc: ChartValue
        var cBase: ChartValue
        var ubiPaid: ChartValue?
        var slashed: ChartValue
    }

    struct Run {
        var index: Int
        var seed: String
        /// `--set` key → value, as the CLI wrote it.
        var parameters: [String: String]
        var exitCode: Int
        var headHash: String
        var outcomes: [Outcome: ChartValue]
        var days: [Day]
    }

    var meta: [String: String]
    /// The `--set` keys and their values, in grid order (`sweep_meta.grid_json`).
    var grid: [(key: String, values: [String])]
    var runs: [Run]

    /// Reads `directory/sweep.sqlite`.
    static func load(directory: String) throws(ReportFailure) -> SweepReportData {
        let path = directory + "/sweep.sqlite"
        let tables: SweepTables
        do { tables = try SweepTables.read(path: path, dayColumns: dayColumns) } catch {
            throw .malformed(file: path, problem: "\(error)")
        }
        guard tables.meta["format"] == "swan-sweep/1" else {
            throw .malformed(file: path, problem: "sweep_meta format is \(tables.meta["format"].map { "\"\($0)\"" } ?? "absent"), "
                + "expected \"swan-sweep/1\"")
        }
        guard !tables.runs.isEmpty else { throw .malformed(file: path, problem: "no runs recorded") }
        let grid = try parseGrid(tables.meta["grid_json"] ?? "", file: path)
        var runs: [Run] = []
        for row in tables.runs {
            runs.append(try run(row, days: tables.days[row.runIndex] ?? [], file: path))
        }
        return SweepReportData(meta: tables.meta, grid: grid, runs: runs)
    }

    /// `[[key, [value, …]], …]`.
    static func parseGrid(_ text: String, file: String) throws(ReportFailure) -> [(key: String, values: [String])] {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else {
            throw .malformed(file: file, problem: "sweep_meta grid_json is not a JSON array: \(text)")
        }
        var grid: [(key: String, values: [String])] = []
        for entry in parsed {
            guard let pair = entry as? [Any], pair.count == 2, let key = pair[0] as? String, let values = pair[1] as? [String]
            else { throw .malformed(file: file, problem: "sweep_meta grid_json entries must be [key, [values]]: \(text)") }
            grid.append((key, values))
        }
        return grid
    }

    private static func run(_ row: SweepTables.Run, days: [[String?]], file: String) throws(ReportFailure) -> Run {
        let place = "runs row \(row.runIndex)"
        guard let object = try? JSONSerialization.jsonObject(with: Data(row.parametersJSON.utf8)) as? [String: Any] else {
            throw .malformed(file: file, problem: "\(place): params_json is not a JSON object")
        }
        var parameters: [String: String] = [:]
        for (key, value) in object {
            guard let text = value as? String else {
                throw .malformed(file: file, problem: "\(place): params_json value of \(key) is not a string")
            }
            parameters[key] = text
        }
        let summary = try SummaryFacts.decode(Data(row.summaryJSON.utf8), file: "\(file) (\(place), summary_json)")
        let parsedDays = try days.map { (cells) throws(ReportFailure) in try day(cells, file: file, place: place) }
        var outcomes: [Outcome: ChartValue] = [:]
        if let last = parsedDays.last, let counts = days.last {
            let live = [counts[1], counts[2], counts[3]].compactMap { $0.flatMap { Int($0) } }.reduce(0, +)
            outcomes[.nscShare] = ChartValue.quotient(last.nsc.times(100), ChartValue(live))
        }
        outcomes[.slashed] = summary.totals["slashed"].flatMap { try? ChartValue(parsing: $0) }
        outcomes[.ubiPaid] = summary.totals["ubi_paid"].flatMap { try? ChartValue(parsing: $0) }
        outcomes[.breaches] = ChartValue(summary.breaches.count)
        let rois = summary.providers.compactMap { $0.economics?.roiAnnual.flatMap { try? ChartValue(parsing: $0) } }
        if !rois.isEmpty {
            outcomes[.meanROI] = ChartValue.quotient(rois.reduce(.zero, +).times(100), ChartValue(rois.count))
        }
        return Run(index: row.runIndex, seed: row.seed, parameters: parameters, exitCode: row.exitCode,
                   headHash: row.headHash, outcomes: outcomes, days: parsedDays)
    }

    /// One `run_days` row in `dayColumns` order.
    private static func day(_ cells: [String?], file: String, place: String) throws(ReportFailure) -> Day {
        func integer(_ index: Int) throws(ReportFailure) -> Int {
            guard let text = cells[index], let value = Int(text) else {
                throw .malformed(file: file, problem: "\(place): run_days \(dayColumns[index]) is not an integer")
            }
            return value
        }
        func atto(_ index: Int) throws(ReportFailure) -> ChartValue? {
            guard let text = cells[index] else { return nil }
            guard let units = Int128(text) else {
                throw .malformed(file: file, problem: "\(place): run_days \(dayColumns[index]) \"\(text)\" is not atto-SWAN")
            }
            return ChartValue(units: units)
        }
        return Day(day: try integer(0), nsc: ChartValue(try integer(2)), cBase: try atto(4) ?? .zero,
                   ubiPaid: try atto(5), slashed: try atto(6) ?? .zero)
    }
}
