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

    /// The bytes of the regular file at `path`, which must hold at most `maximum` bytes: a
    /// scenario or a proof is small, and a sparse terabyte named `scenario.json` is refused at
    /// once rather than read.
    public static func read(_ path: String, atMost maximum: Int, what: String) throws(FileRefusal) -> [UInt8] {
        let bytes = try read(path, limit: maximum + 1)
        guard bytes.count <= maximum else {
            throw FileRefusal(path, "larger than \(maximum >> 20) MiB, more than any \(what) can be")
        }
        return bytes
    }

    /// Refuses a database path that is not a regular file, or beside which SQLite would open a
    /// side file (`-journal`, `-wal`, `-shm`) that is not one: a FIFO named `ledger.sqlite-journal`
    /// blocks SQLite's own `open(2)` just as a FIFO named `ledger.sqlite` would.
    public static func requireDatabase(_ path: String) throws(FileRefusal) {
        try require(path)
        try requireSideFiles(path)
    }

    /// The side files of a database that may not exist yet (`requireDatabase` without the file itself).
    public static func requireSideFiles(_ path: String) throws(FileRefusal) {
        for suffix in ["-journal", "-wal", "-shm"] {
            var status = stat()
            guard lstat(path + suffix, &status) == 0 else { continue }
            if let kind = try irregularKind(path + suffix) {
                throw FileRefusal(path + suffix, "not a regular file (\(kind)); SQLite would block opening it beside \(path)")
            }
        }
    }

    /// The bytes of the regular file at `path` (at most `limit` of them).
    public static func read(_ path: String, limit: Int = .max) throws(FileRefusal) -> [UInt8] {
        let reader = try Reader(path)
        var bytes: [UInt8] = []
        // The size is a hint only: a sparse or growing file must not make the reservation fail.
        bytes.reserveCapacity(min(reader.size, limit, 1 << 26))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let count = try reader.read(into: &chunk, count: min(chunk.count, limit - bytes.count))
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }

    /// A regular file open for reading. It is opened without blocking and checked again on the
    /// open descriptor, so a FIFO swapped in after `require` cannot block either.
    public final class Reader {
        private let descriptor: Int32
        private let path: String
        /// The file's size when it was opened.
        public let size: Int

        public init(_ path: String) throws(FileRefusal) {
            try RegularFile.require(path)
            descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileRefusal(path, "cannot read (\(String(cString: strerror(errno))))") }
            self.path = path
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                close(descriptor)
                throw FileRefusal(path, "not a regular file; swansim reads its inputs from regular files only")
            }
            size = Int(status.st_size)
        }

        deinit { close(descriptor) }

        /// Reads up to `count` bytes into the start of `buffer` (which must hold that many); fewer
        /// only at the end of the file. Returns how many were read.
        public func read(into buffer: inout [UInt8], count: Int) throws(FileRefusal) -> Int {
            precondition(count <= buffer.count, "the buffer holds fewer bytes than asked for")
            var total = 0
            while total < count {
                let got = buffer.withUnsafeMutableBytes { raw in
                    Foundation.read(descriptor, raw.baseAddress.map { $0 + total }, count - total)
                }
                if got < 0 && errno == EINTR { continue }
                guard got >= 0 else { throw FileRefusal(path, "cannot read (\(String(cString: strerror(errno))))") }
                if got == 0 { break }
                total += got
            }
            return total
        }
    }
}
