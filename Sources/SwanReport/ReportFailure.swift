/// Why `swansim report` wrote no page.
public enum ReportFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The directory holds neither a finished run (summary.json) nor a sweep (sweep.sqlite): exit 2.
    case notAnOutputDirectory(String)
    /// An input file is missing, unreadable or not what OUTPUTS.md / WORKFLOW.md say: exit 2.
    /// `file` is the path as given; `problem` says where in it and what.
    case malformed(file: String, problem: String)
    /// The page may not be written where asked (an input of the report, a user's file without
    /// `--force`, a missing directory): exit 2, nothing written.
    case refused(String)
    /// The page could not be written: exit 4 (nothing is left behind).
    case io(String)

    /// The one-line message, located: `FILE: problem`.
    public var description: String {
        switch self {
        case .notAnOutputDirectory(let directory): "\(directory): no summary.json or sweep.sqlite"
        case .malformed(let file, let problem): "\(file): \(problem)"
        case .refused(let message), .io(let message): message
        }
    }

    /// The exit status (OUTPUTS.md §6): 2 for bad input, 4 for an I/O failure.
    public var exitCode: Int32 {
        switch self {
        case .notAnOutputDirectory, .malformed, .refused: 2
        case .io: 4
        }
    }
}
