/// A row after mapping: its typed record (a field that failed to parse holds
/// `.missing`) and the `type` findings of its fields.
public struct MappedRow: Sendable {
    public var record: Record
    public var findings: [Finding]

    public init(record: Record, findings: [Finding]) {
        self.record = record
        self.findings = findings
    }

    public var line: Int { record.line }
    /// Whether a finding of severity error rejects the row already.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// Maps one source's rows to records: resolves each canonical field to a
/// reader slot once (and again when a JSON reader's column table grows), then
/// reads only the mapped slots. Identifying and unmapped columns are never read.
public final class RowMapper: @unchecked Sendable {
    public let definition: SourceDefinition
    public let columns: ColumnTable
    /// The data file's name as findings report it.
    public let file: String

    /// One parser per schema field, in memory of their own: borrowed in place
    /// per field (reading one out of an array copied it, a retain and release per field).
    private let parsers: UnsafeMutablePointer<ValueParser>
    /// Per schema field, what the hot path reads (holding no reference, in memory of
    /// its own: read in place per field, no copy, no bounds check): the parser's
    /// `FastParse`, and whether the field is a text field nothing downstream reads
    /// (see `init`).
    private struct FieldPath {
        var fast: FastParse
        var unread: Bool
        /// A text field's recent short values (`SmallTextMemo`).
        var memo = SmallTextMemo()

        @inline(__always)
        mutating func parse(bytes: UnsafeRawBufferPointer) -> Value? {
            guard fast.type == .text else { return fast.parse(bytes: bytes) }
            return memo.value(bytes) { [fast] in fast.parse(bytes: $0) }
        }
    }
    private let paths: UnsafeMutablePointer<FieldPath>
    private let parserCount: Int
    private let typeSeverity: [Finding.Severity]
    private let identifyingNames: Set<String>
    /// Per schema field, the reader slot it maps (nil: none), and the column count it
    /// was resolved against: read for every row, so kept behind a `let` pointer (a
    /// class's stored `var` costs a dynamic exclusivity check at each access).
    private struct Resolution {
        var slots: [Int?]
        var resolvedCount = -1
    }
    private let resolution: UnsafeMutablePointer<Resolution>

    /// The first mapped column of a CSV source that the mapper reads (not a text field nothing
    /// reads, which the reader may leave unparsed: `RecordSink.columnsReadInEveryRow`), else
    /// the first mapped, and its header name's length in UTF-8 (-1: none): a row whose value
    /// there is as long may repeat the header. Apart from `Resolution` and inlinable, so that
    /// the sinks' per-row test costs no call.
    @usableFromInline struct HeaderProbe {
        @usableFromInline var slot = -1
        @usableFromInline var length = -1
    }
    @usableFromInline let headerProbe = CacheLineMemory.holding(HeaderProbe())
    private var slots: [Int?] { resolution.pointee.slots }

    /// Columns of the export no field maps (dropped as the row is read), in file order.
    public private(set) var droppedColumns: [String] = []
    /// Columns marked identifying that the export has (dropped as the row is read), in file order.
    public private(set) var identifyingColumns: [String] = []

    /// `unread` names text fields that no check, metric, filter or index of the
    /// caller reads: their plain-text values are not made into Strings, and the
    /// record holds `.missing` there. Text always parses, so no finding is lost; a
    /// list value (JSON) is still parsed, since it may not fit a text field.
    public init(definition: SourceDefinition, columns: ColumnTable, file: String, unread: Set<String> = []) {
        self.definition = definition
        self.columns = columns
        self.file = file
        let fields = definition.schema.fields
        let made = zip(fields, definition.columns).map { field, column in
            ValueParser(type: field.type,
                        dateFormats: column.dateFormats ?? definition.dateFormats,
                        missing: MissingMarkers(column.missing ?? definition.missing),
                        valueMap: column.valueMap,
                        decimalComma: definition.decimalComma,
                        listSeparator: definition.listSeparator)
        }
        parserCount = made.count
        parsers = .allocate(capacity: max(1, made.count))
        parsers.initialize(from: made, count: made.count)
        paths = .allocate(capacity: max(1, made.count))
        paths.initialize(from: zip(fields, made).map { field, parser in
            FieldPath(fast: parser.fast, unread: field.type == .text && unread.contains(field.name))
        }, count: made.count)
        typeSeverity = fields.map { field in
            definition.checks.last { $0.rule == .type(field: field.name) }?.severity ?? .error
        }
        identifyingNames = Set(definition.identifying.map(HeaderName.normalize))
        resolution = CacheLineMemory.holding(Resolution(slots: Array(repeating: nil, count: fields.count)))
        resolve()
    }

    deinit {
        parsers.deinitialize(count: parserCount)
        parsers.deallocate()
        for i in 0..<parserCount { paths[i].memo.release() }
        paths.deinitialize(count: parserCount)
        paths.deallocate()
        CacheLineMemory.release(resolution)
        CacheLineMemory.release(headerProbe)
    }

    /// Re-resolves field slots against the column table (cheap when it has not grown).
    @inline(__always)
    public func resolve() {
        if columns.count != resolution.pointee.resolvedCount { resolveColumns() }
    }

    /// `resolve` when the column table grew (its header, or a JSON key met late): out of
    /// line, so that the check made for every row stays small.
    @inline(never)
    private func resolveColumns() {
        resolution.pointee.resolvedCount = columns.count
        let slots = Self.slots(of: definition, in: columns.names, identifying: identifyingNames)
        resolution.pointee.slots = slots
        let read = slots.indices.lazy.filter { !self.paths[$0].unread }.compactMap { slots[$0] }.first
        let probe = definition.format == .csv ? read ?? slots.lazy.compactMap({ $0 }).first : nil
        headerProbe.pointee = HeaderProbe(slot: probe ?? -1, length: probe.map { columns.names[$0].utf8.count } ?? -1)
        let used = Set(slots.compactMap { $0 })
        identifyingColumns = columns.names.filter { identifyingNames.contains(HeaderName.normalize($0)) }
        droppedColumns = columns.names.enumerated().filter { index, name in
            !used.contains(index) && !identifyingNames.contains(HeaderName.normalize(name))
        }.map(\.element)
    }

    /// Per schema field, the column it maps in `names` (nil: none): the first of its
    /// headers found, an identifying header never.
    private static func slots(of definition: SourceDefinition, in names: [String], identifying: Set<String>) -> [Int?] {
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            let key = HeaderName.normalize(name)
            if positions[key] == nil { positions[key] = index }
        }
        return definition.columns.map { mapping in
            for header in mapping.headers {
                let key = HeaderName.normalize(header)
                if identifying.contains(key) { continue }
                if let position = positions[key] { return position }
            }
            return nil
        }
    }

    /// Which columns of `columns` some field of `definition` maps: what a reader's sink
    /// keeps (`RecordSink.columnsToKeep`); identifying and unmapped columns are left out.
    public static func mappedColumns(of definition: SourceDefinition, in columns: ColumnTable) -> [Bool] {
        columnsOf(definition, in: columns) { _ in true }
    }

    /// Of `mappedColumns`, those read in every row by a mapper told that the text fields
    /// `unread` are read by nothing (`init(unread:)`): the others' values are wanted only
    /// for a rejected row (`RecordSink.columnsReadInEveryRow`).
    public static func columnsReadInEveryRow(of definition: SourceDefinition, in columns: ColumnTable,
                                             unread: Set<String>) -> [Bool] {
        columnsOf(definition, in: columns) { field in !(field.type == .text && unread.contains(field.name)) }
    }

    /// The columns of `columns` that the fields of `definition` passing `include` map.
    private static func columnsOf(_ definition: SourceDefinition, in columns: ColumnTable,
                                  including include: (FieldSpec) -> Bool) -> [Bool] {
        let identifying = Set(definition.identifying.map(HeaderName.normalize))
        let slots = slots(of: definition, in: columns.names, identifying: identifying)
        let chosen = Set(zip(definition.schema.fields, slots).compactMap { field, slot in include(field) ? slot : nil })
        return columns.names.indices.map { chosen.contains($0) }
    }

    /// For CSV, once the header is read: every column the pipeline names must be
    /// in it. The error lists the headers found (the pipeline line is the mapping's),
    /// and `hint(absent)`'s words when it has some (where the header may be instead).
    public func checkHeader(hint: (([ColumnMapping]) -> String?)? = nil) throws(ConfigError) {
        resolve()
        let absent = definition.columns.enumerated().filter { i, mapping in mapping.isExplicit && slots[i] == nil }
        guard let first = absent.first?.element else { return try checkRequiredColumns() }
        let names = absent.map { _, m in
            // The header surely meant (case, separators, a group's prefix, one slip), when one alone is.
            let meant = m.headers.count == 1
                ? FieldNameSuggestion.meant(m.headers[0], among: columns.names).map { "; did you mean '\($0)'?" } ?? "" : ""
            return m.headers.count == 1 ? "'\(m.headers[0])' (for \(m.field)\(meant))"
                : "any of " + m.headers.map { "'\($0)'" }.joined(separator: ", ") + " (for \(m.field))"
        }
        let found = columns.names.map { "'\($0)'" }.joined(separator: ", ")
        let advice = hint?(absent.map(\.element)).map { "; " + $0 } ?? ""
        throw ConfigError(line: first.line,
                          "source '\(definition.name)': \(file) has no column \(names.joined(separator: "; ")); its headers are: \(found)\(advice)")
    }

    /// A CSV file without a column for a field every row needs (a `required` check of
    /// severity error), found by the field's own name: every row would be rejected for it,
    /// and the run would publish nothing but zeros. Stops the run at the header instead, with
    /// the headers and the `columns:` entries to write (a header holding the field's last word,
    /// `Rescue Date` for `date`, when one does).
    func checkRequiredColumns() throws(ConfigError) {
        guard definition.format == .csv else { return } // JSON keys come and go from record to record
        let required = Set(definition.checks.compactMap { check -> String? in
            if case .required(let field) = check.rule, check.severity == .error { return field }
            return nil
        })
        let absent = definition.columns.enumerated().filter { i, mapping in
            !mapping.isExplicit && slots[i] == nil && required.contains(mapping.field)
        }.map(\.element.field)
        guard !absent.isEmpty else { return }
        let found = columns.names.map { "'\($0)'" }.joined(separator: ", ")
        let entries = absent.map { field in "\(field): \(Self.likelyHeader(for: field, among: columns.names) ?? "<its header>")" }
        throw ConfigError(line: definition.line,
                          "source '\(definition.name)': \(file) has no column for \(absent.map { "'\($0)'" }.joined(separator: ", ")), "
                            + "which every row needs (a field without columns: is found by its own name); its headers are: \(found); "
                            + "map \(absent.count == 1 ? "it" : "them"): columns: { \(entries.joined(separator: ", ")) }")
    }

    /// The one header holding a field's last word (`date` in `Rescue Date`, `id` in
    /// `Survivor ID`), or nil when none does or several do.
    static func likelyHeader(for field: String, among headers: [String]) -> String? {
        guard let word = field.split(separator: "_").last?.lowercased() else { return nil }
        let matches = headers.filter { header in
            header.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0 == word }
        }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The reader slot of each schema field (nil when the export lacks it).
    public var fieldSlots: [Int?] {
        resolve()
        return slots
    }

    /// The header each mapped field was found under, in schema order (nil when absent).
    public var mappedHeaders: [String?] {
        fieldSlots.map { slot in slot.map { columns.names[$0] } }
    }

    /// Maps one row. Reads only mapped slots.
    public func map(_ row: RowBuffer) -> MappedRow {
        var mapped = MappedRow(record: Record(line: row.line, values: []), findings: [])
        map(row, into: &mapped)
        return mapped
    }

    /// Maps one row into `mapped`, reusing its storage: a reader's sink that keeps
    /// one `MappedRow` for every row allocates no array per row.
    public func map(_ row: RowBuffer, into mapped: inout MappedRow) {
        resolve()
        mapped.record.line = row.line
        if !mapped.findings.isEmpty { mapped.findings.removeAll(keepingCapacity: true) }
        let count = resolution.pointee.slots.count
        if mapped.record.values.count != count {
            mapped.record.values = Array(repeating: .missing, count: count)
        }
        // Each value overwritten in place: no emptying and refilling of the array per row.
        mapped.record.values.withUnsafeMutableBufferPointer { values in fill(values, &mapped.findings, row) }
    }

    @inline(__always)
    private func fill(_ values: UnsafeMutableBufferPointer<Value>, _ findings: inout [Finding], _ row: RowBuffer) {
        // In place through the pointer (a read copies the array out: a retain and a release a row).
        resolution.pointee.slots.withUnsafeMutableBufferPointer { slots in
            for i in 0..<slots.count {
                let path = paths + i
                guard let slot = slots[i], case let kind = row.kind(slot), kind != .missing,
                      !(path.pointee.unread && kind == .text) else {
                    Self.store(.missing, values.baseAddress.unsafelyUnwrapped + i)
                    continue
                }
                // The common case straight from the bytes (no String for dates and numbers).
                if let fast = row.withBytes(slot, { path.pointee.parse(bytes: $0) }) ?? nil {
                    Self.store(fast, values.baseAddress.unsafelyUnwrapped + i)
                    continue
                }
                switch parsers[i].parse(row.value(slot)) {
                case .success(let value):
                    values[i] = value
                case .failure(let problem):
                    values[i] = .missing
                    findings.append(Finding(file: file, line: row.line, field: definition.schema.fields[i].name,
                                            check: "type", message: problem.message, hint: problem.hint,
                                            severity: typeSeverity[i]))
                }
            }
        }
    }

    /// Puts `value` where the previous row's value was: a value holding no reference (a
    /// date, a number, missing: most of them) is written over, not destroyed first (an
    /// outlined call a field).
    @inline(__always)
    private static func store(_ value: consuming Value, _ place: UnsafeMutablePointer<Value>) {
        switch place.pointee {
        case .text, .list: place.pointee = value
        default: place.initialize(to: value)
        }
    }

    /// Whether a CSV row repeats the header: every mapped column holds its own header name
    /// (exports pasted one under another, headers and all). One length compared for most rows.
    @inlinable
    public func repeatsHeader(_ row: RowBuffer) -> Bool {
        let probe = headerProbe.pointee
        guard probe.slot >= 0 else { return false }
        if row.hasUnparsedColumns && row.kind(probe.slot) == .missing { return repeatsHeaderUnparsed(row) }
        guard row.withBytes(probe.slot, { $0.count }) == probe.length else { return false }
        return holdsHeaderNames(row)
    }

    /// `repeatsHeader` when the probe's column is among those the reader left unparsed (a
    /// source none of whose mapped fields is read: the probe falls back to the first mapped):
    /// the row's columns are parsed first.
    @usableFromInline @inline(never)
    func repeatsHeaderUnparsed(_ row: RowBuffer) -> Bool {
        row.readUnparsedColumns()
        let probe = headerProbe.pointee
        return row.withBytes(probe.slot, { $0.count }) == probe.length && holdsHeaderNames(row)
    }

    /// Out of line: a column whose values are as long as its header name (`id` and `P1`)
    /// comes here for every row.
    @usableFromInline @inline(never)
    func holdsHeaderNames(_ row: RowBuffer) -> Bool {
        let mapped = slots.lazy.compactMap { $0 }
        if row.hasUnparsedColumns {
            // What the reader parsed first: the rest is parsed only for a row that may be the header.
            guard row.holdsColumnNames(at: mapped.filter { row.kind($0) != .missing }) else { return false }
            row.readUnparsedColumns()
        }
        return row.holdsColumnNames(at: mapped)
    }

    /// The original text of the mapped columns, in schema order ("" where absent):
    /// what a rejected-rows file shows. Identifying and unmapped columns never appear.
    public func rawMappedValues(_ row: RowBuffer) -> [String] {
        row.readUnparsedColumns()
        return fieldSlots.map { slot in slot.flatMap { row.string($0) } ?? "" }
    }
}
