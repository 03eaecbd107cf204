import ImpactCore

/// Streams a JSON export: a top-level array of objects, JSON Lines, or an
/// object wrapping the array under a key. Hand-written byte-level parsing, so
/// it is fast and every finding has a line.
public enum JSONReader {
    public static func read<S: RecordSink>(path: String, options: JSONOptions, into sink: inout S) throws -> SourceFormat {
        let prefix = try FileChunks.prefix(path: path, limit: JSONSniff.limit)
        if let error = CSVDialect.notText(prefix, path: path) { throw error }
        let (kind, key) = JSONSniff.sniff(prefix: prefix, path: path, recordsKey: options.recordsKey)
        var options = options
        if options.recordsKey == nil, let key { options.recordsKey = key }
        let chunks = try FileChunks(path: path, chunkSize: options.chunkSize)
        let driver = JSONDriver(chunks: chunks, options: options)
        let bom = CSVDialect.bomLength(prefix) > 0
        if bom {
            for _ in 0..<3 { if try driver.cursor.peek() != nil { driver.cursor.pos += 1 } }
        }
        try driver.run(kind, &sink)
        return SourceFormat(kind: kind, recordsKey: driver.recordsKey, bom: bom, lineEnding: driver.cursor.lineEnds.style,
                            bytesRead: chunks.bytesRead, columns: driver.parser.row.columns.names)
    }
}

final class JSONDriver {
    let cursor: JSONCursor
    let parser: JSONRecordParser
    let options: JSONOptions
    var recordsKey: String?
    var records = 0
    var malformed = 0
    var stopped = false
    /// A JSON Lines record (or line) was still being read when the bytes ran
    /// out: a part of a split file that ends before the file does did not end
    /// between records.
    var endedInsideRecord = false
    /// The once-per-field warnings handed to the sink (a split read drops repeats across parts).
    var onceWarnings: [Finding] = []

    init(chunks: FileChunks, options: JSONOptions, firstLine: Int = 1) {
        self.options = options
        cursor = JSONCursor(chunks: chunks, maxFieldBytes: options.maxFieldBytes, firstLine: firstLine)
        parser = JSONRecordParser(cursor: cursor, row: RowBuffer(columns: ColumnTable()), maxDepth: options.maxDepth,
                                  pairLists: options.pairLists)
    }

    private var path: String { cursor.path }
    private static let openBrace = UInt8(ascii: "{"), openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

    func run<S: RecordSink>(_ kind: SourceFormat.Kind, _ sink: inout S) throws {
        guard try cursor.skipWhitespace() != nil else {
            try sink.finding(Finding(file: path, line: 0, check: "file.empty", message: "the file is empty",
                                     hint: "export the data again"))
            return
        }
        do {
            switch kind {
            case .jsonLines: try runLines(&sink)
            case .jsonWrapped: try runWrapped(&sink)
            case .jsonArray, .csv:
                guard try cursor.skipWhitespace() == Self.openBracket else {
                    throw cursor.syntax("the file does not start with '['")
                }
                cursor.pos += 1
                try runArray(&sink)
                if !stopped, try cursor.skipWhitespace() != nil {
                    try stop(cursor.syntax("there is more after the closing ']'"), &sink)
                }
            }
        } catch let error as JSONSyntaxError {
            try stop(error, &sink)
        }
        if !stopped && records + malformed == 0 && kind != .jsonWrapped {
            try sink.finding(Finding(file: path, line: 0, check: "file.no_records", message: "the file holds no records",
                                     hint: "check that the export covered the period wanted", severity: .warning))
        }
    }

    /// A syntax error outside any record: one finding, and the reading stops.
    private func stop<S: RecordSink>(_ error: JSONSyntaxError, _ sink: inout S) throws {
        stopped = true
        try sink.finding(Finding(file: path, line: error.line, check: "json.syntax",
                                 message: "\(error.message); reading stopped here", hint: "check the JSON at this line"))
    }

    private func deliver<S: RecordSink>(_ sink: inout S) throws {
        for warning in parser.warnings { try sink.finding(warning) }
        onceWarnings += parser.warnings
        parser.warnings.removeAll()
        if let issue = parser.issue {
            malformed += 1
            try sink.malformed(parser.row, issue)
        } else {
            records += 1
            if parser.row.hasNoValue() { parser.row.isBlank = true }
            try sink.record(parser.row)
        }
    }

    private func reject<S: RecordSink>(_ line: Int, _ message: String, at errorLine: Int, _ sink: inout S,
                                       hint: String = "check the JSON of this record") throws {
        malformed += 1
        let at = errorLine != line ? " (line \(errorLine))" : ""
        try sink.malformed(parser.row, Finding(file: path, line: line, check: "json.syntax", message: message + at,
                                               hint: hint))
    }

    /// The hint for an element that is not an object: a list of values is a row of a table
    /// export (headers apart, as DHIS2's analytics writes), which has no names to map.
    private static func notAnObjectHint(_ first: UInt8?) -> String {
        first == openBracket
            ? "a list of values, not an object with names: a table with its headers apart is not read; export it as CSV, or as JSON with one object per record"
            : "check the JSON of this record"
    }

    /// The elements of an array whose `[` was consumed, up to its `]`.
    private func runArray<S: RecordSink>(_ sink: inout S) throws {
        var c = try cursor.skipWhitespace()
        if c == UInt8(ascii: "]") { cursor.pos += 1; return }
        var index = 0
        while true {
            index += 1
            let line = cursor.line
            if c == Self.openBrace {
                cursor.pos += 1
                do {
                    try parser.parseRecord(line: line)
                } catch let error as JSONSyntaxError {
                    stopped = true
                    try reject(line, "\(error.message); reading stopped here, the records after it were not read",
                               at: error.line, &sink)
                    return
                }
                try deliver(&sink)
            } else if c == nil {
                throw cursor.syntax("the file ends inside the array")
            } else if c == Self.closeBracket {
                // `[{...}, {...},]`: a comma after the last record (a hand edit, or a script
                // that writes one after each record). No record is missing: read to the end.
                cursor.pos += 1
                try sink.finding(Finding(file: cursor.path, line: line, check: "json.syntax",
                                         message: "a comma after the last record, before the array's ']'",
                                         hint: "JSON allows none there; the array was read to its end, "
                                             + "\(index - 1) record\(index == 2 ? "" : "s")", severity: .warning))
                return
            } else {
                parser.row.reset(line: line)
                try parser.skipValue()
                try reject(line, "element \(index) of the array is not an object", at: line, &sink, hint: Self.notAnObjectHint(c))
            }
            guard let next = try cursor.nextListItem(ended: "the file ends inside the array",
                                                     otherwise: "expected ',' or ']' between records") else { return }
            c = next
        }
    }

    /// JSON Lines: one object per line (an object may run over several lines).
    /// A line that does not read is rejected and the reading goes on at the next.
    func runLines<S: RecordSink>(_ sink: inout S) throws {
        while true {
            // Only the whitespace between records may meet the end of the bytes.
            if cursor.reachedEnd { endedInsideRecord = true }
            guard let c = try cursor.skipWhitespace() else { break }
            let line = cursor.line
            parser.row.reset(line: line)
            if c != Self.openBrace {
                try cursor.skipRestOfLine()
                try reject(line, "the line does not hold a JSON object", at: line, &sink, hint: Self.notAnObjectHint(c))
                continue
            }
            cursor.pos += 1
            do {
                try parser.parseRecord(line: line)
                if let after = try cursor.skipSpacesOnLine(), after != JSONCursor.lf {
                    throw cursor.syntax("there is more after the object's closing '}'")
                }
            } catch let error as JSONSyntaxError {
                if cursor.line == error.line { try cursor.skipRestOfLine() }
                parser.warnings.removeAll()
                try reject(line, error.message, at: error.line, &sink)
                continue
            }
            try deliver(&sink)
        }
    }

    private func runWrapped<S: RecordSink>(_ sink: inout S) throws {
        guard try cursor.skipWhitespace() == Self.openBrace else { throw cursor.syntax("the file does not start with '{'") }
        cursor.pos += 1
        var key = JSONBytes()
        defer { key.free() }
        var c = try cursor.skipWhitespace()
        while c != UInt8(ascii: "}") {
            guard c == JSONCursor.quote else { throw cursor.syntax("expected a name in double quotes") }
            cursor.pos += 1
            try cursor.readString(into: &key)
            guard try cursor.skipWhitespace() == UInt8(ascii: ":") else { throw cursor.syntax("expected ':' after a name") }
            cursor.pos += 1
            let name = key.string
            let wanted = options.recordsKey.map { $0 == name } ?? JSONOptions.autoRecordsKeys.contains(name)
            if recordsKey == nil && wanted, try cursor.skipWhitespace() == Self.openBracket {
                recordsKey = name
                cursor.pos += 1
                try runArray(&sink)
                if stopped { return }
            } else {
                try parser.skipValue()
            }
            c = try cursor.skipWhitespace()
            if c == UInt8(ascii: ",") {
                cursor.pos += 1
                c = try cursor.skipWhitespace()
            } else if c != UInt8(ascii: "}") {
                throw cursor.syntax(c == nil ? "the file ends inside the wrapping object" : "expected ',' or '}'")
            }
        }
        cursor.pos += 1
        if recordsKey == nil {
            let tried = options.recordsKey.map { "'\($0)'" }
                ?? JSONOptions.autoRecordsKeys.map { "'\($0)'" }.joined(separator: ", ")
            try sink.finding(Finding(file: path, line: 0, check: "json.records_key",
                                     message: "no list of records found under \(tried)",
                                     hint: "name the key that holds the records (--records-key)"))
        } else if records + malformed == 0 {
            try sink.finding(Finding(file: path, line: 0, check: "file.no_records", message: "the file holds no records",
                                     hint: "check that the export covered the period wanted", severity: .warning))
        }
    }
}
