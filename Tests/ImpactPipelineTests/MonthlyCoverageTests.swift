import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// A month that ends before an export's first record is not a month of zero: the export does
/// not reach back that far. Its value is none ("n/a"), and so is a change from it, where it read
/// 0 and "+15". The export's start is its earliest record by any metric over the source, so the
/// months before the first conviction, after the first arrest, stay counted zeros.
final class MonthlyCoverageTests: XCTestCase {
    func testMonthsBeforeTheFirstRecordHaveNoValue() throws {
        let december = try XCTUnwrap(CalendarMonth(year: 2024, month: 12))
        for routes in [true, false] {
            var scratch = try ScratchMonthlyFold(self, month: december, metrics: """
                  rescued: { count: rows, from: rescues }
                  minors: { count: rows, from: rescues, where: age < 18 }
                """)
            scratch.fold.routesByDate = routes
            func rescue(month: Int, day: Int, age: Int) throws {
                scratch.rescue(on: try XCTUnwrap(Day(year: 2024, month: month, day: day)), ["age": .integer(age)])
            }
            for _ in 1...15 { try rescue(month: 12, day: 3, age: 30) }
            for _ in 1...12 { try rescue(month: 6, day: 20, age: 30) }     // the export starts on 20 June
            let values = scratch.fold.values()
            let may = try XCTUnwrap(CalendarMonth(year: 2024, month: 5))
            let june = try XCTUnwrap(CalendarMonth(year: 2024, month: 6))
            let july = try XCTUnwrap(CalendarMonth(year: 2024, month: 7))
            let lastYear = try XCTUnwrap(CalendarMonth(year: 2023, month: 12))
            XCTAssertNil(values.value("rescued", in: may), "May ended before the first record")
            XCTAssertNil(values.value("rescued", in: lastYear))
            XCTAssertEqual(values.value("rescued", in: june), 12)
            XCTAssertEqual(values.value("rescued", in: july), 0, "a month after the start with no record is a zero")
            XCTAssertEqual(values.value("minors", in: july), 0, "no minor at all: a zero after the export's start")
            XCTAssertNil(values.value("minors", in: may))

            let definition = MonthlyDefinition(title: "t", place: nil, template: "monthly", suppressBelow: 11, items: [
                .init(metric: "rescued", label: "rescued", suppress: nil, line: 1),
            ])
            let (report, _) = MonthlyReportBuilder.build(definition: definition, values: values, previous: nil, sources: [],
                                                        asOf: try XCTUnwrap(Day(year: 2025, month: 1, day: 31)), locale: .en)
            XCTAssertEqual(report.rows.first?.lastYear.text, "n/a", "routes: \(routes)")
            XCTAssertEqual(report.rows.first?.changeOnYear.text, "n/a", "no change from a month the export does not reach")
            XCTAssertEqual(report.rows.first?.month.text, "15")
        }
    }
}
