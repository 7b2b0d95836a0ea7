import SwanCore
import SwanTables

/// The daily rows of OUTPUTS.md §2.2–§2.3 (`provider_day`, `network_day`) from a closed day.
///
/// Its own type so that the rows are a function of what the replay hands over at the close
/// (a provider's day, the network flows, the checker's state) rather than of the replay's
/// internals; `close` also moves a provider's day into its run totals.
enum DailyRows {
    /// Closes provider `provider`'s day `day` and returns its row; its day flows start again.
    static func close(_ provider: inout ReplayProvider, day: Int64, state: LedgerState, busy: Int64, breachStart: Int64?,
                      economics: EconomicsRules) -> ProviderDayRow {
        let start = LedgerReplay.windowStart(day), end = LedgerReplay.windowEnd(day)
        provider.accumulateIneligible(until: end)
        if let breachStart { provider.today.breachSeconds += max(0, end - max(breachStart, start)) }
        let free = state.balance(provider.free), escrow = state.balance(provider.escrow)
        let provisionedUntil = min(end, provider.terminalTime ?? end)
        let provisioned = max(0, provisionedUntil - max(start, provider.registeredTime)) * provider.cardCount
        provider.totals.provisionedGPUSeconds += provisioned
        provider.totals.busyGPUSeconds += busy
        provider.peakCollateral = max(provider.peakCollateral, max(0, free + escrow))
        let today = provider.today
        let usd = economics.day(revenue: today.ubiPaid + today.taskIncome, slashed: today.slashed, busy: busy,
                                provisioned: provisioned)
        provider.today = ProviderDayFlows()
        return ProviderDayRow(
            day: day, provider: provider.id, providerIndex: provider.index, kind: provider.kind, status: provider.status,
            cards: provider.cardCount, weightedCU: provider.weightedCU, required: provider.required,
            wallet: state.balance(provider.wallet), free: free, escrow: escrow, debt: max(0, -free),
            pendingWithdraw: provider.pending?.amount, ubiAssigned: today.ubiAssigned, ubiFailed: today.ubiFailed,
            ubiVoided: today.ubiVoided, ubiPaid: today.ubiPaid, slashed: today.slashed, slashedUnbacked: today.slashedUnbacked,
            tasksAssigned: today.tasksAssigned, tasksCompleted: today.tasksCompleted, tasksFailed: today.tasksFailed,
            taskIncome: today.taskIncome, taskFees: today.taskFees, busyGPUSeconds: busy, provisionedGPUSeconds: provisioned,
            ineligibleSeconds: today.ineligibleSeconds, breachSeconds: today.breachSeconds,
            revenueMicroUSD: usd?.revenue, powerMicroUSD: usd?.power, slashedMicroUSD: usd?.slashed, netMicroUSD: usd?.net)
    }

    /// The day's `network_day` row; day 0 has no UBI columns.
    static func network(day: Int64, flows network: NetworkDayFlows, state: LedgerState, counts: [ProviderStatus: Int64],
                        debtOutstanding: Int128, cuTotalAtDayStart: Int128, tasksRunning: Int64,
                        blockHash: String) -> NetworkDayRow {
        let ubi = day == 0 ? nil : network.ubiDay
        let tDay = ubi?.tDay, tTotal = ubi?.tTotal
        var uNano: Int128?
        if let tDay, let tTotal {
            // min(T_day, T_total) ≤ T_total, so the quotient is at most 10^9 and always fits; the
            // product alone can pass 2^127 (T_day reaches 10^29 in a network of 10^4 busy GPUs).
            uNano = tTotal <= 0 ? 0
                : (try? Arithmetic.rhe(min(max(tDay, 0), tTotal), times: 1_000_000_000, over: tTotal)) ?? 1_000_000_000
        }
        return NetworkDayRow(
            day: day, cBase: state.cBaseAtto, cuTotal: day == 0 ? 0 : cuTotalAtDayStart,
            active: counts[.active] ?? 0, nsc: counts[.nsc] ?? 0, suspended: counts[.suspended] ?? 0,
            exited: counts[.exited] ?? 0, removed: counts[.removed] ?? 0,
            ubiX: ubi?.x, ubiTDay: tDay, ubiTTotal: tTotal, ubiUNano: uNano,
            ubiYMilli: ubi?.yMilli, ubiYEffective: ubi == nil ? nil : network.ubiYEffective,
            ubiPaid: ubi == nil ? nil : network.ubiPaid, ubiEligible: ubi?.eligible,
            ubiPool: day == 0 ? nil : state.balance(.ubiPool),
            ubiTasksAssigned: day == 0 ? nil : network.ubiTasksAssigned, ubiTasksFailed: day == 0 ? nil : network.ubiTasksFailed,
            slashed: network.slashed, slashedBacked: network.slashedBacked, slashedUnbacked: network.slashedUnbacked,
            debtOutstanding: debtOutstanding, fees: network.fees, taskPayouts: network.taskPayouts,
            taskRefunds: network.taskRefunds, tasksPosted: network.tasksPosted, tasksAssigned: network.tasksAssigned,
            tasksCompleted: network.tasksCompleted, tasksFailed: network.tasksFailed, tasksRefunded: network.tasksRefunded,
            tasksRunning: tasksRunning, rejections: network.rejections, entries: network.entries, blockHash: blockHash)
    }
}
