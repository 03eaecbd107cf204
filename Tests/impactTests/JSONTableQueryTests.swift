import Foundation
import XCTest

/// An analyst's first look at a DHIS2 analytics export (`headers` beside `rows` of values):
/// `inspect` names its fields and `query` sums its values by them. Before, the header objects
/// were read as the records: a count of 4 and no `value` field, with exit 0.
final class JSONTableQueryTests: XCTestCase {
    private let analytics = """
        {"headers":[{"name":"dx","column":"Data"},{"name":"ou","column":"Organisation unit"},\
        {"name":"pe","column":"Period"},{"name":"value","column":"Value","valueType":"NUMBER"}],
         "metaData":{"items":{"OuPune":{"name":"Pune"}}},
         "rows":[["DxRescued","OuPune","202401","35"],
                 ["DxRescued","OuPune","202402","41"],
                 ["DxRescued","OuThane","202401","7"]],
         "height":3,"width":4}

        """

    func testAQueryReadsTheRowsByTheirHeaders() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        try analytics.write(to: folder.appendingPathComponent("analytics.json"), atomically: true, encoding: .utf8)
        let query = try BinaryRunner.run(["query", "analytics.json", "--sum", "value", "--by", "ou", "--format", "csv"],
                                         in: folder)
        XCTAssertEqual(query.status, 0, query.stderr)
        XCTAssertEqual(query.stdout, "ou,sum(value)\r\nOuPune,76\r\nOuThane,7\r\n", "CSV with its CRLF line ends")
        let count = try BinaryRunner.run(["query", "analytics.json", "--count", "--format", "csv"], in: folder)
        XCTAssertEqual(count.stdout, "count\r\n3\r\n", "three rows, not the four header objects")

        let inspect = try BinaryRunner.run(["inspect", "analytics.json"], in: folder)
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertTrue(inspect.stdout.contains("records under 'rows', columns named under 'headers'"), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("records: 3 (3 well-formed, 0 malformed)"), inspect.stdout)
    }
}
