extension Engine {
    /// Day start step 2 (RULES.md §10.3): exits drawn from stream 6, then top-ups of nsc providers.
    func behaviourSteps(_ d: Int64, at t: Int64) throws(EngineError) {
        for index in providers.indices {
            guard let behaviour = providers[index].spec.behaviour, !providers[index].isTerminal else { continue }
            let h = CounterRandom.draw(seed: scenario.seed, stream: CounterRandom.Stream.behaviour.rawValue,
                                       UInt64(index), UInt64(d), 1)
            if behaviour.exitProbabilityWad > 0 && CounterRandom.unit(h) < behaviour.exitProbabilityWad {
                try exit(index, at: t, origin: .behaviour, scriptIndex: nil)
                queue.push(.exitWithdraw(provider: index, at: t + 86_400))
                continue
            }
            guard let buffer = behaviour.topupBufferWad, providers[index].status == .nsc else { continue }
            let id = providers[index].spec.id
            let target = try ratio(try required(index), buffer)
            let holdings = balance(.providerFree(id)) + balance(.providerEscrow(id))
            let amount = min(balance(.providerWallet(id)), target - holdings)
            guard amount > 0 else { continue }
            try emit(Entry(day: day, time: t, kind: .deposit, origin: .behaviour, provider: id, amountAtto: amount,
                           transfers: [Transfer(debit: .providerWallet(id), credit: .providerFree(id), amountAtto: amount)]))
        }
    }

    /// `exit_withdraw`: withdraw all free collateral, then request the escrow (RULES.md §10.3).
    func exitWithdraw(_ index: Int, at t: Int64) throws(EngineError) {
        try withdrawAllFree(index, at: t)
        let escrow = balance(.providerEscrow(providers[index].spec.id))
        if escrow > 0 {
            try requestWithdraw(index, escrow, at: t, origin: .behaviour, scriptIndex: nil)
            queue.push(.exitConfirm(provider: index, at: t + parameters.withdrawDelaySeconds))
        }
    }

    /// `exit_confirm` (RULES.md §10.3, C5).
    func exitConfirm(_ index: Int, at t: Int64) throws(EngineError) {
        let escrow = balance(.providerEscrow(providers[index].spec.id))
        if let pending = providers[index].pending, escrow >= pending.amount {
            try confirmWithdraw(index, at: t, origin: .behaviour, scriptIndex: nil)
        } else if escrow > 0 {
            try requestWithdraw(index, escrow, at: t, origin: .behaviour, scriptIndex: nil)
            queue.push(.exitConfirm(provider: index, at: t + parameters.withdrawDelaySeconds))
        } else {
            try cancelWithdraw(index, at: t, origin: .behaviour, scriptIndex: nil)
        }
        try withdrawAllFree(index, at: t)
    }

    private func withdrawAllFree(_ index: Int, at t: Int64) throws(EngineError) {
        let id = providers[index].spec.id
        let free = balance(.providerFree(id))
        guard free > 0 else { return }
        try emit(Entry(day: day, time: t, kind: .withdraw, origin: .behaviour, provider: id, amountAtto: free,
                       transfers: [Transfer(debit: .providerFree(id), credit: .providerWallet(id), amountAtto: free)]))
    }
}
