import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// The year to date of a monthly report and what the reports of a year, read one after
/// another, give away: the difference between two months' years to date is what the later
/// month added. When that is a small count, the year to date is not shown.
final class MonthlyYearToDateTests: XCTestCase {
    private func pipeline(_ test: XCTestCase) throws -> PipelineDefinition {
        try ScratchPipeline.load(test, sources: ["rescues"], yaml: """
            name: ytd
            period: { since: 2000-01-01 }
            sources:
              rescues: { path: rescues.csv }
            metrics:
              rescued: { count_distinct: person_id, from: rescues }
              by_year: { count_distinct: person_id, from: rescues, by: year(date) }
              by_office: { count: rows, from: rescues, by: office }
            """)
    }

    /// Twelve people in January, the same twelve and one more in February: each month shows
    /// 12 and 13 people, and the year to date 13. January's report showed 12, so February's
    /// 13 would tell that one person was first met in February: it is not shown.
    func testADistinctCountsYearToDateIsHiddenWhenAMonthAddedFewPeople() throws {
        let pipeline = try pipeline(self)
        let schema = try XCTUnwrap(pipeline.source(named: "rescues")).schema
        let february = try XCTUnwrap(CalendarMonth(year: 2025, month: 2))
        var fold = try MonthlyFold(month: february, definitions: pipeline.metrics, schemas: pipeline.schemas)
        var line = 1
        func rescue(_ person: Int, _ day: Day) {
            line += 1
            let values: [String: Value] = ["person_id": .text("P\(person)"), "date": .date(day), "office": .text("O\(person % 2)")]
            fold.fold(source: "rescues", record: schema.record(line: line, values))
        }
        for person in 1...12 { rescue(person, try XCTUnwrap(Day(year: 2025, month: 1, day: 10))) }
        for person in 1...13 { rescue(person, try XCTUnwrap(Day(year: 2025, month: 2, day: 10))) }
        fold.flushPending()
        let values = fold.values()
        XCTAssertEqual(values.value("rescued", in: february), 13)
        XCTAssertEqual(values.yearToDate["rescued"]?.value, 13)
        XCTAssertEqual(values.yearToDateAdditions("rescued"), [12, 1], "January met 12 people first, February one")
        XCTAssertEqual(values.yearToDateAdditions("by_year"), [12, 1], "a breakdown by year keeps the metric's date")
        XCTAssertEqual(values.yearToDate["by_year"]?.value, 13)
        XCTAssertEqual(values.yearToDateAdditions("by_office"), [12, 13], "a count adds each month's rows")
        XCTAssertEqual(values.yearToDate["by_office"]?.value, 25)

        let definition = MonthlyDefinition(title: "t", place: nil, template: "monthly", suppressBelow: 11, items: [
            .init(metric: "rescued", label: "rescued", suppress: nil, line: 1),
            .init(metric: "by_office", label: "rows", suppress: nil, line: 2),
        ])
        let asOf = try XCTUnwrap(Day(year: 2025, month: 3, day: 31))
        let (report, figures) = MonthlyReportBuilder.build(definition: definition, values: values, previous: nil,
                                                          sources: [], asOf: asOf, locale: .en)
        XCTAssertEqual(report.rows.map(\.month.text), ["13", "13"])
        XCTAssertEqual(report.rows.map(\.previousMonth.text), ["12", "12"])
        XCTAssertEqual(report.rows.map(\.yearToDate.text), ["not shown", "25"],
                       "the people counted once: hidden; the rows, which added 12 and 13: shown")
        XCTAssertEqual(report.rows.map(\.yearToDate.hidden), [true, false])
        XCTAssertTrue(report.suppressionNote.contains("year to date"), report.suppressionNote)
        // figures.json keeps the exact value beside what was published.
        let kept = try XCTUnwrap(figures.figures.first { $0.metric == "rescued" && $0.window == "year_to_date" })
        XCTAssertEqual(kept.exact, 13)
        XCTAssertEqual(kept.published, "not shown")
    }

    /// The note does not speak of years to date when none was hidden for it.
    func testTheNoteSpeaksOfTheYearToDateOnlyWhenOneIsHidden() throws {
        let pipeline = try pipeline(self)
        let schema = try XCTUnwrap(pipeline.source(named: "rescues")).schema
        let january = try XCTUnwrap(CalendarMonth(year: 2025, month: 1))
        var fold = try MonthlyFold(month: january, definitions: pipeline.metrics, schemas: pipeline.schemas)
        // Three people in December (a hidden count in the previous month), twenty in January.
        for person in 1...23 {
            let day = try XCTUnwrap(person <= 3 ? Day(year: 2024, month: 12, day: 5) : Day(year: 2025, month: 1, day: 5))
            let values: [String: Value] = ["person_id": .text("P\(person)"), "date": .date(day)]
            fold.fold(source: "rescues", record: schema.record(line: person + 1, values))
        }
        fold.flushPending()
        let definition = MonthlyDefinition(title: "t", place: nil, template: "monthly", suppressBelow: 11, items: [
            .init(metric: "rescued", label: "rescued", suppress: nil, line: 1),
        ])
        let (report, _) = MonthlyReportBuilder.build(definition: definition, values: fold.values(), previous: nil, sources: [],
                                                     asOf: try XCTUnwrap(Day(year: 2025, month: 2, day: 28)), locale: .en)
        XCTAssertEqual(report.rows.map(\.previousMonth.text), ["fewer than 11"])
        XCTAssertEqual(report.rows.map(\.yearToDate.text), ["20"], "December belongs to the year before")
        XCTAssertTrue(report.hasSuppressed)
        XCTAssertFalse(report.suppressionNote.contains("year to date"), report.suppressionNote)
    }
}
