import SwanCore

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
        if providers[p].status == .nsc || providers[p].status == .suspended {
            providers[p].today.ineligibleSeconds += max(0, t - providers[p].statusSince)
        }
        providers[p].statusSince = t
    }

    /// Block `day` has been sealed with `blockHash`: the day's report.
    public func sealed(day: Int64, blockHash: String) -> DayReport {
        flushStatusChecks()
        sweepStatus(at: day == 0 ? 0 : day * 86_400 - 1, seq: expectedSeq - 1)
        blocksSealed += 1
        let start = Self.windowStart(day), end = Self.windowEnd(day)
        var busyByProvider: [Int: Int64] = [:]
        for k in activeTasks {
            guard let task = tasks[k], let p = task.provider, let from = task.assignedTime else { continue }
            let until = task.settledTime ?? end
            let overlap = max(0, min(until, end) - max(from, start))
            busyByProvider[p, default: 0] += overlap * task.gpuCount
        }
        activeTasks = activeTasks.filter { tasks[$0]?.settledTime == nil }
        // Settled tasks leave memory with the day's report (OUTPUTS.md §2 `tasks`, item 7).
        var settledRows: [TaskRow] = []
        for k in settledToday.sorted() {
            guard let task = tasks.removeValue(forKey: k) else { continue }
            taskIndexByID[task.id] = nil
            settledRows.append(taskRow(task))
        }
        settledToday.removeAll(keepingCapacity: true)
        let economics = EconomicsRules(context.parameters)
        var rows: [ProviderDayRow] = []
        rows.reserveCapacity(providers.count)
        var counts: [ProviderStatus: Int64] = [:]
        var debtOutstanding: Int128 = 0
        for p in providers.indices {
            accumulateIneligible(p, until: end)
            if let breachStart = breaches.startTime(p) {
                providers[p].today.breachSeconds += max(0, end - max(breachStart, start))
            }
            let id = providers[p].id
            let free = balance(providers[p].free), escrow = balance(providers[p].escrow)
            let provisionedUntil = min(end, providers[p].terminalTime ?? end)
            let provisioned = max(0, provisionedUntil - max(start, providers[p].registeredTime)) * providers[p].cardCount
            let busy = busyByProvider[p] ?? 0
            providers[p].totals.provisionedGPUSeconds += provisioned
            providers[p].totals.busyGPUSeconds += busy
            providers[p].peakCollateral = max(providers[p].peakCollateral, max(0, free + escrow))
            counts[providers[p].status, default: 0] += 1
            debtOutstanding += max(0, -free)
            let today = providers[p].today
            let usd = economics.day(revenue: today.ubiPaid + today.taskIncome, slashed: today.slashed,
                                    busy: busy, provisioned: provisioned)
            rows.append(ProviderDayRow(
                day: day, provider: id, providerIndex: p, kind: providers[p].kind, status: providers[p].status,
                cards: providers[p].cardCount, weightedCU: weightedCU(p), required: required(p),
                wallet: balance(providers[p].wallet), free: free, escrow: escrow, debt: max(0, -free),
                pendingWithdraw: providers[p].pending?.amount, ubiAssigned: today.ubiAssigned, ubiFailed: today.ubiFailed,
                ubiVoided: today.ubiVoided, ubiPaid: today.ubiPaid, slashed: today.slashed, slashedUnbacked: today.slashedUnbacked,
                tasksAssigned: today.tasksAssigned, tasksCompleted: today.tasksCompleted, tasksFailed: today.tasksFailed,
                taskIncome: today.taskIncome, taskFees: today.taskFees, busyGPUSeconds: busy, provisionedGPUSeconds: provisioned,
                ineligibleSeconds: today.ineligibleSeconds, breachSeconds: today.breachSeconds,
                revenueMicroUSD: usd?.revenue, powerMicroUSD: usd?.power, slashedMicroUSD: usd?.slashed, netMicroUSD: usd?.net))
            providers[p].today = ProviderDayFlows()
        }
        let ubi = day == 0 ? nil : network.ubiDay
        let tDay = ubi?.tDay, tTotal = ubi?.tTotal
        var uNano: Int128?
        if let tDay, let tTotal {
            uNano = tTotal == 0 ? 0 : Arithmetic.rhe(min(tDay, tTotal) * 1_000_000_000, tTotal)
        }
        let row = NetworkDayRow(
            day: day, cBase: state.cBaseAtto, cuTotal: day == 0 ? 0 : cuTotalAtDayStart,
            active: counts[.active] ?? 0, nsc: counts[.nsc] ?? 0, suspended: counts[.suspended] ?? 0,
            exited: counts[.exited] ?? 0, removed: counts[.removed] ?? 0,
            ubiX: ubi?.x, ubiTDay: tDay, ubiTTotal: tTotal, ubiUNano: uNano,
            ubiYMilli: ubi?.yMilli, ubiYEffective: ubi == nil ? nil : network.ubiYEffective,
            ubiPaid: ubi == nil ? nil : network.ubiPaid, ubiEligible: ubi?.eligible,
            ubiPool: day == 0 ? nil : balance(.ubiPool),
            ubiTasksAssigned: day == 0 ? nil : network.ubiTasksAssigned, ubiTasksFailed: day == 0 ? nil : network.ubiTasksFailed,
            slashed: network.slashed, slashedBacked: network.slashedBacked, slashedUnbacked: network.slashedUnbacked,
            debtOutstanding: debtOutstanding, fees: network.fees, taskPayouts: network.taskPayouts,
            taskRefunds: network.taskRefunds, tasksPosted: network.tasksPosted, tasksAssigned: network.tasksAssigned,
            tasksCompleted: network.tasksCompleted, tasksFailed: network.tasksFailed, tasksRefunded: network.tasksRefunded,
            tasksRunning: Int64(runningTasks), rejections: network.rejections,
            entries: network.entries, blockHash: blockHash)
        network = NetworkDayFlows()
        return DayReport(network: row, providers: rows, settledTasks: settledRows)
    }
}
