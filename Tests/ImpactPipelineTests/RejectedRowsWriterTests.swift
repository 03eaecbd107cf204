import Foundation
import XCTest
import ImpactCore
import ImpactPipeline

final class RejectedRowsWriterTests: XCTestCase {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("impact-rejected-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func mapper() throws -> (RowMapper, ColumnTable) {
        let yaml = """
        kind: rescues
        path: r.csv
        columns: { person_id: Survivor No, date: Rescued On, place: Place of work }
        identifying: [Name, Phone]
        """
        let node = try YAMLConfig.parse(yaml, file: "p.yml")
        let definition = try SourceDefinition.decode(name: "rescues", node: node, defaults: SourceDefaults())
        let table = ColumnTable(["Name", "Survivor No", "Phone", "Rescued On", "Notes", "Place of work"])
        return (RowMapper(definition: definition, columns: table, file: "r.csv"), table)
    }

    private func row(_ table: ColumnTable, _ values: [String], line: Int) -> RowBuffer {
        let row = RowBuffer(columns: table)
        row.reset(line: line)
        for (slot, value) in values.enumerated() { row.setText(slot, value) }
        row.fieldCount = values.count
        return row
    }

    func testQuotingAtomicityAndColumns() throws {
        let output = try folder()
        let (mapper, table) = try mapper()
        let writer = try RejectedRowsWriter(outputDirectory: output.path, source: "rescues", mapper: mapper)
        let finalPath = output.appendingPathComponent("rejected/rescues.csv").path
        let findings = [
            Finding(file: "r.csv", line: 4, field: "date", check: "type", message: "'32/1/2014' is not a date", hint: "check the day"),
            Finding(file: "r.csv", line: 4, field: "person_id", check: "required", message: "no value"),
        ]
        try writer.write(findings: findings,
                         row: row(table, ["Secret Name", "S-\"7\"", "+91 99999", "32/1/2014", "private note", " bar, hotel"], line: 4))
        XCTAssertFalse(FileManager.default.fileExists(atPath: finalPath), "nothing in place before finish()")
        XCTAssertEqual(try writer.finish(), finalPath)
        let text = try String(contentsOfFile: finalPath, encoding: .utf8)
        XCTAssertEqual(text, [
            #"line,field,check,reason,Survivor No,Rescued On,Place of work"#,
            #"4,date,type,'32/1/2014' is not a date (check the day),"S-""7""",32/1/2014," bar, hotel""#,
            #"4,person_id,required,no value,"S-""7""",32/1/2014," bar, hotel""#,
        ].map { $0 + "\r\n" }.joined())
        for secret in ["Secret Name", "+91 99999", "private note"] { XCTAssertFalse(text.contains(secret)) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("rejected").path),
                       ["rescues.csv"], "no temporary file left behind")
    }

    func testNoRejectedRowLeavesNoFileAndRemovesAStaleOne() throws {
        let output = try folder()
        let (mapper, _) = try mapper()
        let stale = output.appendingPathComponent("rejected/rescues.csv")
        try FileManager.default.createDirectory(at: stale.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: stale)
        let writer = try RejectedRowsWriter(outputDirectory: output.path, source: "rescues", mapper: mapper)
        XCTAssertNil(try writer.finish())
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path))
    }

    func testCancelKeepsTheEarlierFile() throws {
        let output = try folder()
        let (mapper, table) = try mapper()
        let earlier = output.appendingPathComponent("rejected/rescues.csv")
        try FileManager.default.createDirectory(at: earlier.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("earlier run".utf8).write(to: earlier)
        let writer = try RejectedRowsWriter(outputDirectory: output.path, source: "rescues", mapper: mapper)
        try writer.write(findings: [Finding(file: "r.csv", line: 2, check: "required", message: "no value")],
                         row: row(table, ["n", "S1", "p", "", "", ""], line: 2))
        writer.cancel()
        XCTAssertEqual(try String(contentsOf: earlier, encoding: .utf8), "earlier run")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: earlier.deletingLastPathComponent().path), ["rescues.csv"])
    }

    func testASourceNameCannotLeaveTheFolder() throws {
        let (mapper, _) = try mapper()
        for name in ["../escape", ".hidden", "a/b", ""] {
            XCTAssertThrowsError(try RejectedRowsWriter(outputDirectory: "/tmp", source: name, mapper: mapper), name)
        }
    }
}
