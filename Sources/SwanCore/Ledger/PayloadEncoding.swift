/// The payload part of E(entry): `u32 field_count`, then each field's static name and its
/// tagged value, in the order of docs/LEDGER-ENCODING.md "Payload fields per kind".
enum PayloadEncoding {
    static func write(_ payload: Payload, kind: EntryKind, names state: LedgerState, into out: inout ByteWriter) {
        switch payload {
        case .none:
            out.u32(0)
        case .register(let terms):
            out.u32(state.market ? 5 : 4)
            text("kind", terms.kind.rawValue, &out)
            out.staticString("cards")
            out.u8(EntryEncoding.ValueTag.list.rawValue)
            out.u32(UInt32(terms.cards.count))
            for card in terms.cards {
                out.u8(EntryEncoding.ValueTag.list.rawValue)
                out.u32(2)
                out.u8(EntryEncoding.ValueTag.text.rawValue)
                state.modelNameBytes(card.model).withUnsafeBytes { out.string(bytes: $0) }
                out.u8(EntryEncoding.ValueTag.integer.rawValue)
                out.i128(Int128(card.count))
            }
            integer("ubi_failure_rate", terms.ubiFailureRateWad, &out)
            integer("task_failure_rate", terms.taskFailureRateWad, &out)
            if state.market { optionalInteger("asking_price", terms.askingPriceAtto, &out) }
        case .status(let change):
            out.u32(6)
            text("from", change.from.rawValue, &out)
            text("to", change.to.rawValue, &out)
            integer("free", change.freeAtto, &out)
            integer("escrow", change.escrowAtto, &out)
            integer("required", change.requiredAtto, &out)
            optionalInteger("cause_seq", change.causeSeq.map { Int128($0) }, &out)
        case .unlock(let moved):
            out.u32(1)
            integer("moved", moved, &out)
        case .slash(let parts):
            out.u32(3)
            slash(parts, &out)
        case .withdrawRequest(let due):
            out.u32(1)
            integer("due", Int128(due), &out)
        case .exit(let voided):
            out.u32(1)
            integer("ubi_voided", Int128(voided), &out)
        case .param(let old, let new, let cuTotal):
            out.u32(3)
            integer("old", old, &out)
            integer("new", new, &out)
            optionalInteger("cu_total", cuTotal, &out)
        case .ubiAssign(let n, let failing):
            out.u32(2)
            integer("n", Int128(n), &out)
            integer("failing", Int128(failing), &out)
        case .ubiFail(let j, let parts):
            out.u32(4)
            integer("j", Int128(j), &out)
            slash(parts, &out)
        case .benchmarkFail(let strike, let parts, let until):
            out.u32(5)
            integer("strike", Int128(strike), &out)
            slash(parts, &out)
            optionalInteger("suspended_until", until.map { Int128($0) }, &out)
        case .ubiPay(let n, let completed, let w, let wTotal):
            out.u32(4)
            integer("n", Int128(n), &out)
            integer("completed", Int128(completed), &out)
            integer("w", w, &out)
            integer("w_total", wTotal, &out)
        case .ubiDay(let f):
            out.u32(7)
            integer("x", Int128(f.x), &out)
            integer("y_milli", Int128(f.yMilli), &out)
            integer("t_day", f.tDay, &out)
            integer("t_total", f.tTotal, &out)
            integer("w_total", f.wTotal, &out)
            integer("eligible", Int128(f.eligible), &out)
            integer("paid_total", f.paidTotalAtto, &out)
        case .taskPost(let terms):
            out.u32(6)
            integer("duration_s", Int128(terms.durationSeconds), &out)
            out.staticString("gpu_model")
            if let model = terms.gpuModel {
                out.u8(EntryEncoding.ValueTag.text.rawValue)
                state.modelNameBytes(model).withUnsafeBytes { out.string(bytes: $0) }
            } else {
                out.u8(EntryEncoding.ValueTag.null.rawValue)
            }
            integer("gpu_count", Int128(terms.gpuCount), &out)
            integer("collateral", terms.collateralAtto, &out)
            text("provider_kind", terms.providerKind.rawValue, &out)
            switch terms.assignment {
            case .auto: text("assignment", "auto", &out)
            case .manual: text("assignment", "manual", &out)
            case .provider(let id): text("assignment", "provider:" + id, &out)
            case .auction: text("assignment", "auction", &out)
            }
        case .taskAssign(let model, let end):
            out.u32(2)
            out.staticString("model")
            out.u8(EntryEncoding.ValueTag.text.rawValue)
            state.modelNameBytes(model).withUnsafeBytes { out.string(bytes: $0) }
            integer("end", Int128(end), &out)
        case .taskComplete(let fee, let unlocked):
            out.u32(2)
            integer("fee", fee, &out)
            integer("unlocked", unlocked, &out)
        case .taskFail(let parts, let unlocked, let refund):
            out.u32(5)
            slash(parts, &out)
            integer("unlocked", unlocked, &out)
            integer("refund", refund, &out)
        case .opRejected(let op):
            out.u32(1)
            text("op", op.rawValue, &out)
        case .dayClose(let day):
            out.u32(1)
            integer("day", Int128(day), &out)
        default:
            MarketPayloadEncoding.write(payload, names: state, into: &out)
        }
    }

    @inline(__always)
    static func integer(_ name: StaticString, _ value: Int128, _ out: inout ByteWriter) {
        out.staticString(name)
        out.u8(EntryEncoding.ValueTag.integer.rawValue)
        out.i128(value)
    }

    @inline(__always)
    static func optionalInteger(_ name: StaticString, _ value: Int128?, _ out: inout ByteWriter) {
        out.staticString(name)
        if let value {
            out.u8(EntryEncoding.ValueTag.integer.rawValue)
            out.i128(value)
        } else {
            out.u8(EntryEncoding.ValueTag.null.rawValue)
        }
    }

    @inline(__always)
    static func text(_ name: StaticString, _ value: String, _ out: inout ByteWriter) {
        out.staticString(name)
        out.u8(EntryEncoding.ValueTag.text.rawValue)
        out.string(value)
    }

    @inline(__always)
    static func slash(_ parts: SlashParts, _ out: inout ByteWriter) {
        integer("fe", parts.fe, &out)
        integer("fb", parts.fb, &out)
        integer("ub", parts.ub, &out)
    }
}
