import Foundation
import XCTest
import ImpactCore
@testable import ImpactIngest

/// A file the one-piece reader stops at early (binary data after a header, a field over the
/// field limit) is not cut into parts: the split's pass over the whole file would be wasted,
/// and on a 2 GB file it took seconds before the reader's error. A sound file still is.
final class SplitRefusalTests: XCTestCase {
    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("split-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    private let rows = (1...2000).map { "P\($0),Pune,2020-01-0\($0 % 9 + 1)" }.joined(separator: "\n") + "\n"

    func testASoundFileIsCut() throws {
        let csv = try file("sound.csv", Array(("id,office,date\n" + rows).utf8))
        XCTAssertEqual(try CSVSplit.plan(path: csv, options: CSVOptions(), parts: 3, minimumPartBytes: 4096)?.parts.count, 3)
    }

    func testNULBytesAfterTheHeaderAreNotCut() throws {
        let csv = try file("nul.csv", Array("id,office,date\n".utf8) + [UInt8](repeating: 0, count: 60_000))
        XCTAssertNil(try CSVSplit.plan(path: csv, options: CSVOptions(), parts: 3, minimumPartBytes: 4096))
        let jsonl = try file("nul.jsonl", Array("{\"id\": 1}\n".utf8) + [UInt8](repeating: 0, count: 60_000))
        XCTAssertNil(try JSONLinesSplit.plan(path: jsonl, options: JSONOptions(), parts: 3, minimumPartBytes: 4096))
    }

    func testAFieldOverTheLimitIsNotCut() throws {
        // Sound rows, then a quoted field longer than the limit (1,000 bytes here) over the cuts.
        let long = "\"" + String(repeating: "a", count: 40_000) + "\""
        let csv = try file("long.csv", Array(("id,office,date\n" + rows + "P0,\(long),2020-01-01\n" + rows).utf8))
        let options = CSVOptions(maxFieldBytes: 1_000)
        XCTAssertNil(try CSVSplit.plan(path: csv, options: options, parts: 16, minimumPartBytes: 4096))
        XCTAssertNotNil(try CSVSplit.plan(path: csv, options: CSVOptions(), parts: 16, minimumPartBytes: 4096),
                        "under the default limit the same file is cut")
        let line = "{\"note\": \"" + String(repeating: "a", count: 40_000) + "\"}\n"
        let sound = (1...2000).map { "{\"id\": \($0)}" }.joined(separator: "\n") + "\n"
        let jsonl = try file("long.jsonl", Array((sound + line + sound).utf8))
        XCTAssertNil(try JSONLinesSplit.plan(path: jsonl, options: JSONOptions(maxFieldBytes: 1_000), parts: 16,
                                             minimumPartBytes: 4096))
        XCTAssertNotNil(try JSONLinesSplit.plan(path: jsonl, options: JSONOptions(), parts: 16, minimumPartBytes: 4096),
                        "under the default limit the same file is cut")
    }

    /// The look before the pass over the whole file: a line end within the limit after
    /// each even cut (the hostile test's 100 MB field is refused by it, not by that pass).
    func testALineEndMustFollowEachEvenCut() throws {
        let text = "id,note\n1,ok\n2,\"" + String(repeating: "a", count: 40_000) + "\"\n3,ok\n"
        let csv = try file("cuts.csv", Array(text.utf8))
        let size = text.utf8.count
        XCTAssertFalse(try CSVSplit.lineEndsNearCuts(path: csv, size: size, parts: 2, within: 1_000))
        XCTAssertTrue(try CSVSplit.lineEndsNearCuts(path: csv, size: size, parts: 2, within: 30_000),
                      "the line end after the field is within the limit")
        let sound = "id,office,date\n" + rows
        XCTAssertTrue(try CSVSplit.lineEndsNearCuts(path: try file("sound-cuts.csv", Array(sound.utf8)),
                                                    size: sound.utf8.count, parts: 16, within: 100))
    }
}
