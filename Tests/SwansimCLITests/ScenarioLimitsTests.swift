import Foundation
import SwanTestSupport
import Testing

/// Runs `executable` and returns its exit status, peak resident memory (`ru_maxrss`, kB) and
/// CPU time (user + system, seconds).
///
/// A child's peak includes the memory of the process it was forked or spawned from (Linux keeps
/// the high-water mark across exec), so the test process (tens of MB) cannot measure it itself:
/// a small Python forks, execs and reaps it with wait4.
private func runMeasuringMemory(_ executable: String, _ arguments: [String]) throws
    -> (status: Int32, peakKilobytes: Int, cpuSeconds: Double)
{
    let reaper = """
        import os, sys
        pid = os.fork()
        if pid == 0:
            fd = os.open(os.devnull, os.O_RDWR)
            for n in (0, 1, 2): os.dup2(fd, n)
            os.execv(sys.argv[1], sys.argv[1:])
        _, status, usage = os.wait4(pid, 0)
        print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
        """
    let result = try runProcess("/usr/bin/env", ["python3", "-c", reaper, executable] + arguments)
    let fields = result.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    guard fields.count == 3, let status = Int32(fields[0]), let peak = Int(fields[1]), let cpu = Double(fields[2]) else {
        return (-1, 0, 0)
    }
    return (status, peak, cpu)
}

/// `scenario` with `days` changed, written into `directory`.
private func withDays(_ scenario: String, _ days: Int, in directory: String) throws -> String {
    let source = repositoryRoot.appendingPathComponent("Fixtures/scenarios/\(scenario).json")
    guard var document = try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as? [String: Any] else {
        throw CocoaError(.fileReadCorruptFile)
    }
    document["days"] = days
    document["name"] = "\(scenario)-\(days)d"
    document["expect"] = nil
    let path = directory + "/\(scenario)-\(days).json"
    try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("Scenario limits (RULES.md §1.3) bound memory and time as run --help states")
struct ScenarioLimitsTests {
    @Test("memory does not grow with days: the longest run the limits allow (36,500 days) peaks within 1.5× of a 365-day run, with tens of times the entries")
    func memoryBoundedByProvidersNotDays() throws {
        let scratch = try temporaryDirectory("limits")
        let binary = try releaseBinary()
        var peaks: [Int: Int] = [:], entries: [Int: Int] = [:]
        for days in [365, 36_500] {
            let scenario = try withDays("paid-tasks", days, in: scratch)
            let out = scratch + "/run-\(days)"
            let (status, peak, _) = try runMeasuringMemory(binary, ["run", scenario, "--out", out, "--ledger", "none", "--quiet"])
            #expect(status == 0, "\(days) days: exit \(status)")
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any]
            entries[days] = (summary?["ledger"] as? [String: Any])?["entries"] as? Int ?? 0
            peaks[days] = peak
        }
        print("limits: 365 days \(entries[365]!) entries, peak \(peaks[365]!) kB; 36,500 days \(entries[36_500]!) entries, peak \(peaks[36_500]!) kB")
        #expect(entries[36_500]! > 50 * entries[365]!, "the long run did the work: 100× the days, tens of times the entries")
        #expect(Double(peaks[36_500]!) < 1.5 * Double(peaks[365]!), "memory stays bounded by providers and open work")
        let tooLong = try runProcess(binary, ["validate", try withDays("paid-tasks", 36_501, in: scratch)])
        #expect(tooLong.status == 2 && tooLong.stderr.contains("$.days: E_RANGE"), "\(tooLong.stderr)")
    }
}

/// The figures `swansim run --help` states (RULES.md §18 C16: memory per provider, per user, per
/// task and the busiest day; time per entry), read from the help text itself so that the test
/// checks exactly what a user reads.
private struct StatedCosts {
    var baseKilobytes: Double
    var perProviderKilobytes: Double
    var perUserKilobytes: Double
    var perPostedTaskKilobytes: Double
    var perOpenTaskKilobytes: Double
    var cpuMicrosecondsPerEntry: Double
    var scanNanosecondsPerProvider: Double

    init(help: String) throws {
        let text = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        func number(_ pattern: String) throws -> Double {
            let regex = try Regex("([0-9.]+) " + pattern)
            guard let match = text.firstMatch(of: regex), let value = Double(match.output[1].substring ?? "") else {
                throw CocoaError(.coderValueNotFound, userInfo: [NSLocalizedDescriptionKey: "run --help states no \(pattern)"])
            }
            return value
        }
        baseKilobytes = try number("MB \\+") * 1024
        perProviderKilobytes = try number("KB per provider")
        perUserKilobytes = try number("KB per user")
        perPostedTaskKilobytes = try number("KB per task posted on the busiest day")
        perOpenTaskKilobytes = try number("KB per task open at once")
        cpuMicrosecondsPerEntry = try number("µs of CPU per entry with --ledger none")
        scanNanosecondsPerProvider = try number("ns per provider scanned")
    }
}

/// What one run at a limit used, and the counts its bound is made of.
private struct MeasuredRun {
    var status: Int32
    var peakKilobytes: Double
    var cpuSeconds: Double
    var entries: Double
    var providers: Double
    var users: Double
    var busiestDayTasks: Double
    var openTasks: Double
    var tasksPosted: Double

    init(_ binary: String, scenario: String, out: String) throws {
        let measured = try runMeasuringMemory(binary, ["run", scenario, "--out", out, "--ledger", "none", "--quiet"])
        status = measured.status
        peakKilobytes = Double(measured.peakKilobytes)
        cpuSeconds = measured.cpuSeconds
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any]
        entries = Double((summary?["ledger"] as? [String: Any])?["entries"] as? Int ?? 0)
        providers = Double((summary?["providers"] as? [Any])?.count ?? 0)
        users = Double((summary?["users"] as? [Any])?.count ?? 0)
        tasksPosted = Double((summary?["counts"] as? [String: Any])?["tasks_posted"] as? Int ?? 0)
        let days = try String(contentsOfFile: out + "/days.csv", encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = days.first ?? []
        func largest(_ column: String) -> Double {
            guard let index = header.firstIndex(of: column) else { return 0 }
            return days.dropFirst().compactMap { Double($0[index]) }.max() ?? 0
        }
        busiestDayTasks = largest("tasks_posted")
        openTasks = largest("tasks_running")
    }

    func memoryBound(_ costs: StatedCosts) -> Double {
        costs.baseKilobytes + costs.perProviderKilobytes * providers + costs.perUserKilobytes * users
            + costs.perPostedTaskKilobytes * busiestDayTasks + costs.perOpenTaskKilobytes * openTasks
    }

    func timeBound(_ costs: StatedCosts) -> Double {
        costs.cpuMicrosecondsPerEntry * entries / 1e6 + costs.scanNanosecondsPerProvider * providers * tasksPosted / 1e9
    }
}

/// The network year's population, generator and parameters, reshaped to sit at one limit.
private func atLimit(_ name: String, days: Int, populationCount: Int, users: Int, perDay: Int, in directory: String) throws -> String {
    let source = repositoryRoot.appendingPathComponent("Fixtures/scenarios/network-1000x365.json")
    guard var document = try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as? [String: Any],
          var population = (document["populations"] as? [[String: Any]])?.first,
          var generator = (document["task_generators"] as? [[String: Any]])?.first,
          var params = document["params"] as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
    population["count"] = populationCount
    generator["per_day"] = perDay
    generator["duration_hours"] = ["min": 1, "max": 4]
    params["supply"] = ["total": "1000000000000"]
    document["name"] = name
    document["days"] = days
    document["params"] = params
    document["populations"] = [population]
    document["user_groups"] = [["prefix": "client", "count": users, "balance": perDay > 0 ? "250000000" : "1"]]
    document["task_generators"] = perDay > 0 ? [generator] : []
    document["script"] = nil
    document["expect"] = nil
    let path = directory + "/\(name).json"
    try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("Scenarios at the limits of RULES.md §18 C16 stay within what run --help states (make test-full)", .serialized)
struct ScenarioAtLimitsTests {
    @Test("1,000,000 providers, 1,000,000 users and 100,000 generated tasks a day: peak memory and CPU time within the stated bounds",
          .enabled(if: ProcessInfo.processInfo.environment["SWANSIM_FULL_SIZE"] == "1", "a full-size check: make test-full"),
          .timeLimit(.minutes(20)))
    func limits() throws {
        let binary = try releaseBinary()
        let costs = try StatedCosts(help: try runProcess(binary, ["run", "--help"]).stdout)
        try withScratch("at-limits") { scratch in
            let scenarios = [
                ("providers", try atLimit("limit-providers", days: 1, populationCount: 1_000_000, users: 200, perDay: 0, in: scratch)),
                ("users", try atLimit("limit-users", days: 2, populationCount: 100, users: 1_000_000, perDay: 0, in: scratch)),
                ("tasks", try atLimit("limit-tasks", days: 3, populationCount: 1000, users: 200, perDay: 100_000, in: scratch)),
            ]
            for (label, scenario) in scenarios {
                let out = scratch + "/out-\(label)"
                let run = try MeasuredRun(binary, scenario: scenario, out: out)
                print("at the \(label) limit: \(Int(run.entries)) entries, peak \(Int(run.peakKilobytes / 1024)) MB "
                      + "(stated bound \(Int(run.memoryBound(costs) / 1024)) MB), CPU \(run.cpuSeconds) s (bound \(run.timeBound(costs)) s)")
                #expect(run.status == 0, "\(label)")
                #expect(run.providers + run.users + run.busiestDayTasks >= 1_000_000 || run.busiestDayTasks == 100_000,
                        "\(label): the scenario sits at its limit")
                #expect(run.peakKilobytes <= run.memoryBound(costs), "\(label): peak memory beyond what run --help states")
                #expect(run.cpuSeconds <= run.timeBound(costs), "\(label): CPU time beyond what run --help states")
                try FileManager.default.removeItem(atPath: out)
            }
        }
    }
}
