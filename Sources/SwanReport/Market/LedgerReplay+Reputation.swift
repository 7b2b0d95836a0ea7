import SwanCore

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
        guard let parameters = market?.parameters else { return }
        let d = entry.day
        var scored: [Int] = []
        var inputs: [ReputationDay.Inputs] = []
        let evaluation = d * 86_400
        for p in providers.indices {
            recordSystemDay(p, day: d)
            guard !providers[p].isTerminal, providers[p].status != .none, let view = market?.providers[p] else { continue }
            var s7: Int64 = 50, s30: Int64 = 50
            for day in view.systemDays {
                if day.day >= max(1, d - 29) { s30 = walk(s30, day.outcomes) }
                if day.day >= max(1, d - 6) { s7 = walk(s7, day.outcomes) }
            }
            scored.append(p)
            inputs.append(ReputationDay.Inputs(
                registeredAt: providers[p].registeredTime,
                activeSeconds: view.activeSeconds + (view.activeSince.map { evaluation - $0 } ?? 0), s7: s7, s30: s30,
                sAll: view.sAll, systemOK: view.systemOK, systemFailed: view.systemFailed, streak: view.streak,
                userOK: view.userOK, userFailed: view.userFailed, refunds: view.refunds))
        }
        let expected = ReputationDay.score(inputs, evaluationTime: evaluation, parameters: parameters)
        let found = market?.reputationsToday ?? []
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
            market?.providers[row.provider].reputation = row.figures.total
            market?.providers[row.provider].lastFigures = row.figures
            market?.providers[row.provider].today.scored = row.figures
        }
        market?.reputationsToday.removeAll()
    }

    /// Today's settled system jobs of provider p (M3.1): its assignment's n tasks minus those
    /// voided by an exit, failing at the positions its failure entries name.
    private func recordSystemDay(_ p: Int, day d: Int64) {
        guard var view = market?.providers[p] else { return }
        var settled: Int64 = 0
        if providers[p].ubiDay == d { settled = max(0, providers[p].ubiN - providers[p].today.ubiVoided) }
        let failing = view.failingToday.filter { $0 < settled }
        view.failingToday.removeAll()
        if settled > 0 {
            let outcomes = (0..<settled).map { !failing.contains($0) }
            view.sAll = walk(view.sAll, outcomes)
            view.systemOK += settled - Int64(failing.count)
            view.systemFailed += Int64(failing.count)
            view.systemDays.removeAll { $0.day < d - 29 }
            view.systemDays.append((d, outcomes))
        }
        view.today.systemOK = settled - Int64(failing.count)
        view.today.systemFailed = Int64(failing.count)
        view.streak = settled > 0 && failing.isEmpty ? view.streak + 1 : 0
        market?.providers[p] = view
    }

    /// The running walk of M3.3 step 1 from `start` (the checker's own, job by job).
    private func walk(_ start: Int64, _ outcomes: [Bool]) -> Int64 {
        var s = start
        for ok in outcomes { s = ok ? min(100, s + 10) : max(0, s - 20) }
        return s
    }
}
