/// An aggregate over the records of one source.
public enum Aggregate: Sendable, Hashable, CustomStringConvertible {
    /// Rows that pass the filter.
    case count
    /// Distinct non-missing values of a field (a person counts once).
    case countDistinct(String)
    case sum(String), min(String), max(String), mean(String), median(String)

    /// The field it reads, if any.
    public var field: String? {
        switch self {
        case .count: return nil
        case .countDistinct(let f), .sum(let f), .min(let f), .max(let f), .mean(let f), .median(let f): return f
        }
    }

    /// The key in pipeline files: `count`, `count_distinct`, `sum`, ...
    public var keyword: String {
        switch self {
        case .count: return "count"
        case .countDistinct: return "count_distinct"
        case .sum: return "sum"
        case .min: return "min"
        case .max: return "max"
        case .mean: return "mean"
        case .median: return "median"
        }
    }

    /// `count`, `count_distinct(person_id)`, `sum(participants)`: provenance and column headers.
    public var description: String { field.map { "\(keyword)(\($0))" } ?? keyword }

    /// Periods of an additive aggregate add up to its total; its cumulative series is a running total.
    public var isAdditive: Bool {
        switch self {
        case .count, .sum: return true
        default: return false
        }
    }

    /// Builds the aggregate for a keyword and field (`count` takes none); nil for an unknown keyword.
    public static func named(_ keyword: String, field: String) -> Aggregate? {
        switch keyword {
        case "count": return .count
        case "count_distinct": return .countDistinct(field)
        case "sum": return .sum(field)
        case "min": return .min(field)
        case "max": return .max(field)
        case "mean": return .mean(field)
        case "median": return .median(field)
        default: return nil
        }
    }

    /// Checks the field against the schema: numeric aggregates need an integer or number field.
    /// Returns the field's slot (nil for `count`) and whether results are whole numbers.
    func resolve(in schema: RecordSchema) throws(BreakdownError) -> (slot: Int?, isInteger: Bool) {
        guard let field else { return (nil, true) }
        guard let slot = schema.slot(of: field) else {
            let known = schema.fields.map(\.name).joined(separator: ", ")
            throw BreakdownError(message: "unknown field '\(field)' in \(description)\(schema.suggestion(for: field)); the \(schema.kind) fields are: \(known)")
        }
        let type = schema.fields[slot].type
        switch self {
        case .count: return (nil, true)
        case .countDistinct: return (slot, true)
        case .sum, .min, .max:
            guard type == .integer || type == .number else {
                throw BreakdownError(message: "\(keyword) needs a number field; '\(field)' is \(type.rawValue)")
            }
            return (slot, type == .integer)
        case .mean, .median:
            guard type == .integer || type == .number else {
                throw BreakdownError(message: "\(keyword) needs a number field; '\(field)' is \(type.rawValue)")
            }
            return (slot, false)
        }
    }
}
