import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// What a run's source jobs fold besides the run's engine, each part into its own copy
/// merged in file order: the monthly report's engines must hold what folding every
/// accepted record in file order, one source at a time, gives (the way a caller's
/// consumer sees the records); the progress line's counts, the rows folded.
extension ParallelRunTests {
    func testMonthlyEnginesFoldedInPartsGiveTheRecordByRecordFold() throws {
        let path = try messyPipeline()
        let pipeline = try PipelineDefinition.load(path: path)
        // The generated rows run to the end of 2025: a month with rows in it and in the year before.
        let asOf = try XCTUnwrap(Day(year: 2025, month: 8, day: 1))
        let month = CalendarMonth.lastComplete(asOf: asOf)
        let empty = try MonthlyFold(month: month, definitions: pipeline.metrics, schemas: pipeline.schemas)
        let out = (path as NSString).deletingLastPathComponent + "/out-monthly"

        var byRecord = empty
        let reference = try Runner.compute(pipeline, asOf: asOf, rejectedFolder: out, split: .none,
                                           extraConsumer: { source, record in byRecord.fold(source: source, record: record) },
                                           log: { _ in })
        reference.cancelRejected()
        XCTAssertNil(reference.alongside, "no monthly engines given, none folded")
        let expected = byRecord.values()
        XCTAssertGreaterThan(expected.yearToDate["survivors"]?.value ?? 0, 0, "the year to date holds rows")
        XCTAssertGreaterThan(expected.perMonth.values.compactMap { $0["trained"]?.value }.reduce(0, +), 0,
                             "the months hold rows")

        for parts in [1, 3, 5] {
            let computed = try Runner.compute(pipeline, asOf: asOf, rejectedFolder: out,
                                              split: SourceSplit(parts: parts, minimumPartBytes: 4096),
                                              alongside: empty, log: { _ in })
            computed.cancelRejected()
            XCTAssertEqual(computed.processors.first { $0.part != nil }?.part?.of ?? 1, parts, "read in \(parts) parts")
            let got = try XCTUnwrap(computed.alongside as? MonthlyFold).values()
            XCTAssertEqual(got.months, expected.months)
            for each in expected.months {
                XCTAssertEqual(got.perMonth[each], expected.perMonth[each], "\(each.iso), \(parts) parts")
            }
            XCTAssertEqual(got.yearToDate, expected.yearToDate, "the year to date, \(parts) parts")
        }
    }

    /// The progress line is counted by every part of every source, side by side.
    func testARunInPartsCountsTheRowsItFolded() throws {
        let path = try messyPipeline()
        let pipeline = try PipelineDefinition.load(path: path)
        let asOf = try XCTUnwrap(Day(year: 2026, month: 11, day: 1))
        let screen = ProgressLineTests.Screen()
        let line = ProgressLine(interval: 0, output: screen.write)
        let computed = try Runner.compute(pipeline, asOf: asOf, rejectedFolder: nil,
                                          split: SourceSplit(parts: 3, minimumPartBytes: 4096), progress: line,
                                          log: { _ in })
        XCTAssertEqual(computed.processors.first { $0.part != nil }?.part?.of, 3, "a source read in parts")
        XCTAssertTrue(screen.cleared, "the line is cleared when the reading ends")
        let last = screen.lastDrawn
        for report in computed.sources {
            // The rows folded: accepted, less those the source's `where` leaves out.
            let expected = NumberLocale.en.format(report.tally.accepted - report.excluded)
            XCTAssertTrue(last.contains("\(report.name) \(expected)"), "\(report.name): \(last)")
        }
        XCTAssertGreaterThan(computed.sources.count, 1)
        XCTAssertGreaterThan(computed.sources.first { $0.name == "rescues" }?.excluded ?? 0, 0, "the where leaves rows out")
    }

    /// `query --pipeline`'s engine folds alongside too: in parts it gives the record by
    /// record fold, over a text field no metric or check reads (left unread otherwise).
    func testAQueryFoldedInPartsGivesTheRecordByRecordFold() throws {
        let path = try messyPipeline()
        let pipeline = try PipelineDefinition.load(path: path)
        let asOf = try XCTUnwrap(Day(year: 2026, month: 11, day: 1))
        let schema = try XCTUnwrap(pipeline.source(named: "rescues")).schema
        let spec = try QuerySpec(aggregates: [.count, .countDistinct("person_id")], by: "sex", filter: "age < 30")
        let empty = try QueryEngine(spec, schema: schema)

        var byRecord = empty
        _ = try Runner.compute(pipeline, asOf: asOf, rejectedFolder: nil, fold: false, only: "rescues", split: .none,
                               extraConsumer: { source, record in if source == "rescues" { byRecord.fold(record) } },
                               log: { _ in })
        let expected = byRecord.table()
        XCTAssertGreaterThanOrEqual(expected.rows.count, 2, "rows by sex: \(expected.rows)")

        for parts in [1, 3] {
            let fold = QueryFold(source: "rescues", engine: empty, fields: QueryRunner.names(read: spec))
            let computed = try Runner.compute(pipeline, asOf: asOf, rejectedFolder: nil, fold: false, only: "rescues",
                                              split: SourceSplit(parts: parts, minimumPartBytes: 4096),
                                              alongside: fold, log: { _ in })
            XCTAssertEqual(computed.processors.first { $0.part != nil }?.part?.of ?? 1, parts, "read in \(parts) parts")
            let got = try XCTUnwrap(computed.alongside as? QueryFold).engine.table()
            XCTAssertEqual(got, expected, "\(parts) parts")
        }
    }

    /// A split read that falls back to one piece (a row repeated across the cut under
    /// `duplicate: error`) takes the dropped parts' rows off the progress line.
    func testAFallbackToOnePieceCountsEachRowOnce() throws {
        var lines = rows(3000)
        lines.append(lines[5])
        let path = try handMade(lines, checks: "      - duplicate: error")
        let pipeline = try PipelineDefinition.load(path: path)
        let screen = ProgressLineTests.Screen()
        let line = ProgressLine(interval: 0, output: screen.write)
        let computed = try Runner.compute(pipeline, asOf: try XCTUnwrap(Day(year: 2026, month: 11, day: 1)),
                                          rejectedFolder: nil, split: SourceSplit(parts: 2, minimumPartBytes: 4096),
                                          progress: line, log: { _ in })
        XCTAssertNil(computed.processors.first?.part, "read again in one piece")
        let report = try XCTUnwrap(computed.sources.first)
        XCTAssertEqual(report.tally.rejected, 1)
        XCTAssertTrue(screen.cleared, "the line is cleared when the reading ends")
        XCTAssertEqual(screen.lastDrawn.trimmingCharacters(in: .whitespaces),
                       "\rreading cases: \(NumberLocale.en.format(report.tally.accepted)) rows",
                       "every row once: \(screen.all.suffix(3))")
    }
}
