import Foundation
import XCTest

/// `inspect` shows beside each field the name `impact query` knows it by, when the two differ
/// (KoboToolbox's `group_case/office` is `group_case_office`), so that a first query is written
/// right; an export whose headers are query names already gets no such column.
final class InspectQueryNamesTests: XCTestCase {
    func testInspectNamesTheFieldsAsAQueryDoes() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        try "_id,group_case/office,Rescue Date\n1,Pune,2024-01-05\n2,Thane,2024-02-05\n"
            .write(to: folder.appendingPathComponent("kobo.csv"), atomically: true, encoding: .utf8)
        let inspect = try BinaryRunner.run(["inspect", "kobo.csv"], in: folder)
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        let lines = inspect.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("  name               in a query         missing  sample"), inspect.stdout)
        XCTAssertTrue(lines.contains("  group_case/office  group_case_office        0  \"Pune\""), inspect.stdout)
        XCTAssertTrue(lines.contains("  Rescue Date        rescue_date              0  \"2024-01-05\""), inspect.stdout)
        let query = try BinaryRunner.run(["query", "kobo.csv", "--count", "--by", "group_case_office", "--format", "csv"], in: folder)
        XCTAssertEqual(query.stdout, "group_case_office,count\r\nPune,1\r\nThane,1\r\n", query.stderr)

        try "id,office\n1,Pune\n".write(to: folder.appendingPathComponent("plain.csv"), atomically: true, encoding: .utf8)
        let plain = try BinaryRunner.run(["inspect", "plain.csv"], in: folder)
        XCTAssertFalse(plain.stdout.contains("in a query"), plain.stdout)
        XCTAssertTrue(plain.stdout.contains("  name    missing  sample"), plain.stdout)
    }
}
