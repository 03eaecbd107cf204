import Foundation
import XCTest

/// An analyst's first look at a Firebase export (records under their ids): `query` counts
/// them by a field of theirs. Before, the file was one record, and `--by office` was refused
/// with a list of fields named after every id.
final class JSONKeyedQueryTests: XCTestCase {
    func testAQueryCountsTheRecordsUnderTheirIds() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        try """
            {
              "-Nabc1": {"person": "P1", "date": "2019-03-05", "office": "Delhi", "age": 17},
              "-Nabc2": {"person": "P2", "date": "2019-03-06", "office": "Pune", "age": 22},
              "-Nabc3": {"person": "P3", "date": "2020-03-07", "office": "Delhi", "age": 30}
            }

            """.write(to: folder.appendingPathComponent("cases.json"), atomically: true, encoding: .utf8)
        let query = try BinaryRunner.run(["query", "cases.json", "--count", "--by", "office", "--format", "csv"], in: folder)
        XCTAssertEqual(query.status, 0, query.stderr)
        XCTAssertEqual(query.stdout, "office,count\r\nDelhi,2\r\nPune,1\r\n")
        let inspect = try BinaryRunner.run(["inspect", "cases.json"], in: folder)
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertTrue(inspect.stdout.contains("format: json-keyed"), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("records: 3 (3 well-formed, 0 malformed)"), inspect.stdout)

        try #"{"person":{"0":"P1","1":"P2"},"office":{"0":"Delhi","1":"Pune"}}"#
            .write(to: folder.appendingPathComponent("frame.json"), atomically: true, encoding: .utf8)
        let refused = try BinaryRunner.run(["query", "frame.json", "--count"], in: folder)
        XCTAssertEqual(refused.status, 2, "a usage of the file that cannot be read: nothing answered")
        XCTAssertTrue(refused.stderr.contains("one object per column"), refused.stderr)
        XCTAssertEqual(refused.stdout, "")
    }
}
