import CSQLite
import ImpactCore

/// A thin wrapper over the SQLite C API: open, execute, prepared inserts.
/// No SQLite type leaves this file.
final class SQLiteDatabase {
    struct SQLiteError: Error, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "SQLite (\(path)): \(message)" }
    }

    let path: String
    private var handle: OpaquePointer?

    /// Done once, before the first open: no allocation statistics (a global mutex per malloc).
    private static let configured: Int32 = impact_sqlite3_skip_memory_statistics()

    init(path: String) throws(SQLiteError) {
        _ = SQLiteDatabase.configured
        self.path = path
        var db: OpaquePointer?
        // One thread uses a database (the export's writer): no mutex around each call.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        if sqlite3_open_v2(path, &db, flags, nil) != SQLITE_OK {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw SQLiteError(path: path, message: message)
        }
        handle = db
    }

    deinit { close() }

    func close() {
        if let handle { sqlite3_close(handle) }
        handle = nil
    }

    func execute(_ sql: String) throws(SQLiteError) {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(error)
            throw SQLiteError(path: path, message: "\(message) in: \(sql.prefix(200))")
        }
    }

    /// A prepared statement whose parameters are bound by position and run once per row.
    final class Statement {
        private let statement: OpaquePointer?
        private let database: SQLiteDatabase

        init(_ database: SQLiteDatabase, _ sql: String) throws(SQLiteError) {
            self.database = database
            var prepared: OpaquePointer?
            if sqlite3_prepare_v2(database.handle, sql, -1, &prepared, nil) != SQLITE_OK {
                throw SQLiteError(path: database.path, message: database.lastError + " in: \(sql.prefix(200))")
            }
            statement = prepared
        }

        deinit { sqlite3_finalize(statement) }

        func run(_ values: [SQLValue]) throws(SQLiteError) {
            for (offset, value) in values.enumerated() { bind(value, at: offset) }
            try step()
        }

        /// Binds parameter `offset` (0-based) of the next `step()`.
        func bind(_ value: SQLValue, at offset: Int) {
            let index = Int32(offset + 1)
            switch value {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let number): sqlite3_bind_int64(statement, index, Int64(number))
            case .real(let number): sqlite3_bind_double(statement, index, number)
            case .text(var text):
                // By its UTF-8 bytes and length (no C string made); SQLITE_TRANSIENT: SQLite
                // copies the bytes before the call returns.
                let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
                text.withUTF8 { bytes in
                    guard let base = bytes.baseAddress else {
                        _ = sqlite3_bind_text(statement, index, "", 0, transient)
                        return
                    }
                    base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        _ = sqlite3_bind_text(statement, index, $0, Int32(bytes.count), transient)
                    }
                }
            }
        }

        /// Runs the statement with the parameters bound since the last step, then clears them.
        func step() throws(SQLiteError) {
            let result = sqlite3_step(statement)
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            if result != SQLITE_DONE {
                throw SQLiteError(path: database.path, message: database.lastError)
            }
        }
    }

    var lastError: String {
        handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
    }
}

enum SQLValue {
    case null
    case integer(Int)
    case real(Double)
    case text(String)
}
