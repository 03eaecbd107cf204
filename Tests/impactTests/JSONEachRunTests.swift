import Foundation
import XCTest

/// A KoboToolbox submission export (one submission per operation, its survivors in a repeat
/// group): a pipeline with `json: { each: survivors }` counts the survivors, each with its
/// operation's date and office; a query with `--each` does the same.
final class JSONEachRunTests: XCTestCase {
    private let export = """
        {"count": 3, "next": null, "results": [
         {"_id": 101, "operation_date": "2019-03-04", "office": "Pune",
          "survivors": [{"survivors/sid": "S-001", "survivors/age": "16"},
                        {"survivors/sid": "S-002", "survivors/age": "21"}]},
         {"_id": 102, "operation_date": "2019-04-01", "office": "Thane",
          "survivors": [{"survivors/sid": "S-001", "survivors/age": "16"}]},
         {"_id": 103, "operation_date": "2019-05-09", "office": "Pune", "survivors": []}
        ]}

        """

    func testEachSurvivorOfARepeatGroupIsARecord() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        try export.write(to: folder.appendingPathComponent("submissions.json"), atomically: true, encoding: .utf8)
        let pipeline = folder.appendingPathComponent("kobo.yml")
        try """
            name: kobo
            period: { since: 2019-01-01 }
            sources:
              rescues:
                path: submissions.json
                json: { each: survivors }
                columns: { person_id: survivors.survivors/sid, date: operation_date, age: survivors.survivors/age, office: office }
            metrics:
              survivors: { count_distinct: person_id, from: rescues }
              minors: { count_distinct: person_id, from: rescues, where: age < 18 }
              rescues_by_office: { count: rows, from: rescues, by: office }

            """.write(to: pipeline, atomically: true, encoding: .utf8)
        let run = try BinaryRunner.run(["run", pipeline.path, "--as-of", "2019-12-31", "--out", "out", "--quiet"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        let values = try BinaryRunner.metricValues(folder.appendingPathComponent("out/figures.json"))
        XCTAssertEqual(values["survivors"], 2)
        XCTAssertEqual(values["minors"], 1)
        XCTAssertEqual(values["rescues_by_office"], 3, "three survivor rows; the operation without survivors gives none")

        let query = try BinaryRunner.run(["query", "submissions.json", "--each", "survivors", "--by", "office", "--format", "csv"], in: folder)
        XCTAssertEqual(query.status, 0, query.stderr)
        XCTAssertEqual(query.stdout.replacingOccurrences(of: "\r\n", with: "\n"), "office,count\nPune,2\nThane,1\n")
        XCTAssertTrue(query.stderr.contains("the record's list 'survivors' holds no object, so it gives no row"), query.stderr)

        let broken = try String(contentsOf: pipeline, encoding: .utf8).replacingOccurrences(of: "each: survivors", with: "each: \"\"")
        try broken.write(to: pipeline, atomically: true, encoding: .utf8)
        let bad = try BinaryRunner.run(["validate", pipeline.path], in: folder)
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("'each' in source 'rescues' names the list"), bad.stderr)
    }
}
