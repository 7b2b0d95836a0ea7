import Foundation

/// The repository root (this file is Tests/SwanTestSupport/CommandLineSupport.swift).
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The swansim binary: $SWANSIM_BIN, else the one built beside this test bundle, else debug or release.
public func swansimBinary() -> String {
    if let path = ProcessInfo.processInfo.environment["SWANSIM_BIN"] { return path }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("swansim").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    for configuration in ["debug", "release"] {
        let path = repositoryRoot.appendingPathComponent(".build/\(configuration)/swansim").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return "swansim"
}

/// What a finished process said.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        (self.status, self.stdout, self.stderr) = (status, stdout, stderr)
    }
}

/// Runs `executable` with `arguments` in the repository root, with no standard input (as CI has none).
public func runProcess(_ executable: String, _ arguments: [String]) throws -> CommandResult {
    try runProcess(executable, arguments, timeout: nil).0
}

/// Runs `executable` as `runProcess` does, killing it (SIGKILL) after `timeout` seconds.
/// - Returns: what it said, and whether it had to be killed (a hang).
public func runProcess(_ executable: String, _ arguments: [String], timeout: Double?) throws -> (CommandResult, timedOut: Bool) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    process.standardInput = FileHandle.nullDevice
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let pid = process.processIdentifier
    let killed = Killed()
    let watchdog = DispatchWorkItem {
        killed.value = true
        kill(pid, SIGKILL)
    }
    if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog) }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    watchdog.cancel()
    return (CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self)), killed.value)
}

/// Set by the watchdog thread, read after the process ended.
private final class Killed: @unchecked Sendable {
    var value = false
}

/// Runs swansim with `arguments` in the repository root and no standard input.
public func swansim(_ arguments: String...) throws -> CommandResult {
    try runProcess(swansimBinary(), arguments)
}

/// A fresh empty directory under the system's temporary directory, named after `name`.
public func temporaryDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "swansim-test-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// SplitMix64: the seeded generator of the tests, so every random case replays from its printed seed.
public struct SplitMix {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value below `n` (n > 0), by modulo: the tests need spread, not exact uniformity.
    public mutating func below(_ n: UInt64) -> UInt64 { next() % n }
}

/// `body` applied to every element on all cores (`DispatchQueue.concurrentPerform`), results in
/// element order: the CLI loops run hundreds of short processes this way.
public func concurrentMap<Element: Sendable, Result: Sendable>(_ elements: [Element], _ body: @Sendable (Element) -> Result)
    -> [Result]
{
    let slots = Slots<Result>(count: elements.count)
    DispatchQueue.concurrentPerform(iterations: elements.count) { index in slots.set(index, body(elements[index])) }
    return slots.values
}

/// One slot per index, each written by exactly one thread (raw memory: no shared array to mutate).
private final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int
    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }
    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }
    func set(_ index: Int, _ value: Value) { storage[index] = value }
    var values: [Value] { (0..<count).map { storage[$0]! } }
}
