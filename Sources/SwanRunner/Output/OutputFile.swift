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
        guard OutputPath.exists(path) else { return }
        if let target = OutputPath.identity(path), inputs.contains(where: { OutputPath.identity($0) == target }) {
            throw FileRefusal(path, "is an input of this command; the \(kind) is never written over its own input, not even with --force")
        }
        if OutputPath.isDirectory(path) { throw FileRefusal(path, "is a directory; give a file name for the \(kind)") }
        if let kind = try? RegularFile.irregularKind(path) {
            throw FileRefusal(path, "not a regular file (\(kind)); give a file name for the \(self.kind)")
        }
        guard !force, !isOwnOutput(Self.prefix(of: path)) else { return }
        throw FileRefusal(path, "already exists and is not a \(kind) swansim wrote; use --force to replace it, or choose another --out")
    }

    /// The first 16 KB of a regular file (empty when it cannot be read).
    private static func prefix(of path: String) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        return count > 0 ? Array(buffer[..<count]) : []
    }

    /// True when `bytes` contain `marker`.
    static func contains(_ bytes: [UInt8], _ marker: String) -> Bool {
        let needle = Array(marker.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in bytes[start..<start + needle.count].elementsEqual(needle) }
    }
}
