import Foundation
import ImpactCore
import ImpactIngest

/// Streams one source through mapping, checks, the rejected-rows file and the
/// source's `where`, handing each accepted record in scope to `consume`.
///
/// It holds no rows: the mapper, validator and writer are built when the
/// reader's columns are known (at the first record), and every record is
/// handled as it arrives.
final class SourceProcessor: RecordSink {
    let definition: SourceDefinition
    /// The data file's path as findings report it.
    let file: String
    let asOf: Day
    let relationships: [RelationshipTarget: RelationshipIndex]
    let rejectedFolder: String?
    let consume: (Record) throws -> Void
    /// (index, count) when this processor reads one part of a source split across cores.
    let part: (index: Int, of: Int)?
    /// Text fields nothing downstream of this processor reads (`RowMapper`'s `unread`).
    let unread: Set<String>
    /// About how many rows this processor will see (a part of a split file), when known.
    private var expectedRows: Int?
    /// Called for every accepted record before the `where` (relationship keys are taken from all of them).
    let observeAccepted: (Record) -> Void
    private let whereFilter: CompiledFilter?
    /// Rows the `where` left out whose value is one of its text literals in another case.
    private(set) var nearMisses: WhereNearMisses?
    /// `fill_down:`: empty values taken from the row above (the source is read in one piece).
    private(set) var fillDown: FillDown?
    /// Whether `fillDown` and `nearMisses` are there, read once a row as constants: a `var`
    /// of a class read a row costs the run a dynamic exclusivity check (`swift_beginAccess`).
    private let fillsDown: Bool
    private let watchesWhere: Bool

    private(set) var mapper: RowMapper?
    private(set) var validator: SourceValidator?
    private var rejected: RejectedRowsWriter?
    /// The columns the reader knew at the first row (a JSON reader meets more as it goes).
    private var columnsAtStart = 0
    /// Accepted rows that the source's `where` leaves out.
    var excluded: Int { rowState.pointee.excluded }
    /// Findings not tied to a row (an empty file, a header problem).
    private(set) var fileFindings: [Finding] = []
    /// Warnings of accepted rows, for the run's report (bounded by the validator's summary).
    private(set) var setupError: Error?

    init(definition: SourceDefinition, file: String, asOf: Day,
         relationships: [RelationshipTarget: RelationshipIndex], rejectedFolder: String?,
         part: (index: Int, of: Int)? = nil, unread: Set<String> = [],
         observeAccepted: @escaping (Record) -> Void = { _ in },
         consume: @escaping (Record) throws -> Void) throws(ConfigError) {
        self.definition = definition
        self.file = file
        self.asOf = asOf
        self.relationships = relationships
        self.rejectedFolder = rejectedFolder
        self.observeAccepted = observeAccepted
        self.consume = consume
        self.part = part
        self.unread = unread
        fillDown = FillDown(definition)
        fillsDown = !definition.fillDown.isEmpty
        if let text = definition.whereText {
            do {
                let filter = try FilterExpression.parse(text).compile(against: definition.schema)
                whereFilter = filter
                let misses = WhereNearMisses(filter, schema: definition.schema)
                nearMisses = misses.isEmpty ? nil : misses
                watchesWhere = !misses.isEmpty
            } catch {
                throw ConfigError(line: definition.whereLine, "where of source '\(definition.name)', column \(error.column): \(error.message)")
            }
        } else {
            whereFilter = nil
            watchesWhere = false
        }
    }

    /// The columns the mapper maps (the source's fields, all a rejected-rows file
    /// shows): the reader need not copy the others, identifying ones included. The
    /// duplicate check's hash still covers every column (`hashesRowsAsRead`).
    func columnsToKeep(_ columns: ColumnTable) -> [Bool]? { RowMapper.mappedColumns(of: definition, in: columns) }

    /// Text fields nothing reads (`unread`) are wanted only for a rejected row's values: the
    /// reader may leave them unparsed on a line until then.
    func columnsReadInEveryRow(_ columns: ColumnTable) -> [Bool]? {
        unread.isEmpty ? nil : RowMapper.columnsReadInEveryRow(of: definition, in: columns, unread: unread)
    }

    var hashesRowsAsRead: Bool { definition.checksDuplicates }

    /// Builds the per-source stages once the reader's column table exists.
    private func stages(for row: RowBuffer) throws -> (RowMapper, SourceValidator) {
        if let mapper, let validator { return (mapper, validator) }
        let mapper = RowMapper(definition: definition, columns: row.columns, file: file, unread: unread)
        try mapper.checkHeader(hint: PreambleHint.hint(definition: definition, file: file, delimiter: row.valueSeparator))
        let validator = try SourceValidator(definition: definition, file: file, asOf: asOf, relationships: relationships,
                                            expectedRows: expectedRows, defersRepeatWarnings: true)
        if let rejectedFolder {
            rejected = try RejectedRowsWriter(outputDirectory: rejectedFolder, source: definition.name, mapper: mapper, part: part)
        }
        self.mapper = mapper
        self.validator = validator
        columnsAtStart = row.columns.count
        return (mapper, validator)
    }

    /// What every row touches, in memory of its own behind a `let` pointer (a
    /// class's stored `var` costs a dynamic exclusivity check at each access): the
    /// rows the `where` left out, and unretained views of `mapper` and `validator`
    /// (which keep them alive), so that the per-row calls cost no retain and release.
    private struct RowState {
        var excluded = 0
        var hot: (mapper: Unmanaged<RowMapper>, validator: Unmanaged<SourceValidator>)?
    }
    private let rowState = CacheLineMemory.holding(RowState())
    /// One mapped row and one findings array reused for every row: moved out of their
    /// memory for the row and back after it (no copy, no retain, no empty stand-in).
    private let reusedRow = CacheLineMemory.holding(MappedRow(record: Record(line: 0, values: []), findings: []))
    private let reusedFindings = CacheLineMemory.holding([Finding]())

    deinit {
        CacheLineMemory.release(rowState)
        CacheLineMemory.release(reusedRow)
        CacheLineMemory.release(reusedFindings)
    }

    func record(_ row: RowBuffer) throws {
        let state = rowState
        if state.pointee.hot == nil {
            let (mapper, validator) = try stages(for: row)
            state.pointee.hot = (.passUnretained(mapper), .passUnretained(validator))
        }
        guard let hot = state.pointee.hot else { return }
        if let finding = hot.validator._withUnsafeGuaranteedRef({ validator in
            hot.mapper._withUnsafeGuaranteedRef { validator.rejectWhole(row, mapper: $0) }
        }) {
            try rejected?.write(findings: [finding], row: row)
            return
        }
        // Passed on from locals, the reused row and findings are borrowed, not retained.
        var mapped = reusedRow.move()
        var rowFindings = reusedFindings.move()
        do {
            try handle(row, hot, &mapped, &rowFindings)
        } catch {
            reusedRow.initialize(to: consume mapped)
            reusedFindings.initialize(to: consume rowFindings)
            throw error
        }
        reusedRow.initialize(to: consume mapped)
        reusedFindings.initialize(to: consume rowFindings)
    }

    @inline(__always)
    private func handle(_ row: RowBuffer, _ hot: (mapper: Unmanaged<RowMapper>, validator: Unmanaged<SourceValidator>),
                        _ mapped: inout MappedRow, _ rowFindings: inout [Finding]) throws {
        hot.validator._withUnsafeGuaranteedRef { $0.prepare(row) }
        hot.mapper._withUnsafeGuaranteedRef { $0.map(row, into: &mapped) }
        if fillsDown { fillDown?.apply(&mapped.record) }
        if !rowFindings.isEmpty { rowFindings.removeAll(keepingCapacity: true) }
        let outcome = hot.validator._withUnsafeGuaranteedRef { $0.check(mapped, row: row, findings: &rowFindings) }
        if outcome == .rejected {
            try rejected?.write(findings: rowFindings.filter { $0.severity == .error }, row: row)
            return
        }
        observeAccepted(mapped.record)
        if let whereFilter, !whereFilter.matches(mapped.record) {
            rowState.pointee.excluded += 1
            if watchesWhere { nearMisses?.leftOut(mapped.record) }
            return
        }
        try consume(mapped.record)
    }

    func malformed(_ row: RowBuffer, _ finding: Finding) throws {
        let (mapper, validator) = try stages(for: row)
        mapper.resolve()
        validator.rejectMalformed([finding])
        try rejected?.write(findings: [finding], row: row)
    }

    func finding(_ finding: Finding) throws {
        fileFindings.append(finding)
    }

    /// The reader's hint before a part: the stages, built at the first row, size their tables from it.
    func expectRecords(_ count: Int) {
        expectedRows = count
    }

    /// Takes in the processor of the next part of the same source (read on
    /// another core): counts, findings and rejected rows follow this one's.
    /// Returns false, merging nothing, when the parts' rows meet across the cut
    /// (see `SourceValidator.merge(following:)`): the source must be read in one piece.
    /// `repeated`: findings of `other` that reading in one piece does not give (left out).
    func merge(following other: SourceProcessor, repeated: [Finding] = []) throws(RejectedRowsError) -> Bool {
        // A JSON reader meets names as they come: the parts' report column lists and
        // rejected-rows columns are the one-piece reader's when each part knew every
        // name at its first row and the parts met the same names in the same order.
        if let mine = mapper, let theirs = other.mapper,
           mine.columns.count != columnsAtStart || theirs.columns.count != other.columnsAtStart
            || mine.columns.names != theirs.columns.names { return false }
        if let theirs = other.validator {
            if let validator {
                guard validator.merge(following: theirs) else { return false }
            } else {
                (mapper, validator) = (other.mapper, theirs)
            }
        }
        if let theirs = other.rejected {
            if let rejected { try rejected.append(theirs) } else { rejected = theirs }
        }
        other.rejected = nil
        rowState.pointee.excluded += other.excluded
        if let theirs = other.nearMisses { nearMisses?.merge(theirs) }
        fileFindings += other.fileFindings.leavingOut(repeated)
        return true
    }

    /// Ends the checks that answer after the read (repeated rows, when they are
    /// warnings), every part merged in: before `tally` and `summary` are read.
    func finishChecks() {
        validator?.resolveRepeats()
    }

    /// Renames the rejected-rows file into place; returns its path when rows were rejected.
    func finish() throws -> String? {
        try rejected?.finish()
    }

    func cancel() {
        rejected?.cancel()
    }

    var tally: SourceTally { validator?.tally ?? SourceTally() }
    var summary: FindingSummary { validator?.summary ?? FindingSummary() }
}
