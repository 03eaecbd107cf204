import Foundation
import XCTest
import ImpactCore
import ImpactIngest

/// A line of only spaces and tabs in a file of several columns is no record, as an empty
/// line is none: the same whatever the chunk boundaries (the reader's general path, taken by
/// a line cut across chunks, and its whole-line path agree), with lines counted as read.
final class WhitespaceLineTests: XCTestCase {
    func testALineOfSpacesIsNoRecordWhereverTheChunksEnd() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString).csv")
        try Data("a,b,c\n1,2,3\n   \n\t \n4,\"5\",6\n  \r\n7,8,9\n \n\" \",x,y\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        for chunk in [1, 2, 3, 7, 64, 64 * 1024] {
            for keep in [nil, [false, true, true]] {
                var sink = CollectingSink()
                sink.keep = keep
                _ = try CSVReader.read(path: url.path, options: CSVOptions(chunkSize: chunk), into: &sink)
                XCTAssertEqual(sink.records.map(\.line), [2, 5, 7, 9], "chunk \(chunk), keep \(String(describing: keep))")
                XCTAssertTrue(sink.malformed.isEmpty, "chunk \(chunk): \(sink.malformed.map(\.finding.message))")
            }
        }
    }

    func testInAOneColumnFileSpacesAreAValue() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ws1-\(UUID().uuidString).csv")
        try Data("a\n1\n   \n2\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var sink = CollectingSink()
        _ = try CSVReader.read(path: url.path, options: CSVOptions(), into: &sink)
        XCTAssertEqual(sink.records.map(\.line), [2, 3, 4])
    }
}
