import SwanCore
import SwanTables

/// The checker's auctions (RULES-MARKET M5, invariants I16–I19), followed from the entries.
extension LedgerReplay {
    func auctionOpen(_ entry: Entry, round: Int64, close: Int64) {
        guard let k = entry.task.flatMap({ taskIndexByID[$0] }), var auction = tasks[k]?.auction,
              let parameters = market?.parameters else {
            return invariants.fail(.auctionStates, seq: entry.seq, "auction_open of \(entry.task ?? "?"), not an auction task")
        }
        if auction.state != .created || round != auction.round + 1 || close != entry.time + parameters.bidWindowSeconds
            || round > parameters.maxRounds {
            invariants.fail(.auctionStates, seq: entry.seq, "auction_open of \(entry.task ?? "?") round \(round) from \(auction.state.rawValue)")
        }
        auction.state = .acceptingBids
        auction.round = round
        auction.closeTime = close
        tasks[k]?.auction = auction
        market?.flows.auctionRounds += 1
        market?.totals.rounds += 1
    }

    func auctionClose(_ entry: Entry, _ selection: AuctionSelection) {
        guard let k = entry.task.flatMap({ taskIndexByID[$0] }), let task = tasks[k], var auction = task.auction,
              let parameters = market?.parameters else {
            return invariants.fail(.auctionStates, seq: entry.seq, "auction_close of \(entry.task ?? "?"), not an auction task")
        }
        if auction.state != .acceptingBids || selection.round != auction.round || entry.time != auction.closeTime {
            invariants.fail(.auctionStates, seq: entry.seq, "auction_close of \(task.id) round \(selection.round) in \(auction.state.rawValue)")
        }
        // I16: the bidders are exactly the providers that satisfy M5.4 items 1–8 now.
        var bidders: [Int32] = [], weights: [Int64] = []
        for p in providers.indices where bids(p, on: task, auction) {
            bidders.append(Int32(p))
            weights.append(Int64(Reputation.rouletteWeight(market?.providers[p].reputation ?? 0)))
        }
        let slots = parameters.maxBidders - Int64(auction.jobs.count)
        let picks = Reputation.roulette(weights: weights.map { UInt64($0) }, picks: Int(max(0, min(slots, Int64(bidders.count)))),
                                        seed: context.seed, taskIndex: UInt64(k), round: UInt64(selection.round))
        let selected = picks.map { bidders[$0] }
        if selection.bidders != bidders || selection.weights != weights || selection.selected != selected || selection.slots != slots {
            invariants.fail(.auctionSelection, seq: entry.seq,
                            "auction_close of \(task.id) round \(selection.round): bidders, weights or picks differ from M5.4")
        }
        market?.expectedAssigns = selection.selected.enumerated().map { i, p in
            (k, Int(p), JobRef(round: selection.round, job: Int64(i)), selection.weights[selection.bidders.firstIndex(of: p) ?? 0])
        }
        // Without picks the task is `created` again: a reset (auction_open) or failed_bids (task_refund) follows.
        auction.state = selection.selected.isEmpty ? .created : .processing
        tasks[k]?.auction = auction
    }

    /// M5.4 items 1–8 for provider p at an auction close, from the checker's view.
    private func bids(_ p: Int, on task: ReplayTask, _ auction: ReplayAuction) -> Bool {
        guard let maxConcurrent = market?.parameters.maxConcurrentJobs, providers[p].status == .active,
              task.providerKind == .any || task.providerKind.rawValue == providers[p].kind.rawValue,
              !auction.jobs.contains(where: { $0.provider == p }),
              providers[p].running < maxConcurrent,
              placementModel(p, task: task) != nil,
              balance(providers[p].free) >= lockAmount(task),
              AuctionRules.acceptsOffer(askingPrice: market?.providers[p].askingPriceAtto, reward: task.reward,
                                        gpuCount: task.gpuCount, durationSeconds: task.durationSeconds) else { return false }
        return Reputation.rouletteWeight(market?.providers[p].reputation ?? 0) >= 1
    }

    /// L of §7.2 at the current C_base.
    func lockAmount(_ task: ReplayTask) -> Int128 {
        switch rules.lockMode {
        case .task: return task.collateral
        case .cBaseMultiple: return (try? Arithmetic.applyRatio(state.cBaseAtto, rules.lockCBaseMultiple)) ?? Int128.max
        }
    }

    /// The model a task would run on at p, by the idle-card rule of §7.2 step 4 (M7: jobs count).
    func placementModel(_ p: Int, task: ReplayTask) -> ModelID? {
        func idle(_ card: CardCount) -> Int64 {
            var busy: Int64 = 0
            for work in market?.runningWork[p] ?? [] where work.model == card.model { busy += work.gpuCount }
            return card.count - busy
        }
        if let wanted = task.gpuModel {
            guard let card = providers[p].cards.first(where: { $0.model == wanted }), idle(card) >= task.gpuCount else { return nil }
            return wanted
        }
        return providers[p].cards.first(where: { idle($0) >= task.gpuCount })?.model
    }

    func jobAssign(_ entry: Entry, _ job: JobRef, model: ModelID, end: Int64, weight: Int64) {
        checkActive(entry, "job_assign")
        checkNotTerminal(entry, .terminal, "job_assign")
        guard let k = entry.task.flatMap({ taskIndexByID[$0] }), let task = tasks[k], let auction = task.auction,
              let p = provider(entry), let parameters = market?.parameters else {
            return invariants.fail(.auctionStates, seq: entry.seq, "job_assign of \(entry.task ?? "?"), not an auction task")
        }
        let expected = market?.expectedAssigns.first
        if expected?.task != k || expected?.provider != p || expected?.job != job || expected?.weight != weight
            || auction.state != .processing || model != placementModel(p, task: task) || end != entry.time + task.durationSeconds
            || entry.amountAtto != lockAmount(task) {
            invariants.fail(.auctionSelection, seq: entry.seq, "job_assign of \(task.id) to \(providers[p].id) is not the close's next pick")
        }
        if !(market?.expectedAssigns.isEmpty ?? true) { market?.expectedAssigns.removeFirst() }
        if providers[p].running >= parameters.maxConcurrentJobs || auction.jobs.contains(where: { $0.provider == p }) {
            invariants.fail(.jobLimit, seq: entry.seq, "\(providers[p].id) holds \(providers[p].running) running units or a job on \(task.id)")
        }
        tasks[k]?.auction?.jobs.append(ReplayJob(ordinal: market?.totals.jobs.assigned ?? 0, ref: job, provider: p, model: model, gpuCount: task.gpuCount,
                                                 lock: entry.amountAtto ?? 0, weight: weight, assignedTime: entry.time, endTime: end))
        market?.dayAuctions.insert(k)
        market?.runningWork[p].append((k, model, task.gpuCount))
        providers[p].running += 1
        market?.providers[p].jobs.assigned += 1
        market?.providers[p].today.jobs.assigned += 1
        market?.flows.jobs.assigned += 1
        market?.totals.jobs.assigned += 1
    }

    func jobSettled(_ entry: Entry, _ ref: JobRef, state: JobState, slashed: Int128? = nil, unlocked: Int128? = nil) {
        guard let k = entry.task.flatMap({ taskIndexByID[$0] }), let task = tasks[k], let auction = task.auction,
              let p = provider(entry), let position = auction.jobs.firstIndex(where: { $0.ref == ref && $0.provider == p }) else {
            return invariants.fail(.auctionSettlement, seq: entry.seq, "\(entry.kind.rawValue) of a job that does not exist")
        }
        let job = auction.jobs[position]
        if job.state != .running || auction.state != .processing || ref.round != auction.round {
            invariants.fail(.auctionSettlement, seq: entry.seq, "\(entry.kind.rawValue) of \(task.id) job \(ref.job): it is \(job.state)")
        }
        // An engine outcome is the draw of stream 8 (M5.4); a scripted failure is the script's.
        if entry.origin == .engine {
            let h = CounterRandom.draw(seed: context.seed, stream: CounterRandom.Stream.auctionJobOutcome.rawValue,
                                       UInt64(k), UInt64(ref.round), UInt64(ref.job))
            let fails = CounterRandom.unit(h) < providers[p].taskFailureRate
            if fails != (state == .failed) || entry.time != job.endTime {
                invariants.fail(.auctionSettlement, seq: entry.seq, "\(entry.kind.rawValue) of \(task.id) job \(ref.job) is not its drawn outcome")
            }
        }
        var settled = job
        settled.state = state
        settled.settledTime = entry.time
        settled.slashed = slashed
        settled.unlocked = unlocked ?? entry.amountAtto
        tasks[k]?.auction?.jobs[position] = settled
        if let slot = market?.runningWork[p].firstIndex(where: { $0.task == k }) { market?.runningWork[p].remove(at: slot) }
        switch state {
        case .submitted:
            market?.providers[p].userOK += 1
            market?.providers[p].jobs.submitted += 1
            market?.providers[p].today.jobs.submitted += 1
            market?.flows.jobs.submitted += 1
            market?.totals.jobs.submitted += 1
        case .failed:
            market?.providers[p].userFailed += 1
            tasks[k]?.auction?.failedProviders.append(Int32(p))
            market?.providers[p].jobs.failed += 1
            market?.providers[p].today.jobs.failed += 1
            market?.flows.jobs.failed += 1
            market?.totals.jobs.failed += 1
            market?.totals.jobSlashed += slashed ?? 0
        default:
            market?.providers[p].jobs.cancelled += 1
            market?.providers[p].today.jobs.cancelled += 1
            market?.flows.jobs.cancelled += 1
            market?.totals.jobs.cancelled += 1
        }
        taskEnded(p, entry: entry)
        // mark_as_failed: the round's last running job failed and none submitted.
        let round = tasks[k]?.auction?.jobs.filter { $0.ref.round == ref.round } ?? []
        if !round.contains(where: { $0.state == .running }) && !round.contains(where: { $0.state == .submitted }) && state == .failed {
            tasks[k]?.auction?.state = .created
        }
    }

    func auctionComplete(_ entry: Entry, round: Int64, fee: Int128, leaderJob: Int64, payouts: [ProviderAmount]) {
        guard let k = entry.task.flatMap({ taskIndexByID[$0] }), let task = tasks[k], let auction = task.auction,
              let parameters = market?.parameters else {
            return invariants.fail(.auctionStates, seq: entry.seq, "auction_complete of \(entry.task ?? "?"), not an auction task")
        }
        let jobs = auction.jobs.filter { $0.ref.round == round }
        let submitted = jobs.filter { $0.state == .submitted }
        if auction.state != .processing || round != auction.round || jobs.contains(where: { $0.state == .running }) {
            invariants.fail(.auctionStates, seq: entry.seq, "auction_complete of \(task.id) while a job runs or in \(auction.state.rawValue)")
        }
        // I18 and I11: the leading job and the M5.6 split.
        let leader = submitted.max { ($0.weight, -$0.ref.job) < ($1.weight, -$1.ref.job) }
        let split = leader == nil ? nil : try? AuctionRules.split(reward: task.reward, feePercent: rules.feePercent,
                                                                 submitted: submitted.count, leaderShare: parameters.leaderShare)
        var expectedPayouts: [ProviderAmount] = []
        if let leader, let split {
            expectedPayouts.append(ProviderAmount(provider: Int32(leader.provider), amountAtto: split.leader))
            for job in submitted where job.ref != leader.ref {
                expectedPayouts.append(ProviderAmount(provider: Int32(job.provider), amountAtto: split.eachOther))
            }
        }
        var paidFee: Int128 = 0
        var paid: [Int: Int128] = [:]
        for transfer in entry.transfers {
            if transfer.debit != state.accounts.id(.task(task.id)) {
                invariants.fail(.feeSplit, seq: entry.seq, "auction_complete of \(task.id) moves money not from its task account")
            }
            if transfer.credit == .treasury { paidFee += transfer.amountAtto }
            let owner = state.owner(of: transfer.credit)
            if owner >= 0 { paid[Int(owner), default: 0] += transfer.amountAtto }
        }
        let expectedFee = task.reward * Int128(rules.feePercent) / 100
        if fee != expectedFee || paidFee != expectedFee || paid.values.reduce(0, +) != task.reward - expectedFee {
            invariants.fail(.feeSplit, seq: entry.seq, "auction_complete of \(task.id): fee \(Decimal18.render(paidFee)), R − F split differs")
        }
        if leader?.ref.job != leaderJob || payouts != expectedPayouts || entry.providerIndex != Int32(leader?.provider ?? -1)
            || payouts.contains(where: { (paid[Int($0.provider)] ?? 0) != $0.amountAtto }) {
            invariants.fail(.auctionSettlement, seq: entry.seq, "auction_complete of \(task.id) does not pay the leading job and the M5.6 shares")
        }
        for payout in payouts {
            let p = Int(payout.provider)
            guard providers.indices.contains(p) else { continue }
            providers[p].totals.taskIncome += payout.amountAtto
            providers[p].today.taskIncome += payout.amountAtto
            market?.providers[p].auctionIncome += payout.amountAtto
            market?.providers[p].today.auctionIncome += payout.amountAtto
            if let position = tasks[k]?.auction?.jobs.firstIndex(where: { $0.ref.round == round && $0.provider == p }) {
                tasks[k]?.auction?.jobs[position].payout = payout.amountAtto
                tasks[k]?.auction?.jobs[position].leading = leader?.provider == p
            }
        }
        if let leader { market?.providers[leader.provider].jobsLed += 1 }
        tasks[k]?.auction?.state = .completed
        tasks[k]?.auction?.leader = leader?.provider
        tasks[k]?.state = .completed
        tasks[k]?.settledTime = entry.time
        tasks[k]?.fee = fee
        tasks[k]?.payout = task.reward - fee
        settledToday.append(k)
        checkTaskAccountEmpty(entry, task)
        totals.fees += fee
        totals.taskPayouts += task.reward - fee
        totals.tasksCompleted += 1
        network.fees += fee
        network.taskPayouts += task.reward - fee
        network.tasksCompleted += 1
        market?.flows.auctionsCompleted += 1
        market?.totals.completed += 1
        market?.totals.payouts += task.reward - fee
        market?.totals.fees += fee
    }

    func auctionFail(_ entry: Entry, rounds: Int64, charged: [Int32]) {
        guard let k = entry.task.flatMap({ taskIndexByID[$0] }), let task = tasks[k], let auction = task.auction,
              let parameters = market?.parameters else {
            return invariants.fail(.auctionStates, seq: entry.seq, "auction_fail of \(entry.task ?? "?"), not an auction task")
        }
        let noRoundLeft = auction.round >= parameters.maxRounds || Int64(auction.jobs.count) >= parameters.maxBidders
        if auction.state != .created || auction.jobs.filter({ $0.ref.round == auction.round }).isEmpty || !noRoundLeft {
            invariants.fail(.auctionStates, seq: entry.seq, "auction_fail of \(task.id) while a round is open or one is left")
        }
        if rounds != auction.round || charged != auction.failedProviders || entry.amountAtto != task.reward {
            invariants.fail(.auctionSettlement, seq: entry.seq, "auction_fail of \(task.id): rounds, refund or charges differ")
        }
        chargeRefunds(auction.failedProviders)
        tasks[k]?.auction?.state = .failed
        tasks[k]?.state = .failed
        tasks[k]?.settledTime = entry.time
        tasks[k]?.refund = task.reward
        settledToday.append(k)
        checkTaskAccountEmpty(entry, task)
        totals.taskRefunds += task.reward
        totals.tasksFailed += 1
        network.taskRefunds += task.reward
        network.tasksFailed += 1
        market?.flows.auctionsFailed += 1
        market?.totals.failed += 1
        market?.totals.refunds += task.reward
    }

    /// `task_refund` of an auction task: failed_bids, or a cancellation (M5.2, M5.7).
    func auctionRefund(_ entry: Entry, _ k: Int) {
        guard let task = tasks[k], let auction = task.auction, let parameters = market?.parameters else { return }
        let charged: [Int32]
        if case .auctionRefund(let list) = entry.payload { charged = list } else { charged = [] }
        let noBids = entry.reason == .noBids
        let allowed = noBids
            ? auction.state == .created && auction.round >= parameters.maxRounds && entry.origin == .engine
            : entry.reason == .cancelled && (auction.state == .acceptingBids || auction.state == .processing)
                && !auction.jobs.contains(where: { $0.state == .running })
        if !allowed {
            invariants.fail(.auctionStates, seq: entry.seq, "task_refund of auction \(task.id) in \(auction.state.rawValue)")
        }
        if charged != auction.failedProviders {
            invariants.fail(.auctionSettlement, seq: entry.seq, "task_refund of \(task.id) charges differ from its failed jobs")
        }
        chargeRefunds(auction.failedProviders)
        tasks[k]?.auction?.state = .cancelled
        market?.flows.auctionsCancelled += 1
        market?.totals.cancelled += 1
        if noBids { market?.totals.noBids += 1 }
        market?.totals.refunds += entry.amountAtto ?? 0
    }

    private func chargeRefunds(_ charged: [Int32]) {
        for p in charged where market?.providers.indices.contains(Int(p)) == true { market?.providers[Int(p)].refunds += 1 }
    }

    /// I18: after an auction's last entry its task account holds nothing.
    func checkTaskAccountEmpty(_ entry: Entry, _ task: ReplayTask) {
        if let account = state.accounts.id(.task(task.id)), balance(account) != 0 {
            invariants.fail(.auctionSettlement, seq: entry.seq, "task/\(task.id) holds \(Decimal18.render(balance(account))) after its end")
        }
    }
}
