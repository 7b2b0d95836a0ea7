import Foundation
import SwanChecker
import SwanConcurrency
import SwanCore
import SwanReport
import SwanScenario
import SwanStore
import SwanTables

/// `swansim verify`'s check of the files a run wrote beside its ledger (WORKFLOW.md §9.3):
/// `days.csv`, `provider_days.csv` and `summary.json`, where present, against the same files
/// rendered again from the ledger by the run's own rendering code (`CSVLines`, `SummaryDocument`),
/// byte for byte. An edited summary would otherwise pass `verify` and `replay` and reach a report.
///
/// The CSV files are read line by line as the checker seals each day, on a thread of their own
/// a few days behind it (a bounded queue, as `DerivedTablesCheck` does), so memory holds a few
/// days' lines; the first difference is kept with its file, line (or JSON path) and column.
final class OutputFilesCheck: Sendable {
    /// The files compared, in the order a message lists them.
    let compared: [String]
    /// The comparison's state, owned by its own thread; at most eight days wait for it.
    private let worker: SerialWorker<OutputFilesComparer>

    /// Opens whichever of the three files `directory` holds.
    /// - Throws: a refusal when one of them is there but is not a regular file.
    init(directory: String, market: Bool) throws(FileRefusal) {
        let comparer = try OutputFilesComparer(directory: directory, market: market)
        compared = comparer.compared
        worker = SerialWorker(capacity: 8, state: comparer)
    }

    /// Queues one sealed day's lines for comparison (call in day order, right after the checker
    /// seals it); waits while eight days are already queued.
    func sealed(_ report: DayReport) {
        worker.async { $0.compare(report) }
    }

    /// Finishes the CSV files (no line may follow the last day's) and compares summary.json with
    /// `summary`, the ledger's own rendering (nil when it cannot be rendered: no scenario).
    /// - Returns: the first difference of all.
    func finish(summary: OrderedJSON?) -> VerificationFailure? {
        worker.sync { $0.finish(summary: summary) }
    }
}

/// The state and the comparisons of `OutputFilesCheck`, on its worker's thread.
final class OutputFilesComparer {
    /// The files compared, in the order a message lists them.
    let compared: [String]
    /// The first difference found.
    private var difference: VerificationFailure?
    private let days: ComparedLines?
    private let providerDays: ComparedLines?
    private let summaryPath: String?
    private var rendered: [UInt8] = []

    init(directory: String, market: Bool) throws(FileRefusal) {
        days = try ComparedLines(path: directory + "/days.csv", name: "days.csv", columns: DailyColumns.network(market: market))
        providerDays = try ComparedLines(path: directory + "/provider_days.csv", name: "provider_days.csv",
                                         columns: DailyColumns.provider(market: market))
        let summary = directory + "/summary.json"
        if OutputPath.exists(summary) {
            try RegularFile.require(summary)
            summaryPath = summary
        } else {
            summaryPath = nil
        }
        compared = [summaryPath.map { _ in "summary.json" }, days?.name, providerDays?.name].compactMap { $0 }
    }

    /// Compares one sealed day's lines, unless a difference was found already.
    func compare(_ report: DayReport) {
        guard difference == nil, days != nil || providerDays != nil else { return }
        if let days {
            rendered.removeAll(keepingCapacity: true)
            CSVLines.appendNetwork(report.network.cells, to: &rendered)
            difference = days.compare(rendered)
        }
        if let providerDays, difference == nil {
            rendered.removeAll(keepingCapacity: true)
            for row in report.providers { CSVLines.appendProvider(row, to: &rendered) }
            difference = providerDays.compare(rendered)
        }
    }

    /// The first difference of the CSV files (none may go on past the last day) and summary.json.
    func finish(summary: OrderedJSON?) -> VerificationFailure? {
        if difference == nil { difference = days?.end() ?? providerDays?.end() }
        guard difference == nil, let summaryPath else { return difference }
        guard let summary else {
            // A summary that cannot be rendered cannot be vouched for: deleting scenario_source
            // must not be a way to have an edited summary.json pass.
            difference = VerificationFailure(.file(name: "summary.json", place: ""), "scenario",
                                             expected: "the scenario to render it from (meta.scenario_source, or --scenario FILE)",
                                             found: "none, so summary.json cannot be checked")
            return difference
        }
        let same: Bool
        do { same = try Self.matches(summary, file: summaryPath) } catch {
            difference = VerificationFailure(.file(name: "summary.json", place: ""), "file", expected: "readable", found: error.problem)
            return difference
        }
        guard !same else { return nil }
        // Only a difference pays for holding both texts whole, to name its JSON path.
        let stored = (try? RegularFile.read(summaryPath)) ?? []
        difference = Self.firstDifference(expected: Array(summary.rendered.utf8), found: stored)
        return difference
    }

    /// True when the file holds exactly `summary`'s text, compared piece by piece as it renders.
    private static func matches(_ summary: OrderedJSON, file path: String) throws(FileRefusal) -> Bool {
        let reader = try RegularFile.Reader(path)
        var same = true
        var failure: FileRefusal?
        var stored = [UInt8](repeating: 0, count: OrderedJSON.chunkBytes + (1 << 17))
        summary.stream { rendered in
            defer { rendered.removeAll(keepingCapacity: true) }
            guard same else { return }
            if stored.count < rendered.count { stored = [UInt8](repeating: 0, count: rendered.count) }
            do throws(FileRefusal) {
                let count = try reader.read(into: &stored, count: rendered.count)
                same = count == rendered.count && stored[..<count].elementsEqual(rendered)
            } catch {
                (same, failure) = (false, error)
            }
        }
        if let failure { throw failure }
        guard same else { return false }
        return try reader.read(into: &stored, count: 1) == 0
    }

    /// The first place two summary.json texts differ, as a JSON path where both parse.
    static func firstDifference(expected: [UInt8], found: [UInt8]) -> VerificationFailure {
        func failure(_ place: String, _ field: String, _ expected: String, _ found: String) -> VerificationFailure {
            VerificationFailure(.file(name: "summary.json", place: place), field,
                                expected: VerificationFailure.shown(expected), found: VerificationFailure.shown(found))
        }
        guard let mine = try? JSONDocumentParser.parse(expected) else {
            return failure("", "document", "the ledger's own summary", "a summary that differs")
        }
        let theirs: DocumentNode
        do { theirs = try JSONDocumentParser.parse(found) } catch {
            return failure("", "document", "valid JSON", "not JSON (\(error.message))")
        }
        if let (path, expectedValue, foundValue) = JSONDifference.first(mine, theirs, at: .root) {
            return failure(path.description, "value", expectedValue, foundValue)
        }
        let offset = (0..<min(expected.count, found.count)).first { expected[$0] != found[$0] } ?? min(expected.count, found.count)
        return failure("byte \(offset)", "layout", "the canonical layout of OUTPUTS.md §3", "the same values laid out otherwise")
    }
}

/// The first difference between two parsed JSON documents: keys in order, elements by index.
enum JSONDifference {
    static func first(_ a: DocumentNode, _ b: DocumentNode, at path: JSONPath) -> (JSONPath, String, String)? {
        switch (a.value, b.value) {
        case (.object(let left), .object(let right)):
            for (index, member) in left.enumerated() {
                guard index < right.count, right[index].key == member.key else {
                    let other = index < right.count ? "key \(jsonQuoted(right[index].key))" : "no more keys"
                    return (path, "key \(jsonQuoted(member.key))", other)
                }
                if let found = first(member.value, right[index].value, at: path.key(member.key)) { return found }
            }
            return right.count > left.count ? (path, "no more keys", "key \(jsonQuoted(right[left.count].key))") : nil
        case (.array(let left), .array(let right)):
            for (index, element) in left.enumerated() {
                guard index < right.count else { return (path.index(index), render(element), "nothing (the array ends)") }
                if let found = first(element, right[index], at: path.index(index)) { return found }
            }
            return right.count > left.count ? (path.index(left.count), "nothing (the array ends)", render(right[left.count])) : nil
        default:
            let (left, right) = (render(a), render(b))
            return left == right ? nil : (path, left, right)
        }
    }

    /// A scalar as JSON text; a container by its kind.
    private static func render(_ node: DocumentNode) -> String {
        switch node.value {
        case .string(let text): jsonQuoted(text)
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .object: "an object"
        case .array: "an array"
        }
    }
}

/// One CSV file read a line at a time, compared with the lines the ledger renders.
private final class ComparedLines {
    let name: String
    private let columns: [String]
    private let reader: RegularFile.Reader
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var line = 0

    /// Nil when the file is absent; its header line is compared first.
    init?(path: String, name: String, columns: [String]) throws(FileRefusal) {
        guard OutputPath.exists(path) else { return nil }
        reader = try RegularFile.Reader(path)
        self.name = name
        self.columns = DailyColumns.csvHeader(columns).split(separator: ",").map(String.init)
        pendingHeader = CSVLines.header(columns)
    }

    /// The header, until it has been compared (before the first day's lines).
    private var pendingHeader: [UInt8]?
    /// The buffer each refill reads into.
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)

    /// Compares the next lines of the file with `expected` (whole lines, each with its line feed).
    func compare(_ expected: [UInt8]) -> VerificationFailure? {
        compareHeader() ?? compareLines(expected[...])
    }

    /// The file must end here.
    func end() -> VerificationFailure? {
        if let failure = compareHeader() { return failure }
        guard let extra = nextLine() else { return nil }
        return VerificationFailure(.file(name: name, place: "line \(line)"), "line", expected: "the end of the file (no row for it in the ledger)",
                                   found: VerificationFailure.shown(String(decoding: extra, as: UTF8.self)))
    }

    private func compareHeader() -> VerificationFailure? {
        guard let header = pendingHeader else { return nil }
        pendingHeader = nil
        return compareLines(header[...])
    }

    private func compareLines(_ expected: ArraySlice<UInt8>) -> VerificationFailure? {
        var rest = expected
        while !rest.isEmpty {
            let end = rest.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? rest.endIndex
            let want = rest[rest.startIndex..<end]
            rest = rest[end...]
            guard let found = nextLine() else {
                return VerificationFailure(.file(name: name, place: "line \(line + 1)"), "line",
                                           expected: VerificationFailure.shown(text(want)), found: "the end of the file")
            }
            if !found.elementsEqual(want) { return difference(expected: want, found: found) }
        }
        return nil
    }

    /// The column where two lines differ, named by the file's header.
    private func difference(expected: ArraySlice<UInt8>, found: ArraySlice<UInt8>) -> VerificationFailure {
        let want = Self.fields(expected), have = Self.fields(found)
        let index = (0..<max(want.count, have.count)).first { $0 >= want.count || $0 >= have.count || want[$0] != have[$0] } ?? 0
        let column = index < columns.count ? columns[index] : "field \(index + 1)"
        return VerificationFailure(.file(name: name, place: "line \(line)"), column,
                                   expected: VerificationFailure.shown(index < want.count ? want[index] : "no field"),
                                   found: VerificationFailure.shown(index < have.count ? have[index] : "no field"))
    }

    private func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.last == UInt8(ascii: "\n") ? bytes.dropLast() : bytes, as: UTF8.self)
    }

    /// The fields of one line as written (quotes kept), split as a report reads them (`CSVTable`).
    private static func fields(_ line: ArraySlice<UInt8>) -> [String] {
        let bytes = Array(line)
        var position = 0
        return (CSVTable.record(bytes, from: &position) ?? []).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// The file's next line with its line feed (the last one may lack it), or nil at the end.
    private func nextLine() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                line += 1
                return buffer[start...newline]
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                line += 1
                return buffer[start...]
            }
            buffer.removeFirst(start)
            start = 0
            let count = (try? reader.read(into: &chunk, count: chunk.count)) ?? 0
            if count == 0 { atEnd = true } else { buffer.append(contentsOf: chunk[..<count]) }
        }
    }
}
