import SwanCore

/// Reads the members of one JSON object, tracking which were used.
///
/// Duplicate keys are reported as soon as the reader is made; `finish()` reports every
/// member that no caller asked for as E_UNKNOWN_FIELD, in document order.
final class ObjectReader {
    let location: Located
    /// Names the object in messages (`op "deposit"`); set once the object's type is known.
    var context: String
    private let diagnostics: Diagnostics
    private var firstByKey: [String: DocumentNode.Member] = [:]
    private let members: [DocumentNode.Member]
    private var used: Set<String> = []

    init(members: [DocumentNode.Member], at location: Located, context: String, diagnostics: Diagnostics) {
        self.members = members
        self.location = location
        self.context = context
        self.diagnostics = diagnostics
        for member in members {
            if firstByKey[member.key] != nil {
                diagnostics.report(.duplicateKey, at: location.path.key(member.key), position: member.keyPosition,
                                   "duplicate key \(jsonQuoted(member.key))")
            } else {
                firstByKey[member.key] = member
            }
        }
    }

    /// Keys in written order, each once.
    var keys: [String] {
        var seen: Set<String> = []
        return members.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }

    /// Every member (first occurrence of each key), in written order, marking all as used.
    var allMembers: [(key: String, value: Located)] {
        keys.compactMap { key in
            used.insert(key)
            return firstByKey[key].map { (key, Located(node: $0.value, path: location.path.key(key))) }
        }
    }

    func has(_ key: String) -> Bool { firstByKey[key] != nil }

    /// The member, if present; marks it as known.
    func optional(_ key: String) -> Located? {
        used.insert(key)
        return firstByKey[key].map { Located(node: $0.value, path: location.path.key(key)) }
    }

    /// The member, or nil if it is absent or `null` (for fields whose table says "or null").
    func optionalNonNull(_ key: String) -> Located? {
        guard let value = optional(key) else { return nil }
        if case .null = value.node.value { return nil }
        return value
    }

    /// The member; reports E_MISSING_FIELD if absent.
    func required(_ key: String) -> Located? {
        guard let value = optional(key) else {
            diagnostics.report(.missingField, location, "missing required field \(jsonQuoted(key)) in \(context)")
            return nil
        }
        return value
    }

    /// Marks keys as known without reading them (fields handled elsewhere).
    func accept(_ keys: String...) {
        for key in keys { used.insert(key) }
    }

    /// Reports every member nobody asked for.
    func finish(context overriding: String? = nil) {
        let context = overriding ?? self.context
        for key in keys where !used.contains(key) {
            guard let member = firstByKey[key] else { continue }
            diagnostics.report(.unknownField, at: location.path.key(key), position: member.keyPosition,
                               "field \(jsonQuoted(key)) is not allowed in \(context)")
        }
    }
}
