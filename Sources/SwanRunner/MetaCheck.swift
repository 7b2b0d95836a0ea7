import Foundation
import SwanCore
import SwanCrypto
import SwanScenario
import SwanStore

/// `swansim verify`'s check of `meta`: the stored scenario hashes to `scenario_sha256`, loads,
/// and resolves to exactly the values of the required keys (`params_json`, `catalog_json`, seed,
/// days …); `engine` is informational and other keys are not the ledger's, so neither is compared.
///
/// The checker replays from `params_json` and `catalog_json`; an edit there that the entries
/// happen not to contradict (a parameter this run never used) is caught here instead.
enum MetaCheck {
    /// The scenario the ledger was made from, or nil for a ledger written before
    /// `meta.scenario_source` existed when no file is given (then only the chain and invariants
    /// can be checked).
    /// - Parameter given: the bytes of `verify --scenario FILE`, which must hash to
    ///   `meta.scenario_sha256` (and so equal a stored `scenario_source`).
    static func scenario(of meta: LedgerMeta, hasher: SHA256Hashing, given: (name: String, bytes: [UInt8])? = nil)
        throws(VerificationFailure) -> Scenario?
    {
        func failure(_ key: String, expected: String, found: String) -> VerificationFailure {
            VerificationFailure(.row(table: "meta", key: "key \(key)"), "value", expected: expected, found: found)
        }
        if let given, hasher.digest(given.bytes).hex != meta["scenario_sha256"] {
            throw failure("scenario_sha256", expected: "\(hasher.digest(given.bytes).hex) (the SHA-256 of \(given.name))",
                          found: meta["scenario_sha256"] ?? "none")
        }
        let source = meta["scenario_source"] ?? given.map { Data($0.bytes).base64EncodedString() }
        guard let source else { return nil }
        guard let data = Data(base64Encoded: source) else {
            throw failure("scenario_source", expected: "base64 scenario bytes", found: "invalid base64")
        }
        let bytes = [UInt8](data)
        let sha = hasher.digest(bytes).hex
        guard sha == meta["scenario_sha256"] else {
            throw failure("scenario_sha256", expected: "\(sha) (the SHA-256 of scenario_source)", found: meta["scenario_sha256"] ?? "none")
        }
        let scenario: Scenario
        do throws(ScenarioErrors) {
            scenario = try ScenarioLoader.load(bytes, syntax: ScenarioLoader.Syntax(sniffing: bytes))
        } catch {
            throw failure("scenario_source", expected: "a valid scenario", found: error.errors.first.map { $0.line(file: "scenario") } ?? "errors")
        }
        let expected = LedgerMeta(scenario: scenario, scenarioSHA256: sha, scenarioSourceBase64: source)
        // `engine` is informational; `encoding_version` names how the entries were written, and a
        // ledger of any readable version (EntryFormat) is the same run (LedgerCheck refuses others).
        for (key, value) in expected.pairs where key != "engine" && key != "encoding_version" && meta[key] != value
            && !(key == "scenario_source" && meta[key] == nil) {
            guard let found = meta[key] else { throw failure(key, expected: VerificationFailure.shown(value), found: "none") }
            let (expectedPart, foundPart) = whereDiffering(value, found)
            throw failure(key, expected: expectedPart, found: foundPart)
        }
        return scenario
    }

    /// Both texts around their first differing character (a JSON edit deep inside params_json
    /// shows as `…"cu":"1.5"…` against `…"cu":"11.5"…`).
    static func whereDiffering(_ expected: String, _ found: String) -> (String, String) {
        let a = Array(expected), b = Array(found)
        guard a.count > 80 || b.count > 80 else { return (expected, found) }
        let first = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        func window(_ text: [Character]) -> String {
            let from = max(0, first - 30), to = min(text.count, first + 30)
            return (from > 0 ? "…" : "") + String(text[from..<to]) + (to < text.count ? "…" : "")
        }
        return (window(a), window(b))
    }
}

extension Scenario {
    /// Each generated provider's population prefix (the `providers.population` column).
    var populationsByProvider: [String: String] {
        Dictionary(providers.compactMap { p in p.population.map { (p.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }
}
