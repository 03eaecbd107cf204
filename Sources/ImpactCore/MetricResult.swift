/// The kind of period a series is broken down by.
public enum PeriodKind: Sendable, Hashable, Codable {
    case year, quarter, month
    /// A fiscal year starting on the first day of `startMonth`, labelled by the
    /// calendar year in which it ends ("FY2020" for April 2019 to March 2020).
    case fiscalYear(startMonth: Int)
}

/// One period of a series: its kind, first day and label ("2013", "2013-Q2", "2013-04", "FY2014").
public struct Period: Sendable, Hashable, Comparable, Codable {
    public var kind: PeriodKind
    public var start: Day
    public var label: String

    public init(kind: PeriodKind, start: Day, label: String) {
        self.kind = kind
        self.start = start
        self.label = label
    }

    public static func < (a: Period, b: Period) -> Bool { a.start < b.start }
}

/// A value in one period.
public struct SeriesPoint: Sendable, Hashable, Codable {
    public var period: Period
    public var value: Double
    public init(period: Period, value: Double) {
        self.period = period
        self.value = value
    }
}

/// One row of a breakdown by fields (and, where asked, by period): the group's
/// keys in the order of the metric's `by`, and its exact value.
public struct GroupRow: Sendable, Hashable, Codable {
    public var keys: [String]
    public var value: Double
    public init(keys: [String], value: Double) {
        self.keys = keys
        self.value = value
    }
}

/// What a figure means and where it came from, kept beside every published number.
public struct MetricProvenance: Sendable, Hashable, Codable {
    /// The source's name in the pipeline (`rescues`).
    public var source: String
    /// The aggregate in words: `count_distinct(person_id)`, `sum(participants)`, `ratio(convictions / criminals_restrained)`.
    public var aggregate: String
    /// The `where` filter as written, if any.
    public var filter: String?
    public var since: Day?
    public var until: Day
    /// The breakdown as written: `year(date)`, `office`.
    public var by: [String]
    /// Records the metric saw (accepted records of its source within the period) and those that passed its filter.
    public var rowsRead: Int
    public var rowsMatched: Int

    public init(source: String, aggregate: String, filter: String?, since: Day?, until: Day,
                by: [String], rowsRead: Int, rowsMatched: Int) {
        self.source = source
        self.aggregate = aggregate
        self.filter = filter
        self.since = since
        self.until = until
        self.by = by
        self.rowsRead = rowsRead
        self.rowsMatched = rowsMatched
    }
}

/// The exact result of one metric over the pipeline's period, with its definition.
public struct MetricResult: Sendable, Hashable, Codable {
    public var name: String
    public var provenance: MetricProvenance
    /// The exact total over the whole period; nil when undefined (a ratio over zero, a mean of nothing).
    public var value: Double?
    /// True for counts and sums of whole numbers: published without decimals.
    public var isInteger: Bool
    /// Per period, sorted by period start, when the metric is broken down by a period.
    /// Periods without records are absent.
    public var series: [SeriesPoint]
    /// Running total per period of `series`; for a distinct count, each key counts once,
    /// in the period of its first record, so the last point equals `value`.
    public var cumulative: [SeriesPoint]
    /// Breakdown by fields (period label first when the metric has both), sorted by keys.
    public var groups: [GroupRow]

    /// Whether an aggregate, as provenance words it, is a statistic of single records' values
    /// (`mean(...)`, `median(...)`, `min(...)`, `max(...)`): over few records, it can be one
    /// person's own value.
    public static func isStatisticOfRecords(_ aggregate: String) -> Bool {
        ["mean(", "median(", "min(", "max("].contains { aggregate.hasPrefix($0) }
    }

    public init(name: String, provenance: MetricProvenance, value: Double?, isInteger: Bool,
                series: [SeriesPoint] = [], cumulative: [SeriesPoint] = [], groups: [GroupRow] = []) {
        self.name = name
        self.provenance = provenance
        self.value = value
        self.isInteger = isInteger
        self.series = series
        self.cumulative = cumulative
        self.groups = groups
    }

    /// The first period in which the metric is above zero ("first conviction: 2004").
    public func firstNonZeroPeriod() -> Period? {
        series.first { $0.value > 0 }?.period
    }

    /// The period in which the cumulative value first reaches `target` ("500th survivor: 2013").
    public func periodReaching(_ target: Double) -> Period? {
        cumulative.first { $0.value >= target }?.period
    }
}
