/// What the first bytes of an SQLite file say about who began it.
public enum SQLiteFile {
    /// True for a database file swansim began and left before its first table: empty (killed
    /// before SQLite wrote a page), or a header already switched to WAL (bytes 18 and 19 = 2, which
    /// swansim's writers do before anything else). A user's empty database keeps the rollback
    /// header (1, 1), so it is not taken for an interrupted run or sweep and written into.
    public static func isOwnFreshStart(_ path: String) -> Bool {
        guard let header = try? RegularFile.read(path, limit: 100) else { return false }
        return header.isEmpty || (header.count == 100 && header[18] == 2 && header[19] == 2)
    }
}
