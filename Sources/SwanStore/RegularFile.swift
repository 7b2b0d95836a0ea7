import Foundation

/// Why a path cannot be used as a command asked: one located message, exit 2 (WORKFLOW.md §9).
public struct FileRefusal: Error, Sendable, CustomStringConvertible {
    /// The path as the user gave it.
    public var path: String
    /// What is wrong with it, and what to do instead where that is not obvious.
    public var problem: String

    public init(_ path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}

/// Inputs are regular files (WORKFLOW.md §9.5): a FIFO, a device, a socket or a directory where a
/// scenario, ledger, proof or summary is expected is refused at once, before anything opens it.
///
/// Opening a FIFO for reading blocks until a writer appears, and SQLite opens its file with a
/// plain `open(2)`: without this check `swansim verify FIFO` waits forever. Symbolic links are
/// followed, so a link to a regular file is a regular file.
public enum RegularFile {
    /// The kind of a path that is not a regular file, as a message names it; nil for a regular file.
    /// - Throws: `FileRefusal` for a path that does not exist or cannot be examined.
    public static func irregularKind(_ path: String) throws(FileRefusal) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            throw FileRefusal(path, code == ENOENT ? "no such file" : "cannot read (\(String(cString: strerror(code))))")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }

    /// Refuses anything but an existing regular file.
    public static func require(_ path: String) throws(FileRefusal) {
        if let kind = try irregularKind(path) {
            throw FileRefusal(path, "not a regular file (\(kind)); swansim reads its inputs from regular files only")
        }
    }

    /// The bytes of the regular file at `path` (at most `limit` of them). The file is opened
    /// without blocking and checked again on the open descriptor, so a FIFO swapped in after
    /// `require` cannot block either.
    public static func read(_ path: String, limit: Int = .max) throws(FileRefusal) -> [UInt8] {
        try require(path)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileRefusal(path, "cannot read (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw FileRefusal(path, "not a regular file; swansim reads its inputs from regular files only")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(Int(status.st_size), limit))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, wanted) }
            if count == 0 { return bytes }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw FileRefusal(path, "cannot read (\(String(cString: strerror(errno))))")
            }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }
}
