import Foundation
import XCTest
import ImpactCore
import ImpactIngest

/// A workbook given where an export was expected: one clear error that says to save it as
/// CSV, not a screen of findings about its bytes; never split across cores either.
final class WorkbookTests: XCTestCase {
    private func file(_ bytes: [UInt8], name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func testAWorkbookIsRefusedWithWhatToDo() throws {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array("\u{14}\0\0\0[Content_Types].xml xl/workbook.xml".utf8)
            + Array(repeating: 0x41, count: 9000) + Array("\n".utf8)
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 600)
        let cases: [([UInt8], String, String)] = [
            (zip, "survivors.xlsx", "an Excel workbook (.xlsx)"), (zip, "export.csv", "an Excel workbook (.xlsx)"),
            (ole, "survivors.xls", "an Excel 97-2003 workbook (.xls)"),
            ([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x41, count: 100), "offices.ods", "an OpenDocument spreadsheet (.ods)"),
        ]
        for (bytes, name, kind) in cases {
            let path = try file(bytes, name: name)
            var sink = CollectingSink()
            XCTAssertThrowsError(try SourceReader.read(path: path, format: .auto, into: &sink), name) { error in
                XCTAssertEqual(error as? IngestError, .notText(path: path, kind: kind))
                XCTAssertTrue("\(error)".contains("save it as CSV UTF-8"), "\(error)")
            }
            XCTAssertNil(try CSVSplit.plan(path: path, options: CSVOptions(), parts: 2, minimumPartBytes: 1024), name)
        }
    }
}
