import SwanCore
import SwanTables

/// Breaches (RULES.md §13.2): maximal intervals in which a provider is not active yet holds work.
extension LedgerReplay {
    /// UBI tasks of today still unsettled at t (a failure at exactly t has settled its task).
    func outstandingUBI(_ p: Int, at t: Int64) -> Int64 {
        let provider = providers[p]
        guard provider.ubiOutstanding(day: currentDay), provider.ubiN > 0 else { return 0 }
        var count: Int64 = 0
        for j in 0..<provider.ubiN {
            let due = (currentDay - 1) * 86_400 + (j + 1) * 86_400 / provider.ubiN - 1
            if due > t || (due == t && provider.lastUBIFailTime != t) { count += 1 }
        }
        return count
    }

    func statusChanged(_ p: Int, entry: Entry, from: ProviderStatus, to: ProviderStatus) {
        if breaches.isOpen(p) {
            if to == .active {
                endBreach(p, at: entry.time, seq: entry.seq)
            } else if to == .removed && providers[p].running == 0 {
                endBreach(p, at: entry.time, seq: entry.seq)
            }
            return
        }
        guard to != .active, to != .none, providers[p].holdsWork(day: currentDay) else { return }
        breaches.start(BreachRecord(
            provider: providers[p].id, providerIndex: p, status: to.rawValue, startTime: entry.time, endTime: entry.time,
            startSeq: entry.seq, endSeq: nil, ubiOutstandingAtStart: outstandingUBI(p, at: entry.time),
            paidRunningAtStart: Int64(providers[p].running), open: false))
    }

    /// An exit voids today's UBI tasks (C4): without running paid tasks the breach ends here.
    func voidedWork(_ p: Int, entry: Entry) {
        if breaches.isOpen(p) && providers[p].running == 0 { endBreach(p, at: entry.time, seq: entry.seq) }
    }

    /// The last UBI task of the day has settled (`seq` is its failure entry, nil for a success).
    func ubiSettled(_ p: Int, at t: Int64, seq: Int64?) {
        if breaches.isOpen(p) && providers[p].running == 0 { endBreach(p, at: t, seq: seq) }
    }

    func taskEnded(_ p: Int, entry: Entry) {
        if market != nil, entry.kind == .taskComplete || entry.kind == .taskFail, let k = entry.task.flatMap({ taskIndexByID[$0] }),
           let slot = market?.runningWork[p].firstIndex(where: { $0.task == k }) {
            market?.runningWork[p].remove(at: slot)
        }
        providers[p].running -= 1
        if breaches.isOpen(p) && providers[p].running == 0 && !providers[p].ubiOutstanding(day: currentDay) {
            endBreach(p, at: entry.time, seq: entry.seq)
        }
    }

    func endBreach(_ p: Int, at t: Int64, seq: Int64?, open: Bool = false) {
        guard let breach = breaches.end(p, at: t, seq: seq, stillOpen: open) else { return }
        if !open { providers[p].today.breachSeconds += t - max(breach.startTime, Self.windowStart(currentDay)) }
        providers[p].totals.breachSeconds += breach.durationSeconds
    }

    /// Start of day d's window: (d−1)·86400 (day 0 is the instant 0).
    static func windowStart(_ d: Int64) -> Int64 { d == 0 ? 0 : (d - 1) * 86_400 }
    /// End of day d's window: d·86400 (day 0 ends at 0).
    static func windowEnd(_ d: Int64) -> Int64 { d * 86_400 }
}
