/// One item of a breakdown (`by:` in a metric, `--by` in a query): a field, a
/// period of a date field, or the age band of a number field.
public struct ByExpression: Sendable, Hashable, CustomStringConvertible {
    public enum Function: String, Sendable, Hashable, CaseIterable {
        case field, year, quarter, month
        case fiscalYear = "fiscal_year"
        case ageBand = "age_band"
    }

    public var function: Function
    public var field: String
    /// As written (`year(date)`), for headers and provenance.
    public var text: String

    public init(function: Function, field: String) {
        self.function = function
        self.field = field
        self.text = function == .field ? field : "\(function.rawValue)(\(field))"
    }

    public var description: String { text }

    /// True for year, quarter, month and fiscal_year.
    public var isPeriod: Bool { [.year, .quarter, .month, .fiscalYear].contains(function) }

    /// The period kind of a period item (`fiscalYearStart` for fiscal_year).
    public func periodKind(fiscalYearStart: Int) -> PeriodKind? {
        switch function {
        case .year: return .year
        case .quarter: return .quarter
        case .month: return .month
        case .fiscalYear: return .fiscalYear(startMonth: fiscalYearStart)
        case .field, .ageBand: return nil
        }
    }

    /// Parses `office`, `year(date)`, `age_band(age)`; the error's column is 1-based in `text`.
    public static func parse(_ text: String) throws(FilterError) -> ByExpression {
        let leading = text.prefix { $0 == " " }.count
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        func isName(_ s: Substring) -> Bool { FieldNameRule.isName(s) }
        guard !trimmed.isEmpty else { throw FilterError(column: leading + 1, "an empty breakdown item") }
        guard let open = trimmed.firstIndex(of: "(") else {
            guard isName(Substring(trimmed)) else {
                throw FilterError(column: leading + 1, "'\(trimmed)' is not a field name (letters, digits and _) nor a function such as year(date)")
            }
            return ByExpression(function: .field, field: trimmed)
        }
        let name = trimmed[..<open].lowercased()
        guard let function = Function(rawValue: name), function != .field else {
            let known = Function.allCases.filter { $0 != .field }.map(\.rawValue).joined(separator: ", ")
            throw FilterError(column: leading + 1, "unknown function '\(trimmed[..<open])'; known: \(known)")
        }
        guard trimmed.hasSuffix(")") else {
            throw FilterError(column: leading + trimmed.count + 1, "expected ')' at the end of '\(trimmed)'")
        }
        let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        let field = inner.trimmingSpaces
        guard isName(Substring(field)) else {
            throw FilterError(column: leading + name.count + 2, "expected a field name inside \(name)(...), found '\(inner)'")
        }
        return ByExpression(function: function, field: field)
    }

    /// Parses a comma-separated list (`year(date),office`); the error's column is in the whole text.
    public static func parseList(_ text: String) throws(FilterError) -> [ByExpression] {
        var parsed: [ByExpression] = []
        for item in items(text) { parsed.append(try shifted(item.text, by: item.offset)) }
        return parsed
    }

    /// The items of a comma-separated list as written, each with the number of characters
    /// before it (commas inside parentheses do not separate: `year(date),office`).
    public static func items(_ text: String) -> [(text: String, offset: Int)] {
        var items: [(text: String, offset: Int)] = []
        var depth = 0, start = 0, column = 0
        var current = ""
        for character in text {
            column += 1
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                items.append((current, start))
                current = ""
                start = column
                continue
            }
            current.append(character)
        }
        items.append((current, start))
        return items
    }

    private static func shifted(_ text: String, by offset: Int) throws(FilterError) -> ByExpression {
        do { return try parse(text) } catch { throw FilterError(column: error.column + offset, error.message) }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

/// An age band of a breakdown: `0-11`, `12-17`, `18+`.
public struct AgeBand: Sendable, Hashable {
    public var lower: Int
    /// Inclusive; nil for an open band (`18+`).
    public var upper: Int?

    public init(lower: Int, upper: Int?) {
        self.lower = lower
        self.upper = upper
    }

    public var label: String { upper.map { "\(lower)-\($0)" } ?? "\(lower)+" }

    /// 0-11, 12-17, 18+: children, adolescents, adults.
    public static let defaults = [AgeBand(lower: 0, upper: 11), AgeBand(lower: 12, upper: 17), AgeBand(lower: 18, upper: nil)]

    public func contains(_ age: Double) -> Bool {
        age >= Double(lower) && (upper.map { age < Double($0 + 1) } ?? true)
    }

    /// Parses `0-11`, `18+` or a single age `5`; nil when malformed.
    public init?(_ text: String) {
        let t = text.trimmingSpaces
        if t.hasSuffix("+"), let lower = Int(t.dropLast()), lower >= 0 {
            self.init(lower: lower, upper: nil)
            return
        }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, let lower = Int(parts[0].trimmingSpaces), let upper = Int(parts[1].trimmingSpaces), 0 <= lower, lower <= upper {
            self.init(lower: lower, upper: upper)
            return
        }
        if parts.count == 1, let single = Int(t), single >= 0 {
            self.init(lower: single, upper: single)
            return
        }
        return nil
    }
}
