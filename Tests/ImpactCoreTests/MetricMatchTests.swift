import XCTest
import ImpactCore

/// `matching:`: a metric's records count only when another source's records hold their value
/// (the survivors whose case ended in a conviction). The engine checks the match against both
/// schemas and folds against the keys the run filled.
final class MetricMatchTests: XCTestCase {
    private func definition(_ matching: [(String, String)]) throws -> MetricDefinition {
        let node = ConfigNode.mapping([
            ("from", .scalar("rescues", line: 2)), ("count_distinct", .scalar("person_id", line: 3)),
            ("matching", .mapping(matching.map { ($0.0, ConfigNode.scalar($0.1, line: 4)) }, line: 4)),
        ], line: 1)
        return try MetricDefinition.decode(name: "justice", node: node)
    }

    func testOnlyRecordsWhoseValueTheOtherSourceHoldsCount() throws {
        // Matched on the office here (the fixture's rescues have no case id): offices with a conviction.
        let metric = try definition([("field", "office"), ("in", "suspects.suspect_id"), ("where", "verdict == 'convicted'")])
        XCTAssertEqual(metric.matching?.source, "suspects")
        XCTAssertEqual(metric.matching?.otherField, "suspect_id")
        XCTAssertTrue(metric.fieldsRead.contains("office"))
        metric.matching?.keys.fill(["Mumbai"])
        let result = try XCTUnwrap(try runMetrics([metric])["justice"])
        XCTAssertEqual(result.value, 3, "P1, P2 and P7, rescued in Mumbai in the window (P6 has no date); no Kolkata rescue counts")
        XCTAssertEqual(result.provenance.rowsMatched, 4, "P1 twice")

        let none = try definition([("field", "office"), ("in", "suspects.suspect_id")])
        none.matching?.keys.fill([])
        XCTAssertEqual(try runMetrics([none])["justice"]?.value, 0)
    }

    func testAMatchThatCannotBeReadIsRefusedAtItsLine() throws {
        let cases: [([(String, String)], String)] = [
            ([("field", "case_id"), ("in", "suspects.suspect_id")], "'case_id' is not a field of rescues"),
            ([("field", "office"), ("in", "courts.case_id")], "looks in 'courts', which is not a source"),
            ([("field", "office"), ("in", "suspects.case_id")], "'case_id' is not a field of suspects"),
            ([("field", "office"), ("in", "suspects.suspect_id"), ("where", "outcome == 'x'")], "'where' of 'matching' in metric 'justice'"),
            ([("field", "office"), ("in", "suspects.suspect_id"), ("date", "verdict")], "'date' of 'matching' in metric 'justice' must name a date field of suspects; 'verdict' is text field"),
        ]
        for (pairs, message) in cases {
            XCTAssertThrowsError(try runMetrics([definition(pairs)]), message) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
                XCTAssertTrue("\(error)".hasPrefix("line 4:"), "\(error)")
            }
        }
        XCTAssertThrowsError(try definition([("field", "office"), ("in", "suspects")])) { error in
            XCTAssertTrue("\(error)".contains("names a source and its field: in: suspects.case_id"), "\(error)")
        }
        XCTAssertThrowsError(try definition([("field", "office")])) { error in
            XCTAssertTrue("\(error)".contains("in"), "\(error)")
        }
    }
}
