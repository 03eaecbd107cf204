import ImpactCore

/// One metrics engine per window of the monthly report — the month, the twelve
/// months before it (for the change on a year and for revisions), and the year to
/// date — folded as the run reads its sources. A value, like `MetricEngine`: a
/// run's source jobs each fold into their own copy (a large source's parts too,
/// merged in file order), and the run adopts each source's metrics from the copy
/// that read it, so that a run with a monthly report reads side by side and in parts.
struct MonthlyFold: SourceFold {
    /// How many months before the reported one are computed (and stored in figures.json).
    static let monthsBack = 12

    let month: CalendarMonth
    /// The metrics the engines compute.
    private let definitions: [MetricDefinition]
    /// Oldest first; the last is the reported month.
    let months: [CalendarMonth]
    /// One engine per month of `months`, then the year to date's (one array: a fold reads
    /// the year to date's while it folds into the months).
    private var engines: [MetricEngine]
    private var yearToDate: Int { engines.count - 1 }
    /// The earliest day (days since 1970) a record of a source was placed on by any of its
    /// metrics, in any window or none, kept at the index of the source's first metric (one
    /// compare a record): a month that ends before it is before the export's first record, not
    /// a month without any (`values()` gives it no value, printed "n/a").
    private var earliest: [Int32]

    /// Whether a record goes only to the month that holds its date (per metric), instead of
    /// to every month engine, each of which would turn it away but one. Tests turn it off
    /// to compare.
    var routesByDate = true

    init(month: CalendarMonth, definitions: [MetricDefinition], schemas: [String: RecordSchema]) throws(ConfigError) {
        self.month = month
        self.definitions = definitions
        earliest = Array(repeating: .max, count: definitions.count)
        months = (0...MonthlyFold.monthsBack).reversed().map { month.adding(months: -$0) }
        var engines: [MetricEngine] = []
        for window in months.map(\.window) {
            engines.append(try MetricEngine(definitions: definitions, schemas: schemas, period: window))
        }
        let yearToDate = definitions.map { MonthlyFold.yearToDateDefinition($0, schema: $0.source.flatMap { schemas[$0] }) }
        engines.append(try MetricEngine(definitions: yearToDate, schemas: schemas, period: month.yearToDate))
        self.engines = engines
    }

    /// A metric as the year to date's engine computes it: its total, and a series by month of
    /// its window date, whose running total is the year to date at the end of each month (what
    /// the reports of the year publish one after another: `MonthlyValues.yearToDateAdditions`).
    /// Its breakdown is left out: the report reads totals, and a distinct count's total counts
    /// each key once whatever its groups. A metric with no window date is kept as it is.
    static func yearToDateDefinition(_ definition: MetricDefinition, schema: RecordSchema?) -> MetricDefinition {
        guard case .aggregate = definition.kind else { return definition }
        let periodField = definition.by.first(where: \.isPeriod)?.field
        guard definition.dateField ?? periodField ?? schema?.primaryDate != nil else { return definition }
        var copy = definition
        copy.by = []
        copy.periods = .month
        if copy.dateField == nil { copy.dateField = periodField }
        return copy
    }

    /// The metrics over `source`, for `fold(metrics:record:)` (the same in every engine:
    /// they are made from the same definitions), looked up once a source, not once a record.
    func metrics(over source: String) -> [Int] { engines[yearToDate].metrics(over: source) }

    /// Folds one accepted record of `source` into every window.
    mutating func fold(source: String, record: Record) {
        fold(metrics: metrics(over: source), record: record)
    }

    /// A source job's plan: the metrics over its source.
    func plan(for source: String) -> [Int]? {
        let metrics = metrics(over: source)
        return metrics.isEmpty ? nil : metrics
    }

    func fieldsRead(from source: String) -> Set<String>? {
        Set(definitions.filter { $0.source == source }.flatMap(\.fieldsRead))
    }

    mutating func fold(_ record: Record, plan metrics: [Int]) {
        fold(metrics: metrics, record: record)
    }

    /// Folds one accepted record into every window, for the metrics `metrics(over:)` gave
    /// for its source: per metric, into the month that holds the record's date (as the
    /// metric's `fold` reads it), and into the year to date.
    mutating func fold(metrics: [Int], record: Record) {
        guard !metrics.isEmpty else { return }
        let first = months[0].year * 12 + months[0].month - 1
        let routes = routesByDate
        engines.withUnsafeMutableBufferPointer { buffer in
            // Through the elements' pointers: the buffer's subscript reads an engine by copying
            // it (a retain of each of its arrays), and writes through a `modify` coroutine.
            let engines = buffer.baseAddress.unsafelyUnwrapped
            let monthCount = buffer.count - 1
            let yearToDate = engines + monthCount
            guard routes else {
                for index in 0...monthCount { (engines + index).pointee.fold(metrics: metrics, record: record) }
                var earliestDay = Int32.max
                for metric in metrics {
                    if case .day(let day) = yearToDate.pointee.windowPlaceInPlace(ofMetric: metric, in: record) {
                        earliestDay = min(earliestDay, day.daysSinceEpoch)
                    }
                }
                if earliestDay < self.earliest[metrics[0]] { self.earliest[metrics[0]] = earliestDay }
                return
            }
            // The year to date lies within the thirteen months (it starts in January of the
            // reported month's year, the months twelve months before it): a record outside the
            // months is outside it too, and goes to no engine. One inside goes to its month and
            // to the year to date, whose own window takes it or not.
            var earliestDay = Int32.max
            defer { if earliestDay < self.earliest[metrics[0]] { self.earliest[metrics[0]] = earliestDay } }
            for metric in metrics {
                switch yearToDate.pointee.windowPlaceInPlace(ofMetric: metric, in: record) {
                case .everyWindow:
                    for index in 0...monthCount { (engines + index).pointee.fold(metric: metric, record: record) }
                case .day(let day):
                    earliestDay = min(earliestDay, day.daysSinceEpoch)
                    let (year, month, _) = day.components
                    let index = year * 12 + month - 1 - first
                    if index >= 0 && index < monthCount {
                        (engines + index).pointee.fold(metric: metric, record: record)
                        yearToDate.pointee.fold(metric: metric, record: record)
                    }
                case .noWindow:
                    break
                }
            }
        }
    }

    /// A copy for the parts of one split read of `source` (`MetricEngine.sharingDistinctKeys`).
    func sharingDistinctKeys(over source: String) -> MonthlyFold {
        var copy = self
        copy.engines = engines.map { $0.sharingDistinctKeys(over: source) }
        return copy
    }

    /// Takes in the metrics over `source` from `other`, a copy that folded the rows of
    /// `source` after this one's (`MetricEngine.merge(source:taking:)`: the engines hold a
    /// month's rows each, and the year's, merged in turn).
    mutating func merge(source: String, taking other: inout MonthlyFold) {
        precondition(engines.count == other.engines.count)
        for index in engines.indices { engines[index].merge(source: source, taking: &other.engines[index]) }
        for metric in metrics(over: source) { earliest[metric] = min(earliest[metric], other.earliest[metric]) }
    }

    /// Takes the metrics over `source` from `other`, a copy that read that source.
    mutating func adopt(source: String, from other: MonthlyFold) {
        precondition(engines.count == other.engines.count)
        for index in engines.indices { engines[index].adopt(source: source, from: other.engines[index]) }
        for metric in metrics(over: source) { earliest[metric] = other.earliest[metric] }
    }

    /// Interns what the engines' distinct counts hold back (`MetricEngine.flushPending`).
    mutating func flushPending() {
        for index in engines.indices { engines[index].flushPending() }
    }

    /// The exact values: per metric, per month, and the year to date.
    func values() -> MonthlyValues {
        func byName(_ engine: MetricEngine) -> [String: MetricResult] {
            Dictionary(engine.results().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        }
        // Where each source's export starts: the earliest day any metric over it placed a record
        // on (a suspect's arrest comes before the verdict that convictions are placed by).
        var sourceStart: [String: Day] = [:]
        for (metric, definition) in definitions.enumerated() {
            guard let source = definition.source, earliest[metric] != .max else { continue }
            let day = Day(daysSinceEpoch: earliest[metric])
            if sourceStart[source].map({ day < $0 }) ?? true { sourceStart[source] = day }
        }
        var perMonth: [CalendarMonth: [String: MetricResult]] = [:]
        for (index, each) in months.enumerated() {
            var results = byName(engines[index])
            // A month over before the source's first record: no value, not zero.
            for definition in definitions {
                guard let source = definition.source, let first = sourceStart[source], each.lastDay < first else { continue }
                results[definition.name]?.value = nil
            }
            perMonth[each] = results
        }
        return MonthlyValues(month: month, months: months, perMonth: perMonth, yearToDate: byName(engines[yearToDate]))
    }
}

private extension MetricEngine {
    /// `windowPlace` on an engine reached through a pointer: called as a non-mutating method
    /// on `pointee`, it is called on a copy (a retain and a release of each of the engine's
    /// arrays, measured at 13 % of a monthly run); inside a mutating method `self` is exclusive
    /// and is read in place.
    mutating func windowPlaceInPlace(ofMetric index: Int, in record: Record) -> WindowPlace {
        windowPlace(ofMetric: index, in: record)
    }
}

/// The monthly report's exact values, before anything is rounded or hidden.
struct MonthlyValues {
    var month: CalendarMonth
    var months: [CalendarMonth]
    var perMonth: [CalendarMonth: [String: MetricResult]]
    var yearToDate: [String: MetricResult]

    func value(_ metric: String, in month: CalendarMonth) -> Double? {
        perMonth[month]?[metric]?.value
    }

    /// What each month of the year, up to the reported one, added to the year to date, oldest
    /// first (a month that added nothing may be left out): the differences between the
    /// year-to-date totals that the reports of the year publish one after another. For a count
    /// or a sum, the month's own value; for a distinct count, the keys that month met first in
    /// the year. Empty for a metric with no window date (every month is its whole).
    func yearToDateAdditions(_ metric: String) -> [Double] {
        var before = 0.0
        return (yearToDate[metric]?.cumulative ?? []).map { point in
            defer { before = point.value }
            return point.value - before
        }
    }

    /// True for counts and sums of whole numbers.
    func isInteger(_ metric: String) -> Bool {
        yearToDate[metric]?.isInteger ?? true
    }

    /// `count(...)` or `count_distinct(...)`: a number of people or events, suppressed when small.
    func isCount(_ metric: String) -> Bool {
        yearToDate[metric]?.provenance.aggregate.hasPrefix("count") ?? false
    }

    /// Whether the metric's value in `month` (nil: the year to date) is a statistic of single
    /// records' values (a mean, a median, a minimum or a maximum) taken over 1 to `threshold - 1`
    /// records: such a value can be one person's own (the days from arrest to verdict of the one
    /// case of the month), so it is not shown where counts that small are not.
    func isFewRecordsStatistic(_ metric: String, in month: CalendarMonth?, threshold: Int) -> Bool {
        guard let result = month.map({ perMonth[$0]?[metric] }) ?? yearToDate[metric],
              MetricResult.isStatisticOfRecords(result.provenance.aggregate) else { return false }
        return result.value != nil && result.provenance.rowsMatched > 0 && result.provenance.rowsMatched < threshold
    }
}
