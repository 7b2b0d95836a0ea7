/// Every entry kind's payload fields, in encoding order: the one description of the
/// payloads (RULES.md §12, RULES-MARKET M10).
///
/// It drives the encoder and the decoders of every version (`PayloadWriting`,
/// `PayloadReading`, `LegacyPayloadReader`), the grammar table of docs/LEDGER-ENCODING.md and
/// `docs/ledger-schema.json`, which `tools/verify_ledger.py` reads (tests check both files
/// against this table). Adding a field is one line here, plus the value it carries in
/// `Payload`'s writer and reader, which a debug build checks against this line.
public enum PayloadSchema {
    /// The fields of `kind`.
    public static func fields(_ kind: EntryKind) -> [PayloadField] { table[kind.code] }

    private static let slash: [PayloadField] = [
        PayloadField("fe", .int128, "atto, from escrow"), PayloadField("fb", .int128, "atto, from free"),
        PayloadField("ub", .int128, "atto, unbacked"),
    ]
    private static let job: [PayloadField] = [PayloadField("round", .int64), PayloadField("job", .int64)]

    private static let table: [[PayloadField]] = EntryKind.allCases.map { kind in
        switch kind {
        case .genesis, .grant, .deposit, .withdraw, .lock, .withdrawConfirm, .withdrawCancel: []
        case .register: [
            PayloadField("kind", .name(.providerKind)),
            PayloadField("cards", .list(.pair(.model, .int64)), "[model, count] per card group"),
            PayloadField("ubi_failure_rate", .int128, "wad"),
            PayloadField("task_failure_rate", .int128, "wad"),
            PayloadField("asking_price", .optional(.int128), "atto per GPU-hour; null outside a market run", legacy: .market),
        ]
        case .status: [
            PayloadField("from", .name(.status)), PayloadField("to", .name(.status)),
            PayloadField("free", .int128, "atto"), PayloadField("escrow", .int128, "atto"),
            PayloadField("required", .int128, "atto"), PayloadField("cause_seq", .optional(.int64)),
        ]
        case .unlock: [PayloadField("moved", .int128, "atto")]
        case .slash: slash
        case .withdrawRequest: [PayloadField("due", .int64, "time the withdrawal can be confirmed")]
        case .exit: [PayloadField("ubi_voided", .int64, "UBI tasks voided")]
        case .param: [
            PayloadField("old", .int128, "atto for c_base/c_total, deci-CU for cu:<model>"),
            PayloadField("new", .int128, "as old"),
            PayloadField("cu_total", .optional(.int128), "10^-19 CU units"),
        ]
        case .ubiAssign: [PayloadField("n", .int64), PayloadField("failing", .int64)]
        case .ubiFail: [PayloadField("j", .int64)] + slash
        case .benchmarkFail: [PayloadField("strike", .int64)] + slash
            + [PayloadField("suspended_until", .optional(.int64), "strike 1: t + suspension_s")]
        case .ubiPay: [
            PayloadField("n", .int64), PayloadField("completed", .int64),
            PayloadField("w", .int128, "10^-19 CU units"), PayloadField("w_total", .int128, "10^-19 CU units"),
        ]
        case .ubiDay: [
            PayloadField("x", .int64), PayloadField("y_milli", .int64), PayloadField("t_day", .int128),
            PayloadField("t_total", .int128), PayloadField("w_total", .int128), PayloadField("eligible", .int64),
            PayloadField("paid_total", .int128, "atto"),
        ]
        case .taskPost: [
            PayloadField("duration_s", .int64), PayloadField("gpu_model", .optional(.model), "null: any model"),
            PayloadField("gpu_count", .int64), PayloadField("collateral", .int128, "atto"),
            PayloadField("provider_kind", .name(.providerKindFilter)),
            PayloadField("assignment", .text, "auto, manual, auction or provider:<id>"),
        ]
        case .taskAssign: [PayloadField("model", .model), PayloadField("end", .int64)]
        case .taskComplete: [PayloadField("fee", .int128, "atto"), PayloadField("unlocked", .int128, "atto")]
        case .taskFail: slash + [PayloadField("unlocked", .int128, "atto"), PayloadField("refund", .int128, "atto")]
        case .taskRefund: [
            PayloadField("charged", .optional(.list(.provider)), "an auction task's providers charged a refund",
                         legacy: .marketWhenPresent),
        ]
        case .opRejected: [PayloadField("op", .name(.operation))]
        case .dayClose: [PayloadField("day", .int64)]
        case .marketQuote: [
            PayloadField("u_last", .int128, "wad"), PayloadField("u_avg", .int128, "wad"),
            PayloadField("u_max", .int128, "wad"), PayloadField("history", .int64, "days in the window"),
            PayloadField("h", .int128, "wad"), PayloadField("occupied", .int64, "GPUs"),
            PayloadField("supply", .int64, "cards"), PayloadField("occupancy", .int128, "wad"),
            PayloadField("c", .int128, "wad"), PayloadField("df", .int128, "wad"), PayloadField("priced", .int64),
            PayloadField("wam", .int128, "atto"), PayloadField("fallback", .flag),
        ]
        case .reputation: [
            PayloadField("total", .int128, "wad of points"), PayloadField("uptime", .int128, "wad of points"),
            PayloadField("join", .int128, "wad of points"), PayloadField("system", .int128, "wad of points"),
            PayloadField("user", .int128, "wad of points"), PayloadField("refund", .int128, "wad of points"),
            PayloadField("active_s", .int64), PayloadField("registered_s", .int64),
            PayloadField("s7", .int64, "whole points"), PayloadField("s30", .int64, "whole points"),
            PayloadField("s_all", .int64, "whole points"), PayloadField("sys_ok", .int64),
            PayloadField("sys_failed", .int64), PayloadField("streak", .int64), PayloadField("user_ok", .int64),
            PayloadField("user_failed", .int64), PayloadField("refunds", .int64),
            PayloadField("averaged", .list(.name(.reputationComponent)), "components averaged, in this order"),
        ]
        case .priceSet: [PayloadField("old", .optional(.int128), "atto"), PayloadField("new", .optional(.int128), "atto")]
        case .auctionOpen: [PayloadField("round", .int64), PayloadField("close", .int64)]
        case .auctionClose: [
            PayloadField("round", .int64), PayloadField("bidders", .list(.provider), "provider order"),
            PayloadField("weights", .list(.int64), "bidders' order"),
            PayloadField("selected", .list(.provider), "pick order"), PayloadField("slots", .int64),
        ]
        case .jobAssign: job + [PayloadField("model", .model), PayloadField("end", .int64), PayloadField("weight", .int64)]
        case .jobSubmit, .jobCancel: job
        case .jobFail: job + slash + [PayloadField("unlocked", .int128, "atto")]
        case .auctionComplete: [
            PayloadField("round", .int64), PayloadField("fee", .int128, "atto"), PayloadField("leader_job", .int64),
            PayloadField("payouts", .list(.pair(.provider, .int128)), "leader first, then submitted jobs in job order"),
        ]
        case .auctionFail: [
            PayloadField("rounds", .int64), PayloadField("charged", .list(.provider), "in the order of their job_fail"),
        ]
        }
    }
}

extension EntryKind {
    /// The kind's number in `swansim-entry/3`: its position in `allCases` (append, never
    /// reorder). A case-only enum is stored as that position; `SchemaTests` checks it.
    @inline(__always) public var code: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
}

extension EntryOrigin {
    /// The origin's number in `swansim-entry/3`, its position in `allCases`.
    @inline(__always) public var code: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
}
