extension Engine {
    /// `task_post` (RULES.md §7.1).
    func postTask(_ post: ScriptOperation.TaskPost, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        guard balance(.user(post.user)) >= post.rewardAtto else {
            return try reject("task_post", reason: .insufficientUser, at: t, origin: origin, scriptIndex: scriptIndex,
                              task: post.task, user: post.user, amount: post.rewardAtto)
        }
        let k = tasks.count
        tasks.append(TaskRuntime(id: post.task, index: k, origin: origin, user: post.user, reward: post.rewardAtto,
                                 durationSeconds: post.durationSeconds, gpuModel: post.gpuModel, gpuCount: post.gpuCount,
                                 collateral: post.collateralAtto, providerKind: post.providerKind))
        taskIndexByID[post.task] = k
        let assignment: String = switch post.assignment {
        case .auto: "auto"
        case .manual: "manual"
        case .provider(let id): "provider:" + id
        }
        try emit(Entry(day: day, time: t, kind: .taskPost, origin: origin, scriptIndex: scriptIndex, task: post.task,
                       user: post.user, amountAtto: post.rewardAtto,
                       transfers: [Transfer(debit: .user(post.user), credit: .task(post.task), amountAtto: post.rewardAtto)],
                       payload: [
                        PayloadField("duration_s", .integer(Int128(post.durationSeconds))),
                        PayloadField("gpu_model", post.gpuModel.map { .text($0) } ?? .null),
                        PayloadField("gpu_count", .integer(Int128(post.gpuCount))),
                        PayloadField("collateral", .integer(post.collateralAtto)),
                        PayloadField("provider_kind", .text(post.providerKind.rawValue)),
                        PayloadField("assignment", .text(assignment)),
                       ]))
        switch post.assignment {
        case .manual:
            break
        case .provider(let id):
            switch eligibility(id, task: k, at: t) {
            case .success(let choice): try assign(k, to: choice, at: t, origin: origin, scriptIndex: scriptIndex)
            case .failure(let reason):
                try reject("task_post", reason: reason, at: t, origin: origin, scriptIndex: scriptIndex, provider: id, task: post.task)
            }
        case .auto:
            if let choice = automaticChoice(task: k, at: t) {
                try assign(k, to: choice, at: t, origin: origin, scriptIndex: scriptIndex)
            } else {
                try refundTask(k, reason: "no_provider", at: t, origin: origin, scriptIndex: scriptIndex)
            }
        }
    }

    /// A scripted `task_assign` (RULES.md §7.2).
    func assignTaskOperation(_ task: String, provider: String?, at t: Int64, scriptIndex: Int64) throws(EngineError) {
        guard let k = taskIndexByID[task], tasks[k].state == .posted else {
            return try reject("task_assign", reason: .taskState, at: t, origin: .script, scriptIndex: scriptIndex,
                              provider: provider, task: task)
        }
        if let provider {
            switch eligibility(provider, task: k, at: t) {
            case .success(let choice): try assign(k, to: choice, at: t, origin: .script, scriptIndex: scriptIndex)
            case .failure(let reason):
                try reject("task_assign", reason: reason, at: t, origin: .script, scriptIndex: scriptIndex, provider: provider, task: task)
            }
        } else if let choice = automaticChoice(task: k, at: t) {
            try assign(k, to: choice, at: t, origin: .script, scriptIndex: scriptIndex)
        } else {
            try reject("task_assign", reason: .noProvider, at: t, origin: .script, scriptIndex: scriptIndex, task: task)
        }
    }

    /// Where a task can go: the provider, the resolved model and the lock amount.
    struct Placement {
        var provider: Int
        var model: String
        var lock: Int128
    }

    /// The eligibility checks of RULES.md §7.2, in order.
    func eligibility(_ id: String, task k: Int, at t: Int64) -> Result<Placement, RejectionReason> {
        guard let p = providerIndexByID[id] else { return .failure(.unknownProvider) }
        return eligibility(provider: p, task: k)
    }

    /// Checks 2–5 of §7.2 for a registered provider, reading its state in place (no copies:
    /// automatic assignment runs this for every provider).
    func eligibility(provider p: Int, task k: Int) -> Result<Placement, RejectionReason> {
        guard providers[p].status == .active else { return .failure(.notActive) }
        let wantedKind = tasks[k].providerKind
        if wantedKind != .any && wantedKind.rawValue != providers[p].spec.kind.rawValue { return .failure(.kindMismatch) }
        let gpuCount = tasks[k].gpuCount
        func idle(_ card: CardGroup) -> Int64 {
            var busy: Int64 = 0
            for running in providers[p].running where tasks[running].model == card.model { busy += tasks[running].gpuCount }
            return card.count - busy
        }
        let model: String
        if let wanted = tasks[k].gpuModel {
            guard let card = providers[p].spec.cards.first(where: { $0.model == wanted }), idle(card) >= gpuCount else {
                return .failure(.noCapacity)
            }
            model = wanted
        } else {
            guard let first = providers[p].spec.cards.first(where: { idle($0) >= gpuCount }) else { return .failure(.noCapacity) }
            model = first.model
        }
        let lock: Int128
        switch parameters.lockMode {
        case .task: lock = tasks[k].collateral
        case .cBaseMultiple: lock = (try? Arithmetic.applyRatio(cBase, parameters.lockCBaseMultiple)) ?? Int128.max
        }
        guard balance(.providerFree(providers[p].spec.id)) >= lock else { return .failure(.insufficientFree) }
        return .success(Placement(provider: p, model: model, lock: lock))
    }

    /// candidates[uniform(draw(seed, 4, task, 0, 0), |candidates|)] over eligible providers in order.
    func automaticChoice(task k: Int, at t: Int64) -> Placement? {
        var candidates: [Placement] = []
        for p in providers.indices {
            if case .success(let placement) = eligibility(provider: p, task: k) { candidates.append(placement) }
        }
        guard !candidates.isEmpty else { return nil }
        let h = CounterRandom.draw(seed: scenario.seed, stream: CounterRandom.Stream.automaticAssignment.rawValue, UInt64(k), 0, 0)
        return candidates[Int(CounterRandom.uniform(h, UInt64(candidates.count)))]
    }

    /// `task_assign`: lock L, start running, fix the outcome, schedule the end.
    private func assign(_ k: Int, to placement: Placement, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let p = placement.provider
        let id = providers[p].spec.id
        let end = t + tasks[k].durationSeconds
        tasks[k].state = .running
        tasks[k].provider = p
        tasks[k].model = placement.model
        tasks[k].lock = placement.lock
        tasks[k].end = end
        tasks[k].assignedTime = t
        let h = CounterRandom.draw(seed: scenario.seed, stream: CounterRandom.Stream.paidTaskOutcome.rawValue, UInt64(k), 0, 0)
        tasks[k].fails = CounterRandom.unit(h) < providers[p].spec.taskFailureRateWad
        providers[p].running.append(k)
        try emit(Entry(day: day, time: t, kind: .taskAssign, origin: origin, scriptIndex: scriptIndex, provider: id,
                       task: tasks[k].id, amountAtto: placement.lock,
                       transfers: placement.lock > 0
                        ? [Transfer(debit: .providerFree(id), credit: .providerEscrow(id), amountAtto: placement.lock)] : [],
                       payload: [PayloadField("model", .text(placement.model)), PayloadField("end", .integer(Int128(end)))]))
        queue.push(.taskEnd(task: k, at: end))
    }

    /// `task_end`: completion, or failure if the outcome says so (RULES.md §7.3, §7.4).
    func endTask(_ k: Int, at t: Int64) throws(EngineError) {
        guard tasks[k].state == .running, tasks[k].end == t else { return }
        if tasks[k].fails { return try failTask(k, at: t, origin: .engine, scriptIndex: nil) }
        guard let p = tasks[k].provider else { return }
        let id = providers[p].spec.id
        let task = tasks[k]
        let fee = task.reward * Int128(parameters.feePercent) / 100
        let unlocked = min(task.lock, balance(.providerEscrow(id)))
        var transfers: [Transfer] = []
        if fee > 0 { transfers.append(Transfer(debit: .task(task.id), credit: .treasury, amountAtto: fee)) }
        if task.reward - fee > 0 {
            transfers.append(Transfer(debit: .task(task.id), credit: .providerWallet(id), amountAtto: task.reward - fee))
        }
        if unlocked > 0 { transfers.append(Transfer(debit: .providerEscrow(id), credit: .providerFree(id), amountAtto: unlocked)) }
        finish(k, state: .completed, at: t)
        try emit(Entry(day: day, time: t, kind: .taskComplete, origin: .engine, provider: id, task: task.id, amountAtto: task.reward,
                       transfers: transfers,
                       payload: [PayloadField("fee", .integer(fee)), PayloadField("unlocked", .integer(unlocked))]))
    }

    /// `task_fail`: slash, unlock the rest, refund the user in full (RULES.md §7.4).
    func failTask(_ k: Int, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        guard let p = tasks[k].provider else { return }
        let id = providers[p].spec.id
        let task = tasks[k]
        var slash: Int128 = 0
        if !providers[p].isTerminal {
            switch parameters.taskSlashMode {
            case .lockRatio: slash = try ratio(task.lock, parameters.slashLockRatio)
            case .cBaseMultiple: slash = try ratio(cBase, parameters.taskSlashCBaseMultiple)
            }
        }
        let split = slashSplit(id, slash)
        let escrowAfter = balance(.providerEscrow(id)) - split.fe
        let unlocked = min(max(task.lock - slash, 0), escrowAfter)
        var transfers = split.transfers(id)
        if unlocked > 0 { transfers.append(Transfer(debit: .providerEscrow(id), credit: .providerFree(id), amountAtto: unlocked)) }
        transfers.append(Transfer(debit: .task(task.id), credit: .user(task.user), amountAtto: task.reward))
        finish(k, state: .failed, at: t)
        try emit(Entry(day: day, time: t, kind: .taskFail, origin: origin, scriptIndex: scriptIndex, provider: id, task: task.id,
                       user: task.user, amountAtto: slash, transfers: transfers,
                       payload: split.payload + [PayloadField("unlocked", .integer(unlocked)), PayloadField("refund", .integer(task.reward))]))
    }

    private func finish(_ k: Int, state: TaskRuntime.State, at t: Int64) {
        tasks[k].state = state
        tasks[k].settledTime = t
        if let p = tasks[k].provider { providers[p].running.removeAll { $0 == k } }
    }

    /// `task_refund` of a posted task (no provider, or cancelled).
    func refundTask(_ k: Int, reason: String, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let task = tasks[k]
        tasks[k].state = .refunded
        tasks[k].settledTime = t
        try emit(Entry(day: day, time: t, kind: .taskRefund, origin: origin, scriptIndex: scriptIndex, task: task.id, user: task.user,
                       amountAtto: task.reward, reason: reason,
                       transfers: [Transfer(debit: .task(task.id), credit: .user(task.user), amountAtto: task.reward)]))
    }
}

/// A failed eligibility check carries its rejection reason (RULES.md §7.2).
extension RejectionReason: Error {}
