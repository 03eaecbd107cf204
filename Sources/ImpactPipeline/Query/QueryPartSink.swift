import ImpactCore
import ImpactIngest

/// One part of a raw export read for `impact query`: maps, checks and folds
/// its records into its own engine. Parts read side by side on all cores are
/// merged in file order (`merge`), giving what one sequential read gives.
struct QueryPartSink: RecordSink, Sendable {
    let definition: SourceDefinition
    let file: String
    let asOf: Day
    var engine: QueryEngine
    private(set) var mapper: RowMapper?
    private(set) var validator: SourceValidator?
    private(set) var fileFindings: [Finding] = []

    init(definition: SourceDefinition, file: String, asOf: Day, engine: QueryEngine) {
        self.definition = definition
        self.file = file
        self.asOf = asOf
        self.engine = engine
    }

    private mutating func stages(_ row: RowBuffer) throws -> (RowMapper, SourceValidator) {
        if let mapper, let validator { return (mapper, validator) }
        let mapper = RowMapper(definition: definition, columns: row.columns, file: file)
        try mapper.checkHeader(hint: PreambleHint.hint(definition: definition, file: file, delimiter: row.valueSeparator))
        let validator = try SourceValidator(definition: definition, file: file, asOf: asOf)
        self.mapper = mapper
        self.validator = validator
        return (mapper, validator)
    }

    /// The part's distinct keys handed over, their batches let go (before the merge).
    mutating func partRead() { engine.flushPending() }

    /// The columns the mapper reads (the source's fields): the reader need not copy the others.
    func columnsToKeep(_ columns: ColumnTable) -> [Bool]? { RowMapper.mappedColumns(of: definition, in: columns) }

    /// One mapped row reused for every row (no array allocated per row).
    private var mapped = MappedRow(record: Record(line: 0, values: []), findings: [])
    /// The findings of the row at hand, emptied and reused for every row.
    private var rowFindings: [Finding] = []

    /// Unretained views of `mapper` and `validator` (which keep them alive): the
    /// per-row calls go through these without a retain and release each.
    private var hot: (mapper: Unmanaged<RowMapper>, validator: Unmanaged<SourceValidator>)?

    mutating func record(_ row: RowBuffer) throws {
        if hot == nil {
            let (mapper, validator) = try stages(row)
            hot = (.passUnretained(mapper), .passUnretained(validator))
        }
        guard let hot else { return }
        if hot.validator._withUnsafeGuaranteedRef({ validator in
            hot.mapper._withUnsafeGuaranteedRef { validator.rejectWhole(row, mapper: $0) }
        }) != nil { return }
        hot.mapper._withUnsafeGuaranteedRef { $0.map(row, into: &mapped) }
        if !rowFindings.isEmpty { rowFindings.removeAll(keepingCapacity: true) }
        let outcome = hot.validator._withUnsafeGuaranteedRef { $0.check(mapped, row: nil, findings: &rowFindings) }
        if outcome != .rejected { engine.fold(mapped.record) }
    }

    mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws {
        _ = try stages(row)
        validator?.rejectMalformed([finding])
    }

    mutating func finding(_ finding: Finding) throws {
        fileFindings.append(finding)
    }

    var tally: SourceTally { validator?.tally ?? SourceTally() }
    var summary: FindingSummary { validator?.summary ?? FindingSummary() }

    /// The parts' results as one: engines merged in order, counts added.
    /// `repeated[i]`: findings of part `i` that reading in one piece does not give.
    static func merged(_ parts: [QueryPartSink], format: SourceFormat, repeated: [[Finding]] = [],
                       path: String) -> (QueryEngine, SourceReport)? {
        guard var engine = parts.first?.engine else { return nil }
        var tally = SourceTally()
        var summary = FindingSummary()
        var findings: [Finding] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { engine.merge(part.engine) }
            tally = tally + part.tally
            summary.merge(part.summary)
            findings += part.fileFindings.leavingOut(index < repeated.count ? repeated[index] : [])
        }
        let report = SourceReport(name: parts.first?.definition.name ?? "query", path: path, format: format,
                                  fingerprint: nil, tally: tally, excluded: 0,
                                  droppedColumns: inFileOrder(parts.compactMap { $0.mapper?.droppedColumns }, format),
                                  identifyingColumns: inFileOrder(parts.compactMap { $0.mapper?.identifyingColumns }, format),
                                  summary: summary, fileFindings: findings, rejectedFile: nil)
        return (engine, report)
    }

    /// The names any part listed, in the order the file's columns are (a JSON
    /// part lists the names it met; the parts of a CSV file list the same).
    private static func inFileOrder(_ lists: [[String]], _ format: SourceFormat) -> [String] {
        let listed = Set(lists.joined())
        return format.columns.filter { listed.contains($0) }
    }
}
