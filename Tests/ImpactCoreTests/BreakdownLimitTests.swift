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

    func testABreakdownByPeriodPastTheLimitIsNamedAfterAMerge() throws {
        // Years 2011 to 2015 (five groups), read in two pieces of three years each.
        let rows = (0..<10).map { Fixture.rescue($0 + 2, "P\($0)", "Mumbai", "201\($0 / 2 + 1)-03-01") }
        let byYear = try defineMetric("by_year", [("from", "rescues"), ("count_distinct", "person_id"), ("by", "year(date)")])
        for (limit, flagged) in [(4, ["by_year"]), (5, [])] {
            let template = try MetricEngine(definitions: [byYear], schemas: ["rescues": Fixture.rescues],
                                            period: until2019, maxGroups: limit)
            var first = template, second = template
            for record in rows[..<6] { first.fold(source: "rescues", record: record) }
            for record in rows[4...] { second.fold(source: "rescues", record: record) }
            XCTAssertEqual(first.metricsOverGroupLimit, [], "three years each")
            first.merge(source: "rescues", taking: &second)
            XCTAssertEqual(first.metricsOverGroupLimit, flagged, "limit \(limit)")
            XCTAssertEqual(first.results().first?.groups.count, 5)
        }
    }
}
