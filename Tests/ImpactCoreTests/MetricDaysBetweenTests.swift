import XCTest
import ImpactCore

/// `days(A, B)`: the days from one date field to another, under a numeric aggregate (the days
/// from arrest to verdict, time in aftercare). A record missing either date adds nothing.
final class MetricDaysBetweenTests: XCTestCase {
    private let suspects = [
        Fixture.suspect(2, "S1", arrested: "2010-01-01", verdict: "convicted", on: "2010-03-02"),   // 60 days
        Fixture.suspect(3, "S2", arrested: "2011-02-01", verdict: "convicted", on: "2012-02-01"),   // 365 days
        Fixture.suspect(4, "S3", arrested: "2012-05-05", verdict: "pending", on: nil),              // no verdict date
        Fixture.suspect(5, "S4", arrested: "2013-05-05", verdict: "acquitted", on: "2013-05-15"),   // 10 days
        Fixture.suspect(6, "S5", arrested: "2014-01-10", verdict: "convicted", on: "2014-01-01"),   // -9: a verdict before the arrest
    ]

    private func result(_ keyword: String, _ field: String, where filter: String? = nil, by: String? = nil) throws -> MetricResult {
        var pairs = [("from", "suspects"), (keyword, field)]
        if let filter { pairs.append(("where", filter)) }
        if let by { pairs.append(("by", by)) }
        return try XCTUnwrap(try runMetrics([defineMetric("m", pairs)], rescues: [], suspects: suspects)["m"])
    }

    func testEachNumericAggregateReadsTheDaysBetween() throws {
        let cases: [(String, Double, Bool)] = [("sum", 426, true), ("min", -9, true), ("max", 365, true), ("mean", 106.5, false),
                                              ("median", 35, false)]
        for (keyword, expected, isInteger) in cases {
            let metric = try result(keyword, "days(arrest_date, verdict_date)")
            XCTAssertEqual(metric.value, expected, keyword)
            XCTAssertEqual(metric.isInteger, isInteger, keyword)
            XCTAssertEqual(metric.provenance.rowsMatched, 5, "the record without a verdict date is read, and adds no days")
        }
        let convicted = try result("median", "DAYS( arrest_date ,verdict_date )", where: "verdict == 'convicted'")
        XCTAssertEqual(convicted.value, 60, "-9 60 365")
        XCTAssertEqual(convicted.provenance.aggregate, "median(days(arrest_date, verdict_date))", "written one way")
        let yearly = try result("max", "days(arrest_date, verdict_date)", by: "year(arrest_date)")
        XCTAssertEqual(points(yearly.series), ["2010=60", "2011=365", "2013=10", "2014=-9"], "no point for 2012: no days")
    }

    func testWhatCannotBeDaysIsRefusedWithItsReason() throws {
        let cases: [(String, String, String)] = [
            ("count_distinct", "days(arrest_date, verdict_date)", "days(...) is a number of days; use it with sum, min, max, mean or median"),
            ("mean", "days(arrest_date, verdict)", "days(...) needs two date fields; 'verdict' is text"),
            ("mean", "days(arest_date, verdict_date)", "unknown field 'arest_date' in mean(days(arest_date, verdict_date)); did you mean 'arrest_date'?"),
            ("sum", "verdict_date", "sum needs a number field (for the days between two dates, write days(FROM, TO)"),
        ]
        for (keyword, field, message) in cases {
            XCTAssertThrowsError(try runMetrics([defineMetric("m", [("from", "suspects"), (keyword, field)])], rescues: [], suspects: suspects),
                                 field) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
        XCTAssertNil(Aggregate.days("days(a)"))
        XCTAssertNil(Aggregate.days("days(a, b, c)"))
        XCTAssertNil(Aggregate.days("ndays(a, b)"))
        XCTAssertEqual(Aggregate.days(" days(a,b) ").map { [$0.from, $0.to] }, ["a", "b"])
    }
}

/// `days(A, B)` in a filter: the cases that took more than a year, those still without a verdict.
final class FilterDaysBetweenTests: XCTestCase {
    private let suspects = [
        Fixture.suspect(2, "S1", arrested: "2010-01-01", verdict: "convicted", on: "2010-03-02"),   // 60 days
        Fixture.suspect(3, "S2", arrested: "2011-02-01", verdict: "convicted", on: "2012-02-01"),   // 365 days
        Fixture.suspect(4, "S3", arrested: "2012-05-05", verdict: "pending", on: nil),
    ]

    private func count(_ filter: String) throws -> Double? {
        let definition = try defineMetric("m", [("from", "suspects"), ("count", "rows"), ("where", filter)])
        return try runMetrics([definition], rescues: [], suspects: suspects)["m"]?.value
    }

    func testAFilterComparesTheDaysBetweenTwoDates() throws {
        XCTAssertEqual(try count("days(arrest_date, verdict_date) > 90"), 1)
        XCTAssertEqual(try count("days(arrest_date,verdict_date) <= 365 and verdict == 'convicted'"), 2)
        XCTAssertEqual(try count("days(arrest_date, verdict_date) is missing"), 1, "no verdict date: no days")
        XCTAssertEqual(try count("not days(arrest_date, verdict_date) > 90"), 2, "no value fails the comparison, so its negation passes")
        XCTAssertEqual(try FilterExpression.parse("days(a, b) > 3 or c == 1").fieldNames, ["a", "b", "c"])
    }

    func testAMalformedDaysSaysWhereAndWhat() {
        let cases: [(String, String)] = [
            ("days(arrest_date verdict_date) > 3", "column 18: expected ',' in days(FROM, TO), found 'verdict_date'"),
            ("days(arrest_date) > 3", "expected ',' in days(FROM, TO), found ')'"),
            ("days(arrest_date, 3) > 3", "expected a date field inside days(FROM, TO), found the number 3"),
            ("days(arrest_date, verdict) > 3", "days(...) needs two date fields; 'verdict' is text"),
        ]
        for (filter, message) in cases {
            XCTAssertThrowsError(try count(filter), filter) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
    }
}
