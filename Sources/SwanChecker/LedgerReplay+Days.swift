import SwanCore
import SwanTables

extension LedgerReplay {
    /// The first entry of day d has arrived.
    func startDay(_ d: Int64) {
        currentDay = d
        closePhaseStarted = false
        cuTotalAtDayStart = 0
        for provider in providers where provider.status == .active { cuTotalAtDayStart += provider.weightedCU }
        network = NetworkDayFlows()
    }

    func accumulateIneligible(_ p: Int, until t: Int64) {
        providers[p].accumulateIneligible(until: t)
    }

    /// Block `day` has been sealed with `blockHash`: the day's report.
    public func sealed(day: Int64, blockHash: String) -> DayReport {
        flushStatusChecks()
        sweepStatus(at: day == 0 ? 0 : day * 86_400 - 1, seq: checks.expectedSeq - 1)
        blocksSealed += 1
        assert(state.checkInvariants())
        let start = Self.windowStart(day), end = Self.windowEnd(day)
        var busyByProvider: [Int: Int64] = [:]
        for k in activeTasks {
            guard let task = tasks[k], let p = task.provider, let from = task.assignedTime else { continue }
            let until = task.settledTime ?? end
            let overlap = max(0, min(until, end) - max(from, start))
            busyByProvider[p, default: 0] += overlap * task.gpuCount
        }
        activeTasks = activeTasks.filter { tasks[$0]?.settledTime == nil }
        if let dayAuctions = market?.dayAuctions {
            for k in dayAuctions {
                for job in tasks[k]?.auction?.jobs ?? [] {
                    let overlap = max(0, min(job.settledTime ?? end, end) - max(job.assignedTime, start))
                    busyByProvider[job.provider, default: 0] += overlap * job.gpuCount
                }
            }
            market?.dayAuctions = dayAuctions.filter { k in tasks[k]?.auction?.jobs.contains { $0.state == .running } == true }
        }
        // Settled tasks leave memory with the day's report (OUTPUTS.md §2 `tasks`, item 7).
        var settledRows: [TaskRow] = []
        var settledJobs: [JobRow] = []
        for k in settledToday.sorted() {
            guard let task = tasks.removeValue(forKey: k) else { continue }
            taskIndexByID[task.id] = nil
            settledRows.append(taskRow(task))
            settledJobs += jobRows(task)
        }
        settledJobs.sort { $0.ordinal < $1.ordinal }
        settledToday.removeAll(keepingCapacity: true)
        var rows: [ProviderDayRow] = []
        rows.reserveCapacity(providers.count)
        var counts: [ProviderStatus: Int64] = [:]
        var debtOutstanding: Int128 = 0
        for p in providers.indices {
            let row = DailyRows.close(&providers[p], day: day, state: state, busy: busyByProvider[p] ?? 0,
                                      breachStart: breaches.startTime(p), economics: economics)
            counts[row.status, default: 0] += 1
            debtOutstanding += row.debt
            rows.append(row)
        }
        marketSealed(day: day, busy: rows.reduce(0) { $0 + $1.busyGPUSeconds },
                     provisioned: rows.reduce(0) { $0 + $1.provisionedGPUSeconds }, seq: checks.expectedSeq - 1)
        let marketCells = marketDayCells(day: day, rows: &rows)
        var row = DailyRows.network(
            day: day, flows: network, state: state, counts: counts, debtOutstanding: debtOutstanding,
            cuTotalAtDayStart: cuTotalAtDayStart, tasksRunning: Int64(runningTasks), blockHash: blockHash)
        row.marketCells = marketCells
        network = NetworkDayFlows()
        assert(DailyColumns.networkSpec(market: market != nil).admit(row.cells), "a network_day cell is not its column's kind")
        assert(rows.allSatisfy { DailyColumns.providerSpec(market: market != nil).admit($0.cells) },
               "a provider_day cell is not its column's kind")
        assert(settledRows.allSatisfy { RunColumns.tasksSpec(market: market != nil).admit($0.cells) }
               && settledJobs.allSatisfy { RunColumns.jobsSpec.admit($0.cells) }, "a tasks or jobs cell is not its column's kind")
        return DayReport(network: row, providers: rows, settledTasks: settledRows, settledJobs: settledJobs)
    }
}
