/// One entry of a pipeline's `metrics:` mapping, decoded and checked for shape.
/// Names of sources and fields are checked later, against the schemas, by `MetricEngine`.
public struct MetricDefinition: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case aggregate(Aggregate)
        /// numerator / denominator (two other metrics), times 100 when `percent`.
        case ratio(numerator: String, denominator: String, percent: Bool)
    }

    public var name: String
    /// The line of the metric's name in the pipeline file.
    public var line: Int
    /// The source it reads (nil for a ratio).
    public var source: String?
    public var kind: Kind
    /// The `where` filter as written, and parsed.
    public var filterText: String?
    public var filter: FilterExpression?
    public var by: [ByExpression]
    /// `periods:`: a series by this kind of period of the window date.
    public var periods: PeriodKind?
    /// First month of the fiscal year (1 to 12; default 4, April).
    public var fiscalYearStart: Int
    public var bands: [AgeBand]
    /// `date:`: the field that places a row in the reporting window.
    public var dateField: String?
    /// `date: [arrest_date, charge_date]`: fields tried in order when `dateField`
    /// is missing on a row ("arrested or charged in the period").
    public var fallbackDateFields: [String] = []
    /// `matching:`: only records whose field's value another source's records hold count.
    public var matching: MetricMatch?
    /// Line of each key, for errors found against the schemas.
    public var keyLines: [String: Int]

    public static let keys: Set<String> = [
        "from", "count", "count_distinct", "sum", "min", "max", "mean", "median", "ratio",
        "where", "by", "periods", "fiscal_year_start", "bands", "date", "matching",
    ]
    static let aggregateKeys = ["count", "count_distinct", "sum", "min", "max", "mean", "median", "ratio"]

    public init(name: String, line: Int, source: String?, kind: Kind, filterText: String? = nil,
                by: [ByExpression] = [], periods: PeriodKind? = nil, fiscalYearStart: Int = 4,
                bands: [AgeBand] = AgeBand.defaults, dateField: String? = nil) throws(FilterError) {
        self.name = name
        self.line = line
        self.source = source
        self.kind = kind
        self.filterText = filterText
        self.filter = try filterText.map { text throws(FilterError) in try FilterExpression.parse(text) }
        self.by = by
        self.periods = periods
        self.fiscalYearStart = fiscalYearStart
        self.bands = bands
        self.dateField = dateField
        self.keyLines = [:]
    }

    /// Decodes one metric; unknown keys, a missing or second aggregate, and a
    /// malformed filter, breakdown, period or band are errors at their line.
    public static func decode(name: String, node: ConfigNode) throws(ConfigError) -> MetricDefinition {
        let what = "metric '\(name)'"
        let fields = try node.fields(what, allowed: keys)
        var lines: [String: Int] = [:]
        for entry in fields.entries { lines[entry.key] = entry.value.line }

        let present = aggregateKeys.filter { fields[$0] != nil }
        guard let keyword = present.first else {
            throw ConfigError(line: node.line, "\(what) needs one aggregate: \(aggregateKeys.joined(separator: ", "))")
        }
        if present.count > 1 {
            throw ConfigError(line: lines[present[1]] ?? node.line, "\(what) has two aggregates (\(present.joined(separator: " and "))); write one metric for each")
        }
        var source = try fields.string("from")
        let kind: Kind
        let aggregateNode = try fields.required(keyword)
        switch keyword {
        case "ratio":
            for key in ["from", "where", "by", "periods", "date", "bands", "fiscal_year_start", "matching"] where fields[key] != nil {
                throw ConfigError(line: lines[key] ?? node.line, "\(what) is a ratio of two metrics: '\(key)' belongs in those metrics")
            }
            let ratio = try aggregateNode.fields("'ratio' in \(what)", allowed: ["numerator", "denominator", "percent"])
            kind = .ratio(numerator: try ratio.requiredString("numerator"),
                          denominator: try ratio.requiredString("denominator"),
                          percent: try ratio.bool("percent") ?? false)
        case "count":
            let value = try aggregateNode.string("'count' in \(what)")
            if !["rows", "true", "yes"].contains(value.lowercased()) {
                if let from = source, from != value {
                    throw ConfigError(line: aggregateNode.line, "\(what) counts '\(value)' but reads from '\(from)'; write count: rows")
                }
                source = value
            }
            kind = .aggregate(.count)
        default:
            let field = try aggregateNode.string("'\(keyword)' in \(what)")
            guard let aggregate = Aggregate.named(keyword, field: field) else {
                throw ConfigError(line: aggregateNode.line, "\(what): unknown aggregate '\(keyword)'")
            }
            kind = .aggregate(aggregate)
        }
        if case .aggregate = kind, source == nil {
            throw ConfigError(line: node.line, "\(what) needs 'from: SOURCE' (the source whose records it counts)")
        }

        let by = try decodeBy(fields["by"], what: what)
        var periods: PeriodKind?
        var fiscalStart = 4
        if let start = try fields.int("fiscal_year_start") {
            guard (1...12).contains(start) else {
                throw ConfigError(line: lines["fiscal_year_start"] ?? node.line, "'fiscal_year_start' in \(what) must be a month number, 1 to 12")
            }
            fiscalStart = start
        }
        if let text = try fields.string("periods") {
            switch text.lowercased() {
            case "year": periods = .year
            case "quarter": periods = .quarter
            case "month": periods = .month
            case "fiscal_year": periods = .fiscalYear(startMonth: fiscalStart)
            default:
                throw ConfigError(line: lines["periods"] ?? node.line, "'periods' in \(what) must be year, quarter, month or fiscal_year, found '\(text)'")
            }
        }
        let usesFiscal = periods == .fiscalYear(startMonth: fiscalStart) || by.contains { $0.function == .fiscalYear }
        if fields["fiscal_year_start"] != nil, !usesFiscal {
            throw ConfigError(line: lines["fiscal_year_start"] ?? node.line, "'fiscal_year_start' in \(what) needs periods: fiscal_year or by: fiscal_year(FIELD)")
        }
        var bands = AgeBand.defaults
        if let list = try fields.strings("bands") {
            bands = []
            for text in list {
                guard let band = AgeBand(text) else {
                    throw ConfigError(line: lines["bands"] ?? node.line, "'\(text)' in 'bands' of \(what) is not an age band: write 0-11, 12-17 or 18+")
                }
                if let last = bands.last, (last.upper ?? Int.max) >= band.lower {
                    throw ConfigError(line: lines["bands"] ?? node.line, "age bands of \(what) must be in increasing order without overlap: '\(last.label)' then '\(band.label)'")
                }
                bands.append(band)
            }
        }

        let dates = try fields.strings("date") ?? []
        if fields["date"] != nil, dates.isEmpty {
            throw ConfigError(line: lines["date"] ?? node.line, "'date' in \(what) names a date field, or a list of them tried in order")
        }
        var definition: MetricDefinition
        do {
            definition = try MetricDefinition(
                name: name, line: node.line, source: source, kind: kind, filterText: try fields.string("where"),
                by: by, periods: periods, fiscalYearStart: fiscalStart, bands: bands, dateField: dates.first)
        } catch {
            throw ConfigError(line: lines["where"] ?? node.line, "'where' in \(what): \(error)")
        }
        definition.keyLines = lines
        definition.fallbackDateFields = Array(dates.dropFirst())
        definition.matching = try fields["matching"].map { node throws(ConfigError) in try MetricMatch.decode(node, what: what) }
        return definition
    }

    private static func decodeBy(_ node: ConfigNode?, what: String) throws(ConfigError) -> [ByExpression] {
        guard let node else { return [] }
        var items: [ByExpression] = []
        for item in try node.list("'by' in \(what)") {
            let text = try item.string("each item of 'by' in \(what)")
            do {
                items += try ByExpression.parseList(text)
            } catch {
                throw ConfigError(line: item.line, "'by' in \(what): \(error)")
            }
        }
        return items
    }

    /// Every field of its source the metric reads: its value, breakdown, filter and dates.
    public var fieldsRead: Set<String> {
        var names = Set(by.map(\.field) + fallbackDateFields)
        if case .aggregate(let aggregate) = kind { names.formUnion(aggregate.fields) }
        if let filter { names.formUnion(filter.fieldNames) }
        if let dateField { names.insert(dateField) }
        if let matching { names.insert(matching.field) }
        return names
    }

    /// The aggregate in words, for provenance: `count_distinct(person_id)`, `ratio(a / b)`.
    public var aggregateDescription: String {
        switch kind {
        case .aggregate(let aggregate): return aggregate.description
        case .ratio(let numerator, let denominator, let percent):
            return "ratio(\(numerator) / \(denominator))" + (percent ? " as percent" : "")
        }
    }
}
