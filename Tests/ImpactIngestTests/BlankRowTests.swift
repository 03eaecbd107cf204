import Foundation
import XCTest
import ImpactCore
import ImpactIngest

/// A row whose every field is empty (`,,,,`: a spreadsheet's cleared row) is marked
/// blank by the reader, the columns the sink does not keep included: a row with only a
/// name (left out by the sink) is not blank.
final class BlankRowTests: XCTestCase {
    struct Sink: RecordSink {
        var keep: [Bool]?
        var blank: [Int: Bool] = [:]
        mutating func record(_ row: RowBuffer) throws { blank[row.line] = row.isBlank }
        mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws { blank[row.line] = nil }
        mutating func finding(_ finding: Finding) throws {}
        func columnsToKeep(_ columns: ColumnTable) -> [Bool]? { keep }
    }

    private func read(_ text: String, ext: String, keep: [Bool]? = nil) throws -> [Int: Bool] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("blank-\(UUID().uuidString).\(ext)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var sink = Sink(keep: keep)
        _ = try SourceReader.read(path: url.path, format: .auto, into: &sink)
        return sink.blank
    }

    func testCSVRowsOfDelimitersAreBlankAndNoOtherRowIs() throws {
        let text = "id,name,place\nP1,Asha,Pune\n,,\n\"\",\"\",\"\"\n, ,\n,Ravi,\n,,\r\n\"a\nb\",,\n,,\n"
        for keep in [nil, [true, false, true]] {
            let blank = try read(text, ext: "csv", keep: keep)
            XCTAssertEqual(blank, [2: false, 3: true, 4: true, 5: false, 6: false, 7: true, 8: false, 10: true],
                           "keep \(String(describing: keep))")
        }
    }

    func testJSONObjectsWithNoValueAreBlank() throws {
        let text = "{\"id\": \"P1\", \"place\": null}\n{}\n{\"id\": null, \"place\": \"\"}\n{\"id\": \"\", \"tags\": [\"x\"]}\n{\"tags\": []}\n"
        XCTAssertEqual(try read(text, ext: "jsonl"), [1: false, 2: true, 3: true, 4: false, 5: true])
    }
}
