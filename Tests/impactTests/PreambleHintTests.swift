import Foundation
import XCTest

/// A hand-made export with a title and a blank line above its header: the run's error
/// and `impact inspect` both name the line that holds the header and the
/// `preamble_lines` (or `--preamble`) that skips to it; with it, the file reads.
final class PreambleHintTests: XCTestCase {
    private func files(_ folder: URL, preamble: Int?) throws -> (csv: URL, pipeline: URL) {
        let csv = folder.appendingPathComponent("register.csv")
        try "Rescue register; exported 31/12/2019\n\nSurvivor No,Rescued On,Office\nS1,03/11/2014,Mumbai\nS2,04/11/2014,Mumbai\nS3,05/11/2014,Pune\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let pipeline = folder.appendingPathComponent("p.yml")
        try """
        name: register
        period: { since: 2000-01-01 }
        date_format: dd/MM/yyyy
        sources:
          rescues:
            path: register.csv
            columns: { person_id: Survivor No, date: Rescued On, office: Office }
        \(preamble.map { "    csv: { preamble_lines: \($0) }" } ?? "")
        metrics:
          survivors: { count_distinct: person_id, from: rescues }
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        return (csv, pipeline)
    }

    func testTheRunAndInspectNameTheHeadersLineAndThePreambleThatSkipsToIt() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let (csv, pipeline) = try files(folder, preamble: nil)
        let validate = try BinaryRunner.run(["validate", pipeline.path])
        XCTAssertEqual(validate.status, 2, validate.stderr)
        XCTAssertTrue(validate.stderr.contains("p.yml:7: source 'rescues'"), validate.stderr)
        XCTAssertTrue(validate.stderr.contains("line 3 holds them: if the lines above it are a title or notes, set csv: { preamble_lines: 2 } in source 'rescues'"),
                      validate.stderr)

        let inspect = try BinaryRunner.run(["inspect", csv.path])
        XCTAssertEqual(inspect.status, 1, inspect.stderr)
        XCTAssertTrue(inspect.stdout.contains("\(csv.path):3: warning: line 3 looks like the header: it and the lines after it have 3 fields, the header on line 1 has 2 (if the lines above it are a title or notes, run inspect with --preamble 2"),
                      inspect.stdout)

        let fixed = try files(folder, preamble: 2)
        let run = try BinaryRunner.run(["run", fixed.pipeline.path, "--as-of", "2019-12-31", "--out", folder.appendingPathComponent("out").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("3 read        3 accepted      0 rejected"), run.stdout)
    }

    /// A raw query of a register with a title, an export note and a blank line above its
    /// header, and a note below its rows: it counted the title's lines as the records (2,
    /// under a field named after the title). It now reads from the header, and says so.
    func testAQuerySkipsATitleAboveTheHeaderAndSaysSo() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let csv = folder.appendingPathComponent("register.csv")
        try "Case register - Mumbai office\nExported 2024-02-01\n\nid,date,office,age\nP1,2024-01-05,Pune,14\nP2,2024-01-17,Thane,30\nP3,2024-02-01,Pune,9\n\nSource: register. Figures provisional.\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let found = try BinaryRunner.run(["query", csv.path, "--by", "office", "--format", "csv"])
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertEqual(found.stdout.replacingOccurrences(of: "\r\n", with: "\n"), "office,count\nPune,2\nThane,1\n")
        XCTAssertTrue(found.stderr.contains("line 4 looks like the header (the rows below it have 4 fields, line 1 has 1): the 3 lines above it were skipped as a title or notes; pass --preamble 3 to say so, or --preamble 0 to read line 1 as the header"), found.stderr)
        XCTAssertTrue(found.stderr.contains("1 of 4 rows rejected"), "the note below the rows is rejected, not lost: \(found.stderr)")

        let said = try BinaryRunner.run(["query", csv.path, "--by", "office", "--preamble", "3", "--format", "csv"])
        XCTAssertEqual(said.stdout, found.stdout)
        XCTAssertFalse(said.stderr.contains("looks like the header"), said.stderr)
        let first = try BinaryRunner.run(["query", csv.path, "--preamble", "0", "--format", "csv"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("rows rejected"), "line 1 as the header, as asked: \(first.stderr)")
    }

    func testAFileWhoseHeaderIsOnItsFirstLineGetsNoSuchWarning() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let csv = folder.appendingPathComponent("ragged.csv")
        // Malformed rows of every width, but the header is where it should be.
        try "a,b\n1,2,3\n1,2,3,4\n1\n1,2,3,4,5\n".write(to: csv, atomically: true, encoding: .utf8)
        let inspect = try BinaryRunner.run(["inspect", csv.path])
        XCTAssertEqual(inspect.status, 1, inspect.stderr)
        XCTAssertFalse(inspect.stdout.contains("looks like the header"), inspect.stdout)
    }
}
