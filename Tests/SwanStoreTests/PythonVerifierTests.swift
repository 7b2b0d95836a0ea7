import Foundation
import SwanCore
import SwanStore
import Testing

/// Runs `tools/verify_ledger.py` (the independent, standard-library-only verifier).
func runPythonVerifier(_ ledger: String) throws -> (status: Int32, output: String) {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", repository.appendingPathComponent("tools/verify_ledger.py").path, ledger]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("Python verifier")
struct PythonVerifierTests {
    @Test("agrees with the Swift encoding on a clean ledger")
    func cleanLedgerPasses() throws {
        let result = try runPythonVerifier(try writeSampleLedger("python-clean"))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasSuffix("16 passed, 0 failed\n"), "\(result.output)")
    }

    @Test("fails on a tampered transfer and a tampered state root")
    func tamperedLedgerFails() throws {
        for sql in [
            "UPDATE transfers SET amount_atto = '1' WHERE seq = 8",
            "UPDATE blocks SET state_root = 'a' || substr(state_root, 2) WHERE day = 1",
        ] {
            let path = try writeSampleLedger("python-tamper")
            try LedgerDatabase.create(atExisting: path).execute(sql)
            let result = try runPythonVerifier(path)
            #expect(result.status == 1, "\(sql): \(result.output)")
            #expect(result.output.contains("FAIL"), "\(sql): \(result.output)")
        }
    }
}

@Suite("Python verifier on files that are not a sound ledger")
struct PythonVerifierInputTests {
    @Test("exits 2 with a message, never a traceback, for missing meta keys, an unknown encoding or a non-database")
    func badInputs() throws {
        for sql in ["DELETE FROM meta WHERE key = 'days'", "UPDATE meta SET value = '{' WHERE key = 'params_json'",
                    "UPDATE meta SET value = 'other/9' WHERE key = 'encoding_version'"] {
            let path = try writeSampleLedger("python-meta")
            try LedgerDatabase.create(atExisting: path).execute(sql)
            let result = try runPythonVerifier(path)
            #expect(result.status == 2 && !result.output.contains("Traceback"), "\(sql): \(result.output)")
        }
        let text = try temporaryDirectory("python-text") + "/ledger.sqlite"
        try Data("not a database at all, just some text that fills the header".utf8).write(to: URL(fileURLWithPath: text))
        let result = try runPythonVerifier(text)
        #expect(result.status == 2 && result.output.contains("not a readable ledger"), "\(result.output)")
    }
}
