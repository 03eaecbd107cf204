import Foundation
import XCTest

/// An export from a spreadsheet often ends in rows whose values were cleared (`,,,`):
/// they are skipped and counted as blank, not rejected row by row (which filled the
/// rejected-rows file and could trip `--max-rejected`) and never counted as rows. A row
/// with any value, even one in an identifying column only, is still checked.
final class BlankRowsTests: XCTestCase {
    private func pipeline(in folder: URL) throws -> URL {
        try """
        Survivor No,Name,Rescued On,Office
        S1,Asha,03/11/2014,Mumbai
        ,,,
        S2,Ravi,04/11/2014,Mumbai
        ,Meena,,
        ,,,
        "","","",""

        """.write(to: folder.appendingPathComponent("rescues.csv"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("p.yml")
        try """
        name: blank
        period: { since: 2000-01-01 }
        date_format: dd/MM/yyyy
        sources:
          rescues:
            path: rescues.csv
            columns: { person_id: Survivor No, date: Rescued On, office: Office }
            identifying: [Name]
        metrics:
          rows: { count: rows, from: rescues }
        """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    func testBlankRowsAreSkippedAndCountedNotRejected() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = try pipeline(in: folder)
        let out = folder.appendingPathComponent("out")
        let result = try BinaryRunner.run(["run", file.path, "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("3 read        2 accepted      1 rejected  (3 blank rows skipped)"), result.stdout)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("figures.json"))) as? [String: Any])
        let input = try XCTUnwrap((json["inputs"] as? [[String: Any]])?.first)
        XCTAssertEqual(input["rows_blank"] as? Int, 3)
        XCTAssertEqual(input["rows_read"] as? Int, 3)
        let metric = (json["metrics"] as? [[String: Any]])?.first { $0["name"] as? String == "rows" }
        XCTAssertEqual(metric?["value"] as? Double, 2, "blank rows are not rows")
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected/rescues.csv"), encoding: .utf8)
        XCTAssertEqual(rejected.split(separator: "\r\n").map { $0.split(separator: ",").first.map(String.init) ?? "" },
                       ["line", "5", "5"], "only the row with a name is rejected (person_id and date)")
        XCTAssertFalse(rejected.contains("Meena"), "identifying values never reach an output")

        let query = try BinaryRunner.run(["query", "rescues", "--pipeline", file.path, "--by", "office", "--format", "csv"])
        XCTAssertEqual(query.status, 0, query.stderr)
        XCTAssertEqual(query.stdout.replacingOccurrences(of: "\r\n", with: "\n"), "office,count\nMumbai,2\n")
        // On the raw export (no checks), the row with a name counts; the blank ones do not.
        let raw = try BinaryRunner.run(["query", folder.appendingPathComponent("rescues.csv").path, "--by", "office",
                                        "--format", "csv"])
        XCTAssertEqual(raw.status, 0, raw.stderr)
        XCTAssertEqual(raw.stdout.replacingOccurrences(of: "\r\n", with: "\n"), "office,count\nMumbai,2\n(missing),1\n")
        XCTAssertTrue(raw.stderr.contains("3 blank rows (every field empty) skipped"), raw.stderr)
    }
}
