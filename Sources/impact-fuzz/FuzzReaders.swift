import ImpactCore
import ImpactIngest

/// The CSV and JSON readers on fuzzed files. The input's length picks the
/// chunk size (so records straddle chunk ends) and whether the limits are tight.
enum FuzzReaders {
    static let chunkSizes = [1, 3, 64, 64 * 1024]
    static let encodings: [TextEncoding] = [.utf8, .utf8, .windows1252, .utf16le, .utf16be]

    static func csv(_ bytes: UnsafeRawBufferPointer) {
        let path = FuzzScratch.write(bytes, name: "input.csv")
        let tight = (bytes.count / 4) % 2 == 1
        var options = CSVOptions(chunkSize: chunkSizes[bytes.count % 4],
                                 maxFieldBytes: tight ? 32 : 16 << 20, maxFieldsPerRecord: tight ? 8 : 100_000)
        // Sometimes a named encoding, so that the transcoders see fuzzed bytes too (a UTF-16
        // byte-order mark picks UTF-16 whatever is named).
        options.encoding = encodings[(bytes.count / 16) % encodings.count]
        var sink = CheckingSink(path: path)
        var whole: String?
        do {
            _ = try CSVReader.read(path: path, options: options, into: &sink)
        } catch let error as IngestError {
            sink.check(error)
            whole = error.description
        } catch {
            fuzzRequire(false, "the CSV reader threw an unexpected error: \(error)")
        }
        // Again keeping columns 0 to 3 but reading only columns 0 and 2 in every row: lines are
        // cut around them and columns 1 and 3 parsed on demand. What the sink sees must not change.
        var some = CheckingSink(path: path, keep: [true, true, true, true], readInEveryRow: [true, false, true])
        var cut: String?
        do {
            _ = try CSVReader.read(path: path, options: options, into: &some)
        } catch let error as IngestError {
            cut = error.description
        } catch {
            fuzzRequire(false, "the CSV reader threw an unexpected error: \(error)")
        }
        fuzzRequire(cut == whole, "the reads keeping fewer columns end differently: \(String(describing: whole)) / \(String(describing: cut))")
        fuzzRequire(some.seen == sink.seen, "a read keeping fewer columns sees other rows")
    }

    static func json(_ bytes: UnsafeRawBufferPointer) {
        let path = FuzzScratch.write(bytes, name: (bytes.count / 8) % 2 == 1 ? "input.jsonl" : "input.json")
        let tight = (bytes.count / 4) % 2 == 1
        var options = JSONOptions(maxDepth: tight ? 2 : 64, maxFieldBytes: tight ? 32 : 16 << 20,
                                  chunkSize: chunkSizes[bytes.count % 4])
        // Lists under "a" (and "b.c") read as name/value pairs of members "n" and "v".
        options.pairLists = [JSONPairList(path: "a", nameKey: "n", valueKey: "v"),
                             JSONPairList(path: "b.c", nameKey: "n", valueKey: "v")]
        // Half the inputs: the objects of a list under "s" are records of their own.
        if (bytes.count / 16) % 2 == 1 { options.each = "s" }
        var sink = CheckingSink(path: path)
        do {
            _ = try JSONReader.read(path: path, options: options, into: &sink)
        } catch let error as IngestError {
            sink.check(error)
        } catch {
            fuzzRequire(false, "the JSON reader threw an unexpected error: \(error)")
        }
    }
}

/// A sink that reads every value back and checks what every reader promises:
/// records come in file order with a line of at least 1, findings name the file.
struct CheckingSink: RecordSink {
    let path: String
    var lastLine = 0
    /// The columns kept (nil: all) and, of those, read in every row (nil: all kept).
    var keep: [Bool]?
    var readInEveryRow: [Bool]?
    /// Per record: line, field count, blank, columns 0 to 3 (after any unparsed ones are read).
    var seen: [String] = []
    /// For the split target: `findings` keeps the findings given, and `seen` notes every
    /// value by its column's name (the parts of a JSON Lines file number their columns in
    /// the order each part meets them).
    var splitCheck = false
    var findings: [Finding] = []

    init(path: String, keep: [Bool]? = nil, readInEveryRow: [Bool]? = nil, splitCheck: Bool = false) {
        self.path = path
        self.keep = keep
        self.readInEveryRow = readInEveryRow
        self.splitCheck = splitCheck
    }

    func columnsToKeep(_ columns: ColumnTable) -> [Bool]? {
        keep.map { keep in columns.names.indices.map { $0 < keep.count && keep[$0] } }
    }

    func columnsReadInEveryRow(_ columns: ColumnTable) -> [Bool]? {
        readInEveryRow.map { read in columns.names.indices.map { $0 < read.count && read[$0] } }
    }

    mutating func record(_ row: RowBuffer) throws {
        checkRow(row)
        if keep == nil {
            for slot in 0..<max(row.columns.count, row.fieldCount) { _ = row.value(slot) }
        } else {
            row.readUnparsedColumns()
        }
        note(row, "record")
    }

    mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws {
        checkRow(row)
        _ = row.values()
        note(row, finding.check + " " + finding.message)
        try self.finding(finding)
    }

    private mutating func note(_ row: RowBuffer, _ what: String) {
        guard splitCheck else {
            seen.append("\(row.line) \(row.fieldCount) \(row.isBlank) \(what) \((0..<4).map { row.value($0) })")
            return
        }
        // A missing value is left out: a part has no column for a key only earlier rows hold.
        let names = row.columns.names
        let values = (0..<max(names.count, row.fieldCount)).filter { !row.isMissing($0) }.map { slot in
            "\(slot < names.count ? names[slot] : "#\(slot)")=\(row.value(slot))"
        }
        seen.append("\(row.line) \(row.fieldCount) \(row.isBlank) \(what) \(values.sorted())")
    }

    mutating func finding(_ finding: Finding) throws {
        fuzzRequire(finding.file == path, "a finding names another file: \(finding.file)")
        fuzzRequire(finding.line >= 0, "a finding has line \(finding.line)")
        fuzzRequire(!finding.message.isEmpty, "a finding without a message")
        if splitCheck { findings.append(finding) }
    }

    private mutating func checkRow(_ row: RowBuffer) {
        fuzzRequire(row.line >= 1, "a record on line \(row.line)")
        fuzzRequire(row.line >= lastLine, "record lines go backwards: \(lastLine) then \(row.line)")
        lastLine = row.line
    }

    func check(_ error: IngestError) {
        fuzzRequire(!error.description.isEmpty && error.description.hasPrefix(path), "an error without the file: \(error)")
    }
}
