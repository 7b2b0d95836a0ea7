extension Engine {
    /// Schedules day d's generated `task_post` operations (RULES.md §10.4), keyed (t, 1, g, k, 0).
    func scheduleGeneratedTasks(day d: Int64) throws(EngineError) {
        for (g, generator) in scenario.taskGenerators.enumerated() where d >= generator.fromDay && d <= generator.toDay {
            for k in 0..<generator.perDay {
                func draw(_ field: Int64) -> UInt64 {
                    CounterRandom.draw(seed: scenario.seed, stream: CounterRandom.Stream.taskGeneration.rawValue,
                                       UInt64(g), UInt64(d), UInt64(16 * k + field))
                }
                let time = Self.dayStart(d) + Int64(CounterRandom.uniform(draw(1), 86_400))
                let user = generator.users[Int(CounterRandom.uniform(draw(2), UInt64(generator.users.count)))]
                let model = generator.gpuModels[CounterRandom.weightedChoice(draw(3), weights: generator.gpuModels.map(\.weight))].model
                let count = CounterRandom.integer(draw(4), in: generator.gpuCount)
                let hours = CounterRandom.integer(draw(5), in: generator.durationHours)
                let price: Int128
                switch generator.price {
                case .fixed(let range):
                    price = CounterRandom.ratio(draw(6), in: range)
                case .market(let range):
                    // RULES-MARKET M4.6: the posting day's quote times the drawn factor, at least 1 atto.
                    let factor = CounterRandom.ratio(draw(7), in: range)
                    do {
                        price = try MarketPricing.taskPrice(quote: market?.quotePriceAtto ?? 0, factor: factor)
                    } catch {
                        throw .overflow("market task price")
                    }
                }
                let (perGPU, overGPU) = price.multipliedReportingOverflow(by: Int128(count))
                let (reward, overHours) = perGPU.multipliedReportingOverflow(by: Int128(hours))
                guard !overGPU && !overHours else { throw .overflow("generated task reward") }
                let post = ScriptOperation.TaskPost(
                    task: "\(generator.prefix)-\(d)-\(k + 1)", user: user, rewardAtto: reward,
                    durationSeconds: hours * 3600, gpuModel: model, gpuCount: count, collateralAtto: generator.collateralAtto,
                    providerKind: generator.providerKind, assignment: generator.assignment == .auction ? .auction : .auto)
                queue.push(.generated(post, generator: g, ordinal: k, at: time))
            }
        }
    }
}
