import Foundation
import SwanCore
import SwanCrypto
import SwanScenario

/// Why a sweep stopped, and its exit status (WORKFLOW.md §1).
public enum SweepFailure: Error, Sendable {
    /// Bad arguments, an invalid scenario or run, or a directory holding another sweep:
    /// exit 2, with the lines to print. Nothing was written.
    case invalid([String])
    /// A shard's stored run differs from its re-execution (`sweep-merge --check`): exit 3,
    /// naming the shard, the run and the column. Nothing was merged.
    case differs(String)
    /// An I/O or runtime error: exit 4. What was committed stays valid and resumable.
    case io(String)
}

/// A sweep as the command line defines it, checked whole before anything is written: the
/// scenario, its grid of parameter values and seeds, and the shard to run.
public struct SweepDefinition: Sendable {
    public let scenarioFile: String
    public let scenarioBytes: [UInt8]
    /// How the bytes are read: by the file's extension, or sniffed for a shard's stored source.
    let syntax: ScenarioLoader.Syntax
    public let scenarioSHA256: String
    public let scenarioName: String
    public let grid: SweepGrid
    public let shard: Shard?

    /// Parses and validates every argument, then loads every run's edited scenario.
    ///
    /// - Parameters:
    ///   - sets: the `--set KEY=V1,V2,...` arguments, in order.
    ///   - seeds: `--seeds A..B` or `N`; nil for the scenario's own seed.
    ///   - shard: `--shard I/N`.
    public init(scenarioFile: String, sets: [String], seeds: String?, shard: String?) throws(SweepFailure) {
        self.scenarioFile = scenarioFile
        do throws(ScenarioFile.Invalid) { scenarioBytes = try ScenarioFile.read(scenarioFile) } catch { throw .invalid(error.lines) }
        syntax = .init(fileName: scenarioFile)
        let base: Scenario
        do throws(ScenarioErrors) {
            base = try ScenarioLoader.load(scenarioBytes, syntax: .init(fileName: scenarioFile))
        } catch {
            throw .invalid(error.errors.map { $0.line(file: scenarioFile) })
        }
        scenarioName = base.name
        do {
            scenarioSHA256 = try OpenSSLSHA256().digest(scenarioBytes).hex
        } catch {
            throw .io("\(error)")
        }
        do throws(SweepArgumentError) {
            let axes = try Self.axes(sets)
            let range = try seeds.map { text throws(SweepArgumentError) in try SeedRange(parsing: text) }
                ?? SeedRange(first: base.seed, last: base.seed)
            grid = try SweepGrid(axes: axes, seeds: range)
            self.shard = try shard.map { text throws(SweepArgumentError) in try Shard(parsing: text) }
        } catch {
            throw .invalid(["swansim sweep: \(error)"])
        }
        try checkValues()
        try checkRuns()
    }

    /// The sweep a shard's `sweep_meta` records, to re-execute some of its runs (`sweep-merge
    /// --check`): its stored scenario bytes, grid and seeds. Runs are not checked up front; a run
    /// that does not load is reported when it is re-executed.
    init(storedSource bytes: [UInt8], scenarioSHA256: String, scenarioName: String, grid: SweepGrid) {
        scenarioFile = "sweep_meta.scenario_source"
        scenarioBytes = bytes
        syntax = .init(sniffing: bytes)
        self.scenarioSHA256 = scenarioSHA256
        self.scenarioName = scenarioName
        self.grid = grid
        shard = nil
    }

    /// `--set` arguments as axes: known keys, each once, each with a non-empty list.
    static func axes(_ sets: [String]) throws(SweepArgumentError) -> [SweepAxis] {
        var axes: [SweepAxis] = []
        for argument in sets {
            let label = "--set \(argument)"
            guard let equals = argument.firstIndex(of: "=") else { throw SweepArgumentError(label, "expected KEY=V1,V2,...") }
            let name = String(argument[..<equals])
            guard ScenarioEdit.editable(name) != nil else {
                throw SweepArgumentError(label, "unknown parameter key \(jsonQuoted(name)) (RULES.md §14 and RULES-MARKET M12 list the keys)")
            }
            guard !axes.contains(where: { $0.name == name }) else { throw SweepArgumentError(label, "\(name) is given twice") }
            let values = argument[argument.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !values.contains(where: \.isEmpty) else {
                throw SweepArgumentError(label, values == [""] ? "the list of values is empty" : "a value in the list is empty")
            }
            axes.append(SweepAxis(name: name, values: values))
        }
        return axes
    }

    /// Each value alone against its key's type and range, so that a bad value is named as an
    /// argument (`--set KEY=...: value "x": E_TYPE: ...`), not as a run.
    private func checkValues() throws(SweepFailure) {
        for axis in grid.axes {
            let path = "$.params." + axis.name
            for value in axis.values {
                do throws(ScenarioErrors) {
                    _ = try load(ScenarioEdit(parameters: [(axis.name, value)]))
                } catch {
                    if let problem = error.errors.first(where: { "\($0.path)" == path }) {
                        throw .invalid(["swansim sweep: --set \(axis.name)=\(axis.values.joined(separator: ",")): value \(jsonQuoted(value)): \(problem.code.rawValue): \(problem.message)"])
                    }
                }
            }
        }
    }

    /// Every run's edited scenario, so that no run of any shard can fail validation later.
    private func checkRuns() throws(SweepFailure) {
        for index in 0..<grid.runCount {
            do throws(ScenarioErrors) {
                _ = try load(edit(for: index))
            } catch {
                let (values, seed) = grid.run(index)
                let settings = zip(grid.axes.map(\.name), values).map { "\($0)=\($1)" } + ["seed=\(seed)"]
                throw .invalid(["swansim sweep: run \(index) (\(settings.joined(separator: ", "))) is invalid:"]
                    + error.errors.map { "  " + $0.line(file: scenarioFile) })
            }
        }
    }

    /// The edit that makes run `index`'s scenario.
    public func edit(for index: Int) -> ScenarioEdit {
        let (values, seed) = grid.run(index)
        return ScenarioEdit(parameters: Array(zip(grid.axes.map(\.name), values)), seed: seed)
    }

    /// The scenario with `edit` applied, through the same loader as `swansim run`.
    public func load(_ edit: ScenarioEdit) throws(ScenarioErrors) -> Scenario {
        try ScenarioLoader.load(scenarioBytes, syntax: syntax, edit: edit)
    }

    /// The run indices this invocation owns: all of them, or the shard's.
    public var ownedRuns: [Int] {
        (0..<grid.runCount).filter { shard?.contains($0) ?? true }
    }

    /// `sweep_meta`, in the order WORKFLOW.md §1 lists the keys, then `scenario_source` (the
    /// scenario file's bytes in base64, as a ledger's meta carries them), which lets `sweep-merge
    /// --check` re-execute a shard's runs wherever the shard was made. The engine (informational) is
    /// part of a sweep's identity too: another engine version might give other results.
    public var meta: [(key: String, value: String)] {
        [
            ("format", "swan-sweep/1"), ("scenario_name", scenarioName), ("scenario_sha256", scenarioSHA256),
            ("grid_json", grid.json), ("seeds", grid.seeds.text), ("runs", String(grid.runCount)),
            ("shard", shard?.text ?? ""), ("rules_version", LedgerMeta.rulesVersion), ("engine", LedgerMeta.engine),
            ("scenario_source", Data(scenarioBytes).base64EncodedString()),
        ]
    }

}
