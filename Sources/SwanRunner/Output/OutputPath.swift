import Foundation
import SwanStore

/// The path rules every writing command shares (WORKFLOW.md §9.1): where an output may go at all,
/// how its directory is made, and when two paths name one file.
enum OutputPath {
    /// A file's identity on disk: two paths name the same file when these agree (hard and
    /// symbolic links included).
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    /// The identity of the file `path` names (symbolic links followed), or nil when there is none.
    static func identity(_ path: String) -> Identity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// True when `path` exists and names a directory (symbolic links followed).
    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// True when something exists at `path` (a dangling symbolic link included).
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Refuses a directory target that can never be one: the root directory or the user's home
    /// directory (even with `--force`), and a path whose existing part holds something other than a
    /// directory where a directory must be ("--out afile/sub").
    static func checkDirectoryTarget(_ directory: String) throws(FileRefusal) {
        try checkParents(of: directory, including: true)
        guard isDirectory(directory), let identity = identity(directory) else { return }
        if identity == self.identity("/") {
            throw FileRefusal(directory, "the root directory is never an output directory; choose a directory for the outputs")
        }
        if homeDirectories.contains(where: { self.identity($0) == identity }) {
            throw FileRefusal(directory, "your home directory is never an output directory; choose a directory inside it")
        }
    }

    /// Refuses a file target whose directory does not exist or is not a directory.
    static func checkFileTarget(_ path: String) throws(FileRefusal) {
        try checkParents(of: path, including: false)
        let parent = parentDirectory(path)
        guard isDirectory(parent) else {
            throw FileRefusal(path, "its directory \(parent) does not exist; create it first")
        }
    }

    /// The home directories of this user: `$HOME` and the password database's.
    private static var homeDirectories: [String] {
        var homes: [String] = []
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { homes.append(home) }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { homes.append(String(cString: directory)) }
        return homes
    }

    /// Each existing prefix of `path` must be a directory; the first that is not is named.
    private static func checkParents(of path: String, including last: Bool) throws(FileRefusal) {
        var components = (path as NSString).pathComponents
        if !last { components.removeLast() }
        var prefix = ""
        for component in components {
            prefix = prefix.isEmpty ? component : (prefix as NSString).appendingPathComponent(component)
            guard exists(prefix) else { return }
            if !isDirectory(prefix) {
                let what = (try? RegularFile.irregularKind(prefix)) == .some(nil) ? "is a file, not a directory" : "is not a directory"
                throw FileRefusal(prefix, what + (prefix == path ? "" : ", so \(path) cannot be made inside it"))
            }
        }
    }

    /// The directory holding `path` ("." for a bare name).
    static func parentDirectory(_ path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// Makes `directory` and any missing parents, as `mkdir -p` does, after `checkDirectoryTarget`
    /// has refused a path whose existing part is not a directory.
    /// - Returns: true when `directory` itself was made by this call (so a refusal can remove it).
    @discardableResult
    static func makeDirectory(_ directory: String) throws(FileRefusal) -> Bool {
        guard !isDirectory(directory) else { return false }
        guard !directory.isEmpty else { throw FileRefusal(directory, "an empty path is no directory") }
        var prefix = ""
        for component in (directory as NSString).pathComponents {
            prefix = prefix.isEmpty ? component : (prefix as NSString).appendingPathComponent(component)
            guard !isDirectory(prefix) else { continue }
            guard mkdir(prefix, 0o755) == 0 || errno == EEXIST else {
                throw FileRefusal(directory, "cannot create \(prefix) (\(String(cString: strerror(errno))))")
            }
        }
        return true
    }

    /// The names in `directory`, sorted (none when it cannot be listed).
    static func names(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// A short listing of `names` for a message: the first five, then "...".
    static func listed(_ names: [String]) -> String {
        names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", ..." : "")
    }

    /// True for the hidden files a swansim command leaves behind if it is killed: its lock file
    /// and the temporary name (`AtomicFile`) of one of `ownNames`.
    static func isOwnHiddenFile(_ name: String, ownNames: [String]) -> Bool {
        guard name != OutputLock.fileName else { return true }
        return ownNames.contains { own in
            let prefix = "." + own + ".tmp-"
            return name.hasPrefix(prefix) && name.dropFirst(prefix.count).allSatisfy(\.isNumber) && name.count > prefix.count
        }
    }
}
