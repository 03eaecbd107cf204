/// A literal in a filter: text, a number, a date (`2014-01-01`) or a boolean.
public enum FilterLiteral: Sendable, Hashable {
    case text(String)
    case number(Double, isInteger: Bool)
    case date(Day)
    case bool(Bool)
}

/// A function of a date field that a filter may apply: `year(date)`, `month(date)`, `quarter(date)`.
public enum FilterFunction: String, Sendable, Hashable, CaseIterable {
    case year, month, quarter
}

/// What a comparison reads: a field, a function of a field, or a literal.
/// `column` is where it was written (1-based), for errors found when compiling.
public enum FilterOperand: Sendable, Hashable {
    case field(String, column: Int)
    case function(FilterFunction, field: String, column: Int)
    /// `days(A, B)`: the days from date field A to date field B.
    case days(from: String, to: String, column: Int)
    case literal(FilterLiteral, column: Int)

    var column: Int {
        switch self {
        case .field(_, let column), .function(_, _, let column), .days(_, _, let column), .literal(_, let column): return column
        }
    }

    /// One operand written alone (`days(arrest_date, verdict_date)` as an aggregate's field),
    /// read by the filter's grammar; nil when the text is anything else.
    static func parseAlone(_ text: String) -> FilterOperand? {
        guard let tokens = try? FilterLexer.tokens(text) else { return nil }
        var parser = FilterParser(tokens: tokens)
        guard let operand = try? parser.parseOperand(), parser.current.kind == .end else { return nil }
        return operand
    }

    /// As written in messages: `'age'`, `'year(date)'`, `'days(a, b)'`.
    var quotedName: String? {
        switch self {
        case .field(let name, _): return "'\(name)'"
        case .function(let function, let field, _): return "'\(function.rawValue)(\(field))'"
        case .days(let from, let to, _): return "'days(\(from), \(to))'"
        case .literal: return nil
        }
    }
}

/// A comparison operator.
public enum FilterComparison: String, Sendable, Hashable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// A parsed filter, as written (field names not yet resolved against a schema).
///
/// Grammar (keywords are case-insensitive; `not` binds tighter than `and`,
/// which binds tighter than `or`):
/// ```
/// expr       := and ('or' and)*
/// and        := unary ('and' unary)*
/// unary      := 'not' unary | primary
/// primary    := '(' expr ')' | operand cmp operand | operand 'in' '[' literal (',' literal)* ']'
///             | operand 'is' ['not'] 'missing' | operand        (a boolean field alone)
/// operand    := field | year(field) | month(field) | quarter(field) | days(field, field) | literal
/// ```
public indirect enum FilterExpression: Sendable, Hashable {
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    case not(FilterExpression)
    case compare(FilterOperand, FilterComparison, FilterOperand)
    case oneOf(FilterOperand, [FilterLiteral])
    case isMissing(FilterOperand, negated: Bool)
    /// A boolean field on its own: `is_minor`.
    case truth(FilterOperand)

    /// Parses filter text; the error names the column of the mistake.
    public static func parse(_ text: String) throws(FilterError) -> FilterExpression {
        var parser = FilterParser(tokens: try FilterLexer.tokens(text))
        return try parser.parseAll()
    }

    /// The field names the filter reads, in order of first use.
    public var fieldNames: [String] {
        var names: [String] = []
        collect(into: &names)
        return names
    }

    private func collect(into names: inout [String]) {
        func add(_ operand: FilterOperand) {
            switch operand {
            case .field(let name, _), .function(_, let name, _):
                if !names.contains(name) { names.append(name) }
            case .days(let from, let to, _):
                for name in [from, to] where !names.contains(name) { names.append(name) }
            case .literal: break
            }
        }
        switch self {
        case .and(let a, let b), .or(let a, let b): a.collect(into: &names); b.collect(into: &names)
        case .not(let a): a.collect(into: &names)
        case .compare(let a, _, let b): add(a); add(b)
        case .oneOf(let a, _), .isMissing(let a, _), .truth(let a): add(a)
        }
    }
}
