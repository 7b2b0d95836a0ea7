import ArgumentParser
import SwanCore

/// `swansim catalog`
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Print the swan-cu-v1 catalog with each model's collateral per card.",
        discussion: """
            Per card requirement = CU × C_base, × fcp_weight (1.2) with --kind fcp, floored to \
            atto-SWAN (RULES.md §4.3).

            Examples:
              swansim catalog
              swansim catalog --kind fcp --c-base 3533.333333333333333333 --format csv
            """
    )

    @Option(name: .customLong("c-base"), help: "Base collateral per CU in SWAN (an Amount string).")
    var cBase: String = "3533"

    @Option(help: "Provider kind: ecp, or fcp to apply the FCP weight.")
    var kind: String = "ecp"

    @Option(help: "Output format: table, json or csv.")
    var format: String = "table"

    func validate() throws {
        guard ProviderKind(rawValue: kind) != nil else { throw ValidationError("--kind must be ecp or fcp") }
        guard CatalogListing.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be table, json or csv")
        }
        do { _ = try Decimal18.parse(cBase) } catch {
            throw ValidationError("--c-base \(cBase): \(error.code) (a decimal SWAN amount, e.g. 3533)")
        }
    }

    func run() throws {
        let cBaseAtto = (try? Decimal18.parse(cBase)) ?? 0
        let weight = Parameters(preset: .default).decimal("collateral.fcp_weight")
        do {
            let listing = try CatalogListing(catalog: .swanCUv1, cBaseAtto: cBaseAtto,
                                             kind: ProviderKind(rawValue: kind) ?? .ecp, fcpWeightWad: weight)
            let text = listing.render(CatalogListing.Format(rawValue: format) ?? .table)
            printLines(text.hasSuffix("\n") ? String(text.dropLast()) : text)
        } catch {
            printError("swansim catalog: \(error)")
            throw ExitCode(4)
        }
    }
}
