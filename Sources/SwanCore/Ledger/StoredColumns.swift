/// The typed columns and transfer rows of a stored entry against its decoded payload.
enum StoredColumns {
    static func compare(_ entry: Entry, with row: StoredEntry, accounts: AccountTable, names state: LedgerState,
                        at here: VerificationFailure.Location) throws(VerificationFailure) {
        func fail(_ field: String, _ expected: String?, _ found: String?) -> VerificationFailure {
            VerificationFailure(here, field, expected: expected ?? "NULL", found: found ?? "NULL")
        }
        // Numbers compare as numbers; text is built only to report a mismatch.
        if entry.seq != row.seq { throw fail("seq", String(entry.seq), String(row.seq)) }
        if entry.day != row.day { throw fail("day", String(entry.day), String(row.day)) }
        if entry.time != row.time { throw fail("time", String(entry.time), String(row.time)) }
        if entry.kind.rawValue != row.kind { throw fail("kind", entry.kind.rawValue, row.kind) }
        if entry.origin.rawValue != row.origin { throw fail("origin", entry.origin.rawValue, row.origin) }
        if entry.scriptIndex != row.scriptIndex {
            throw fail("script_index", entry.scriptIndex.map { String($0) }, row.scriptIndex.map { String($0) })
        }
        if entry.provider != row.provider { throw fail("provider", entry.provider, row.provider) }
        if entry.task != row.task { throw fail("task", entry.task, row.task) }
        if entry.user != row.user { throw fail("user", entry.user, row.user) }
        if !sameAmount(entry.amountAtto, row.amountAtto) {
            throw fail("amount_atto", entry.amountAtto.map { String($0) }, row.amountAtto)
        }
        let reason = entry.reason.map { EntryEncoding.reasonText($0, names: state) }
        if reason != row.reason { throw fail("reason", reason, row.reason) }
        if entry.transfers.count != row.transfers.count {
            throw fail("transfer count", String(entry.transfers.count), String(row.transfers.count))
        }
        for (index, (transfer, stored)) in zip(entry.transfers, row.transfers).enumerated() {
            if stored.index != Int64(index) { throw fail("transfer \(index) idx", String(index), String(stored.index)) }
            let debit = accounts.name(transfer.debit).text, credit = accounts.name(transfer.credit).text
            if debit != stored.debit { throw fail("transfer \(index) debit", debit, stored.debit) }
            if credit != stored.credit { throw fail("transfer \(index) credit", credit, stored.credit) }
            if !sameAmount(transfer.amountAtto, stored.amountAtto) {
                throw fail("transfer \(index) amount_atto", String(transfer.amountAtto), stored.amountAtto)
            }
        }
    }

    /// Whether stored base-10 text is exactly the canonical rendering of `value`.
    private static func sameAmount(_ value: Int128?, _ text: String?) -> Bool {
        guard let value, let text else { return value == nil && text == nil }
        return String(value) == text
    }
}
