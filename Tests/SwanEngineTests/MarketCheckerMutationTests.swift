import Foundation
import SwanChecker
import SwanCore
import SwanScenario
import SwanTables
import SwanTestSupport
import Testing

/// A market fixture's entries as the engine made them, with the engine's final state (whose
/// account, model and provider names encode every entry: names are only ever added).
private func marketRun(_ name: String) throws -> (Scenario, [Entry], LedgerState) {
    let bytes = [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/scenarios/\(name)")))
    let scenario = try ScenarioLoader.load(bytes, syntax: .json)
    var entries: [Entry] = []
    let engine = Engine(scenario: scenario, keepsEntries: true)
    try engine.run { entries.append(contentsOf: $0.made) }
    return (scenario, entries, engine.state)
}

/// The independent checker over entries encoded by the engine's names and decoded by its own.
private func checkMarket(_ scenario: Scenario, _ entries: [Entry], names: LedgerState) -> RunReport {
    let replay = LedgerReplay(context: ReplayContext(parameters: scenario.parameters, catalog: scenario.catalog,
                                                     days: scenario.days, market: scenario.market, seed: scenario.seed))
    for (seq, var entry) in entries.enumerated() {
        entry.seq = Int64(seq)
        let bytes = EntryEncoding.encode(entry, names: names)
        var failure: EntryDecoding.DecodingError?
        bytes.withUnsafeBytes { raw in
            do throws(EntryDecoding.DecodingError) { try replay.apply(encoded: raw) } catch { failure = error }
        }
        if let failure { replay.chainFailed(seq: entry.seq, "\(failure)") }
        if entry.kind == .dayClose { _ = replay.sealed(day: entry.day, blockHash: String(repeating: "0", count: 64)) }
    }
    return replay.finish()
}

/// One tampering of a market ledger and the market invariant that must catch it.
struct MarketMutation: CustomTestStringConvertible, Sendable {
    var invariant: Invariant
    var fixture: String
    var what: String
    var mutate: @Sendable (inout [Entry]) -> Void
    var testDescription: String { "\(invariant.id) \(invariant.rawValue): \(what)" }
}

private func first(_ entries: [Entry], _ kind: EntryKind, after start: Int = 0) -> Int {
    entries.indices.first { $0 >= start && entries[$0].kind == kind } ?? 0
}

@Suite("The checker recomputes the market from the ledger: one tampering per invariant I14–I19")
struct MarketCheckerMutationTests {
    @Test("the market fixtures pass I1–I19 through the checker", arguments: ["tiny-market.json", "market-auctions.json",
                                                                            "market-reputation-ladder.json",
                                                                            "market-removal-during-job.json"])
    func clean(_ fixture: String) throws {
        let (scenario, entries, names) = try marketRun(fixture)
        let report = checkMarket(scenario, entries, names: names)
        #expect(report.invariants.ok, "\(report.invariants.results.filter { !$0.ok }.map { "\($0.invariant.id) \($0.detail ?? "")" })")
        #expect(report.invariants.results.count == 19)
    }

    static let mutations: [MarketMutation] = [
        MarketMutation(invariant: .reputationRange, fixture: "tiny-market.json", what: "a total one atto high") { entries in
            let i = first(entries, .reputation)
            if case .reputation(var figures) = entries[i].payload { figures.total += 1; entries[i].payload = .reputation(figures) }
        },
        MarketMutation(invariant: .reputationRange, fixture: "tiny-market.json", what: "a component the counts do not give") { entries in
            let i = first(entries, .reputation)
            if case .reputation(var figures) = entries[i].payload {
                figures.uptime -= 10 * Decimal18.scale
                figures.total -= Decimal18.scale
                entries[i].payload = .reputation(figures)
            }
        },
        MarketMutation(invariant: .reputationRange, fixture: "tiny-market.json", what: "a scored provider's entry removed") { entries in
            entries.remove(at: first(entries, .reputation))
        },
        MarketMutation(invariant: .quote, fixture: "tiny-market.json", what: "a price one atto high") { entries in
            let i = first(entries, .marketQuote)
            entries[i].amountAtto = (entries[i].amountAtto ?? 0) + 1
        },
        MarketMutation(invariant: .quote, fixture: "market-generated-30d.json", what: "a demand factor not from H and C") { entries in
            let i = first(entries, .marketQuote, after: 2_000)
            if case .marketQuote(var quote) = entries[i].payload { quote.demandFactor += 1; entries[i].payload = .marketQuote(quote) }
        },
        MarketMutation(invariant: .quote, fixture: "tiny-market.json", what: "a second quote in a day") { entries in
            let i = first(entries, .marketQuote)
            entries.insert(entries[i], at: i + 1)
        },
        MarketMutation(invariant: .auctionSelection, fixture: "tiny-market.json", what: "the picks in another order") { entries in
            let i = first(entries, .auctionClose)
            if case .auctionClose(var selection) = entries[i].payload {
                selection.selected.reverse()
                entries[i].payload = .auctionClose(selection)
            }
        },
        MarketMutation(invariant: .auctionSelection, fixture: "tiny-market.json", what: "a bidder left out") { entries in
            let i = first(entries, .auctionClose, after: 40)
            if case .auctionClose(var selection) = entries[i].payload {
                selection.bidders.removeFirst()
                selection.weights.removeFirst()
                entries[i].payload = .auctionClose(selection)
            }
        },
        MarketMutation(invariant: .jobLimit, fixture: "tiny-market.json", what: "a second job of one provider on one task") { entries in
            let i = first(entries, .jobAssign)
            var copy = entries[i]
            copy.transfers = TransferList()
            copy.amountAtto = 0
            entries.insert(copy, at: i + 1)
        },
        MarketMutation(invariant: .auctionSettlement, fixture: "tiny-market.json", what: "the payout to a job that did not lead") { entries in
            let i = first(entries, .auctionComplete, after: 40)
            if case .auctionComplete(let round, let fee, _, var payouts) = entries[i].payload {
                payouts.reverse()
                entries[i].payload = .auctionComplete(round: round, feeAtto: fee, leaderJob: 0, payouts: payouts)
            }
        },
        MarketMutation(invariant: .auctionSettlement, fixture: "tiny-market.json", what: "an engine job outcome not its draw") { entries in
            let i = first(entries, .jobSubmit)
            if case .jobSubmit(let job) = entries[i].payload {
                entries[i].kind = .jobFail
                entries[i].payload = .jobFail(job, .zero, unlockedAtto: entries[i].amountAtto ?? 0)
                entries[i].amountAtto = 0
            }
        },
        MarketMutation(invariant: .auctionSettlement, fixture: "market-auctions.json", what: "an auction_fail without its charges") { entries in
            let i = first(entries, .auctionFail)
            if case .auctionFail(let rounds, _) = entries[i].payload { entries[i].payload = .auctionFail(rounds: rounds, charged: []) }
        },
        MarketMutation(invariant: .auctionStates, fixture: "tiny-market.json", what: "a second auction_open while accepting bids") { entries in
            let i = first(entries, .auctionOpen)
            entries.insert(entries[i], at: i + 1)
        },
        MarketMutation(invariant: .auctionStates, fixture: "market-auctions.json", what: "a task_refund of a processing auction with jobs running") { entries in
            let i = first(entries, .jobCancel)
            entries.remove(at: i)
        },
    ]

    @Test("each tampering breaks its invariant", arguments: mutations)
    func caught(_ mutation: MarketMutation) throws {
        let (scenario, original, names) = try marketRun(mutation.fixture)
        var entries = original
        mutation.mutate(&entries)
        let report = checkMarket(scenario, entries, names: names)
        #expect(!report.invariants[mutation.invariant].ok,
                "\(mutation.testDescription): \(report.invariants.results.filter { !$0.ok }.map(\.invariant.id))")
    }
}
