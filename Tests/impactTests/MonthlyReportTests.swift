import Foundation
import XCTest

/// The monthly report of pipelines/monthly-report.yml on the bundled Mumbai exports.
final class MonthlyReportTests: XCTestCase {
    /// Three consecutive months run into one folder, as cron would: each report
    /// matches its golden files, and the later ones find no revision.
    func testThreeConsecutiveMonthsMatchTheirGoldenFiles() throws {
        let workspace = try MonthlyWorkspace(self)
        for month in ["2012-08", "2012-09", "2012-10"] {
            let result = try workspace.run(["--month", month, "--as-of", "2019-12-31"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.contains("monthly.html, monthly.txt, figures.json"), result.stdout)
            assertGolden(try workspace.text("monthly.html"), named: "monthly-\(month)/monthly.html")
            assertGolden(try workspace.text("monthly.txt"), named: "monthly-\(month)/monthly.txt")
            let text = try workspace.text("monthly.txt")
            XCTAssertEqual(text.split(separator: "\n").filter { $0.count > 72 }, [], "the e-mail text stays within 72 columns")
            if month != "2012-08" {
                XCTAssertTrue(text.contains("No figure of an earlier month changed since the last report."), text)
            }
        }
    }

    /// September 2012: 16 survivors (shown), a count below 11 hidden, and a change
    /// that would give a hidden count back not shown; the year to date not shown
    /// (57, but the months of 2012 added small counts: see the test below); the
    /// data quality per source and check.
    func testFiguresChangesAndSuppressionOfOneMonth() throws {
        let workspace = try MonthlyWorkspace(self)
        XCTAssertEqual(try workspace.run(["--month", "2012-09", "--as-of", "2019-12-31"]).status, 0)
        let text = try workspace.text("monthly.txt")
        let expected: [(String, String)] = [
            ("Survivors brought to safety", "  September 2012                   16"),
            ("Survivors brought to safety", "  August 2012           fewer than 11  not shown  not shown"),
            ("Survivors brought to safety", "  January to September      not shown"),
            ("Police, officials and others trained", "  August 2012                      48        -48    -100.0%"),
            ("Police, officials and others trained", "  September 2011                    0          0        n/a"),
        ]
        for (block, line) in expected {
            let section = try XCTUnwrap(text.components(separatedBy: block + "\n").dropFirst().first, "no block \(block)")
            let lines = section.split(separator: "\n", omittingEmptySubsequences: false).prefix(4).map(String.init)
            XCTAssertTrue(lines.contains(line), "\(block) lacks '\(line)':\n\(lines.joined(separator: "\n"))")
        }
        XCTAssertTrue(text.contains("- rescues: 681 rows read, 679 accepted, 2 rejected\n  rejected by check: range: 1, type: 1"), text)
        // figures.json keeps the exact values of the thirteen months for the next run.
        let data = try Data(contentsOf: workspace.out.appendingPathComponent("figures.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let monthly = try XCTUnwrap(json["monthly"] as? [String: Any])
        XCTAssertEqual(monthly["month"] as? String, "2012-09")
        let figures = try XCTUnwrap(monthly["figures"] as? [[String: Any]])
        let survivors = figures.filter { $0["metric"] as? String == "survivors_rescued" && $0["window"] as? String == "month" }
        XCTAssertEqual(survivors.compactMap { $0["month"] as? String }.first, "2011-09")
        XCTAssertEqual(survivors.compactMap { $0["month"] as? String }.last, "2012-09")
        XCTAssertEqual(survivors.last?["exact"] as? Double, 16)
        XCTAssertEqual(survivors.first { $0["month"] as? String == "2012-08" }?["published"] as? String, "fewer than 11")
    }

    /// The twelve reports of 2012, run one after another as cron would, read together: no two
    /// of a year's published years to date differ by a small count (the difference is what the
    /// months between added: a count from 1 to 10 would single people out), and the year to
    /// date of a count hides from the first month that added such a count. Sums are not hidden.
    func testTheReportsOfAYearGiveNoHiddenCountBackThroughTheYearToDate() throws {
        let workspace = try MonthlyWorkspace(self)
        var published: [String: [(month: Int, text: String)]] = [:]
        for month in 1...12 {
            let result = try workspace.run(["--month", String(format: "2012-%02d", month), "--as-of", "2019-12-31"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let data = try Data(contentsOf: workspace.out.appendingPathComponent("figures.json"))
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let figures = try XCTUnwrap((json["monthly"] as? [String: Any])?["figures"] as? [[String: Any]])
            for figure in figures where figure["window"] as? String == "year_to_date" {
                let metric = try XCTUnwrap(figure["metric"] as? String)
                published[metric, default: []].append((month, try XCTUnwrap(figure["published"] as? String)))
            }
        }
        let counts = ["survivors_rescued", "minors_rescued", "criminals_restrained", "convictions"]
        for metric in counts {
            let shown = try XCTUnwrap(published[metric]).compactMap { entry in Int(entry.text).map { (entry.month, $0) } }
            for (a, before) in shown {
                for (b, after) in shown where b > a {
                    XCTAssertTrue(after == before || after - before >= 11,
                                  "\(metric): the years to date of months \(a) and \(b) give away \(after - before)")
                }
            }
        }
        // Survivors: January added 4 (a hidden count), so no year to date of 2012 shows.
        XCTAssertEqual(published["survivors_rescued"]?.map(\.text).filter { Int($0) != nil }, [])
        XCTAssertEqual(published["survivors_rescued"]?.last?.text, "not shown")
        // Trainings are a sum, not a count of people: every year to date shows (392 in December).
        XCTAssertEqual(published["officials_trained"]?.filter { Int($0.text) != nil }.count, 12)
        XCTAssertEqual(published["officials_trained"]?.last?.text, "392")
        XCTAssertTrue(try workspace.text("monthly.txt").contains("A year to date is \"not shown\" once a month"))
    }

    /// A row of a past month corrected in the export (its date moved from
    /// September to October 2012): the next report flags September's figure.
    func testAChangedPastMonthIsFlaggedAsARevision() throws {
        let workspace = try MonthlyWorkspace(self)
        XCTAssertEqual(try workspace.run(["--month", "2012-09", "--as-of", "2019-12-31"]).status, 0)
        try workspace.edit("fixtures/mumbai/rescues.csv", replacing: "SV00458,CR 11/2012,OP-2012-011,Mumbai,02/09/2012",
                           with: "SV00458,CR 11/2012,OP-2012-011,Mumbai,02/10/2012")
        let result = try workspace.run(["--month", "2012-10", "--as-of", "2019-12-31"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("revised since published: survivors_rescued in 2012-09: was 16, now 15"), result.stderr)
        let text = try workspace.text("monthly.txt")
        XCTAssertTrue(text.contains("- Survivors brought to safety, September 2012: was 16, now 15"), text)
        XCTAssertTrue(try workspace.text("monthly.html").contains("Survivors brought to safety, September 2012: <span class=\"was\">16</span> now <span class=\"now\">15</span>"))
        // Run again on the same data: nothing has changed since this last report.
        XCTAssertEqual(try workspace.run(["--month", "2012-10", "--as-of", "2019-12-31"]).status, 0)
        XCTAssertTrue(try workspace.text("monthly.txt").contains("No figure of an earlier month changed"))
    }

    /// Without --month, the last month complete on --as-of.
    func testTheDefaultMonthIsTheLastCompleteOne() throws {
        let workspace = try MonthlyWorkspace(self)
        let cases: [(asOf: String, month: String)] = [("2012-10-05", "September 2012"), ("2012-09-30", "September 2012"), ("2013-01-01", "December 2012")]
        for (asOf, month) in cases {
            let result = try workspace.run(["--as-of", asOf, "--allow-revision"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(try workspace.text("monthly.txt").contains(month.uppercased() + " AT A GLANCE"), "as of \(asOf)")
        }
    }

    func testAMonthNotOverOrMisspeltIsAUsageError() throws {
        let workspace = try MonthlyWorkspace(self)
        let cases: [(month: String, says: String)] = [("2019-12", "is not over"), ("2019-13", "yyyy-MM"), ("Oct 2019", "yyyy-MM")]
        for (month, says) in cases {
            let result = try workspace.run(["--month", month, "--as-of", "2019-12-15"])
            XCTAssertEqual(result.status, 64, "\(month): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(says), result.stderr)
        }
    }

    func testAMonthForAPipelineWithoutMonthlySectionIsAConfigurationError() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let result = try BinaryRunner.run(["run", "pipelines/mumbai-brochure.yml", "--month", "2019-10", "--as-of", "2019-12-31", "--out", folder.path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("no 'monthly:' section"), result.stderr)
    }

    /// Logs in a pipe (cron, a log file, this test) carry no progress line and no escape code.
    func testNoProgressLineWhenStderrIsNotATerminal() throws {
        let workspace = try MonthlyWorkspace(self)
        let result = try workspace.run(["--month", "2012-09", "--as-of", "2019-12-31", "--log-format", "text"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for text in [result.stdout, result.stderr] {
            XCTAssertFalse(text.contains("\r") || text.contains("\u{1B}"), text)
            XCTAssertFalse(text.contains("reading rescues:"), text)
        }
    }
}
