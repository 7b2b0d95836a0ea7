import Foundation
import SwanCrypto
import SwanStore
import SwanTestSupport
import Testing

/// The network year cut to 30 days (1,000 providers, ~98,000 entries, about 2 s persisted): a
/// mid-size run long enough to be killed at many different moments.
private func thirtyDayYear(in directory: String) throws -> String {
    let year = repositoryRoot.appendingPathComponent("Fixtures/scenarios/network-1000x365.json")
    guard var document = try JSONSerialization.jsonObject(with: Data(contentsOf: year)) as? [String: Any] else {
        throw CocoaError(.fileReadCorruptFile)
    }
    document["days"] = 30
    document["name"] = "network-1000x30"
    document["expect"] = nil
    document["script"] = (document["script"] as? [[String: Any]] ?? []).filter { ($0["day"] as? Int ?? 0) <= 30 }
    let path = directory + "/network-1000x30.json"
    try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
    return path
}

/// A digest of every table of a ledger (its rows in rowid order, as `rows(of:)` renders them)
/// and the three other files' bytes: what an interrupted and resumed run must reproduce.
private func outputs(_ directory: String) throws -> [String: String] {
    let database = try LedgerDatabase.open(at: directory + "/ledger.sqlite")
    let hasher = try OpenSSLSHA256()
    var out: [String: String] = [:]
    for table in try database.tableNames() { out[table] = try database.digest(of: table, hasher: hasher).hex }
    for file in ["summary.json", "days.csv", "provider_days.csv"] {
        out[file] = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
    }
    return out
}

/// Whether this machine lets a test mount a file system of its own (a user and mount namespace).
private let canMountTmpfs: Bool = {
    (try? runProcess("/usr/bin/env", ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /tmp"]).status) == 0
}()

/// Inside a new mount namespace: a run into a full tmpfs, then the tmpfs grown and the run
/// resumed; statuses, stderr and the files copied out to OUT (the mount ends with the namespace).
private let fullDiskScript = #"""
    set -u
    mnt="$1"; bin="$2"; scenario="$3"; out="$4"
    mount -t tmpfs -o size=12m tmpfs "$mnt" || exit 90
    "$bin" run "$scenario" --out "$mnt/run" --quiet 2> "$out/first.err"; echo $? > "$out/first.status"
    mkdir "$out/partial" && cp "$mnt/run"/* "$out/partial/"
    mount -o remount,size=512m "$mnt" || exit 91
    "$bin" run "$scenario" --out "$mnt/run" --quiet --resume 2> "$out/resume.err"; echo $? > "$out/resume.status"
    cp -r "$mnt/run" "$out/resumed"
    """#

@Suite("swansim run --resume after SIGKILL (WORKFLOW.md §6; release build)")
struct CrashResumeTests {
    @Test("killed at 20 seeded moments, each time intact (integrity_check, whole blocks), then resumed to the uninterrupted run's outputs")
    func killAndResume() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["SWANSIM_TEST_SEED"] ?? "") ?? 20_261_202
        print("crash test: seed \(seed) (set SWANSIM_TEST_SEED to replay)")
        var random = SplitMix(state: seed)
        let scratch = try temporaryDirectory("crash")
        let scenario = try thirtyDayYear(in: scratch)
        let reference = scratch + "/reference"
        let clean = try runProcess(try releaseBinary(), ["run", scenario, "--out", reference, "--quiet"])
        #expect(clean.status == 0, "\(clean.stderr)")
        let directory = scratch + "/killed"
        var kills = 0, blocksSeen: [Int] = []
        for attempt in 0..<20 {
            let arguments = ["run", scenario, "--out", directory, "--quiet"] + (attempt == 0 ? [] : ["--resume"])
            let started = try StartedProcess(try releaseBinary(), arguments, scratch: try temporaryDirectory("crash-\(attempt)"))
            usleep(UInt32(30_000 + random.below(1_200_000)))
            if started.isRunning {
                started.kill()
                kills += 1
            }
            let status = started.wait().status
            #expect(status == 9 || status == 0, "seed \(seed), attempt \(attempt): exit \(status)")
            guard FileManager.default.fileExists(atPath: directory + "/ledger.sqlite") else { continue }
            let database = try LedgerDatabase.open(at: directory + "/ledger.sqlite")
            #expect(try database.integrityCheck() == "ok", "seed \(seed), attempt \(attempt)")
            if try database.tableNames().contains("blocks") {
                // A day's block and its rows are one transaction: as many network_day rows as blocks.
                let blocks = try database.count("blocks")
                #expect(try database.count("network_day") == blocks, "seed \(seed), attempt \(attempt)")
                blocksSeen.append(blocks)
            }
        }
        let resumed = try runProcess(try releaseBinary(), ["run", scenario, "--out", directory, "--quiet", "--resume"])
        #expect(resumed.status == 0, "seed \(seed): \(resumed.stderr)")
        #expect(kills >= 10, "seed \(seed): only \(kills) of 20 kills landed while the run was running")
        print("crash test: \(kills) kills; blocks committed at each kill: \(blocksSeen)")
        #expect(try outputs(directory) == outputs(reference), "seed \(seed): resumed outputs differ from the uninterrupted run")
    }

    @Test("a run that hits a file-size limit exits 4 with a message and no summary.json; --resume then completes it")
    func fileSizeLimit() throws {
        let scratch = try temporaryDirectory("crash-full")
        let scenario = try thirtyDayYear(in: scratch)
        let reference = scratch + "/reference"
        #expect(try runProcess(try releaseBinary(), ["run", scenario, "--out", reference, "--quiet"]).status == 0)
        let directory = scratch + "/full"
        // 16 MB (32,768 blocks of 512 bytes): the ledger outgrows it after its first days.
        let limited = try runProcess("/bin/sh", ["-c", "ulimit -f 32768; exec \"$0\" run \"$1\" --out \"$2\" --quiet",
                                                 try releaseBinary(), scenario, directory])
        #expect(limited.status == 4, "\(limited.stderr)")
        #expect(limited.stderr.contains("cannot write") && limited.stderr.contains("--resume"), "\(limited.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/summary.json"))
        do {
            let partial = try LedgerDatabase.open(at: directory + "/ledger.sqlite")
            #expect(try partial.integrityCheck() == "ok")
            #expect(try partial.count("blocks") > 0, "some days were committed before the limit")
        }
        let resumed = try runProcess(try releaseBinary(), ["run", scenario, "--out", directory, "--quiet", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try outputs(directory) == outputs(reference), "the resumed run equals the uninterrupted one")
    }

    @Test("a run whose file system fills up exits 4 with how to continue, and --resume completes it once there is room",
          .enabled(if: canMountTmpfs, "needs a mount namespace (unshare -rm) for a small tmpfs"))
    func fullFileSystem() throws {
        let scratch = try temporaryDirectory("crash-tmpfs")
        let scenario = try thirtyDayYear(in: scratch)
        let reference = scratch + "/reference"
        #expect(try runProcess(try releaseBinary(), ["run", scenario, "--out", reference, "--quiet"]).status == 0)
        let mountPoint = scratch + "/mnt", out = scratch + "/out"
        for directory in [mountPoint, out] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let script = try runProcess("/usr/bin/env", ["unshare", "-rm", "sh", "-c", fullDiskScript, "sh", mountPoint,
                                                     try releaseBinary(), scenario, out])
        #expect(script.status == 0, "\(script.stderr)")
        func text(_ name: String) -> String { (try? String(contentsOfFile: out + "/" + name, encoding: .utf8)) ?? "" }
        let firstError = text("first.err")
        #expect(text("first.status") == "4\n", "\(firstError)")
        #expect(firstError.contains("full") && firstError.contains("--resume"), "\(firstError)")
        #expect(!FileManager.default.fileExists(atPath: out + "/partial/summary.json"))
        do {
            let partial = try LedgerDatabase.open(at: out + "/partial/ledger.sqlite")
            #expect(try partial.integrityCheck() == "ok")
            #expect(try partial.count("blocks") > 0, "some days were committed before the disk filled")
        }
        #expect(text("resume.status") == "0\n", "\(text("resume.err"))")
        #expect(try outputs(out + "/resumed") == outputs(reference), "the resumed run equals the uninterrupted one")
    }

    @Test("a stored prefix that does not verify is refused with exit 3 naming the block, and nothing is overwritten")
    func tamperedPrefixRefused() throws {
        let scratch = try temporaryDirectory("crash-tamper")
        let directory = scratch + "/run"
        let run = try runProcess(try releaseBinary(), ["run", "Fixtures/scenarios/baseline.json", "--out", directory, "--quiet"])
        #expect(run.status == 0)
        try FileManager.default.removeItem(atPath: directory + "/summary.json")
        let database = try LedgerDatabase.create(atExisting: directory + "/ledger.sqlite")
        try database.execute("UPDATE blocks SET merkle_root = '" + String(repeating: "0", count: 64) + "' WHERE day = 7")
        let before = try Data(contentsOf: URL(fileURLWithPath: directory + "/ledger.sqlite"))
        let resumed = try runProcess(try releaseBinary(), ["run", "Fixtures/scenarios/baseline.json", "--out", directory, "--resume"])
        #expect(resumed.status == 3 && resumed.stderr.contains("does not verify") && resumed.stderr.contains("7"), "\(resumed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/ledger.sqlite")) == before)
        let other = try runProcess(try releaseBinary(), ["run", "Fixtures/scenarios/tiny-two-providers.json", "--out", directory, "--resume"])
        #expect(other.status == 2 && other.stderr.contains("was made from another scenario file"), "\(other.stderr)")
        let nothing = try runProcess(try releaseBinary(), ["run", "Fixtures/scenarios/tiny-two-providers.json", "--out", scratch + "/none", "--resume"])
        #expect(nothing.status == 2 && nothing.stderr.contains("no interrupted run"), "\(nothing.stderr)")
    }
}
