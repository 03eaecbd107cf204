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

/// One office written three ways is counted as three groups: the run and the query say so,
/// and the value map they give makes it one group.
final class GroupSpellingsRunTests: XCTestCase {
    func testOneValueWrittenDifferentlyIsToldWithTheMapThatMakesItOne() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        func pipeline(_ office: String) throws -> URL {
            try officesPipeline(in: folder, ["Mumbai", "mumbai", "MUMBAI", "Pune", "Mumbai"], office: office,
                                metrics: "by_office: { count: rows, from: rescues, by: office }")
        }
        let out = folder.appendingPathComponent("out")
        let told = try BinaryRunner.run(["run", try pipeline("Office").path, "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(told.status, 0, told.stderr)
        let advice = "metric 'by_office' (source 'rescues'): the office values 'Mumbai', 'MUMBAI' and 'mumbai' differ only in case "
            + "or spaces and are counted apart; make them one with the field's value map, office: { column: ..., "
            + "values: { Mumbai: [MUMBAI, mumbai] } }"
        XCTAssertTrue(told.stderr.contains(advice), told.stderr)
        let figures = try String(contentsOf: out.appendingPathComponent("figures.json"), encoding: .utf8)
        XCTAssertTrue(figures.contains("differ only in case or spaces"), "the warning is kept with the figures")

        // The map it gives: one group of three, and no warning.
        let mapped = try BinaryRunner.run(["run", try pipeline("{ column: Office, values: { Mumbai: [MUMBAI, mumbai] } }").path,
                                           "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(mapped.status, 0, mapped.stderr)
        XCTAssertFalse(mapped.stderr.contains("differ only"), mapped.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("figures.json"))) as? [String: Any])
        let metric = (json["metrics"] as? [[String: Any]])?.first { $0["name"] as? String == "by_office" }
        let groups = (metric?["groups"] as? [[String: Any]])?.map { "\(($0["keys"] as? [String])?.joined() ?? "")=\($0["value"] ?? "")" }
        XCTAssertEqual(groups, ["Mumbai=4", "Pune=1"])

        let raw = try BinaryRunner.run(["query", folder.appendingPathComponent("rescues.csv").path, "--by", "office", "--format", "csv"])
        XCTAssertEqual(raw.status, 0, raw.stderr)
        XCTAssertTrue(raw.stderr.contains("--by office: the office values 'Mumbai', 'MUMBAI' and 'mumbai' differ only in case"), raw.stderr)
        XCTAssertTrue(raw.stderr.contains("a pipeline would make them one with the field's value map"), raw.stderr)
    }
}

/// A source's `where` that leaves out its own value written in another case says so.
final class WhereCaseRunTests: XCTestCase {
    func testRowsLeftOutForTheCaseOfTheirValueAreToldWithTheMapThatKeepsThem() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        func pipeline(_ office: String) throws -> URL {
            try officesPipeline(in: folder, ["Mumbai", "mumbai", "Pune"], office: office, where: "office == \"Mumbai\"",
                                metrics: "rescued: { count: rows, from: rescues }")
        }
        let out = folder.appendingPathComponent("out")
        let told = try BinaryRunner.run(["run", try pipeline("Office").path, "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(told.status, 0, told.stderr)
        XCTAssertTrue(told.stdout.contains("(2 left out by where)"), told.stdout)
        XCTAssertTrue(told.stderr.contains("rescues.csv:3: warning: field 'office': the where of source 'rescues' left out 1 row whose office is 'mumbai' (1), not \"Mumbai\""),
                      told.stderr)
        let mapped = try BinaryRunner.run(["run", try pipeline("{ column: Office, values: { Mumbai: [mumbai] } }").path,
                                           "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(mapped.status, 0, mapped.stderr)
        XCTAssertTrue(mapped.stdout.contains("(1 left out by where)"), mapped.stdout)
        XCTAssertFalse(mapped.stderr.contains("where.case") || mapped.stderr.contains("another case"), mapped.stderr)
    }
}

/// A rescues export of `offices` (one survivor each, in order) and a pipeline over it, in
/// `folder`, whose office column is mapped as `office` (`Office`, or with a value map); the
/// source's `where` and the metrics as given. Returns the pipeline file.
func officesPipeline(in folder: URL, _ offices: [String], office: String, where filter: String? = nil,
                     metrics: String) throws -> URL {
    let rows = offices.enumerated().map { n, office in
        let day = n % 28 + 1
        return "S\(n + 1),\(day < 10 ? "0" : "")\(day)/11/2014,\(office)"
    }
    try (["Survivor No,Rescued On,Office"] + rows + [""]).joined(separator: "\n")
        .write(to: folder.appendingPathComponent("rescues.csv"), atomically: true, encoding: .utf8)
    let file = folder.appendingPathComponent("p.yml")
    try """
    name: offices
    period: { since: 2000-01-01 }
    date_format: dd/MM/yyyy
    sources:
      rescues:
        path: rescues.csv
        columns: { person_id: Survivor No, date: Rescued On, office: \(office) }
    \(filter.map { "    where: \($0)" } ?? "")
    metrics:
      \(metrics)
    """.write(to: file, atomically: true, encoding: .utf8)
    return file
}
