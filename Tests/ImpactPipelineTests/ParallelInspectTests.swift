import Foundation
import XCTest
import ImpactCore
import ImpactIngest
@testable import ImpactPipeline

/// `impact inspect` reads a large file in parts on every core: the report must be the
/// one-piece reader's, field by field, finding by finding, whatever the cut.
final class ParallelInspectTests: XCTestCase {
    private func compare(_ path: String, format: InputFormat, maxFindings: Int = 1_000,
                         file: StaticString = #filePath, line: UInt = #line) throws -> InspectReport {
        let one = try Inspector.inspect(path: path, format: format, maxFindings: maxFindings)
        for parts in [2, 3, 5] {
            let (report, read) = try ParallelInspect.read(path: path, format: format, samples: true, showIdentifying: false,
                                                          maxFindings: maxFindings, parts: parts, minimumPartBytes: 4096)
            XCTAssertEqual(read, parts, "read in \(parts) parts", file: file, line: line)
            XCTAssertEqual(report.fields, one.fields, "\(parts) parts: fields, samples, missing", file: file, line: line)
            XCTAssertEqual(report.findings, one.findings, "\(parts) parts: findings in file order", file: file, line: line)
            XCTAssertEqual(report, one, "\(parts) parts", file: file, line: line)
        }
        return one
    }

    /// The generator's messy CSV (BOM, CRLF, quoted commas and line breaks, scripts) with
    /// broken records, blank lines and a repeated header spliced into its middle.
    func testACSVFileInPartsGivesTheOnePieceReport() throws {
        let (dir, _) = try GenerateFixture.generate(self, GenerateOptions(rows: 6000, seed: 27, messy: true, sources: [.rescues]))
        var lines = String(decoding: try GenerateFixture.read(dir, "rescues.csv"), as: UTF8.self)
            .components(separatedBy: "\r\n")
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "")
        let middle = lines.count / 2
        lines.insert(contentsOf: ["P1,C1,OP1,Pune,2020-01-01,17,F,Bihar,x,Name,extra", ",,,,,,,,,", header,
                                  "P3,C3,OP3,Pune,someday"], at: middle)
        lines.insert("P4,C4,OP4,Pune,2020-01-01,17,F,Bihar,x", at: lines.count * 4 / 5)
        let path = dir + "/spliced.csv"
        try Data(lines.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: path))
        let one = try compare(path, format: .csv(CSVOptions()))
        XCTAssertGreaterThanOrEqual(one.malformed, 3, "the broken records are found")
        XCTAssertGreaterThanOrEqual(one.findingsByCheck.values.reduce(0, +), 5, "\(one.findingsByCheck)")
        XCTAssertTrue(one.fields.contains { $0.missing > 0 }, "a field with missing values")
        // Two findings kept: the merge keeps the first two in file order, and counts them all.
        let capped = try compare(path, format: .csv(CSVOptions()), maxFindings: 2)
        XCTAssertEqual(capped.findings.count, 2)
        XCTAssertEqual(capped.findingCount, one.findingCount)
    }

    /// JSON Lines made messy (`ParallelJSONLinesTests.mess`), a key met only late in the file:
    /// the parts meet their fields in another order, and a warning given once per field.
    func testAJSONLinesFileInPartsGivesTheOnePieceReport() throws {
        let path = try ParallelJSONLinesTests.messyFile(self, lateKey: true)
        let one = try compare(path, format: .json(JSONOptions()))
        XCTAssertTrue(one.fields.contains { $0.name == "note" && $0.missing > 0 }, "the late key: \(one.fields.map(\.name))")
        XCTAssertGreaterThan(one.malformed, 0)
    }
}
