/// Receives a payload's values in the order of its kind's `PayloadSchema` fields.
///
/// An optional is `present` and then its value when present; a list is its `count` and then
/// its elements; a pair is its two values. Models and providers arrive by name, so a sink
/// needs no state.
public protocol PayloadSink {
    mutating func int64(_ value: Int64)
    mutating func int128(_ value: Int128)
    mutating func flag(_ value: Bool)
    mutating func text(_ value: String)
    mutating func model(_ name: [UInt8])
    mutating func provider(_ id: String)
    mutating func name(_ code: Int, in set: NameSet)
    mutating func present(_ value: Bool)
    mutating func length(_ value: Int)
}

/// Gives a payload's values in schema order: the mirror of `PayloadSink`. Reading checks each
/// value's form; the payload reader checks what the values mean (a known model, a registered
/// provider, a name's code).
public protocol PayloadSource {
    mutating func int64() throws(EntryDecoding.DecodingError) -> Int64
    mutating func int128() throws(EntryDecoding.DecodingError) -> Int128
    mutating func flag() throws(EntryDecoding.DecodingError) -> Bool
    mutating func text() throws(EntryDecoding.DecodingError) -> String
    mutating func model() throws(EntryDecoding.DecodingError) -> String
    mutating func provider() throws(EntryDecoding.DecodingError) -> String
    mutating func name(in set: NameSet) throws(EntryDecoding.DecodingError) -> Int
    mutating func present() throws(EntryDecoding.DecodingError) -> Bool
    mutating func length() throws(EntryDecoding.DecodingError) -> Int
}

extension PayloadSink {
    @inline(__always) mutating func optionalInt64(_ value: Int64?) {
        present(value != nil)
        if let value { int64(value) }
    }

    @inline(__always) mutating func optionalInt128(_ value: Int128?) {
        present(value != nil)
        if let value { int128(value) }
    }

    @inline(__always) mutating func slash(_ parts: SlashParts) {
        int128(parts.fe)
        int128(parts.fb)
        int128(parts.ub)
    }

    mutating func providers(_ list: [Int32], _ state: LedgerState) {
        length(list.count)
        for index in list { provider(state.providers[Int(index)].id) }
    }

    mutating func name<Name: SchemaName>(_ value: Name) { name(value.code, in: Name.nameSet) }
}

/// A closed set of names whose codes are their positions in `allCases` (`NameSet.names`).
protocol SchemaName: CaseIterable, Equatable where AllCases == [Self] {
    static var nameSet: NameSet { get }
}

extension SchemaName {
    var code: Int { Self.allCases.firstIndex(of: self)! }
}

extension ProviderKind: SchemaName { static var nameSet: NameSet { .providerKind } }
extension ProviderKindFilter: SchemaName { static var nameSet: NameSet { .providerKindFilter } }
extension ProviderStatus: SchemaName { static var nameSet: NameSet { .status } }
extension OperationName: SchemaName { static var nameSet: NameSet { .operation } }

extension Payload {
    /// Writes the values of this payload of `kind` in schema order; models and providers are
    /// named from `state`.
    public func write<Sink: PayloadSink>(kind: EntryKind, names state: LedgerState, into w: inout Sink) {
        switch self {
        case .none:
            if kind == .taskRefund { w.present(false) }
        case .register(let terms):
            w.name(terms.kind)
            w.length(terms.cards.count)
            for card in terms.cards {
                w.model(state.modelNameBytes(card.model))
                w.int64(card.count)
            }
            w.int128(terms.ubiFailureRateWad)
            w.int128(terms.taskFailureRateWad)
            w.optionalInt128(terms.askingPriceAtto)
        case .status(let change):
            w.name(change.from)
            w.name(change.to)
            w.int128(change.freeAtto)
            w.int128(change.escrowAtto)
            w.int128(change.requiredAtto)
            w.optionalInt64(change.causeSeq)
        case .unlock(let moved): w.int128(moved)
        case .slash(let parts): w.slash(parts)
        case .withdrawRequest(let due): w.int64(due)
        case .exit(let voided): w.int64(voided)
        case .param(let old, let new, let cuTotal):
            w.int128(old)
            w.int128(new)
            w.optionalInt128(cuTotal)
        case .ubiAssign(let n, let failing):
            w.int64(n)
            w.int64(failing)
        case .ubiFail(let j, let parts):
            w.int64(j)
            w.slash(parts)
        case .benchmarkFail(let strike, let parts, let until):
            w.int64(strike)
            w.slash(parts)
            w.optionalInt64(until)
        case .ubiPay(let n, let completed, let weight, let weightTotal):
            w.int64(n)
            w.int64(completed)
            w.int128(weight)
            w.int128(weightTotal)
        case .ubiDay(let f):
            w.int64(f.x)
            w.int64(f.yMilli)
            w.int128(f.tDay)
            w.int128(f.tTotal)
            w.int128(f.wTotal)
            w.int64(f.eligible)
            w.int128(f.paidTotalAtto)
        case .taskPost(let terms):
            w.int64(terms.durationSeconds)
            w.present(terms.gpuModel != nil)
            if let model = terms.gpuModel { w.model(state.modelNameBytes(model)) }
            w.int64(terms.gpuCount)
            w.int128(terms.collateralAtto)
            w.name(terms.providerKind)
            w.text(terms.assignment.text)
        case .taskAssign(let model, let end):
            w.model(state.modelNameBytes(model))
            w.int64(end)
        case .taskComplete(let fee, let unlocked):
            w.int128(fee)
            w.int128(unlocked)
        case .taskFail(let parts, let unlocked, let refund):
            w.slash(parts)
            w.int128(unlocked)
            w.int128(refund)
        case .opRejected(let operation): w.name(operation)
        case .dayClose(let day): w.int64(day)
        case .auctionRefund(let charged):
            w.present(true)
            w.providers(charged, state)
        default:
            writeMarket(names: state, into: &w)
        }
    }
}

extension TaskAssignment {
    /// `auto`, `manual`, `auction` or `provider:<id>`.
    var text: String {
        switch self {
        case .auto: "auto"
        case .manual: "manual"
        case .auction: "auction"
        case .provider(let id): "provider:" + id
        }
    }
}
