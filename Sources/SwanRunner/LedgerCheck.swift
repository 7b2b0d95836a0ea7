import SwanCore
import SwanCrypto
import SwanReport
import SwanScenario
import SwanStore

/// `swansim verify`: the meta against its stored scenario, the chain re-verification (I13), the
/// checker's replay (I1–I12), and every derived table against the checker's own rows.
public enum LedgerCheck {
    /// What verification found.
    public struct Outcome: Sendable {
        public var report: VerificationReport
        public var invariants: InvariantResults
        /// False for a ledger without `meta.scenario_source`: its meta and derived tables were not checked.
        public var derivedTablesChecked: Bool
    }

    /// Why verification could not complete.
    public enum Failure: Error, Sendable {
        /// The chain does not recompute (exit 3).
        case mismatch(VerificationFailure)
        /// An unknown encoding version (exit 2).
        case unsupported(String)
        /// The file cannot be read as a ledger (exit 4).
        case unreadable(String)
    }

    public static func verify(path: String) throws(Failure) -> Outcome {
        let database: LedgerDatabase
        let meta: LedgerMeta
        do {
            database = try LedgerDatabase.open(at: path)
            meta = try database.meta()
        } catch {
            throw .unreadable(error.description)
        }
        if let version = meta["encoding_version"], version != EntryEncoding.version {
            throw .unsupported(VerifyError.unsupportedEncoding(found: version, supported: EntryEncoding.version).description)
        }
        // The meta first: once it matches its scenario, the replay reads parameters that are the scenario's.
        let hasher: OpenSSLSHA256
        let scenario: Scenario?
        do { hasher = try OpenSSLSHA256() } catch { throw .unreadable("\(error)") }
        do throws(VerificationFailure) { scenario = try MetaCheck.scenario(of: meta, hasher: hasher) } catch {
            throw .mismatch(error)
        }
        let context: ReplayContext
        do {
            guard let preset = meta["preset"].flatMap(Preset.init), let days = meta["days"].flatMap({ Int64($0) }),
                  let params = meta["params_json"], let catalog = meta["catalog_json"] else {
                throw Failure.unreadable("meta lacks preset, days, params_json or catalog_json")
            }
            context = ReplayContext(parameters: try MetaReader.parameters(json: params, preset: preset),
                                    catalog: try MetaReader.catalog(json: catalog), days: days)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .unreadable("meta: \(error)")
        }
        let replay = LedgerReplay(context: context)
        do {
            let derived = scenario == nil ? nil : try DerivedTablesCheck(ledgerAt: path)
            let report = try database.verify(hasher: hasher, checker: replay, derived: derived)
            // A ledger cut after a whole block still chains: its length is what meta.days fixes.
            guard report.blocks == context.days + 1 else {
                throw VerifyError.mismatch(derived?.failure(before: report.blocks) ?? VerificationFailure(
                    .block(day: report.blocks), "block", expected: "blocks 0 … \(context.days) (meta days = \(context.days))",
                    found: "the ledger ends after block \(report.blocks - 1)"))
            }
            let final = replay.finish(populations: scenario?.populationsByProvider ?? [:])
            try derived?.finish(run: final)
            return Outcome(report: report, invariants: final.invariants, derivedTablesChecked: derived != nil)
        } catch let error as VerifyError {
            switch error {
            case .mismatch(let failure): throw .mismatch(failure)
            case .unsupportedEncoding: throw .unsupported(error.description)
            case .store(let failure): throw .unreadable(failure.description)
            case .unreadable(let message): throw .unreadable(message)
            }
        } catch {
            throw .unreadable("\(error)")
        }
    }
}
