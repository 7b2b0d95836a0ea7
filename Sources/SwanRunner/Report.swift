import Foundation
import SwanCharts
import SwanReport
import SwanStore

/// `swansim report DIR [--out FILE]` (WORKFLOW.md §3): one self-contained HTML page from a
/// run's output directory or a sweep's.
public enum Report {
    /// What kind of directory was reported on.
    public enum Kind: String, Sendable {
        /// A run's output directory (summary.json, days.csv, provider_days.csv).
        case run
        /// A sweep's directory (sweep.sqlite).
        case sweep
    }

    /// What `write` produced.
    public struct Outcome: Sendable {
        /// Run or sweep.
        public var kind: Kind
        /// The page's path.
        public var path: String
        /// Its size.
        public var bytes: Int
    }

    /// The kind of `directory`: a finished run has summary.json (WORKFLOW.md §6), a sweep has sweep.sqlite.
    public static func kind(of directory: String) throws(ReportFailure) -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .malformed(file: directory, problem: "no such directory")
        }
        if FileManager.default.fileExists(atPath: directory + "/summary.json") { return .run }
        if FileManager.default.fileExists(atPath: directory + "/sweep.sqlite") { return .sweep }
        throw .notAnOutputDirectory(directory)
    }

    /// The page for `directory`, as text. Reads only; the same inputs give the same bytes.
    public static func html(directory: String) throws(ReportFailure) -> (Kind, String) {
        let kind = try kind(of: directory)
        switch kind {
        case .run: return (kind, try ReportPages.run(directory: directory))
        case .sweep: return (kind, try ReportPages.sweep(directory: directory))
        }
    }

    /// Builds the page for `directory` and writes it to `output` (default `DIR/report.html`)
    /// atomically: a temporary file in the same directory, renamed over `output` once complete,
    /// so a failure at any point leaves no page and no temporary file behind.
    ///
    /// `output` may replace an earlier report; another file only with `force`; and never a file
    /// of the run or sweep it draws (summary.json, the CSV files, the databases), not even with
    /// `force` (WORKFLOW.md §9.1).
    public static func write(directory: String, output: String?, force: Bool = false) throws(ReportFailure) -> Outcome {
        let kind = try kind(of: directory)
        let path = output ?? directory + "/report.html"
        let inputs = (kind == .run ? RunDirectory.ownNames : SweepExecution.ownNames).map { directory + "/" + $0 }
        let target = OutputFile(kind: "report", inputs: inputs) { OutputFile.contains($0, "<meta name=\"generator\" content=\"\(Page.generator)\">") }
        do throws(FileRefusal) { try target.check(path, force: force) } catch { throw .refused(error.description) }
        let (_, html) = try self.html(directory: directory)
        let data = Data(html.utf8)
        do throws(AtomicFile.Failure) { try AtomicFile.write(data, to: path) } catch { throw .io(error.message) }
        return Outcome(kind: kind, path: path, bytes: data.count)
    }
}
