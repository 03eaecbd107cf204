import XCTest
import ImpactCore

final class MetricAggregateTests: XCTestCase {
    func testEachAggregateOverTheRowsInTheWindow() throws {
        // Rows in the window: every sample row but line 8 (no date). Ages: 15 22 9 <18 21 17 12.
        let cases: [(String, String, Double?, Bool)] = [
            ("count", "rows", 7, true),
            ("count_distinct", "person_id", 6, true),     // P1 twice
            ("sum", "age", 96, true),                      // the censored <18 is not read as a number
            ("min", "age", 9, true),
            ("max", "age", 22, true),
            ("mean", "age", 16, false),
            ("median", "age", 16, false),                 // 9 12 15 | 17 21 22
            ("sum", "score", 10.5, false),
            ("mean", "score", 2.625, false),
            ("median", "score", 2.75, false),
        ]
        for (keyword, field, expected, isInteger) in cases {
            let definition = try defineMetric("m", [("from", "rescues"), (keyword, field)])
            let result = try XCTUnwrap(try runMetrics([definition])["m"])
            XCTAssertEqual(result.value, expected, "\(keyword) \(field)")
            XCTAssertEqual(result.isInteger, isInteger, "\(keyword) \(field)")
            XCTAssertEqual(result.provenance.rowsRead, 7, "\(keyword) \(field)")
        }
    }

    func testWhereAndWindowNarrowTheRowsAndAreKeptInProvenance() throws {
        let definition = try defineMetric("minors", [("from", "rescues"), ("count_distinct", "person_id"), ("where", "age < 18")])
        let since2004 = ReportingPeriod(since: Day(iso: "2004-01-01"), until: Day(iso: "2010-12-31")!)
        let result = try XCTUnwrap(try runMetrics([definition], period: since2004)["minors"])
        XCTAssertEqual(result.value, 2)                   // P1 (15), P3 (9); P7 was 2003, P5 is 2011
        XCTAssertEqual(result.provenance.rowsRead, 5)
        XCTAssertEqual(result.provenance.rowsMatched, 2)
        XCTAssertEqual(result.provenance.filter, "age < 18")
        XCTAssertEqual(result.provenance.aggregate, "count_distinct(person_id)")
        XCTAssertEqual(result.provenance.since, Day(iso: "2004-01-01"))
    }

    func testAggregatesOfNothingAreZeroForCountsAndUndefinedForTheRest() throws {
        let cases: [(String, String, Double?)] = [
            ("count", "rows", 0), ("count_distinct", "person_id", 0), ("sum", "age", 0),
            ("min", "age", nil), ("mean", "age", nil), ("median", "age", nil),
        ]
        for (keyword, field, expected) in cases {
            let definition = try defineMetric("m", [("from", "rescues"), (keyword, field), ("where", "office == 'Delhi'")])
            XCTAssertEqual(try runMetrics([definition])["m"]?.value, expected, keyword)
        }
    }

    func testBreakdownsByFieldAndAgeBandInAStableOrder() throws {
        let definitions = [
            try defineMetric("by_office", [("from", "rescues"), ("count", "rows"), ("by", "office")]),
            try defineMetric("persons_by_office", [("from", "rescues"), ("count_distinct", "person_id"), ("by", "office")]),
            try defineMetric("by_band", [("from", "rescues"), ("count", "rows"), ("by", "age_band(age)")]),
            try defineMetric("by_year_office", [("from", "rescues"), ("count", "rows"), ("by", "year(date), office")]),
        ]
        let results = try runMetrics(definitions)
        XCTAssertEqual(groups(results["by_office"]?.groups ?? []), ["Kolkata=2", "Mumbai=4", "(missing)=1"])
        XCTAssertEqual(groups(results["persons_by_office"]?.groups ?? []), ["Kolkata=2", "Mumbai=3", "(missing)=1"])
        XCTAssertEqual(groups(results["by_band"]?.groups ?? []), ["0-11=1", "12-17=3", "18+=2", "(other)=1"])
        XCTAssertEqual(groups(results["by_year_office"]?.groups ?? []),
                       ["2003/Mumbai=1", "2004/Mumbai=2", "2005/Kolkata=1", "2010/Kolkata=1", "2010/Mumbai=1", "2011/(missing)=1"])
    }

    func testConfiguredBandsReplaceTheDefaults() throws {
        var definition = try defineMetric("m", [("from", "rescues"), ("count", "rows"), ("by", "age_band(age)")])
        definition.bands = [AgeBand("0-17")!, AgeBand("18+")!]
        XCTAssertEqual(groups(try runMetrics([definition])["m"]?.groups ?? []), ["0-17=4", "18+=2", "(other)=1"])
    }

    func testRatioOfTwoMetricsAsAPercentage() throws {
        let suspects = [
            Fixture.suspect(2, "S1", arrested: "2004-01-10", verdict: "convicted", on: "2005-03-01"),
            Fixture.suspect(3, "S2", arrested: "2004-05-01", verdict: "acquitted", on: "2006-01-01"),
            Fixture.suspect(4, "S3", arrested: "2006-02-02", verdict: "convicted", on: "2007-07-07"),
            Fixture.suspect(5, "S4", arrested: "2007-01-01", verdict: nil, on: nil),
        ]
        let definitions = [
            try MetricDefinition.decode(name: "conviction_rate", node: .mapping([
                (key: "ratio", value: .mapping([
                    (key: "numerator", value: .scalar("convictions", line: 3)),
                    (key: "denominator", value: .scalar("restrained", line: 4)),
                    (key: "percent", value: .scalar("true", line: 5)),
                ], line: 3)),
            ], line: 1)),
            try defineMetric("convictions", [("count", "suspects"), ("where", "verdict == \"convicted\"")]),
            try defineMetric("restrained", [("from", "suspects"), ("count_distinct", "suspect_id")]),
        ]
        let results = try runMetrics(definitions, suspects: suspects)
        XCTAssertEqual(results["convictions"]?.value, 2)
        XCTAssertEqual(results["restrained"]?.value, 4)
        XCTAssertEqual(results["conviction_rate"]?.value, 50)
        XCTAssertEqual(results["conviction_rate"]?.provenance.aggregate, "ratio(convictions / restrained) as percent")
    }

    func testEveryMetricOverASourceFoldsInOnePass() throws {
        let definitions = [
            try defineMetric("a", [("from", "rescues"), ("count", "rows")]),
            try defineMetric("b", [("from", "rescues"), ("sum", "age")]),
        ]
        var engine = try MetricEngine(definitions: definitions, schemas: ["rescues": Fixture.rescues, "suspects": Fixture.suspects], period: until2019)
        XCTAssertTrue(engine.metricsOver(source: "rescues"))
        XCTAssertFalse(engine.metricsOver(source: "suspects"))
        for record in Fixture.sample { engine.fold(source: "rescues", record: record) }
        XCTAssertEqual(engine.results().map(\.name), ["a", "b"])
        XCTAssertEqual(engine.results().map(\.value), [7, 96])
    }
}
