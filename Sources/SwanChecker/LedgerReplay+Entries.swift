import SwanCore
import SwanTables

extension LedgerReplay {
    func register(_ entry: Entry) {
        guard let id = entry.provider, case .register(let terms) = entry.payload, Int(entry.providerIndex) == providers.count
        else { return }
        let index = providers.count
        providers.append(ReplayProvider(
            id: id, index: index, kind: terms.kind, cards: terms.cards, cardCount: terms.cards.reduce(0) { $0 + $1.count },
            wallet: state.accounts.intern(.providerWallet(id)), free: state.accounts.intern(.providerFree(id)),
            escrow: state.accounts.intern(.providerEscrow(id)), registeredTime: entry.time, registeredOrigin: entry.origin,
            ubiFailureRate: terms.ubiFailureRateWad, taskFailureRate: terms.taskFailureRateWad))
        providers[index].statusSince = entry.time
        refreshRequirement(index)
        marketRegister(entry, terms)
    }

    func status(_ entry: Entry) {
        guard let p = provider(entry), case .status(let change) = entry.payload else { return }
        let old = providers[p].status
        let to = change.to
        if old.isTerminal {
            invariants.fail(.terminal, seq: entry.seq, "\(providers[p].id) left \(old.rawValue)")
        }
        if change.from != old {
            invariants.fail(.statusConsistency, seq: entry.seq, "\(providers[p].id) status from \(change.from.rawValue) but was \(old.rawValue)")
        }
        if old != .none { totals.statusChanges += 1 }
        accumulateIneligible(p, until: entry.time)
        marketStatus(p, from: old, to: to, at: entry.time)
        providers[p].status = to
        if to == .removed {
            providers[p].removed = true
            providers[p].terminalTime = providers[p].terminalTime ?? entry.time
            providers[p].ubiVoided = true
        }
        statusChanged(p, entry: entry, from: old, to: to)
    }

    func withdrawRequest(_ entry: Entry) {
        guard let p = provider(entry), let amount = entry.amountAtto, case .withdrawRequest(let due) = entry.payload else { return }
        providers[p].pending = (amount, due)
    }

    func withdrawConfirm(_ entry: Entry) {
        guard let p = provider(entry) else { return }
        totals.withdrawals += entry.amountAtto ?? 0
        if let pending = providers[p].pending {
            if entry.time < pending.due {
                invariants.fail(.withdrawDelay, seq: entry.seq, "confirmed at \(entry.time) before due \(pending.due)")
            }
            if entry.amountAtto != pending.amount {
                invariants.fail(.withdrawDelay, seq: entry.seq, "confirmed \(Decimal18.render(entry.amountAtto ?? 0)), pending \(Decimal18.render(pending.amount))")
            }
        } else {
            invariants.fail(.withdrawDelay, seq: entry.seq, "withdraw_confirm without a pending request")
        }
        providers[p].pending = nil
    }

    func exit(_ entry: Entry) {
        guard let p = provider(entry) else { return }
        providers[p].exited = true
        providers[p].terminalTime = providers[p].terminalTime ?? entry.time
        if case .exit(let voided) = entry.payload { providers[p].today.ubiVoided += voided }
        providers[p].ubiVoided = true
        voidedWork(p, entry: entry)
    }

    /// C_base, C_total and CUs are in the checker's state already; the cached requirements follow.
    func param(_ entry: Entry) {
        switch entry.reason {
        case .cBase?:
            for p in providers.indices { refreshRequirement(p) }
        case .cu(let model)?:
            for p in providers.indices where providers[p].cards.contains(where: { $0.model == model }) { refreshRequirement(p) }
        default:
            break
        }
    }

    func checkNotTerminal(_ entry: Entry, _ invariant: Invariant, _ what: String) {
        if let p = provider(entry), providers[p].isTerminal {
            invariants.fail(invariant, seq: entry.seq, "\(what) for \(providers[p].status.rawValue) provider \(providers[p].id)")
        }
    }

    func checkActive(_ entry: Entry, _ what: String) {
        if let p = provider(entry), providers[p].status != .active {
            invariants.fail(.eligibility, seq: entry.seq, "\(what) for \(providers[p].id) while \(providers[p].status.rawValue)")
        }
    }

    // MARK: Slashes (I4, I5, I8)

    /// The §5.3 split of the entry's slash amount, from the balances before the entry.
    func expectedSlash(_ entry: Entry) -> SlashParts? {
        guard let p = provider(entry) else { return nil }
        let amount = entry.amountAtto ?? 0
        let fe = min(amount, max(balance(providers[p].escrow), 0))
        let rest = amount - fe
        let fb = min(rest, max(balance(providers[p].free), 0))
        return SlashParts(fe: fe, fb: fb, ub: rest - fb)
    }

    func checkSlash(_ entry: Entry, expected: SlashParts) {
        guard let p = provider(entry), let parts = entry.payload.slashParts else { return }
        let want = expected.transfers(escrow: providers[p].escrow, free: providers[p].free)
        let found = TransferList(Array(entry.transfers.prefix(want.count)))
        if found != want || parts != expected {
            invariants.fail(.slashSplit, seq: entry.seq, "slash of \(Decimal18.render(entry.amountAtto ?? 0)) does not split as fe \(Decimal18.render(expected.fe)), fb \(Decimal18.render(expected.fb)), ub \(Decimal18.render(expected.ub))")
        }
        let slashes = entry.transfers.contains { $0.credit == .slashedFunds || $0.credit == .slashDebt }
        if providers[p].isTerminal, slashes {
            invariants.fail(.terminal, seq: entry.seq, "slash of \(providers[p].status.rawValue) provider \(providers[p].id)")
        }
        totals.slashDebt += parts.ub
        if balance(.slashDebt) != totals.slashDebt {
            invariants.fail(.debtMirror, seq: entry.seq, "slash_debt \(Decimal18.render(balance(.slashDebt))) ≠ Σ ub \(Decimal18.render(totals.slashDebt))")
        }
        let amount = expected.total
        totals.slashed += amount
        totals.slashedBacked += expected.fe + expected.fb
        network.slashed += amount
        network.slashedBacked += expected.fe + expected.fb
        network.slashedUnbacked += expected.ub
        providers[p].totals.slashed += amount
        providers[p].totals.slashedUnbacked += expected.ub
        providers[p].today.slashed += amount
        providers[p].today.slashedUnbacked += expected.ub
    }

    // MARK: UBI (I6, I8, I9)

    func ubiAssign(_ entry: Entry) {
        guard let p = provider(entry), case .ubiAssign(let n, _) = entry.payload else { return }
        checkActive(entry, "ubi_assign")
        checkNotTerminal(entry, .terminal, "ubi_assign")
        providers[p].ubiDay = entry.day
        providers[p].ubiN = n
        providers[p].ubiVoided = false
        providers[p].ubiLastSettled = false
        providers[p].lastUBIFailTime = nil
        providers[p].today.ubiAssigned += n
        providers[p].totals.ubiTasksAssigned += n
        network.ubiTasksAssigned += n
        totals.ubiTasksAssigned += n
    }

    func ubiFail(_ entry: Entry) {
        guard let p = provider(entry) else { return }
        providers[p].today.ubiFailed += 1
        providers[p].lastUBIFailTime = entry.time
        providers[p].totals.ubiTasksFailed += 1
        network.ubiTasksFailed += 1
        totals.ubiTasksFailed += 1
        var j = providers[p].ubiN - 1
        if case .ubiFail(let index, _) = entry.payload { market?.providers[p].failingToday.append(index) }
        if entry.kind == .benchmarkFail { market?.providers[p].failingToday.append(0) }
        switch entry.payload {
        case .benchmarkFail(let strike, _, let until):
            if let until { providers[p].suspendedUntil = until }
            if strike == 3 { providers[p].removed = true }
        case .ubiFail(let index, _):
            j = index
        default:
            break
        }
        if entry.kind == .benchmarkFail || j == providers[p].ubiN - 1 {
            providers[p].ubiLastSettled = true
            ubiSettled(p, at: entry.time, seq: entry.seq)
        }
    }

    /// I19: an auction task never has a v1 assignment, completion or failure.
    func checkNotAuction(_ entry: Entry, _ k: Int) {
        if tasks[k]?.auction != nil {
            invariants.fail(.auctionStates, seq: entry.seq, "\(entry.kind.rawValue) of auction task \(entry.task ?? "?")")
        }
    }

    func ubiPay(_ entry: Entry) {
        startClosePhase(entry)
        checkActive(entry, "ubi_pay")
        let amount = entry.amountAtto ?? 0
        totals.ubiPaid += amount
        network.ubiPaid += amount
        if let p = provider(entry) {
            providers[p].totals.ubiEarned += amount
            providers[p].today.ubiPaid += amount
        }
    }

    func ubiDay(_ entry: Entry) {
        startClosePhase(entry)
        guard case .ubiDay(let figures) = entry.payload else { return }
        network.ubiDay = figures
        network.ubiYEffective = entry.amountAtto
        let yEffective = entry.amountAtto ?? 0
        let u = figures.tTotal == 0 ? 0 : min(1.0, Double(figures.tDay) / Double(figures.tTotal))
        let yMilli = rules.yMilli(x: figures.x, u: u)
        let pool = network.poolAtCloseStart ?? balance(.ubiPool)
        if figures.yMilli != yMilli {
            invariants.fail(.ubiCap, seq: entry.seq, "y_milli \(figures.yMilli), §6.4 gives \(yMilli)")
        }
        if yEffective != min(Int128(yMilli) * 1_000_000_000_000_000, pool) || network.ubiPaid > yEffective || yEffective > pool {
            invariants.fail(.ubiCap, seq: entry.seq, "paid \(Decimal18.render(network.ubiPaid)), y_eff \(Decimal18.render(yEffective)), pool \(Decimal18.render(pool))")
        }
    }

    /// The first entry of the day-close phase: the pool balance is taken, and every UBI task has settled.
    func startClosePhase(_ entry: Entry) {
        guard !closePhaseStarted else { return }
        closePhaseStarted = true
        network.poolAtCloseStart = balance(.ubiPool) + (entry.kind == .ubiPay ? entry.amountAtto ?? 0 : 0)
        for p in providers.indices where providers[p].ubiDay == currentDay && !providers[p].ubiLastSettled {
            providers[p].ubiLastSettled = true
            ubiSettled(p, at: entry.time, seq: nil)
        }
    }

    // MARK: Paid tasks (I6, I8, I11)

    func taskPost(_ entry: Entry) {
        guard let id = entry.task, let user = entry.user, case .taskPost(let terms) = entry.payload else { return }
        let index = tasksPosted
        tasksPosted += 1
        tasks[index] = ReplayTask(id: id, index: index, origin: entry.origin, user: user, reward: entry.amountAtto ?? 0,
                                  collateral: terms.collateralAtto, durationSeconds: terms.durationSeconds,
                                  gpuCount: terms.gpuCount, gpuModel: terms.gpuModel, providerKind: terms.providerKind,
                                  postedTime: entry.time)
        switch terms.assignment {
        case .auto: tasks[index]?.assignment = "auto"
        case .manual: tasks[index]?.assignment = "manual"
        case .provider: tasks[index]?.assignment = "provider"
        case .auction: tasks[index]?.assignment = "auction"
        }
        if terms.assignment == .auction {
            tasks[index]?.auction = ReplayAuction()
            market?.flows.auctionsPosted += 1
            market?.totals.auctionsPosted += 1
        }
        taskIndexByID[id] = index
        network.tasksPosted += 1
        totals.tasksPosted += 1
    }

    func taskAssign(_ entry: Entry) {
        checkActive(entry, "task_assign")
        checkNotTerminal(entry, .terminal, "task_assign")
        guard let id = entry.task, let k = taskIndexByID[id], let p = provider(entry),
              case .taskAssign(let model, let end) = entry.payload else { return }
        checkNotAuction(entry, k)
        tasks[k]?.state = .running
        tasks[k]?.provider = p
        tasks[k]?.model = model
        tasks[k]?.lock = entry.amountAtto ?? 0
        tasks[k]?.assignedTime = entry.time
        tasks[k]?.endTime = end
        activeTasks.insert(k)
        market?.runningWork[p].append((k, model, tasks[k]?.gpuCount ?? 0))
        runningTasks += 1
        providers[p].running += 1
        providers[p].today.tasksAssigned += 1
        network.tasksAssigned += 1
    }

    func taskComplete(_ entry: Entry) {
        guard let id = entry.task, let k = taskIndexByID[id], let p = provider(entry),
              case .taskComplete(let fee, _) = entry.payload else { return }
        checkNotAuction(entry, k)
        market?.providers[p].userOK += 1
        runningTasks -= 1
        let reward = entry.amountAtto ?? 0
        let expectedFee = reward * Int128(rules.feePercent) / 100
        var paidFee: Int128 = 0, payout: Int128 = 0
        for transfer in entry.transfers {
            if transfer.credit == .treasury { paidFee += transfer.amountAtto }
            if transfer.credit == providers[p].wallet { payout += transfer.amountAtto }
        }
        if fee != expectedFee || paidFee != expectedFee || payout != reward - expectedFee {
            invariants.fail(.feeSplit, seq: entry.seq, "reward \(Decimal18.render(reward)): fee \(Decimal18.render(paidFee)), payout \(Decimal18.render(payout))")
        }
        tasks[k]?.state = .completed
        tasks[k]?.settledTime = entry.time
        settledToday.append(k)
        tasks[k]?.fee = fee
        tasks[k]?.payout = reward - fee
        totals.fees += fee
        totals.taskPayouts += reward - fee
        totals.tasksCompleted += 1
        network.fees += fee
        network.taskPayouts += reward - fee
        network.tasksCompleted += 1
        providers[p].totals.taskIncome += reward - fee
        providers[p].totals.tasksCompleted += 1
        providers[p].today.taskIncome += reward - fee
        providers[p].today.taskFees += fee
        providers[p].today.tasksCompleted += 1
        taskEnded(p, entry: entry)
    }

    func taskFail(_ entry: Entry) {
        guard let id = entry.task, let k = taskIndexByID[id], let p = provider(entry),
              case .taskFail(_, _, let refund) = entry.payload else { return }
        checkNotAuction(entry, k)
        market?.providers[p].userFailed += 1
        market?.providers[p].refunds += 1
        runningTasks -= 1
        tasks[k]?.state = .failed
        tasks[k]?.settledTime = entry.time
        settledToday.append(k)
        tasks[k]?.slashed = entry.amountAtto ?? 0
        tasks[k]?.refund = refund
        totals.taskRefunds += refund
        totals.tasksFailed += 1
        network.taskRefunds += refund
        network.tasksFailed += 1
        providers[p].totals.tasksFailed += 1
        providers[p].today.tasksFailed += 1
        taskEnded(p, entry: entry)
    }

    func taskRefund(_ entry: Entry) {
        guard let id = entry.task, let k = taskIndexByID[id] else { return }
        if tasks[k]?.auction != nil { auctionRefund(entry, k) }
        tasks[k]?.state = .refunded
        tasks[k]?.settledTime = entry.time
        settledToday.append(k)
        tasks[k]?.refund = entry.amountAtto ?? 0
        totals.taskRefunds += entry.amountAtto ?? 0
        totals.tasksRefunded += 1
        network.taskRefunds += entry.amountAtto ?? 0
        network.tasksRefunded += 1
    }
}
