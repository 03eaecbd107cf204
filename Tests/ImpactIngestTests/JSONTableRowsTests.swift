import Foundation
import XCTest
import ImpactCore
import ImpactIngest

/// A table export with its headers apart (`{"headers": [...], "rows": [[...], ...]}`, as
/// DHIS2's analytics writes) has rows that are lists: each is rejected with a hint that says
/// what the file is and how to export it instead; any other non-object keeps the usual hint.
final class JSONTableRowsTests: XCTestCase {
    private func findings(_ text: String, ext: String, recordsKey: String? = nil) throws -> [Finding] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("table-\(UUID().uuidString).\(ext)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var sink = CollectingSink()
        var options = JSONOptions()
        options.recordsKey = recordsKey
        _ = try SourceReader.read(path: url.path, format: .json(options), into: &sink)
        return sink.malformed.map(\.finding)
    }

    func testListRowsSayWhatTheFileIs() throws {
        let table = #"{"headers": [{"name": "ou"}, {"name": "value"}], "rows": [["Mumbai", "12"], 7]}"#
        let wrapped = try findings(table, ext: "json", recordsKey: "rows")
        XCTAssertEqual(wrapped.map(\.message), ["element 1 of the array is not an object", "element 2 of the array is not an object"])
        XCTAssertEqual(wrapped.first?.hint?.hasPrefix("a list of values, not an object with names"), true)
        XCTAssertEqual(wrapped.last?.hint, "check the JSON of this record", "a number is just not a record")
        let lines = try findings("[\"Mumbai\", \"12\"]\n{\"ou\": \"Pune\"}\n", ext: "jsonl")
        XCTAssertEqual(lines.map(\.message), ["the line does not hold a JSON object"])
        XCTAssertTrue(lines.first?.hint?.contains("export it as CSV, or as JSON with one object per record") == true)
    }
}
