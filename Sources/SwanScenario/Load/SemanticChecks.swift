import SwanCore

/// The cross-reference, namespace, supply and limit checks of SCENARIO-FORMAT.md §5.2.
struct SemanticChecks {
    let context: LoadContext
    let root: Located
    private var diagnostics: Diagnostics { context.diagnostics }

    func run(script: [ScriptOperation],
             outcomes: [(provider: String, day: Int64, failing: ScriptOperation.FailingSet, at: Located)],
             users: [UserAccount], groups: [UserGroup], genesisProviders: [ProviderSpec],
             populations: [Population], generators: [TaskGenerator]) {
        let providerIDs = unique(context.providerDefinitions, what: "provider")
        let userIDs = unique(context.userDefinitions, what: "user")
        let taskIDs = unique(context.taskDefinitions, what: "task")
        uniquePrefixes(context.groupPrefixes.map { ($0.prefix, $0.at) }, what: "user group")
        uniquePrefixes(context.generatorRanges.map { ($0.prefix, $0.at) }, what: "task generator")
        if let populationsField = ObjectReaderLookup.field(root, "populations"), case .array(let nodes) = populationsField.node.value {
            let prefixes = nodes.enumerated().compactMap { index, node -> (String, Located)? in
                let element = Located(node: node, path: populationsField.path.index(index))
                guard let field = ObjectReaderLookup.field(element, "prefix"), case .string(let text) = field.node.value
                else { return nil }
                return (text, field)
            }
            uniquePrefixes(prefixes, what: "population")
        }
        for (task, at) in context.taskDefinitions {
            if let generator = context.generatorRanges.first(where: { task.hasPrefix($0.prefix + "-") }) {
                diagnostics.report(.duplicateID, at, "task id \(jsonQuoted(task)) uses the prefix of task generator \(jsonQuoted(generator.prefix))")
            }
        }
        for (id, at) in context.providerReferences where !providerIDs.contains(id) {
            diagnostics.report(.unknownRef, at, "provider \(jsonQuoted(id)) is not defined")
        }
        let groupNames = Set(context.groupPrefixes.map { "group:" + $0.prefix })
        for (id, at) in context.userReferences where !userIDs.contains(id) && !groupNames.contains(id) {
            let what = id.hasPrefix("group:") ? "user group" : "user"
            let name = id.hasPrefix("group:") ? String(id.dropFirst(6)) : id
            diagnostics.report(.unknownRef, at, "\(what) \(jsonQuoted(name)) is not defined")
        }
        for (id, at) in context.taskReferences where !taskIDs.contains(id) && !isGeneratedTask(id) {
            diagnostics.report(.unknownRef, at, "task \(jsonQuoted(id)) is not posted by the script or a generator")
        }
        for (account, at) in context.accountReferences {
            guard let name = AccountName(account) else { continue }
            switch name {
            case .user(let id) where !userIDs.contains(id):
                diagnostics.report(.unknownRef, at, "account \(jsonQuoted(account)): user \(jsonQuoted(id)) is not defined")
            case .task(let id) where !taskIDs.contains(id) && !isGeneratedTask(id):
                diagnostics.report(.unknownRef, at, "account \(jsonQuoted(account)): task \(jsonQuoted(id)) is not defined")
            case .providerWallet(let id), .providerFree(let id), .providerEscrow(let id):
                if !providerIDs.contains(id) {
                    diagnostics.report(.unknownRef, at, "account \(jsonQuoted(account)): provider \(jsonQuoted(id)) is not defined")
                }
            default:
                break
            }
        }
        checkOutcomes(outcomes)
        checkSupply(users: users, groups: groups, providers: genesisProviders)
        checkLimits(script: script, genesisProviders: genesisProviders, populations: populations)
    }

    /// Ids in definition order; the second and later uses of an id are E_DUPLICATE_ID.
    private func unique(_ definitions: [(id: String, at: Located)], what: String) -> Set<String> {
        var seen: Set<String> = []
        for (id, at) in definitions where !seen.insert(id).inserted {
            diagnostics.report(.duplicateID, at, "\(what) id \(jsonQuoted(id)) is defined twice")
        }
        return seen
    }

    private func uniquePrefixes(_ prefixes: [(String, Located)], what: String) {
        var seen: Set<String> = []
        for (prefix, at) in prefixes where !seen.insert(prefix).inserted {
            diagnostics.report(.duplicateID, at, "\(what) prefix \(jsonQuoted(prefix)) is used twice")
        }
    }

    /// `<prefix>-<d>-<k>` with d in the generator's days and 1 ≤ k ≤ per_day.
    private func isGeneratedTask(_ id: String) -> Bool {
        context.generatorRanges.contains { generator in
            guard id.hasPrefix(generator.prefix + "-") else { return false }
            let rest = id.dropFirst(generator.prefix.count + 1).split(separator: "-", omittingEmptySubsequences: false)
            guard rest.count == 2, let day = Int64(rest[0]), let k = Int64(rest[1]),
                  String(day) == rest[0], String(k) == rest[1] else { return false }
            return (generator.fromDay...generator.toDay).contains(day) && k >= 1 && k <= generator.perDay
        }
    }

    private func checkOutcomes(_ outcomes: [(provider: String, day: Int64, failing: ScriptOperation.FailingSet, at: Located)]) {
        var seen: Set<String> = []
        for outcome in outcomes {
            if !seen.insert(outcome.provider + "\u{0}" + String(outcome.day)).inserted {
                diagnostics.report(.conflict, outcome.at, "a second ubi_outcome for provider \(jsonQuoted(outcome.provider)) on day \(outcome.day)")
            }
            guard let kind = context.providerKinds[outcome.provider] else { continue }
            let n = context.parameters.ubiTasksPerDay(kind)
            switch outcome.failing {
            case .count(let count) where count > n:
                let at = ObjectReaderLookup.field(outcome.at, "fail_count") ?? outcome.at
                diagnostics.report(.range, at, "fail_count \(count) exceeds the \(n) tasks per day of a \(kind.rawValue) provider")
            case .indices(let indices):
                if let bad = indices.first(where: { $0 >= n }) {
                    let at = ObjectReaderLookup.field(outcome.at, "fail_indices") ?? outcome.at
                    diagnostics.report(.range, at, "fail index \(bad) is not below the \(n) tasks per day of a \(kind.rawValue) provider")
                }
            default:
                break
            }
        }
    }

    private func checkSupply(users: [UserAccount], groups: [UserGroup], providers: [ProviderSpec]) {
        let parameters = context.parameters
        var total = parameters.decimal("supply.ubi_pool") + parameters.decimal("supply.treasury")
        for user in users { total += user.balanceAtto }
        for group in groups { total += Int128(group.count) * group.balanceAtto }
        for provider in providers { total += provider.walletAtto + provider.collateralAtto }
        let supply = parameters.decimal("supply.total")
        guard total > supply else { return }
        let path = JSONPath.root.key("params").key("supply").key("total")
        let position = ObjectReaderLookup.field(root, "params")
            .flatMap { ObjectReaderLookup.field($0, "supply") }
            .flatMap { ObjectReaderLookup.field($0, "total") }?.position ?? root.position
        diagnostics.report(.supply, at: path, position: position,
                           "genesis grants of \(Decimal18.render(total)) exceed supply.total \(Decimal18.render(supply))")
    }

    /// The network's cards (RULES.md §1.3). The provider, user and generated-task limits of §18
    /// C16 are counted while reading (`WorkLimit`), at the element that crosses them.
    private func checkLimits(script: [ScriptOperation], genesisProviders: [ProviderSpec], populations: [Population]) {
        var cards: Int64 = 0
        for provider in genesisProviders where provider.population == nil { cards += provider.cardCount }
        for population in populations { cards += population.count * (population.gpuMix.map(\.cards.max).max() ?? 0) }
        for op in script {
            if case .register(let provider) = op.action { cards += provider.cardCount }
        }
        if cards > 100_000_000 {
            diagnostics.report(.range, root, "the network can hold \(cards) cards, at most 100000000 allowed")
        }
    }
}
