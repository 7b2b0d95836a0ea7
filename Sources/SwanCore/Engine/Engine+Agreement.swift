extension Engine {
    /// Whether what the engine still keeps per provider for its decisions (the benchmark strikes)
    /// is what the ledger state it folds says, at a block boundary. Status, suspension and a
    /// pending withdrawal it reads from the ledger state itself. The ledger state is the record; debug builds check the engine's copy against it
    /// after every block (docs/ARCHITECTURE.md "Where each fact lives").
    func ledgerAgrees() -> Bool {
        let recorded = ledger.state.providers
        guard recorded.count == providers.count else { return false }
        for (engine, ledger) in zip(providers, recorded) {
            guard engine.strikes == ledger.benchmarkStrikes else {
                return false
            }
        }
        return true
    }
}
