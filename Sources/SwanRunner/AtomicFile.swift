import Foundation

/// Writes a file by a temporary name in the same directory and `rename` (atomic on one file
/// system): a reader sees the old file or the whole new one, never half of either. summary.json
/// (whose presence marks a finished run), the sweep CSV files and reports are written this way.
enum AtomicFile {
    /// Why the file could not be written; the message names the path and the cause.
    struct Failure: Error, Sendable {
        var message: String
    }

    /// The temporary name of `path`: hidden, and unique to this process.
    static func temporaryName(of path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Writes what `body` writes to the handle it is given, atomically: a failure (of the body
    /// or of the file system) leaves neither the file nor its temporary.
    static func write(to path: String, _ body: (FileHandle) throws -> Void) throws(Failure) {
        let temporary = temporaryName(of: path)
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw Failure(message: "\(path): cannot write (cannot create \(temporary))")
        }
        do {
            try body(handle)
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw Failure(message: "\(path): cannot write (\(error.localizedDescription))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw Failure(message: "\(path): cannot write (\(reason))")
        }
    }

    static func write(_ data: Data, to path: String) throws(Failure) {
        let temporary = temporaryName(of: path)
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw Failure(message: "\(path): cannot write (cannot create \(temporary))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw Failure(message: "\(path): cannot write (\(reason))")
        }
    }
}
