extension Engine {
    /// Block 0 (RULES.md §11.1): supply, pool and treasury grants, users, provider registrations.
    func genesis() throws(EngineError) {
        let supply = parameters.supplyTotal
        try emit(Entry(day: 0, time: 0, kind: .genesis, origin: .genesis, amountAtto: supply,
                       transfers: [Transfer(debit: .genesis, credit: .reserve, amountAtto: supply)]))
        for (account, amount) in [(AccountName.ubiPool, parameters.ubiPoolGrant), (.treasury, parameters.treasuryGrant)]
        where amount > 0 {
            try emit(Entry(day: 0, time: 0, kind: .grant, origin: .genesis, amountAtto: amount,
                           transfers: [Transfer(debit: .reserve, credit: account, amountAtto: amount)]))
        }
        for user in scenario.users where user.balanceAtto > 0 {
            try emit(Entry(day: 0, time: 0, kind: .grant, origin: .genesis, user: user.id, amountAtto: user.balanceAtto,
                           transfers: [Transfer(debit: .reserve, credit: .user(user.id), amountAtto: user.balanceAtto)]))
        }
        for spec in scenario.providers {
            try register(spec, at: 0, origin: .genesis, scriptIndex: nil)
        }
        try emit(Entry(day: 0, time: 0, kind: .dayClose, origin: .genesis, payload: [PayloadField("day", .integer(0))]))
    }

    /// The registration sequence: `register`, the wallet grant, the collateral deposit, one evaluation.
    func register(_ spec: ProviderSpec, at time: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let grant = spec.walletAtto + spec.collateralAtto
        guard balance(.reserve) >= grant else {
            try reject("register", reason: .insufficientReserve, at: time, origin: origin, scriptIndex: scriptIndex,
                       provider: spec.id, amount: grant)
            return
        }
        let index = providers.count
        providers.append(ProviderRuntime(spec: spec, index: index))
        providerIndexByID[spec.id] = index
        let cards = PayloadValue.list(spec.cards.map { .list([.text($0.model), .integer(Int128($0.count))]) })
        let registerSeq = try emit(Entry(day: day, time: time, kind: .register, origin: origin, scriptIndex: scriptIndex,
                                         provider: spec.id, payload: [
                                             PayloadField("kind", .text(spec.kind.rawValue)), PayloadField("cards", cards),
                                             PayloadField("ubi_failure_rate", .integer(spec.ubiFailureRateWad)),
                                             PayloadField("task_failure_rate", .integer(spec.taskFailureRateWad)),
                                         ]), reevaluate: false)
        if grant > 0 {
            try emit(Entry(day: day, time: time, kind: .grant, origin: origin, scriptIndex: scriptIndex, provider: spec.id,
                           amountAtto: grant,
                           transfers: [Transfer(debit: .reserve, credit: .providerWallet(spec.id), amountAtto: grant)]),
                     reevaluate: false)
        }
        if spec.collateralAtto > 0 {
            try emit(Entry(day: day, time: time, kind: .deposit, origin: origin, scriptIndex: scriptIndex, provider: spec.id,
                           amountAtto: spec.collateralAtto,
                           transfers: [Transfer(debit: .providerWallet(spec.id), credit: .providerFree(spec.id),
                                                amountAtto: spec.collateralAtto)]),
                     reevaluate: false)
        }
        try reevaluate([index], at: time, reason: EntryKind.register.rawValue, cause: registerSeq)
    }

    /// Appends an `op_rejected` entry (RULES.md §12); it has no transfers and changes nothing.
    func reject(_ op: String, reason: RejectionReason, at time: Int64, origin: EntryOrigin, scriptIndex: Int64?,
                provider: String? = nil, task: String? = nil, user: String? = nil, amount: Int128? = nil) throws(EngineError) {
        try emit(Entry(day: day, time: time, kind: .opRejected, origin: origin, scriptIndex: scriptIndex, provider: provider,
                       task: task, user: user, amountAtto: amount, reason: reason.rawValue,
                       payload: [PayloadField("op", .text(op))]), reevaluate: false)
    }
}
