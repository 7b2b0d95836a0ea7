import SwanCore
import SwanTables

/// The breaches of a run (RULES.md §13.2): the open one of each provider and every closed one.
///
/// Its own type so that the record keeping has one owner: the replay decides when a breach
/// starts and ends (it knows statuses and held work), the book keeps the records and their
/// report order (OUTPUTS.md §2 `breaches`: by start time, then provider index).
struct BreachBook {
    private var open: [Int: BreachRecord] = [:]
    private(set) var closed: [BreachRecord] = []

    /// Whether provider p is in a breach now.
    func isOpen(_ p: Int) -> Bool { open[p] != nil }

    /// The start time of p's open breach.
    func startTime(_ p: Int) -> Int64? { open[p]?.startTime }

    /// Providers with an open breach, in provider order.
    var openProviders: [Int] { open.keys.sorted() }

    mutating func start(_ record: BreachRecord) {
        open[record.providerIndex] = record
    }

    /// Ends p's breach at t and returns it; `stillOpen` marks one cut off by the end of the run.
    mutating func end(_ p: Int, at t: Int64, seq: Int64?, stillOpen: Bool) -> BreachRecord? {
        guard var breach = open.removeValue(forKey: p) else { return nil }
        breach.endTime = t
        breach.endSeq = seq
        breach.open = stillOpen
        closed.append(breach)
        return breach
    }

    /// Every breach in report order.
    var inReportOrder: [BreachRecord] {
        closed.sorted { ($0.startTime, $0.providerIndex) < ($1.startTime, $1.providerIndex) }
    }
}
