import ImpactCore
import XCTest

/// A breakdown holds at most `maxGroups` groups; past it the result is flagged, never silently cut.
final class BreakdownLimitTests: XCTestCase {
    private var people: [Record] {
        (0..<10).map { Fixture.rescue($0 + 2, "P\($0)", "Mumbai", "2015-01-0\($0 % 9 + 1)") }
    }

    func testAQueryPastTheLimitIsFlagged() throws {
        var spec = try QuerySpec(aggregates: [.count], by: "person_id", filter: nil)
        spec.maxGroups = 5
        var engine = try QueryEngine(spec, schema: Fixture.rescues)
        for record in people { engine.fold(record) }
        XCTAssertTrue(engine.groupLimitExceeded)

        spec.maxGroups = 10
        var roomy = try QueryEngine(spec, schema: Fixture.rescues)
        for record in people { roomy.fold(record) }
        XCTAssertFalse(roomy.groupLimitExceeded)
        XCTAssertEqual(roomy.table().rows.count, 10)
    }

    func testAMetricPastTheLimitIsNamed() throws {
        let byPerson = try defineMetric("by_person", [("from", "rescues"), ("count", "rows"), ("by", "person_id")])
        let byOffice = try defineMetric("by_office", [("from", "rescues"), ("count", "rows"), ("by", "office")])
        var engine = try MetricEngine(definitions: [byPerson, byOffice], schemas: ["rescues": Fixture.rescues],
                                      period: until2019, maxGroups: 3)
        for record in people { engine.fold(source: "rescues", record: record) }
        XCTAssertEqual(engine.metricsOverGroupLimit, ["by_person"])
    }
}
