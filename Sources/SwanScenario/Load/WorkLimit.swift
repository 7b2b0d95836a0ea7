import SwanCore

/// A limit on generated work (RULES.md §18 C16), counted while the file is read so that the
/// element that crosses it is named, and nothing beyond it is expanded: twenty user groups of a
/// million users each are refused at the second group, before a single user id is made.
struct WorkLimit {
    /// What is counted, as the message names it ("users in all").
    let name: String
    let maximum: Int64
    private(set) var total: Int64 = 0
    private var crossed = false

    init(_ name: String, maximum: Int64) {
        self.name = name
        self.maximum = maximum
    }

    /// Counts `amount` more, defined at `at`.
    /// - Returns: false once the limit is crossed; the first crossing is an `E_RANGE` at `at`.
    mutating func add(_ amount: Int64, at: Located, diagnostics: Diagnostics) -> Bool {
        guard !crossed else { return false }
        total += amount
        guard total > maximum else { return true }
        crossed = true
        diagnostics.report(.range, at, "\(name) would come to \(total) here, at most \(maximum) allowed (RULES.md §18 C16)")
        return false
    }

    /// Users: explicit users plus the `count` of every user group.
    static func users() -> WorkLimit { WorkLimit("users in all (explicit users and every user group's count)", maximum: 1_000_000) }
    /// Providers: explicit providers, every population's `count` and every `register` operation.
    static func providers() -> WorkLimit {
        WorkLimit("providers in all (explicit providers, every population's count and every register operation)", maximum: 1_000_000)
    }
    /// Σ `per_day` over all task generators.
    static func generatedTasks() -> WorkLimit { WorkLimit("Σ per_day over all task generators", maximum: 100_000) }
}
