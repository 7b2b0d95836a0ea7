/// The payload fields of the market kinds (RULES-MARKET M10), in the order of
/// docs/LEDGER-ENCODING.md "Market payload fields". Provider lists are written as the
/// providers' ids, booleans as the integers 0 and 1.
enum MarketPayloadEncoding {
    private typealias Field = PayloadEncoding

    static func write(_ payload: Payload, names state: LedgerState, into out: inout ByteWriter) {
        switch payload {
        case .marketQuote(let q):
            out.u32(13)
            Field.integer("u_last", q.uLast, &out)
            Field.integer("u_avg", q.uAvg, &out)
            Field.integer("u_max", q.uMax, &out)
            Field.integer("history", Int128(q.history), &out)
            Field.integer("h", q.h, &out)
            Field.integer("occupied", Int128(q.occupied), &out)
            Field.integer("supply", Int128(q.supply), &out)
            Field.integer("occupancy", q.occupancy, &out)
            Field.integer("c", q.c, &out)
            Field.integer("df", q.demandFactor, &out)
            Field.integer("priced", Int128(q.priced), &out)
            Field.integer("wam", q.wamAtto, &out)
            Field.integer("fallback", q.fallback ? 1 : 0, &out)
        case .reputation(let r):
            out.u32(18)
            Field.integer("total", r.total, &out)
            Field.integer("uptime", r.uptime, &out)
            Field.integer("join", r.join, &out)
            Field.integer("system", r.system, &out)
            Field.integer("user", r.user, &out)
            Field.integer("refund", r.refund, &out)
            Field.integer("active_s", Int128(r.activeSeconds), &out)
            Field.integer("registered_s", Int128(r.registeredSeconds), &out)
            Field.integer("s7", Int128(r.s7), &out)
            Field.integer("s30", Int128(r.s30), &out)
            Field.integer("s_all", Int128(r.sAll), &out)
            Field.integer("sys_ok", Int128(r.systemOK), &out)
            Field.integer("sys_failed", Int128(r.systemFailed), &out)
            Field.integer("streak", Int128(r.streak), &out)
            Field.integer("user_ok", Int128(r.userOK), &out)
            Field.integer("user_failed", Int128(r.userFailed), &out)
            Field.integer("refunds", Int128(r.refunds), &out)
            out.staticString("averaged")
            textList(r.averaged.names, &out)
        case .priceSet(let old, let new):
            out.u32(2)
            Field.optionalInteger("old", old, &out)
            Field.optionalInteger("new", new, &out)
        case .auctionOpen(let round, let close):
            out.u32(2)
            Field.integer("round", Int128(round), &out)
            Field.integer("close", Int128(close), &out)
        case .auctionClose(let selection):
            out.u32(5)
            Field.integer("round", Int128(selection.round), &out)
            out.staticString("bidders")
            providerList(selection.bidders, state, &out)
            out.staticString("weights")
            integerList(selection.weights, &out)
            out.staticString("selected")
            providerList(selection.selected, state, &out)
            Field.integer("slots", Int128(selection.slots), &out)
        case .jobAssign(let job, let model, let end, let weight):
            out.u32(5)
            jobFields(job, &out)
            out.staticString("model")
            out.u8(EntryEncoding.ValueTag.text.rawValue)
            state.modelNameBytes(model).withUnsafeBytes { out.string(bytes: $0) }
            Field.integer("end", Int128(end), &out)
            Field.integer("weight", Int128(weight), &out)
        case .jobSubmit(let job), .jobCancel(let job):
            out.u32(2)
            jobFields(job, &out)
        case .jobFail(let job, let parts, let unlocked):
            out.u32(6)
            jobFields(job, &out)
            Field.slash(parts, &out)
            Field.integer("unlocked", unlocked, &out)
        case .auctionComplete(let round, let fee, let leaderJob, let payouts):
            out.u32(4)
            Field.integer("round", Int128(round), &out)
            Field.integer("fee", fee, &out)
            Field.integer("leader_job", Int128(leaderJob), &out)
            out.staticString("payouts")
            out.u8(EntryEncoding.ValueTag.list.rawValue)
            out.u32(UInt32(payouts.count))
            for payout in payouts {
                out.u8(EntryEncoding.ValueTag.list.rawValue)
                out.u32(2)
                providerText(payout.provider, state, &out)
                out.u8(EntryEncoding.ValueTag.integer.rawValue)
                out.i128(payout.amountAtto)
            }
        case .auctionFail(let rounds, let charged):
            out.u32(2)
            Field.integer("rounds", Int128(rounds), &out)
            out.staticString("charged")
            providerList(charged, state, &out)
        case .auctionRefund(let charged):
            out.u32(1)
            out.staticString("charged")
            providerList(charged, state, &out)
        default:
            preconditionFailure("not a market payload")
        }
    }

    private static func jobFields(_ job: JobRef, _ out: inout ByteWriter) {
        Field.integer("round", Int128(job.round), &out)
        Field.integer("job", Int128(job.job), &out)
    }

    private static func providerText(_ provider: Int32, _ state: LedgerState, _ out: inout ByteWriter) {
        out.u8(EntryEncoding.ValueTag.text.rawValue)
        out.string(state.providers[Int(provider)].id)
    }

    private static func providerList(_ providers: [Int32], _ state: LedgerState, _ out: inout ByteWriter) {
        out.u8(EntryEncoding.ValueTag.list.rawValue)
        out.u32(UInt32(providers.count))
        for provider in providers { providerText(provider, state, &out) }
    }

    private static func integerList(_ values: [Int64], _ out: inout ByteWriter) {
        out.u8(EntryEncoding.ValueTag.list.rawValue)
        out.u32(UInt32(values.count))
        for value in values {
            out.u8(EntryEncoding.ValueTag.integer.rawValue)
            out.i128(Int128(value))
        }
    }

    private static func textList(_ values: [String], _ out: inout ByteWriter) {
        out.u8(EntryEncoding.ValueTag.list.rawValue)
        out.u32(UInt32(values.count))
        for value in values {
            out.u8(EntryEncoding.ValueTag.text.rawValue)
            out.string(value)
        }
    }
}
