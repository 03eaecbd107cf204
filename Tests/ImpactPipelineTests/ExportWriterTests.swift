import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// The export's writer inserts on a thread of its own: every record, in the order added,
/// across batches; an insert that fails stops it and the reading side hears of it.
final class ExportWriterTests: XCTestCase {
    private func database(_ name: String) throws -> (SQLiteExport, String) {
        let dir = try Hostile.scratch(self).path
        let path = dir + "/\(name).sqlite"
        let export = try SQLiteExport(path: path)
        for source in ["rescues", "trainings"] {
            try export.createTable(source: source, schema: RecordSchema(kind: source, fields: [FieldSpec("person_id", .text)]))
        }
        return (export, path)
    }

    private func lines(_ path: String, table: String = "rescues") throws -> [Int] {
        let rows = try SQLiteExportTests.sqlite3(path, "select line, person_id from \(table) order by rowid;")
        return rows.split(separator: "\n").map { row in
            let parts = row.split(separator: "|")
            XCTAssertEqual(parts.count, 2)
            XCTAssertEqual("P" + parts[0], parts[1], "each line with its own value")
            return Int(parts[0]) ?? -1
        }
    }

    func testEveryRecordIsInsertedInTheOrderAdded() throws {
        // Batches of 7 (one row a statement) and of 100 (three statements of 32 rows, then
        // one a row), at most 2 waiting: the reading side waits for the writer now and then.
        // Lines 501-537 are another source's: a batch holds both.
        for batchSize in [7, 100] {
            let (export, path) = try database("order-\(batchSize)")
            let writer = ExportWriter(export, batchSize: batchSize, queued: 2)
            for line in 1...1000 {
                let source = (501...537).contains(line) ? "trainings" : "rescues"
                try writer.add(source: source, record: Record(line: line, values: [.text("P\(line)")]))
            }
            try writer.finish()
            try export.finish()
            XCTAssertEqual(try lines(path), Array(1...500) + Array(538...1000), "batches of \(batchSize)")
            XCTAssertEqual(try lines(path, table: "trainings"), Array(501...537), "batches of \(batchSize)")
        }
    }

    func testAFailedInsertStopsTheWriterAndReachesTheReader() throws {
        let (export, _) = try database("failure")
        let writer = ExportWriter(export, batchSize: 4, queued: 1)
        var thrown: SQLiteExport.ExportError?
        for line in 1...200 where thrown == nil {
            do {
                // Line 10 names a source with no table: its insert fails.
                try writer.add(source: line == 10 ? "suspects" : "rescues", record: Record(line: line, values: [.text("P\(line)")]))
            } catch {
                thrown = error
            }
        }
        // One batch waits at most: an add meets the failure before the two hundredth line.
        let error = try XCTUnwrap(thrown, "the reading side hears of the failed insert")
        XCTAssertTrue(error.description.contains("suspects"), error.description)
        XCTAssertThrowsError(try writer.finish(), "finish reports it too")
        writer.close()
    }
}
