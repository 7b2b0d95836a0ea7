import SwanCore

/// What the readers share while one scenario is loaded: the resolved parameters and
/// catalog they validate against, and the definitions and references that the
/// semantic checks (SCENARIO-FORMAT.md §5.2) compare once everything has been read.
final class LoadContext {
    let diagnostics: Diagnostics
    var parameters: Parameters
    var catalog: Catalog
    /// `days`, or nil if it could not be read (day checks are then skipped).
    var days: Int64?
    /// A `swan-scenario/2` file: the market fields of SCENARIO-FORMAT-MARKET.md §3 are read.
    var market = false

    /// Provider ids in definition order, with where each was defined.
    var providerDefinitions: [(id: String, at: Located)] = []
    var userDefinitions: [(id: String, at: Located)] = []
    var taskDefinitions: [(id: String, at: Located)] = []
    /// Kinds of explicitly defined providers, for `ubi_outcome` bounds.
    var providerKinds: [String: ProviderKind] = [:]
    var groupPrefixes: [(prefix: String, count: Int64, at: Located)] = []
    var generatorRanges: [(prefix: String, fromDay: Int64, toDay: Int64, perDay: Int64, at: Located)] = []

    var providerReferences: [(id: String, at: Located)] = []
    var userReferences: [(id: String, at: Located)] = []
    var taskReferences: [(id: String, at: Located)] = []
    var accountReferences: [(account: String, at: Located)] = []

    /// The limits of RULES.md §18 C16, counted in reading order.
    var usersInAll = WorkLimit.users()
    var providersInAll = WorkLimit.providers()
    var generatedTasksPerDay = WorkLimit.generatedTasks()

    init(diagnostics: Diagnostics, parameters: Parameters, catalog: Catalog) {
        self.diagnostics = diagnostics
        self.parameters = parameters
        self.catalog = catalog
    }

    /// Upper bound for any Amount in the scenario (RULES.md §1.3).
    var supplyTotal: Int128 { parameters.decimal("supply.total") }

    /// An Amount ≤ supply.total; `positive` for the fields that must be > 0.
    func amount(_ value: Located, positive: Bool = false) -> Int128? {
        diagnostics.decimal(value, min: 0, max: supplyTotal, minExclusive: positive)
    }

    /// An asking price (RULES-MARKET M6): an Amount in SWAN per GPU-hour, > 0.
    func askingPrice(_ value: Located) -> Int128? {
        amount(value, positive: true)
    }

    /// A probability (Ratio 0 … 1).
    func probability(_ value: Located) -> Int128? {
        diagnostics.decimal(value, max: Decimal18.scale, what: "probability")
    }

    /// A model name that must exist in the resolved catalog.
    func model(_ value: Located) -> String? {
        guard let name = diagnostics.string(value) else { return nil }
        guard catalog[name] != nil else {
            diagnostics.report(.unknownRef, value, "model \(jsonQuoted(name)) is not in catalog \(catalogName)")
            return nil
        }
        return name
    }

    private var catalogName: String { catalog.baseName ?? "(empty base)" }

    /// A day within 1 … days.
    func day(_ value: Located, from lower: Int64 = 1) -> Int64? {
        diagnostics.integer(value, in: lower...(days ?? 36_500))
    }
}
