import SwanCore

/// Reads the `script` array (SCENARIO-FORMAT.md §3.7).
struct ScriptReader {
    let context: LoadContext
    private var diagnostics: Diagnostics { context.diagnostics }

    /// `ubi_outcome` directives, checked against n once every provider's kind is known.
    var outcomes: [(provider: String, day: Int64, failing: ScriptOperation.FailingSet, at: Located)] = []

    static let opNames = [
        "grant", "register", "deposit", "withdraw", "lock", "unlock", "request_withdraw", "slash",
        "confirm_withdraw", "cancel_withdraw", "exit", "oracle_set_cu", "oracle_set_c_base", "oracle_set_c_total",
        "ubi_outcome", "task_post", "task_assign", "task_fail", "task_cancel",
    ]

    /// The operations of a `swan-scenario/2` file (SCENARIO-FORMAT-MARKET.md §3.5); in a
    /// `/1` file their names are E_ENUM.
    static let marketOpNames = opNames + ["set_price", "job_fail"]

    mutating func read(_ value: Located, index: Int) -> ScriptOperation? {
        guard let reader = diagnostics.object(value, context: "op") else { return nil }
        guard let opField = reader.required("op"),
              let op = diagnostics.enumeration(opField, context.market ? Self.marketOpNames : Self.opNames, what: "op") else {
            reader.accept(contentsOf: reader.keys)
            return nil
        }
        reader.context = "op \(jsonQuoted(op))"
        let day = reader.required("day").flatMap { context.day($0) }
        var second: Int64? = 0
        if op != "ubi_outcome" {
            second = reader.optional("second").map { diagnostics.integer($0, in: 0...86_399) } ?? 0
        }
        reader.accept("note")
        let action = self.action(op, reader, at: value, day: day)
        reader.finish()
        guard let day, let second, let action else { return nil }
        return ScriptOperation(index: index, day: day, second: second, action: action)
    }

    private func providerID(_ reader: ObjectReader) -> String? {
        guard let field = reader.required("provider"), let id = diagnostics.id(field) else { return nil }
        context.providerReferences.append((id, field))
        return id
    }

    private func taskID(_ reader: ObjectReader) -> String? {
        guard let field = reader.required("task"), let id = diagnostics.id(field) else { return nil }
        context.taskReferences.append((id, field))
        return id
    }

    private func amount(_ reader: ObjectReader) -> Int128? {
        reader.required("amount").flatMap { context.amount($0, positive: true) }
    }

    private mutating func action(_ op: String, _ reader: ObjectReader, at value: Located, day: Int64?)
        -> ScriptOperation.Action?
    {
        switch op {
        case "grant":
            let account = reader.required("account").flatMap { grantAccount($0) }
            let amount = amount(reader)
            guard let account, let amount else { return nil }
            return .grant(account: account, amountAtto: amount)
        case "register":
            let counted = context.providersInAll.add(1, at: value, diagnostics: diagnostics)
            return EntityReaders(context: context).provider(reader).flatMap { counted ? .register($0) : nil }
        case "deposit", "withdraw", "lock", "unlock", "request_withdraw":
            let provider = providerID(reader)
            let amount = amount(reader)
            guard let provider, let amount else { return nil }
            switch op {
            case "deposit": return .deposit(provider: provider, amountAtto: amount)
            case "withdraw": return .withdraw(provider: provider, amountAtto: amount)
            case "lock": return .lock(provider: provider, amountAtto: amount)
            case "unlock": return .unlock(provider: provider, amountAtto: amount)
            default: return .requestWithdraw(provider: provider, amountAtto: amount)
            }
        case "slash":
            let provider = providerID(reader)
            let amount = amount(reader)
            var reason: String? = "admin"
            if let field = reader.optional("reason") {
                reason = diagnostics.string(field)
                if let text = reason, !IDSyntax.isValidReason(text) {
                    diagnostics.report(.idSyntax, field, "reason \(jsonQuoted(text)) must match [a-z_]{1,32}")
                    reason = nil
                }
            }
            guard let provider, let amount, let reason else { return nil }
            return .slash(provider: provider, amountAtto: amount, reason: reason)
        case "confirm_withdraw", "cancel_withdraw", "exit":
            guard let provider = providerID(reader) else { return nil }
            switch op {
            case "confirm_withdraw": return .confirmWithdraw(provider: provider)
            case "cancel_withdraw": return .cancelWithdraw(provider: provider)
            default: return .exit(provider: provider)
            }
        case "oracle_set_cu":
            let model = reader.required("model").flatMap { context.model($0) }
            let cu = reader.required("cu").flatMap { diagnostics.cu($0) }
            guard let model, let cu else { return nil }
            return .oracleSetCU(model: model, cuDeci: cu)
        case "oracle_set_c_base":
            return amount(reader).map { .oracleSetCBase(amountAtto: $0) }
        case "oracle_set_c_total":
            return amount(reader).map { .oracleSetCTotal(amountAtto: $0) }
        case "ubi_outcome":
            return ubiOutcome(reader, at: value, day: day)
        case "task_post":
            return taskPost(reader).map(ScriptOperation.Action.taskPost)
        case "task_assign":
            let task = taskID(reader)
            var provider: String?
            var providerOK = true
            if reader.has("provider") {
                provider = providerID(reader)
                providerOK = provider != nil
            }
            guard let task, providerOK else { return nil }
            return .taskAssign(task: task, provider: provider)
        case "task_fail":
            return taskID(reader).map { .taskFail(task: $0) }
        case "set_price":
            let provider = providerID(reader)
            var price: Int128??
            if let field = reader.required("asking_price") {
                if case .null = field.node.value { price = .some(nil) } else { price = context.askingPrice(field).map { .some($0) } }
            }
            guard let provider, let price else { return nil }
            return .setPrice(provider: provider, askingPriceAtto: price)
        case "job_fail":
            let task = taskID(reader)
            let provider = providerID(reader)
            guard let task, let provider else { return nil }
            return .jobFail(task: task, provider: provider)
        default:
            return taskID(reader).map { .taskCancel(task: $0) }
        }
    }

    /// `user/<id>` or `cp/<id>/wallet`, the only accounts a grant may credit.
    private func grantAccount(_ field: Located) -> String? {
        guard let account = diagnostics.string(field) else { return nil }
        guard let parsed = AccountName(account), parsed.isGrantTarget else {
            diagnostics.report(.enumeration, field, "grant account \(jsonQuoted(account)) must be user/<id> or cp/<id>/wallet")
            return nil
        }
        context.accountReferences.append((account, field))
        return account
    }

    private mutating func ubiOutcome(_ reader: ObjectReader, at value: Located, day: Int64?) -> ScriptOperation.Action? {
        let provider = providerID(reader)
        let countField = reader.optional("fail_count")
        let indicesField = reader.optional("fail_indices")
        var failing: ScriptOperation.FailingSet?
        switch (countField, indicesField) {
        case (let count?, _?):
            diagnostics.report(.conflict, count, "fail_count and fail_indices are mutually exclusive")
        case (let count?, nil):
            failing = diagnostics.integer(count, in: 0...1000).map { .count($0) }
        case (nil, let indices?):
            if let elements = diagnostics.array(indices) {
                var values: [Int64] = []
                var ok = true
                for element in elements {
                    guard let index = diagnostics.integer(element, in: 0...999) else { ok = false; continue }
                    if let last = values.last, index <= last {
                        diagnostics.report(.range, element, "fail_indices must be strictly ascending")
                        ok = false
                    }
                    values.append(index)
                }
                if ok { failing = .indices(values) }
            }
        case (nil, nil):
            diagnostics.report(.missingField, value, "missing required field \"fail_count\" or \"fail_indices\" in op \"ubi_outcome\"")
        }
        guard let provider, let failing, let day else { return nil }
        outcomes.append((provider, day, failing, value))
        return .ubiOutcome(provider: provider, failing: failing)
    }

    private func taskPost(_ reader: ObjectReader) -> ScriptOperation.TaskPost? {
        let taskField = reader.required("task")
        let task = taskField.flatMap { diagnostics.id($0) }
        if let task, let taskField { context.taskDefinitions.append((task, taskField)) }
        var user: String?
        if let field = reader.required("user"), let id = diagnostics.id(field) {
            user = id
            context.userReferences.append((id, field))
        }
        let reward = reader.required("reward").flatMap { context.amount($0, positive: true) }
        let duration = reader.required("duration_s").flatMap { diagnostics.integer($0, in: 1...3_153_600_000) }
        var model: String?
        var modelOK = true
        if let field = reader.optional("gpu_model") {
            model = context.model(field)
            modelOK = model != nil
        }
        let count = reader.optional("gpu_count").map { diagnostics.integer($0, in: 1...100_000) } ?? 1
        let collateral = reader.optional("collateral").map { context.amount($0) } ?? 0
        let kind = reader.optional("provider_kind").map {
            diagnostics.enumeration($0, ["ecp", "fcp", "any"], what: "provider_kind").flatMap(ProviderKindFilter.init)
        } ?? .any
        var assignment: ScriptOperation.Assignment? = .auto
        let providerField = reader.optional("provider")
        let assignField = reader.optional("assign")
        if providerField != nil, let assignField {
            diagnostics.report(.conflict, assignField, "provider and assign are mutually exclusive")
            assignment = nil
        } else if let providerField {
            assignment = diagnostics.id(providerField).map { id in
                context.providerReferences.append((id, providerField))
                return .provider(id)
            }
        } else if let assignField {
            let names = context.market ? ["auto", "manual", "auction"] : ["auto", "manual"]
            assignment = diagnostics.enumeration(assignField, names, what: "assign").map {
                switch $0 {
                case "auto": .auto
                case "manual": .manual
                default: .auction
                }
            }
        }
        guard let task, let user, let reward, let duration, modelOK, let count, let collateral, let kind,
              let assignment else { return nil }
        return ScriptOperation.TaskPost(task: task, user: user, rewardAtto: reward, durationSeconds: duration,
                                        gpuModel: model, gpuCount: count, collateralAtto: collateral,
                                        providerKind: kind, assignment: assignment)
    }
}

extension ObjectReader {
    /// Marks every key as known (after a fatal problem with the object, to avoid noise).
    func accept(contentsOf keys: [String]) {
        for key in keys { accept(key) }
    }

}
