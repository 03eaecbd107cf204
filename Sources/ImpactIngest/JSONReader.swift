import ImpactCore

/// Streams a JSON export: a top-level array of objects, JSON Lines, or an
/// object wrapping the array under a key. Hand-written byte-level parsing, so
/// it is fast and every finding has a line.
public enum JSONReader {
    public static func read<S: RecordSink>(path: String, options: JSONOptions, into sink: inout S) throws -> SourceFormat {
        let prefix = try FileChunks.prefix(path: path, limit: JSONSniff.limit)
        if let error = CSVDialect.notText(prefix, path: path) { throw error }
        let (kind, key) = JSONSniff.sniff(prefix: prefix, path: path, recordsKey: options.recordsKey)
        if kind == .jsonKeyed, JSONKeyedRecords.shape(prefix) == .columns { throw IngestError.columnOriented(path: path) }
        var options = options
        if options.recordsKey == nil, let key { options.recordsKey = key }
        let chunks = try FileChunks(path: path, chunkSize: options.chunkSize)
        let driver = JSONDriver(chunks: chunks, options: options)
        let bom = CSVDialect.bomLength(prefix) > 0
        if bom {
            for _ in 0..<3 { if try driver.cursor.peek() != nil { driver.cursor.pos += 1 } }
        }
        try driver.run(kind, &sink)
        var read = driver
        if let rows = driver.table.deferredRowsKey {
            // A table whose rows came before the list naming its columns: read again for them.
            var again = options
            again.recordsKey = rows
            read = JSONDriver(chunks: try FileChunks(path: path, chunkSize: options.chunkSize), options: again)
            read.table = driver.table.forSecondReading()
            try read.run(kind, &sink)
        }
        return SourceFormat(kind: kind, recordsKey: read.recordsKey, columnsFrom: read.table.rowsRead ? read.table.from : nil, bom: bom,
                            lineEnding: read.cursor.lineEnds.style, bytesRead: chunks.bytesRead,
                            columns: read.parser.row.columns.names)
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
    /// What the reading knows of a table export (`JSONTable`): its names, its rows met.
    var table = JSONTable.State()

    /// Whether the bytes read start the file (a part of a split file after the first does
    /// not): only the file's first line may name a JSON Lines table's columns.
    let startsTheFile: Bool

    init(chunks: FileChunks, options: JSONOptions, firstLine: Int = 1) {
        self.options = options
        // A part after the first starts after a line end, so on line 2 or later.
        startsTheFile = firstLine == 1
        cursor = JSONCursor(chunks: chunks, maxFieldBytes: options.maxFieldBytes, firstLine: firstLine)
        parser = JSONRecordParser(cursor: cursor, row: RowBuffer(columns: ColumnTable()), maxDepth: options.maxDepth,
                                  pairLists: options.pairLists, each: options.each)
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
            case .jsonKeyed: try runKeyed(&sink)
            case .jsonArray, .csv:
                guard try cursor.skipWhitespace() == Self.openBracket else {
                    throw cursor.syntax("the file does not start with '['")
                }
                cursor.pos += 1
                if try cursor.skipWhitespace() == Self.openBracket {
                    try runTableRows(names: nil, &sink)
                } else {
                    try runArray(&sink)
                }
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

    func deliver<S: RecordSink>(_ sink: inout S) throws {
        if parser.eachPath != nil { return try deliverEach(&sink) }
        try deliverRow(&sink)
    }

    /// Hands the parser's row to the sink: a record, or malformed with its issue.
    func deliverRow<S: RecordSink>(_ sink: inout S) throws {
        try passWarnings(&sink)
        if let issue = parser.issue {
            malformed += 1
            try sink.malformed(parser.row, issue)
        } else {
            records += 1
            if parser.row.hasNoValue() { parser.row.isBlank = true }
            try sink.record(parser.row)
        }
    }

    /// Hands the parser's warnings to the sink (kept as once-per-field ones for a split read).
    func passWarnings<S: RecordSink>(_ sink: inout S) throws {
        for warning in parser.warnings { try sink.finding(warning) }
        onceWarnings += parser.warnings
        parser.warnings.removeAll()
    }

    func reject<S: RecordSink>(_ line: Int, _ message: String, at errorLine: Int, _ sink: inout S,
                                       hint: String = "check the JSON of this record") throws {
        malformed += 1
        let at = errorLine != line ? " (line \(errorLine))" : ""
        try sink.malformed(parser.row, Finding(file: path, line: line, check: "json.syntax", message: message + at,
                                               hint: hint))
    }

    /// The hint for an element that is not an object: a list of values among objects, or a
    /// JSON Lines line of values with no first line of names, is a table row that cannot be
    /// named (`JSONTable` reads the tables that name their columns).
    private static func notAnObjectHint(_ first: UInt8?) -> String {
        first == openBracket
            ? "a list of values, not an object with names: a table is read when its first row, or a 'headers' or 'columns' list beside its rows, names the columns; otherwise export it as CSV, or as JSON with one object per record"
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
                if c == Self.openBracket, try runTableLine(line, &sink) { continue }
                try cursor.skipRestOfLine()
                try reject(line, "the line does not hold a JSON object", at: line, &sink, hint: Self.notAnObjectHint(c))
                continue
            }
            cursor.pos += 1
            do {
                try parser.parseRecord(line: line)
                try expectLineEnd(after: "the object's closing '}'")
            } catch let error as JSONSyntaxError {
                try rejectLine(line, error, &sink)
                continue
            }
            try deliver(&sink)
        }
    }

    /// After a JSON Lines value: nothing but spaces may follow it on its line.
    func expectLineEnd(after what: String) throws {
        if let after = try cursor.skipSpacesOnLine(), after != JSONCursor.lf {
            throw cursor.syntax("there is more after \(what)")
        }
    }

    /// A JSON Lines line that does not read: rejected, and the reading goes on at the next line.
    func rejectLine<S: RecordSink>(_ line: Int, _ error: JSONSyntaxError, _ sink: inout S) throws {
        if cursor.line == error.line { try cursor.skipRestOfLine() }
        parser.warnings.removeAll()
        try reject(line, error.message, at: error.line, &sink)
    }

    /// A list (its `[` consumed) under the key `name` of a wrapping object (`path`: the key
    /// with those of the objects around it, `data.cases`; `given`: whether it is the records key
    /// named, nil when none was): the records (objects under a records key), a table's rows
    /// (lists) or the names of its columns (`JSONTable`), else skipped.
    private func member<S: RecordSink>(_ name: String, path: String, given: Bool?, _ sink: inout S) throws {
        let first = try cursor.skipWhitespace()
        if given != true, JSONTable.namesKeys.contains(name), first != Self.openBracket {
            // A table's column names: kept (the first such list) unless a reading before this one found them.
            let line = cursor.line
            let names = try readNames(objects: true)
            if let names, !names.isEmpty, table.names == nil, !table.rereading {
                _ = try tableColumns(names, line: line, from: path, &sink)
            }
        } else if first == Self.openBracket, given ?? true {
            if table.names == nil && !table.rereading {
                if table.deferredRowsKey == nil { table.deferredRowsKey = path }
                try parser.skipContainer()
            } else {
                recordsKey = path
                try runTableRows(names: table.names, &sink)
            }
        } else if given ?? (JSONOptions.autoRecordsKeys.contains(name)
                            || (first == Self.closeBracket && table.names != nil && JSONTable.rowsKeys.contains(name))) {
            // (an empty list of rows beside the names: a table without rows)
            recordsKey = path
            try runArray(&sink)
        } else {
            try parser.skipContainer()
        }
    }

    /// An object of records keyed by id (`JSONKeyedRecords`): each member's object is a record
    /// on the line of its name, with the name as its field `key`; a member whose value is not
    /// an object is rejected. A syntax error inside a record rejects it and stops the reading.
    private func runKeyed<S: RecordSink>(_ sink: inout S) throws {
        guard try cursor.skipWhitespace() == Self.openBrace else { throw cursor.syntax("the file does not start with '{'") }
        cursor.pos += 1
        var index = 0
        try members(ended: "the file ends inside the object of records", between: "expected ',' or '}' between records") { key, line, value in
            index += 1
            guard value == Self.openBrace else {
                parser.row.reset(line: line)
                try parser.skipValue()
                try reject(line, "member \(index) of the object is not an object", at: line, &sink,
                           hint: "each member of the file's object should be a record (an object) under its id")
                return true
            }
            cursor.pos += 1
            do {
                try parser.parseKeyedRecord(line: line, key: key)
            } catch let error as JSONSyntaxError {
                stopped = true
                try reject(line, "\(error.message); reading stopped here, the records after it were not read",
                           at: error.line, &sink)
                return false
            }
            try deliver(&sink)
            if parser.keyCollided {
                parser.keyCollided = false
                if !keyCollisionWarned {
                    keyCollisionWarned = true
                    try sink.finding(Finding(
                        file: path, line: line, field: JSONKeyedRecords.keyField, check: "json.keyed",
                        message: "the records are under ids, read as the field '\(JSONKeyedRecords.keyField)', and this record has a member of that name too: its own value was read, not the id",
                        hint: "rename the records' member '\(JSONKeyedRecords.keyField)' in the export, or export the records as a list", severity: .warning))
                }
            }
            return true
        }
        if stopped { return }
        if try cursor.skipWhitespace() != nil { throw cursor.syntax("there is more after the closing '}'") }
    }

    /// The members of an object whose `{` was consumed, up to its `}` (consumed): `body` is given
    /// each member's name, the line it starts on and the first byte of its value (not consumed),
    /// reads or skips the value, and returns false when the reading stopped (then so does this).
    private func members(ended: String, between: String,
                         _ body: (_ name: JSONBytes, _ line: Int, _ value: UInt8?) throws -> Bool) throws {
        var key = JSONBytes()
        defer { key.free() }
        var c = try cursor.skipWhitespace()
        while c != UInt8(ascii: "}") {
            guard c == JSONCursor.quote else { throw cursor.syntax("expected a name in double quotes") }
            let line = cursor.line
            cursor.pos += 1
            try cursor.readString(into: &key)
            guard try cursor.skipWhitespace() == UInt8(ascii: ":") else { throw cursor.syntax("expected ':' after a name") }
            cursor.pos += 1
            guard try body(key, line, try cursor.skipWhitespace()) else { return }
            c = try cursor.skipWhitespace()
            if c == UInt8(ascii: ",") {
                cursor.pos += 1
                c = try cursor.skipWhitespace()
            } else if c != UInt8(ascii: "}") {
                throw cursor.syntax(c == nil ? ended : between)
            }
        }
        cursor.pos += 1
    }

    /// Whether the key's field was met inside a keyed record already (`runKeyed` warns once).
    private var keyCollisionWarned = false

    private func runWrapped<S: RecordSink>(_ sink: inout S) throws {
        guard try cursor.skipWhitespace() == Self.openBrace else { throw cursor.syntax("the file does not start with '{'") }
        cursor.pos += 1
        let wanted = options.recordsKey.map { ArraySlice($0.split(separator: ".", omittingEmptySubsequences: false)) }
        try runMembers(prefix: "", wanted: wanted, &sink)
        if stopped { return }
        if recordsKey == nil && table.deferredRowsKey != nil && !table.rereading { return }  // read again
        table.deferredRowsKey = nil
        if recordsKey == nil {
            let tried = options.recordsKey.map { "'\($0)'" }
                ?? JSONOptions.autoRecordsKeys.map { "'\($0)'" }.joined(separator: ", ")
            try sink.finding(Finding(file: path, line: 0, check: "json.records_key",
                                     message: "no list of records found under \(tried)",
                                     hint: "name the key that holds the records (--records-key; a dotted key such as data.cases reaches into an object)"))
        } else if records + malformed == 0 {
            try sink.finding(Finding(file: path, line: 0, check: "file.no_records", message: "the file holds no records",
                                     hint: "check that the export covered the period wanted", severity: .warning))
        }
    }

    /// The members of an object whose `{` was consumed, up to its `}` (consumed): its lists go
    /// to `member`; the object under the next key of a dotted records key (`data` of
    /// `data.cases`, as GraphQL and CKAN answers nest their records) is read the same way.
    /// `wanted`: the records key's keys still to meet, nil when none was named.
    private func runMembers<S: RecordSink>(prefix: String, wanted: ArraySlice<Substring>?, _ sink: inout S) throws {
        try members(ended: "the file ends inside the wrapping object", between: "expected ',' or '}'") { key, _, value in
            let name = key.string
            // A key written with its dots (`"a.b": [...]`) is the records key named `a.b` too.
            let given = wanted.map { ($0.count == 1 && $0.first == name[...]) || $0.joined(separator: ".") == name }
            if recordsKey == nil, let wanted, wanted.count > 1, wanted.first == name[...], value == Self.openBrace {
                cursor.pos += 1
                try runMembers(prefix: prefix + name + ".", wanted: wanted.dropFirst(), &sink)
            } else if recordsKey == nil, value == Self.openBracket {
                cursor.pos += 1
                try member(name, path: prefix + name, given: given, &sink)
            } else {
                try parser.skipValue()
            }
            return !stopped
        }
    }
}
