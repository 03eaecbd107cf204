import ImpactCore
import ImpactIngest

/// A sink that keeps copies of everything it is given, for comparing with expectations.
struct CollectingSink: RecordSink {
    struct Row: Equatable {
        var line: Int
        var values: [RawValue]
    }

    var records: [Row] = []
    var malformed: [(row: Row, finding: Finding)] = []
    var findings: [Finding] = []
    var columns: [String] = []
    /// The columns this sink asks the reader to keep (nil: all).
    var keep: [Bool]?
    /// The reader's hints of how many records follow (`expectRecords`), in order.
    var expected: [Int] = []
    /// Whether this sink asks for rows hashed as read (`hashesRowsAsRead`).
    var hashes = false
    /// `RowHash.of` each record, in order.
    var rowHashes: [UInt64] = []

    var hashesRowsAsRead: Bool { hashes }

    func columnsToKeep(_ columns: ColumnTable) -> [Bool]? { keep }

    mutating func expectRecords(_ count: Int) { expected.append(count) }

    mutating func record(_ row: RowBuffer) throws {
        records.append(Row(line: row.line, values: row.values()))
        rowHashes.append(RowHash.of(row))
        columns = row.columns.names
    }

    mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws {
        malformed.append((Row(line: row.line, values: row.values()), finding))
        columns = row.columns.names
    }

    mutating func finding(_ finding: Finding) throws {
        findings.append(finding)
    }
}

/// A place for files a test writes; removed at deinit.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path + "/impact-ingest-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

import Foundation

/// Reads a file with the given format and returns what a collecting sink saw.
func collect(_ path: String, _ format: InputFormat = .auto) throws -> (CollectingSink, SourceFormat) {
    var sink = CollectingSink()
    let detected = try SourceReader.read(path: path, format: format, into: &sink)
    return (sink, detected)
}
