import Foundation
import SwanStore

/// The lock a writing command holds on its output directory while it writes (WORKFLOW.md §9.1).
///
/// Two `run`s or two `sweep`s into one directory would interleave their writes: a run's SQLite
/// commits fail with "disk I/O error", a sweep's second process hits "UNIQUE constraint failed".
/// The first process takes an exclusive `flock(2)` on `DIR/.swansim.lock` and writes its pid
/// there; a second one fails to take it and is refused at start, naming that pid. The kernel
/// drops the lock when its holder exits, even by SIGKILL, so a killed run never blocks the next.
final class OutputLock {
    /// The lock file's name inside the output directory (hidden; removed on release).
    static let fileName = ".swansim.lock"

    private var descriptor: Int32
    private let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { release() }

    /// Takes the lock of `directory` (which must exist).
    /// - Throws: a refusal naming the process that holds it, or why the lock file cannot be made.
    static func acquire(_ directory: String) throws(FileRefusal) -> OutputLock {
        let path = directory + "/" + fileName
        // The holder removes the file when it releases the lock: a lock taken on a file that was
        // removed meanwhile guards nothing, so it is taken again on the file the path names now.
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard descriptor >= 0 else {
                throw FileRefusal(directory, "cannot create its lock file \(fileName) (\(String(cString: strerror(errno))))")
            }
            // A file of that name holding anything but a pid is somebody else's: never truncated or removed.
            guard holdsAtMostAPID(descriptor) else {
                close(descriptor)
                throw FileRefusal(directory + "/" + fileName, "is not a lock file swansim wrote; move it away, or choose another --out")
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let code = errno
                let holder = pid(in: descriptor)
                close(descriptor)
                guard code == EWOULDBLOCK else {
                    // A file system without locks (some network or FUSE mounts) cannot keep two writers apart.
                    throw FileRefusal(directory, "cannot lock its lock file \(fileName) (\(String(cString: strerror(code)))); "
                        + "write the outputs to a local directory")
                }
                let who = holder.map { "another swansim process (pid \($0))" } ?? "another swansim process"
                throw FileRefusal(directory, "\(who) is writing into this directory; wait for it to finish, or choose another --out")
            }
            var held = stat(), named = stat()
            if fstat(descriptor, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino {
                let text = Array("\(getpid())\n".utf8)
                _ = ftruncate(descriptor, 0)
                _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
                return OutputLock(descriptor: descriptor, path: path)
            }
            close(descriptor)
        }
    }

    /// Removes the lock file and drops the lock (once; later calls do nothing).
    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    /// True when the file is empty or holds a pid and a line feed, as this lock writes.
    private static func holdsAtMostAPID(_ descriptor: Int32) -> Bool {
        guard let text = contents(descriptor) else { return false }
        return text.allSatisfy { (0x30...0x39).contains($0) || $0 == 0x0A }
    }

    /// The pid the holder wrote, if it has written one yet.
    private static func pid(in descriptor: Int32) -> Int32? {
        contents(descriptor).flatMap { Int32(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The lock file's bytes when they are few enough to be a pid (nil for more, or a read error).
    private static func contents(_ descriptor: Int32) -> ArraySlice<UInt8>? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        return count >= 0 && count < buffer.count ? buffer[..<count] : nil
    }
}
