import SwanCore

/// Readers for users, providers, populations and task generators (SCENARIO-FORMAT.md §3.3–§3.6).
struct EntityReaders {
    let context: LoadContext
    private var diagnostics: Diagnostics { context.diagnostics }

    func user(_ value: Located) -> UserAccount? {
        guard let reader = diagnostics.object(value, context: "user") else { return nil }
        let idField = reader.required("id")
        let id = idField.flatMap { diagnostics.id($0) }
        let balance = reader.optional("balance").map { context.amount($0) } ?? 0
        reader.finish()
        let counted = context.usersInAll.add(1, at: value, diagnostics: diagnostics)
        guard let id, let idField, let balance else { return nil }
        context.userDefinitions.append((id, idField))
        return counted ? UserAccount(id: id, balanceAtto: balance) : nil
    }

    func userGroup(_ value: Located) -> UserGroup? {
        guard let reader = diagnostics.object(value, context: "user group") else { return nil }
        let prefixField = reader.required("prefix")
        let prefix = prefixField.flatMap { diagnostics.id($0) }
        let countField = reader.required("count")
        let count = countField.flatMap { diagnostics.integer($0, in: 1...1_000_000) }
        let balance = reader.optional("balance").map { context.amount($0) } ?? 0
        reader.finish()
        guard let prefix, let prefixField, let count, let countField, let balance else { return nil }
        context.groupPrefixes.append((prefix, count, prefixField))
        // Beyond the limit the group's ids are not made: that is the work the limit bounds.
        guard context.usersInAll.add(count, at: countField, diagnostics: diagnostics) else { return nil }
        for ordinal in 0..<count {
            let id = PopulationExpansion.id(prefix: prefix, ordinal: ordinal, count: count)
            context.userDefinitions.append((id, prefixField))
        }
        return UserGroup(prefix: prefix, count: count, balanceAtto: balance)
    }

    func behaviour(_ value: Located) -> Behaviour? {
        guard let reader = diagnostics.object(value, context: "behaviour") else { return nil }
        var buffer: Int128?
        var bufferOK = true
        if let field = reader.optionalNonNull("topup_buffer") {
            buffer = diagnostics.decimal(field, min: Decimal18.scale, max: 1000 * Decimal18.scale, what: "ratio")
            bufferOK = buffer != nil
        }
        let exit = reader.optional("exit_probability").map { context.probability($0) } ?? 0
        reader.finish()
        guard bufferOK, let exit else { return nil }
        return Behaviour(topupBufferWad: buffer, exitProbabilityWad: exit)
    }

    /// The provider fields shared by explicit providers and `register` ops; `extra` are
    /// the op's common fields, accepted here so they are not reported as unknown.
    func provider(_ reader: ObjectReader) -> ProviderSpec? {
        let idField = reader.required("id")
        let id = idField.flatMap { diagnostics.id($0) }
        let kind = reader.required("kind").flatMap { diagnostics.enumeration($0, ["ecp", "fcp"], what: "kind") }
            .flatMap(ProviderKind.init)
        var cards: [CardGroup]?
        if let cardsField = reader.required("cards") {
            cards = self.cards(cardsField)
        }
        let wallet = reader.optional("wallet").map { context.amount($0) } ?? 0
        let collateral = reader.optional("collateral").map { context.amount($0) } ?? 0
        let ubiRate = reader.optional("ubi_failure_rate").map { context.probability($0) } ?? 0
        let taskRate = reader.optional("task_failure_rate").map { context.probability($0) } ?? 0
        var behaviour: Behaviour?
        var behaviourOK = true
        if let field = reader.optional("behaviour") {
            behaviour = self.behaviour(field)
            behaviourOK = behaviour != nil
        }
        // In a /1 file the field is not read, so it is an unknown field there.
        var askingPrice: Int128?
        var askingPriceOK = true
        if context.market, let field = reader.optionalNonNull("asking_price") {
            askingPrice = context.askingPrice(field)
            askingPriceOK = askingPrice != nil
        }
        if let id, let idField { context.providerDefinitions.append((id, idField)) }
        if let id, let kind { context.providerKinds[id] = kind }
        guard let id, let kind, let cards, let wallet, let collateral, let ubiRate, let taskRate, behaviourOK, askingPriceOK else {
            return nil
        }
        return ProviderSpec(id: id, kind: kind, cards: cards, walletAtto: wallet, collateralAtto: collateral,
                            ubiFailureRateWad: ubiRate, taskFailureRateWad: taskRate, behaviour: behaviour,
                            askingPriceAtto: askingPrice)
    }

    private func cards(_ value: Located) -> [CardGroup]? {
        guard let elements = diagnostics.array(value) else { return nil }
        if elements.isEmpty {
            diagnostics.report(.range, value, "cards must not be empty")
            return nil
        }
        var groups: [CardGroup] = []
        var seen: Set<String> = []
        var ok = true
        for element in elements {
            guard let reader = diagnostics.object(element, context: "card") else { ok = false; continue }
            let modelField = reader.required("model")
            let model = modelField.flatMap { context.model($0) }
            let count = reader.required("count").flatMap { diagnostics.integer($0, in: 1...100_000) }
            reader.finish()
            guard let model, let modelField, let count else { ok = false; continue }
            if !seen.insert(model).inserted {
                diagnostics.report(.duplicateID, modelField, "model \(jsonQuoted(model)) appears twice in cards")
                ok = false
                continue
            }
            groups.append(CardGroup(model: model, count: count))
        }
        let total = groups.reduce(0) { $0 + $1.count }
        if ok && total > 100_000 {
            diagnostics.report(.range, value, "\(total) cards, at most 100000 per provider")
            return nil
        }
        return ok ? groups : nil
    }

    func population(_ value: Located) -> Population? {
        guard let reader = diagnostics.object(value, context: "population") else { return nil }
        let prefixField = reader.required("prefix")
        let prefix = prefixField.flatMap { diagnostics.id($0) }
        let countField = reader.required("count")
        var count = countField.flatMap { diagnostics.integer($0, in: 1...1_000_000) }
        if let members = count, let countField, !context.providersInAll.add(members, at: countField, diagnostics: diagnostics) {
            count = nil
        }
        var ecp: Int64? = 1, fcp: Int64? = 0
        if let mixField = reader.optional("kind_mix"), let mix = diagnostics.object(mixField, context: "kind_mix") {
            ecp = mix.optional("ecp").map { diagnostics.integer($0, in: 0...Int64(Int32.max)) } ?? 0
            fcp = mix.optional("fcp").map { diagnostics.integer($0, in: 0...Int64(Int32.max)) } ?? 0
            mix.finish()
            if let e = ecp, let f = fcp, e + f == 0 {
                diagnostics.report(.range, mixField, "kind_mix weights must not all be 0")
                ecp = nil
            }
        }
        let gpuMix = reader.required("gpu_mix").flatMap { readGPUMix($0) }
        let thousand = 1000 * Decimal18.scale
        let collateral = reader.optional("collateral_factor").map { diagnostics.ratioRange($0, upper: thousand) }
            ?? .fixed(Decimal18.scale)
        let wallet = reader.optional("wallet_factor").map { diagnostics.ratioRange($0, upper: thousand) } ?? .fixed(0)
        let ubiRate = reader.optional("ubi_failure_rate").map { diagnostics.ratioRange($0, upper: Decimal18.scale) }
            ?? .fixed(0)
        let taskRate = reader.optional("task_failure_rate").map { diagnostics.ratioRange($0, upper: Decimal18.scale) }
            ?? .fixed(0)
        var behaviour: Behaviour?
        var behaviourOK = true
        if let field = reader.optional("behaviour") {
            behaviour = self.behaviour(field)
            behaviourOK = behaviour != nil
        }
        var askingPrice: RatioRange?
        var askingPriceOK = true
        if context.market, let field = reader.optionalNonNull("asking_price") {
            askingPrice = diagnostics.ratioRange(field, upper: context.supplyTotal)
            if let range = askingPrice, range.minWad == 0 {
                diagnostics.report(.range, field, "asking_price must be greater than 0 (SWAN per GPU-hour)")
                askingPrice = nil
            }
            askingPriceOK = askingPrice != nil
        }
        reader.finish()
        guard let prefix, let count, let ecp, let fcp, let gpuMix, let collateral, let wallet, let ubiRate,
              let taskRate, behaviourOK, askingPriceOK else { return nil }
        return Population(prefix: prefix, count: count, kindWeightECP: ecp, kindWeightFCP: fcp, gpuMix: gpuMix,
                          collateralFactor: collateral, walletFactor: wallet, ubiFailureRate: ubiRate,
                          taskFailureRate: taskRate, behaviour: behaviour, askingPrice: askingPrice)
    }

    private func readGPUMix(_ value: Located) -> [GPUMixEntry]? {
        guard let elements = diagnostics.array(value) else { return nil }
        if elements.isEmpty {
            diagnostics.report(.range, value, "gpu_mix must not be empty")
            return nil
        }
        var entries: [GPUMixEntry] = []
        for element in elements {
            guard let reader = diagnostics.object(element, context: "gpu_mix entry") else { return nil }
            let model = reader.required("model").flatMap { context.model($0) }
            let weight = reader.required("weight").flatMap { diagnostics.integer($0, in: 1...Int64(Int32.max)) }
            let cards = reader.required("cards").flatMap { diagnostics.intRange($0, bounds: 1...100_000) }
            reader.finish()
            guard let model, let weight, let cards else { return nil }
            entries.append(GPUMixEntry(model: model, weight: weight, cards: cards))
        }
        return entries
    }

    func taskGenerator(_ value: Located) -> TaskGenerator? {
        guard let reader = diagnostics.object(value, context: "task generator") else { return nil }
        let prefixField = reader.required("prefix")
        let prefix = prefixField.flatMap { diagnostics.id($0) }
        var users: [String]?
        if let usersField = reader.required("users"), let elements = diagnostics.array(usersField) {
            if elements.isEmpty { diagnostics.report(.range, usersField, "users must not be empty") }
            users = elements.isEmpty ? nil : []
            for element in elements {
                guard let name = diagnostics.string(element) else { users = nil; continue }
                users?.append(name)
                context.userReferences.append((name, element))
            }
        }
        let days = context.days ?? 36_500
        let fromField = reader.optional("from_day")
        let from = fromField.map { context.day($0) } ?? 1
        let toField = reader.optional("to_day")
        let to = toField.map { context.day($0) } ?? days
        if let from, let to, from > to, let at = toField ?? fromField {
            diagnostics.report(.range, at, "from_day \(from) is after to_day \(to)")
        }
        let perDayField = reader.required("per_day")
        var perDay = perDayField.flatMap { diagnostics.integer($0, in: 0...100_000) }
        if let count = perDay, let perDayField, !context.generatedTasksPerDay.add(count, at: perDayField, diagnostics: diagnostics) {
            perDay = nil
        }
        let kind = reader.optional("provider_kind").map {
            diagnostics.enumeration($0, ["ecp", "fcp", "any"], what: "provider_kind").flatMap(ProviderKindFilter.init)
        } ?? .fcp
        var models: [(model: String?, weight: Int64)]? = [(nil, 1)]
        if let field = reader.optional("gpu_models"), let elements = diagnostics.array(field) {
            models = elements.isEmpty ? nil : []
            if elements.isEmpty { diagnostics.report(.range, field, "gpu_models must not be empty") }
            for element in elements {
                guard let entry = diagnostics.object(element, context: "gpu_models entry") else { models = nil; continue }
                var model: String?
                var modelOK = true
                if let modelField = entry.required("model") {
                    if case .null = modelField.node.value {} else {
                        model = context.model(modelField)
                        modelOK = model != nil
                    }
                } else {
                    modelOK = false
                }
                let weight = entry.required("weight").flatMap { diagnostics.integer($0, in: 1...Int64(Int32.max)) }
                entry.finish()
                if let weight, modelOK { models?.append((model, weight)) } else { models = nil }
            }
        }
        let gpuCount = reader.optional("gpu_count").map { diagnostics.intRange($0, bounds: 1...100_000) }
            ?? IntRange(min: 1, max: 1)
        let hours = reader.required("duration_hours").flatMap { diagnostics.intRange($0, bounds: 1...876_000) }
        let price = generatorPrice(reader, at: value)
        let collateral = reader.optional("collateral").map { context.amount($0) } ?? 0
        var assignment: GeneratorAssignment? = .auto
        if context.market, let field = reader.optional("assign") {
            assignment = diagnostics.enumeration(field, ["auto", "auction"], what: "assign").flatMap(GeneratorAssignment.init)
        }
        reader.finish()
        guard let prefix, let prefixField, let users, let from, let to, from <= to, let perDay, let kind,
              let models, let gpuCount, let hours, let price, let collateral, let assignment else { return nil }
        context.generatorRanges.append((prefix, from, to, perDay, prefixField))
        // Group references stay as written here; the loader resolves them once the groups are known.
        return TaskGenerator(prefix: prefix, users: GeneratorUsers(ids: users), fromDay: from, toDay: to, perDay: perDay,
                             providerKind: kind, gpuModels: models, gpuCount: gpuCount, durationHours: hours,
                             price: price, collateralAtto: collateral, assignment: assignment)
    }

    /// `price_per_gpu_hour`, or in a `/2` file `price_mode` `market` with its `market_price_factor`
    /// (SCENARIO-FORMAT-MARKET.md §3.4). In a `/1` file the market fields are not read, so they
    /// are unknown fields there.
    private func generatorPrice(_ reader: ObjectReader, at value: Located) -> GeneratorPrice? {
        func fixedPrice(_ field: Located) -> GeneratorPrice? {
            diagnostics.ratioRange(field, upper: context.supplyTotal, minExclusive: true).map { .fixed(perGPUHour: $0) }
        }
        guard context.market else { return reader.required("price_per_gpu_hour").flatMap(fixedPrice) }
        var mode: String? = "fixed"
        if let field = reader.optional("price_mode") {
            mode = diagnostics.enumeration(field, ["fixed", "market"], what: "price_mode")
        }
        let priceField = reader.optional("price_per_gpu_hour")
        let factorField = reader.optional("market_price_factor")
        switch mode {
        case "fixed"?:
            if let factorField {
                diagnostics.report(.conflict, factorField, "market_price_factor is allowed only with price_mode \"market\"")
                return nil
            }
            guard let priceField else {
                diagnostics.report(.missingField, at: value.path.key("price_per_gpu_hour"), position: value.position,
                                   "missing required field \"price_per_gpu_hour\" in task generator (price_mode \"fixed\")")
                return nil
            }
            return fixedPrice(priceField)
        case "market"?:
            if let priceField {
                diagnostics.report(.conflict, priceField, "price_per_gpu_hour is not allowed with price_mode \"market\"")
                return nil
            }
            guard let factorField else { return .market(factor: .fixed(Decimal18.scale)) }
            return diagnostics.ratioRange(factorField, upper: 1000 * Decimal18.scale, minExclusive: true)
                .map { .market(factor: $0) }
        default:
            return nil
        }
    }
}
