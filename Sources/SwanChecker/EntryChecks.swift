import SwanCore
import SwanTables

/// The invariants judged from one entry and the balances around it (RULES.md §13.1):
/// I1 conservation, I2 sign, I3 free floor and I12 ordering.
///
/// Its own type so that these checks own their bookkeeping (the running sum of non-genesis
/// balances, the expected seq, the last time) apart from the replay's world model; the
/// replay hands it each entry with the checker's state as it was before the entry.
struct EntryChecks {
    /// Σ balances of every account but `genesis`: moves only with transfers from or to genesis.
    private(set) var nonGenesisSum: Int128 = 0
    /// The seq the next entry must have.
    private(set) var expectedSeq: Int64 = 0
    private var lastTime: Int64 = 0
    /// Balances after each transfer of the entry being checked (reused).
    private var running: [(account: AccountID, balance: Int128)] = []

    /// I12: seq continuity, (day, time) never going back, time inside its day.
    mutating func ordering(_ entry: Entry, currentDay: Int64, into results: inout InvariantResults) {
        if entry.seq != expectedSeq {
            results.fail(.ordering, seq: entry.seq, "seq \(entry.seq) where \(expectedSeq) was expected")
        }
        expectedSeq = entry.seq + 1
        if entry.time < lastTime || entry.day < currentDay {
            results.fail(.ordering, seq: entry.seq, "(day, time) went back to (\(entry.day), \(entry.time))")
        }
        let inDay = entry.day == 0 ? entry.time == 0 : (entry.time >= (entry.day - 1) * 86_400 && entry.time < entry.day * 86_400)
        if !inDay { results.fail(.ordering, seq: entry.seq, "time \(entry.time) is outside day \(entry.day)") }
        lastTime = entry.time
    }

    /// I1–I3 over the entry's transfers, every intermediate balance judged in order;
    /// `state` is the checker's state before the entry.
    /// - Parameter state: only read; taken `inout` so that the caller's state is lent in
    ///   place, never copied (a copy retains and releases every array it holds).
    mutating func transfers(_ entry: Entry, before state: inout LedgerState, supply: Int128, isFirstEntry: Bool,
                            into results: inout InvariantResults) {
        running.removeAll(keepingCapacity: true)
        func current(_ account: AccountID) -> Int128 {
            running.last { $0.account == account }?.balance ?? state.balance(account)
        }
        for transfer in entry.transfers {
            let debit = transfer.debit, credit = transfer.credit, amount = transfer.amountAtto
            if debit == .genesis { nonGenesisSum += amount }
            if credit == .genesis { nonGenesisSum -= amount }
            running.append((debit, current(debit) - amount))
            running.append((credit, current(credit) + amount))
            let debitName = state.accounts.name(debit)
            if case .providerFree = debitName, current(debit) < 0 {
                let allowed = entry.kind.isSlashBearing && credit == .slashDebt
                if !allowed {
                    results.fail(.freeFloor, seq: entry.seq, "\(debitName.text) went to \(Decimal18.render(current(debit))) by \(entry.kind.rawValue)")
                }
            }
            // Both sides, without an array literal (which is heap-allocated per transfer here).
            for side in 0..<2 {
                let account = side == 0 ? debit : credit
                guard current(account) < 0 else { continue }
                switch state.accounts.name(account) {
                case .genesis, .providerFree: continue
                case let name: results.fail(.sign, seq: entry.seq, "\(name.text) = \(Decimal18.render(current(account)))")
                }
            }
        }
        if nonGenesisSum != supply && !isFirstEntry {
            results.fail(.conservation, seq: entry.seq, "Σ balances = \(Decimal18.render(nonGenesisSum)), supply \(Decimal18.render(supply))")
        }
        if entry.kind == .genesis && nonGenesisSum != supply {
            results.fail(.conservation, seq: entry.seq, "genesis moved \(Decimal18.render(nonGenesisSum))")
        }
    }
}
