/// Computes every metric of a pipeline in one pass per source.
///
/// Build it once (it checks every name against the schemas), feed it each
/// accepted record of each source with `fold(source:record:)` (every metric
/// over that source folds the same record), then read `results()`.
///
/// The window: a row counts when its window date (`date:`, else the field of
/// a period breakdown, else the schema's `primaryDate`) lies in the reporting
/// period. A row whose window date is missing is left out (it cannot be placed
/// in the period). A metric whose source has no date at all counts every row.
public struct MetricEngine: Sendable {
    struct State: Sendable {
        let definition: MetricDefinition
        let filter: CompiledFilter
        let windowSlot: Int?
        /// Slots tried in order when the window date is missing on a row.
        let fallbackSlots: [Int]
        let windowField: String?
        let seriesKind: PeriodKind?
        var breakdown: Breakdown
        var aggregator: Aggregator
        let isInteger: Bool
        /// The breakdown is the series' period alone (`by: year(date)`, one date field):
        /// its groups are the series' periods, so rows are not broken down twice; the
        /// groups are read off the series, and `periodsSeen` keeps the group limit.
        let groupsArePeriods: Bool
        var periodsSeen: OrdinalSet
        /// With distinct keys shared across the parts of a split source (`sharingDistinctKeys`)
        /// and a breakdown: this part's group ids and the shared registry's.
        var sharedGroups: SharedGroupIDs?
        var rowsRead = 0
        var rowsMatched = 0

        /// The breakdown met more groups than the limit: the result must not be published.
        var overflowed: Bool {
            breakdown.overflowed || groupsArePeriods && periodsSeen.count > breakdown.maxGroups
        }
    }

    public let definitions: [MetricDefinition]
    public let period: ReportingPeriod
    private var states: [State?]
    private let bySource: [String: [Int]]

    /// Checks the definitions against the sources' schemas: the source exists,
    /// fields exist with a fitting type, filters compile, ratios name other
    /// (non-ratio) metrics. Errors name the metric and the line of the key at fault.
    public init(definitions: [MetricDefinition], schemas: [String: RecordSchema],
                period: ReportingPeriod, maxGroups: Int = BreakdownLimit.defaultMaxGroups) throws(ConfigError) {
        self.definitions = definitions
        self.period = period
        var states: [State?] = []
        var bySource: [String: [Int]] = [:]
        let names = Set(definitions.map(\.name))
        for (index, definition) in definitions.enumerated() {
            let what = "metric '\(definition.name)'"
            func line(_ key: String) -> Int { definition.keyLines[key] ?? definition.line }
            switch definition.kind {
            case .ratio(let numerator, let denominator, _):
                for (key, other) in [("numerator", numerator), ("denominator", denominator)] {
                    guard names.contains(other) else {
                        throw ConfigError(line: line("ratio"), "\(key) of \(what) names no metric: '\(other)'; metrics: \(definitions.map(\.name).joined(separator: ", "))")
                    }
                    if let target = definitions.first(where: { $0.name == other }), case .ratio = target.kind {
                        throw ConfigError(line: line("ratio"), "\(key) of \(what) is '\(other)', itself a ratio; a ratio divides two counts or sums")
                    }
                }
                states.append(nil)
            case .aggregate(let aggregate):
                let source = definition.source ?? ""
                guard let schema = schemas[source] else {
                    let key = definition.keyLines["from"] != nil ? "from" : aggregate.keyword
                    throw ConfigError(line: line(key), "\(what) reads from '\(source)', which is not a source; sources: \(schemas.keys.sorted().joined(separator: ", "))")
                }
                var state = try Self.state(definition, aggregate: aggregate, schema: schema, schemas: schemas, period: period, line: line)
                state.breakdown.maxGroups = maxGroups
                states.append(state)
                bySource[source, default: []].append(index)
            }
        }
        self.states = states
        self.bySource = bySource
    }

    private static func state(_ definition: MetricDefinition, aggregate: Aggregate, schema: RecordSchema,
                              schemas: [String: RecordSchema], period: ReportingPeriod,
                              line: (String) -> Int) throws(ConfigError) -> State {
        let what = "metric '\(definition.name)'"
        let resolved: (slot: Int?, until: Int?, isInteger: Bool)
        do { resolved = try aggregate.resolve(in: schema) } catch {
            throw ConfigError(line: line(aggregate.keyword), "\(what): \(error.message)")
        }
        let breakdown: Breakdown
        do {
            breakdown = try Breakdown(definition.by, schema: schema, fiscalYearStart: definition.fiscalYearStart, bands: definition.bands)
        } catch {
            throw ConfigError(line: line("by"), "'by' in \(what): \(error.message)")
        }
        let periodItems = definition.by.filter(\.isPeriod)
        if periodItems.count > 1 {
            throw ConfigError(line: line("by"), "'by' in \(what) has two periods (\(periodItems.map(\.text).joined(separator: ", "))); keep one")
        }
        if let item = periodItems.first, definition.periods != nil {
            throw ConfigError(line: line("periods"), "\(what) has both 'periods' and '\(item.text)' in 'by'; keep one")
        }
        var windowField = definition.dateField ?? periodItems.first?.field ?? schema.primaryDate
        if let item = periodItems.first, let date = definition.dateField, date != item.field {
            throw ConfigError(line: line("date"), "\(what) places rows in the window by '\(date)' but breaks them down by '\(item.text)': use one date field, so that the periods add up to the total")
        }
        if let explicit = definition.dateField {
            guard schema.type(of: explicit) == .date else {
                throw ConfigError(line: line("date"), "'date' in \(what) must name a date field of \(schema.kind); '\(explicit)' is \(schema.type(of: explicit).map { $0.rawValue + " field" } ?? "not a field")")
            }
            windowField = explicit
        }
        var windowSlot: Int?
        if let windowField {
            guard let slot = schema.slot(of: windowField), schema.fields[slot].type == .date else {
                throw ConfigError(line: definition.line, "\(what): the window date '\(windowField)' is not a date field of \(schema.kind); set 'date:'")
            }
            windowSlot = slot
        }
        var fallbackSlots: [Int] = []
        for field in definition.fallbackDateFields {
            guard let slot = schema.slot(of: field), schema.fields[slot].type == .date else {
                throw ConfigError(line: line("date"), "'date' in \(what) must list date fields of \(schema.kind); '\(field)' is \(schema.type(of: field).map { $0.rawValue + " field" } ?? "not a field")")
            }
            fallbackSlots.append(slot)
        }
        let seriesKind = definition.periods ?? periodItems.first?.periodKind(fiscalYearStart: definition.fiscalYearStart)
        if seriesKind != nil, windowSlot == nil {
            throw ConfigError(line: line("periods"), "\(what) asks for periods, but \(schema.kind) has no date field by default: set 'date:'")
        }
        // Period 0 of a distinct count's per-key periods: the window's first (else the 64th
        // before its last), so a window of up to 64 periods is one mask per key.
        let periodBase = seriesKind.map { kind in
            period.since.map { kind.ordinal(of: $0) } ?? kind.ordinal(of: period.until) - 63
        } ?? 0
        var filter: CompiledFilter
        do { filter = try definition.filter?.compile(against: schema) ?? .everything } catch {
            throw ConfigError(line: line("where"), "'where' in \(what): \(error)")
        }
        // `matching:` as one more condition of the filter.
        if let matching = definition.matching {
            filter = filter.matching(matching.keys, slot: try matching.resolve(own: schema, schemas: schemas, what: what))
        }
        var groupsArePeriods = false
        if seriesKind != nil, fallbackSlots.isEmpty, breakdown.items.count == 1,
           case .period(_, let slot) = breakdown.items[0], slot == windowSlot {
            groupsArePeriods = true
        }
        return State(definition: definition, filter: filter, windowSlot: windowSlot, fallbackSlots: fallbackSlots, windowField: windowField, seriesKind: seriesKind,
                     breakdown: breakdown, aggregator: Aggregator(aggregate, slot: resolved.slot, until: resolved.until, periodBase: periodBase),
                     isInteger: resolved.isInteger, groupsArePeriods: groupsArePeriods, periodsSeen: OrdinalSet(base: periodBase))
    }

    /// A copy of this engine, before any record is folded, for the parts of one
    /// split read of `source`: each distinct count over it hands its keys to one
    /// table that every copy of the returned engine shares (`SharedDistinctKeys`),
    /// so memory holds each key once and merging the parts moves no keys. Make one
    /// such copy per read of the source, copy it into every part, and merge the
    /// parts' engines in file order (`merge(source:taking:)`) before `results()`.
    public func sharingDistinctKeys(over source: String) -> MetricEngine {
        var copy = self
        for index in bySource[source] ?? [] {
            guard var state = copy.states[index], state.aggregator.isDistinct else { continue }
            state.aggregator = state.aggregator.sharingKeys(SharedDistinctKeys())
            if !state.breakdown.isEmpty && !state.groupsArePeriods { state.sharedGroups = SharedGroupIDs() }
            copy.states[index] = state
        }
        return copy
    }

    /// Metrics whose breakdown met more groups than the limit: their results are
    /// incomplete and must not be published.
    public var metricsOverGroupLimit: [String] {
        states.compactMap { state in state.flatMap { $0.overflowed ? $0.definition.name : nil } }
    }

    /// True when some metric reads this source (the caller may skip reading the others).
    public func metricsOver(source: String) -> Bool { bySource[source] != nil }

    /// Takes the state of every metric over `source` from `other`, a copy of this
    /// engine that read that source (sources read side by side each fold into
    /// their own copy; the metrics of one source live in one copy only).
    public mutating func adopt(source: String, from other: MetricEngine) {
        for index in bySource[source] ?? [] { states[index] = other.states[index] }
    }

    /// Takes in the metrics over `source` from `other`, a copy of this engine
    /// that folded other rows of that source (a large source is read in parts
    /// on several cores). Counts, distinct counts, groups and first periods come
    /// out as if one engine had folded all the rows; a sum of fractions may
    /// differ in its last bits (the order of the additions). `other`'s states over
    /// `source` are taken (left empty there), not copied: a distinct count whose keys
    /// are not broken down by group keeps the larger of the two key tables and takes
    /// the smaller one's keys into it.
    /// `sideBySide(n, job)` runs `job(0..<n)`, the metrics' merges, each touching only its
    /// own metric: on several threads if it likes (the default runs them in turn).
    public mutating func merge(source: String, taking other: inout MetricEngine,
                               sideBySide: (_ count: Int, _ job: @Sendable (Int) -> Void) -> Void = { count, job in
                                   for k in 0..<count { job(k) }
                               }) {
        let indices = bySource[source] ?? []
        states.withUnsafeMutableBufferPointer { buffer in
            other.states.withUnsafeMutableBufferPointer { theirBuffer in
                let mine = StatesPointer(base: buffer.baseAddress)
                let theirs = StatesPointer(base: theirBuffer.baseAddress)
                sideBySide(indices.count) { k in
                    let index = indices[k]
                    guard let slot = theirs.base.map({ $0 + index }), var taken = slot.pointee else { return }
                    slot.pointee = nil
                    mine.base?[index]?.merge(taking: &taken)
                }
            }
        }
    }

    /// The engine's metric states, for merges that each touch one metric only.
    private struct StatesPointer: @unchecked Sendable {
        let base: UnsafeMutablePointer<State?>?
    }

    /// Folds one accepted record of `source` into every metric over that source.
    public mutating func fold(source: String, record: Record) {
        guard let indices = bySource[source] else { return }
        fold(metrics: indices, record: record)
    }

    /// The metrics over `source`, for `fold(metrics:record:)`: a run folds every
    /// row of a source without looking its name up per row.
    public func metrics(over source: String) -> [Int] { bySource[source] ?? [] }

    /// Folds one accepted record into the metrics `metrics(over:)` gave for its source.
    public mutating func fold(metrics: [Int], record: Record) {
        // One uniqueness check a row, not one per metric (nor a modify coroutine each).
        let period = self.period
        states.withUnsafeMutableBufferPointer { states in
            // Through the element's pointer: the buffer's subscript is a `modify`
            // coroutine, called (not inlined) once a metric a row.
            let first = states.baseAddress.unsafelyUnwrapped
            for index in metrics {
                precondition(index < states.count)
                (first + index).pointee?.fold(record, period)
            }
        }
    }

    /// Where a metric places a record in time, for a caller that keeps one engine per
    /// window (the monthly report's months): a window takes the record only if it holds
    /// the day.
    public enum WindowPlace: Sendable, Equatable {
        /// The metric has no window date (or is a ratio): every window takes the record.
        case everyWindow
        case day(Day)
        /// The record has no date where the metric looks: no window takes it.
        case noWindow
    }

    /// Where metric `index` (one of `metrics(over:)`) places `record`: what `fold` decides
    /// with its own window, for every window at once.
    public func windowPlace(ofMetric index: Int, in record: Record) -> WindowPlace {
        states.withUnsafeBufferPointer { states in
            precondition(index < states.count)
            // No state (a ratio) or no window date: every window takes the record.
            guard let value = (states.baseAddress.unsafelyUnwrapped + index).pointee?.windowValue(record) else {
                return .everyWindow
            }
            if case .date(let day) = value { return .day(day) }
            return .noWindow
        }
    }

    /// Folds `record` into metric `index` alone (see `windowPlace`).
    public mutating func fold(metric index: Int, record: Record) {
        let period = self.period
        states.withUnsafeMutableBufferPointer { states in
            precondition(index < states.count)
            (states.baseAddress.unsafelyUnwrapped + index).pointee?.fold(record, period)
        }
    }

    /// True when distinct counts hold keys not yet interned (see `flushPending()`).
    public var hasPending: Bool { states.contains { $0?.aggregator.hasPending ?? false } }

    /// Interns the keys distinct counts hold back to intern in batches. Call it
    /// when the folding is done (`results()` and merges also work on an engine
    /// that was not flushed, at the cost of a copy of its distinct tables).
    public mutating func flushPending() {
        for index in states.indices { states[index]?.aggregator.flushPending() }
    }

    /// The results, in definition order, with their provenance.
    public func results() -> [MetricResult] {
        if hasPending {
            var flushed = self
            flushed.flushPending()
            return flushed.results()
        }
        var done: [String: MetricResult] = [:]
        var out: [MetricResult] = []
        for (index, definition) in definitions.enumerated() {
            if let state = states[index] {
                let result = state.result(period)
                done[definition.name] = result
                out.append(result)
            } else if case .ratio(let numerator, let denominator, let percent) = definition.kind {
                out.append(ratio(definition, numerator, denominator, percent: percent, results: done))
            }
        }
        return out
    }

    private func ratio(_ definition: MetricDefinition, _ numeratorName: String, _ denominatorName: String,
                       percent: Bool, results: [String: MetricResult]) -> MetricResult {
        func find(_ name: String) -> MetricResult? {
            results[name] ?? definitions.indices.first { definitions[$0].name == name }.flatMap { states[$0]?.result(period) }
        }
        let numerator = find(numeratorName)
        let denominator = find(denominatorName)
        let scale = percent ? 100.0 : 1.0
        func divide(_ a: Double?, _ b: Double?) -> Double? {
            guard let a, let b, b != 0 else { return nil }
            return a / b * scale
        }
        func divide(_ a: [SeriesPoint], _ b: [SeriesPoint]) -> [SeriesPoint] {
            var denominators: [Period: Double] = [:]
            for point in b { denominators[point.period] = point.value }
            return a.compactMap { point in
                divide(point.value, denominators[point.period]).map { SeriesPoint(period: point.period, value: $0) }
            }
        }
        let sources = [numerator?.provenance.source, denominator?.provenance.source].compactMap { $0 }
        let provenance = MetricProvenance(
            source: Array(Set(sources)).sorted().joined(separator: ", "), aggregate: definition.aggregateDescription,
            filter: nil, since: period.since, until: period.until, by: [],
            rowsRead: denominator?.provenance.rowsRead ?? 0, rowsMatched: denominator?.provenance.rowsMatched ?? 0)
        return MetricResult(
            name: definition.name, provenance: provenance,
            value: divide(numerator?.value, denominator?.value), isInteger: false,
            series: divide(numerator?.series ?? [], denominator?.series ?? []),
            cumulative: divide(numerator?.cumulative ?? [], denominator?.cumulative ?? []))
    }
}

extension MetricEngine.State {
    /// The value that places `record` in time (the window's date field, else the first of
    /// its fallbacks that holds one); nil when the metric has no window date.
    @inline(__always)
    func windowValue(_ record: Record) -> Value? {
        guard let windowSlot else { return nil }
        var value = record[windowSlot]
        if value.isMissing {
            for slot in fallbackSlots where !record[slot].isMissing {
                value = record[slot]
                break
            }
        }
        return value
    }

    @inline(__always)
    mutating func fold(_ record: Record, _ window: ReportingPeriod) {
        var day: Day?
        if let value = windowValue(record) {
            guard case .date(let date) = value, window.contains(date) else { return }
            day = date
        }
        rowsRead += 1
        guard filter.matches(record) else { return }
        rowsMatched += 1
        var ordinal: Int?
        if let seriesKind, let day { ordinal = seriesKind.ordinal(of: day) }
        var group: Int?
        if groupsArePeriods {
            if let ordinal { periodsSeen.insert(ordinal) }
        } else if !breakdown.isEmpty {
            let local = breakdown.groupID(record)
            group = sharedGroups == nil ? local : sharedGroups?.global(local, breakdown)
        }
        aggregator.fold(record, period: ordinal, group: group)
    }

    /// Takes in `other`'s rows (`other` is this state's to change: see `Aggregator.merge(taking:groupMap:)`).
    mutating func merge(taking other: inout MetricEngine.State) {
        rowsRead += other.rowsRead
        rowsMatched += other.rowsMatched
        periodsSeen.formUnion(other.periodsSeen)
        let groupMap = breakdown.isEmpty ? [] : breakdown.merge(other.breakdown)
        if let theirs = other.sharedGroups { sharedGroups?.adopt(theirs, groupMap: groupMap) }
        aggregator.merge(taking: &other.aggregator, groupMap: groupMap)
    }

    func result(_ window: ReportingPeriod) -> MetricResult {
        let provenance = MetricProvenance(
            source: definition.source ?? "", aggregate: definition.aggregateDescription, filter: definition.filterText,
            since: window.since, until: window.until,
            by: definition.by.map(\.text) + (definition.periods.map { ["\($0.name)(\(windowField ?? ""))"] } ?? []),
            rowsRead: rowsRead, rowsMatched: rowsMatched)
        var series: [SeriesPoint] = []
        var cumulative: [SeriesPoint] = []
        var groups: [GroupRow] = []
        if let seriesKind {
            let values = aggregator.periodValues()
            if groupsArePeriods {
                groups = values.map { GroupRow(keys: breakdown.labels(GroupKey(k0: $0.ordinal)), value: $0.value) }
            }
            series = values.map { SeriesPoint(period: seriesKind.period(ordinal: $0.ordinal), value: $0.value) }
            cumulative = aggregator.cumulativeValues(of: values).map { SeriesPoint(period: seriesKind.period(ordinal: $0.ordinal), value: $0.value) }
        }
        if !breakdown.isEmpty && !groupsArePeriods {
            let values = sharedGroups.map { $0.local(aggregator.groupValues()) } ?? aggregator.groupValues()
            for id in breakdown.sortedGroupIDs() {
                if let value = values[id] { groups.append(GroupRow(keys: breakdown.labels(breakdown.groupKeys[id]), value: value)) }
            }
        }
        return MetricResult(name: definition.name, provenance: provenance, value: aggregator.totalValue,
                            isInteger: isInteger, series: series, cumulative: cumulative, groups: groups)
    }
}

/// The periods (ordinals) a metric met: a bit each for the 64 from `base`, a set for others.
struct OrdinalSet: Sendable {
    let base: Int
    private var mask: UInt64 = 0
    private var others: Set<Int> = []

    init(base: Int) { self.base = base }

    @inline(__always)
    mutating func insert(_ ordinal: Int) {
        let offset = ordinal &- base
        if offset >= 0 && offset < 64 { mask |= 1 << UInt64(offset) } else { others.insert(ordinal) }
    }

    mutating func formUnion(_ other: OrdinalSet) {
        for offset in 0..<64 where other.mask & (1 << UInt64(offset)) != 0 { insert(other.base + offset) }
        for ordinal in other.others { insert(ordinal) }
    }

    var count: Int { mask.nonzeroBitCount + others.count }
}
