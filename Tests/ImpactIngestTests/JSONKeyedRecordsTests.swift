import ImpactCore
@testable import ImpactIngest
import XCTest

/// Records under their ids in one object: a Firebase Realtime Database export, pandas'
/// `to_json(orient="index")`. Before, such a file was one record whose fields were every
/// record's (`-Nabc1.office`, `-Nabc2.office`...), and `query --by office` knew no `office`.
final class JSONKeyedRecordsTests: XCTestCase {
    func testEachMemberIsARecordWithItsIdAsTheKeyField() throws {
        let dir = try TemporaryDirectory()
        let firebase = try dir.write("cases.json", """
            {"-Nabc1": {"person": "P1", "office": "Delhi"},
             "-Nabc2": {"person": "P2", "office": "Pune"},
             "-Nabc3": {"office": "Delhi", "person": "P3"}}

            """)
        let (sink, format) = try collect(firebase)
        XCTAssertEqual(format.kind, .jsonKeyed)
        XCTAssertEqual(format.columns, ["key", "person", "office"])
        XCTAssertEqual(sink.records.map(\.line), [1, 2, 3])
        XCTAssertEqual(sink.records.map(\.values), [
            [.text("-Nabc1"), .text("P1"), .text("Delhi")],
            [.text("-Nabc2"), .text("P2"), .text("Pune")],
            [.text("-Nabc3"), .text("P3"), .text("Delhi")],
        ])
        XCTAssertTrue(sink.findings.isEmpty, "\(sink.findings)")

        // pandas' orient="index": the row labels are the ids. One line, nothing after it.
        let pandas = try dir.write("index.json", #"{"0":{"person":"P1","age":17},"1":{"person":"P2","age":null}}"#)
        let (rows, pandasFormat) = try collect(pandas)
        XCTAssertEqual(pandasFormat.kind, .jsonKeyed)
        XCTAssertEqual(rows.records.map(\.values), [[.text("0"), .text("P1"), .text("17")], [.text("1"), .text("P2"), .missing]])
    }

    func testAMemberThatIsNoRecordIsRejectedAndTheRestRead() throws {
        let dir = try TemporaryDirectory()
        var text = "{\n"
        for k in 1...12 { text += "  \"id\(k)\": {\"person\": \"P\(k)\"},\n" }
        text += "  \"count\": 12\n}\n"
        let (sink, format) = try collect(try dir.write("firebase.json", text))
        XCTAssertEqual(format.kind, .jsonKeyed, "one member in ten may be something else")
        XCTAssertEqual(sink.records.count, 12)
        XCTAssertEqual(sink.malformed.map(\.finding.line), [14])
        XCTAssertEqual(sink.malformed.first?.finding.message, "member 13 of the object is not an object",
                       "the id is not quoted: it may be a person's")
    }

    func testAMemberNamedKeyIsWarnedOfOnce() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("k.json", """
            {"a": {"key": "K1", "n": 1},
             "b": {"key": "K2", "n": 2},
             "c": {"n": 3}}

            """)
        let (sink, _) = try collect(file)
        XCTAssertEqual(sink.records.map { $0.values.first }, [.text("K1"), .text("K2"), .text("c")])
        XCTAssertEqual(sink.findings.map { "\($0.line) \($0.check) \($0.severity)" }, ["1 json.keyed warning"])
    }

    func testPandasColumnsAreRefusedWithWhatToExport() throws {
        let dir = try TemporaryDirectory()
        let columns = try dir.write("columns.json", #"{"person":{"0":"P1","1":"P2"},"date":{"0":"2024-01-05","1":"2024-02-01"}}"#)
        XCTAssertThrowsError(try collect(columns)) { error in
            XCTAssertEqual(error as? IngestError, .columnOriented(path: columns))
            XCTAssertTrue("\(error)".contains("to_json(orient=\"records\")"), "\(error)")
        }
    }

    func testOtherObjectsOfObjectsKeepTheirReading() throws {
        let dir = try TemporaryDirectory()
        // JSON Lines whose records hold objects alike: each line stays a record.
        let lines = try dir.write("trips.json", """
            {"from": {"lat": 1, "lon": 2}, "to": {"lat": 3, "lon": 4}}
            {"from": {"lat": 5, "lon": 6}, "to": {"lat": 7, "lon": 8}}

            """)
        let (trips, tripsFormat) = try collect(lines)
        XCTAssertEqual(tripsFormat.kind, .jsonLines)
        XCTAssertEqual(trips.records.count, 2)
        XCTAssertEqual(tripsFormat.columns, ["from.lat", "from.lon", "to.lat", "to.lon"])

        // One record whose nested objects differ, or whose first member is a value.
        let record = try dir.write("one.json", """
            {"survivor": {"name": "A", "age": 15},
             "case": {"id": "C1", "opened": "2024-01-05"}}

            """)
        XCTAssertEqual(try collect(record).0.records.count, 1)
        let withId = try dir.write("two.json", """
            {"id": "P1",
             "survivor": {"name": "A", "age": 15}, "guardian": {"name": "B", "age": 40}}

            """)
        XCTAssertEqual(try collect(withId).0.records.count, 1)

        // A list of records under a key still wins: the file is wrapped.
        let wrapped = try dir.write("w.json", #"{"meta": {"n": 1}, "info": {"n": 2}, "records": [{"id": "A"}]}"#)
        let (records, wrappedFormat) = try collect(wrapped)
        XCTAssertEqual(wrappedFormat.kind, .jsonWrapped)
        XCTAssertEqual(records.records.map(\.values), [[.text("A")]])
    }
}
