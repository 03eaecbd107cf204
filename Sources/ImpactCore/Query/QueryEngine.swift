/// A mistake in a query's options, in words an analyst can act on
/// (`column` is set when the mistake is in the `--where` or `--by` text).
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var option: String
    public var column: Int?
    public var message: String

    public init(option: String, column: Int? = nil, _ message: String) {
        self.option = option
        self.column = column
        self.message = message
    }

    public var description: String {
        "\(option): " + (column.map { "column \($0): " } ?? "") + message
    }
}

/// What `impact query` computes: aggregates (default: count rows), broken down
/// by `by` items, over the records that pass `filter`.
public struct QuerySpec: Sendable, Hashable {
    public var aggregates: [Aggregate]
    public var by: [ByExpression]
    /// The `--where` text.
    public var filter: String?
    public var bands: [AgeBand]
    /// First month of `fiscal_year(...)` periods.
    public var fiscalYearStart: Int
    /// The most groups the breakdown may hold (`BreakdownLimit`).
    public var maxGroups = BreakdownLimit.defaultMaxGroups

    public init(aggregates: [Aggregate] = [.count], by: [ByExpression] = [], filter: String? = nil,
                bands: [AgeBand] = AgeBand.defaults, fiscalYearStart: Int = 4) {
        self.aggregates = aggregates.isEmpty ? [.count] : aggregates
        self.by = by
        self.filter = filter
        self.bands = bands
        self.fiscalYearStart = fiscalYearStart
    }

    /// The answer's column names: the `by` items as written, then the aggregates.
    public var header: [String] { by.map(\.text) + aggregates.map(\.description) }

    /// From command-line text: `by` as `year(date),office`, `filter` as a where expression.
    public init(aggregates: [Aggregate], by: String?, filter: String?) throws(QueryError) {
        var items: [ByExpression] = []
        if let by, !by.isEmpty {
            do { items = try ByExpression.parseList(by) } catch {
                throw QueryError(option: "--by", column: error.column, error.message)
            }
        }
        // The filter's syntax is checked here, before any file is read: a typo in it is told
        // alone, not among the file's fields.
        if let filter {
            do { _ = try FilterExpression.parse(filter) } catch {
                throw QueryError(option: "--where", column: error.column, error.message)
            }
        }
        self.init(aggregates: aggregates, by: items, filter: filter)
    }
}

/// Folds records for one query in one pass; memory grows with distinct groups and keys.
public struct QueryEngine: Sendable {
    public let spec: QuerySpec
    private let filter: CompiledFilter
    private var breakdown: Breakdown
    private var aggregators: [Aggregator]
    private let isInteger: [Bool]
    /// True when the breakdown met more groups than `spec.maxGroups`: the table is then incomplete.
    public var groupLimitExceeded: Bool { breakdown.overflowed }
    /// Records folded, and those that passed the filter.
    public private(set) var rowsRead = 0
    public private(set) var rowsMatched = 0

    /// With distinct counts shared across the parts of one file (`sharingDistinctKeys`):
    /// this part's group ids and the shared registry's, by which the shared keys are kept.
    private var sharedGroups: SharedGroupIDs?

    /// Resolves every name against `schema`; errors name the option and, for text, the column.
    public init(_ spec: QuerySpec, schema: RecordSchema) throws(QueryError) {
        self.spec = spec
        do {
            filter = try spec.filter.map { text throws(FilterError) in try FilterExpression.parse(text).compile(against: schema) } ?? .everything
        } catch {
            throw QueryError(option: "--where", column: error.column, error.message)
        }
        do {
            breakdown = try Breakdown(spec.by, schema: schema, fiscalYearStart: spec.fiscalYearStart, bands: spec.bands)
        } catch {
            throw QueryError(option: "--by", error.message)
        }
        breakdown.maxGroups = spec.maxGroups
        var aggregators: [Aggregator] = []
        var isInteger: [Bool] = []
        for aggregate in spec.aggregates {
            do {
                let resolved = try aggregate.resolve(in: schema)
                aggregators.append(Aggregator(aggregate, slot: resolved.slot, until: resolved.until))
                isInteger.append(resolved.isInteger)
            } catch {
                // The command's option: `--distinct` for a distinct count.
                let option = aggregate.keyword == "count_distinct" ? "distinct" : aggregate.keyword
                throw QueryError(option: "--\(option)", error.message)
            }
        }
        self.aggregators = aggregators
        self.isInteger = isInteger
    }

    /// Folds one record.
    public mutating func fold(_ record: Record) {
        rowsRead += 1
        guard filter.matches(record) else { return }
        rowsMatched += 1
        let group: Int? = breakdown.isEmpty ? nil : breakdown.groupID(record)
        guard let group, sharedGroups != nil else {
            for i in aggregators.indices { aggregators[i].fold(record, period: nil, group: group) }
            return
        }
        // Shared distinct counts are kept by the registry's group ids, the rest by this engine's.
        let global = sharedGroups?.global(group, breakdown)
        for i in aggregators.indices {
            aggregators[i].fold(record, period: nil, group: aggregators[i].sharesKeys ? global : group)
        }
    }

    /// A copy of this engine, before any record is folded, for the parts of one
    /// file read on several cores: every copy hands its distinct keys to one
    /// table shared by all (`SharedDistinctKeys`) instead of keeping its own, so
    /// memory holds each key once and the merge has no keys to move. Make one
    /// such copy per read of the file, give it to every part, and `merge` the
    /// parts' engines before `table()`. Without a distinct count it is this engine.
    public func sharingDistinctKeys() -> QueryEngine {
        guard aggregators.contains(where: \.isDistinct) else { return self }
        var copy = self
        copy.aggregators = aggregators.map { $0.sharingKeys(SharedDistinctKeys()) }
        copy.sharedGroups = SharedGroupIDs()
        return copy
    }

    /// Takes in an engine of the same spec and schema that folded other records
    /// (another part of the file): the result is that of one engine folding both.
    /// The parallel reader folds each part into its own engine, then merges them in file order.
    public mutating func merge(_ other: QueryEngine) {
        precondition(other.spec == spec, "merging query engines of different specs")
        precondition(other.sharedGroups?.registry === sharedGroups?.registry,
                     "merging a shared-key engine with one that does not share its keys")
        rowsRead += other.rowsRead
        rowsMatched += other.rowsMatched
        let groupMap = breakdown.isEmpty ? [] : breakdown.merge(other.breakdown)
        if let theirs = other.sharedGroups { sharedGroups?.adopt(theirs, groupMap: groupMap) }
        // A shared distinct count's merge only hands the other part's last keys to the table.
        for i in aggregators.indices { aggregators[i].merge(other.aggregators[i], groupMap: groupMap) }
    }

    /// Aggregate `i`'s total and values per group (this engine's group ids).
    private func values(_ i: Int) -> (total: Double?, groups: [Int: Double]) {
        guard !breakdown.isEmpty else { return (aggregators[i].totalValue, [:]) }
        let groups = aggregators[i].groupValues()
        guard aggregators[i].sharesKeys, let sharedGroups else { return (aggregators[i].totalValue, groups) }
        return (aggregators[i].totalValue, sharedGroups.local(groups))
    }

    /// Hands the keys distinct counts hold back to their tables (a shared one's last
    /// batches, whose memory it lets go): when a part of a split read is done.
    public mutating func flushPending() {
        for i in aggregators.indices { aggregators[i].flushPending() }
    }

    /// The result: one column per `by` item then one per aggregate; one row per
    /// group, groups in a stable order (see `Breakdown`). Without `by`, one row.
    public func table() -> QueryTable {
        var engine = self
        engine.flushPending()
        let computed = aggregators.indices.map { engine.values($0) }
        let header = spec.header
        if breakdown.isEmpty {
            return QueryTable(header: header, keyColumns: 0, rows: [computed.map { QueryTable.format($0.total) }])
        }
        let values = computed.map(\.groups)
        let ids = breakdown.sortedGroupIDs()
        // A group none of whose rows had a value: counts and sums are 0, the rest undefined.
        let empty: [Double?] = aggregators.map {
            switch $0.aggregate {
            case .count, .countDistinct, .sum: return 0
            default: return nil
            }
        }
        let body = ids.map { id in
            breakdown.labels(breakdown.groupKeys[id]) + values.indices.map { QueryTable.format(values[$0][id] ?? empty[$0]) }
        }
        return QueryTable(header: header, keyColumns: spec.by.count, rows: body)
    }
}
