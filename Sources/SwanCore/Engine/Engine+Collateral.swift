extension Engine {
    /// Executes one script operation at time `t` (RULES.md §5, §7, §8, §11.3).
    func perform(_ op: ScriptOperation, at t: Int64) throws(EngineError) {
        let origin = EntryOrigin.script
        let index = Int64(op.index)
        switch op.action {
        case .grant(let account, let amount):
            try grant(account, amount, at: t, scriptIndex: index)
        case .register(let spec):
            try register(spec, at: t, origin: origin, scriptIndex: index)
        case .deposit(let id, let amount):
            guard let p = try known(id, .deposit, amount, t, index) else { return }
            guard balance(providers[p].wallet) >= amount else {
                return try reject(.deposit, reason: .insufficientWallet, at: t, origin: origin, scriptIndex: index, provider: id, amount: amount)
            }
            try move(.deposit, p, amount, from: providers[p].wallet, to: providers[p].free, at: t, scriptIndex: index)
        case .withdraw(let id, let amount):
            guard let p = try known(id, .withdraw, amount, t, index) else { return }
            guard balance(providers[p].free) >= amount else {
                return try reject(.withdraw, reason: .insufficientFree, at: t, origin: origin, scriptIndex: index, provider: id, amount: amount)
            }
            try move(.withdraw, p, amount, from: providers[p].free, to: providers[p].wallet, at: t, scriptIndex: index)
        case .lock(let id, let amount):
            guard let p = try known(id, .lock, amount, t, index) else { return }
            guard !providers[p].isTerminal else {
                return try reject(.lock, reason: .exited, at: t, origin: origin, scriptIndex: index, provider: id, amount: amount)
            }
            guard balance(providers[p].free) >= amount else {
                return try reject(.lock, reason: .insufficientFree, at: t, origin: origin, scriptIndex: index, provider: id, amount: amount)
            }
            try move(.lock, p, amount, from: providers[p].free, to: providers[p].escrow, at: t, scriptIndex: index)
        case .unlock(let id, let amount):
            guard let p = try known(id, .unlock, amount, t, index) else { return }
            let moved = min(amount, balance(providers[p].escrow))
            var transfers = TransferList()
            transfers.appendIfPositive(providers[p].escrow, providers[p].free, moved)
            try emit(Entry(day: day, time: t, kind: .unlock, origin: origin, scriptIndex: index, provider: id,
                           providerIndex: Int32(p), amountAtto: amount, transfers: transfers, payload: .unlock(movedAtto: moved)))
        case .slash(let id, let amount, let reason):
            guard let p = try known(id, .slash, amount, t, index) else { return }
            guard !providers[p].isTerminal else {
                return try reject(.slash, reason: .exited, at: t, origin: origin, scriptIndex: index, provider: id, amount: amount)
            }
            let split = slashSplit(p, amount)
            try emit(Entry(day: day, time: t, kind: .slash, origin: origin, scriptIndex: index, provider: id, providerIndex: Int32(p),
                           amountAtto: amount, reason: .text(reason), transfers: slashTransfers(p, split), payload: .slash(split)))
        case .requestWithdraw(let id, let amount):
            guard let p = try known(id, .requestWithdraw, amount, t, index) else { return }
            guard balance(providers[p].escrow) >= amount else {
                return try reject(.requestWithdraw, reason: .insufficientEscrow, at: t, origin: origin, scriptIndex: index,
                                  provider: id, amount: amount)
            }
            try requestWithdraw(p, amount, at: t, origin: origin, scriptIndex: index)
        case .confirmWithdraw(let id):
            guard let p = try known(id, .confirmWithdraw, nil, t, index) else { return }
            try confirmWithdraw(p, at: t, origin: origin, scriptIndex: index)
        case .cancelWithdraw(let id):
            guard let p = try known(id, .cancelWithdraw, nil, t, index) else { return }
            try cancelWithdraw(p, at: t, origin: origin, scriptIndex: index)
        case .exit(let id):
            guard let p = try known(id, .exit, nil, t, index) else { return }
            try exit(p, at: t, origin: origin, scriptIndex: index)
        case .oracleSetCU(let name, let deci):
            guard let model = ledger.state.modelID(named: name) else { return }
            let old = ledger.state.cuDeci[Int(model)]
            try emit(Entry(day: day, time: t, kind: .param, origin: origin, scriptIndex: index, reason: .cu(model),
                           payload: .param(old: Int128(old), new: Int128(deci), cuTotal: nil)))
        case .oracleSetCBase(let amount):
            try emit(Entry(day: day, time: t, kind: .param, origin: origin, scriptIndex: index, amountAtto: amount, reason: .cBase,
                           payload: .param(old: ledger.state.cBaseAtto, new: amount, cuTotal: nil)))
        case .oracleSetCTotal(let amount):
            try emit(Entry(day: day, time: t, kind: .param, origin: origin, scriptIndex: index, amountAtto: amount, reason: .cTotal,
                           payload: .param(old: ledger.state.cTotalAtto, new: amount, cuTotal: nil)))
        case .ubiOutcome:
            break  // fixed at assignment (RULES.md §6.2, §11.2 step 3)
        case .taskPost(let post):
            try postTask(post, at: t, origin: origin, scriptIndex: index)
        case .taskAssign(let task, let provider):
            try assignTaskOperation(task, provider: provider, at: t, scriptIndex: index)
        case .taskFail(let task):
            if let k = taskIndexByID[task], tasks[k]?.auction != nil { return try failAuctionOperation(k, at: t, scriptIndex: index) }
            guard let k = taskIndexByID[task], tasks[k]?.state == .running else {
                return try reject(.taskFail, reason: .taskState, at: t, origin: origin, scriptIndex: index, task: task)
            }
            try failTask(k, at: t, origin: origin, scriptIndex: index)
        case .taskCancel(let task):
            if let k = taskIndexByID[task], tasks[k]?.auction != nil { return try cancelAuctionOperation(k, at: t, scriptIndex: index) }
            guard let k = taskIndexByID[task], tasks[k]?.state == .posted else {
                return try reject(.taskCancel, reason: .taskState, at: t, origin: origin, scriptIndex: index, task: task)
            }
            try refundTask(k, reason: .cancelled, at: t, origin: origin, scriptIndex: index)
        case .setPrice(let provider, let price):
            try setPrice(provider, price, at: t, scriptIndex: index)
        case .jobFail(let task, let provider):
            try jobFailOperation(task, provider: provider, at: t, scriptIndex: index)
        }
    }

    /// The provider's index, or nil after an `unknown_provider` rejection.
    private func known(_ id: String, _ op: OperationName, _ amount: Int128?, _ t: Int64, _ scriptIndex: Int64) throws(EngineError) -> Int? {
        if let index = providerIndexByID[id] { return index }
        try reject(op, reason: .unknownProvider, at: t, origin: .script, scriptIndex: scriptIndex, provider: id, amount: amount)
        return nil
    }

    private func move(_ kind: EntryKind, _ p: Int, _ amount: Int128, from: AccountID, to: AccountID, at t: Int64,
                      scriptIndex: Int64?, origin: EntryOrigin = .script) throws(EngineError) {
        try emit(Entry(day: day, time: t, kind: kind, origin: origin, scriptIndex: scriptIndex, provider: providers[p].spec.id,
                       providerIndex: Int32(p), amountAtto: amount,
                       transfers: TransferList([Transfer(debit: from, credit: to, amountAtto: amount)])))
    }

    private func grant(_ account: String, _ amount: Int128, at t: Int64, scriptIndex: Int64) throws(EngineError) {
        guard let name = AccountName(account) else { return }
        let provider = name.provider
        let user: String? = if case .user(let id) = name { id } else { nil }
        if let provider, providerIndexByID[provider] == nil {
            return try reject(.grant, reason: .unknownProvider, at: t, origin: .script, scriptIndex: scriptIndex,
                              provider: provider, user: user, amount: amount)
        }
        guard balance(.reserve) >= amount else {
            return try reject(.grant, reason: .insufficientReserve, at: t, origin: .script, scriptIndex: scriptIndex,
                              provider: provider, user: user, amount: amount)
        }
        let credit = user.map { userAccount($0) } ?? ledger.account(name)
        try emit(Entry(day: day, time: t, kind: .grant, origin: .script, scriptIndex: scriptIndex, provider: provider,
                       providerIndex: provider.flatMap { providerIndexByID[$0] }.map { Int32($0) } ?? -1, user: user,
                       amountAtto: amount, transfers: TransferList([Transfer(debit: .reserve, credit: credit, amountAtto: amount)])))
    }

    func requestWithdraw(_ p: Int, _ amount: Int128, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let due = t + parameters.withdrawDelaySeconds
        // The ledger state records the request as it folds this entry (`pendingWithdrawal`).
        try emit(Entry(day: day, time: t, kind: .withdrawRequest, origin: origin, scriptIndex: scriptIndex,
                       provider: providers[p].spec.id, providerIndex: Int32(p), amountAtto: amount, payload: .withdrawRequest(due: due)))
    }

    /// Provider `p`'s pending withdrawal, as the ledger state records it (the one copy).
    func pendingWithdrawal(_ p: Int) -> (amount: Int128, due: Int64)? {
        let recorded = ledger.state.providers[p]
        return recorded.pendingAmountAtto.map { ($0, recorded.pendingDue) }
    }

    func confirmWithdraw(_ p: Int, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let id = providers[p].spec.id
        guard let pending = pendingWithdrawal(p) else {
            return try reject(.confirmWithdraw, reason: .noRequest, at: t, origin: origin, scriptIndex: scriptIndex, provider: id)
        }
        guard t >= pending.due else {
            return try reject(.confirmWithdraw, reason: .tooEarly, at: t, origin: origin, scriptIndex: scriptIndex, provider: id)
        }
        guard balance(providers[p].escrow) >= pending.amount else {
            return try reject(.confirmWithdraw, reason: .insufficientEscrow, at: t, origin: origin, scriptIndex: scriptIndex,
                              provider: id)
        }
        try move(.withdrawConfirm, p, pending.amount, from: providers[p].escrow, to: providers[p].wallet, at: t,
                 scriptIndex: scriptIndex, origin: origin)
    }

    func cancelWithdraw(_ p: Int, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let id = providers[p].spec.id
        guard let pending = pendingWithdrawal(p) else {
            return try reject(.cancelWithdraw, reason: .noRequest, at: t, origin: origin, scriptIndex: scriptIndex, provider: id)
        }
        try emit(Entry(day: day, time: t, kind: .withdrawCancel, origin: origin, scriptIndex: scriptIndex, provider: id,
                       providerIndex: Int32(p), amountAtto: pending.amount))
    }

    /// exit(p) (RULES.md §8): unsettled UBI tasks of today become void.
    func exit(_ p: Int, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let id = providers[p].spec.id
        guard !providers[p].isTerminal else {
            return try reject(.exit, reason: .exited, at: t, origin: origin, scriptIndex: scriptIndex, provider: id)
        }
        let voided = unsettledUBITasks(p, at: t)
        providers[p].ubi?.voided = true
        providers[p].ubi?.voidedFrom = t
        providers[p].exited = true
        try emit(Entry(day: day, time: t, kind: .exit, origin: origin, scriptIndex: scriptIndex, provider: id,
                       providerIndex: Int32(p), payload: .exit(ubiVoided: voided)))
    }

    /// The slash procedure of RULES.md §5.3, computed from the balances now.
    func slashSplit(_ p: Int, _ amount: Int128) -> SlashParts {
        let fe = min(amount, balance(providers[p].escrow))
        let rest = amount - fe
        let fb = min(rest, max(balance(providers[p].free), 0))
        return SlashParts(fe: fe, fb: fb, ub: rest - fb)
    }

    /// The transfers of a slash of provider p.
    func slashTransfers(_ p: Int, _ split: SlashParts) -> TransferList {
        split.transfers(escrow: providers[p].escrow, free: providers[p].free)
    }
}
