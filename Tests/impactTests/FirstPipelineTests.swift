import Foundation
import XCTest

/// A first pipeline written without `columns:`, over an export whose headers are not the
/// fields' names: the run stops at the header with the `columns:` to write, instead of
/// rejecting every row for a missing ID and date and publishing zeros.
final class FirstPipelineTests: XCTestCase {
    func testARequiredFieldWithoutAColumnStopsTheRunWithTheMappingToWrite() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = try firstPipeline(in: folder, export: "Survivor ID,Rescue Date,Office,Age\nS1,2019-03-05,Pune,15\nS2,2019-04-05,Pune,16\n")
        let out = folder.appendingPathComponent("out")
        let result = try BinaryRunner.run(["run", file.path, "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("rescues.csv has no column for 'person_id', 'date', which every row needs"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("map them: columns: { person_id: Survivor ID, date: Rescue Date }"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures.json").path), "nothing published")

        // The mapping it gives runs.
        try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "path: rescues.csv", with: "path: rescues.csv\n    columns: { person_id: Survivor ID, date: Rescue Date }")
            .write(to: file, atomically: true, encoding: .utf8)
        let mapped = try BinaryRunner.run(["run", file.path, "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(mapped.status, 0, mapped.stderr)
        XCTAssertTrue(mapped.stdout.contains("2 read        2 accepted      0 rejected"), mapped.stdout)
    }

    /// Every row of a source rejected (here for dates the pipeline has no format for): the
    /// zeros are written, as any run's rejections are, but the exit status is 1 and the log
    /// gives the most common reason, unless `--max-rejected` sets another limit.
    func testASourceOfWhichEveryRowIsRejectedExitsOneWithTheReason() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let file = try firstPipeline(in: folder, export: "person_id,date,office\nS1,05/03/2019,Pune\nS2,06/04/2019,Pune\n")
        let out = folder.appendingPathComponent("out")
        let result = try BinaryRunner.run(["run", file.path, "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("source 'rescues': every row (2) was rejected, so its figures are zeros; "
                                             + "the most common reason (2 rows): "), result.stderr)
        XCTAssertTrue(result.stderr.contains("'05/03/2019' is not a date in the format yyyy-MM-dd"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("rejected/rescues.csv").path))

        let allowed = try BinaryRunner.run(["run", file.path, "--as-of", "2019-12-31", "--out", out.path, "--max-rejected", "100%"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertFalse(allowed.stderr.contains("every row"), allowed.stderr)
    }

    /// `export` as `rescues.csv` in `folder`, and a pipeline over it as a first attempt writes
    /// one: no `columns:`, no `date_format:`. Returns the pipeline file.
    private func firstPipeline(in folder: URL, export: String) throws -> URL {
        try export.write(to: folder.appendingPathComponent("rescues.csv"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("p.yml")
        try """
        name: first
        period: { since: 2000-01-01 }
        sources:
          rescues:
            path: rescues.csv
        metrics:
          survivors: { count_distinct: person_id, from: rescues, by: year(date) }
        """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}
