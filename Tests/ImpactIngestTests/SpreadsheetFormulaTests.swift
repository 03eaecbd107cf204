import ImpactCore
import ImpactIngest
import XCTest

/// Values written as `="007"` (a spreadsheet formula that keeps leading zeros in Excel, which
/// some systems write into their "CSV for Excel" exports) are not CSV: each such row is
/// rejected, and the hint now names the formula and what to do, where it spoke of quotes.
final class SpreadsheetFormulaTests: XCTestCase {
    func testAFormulaValueIsNamedInTheHint() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("export.csv", "Ref,Date,Office\n=\"007\",2019-03-05,Delhi\n\"008\",2019-03-06,Pune\n009,2019-03-07,=\"Pune\"\n")
        for chunkSize in [64 * 1024, 3] {
            var sink = CollectingSink()
            _ = try SourceReader.read(path: path, format: .csv(CSVOptions(chunkSize: chunkSize)), into: &sink)
            XCTAssertEqual(sink.records.map(\.line), [3], "chunks of \(chunkSize)")
            XCTAssertEqual(sink.malformed.map(\.finding.line), [2, 4])
            XCTAssertEqual(sink.malformed.map(\.finding.field), ["Ref", "Office"], "the finding names the column")
            for (_, finding) in sink.malformed {
                XCTAssertEqual(finding.check, "csv.quote")
                XCTAssertTrue(finding.hint?.hasPrefix("the value starts with =\", a spreadsheet formula") == true, finding.hint ?? "")
                XCTAssertTrue(finding.hint?.contains("save it as CSV UTF-8") == true, finding.hint ?? "")
            }
        }
        // Another stray quote keeps the hint about quotes.
        let other = try dir.write("other.csv", "a,b\n1,x=\"7\"\n")
        var sink = CollectingSink()
        _ = try SourceReader.read(path: other, format: .csv(CSVOptions()), into: &sink)
        XCTAssertEqual(sink.malformed.first?.finding.hint, "write a quote inside a quoted value as two quotes (\"\"), and quote the whole value")
        XCTAssertNil(sink.malformed.first?.finding.field)
    }
}
