import Foundation
import XCTest

/// The days from arrest to verdict, as an analyst asks for them (`query --median
/// 'days(arrest_date,verdict_date)'`) and as a pipeline publishes them (`median:
/// days(arrest_date, verdict_date)`).
final class DaysBetweenTests: XCTestCase {
    private let suspects = """
        suspect_id,arrest_date,verdict_date,verdict,office
        S1,2020-01-01,2020-03-01,convicted,Pune
        S2,2020-02-01,2021-02-01,convicted,Thane
        S3,2020-02-01,,pending,Pune
        S4,2021-05-05,2021-05-15,acquitted,Pune

        """

    func testAQueryTakesTheDaysBetweenTwoDates() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        try suspects.write(to: folder.appendingPathComponent("suspects.csv"), atomically: true, encoding: .utf8)
        let query = try BinaryRunner.run(["query", "suspects.csv", "--median", "days(arrest_date,verdict_date)",
                                          "--max", "days(arrest_date, verdict_date)", "--by", "office", "--format", "csv"], in: folder)
        XCTAssertEqual(query.status, 0, query.stderr)
        XCTAssertEqual(query.stdout, "office,\"max(days(arrest_date, verdict_date))\",\"median(days(arrest_date, verdict_date))\"\r\n"
                       + "Pune,60,35\r\nThane,366,366\r\n", "S3 has no verdict date: no days")
        let distinct = try BinaryRunner.run(["query", "suspects.csv", "--distinct", "days(arrest_date,verdict_date)"], in: folder)
        XCTAssertEqual(distinct.status, 2, distinct.stderr)
        XCTAssertTrue(distinct.stderr.contains("--distinct: count_distinct(days(arrest_date, verdict_date)): days(...) is a number of days"),
                      distinct.stderr)
    }

    func testAPipelinePublishesThemAndAFlowMappingSaysToQuote() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        try suspects.write(to: folder.appendingPathComponent("suspects.csv"), atomically: true, encoding: .utf8)
        let pipeline = """
            name: days
            period: { since: 2020-01-01 }
            sources:
              suspects: { path: suspects.csv }
            metrics:
              days_to_verdict:
                median: days(arrest_date, verdict_date)
                from: suspects
                where: verdict == "convicted"

            """
        try pipeline.write(to: folder.appendingPathComponent("days.yml"), atomically: true, encoding: .utf8)
        let run = try BinaryRunner.run(["run", "days.yml", "--as-of", "2022-12-31", "--out", "out", "--quiet"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        let figures = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/figures.json"))) as? [String: Any]
        let metric = (figures?["metrics"] as? [[String: Any]])?.first { $0["name"] as? String == "days_to_verdict" }
        XCTAssertEqual(metric?["value"] as? Double, 213, "the median of 60 and 366 days")
        XCTAssertEqual((metric?["provenance"] as? [String: Any])?["aggregate"] as? String, "median(days(arrest_date, verdict_date))")

        try pipeline.replacingOccurrences(of: """
              days_to_verdict:
                median: days(arrest_date, verdict_date)
                from: suspects
                where: verdict == "convicted"
            """, with: "  days_to_verdict: { median: days(arrest_date, verdict_date), from: suspects }")
            .write(to: folder.appendingPathComponent("flow.yml"), atomically: true, encoding: .utf8)
        let flow = try BinaryRunner.run(["run", "flow.yml", "--as-of", "2022-12-31", "--out", "out2"], in: folder)
        XCTAssertEqual(flow.status, 2, flow.stderr)
        XCTAssertTrue(flow.stderr.contains("unknown key 'verdict_date)'"), flow.stderr)
        XCTAssertTrue(flow.stderr.contains("a value holding a comma inside { } is cut at the comma: quote it"), flow.stderr)
    }
}
