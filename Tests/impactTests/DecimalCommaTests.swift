import Foundation
import XCTest

/// A European office's export writes `12,5` and `1.500`: `decimal: ","` in the
/// pipeline reads them (a source may say otherwise), and a number in the other
/// convention is rejected with what to write instead.
final class DecimalCommaTests: XCTestCase {
    private func write(_ folder: URL, pipeline: String) throws -> URL {
        try """
        Ref;Datum;Tage im Heim
        R1;03/01/2018;1.500,5
        R2;04/01/2018;12,5
        R3;05/01/2018;7
        R4;06/01/2018;12.5
        """.write(to: folder.appendingPathComponent("heim.csv"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("p.yml")
        try pipeline.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    func testADecimalCommaPipelineReadsTheOfficesNumbers() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let pipeline = try write(folder, pipeline: """
            name: heim
            period: { since: 2000-01-01 }
            date_format: dd/MM/yyyy
            decimal: ","
            sources:
              rescues:
                path: heim.csv
                csv: { delimiter: ";" }
                columns: { person_id: Ref, date: Datum, shelter_days: Tage im Heim }
                fields: { shelter_days: number }
            metrics:
              shelter_days: { sum: shelter_days, from: rescues }
            """)
        let out = folder.appendingPathComponent("out")
        let result = try BinaryRunner.run(["run", pipeline.path, "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let data = try Data(contentsOf: out.appendingPathComponent("figures.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let metrics = try XCTUnwrap(json["metrics"] as? [[String: Any]])
        XCTAssertEqual(metrics.first { $0["name"] as? String == "shelter_days" }?["value"] as? Double, 1520,
                       "1.500,5 + 12,5 + 7; the row with 12.5 rejected")
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected/rescues.csv"), encoding: .utf8)
        XCTAssertTrue(rejected.contains("5,shelter_days,type,\"'12.5' is not a number (write digits such as 12,5 or 1.500"), rejected)
    }

    func testADecimalOtherThanPointOrCommaIsAMistakeAtItsLine() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let pipeline = try write(folder, pipeline: """
            name: heim
            sources:
              rescues:
                path: heim.csv
                decimal: ";"
            """)
        let result = try BinaryRunner.run(["validate", pipeline.path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("p.yml:5"), result.stderr)
        XCTAssertTrue(result.stderr.contains("'decimal' in source 'rescues' is \".\""), result.stderr)
    }

    /// `impact query` on a raw European export: the error says to pass `--decimal ,`, and with it
    /// the column is a number column.
    func testAQueryOnARawExportTakesDecimalComma() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let csv = folder.appendingPathComponent("bureaux.csv")
        try "Ref;Bureau;Jours\nR1;Iasi;1.500,5\nR2;Iasi;12,5\nR3;Cluj;7\n".write(to: csv, atomically: true, encoding: .utf8)
        let plain = try BinaryRunner.run(["query", csv.path, "--by", "bureau", "--sum", "jours", "--format", "csv"])
        XCTAssertEqual(plain.status, 2, plain.stderr)
        XCTAssertTrue(plain.stderr.contains("'jours' is text"), plain.stderr)
        XCTAssertTrue(plain.stderr.contains("'jours' reads as numbers written with a decimal comma (12,5): pass --decimal ,"), plain.stderr)
        let comma = try BinaryRunner.run(["query", csv.path, "--by", "bureau", "--sum", "jours", "--decimal", ",", "--format", "csv"])
        XCTAssertEqual(comma.status, 0, comma.stderr)
        XCTAssertEqual(comma.stdout.replacingOccurrences(of: "\r\n", with: "\n"), "bureau,sum(jours)\nCluj,7\nIasi,1513\n")
        let wrong = try BinaryRunner.run(["query", csv.path, "--decimal", ";"])
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.stderr.contains("--decimal is . (12.5, 1,500: the default) or , (12,5, 1.500)"), wrong.stderr)
    }
}
