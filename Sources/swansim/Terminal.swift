import ArgumentParser
import Foundation
import SwanCore

/// Every line swansim prints goes through these two functions, one line per call.
///
/// Much of what a command prints comes from a file someone else wrote: a scenario's ids, a
/// ledger's reasons and meta, a proof's keys, a summary's fields. Each line is written with its
/// control and bidirectional characters escaped as `\u{XXXX}` (`TerminalText`, WORKFLOW.md §9.5),
/// a line feed included, so no file can move the cursor, erase a failure or add a line of its own.
/// The progress lines (`ProgressLine`, `SweepProgressLine`) draw with `\r` themselves and carry
/// only numbers.
func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((TerminalText.escaped(line) + "\n").utf8))
}

/// `printLine` to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((TerminalText.escaped(line) + "\n").utf8))
}

/// Each line of `text` (split at line feeds our own code put there) through `printLine`.
func printLines(_ text: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) { printLine(String(line)) }
}

/// A pinned head block hash given on the command line: 64 hex digits, either case.
func parseHead(_ text: String?, option: String = "--head") throws -> Digest32? {
    guard let text else { return nil }
    guard text.utf8.count == 64, let digest = Digest32(hex: text.lowercased()) else {
        throw ValidationError("\(option) \(text): expected a block hash of 64 hex digits")
    }
    return digest
}
