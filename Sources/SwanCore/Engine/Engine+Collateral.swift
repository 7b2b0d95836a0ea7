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
            guard try known(id, "deposit", amount, t, index) != nil else { return }
            guard balance(.providerWallet(id)) >= amount else {
                return try reject("deposit", reason: .insufficientWallet, at: t, origin: origin, scriptIndex: index, provider: id, amount: amount)
            }
            try move(.deposit, id, amount, from: .providerWallet(id), to: .providerFree(id), at: t, scriptIndex: index)
        case .withdraw(let id, let amount):
            guard try known(id, "withdraw", amount, t, index) != nil else { return }
            guard balance(.providerFree(id)) >= amount else {
                return try reject("withdraw", reason: .insufficientFree, at: t, origin: origin, scriptIndex: index, provider: id, amount: amount)
            }
            try move(.withdraw, id, amount, from: .providerFree(id), to: .providerWallet(id), at: t, scriptIndex: index)
        case .lock(let id, let amount):
            guard let p = try known(id, "lock", amount, t, index) else { return }
            guard !providers[p].isTerminal else {
                return try reject("lock", reason: .exited, at: t, origin: origin, scriptIndex: index, provider: id, amount: amount)
            }
            guard balance(.providerFree(id)) >= amount else {
                return try reject("lock", reason: .insufficientFree, at: t, origin: origin, scriptIndex: index, provider: id, amount: amount)
            }
            try move(.lock, id, amount, from: .providerFree(id), to: .providerEscrow(id), at: t, scriptIndex: index)
        case .unlock(let id, let amount):
            guard try known(id, "unlock", amount, t, index) != nil else { return }
            let moved = min(amount, balance(.providerEscrow(id)))
            try emit(Entry(day: day, time: t, kind: .unlock, origin: origin, scriptIndex: index, provider: id, amountAtto: amount,
                           transfers: moved > 0 ? [Transfer(debit: .providerEscrow(id), credit: .providerFree(id), amountAtto: moved)] : [],
                           payload: [PayloadField("moved", .integer(moved))]))
        case .slash(let id, let amount, let reason):
            guard let p = try known(id, "slash", amount, t, index) else { return }
            guard !providers[p].isTerminal else {
                return try reject("slash", reason: .exited, at: t, origin: origin, scriptIndex: index, provider: id, amount: amount)
            }
            let split = slashSplit(id, amount)
            try emit(Entry(day: day, time: t, kind: .slash, origin: origin, scriptIndex: index, provider: id, amountAtto: amount,
                           reason: reason, transfers: split.transfers(id), payload: split.payload))
        case .requestWithdraw(let id, let amount):
            guard let p = try known(id, "request_withdraw", amount, t, index) else { return }
            guard balance(.providerEscrow(id)) >= amount else {
                return try reject("request_withdraw", reason: .insufficientEscrow, at: t, origin: origin, scriptIndex: index, provider: id, amount: amount)
            }
            try requestWithdraw(p, amount, at: t, origin: origin, scriptIndex: index)
        case .confirmWithdraw(let id):
            guard let p = try known(id, "confirm_withdraw", nil, t, index) else { return }
            try confirmWithdraw(p, at: t, origin: origin, scriptIndex: index)
        case .cancelWithdraw(let id):
            guard let p = try known(id, "cancel_withdraw", nil, t, index) else { return }
            try cancelWithdraw(p, at: t, origin: origin, scriptIndex: index)
        case .exit(let id):
            guard let p = try known(id, "exit", nil, t, index) else { return }
            try exit(p, at: t, origin: origin, scriptIndex: index)
        case .oracleSetCU(let model, let deci):
            let old = catalog.setCU(model, deci: deci) ?? 0
            try emit(Entry(day: day, time: t, kind: .param, origin: origin, scriptIndex: index, reason: "cu:" + model, payload: [
                PayloadField("old", .integer(Int128(old))), PayloadField("new", .integer(Int128(deci))), PayloadField("cu_total", .null),
            ]))
        case .oracleSetCBase(let amount):
            let old = cBase
            cBase = amount
            try emit(Entry(day: day, time: t, kind: .param, origin: origin, scriptIndex: index, amountAtto: amount, reason: "c_base",
                           payload: [PayloadField("old", .integer(old)), PayloadField("new", .integer(amount)), PayloadField("cu_total", .null)]))
        case .oracleSetCTotal(let amount):
            let old = cTotal
            cTotal = amount
            try emit(Entry(day: day, time: t, kind: .param, origin: origin, scriptIndex: index, amountAtto: amount, reason: "c_total",
                           payload: [PayloadField("old", .integer(old)), PayloadField("new", .integer(amount)), PayloadField("cu_total", .null)]))
        case .ubiOutcome:
            break  // fixed at assignment (RULES.md §6.2, §11.2 step 3)
        case .taskPost(let post):
            try postTask(post, at: t, origin: origin, scriptIndex: index)
        case .taskAssign(let task, let provider):
            try assignTaskOperation(task, provider: provider, at: t, scriptIndex: index)
        case .taskFail(let task):
            guard let k = taskIndexByID[task], tasks[k].state == .running else {
                return try reject("task_fail", reason: .taskState, at: t, origin: origin, scriptIndex: index, task: task)
            }
            try failTask(k, at: t, origin: origin, scriptIndex: index)
        case .taskCancel(let task):
            guard let k = taskIndexByID[task], tasks[k].state == .posted else {
                return try reject("task_cancel", reason: .taskState, at: t, origin: origin, scriptIndex: index, task: task)
            }
            try refundTask(k, reason: "cancelled", at: t, origin: origin, scriptIndex: index)
        }
    }

    /// The provider's index, or nil after an `unknown_provider` rejection.
    private func known(_ id: String, _ op: String, _ amount: Int128?, _ t: Int64, _ scriptIndex: Int64) throws(EngineError) -> Int? {
        if let index = providerIndexByID[id] { return index }
        try reject(op, reason: .unknownProvider, at: t, origin: .script, scriptIndex: scriptIndex, provider: id, amount: amount)
        return nil
    }

    private func move(_ kind: EntryKind, _ id: String, _ amount: Int128, from: AccountName, to: AccountName, at t: Int64,
                      scriptIndex: Int64?, origin: EntryOrigin = .script) throws(EngineError) {
        try emit(Entry(day: day, time: t, kind: kind, origin: origin, scriptIndex: scriptIndex, provider: id, amountAtto: amount,
                       transfers: [Transfer(debit: from, credit: to, amountAtto: amount)]))
    }

    private func grant(_ account: String, _ amount: Int128, at t: Int64, scriptIndex: Int64) throws(EngineError) {
        guard let name = AccountName(account) else { return }
        let provider = name.provider
        let user: String? = if case .user(let id) = name { id } else { nil }
        if let provider, providerIndexByID[provider] == nil {
            return try reject("grant", reason: .unknownProvider, at: t, origin: .script, scriptIndex: scriptIndex,
                              provider: provider, user: user, amount: amount)
        }
        guard balance(.reserve) >= amount else {
            return try reject("grant", reason: .insufficientReserve, at: t, origin: .script, scriptIndex: scriptIndex,
                              provider: provider, user: user, amount: amount)
        }
        try emit(Entry(day: day, time: t, kind: .grant, origin: .script, scriptIndex: scriptIndex, provider: provider, user: user,
                       amountAtto: amount, transfers: [Transfer(debit: .reserve, credit: name, amountAtto: amount)]))
    }

    func requestWithdraw(_ p: Int, _ amount: Int128, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let due = t + parameters.withdrawDelaySeconds
        providers[p].pending = (amount, due)
        try emit(Entry(day: day, time: t, kind: .withdrawRequest, origin: origin, scriptIndex: scriptIndex,
                       provider: providers[p].spec.id, amountAtto: amount, payload: [PayloadField("due", .integer(Int128(due)))]))
    }

    func confirmWithdraw(_ p: Int, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let id = providers[p].spec.id
        guard let pending = providers[p].pending else {
            return try reject("confirm_withdraw", reason: .noRequest, at: t, origin: origin, scriptIndex: scriptIndex, provider: id)
        }
        guard t >= pending.due else {
            return try reject("confirm_withdraw", reason: .tooEarly, at: t, origin: origin, scriptIndex: scriptIndex, provider: id)
        }
        guard balance(.providerEscrow(id)) >= pending.amount else {
            return try reject("confirm_withdraw", reason: .insufficientEscrow, at: t, origin: origin, scriptIndex: scriptIndex,
                              provider: id)
        }
        providers[p].pending = nil
        try move(.withdrawConfirm, id, pending.amount, from: .providerEscrow(id), to: .providerWallet(id), at: t,
                 scriptIndex: scriptIndex, origin: origin)
    }

    func cancelWithdraw(_ p: Int, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let id = providers[p].spec.id
        guard let pending = providers[p].pending else {
            return try reject("cancel_withdraw", reason: .noRequest, at: t, origin: origin, scriptIndex: scriptIndex, provider: id)
        }
        providers[p].pending = nil
        try emit(Entry(day: day, time: t, kind: .withdrawCancel, origin: origin, scriptIndex: scriptIndex, provider: id,
                       amountAtto: pending.amount))
    }

    /// exit(p) (RULES.md §8): unsettled UBI tasks of today become void.
    func exit(_ p: Int, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let id = providers[p].spec.id
        guard !providers[p].isTerminal else {
            return try reject("exit", reason: .exited, at: t, origin: origin, scriptIndex: scriptIndex, provider: id)
        }
        let voided = unsettledUBITasks(p, at: t)
        providers[p].ubi?.voided = true
        providers[p].exited = true
        try emit(Entry(day: day, time: t, kind: .exit, origin: origin, scriptIndex: scriptIndex, provider: id,
                       payload: [PayloadField("ubi_voided", .integer(Int128(voided)))]))
    }

    /// The slash procedure of RULES.md §5.3, computed from the balances now.
    func slashSplit(_ id: String, _ amount: Int128) -> SlashSplit {
        let fe = min(amount, balance(.providerEscrow(id)))
        let rest = amount - fe
        let fb = min(rest, max(balance(.providerFree(id)), 0))
        return SlashSplit(fe: fe, fb: fb, ub: rest - fb)
    }
}

/// The three parts of a slash (RULES.md §5.3).
struct SlashSplit {
    var fe: Int128
    var fb: Int128
    var ub: Int128

    var total: Int128 { fe + fb + ub }

    /// escrow → slashed_funds fe, free → slashed_funds fb, free → slash_debt ub; zeros omitted.
    func transfers(_ id: String) -> [Transfer] {
        var out: [Transfer] = []
        if fe > 0 { out.append(Transfer(debit: .providerEscrow(id), credit: .slashedFunds, amountAtto: fe)) }
        if fb > 0 { out.append(Transfer(debit: .providerFree(id), credit: .slashedFunds, amountAtto: fb)) }
        if ub > 0 { out.append(Transfer(debit: .providerFree(id), credit: .slashDebt, amountAtto: ub)) }
        return out
    }

    var payload: [PayloadField] {
        [PayloadField("fe", .integer(fe)), PayloadField("fb", .integer(fb)), PayloadField("ub", .integer(ub))]
    }
}
