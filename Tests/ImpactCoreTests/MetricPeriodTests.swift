import XCTest
import ImpactCore

final class MetricPeriodTests: XCTestCase {
    /// Count of rows per period of `date`, for each kind of period.
    func testSeriesPerPeriodKindAddUpToTheTotal() throws {
        let cases: [(by: String, start: String?, expected: [String], firstStart: String)] = [
            ("year(date)", nil, ["2003=1", "2004=2", "2005=1", "2010=2", "2011=1"], "2003-01-01"),
            ("quarter(date)", nil, ["2003-Q2=1", "2004-Q1=1", "2004-Q4=1", "2005-Q1=1", "2010-Q2=1", "2010-Q3=1", "2011-Q4=1"], "2003-04-01"),
            ("month(date)", nil, ["2003-05=1", "2004-03=1", "2004-11=1", "2005-01=1", "2010-06=1", "2010-07=1", "2011-12=1"], "2003-05-01"),
            ("fiscal_year(date)", nil, ["FY2004=2", "FY2005=2", "FY2011=2", "FY2012=1"], "2003-04-01"),
            ("fiscal_year(date)", "7", ["FY2003=1", "FY2004=1", "FY2005=2", "FY2010=1", "FY2011=1", "FY2012=1"], "2002-07-01"),
            ("fiscal_year(date)", "1", ["FY2003=1", "FY2004=2", "FY2005=1", "FY2010=2", "FY2011=1"], "2003-01-01"),
        ]
        for (by, start, expected, firstStart) in cases {
            var pairs = [("from", "rescues"), ("count", "rows"), ("by", by)]
            if let start { pairs.append(("fiscal_year_start", start)) }
            let result = try XCTUnwrap(try runMetrics([try defineMetric("m", pairs)])["m"])
            XCTAssertEqual(points(result.series), expected, "\(by) \(start ?? "")")
            XCTAssertEqual(result.series.first?.period.start, Day(iso: firstStart), by)
            XCTAssertEqual(result.series.reduce(0) { $0 + $1.value }, result.value, "periods add up: \(by)")
            XCTAssertEqual(result.cumulative.last?.value, result.value, by)
        }
    }

    func testPeriodsKeyGivesTheSeriesOfTheWindowDate() throws {
        let definition = try defineMetric("m", [("from", "rescues"), ("sum", "age"), ("periods", "year")])
        let result = try XCTUnwrap(try runMetrics([definition])["m"])
        XCTAssertEqual(points(result.series), ["2003=12", "2004=37", "2005=9", "2010=21", "2011=17"])
        XCTAssertEqual(points(result.cumulative), ["2003=12", "2004=49", "2005=58", "2010=79", "2011=96"])
        XCTAssertEqual(result.provenance.by, ["year(date)"])
    }

    func testCumulativeDistinctCountsAPersonOnceInTheirFirstPeriod() throws {
        let definition = try defineMetric("survivors", [("from", "rescues"), ("count_distinct", "person_id"), ("by", "year(date)")])
        // P1 is rescued in 2004 and again in 2010: in both years' series, once in the cumulative.
        let cases: [(since: String?, rows: [Record], series: [String], cumulative: [String], total: Double)] = [
            (nil, Fixture.sample, ["2003=1", "2004=2", "2005=1", "2010=2", "2011=1"], ["2003=1", "2004=3", "2005=4", "2010=5", "2011=6"], 6),
            (nil, Fixture.sample.reversed(), ["2003=1", "2004=2", "2005=1", "2010=2", "2011=1"], ["2003=1", "2004=3", "2005=4", "2010=5", "2011=6"], 6),
            // Since 2005, P1's first record in the window is 2010: counted there.
            ("2005-01-01", Fixture.sample, ["2005=1", "2010=2", "2011=1"], ["2005=1", "2010=3", "2011=4"], 4),
        ]
        for (since, rows, series, cumulative, total) in cases {
            let period = ReportingPeriod(since: since.flatMap { Day(iso: $0) }, until: Day(iso: "2019-12-31")!)
            let result = try XCTUnwrap(try runMetrics([definition], rescues: rows, period: period)["survivors"])
            XCTAssertEqual(points(result.series), series)
            XCTAssertEqual(points(result.cumulative), cumulative)
            XCTAssertEqual(result.value, total)
        }
    }

    func testPeriodBreakdownOnAnotherDateMovesTheWindowToThatDate() throws {
        let suspects = [
            Fixture.suspect(2, "S1", arrested: "2004-01-10", verdict: "convicted", on: "2005-03-01"),
            Fixture.suspect(3, "S2", arrested: "1999-05-01", verdict: "convicted", on: "2006-01-01"),
            Fixture.suspect(4, "S3", arrested: "2006-02-02", verdict: "convicted", on: nil),
        ]
        let definition = try defineMetric("convictions", [("count", "suspects"), ("where", "verdict == 'convicted'"), ("by", "year(verdict_date)")])
        let period = ReportingPeriod(since: Day(iso: "2000-01-01"), until: Day(iso: "2019-12-31")!)
        let result = try XCTUnwrap(try runMetrics([definition], suspects: suspects, period: period)["convictions"])
        XCTAssertEqual(points(result.series), ["2005=1", "2006=1"])
        XCTAssertEqual(result.value, 2)
        XCTAssertEqual(result.firstNonZeroPeriod()?.label, "2005")
    }

    func testReportingPeriodHelpers() {
        let cases: [(ReportingPeriod?, String?, String)] = [
            (.lastCompleteMonth(asOf: Day(iso: "2019-12-15")!), "2019-11-01", "2019-11-30"),
            (.lastCompleteMonth(asOf: Day(iso: "2019-12-31")!), "2019-12-01", "2019-12-31"),
            (.lastCompleteMonth(asOf: Day(iso: "2020-01-10")!), "2019-12-01", "2019-12-31"),
            (.lastCompleteMonth(asOf: Day(iso: "2020-03-01")!), "2020-02-01", "2020-02-29"),
            (.yearToDate(asOf: Day(iso: "2019-06-15")!), "2019-01-01", "2019-06-15"),
            (.month(year: 2023, month: 2), "2023-02-01", "2023-02-28"),
            (ReportingPeriod.month(year: 2020, month: 1)?.previousMonth(), "2019-12-01", "2019-12-31"),
        ]
        for (period, since, until) in cases {
            XCTAssertEqual(period?.since?.iso, since)
            XCTAssertEqual(period?.until.iso, until)
        }
        XCTAssertNil(ReportingPeriod.month(year: 2020, month: 13))
        let window = ReportingPeriod(since: Day(iso: "2004-01-01"), until: Day(iso: "2004-12-31")!)
        XCTAssertEqual(["2003-12-31", "2004-01-01", "2004-12-31", "2005-01-01"].map { window.contains(Day(iso: $0)!) },
                       [false, true, true, false])
    }

    func testMilestonesFromTheCumulativeSeries() throws {
        // 120 persons a year from 2001 to 2005, each rescued twice in the same year.
        var rows: [Record] = []
        for year in 2001...2005 {
            for n in 0..<120 {
                for month in ["03", "09"] {
                    rows.append(Fixture.rescue(rows.count + 2, "P\(year)-\(n)", "Mumbai", "\(year)-\(month)-01"))
                }
            }
        }
        let definition = try defineMetric("survivors", [("from", "rescues"), ("count_distinct", "person_id"), ("by", "year(date)")])
        let result = try XCTUnwrap(try runMetrics([definition], rescues: rows)["survivors"])
        XCTAssertEqual(result.firstNonZeroPeriod()?.label, "2001")
        XCTAssertEqual(result.periodReaching(500)?.label, "2005")
        XCTAssertNil(result.periodReaching(601))
        XCTAssertEqual([100, 250, 500].map { result.periodReaching($0)?.label }, ["2001", "2003", "2005"])
    }
}
