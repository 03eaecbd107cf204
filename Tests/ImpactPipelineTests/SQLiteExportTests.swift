import Foundation
import ImpactCore
@testable import ImpactPipeline
import XCTest

final class SQLiteExportTests: XCTestCase {
    /// `query`'s output from the sqlite3 command-line tool (skipped where it is not installed).
    static func sqlite3(_ database: String, _ query: String) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
            throw XCTSkip("sqlite3 is not installed (apt-get install sqlite3); skipping the cross-check")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, query]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testRecordsAndFiguresAreQueryableAndTheFileAppearsAtomically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/impact.sqlite"
        let schema = RecordSchema(kind: "rescues", fields: [FieldSpec("person_id", .text), FieldSpec("date", .date), FieldSpec("age", .integer)])
        let export = try SQLiteExport(path: path)
        try export.createTable(source: "rescues", schema: schema)
        let day = try XCTUnwrap(Day(year: 2013, month: 5, day: 2))
        try export.insert(source: "rescues", record: Record(line: 2, values: [.text("P1"), .date(day), .integer(15)]))
        try export.insert(source: "rescues", record: Record(line: 3, values: [.text("O'Brien \"x\""), .missing, .censored(below: 5)]))
        // Text is bound by its UTF-8 bytes and length: empty, non-ASCII, long (not a small string).
        let long = String(repeating: "Zoë 🙂 ", count: 40)
        try export.insert(source: "rescues", record: Record(line: 4, values: [.text(""), .missing, .missing]))
        try export.insert(source: "rescues", record: Record(line: 5, values: [.text(long), .missing, .missing]))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "the file must not appear before it is complete")
        let provenance = MetricProvenance(source: "rescues", aggregate: "count", filter: nil, since: nil, until: day, by: [], rowsRead: 2, rowsMatched: 2)
        try export.writeFigures([MetricResult(name: "rescued", provenance: provenance, value: 2, isInteger: true)])
        try export.finish()

        XCTAssertEqual(try Self.sqlite3(path, "select count(*) from rescues;"), "4")
        XCTAssertEqual(try Self.sqlite3(path, "select length(person_id), typeof(person_id) from rescues where line = 4;"), "0|text",
                       "an empty text is an empty string, not NULL")
        XCTAssertEqual(try Self.sqlite3(path, "select person_id from rescues where line = 5;"),
                       long.trimmingCharacters(in: .whitespaces))
        XCTAssertEqual(try Self.sqlite3(path, "select length(person_id) from rescues where line = 5;"), "\(long.count)")
        // A censored count stays "<5": never read as 5 or 0.
        XCTAssertEqual(try Self.sqlite3(path, "select age, typeof(age) from rescues where line <= 3 order by line;"), "15|integer\n<5|text")
        XCTAssertEqual(try Self.sqlite3(path, "select person_id from rescues where line = 3;"), "O'Brien \"x\"")
        XCTAssertEqual(try Self.sqlite3(path, "select date from rescues where line = 2;"), "2013-05-02")
        XCTAssertEqual(try Self.sqlite3(path, "select metric, value from figures;"), "rescued|2.0")
        XCTAssertEqual(try Self.sqlite3(path, "select count(*) from sqlite_master where type = 'index';"), "2")
    }
}
