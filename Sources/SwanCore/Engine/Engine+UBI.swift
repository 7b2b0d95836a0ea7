extension Engine {
    /// Day start at t0(d) (RULES.md §11.2): dynamic C_base, then UBI assignment.
    func dayStartSteps(_ d: Int64, at t: Int64) throws(EngineError) {
        if parameters.dynamicCBase {
            let cuTotal = activeWeightedCU()
            let old = ledger.state.cBaseAtto
            let new = DynamicBaseCollateral.recompute(cuTotal: cuTotal, cuFloorDeci: parameters.cuFloorDeci,
                                                      cTotal: ledger.state.cTotalAtto, b: parameters.b)
            try emit(Entry(day: d, time: t, kind: .param, origin: .engine, amountAtto: new, reason: .cBase,
                           payload: .param(old: old, new: new, cuTotal: cuTotal)))
        }
        try behaviourSteps(d, at: t)
        for index in providers.indices {
            providers[index].ubi = nil
            let id = providers[index].spec.id
            if status(index) == .active {
                try assignUBI(index, day: d, at: t)
            } else if !directives.isEmpty, let directive = directives[id]?[d] {
                try reject(.ubiOutcome, reason: .notAssigned, at: t, origin: .script, scriptIndex: Int64(directive.1), provider: id)
            }
        }
        for directive in directivesByDay[d] ?? [] where providerIndexByID[directive.provider] == nil {
            try reject(.ubiOutcome, reason: .unknownProvider, at: t, origin: .script,
                       scriptIndex: Int64(directive.scriptIndex), provider: directive.provider)
        }
        try publishQuote(d, at: t)
    }

    /// Σ wcu over providers whose status is active now.
    func activeWeightedCU() -> Int128 {
        var total: Int128 = 0
        for index in providers.indices where status(index) == .active { total += providers[index].weightedCU }
        return total
    }

    /// due(j) = t0(d) + ⌊(j+1)·86400/n⌋ − 1 (RULES.md §6.1).
    static func ubiDue(day d: Int64, task j: Int64, of n: Int64) -> Int64 {
        dayStart(d) + (j + 1) * 86_400 / n - 1
    }

    private func assignUBI(_ index: Int, day d: Int64, at t: Int64) throws(EngineError) {
        let spec = providers[index].spec
        let n = parameters.tasksPerDay(spec.kind)
        var failing = [Bool](repeating: false, count: Int(n))
        if !directives.isEmpty, let (set, _) = directives[spec.id]?[d] {
            switch set {
            case .count(let count): for j in 0..<Int(min(count, n)) { failing[j] = true }
            case .indices(let indices): for j in indices where j < n { failing[Int(j)] = true }
            }
        } else if spec.ubiFailureRateWad > 0 {
            for j in 0..<Int(n) {
                let h = CounterRandom.draw(seed: scenario.seed, stream: CounterRandom.Stream.ubiOutcome.rawValue,
                                           UInt64(index), UInt64(d), UInt64(j))
                failing[j] = CounterRandom.unit(h) < spec.ubiFailureRateWad
            }
        }
        providers[index].ubi = ProviderRuntime.UBIDay(day: d, n: n, failing: failing)
        let failingCount = Int64(failing.reduce(0) { $0 + ($1 ? 1 : 0) })
        try emit(Entry(day: d, time: t, kind: .ubiAssign, origin: .engine, provider: spec.id, providerIndex: Int32(index),
                       payload: .ubiAssign(n: n, failing: failingCount)))
        // Successful tasks produce no entry (RULES.md §6.3), so only failures are scheduled,
        // except under the ladder, where a pass resets the strike counter (§9).
        let ladder = parameters.ubiFailureMode == .benchmarkLadder
        for j in 0..<n where failing[Int(j)] || ladder {
            queue.push(.ubiDue(provider: index, task: j, day: d, at: Self.ubiDue(day: d, task: j, of: n)))
        }
    }

    /// UBI tasks of today not yet settled at time t (an exit's `ubi_voided`).
    func unsettledUBITasks(_ index: Int, at t: Int64) -> Int64 {
        guard let ubi = providers[index].ubi, ubi.day == day, !ubi.voided else { return 0 }
        return (0..<ubi.n).filter { Self.ubiDue(day: ubi.day, task: $0, of: ubi.n) >= t }.count.asInt64
    }

    /// A failed UBI task falls due (RULES.md §6.3).
    func settleUBI(provider index: Int, task j: Int64, day d: Int64, at t: Int64) throws(EngineError) {
        guard let ubi = providers[index].ubi, ubi.day == d, !ubi.voided, !providers[index].isTerminal else { return }
        if parameters.ubiFailureMode == .benchmarkLadder {
            return try settleBenchmark(index, passed: !ubi.failing[Int(j)], at: t)
        }
        let amount: Int128
        switch parameters.ubiFailureMode {
        case .rateSlash:
            let rate = providers[index].spec.kind == .ecp ? parameters.slashRatioECP : parameters.slashRatioFCP
            amount = try ratio(try required(index), rate)
        case .cBaseSlash:
            amount = try ratio(ledger.state.cBaseAtto, parameters.ubiSlashCBaseMultiple)
        case .none, .benchmarkLadder:
            amount = 0
        }
        providers[index].ubi?.failed += 1
        let split = slashSplit(index, amount)
        try emit(Entry(day: d, time: t, kind: .ubiFail, origin: .engine, provider: providers[index].spec.id,
                       providerIndex: Int32(index), amountAtto: amount, transfers: slashTransfers(index, split),
                       payload: .ubiFail(j: j, split)))
    }

    func ratio(_ amount: Int128, _ wad: Int128) throws(EngineError) -> Int128 {
        do {
            return try Arithmetic.applyRatio(amount, wad)
        } catch {
            throw .overflow("applyRatio")
        }
    }

    /// Day close at tc(d) (RULES.md §11.4): UBI distribution, `ubi_day`, `day_close`.
    func dayCloseSteps(_ d: Int64) throws(EngineError) {
        let t = Self.dayClose(d)
        let assigned = providers.indices.filter { providers[$0].ubi?.day == d }
        let (tDay, tTotal) = parameters.utilisationPaidGPUHours ? utilisation(d, assigned: assigned) : (0, 0)
        let u = tTotal == 0 ? 0 : min(1.0, Double(tDay) / Double(tTotal))
        let x = d + parameters.dayOffset
        let yMilli = parameters.yMilli(x: x, u: u)
        let y = Int128(yMilli) * 1_000_000_000_000_000
        let yEffective = min(y, balance(.ubiPool))
        let eligible = assigned.filter { status($0) == .active }
        let total = eligible.reduce(Int128(0)) { $0 + weightedCU($1) }
        var paid: Int128 = 0
        for index in eligible {
            guard let ubi = providers[index].ubi, total > 0 else { continue }
            let completed = ubi.n - ubi.failed
            let weight = weightedCU(index)
            let pay: Int128
            do {
                pay = try Arithmetic.muldiv(yEffective, weight * Int128(completed), total * Int128(ubi.n))
            } catch {
                throw .overflow("UBI share")
            }
            guard pay > 0 else { continue }
            paid += pay
            try emit(Entry(day: d, time: t, kind: .ubiPay, origin: .engine, provider: providers[index].spec.id,
                           providerIndex: Int32(index), amountAtto: pay,
                           transfers: TransferList([Transfer(debit: .ubiPool, credit: providers[index].wallet, amountAtto: pay)]),
                           payload: .ubiPay(n: ubi.n, completed: completed, w: weight, wTotal: total)))
        }
        try emit(Entry(day: d, time: t, kind: .ubiDay, origin: .engine, amountAtto: yEffective, payload: .ubiDay(UBIDayFigures(
            x: x, yMilli: yMilli, tDay: tDay, tTotal: tTotal, wTotal: total, eligible: Int64(eligible.count), paidTotalAtto: paid))))
        if market != nil {
            try reputationStep(d, at: t)
            recordUsage(d)
        }
        closeTaskDay()
        try emit(Entry(day: d, time: t, kind: .dayClose, origin: .engine, payload: .dayClose(day: d)))
    }

    /// T_day and T_total of RULES.md §6.5, with the catalog as of the close: every task that
    /// ran at some time of the day (still running, or settled today).
    private func utilisation(_ d: Int64, assigned: [Int]) -> (Int128, Int128) {
        let start = Self.dayStart(d), end = start + 86_400
        var tDay: Int128 = 0
        // Every unit of paid work of the day: v1 tasks, and in a market run auction jobs (RULES-MARKET M7).
        forEachWorkOfToday { gpuCount, from, until, p, model in
            let overlap = min(until ?? end, end) - max(from, start)
            guard overlap > 0 else { return }
            let cu = Int128(ledger.state.cuDeci[Int(model)])
            tDay += Int128(overlap) * Int128(gpuCount) * cu * parameters.requirement.weightWad(providers[p].spec.kind)
        }
        let tTotal = Int128(86_400) * assigned.reduce(Int128(0)) { $0 + weightedCU($1) }
        return (tDay, tTotal)
    }
}

extension Int {
    var asInt64: Int64 { Int64(self) }
}
