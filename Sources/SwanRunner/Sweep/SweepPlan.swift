import SwanCore
import SwanScenario

/// A located argument error of `swansim sweep` (exit 2, nothing written): the argument as
/// given, then the problem.
public struct SweepArgumentError: Error, Sendable, CustomStringConvertible {
    public var argument: String
    public var problem: String

    public init(_ argument: String, _ problem: String) {
        self.argument = argument
        self.problem = problem
    }

    public var description: String { "\(argument): \(problem)" }
}

/// One swept parameter: a RULES.md §14 key and its values as typed on the command line.
public struct SweepAxis: Sendable, Equatable {
    public var name: String
    public var values: [String]
}

/// The seeds of a sweep, `first...last` inclusive (WORKFLOW.md §1).
public struct SeedRange: Sendable, Equatable {
    public var first: UInt64
    public var last: UInt64

    /// The number of seeds; nil when it does not fit an `Int` (0..2^64−1).
    public var count: Int? { Int(exactly: last - first).flatMap { $0 == Int.max ? nil : $0 + 1 } }
    /// `A..B`, as `sweep_meta.seeds` stores it.
    public var text: String { "\(first)..\(last)" }

    /// `A..B` or `N` (= `0..N-1`).
    public init(parsing text: String) throws(SweepArgumentError) {
        let argument = "--seeds \(text)"
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 3, parts[1].isEmpty, let first = UInt64(parts[0]), let last = UInt64(parts[2]) {
            guard first <= last else { throw SweepArgumentError(argument, "the range is empty (A must be at most B)") }
            (self.first, self.last) = (first, last)
        } else if let count = UInt64(text) {
            guard count > 0 else { throw SweepArgumentError(argument, "the range is empty (N must be at least 1)") }
            (self.first, self.last) = (0, count - 1)
        } else {
            throw SweepArgumentError(argument, "expected A..B (0 ≤ A ≤ B < 2^64) or a count N ≥ 1")
        }
    }

    public init(first: UInt64, last: UInt64) {
        self.first = first
        self.last = last
    }
}

/// `--shard I/N`: the runs with `run_index mod N = I`.
public struct Shard: Sendable, Equatable {
    public var index: Int
    public var count: Int
    /// `I/N`, as `sweep_meta.shard` stores it.
    public var text: String { "\(index)/\(count)" }

    public init(parsing text: String) throws(SweepArgumentError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 0, index < count
        else { throw SweepArgumentError("--shard \(text)", "expected I/N with 0 ≤ I < N") }
        (self.index, self.count) = (index, count)
    }

    public func contains(_ runIndex: Int) -> Bool { runIndex % count == index }
}

/// The runs of a sweep: the Cartesian product of the axes in the order given, the last
/// axis varying fastest, and the seeds fastest of all (WORKFLOW.md §1).
public struct SweepGrid: Sendable, Equatable {
    /// The most runs one sweep may hold: every run is a row, and a bound keeps a typo in
    /// `--seeds` from promising a sweep that could never finish.
    public static let maximumRuns = 10_000_000

    public var axes: [SweepAxis]
    public var seeds: SeedRange
    public let runCount: Int
    /// Seeds per point of the parameter grid.
    public let seedCount: Int

    public init(axes: [SweepAxis], seeds: SeedRange) throws(SweepArgumentError) {
        self.axes = axes
        self.seeds = seeds
        var count = seeds.count ?? Int.max
        for axis in axes {
            let (product, overflow) = count.multipliedReportingOverflow(by: axis.values.count)
            count = overflow ? Int.max : product
        }
        guard count <= Self.maximumRuns else {
            throw SweepArgumentError("--seeds \(seeds.text)", "the sweep would have over \(Self.maximumRuns) runs")
        }
        runCount = count
        seedCount = seeds.count ?? Int.max
    }

    /// The values (one per axis, in axis order) and the seed of run `index`.
    public func run(_ index: Int) -> (values: [String], seed: UInt64) {
        var rest = index / seedCount
        var values = [String](repeating: "", count: axes.count)
        for position in axes.indices.reversed() {
            let axis = axes[position]
            values[position] = axis.values[rest % axis.values.count]
            rest /= axis.values.count
        }
        return (values, seeds.first + UInt64(index % seedCount))
    }

    /// `grid_json`: `[[key,[values]],...]` in axis order, each value as the scenario would hold it.
    public var json: String {
        "[" + axes.map { axis in
            "[" + jsonQuoted(axis.name) + ",[" + axis.values.map { ScenarioEdit.jsonLiteral($0, name: axis.name) }.joined(separator: ",") + "]]"
        }.joined(separator: ",") + "]"
    }

    /// `params_json` of run `index`: its values as a JSON object with the keys sorted.
    public func parametersJSON(_ index: Int) -> String {
        let values = run(index).values
        let pairs = zip(axes.map(\.name), values).sorted { byteOrder($0.0, $1.0) }
        return "{" + pairs.map { jsonQuoted($0.0) + ":" + ScenarioEdit.jsonLiteral($0.1, name: $0.0) }.joined(separator: ",") + "}"
    }
}
