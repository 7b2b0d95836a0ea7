/// Checks that a payload's values follow its kind's schema: the writer's calls are recorded
/// and matched against the field types. Debug builds assert it for every encoded entry; tests
/// run it over a payload of every kind.
public enum PayloadShape {
    /// One call a payload's writer made.
    enum Token: Equatable {
        case int64, int128, flag, text, model, provider
        case name(NameSet, Int)
        case present(Bool)
        case length(Int)
    }

    /// The tokens of one payload.
    struct Recorder: PayloadSink {
        var tokens: [Token] = []
        mutating func int64(_ value: Int64) { tokens.append(.int64) }
        mutating func int128(_ value: Int128) { tokens.append(.int128) }
        mutating func flag(_ value: Bool) { tokens.append(.flag) }
        mutating func text(_ value: String) { tokens.append(.text) }
        mutating func model(_ name: [UInt8]) { tokens.append(.model) }
        mutating func provider(_ id: String) { tokens.append(.provider) }
        mutating func name(_ code: Int, in set: NameSet) { tokens.append(.name(set, code)) }
        mutating func present(_ value: Bool) { tokens.append(.present(value)) }
        mutating func length(_ value: Int) { tokens.append(.length(value)) }
    }

    /// Whether `payload`, written as a `kind` payload, gives exactly its schema's values.
    public static func conforms(_ payload: Payload, kind: EntryKind, names state: LedgerState) -> Bool {
        var recorder = Recorder()
        payload.write(kind: kind, names: state, into: &recorder)
        var position = 0
        for field in PayloadSchema.fields(kind) {
            guard match(field.type, recorder.tokens, &position) else { return false }
        }
        return position == recorder.tokens.count
    }

    private static func match(_ type: FieldType, _ tokens: [Token], _ position: inout Int) -> Bool {
        guard position < tokens.count else { return false }
        let token = tokens[position]
        position += 1
        switch (type, token) {
        case (.int64, .int64), (.int128, .int128), (.flag, .flag), (.text, .text), (.model, .model), (.provider, .provider):
            return true
        case (.name(let set), .name(let written, let code)):
            return set == written && code >= 0 && code < set.names.count
        case (.optional, .present(false)):
            return true
        case (.optional(let inner), .present(true)):
            return match(inner, tokens, &position)
        case (.list(let element), .length(let count)):
            for _ in 0..<count where !match(element, tokens, &position) { return false }
            return true
        case (.pair(let first, let second), _):
            position -= 1
            return match(first, tokens, &position) && match(second, tokens, &position)
        default:
            return false
        }
    }
}
