/// A task generator's users (SCENARIO-FORMAT.md §3.6), "expanded in order" without being
/// materialised: `"group:<prefix>"` stands for its group's ids, each made when drawn.
///
/// Forty generators that each name a group of a million users hold forty references, not forty
/// million strings: a three-kilobyte scenario cannot make loading it exhaust the machine.
public struct GeneratorUsers: RandomAccessCollection, Equatable, Sendable {
    /// One element of the scenario's `users` list.
    public enum Part: Equatable, Sendable {
        /// An explicit user id.
        case user(String)
        /// A user group: ids `prefix` + ordinal 1 … count, zero-padded (`PopulationExpansion.id`).
        case group(prefix: String, count: Int64)
    }

    public let parts: [Part]
    /// The position just past each part, in order (a running sum of the parts' sizes).
    private let ends: [Int]

    public init(_ parts: [Part]) {
        self.parts = parts
        var total = 0
        ends = parts.map { part in
            switch part {
            case .user: total += 1
            case .group(_, let count): total += Int(count)
            }
            return total
        }
    }

    /// Explicit ids only.
    public init(ids: [String]) { self.init(ids.map(Part.user)) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.last ?? 0 }

    /// The id at `position` of the expanded list: the part is found by binary search.
    public subscript(position: Int) -> String {
        precondition(position >= 0 && position < endIndex, "user position out of range")
        var low = 0, high = ends.count - 1
        while low < high {
            let middle = (low + high) / 2
            if ends[middle] > position { high = middle } else { low = middle + 1 }
        }
        switch parts[low] {
        case .user(let id):
            return id
        case .group(let prefix, let count):
            let start = low == 0 ? 0 : ends[low - 1]
            return PopulationExpansion.id(prefix: prefix, ordinal: Int64(position - start), count: count)
        }
    }

    public static func == (lhs: GeneratorUsers, rhs: GeneratorUsers) -> Bool { lhs.parts == rhs.parts }
}
