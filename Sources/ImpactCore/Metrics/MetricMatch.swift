/// `matching:` of a metric: its records count only when their `field` holds a value that
/// `field` of another source's accepted records holds, among those passing `where` whose
/// `date` (else the source's primary date) is on or before the run's last day: the survivors
/// whose case ended in a conviction,
///
///     survivors_secured_justice:
///       count_distinct: person_id
///       from: rescues
///       matching: { field: case_id, in: suspects.case_id, where: verdict == "convicted", date: verdict_date }
///
/// The run reads the other source's keys first (`keys`, shared by every engine made from the
/// definition), then folds.
public struct MetricMatch: Sendable, Hashable {
    /// The field of the metric's own source.
    public var field: String
    /// The other source, and its field whose values are looked up.
    public var source: String
    public var otherField: String
    /// Which of the other source's records count, as written and parsed.
    public var filterText: String?
    public var filter: FilterExpression?
    /// The other source's date field that places its records (nil: the source's primary date).
    public var date: String?
    /// The line of `matching:` in the pipeline file.
    public var line: Int
    /// The other source's values, filled by the run before any record is folded.
    public let keys = MatchKeys()

    public static func == (a: MetricMatch, b: MetricMatch) -> Bool {
        a.field == b.field && a.source == b.source && a.otherField == b.otherField && a.filterText == b.filterText && a.date == b.date
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(field)
        hasher.combine(source)
        hasher.combine(otherField)
        hasher.combine(filterText)
        hasher.combine(date)
    }

    /// `matching: { field: F, in: SOURCE.FIELD, where: ... }`.
    static func decode(_ node: ConfigNode, what: String) throws(ConfigError) -> MetricMatch {
        let fields = try node.fields("'matching' in \(what)", allowed: ["field", "in", "where", "date"])
        let field = try fields.requiredString("field")
        let target = try fields.requiredString("in")
        let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ConfigError(line: node.line, "'in' of 'matching' in \(what) names a source and its field: in: suspects.case_id, found '\(target)'")
        }
        let text = try fields.string("where")
        let filter: FilterExpression?
        do { filter = try text.map { text throws(FilterError) in try FilterExpression.parse(text) } } catch {
            throw ConfigError(line: node.line, "'where' of 'matching' in \(what): \(error)")
        }
        return MetricMatch(field: field, source: parts[0], otherField: parts[1], filterText: text, filter: filter,
                           date: try fields.string("date"), line: node.line)
    }

    /// What reading the other source takes from each record: the looked-up field's slot, the
    /// match's `where` compiled, and the slot of the date that places the record (nil: none).
    public struct Lookup: Sendable {
        public let slot: Int
        public let filter: CompiledFilter
        public let dateSlot: Int?
    }

    /// The match against the other source's schema: its field, `where` and date checked.
    public func lookup(in other: RecordSchema, what: String) throws(ConfigError) -> Lookup {
        guard let slot = other.slot(of: otherField) else {
            throw ConfigError(line: line, "'matching' in \(what): '\(otherField)' is not a field of \(source)\(other.suggestion(for: otherField)); its fields: \(other.fields.map(\.name).joined(separator: ", "))")
        }
        let compiled: CompiledFilter
        do { compiled = try filter?.compile(against: other) ?? .everything } catch {
            throw ConfigError(line: line, "'where' of 'matching' in \(what): \(error)")
        }
        if let date, other.type(of: date) != .date {
            throw ConfigError(line: line, "'date' of 'matching' in \(what) must name a date field of \(source); '\(date)' is \(other.type(of: date).map { $0.rawValue + " field" } ?? "not a field")")
        }
        return Lookup(slot: slot, filter: compiled, dateSlot: (date ?? other.primaryDate).flatMap { other.slot(of: $0) })
    }

    /// Checks the match against the two sources' schemas (`lookup` for the other's). Returns
    /// the slot of `field` in the metric's source.
    func resolve(own schema: RecordSchema, schemas: [String: RecordSchema], what: String) throws(ConfigError) -> Int {
        guard let slot = schema.slot(of: field) else {
            throw ConfigError(line: line, "'matching' in \(what): '\(field)' is not a field of \(schema.kind)\(schema.suggestion(for: field)); its fields: \(schema.fields.map(\.name).joined(separator: ", "))")
        }
        guard let other = schemas[source] else {
            throw ConfigError(line: line, "'matching' in \(what) looks in '\(source)', which is not a source; sources: \(schemas.keys.sorted().joined(separator: ", "))")
        }
        _ = try lookup(in: other, what: what)
        return slot
    }
}

/// The values a `matching:` looks up, as text (`Value.display`: `12` in one source meets `12`
/// in the other whatever their types). Filled once by the run, before the records that look
/// values up are folded on any thread (the reading threads start after it), and only read after.
public final class MatchKeys: @unchecked Sendable {
    /// The values, once filled (none before: a metric whose keys were never read counts nothing).
    public private(set) var keys: Set<String> = []

    public init() {}

    public func fill(_ keys: Set<String>) { self.keys = keys }

    @inline(__always)
    func contains(_ value: Value) -> Bool {
        if value.isMissing { return false }
        return keys.contains(value.display)
    }
}
