import SwanCore
import SwanTables

/// The checker's reputation (RULES-MARKET M3, invariant I14): its own count of system jobs,
/// user jobs, refunds and active time, scored with the rule of M3.5 and compared with the
/// day's `reputation` entries.
extension LedgerReplay {
    func recordReputation(_ entry: Entry, _ figures: ReputationFigures) {
        guard let p = provider(entry) else {
            return invariants.fail(.reputationRange, seq: entry.seq, "reputation entry without a registered provider")
        }
        market?.reputationsToday.append((entry.seq, p, figures))
    }

    /// At the day's `day_close`: today's system jobs join the windows, the scored providers
    /// are scored, and the day's entries must be exactly those (I14).
    func checkReputations(_ entry: Entry) {
        guard let market else { return }
        let parameters = market.parameters
        let d = entry.day
        var scored: [Int] = []
        var inputs: [ReputationDay.Inputs] = []
        scored.reserveCapacity(providers.count)
        inputs.reserveCapacity(providers.count)
        let evaluation = d * 86_400
        let from30 = max(1, d - 29), from7 = max(1, d - 6)
        for p in providers.indices {
            recordSystemDay(p, day: d)
            guard !providers[p].isTerminal, providers[p].status != .none else { continue }
            var s7: Int64 = 50, s30: Int64 = 50
            for day in market.providers[p].systemDays {
                if day.day >= from30 { s30 = day.walk.apply(s30) }
                if day.day >= from7 { s7 = day.walk.apply(s7) }
            }
            scored.append(p)
            let since = market.providers[p].activeSince
            inputs.append(ReputationDay.Inputs(
                registeredAt: providers[p].registeredTime,
                activeSeconds: market.providers[p].activeSeconds + (since.map { evaluation - $0 } ?? 0), s7: s7, s30: s30,
                sAll: market.providers[p].sAll, systemOK: market.providers[p].systemOK,
                systemFailed: market.providers[p].systemFailed, streak: market.providers[p].streak,
                userOK: market.providers[p].userOK, userFailed: market.providers[p].userFailed, refunds: market.providers[p].refunds))
        }
        let expected = ReputationDay.score(inputs, evaluationTime: evaluation, parameters: parameters)
        let found = market.reputationsToday
        let p100 = Reputation.p100
        for (i, row) in found.enumerated() {
            let f = row.figures
            let inRange = [f.total, f.uptime, f.join, f.system, f.user, f.refund].allSatisfy { (0...p100).contains($0) }
            let weighted = Reputation.total(components: [f.uptime, f.join, f.system, f.user, f.refund],
                                            weights: parameters.reputationWeights)
            if !inRange || weighted != f.total || i >= scored.count || scored[i] != row.provider || expected[i] != f {
                let want = i < expected.count ? Decimal18.render(expected[i].total) : "no entry"
                invariants.fail(.reputationRange, seq: row.seq,
                                "reputation of \(providers[row.provider].id) on day \(d): the ledger gives \(want), the entry \(Decimal18.render(f.total))")
                break
            }
        }
        if found.count != scored.count {
            invariants.fail(.reputationRange, seq: entry.seq, "day \(d) has \(found.count) reputation entries for \(scored.count) scored providers")
        }
        for row in found where providers.indices.contains(row.provider) {
            market.providers[row.provider].reputation = row.figures.total
            market.providers[row.provider].lastFigures = row.figures
            market.providers[row.provider].today.scored = row.figures
        }
        market.reputationsToday.removeAll(keepingCapacity: true)
    }

    /// Today's settled system jobs of provider p (M3.1): its assignment's n tasks minus those
    /// voided by an exit, failing at the positions its failure entries name.
    private func recordSystemDay(_ p: Int, day d: Int64) {
        guard let market else { return }
        var settled: Int64 = 0
        if providers[p].ubiDay == d { settled = max(0, providers[p].ubiN - providers[p].today.ubiVoided) }
        var walk = DayWalk(settled: settled, failing: [])
        if !market.providers[p].failingToday.isEmpty {
            walk.failing = market.providers[p].failingToday.filter { $0 < settled }.sorted()
            market.providers[p].failingToday.removeAll(keepingCapacity: true)
        }
        let failures = Int64(walk.failing.count)
        if settled > 0 {
            market.providers[p].sAll = walk.apply(market.providers[p].sAll)
            market.providers[p].systemOK += settled - failures
            market.providers[p].systemFailed += failures
            if let oldest = market.providers[p].systemDays.first, oldest.day < d - 29 { market.providers[p].systemDays.removeFirst() }
            market.providers[p].systemDays.append((d, walk))
        }
        market.providers[p].today.systemOK = settled - failures
        market.providers[p].today.systemFailed = failures
        market.providers[p].streak = settled > 0 && failures == 0 ? market.providers[p].streak + 1 : 0
    }

}
