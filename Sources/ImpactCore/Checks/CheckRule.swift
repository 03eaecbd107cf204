/// A field of another source whose values a `relationships` check looks up
/// (`rescues.case_id`).
public struct RelationshipTarget: Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var field: String
    public init(source: String, field: String) {
        self.source = source
        self.field = field
    }
    /// `source.field`, the key of the index the validator is given.
    public var description: String { "\(source).\(field)" }
}

/// A bound of a `range` check.
public enum RangeBound: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case date(Day)
    /// The run's as-of date (the default upper bound of every date field).
    case asOf

    public var description: String {
        switch self {
        case .number(let value): return Value.number(value).display
        case .date(let day): return day.iso
        case .asOf: return "the as-of date"
        }
    }
}

/// A comparison between two fields of a row, as in `verdict_date >= arrest_date`.
public enum OrderOperator: String, Sendable, Hashable, CaseIterable {
    case greaterOrEqual = ">=", greater = ">", lessOrEqual = "<=", less = "<", equal = "=="

    func holds(_ order: Int) -> Bool {
        switch self {
        case .greaterOrEqual: return order >= 0
        case .greater: return order > 0
        case .lessOrEqual: return order <= 0
        case .less: return order < 0
        case .equal: return order == 0
        }
    }
}

/// One check of a source, with dbt's name and a severity: an error rejects
/// the row, a warning keeps it and reports it.
public struct CheckRule: Sendable, Hashable {
    public enum Rule: Sendable, Hashable {
        /// The field has a value (not empty, not a missing marker).
        case required(field: String)
        /// The raw value parses as the field's type (always on; only its severity is configurable).
        case type(field: String)
        /// The value is one of a list (each item, for a list field).
        case acceptedValues(field: String, values: [String])
        /// A number or date between bounds (inclusive).
        case range(field: String, min: RangeBound?, max: RangeBound?)
        /// No two rows of the source share the value.
        case unique(field: String)
        /// The value exists in another source's field.
        case relationships(field: String, to: RelationshipTarget)
        /// `left op right`, skipped when either is missing.
        case order(left: String, op: OrderOperator, right: String)
        /// The same row (every column, byte for byte) appeared earlier in the source.
        case duplicate
    }

    public var rule: Rule
    public var severity: Finding.Severity
    /// The line of the check in the pipeline file (0 for a default check).
    public var line: Int

    public init(_ rule: Rule, severity: Finding.Severity = .error, line: Int = 0) {
        self.rule = rule
        self.severity = severity
        self.line = line
    }

    /// The check's name as findings report it: `required`, `accepted_values`, ...
    public var name: String {
        switch rule {
        case .required: return "required"
        case .type: return "type"
        case .acceptedValues: return "accepted_values"
        case .range: return "range"
        case .unique: return "unique"
        case .relationships: return "relationships"
        case .order: return "order"
        case .duplicate: return "duplicate"
        }
    }

    /// The field the check is about (the left field of an order check; nil for duplicate).
    public var field: String? {
        switch rule {
        case .required(let f), .type(let f), .acceptedValues(let f, _), .range(let f, _, _),
             .unique(let f), .relationships(let f, _):
            return f
        case .order(let left, _, _): return left
        case .duplicate: return nil
        }
    }

    /// Every field the check reads (both sides of an `order`).
    public var fields: [String] {
        if case .order(let left, _, let right) = rule { return [left, right] }
        return field.map { [$0] } ?? []
    }

    /// What identifies the check for overriding a default: a pipeline's
    /// `range` on `age` replaces the kind's default `range` on `age`.
    var overrideKey: String {
        switch rule {
        case .order(let l, let op, let r): return "order \(l) \(op.rawValue) \(r)"
        case .acceptedValues, .relationships: return "\(name) \(field ?? "") \(line)"
        default: return "\(name) \(field ?? "")"
        }
    }
}
