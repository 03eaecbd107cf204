import ImpactCore
@testable import ImpactIngest
import XCTest

/// API exports wrap their records under a key of their own choosing (`events`, `objects`):
/// the first top-level key holding a list of objects is taken when none of the usual keys
/// is there, but JSON Lines whose records hold a list of objects stay JSON Lines.
final class JSONRecordsKeyTests: XCTestCase {
    private let events = """
        {"pager": {"page": 1, "pageSize": 50}, "meta": [1, 2],
         "events": [
          {"event": "E1", "orgUnitName": "Pune", "eventDate": "2019-03-04T00:00:00.000"},
          {"event": "E2", "orgUnitName": "Thane", "eventDate": "2019-03-05T00:00:00.000"}
         ],
         "errors": [{"code": 1}]}

        """

    func testTheFirstKeyHoldingAListOfObjectsHoldsTheRecords() throws {
        let dir = try TemporaryDirectory()
        let spread = try dir.write("events.json", events)
        let minified = try dir.write("events-min.json", events.replacingOccurrences(of: "\n", with: ""))
        for path in [spread, minified] {
            let (sink, format) = try collect(path)
            XCTAssertEqual(format.kind, .jsonWrapped, path)
            XCTAssertEqual(format.recordsKey, "events", path)
            XCTAssertEqual(sink.records.map(\.values).map { $0.first }, [.text("E1"), .text("E2")], path)
            XCTAssertEqual(sink.columns, ["event", "orgUnitName", "eventDate"], path)
        }
    }

    func testAUsualKeyWinsOverAnEarlierOne() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("wrapped.json", "{\"errors\": [{\"code\": 1}],\n \"data\": [{\"id\": \"A\"}, {\"id\": \"B\"}]}\n")
        let (sink, format) = try collect(path)
        XCTAssertEqual(format.recordsKey, "data")
        XCTAssertEqual(sink.records.count, 2)
    }

    func testJSONLinesWhoseRecordsHoldAListOfObjectsStayLines() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("submissions.json", """
            {"id": "S-1", "_attachments": [{"filename": "a.jpg"}], "age": 16}
            {"id": "S-2", "_attachments": [], "age": 17}

            """)
        let (sink, format) = try collect(path)
        XCTAssertEqual(format.kind, .jsonLines)
        XCTAssertEqual(sink.records.map(\.line), [1, 2])
    }
}
