import Foundation
import SwanTables

/// The database schema of OUTPUTS.md §2, created whole when a ledger file is made.
///
/// Table and column names, types and order are normative; `x_`-prefixed tables and
/// extra indexes would be allowed but none are needed yet.
enum Schema {
    static let statements: [String] = [
        """
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE entries (
          seq          INTEGER PRIMARY KEY,
          day          INTEGER NOT NULL,
          time         INTEGER NOT NULL,
          kind         TEXT    NOT NULL,
          origin       TEXT    NOT NULL,
          script_index INTEGER,
          provider     TEXT,
          task         TEXT,
          user         TEXT,
          amount_atto  TEXT,
          reason       TEXT,
          payload      BLOB    NOT NULL,
          prev_hash    TEXT    NOT NULL,
          hash         TEXT    NOT NULL UNIQUE
        )
        """,
        """
        CREATE TABLE transfers (
          seq          INTEGER NOT NULL REFERENCES entries(seq),
          idx          INTEGER NOT NULL,
          debit        TEXT    NOT NULL,
          credit       TEXT    NOT NULL,
          amount_atto  TEXT    NOT NULL,
          PRIMARY KEY (seq, idx)
        )
        """,
        """
        CREATE TABLE blocks (
          day             INTEGER PRIMARY KEY,
          first_seq       INTEGER NOT NULL,
          last_seq        INTEGER NOT NULL,
          entry_count     INTEGER NOT NULL,
          close_time      INTEGER NOT NULL,
          merkle_root     TEXT    NOT NULL,
          state_root      TEXT    NOT NULL,
          prev_block_hash TEXT    NOT NULL,
          block_hash      TEXT    NOT NULL UNIQUE
        )
        """,
        createTable("account_day", RunColumns.accountDaySpec, primaryKey: ["day", "account"]),
        createTable("providers", RunColumns.providersSpec, primaryKey: ["provider"]),
        createTable("provider_day", DailyColumns.providerSpec, primaryKey: ["day", "provider"]),
        createTable("network_day", DailyColumns.networkSpec, primaryKey: ["day"]),
        createTable("tasks", RunColumns.tasksSpec, primaryKey: ["task"]),
        createTable("breaches", RunColumns.breachesSpec, primaryKey: ["id"]),
        createTable("invariants", RunColumns.invariantsSpec, primaryKey: ["id"]),
    ]

    /// What a market run (`swan-ledger/2`) adds, after the statements above (OUTPUTS-MARKET §2):
    /// the `jobs` table, and columns appended at the end of `tasks`, `provider_day` and `network_day`.
    static let marketStatements: [String] = [
        createTable("jobs", RunColumns.jobsSpec, primaryKey: ["task", "round", "job"]),
    ] + [("tasks", RunColumns.marketTasksSpec), ("provider_day", DailyColumns.marketProviderSpec),
         ("network_day", DailyColumns.marketNetworkSpec)].flatMap { table, columns in
        columns.map { "ALTER TABLE \(table) ADD COLUMN \($0.definition)" }
    }

    /// `CREATE TABLE name (…)` from a table's declared columns; a one-column primary key is
    /// written on its column (as OUTPUTS.md §2 shows it), a longer one after the columns.
    static func createTable(_ name: String, _ columns: [ColumnSpec], primaryKey: [String], prefix: [String] = []) -> String {
        var lines = prefix
        for column in columns {
            if primaryKey == [column.name] {
                lines.append(column.name + " " + column.kind.sqlType + " PRIMARY KEY")
            } else {
                lines.append(column.definition)
            }
        }
        if primaryKey.count > 1 { lines.append("PRIMARY KEY (" + primaryKey.joined(separator: ", ") + ")") }
        return "CREATE TABLE \(name) (\n  " + lines.joined(separator: ",\n  ") + "\n)"
    }

    /// Every table name, in creation order.
    static let tables = [
        "meta", "entries", "transfers", "blocks", "account_day", "providers", "provider_day", "network_day",
        "tasks", "breaches", "invariants",
    ]

    /// The tables of a market ledger: version 1's and `jobs`.
    static let marketTables = tables + ["jobs"]
}
