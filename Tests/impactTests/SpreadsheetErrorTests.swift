import Foundation
import XCTest

/// A spreadsheet's error values (`#REF!`, `#N/A`) exported in place of values: the row is
/// rejected with what the error means, and never becomes a group of a published table.
final class SpreadsheetErrorTests: XCTestCase {
    func testARowHoldingAnErrorValueIsRejectedWithWhatItMeans() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        try """
        Survivor No,Rescued On,Office,Age
        S1,03/11/2014,Mumbai,15
        S2,04/11/2014,#REF!,16
        S3,05/11/2014,Mumbai,#N/A
        S4,06/11/2014,Pune,17

        """.write(to: folder.appendingPathComponent("rescues.csv"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("p.yml")
        try """
        name: errors
        period: { since: 2000-01-01 }
        date_format: dd/MM/yyyy
        sources:
          rescues:
            path: rescues.csv
            columns: { person_id: Survivor No, date: Rescued On, office: Office, age: Age }
        metrics:
          by_office: { count: rows, from: rescues, by: office }
        """.write(to: file, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let result = try BinaryRunner.run(["run", file.path, "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("4 read        2 accepted      2 rejected"), result.stdout)
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected/rescues.csv"), encoding: .utf8)
        XCTAssertTrue(rejected.contains("3,office,type,\"'#REF!' is a spreadsheet's error value, not a value (the formula refers to a cell that was deleted;"),
                      rejected)
        XCTAssertTrue(rejected.contains("4,age,type,\"'#N/A' is a spreadsheet's error value, not a value (a lookup found nothing"), rejected)
        let figures = try String(contentsOf: out.appendingPathComponent("figures.json"), encoding: .utf8)
        XCTAssertFalse(figures.contains("#REF!"), "an error value is no office")

        // The raw export: the same rows are left out, and `age` is still typed as a number.
        let raw = try BinaryRunner.run(["query", folder.appendingPathComponent("rescues.csv").path, "--by", "office",
                                        "--where", "age < 18", "--format", "csv"])
        XCTAssertEqual(raw.status, 0, raw.stderr)
        XCTAssertEqual(raw.stdout.replacingOccurrences(of: "\r\n", with: "\n"), "office,count\nMumbai,1\nPune,1\n")
        XCTAssertTrue(raw.stderr.contains("2 of 4 rows rejected"), raw.stderr)
    }
}
