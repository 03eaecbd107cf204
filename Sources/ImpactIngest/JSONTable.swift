import ImpactCore

/// A JSON table export: rows as lists of values, their columns named apart. DHIS2's
/// analytics writes `{"headers": [{"name": "ou", ...}], "rows": [["ImspTQPwCqd", "35"]]}`,
/// pandas' `to_json(orient="split")` `{"columns": ["a"], "data": [[1]]}`, the Google
/// Sheets API `{"values": [["id", "date"], ["P1", "2024-01-05"]]}` (the first row names
/// the columns) and some tools a plain `[["id", "date"], ["P1", "2024-01-05"]]`.
///
/// Each row is a record whose value `k` is the field the `k`-th name names, read as a
/// record's member is (an object is flattened under it, a list stays a list). A row shorter
/// than the names leaves the rest without a value (Google Sheets drops trailing empty
/// cells); a longer one is malformed (`json.field_count`). The names are read before the
/// rows; when the rows come first in the object, `JSONReader` reads the file again for them.
enum JSONTable {
    /// The top-level keys whose list names a table's columns.
    static let namesKeys: Set<String> = ["headers", "columns", "fields"]
    /// The keys that hold a table's rows, for an empty list of them beside the names (any
    /// top-level key holding a list of lists holds the rows).
    static let rowsKeys: Set<String> = ["rows", "data", "values"]
    /// The members of a name object that name the column, in the order tried (DHIS2's
    /// headers have `name`, the short code, and `column`, the display name).
    static let nameMembers = ["name", "column", "label", "title", "id", "key"]
    /// `SourceFormat.columnsFrom` when the first row names the columns.
    static let firstRow = "first row"

    /// What a reading knows of a table: its column fields once named and where their names
    /// came from, the rows it put off, whether it is the second reading, whether rows were met.
    struct State {
        /// The column fields, once named (nil: a repeated name, whose values are left out).
        var names: [[UInt8]?]?
        /// Where the names came from: the key of their list, or `firstRow`.
        var from: String?
        /// The key of a table's rows met before any list naming its columns: they were skipped,
        /// and `JSONReader` reads the file again for them.
        var deferredRowsKey: String?
        /// Whether this is that second reading (the names, if any, are the first's).
        var rereading = false
        /// Whether a table's rows were met (its named columns are then fields: `useTableColumns`).
        var rowsRead = false

        /// The state a second reading starts from: this reading's names, nothing else.
        func forSecondReading() -> State {
            State(names: names, from: from, rereading: true)
        }
    }
}

extension JSONDriver {
    /// The items of a list whose `[` was consumed, as column names: strings, or (with
    /// `objects`) objects naming one (`JSONTable.nameMembers`); `null` is an empty name.
    /// Nil when an item is anything else (the list is consumed either way).
    func readNames(objects: Bool) throws -> [String]? {
        var names: [String] = []
        var valid = true
        var text = JSONBytes()
        defer { text.free() }
        var c = try cursor.skipWhitespace()
        if c == UInt8(ascii: "]") { cursor.pos += 1; return [] }
        while true {
            switch c {
            case JSONCursor.quote:
                cursor.pos += 1
                try cursor.readString(into: &text)
                names.append(text.string)
            case UInt8(ascii: "n"):
                try cursor.expect("null")
                names.append("")
            case UInt8(ascii: "{") where objects:
                cursor.pos += 1
                names.append(try readNameObject(&text))
            case nil:
                throw cursor.syntax("the file ends inside a list")
            default:
                valid = false
                try parser.skipValue()
            }
            guard let next = try cursor.nextListItem() else { break }
            c = next
        }
        return valid ? names : nil
    }

    /// The column an object of a names list names (its `{` consumed), "" when none.
    private func readNameObject(_ text: inout JSONBytes) throws -> String {
        var found: [String: String] = [:]
        var c = try cursor.skipWhitespace()
        if c == UInt8(ascii: "}") { cursor.pos += 1; return "" }
        while true {
            guard c == JSONCursor.quote else { throw cursor.syntax("expected a name in double quotes") }
            cursor.pos += 1
            try cursor.readString(into: &text)
            let member = text.string
            guard try cursor.skipWhitespace() == UInt8(ascii: ":") else { throw cursor.syntax("expected ':' after a name") }
            cursor.pos += 1
            if JSONTable.nameMembers.contains(member), try cursor.skipWhitespace() == JSONCursor.quote {
                cursor.pos += 1
                try cursor.readString(into: &text)
                found[member] = text.string
            } else {
                try parser.skipValue()
            }
            guard let next = try cursor.nextObjectMember(ended: "the file ends inside a list",
                                                         otherwise: "expected ',' or '}' after a value") else { break }
            c = next
        }
        return JSONTable.nameMembers.lazy.compactMap { found[$0] }.first { !$0.isEmpty } ?? ""
    }

    /// The fields of a table's columns, from the names read at `line` (`from`: the key that
    /// held them, or `JSONTable.firstRow`): an empty name becomes `column_N`, a repeated one
    /// is left out (nil), each with a warning, as a CSV header's; kept as `table.names` (its
    /// columns become fields when the rows are met: `useTableColumns`).
    func tableColumns<S: RecordSink>(_ raw: [String], line: Int, from: String, _ sink: inout S) throws -> [[UInt8]?] {
        table.from = from
        var firstAt: [String: Int] = [:]
        var columns: [[UInt8]?] = []
        let source = from == JSONTable.firstRow ? "the first row" : "'\(from)'"
        for (k, given) in raw.enumerated() {
            var name = given
            if name.isEmpty {
                name = "column_\(k + 1)"
                try sink.finding(Finding(file: cursor.path, line: line, check: "json.headers",
                                         message: "column \(k + 1) of \(source) has no name; it is called '\(name)'",
                                         hint: "give every column a name", severity: .warning))
            }
            if let first = firstAt[name] {
                try sink.finding(Finding(file: cursor.path, line: line, field: name, check: "json.headers",
                                         message: "\(source) names '\(name)' twice (columns \(first + 1) and \(k + 1)); "
                                             + "the values of column \(k + 1) are not read",
                                         hint: "rename one of them in the export", severity: .warning))
                columns.append(nil)
            } else {
                firstAt[name] = k
                columns.append(Array(name.utf8))
            }
        }
        table.names = columns
        return columns
    }

    /// Makes every named column a field, even one no row holds a value for, when the table's
    /// rows are met (a `fields` list beside records that are objects, as CKAN writes, names
    /// nothing).
    func useTableColumns() {
        guard !table.rowsRead else { return }
        table.rowsRead = true
        for name in table.names ?? [] { if let name { parser.row.columns.add(String(decoding: name, as: UTF8.self)) } }
    }

    /// The rows of a table whose list's `[` was consumed. `names` nil: the first row names
    /// the columns when it holds only strings; when it does not, no row can be read and each
    /// is rejected (the counts still reconcile).
    func runTableRows<S: RecordSink>(names given: [[UInt8]?]?, _ sink: inout S) throws {
        var names = given
        var unnamed = false
        if names != nil { useTableColumns() }
        var c = try cursor.skipWhitespace()
        if c == UInt8(ascii: "]") { cursor.pos += 1; return }
        var index = 0
        while true {
            index += 1
            let line = cursor.line
            if c == UInt8(ascii: "["), let columns = names {
                cursor.pos += 1
                try readRow(line: line, names: columns, &sink)
                if stopped { return }
            } else if c == UInt8(ascii: "["), !unnamed {
                cursor.pos += 1
                if let raw = try readNames(objects: false) {
                    names = try tableColumns(raw, line: line, from: JSONTable.firstRow, &sink)
                    useTableColumns()
                } else {
                    unnamed = true
                    parser.row.reset(line: line)
                    try reject(line, "row 1 of the table holds values, not the names of its columns; no row can be read",
                               at: line, &sink, hint: JSONTable.unnamedHint)
                }
            } else if c == nil {
                throw cursor.syntax("the file ends inside the table's rows")
            } else {
                parser.row.reset(line: line)
                try parser.skipValue()
                let what = c == UInt8(ascii: "[") ? "is a row whose columns have no names"
                                                  : "is not a list of values, as the table's other rows are"
                try reject(line, "element \(index) of the table \(what)", at: line, &sink,
                           hint: c == UInt8(ascii: "[") ? JSONTable.unnamedHint : "check the JSON of this row")
            }
            guard let next = try cursor.nextListItem(ended: "the file ends inside the table's rows",
                                                     otherwise: "expected ',' or ']' between rows") else { return }
            c = next
        }
    }

    /// Parses a row whose `[` was consumed into the parser's row; a row longer than the
    /// names is malformed (`json.field_count`).
    private func parseRow(line: Int, names: [[UInt8]?]) throws {
        let count = try parser.parseTableRow(line: line, names: names)
        if count > names.count && parser.issue == nil {
            parser.issue = Finding(file: cursor.path, line: line, check: "json.field_count",
                                   message: "the row has \(count) values; the columns are \(names.count)",
                                   hint: "check the row: the export may have shifted its values")
        }
    }

    /// One row whose `[` was consumed, delivered as a record (or rejected).
    private func readRow<S: RecordSink>(line: Int, names: [[UInt8]?], _ sink: inout S) throws {
        do {
            try parseRow(line: line, names: names)
        } catch let error as JSONSyntaxError {
            stopped = true
            try reject(line, "\(error.message); reading stopped here, the rows after it were not read", at: error.line, &sink)
            return
        }
        try deliver(&sink)
    }
}

extension JSONDriver {
    /// A JSON Lines line that starts with `[` (its `[` not consumed): the first line of the
    /// file names the columns when it holds only strings, and a line after such a first
    /// line is a row (jsonlines.org's tabular example). True when the line was read, as the
    /// names, a record or a rejected row; false when it is no line of a table (the caller
    /// rejects it, skipping what is left of it).
    func runTableLine<S: RecordSink>(_ line: Int, _ sink: inout S) throws -> Bool {
        let first = records + malformed == 0 && table.names == nil && startsTheFile
        guard first || table.names != nil else { return false }
        parser.row.reset(line: line)
        do {
            cursor.pos += 1
            if let names = table.names {
                try parseRow(line: line, names: names)
            } else {
                guard let raw = try readNames(objects: false) else { return false }
                _ = try tableColumns(raw, line: line, from: JSONTable.firstRow, &sink)
                useTableColumns()
            }
            try expectLineEnd(after: "the row's closing ']'")
        } catch let error as JSONSyntaxError {
            try rejectLine(line, error, &sink)
            return true
        }
        if first { return true }
        try deliver(&sink)
        return true
    }
}

extension JSONTable {
    static let unnamedHint = "a table's columns are named by a 'headers' or 'columns' list beside its rows, or by a first "
        + "row of names: export it with its header row (or as CSV, or as one object per record)"
}
