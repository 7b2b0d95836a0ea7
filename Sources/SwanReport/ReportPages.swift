import SwanCharts

/// The pages of `swansim report` (WORKFLOW.md §3), as text: read only from the files a run or a
/// sweep wrote, the same inputs giving the same bytes. Writing them is the runner's business.
public enum ReportPages {
    /// The report of a run's output directory (summary.json, days.csv, provider_days.csv).
    public static func run(directory: String) throws(ReportFailure) -> String {
        RunReportPage.page(try RunReportData.load(directory: directory)).html
    }

    /// The report of a sweep's directory (sweep.sqlite).
    public static func sweep(directory: String) throws(ReportFailure) -> String {
        SweepReportPage.page(try SweepReportData.load(directory: directory)).html
    }
}
