/// Expands a population into providers at genesis (RULES.md §10.3).
///
/// Attributes come from stream 1 keyed by (population index, ordinal, field), so each
/// provider is independent of every other and of the order of expansion.
public enum PopulationExpansion {
    /// Attribute field numbers of stream 1 (RULES.md §10.2; 8 is RULES-MARKET M9's).
    enum Field: UInt64 {
        case kind = 1, model, cards, collateralFactor, walletFactor, ubiFailureRate, taskFailureRate, askingPrice
    }

    /// `prefix` followed by `ordinal + 1` zero-padded to the digits of `count` (`p0001`).
    public static func id(prefix: String, ordinal: Int64, count: Int64) -> String {
        let number = String(ordinal + 1)
        let width = String(count).count
        return prefix + String(repeating: "0", count: max(0, width - number.count)) + number
    }

    /// The providers of population `populationIndex`, in ordinal order.
    ///
    /// - Parameter requirement: the rule in force at genesis (C_base and weights).
    public static func expand(
        _ population: Population, populationIndex: Int, seed: UInt64, catalog: Catalog,
        requirement: RequirementRule
    ) throws(RequirementError) -> [ProviderSpec] {
        var providers: [ProviderSpec] = []
        providers.reserveCapacity(Int(population.count))
        for ordinal in 0..<population.count {
            func draw(_ field: Field) -> UInt64 {
                CounterRandom.draw(seed: seed, stream: CounterRandom.Stream.populationAttribute.rawValue,
                                   UInt64(populationIndex), UInt64(ordinal), field.rawValue)
            }
            let kind: ProviderKind = CounterRandom.weightedChoice(
                draw(.kind), weights: [population.kindWeightECP, population.kindWeightFCP]) == 0 ? .ecp : .fcp
            let mix = population.gpuMix[CounterRandom.weightedChoice(draw(.model), weights: population.gpuMix.map(\.weight))]
            let cards = [CardGroup(model: mix.model, count: CounterRandom.integer(draw(.cards), in: mix.cards))]
            let required = try requirement.required(kind: kind, cards: cards, catalog: catalog)
            let collateral = try wholeSwan(required, factor: CounterRandom.ratio(draw(.collateralFactor), in: population.collateralFactor))
            let wallet = try wholeSwan(required, factor: CounterRandom.ratio(draw(.walletFactor), in: population.walletFactor))
            providers.append(ProviderSpec(
                id: id(prefix: population.prefix, ordinal: ordinal, count: population.count),
                kind: kind, cards: cards, walletAtto: wallet, collateralAtto: collateral,
                ubiFailureRateWad: CounterRandom.ratio(draw(.ubiFailureRate), in: population.ubiFailureRate),
                taskFailureRateWad: CounterRandom.ratio(draw(.taskFailureRate), in: population.taskFailureRate),
                behaviour: population.behaviour, population: population.prefix,
                // Drawn only when the population has prices: version-1 draws are untouched (M9).
                askingPriceAtto: population.askingPrice.map { CounterRandom.ratio(draw(.askingPrice), in: $0) }))
        }
        return providers
    }

    /// ⌊applyRatio(required, factor) / 10^18⌋ × 10^18: whole SWAN.
    private static func wholeSwan(_ required: Int128, factor: Int128) throws(RequirementError) -> Int128 {
        do {
            return try Arithmetic.applyRatio(required, factor) / Decimal18.scale * Decimal18.scale
        } catch {
            throw .overflow
        }
    }
}
