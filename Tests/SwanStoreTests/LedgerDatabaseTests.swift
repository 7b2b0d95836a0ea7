import Foundation
import SwanCore
import SwanCrypto
import SwanStore
import SwanTestSupport
import Testing

/// A fresh directory under the system temporary directory, unique per call.
func temporaryDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "swansim-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes the sample ledger to a new database and returns its path.
func writeSampleLedger(_ name: String) throws -> String {
    let path = try temporaryDirectory(name) + "/ledger.sqlite"
    let database = try LedgerDatabase.create(at: path, meta: SampleLedger.meta)
    for block in try SampleLedger.blocks(hasher: try OpenSSLSHA256()) { try database.append(block) }
    return path
}

@Suite("Ledger database")
struct LedgerDatabaseTests {
    @Test("creates every table of OUTPUTS.md §2 and stores whole blocks")
    func schemaAndRows() throws {
        let database = try LedgerDatabase.open(at: try writeSampleLedger("schema"))
        #expect(try database.tableNames() == [
            "account_day", "blocks", "breaches", "entries", "invariants", "meta", "network_day", "provider_day",
            "providers", "tasks", "transfers",
        ])
        let entries = SampleLedger.entries(for: LedgerWriter(genesis: SampleLedger.genesis))
        #expect(try database.count("entries") == entries.count)
        #expect(try database.count("blocks") == 2)
        #expect(try database.count("transfers") == entries.map(\.transfers.count).reduce(0, +))
        #expect(try database.meta()["encoding_version"] == EntryEncoding.version)
        // account_day: day 0 holds reserve, ubi_pool, alice's wallet and free (genesis excluded).
        #expect(try database.count("account_day") >= 4)
    }

    @Test("a table digest is the same for equal tables and changes with any one cell")
    func tableDigests() throws {
        let hasher = try OpenSSLSHA256()
        let a = try writeSampleLedger("digest-a"), b = try writeSampleLedger("digest-b")
        for table in LedgerDatabase.schemaTables {
            #expect(try LedgerDatabase.open(at: a).digest(of: table, hasher: hasher)
                    == LedgerDatabase.open(at: b).digest(of: table, hasher: hasher), "\(table)")
        }
        let before = try LedgerDatabase.open(at: b).digest(of: "transfers", hasher: hasher)
        try LedgerDatabase.create(atExisting: b).execute("UPDATE transfers SET amount_atto = '7' WHERE seq = 8")
        #expect(try LedgerDatabase.open(at: b).digest(of: "transfers", hasher: hasher) != before)
        let entries = try LedgerDatabase.open(at: b).digest(of: "entries", hasher: hasher)
        try LedgerDatabase.create(atExisting: b).execute("UPDATE entries SET script_index = NULL WHERE seq = 9")
        try LedgerDatabase.create(atExisting: b).execute("UPDATE entries SET script_index = 1 WHERE seq = 9")
        #expect(try LedgerDatabase.open(at: b).digest(of: "entries", hasher: hasher) != entries)
    }

    @Test("a ledger written by the writer and the hashing stage verifies")
    func verifiesClean() throws {
        let database = try LedgerDatabase.open(at: try writeSampleLedger("clean"))
        let report = try database.verify(hasher: try OpenSSLSHA256())
        #expect(report.entries == Int64(SampleLedger.entries(for: LedgerWriter(genesis: SampleLedger.genesis)).count))
        #expect(report.blocks == 2)
        let blocks = try SampleLedger.blocks(hasher: try OpenSSLSHA256())
        #expect(report.headBlockHash == blocks[1].hash)
    }

    /// One tampering and the place verification must report it.
    struct Mutation: CustomTestStringConvertible, Sendable {
        var name: String
        var sql: String
        var location: VerificationFailure.Location
        var field: String
        var testDescription: String { name }
    }

    static let mutations: [Mutation] = [
        Mutation(name: "payload byte", sql: "UPDATE entries SET payload = CAST(substr(payload, 1, 30) || X'7A' || substr(payload, 32) AS BLOB) WHERE seq = 9",
                 location: .entry(seq: 9), field: "hash"),
        Mutation(name: "prev_hash", sql: "UPDATE entries SET prev_hash = (CASE WHEN substr(prev_hash, 1, 1) = '1' THEN '0' ELSE '1' END) || substr(prev_hash, 2) WHERE seq = 12",
                 location: .entry(seq: 12), field: "prev_hash"),
        Mutation(name: "hash", sql: "UPDATE entries SET hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN '0' ELSE 'f' END) || substr(hash, 2) WHERE seq = 4",
                 location: .entry(seq: 4), field: "hash"),
        Mutation(name: "transfer amount", sql: "UPDATE transfers SET amount_atto = '100000000000000000001' WHERE seq = 8",
                 location: .entry(seq: 8), field: "transfer 0 amount_atto"),
        Mutation(name: "typed amount column", sql: "UPDATE entries SET amount_atto = '1' WHERE seq = 13",
                 location: .entry(seq: 13), field: "amount_atto"),
        Mutation(name: "merkle root", sql: "UPDATE blocks SET merkle_root = (CASE WHEN substr(merkle_root, 1, 1) = '0' THEN '1' ELSE '0' END) || substr(merkle_root, 2) WHERE day = 1",
                 location: .block(day: 1), field: "merkle_root"),
        Mutation(name: "state root", sql: "UPDATE blocks SET state_root = (CASE WHEN substr(state_root, 1, 1) = 'a' THEN '0' ELSE 'a' END) || substr(state_root, 2) WHERE day = 0",
                 location: .block(day: 0), field: "state_root"),
        Mutation(name: "block link", sql: "UPDATE blocks SET prev_block_hash = (CASE WHEN substr(prev_block_hash, 1, 1) = 'b' THEN '0' ELSE 'b' END) || substr(prev_block_hash, 2) WHERE day = 1",
                 location: .block(day: 1), field: "prev_block_hash"),
        Mutation(name: "block hash", sql: "UPDATE blocks SET block_hash = (CASE WHEN substr(block_hash, 1, 1) = 'c' THEN '0' ELSE 'c' END) || substr(block_hash, 2) WHERE day = 0",
                 location: .block(day: 0), field: "block_hash"),
        Mutation(name: "deleted entry", sql: "DELETE FROM entries WHERE seq = 10",
                 location: .entry(seq: 10), field: "seq"),
    ]

    @Test("every single-field tampering is caught at its place", arguments: mutations)
    func catchesTampering(_ mutation: Mutation) throws {
        let path = try writeSampleLedger("tamper")
        try LedgerDatabase.create(atExisting: path).execute(mutation.sql)
        do {
            _ = try LedgerDatabase.open(at: path).verify(hasher: try OpenSSLSHA256())
            Issue.record("\(mutation.name) was not detected")
        } catch VerifyError.mismatch(let failure) {
            #expect(failure.location == mutation.location)
            #expect(failure.field == mutation.field)
            #expect(failure.expected != failure.found)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a SQLite failure stays a DatabaseError inside StoreError, with its code, message and SQL")
    func storeErrorKeepsDatabaseError() throws {
        let path = try writeSampleLedger("sqlerror")
        let database = try LedgerDatabase.create(atExisting: path)
        let sql = "UPDATE no_such_table SET x = 1"
        do {
            try database.execute(sql)
            Issue.record("the update succeeded")
        } catch .database(let error, let context) {
            #expect(error.resultCode.rawValue == 1)
            #expect(error.message == "no such table: no_such_table")
            #expect(error.sql == sql)
            #expect(context.isEmpty)
        } catch {
            Issue.record("unexpected \(error)")
        }
        // The raw inserts' failures too: appending a stored block again breaks entries.seq's key.
        let block = try SampleLedger.blocks(hasher: try OpenSSLSHA256())[0]
        do {
            try database.append(block)
            Issue.record("the duplicate block was written")
        } catch {
            #expect(error.databaseError?.resultCode.rawValue == 19)
            #expect(error.databaseError?.sql?.hasPrefix("INSERT INTO entries") == true)
            #expect(error.description.hasPrefix("cannot write block 0: SQLite error 19: UNIQUE constraint failed: entries.seq"),
                    "\(error)")
        }
        do {
            _ = try LedgerDatabase.open(at: path + ".absent")
            Issue.record("an absent file opened")
        } catch {
            #expect(error.databaseError == nil)
            #expect(error.description == "\(path).absent: no such file")
        }
    }

    @Test("an unknown encoding_version is its own verification error")
    func unknownEncodingVersion() throws {
        let path = try writeSampleLedger("encoding")
        try LedgerDatabase.create(atExisting: path).execute("UPDATE meta SET value = '99' WHERE key = 'encoding_version'")
        do {
            _ = try LedgerDatabase.open(at: path).verify(hasher: try OpenSSLSHA256())
            Issue.record("an unknown encoding_version verified")
        } catch VerifyError.unsupportedEncoding(let found, let supported) {
            #expect(found == "99")
            #expect(supported == "swansim-entry/1, swansim-entry/2, swansim-entry/3")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
