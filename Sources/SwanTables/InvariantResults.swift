import SwanCore

/// The outcome of one hard invariant (RULES.md §13.1; OUTPUTS.md §2 `invariants`).
public struct InvariantResult: Equatable, Sendable {
    public var invariant: Invariant
    public var violations: Int64 = 0
    public var firstSeq: Int64?
    public var detail: String?

    public var ok: Bool { violations == 0 }
}

/// Tallies violations per invariant, keeping the first one's place and description.
public struct InvariantResults: Sendable {
    public private(set) var results: [InvariantResult]

    /// The tally of I1 … I13, or of I1 … I19 in a market run (RULES-MARKET M11).
    public init(market: Bool = false) {
        results = Invariant.checked(market: market).map { InvariantResult(invariant: $0) }
    }


    /// Records a violation of `invariant` at `seq` (nil when it is not tied to an entry).
    public mutating func fail(_ invariant: Invariant, seq: Int64?, _ detail: @autoclosure () -> String) {
        guard let position = results.firstIndex(where: { $0.invariant == invariant }) else { return }
        results[position].violations += 1
        if results[position].violations == 1 {
            results[position].firstSeq = seq
            results[position].detail = detail()
        }
    }

    /// True when every invariant holds.
    public var ok: Bool { results.allSatisfy(\.ok) }

    public subscript(invariant: Invariant) -> InvariantResult {
        results.first { $0.invariant == invariant } ?? InvariantResult(invariant: invariant)
    }
}
