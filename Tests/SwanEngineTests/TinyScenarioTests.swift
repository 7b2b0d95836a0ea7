import Foundation
import SwanCore
import SwanScenario
import SwanTestSupport
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs a fixture scenario through the engine and returns its entries.
func runFixture(_ name: String) throws -> (Scenario, [LoggedEntry]) {
    let bytes = [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/scenarios/\(name)")))
    let scenario = try ScenarioLoader.load(bytes, syntax: .json)
    return (scenario, try loggedEntries(of: scenario))
}

/// Balances after replaying every transfer.
func balances(_ entries: [LoggedEntry]) -> [String: Int128] {
    var result: [String: Int128] = [:]
    for transfer in entries.flatMap(\.transfers) {
        result[transfer.debit.text, default: 0] -= transfer.amountAtto
        result[transfer.credit.text, default: 0] += transfer.amountAtto
    }
    return result
}

@Suite("Engine on SCENARIO-FORMAT.md §6.1")
struct TinyScenarioTests {
    @Test("the walk-through: 37 entries of the listed kinds, in the listed order")
    func walkThrough() throws {
        let (_, entries) = try runFixture("tiny-two-providers.json")
        let kinds = entries.map(\.kind.rawValue)
        #expect(entries.count == 37)
        #expect(Array(kinds[0...10]) == ["genesis", "grant", "register", "grant", "deposit", "status", "register", "grant",
                                          "deposit", "status", "day_close"])
        #expect(Array(kinds[11...19]) == ["ubi_assign", "ubi_assign", "lock", "ubi_fail", "ubi_fail", "ubi_pay", "ubi_pay",
                                           "ubi_day", "day_close"])
        #expect(Array(kinds[20...29]) == ["ubi_assign", "ubi_assign", "slash", "status", "deposit", "status", "ubi_pay",
                                           "ubi_pay", "ubi_day", "day_close"])
        #expect(Array(kinds[30...36]) == ["ubi_assign", "ubi_assign", "param", "status", "ubi_pay", "ubi_day", "day_close"])
        #expect(entries.map(\.seq) == (0..<37).map { Int64($0) })
        #expect(entries[22].time == 90_000 && entries[24].time == 93_600 && entries[32].time == 172_800)
        #expect(entries[33].payloadInteger("cause_seq") == 32)
    }

    @Test("final balances of §6.1")
    func finalBalances() throws {
        let (scenario, entries) = try runFixture("tiny-two-providers.json")
        let result = balances(entries)
        for expected in scenario.expect.balances {
            #expect(result[expected.key, default: 0] == expected.atto, "\(expected.key): \(Decimal18.render(result[expected.key, default: 0]))")
        }
        #expect(scenario.expect.balances.count == 11)
    }
}
