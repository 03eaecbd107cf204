import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// A mean, median, minimum or maximum taken over fewer records than the threshold can be one
/// person's own value (the days from arrest to verdict of the month's one case): the monthly
/// report does not show it, nor a change from it, unless the item says `suppress: false`.
final class MonthlyFewRecordsTests: XCTestCase {
    func testAStatisticOfFewRecordsIsNotShown() throws {
        let march = try XCTUnwrap(CalendarMonth(year: 2025, month: 3))
        var scratch = try ScratchMonthlyFold(self, month: march, metrics: """
              median_age: { median: age, from: rescues }
              oldest: { max: age, from: rescues }
              rescued: { count: rows, from: rescues }
            """)
        func rescue(_ age: Int, month: Int) throws {
            scratch.rescue(on: try XCTUnwrap(Day(year: 2025, month: month, day: 10)), ["age": .integer(age)])
        }
        try rescue(16, month: 3)                                    // March: one person
        for age in 10...21 { try rescue(age, month: 2) }            // February: twelve
        scratch.fold.flushPending()
        let values = scratch.fold.values()
        let definition = MonthlyDefinition(title: "t", place: nil, template: "monthly", suppressBelow: 11, items: [
            .init(metric: "median_age", label: "median age", suppress: nil, line: 1),
            .init(metric: "oldest", label: "oldest", suppress: nil, line: 2),
            .init(metric: "median_age", label: "median age, shown", suppress: false, line: 3),
        ])
        let asOf = try XCTUnwrap(Day(year: 2025, month: 4, day: 30))
        let (report, figures) = MonthlyReportBuilder.build(definition: definition, values: values, previous: nil,
                                                          sources: [], asOf: asOf, locale: .en)
        XCTAssertEqual(report.rows.map(\.month.text), ["not shown", "not shown", "16.0"], "March's one person")
        XCTAssertEqual(report.rows.map(\.previousMonth.text), ["15.5", "21", "15.5"], "February's twelve")
        XCTAssertEqual(report.rows.map(\.changeOnMonth.text), ["not shown", "not shown", "+0.5"])
        XCTAssertEqual(report.rows.map(\.yearToDate.text), ["16.0", "21", "16.0"], "thirteen in the year: 10 to 21 and 16")
        XCTAssertTrue(report.suppressionNote.contains("A mean, median, minimum or maximum of fewer than 11 records is \"not shown\""),
                      report.suppressionNote)
        XCTAssertEqual(figures.figures.first { $0.metric == "median_age" && $0.month == march && $0.window == "month" }?.published,
                       "not shown", "figures.json keeps what was published, beside the exact value")
    }
}
