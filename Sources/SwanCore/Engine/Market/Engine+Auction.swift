extension Engine {
    /// Opens round r of auction task k (RULES-MARKET M5.3): `auction_open`, and its close
    /// scheduled `auction.bid_window_s` later.
    func openRound(_ k: Int, round r: Int64, reason: EntryReason, at t: Int64, origin: EntryOrigin,
                   scriptIndex: Int64?) throws(EngineError) {
        guard let task = tasks[k], let window = market?.parameters.bidWindowSeconds else { return }
        tasks[k]?.auction?.state = .acceptingBids
        tasks[k]?.auction?.round = r
        let close = t + window
        try emit(Entry(day: day, time: t, kind: .auctionOpen, origin: origin, scriptIndex: scriptIndex, task: task.id,
                       user: task.user, reason: reason, payload: .auctionOpen(round: r, close: close)), reevaluate: false)
        queue.push(.auctionClose(task: k, round: r, at: close))
    }

    /// The close of round r (M5.4): bidders by the eight conditions, the roulette without
    /// replacement, one job per pick; or, without bidders, a reset or `failed_bids`.
    func closeRound(_ k: Int, round r: Int64, at t: Int64) throws(EngineError) {
        guard let task = tasks[k], let auction = task.auction, auction.state == .acceptingBids, auction.round == r,
              let parameters = market?.parameters, let demand = demand(k) else { return }
        var bidders: [Int32] = [], weights: [Int64] = [], placements: [Placement] = []
        for p in providers.indices {
            guard !auction.jobs.contains(where: { $0.provider == p }),
                  providers[p].running.count < parameters.maxConcurrentJobs,
                  case .success(let placement) = eligibility(provider: p, task: demand),
                  AuctionRules.acceptsOffer(askingPrice: market?.providers[p].askingPriceAtto, reward: task.reward,
                                            gpuCount: task.gpuCount, durationSeconds: task.durationSeconds) else { continue }
            let weight = Reputation.rouletteWeight(market?.providers[p].reputation ?? 0)
            guard weight >= 1 else { continue }
            bidders.append(Int32(p))
            weights.append(Int64(weight))
            placements.append(placement)
        }
        let slots = parameters.maxBidders - Int64(auction.jobs.count)
        let picks = Reputation.roulette(weights: weights.map { UInt64($0) }, picks: Int(min(slots, Int64(bidders.count))),
                                        seed: scenario.seed, taskIndex: UInt64(k), round: UInt64(r))
        try emit(Entry(day: day, time: t, kind: .auctionClose, origin: .engine, task: task.id,
                       payload: .auctionClose(AuctionSelection(round: r, bidders: bidders, weights: weights,
                                                               selected: picks.map { bidders[$0] }, slots: slots))),
                 reevaluate: false)
        guard !picks.isEmpty else {
            if r < parameters.maxRounds {
                return try openRound(k, round: r + 1, reason: .noBids, at: t, origin: .engine, scriptIndex: nil)
            }
            return try refundAuction(k, reason: .noBids, at: t, origin: .engine, scriptIndex: nil)
        }
        tasks[k]?.auction?.state = .processing
        if !dayAuctions.contains(k) { dayAuctions.append(k) }
        let end = t + task.durationSeconds
        for (i, pick) in picks.enumerated() {
            let placement = placements[pick], p = placement.provider
            let h = CounterRandom.draw(seed: scenario.seed, stream: CounterRandom.Stream.auctionJobOutcome.rawValue,
                                       UInt64(k), UInt64(r), UInt64(i))
            let job = AuctionJob(ref: JobRef(round: r, job: Int64(i)), provider: p, model: placement.model,
                                 gpuCount: task.gpuCount, lockAtto: placement.lock, weight: weights[pick], assignedTime: t,
                                 end: end, fails: CounterRandom.unit(h) < providers[p].spec.taskFailureRateWad)
            tasks[k]?.auction?.jobs.append(job)
            providers[p].running.append((k, placement.model, task.gpuCount))
            var transfers = TransferList()
            transfers.appendIfPositive(providers[p].free, providers[p].escrow, placement.lock)
            try emit(Entry(day: day, time: t, kind: .jobAssign, origin: .engine, provider: providers[p].spec.id,
                           providerIndex: Int32(p), task: task.id, amountAtto: placement.lock, transfers: transfers,
                           payload: .jobAssign(job.ref, model: placement.model, end: end, weight: weights[pick])))
        }
        queue.push(.roundEnd(task: k, round: r, at: end))
    }

    /// The end of round r (M5.5): every job still running settles in job order, then the round.
    func endRound(_ k: Int, round r: Int64, at t: Int64) throws(EngineError) {
        guard let auction = tasks[k]?.auction, auction.state == .processing, auction.round == r else { return }
        for position in auction.jobs.indices where auction.jobs[position].ref.round == r && auction.jobs[position].state == .running {
            if auction.jobs[position].fails {
                try failJob(k, position, at: t, origin: .engine, scriptIndex: nil)
            } else {
                try submitJob(k, position, at: t)
            }
        }
        try settleRound(k, at: t, origin: .engine, scriptIndex: nil)
    }

    private func submitJob(_ k: Int, _ position: Int, at t: Int64) throws(EngineError) {
        guard let task = tasks[k], let job = task.auction?.jobs[position] else { return }
        let p = job.provider
        let unlocked = min(job.lockAtto, balance(providers[p].escrow))
        settle(k, position, .submitted, at: t)
        var transfers = TransferList()
        transfers.appendIfPositive(providers[p].escrow, providers[p].free, unlocked)
        try emit(Entry(day: day, time: t, kind: .jobSubmit, origin: .engine, provider: providers[p].spec.id,
                       providerIndex: Int32(p), task: task.id, amountAtto: unlocked, transfers: transfers,
                       payload: .jobSubmit(job.ref)))
    }

    /// `job_fail` (M5.5): the §7.4 slash on the job's own lock (0 for a terminal provider),
    /// then the unlock of what is left; no refund per job.
    func failJob(_ k: Int, _ position: Int, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        guard let task = tasks[k], let job = task.auction?.jobs[position] else { return }
        let p = job.provider
        var slash: Int128 = 0
        if !providers[p].isTerminal {
            switch parameters.taskSlashMode {
            case .lockRatio: slash = try ratio(job.lockAtto, parameters.slashLockRatio)
            case .cBaseMultiple: slash = try ratio(ledger.state.cBaseAtto, parameters.taskSlashCBaseMultiple)
            }
        }
        let split = slashSplit(p, slash)
        let unlocked = min(max(job.lockAtto - slash, 0), balance(providers[p].escrow) - split.fe)
        var transfers = slashTransfers(p, split)
        transfers.appendIfPositive(providers[p].escrow, providers[p].free, unlocked)
        settle(k, position, .failed, at: t)
        tasks[k]?.auction?.failedProviders.append(Int32(p))
        try emit(Entry(day: day, time: t, kind: .jobFail, origin: origin, scriptIndex: scriptIndex, provider: providers[p].spec.id,
                       providerIndex: Int32(p), task: task.id, amountAtto: slash, transfers: transfers,
                       payload: .jobFail(job.ref, split, unlockedAtto: unlocked)))
    }

    private func cancelJob(_ k: Int, _ position: Int, at t: Int64, scriptIndex: Int64) throws(EngineError) {
        guard let task = tasks[k], let job = task.auction?.jobs[position] else { return }
        let p = job.provider
        let unlocked = min(job.lockAtto, balance(providers[p].escrow))
        settle(k, position, .cancelled, at: t)
        var transfers = TransferList()
        transfers.appendIfPositive(providers[p].escrow, providers[p].free, unlocked)
        try emit(Entry(day: day, time: t, kind: .jobCancel, origin: .script, scriptIndex: scriptIndex,
                       provider: providers[p].spec.id, providerIndex: Int32(p), task: task.id, amountAtto: unlocked,
                       transfers: transfers, payload: .jobCancel(job.ref)))
    }

    private func settle(_ k: Int, _ position: Int, _ state: AuctionJob.State, at t: Int64) {
        guard let p = tasks[k]?.auction?.jobs[position].provider else { return }
        tasks[k]?.auction?.jobs[position].state = state
        tasks[k]?.auction?.jobs[position].settledTime = t
        if let slot = providers[p].running.firstIndex(where: { $0.task == k }) { providers[p].running.remove(at: slot) }
    }

    /// Settles the current round once none of its jobs runs (M5.6): `complete_task` with the
    /// leading job and the split, or `mark_as_failed` with a reset or `auction_fail`.
    func settleRound(_ k: Int, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        guard let task = tasks[k], let auction = task.auction, let parameters = market?.parameters else { return }
        let round = auction.jobs.filter { $0.ref.round == auction.round }
        guard !round.contains(where: { $0.state == .running }) else { return }
        let submitted = round.filter { $0.state == .submitted }
        guard let leader = submitted.max(by: { ($0.weight, -$0.ref.job) < ($1.weight, -$1.ref.job) }) else {
            if auction.round < parameters.maxRounds && Int64(auction.jobs.count) < parameters.maxBidders {
                return try openRound(k, round: auction.round + 1, reason: .failed, at: t, origin: origin, scriptIndex: scriptIndex)
            }
            return try failAuction(k, at: t, origin: origin, scriptIndex: scriptIndex)
        }
        let split: AuctionRules.Split
        do {
            split = try AuctionRules.split(reward: task.reward, feePercent: self.parameters.feePercent, submitted: submitted.count,
                                           leaderShare: parameters.leaderShare)
        } catch {
            throw .overflow("auction payout")
        }
        var transfers = TransferList()
        transfers.appendIfPositive(task.account, .treasury, split.fee)
        transfers.appendIfPositive(task.account, providers[leader.provider].wallet, split.leader)
        var payouts = [ProviderAmount(provider: Int32(leader.provider), amountAtto: split.leader)]
        for job in submitted where job.ref != leader.ref {
            transfers.appendIfPositive(task.account, providers[job.provider].wallet, split.eachOther)
            payouts.append(ProviderAmount(provider: Int32(job.provider), amountAtto: split.eachOther))
        }
        finishAuction(k, .completed, at: t)
        try emit(Entry(day: day, time: t, kind: .auctionComplete, origin: origin, scriptIndex: scriptIndex,
                       provider: providers[leader.provider].spec.id, providerIndex: Int32(leader.provider), task: task.id,
                       user: task.user, amountAtto: task.reward, transfers: transfers,
                       payload: .auctionComplete(round: auction.round, feeAtto: split.fee, leaderJob: leader.ref.job,
                                                 payouts: payouts)))
    }

    private func failAuction(_ k: Int, at t: Int64, origin: EntryOrigin, scriptIndex: Int64?) throws(EngineError) {
        guard let task = tasks[k], let auction = task.auction else { return }
        finishAuction(k, .failed, at: t)
        try emit(Entry(day: day, time: t, kind: .auctionFail, origin: origin, scriptIndex: scriptIndex, task: task.id,
                       user: task.user, amountAtto: task.reward,
                       transfers: TransferList([Transfer(debit: task.account, credit: task.userAccount, amountAtto: task.reward)]),
                       payload: .auctionFail(rounds: auction.round, charged: auction.failedProviders)), reevaluate: false)
    }

    /// `task_refund` of an auction task: no bids in the last round, or cancelled (M5.2, M5.7).
    private func refundAuction(_ k: Int, reason: EntryReason, at t: Int64, origin: EntryOrigin,
                               scriptIndex: Int64?) throws(EngineError) {
        guard let task = tasks[k], let auction = task.auction else { return }
        finishAuction(k, .cancelled, at: t)
        try emit(Entry(day: day, time: t, kind: .taskRefund, origin: origin, scriptIndex: scriptIndex, task: task.id,
                       user: task.user, amountAtto: task.reward, reason: reason,
                       transfers: TransferList([Transfer(debit: task.account, credit: task.userAccount, amountAtto: task.reward)]),
                       payload: .auctionRefund(charged: auction.failedProviders)), reevaluate: false)
    }

    private func finishAuction(_ k: Int, _ state: AuctionRuntime.State, at t: Int64) {
        tasks[k]?.auction?.state = state
        tasks[k]?.settledTime = t
        settledToday.append(k)
    }

    // MARK: Operations on auction tasks (RULES-MARKET M10)

    /// A scripted `job_fail`.
    func jobFailOperation(_ id: String, provider: String, at t: Int64, scriptIndex: Int64) throws(EngineError) {
        guard let k = taskIndexByID[id], let auction = tasks[k]?.auction, auction.state == .processing else {
            return try reject(.jobFail, reason: .taskState, at: t, origin: .script, scriptIndex: scriptIndex, provider: provider, task: id)
        }
        guard let p = providerIndexByID[provider], let position = auction.jobs.firstIndex(where: {
            $0.provider == p && $0.ref.round == auction.round && $0.state == .running
        }) else {
            return try reject(.jobFail, reason: .noJob, at: t, origin: .script, scriptIndex: scriptIndex, provider: provider, task: id)
        }
        try failJob(k, position, at: t, origin: .script, scriptIndex: scriptIndex)
        try settleRound(k, at: t, origin: .script, scriptIndex: scriptIndex)
    }

    /// A scripted `task_fail` of a processing auction task: every running job of the round fails.
    func failAuctionOperation(_ k: Int, at t: Int64, scriptIndex: Int64) throws(EngineError) {
        guard let auction = tasks[k]?.auction, auction.state == .processing else {
            return try reject(.taskFail, reason: .taskState, at: t, origin: .script, scriptIndex: scriptIndex, task: tasks[k]?.id)
        }
        for position in auction.jobs.indices where auction.jobs[position].ref.round == auction.round
            && auction.jobs[position].state == .running {
            try failJob(k, position, at: t, origin: .script, scriptIndex: scriptIndex)
        }
        try settleRound(k, at: t, origin: .script, scriptIndex: scriptIndex)
    }

    /// A scripted `task_cancel` of an auction task (M5.7, MA18).
    func cancelAuctionOperation(_ k: Int, at t: Int64, scriptIndex: Int64) throws(EngineError) {
        guard let auction = tasks[k]?.auction, auction.state == .acceptingBids || auction.state == .processing else {
            return try reject(.taskCancel, reason: .taskState, at: t, origin: .script, scriptIndex: scriptIndex, task: tasks[k]?.id)
        }
        for position in auction.jobs.indices where auction.jobs[position].state == .running {
            try cancelJob(k, position, at: t, scriptIndex: scriptIndex)
        }
        try refundAuction(k, reason: .cancelled, at: t, origin: .script, scriptIndex: scriptIndex)
    }
}
