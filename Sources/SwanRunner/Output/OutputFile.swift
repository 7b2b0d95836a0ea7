import Foundation
import SwanStore

/// A command's single output file (`report`'s page, `prove`'s proof) and what it may replace
/// (WORKFLOW.md §9.1).
///
/// The file is written atomically (`AtomicFile`), so a symbolic link at the path is replaced, not
/// followed. It may replace the command's own earlier output; anything else only with `--force`;
/// and never one of the command's inputs (a proof over its ledger, a report over the summary it
/// draws), through whatever link or hard link names it.
struct OutputFile {
    /// What the command writes, as messages name it ("proof", "report").
    var kind: String
    /// The files the command reads: never replaced, not even with `--force`.
    var inputs: [String]
    /// Recognises the command's own earlier output from its first bytes.
    var isOwnOutput: ([UInt8]) -> Bool

    /// Refuses `path` unless it may be written.
    func check(_ path: String, force: Bool) throws(FileRefusal) {
        try OutputPath.checkFileTarget(path)
        if isInput(path) {
            throw FileRefusal(path, "is an input of this command; the \(kind) is never written over its own input, not even with --force")
        }
        guard OutputPath.exists(path) else { return }
        if OutputPath.isDirectory(path) { throw FileRefusal(path, "is a directory; give a file name for the \(kind)") }
        if let kind = try? RegularFile.irregularKind(path) {
            throw FileRefusal(path, "not a regular file (\(kind)); give a file name for the \(self.kind)")
        }
        guard !force, !isOwnOutput(Self.prefix(of: path)) else { return }
        throw FileRefusal(path, "already exists and is not a \(kind) swansim wrote; use --force to replace it, or choose another --out")
    }

    /// True when `path` names one of the inputs: the same file (through any link), or the same
    /// name in the same directory even where no file is there yet (a ledger's `-journal` that does
    /// not exist now is still the ledger's: a file made there would pass for a hot journal).
    private func isInput(_ path: String) -> Bool {
        let target = OutputPath.identity(path)
        let place = OutputPath.identity(OutputPath.parentDirectory(path)).map { ($0, (path as NSString).lastPathComponent) }
        return inputs.contains { input in
            if let target, OutputPath.identity(input) == target { return true }
            guard let place, let directory = OutputPath.identity(OutputPath.parentDirectory(input)) else { return false }
            return directory == place.0 && (input as NSString).lastPathComponent == place.1
        }
    }

    /// The first 16 KB of a regular file (empty when it cannot be read).
    private static func prefix(of path: String) -> [UInt8] {
        (try? RegularFile.read(path, limit: 16 << 10)) ?? []
    }

    /// True when `bytes` contain `marker`.
    static func contains(_ bytes: [UInt8], _ marker: String) -> Bool {
        let needle = Array(marker.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in bytes[start..<start + needle.count].elementsEqual(needle) }
    }
}
