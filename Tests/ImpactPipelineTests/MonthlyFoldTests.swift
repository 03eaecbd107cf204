import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// The monthly report folds a record only into the month that holds its date, metric by
/// metric (`MonthlyFold.routesByDate`), instead of into all thirteen month engines: the same
/// values for records inside, before and after the months, with missing dates, with a date
/// taken from a fallback field, and for a metric with no date at all (every month takes it).
final class MonthlyFoldTests: XCTestCase {
    func testRoutingByDateGivesTheValuesOfFoldingIntoEveryMonth() throws {
        let pipeline = try ScratchPipeline.load(self, sources: ["rescues", "suspects", "calls"], yaml: """
            name: fold
            period: { since: 2000-01-01 }
            sources:
              rescues: { path: rescues.csv }
              suspects: { path: suspects.csv }
              calls:
                path: calls.csv
                kind: custom
                fields: { caller: text, minutes: number }
            metrics:
              rescued: { count_distinct: person_id, from: rescues }
              minors: { count: rows, from: rescues, where: age < 18, by: office }
              restrained: { count_distinct: suspect_id, from: suspects, date: [arrest_date, charge_date] }
              convictions: { count: rows, from: suspects, where: verdict == "convicted", date: verdict_date }
              minutes: { sum: minutes, from: calls }
            """)
        let month = try XCTUnwrap(CalendarMonth(year: 2025, month: 6))
        var routed = try MonthlyFold(month: month, definitions: pipeline.metrics, schemas: pipeline.schemas)
        var everyMonth = try MonthlyFold(month: month, definitions: pipeline.metrics, schemas: pipeline.schemas)
        everyMonth.routesByDate = false

        let rescues = try XCTUnwrap(pipeline.source(named: "rescues")).schema
        let suspects = try XCTUnwrap(pipeline.source(named: "suspects")).schema
        let calls = try XCTUnwrap(pipeline.source(named: "calls")).schema
        // Days from a year before the first month to a month after the last, and none.
        func day(_ n: Int) -> Value {
            n % 29 == 0 ? .missing : .date(Day(daysSinceEpoch: Int32(19_800 + (n * 37) % 540)))
        }
        var line = 1
        for n in 0..<600 {
            line += 1
            let rescue = rescues.record(line: line, ["person_id": .text("P\(n % 150)"), "date": day(n),
                                                          "age": .integer(n % 30), "office": .text("O\(n % 3)")])
            line += 1
            let suspect = suspects.record(line: line, [
                "suspect_id": .text("S\(n % 90)"), "arrest_date": n % 3 == 0 ? .missing : day(n + 1),
                "charge_date": day(n + 7), "verdict": .text(n % 4 == 0 ? "convicted" : "pending"),
                "verdict_date": day(n + 11)])
            line += 1
            let call = calls.record(line: line, ["caller": .text("C\(n)"), "minutes": .number(Double(n % 17))])
            for (source, record) in [("rescues", rescue), ("suspects", suspect), ("calls", call)] {
                routed.fold(source: source, record: record)
                everyMonth.fold(source: source, record: record)
            }
        }
        let expected = everyMonth.values(), got = routed.values()
        XCTAssertEqual(got.months, expected.months)
        for each in expected.months {
            XCTAssertEqual(got.perMonth[each], expected.perMonth[each], each.iso)
        }
        XCTAssertEqual(got.yearToDate, expected.yearToDate)
        // The months hold rows: the comparison is not of empty tables.
        XCTAssertGreaterThan(expected.value("convictions", in: month) ?? 0, 0)
        XCTAssertGreaterThan(expected.value("restrained", in: month) ?? 0, 0)
        XCTAssertEqual(expected.value("minutes", in: month), Double((0..<600).map { $0 % 17 }.reduce(0, +)),
                       "a metric with no date: every month takes every row")
    }
}
