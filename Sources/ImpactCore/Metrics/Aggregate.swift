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

    /// The fields it reads: its field's, or the two dates of `days(A, B)`.
    public var fields: [String] {
        guard let field else { return [] }
        if let (from, to) = Self.days(field) { return [from, to] }
        return [field]
    }

    /// The two date fields of `days(A, B)` (the days from A to B, read as a filter reads it:
    /// any spaces, any case of `days`), nil for any other text.
    public static func days(_ text: String) -> (from: String, to: String)? {
        guard case .days(let from, let to, _)? = FilterOperand.parseAlone(text) else { return nil }
        return (from, to)
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
    public static func named(_ keyword: String, field written: String) -> Aggregate? {
        // `days(A, B)` written one way whatever its spaces: provenance and column headers.
        let field = days(written).map { "days(\($0.from), \($0.to))" } ?? written
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

    /// Checks the field against the schema: numeric aggregates need an integer or number field,
    /// or `days(A, B)` over two date fields. Returns the field's slot (nil for `count`; A's for
    /// `days`), B's slot for `days` (else nil), and whether results are whole numbers.
    func resolve(in schema: RecordSchema) throws(BreakdownError) -> (slot: Int?, until: Int?, isInteger: Bool) {
        guard let field else { return (nil, nil, true) }
        if let (from, to) = Self.days(field) { return try resolveDays(from, to, in: schema) }
        let slot = try Self.slot(of: field, in: self, schema: schema)
        let type = schema.fields[slot].type
        switch self {
        case .count: return (nil, nil, true)
        case .countDistinct: return (slot, nil, true)
        case .sum, .min, .max:
            guard type == .integer || type == .number else {
                throw BreakdownError(message: "\(keyword) needs a number field\(Self.daysHint(type)); '\(field)' is \(type.rawValue)")
            }
            return (slot, nil, type == .integer)
        case .mean, .median:
            guard type == .integer || type == .number else {
                throw BreakdownError(message: "\(keyword) needs a number field\(Self.daysHint(type)); '\(field)' is \(type.rawValue)")
            }
            return (slot, nil, false)
        }
    }

    /// `days(A, B)`: two date fields, under a numeric aggregate (a count of distinct
    /// durations means nothing). Sums, minimums and maximums of days are whole numbers.
    private func resolveDays(_ from: String, _ to: String, in schema: RecordSchema)
        throws(BreakdownError) -> (slot: Int?, until: Int?, isInteger: Bool) {
        if case .countDistinct = self {
            throw BreakdownError(message: "\(description): days(...) is a number of days; use it with sum, min, max, mean or median")
        }
        let slots = (try Self.slot(of: from, in: self, schema: schema), try Self.slot(of: to, in: self, schema: schema))
        for (name, slot) in [(from, slots.0), (to, slots.1)] where schema.fields[slot].type != .date {
            throw BreakdownError(message: "\(description): days(...) needs two date fields; '\(name)' is \(schema.fields[slot].type.rawValue)")
        }
        switch self {
        case .sum, .min, .max: return (slots.0, slots.1, true)
        default: return (slots.0, slots.1, false)
        }
    }

    private static func slot(of field: String, in aggregate: Aggregate, schema: RecordSchema) throws(BreakdownError) -> Int {
        guard let slot = schema.slot(of: field) else {
            let known = schema.fields.map(\.name).joined(separator: ", ")
            throw BreakdownError(message: "unknown field '\(field)' in \(aggregate.description)\(schema.suggestion(for: field)); the \(schema.kind) fields are: \(known)")
        }
        return slot
    }

    /// For a numeric aggregate over a date: how to take the days between two dates.
    private static func daysHint(_ type: FieldType) -> String {
        type == .date ? " (for the days between two dates, write days(FROM, TO): median: days(arrest_date, verdict_date))" : ""
    }
}
