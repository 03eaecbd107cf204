import ImpactCore

/// Folds every record into one metrics engine per window of the monthly
/// report — the month, the twelve months before it (for the change on a year
/// and for revisions), and the year to date — so that each source is read once.
final class MonthlyFold {
    /// How many months before the reported one are computed (and stored in figures.json).
    static let monthsBack = 12

    let month: CalendarMonth
    /// Oldest first; the last is the reported month.
    let months: [CalendarMonth]
    private var monthEngines: [MetricEngine]
    private var yearToDateEngine: MetricEngine

    init(month: CalendarMonth, definitions: [MetricDefinition], schemas: [String: RecordSchema]) throws(ConfigError) {
        self.month = month
        months = (0...MonthlyFold.monthsBack).reversed().map { month.adding(months: -$0) }
        var engines: [MetricEngine] = []
        for each in months {
            engines.append(try MetricEngine(definitions: definitions, schemas: schemas, period: each.window))
        }
        monthEngines = engines
        yearToDateEngine = try MetricEngine(definitions: definitions, schemas: schemas, period: month.yearToDate)
    }

    /// The source of the records folded last, and its metrics (the same in every engine:
    /// they are made from the same definitions): records come a source at a time, so the
    /// metrics are looked up by the source's name once a source, not once a record and engine.
    private var lastSource: String?
    private var lastMetrics: [Int] = []

    /// Whether a record goes only to the month that holds its date (per metric), instead of
    /// to every month engine, each of which would turn it away but one. Tests turn it off
    /// to compare.
    var routesByDate = true

    /// Folds one accepted record of `source` into every window.
    func fold(source: String, record: Record) {
        if source != lastSource {
            lastMetrics = yearToDateEngine.metrics(over: source)
            lastSource = source
        }
        let metrics = lastMetrics
        let first = months[0].year * 12 + months[0].month - 1
        monthEngines.withUnsafeMutableBufferPointer { engines in
            guard routesByDate else {
                for index in engines.indices { engines[index].fold(metrics: metrics, record: record) }
                return
            }
            for metric in metrics {
                switch yearToDateEngine.windowPlace(ofMetric: metric, in: record) {
                case .everyWindow:
                    for index in engines.indices { engines[index].fold(metric: metric, record: record) }
                case .day(let day):
                    let (year, month, _) = day.components
                    let index = year * 12 + month - 1 - first
                    if index >= 0 && index < engines.count { engines[index].fold(metric: metric, record: record) }
                case .noWindow:
                    break
                }
            }
        }
        yearToDateEngine.fold(metrics: metrics, record: record)
    }

    /// The exact values: per metric, per month, and the year to date.
    func values() -> MonthlyValues {
        for index in monthEngines.indices { monthEngines[index].flushPending() }
        yearToDateEngine.flushPending()
        var perMonth: [CalendarMonth: [String: MetricResult]] = [:]
        for (index, each) in months.enumerated() {
            perMonth[each] = Dictionary(monthEngines[index].results().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let yearToDate = Dictionary(yearToDateEngine.results().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return MonthlyValues(month: month, months: months, perMonth: perMonth, yearToDate: yearToDate)
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

    /// True for counts and sums of whole numbers.
    func isInteger(_ metric: String) -> Bool {
        yearToDate[metric]?.isInteger ?? true
    }

    /// `count(...)` or `count_distinct(...)`: a number of people or events, suppressed when small.
    func isCount(_ metric: String) -> Bool {
        yearToDate[metric]?.provenance.aggregate.hasPrefix("count") ?? false
    }
}
