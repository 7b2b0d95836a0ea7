extension Engine {
    /// Block 0 (RULES.md §11.1): supply, pool and treasury grants, users, provider registrations.
    func genesis() throws(EngineError) {
        let supply = parameters.supplyTotal
        try emit(Entry(day: 0, time: 0, kind: .genesis, origin: .genesis, amountAtto: supply,
                       transfers: TransferList([Transfer(debit: .genesis, credit: .reserve, amountAtto: supply)])))
        for (account, amount) in [(AccountID.ubiPool, parameters.ubiPoolGrant), (.treasury, parameters.treasuryGrant)]
        where amount > 0 {
            try emit(Entry(day: 0, time: 0, kind: .grant, origin: .genesis, amountAtto: amount,
                           transfers: TransferList([Transfer(debit: .reserve, credit: account, amountAtto: amount)])))
        }
        for user in scenario.users where user.balanceAtto > 0 {
            try emit(Entry(day: 0, time: 0, kind: .grant, origin: .genesis, user: user.id, amountAtto: user.balanceAtto,
                           transfers: TransferList([Transfer(debit: .reserve, credit: userAccount(user.id),
                                                             amountAtto: user.balanceAtto)])))
        }
        for spec in scenario.providers {
            try register(spec, at: 0, origin: .genesis, scriptIndex: nil)
        }
        try emit(Entry(day: 0, time: 0, kind: .dayClose, origin: .genesis, payload: .dayClose(day: 0)))
    }

    /// The registration sequence: `register`, the wallet grant, the collateral deposit, one evaluation.
    func register(_ spec: ProviderSpec, at time: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let grant = spec.walletAtto + spec.collateralAtto
        guard balance(.reserve) >= grant else {
            try reject(.register, reason: .insufficientReserve, at: time, origin: origin, scriptIndex: scriptIndex,
                       provider: spec.id, amount: grant)
            return
        }
        let index = providers.count
        let cards = spec.cards.map { card in
            CardCount(model: ledger.state.modelID(named: card.model) ?? 0, count: card.count)
        }
        providers.append(ProviderRuntime(
            spec: spec, index: index, wallet: ledger.account(.providerWallet(spec.id)), free: ledger.account(.providerFree(spec.id)),
            escrow: ledger.account(.providerEscrow(spec.id)), cards: cards))
        providerIndexByID[spec.id] = index
        providers[index].weightedCU = computeWeightedCU(index)
        providers[index].required = computeRequired(index)
        let provider = providers[index]
        let registerSeq = try emit(Entry(day: day, time: time, kind: .register, origin: origin, scriptIndex: scriptIndex,
                                         provider: spec.id, providerIndex: Int32(index),
                                         payload: .register(RegisterTerms(kind: spec.kind, cards: cards,
                                                                          ubiFailureRateWad: spec.ubiFailureRateWad,
                                                                          taskFailureRateWad: spec.taskFailureRateWad,
                                                                          askingPriceAtto: spec.askingPriceAtto))),
                                   reevaluate: false)
        if grant > 0 {
            try emit(Entry(day: day, time: time, kind: .grant, origin: origin, scriptIndex: scriptIndex, provider: spec.id,
                           providerIndex: Int32(index), amountAtto: grant,
                           transfers: TransferList([Transfer(debit: .reserve, credit: provider.wallet, amountAtto: grant)])),
                     reevaluate: false)
        }
        if spec.collateralAtto > 0 {
            try emit(Entry(day: day, time: time, kind: .deposit, origin: origin, scriptIndex: scriptIndex, provider: spec.id,
                           providerIndex: Int32(index), amountAtto: spec.collateralAtto,
                           transfers: TransferList([Transfer(debit: provider.wallet, credit: provider.free,
                                                             amountAtto: spec.collateralAtto)])),
                     reevaluate: false)
        }
        try reevaluate([index], at: time, reason: .cause(.register), cause: registerSeq)
    }

    /// Appends an `op_rejected` entry (RULES.md §12); it has no transfers and changes nothing.
    func reject(_ op: OperationName, reason: RejectionReason, at time: Int64, origin: EntryOrigin, scriptIndex: Int64?,
                provider: String? = nil, task: String? = nil, user: String? = nil, amount: Int128? = nil) throws(EngineError) {
        let index = provider.flatMap { providerIndexByID[$0] }.map { Int32($0) } ?? -1
        try emit(Entry(day: day, time: time, kind: .opRejected, origin: origin, scriptIndex: scriptIndex, provider: provider,
                       providerIndex: index, task: task, user: user, amountAtto: amount, reason: .rejected(reason),
                       payload: .opRejected(op)), reevaluate: false)
    }
}
