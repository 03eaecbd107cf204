/// The outcome of one row: accepted (a record, maybe with warnings) or
/// rejected (no record; its findings say why).
public struct RowVerdict: Sendable {
    /// The record when the row is accepted.
    public var record: Record?
    /// Every finding of the row, errors and warnings, in field then check order.
    public var findings: [Finding]

    public var isAccepted: Bool { record != nil }
    public var errors: [Finding] { findings.filter { $0.severity == .error } }
    public var warnings: [Finding] { findings.filter { $0.severity == .warning } }
}

/// Runs a source's checks over its stream of mapped rows, in order. Stateful:
/// `unique` keeps one key (and its first line) per accepted row, `duplicate`
/// one 64-bit hash per row; nothing else is held. Counts every row in `tally`
/// and every finding in `summary`.
///
/// Made with `defersRepeatWarnings`, a `duplicate` check whose findings are
/// warnings logs each row (`RepeatLog`) and finds the repeats in
/// `resolveRepeats()`, which must run before `tally` and `summary` are read: a
/// warning changes no row's fate, and finding repeats after the read costs a
/// fraction of looking each row up as it comes.
public final class SourceValidator: @unchecked Sendable {
    public let definition: SourceDefinition
    public let file: String
    public let asOf: Day
    public var tally: SourceTally { hot.pointee.tally }
    public private(set) var summary = FindingSummary()

    /// The state every row touches, in memory of its own behind a `let` pointer:
    /// a class's stored `var` costs a dynamic exclusivity check at each access.
    private struct Hot {
        var tally = SourceTally()
        var rowHashes = RowHashTable()
        /// The hash `prepare` made of the row at hand, and that row's line (-1: none).
        var preparedHash: UInt64 = 0
        var preparedLine = -1
        /// Appends to the first of `repeatLogs` (which keeps it valid) when the `duplicate` check is deferred.
        var repeats: RepeatLog.Appender?
    }
    private let hot = CacheLineMemory.holding(Hot())

    deinit { CacheLineMemory.release(hot) }

    private let compiled: [CompiledCheck]
    /// Each check's `step`, side by side (plain values: no reference to retain per row).
    private let steps: [CompiledCheck.Step]
    private var uniqueKeys: [[String: Int32]]
    /// The row hashes of the parts merged into this one (`merge(following:)`), kept
    /// apart: inserting one table's hashes into another in slot order would pile
    /// them into long probe runs.
    private var followingRowHashes: [RowHashTable] = []
    /// Whether a `duplicate` check runs (then `prepare` hashes the row ahead of the checks).
    private let checksDuplicates: Bool
    /// The rows the `duplicate` check looks at after the read (`defersRepeatWarnings`),
    /// this validator's, then those of the parts merged into it, in file order.
    private var repeatLogs: [RepeatLog] = []
    /// The `duplicate` check, when it is deferred.
    private let deferredDuplicate: CompiledCheck?

    /// `relationships` holds an index for each of `definition.relationshipTargets`;
    /// a missing one is a set-up error. `expectedRows` (a part of a split file) sizes
    /// the `duplicate` check's table (or log) once, at the size it would grow to.
    /// `defersRepeatWarnings`: a `duplicate` check of severity warning finds repeats
    /// in `resolveRepeats()`, not per row (`check` then leaves its finding out).
    public init(definition: SourceDefinition, file: String, asOf: Day,
                relationships: [RelationshipTarget: RelationshipIndex] = [:], expectedRows: Int? = nil,
                defersRepeatWarnings: Bool = false) throws(ConfigError) {
        self.definition = definition
        self.file = file
        self.asOf = asOf
        var compiled: [CompiledCheck] = []
        var uniqueCount = 0
        for rule in definition.checks {
            let check = try CompiledCheck(rule, schema: definition.schema, asOf: asOf,
                                          relationships: relationships, uniqueIndex: uniqueCount)
            if case .unique = rule.rule { uniqueCount += 1 }
            compiled.append(check)
        }
        self.compiled = compiled
        checksDuplicates = definition.checksDuplicates
        let duplicate = compiled.first { $0.rule.rule == .duplicate }
        if defersRepeatWarnings, let duplicate, duplicate.rule.severity == .warning {
            deferredDuplicate = duplicate
            let log = RepeatLog(expectedRows: expectedRows)
            repeatLogs = [log]
            hot.pointee.repeats = log.appender
            // The check's per-row step is the log's append, after the other checks.
            steps = compiled.map { $0 === duplicate ? .none : $0.step }
        } else {
            deferredDuplicate = nil
            steps = compiled.map(\.step)
            if checksDuplicates, let expectedRows, expectedRows > 0 { hot.pointee.rowHashes = RowHashTable(rows: expectedRows) }
        }
        uniqueKeys = Array(repeating: [:], count: uniqueCount)
    }

    /// Hashes `row` for the `duplicate` check before it is mapped and asks for the
    /// table slot it will look at, so that the slot arrives while the row is mapped
    /// (one cache miss a row otherwise, at a million rows and more). Optional.
    @inline(__always)
    public func prepare(_ row: RowBuffer) {
        guard checksDuplicates else { return }
        let hash = RowHash.of(row)
        hot.pointee.preparedHash = hash
        hot.pointee.preparedLine = row.line
        if hot.pointee.repeats == nil { hot.pointee.rowHashes.prefetch(hash) }
    }

    /// Checks one mapped row. `row` is the buffer it was mapped from (for the
    /// `duplicate` check's hash); pass nil to skip that check.
    public func validate(_ mapped: MappedRow, row: RowBuffer?) -> RowVerdict {
        var findings: [Finding] = []
        let outcome = check(mapped, row: row, findings: &findings)
        return RowVerdict(record: outcome == .rejected ? nil : mapped.record, findings: findings)
    }

    /// What became of a row: `accepted` (no finding), `warned` (accepted with
    /// warnings) or `rejected`.
    public enum Outcome: Sendable {
        case accepted, warned, rejected
    }

    /// As `validate`, for a reader's hot path: the row's findings (the mapper's,
    /// then the checks') go into `findings`, which the caller empties and reuses;
    /// the record is `mapped.record` unless the row is rejected. Nothing is
    /// copied or allocated for a row that passes.
    public func check(_ mapped: borrowing MappedRow, row: RowBuffer?, findings: inout [Finding]) -> Outcome {
        if !mapped.findings.isEmpty { findings.append(contentsOf: mapped.findings) }
        // Made only when a `unique` key is met (an empty collection made and released per row
        // is a retain and a release for nothing).
        var pendingKeys: [(Int, String)]?
        // A field whose value did not parse is reported once, by `type`, not again as missing:
        // the findings before the checks are the mapper's.
        let typeFindings = findings.count
        // Each check's step is a plain value: a row that passes copies and retains nothing;
        // a check that may fire asks the check itself, which words the finding.
        for i in steps.indices {
            switch steps[i] {
            case .none:
                continue
            case .required(let slot):
                if !mapped.record[slot].isMissing { continue }
                let check = compiled[i]
                if typeFindings > 0 && findings[..<typeFindings].contains(where: { $0.field == (check.field ?? "") }) { continue }
                if let finding = check.evaluate(mapped.record, file: file) { findings.append(finding) }
            case .range(let slot, let min, let max):
                if CompiledCheck.passes(mapped.record[slot], min: min, max: max) { continue }
                if let finding = compiled[i].evaluate(mapped.record, file: file) { findings.append(finding) }
            case .order(let left, let op, let right):
                if CompiledCheck.passes(mapped.record[left], op, mapped.record[right]) { continue }
                if let finding = compiled[i].evaluate(mapped.record, file: file) { findings.append(finding) }
            case .evaluate:
                if let finding = compiled[i].evaluate(mapped.record, file: file) { findings.append(finding) }
            case .duplicate:
                guard let hash = preparedHash(row, line: mapped.record.line) else { continue }
                if let first = hot.pointee.rowHashes.firstLine(of: hash, elseRecord: mapped.record.line) {
                    findings.append(repeatFinding(compiled[i], line: mapped.record.line, first: Int(first)))
                }
            case .unique(let slot, let index):
                let value = mapped.record[slot]
                if value.isMissing { continue }
                let key = value.display
                if let first = uniqueKeys[index][key] {
                    let check = compiled[i]
                    findings.append(check.finding(file: file, line: mapped.record.line, field: check.field,
                        message: "'\(key)' already appears on line \(first)",
                        hint: "each row needs its own \(check.field ?? "id")"))
                } else {
                    if pendingKeys == nil { pendingKeys = [] }
                    pendingKeys?.append((index, key))
                }
            }
        }
        hot.pointee.tally.read += 1
        let outcome: Outcome
        if findings.isEmpty {
            if let pendingKeys {
                for (index, key) in pendingKeys { uniqueKeys[index][key] = Int32(clamping: mapped.record.line) }
            }
            hot.pointee.tally.accepted += 1
            outcome = .accepted
        } else {
            summary.add(contentsOf: findings)
            if findings.contains(where: { $0.severity == .error }) {
                hot.pointee.tally.rejected += 1
                outcome = .rejected
            } else {
                if let pendingKeys {
                    for (index, key) in pendingKeys { uniqueKeys[index][key] = Int32(clamping: mapped.record.line) }
                }
                hot.pointee.tally.accepted += 1
                hot.pointee.tally.warned += 1
                outcome = .warned
            }
        }
        if let repeats = hot.pointee.repeats, let hash = preparedHash(row, line: mapped.record.line) {
            repeats.append(hash: hash, line: mapped.record.line, outcome: outcome)
        }
        return outcome
    }

    /// The hash `prepare` made of the row on `line`, else the row's (nil without a row:
    /// no duplicate check). The row is not bound to a name on the way (a retain and a
    /// release a row).
    @inline(__always)
    private func preparedHash(_ row: RowBuffer?, line: Int) -> UInt64? {
        guard row != nil else { return nil }
        defer { hot.pointee.preparedLine = -1 }
        return hot.pointee.preparedLine == line ? hot.pointee.preparedHash : RowHash.of(row.unsafelyUnwrapped)
    }

    private func repeatFinding(_ check: CompiledCheck, line: Int, first: Int) -> Finding {
        check.finding(file: file, line: line, field: nil, message: "this row repeats line \(first) exactly",
                      hint: "remove the repeated row from the export")
    }

    /// Finds the repeated rows of a deferred `duplicate` check (every part merged in
    /// first) and counts them: a warning each, in line order, naming the first line; a
    /// repeat accepted without findings becomes warned. Does nothing when the check
    /// answers per row; once done, the logs are let go.
    public func resolveRepeats() {
        guard let deferredDuplicate, !repeatLogs.isEmpty else { return }
        for found in RepeatLog.repeats(in: repeatLogs) {
            summary.add(repeatFinding(deferredDuplicate, line: found.line, first: found.first))
            if found.outcome == .accepted { hot.pointee.tally.warned += 1 }
        }
        hot.pointee.repeats = nil
        repeatLogs = []
    }

    /// Takes in a validator that checked the rows right after this one's (the next
    /// part of a source read on several cores): counts and findings add up. Returns
    /// false, merging nothing, when the parts' rows meet across the cut (a row
    /// repeating one of this part's, when the `duplicate` check answers per row; a
    /// `unique` key this part accepted already): those checks would have said so
    /// reading in one piece, so the caller reads the source again in one piece. A
    /// deferred `duplicate` check takes the other part's log after its own
    /// (`resolveRepeats()` finds repeats across the cut). Merged validators check no further rows.
    public func merge(following other: SourceValidator) -> Bool {
        let theirs = other.hot.pointee.rowHashes
        if deferredDuplicate == nil,
           hot.pointee.rowHashes.overlaps(theirs) || followingRowHashes.contains(where: { $0.overlaps(theirs) }) {
            return false
        }
        for (mine, theirs) in zip(uniqueKeys, other.uniqueKeys) {
            let (small, large) = mine.count <= theirs.count ? (mine, theirs) : (theirs, mine)
            if small.keys.contains(where: { large[$0] != nil }) { return false }
        }
        hot.pointee.tally = tally + other.tally
        summary.merge(other.summary)
        if deferredDuplicate == nil { followingRowHashes.append(theirs) }
        repeatLogs += other.repeatLogs
        other.hot.pointee.repeats = nil
        other.repeatLogs = []
        for index in uniqueKeys.indices { uniqueKeys[index].merge(other.uniqueKeys[index]) { mine, _ in mine } }
        return true
    }

    /// Counts a row the reader could not read (a broken quote, a wrong field
    /// count): read and rejected, with the reader's findings.
    public func rejectMalformed(_ findings: [Finding]) {
        hot.pointee.tally.read += 1
        hot.pointee.tally.rejected += 1
        summary.add(contentsOf: findings)
    }

    /// Rejects a row a run rejects whole (`WholeRowCheck`: every field empty, a totals row,
    /// or the header again) with its one finding, returned for the rejected-rows file; nil for any other
    /// row, which is mapped and checked as usual. A blank row is never counted as a row,
    /// even in a source without required fields.
    /// Inlinable: the test is made for every row, the rejection seldom.
    @inlinable
    public func rejectWhole(_ row: RowBuffer, mapper: RowMapper) -> Finding? {
        if row.isBlank { return reject(.blank, line: row.line) }
        if row.isTotals { return reject(.totals, line: row.line) }
        if mapper.repeatsHeader(row) { return reject(.repeatedHeader, line: row.line) }
        return nil
    }

    @usableFromInline
    func reject(_ check: WholeRowCheck, line: Int) -> Finding {
        let finding = check.finding(file: file, line: line)
        rejectMalformed([finding])
        return finding
    }

    /// Adds findings not tied to a row (an empty file) to the summary.
    public func note(_ findings: [Finding]) {
        summary.add(contentsOf: findings)
    }
}
