import SwanCore

/// A value of the document with the path it was found at.
struct Located {
    var node: DocumentNode
    var path: JSONPath
    var position: SourcePosition { node.position }
}

/// Collects validation errors and reads typed values, reporting each problem once.
///
/// Every reader returns nil after reporting; callers simply skip what could not be read,
/// so one pass reports every error of the document (SCENARIO-FORMAT.md §5.1).
final class Diagnostics {
    private(set) var errors: [ScenarioError] = []

    func report(_ code: ScenarioError.Code, _ value: Located, _ message: String) {
        errors.append(ScenarioError(code, at: value.path, message, position: value.position))
    }

    func report(_ code: ScenarioError.Code, at path: JSONPath, position: SourcePosition, _ message: String) {
        errors.append(ScenarioError(code, at: path, message, position: position))
    }

    /// Errors in document order (stable for equal positions), capped at 100.
    var sorted: [ScenarioError] {
        let ordered = errors.enumerated().sorted { lhs, rhs in
            lhs.element.position != rhs.element.position
                ? lhs.element.position < rhs.element.position : lhs.offset < rhs.offset
        }
        return Array(ordered.map(\.element).prefix(ScenarioErrors.limit))
    }

    // MARK: Typed readers

    private func typeError(_ expected: String, _ value: Located) {
        report(.type, value, "expected \(expected), found \(value.node.typeName)")
    }

    func object(_ value: Located, context: String) -> ObjectReader? {
        guard case .object(let members) = value.node.value else {
            typeError("object", value)
            return nil
        }
        return ObjectReader(members: members, at: value, context: context, diagnostics: self)
    }

    func array(_ value: Located) -> [Located]? {
        guard case .array(let elements) = value.node.value else {
            typeError("array", value)
            return nil
        }
        return elements.enumerated().map { Located(node: $1, path: value.path.index($0)) }
    }

    func string(_ value: Located) -> String? {
        guard case .string(let text) = value.node.value else {
            typeError("string", value)
            return nil
        }
        return text
    }

    func bool(_ value: Located) -> Bool? {
        guard case .bool(let flag) = value.node.value else {
            typeError("boolean", value)
            return nil
        }
        return flag
    }

    func integer(_ value: Located, in range: ClosedRange<Int64>) -> Int64? {
        guard case .number(let text) = value.node.value, isInteger(text) else {
            typeError("integer", value)
            return nil
        }
        guard let number = Int64(text), range.contains(number) else {
            report(.range, value, "\(text) is outside \(range.lowerBound) … \(range.upperBound)")
            return nil
        }
        return number
    }

    /// An Amount (or Ratio) string within [min, max]; `signed` allows a leading `-` (SignedAmount).
    func decimal(_ value: Located, min: Int128 = 0, max: Int128?, minExclusive: Bool = false,
                 signed: Bool = false, what: String = "amount") -> Int128? {
        guard let text = string(value) else { return nil }
        let parsed: Int128
        do {
            parsed = try Decimal18.parse(text, allowSign: signed)
        } catch {
            reportNumber(error, text: text, what: what, value)
            return nil
        }
        if !signed && (parsed < min || (minExclusive && parsed == min)) {
            let bound = minExclusive ? "greater than \(Decimal18.render(min))" : "at least \(Decimal18.render(min))"
            report(.range, value, "\(what) \(text) must be \(bound)")
            return nil
        }
        if let max, parsed > max || (signed && parsed < -max) {
            report(.range, value, "\(what) \(text) exceeds the limit \(Decimal18.render(max))")
            return nil
        }
        return parsed
    }

    /// A CU string (at most one fractional digit) within [0, maxDeci].
    func cu(_ value: Located, maxDeci: Int64 = 10_000) -> Int64? {
        guard let text = string(value) else { return nil }
        let deci: Int64
        do {
            deci = try ComputeUnits.parseDeci(text)
        } catch {
            reportNumber(error, text: text, what: "CU", value)
            return nil
        }
        guard deci <= maxDeci else {
            report(.range, value, "CU \(text) exceeds the limit \(ComputeUnits.renderDeci(maxDeci))")
            return nil
        }
        return deci
    }

    private func reportNumber(_ error: NumberError, text: String, what: String, _ value: Located) {
        switch error {
        case .syntax(let problem):
            report(.amountSyntax, value, "\(jsonQuoted(text)) is not a valid \(what): \(problem)")
        case .precision(let digits):
            report(.amountPrecision, value, "\(digits) fractional digits, at most 18 allowed")
        case .cuPrecision(let digits):
            report(.cuPrecision, value, "\(jsonQuoted(text)) has \(digits) fractional digits, at most 1 allowed")
        case .tooLarge:
            report(.range, value, "\(what) \(text) is too large")
        }
    }

    func enumeration(_ value: Located, _ allowed: [String], what: String) -> String? {
        guard let text = string(value) else { return nil }
        guard allowed.contains(text) else {
            report(.enumeration, value, "\(what) \(jsonQuoted(text)) is not one of \(allowed.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// An Id: `[A-Za-z0-9][A-Za-z0-9_.-]{0,47}`.
    func id(_ value: Located) -> String? {
        guard let text = string(value) else { return nil }
        guard IDSyntax.isValidID(text) else {
            report(.idSyntax, value, "\(jsonQuoted(text)) is not a valid id ([A-Za-z0-9][A-Za-z0-9_.-]{0,47})")
            return nil
        }
        return text
    }

    /// `{min, max}` of Integers within `bounds`, min ≤ max.
    func intRange(_ value: Located, bounds: ClosedRange<Int64>) -> IntRange? {
        guard let reader = object(value, context: "range") else { return nil }
        let min = reader.required("min").flatMap { integer($0, in: bounds) }
        let max = reader.required("max").flatMap { integer($0, in: bounds) }
        reader.finish()
        guard let min, let max else { return nil }
        guard min <= max else {
            report(.range, value, "min \(min) is greater than max \(max)")
            return nil
        }
        return IntRange(min: min, max: max)
    }

    /// A RatioRange: a Ratio string (fixed value) or `{min, max, step}` within [lower, upper].
    func ratioRange(_ value: Located, lower: Int128 = 0, upper: Int128, minExclusive: Bool = false) -> RatioRange? {
        if case .string = value.node.value {
            return decimal(value, min: lower, max: upper, minExclusive: minExclusive, what: "ratio").map(RatioRange.fixed)
        }
        guard case .object = value.node.value else {
            typeError("ratio string or {min, max, step}", value)
            return nil
        }
        guard let reader = object(value, context: "ratio range") else { return nil }
        let minField = reader.required("min")
        let min = minField.flatMap { decimal($0, min: lower, max: upper, minExclusive: minExclusive, what: "ratio") }
        let max = reader.required("max").flatMap { decimal($0, min: lower, max: upper, what: "ratio") }
        let stepField = reader.required("step")
        let step = stepField.flatMap { decimal($0, max: nil, what: "ratio") }
        reader.finish()
        guard let min, let max, let step, let stepField else { return nil }
        guard min <= max else {
            report(.range, value, "min \(Decimal18.render(min)) is greater than max \(Decimal18.render(max))")
            return nil
        }
        guard step > 0 else {
            report(.step, stepField, "step must be greater than 0")
            return nil
        }
        guard (max - min) % step == 0 else {
            report(.step, stepField, "max − min = \(Decimal18.render(max - min)) is not a multiple of step \(Decimal18.render(step))")
            return nil
        }
        return RatioRange(minWad: min, maxWad: max, stepWad: step)
    }
}

/// The id and name grammars of SCENARIO-FORMAT.md §2 and §3.
enum IDSyntax {
    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }

    /// `[A-Za-z0-9][A-Za-z0-9_.-]{0,47}`
    static func isValidID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 48, isAlnum(first) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == 95 || $0 == 46 || $0 == 45 }
    }

    /// Scenario name: `[A-Za-z0-9._-]{1,64}`
    static func isValidName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return !bytes.isEmpty && bytes.count <= 64 && bytes.allSatisfy { isAlnum($0) || $0 == 95 || $0 == 46 || $0 == 45 }
    }

    /// Slash reason: `[a-z_]{1,32}`
    static func isValidReason(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return !bytes.isEmpty && bytes.count <= 32 && bytes.allSatisfy { ($0 >= 97 && $0 <= 122) || $0 == 95 }
    }

    /// Model name: 1 … 64 printable ASCII characters.
    static func isValidModelName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return !bytes.isEmpty && bytes.count <= 64 && bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}
