extension PayloadReading {
    /// The payload of `kind`, its values read in schema order.
    mutating func read(_ state: LedgerState) throws(Failure) -> Payload {
        switch kind {
        case .genesis, .grant, .deposit, .withdraw, .lock, .withdrawConfirm, .withdrawCancel:
            return .none
        case .taskRefund:
            guard try source.present() else { return .none }
            guard state.market else { throw schema("charged outside a market run") }
            return .auctionRefund(charged: try providers(state))
        case .register:
            let providerKind = try name(ProviderKind.self)
            var cards: [CardCount] = []
            for _ in 0..<(try source.length()) { cards.append(CardCount(model: try model(state), count: try source.int64())) }
            let ubiRate = try source.int128(), taskRate = try source.int128()
            let askingPrice = try optionalInt128()
            guard askingPrice == nil || state.market else { throw schema("asking_price outside a market run") }
            return .register(RegisterTerms(kind: providerKind, cards: cards, ubiFailureRateWad: ubiRate,
                                           taskFailureRateWad: taskRate, askingPriceAtto: askingPrice))
        case .status:
            return .status(StatusChange(from: try name(ProviderStatus.self), to: try name(ProviderStatus.self),
                                        freeAtto: try source.int128(), escrowAtto: try source.int128(),
                                        requiredAtto: try source.int128(), causeSeq: try optionalInt64()))
        case .unlock: return .unlock(movedAtto: try source.int128())
        case .slash: return .slash(try slash())
        case .withdrawRequest: return .withdrawRequest(due: try source.int64())
        case .exit: return .exit(ubiVoided: try source.int64())
        case .param: return .param(old: try source.int128(), new: try source.int128(), cuTotal: try optionalInt128())
        case .ubiAssign: return .ubiAssign(n: try source.int64(), failing: try source.int64())
        case .ubiFail: return .ubiFail(j: try source.int64(), try slash())
        case .benchmarkFail:
            return .benchmarkFail(strike: try source.int64(), try slash(), suspendedUntil: try optionalInt64())
        case .ubiPay:
            return .ubiPay(n: try source.int64(), completed: try source.int64(), w: try source.int128(),
                           wTotal: try source.int128())
        case .ubiDay:
            return .ubiDay(UBIDayFigures(
                x: try source.int64(), yMilli: try source.int64(), tDay: try source.int128(), tTotal: try source.int128(),
                wTotal: try source.int128(), eligible: try source.int64(), paidTotalAtto: try source.int128()))
        case .taskPost:
            let duration = try source.int64()
            let gpuModel = try source.present() ? try model(state) : nil
            let gpuCount = try source.int64(), collateral = try source.int128()
            let filter = try name(ProviderKindFilter.self)
            let text = try source.text()
            let assignment: TaskAssignment
            switch text {
            case "auto": assignment = .auto
            case "manual": assignment = .manual
            case "auction" where state.market: assignment = .auction
            default:
                guard text.hasPrefix("provider:") else { throw schema("assignment \(text)") }
                assignment = .provider(String(text.dropFirst("provider:".count)))
            }
            return .taskPost(TaskTerms(durationSeconds: duration, gpuModel: gpuModel, gpuCount: gpuCount,
                                       collateralAtto: collateral, providerKind: filter, assignment: assignment))
        case .taskAssign: return .taskAssign(model: try model(state), end: try source.int64())
        case .taskComplete: return .taskComplete(feeAtto: try source.int128(), unlockedAtto: try source.int128())
        case .taskFail:
            return .taskFail(try slash(), unlockedAtto: try source.int128(), refundAtto: try source.int128())
        case .opRejected: return .opRejected(try name(OperationName.self))
        case .dayClose: return .dayClose(day: try source.int64())
        case .marketQuote, .reputation, .priceSet, .auctionOpen, .auctionClose, .jobAssign, .jobSubmit, .jobFail,
             .jobCancel, .auctionComplete, .auctionFail:
            guard state.market else { throw schema("a market kind outside a market run") }
            return try readMarket(state)
        }
    }
}
