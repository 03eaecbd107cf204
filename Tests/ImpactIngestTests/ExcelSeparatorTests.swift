import Foundation
import XCTest
import ImpactCore
import ImpactIngest

/// Excel saves `sep=;` above the header of a CSV meant for another locale's separator:
/// the line is skipped (lines still counted from the file's first) and its delimiter used.
final class ExcelSeparatorTests: XCTestCase {
    private func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sep-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    private func read(_ path: String, _ options: CSVOptions = CSVOptions()) throws -> (CollectingSink, SourceFormat) {
        var sink = CollectingSink()
        let format = try CSVReader.read(path: path, options: options, into: &sink)
        return (sink, format)
    }

    func testTheSepLineNamesTheDelimiterAndIsNotTheHeader() throws {
        for text in ["sep=;\nid;place\n1;Pune, West\n2;Iași\n", "\u{FEFF}SEP=;\r\nid;place\r\n1;Pune, West\r\n2;Iași\r\n"] {
            let (sink, format) = try read(try file(text))
            XCTAssertEqual(format.delimiter, ";")
            XCTAssertEqual(format.headerLine, 2)
            XCTAssertEqual(format.columns, ["id", "place"])
            XCTAssertEqual(sink.records.map(\.line), [3, 4])
            XCTAssertEqual(sink.records.first?.values, [.text("1"), .text("Pune, West")])
            XCTAssertTrue(sink.malformed.isEmpty)
        }
    }

    func testAGivenDelimiterOrPreambleWins() throws {
        let path = try file("sep=;\nid|place\n1|Pune\n")
        let (sink, format) = try read(path, CSVOptions(delimiter: UInt8(ascii: "|")))
        XCTAssertEqual(format.columns, ["id", "place"], "the sep= line still skipped")
        XCTAssertEqual(sink.records.count, 1)
        // A preamble given counts the sep= line itself (the user saw it in the file).
        let (counted, _) = try read(try file("sep=;\nid;place\n1;Pune\n"), CSVOptions(preambleLines: 1))
        XCTAssertEqual(counted.records.map(\.line), [3])
    }

    func testAFileLikeOneIsReadInOnePieceNotSplit() throws {
        let rows = (1...5000).map { "\($0);office \($0 % 7)" }.joined(separator: "\n")
        let path = try file("sep=;\nid;office\n" + rows + "\n")
        XCTAssertNil(try CSVSplit.plan(path: path, options: CSVOptions(), parts: 2, minimumPartBytes: 1024))
        XCTAssertNotNil(try CSVSplit.plan(path: try file("id;office\n" + rows + "\n"), options: CSVOptions(), parts: 2,
                                          minimumPartBytes: 1024), "the same rows without it split")
    }

    func testOtherFirstLinesAreNotSepLines() throws {
        for text in ["sep=\nid\n1\n", "separator;x\n1;2\n", "sep=;;\n1;2\n"] {
            let (_, format) = try read(try file(text))
            XCTAssertEqual(format.headerLine, 1, text)
        }
    }
}
