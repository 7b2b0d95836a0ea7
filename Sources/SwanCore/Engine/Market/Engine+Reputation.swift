extension Engine {
    /// Day-close step 2 (RULES-MARKET M2.2, M3): today's system jobs join each provider's
    /// windows, then one `reputation` entry per scored provider, in provider order.
    func reputationStep(_ d: Int64, at t: Int64) throws(EngineError) {
        guard let market else { return }
        recordSystemJobs(d)
        let evaluation = d * 86_400
        var scored: [Int] = []
        var inputs: [ReputationDay.Inputs] = []
        scored.reserveCapacity(providers.count)
        inputs.reserveCapacity(providers.count)
        let window7 = max(1, d - 6), window30 = max(1, d - 29)
        for index in providers.indices where !providers[index].isTerminal && status(index) != .none {
            var s7: Int64 = 50, s30: Int64 = 50
            for systemDay in market.providers[index].systemDays {
                if systemDay.day >= window30 { s30 = systemDay.walk(from: s30) }
                if systemDay.day >= window7 { s7 = systemDay.walk(from: s7) }
            }
            scored.append(index)
            let c = market.providers[index]
            inputs.append(ReputationDay.Inputs(
                registeredAt: c.registeredAt, activeSeconds: c.activeSeconds(until: evaluation), s7: s7, s30: s30,
                sAll: c.sAll, systemOK: c.systemOK, systemFailed: c.systemFailed, streak: c.streak,
                userOK: c.userOK, userFailed: c.userFailed, refunds: c.refunds))
        }
        let parameters = market.parameters
        let figures = ReputationDay.score(inputs, evaluationTime: evaluation, parameters: parameters)
        for (index, figure) in zip(scored, figures) {
            market.providers[index].reputation = figure.total
            try emit(Entry(day: d, time: t, kind: .reputation, origin: .engine, provider: providers[index].spec.id,
                           providerIndex: Int32(index), payload: .reputation(figure)), reevaluate: false)
        }
    }

    /// Today's settled system jobs (M3.1): the UBI tasks (or the benchmark) of today's
    /// assignment that were not void, in settlement order, failing as assigned.
    private func recordSystemJobs(_ d: Int64) {
        guard let market else { return }
        for index in providers.indices {
            var today = SystemDay(day: d)
            if let ubi = providers[index].ubi, ubi.day == d {
                for j in 0..<ubi.n {
                    if let voidFrom = ubi.voidedFrom, Self.ubiDue(day: d, task: j, of: ubi.n) >= voidFrom { break }
                    today.record(success: !ubi.failing[Int(j)])
                }
            }
            let jobs = today.jobs
            if jobs > 0 {
                market.providers[index].sAll = today.walk(from: market.providers[index].sAll)
                market.providers[index].systemOK += jobs - today.failures
                market.providers[index].systemFailed += today.failures
                if let oldest = market.providers[index].systemDays.first, oldest.day < d - 29 {
                    market.providers[index].systemDays.removeFirst()
                }
                market.providers[index].systemDays.append(today)
            }
            market.providers[index].streak = jobs > 0 && today.failures == 0 ? market.providers[index].streak + 1 : 0
        }
    }

}
