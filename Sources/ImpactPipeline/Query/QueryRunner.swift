import Foundation
import ImpactCore
import ImpactIngest

/// What `impact query` was asked: a raw export, or a source of a pipeline
/// (then read with the pipeline's mapping and checks, as `run` reads it).
public struct QueryRequest: Sendable {
    /// A file path, or a source name when `pipeline` is set.
    public var target: String
    public var pipeline: String?
    public var aggregates: [Aggregate]
    public var by: String?
    public var filter: String?
    public var asOf: Day
    public var delimiter: String?
    public var recordsKey: String?
    /// JSON: lists of name/value objects read as fields (`--pairs`).
    public var pairLists: [JSONPairList] = []
    /// JSON: a list inside each record whose objects are records of their own (`--each`).
    public var each: String?
    /// A raw export's numbers are written with a decimal comma (`--decimal ,`).
    public var decimalComma = false
    /// A raw export's dates are written so (`--date-format`), or in ISO; nil: sniffed.
    public var dateFormat: String?
    /// A raw CSV export's lines above its header (`--preamble`); nil: none, unless line 1 is
    /// narrower than a later line that looks like the header (`CSVPreamble`).
    public var preamble: Int?
    public var maxGroups = BreakdownLimit.defaultMaxGroups
    /// `--sort COLUMN [desc]` and `--limit N`: the rows' order and how many are shown.
    public var sort: String?
    public var limit: Int?
    /// A raw export's `--by` may name a column whose header looks identifying (a
    /// name, a phone number: `IdentifyingHeader`), whose values would be printed as
    /// group labels. Refused unless this is set (`--show-identifying`).
    public var showIdentifying = false

    public init(target: String, pipeline: String? = nil, aggregates: [Aggregate], by: String?, filter: String?,
                asOf: Day, delimiter: String? = nil, recordsKey: String? = nil) {
        self.target = target
        self.pipeline = pipeline
        self.aggregates = aggregates
        self.by = by
        self.filter = filter
        self.asOf = asOf
        self.delimiter = delimiter
        self.recordsKey = recordsKey
    }
}

/// The answer: the table, and how the rows were used.
public struct QueryOutcome: Sendable {
    public var table: QueryTable
    public var source: SourceReport
    /// The fields a raw export was read with (empty for a pipeline source).
    public var fields: [SniffedColumn]
    /// What the user should know about how the export was read (dates that read with day
    /// and month either way), for stderr.
    public var warnings: [String] = []
}

public enum QueryRunner {
    /// A `--by` item over a column whose header looks identifying prints that column's
    /// values (survivors' names, phone numbers) as labels: refused, with what to do.
    /// Aggregates and `--where` over it print no value and stay allowed.
    static func refuseIdentifyingLabels(_ spec: QuerySpec, _ columns: [SniffedColumn], path: String) throws(PipelineError) {
        for item in spec.by {
            guard let column = columns.first(where: { $0.field == item.field }),
                  IdentifyingHeader.looksIdentifying(column.header) else { continue }
            throw .configuration("\(path): --by: '\(item.text)' would print the values of column '\(column.header)', "
                + "which looks like it identifies a person (a name, a phone number, an address, notes); "
                + "count it with --distinct \(item.field) instead, or pass --show-identifying to print them")
        }
    }

    public static func run(_ request: QueryRequest) throws(PipelineError) -> QueryOutcome {
        var spec: QuerySpec
        do {
            spec = try QuerySpec(aggregates: request.aggregates, by: request.by, filter: request.filter)
        } catch {
            let hint = request.pipeline == nil ? request.by.map(Self.headerNameHint) ?? "" : ""
            throw .configuration(error.description + hint)
        }
        spec.maxGroups = request.maxGroups
        var order: QueryOrder?
        do { order = try request.sort.map { text throws(QueryError) in try QueryOrder(text, header: spec.header) } } catch {
            throw .configuration(error.description)
        }
        if let pipelinePath = request.pipeline {
            let pipeline: PipelineDefinition
            do { pipeline = try PipelineDefinition.load(path: pipelinePath) } catch { throw .configuration(error.description) }
            guard let source = pipeline.source(named: request.target) else {
                throw .configuration("\(pipelinePath): no source '\(request.target)'; sources: \(pipeline.sources.map(\.name).joined(separator: ", "))")
            }
            let engine: QueryEngine
            do { engine = try QueryEngine(spec, schema: source.schema) } catch { throw .configuration(error.description) }
            // Folded as a run folds its metrics: the source (and those its checks refer to)
            // side by side, a large one in parts on every core.
            let computed = try Runner.compute(pipeline, asOf: request.asOf, rejectedFolder: nil, fold: false,
                                              only: source.name, alongside: QueryFold(source: source.name, engine: engine, fields: names(read: spec)),
                                              log: { _ in })
            guard let report = computed.sources.first(where: { $0.name == source.name }),
                  let folded = computed.alongside as? QueryFold else {
                throw .configuration("source '\(source.name)' was not read")
            }
            try checkGroups(folded.engine, request)
            return QueryOutcome(table: arranged(folded.engine.table(), order, request.limit), source: report, fields: [])
        }

        let path = request.target
        var format: InputFormat = .auto
        do {
            format = try SourceReader.resolve(path: path, format: .auto)
        } catch let error as IngestError {
            throw .configuration(error.description)
        } catch {
            throw .configuration("\(path): \(error)")
        }
        try refuseOptionsOfTheOtherFormat(request, format, path: path)
        if case .csv(var options) = format, let delimiter = request.delimiter {
            options.delimiter = delimiter == "\\t" || delimiter == "tab" ? 0x09 : delimiter.utf8.first
            format = .csv(options)
        }
        if case .json(var options) = format, request.recordsKey != nil || !request.pairLists.isEmpty || request.each != nil {
            options.recordsKey = request.recordsKey ?? options.recordsKey
            options.pairLists = request.pairLists
            options.each = request.each
            format = .json(options)
        }
        if case .csv(var options) = format, let preamble = request.preamble {
            options.preambleLines = preamble
            format = .csv(options)
        }
        let columns: [SniffedColumn]
        var preambleFound: String?
        do {
            var sniffed = try SchemaSniffer.sniffFile(path: path, format: format, typing: Self.names(read: spec),
                                                      decimalComma: request.decimalComma, dateFormat: request.dateFormat)
            if request.preamble == nil, let found = CSVPreamble.found(path: path, format: format, sampled: sniffed) {
                format = found.format
                preambleFound = found.warning
                sniffed = try SchemaSniffer.sniffFile(path: path, format: format, typing: Self.names(read: spec),
                                                      decimalComma: request.decimalComma, dateFormat: request.dateFormat)
            }
            columns = sniffed.columns
        } catch let error as IngestError {
            throw .configuration(error.description)
        } catch {
            throw .configuration("\(path): \(error)")
        }
        if !request.showIdentifying { try refuseIdentifyingLabels(spec, columns, path: path) }
        let definition: SourceDefinition
        do {
            let isJSON = { if case .json = format { return true } else { return false } }()
            definition = try SchemaSniffer.definition(name: "query", path: path, columns: Self.read(columns, by: spec),
                                                      delimiter: isJSON ? nil : request.delimiter.map { $0 == "\\t" ? "tab" : $0 },
                                                      recordsKey: isJSON ? request.recordsKey : nil,
                                                      decimalComma: request.decimalComma)
        } catch {
            throw .configuration("\(path): \(error.message)")
        }
        let engine: QueryEngine
        do { engine = try QueryEngine(spec, schema: definition.schema) } catch {
            // No column at all: the file's own problem, not the field's name.
            if columns.isEmpty {
                throw .configuration("\(path): error: the file has no columns (it is empty, or holds no header line), so it has no field to query (export the data again, with a header line)")
            }
            // An unknown name's error lists the fields already (every column is kept then).
            let listed = error.description.contains(" fields are: ")
            throw .configuration(error.description + (listed ? "" : "; the fields of \(path) are: " + columns.map(\.field).joined(separator: ", "))
                                 + SniffedColumn.typeHints(columns))
        }
        // Every core: a CSV or JSON Lines file is cut at record boundaries into more parts
        // than cores, each folded into its own engine as a thread takes it; the merge in
        // file order equals one sequential read.
        // Distinct keys go to one table shared by the parts (each key held once).
        let shared = engine.sharingDistinctKeys()
        let outcome: ParallelReader.Outcome<QueryPartSink>
        do {
            outcome = try ParallelReader.read(path: path, format: format, parts: ParallelReader.queryParts) { _, parts in
                QueryPartSink(definition: definition, file: path, asOf: request.asOf, engine: parts > 1 ? shared : engine)
            }
        } catch let error as IngestError {
            throw .configuration(error.description)
        } catch let error as ConfigError {
            throw .configuration(error.description)
        } catch {
            throw .configuration("\(path): \(error)")
        }
        guard let (merged, report) = QueryPartSink.merged(outcome.sinks, format: outcome.format, repeated: outcome.repeated, path: path) else {
            throw .configuration("\(path): nothing was read")
        }
        try SourceIngest.requireWhole(report.fileFindings, source: path)
        try checkGroups(merged, request)
        var answer = QueryOutcome(table: merged.table(), source: report, fields: columns)
        answer.warnings = [preambleFound].compactMap { $0 } + ambiguousDates(columns, spec, path: path) + spellings(answer.table, spec)
        answer.table = arranged(answer.table, order, request.limit)
        return answer
    }

    /// Options of a CSV read on a JSON file, or of a JSON read on a CSV file, would be left
    /// out without a word (`--each survivors` on a CSV export counts its rows as they are).
    static func refuseOptionsOfTheOtherFormat(_ request: QueryRequest, _ format: InputFormat, path: String) throws(PipelineError) {
        let named: [String]
        let other: String
        switch format {
        case .csv:
            named = [request.recordsKey.map { _ in "--records-key" }, request.pairLists.isEmpty ? nil : "--pairs",
                     request.each.map { _ in "--each" }].compactMap { $0 }
            other = "JSON"
        case .json:
            named = [request.delimiter.map { _ in "--delimiter" }, request.preamble.map { _ in "--preamble" }].compactMap { $0 }
            other = "CSV"
        case .auto:
            return
        }
        guard !named.isEmpty else { return }
        throw .configuration("\(path): \(named.joined(separator: ", ")) \(named.count == 1 ? "is" : "are") for \(other) exports, "
            + "and this file is read as \(other == "JSON" ? "CSV" : "JSON"); leave \(named.count == 1 ? "it" : "them") out")
    }

    /// The answer's rows in `order` (nil: by their groups), the first `limit` of them.
    static func arranged(_ table: QueryTable, _ order: QueryOrder?, _ limit: Int?) -> QueryTable {
        let sorted = order.map { table.sorted($0) } ?? table
        return limit.map { sorted.limited($0) } ?? sorted
    }

    /// A `--by` field's groups that are one value written differently (`Mumbai`, `mumbai`).
    static func spellings(_ table: QueryTable, _ spec: QuerySpec) -> [String] {
        var out: [String] = []
        for (position, item) in spec.by.enumerated() where item.function == .field && position < table.keyColumns {
            // The most common spelling first: weighed by the first aggregate (a count, usually).
            let weights = table.rows.map { $0.count > table.keyColumns ? Double($0[table.keyColumns]) ?? 0 : 0 }
            for spellings in GroupSpellings.variants(table.rows.map { $0[position] }, weights: weights) {
                out.append("--by \(item.field): " + GroupSpellings.advice(field: item.field, spellings: spellings, who: "a pipeline would"))
            }
        }
        return out
    }

    /// Dates read with day and month in the order the sniffing chose, when the samples read
    /// the other way too (`SniffedColumn.alsoReadsAs`) and the query uses more than the year:
    /// a month, a quarter, a fiscal year, a filter or an aggregate over the field.
    static func ambiguousDates(_ columns: [SniffedColumn], _ spec: QuerySpec, path: String) -> [String] {
        let others = Set(spec.by.filter { $0.function != .year }.map(\.field) + spec.aggregates.flatMap(\.fields))
        let filtered = filterFields(spec) ?? []
        return columns.compactMap { column in
            guard let format = column.dateFormat, let other = column.alsoReadsAs,
                  others.contains(column.field) || filtered.contains(column.field) else { return nil }
            return "\(path): '\(column.field)' was read as \(format), but its sampled values read as \(other) too "
                + "(none has a day above 12), as other days; if the export writes the month first, pass --date-format \(other)"
        }
    }

    /// For `--by` items written as a raw export's headers (`group_intake/district`,
    /// `Rescued On`): the field names to write instead, as the fields are named from headers.
    static func headerNameHint(_ by: String) -> String {
        var renames: [String] = []
        for item in ByExpression.items(by) {
            var text = item.text.trimmingCharacters(in: .whitespaces)
            if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
                text = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingCharacters(in: .whitespaces)
            }
            let field = SchemaSniffer.identifier(text)
            if !text.isEmpty, !FieldNameRule.isName(text), FieldNameRule.isName(field) { renames.append("'\(text)' is \(field)") }
        }
        guard !renames.isEmpty else { return "" }
        return "; a raw export's fields are named from its headers in lower case with '_': " + renames.joined(separator: ", ")
    }

    /// The columns of a raw export the query reads: those its aggregates, `--by`
    /// and `--where` name. A value the query does not use is never parsed, so it
    /// neither costs time nor rejects its row (a typo in `age` does not take a row
    /// out of a count by office). When a name matches no column, every column is
    /// kept, so that the error lists them all.
    static func read(_ columns: [SniffedColumn], by spec: QuerySpec) -> [SniffedColumn] {
        guard let names = names(read: spec) else { return columns }
        let kept = columns.filter { names.contains($0.field) }
        return Set(kept.map(\.field)).count == names.count ? kept : columns
    }

    /// The field names the query's aggregates, `--by` and `--where` name (nil when the
    /// `--where` text does not parse: its error comes from the engine).
    static func names(read spec: QuerySpec) -> Set<String>? {
        guard let filtered = filterFields(spec) else { return nil }
        return Set(spec.aggregates.flatMap(\.fields) + spec.by.map(\.field)).union(filtered)
    }

    /// The field names `--where` names (none without one); nil when it does not parse.
    static func filterFields(_ spec: QuerySpec) -> Set<String>? {
        guard let filter = spec.filter else { return [] }
        return (try? FilterExpression.parse(filter)).map { Set($0.fieldNames) }
    }

    static func checkGroups(_ engine: QueryEngine, _ request: QueryRequest) throws(PipelineError) {
        guard engine.groupLimitExceeded else { return }
        throw .configuration("--by \(request.by ?? ""): more than \(request.maxGroups) groups; a breakdown by such a field "
            + "lists nearly every row (use --distinct for it), or raise --max-groups on purpose")
    }
}
