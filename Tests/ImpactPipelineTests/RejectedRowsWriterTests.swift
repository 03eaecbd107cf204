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

    /// A value that a spreadsheet would run as a formula is written with an apostrophe first.
    func testAFormulaInAValueIsWrittenAsText() throws {
        let output = try folder()
        let (mapper, table) = try mapper()
        let writer = try RejectedRowsWriter(outputDirectory: output.path, source: "rescues", mapper: mapper)
        try writer.write(findings: [Finding(file: "r.csv", line: 2, field: "date", check: "type", message: "bad")],
                         row: row(table, ["n", "=HYPERLINK(\"http://x.example\")", "p", "-3", "", "@SUM(A1)"], line: 2))
        let text = try String(contentsOfFile: try XCTUnwrap(try writer.finish()), encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("2,date,type,bad,\"'=HYPERLINK(\"\"http://x.example\"\")\",-3,'@SUM(A1)\r\n"), text)
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

    /// A JSON export whose first objects leave a key out: the column is added when the
    /// reader meets it, with the value of every later row, and the rows before it
    /// (thousands, flushed to disk, some with a quoted line break) get an empty cell.
    func testAColumnMetAfterTheFirstRejectedRowIsAddedAndEarlierRowsPadded() throws {
        let output = try folder()
        let yaml = "kind: rescues\npath: r.jsonl\n"
        let definition = try SourceDefinition.decode(name: "rescues", node: try YAMLConfig.parse(yaml, file: "p.yml"),
                                                     defaults: SourceDefaults())
        let table = ColumnTable(["person_id", "date"])
        let mapper = RowMapper(definition: definition, columns: table, file: "r.jsonl")
        let writer = try RejectedRowsWriter(outputDirectory: output.path, source: "rescues", mapper: mapper)
        let early = 3000
        for line in 1...early {
            let id = line % 7 == 0 ? "S\r\n\(line), \"x\"" : "S\(line)"
            try writer.write(findings: [Finding(file: "r.jsonl", line: line, field: "date", check: "type", message: "bad")],
                             row: row(table, [id, "32/1/2014"], line: line))
        }
        _ = table.add("place")
        try writer.write(findings: [Finding(file: "r.jsonl", line: early + 1, field: "date", check: "type", message: "bad")],
                         row: row(table, ["S-late", "2014-13-01", "bar, hotel"], line: early + 1))
        let path = try XCTUnwrap(try writer.finish())
        let records = Self.parseCSV(try String(contentsOfFile: path, encoding: .utf8))
        XCTAssertEqual(records.first, ["line", "field", "check", "reason", "person_id", "date", "place"])
        XCTAssertEqual(records.count, early + 2)
        XCTAssertEqual(Set(records.map(\.count)), [7], "every row as wide as the header")
        XCTAssertEqual(records[7], ["7", "date", "type", "bad", "S\r\n7, \"x\"", "32/1/2014", ""])
        XCTAssertEqual(records.last, ["\(early + 1)", "date", "type", "bad", "S-late", "2014-13-01", "bar, hotel"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("rejected").path),
                       ["rescues.csv"], "no temporary file left behind")
    }

    /// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var inQuotes = false, quotedJustClosed = false
        for char in text {
            if inQuotes {
                if char == "\"" { inQuotes = false; quotedJustClosed = true } else { field.append(char) }
                continue
            }
            switch char {
            case "\"":
                if quotedJustClosed { field.append("\"") }
                inQuotes = true
            case ",": record.append(field); field = ""
            case "\r\n", "\n": record.append(field); records.append(record); record = []; field = ""
            default: field.append(char)
            }
            quotedJustClosed = false
        }
        return records
    }
}
