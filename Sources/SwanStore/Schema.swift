import Foundation

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
        """
        CREATE TABLE account_day (
          day          INTEGER NOT NULL,
          account      TEXT    NOT NULL,
          balance_atto TEXT    NOT NULL,
          PRIMARY KEY (day, account)
        )
        """,
        """
        CREATE TABLE providers (
          provider          TEXT PRIMARY KEY,
          provider_index    INTEGER NOT NULL UNIQUE,
          kind              TEXT NOT NULL,
          cards_json        TEXT NOT NULL,
          origin            TEXT NOT NULL,
          population        TEXT,
          registered_time   INTEGER NOT NULL,
          exit_time         INTEGER,
          final_status      TEXT NOT NULL,
          ubi_failure_rate  TEXT NOT NULL,
          task_failure_rate TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE provider_day (
          day                   INTEGER NOT NULL,
          provider              TEXT    NOT NULL,
          provider_index        INTEGER NOT NULL,
          kind                  TEXT    NOT NULL,
          status                TEXT    NOT NULL,
          cards                 INTEGER NOT NULL,
          wcu                   TEXT    NOT NULL,
          required_atto         TEXT    NOT NULL,
          wallet_atto           TEXT    NOT NULL,
          free_atto             TEXT    NOT NULL,
          escrow_atto           TEXT    NOT NULL,
          debt_atto             TEXT    NOT NULL,
          pending_withdraw_atto TEXT,
          ubi_assigned          INTEGER NOT NULL,
          ubi_failed            INTEGER NOT NULL,
          ubi_voided            INTEGER NOT NULL,
          ubi_paid_atto         TEXT    NOT NULL,
          slashed_atto          TEXT    NOT NULL,
          slashed_unbacked_atto TEXT    NOT NULL,
          tasks_assigned        INTEGER NOT NULL,
          tasks_completed       INTEGER NOT NULL,
          tasks_failed          INTEGER NOT NULL,
          task_income_atto      TEXT    NOT NULL,
          task_fees_atto        TEXT    NOT NULL,
          busy_gpu_s            INTEGER NOT NULL,
          provisioned_gpu_s     INTEGER NOT NULL,
          ineligible_s          INTEGER NOT NULL,
          breach_s              INTEGER NOT NULL,
          revenue_uusd          INTEGER,
          power_uusd            INTEGER,
          slashed_uusd          INTEGER,
          net_uusd              INTEGER,
          PRIMARY KEY (day, provider)
        )
        """,
        """
        CREATE TABLE network_day (
          day                   INTEGER PRIMARY KEY,
          c_base_atto           TEXT    NOT NULL,
          cu_total              TEXT    NOT NULL,
          active                INTEGER NOT NULL,
          nsc                   INTEGER NOT NULL,
          suspended             INTEGER NOT NULL,
          exited                INTEGER NOT NULL,
          removed               INTEGER NOT NULL,
          ubi_x                 INTEGER,
          ubi_t_day             TEXT,
          ubi_t_total           TEXT,
          ubi_u                 TEXT,
          ubi_y_milli           INTEGER,
          ubi_y_eff_atto        TEXT,
          ubi_paid_atto         TEXT,
          ubi_eligible          INTEGER,
          ubi_pool_atto         TEXT,
          ubi_tasks_assigned    INTEGER,
          ubi_tasks_failed      INTEGER,
          slashed_atto          TEXT    NOT NULL,
          slashed_backed_atto   TEXT    NOT NULL,
          slashed_unbacked_atto TEXT    NOT NULL,
          debt_outstanding_atto TEXT    NOT NULL,
          fees_atto             TEXT    NOT NULL,
          task_payouts_atto     TEXT    NOT NULL,
          task_refunds_atto     TEXT    NOT NULL,
          tasks_posted          INTEGER NOT NULL,
          tasks_assigned        INTEGER NOT NULL,
          tasks_completed       INTEGER NOT NULL,
          tasks_failed          INTEGER NOT NULL,
          tasks_refunded        INTEGER NOT NULL,
          tasks_running         INTEGER NOT NULL,
          rejections            INTEGER NOT NULL,
          entries               INTEGER NOT NULL,
          block_hash            TEXT    NOT NULL
        )
        """,
        """
        CREATE TABLE tasks (
          task            TEXT PRIMARY KEY,
          task_index      INTEGER NOT NULL UNIQUE,
          origin          TEXT NOT NULL,
          user            TEXT NOT NULL,
          provider        TEXT,
          gpu_model       TEXT,
          gpu_count       INTEGER NOT NULL,
          duration_s      INTEGER NOT NULL,
          reward_atto     TEXT NOT NULL,
          collateral_atto TEXT NOT NULL,
          lock_atto       TEXT,
          posted_time     INTEGER NOT NULL,
          assigned_time   INTEGER,
          end_time        INTEGER,
          settled_time    INTEGER,
          state           TEXT NOT NULL,
          fee_atto        TEXT,
          payout_atto     TEXT,
          slashed_atto    TEXT,
          refund_atto     TEXT
        )
        """,
        """
        CREATE TABLE breaches (
          id                       INTEGER PRIMARY KEY,
          provider                 TEXT NOT NULL,
          status                   TEXT NOT NULL,
          start_time               INTEGER NOT NULL,
          end_time                 INTEGER NOT NULL,
          duration_s               INTEGER NOT NULL,
          start_seq                INTEGER NOT NULL,
          end_seq                  INTEGER,
          ubi_outstanding_at_start INTEGER NOT NULL,
          paid_running_at_start    INTEGER NOT NULL,
          open                     INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE invariants (
          id          TEXT PRIMARY KEY,
          name        TEXT NOT NULL,
          ok          INTEGER NOT NULL,
          violations  INTEGER NOT NULL,
          first_seq   INTEGER,
          detail      TEXT
        )
        """,
    ]

    /// What a market run (`swan-ledger/2`) adds, after the statements above (OUTPUTS-MARKET §2):
    /// the `jobs` table, and columns appended at the end of `tasks`, `provider_day` and `network_day`.
    static let marketStatements: [String] = [
        """
        CREATE TABLE jobs (
          task           TEXT    NOT NULL,
          round          INTEGER NOT NULL,
          job            INTEGER NOT NULL,
          provider       TEXT    NOT NULL,
          model          TEXT    NOT NULL,
          gpu_count      INTEGER NOT NULL,
          lock_atto      TEXT    NOT NULL,
          weight         INTEGER NOT NULL,
          assigned_time  INTEGER NOT NULL,
          end_time       INTEGER NOT NULL,
          settled_time   INTEGER,
          state          TEXT    NOT NULL,
          slashed_atto   TEXT,
          unlocked_atto  TEXT,
          payout_atto    TEXT,
          leading        INTEGER NOT NULL,
          PRIMARY KEY (task, round, job)
        )
        """,
    ] + marketColumns.map { table, column, type in "ALTER TABLE \(table) ADD COLUMN \(column) \(type)" }

    /// The appended columns with their types, in order.
    static let marketColumns: [(table: String, column: String, type: String)] = {
        var columns: [(table: String, column: String, type: String)] = []
        func add(_ table: String, _ type: String, _ names: [String]) {
            for name in names { columns.append((table, name, type)) }
        }
        add("tasks", "TEXT", ["assignment"])
        add("tasks", "INTEGER", ["rounds"])
        add("tasks", "TEXT", ["leader", "charged"])
        add("provider_day", "TEXT", ["reputation", "rep_uptime", "rep_join", "rep_system", "rep_user", "rep_refund", "rep_averaged"])
        add("provider_day", "INTEGER", ["system_jobs_ok", "system_jobs_failed"])
        add("provider_day", "TEXT", ["asking_price_atto"])
        add("provider_day", "INTEGER", ["jobs_assigned", "jobs_submitted", "jobs_failed", "jobs_cancelled", "jobs_running"])
        add("provider_day", "TEXT", ["auction_income_atto"])
        add("network_day", "TEXT", ["market_usage", "market_h", "market_c", "market_occupancy", "market_df", "market_u_avg",
                                    "market_u_max", "market_wam_atto", "market_price_atto"])
        add("network_day", "INTEGER", ["market_priced", "market_fallback", "auctions_posted", "auction_rounds",
                                       "auctions_completed", "auctions_failed", "auctions_cancelled", "auctions_open",
                                       "jobs_assigned", "jobs_submitted", "jobs_failed", "jobs_cancelled", "jobs_running"])
        add("network_day", "TEXT", ["reputation_mean"])
        return columns
    }()

    /// The column definitions of `network_day`, one per line as written above (for `run_days`).
    static var networkDayColumns: [String] {
        guard let statement = statements.first(where: { $0.hasPrefix("CREATE TABLE network_day") }) else { return [] }
        return statement.split(separator: "\n").dropFirst().dropLast().map {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return line.hasSuffix(",") ? String(line.dropLast()) : line
        }
    }

    /// Every table name, in creation order.
    static let tables = [
        "meta", "entries", "transfers", "blocks", "account_day", "providers", "provider_day", "network_day",
        "tasks", "breaches", "invariants",
    ]

    /// The tables of a market ledger: version 1's and `jobs`.
    static let marketTables = tables + ["jobs"]
}
