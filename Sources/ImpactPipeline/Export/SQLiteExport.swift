import Foundation
import ImpactCore

/// Writes validated records and a run's figures into one SQLite file, for
/// analysts (sqlite3, DuckDB, Datasette). Identifying fields are already gone:
/// only a source's canonical fields are tables' columns.
///
/// The file is built under a temporary name and renamed into place, so
/// re-running replaces it atomically.
public final class SQLiteExport {
    public struct ExportError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public let path: String
    private let temporaryPath: String
    private let database: SQLiteDatabase
    /// Per source: the insert of one row, of `rowsPerInsert` rows, and the schema.
    private var inserts: [String: (one: SQLiteDatabase.Statement, many: SQLiteDatabase.Statement, schema: RecordSchema)] = [:]
    /// Rows a multi-row insert takes: SQLite runs one statement for all of them (about
    /// a third less work a row than a statement each).
    static let rowsPerInsert = 32
    /// The indexes on ids and dates, made once the rows are in (`finish`): one sort each,
    /// instead of a B-tree insert per row and index.
    private var indexes: [String] = []
    private var finished = false

    public init(path: String) throws(ExportError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        temporaryPath = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp"
        try? FileManager.default.removeItem(atPath: temporaryPath)
        do {
            database = try SQLiteDatabase(path: temporaryPath)
            try database.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;")
        } catch {
            throw ExportError(message: error.description)
        }
    }

    deinit {
        if !finished {
            database.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    /// SQL identifiers are quoted; a name is never spliced in raw.
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func columnType(_ type: FieldType) -> String {
        switch type {
        case .integer, .bool: return "INTEGER"
        case .number: return "REAL"
        case .text, .date, .list: return "TEXT"
        }
    }

    /// Creates the source's table (`line` then the canonical fields); its indexes on ids and
    /// dates are made by `finish`.
    public func createTable(source: String, schema: RecordSchema) throws(ExportError) {
        let table = SQLiteExport.quote(source)
        var columns = ["\"line\" INTEGER NOT NULL"]
        for field in schema.fields {
            columns.append("\(SQLiteExport.quote(field.name)) \(SQLiteExport.columnType(field.type))")
        }
        do {
            try database.execute("CREATE TABLE \(table) (\(columns.joined(separator: ", ")));")
            for field in schema.fields where field.name.hasSuffix("_id") || field.type == .date {
                let index = SQLiteExport.quote("\(source)_\(field.name)")
                indexes.append("CREATE INDEX \(index) ON \(table) (\(SQLiteExport.quote(field.name)));")
            }
            let row = "(" + Array(repeating: "?", count: schema.fields.count + 1).joined(separator: ", ") + ")"
            let rows = Array(repeating: row, count: SQLiteExport.rowsPerInsert).joined(separator: ", ")
            inserts[source] = (one: try SQLiteDatabase.Statement(database, "INSERT INTO \(table) VALUES \(row);"),
                               many: try SQLiteDatabase.Statement(database, "INSERT INTO \(table) VALUES \(rows);"),
                               schema: schema)
        } catch {
            throw ExportError(message: error.description)
        }
    }

    public func insert(source: String, record: Record) throws(ExportError) {
        try insert(source: source, records: CollectionOfOne(record))
    }

    /// Inserts `records` of `source` in their order, `rowsPerInsert` to a statement.
    public func insert<C: Collection>(source: String, records: C) throws(ExportError) where C.Element == Record {
        guard let (one, many, schema) = inserts[source] else {
            throw ExportError(message: "no table for source \(source)")
        }
        let width = schema.fields.count + 1
        var rest = records[...]
        do {
            while !rest.isEmpty {
                let statement = rest.count >= SQLiteExport.rowsPerInsert ? many : one
                let rows = rest.prefix(statement === many ? SQLiteExport.rowsPerInsert : 1)
                for (offset, record) in rows.enumerated() {
                    statement.bind(.integer(record.line), at: offset * width)
                    for slot in schema.fields.indices {
                        statement.bind(SQLiteExport.sqlValue(record[slot]), at: offset * width + slot + 1)
                    }
                }
                try statement.step()
                rest = rest.dropFirst(rows.count)
            }
        } catch {
            throw ExportError(message: error.description)
        }
    }

    static func sqlValue(_ value: Value) -> SQLValue {
        switch value {
        case .missing: return .null
        case .text(let text): return .text(text)
        case .integer(let number): return .integer(number)
        case .number(let number): return .real(number)
        case .date(let day): return .text(day.iso)
        case .bool(let flag): return .integer(flag ? 1 : 0)
        case .censored(let below): return .text("<\(below)")
        case .list(let items): return .text(items.joined(separator: "; "))
        }
    }

    /// The run's metrics: one row per metric and period (period NULL for the total).
    public func writeFigures(_ results: [MetricResult]) throws(ExportError) {
        do {
            try database.execute("""
                CREATE TABLE "figures" ("metric" TEXT NOT NULL, "period" TEXT, "group_keys" TEXT, \
                "value" REAL, "cumulative" REAL, "source" TEXT NOT NULL, "aggregate" TEXT NOT NULL, \
                "filter" TEXT, "since" TEXT, "until" TEXT NOT NULL);
                """)
            let insert = try SQLiteDatabase.Statement(database, "INSERT INTO \"figures\" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);")
            for result in results {
                let p = result.provenance
                let tail: [SQLValue] = [.text(p.source), .text(p.aggregate), p.filter.map(SQLValue.text) ?? .null,
                                        p.since.map { .text($0.iso) } ?? .null, .text(p.until.iso)]
                try insert.run([.text(result.name), .null, .null, result.value.map(SQLValue.real) ?? .null, .null] + tail)
                for (offset, point) in result.series.enumerated() {
                    let running = offset < result.cumulative.count ? SQLValue.real(result.cumulative[offset].value) : .null
                    try insert.run([.text(result.name), .text(point.period.label), .null, .real(point.value), running] + tail)
                }
                for group in result.groups {
                    try insert.run([.text(result.name), .null, .text(group.keys.joined(separator: "|")), .real(group.value), .null] + tail)
                }
            }
        } catch {
            throw ExportError(message: error.description)
        }
    }

    /// Makes the indexes, commits and renames the file into place.
    public func finish() throws(ExportError) {
        inserts.removeAll()
        do {
            for index in indexes { try database.execute(index) }
            try database.execute("COMMIT;")
        } catch {
            throw ExportError(message: error.description)
        }
        database.close()
        if rename(temporaryPath, path) != 0 {
            throw ExportError(message: "cannot move the export into place at \(path): \(String(cString: strerror(errno)))")
        }
        finished = true
    }
}
