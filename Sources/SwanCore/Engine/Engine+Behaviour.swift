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
            guard let buffer = behaviour.topupBufferWad, status(index) == .nsc else { continue }
            let provider = providers[index]
            let target = try ratio(try required(index), buffer)
            let holdings = balance(provider.free) + balance(provider.escrow)
            let amount = min(balance(provider.wallet), target - holdings)
            guard amount > 0 else { continue }
            try emit(Entry(day: day, time: t, kind: .deposit, origin: .behaviour, provider: provider.spec.id,
                           providerIndex: Int32(index), amountAtto: amount,
                           transfers: TransferList([Transfer(debit: provider.wallet, credit: provider.free, amountAtto: amount)])))
        }
    }

    /// `exit_withdraw`: withdraw all free collateral, then request the escrow (RULES.md §10.3).
    func exitWithdraw(_ index: Int, at t: Int64) throws(EngineError) {
        try withdrawAllFree(index, at: t)
        let escrow = balance(providers[index].escrow)
        if escrow > 0 {
            try requestWithdraw(index, escrow, at: t, origin: .behaviour, scriptIndex: nil)
            queue.push(.exitConfirm(provider: index, at: t + parameters.withdrawDelaySeconds))
        }
    }

    /// `exit_confirm` (RULES.md §10.3, C5).
    func exitConfirm(_ index: Int, at t: Int64) throws(EngineError) {
        let escrow = balance(providers[index].escrow)
        if let pending = pendingWithdrawal(index), escrow >= pending.amount {
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
        let provider = providers[index]
        let free = balance(provider.free)
        guard free > 0 else { return }
        try emit(Entry(day: day, time: t, kind: .withdraw, origin: .behaviour, provider: provider.spec.id,
                       providerIndex: Int32(index), amountAtto: free,
                       transfers: TransferList([Transfer(debit: provider.free, credit: provider.wallet, amountAtto: free)])))
    }
}
