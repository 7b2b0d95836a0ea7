extension Engine {
    /// Day-close step 2 (RULES-MARKET M2.2, M3): today's system jobs join each provider's
    /// windows, then one `reputation` entry per scored provider, in provider order.
    func reputationStep(_ d: Int64, at t: Int64) throws(EngineError) {
        guard let parameters = market?.parameters else { return }
        recordSystemJobs(d)
        let evaluation = d * 86_400
        var scored: [Int] = []
        var inputs: [ReputationDay.Inputs] = []
        for provider in providers where !provider.isTerminal && provider.status != .none {
            guard let counters = market?.providers[provider.index] else { continue }
            let window7 = max(1, d - 6), window30 = max(1, d - 29)
            var s7: Int64 = 50, s30: Int64 = 50
            for systemDay in counters.systemDays {
                if systemDay.day >= window30 { s30 = systemDay.walk(from: s30) }
                if systemDay.day >= window7 { s7 = systemDay.walk(from: s7) }
            }
            scored.append(provider.index)
            inputs.append(ReputationDay.Inputs(
                registeredAt: counters.registeredAt, activeSeconds: counters.activeSeconds(until: evaluation), s7: s7, s30: s30,
                sAll: counters.sAll, systemOK: counters.systemOK, systemFailed: counters.systemFailed, streak: counters.streak,
                userOK: counters.userOK, userFailed: counters.userFailed, refunds: counters.refunds))
        }
        let figures = ReputationDay.score(inputs, evaluationTime: evaluation, parameters: parameters)
        for (index, figure) in zip(scored, figures) {
            market?.providers[index].reputation = figure.total
            try emit(Entry(day: d, time: t, kind: .reputation, origin: .engine, provider: providers[index].spec.id,
                           providerIndex: Int32(index), payload: .reputation(figure)), reevaluate: false)
        }
    }

    /// Today's settled system jobs (M3.1): the UBI tasks (or the benchmark) of today's
    /// assignment that were not void, in settlement order, failing as assigned.
    private func recordSystemJobs(_ d: Int64) {
        for index in providers.indices {
            var today = SystemDay(day: d)
            if let ubi = providers[index].ubi, ubi.day == d {
                for j in 0..<ubi.n {
                    if let voidFrom = ubi.voidedFrom, Self.ubiDue(day: d, task: j, of: ubi.n) >= voidFrom { break }
                    today.record(success: !ubi.failing[Int(j)])
                }
            }
            guard var counters = market?.providers[index] else { continue }
            let jobs = today.jobs
            if jobs > 0 {
                counters.sAll = today.walk(from: counters.sAll)
                counters.systemOK += jobs - today.failures
                counters.systemFailed += today.failures
                counters.systemDays.removeAll { $0.day < d - 29 }
                counters.systemDays.append(today)
            }
            counters.streak = jobs > 0 && today.failures == 0 ? counters.streak + 1 : 0
            market?.providers[index] = counters
        }
    }
}
