import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// A run whose metrics and checks read none of a source's last text columns has the CSV
/// reader leave them unparsed on plain lines; a rejected row still shows their values
/// (parsed when the row is written), a row that repeats the header is still found, and
/// everything a user sees is what a run that reads those columns gives.
final class UnparsedColumnsRunTests: XCTestCase {
    private static let header = "person_id,case_id,operation_id,office,date,age,sex,origin,place"

    private func write(_ dir: String, readsTail: Bool) throws -> String {
        var lines = [Self.header]
        for i in 1...3000 {
            let age = i % 97 == 0 || i % 166 == 0 ? "x" : String(i % 60)      // rejected: not a number
            let date = i % 89 == 0 ? "2020-13-45" : "20\(10 + i % 10)-0\(1 + i % 9)-1\(i % 10)"
            let sex = i % 83 == 0 ? " F " : (i % 2 == 0 ? "F" : "M")            // spaces at the edges
            let place = i % 71 == 0 ? "hotel " : (i % 3 == 0 ? "brothel" : "")  // empty: missing
            let origin = i % 101 == 0 ? "\"Uttar, Pradesh\"" : "Bihar"        // quotes: parsed whole
            lines.append("P\(i),C\(i),OP\(i),Office\(i % 4),\(date),\(age),\(sex),\(origin),\(place)")
            if i % 1000 == 0 { lines.append(Self.header) }
            if i % 1500 == 0 { lines.append(",,,,,,,,") }
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/rescues.csv"))
        // With `readsTail`, a metric reads the last columns: every line is parsed whole.
        let tail = readsTail ? ["sex", "origin", "place"].map { "\n  by_\($0): { count: rows, from: rescues, by: \($0) }" }.joined() : ""
        let yaml = """
            name: tail
            period: { since: 2000-01-01 }
            sources:
              rescues: { path: rescues.csv }
            metrics:
              by_office: { count: rows, from: rescues, by: office }
              persons: { count_distinct: person_id, from: rescues, by: year(date) }\(tail)
            """
        let path = dir + "/pipeline-\(readsTail).yml"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func run(_ path: String, split: SourceSplit) throws -> (tally: SourceTally, rejected: String, office: MetricResult?) {
        let pipeline = try PipelineDefinition.load(path: path)
        let out = (path as NSString).deletingLastPathComponent + "/out-\(UUID().uuidString)"
        let computed = try Runner.compute(pipeline, asOf: Self.asOf, rejectedFolder: out, split: split, log: { _ in })
        return (try XCTUnwrap(computed.sources.first).tally, try rejectedRows(computed),
                computed.results.first { $0.name == "by_office" })
    }

    /// The single source's rejected-rows file, put in place, as text.
    private func rejectedRows(_ computed: Computation) throws -> String {
        let file = try XCTUnwrap(try XCTUnwrap(computed.processors.first).finish(), "a rejected-rows file")
        return String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
    }

    /// Writes `lines` as `dir/name` and `yaml` as `dir/pipeline.yml`, and computes that
    /// pipeline in one piece with its rejected rows under `dir/out`.
    private func compute(_ dir: String, csv name: String, _ lines: [String], pipeline yaml: String) throws -> Computation {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: dir + "/pipeline.yml"))
        let pipeline = try PipelineDefinition.load(path: dir + "/pipeline.yml")
        return try Runner.compute(pipeline, asOf: Self.asOf, rejectedFolder: dir + "/out", split: .none, log: { _ in })
    }

    private static let asOf = Day(year: 2026, month: 11, day: 1) ?? Day(daysSinceEpoch: 0)

    func testRejectedRowsShowTheColumnsLeftUnparsed() throws {
        let dir = try Hostile.scratch(self).path
        let cut = try write(dir, readsTail: false)
        let whole = try write(dir, readsTail: true)
        let reference = try run(whole, split: .none)
        XCTAssertEqual(reference.tally.read, 3005)
        for split in [SourceSplit.none, SourceSplit(parts: 2, minimumPartBytes: 4096)] {
            let seen = try run(cut, split: split)
            XCTAssertEqual(seen.tally, reference.tally, "\(split.parts) parts")
            XCTAssertEqual(seen.rejected, reference.rejected, "\(split.parts) parts: the rejected-rows file, byte for byte")
            XCTAssertEqual(seen.office, reference.office, "\(split.parts) parts")
        }
        let rejected = try run(cut, split: .none).rejected
        // Line 98 holds row 97 (no header copy before it): age x, its last columns as written.
        XCTAssertTrue(rejected.contains("\r\n98,age,type,"), rejected.prefix(600).description)
        XCTAssertTrue(rejected.contains(",P97,C97,OP97,Office1,2017-08-17,x,M,Bihar,\r\n"), rejected.prefix(600).description)
        // Row 166 (line 167): spaces around F, kept as a whole-line read keeps them (and quoted).
        XCTAssertTrue(rejected.contains(",P166,C166,OP166,Office2,2016-05-16,x,\" F \",Bihar,\r\n"), "the spaces around F are kept")
        XCTAssertEqual(rejected.components(separatedBy: ",repeated_header,").count - 1, 3, "the header's three copies")
        XCTAssertEqual(rejected.components(separatedBy: ",blank,").count - 1, 2, "the two cleared rows")
    }
    /// A source whose first column nothing reads (a training's `session_id`): the reader
    /// leaves it unparsed, and a row that repeats the header is still found as one (the
    /// header probe looks at a column the reader parses), its values all in the file.
    func testAHeaderCopyIsFoundWhenTheFirstColumnIsLeftUnparsed() throws {
        let dir = try Hostile.scratch(self).path
        let header = "session_id,date,office,audience,participants"
        var lines = [header]
        for i in 1...200 {
            lines.append("T\(i),2020-0\(1 + i % 9)-1\(i % 10),Office\(i % 3),police,\(i % 50)")
            if i == 120 { lines.append(header) }
        }
        let computed = try compute(dir, csv: "trainings.csv", lines, pipeline: """
            name: header
            period: { since: 2000-01-01 }
            sources:
              trainings: { path: trainings.csv }
            metrics:
              trained: { sum: participants, from: trainings, by: year(date) }
            """)
        XCTAssertEqual(try XCTUnwrap(computed.sources.first).tally.rejected, 1)
        let rejected = try rejectedRows(computed)
        XCTAssertTrue(rejected.contains("\r\n122,,repeated_header,"), rejected)
        XCTAssertTrue(rejected.hasSuffix(",session_id,date,office,audience,participants\r\n"), rejected)
    }

    /// A source none of whose mapped fields anything reads (text fields only, rows counted):
    /// a row that repeats the header is still rejected as one, not counted as a row.
    func testAHeaderCopyIsFoundWhenNoMappedColumnIsRead() throws {
        let dir = try Hostile.scratch(self).path
        let header = "note,caller,topic"
        var lines = [header]
        for i in 1...100 {
            lines.append("N\(i),C\(i % 7),topic\(i % 4)")
            if i == 60 { lines.append(header) }
        }
        let computed = try compute(dir, csv: "calls.csv", lines, pipeline: """
            name: header
            period: { since: 2000-01-01 }
            sources:
              calls:
                path: calls.csv
                kind: custom
                fields: { caller: text, topic: text }
            metrics:
              calls: { count: rows, from: calls }
            """)
        let tally = try XCTUnwrap(computed.sources.first).tally
        XCTAssertEqual(tally.accepted, 100, "the header copy is not counted")
        XCTAssertEqual(tally.rejected, 1)
        XCTAssertEqual(computed.results.first?.value, 100)
        let rejected = try rejectedRows(computed)
        XCTAssertTrue(rejected.contains("\r\n62,,repeated_header,"), rejected)
    }
}
