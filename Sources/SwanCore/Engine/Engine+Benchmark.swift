extension Engine {
    /// A benchmark falls due under the ladder (RULES.md §9): a pass resets the strikes; a
    /// failure warns and suspends (1), slashes 10 % (2), or slashes 30 % and removes (3).
    func settleBenchmark(_ index: Int, passed: Bool, at t: Int64) throws(EngineError) {
        guard !passed else {
            providers[index].strikes = 0
            return
        }
        providers[index].strikes += 1
        providers[index].ubi?.failed += 1
        let strike = providers[index].strikes
        let provider = providers[index]
        var amount: Int128 = 0
        var suspendedUntil: Int64?
        switch strike {
        case 1:
            suspendedUntil = t + parameters.suspensionSeconds
            if let until = suspendedUntil { queue.push(.suspensionEnd(provider: index, at: until)) }
        default:
            let base = parameters.slashBaseHoldings
                ? max(0, balance(provider.free) + balance(provider.escrow)) : try required(index)
            amount = try ratio(base, strike == 2 ? parameters.strike2Ratio : parameters.strike3Ratio)
        }
        let split = slashSplit(index, amount)
        if strike >= 3 {
            providers[index].removed = true
            providers[index].ubi?.voided = true
            providers[index].ubi?.voidedFrom = t + 1
        }
        try emit(Entry(day: day, time: t, kind: .benchmarkFail, origin: .engine, provider: provider.spec.id,
                       providerIndex: Int32(index), amountAtto: amount, transfers: slashTransfers(index, split),
                       payload: .benchmarkFail(strike: strike, split, suspendedUntil: suspendedUntil)))
    }
}
