import Foundation
import GRDB
import SwanCore
import SwanCrypto
import SwanTestSupport

/// Helpers of the hostile-input suite (issue 16): scratch directories that are removed, processes
/// run in a chosen directory with a chosen environment, FIFOs, foreign databases, and a forger
/// that re-hashes a ledger after an edit as an attacker with the encoding documentation would.

/// Runs `body` with a fresh scratch directory and removes the directory afterwards, whatever happens.
func withScratch<T>(_ name: String, _ body: (String) throws -> T) throws -> T {
    let directory = try temporaryDirectory(name)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try body(directory)
}

/// The release binary, run with `arguments` in `directory` (default: the repository root), with
/// `environment` added to this process's, no standard input, and a watchdog of `timeout` seconds.
func swansimIn(_ directory: String? = nil, environment: [String: String] = [:], timeout: Double = 120,
               _ arguments: [String]) throws -> (CommandResult, timedOut: Bool) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try releaseBinary())
    process.arguments = arguments
    process.currentDirectoryURL = directory.map { URL(fileURLWithPath: $0) } ?? repositoryRoot
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    process.standardInput = FileHandle.nullDevice
    let scratch = NSTemporaryDirectory() + "swansim-hostile-output-\(UUID().uuidString)"
    FileManager.default.createFile(atPath: scratch + ".out", contents: nil)
    FileManager.default.createFile(atPath: scratch + ".err", contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: scratch + ".out")
        try? FileManager.default.removeItem(atPath: scratch + ".err")
    }
    process.standardOutput = FileHandle(forWritingAtPath: scratch + ".out")
    process.standardError = FileHandle(forWritingAtPath: scratch + ".err")
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while process.isRunning {
        if Date() > deadline {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            break
        }
        usleep(10_000)
    }
    process.waitUntilExit()
    let out = (try? Data(contentsOf: URL(fileURLWithPath: scratch + ".out"))) ?? Data()
    let err = (try? Data(contentsOf: URL(fileURLWithPath: scratch + ".err"))) ?? Data()
    return (CommandResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                          stderr: String(decoding: err, as: UTF8.self)), timedOut)
}

/// The release binary with `arguments`, in the repository root.
func swansimRelease(_ arguments: [String]) throws -> CommandResult {
    try swansimIn(nil, arguments).0
}

/// Every regular file under `directory` (recursively), by relative path, with its bytes.
func fileContents(_ directory: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: directory) else { return out }
    while let name = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let path = directory + "/" + name
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
        out[name] = try Data(contentsOf: URL(fileURLWithPath: path))
    }
    return out
}

/// Makes a FIFO at `path`.
func makeFIFO(_ path: String) throws {
    guard mkfifo(path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
}

/// A user's own SQLite database at `path` (rollback journal, as the sqlite3 shell makes one).
func makeForeignDatabase(at path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
        try db.execute(sql: "CREATE TABLE mydata(x)")
        try db.execute(sql: "INSERT INTO mydata VALUES (42)")
    }
    try queue.close()
}

/// A finished run of `scenario` in `directory`; returns its head block hash.
@discardableResult
func finishedRun(_ scenario: String, into directory: String) throws -> String {
    let run = try swansimRelease(["run", scenario, "--out", directory, "--quiet"])
    guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
    return try headBlockHash(summaryAt: directory + "/summary.json")
}

/// `ledger.head_block_hash` of a summary.json.
func headBlockHash(summaryAt path: String) throws -> String {
    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
    return (summary?["ledger"] as? [String: Any])?["head_block_hash"] as? String ?? ""
}

/// The scenario fixture at `name` as a JSON object, to edit.
func fixtureDocument(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/scenarios/\(name).json"))
    guard let document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
    return document
}

/// Writes a JSON object to `path` (keys sorted).
func writeDocument(_ document: [String: Any], to path: String) throws {
    try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
}

/// True when `text` holds a character a terminal would act on: a C0 or C1 control other than a
/// line feed, DEL, or a bidirectional control (WORKFLOW.md §9.5).
func holdsTerminalControl(_ text: String) -> Bool {
    text.unicodeScalars.contains { scalar in
        let value = scalar.value
        return (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }
}

/// Edits a ledger as a forger who has read docs/LEDGER-ENCODING.md: replaces the `reason` of
/// entry `seq` (column and payload bytes alike), then recomputes every later entry hash, each
/// block's Merkle root, last entry hash, links and hash, and `network_day.block_hash`.
/// - Returns: the forged ledger's head block hash.
@discardableResult
func forgeReason(ledger path: String, seq: Int64, reason: String) throws -> String {
    let hasher = try OpenSSLSHA256()
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.write { db in
        let payload = try Data.fetchOne(db, sql: "SELECT payload FROM entries WHERE seq = ?", arguments: [seq]) ?? Data()
        let forged = try replacingReason(in: [UInt8](payload), with: reason)
        try db.execute(sql: "UPDATE entries SET payload = ?, reason = ? WHERE seq = ?", arguments: [Data(forged), reason, seq])
        var hashes: [Int64: Digest32] = [:]
        var previous = Digest32.zero
        for row in try Row.fetchAll(db, sql: "SELECT seq, payload FROM entries ORDER BY seq") {
            let current: Int64 = row[0]
            let hash = LedgerHashing.entryHash(previous: previous, payload: [UInt8](row[1] as Data), hasher: hasher)
            try db.execute(sql: "UPDATE entries SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [previous.hex, hash.hex, current])
            hashes[current] = hash
            previous = hash
        }
        var previousBlock = Digest32.zero
        for row in try Row.fetchAll(db, sql: "SELECT day, first_seq, last_seq, entry_count, close_time, state_root FROM blocks ORDER BY day") {
            let (day, first, last): (Int64, Int64, Int64) = (row[0], row[1], row[2])
            let leaves = (first...last).compactMap { hashes[$0] }
            let header = LedgerHashing.BlockHeader(
                day: day, firstSeq: first, lastSeq: last, entryCount: row[3], closeTime: row[4],
                merkleRoot: LedgerHashing.merkleRoot(leaves, hasher: hasher), stateRoot: Digest32(hex: row[5]) ?? .zero,
                previousBlockHash: previousBlock, lastEntryHash: hashes[last] ?? .zero)
            let blockHash = header.hash(hasher: hasher)
            try db.execute(sql: "UPDATE blocks SET merkle_root = ?, prev_block_hash = ?, block_hash = ? WHERE day = ?",
                           arguments: [header.merkleRoot.hex, previousBlock.hex, blockHash.hex, day])
            try db.execute(sql: "UPDATE network_day SET block_hash = ? WHERE day = ?", arguments: [blockHash.hex, day])
            previousBlock = blockHash
        }
        return previousBlock.hex
    }
}

/// The entry bytes with the `text reason` replaced (docs/LEDGER-ENCODING.md "Entry"); the entry
/// must have a reason.
private func replacingReason(in bytes: [UInt8], with reason: String) throws -> [UInt8] {
    var offset = 0
    func skipInt() { offset += 1 + Int(bytes[offset]) }
    func skipText() {
        var length = 0, shift = 0
        while true {
            let byte = bytes[offset]
            offset += 1
            length |= Int(byte & 0x7F) << shift
            shift += 7
            if byte < 0x80 { break }
        }
        offset += length
    }
    skipText()                                     // version
    skipInt(); skipInt(); skipInt()                // seq, day, time
    offset += 2                                    // kind, origin
    let presence = bytes[offset]
    offset += 1
    guard presence & 32 != 0 else { throw CocoaError(.featureUnsupported) }
    if presence & 1 != 0 { skipInt() }             // script_index
    for bit: UInt8 in [2, 4, 8] where presence & bit != 0 { skipText() }  // provider, task, user
    if presence & 16 != 0 { skipInt() }            // amount
    let start = offset
    skipText()                                     // reason
    var encoded = ByteWriter()
    encoded.text(reason)
    return Array(bytes[..<start]) + encoded.bytes + Array(bytes[offset...])
}
