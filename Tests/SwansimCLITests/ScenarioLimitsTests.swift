import Foundation
import SwanTestSupport
import Testing

/// Runs `executable` and returns its exit status and peak resident memory (`ru_maxrss`, kB).
///
/// A child's peak includes the memory of the process it was forked or spawned from (Linux keeps
/// the high-water mark across exec), so the test process (tens of MB) cannot measure it itself:
/// a small Python forks, execs and reaps it with wait4.
private func runMeasuringMemory(_ executable: String, _ arguments: [String]) throws -> (status: Int32, peakKilobytes: Int) {
    let reaper = """
        import os, sys
        pid = os.fork()
        if pid == 0:
            fd = os.open(os.devnull, os.O_RDWR)
            for n in (0, 1, 2): os.dup2(fd, n)
            os.execv(sys.argv[1], sys.argv[1:])
        _, status, usage = os.wait4(pid, 0)
        print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
        """
    let result = try runProcess("/usr/bin/env", ["python3", "-c", reaper, executable] + arguments)
    let fields = result.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    guard fields.count == 2 else { return (-1, 0) }
    return (Int32(fields[0]), fields[1])
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
            let (status, peak) = try runMeasuringMemory(binary, ["run", scenario, "--out", out, "--ledger", "none", "--quiet"])
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
