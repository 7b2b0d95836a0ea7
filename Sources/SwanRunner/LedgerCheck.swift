import SwanCore
import SwanCrypto
import SwanReport
import SwanScenario
import SwanStore

/// `swansim verify`: the chain re-verification (I13) and the checker's replay (I1–I12) of a stored ledger.
public enum LedgerCheck {
    /// What verification found.
    public struct Outcome: Sendable {
        public var report: VerificationReport
        public var invariants: InvariantResults
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
        let context: ReplayContext
        do {
            guard let preset = meta["preset"].flatMap(Preset.init), let days = meta["days"].flatMap({ Int64($0) }),
                  let params = meta["params_json"], let catalog = meta["catalog_json"] else {
                throw Failure.unreadable("meta lacks preset, days, params_json or catalog_json")
            }
            if let version = meta["encoding_version"], version != EntryEncoding.version {
                throw Failure.unsupported(VerifyError.unsupportedEncoding(found: version, supported: EntryEncoding.version).description)
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
            let hasher = try OpenSSLSHA256()
            let report = try database.verify(hasher: hasher, checker: replay)
            return Outcome(report: report, invariants: replay.finish().invariants)
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
