/// Reads the payload part of E(entry) for one kind, field by expected field.
struct PayloadReader {
    var reader: ByteReader
    let kind: EntryKind

    typealias Tag = EntryEncoding.ValueTag

    mutating func read(state: LedgerState) throws -> Payload {
        switch kind {
        case .genesis, .grant, .deposit, .withdraw, .lock, .withdrawConfirm, .withdrawCancel:
            try count(0)
            return .none
        case .taskRefund:
            // A v1 task's refund has no field; an auction task's lists the providers charged.
            let fields = try reader.u32()
            if fields == 0 { return .none }
            guard state.market, fields == 1 else { throw schema("\(fields) fields, expected 0") }
            return .auctionRefund(charged: try providerList("charged", state: state))
        case .marketQuote, .reputation, .priceSet, .auctionOpen, .auctionClose, .jobAssign, .jobSubmit, .jobFail,
             .jobCancel, .auctionComplete, .auctionFail:
            return try readMarket(state: state)
        case .register:
            try count(state.market ? 5 : 4)
            guard let providerKind = ProviderKind(rawValue: try text("kind")) else { throw schema("register kind") }
            try name("cards")
            try tag(.list)
            let cardCount = try reader.u32()
            var cards: [CardCount] = []
            for _ in 0..<cardCount {
                try tag(.list)
                guard try reader.u32() == 2 else { throw schema("a card is [model, count]") }
                try tag(.text)
                let model = try reader.string()
                guard let id = state.modelID(named: model) else { throw EntryDecoding.DecodingError.unknownModel(model) }
                try tag(.integer)
                cards.append(CardCount(model: id, count: try int64(try reader.i128())))
            }
            let ubiRate = try integer("ubi_failure_rate")
            let taskRate = try integer("task_failure_rate")
            let askingPrice = state.market ? try optionalInteger("asking_price") : nil
            return .register(RegisterTerms(kind: providerKind, cards: cards, ubiFailureRateWad: ubiRate,
                                           taskFailureRateWad: taskRate, askingPriceAtto: askingPrice))
        case .status:
            try count(6)
            guard let from = ProviderStatus(rawValue: try text("from")), let to = ProviderStatus(rawValue: try text("to")) else {
                throw schema("status names")
            }
            return .status(StatusChange(from: from, to: to, freeAtto: try integer("free"), escrowAtto: try integer("escrow"),
                                        requiredAtto: try integer("required"),
                                        causeSeq: try optionalInteger("cause_seq").map { v throws in try int64(v) }))
        case .unlock:
            try count(1)
            return .unlock(movedAtto: try integer("moved"))
        case .slash:
            try count(3)
            return .slash(try slash())
        case .withdrawRequest:
            try count(1)
            return .withdrawRequest(due: try int64(try integer("due")))
        case .exit:
            try count(1)
            return .exit(ubiVoided: try int64(try integer("ubi_voided")))
        case .param:
            try count(3)
            return .param(old: try integer("old"), new: try integer("new"), cuTotal: try optionalInteger("cu_total"))
        case .ubiAssign:
            try count(2)
            return .ubiAssign(n: try int64(try integer("n")), failing: try int64(try integer("failing")))
        case .ubiFail:
            try count(4)
            let j = try int64(try integer("j"))
            return .ubiFail(j: j, try slash())
        case .benchmarkFail:
            try count(5)
            let strike = try int64(try integer("strike"))
            let parts = try slash()
            return .benchmarkFail(strike: strike, parts,
                                  suspendedUntil: try optionalInteger("suspended_until").map { v throws in try int64(v) })
        case .ubiPay:
            try count(4)
            return .ubiPay(n: try int64(try integer("n")), completed: try int64(try integer("completed")), w: try integer("w"),
                           wTotal: try integer("w_total"))
        case .ubiDay:
            try count(7)
            return .ubiDay(UBIDayFigures(
                x: try int64(try integer("x")), yMilli: try int64(try integer("y_milli")), tDay: try integer("t_day"),
                tTotal: try integer("t_total"), wTotal: try integer("w_total"), eligible: try int64(try integer("eligible")),
                paidTotalAtto: try integer("paid_total")))
        case .taskPost:
            try count(6)
            let duration = try int64(try integer("duration_s"))
            try name("gpu_model")
            var model: ModelID?
            switch Tag(rawValue: try reader.u8()) {
            case .null: model = nil
            case .text:
                let text = try reader.string()
                guard let id = state.modelID(named: text) else { throw EntryDecoding.DecodingError.unknownModel(text) }
                model = id
            default: throw schema("gpu_model is text or null")
            }
            let gpuCount = try int64(try integer("gpu_count"))
            let collateral = try integer("collateral")
            guard let filter = ProviderKindFilter(rawValue: try text("provider_kind")) else { throw schema("provider_kind") }
            let assignmentText = try text("assignment")
            let assignment: TaskAssignment
            switch assignmentText {
            case "auto": assignment = .auto
            case "manual": assignment = .manual
            case "auction" where state.market: assignment = .auction
            default:
                guard assignmentText.hasPrefix("provider:") else { throw schema("assignment \(assignmentText)") }
                assignment = .provider(String(assignmentText.dropFirst("provider:".count)))
            }
            return .taskPost(TaskTerms(durationSeconds: duration, gpuModel: model, gpuCount: gpuCount,
                                       collateralAtto: collateral, providerKind: filter, assignment: assignment))
        case .taskAssign:
            try count(2)
            let text = try self.text("model")
            guard let model = state.modelID(named: text) else { throw EntryDecoding.DecodingError.unknownModel(text) }
            return .taskAssign(model: model, end: try int64(try integer("end")))
        case .taskComplete:
            try count(2)
            return .taskComplete(feeAtto: try integer("fee"), unlockedAtto: try integer("unlocked"))
        case .taskFail:
            try count(5)
            let parts = try slash()
            return .taskFail(parts, unlockedAtto: try integer("unlocked"), refundAtto: try integer("refund"))
        case .opRejected:
            try count(1)
            let op = try text("op")
            guard let name = OperationName(rawValue: op) else { throw schema("op \(op)") }
            return .opRejected(name)
        case .dayClose:
            try count(1)
            return .dayClose(day: try int64(try integer("day")))
        }
    }

    func schema(_ detail: String) -> EntryDecoding.DecodingError {
        .schema("\(kind.rawValue): \(detail)")
    }

    mutating func count(_ expected: UInt32) throws {
        let found = try reader.u32()
        guard found == expected else { throw schema("\(found) fields, expected \(expected)") }
    }

    mutating func name(_ expected: StaticString) throws {
        guard try reader.string(equals: expected) else { throw schema("expected field \(expected)") }
    }

    mutating func tag(_ expected: Tag) throws {
        guard try reader.u8() == expected.rawValue else { throw schema("value tag") }
    }

    mutating func integer(_ field: StaticString) throws -> Int128 {
        try name(field)
        try tag(.integer)
        return try reader.i128()
    }

    mutating func optionalInteger(_ field: StaticString) throws -> Int128? {
        try name(field)
        switch Tag(rawValue: try reader.u8()) {
        case .null: return nil
        case .integer: return try reader.i128()
        default: throw schema("\(field) is an integer or null")
        }
    }

    mutating func text(_ field: StaticString) throws -> String {
        try name(field)
        try tag(.text)
        return try reader.string()
    }

    mutating func slash() throws -> SlashParts {
        SlashParts(fe: try integer("fe"), fb: try integer("fb"), ub: try integer("ub"))
    }

    func int64(_ value: Int128) throws -> Int64 {
        guard let exact = Int64(exactly: value) else { throw schema("\(value) does not fit 64 bits") }
        return exact
    }
}
