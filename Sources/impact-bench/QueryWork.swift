import ImpactCore
import ImpactIngest
import ImpactPipeline

/// The benchmark's query, done by this product: rows by `year(date)` and
/// `office`, plus distinct `person_id` per office, through the reader, a
/// `RowMapper` built from a pipeline-style YAML source, and two `QueryEngine`s
/// folded in the same pass.
enum QueryWork {
    /// The source as a pipeline file would declare it (a custom kind with the three fields read).
    static func definition(path: String) throws -> SourceDefinition {
        let yaml = """
            path: \(path)
            kind: custom
            fields:
              person_id: text
              office: text
              date: date
            """
        let node = try YAMLConfig.parse(yaml, file: "impact-bench")
        return try SourceDefinition.decode(name: "rescues", node: node, defaults: SourceDefaults())
    }

    static func specs() throws -> (byYearOffice: QuerySpec, distinctByOffice: QuerySpec) {
        (try QuerySpec(aggregates: [.count], by: "year(date),office", filter: nil),
         try QuerySpec(aggregates: [.countDistinct("person_id")], by: "office", filter: nil))
    }

    /// Maps each record and folds it into both engines.
    struct Sink: RecordSink {
        let definition: SourceDefinition
        let path: String
        var mapper: RowMapper?
        var byYearOffice: QueryEngine
        var distinctByOffice: QueryEngine
        var malformedRows = 0
        var rejectedRows = 0
        /// One mapped row reused for every row (no array allocated per row).
        var mapped = MappedRow(record: Record(line: 0, values: []), findings: [])

        /// An unretained view of `mapper` (which keeps it alive): no retain and release per row.
        var hotMapper: Unmanaged<RowMapper>?

        mutating func record(_ row: RowBuffer) throws {
            if hotMapper == nil {
                let mapper = RowMapper(definition: definition, columns: row.columns, file: path)
                self.mapper = mapper
                hotMapper = .passUnretained(mapper)
            }
            hotMapper?._withUnsafeGuaranteedRef { $0.map(row, into: &mapped) }
            if mapped.hasErrors { rejectedRows += 1; return }
            byYearOffice.fold(mapped.record)
            distinctByOffice.fold(mapped.record)
        }

        /// The three columns the query reads, as `impact query`'s sink asks (the reader
        /// still parses and checks the others, and copies none of their bytes).
        func columnsToKeep(_ columns: ColumnTable) -> [Bool]? { RowMapper.mappedColumns(of: definition, in: columns) }

        mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws { malformedRows += 1 }
        mutating func finding(_ finding: Finding) throws {}

        /// As `impact query`'s sink: the part's distinct keys handed over before the merge.
        mutating func partRead() {
            byYearOffice.flushPending()
            distinctByOffice.flushPending()
        }
    }

    /// Runs the query sequentially; returns the two result tables.
    static func run(path: String) throws -> (QueryTable, QueryTable, rejected: Int) {
        let definition = try definition(path: path)
        let (a, b) = try specs()
        var sink = Sink(definition: definition, path: path,
                        byYearOffice: try QueryEngine(a, schema: definition.schema),
                        distinctByOffice: try QueryEngine(b, schema: definition.schema))
        _ = try SourceReader.read(path: path, format: .csv(CSVOptions()), into: &sink)
        return (sink.byYearOffice.table(), sink.distinctByOffice.table(), sink.malformedRows + sink.rejectedRows)
    }

    /// Runs the query in `parts` parts on every core: one sink (mapper and engines) per part, merged in file order.
    static func runParallel(path: String, parts: Int) throws -> (QueryTable, QueryTable, rejected: Int) {
        let definition = try definition(path: path)
        let (a, b) = try specs()
        let byYearOffice = try QueryEngine(a, schema: definition.schema)
        let distinctByOffice = try QueryEngine(b, schema: definition.schema)
        // The distinct persons in one table shared by the parts, as `impact query` does.
        let shared = distinctByOffice.sharingDistinctKeys()
        let outcome = try ParallelReader.read(path: path, format: .csv(CSVOptions()), parts: parts) { _, n in
            Sink(definition: definition, path: path, byYearOffice: byYearOffice,
                 distinctByOffice: n > 1 ? shared : distinctByOffice)
        }
        guard var merged = outcome.sinks.first else { throw BenchError(description: "no part was read") }
        for sink in outcome.sinks.dropFirst() {
            merged.byYearOffice.merge(sink.byYearOffice)
            merged.distinctByOffice.merge(sink.distinctByOffice)
            merged.malformedRows += sink.malformedRows
            merged.rejectedRows += sink.rejectedRows
        }
        return (merged.byYearOffice.table(), merged.distinctByOffice.table(), merged.malformedRows + merged.rejectedRows)
    }

    /// A short digest both tables reduce to, the same for every tool:
    /// `groups=G rows=R distinct=D` (year-office groups, rows counted, sum of
    /// distinct persons per office).
    static func digest(_ byYearOffice: QueryTable, _ distinctByOffice: QueryTable) -> String {
        let rows = byYearOffice.rows.reduce(0) { $0 + (Int($1.last ?? "") ?? 0) }
        let distinct = distinctByOffice.rows.reduce(0) { $0 + (Int($1.last ?? "") ?? 0) }
        return "groups=\(byYearOffice.rows.count) rows=\(rows) distinct=\(distinct)"
    }
}
