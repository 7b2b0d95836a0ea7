extension Engine {
    /// Schedules day d's generated `task_post` operations (RULES.md §10.4), keyed (t, 1, g, k, 0).
    func scheduleGeneratedTasks(day d: Int64) {
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
                let price = CounterRandom.ratio(draw(6), in: generator.pricePerGPUHour)
                let post = ScriptOperation.TaskPost(
                    task: "\(generator.prefix)-\(d)-\(k + 1)", user: user, rewardAtto: price * Int128(count) * Int128(hours),
                    durationSeconds: hours * 3600, gpuModel: model, gpuCount: count, collateralAtto: generator.collateralAtto,
                    providerKind: generator.providerKind, assignment: .auto)
                queue.push(.generated(post, generator: g, ordinal: k, at: time))
            }
        }
    }
}
