import SwanCore

/// The bytes of a run's output files, rendered by one code path for the run that writes them
/// (`RunWriter`) and for `swansim verify`, which renders them again from the ledger and compares
/// (WORKFLOW.md §9.3). Two renderings that could drift apart would make that comparison lie.
public enum CSVLines {
    /// A `days.csv` line: the network row's cells, comma-separated, with its line feed.
    public static func appendNetwork(_ cells: [Cell], to out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            cell.writeCSV(to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// A `provider_days.csv` line, each cell rendered straight into `out` (no array per row).
    public static func appendProvider(_ row: ProviderDayRow, to out: inout [UInt8]) {
        var first = true
        row.forEachCell { cell in
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            cell.writeCSV(to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// The header line of `days.csv` or `provider_days.csv`, with its line feed.
    public static func header(_ columns: [String]) -> [UInt8] {
        Array((DailyColumns.csvHeader(columns) + "\n").utf8)
    }
}
