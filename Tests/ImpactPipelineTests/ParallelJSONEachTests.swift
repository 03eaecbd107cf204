import Foundation
import XCTest
import ImpactCore
@testable import ImpactIngest
@testable import ImpactPipeline

/// JSON Lines whose records hold a list of objects read as records of their own
/// (`JSONOptions.each`), read in parts on several cores: the records, their lines and the
/// findings are those of the one-piece read.
final class ParallelJSONEachTests: XCTestCase {
    func testPartsGiveTheOnePieceRecords() throws {
        var lines: [String] = []
        for k in 0..<3000 {
            let survivors = (0..<(k % 4)).map { "{\"sid\": \"S\(k)-\($0)\", \"age\": \($0 * 7)}" }
            let list = k % 9 == 0 ? "" : ", \"survivors\": [\(survivors.joined(separator: ", "))\(k % 50 == 7 ? ", 3" : "")]"
            lines.append("{\"case_id\": \"C\(k)\"\(list), \"office\": \"O\(k % 5)\"}")
        }
        let folder = try XCTUnwrap(FileManager.default.temporaryDirectory.appendingPathComponent("each-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cases.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var options = JSONOptions()
        options.each = "survivors"

        var one = ReadRows()
        _ = try JSONReader.read(path: path, options: options, into: &one)
        XCTAssertEqual(one.rows.count, (0..<3000).filter { $0 % 9 != 0 }.map { $0 % 4 }.reduce(0, +))
        XCTAssertEqual(one.findings.filter { $0.contains("json.each") }.count, 1, "once per list and file: \(one.findings.prefix(4))")
        for parts in [2, 3] {
            let outcome = try ParallelReader.read(path: path, format: .json(options), parts: parts, minimumPartBytes: 4096) { _, _ in ReadRows() }
            XCTAssertEqual(outcome.parts, parts)
            let rows = outcome.sinks.flatMap(\.rows)
            XCTAssertEqual(rows.count, one.rows.count, "\(parts) parts")
            XCTAssertTrue(rows == one.rows, "\(parts) parts: first difference \(zip(rows, one.rows).first { $0 != $1 }.map { "\($0)" } ?? "none")")
            let repeated = Set(outcome.repeated.joined().map { "\($0.line) \($0.check) \($0.message)" })
            XCTAssertEqual(outcome.sinks.flatMap(\.findings).filter { !repeated.contains($0) }, one.findings, "\(parts) parts")
        }
    }
}
