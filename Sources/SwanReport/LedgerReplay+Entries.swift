import SwanCore

extension LedgerReplay {
    func register(_ entry: Entry) {
        guard let id = entry.provider, providerIndexByID[id] == nil else { return }
        var cards: [CardGroup] = []
        if case .list(let items)? = entry.payloadValue("cards") {
            for item in items {
                if case .list(let pair) = item, pair.count == 2, case .text(let model) = pair[0], case .integer(let count) = pair[1] {
                    cards.append(CardGroup(model: model, count: Int64(count)))
                }
            }
        }
        let kind = ProviderKind(rawValue: entry.payloadText("kind") ?? "") ?? .ecp
        let index = providers.count
        providers.append(ReplayProvider(
            id: id, index: index, kind: kind, cards: cards, cardCount: cards.reduce(0) { $0 + $1.count },
            registeredTime: entry.time, registeredOrigin: entry.origin, ubiFailureRate: entry.payloadInteger("ubi_failure_rate") ?? 0,
            taskFailureRate: entry.payloadInteger("task_failure_rate") ?? 0))
        providers[index].statusSince = entry.time
        providerIndexByID[id] = index
    }

    func status(_ entry: Entry) {
        guard let p = provider(entry), let to = entry.payloadText("to").flatMap(ProviderStatus.init) else { return }
        let old = providers[p].status
        if old.isTerminal {
            invariants.fail(.terminal, seq: entry.seq, "\(providers[p].id) left \(old.rawValue)")
        }
        if entry.payloadText("from") != old.rawValue {
            invariants.fail(.statusConsistency, seq: entry.seq, "\(providers[p].id) status from \(entry.payloadText("from") ?? "?") but was \(old.rawValue)")
        }
        if old != .none { totals.statusChanges += 1 }
        accumulateIneligible(p, until: entry.time)
        providers[p].status = to
        if to == .removed {
            providers[p].removed = true
            providers[p].terminalTime = providers[p].terminalTime ?? entry.time
            providers[p].ubiVoided = true
        }
        statusChanged(p, entry: entry, from: old, to: to)
    }

    func withdrawRequest(_ entry: Entry) {
        guard let p = provider(entry), let amount = entry.amountAtto, let due = entry.payloadInteger("due") else { return }
        providers[p].pending = (amount, Int64(due))
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
        providers[p].today.ubiVoided += Int64(entry.payloadInteger("ubi_voided") ?? 0)
        providers[p].ubiVoided = true
        voidedWork(p, entry: entry)
    }

    func param(_ entry: Entry) {
        guard let reason = entry.reason, let new = entry.payloadInteger("new") else { return }
        if reason == "c_base" {
            cBase = new
        } else if reason == "c_total" {
            cTotal = new
        } else if reason.hasPrefix("cu:") {
            catalog.setCU(String(reason.dropFirst(3)), deci: Int64(new))
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
    func expectedSlash(_ entry: Entry) -> (fe: Int128, fb: Int128, ub: Int128)? {
        guard let id = entry.provider else { return nil }
        let amount = entry.amountAtto ?? 0
        let fe = min(amount, max(balance(.providerEscrow(id)), 0))
        let rest = amount - fe
        let fb = min(rest, max(balance(.providerFree(id)), 0))
        return (fe, fb, rest - fb)
    }

    func checkSlash(_ entry: Entry, expected: (fe: Int128, fb: Int128, ub: Int128)) {
        guard let id = entry.provider else { return }
        var want: [Transfer] = []
        if expected.fe > 0 { want.append(Transfer(debit: .providerEscrow(id), credit: .slashedFunds, amountAtto: expected.fe)) }
        if expected.fb > 0 { want.append(Transfer(debit: .providerFree(id), credit: .slashedFunds, amountAtto: expected.fb)) }
        if expected.ub > 0 { want.append(Transfer(debit: .providerFree(id), credit: .slashDebt, amountAtto: expected.ub)) }
        let found = Array(entry.transfers.prefix(want.count))
        let payload = (entry.payloadInteger("fe"), entry.payloadInteger("fb"), entry.payloadInteger("ub"))
        if found != want || payload != (expected.fe, expected.fb, expected.ub) {
            invariants.fail(.slashSplit, seq: entry.seq, "slash of \(Decimal18.render(entry.amountAtto ?? 0)) does not split as fe \(Decimal18.render(expected.fe)), fb \(Decimal18.render(expected.fb)), ub \(Decimal18.render(expected.ub))")
        }
        let slashTransfers = entry.transfers.filter { $0.credit == .slashedFunds || $0.credit == .slashDebt }
        if let p = providerIndexByID[id], providers[p].isTerminal, !slashTransfers.isEmpty {
            invariants.fail(.terminal, seq: entry.seq, "slash of \(providers[p].status.rawValue) provider \(id)")
        }
        let ub = entry.payloadInteger("ub") ?? 0
        totals.slashDebt += ub
        if balance(.slashDebt) != totals.slashDebt {
            invariants.fail(.debtMirror, seq: entry.seq, "slash_debt \(Decimal18.render(balance(.slashDebt))) ≠ Σ ub \(Decimal18.render(totals.slashDebt))")
        }
        let amount = expected.fe + expected.fb + expected.ub
        totals.slashed += amount
        totals.slashedBacked += expected.fe + expected.fb
        network.slashed += amount
        network.slashedBacked += expected.fe + expected.fb
        network.slashedUnbacked += expected.ub
        if let p = providerIndexByID[id] {
            providers[p].totals.slashed += amount
            providers[p].totals.slashedUnbacked += expected.ub
            providers[p].today.slashed += amount
            providers[p].today.slashedUnbacked += expected.ub
        }
    }

    // MARK: UBI (I6, I8, I9)

    func ubiAssign(_ entry: Entry) {
        guard let p = provider(entry) else { return }
        checkActive(entry, "ubi_assign")
        checkNotTerminal(entry, .terminal, "ubi_assign")
        let n = Int64(entry.payloadInteger("n") ?? 0)
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
        if entry.kind == .benchmarkFail {
            if let until = entry.payloadInteger("suspended_until") { providers[p].suspendedUntil = Int64(until) }
            if entry.payloadInteger("strike") == 3 { providers[p].removed = true }
        }
        let j = entry.payloadInteger("j").map { Int64($0) } ?? (providers[p].ubiN - 1)
        if entry.kind == .benchmarkFail || j == providers[p].ubiN - 1 {
            providers[p].ubiLastSettled = true
            ubiSettled(p, at: entry.time, seq: entry.seq)
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
        network.ubiDay = entry
        let yEffective = entry.amountAtto ?? 0
        let x = Int64(entry.payloadInteger("x") ?? 0)
        let tDay = entry.payloadInteger("t_day") ?? 0, tTotal = entry.payloadInteger("t_total") ?? 0
        let u = tTotal == 0 ? 0 : min(1.0, Double(tDay) / Double(tTotal))
        let yMilli = rules.yMilli(x: x, u: u)
        let pool = network.poolAtCloseStart ?? balance(.ubiPool)
        if Int64(entry.payloadInteger("y_milli") ?? -1) != yMilli {
            invariants.fail(.ubiCap, seq: entry.seq, "y_milli \(entry.payloadInteger("y_milli") ?? -1), §6.4 gives \(yMilli)")
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
        guard let id = entry.task, let user = entry.user else { return }
        let index = tasks.count
        tasks.append(ReplayTask(id: id, index: index, origin: entry.origin, user: user, reward: entry.amountAtto ?? 0,
                                collateral: entry.payloadInteger("collateral") ?? 0,
                                durationSeconds: Int64(entry.payloadInteger("duration_s") ?? 0),
                                gpuCount: Int64(entry.payloadInteger("gpu_count") ?? 1), postedTime: entry.time))
        taskIndexByID[id] = index
        network.tasksPosted += 1
        totals.tasksPosted += 1
    }

    func taskAssign(_ entry: Entry) {
        checkActive(entry, "task_assign")
        checkNotTerminal(entry, .terminal, "task_assign")
        guard let id = entry.task, let k = taskIndexByID[id], let p = provider(entry) else { return }
        tasks[k].state = .running
        tasks[k].provider = p
        tasks[k].model = entry.payloadText("model")
        tasks[k].lock = entry.amountAtto ?? 0
        tasks[k].assignedTime = entry.time
        tasks[k].endTime = entry.payloadInteger("end").map { Int64($0) }
        activeTasks.insert(k)
        runningTasks += 1
        providers[p].running += 1
        providers[p].today.tasksAssigned += 1
        network.tasksAssigned += 1
    }

    func taskComplete(_ entry: Entry) {
        guard let id = entry.task, let k = taskIndexByID[id], let p = provider(entry) else { return }
        runningTasks -= 1
        let reward = entry.amountAtto ?? 0
        let fee = entry.payloadInteger("fee") ?? 0
        let expectedFee = reward * Int128(rules.feePercent) / 100
        let paidFee = entry.transfers.filter { $0.credit == .treasury }.reduce(Int128(0)) { $0 + $1.amountAtto }
        let payout = entry.transfers.filter { $0.credit == .providerWallet(providers[p].id) }.reduce(Int128(0)) { $0 + $1.amountAtto }
        if fee != expectedFee || paidFee != expectedFee || payout != reward - expectedFee {
            invariants.fail(.feeSplit, seq: entry.seq, "reward \(Decimal18.render(reward)): fee \(Decimal18.render(paidFee)), payout \(Decimal18.render(payout))")
        }
        tasks[k].state = .completed
        tasks[k].settledTime = entry.time
        tasks[k].fee = fee
        tasks[k].payout = reward - fee
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
        guard let id = entry.task, let k = taskIndexByID[id], let p = provider(entry) else { return }
        runningTasks -= 1
        let refund = entry.payloadInteger("refund") ?? 0
        tasks[k].state = .failed
        tasks[k].settledTime = entry.time
        tasks[k].slashed = entry.amountAtto ?? 0
        tasks[k].refund = refund
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
        tasks[k].state = .refunded
        tasks[k].settledTime = entry.time
        tasks[k].refund = entry.amountAtto ?? 0
        totals.taskRefunds += entry.amountAtto ?? 0
        totals.tasksRefunded += 1
        network.taskRefunds += entry.amountAtto ?? 0
        network.tasksRefunded += 1
    }
}
