import SwanCore

/// Reads `params` (SCENARIO-FORMAT.md §3.1) over the preset's values.
struct ParamsReader {
    let diagnostics: Diagnostics

    /// Resolves the preset, then applies each override after checking its type and range.
    /// Amount-typed keys are also checked against `supply.total` once it is known. With
    /// `market` (a `swan-scenario/2` file) the groups of SCENARIO-FORMAT-MARKET.md §3.1 are read
    /// too; in a `/1` file they are unknown fields.
    func read(_ value: Located?, preset: Preset, market: Bool = false) -> (Parameters, MarketParameters?) {
        var parameters = Parameters(preset: preset)
        var marketParameters = market ? MarketParameters() : nil
        guard let value, let reader = diagnostics.object(value, context: "params") else { return (parameters, marketParameters) }
        var amounts: [(String, Located, Int128)] = []
        for group in ParameterTable.groups {
            guard let groupValue = reader.optional(group),
                  let groupReader = diagnostics.object(groupValue, context: "params.\(group)") else { continue }
            for definition in ParameterTable.definitions where definition.group == group {
                guard let field = groupReader.optional(definition.key) else { continue }
                guard let parsed = read(field, type: definition.type) else { continue }
                parameters.set(definition.name, parsed)
                if case .amount = definition.type, case .decimal(let atto) = parsed, definition.name != "supply.total" {
                    amounts.append((definition.name, field, atto))
                }
            }
            groupReader.finish()
        }
        if market { amounts += readMarket(reader, into: &marketParameters) }
        reader.finish()
        let supply = parameters.decimal("supply.total")
        for (_, field, atto) in amounts where atto > supply {
            diagnostics.report(.range, field, "amount \(Decimal18.render(atto)) exceeds supply.total \(Decimal18.render(supply))")
        }
        return (parameters, marketParameters)
    }

    /// The market groups; returns their Amount fields for the supply check.
    private func readMarket(_ reader: ObjectReader, into market: inout MarketParameters?) -> [(String, Located, Int128)] {
        guard var resolved = market else { return [] }
        var amounts: [(String, Located, Int128)] = []
        for group in MarketParameters.groups {
            guard let groupValue = reader.optional(group),
                  let groupReader = diagnostics.object(groupValue, context: "params.\(group)") else { continue }
            for definition in MarketParameters.definitions where definition.group == group {
                guard let field = groupReader.optional(definition.key), let parsed = read(field, type: definition.type) else { continue }
                if definition.key == "base_price", case .decimal(let atto) = parsed {
                    guard atto > 0 else {
                        diagnostics.report(.range, field, "base_price must be greater than 0")
                        continue
                    }
                    amounts.append(("pricing.base_price", field, atto))
                }
                resolved.set(group, definition.key, parsed)
            }
            if group == "reputation", resolved.reputationWeights.reduce(0, +) != 100 {
                diagnostics.report(.range, groupValue, "the five reputation weights w_uptime, w_join, w_system, w_user and "
                    + "w_refund resolve to \(resolved.reputationWeights.map(String.init).joined(separator: " + ")) = "
                    + "\(resolved.reputationWeights.reduce(0, +)); they must sum to 100")
            }
            groupReader.finish()
        }
        market = resolved
        return amounts
    }

    private func read(_ field: Located, type: ParameterType) -> ParameterValue? {
        switch type {
        case .amount(let max):
            return diagnostics.decimal(field, max: max).map(ParameterValue.decimal)
        case .ratio(let min, let max, let minExclusive):
            return diagnostics.decimal(field, min: min, max: max, minExclusive: minExclusive, what: "ratio")
                .map(ParameterValue.decimal)
        case .nullableRatio(let max):
            if case .null = field.node.value { return .null }
            return diagnostics.decimal(field, max: max, what: "ratio").map(ParameterValue.decimal)
        case .binary64Ratio:
            return diagnostics.decimal(field, max: nil, what: "ratio").map(ParameterValue.decimal)
        case .cu(let maxDeci):
            return diagnostics.cu(field, maxDeci: maxDeci).map(ParameterValue.cu)
        case .integer(let min, let max):
            return diagnostics.integer(field, in: min...max).map(ParameterValue.integer)
        case .bool:
            return diagnostics.bool(field).map(ParameterValue.bool)
        case .enumeration(let allowed):
            return diagnostics.enumeration(field, allowed, what: "value").map(ParameterValue.name)
        }
    }
}
