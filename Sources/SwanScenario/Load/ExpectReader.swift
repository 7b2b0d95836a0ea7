import SwanCore

/// Reads `expect` (SCENARIO-FORMAT.md §3.8).
struct ExpectReader {
    let context: LoadContext
    private var diagnostics: Diagnostics { context.diagnostics }

    static let totalNames = [
        "ubi_paid", "slashed", "slashed_backed", "slash_debt", "debt_outstanding", "fees", "task_payouts",
        "task_refunds", "deposits", "withdrawals", "grants",
    ]

    func read(_ value: Located) -> Expectations {
        var expect = Expectations()
        guard let reader = diagnostics.object(value, context: "expect") else { return expect }
        if let field = reader.optional("invariants") { expect.invariants = invariants(field) }
        if let field = reader.optional("balances") { expect.balances = balances(field) }
        if let field = reader.optional("providers") { expect.providers = providers(field) }
        if let field = reader.optional("totals"), let totals = diagnostics.object(field, context: "expect.totals") {
            for (name, amount) in totals.allMembers {
                guard diagnostics.enumerationKey(name, Self.totalNames, at: amount, what: "total") else { continue }
                if let atto = signedAmount(amount) { expect.totals.append(.init(key: name, atto: atto)) }
            }
        }
        if let field = reader.optional("entries"), let entries = diagnostics.object(field, context: "expect.entries") {
            expect.entryCount = entries.optional("count").flatMap { diagnostics.integer($0, in: 0...Int64.max) }
            if let byKind = entries.optional("by_kind") {
                // A /1 file has no market entry, so the market kinds are not names there.
                let kinds = EntryKind.allCases.filter { context.market || !$0.isMarket }
                expect.entriesByKind = counts(byKind, names: kinds.map(\.rawValue), what: "entry kind")
            }
            entries.finish()
        }
        if let field = reader.optional("rejections"), let rejections = diagnostics.object(field, context: "expect.rejections") {
            expect.rejectionCount = rejections.optional("count").flatMap { diagnostics.integer($0, in: 0...Int64.max) }
            if let byReason = rejections.optional("by_reason") {
                let reasons = RejectionReason.allCases.filter { context.market || $0 != .noJob }
                expect.rejectionsByReason = counts(byReason, names: reasons.map(\.rawValue), what: "rejection reason")
            }
            rejections.finish()
        }
        if let field = reader.optional("breaches") { breaches(field, into: &expect) }
        if let field = reader.optional("checkpoints"), let elements = diagnostics.array(field) {
            expect.checkpoints = elements.compactMap(checkpoint)
        }
        if let field = reader.optional("head_hash"), let text = diagnostics.string(field) {
            if text.utf8.count == 64 && text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) {
                expect.headHash = text
            } else {
                diagnostics.report(.idSyntax, field, "head_hash must be 64 lowercase hex characters")
            }
        }
        reader.finish()
        return expect
    }

    private func signedAmount(_ value: Located) -> Int128? {
        diagnostics.decimal(value, max: context.supplyTotal, signed: true)
    }

    private func invariants(_ value: Located) -> Expectations.InvariantSelection? {
        if case .string(let text) = value.node.value {
            guard text == "all" else {
                diagnostics.report(.enumeration, value, "invariants must be \"all\" or a list of invariant names")
                return nil
            }
            return .all
        }
        guard let elements = diagnostics.array(value) else { return nil }
        let names = Invariant.checked(market: context.market).map(\.rawValue)
        return .named(elements.compactMap { diagnostics.enumeration($0, names, what: "invariant") })
    }

    private func balances(_ value: Located) -> [Expectations.KeyedAmount] {
        guard let reader = diagnostics.object(value, context: "balances") else { return [] }
        return reader.allMembers.compactMap { account, amount in
            guard let name = AccountName(account), name != .genesis else {
                diagnostics.report(.enumeration, amount, "\(jsonQuoted(account)) is not an account name")
                return nil
            }
            context.accountReferences.append((account, amount))
            return signedAmount(amount).map { .init(key: account, atto: $0) }
        }
    }

    private func providers(_ value: Located) -> [Expectations.KeyedProvider] {
        guard let reader = diagnostics.object(value, context: "providers") else { return [] }
        return reader.allMembers.compactMap { id, field in
            context.providerReferences.append((id, field))
            guard let values = providerValues(field) else { return nil }
            return .init(provider: id, values: values)
        }
    }

    private func providerValues(_ value: Located) -> Expectations.ProviderValues? {
        guard let reader = diagnostics.object(value, context: "provider expectation") else { return nil }
        var values = Expectations.ProviderValues()
        if let field = reader.optional("status") {
            values.status = diagnostics.enumeration(field, ["active", "nsc", "suspended", "exited", "removed"], what: "status")
        }
        values.requiredAtto = reader.optional("required").flatMap { context.amount($0) }
        values.ubiEarnedAtto = reader.optional("ubi_earned").flatMap { context.amount($0) }
        values.slashedAtto = reader.optional("slashed").flatMap { context.amount($0) }
        values.taskIncomeAtto = reader.optional("task_income").flatMap { context.amount($0) }
        values.debtAtto = reader.optional("debt").flatMap { context.amount($0) }
        if context.market, let field = reader.optional("reputation") {
            values.reputationWad = diagnostics.decimal(field, max: 100 * Decimal18.scale, what: "reputation")
        }
        reader.finish()
        return values
    }

    private func counts(_ value: Located, names: [String], what: String) -> [Expectations.KeyedCount] {
        guard let reader = diagnostics.object(value, context: what) else { return [] }
        return reader.allMembers.compactMap { name, field in
            guard diagnostics.enumerationKey(name, names, at: field, what: what) else { return nil }
            return diagnostics.integer(field, in: 0...Int64.max).map { .init(key: name, count: $0) }
        }
    }

    private func breaches(_ value: Located, into expect: inout Expectations) {
        guard let reader = diagnostics.object(value, context: "expect.breaches") else { return }
        expect.breachCount = reader.optional("count").flatMap { diagnostics.integer($0, in: 0...Int64.max) }
        expect.breachTotalSeconds = reader.optional("total_seconds").flatMap { diagnostics.integer($0, in: 0...Int64.max) }
        if let field = reader.optional("items"), let elements = diagnostics.array(field) {
            expect.breachItems = elements.compactMap { element in
                guard let item = diagnostics.object(element, context: "breach item") else { return nil }
                var provider: String?
                if let field = item.required("provider"), let id = diagnostics.id(field) {
                    provider = id
                    context.providerReferences.append((id, field))
                }
                let start = item.required("start_time").flatMap { diagnostics.integer($0, in: 0...Int64.max) }
                let end = item.required("end_time").flatMap { diagnostics.integer($0, in: 0...Int64.max) }
                item.finish()
                guard let provider, let start, let end else { return nil }
                return .init(provider: provider, startTime: start, endTime: end)
            }
        }
        reader.finish()
    }

    private func checkpoint(_ value: Located) -> Expectations.Checkpoint? {
        guard let reader = diagnostics.object(value, context: "checkpoint") else { return nil }
        let day = reader.required("day").flatMap { context.day($0, from: 0) }
        let balances = reader.optional("balances").map(balances) ?? []
        let providers = reader.optional("providers").map(providers) ?? []
        let cBase = reader.optional("c_base").flatMap { context.amount($0) }
        var demandFactor: Int128?
        var marketPrice: Int128?
        if context.market {
            // There is no quote on day 0 (SCENARIO-FORMAT-MARKET.md §5).
            func quoteField(_ key: String) -> Located? {
                guard let field = reader.optional(key) else { return nil }
                if day == 0 {
                    diagnostics.report(.range, field, "\(key) needs a day ≥ 1: day 0 has no market quote")
                    return nil
                }
                return field
            }
            demandFactor = quoteField("demand_factor").flatMap {
                diagnostics.decimal($0, min: Decimal18.scale, max: 5 * Decimal18.scale, what: "demand_factor")
            }
            marketPrice = quoteField("market_price").flatMap { context.amount($0) }
        }
        reader.finish()
        guard let day else { return nil }
        return .init(day: day, balances: balances, providers: providers, cBaseAtto: cBase,
                     demandFactorWad: demandFactor, marketPriceAtto: marketPrice)
    }
}

extension Diagnostics {
    /// Checks an object key against a closed set (E_ENUM at the member's path).
    func enumerationKey(_ key: String, _ allowed: [String], at value: Located, what: String) -> Bool {
        guard allowed.contains(key) else {
            report(.enumeration, value, "\(what) \(jsonQuoted(key)) is not one of \(allowed.joined(separator: ", "))")
            return false
        }
        return true
    }
}
