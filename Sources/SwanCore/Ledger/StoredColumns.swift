/// The typed columns and transfer rows of a stored entry against its decoded payload.
///
/// Compared as bytes: numbers are rendered into a scratch buffer, names are the state's
/// bytes, so a clean ledger makes no `String`; text is built only to report a mismatch.
enum StoredColumns {
    static func compare(_ entry: Entry, with row: StoredEntry, names state: LedgerState, scratch: inout [UInt8],
                        at here: VerificationFailure.Location) throws(VerificationFailure) {
        func fail(_ field: String, _ expected: String?, _ found: String?) -> VerificationFailure {
            VerificationFailure(here, field, expected: expected ?? "NULL", found: found ?? "NULL")
        }
        if entry.seq != row.seq { throw fail("seq", String(entry.seq), String(row.seq)) }
        if entry.day != row.day { throw fail("day", String(entry.day), String(row.day)) }
        if entry.time != row.time { throw fail("time", String(entry.time), String(row.time)) }
        if !row.kind.equals(entry.kind.rawValue) { throw fail("kind", entry.kind.rawValue, row.kind.string) }
        if !row.origin.equals(entry.origin.rawValue) { throw fail("origin", entry.origin.rawValue, row.origin.string) }
        if entry.scriptIndex != row.scriptIndex {
            throw fail("script_index", entry.scriptIndex.map { String($0) }, row.scriptIndex.map { String($0) })
        }
        if !row.provider.equals(entry.provider) { throw fail("provider", entry.provider, row.provider.string) }
        if !row.task.equals(entry.task) { throw fail("task", entry.task, row.task.string) }
        if !row.user.equals(entry.user) { throw fail("user", entry.user, row.user.string) }
        if !sameAmount(entry.amountAtto, row.amountAtto, &scratch) {
            throw fail("amount_atto", entry.amountAtto.map { String($0) }, row.amountAtto.string)
        }
        if let reason = entry.reason {
            let matches = EntryEncoding.withReasonBytes(reason, names: state) { row.reason.equals(bytes: $0) }
            if !matches { throw fail("reason", EntryEncoding.reasonText(reason, names: state), row.reason.string) }
        } else if row.reason.bytes != nil {
            throw fail("reason", nil, row.reason.string)
        }
        if entry.transfers.count != row.transfers.count {
            throw fail("transfer count", String(entry.transfers.count), String(row.transfers.count))
        }
        for (index, (transfer, stored)) in zip(entry.transfers, row.transfers).enumerated() {
            if stored.index != Int64(index) { throw fail("transfer \(index) idx", String(index), String(stored.index)) }
            if !state.accounts.withNameBytes(transfer.debit, { stored.debit.equals(bytes: $0) }) {
                throw fail("transfer \(index) debit", state.accounts.name(transfer.debit).text, stored.debit.string)
            }
            if !state.accounts.withNameBytes(transfer.credit, { stored.credit.equals(bytes: $0) }) {
                throw fail("transfer \(index) credit", state.accounts.name(transfer.credit).text, stored.credit.string)
            }
            if !sameAmount(transfer.amountAtto, stored.amountAtto, &scratch) {
                throw fail("transfer \(index) amount_atto", String(transfer.amountAtto), stored.amountAtto.string)
            }
        }
    }

    /// Whether stored base-10 text is exactly the canonical rendering of `value`.
    private static func sameAmount(_ value: Int128?, _ cell: StoredText, _ scratch: inout [UInt8]) -> Bool {
        guard let value else { return cell.bytes == nil }
        scratch.removeAll(keepingCapacity: true)
        DecimalText.append(value, scaleDigits: 0, to: &scratch)
        return scratch.withUnsafeBytes { cell.equals(bytes: $0) }
    }
}
