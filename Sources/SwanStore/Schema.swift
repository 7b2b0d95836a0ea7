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
}
