#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibCSV
import ImpactCore

/// Streams a CSV file through libcsv in fixed-size chunks.
///
/// libcsv reports no positions, so the reader cuts each chunk at every line
/// end and hands libcsv one line piece at a time: a record can only end at a
/// line end, so at most one record completes per piece, and the line on which
/// a record starts is the line of the first byte fed after the previous one ended.
public enum CSVReader {
    /// Reads `path` (header first, after `preambleLines`) into `sink`.
    public static func read<S: RecordSink>(path: String, options: CSVOptions, into sink: inout S) throws -> SourceFormat {
        var options = options
        var prefix = try FileChunks.prefix(path: path, limit: 64 * 1024)
        // UTF-16 (Excel's "Unicode Text"): its byte-order mark says so, whatever was named;
        // the first bytes are looked at as the UTF-8 they become.
        if let marked = CSVDialect.utf16ByteOrder(prefix) {
            options.encoding = marked
        } else if options.encoding.isUTF16, !prefix.isEmpty, !prefix.prefix(4096).contains(0) {
            // Named, but its delimiters and line ends would have zero bytes beside them.
            throw IngestError.notInNamedEncoding(path: path, encoding: options.encoding.displayName)
        }
        if options.encoding.isUTF16 { prefix = UTF16Decoder.transcoded(prefix, bigEndian: options.encoding == .utf16be) }
        if let error = CSVDialect.notText(prefix, path: path) { throw error }
        // Excel's `sep=;` line above the header: skipped, and its delimiter used unless one is given.
        if options.preambleLines == 0, let separator = CSVDialect.excelSeparator(prefix) {
            options.preambleLines = 1
            options.delimiter = options.delimiter ?? separator
        }
        let delimiter = options.delimiter ?? CSVDialect.detectDelimiter(prefix, preamble: options.preambleLines)
        var driver = try CSVDriver(path: path, options: options, delimiter: delimiter,
                                   bomLength: CSVDialect.bomLength(prefix))
        let chunks = try FileChunks(path: path, chunkSize: options.chunkSize)
        chunks.encoding = options.encoding
        var format = try driver.run(chunks: chunks, into: &sink)
        format.encoding = options.encoding.displayName
        return format
    }
}

/// The reader's state: a struct driven through `mutating` methods, so the
/// per-line bookkeeping costs no dynamic exclusivity checks.
struct CSVDriver {
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    let path: String
    let options: CSVOptions
    let delimiter: UInt8
    let bom: Bool
    let parser: LibCSVParser
    let state: CSVParseState
    var line = 1
    var lineEnds = LineEndCounter()
    var pendingCR = false
    var inRecord = false
    var bomLeft: Int
    var preambleLeft: Int
    var skippingLine = false
    var stopped = false
    var headerLine: Int?
    var expected = 0
    var records = 0
    var malformed = 0
    var lastByte: UInt8 = 0
    /// The parts of a plain line libcsv parses, when the sink reads only some columns in
    /// every row (`keepColumns`); nil: whole lines.
    var plan: LineCutPlan? { didSet { cut = plan?.tables } }
    /// `plan`'s tables, read on every line without a retain of the plan.
    private(set) var cut: LineCutTables?
    /// When the sink keeps columns it does not read in every row (`keepColumns`): what parses
    /// them when it asks (the row holds it weakly); a row whose line was cut then says so.
    var unparsedColumns: UnparsedColumnsParser?
    /// Whether the record being read is a spreadsheet's totals row (`RowBuffer.isTotals`),
    /// and the probe that tells, for a record whose first value a chunk's end cut.
    var isTotalsRow = false
    var totals = TotalsRowProbe()
    let totalsFirstBytes: ASCIIByteSet
    /// Reading one part of a split file: the end-of-file findings (empty file,
    /// no records) are the whole file's, not a part's, so they are left out.
    var isPart = false

    init(path: String, options: CSVOptions, delimiter: UInt8, bomLength: Int) throws(IngestError) {
        self.path = path
        self.options = options
        self.delimiter = delimiter
        totalsFirstBytes = TotalsRowProbe.firstBytes(delimiter: delimiter)
        bom = bomLength > 0
        bomLeft = bomLength
        preambleLeft = options.preambleLines
        parser = try LibCSVParser(delimiter: delimiter, path: path)
        state = CSVParseState(row: RowBuffer(columns: ColumnTable()), maxStored: options.maxFieldsPerRecord + 1,
                              maxFieldBytes: options.maxFieldBytes, delimiter: delimiter)
    }

    /// A part after the first of a split file: it starts at a record boundary
    /// on `firstLine`, after the header (already read, on `headerLine`).
    init(path: String, options: CSVOptions, delimiter: UInt8, header: [String], headerLine: Int,
         firstLine: Int) throws(IngestError) {
        try self.init(path: path, options: options, delimiter: delimiter, bomLength: 0)
        line = firstLine
        self.headerLine = headerLine
        expected = header.count
        state.inHeader = false
        for name in header { state.row.columns.append(name) }
        isPart = true
    }

    /// Reads one part. A part that is not the last must end between records
    /// (`clean`): otherwise the split point was not a record boundary for this
    /// parser, and the caller reads the file again in one piece.
    mutating func runPart<S: RecordSink>(chunks: FileChunks, last: Bool, into sink: inout S) throws -> CSVPartOutcome {
        isPart = true
        if !state.inHeader { try keepColumns(sink) }
        while !stopped {
            let chunk = try chunks.next()
            if chunk.isEmpty { break }
            try feed(chunk, &sink)
        }
        var clean = !stopped
        if last {
            if !stopped { try finish(bytesRead: chunks.bytesRead, &sink) }
        } else {
            clean = clean && !inRecord && !skippingLine && !pendingCR && parser.pendingFieldBytes == 0
        }
        return CSVPartOutcome(clean: clean, lineEnds: lineEnds, bytesRead: chunks.bytesRead, bom: bom,
                              delimiter: delimiter, headerLine: headerLine, columns: state.row.columns.names,
                              records: records, malformed: malformed)
    }

    mutating func run<S: RecordSink>(chunks: FileChunks, into sink: inout S) throws -> SourceFormat {
        while !stopped {
            let chunk = try chunks.next()
            if chunk.isEmpty { break }
            try feed(chunk, &sink)
        }
        if !stopped { try finish(bytesRead: chunks.bytesRead, &sink) }
        return SourceFormat(kind: .csv, bom: bom, lineEnding: lineEnds.style,
                            delimiter: CSVDialect.display(delimiter), headerLine: headerLine,
                            bytesRead: chunks.bytesRead, columns: state.row.columns.names)
    }

    /// The first LF or CR at or after `from` (before `end`), or `end`. In a chunk with
    /// CRs, `nextCR` remembers where the next CR lies (-1: not looked for yet), so that
    /// each CR is found once a chunk, by `memchr`, whatever the lines between; the LF
    /// search stops at that CR (a Windows export's line: one `memchr` for its LF, none found).
    @inline(__always)
    private func terminator(_ base: UnsafeRawPointer, _ from: Int, _ end: Int, _ nextCR: inout Int) -> Int {
        if nextCR < from {
            nextCR = memchr(base + from, Int32(Self.cr), end - from).map { UnsafeRawPointer($0) - base } ?? end
        }
        let limit = min(nextCR, end)
        guard let hit = memchr(base + from, Int32(Self.lf), limit - from) else { return limit }
        return UnsafeRawPointer(hit) - base
    }

    @inline(__always)
    private mutating func countLineEnd(_ c: UInt8) {
        if c == Self.lf { lineEnds.lf += 1 } else { pendingCR = true }
        line += 1
    }

    private mutating func feed<S: RecordSink>(_ chunk: UnsafeRawBufferPointer, _ sink: inout S) throws {
        guard let base = chunk.baseAddress else { return }
        let n = chunk.count
        var i = min(bomLeft, n)
        bomLeft -= i
        // Where the next CR lies: past the chunk when it has none (most files), so that
        // line ends are found by one LF search.
        var nextCR = i < n && memchr(base + i, Int32(Self.cr), n - i) != nil ? -1 : n
        let data = state.context
        if totals.isPending { isTotalsRow = totals.more(UnsafeRawBufferPointer(rebasing: chunk[i...]), delimiter: delimiter) }
        while i < n && !stopped {
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            if pendingCR {
                pendingCR = false
                if b == Self.lf {
                    lineEnds.crlf += 1
                    if inRecord { _ = csv_parse(parser.pointer, base + i, 1, state.fieldCallback, csvRowCallback, data) }
                    i += 1
                    continue
                }
                lineEnds.cr += 1
            }
            if preambleLeft > 0 || skippingLine {
                let j = terminator(base, i, n, &nextCR)
                if j == n { i = n; break }
                countLineEnd(base.load(fromByteOffset: j, as: UInt8.self))
                if skippingLine { skippingLine = false } else { preambleLeft -= 1 }
                i = j + 1
                continue
            }
            var fresh = false
            if !inRecord {
                if b == Self.lf || b == Self.cr {
                    countLineEnd(b)
                    i += 1
                    continue
                }
                inRecord = true
                fresh = true
                state.startRecord(line: line)
                isTotalsRow = totalsFirstBytes.contains(b)
                    && totals.start(UnsafeRawBufferPointer(start: base + i, count: n - i), delimiter: delimiter)
            }
            let j = terminator(base, i, n, &nextCR)
            let end = j < n ? j + 1 : n
            let pieceLine = line
            let consumed: Int
            if fresh && j < n && !state.inHeader, case let scan = scanWholeLine(base + i, j - i), scan.quotes % 2 == 0 {
                consumed = feedWholeLine(base + i, length: j - i, quotes: scan.quotes, ascii: scan.ascii, cuts: scan.cuts)
            } else {
                parser.keepSpaces()
                state.countQuotes = false
                state.lineIsValidUTF8 = false
                consumed = csv_parse(parser.pointer, base + i, end - i, state.fieldCallback, csvRowCallback, data)
            }
            if j < n { countLineEnd(base.load(fromByteOffset: j, as: UInt8.self)) }
            if consumed < end - i || csv_error(parser.pointer) != CSV_SUCCESS {
                try quoteError(errorLine: pieceLine, atEnd: false, &sink)
                skippingLine = j == n
            } else {
                if state.fieldTooBig || parser.pendingFieldBytes > options.maxFieldBytes {
                    throw IngestError.fieldTooLarge(path: path, line: state.row.line, limit: options.maxFieldBytes)
                }
                if state.rowReady { try deliver(&sink) }
            }
            i = end
        }
        if n > 0 { lastByte = base.load(fromByteOffset: n - 1, as: UInt8.self) }
    }

    /// A whole line that starts a record and holds an even number of quotes
    /// (so, read without error, it holds the whole record): libcsv parses it
    /// with its built-in space test, with no call per byte. That test trims
    /// spaces and tabs around values (and before an opening or after a closing
    /// quote), and trimming is the only way it loses a byte. Every other byte of
    /// the line is a value's, a delimiter, a quote around a quoted value or the
    /// first of a doubled quote, so
    ///
    ///     line = value bytes + (fields - 1) + quotes - quotes inside values
    ///
    /// holds exactly when nothing was trimmed; then the fields are those that
    /// spaces-as-data parsing gives. Otherwise (a value with a space at its
    /// edge, a line of spaces, a stray quote) the line is parsed again with
    /// spaces as data, which gives the usual values or finding. A line all in
    /// ASCII needs no UTF-8 check of its fields.
    /// `start` points at the line; its terminator is at `start + length`.
    ///
    /// `cuts`: a line without quotes with its header's number of fields, whose columns the
    /// sink does not read in every row may be left unparsed (`feedSegments`).
    @inline(__always)
    private mutating func feedWholeLine(_ start: UnsafeRawPointer, length: Int, quotes: Int, ascii: Bool,
                                        cuts: Bool) -> Int {
        let data = state.context
        // A line without quotes is its row's text for the duplicate check as it stands:
        // hashed in one pass, not field by field (`RowHash.line`).
        let hashesLine = quotes == 0 && state.hashing
        let fieldCallback = hashesLine ? csvFieldCallback : state.fieldCallback
        // A line of valid UTF-8 splits at ASCII bytes into fields of valid UTF-8: checked
        // once here, not once a field (the fields are checked one by one only when it fails,
        // to name the field).
        state.lineIsValidUTF8 = ascii || UTF8Check.isValid(UnsafeRawBufferPointer(start: start, count: length))
        // The values of such a line without quotes are not copied: the row reads them on
        // the line, which stays put while the sink has the row.
        let onLine = quotes == 0 && state.lineIsValidUTF8
        if onLine { state.leaveValuesOnLine(start) }
        defer {
            if hashesLine { state.hashLine(UnsafeRawBufferPointer(start: start, count: length)) }
            if onLine { state.copyValues() }
        }
        if cuts && onLine, let cut {
            return feedSegments(start, length: length, plan: cut, fieldCallback: fieldCallback)
        }
        parser.trimSpaces()
        // Two quotes can only open and close one value: none inside a value to count.
        state.countQuotes = quotes >= 4
        let consumed = csv_parse(parser.pointer, start, length + 1, fieldCallback, csvRowCallback, data)
        let fields = state.fieldIndex
        if state.rowReady && consumed == length + 1 && csv_error(parser.pointer) == CSV_SUCCESS
            && state.fieldBytes + fields - 1 + quotes - state.valueQuotes == length {
            return consumed
        }
        return parseAgain(start, length: length, quotes: quotes, consumed: consumed, fields: fields, onLine: onLine,
                          fieldCallback: fieldCallback)
    }

    /// The quotes and ASCII test of a line that may be one whole record and, with a cut plan,
    /// whether the line can be cut: no quotes, its header's number of delimiters (the plan's
    /// are then all found), no field over the field limit. One pass (`impact_scan_line`,
    /// line_scan.h: sixteen bytes at a time).
    @inline(__always)
    private func scanWholeLine(_ start: UnsafeRawPointer, _ length: Int) -> (quotes: Int, ascii: Bool, cuts: Bool) {
        let line = start.assumingMemoryBound(to: UInt8.self)
        guard let plan = cut else {
            let scan = impact_scan_line(line, length, delimiter, nil, 0, nil)
            return (scan.quotes, scan.ascii != 0, false)
        }
        let scan = impact_scan_line(line, length, delimiter, plan.wants, plan.wantCount, plan.found)
        return (scan.quotes, scan.ascii != 0,
                scan.quotes == 0 && scan.delimiters == expected - 1 && length <= options.maxFieldBytes)
    }

    /// A line without quotes, in valid UTF-8, with its header's number of fields, of which
    /// the sink reads in every row only the plan's segments: libcsv parses each segment (with
    /// the delimiter after it, so that it ends its last field), then an LF ends the record.
    /// The fields between segments and after the last are counted by their delimiters, which
    /// is what libcsv would make of them (a line without quotes splits at every delimiter),
    /// and their bytes by their stretch of the line, so that each value's place on the line,
    /// the row's field count and its blank test are the whole line's. A UTF-8 error or an
    /// over-long field among them would have been found: such lines are not cut. Columns the
    /// sink keeps among them are parsed when it asks (`RowBuffer.readUnparsedColumns`).
    ///
    /// The same check as `feedWholeLine`'s tells that trimming lost no byte of what was
    /// parsed. When it did, the whole line would have lost those bytes too, and been parsed
    /// again with spaces as data: that parse is done here, on the whole line.
    @inline(__always)
    private mutating func feedSegments(_ start: UnsafeRawPointer, length: Int, plan: LineCutTables,
                                       fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void) -> Int {
        let data = state.context
        parser.trimSpaces()
        state.countQuotes = false
        // `fed`: where the stretch not parsed yet starts; `end`: the end of the last segment.
        var fed = 0
        var end = length
        for segment in 0..<plan.segmentCount {
            let startWant = plan.startWant[segment]
            let from = startWant < 0 ? 0 : plan.found[startWant] + 1
            let skipped = plan.first[segment] - state.fieldIndex
            if skipped > 0 { state.countUnparsed(fields: skipped, bytes: from - fed - skipped) }
            let endWant = plan.endWant[segment]
            end = endWant < 0 ? length : plan.found[endWant]
            let to = segment == plan.segmentCount - 1 ? end : end + 1
            if csv_parse(parser.pointer, start + from, to - from, fieldCallback, csvRowCallback, data) != to - from {
                return parseLineAgain(start, length: length, fieldCallback: fieldCallback)
            }
            fed = to
        }
        let ended = csv_parse(parser.pointer, parser.lineEnd, 1, fieldCallback, csvRowCallback, data)
        let fields = state.fieldIndex
        if state.rowReady && ended == 1 && csv_error(parser.pointer) == CSV_SUCCESS
            && state.fieldBytes + fields - 1 == end {
            let unparsed = expected - fields
            if unparsed > 0 { state.countUnparsed(fields: unparsed, bytes: length - end - unparsed) }
            if unparsedColumns != nil { state.row.markUnparsed(lineLength: length) }
            return length + 1
        }
        return parseLineAgain(start, length: length, fieldCallback: fieldCallback)
    }

    /// `feedSegments` when trimming lost bytes of what was parsed (or libcsv failed, which a
    /// line without quotes should not make it): the whole line with spaces as data, out of line.
    @inline(never)
    private mutating func parseLineAgain(_ start: UnsafeRawPointer, length: Int,
                                         fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void) -> Int {
        if csv_error(parser.pointer) != CSV_SUCCESS { parser.reset() }
        state.startRecord(line: state.row.line)
        state.leaveValuesOnLine(start)
        parser.keepSpaces()
        return csv_parse(parser.pointer, start, length + 1, fieldCallback, csvRowCallback, state.context)
    }

    /// `feedWholeLine` when the trimming parse lost bytes or failed (a value with a space
    /// at its edge, a stray quote, a line of spaces): out of line, so that the common case
    /// stays inlined in `feed`.
    @inline(never)
    private mutating func parseAgain(_ start: UnsafeRawPointer, length: Int, quotes: Int, consumed: Int, fields: Int,
                                     onLine: Bool,
                                     fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void) -> Int {
        // A line of only spaces and tabs: libcsv, trimming, sees no field at all. No record,
        // as an empty line is none (the general path does the same in `deliver`).
        if fields == 0 && !state.rowReady && quotes == 0 && consumed == length + 1
            && csv_error(parser.pointer) == CSV_SUCCESS && expected != 1 && !state.inHeader {
            inRecord = false
            return consumed
        }
        // libcsv is between records again when it read the line without error (the even
        // quotes closed every quoted value); after an error it starts afresh.
        if consumed != length + 1 || csv_error(parser.pointer) != CSV_SUCCESS || !state.rowReady && quotes > 0 {
            parser.reset()
        }
        state.startRecord(line: state.row.line)
        if onLine { state.leaveValuesOnLine(start) }
        parser.keepSpaces()
        return csv_parse(parser.pointer, start, length + 1, fieldCallback, csvRowCallback, state.context)
    }

    private mutating func deliver<S: RecordSink>(_ sink: inout S) throws {
        state.rowReady = false
        inRecord = false
        if state.inHeader {
            state.row.fieldCount = state.fieldIndex
            try finishHeader(&sink)
            return
        }
        // The row is the parse state's for the whole read: borrowed, not retained, per record.
        try Unmanaged.passUnretained(state.row)._withUnsafeGuaranteedRef { row in try deliver(row, &sink) }
    }

    /// What to check on a line of another width than the header's. A line of one value in a
    /// file of several columns is most often a note or a title a spreadsheet wrote below or
    /// between its rows ("Source: register, exported 2024-01-05").
    private static func fieldCountHint(found: Int, expected: Int, delimiter: UInt8) -> String {
        let separator = CSVDialect.display(delimiter)
        if found == 1 && expected > 2 {
            return "a line of one value where the rows have \(expected): a note or a title in the export "
                + "(remove it there; this row is left out), or a row whose separators (\(separator)) were lost"
        }
        return "check for an unquoted \(separator) inside a value, or a missing separator"
    }

    private mutating func deliver<S: RecordSink>(_ row: RowBuffer, _ sink: inout S) throws {
        row.fieldCount = state.fieldIndex
        // A line of only spaces and tabs is no record, as an empty line is none.
        if row.fieldCount == 1 && expected != 1 && state.firstFieldOnlySpaces { return }
        if row.fieldCount != expected {
            malformed += 1
            let headerAt = headerLine.map { " (the header on line \($0))" } ?? ""
            try sink.malformed(row, Finding(
                file: path, line: row.line, check: "csv.field_count",
                message: "expected \(expected) fields\(headerAt), found \(row.fieldCount)",
                hint: Self.fieldCountHint(found: row.fieldCount, expected: expected, delimiter: delimiter)))
        } else if state.badUTF8Field >= 0 {
            malformed += 1
            let names = row.columns.names
            try sink.malformed(row, Finding(
                file: path, line: row.line,
                field: state.badUTF8Field < names.count ? names[state.badUTF8Field] : nil,
                check: "encoding.utf8", message: "the value is not valid UTF-8",
                hint: "export the file again as UTF-8, or name its encoding in the pipeline: csv: { encoding: windows-1252 }"))
        } else {
            records += 1
            if let hash = state.rowHashAsRead { row.hashAsRead = hash }
            // Every field's bytes are counted, kept or not: none means a row of delimiters.
            if state.fieldBytes == 0 { row.isBlank = true }
            if isTotalsRow { row.isTotals = true }
            try sink.record(row)
        }
    }

    private mutating func finishHeader<S: RecordSink>(_ sink: inout S) throws {
        let line = state.row.line
        headerLine = line
        state.inHeader = false
        if state.fieldIndex > options.maxFieldsPerRecord {
            throw IngestError.tooManyFields(path: path, line: line, limit: options.maxFieldsPerRecord)
        }
        var firstAt: [String: Int] = [:]
        for (k, field) in state.headerFields.enumerated() {
            var name: String
            if let field, !field.isEmpty {
                name = String(decoding: field, as: UTF8.self)
                if !UTF8Check.isValid(field) {
                    try sink.finding(Finding(file: path, line: line, field: name, check: "encoding.utf8",
                                             message: "column \(k + 1) of the header is not valid UTF-8",
                                             hint: "export the file again as UTF-8, or name its encoding in the pipeline: csv: { encoding: windows-1252 }"))
                }
            } else {
                name = "column_\(k + 1)"
                try sink.finding(Finding(file: path, line: line, check: "csv.header",
                                         message: "column \(k + 1) of the header has no name; it is called '\(name)'",
                                         hint: "give every column a name", severity: .warning))
            }
            if let first = firstAt[name] {
                try sink.finding(Finding(file: path, line: line, field: name, check: "csv.header",
                                         message: "the header names '\(name)' twice (columns \(first + 1) and \(k + 1))",
                                         hint: "rename one of them; lookups by name use the first", severity: .warning))
            } else {
                firstAt[name] = k
            }
            state.row.columns.append(name)
        }
        if let finding = HeaderLooksLikeData.finding(state.row.columns.names, path: path, line: line) {
            try sink.finding(finding)
        }
        expected = state.headerFields.count
        state.headerFields = []
        try keepColumns(sink)
    }

    /// Takes the sink's choice of columns. When it reads only some of them in every row, a
    /// plain line's other fields need not be parsed (`LineCutPlan`, `feedSegments`); columns
    /// it keeps among those are parsed when it asks (`RowBuffer.readUnparsedColumns`,
    /// `UnparsedColumnsParser`).
    private mutating func keepColumns<S: RecordSink>(_ sink: S) throws(IngestError) {
        let columns = state.row.columns
        let keep = sink.columnsToKeep(columns)
        state.keepColumns(keep, hashing: sink.hashesRowsAsRead)
        func has(_ mask: [Bool]?, _ column: Int) -> Bool { mask.map { column < $0.count && $0[column] } ?? true }
        let everyRow = sink.columnsReadInEveryRow(columns)
        let kept = (0..<expected).map { has(keep, $0) }
        let read = kept.indices.map { kept[$0] && has(everyRow, $0) }
        plan = LineCutPlan(read: read, columns: expected)
        if plan != nil && kept.indices.contains(where: { kept[$0] && !read[$0] }) {
            let parser = try UnparsedColumnsParser(row: state.row, keep: keep, options: options, delimiter: delimiter,
                                                   path: path)
            unparsedColumns = parser
            state.row.unparsedColumnsReader = parser
        }
    }

    private mutating func quoteError<S: RecordSink>(errorLine: Int, atEnd: Bool, _ sink: inout S) throws {
        let row = state.row
        row.fieldCount = state.fieldIndex
        inRecord = false
        state.rowReady = false
        let formula = !atEnd && errorLine == row.line && parser.pendingFieldIsEquals
        parser.reset()
        let message: String
        if atEnd {
            message = "a quote opened in the record starting on this line is never closed; "
                + "everything from it to the end of the file (line \(errorLine)) was read as one value"
        } else if errorLine == row.line {
            message = "a stray quote: a quote inside an unquoted value, or text after a closing quote; "
                + "the rest of the line was skipped"
        } else {
            message = "a stray quote on line \(errorLine), inside the record starting here; "
                + "the rest of line \(errorLine) was skipped"
        }
        // The column, named when the header is read (the finding's field).
        let column = state.fieldIndex
        let field = formula && !state.inHeader && column < row.columns.names.count ? row.columns.names[column] : nil
        let hint = formula
            ? "\(field == nil ? "field \(column + 1)" : "the value") starts with =\", a spreadsheet formula (=\"007\" keeps a value's leading zeros "
                + "in Excel), which is not CSV: export the values without it, or open the file in a spreadsheet program "
                + "and save it as CSV UTF-8, which writes each formula's value"
            : "write a quote inside a quoted value as two quotes (\"\"), and quote the whole value"
        let finding = Finding(file: path, line: row.line, field: field, check: "csv.quote", message: message, hint: hint)
        if state.inHeader {
            stopped = true
            try sink.finding(Finding(file: path, line: row.line, check: "csv.header",
                                     message: "the header cannot be read: \(message); reading stopped",
                                     hint: finding.hint))
        } else {
            malformed += 1
            try sink.malformed(row, finding)
        }
    }

    private mutating func finish<S: RecordSink>(bytesRead: Int, _ sink: inout S) throws {
        if pendingCR { lineEnds.cr += 1; pendingCR = false }
        if totals.isPending { isTotalsRow = totals.end(delimiter: delimiter) }
        let data = state.context
        let status = csv_fini(parser.pointer, state.fieldCallback, csvRowCallback, data)
        if status != 0 && inRecord {
            let lastLine = lastByte == Self.lf || lastByte == Self.cr ? line - 1 : line
            try quoteError(errorLine: lastLine, atEnd: true, &sink)
        } else if state.rowReady {
            try deliver(&sink)
        }
        if stopped || isPart { return }
        if headerLine == nil {
            let message = bytesRead == 0 ? "the file is empty"
                : options.preambleLines > 0 ? "no header line after the \(options.preambleLines) preamble lines"
                : "the file has no header line (only blank lines)"
            try sink.finding(Finding(file: path, line: 0, check: "file.empty", message: message,
                                     hint: "export the data again, with a header line"))
        } else if records + malformed == 0 {
            try sink.finding(Finding(file: path, line: headerLine ?? 0, check: "file.no_records",
                                     message: "the file has a header but no records",
                                     hint: "check that the export covered the period wanted", severity: .warning))
        }
    }
}
