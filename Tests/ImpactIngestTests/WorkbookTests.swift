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

    /// A web report saved as .xls, Excel's XML spreadsheet, a PDF and a compressed export:
    /// each refused as what it is, with what to do about that kind of file.
    func testOtherFilesThatAreNotExportsAreNamedWithWhatToDo() throws {
        let html = Array("\u{FEFF}\n  <!DOCTYPE html><html><body><table><tr><td>id</td></tr></table></body></html>\n".utf8)
        let table = Array("<TABLE border=1><TR><TD>id</TD></TR></TABLE>\n".utf8)
        let xml = Array("<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">\n".utf8)
        let pdf = Array("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n".utf8)
        let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00] + Array(repeating: 0x41, count: 64)
        let cases: [([UInt8], String, String, String)] = [
            (html, "report.xls", "an HTML page", "save it as CSV UTF-8"),
            (table, "report.csv", "an HTML page", "save it as CSV UTF-8"),
            (html, "report.json", "an HTML page", "save it as CSV UTF-8"),
            (xml, "report.xml.csv", "an Excel XML spreadsheet", "save it as CSV UTF-8"),
            (pdf, "rescues.csv", "a PDF document", "ask for the data it was made from"),
            (gzip, "rescues.csv.gz", "a gzip-compressed file", "gunzip -c FILE | impact query -"),
            ([0x50, 0x4B, 0x03, 0x04] + Array("rescues.csv".utf8), "exports.zip", "a zip archive", "unzip -p FILE NAME | impact query -"),
        ]
        for (bytes, name, kind, advice) in cases {
            let path = try file(bytes, name: name)
            var sink = CollectingSink()
            XCTAssertThrowsError(try SourceReader.read(path: path, format: .auto, into: &sink), name) { error in
                XCTAssertTrue("\(error)".contains("\(path): error: the file is \(kind)"), "\(error)")
                XCTAssertTrue("\(error)".contains(advice), "\(error)")
            }
            XCTAssertTrue(sink.records.isEmpty && sink.malformed.isEmpty, name)
        }
    }
}
