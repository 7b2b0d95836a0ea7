extension Engine {
    /// `task_post` (RULES.md §7.1).
    func postTask(_ post: ScriptOperation.TaskPost, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        let user = userAccount(post.user)
        guard balance(user) >= post.rewardAtto else {
            return try reject(.taskPost, reason: .insufficientUser, at: t, origin: origin, scriptIndex: scriptIndex,
                              task: post.task, user: post.user, amount: post.rewardAtto)
        }
        let k = tasksPosted
        tasksPosted += 1
        let model = post.gpuModel.flatMap { ledger.state.modelID(named: $0) }
        let account = ledger.account(.task(post.task))
        tasks[k] = TaskRuntime(id: post.task, index: k, account: account, user: post.user, userAccount: user,
                               reward: post.rewardAtto, durationSeconds: post.durationSeconds, gpuModel: model,
                               gpuCount: post.gpuCount, collateral: post.collateralAtto, providerKind: post.providerKind)
        taskIndexByID[post.task] = k
        let assignment: TaskAssignment = switch post.assignment {
        case .auto: .auto
        case .manual: .manual
        case .provider(let id): .provider(id)
        case .auction: .auction
        }
        if post.assignment == .auction { tasks[k]?.auction = AuctionRuntime() }
        try emit(Entry(day: day, time: t, kind: .taskPost, origin: origin, scriptIndex: scriptIndex, task: post.task,
                       user: post.user, amountAtto: post.rewardAtto,
                       transfers: TransferList([Transfer(debit: user, credit: account, amountAtto: post.rewardAtto)]),
                       payload: .taskPost(TaskTerms(durationSeconds: post.durationSeconds, gpuModel: model, gpuCount: post.gpuCount,
                                                    collateralAtto: post.collateralAtto, providerKind: post.providerKind,
                                                    assignment: assignment))))
        switch post.assignment {
        case .manual:
            break
        case .auction:
            try openRound(k, round: 1, reason: .post, at: t, origin: origin, scriptIndex: scriptIndex)
        case .provider(let id):
            switch eligibility(id, task: k) {
            case .success(let choice): try assign(k, to: choice, at: t, origin: origin, scriptIndex: scriptIndex)
            case .failure(let reason):
                try reject(.taskPost, reason: reason, at: t, origin: origin, scriptIndex: scriptIndex, provider: id, task: post.task)
            }
        case .auto:
            if let choice = automaticChoice(task: k) {
                try assign(k, to: choice, at: t, origin: origin, scriptIndex: scriptIndex)
            } else {
                try refundTask(k, reason: .noProvider, at: t, origin: origin, scriptIndex: scriptIndex)
            }
        }
    }

    /// A scripted `task_assign` (RULES.md §7.2).
    func assignTaskOperation(_ task: String, provider: String?, at t: Int64, scriptIndex: Int64) throws(EngineError) {
        guard let k = taskIndexByID[task], tasks[k]?.state == .posted, tasks[k]?.auction == nil else {
            return try reject(.taskAssign, reason: .taskState, at: t, origin: .script, scriptIndex: scriptIndex,
                              provider: provider, task: task)
        }
        if let provider {
            switch eligibility(provider, task: k) {
            case .success(let choice): try assign(k, to: choice, at: t, origin: .script, scriptIndex: scriptIndex)
            case .failure(let reason):
                try reject(.taskAssign, reason: reason, at: t, origin: .script, scriptIndex: scriptIndex, provider: provider, task: task)
            }
        } else if let choice = automaticChoice(task: k) {
            try assign(k, to: choice, at: t, origin: .script, scriptIndex: scriptIndex)
        } else {
            try reject(.taskAssign, reason: .noProvider, at: t, origin: .script, scriptIndex: scriptIndex, task: task)
        }
    }

    /// Where a task can go: the provider, the resolved model and the lock amount.
    struct Placement {
        var provider: Int
        var model: ModelID
        var lock: Int128
    }

    /// What eligibility reads of a task: no strings, so checking every provider copies nothing.
    struct Demand {
        var providerKind: ProviderKindFilter
        var gpuModel: ModelID?
        var gpuCount: Int64
        var collateral: Int128
    }

    func demand(_ k: Int) -> Demand? {
        tasks[k].map { Demand(providerKind: $0.providerKind, gpuModel: $0.gpuModel, gpuCount: $0.gpuCount, collateral: $0.collateral) }
    }

    /// The eligibility checks of RULES.md §7.2, in order.
    func eligibility(_ id: String, task k: Int) -> Result<Placement, RejectionReason> {
        guard let p = providerIndexByID[id] else { return .failure(.unknownProvider) }
        guard let task = demand(k) else { return .failure(.notActive) }
        return eligibility(provider: p, task: task)
    }

    /// Checks 2–5 of §7.2 for a registered provider, reading its state in place (no copies:
    /// automatic assignment runs this for every provider).
    func eligibility(provider p: Int, task: Demand) -> Result<Placement, RejectionReason> {
        guard status(p) == .active else { return .failure(.notActive) }
        let wantedKind = task.providerKind
        if wantedKind != .any && wantedKind.rawValue != providers[p].spec.kind.rawValue { return .failure(.kindMismatch) }
        func idle(_ card: CardCount) -> Int64 {
            var busy: Int64 = 0
            for running in providers[p].running where running.model == card.model { busy += running.gpuCount }
            return card.count - busy
        }
        let model: ModelID
        if let wanted = task.gpuModel {
            guard let card = providers[p].cards.first(where: { $0.model == wanted }), idle(card) >= task.gpuCount else {
                return .failure(.noCapacity)
            }
            model = wanted
        } else {
            guard let first = providers[p].cards.first(where: { idle($0) >= task.gpuCount }) else { return .failure(.noCapacity) }
            model = first.model
        }
        let lock: Int128
        switch parameters.lockMode {
        case .task: lock = task.collateral
        case .cBaseMultiple: lock = (try? Arithmetic.applyRatio(ledger.state.cBaseAtto, parameters.lockCBaseMultiple)) ?? Int128.max
        }
        guard balance(providers[p].free) >= lock else { return .failure(.insufficientFree) }
        return .success(Placement(provider: p, model: model, lock: lock))
    }

    /// candidates[uniform(draw(seed, 4, task, 0, 0), |candidates|)] over eligible providers in order.
    func automaticChoice(task k: Int) -> Placement? {
        guard let task = demand(k) else { return nil }
        var candidates: [Placement] = []
        for p in providers.indices {
            if case .success(let placement) = eligibility(provider: p, task: task) { candidates.append(placement) }
        }
        guard !candidates.isEmpty else { return nil }
        let h = CounterRandom.draw(seed: scenario.seed, stream: CounterRandom.Stream.automaticAssignment.rawValue, UInt64(k), 0, 0)
        return candidates[Int(CounterRandom.uniform(h, UInt64(candidates.count)))]
    }

    /// `task_assign`: lock L, start running, fix the outcome, schedule the end.
    private func assign(_ k: Int, to placement: Placement, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        guard var task = tasks[k] else { return }
        let p = placement.provider
        let end = t + task.durationSeconds
        task.state = .running
        task.provider = p
        task.model = placement.model
        task.lock = placement.lock
        task.end = end
        task.assignedTime = t
        let h = CounterRandom.draw(seed: scenario.seed, stream: CounterRandom.Stream.paidTaskOutcome.rawValue, UInt64(k), 0, 0)
        task.fails = CounterRandom.unit(h) < providers[p].spec.taskFailureRateWad
        tasks[k] = task
        dayTasks.append(k)
        providers[p].running.append((k, placement.model, task.gpuCount))
        var transfers = TransferList()
        transfers.appendIfPositive(providers[p].free, providers[p].escrow, placement.lock)
        try emit(Entry(day: day, time: t, kind: .taskAssign, origin: origin, scriptIndex: scriptIndex, provider: providers[p].spec.id,
                       providerIndex: Int32(p), task: task.id, amountAtto: placement.lock, transfers: transfers,
                       payload: .taskAssign(model: placement.model, end: end)))
        queue.push(.taskEnd(task: k, at: end))
    }

    /// `task_end`: completion, or failure if the outcome says so (RULES.md §7.3, §7.4).
    func endTask(_ k: Int, at t: Int64) throws(EngineError) {
        guard let task = tasks[k], task.state == .running, task.end == t else { return }
        if task.fails { return try failTask(k, at: t, origin: .engine, scriptIndex: nil) }
        guard let p = task.provider else { return }
        let fee = task.reward * Int128(parameters.feePercent) / 100
        let unlocked = min(task.lock, balance(providers[p].escrow))
        var transfers = TransferList()
        transfers.appendIfPositive(task.account, .treasury, fee)
        transfers.appendIfPositive(task.account, providers[p].wallet, task.reward - fee)
        transfers.appendIfPositive(providers[p].escrow, providers[p].free, unlocked)
        finish(k, state: .completed, at: t)
        try emit(Entry(day: day, time: t, kind: .taskComplete, origin: .engine, provider: providers[p].spec.id,
                       providerIndex: Int32(p), task: task.id, amountAtto: task.reward, transfers: transfers,
                       payload: .taskComplete(feeAtto: fee, unlockedAtto: unlocked)))
    }

    /// `task_fail`: slash, unlock the rest, refund the user in full (RULES.md §7.4).
    func failTask(_ k: Int, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        guard let task = tasks[k], let p = task.provider else { return }
        var slash: Int128 = 0
        if !providers[p].isTerminal {
            switch parameters.taskSlashMode {
            case .lockRatio: slash = try ratio(task.lock, parameters.slashLockRatio)
            case .cBaseMultiple: slash = try ratio(ledger.state.cBaseAtto, parameters.taskSlashCBaseMultiple)
            }
        }
        let split = slashSplit(p, slash)
        let escrowAfter = balance(providers[p].escrow) - split.fe
        let unlocked = min(max(task.lock - slash, 0), escrowAfter)
        var transfers = slashTransfers(p, split)
        transfers.appendIfPositive(providers[p].escrow, providers[p].free, unlocked)
        transfers.append(Transfer(debit: task.account, credit: task.userAccount, amountAtto: task.reward))
        finish(k, state: .failed, at: t)
        try emit(Entry(day: day, time: t, kind: .taskFail, origin: origin, scriptIndex: scriptIndex, provider: providers[p].spec.id,
                       providerIndex: Int32(p), task: task.id, user: task.user, amountAtto: slash, transfers: transfers,
                       payload: .taskFail(split, unlockedAtto: unlocked, refundAtto: task.reward)))
    }

    private func finish(_ k: Int, state: TaskRuntime.State, at t: Int64) {
        tasks[k]?.state = state
        tasks[k]?.settledTime = t
        settledToday.append(k)
        if let p = tasks[k]?.provider { providers[p].running.removeAll { $0.task == k } }
    }

    /// `task_refund` of a posted task (no provider, or cancelled).
    func refundTask(_ k: Int, reason: EntryReason, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        guard let task = tasks[k] else { return }
        tasks[k]?.state = .refunded
        tasks[k]?.settledTime = t
        settledToday.append(k)
        try emit(Entry(day: day, time: t, kind: .taskRefund, origin: origin, scriptIndex: scriptIndex, task: task.id, user: task.user,
                       amountAtto: task.reward, reason: reason,
                       transfers: TransferList([Transfer(debit: task.account, credit: task.userAccount, amountAtto: task.reward)])))
    }

    /// Calls `body(gpu_count, start, end or nil while running, provider, model)` for each unit
    /// of paid work that ran at some time of today: v1 tasks and auction jobs (M7).
    func forEachWorkOfToday(_ body: (Int64, Int64, Int64?, Int, ModelID) -> Void) {
        let start = Self.dayStart(day)
        for k in dayTasks {
            guard let task = tasks[k], let from = task.assignedTime, let p = task.provider, let model = task.model else { continue }
            if let until = task.settledTime, until <= start { continue }
            body(task.gpuCount, from, task.settledTime, p, model)
        }
        for k in dayAuctions {
            guard let auction = tasks[k]?.auction else { continue }
            for job in auction.jobs {
                if let until = job.settledTime, until <= start { continue }
                body(job.gpuCount, job.assignedTime, job.settledTime, job.provider, job.model)
            }
        }
    }

    /// At the day's close: settled tasks leave memory, and tomorrow starts with the tasks still running.
    func closeTaskDay() {
        for k in settledToday {
            if let id = tasks[k]?.id { taskIndexByID[id] = nil }
            tasks[k] = nil
        }
        settledToday.removeAll(keepingCapacity: true)
        dayTasks.removeAll(keepingCapacity: true)
        for (k, task) in tasks where task.state == .running { dayTasks.append(k) }
        dayAuctions.removeAll(keepingCapacity: true)
        for (k, task) in tasks where task.auction?.state == .processing { dayAuctions.append(k) }
        dayAuctions.sort()
    }
}

/// A failed eligibility check carries its rejection reason (RULES.md §7.2).
extension RejectionReason: Error {}
