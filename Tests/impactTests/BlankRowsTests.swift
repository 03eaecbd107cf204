import Foundation
import XCTest

/// An export from a spreadsheet often holds rows whose values were cleared (`,,,`): each
/// is rejected once, as blank, where the checks gave one rejection per required field,
/// and never counted as a row (a source without required fields counted it). A row with
/// any value, even one in an identifying column only, is checked as usual. Exports pasted
/// one under another repeat the header: that row is rejected once too, as what it is, and
/// so is a spreadsheet's totals row, which would count the rows above it twice.
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

    func testABlankRowIsRejectedOnceAsBlankAndNeverCounted() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = try pipeline(in: folder)
        let out = folder.appendingPathComponent("out")
        let result = try BinaryRunner.run(["run", file.path, "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("6 read        2 accepted      4 rejected"), result.stdout)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("figures.json"))) as? [String: Any])
        let metric = (json["metrics"] as? [[String: Any]])?.first { $0["name"] as? String == "rows" }
        XCTAssertEqual(metric?["value"] as? Double, 2, "blank rows are not rows")
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected/rescues.csv"), encoding: .utf8)
        let lines = rejected.split(separator: "\r\n").map(String.init)
        XCTAssertEqual(lines.map { $0.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false).prefix(3).joined(separator: ",") },
                       ["line,field,check", "3,,blank", "5,person_id,required", "5,date,required", "6,,blank", "7,,blank"])
        XCTAssertTrue(lines[1].contains("every field of the row is empty (a row a spreadsheet kept after its values were cleared; delete it from the export)"),
                      lines[1])
        XCTAssertFalse(rejected.contains("Meena"), "identifying values never reach an output")

        // On the raw export (no checks), the row with a name counts; the blank ones do not.
        let raw = try BinaryRunner.run(["query", folder.appendingPathComponent("rescues.csv").path, "--by", "office",
                                        "--format", "csv"])
        XCTAssertEqual(raw.status, 0, raw.stderr)
        XCTAssertEqual(raw.stdout.replacingOccurrences(of: "\r\n", with: "\n"), "office,count\nMumbai,2\n(missing),1\n")
        XCTAssertTrue(raw.stderr.contains("3 of 6 rows rejected"), raw.stderr)
    }

    func testARepeatedHeaderIsRejectedOnceAsWhatItIs() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = try pipeline(in: folder)
        try """
        Survivor No,Name,Rescued On,Office
        S1,Asha,03/11/2014,Mumbai
        Survivor No,Name,Rescued On,Office
        S2,Ravi,04/11/2014,Mumbai
        Survivor No,Name,Rescued On,Pune

        """.write(to: folder.appendingPathComponent("rescues.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let result = try BinaryRunner.run(["run", file.path, "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("4 read        2 accepted      2 rejected"), result.stdout)
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected/rescues.csv"), encoding: .utf8)
        let lines = rejected.split(separator: "\r\n").map(String.init)
        XCTAssertEqual(lines.map { $0.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false).prefix(3).joined(separator: ",") },
                       ["line,field,check", "3,,repeated_header", "5,date,type"],
                       "line 5 is not the header (its office is a value): checked as a row")
        XCTAssertTrue(lines[1].contains("the row repeats the header (two exports pasted one under the other?"), lines[1])
    }

    func testATotalsRowIsRejectedAsWhatItIsAndNeverSummed() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        try """
        Session,Held On,Office,Attendees
        T1,03/11/2014,Mumbai,12
        T2,04/11/2014,Mumbai,"1,234"
        Total,,,"1,246"

        """.write(to: folder.appendingPathComponent("trainings.csv"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("p.yml")
        try """
        name: totals
        period: { since: 2000-01-01 }
        date_format: dd/MM/yyyy
        sources:
          trainings:
            kind: trainings
            path: trainings.csv
            columns: { session_id: Session, date: Held On, office: Office, participants: Attendees }
        metrics:
          trained: { sum: participants, from: trainings }
        """.write(to: file, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let result = try BinaryRunner.run(["run", file.path, "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("3 read        2 accepted      1 rejected"), result.stdout)
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected/trainings.csv"), encoding: .utf8)
        XCTAssertTrue(rejected.contains("\r\n4,,totals_row,\"the row is a totals row"), rejected)
        XCTAssertFalse(rejected.contains("fill in"), "a totals row is not a record with a missing date")

        // The raw export: the sum of the two sessions, not twice it.
        let raw = try BinaryRunner.run(["query", folder.appendingPathComponent("trainings.csv").path, "--sum", "attendees",
                                        "--format", "csv"])
        XCTAssertEqual(raw.status, 0, raw.stderr)
        XCTAssertEqual(raw.stdout.replacingOccurrences(of: "\r\n", with: "\n"), "sum(attendees)\n1246\n")
        XCTAssertTrue(raw.stderr.contains("1 of 3 rows rejected"), raw.stderr)
    }
}
