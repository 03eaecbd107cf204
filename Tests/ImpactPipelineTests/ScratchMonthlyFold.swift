import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// A monthly report's fold over a scratch pipeline (`ScratchPipeline`) of one source,
/// `rescues`, fed records by their values, each on the next line.
struct ScratchMonthlyFold {
    var fold: MonthlyFold
    let schema: RecordSchema
    private var line = 1

    init(_ test: XCTestCase, month: CalendarMonth, metrics yaml: String) throws {
        let pipeline = try ScratchPipeline.load(test, sources: ["rescues"], yaml: """
            name: scratch
            period: { since: 2000-01-01 }
            sources:
              rescues: { path: rescues.csv }
            metrics:
            \(yaml)
            """)
        schema = try XCTUnwrap(pipeline.source(named: "rescues")).schema
        fold = try MonthlyFold(month: month, definitions: pipeline.metrics, schemas: pipeline.schemas)
    }

    /// A rescue of a person of its own, on `date`, with `values` beside.
    mutating func rescue(on date: Day, _ values: [String: Value] = [:]) {
        line += 1
        let record = schema.record(line: line, values.merging(["person_id": .text("P\(line)"), "date": .date(date)]) { mine, _ in mine })
        fold.fold(source: "rescues", record: record)
    }
}
