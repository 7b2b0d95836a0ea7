/// The per-card collateral table of a catalog, as `swansim catalog` prints it.
///
/// Pure text building: the CLI only chooses the format and prints the result.
public struct CatalogListing: Sendable {
    /// One model's row.
    public struct Row: Equatable, Sendable {
        public var model: String
        public var cuDeci: Int64
        public var tier: Tier?
        /// required(p) of one card of this model, for the chosen kind and C_base.
        public var perCardAtto: Int128
    }

    /// Output formats.
    public enum Format: String, CaseIterable, Sendable {
        case table, json, csv
    }

    public var rows: [Row]
    public var kind: ProviderKind
    public var cBaseAtto: Int128

    /// Rows in catalog order, with the per-card requirement in CU mode (RULES.md §4.3).
    public init(catalog: Catalog, cBaseAtto: Int128, kind: ProviderKind, fcpWeightWad: Int128) throws(RequirementError) {
        let rule = RequirementRule(cBase: cBaseAtto, fcpWeightWad: fcpWeightWad)
        var rows: [Row] = []
        for model in catalog.models {
            let required = try rule.required(kind: kind, cards: [CardGroup(model: model.name, count: 1)], catalog: catalog)
            rows.append(Row(model: model.name, cuDeci: model.cuDeci, tier: model.tier, perCardAtto: required))
        }
        self.rows = rows
        self.kind = kind
        self.cBaseAtto = cBaseAtto
    }

    /// The listing in `format`, ending with a newline.
    public func render(_ format: Format) -> String {
        switch format {
        case .csv:
            return "model,cu,tier,required_per_card_swan\n" + rows.map { row in
                [csvField(row.model), ComputeUnits.renderDeci(row.cuDeci), row.tier?.rawValue ?? "",
                 Decimal18.render(row.perCardAtto)].joined(separator: ",")
            }.joined(separator: "\n") + "\n"
        case .json:
            let items = rows.map { row in
                "  {\"model\": \(jsonQuoted(row.model)), \"cu\": \"\(ComputeUnits.renderDeci(row.cuDeci))\", "
                    + "\"tier\": \(row.tier.map { "\"\($0.rawValue)\"" } ?? "null"), "
                    + "\"required_per_card\": \"\(Decimal18.render(row.perCardAtto))\"}"
            }
            return "[\n" + items.joined(separator: ",\n") + "\n]\n"
        case .table:
            let header = ("model", "CU", "tier", "SWAN per card (\(kind.rawValue), C_base \(Decimal18.render(cBaseAtto)))")
            let cells = rows.map { ($0.model, ComputeUnits.renderDeci($0.cuDeci), $0.tier?.rawValue ?? "-",
                                    Decimal18.render($0.perCardAtto)) }
            let width0 = max(header.0.count, cells.map(\.0.count).max() ?? 0)
            let width1 = max(header.1.count, cells.map(\.1.count).max() ?? 0)
            let width2 = max(header.2.count, cells.map(\.2.count).max() ?? 0)
            func line(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
                a.padding(width0) + "  " + b.leftPadding(width1) + "  " + c.padding(width2) + "  " + d
            }
            var out = line(header.0, header.1, header.2, header.3) + "\n"
            for cell in cells { out += line(cell.0, cell.1, cell.2, cell.3) + "\n" }
            out += "\(rows.count) models\n"
            return out
        }
    }
}

private func csvField(_ text: String) -> String {
    text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences("\"", "\"\"") + "\"" : text
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: Swift.max(0, width - count))
    }
    fileprivate func leftPadding(_ width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - count)) + self
    }
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
