/// The reputation step of a day close (RULES-MARKET M3.5): every scored provider's
/// components and total from its counts, with the network averages taken over step-1 values.
///
/// The engine and the checker each count the inputs their own way (the engine as it runs,
/// the checker from the stored entries) and call this one rule, so a difference in counting
/// shows as a difference in the `reputation` payloads (invariant I14).
public enum ReputationDay {
    /// What M3.1 counts for one scored provider at the close of day d.
    public struct Inputs: Equatable, Sendable {
        public var registeredAt: Int64
        public var activeSeconds: Int64
        public var s7: Int64
        public var s30: Int64
        public var sAll: Int64
        public var systemOK: Int64
        public var systemFailed: Int64
        public var streak: Int64
        public var userOK: Int64
        public var userFailed: Int64
        public var refunds: Int64

        public init(registeredAt: Int64, activeSeconds: Int64, s7: Int64, s30: Int64, sAll: Int64, systemOK: Int64,
                    systemFailed: Int64, streak: Int64, userOK: Int64, userFailed: Int64, refunds: Int64) {
            self.registeredAt = registeredAt
            self.activeSeconds = activeSeconds
            self.s7 = s7
            self.s30 = s30
            self.sAll = sAll
            self.systemOK = systemOK
            self.systemFailed = systemFailed
            self.streak = streak
            self.userOK = userOK
            self.userFailed = userFailed
            self.refunds = refunds
        }
    }

    /// The `reputation` payloads of the scored providers, in their order, at T = d × 86400.
    public static func score(_ inputs: [Inputs], evaluationTime t: Int64, parameters: MarketParameters) -> [ReputationFigures] {
        guard let oldest = inputs.map(\.registeredAt).min() else { return [] }
        let wad = Decimal18.scale
        // Step 1: own values; the "no data" cases stay open (nil).
        var system: [Int128?] = [], user: [Int128?] = [], refund: [Int128?] = []
        for input in inputs {
            let blend = Reputation.blend(s7: input.s7, s30: input.s30, sAll: input.sAll)
            let own = Reputation.system(blend: blend, cleanStreak: input.streak, bonusDays: parameters.bonusDays,
                                        bonus: parameters.bonus)
            system.append(input.systemOK + input.systemFailed >= parameters.systemMinJobs ? own : nil)
            user.append(Reputation.user(succeeded: input.userOK, failed: input.userFailed))
            refund.append(Reputation.refund(succeeded: input.userOK, refunds: input.refunds))
        }
        // Step 2: the network averages over step-1 values only.
        let systemAverage = Reputation.average(system.compactMap { $0 }, fallback: 50 * wad)
        let userAverage = Reputation.average(user.compactMap { $0 }, fallback: Reputation.p100)
        let refundAverage = Reputation.average(refund.compactMap { $0 }, fallback: Reputation.p100)
        // Step 3: fill in, total.
        return inputs.indices.map { i in
            let input = inputs[i]
            var averaged: AveragedComponents = []
            if system[i] == nil { averaged.insert(.system) }
            if user[i] == nil { averaged.insert(.user) }
            if refund[i] == nil { averaged.insert(.refund) }
            let registered = t - input.registeredAt
            let uptime = Reputation.uptime(activeSeconds: input.activeSeconds, registeredSeconds: registered)
            let join = Reputation.join(evaluationTime: t, registered: input.registeredAt, oldest: oldest)
            let components = [uptime, join, system[i] ?? systemAverage, user[i] ?? userAverage, refund[i] ?? refundAverage]
            return ReputationFigures(
                total: Reputation.total(components: components, weights: parameters.reputationWeights),
                uptime: uptime, join: join, system: components[2], user: components[3], refund: components[4],
                activeSeconds: input.activeSeconds, registeredSeconds: registered, s7: input.s7, s30: input.s30,
                sAll: input.sAll, systemOK: input.systemOK, systemFailed: input.systemFailed, streak: input.streak,
                userOK: input.userOK, userFailed: input.userFailed, refunds: input.refunds, averaged: averaged)
        }
    }
}
