import Foundation
import XCTest
import ImpactCore
import ImpactIngest

/// JSON as scripts write it, not quite JSON: Python's `json` module writes `NaN` and
/// `Infinity` for a float that is no number (pandas' missing value), and a hand edit or a
/// naive writer leaves a comma after the last record. Neither loses a record, and `NaN` is
/// warned of once per field (in a file read in parts too: `ParallelJSONLinesTests`).
final class JSONFromScriptsTests: XCTestCase {
    func testNaNAndInfinityAreNoValueWithOneWarningPerField() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("survivors.jsonl", """
            {"id": "P1", "age": NaN, "tags": [1, NaN, 2]}
            {"id": "P2", "age": Infinity}
            {"id": "P3", "age": NaN}
            {"id": "P4", "age": 16}

            """)
        let (sink, _) = try collect(path)
        XCTAssertEqual(sink.records.map(\.line), [1, 2, 3, 4], "every record is read")
        XCTAssertTrue(sink.malformed.isEmpty, "\(sink.malformed.map(\.finding))")
        XCTAssertEqual(sink.findings.map { "\($0.line) \($0.field ?? "") \($0.check) \($0.severity)" },
                       ["1 age json.not_a_number warning", "1 tags json.not_a_number warning"], "once per field")
        XCTAssertTrue(sink.findings[0].message.contains("NaN is not a JSON value; it was read as no value"))
        let age = try XCTUnwrap(sink.columns.firstIndex(of: "age"))
        XCTAssertEqual(sink.records.map { $0.values[age] }, [.missing, .missing, .missing, .text("16")])
    }

    func testACommaAfterTheLastRecordEndsTheArrayWithAWarning() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("survivors.json", "[{\"id\": \"P1\"},\n {\"id\": \"P2\"},\n]\n")
        let (sink, _) = try collect(path)
        XCTAssertEqual(sink.records.count, 2)
        XCTAssertTrue(sink.malformed.isEmpty, "no phantom record")
        XCTAssertEqual(sink.findings.map { "\($0.line) \($0.check) \($0.severity)" }, ["3 json.syntax warning"])
        XCTAssertTrue(sink.findings.first?.message.contains("a comma after the last record") ?? false)
    }
}
