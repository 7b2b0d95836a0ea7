import Foundation

/// The parts of summary.json (OUTPUTS.md §3) that a report shows: identity, head, totals,
/// counts, breaches, invariants, expectations and economics. Unknown keys are ignored.
struct SummaryFacts: Decodable {
    struct Scenario: Decodable {
        var name: String
        var sha256: String
        var seed: SeedText
        var preset: String
        var days: Int
    }

    struct Ledger: Decodable {
        var encodingVersion: String
        var entries: Int
        var blocks: Int
        var headHash: String
        var headBlockHash: String
    }

    struct Counts: Decodable {
        var ubiTasksAssigned: Int
        var ubiTasksFailed: Int
        var tasksPosted: Int
        var tasksCompleted: Int
        var tasksFailed: Int
        var tasksRefunded: Int
        var tasksOpen: Int
        var statusChanges: Int
    }

    struct Provider: Decodable {
        var id: String
        var index: Int
        var economics: ProviderEconomics?
    }

    struct ProviderEconomics: Decodable {
        var revenuePerGpuHourUsd: String?
        var netMargin: String?
        var roiAnnual: String?
    }

    struct Breaches: Decodable {
        var count: Int
        var totalSeconds: Int
        var items: [Breach]
    }

    struct Breach: Decodable {
        var provider: String
        var status: String
        var startTime: Int
        var endTime: Int
        var durationS: Int
        var open: Bool
    }

    struct Rejections: Decodable {
        var count: Int
    }

    struct Invariants: Decodable {
        var ok: Bool
        var results: [Invariant]
    }

    struct Invariant: Decodable {
        var id: String
        var name: String
        var ok: Bool
        var violations: Int
        var firstSeq: Int?
        var detail: String?
    }

    struct Expect: Decodable {
        var ok: Bool
        var checked: Int
        var failures: [Failure]
    }

    struct Failure: Decodable {
        var path: String
    }

    struct Economics: Decodable {
        var swanUsd: String?
        var targets: Targets
        var totals: [String: String?]
        var providersMeeting: [String: Int?]
    }

    struct Targets: Decodable {
        var revenuePerGpuHourUsd: String
        var powerCostPerGpuHourUsd: String
        var netMargin: String
        var roiAnnual: String
    }

    var format: String
    var scenario: Scenario
    var ledger: Ledger
    var supply: String
    var finalCBase: String
    var systemAccounts: [String: String]
    var totals: [String: String]
    var counts: Counts
    var providers: [Provider]
    var breaches: Breaches
    var rejections: Rejections
    var invariants: Invariants
    var economics: Economics
    var expect: Expect

    /// Decodes `data` (summary.json or a sweep's `summary_json`); a problem names the JSON path.
    static func decode(_ data: Data, file: String) throws(ReportFailure) -> SummaryFacts {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            var facts = try decoder.decode(SummaryFacts.self, from: data)
            facts.totals = snakeKeys(facts.totals)
            facts.systemAccounts = snakeKeys(facts.systemAccounts)
            facts.economics.totals = snakeKeys(facts.economics.totals)
            facts.economics.providersMeeting = snakeKeys(facts.economics.providersMeeting)
            return facts
        } catch let error as DecodingError {
            throw .malformed(file: file, problem: Self.describe(error))
        } catch {
            throw .malformed(file: file, problem: "\(error)")
        }
    }

    /// `at $.path: what`, from a decoding error.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            "$" + keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(snake(key.stringValue))" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "at \(path(context.codingPath)): no key \(snake(key.stringValue))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// The snake_case key a camelCase coding key came from (JSONDecoder's snake-case strategy
    /// also renames the keys of decoded dictionaries; this undoes that, and leaves snake_case alone).
    static func snake(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase { out += "_" + character.lowercased() } else { out.append(character) }
        }
        return out
    }

    /// The totals in OUTPUTS.md §3 order, then any others by name.
    var orderedTotals: [(String, String)] {
        let known = ["ubi_paid", "slashed", "slashed_backed", "slash_debt", "debt_outstanding", "fees", "task_payouts",
                     "task_refunds", "deposits", "withdrawals", "grants"]
        let rest = totals.keys.filter { !known.contains($0) }.sorted()
        return (known + rest).compactMap { key in totals[key].map { (key, $0) } }
    }

    /// The system accounts by name, sorted.
    var orderedSystemAccounts: [(String, String)] {
        systemAccounts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `dictionary` with its keys back in snake_case (`decode` applies it to every dictionary).
    static func snakeKeys<Value>(_ dictionary: [String: Value]) -> [String: Value] {
        Dictionary(dictionary.map { (snake($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A seed as decimal text: summary.json writes it as a JSON integer, which may exceed 2^63.
struct SeedText: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let unsigned = try? container.decode(UInt64.self) {
            text = String(unsigned)
        } else {
            text = String(try container.decode(Int64.self))
        }
    }
}
