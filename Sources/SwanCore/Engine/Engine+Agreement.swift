extension Engine {
    /// Whether what the engine keeps per provider for its decisions (status, suspension,
    /// pending withdrawal, benchmark strikes) is what the ledger state it folds says, at a block
    /// boundary. The ledger state is the record; debug builds check the engine's copy against it
    /// after every block (docs/ARCHITECTURE.md "Where each fact lives").
    func ledgerAgrees() -> Bool {
        let recorded = ledger.state.providers
        guard recorded.count == providers.count else { return false }
        for (engine, ledger) in zip(providers, recorded) {
            guard engine.status == ledger.status, engine.suspendedUntil == ledger.suspendedUntil,
                  engine.pending?.amount == ledger.pendingAmountAtto, (engine.pending?.due ?? 0) == ledger.pendingDue,
                  engine.strikes == ledger.benchmarkStrikes else {
                return false
            }
        }
        return true
    }
}
