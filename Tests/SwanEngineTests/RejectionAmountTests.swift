import SwanCore
import SwanTestSupport
import Testing

/// RULES.md C15: an `op_rejected` carries the amount the operation itself carries, never one
/// looked up in state.
@Suite("Amounts of rejected operations (C15)")
struct RejectionAmountTests {
    @Test("a refused confirm_withdraw has no amount even with a request pending; a refused register carries wallet + collateral")
    func rejectionAmounts() throws {
        let (_, entries) = try runFixture("collateral-operations.json")
        let rejected = entries.filter { $0.kind == .opRejected }
        let confirms = rejected.filter { $0.payloadText("op") == "confirm_withdraw" }
        #expect(confirms.map(\.reason) == ["too_early", "no_request"])
        #expect(confirms.allSatisfy { $0.amountAtto == nil })
        let registers = rejected.filter { $0.payloadText("op") == "register" }
        #expect(registers.map(\.provider) == ["cat"])
        #expect(registers.map(\.amountAtto) == [amount("900000000")])
        let grants = rejected.filter { $0.payloadText("op") == "grant" && $0.reason == "insufficient_reserve" }
        #expect(grants.map(\.amountAtto) == [amount("950000000")])
    }
}
