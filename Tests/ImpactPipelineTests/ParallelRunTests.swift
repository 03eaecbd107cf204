import Foundation
import XCTest
import ImpactCore
@testable import ImpactPipeline

/// A run reads a large CSV source in parts side by side (a processor, checks,
/// rejected rows and metric engine per part, merged in file order). Whatever
/// the cut, the run must give what reading in one piece gives: the same
/// metrics, counts, findings (lines and order) and rejected-rows file.
final class ParallelRunTests: XCTestCase {
    /// Everything a run computes that a user sees, in comparable form.
    struct Seen: Equatable {
        var results: [MetricResult]
        var tallies: [String: SourceTally]
        var summaries: [String: FindingSummary]
        var excluded: [String: Int]
        var rejected: [String: String]
        /// Per source, the columns the run summary lists as identifying and as not mapped.
        var columns: [String: [String]] = [:]
        /// Per source, findings not tied to a row (a JSON warning given once per field).
        var fileFindings: [String: [Finding]] = [:]
        /// Per source, the parts its rows were read in (1: one piece).
        var parts: [String: Int]

        static func == (a: Seen, b: Seen) -> Bool {
            a.results == b.results && a.tallies == b.tallies && a.summaries == b.summaries
                && a.excluded == b.excluded && a.rejected == b.rejected && a.columns == b.columns
                && a.fileFindings == b.fileFindings
        }
    }

    /// `outputs`: where the rejected-rows files go (by default beside the pipeline file).
    private func compute(_ pipelinePath: String, split: SourceSplit, outputs: String? = nil) throws -> Seen {
        let pipeline = try PipelineDefinition.load(path: pipelinePath)
        let out = (outputs ?? (pipelinePath as NSString).deletingLastPathComponent) + "/out-\(split.parts)"
        let asOf = try XCTUnwrap(Day(year: 2026, month: 11, day: 1))
        let computed = try Runner.compute(pipeline, asOf: asOf, rejectedFolder: out, split: split, log: { _ in })
        var seen = Seen(results: computed.results, tallies: [:], summaries: [:], excluded: [:], rejected: [:], parts: [:])
        for (report, processor) in zip(computed.sources, computed.processors) {
            seen.tallies[report.name] = report.tally
            seen.summaries[report.name] = report.summary
            seen.excluded[report.name] = report.excluded
            seen.columns[report.name] = report.identifyingColumns + ["|"] + report.droppedColumns
            seen.fileFindings[report.name] = report.fileFindings
            seen.parts[report.name] = processor.part?.of ?? 1
            if let file = try processor.finish() {
                seen.rejected[report.name] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
            }
        }
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: out + "/rejected")) ?? []).filter { $0.hasPrefix(".") }
        XCTAssertEqual(left, [], "no part's temporary file is left behind")
        return seen
    }

    /// A messy generated export (BOM, CRLF, quoted commas and line breaks, scripts)
    /// with broken rows spliced into the middle of the rescues, and a pipeline with
    /// checks across sources, a `where`, and distinct, period, group and median metrics.
    /// With `json`, the rescues are JSON Lines, messy as `ParallelJSONLinesTests.mess` makes them.
    func messyPipeline(json: Bool = false, lateKey: Bool = false) throws -> String {
        let (dir, _) = try GenerateFixture.generate(self, GenerateOptions(rows: 6000, seed: 33, messy: true, jsonLines: json))
        if json {
            let data = ParallelJSONLinesTests.mess(try GenerateFixture.read(dir, "rescues.jsonl"), lateKey: lateKey)
            try data.write(to: URL(fileURLWithPath: dir + "/rescues.jsonl"))
        }
        var bytes = [UInt8](try GenerateFixture.read(dir, "rescues.csv"))
        // After a line feed past the middle with an even number of quotes before it: between records.
        var middle = bytes.count / 2
        while bytes[..<middle].filter({ $0 == 0x22 }).count % 2 == 1 || bytes[middle - 1] != 0x0A { middle += 1 }
        let broken = Array(("P1,C1,OP1,Pune,2020-01-01,17,F,Bihar,x,Name,extra\r\n"     // too many fields
                            + "P3,C3,OP3,Pune,someday,seventeen,F,Bihar,x,Name\r\n"     // type problems
                            + "P4,C4,OP4,Pune,2020-01-01,,F,Bihar,x,Name\r\n").utf8)
        bytes.insert(contentsOf: broken, at: middle)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/rescues.csv"))
        let yaml = """
            name: split
            period: { since: 2000-01-01 }
            sources:
              rescues:
                path: rescues.\(json ? "jsonl" : "csv")
                where: office != "Kolkata"
                checks:
                  - required: age
              suspects:
                path: suspects.csv
                checks:
                  - order: verdict_date >= arrest_date
                  - relationships: { field: case_id, to: rescues.case_id, severity: warning }
              trainings: { path: trainings.csv }
            metrics:
              survivors: { count_distinct: person_id, from: rescues, by: year(date) }
              minors: { count_distinct: person_id, from: rescues, where: age < 18 }
              by_office: { count: rows, from: rescues, by: office }
              persons_by_office: { count_distinct: person_id, from: rescues, by: office }
              median_age: { median: age, from: rescues, by: office }
              restrained: { count_distinct: suspect_id, from: suspects, date: [arrest_date, charge_date] }
              trained: { sum: participants, from: trainings, by: year(date) }
            """
        let path = dir + "/pipeline.yml"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testPartsGiveTheOnePieceRunOnMessyInput() throws {
        let path = try messyPipeline()
        let one = try compute(path, split: .none)
        XCTAssertEqual(one.parts["rescues"], 1)
        XCTAssertGreaterThan(one.tallies["rescues"]?.rejected ?? 0, 2, "the spliced rows are rejected")
        XCTAssertNotNil(one.rejected["rescues"], "a rejected-rows file")
        XCTAssertGreaterThan(one.excluded["rescues"] ?? 0, 0, "the where leaves rows out")
        for parts in [2, 3] {
            let split = try compute(path, split: SourceSplit(parts: parts, minimumPartBytes: 4096))
            XCTAssertEqual(split.parts["rescues"], parts, "the rescues were read in \(parts) parts")
            XCTAssertEqual(split.results, one.results, "metrics, \(parts) parts")
            XCTAssertEqual(split.tallies, one.tallies, "counts, \(parts) parts")
            XCTAssertEqual(split.summaries, one.summaries, "findings and their examples, \(parts) parts")
            XCTAssertEqual(split.excluded, one.excluded, "rows the where left out, \(parts) parts")
            XCTAssertEqual(split.rejected, one.rejected, "rejected-rows files, byte for byte, \(parts) parts")
        }
    }

    /// The bundled pipelines (their own mappings, missing markers, date formats, `where`s,
    /// checks and relationships over the Mumbai and partner exports) give in parts what
    /// they give in one piece. Their files are small: cut with a small minimum part size.
    func testTheBundledPipelinesGiveTheirOnePieceRunInParts() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = root.appendingPathComponent("pipelines").path
        let outputs = FileManager.default.temporaryDirectory.path + "/impact-bundled-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outputs) }
        var cut = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".yml") {
            let path = folder + "/" + name
            let one = try compute(path, split: .none, outputs: outputs + "/" + name)
            for parts in [3, 5] {
                let split = try compute(path, split: SourceSplit(parts: parts, minimumPartBytes: 1024),
                                        outputs: outputs + "/" + name)
                cut += split.parts.values.filter { $0 > 1 }.count
                XCTAssertEqual(split, one, "\(name) in \(parts) parts: metrics, counts, findings, rejected rows")
            }
        }
        XCTAssertGreaterThan(cut, 2, "the bundled exports should be cut, not all read in one piece")
    }

    func testPartsOfJSONLinesGiveTheOnePieceRun() throws {
        for lateKey in [false, true] {
            let path = try messyPipeline(json: true, lateKey: lateKey)
            let one = try compute(path, split: .none)
            XCTAssertGreaterThan(one.tallies["rescues"]?.rejected ?? 0, 2, "the spliced lines are rejected")
            XCTAssertNotNil(one.rejected["rescues"], "a rejected-rows file")
            XCTAssertEqual(one.fileFindings["rescues"]?.map(\.check), ["json.nested_list", "json.not_a_number"], "one warning each for the file")
            for parts in [2, 3] {
                let label = "\(parts) parts, late key \(lateKey)"
                let split = try compute(path, split: SourceSplit(parts: parts, minimumPartBytes: 4096))
                // A name met in one part only changes the report's columns: such a file is read in one piece.
                XCTAssertEqual(split.parts["rescues"], lateKey ? 1 : parts, "parts used, \(label)")
                XCTAssertEqual(split, one, "metrics, counts, findings, rejected-rows files, \(label)")
            }
        }
    }

    /// Rows made by hand: `rows` data lines of a small custom source (in `file`, after
    /// `header` unless it is empty), and a pipeline over it.
    func handMade(_ rows: [String], checks: String, header: String = "case_id,office,date,age",
                          fields: String = "case_id: text, office: text, date: date, age: integer",
                          file: String = "cases.csv") throws -> String {
        let dir = try GenerateFixture.directory(self)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let text = (header.isEmpty ? "" : header + "\n") + rows.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + file))
        let yaml = """
            name: cut
            period: { since: 2000-01-01 }
            sources:
              cases:
                path: \(file)
                kind: custom
                fields: { \(fields) }
                checks:
            \(checks)
            metrics:
              cases: { count: rows, from: cases, by: office }
              ids: { count_distinct: case_id, from: cases, by: year(date) }
            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: dir + "/pipeline.yml"))
        return dir + "/pipeline.yml"
    }

    func rows(_ count: Int) -> [String] {
        (0..<count).map { n in "K\(n),\(["Pune", "Delhi", "Agra"][n % 3]),20\(10 + n % 9)-0\(1 + n % 9)-1\(n % 10),\(n % 60)" }
    }

    func testARowRepeatedAcrossTheCutIsStillFoundWithItsFirstLine() throws {
        var lines = rows(3000)
        lines.append(lines[5])  // line 7 of the file (header is line 1), repeated at the end: another part
        let path = try handMade(lines, checks: "      - duplicate: error")
        let one = try compute(path, split: .none)
        let duplicates = one.summaries["cases"]?.sorted.first { $0.check == "duplicate" }
        XCTAssertEqual(duplicates?.count, 1)
        XCTAssertEqual(duplicates?.examples.first?.message, "this row repeats line 7 exactly")
        let split = try compute(path, split: SourceSplit(parts: 3, minimumPartBytes: 4096))
        XCTAssertEqual(split, one, "the duplicate across the cut is found as in one piece")
        XCTAssertEqual(split.tallies["cases"]?.rejected, 1)
    }

    /// `fill_down` takes each empty value from the row above, in file order: such a source is
    /// read in one piece, and gives what it gives in one piece.
    func testASourceThatFillsDownIsReadInOnePiece() throws {
        let lines = rows(3000).enumerated().map { n, row in
            n % 4 == 0 ? row : row.replacingOccurrences(of: ",\(["Pune", "Delhi", "Agra"][n % 3]),", with: ",,")
        }
        let path = try handMade(lines, checks: "      - duplicate: warning\n    fill_down: [office]")
        let one = try compute(path, split: .none)
        let split = try compute(path, split: SourceSplit(parts: 3, minimumPartBytes: 4096))
        XCTAssertEqual(split.parts["cases"], 1)
        XCTAssertEqual(split, one)
        let byOffice = one.results.first { $0.name == "cases" }?.groups.map { "\($0.keys.joined())=\(Int($0.value))" }
        // Rows 0, 4, 8... keep their office; each fills the three below it.
        XCTAssertEqual(byOffice, ["Agra=1000", "Delhi=1000", "Pune=1000"])
        XCTAssertEqual(one.fileFindings["cases"]?.map(\.message), ["source 'cases': filled from the rows above: 2250 office values"])
    }

    /// Under `duplicate: error` each part's row hashes are compared with every earlier
    /// part's at the merge: such a source is cut in two parts at most.
    func testASourceWhoseRepeatsAreErrorsIsCutInTwoAtMost() throws {
        let path = try handMade(rows(3000), checks: "      - duplicate: error")
        let one = try compute(path, split: .none)
        let split = try compute(path, split: SourceSplit(parts: 3, minimumPartBytes: 4096))
        XCTAssertEqual(split.parts["cases"], 2)
        XCTAssertEqual(split.tallies["cases"], one.tallies["cases"])
        XCTAssertEqual(split.tallies["cases"]?.accepted, 3000)
    }

    /// Repeats are warnings by default: the parts log their rows and the repeats are
    /// found once they are merged, so a repeat across the cut keeps the split read.
    func testARepeatWarnedAcrossTheCutKeepsThePartsAndNamesItsFirstLine() throws {
        var lines = rows(3000)
        lines[9] = "K9,Pune,2015-01-01,many"      // line 11: rejected (not an integer)
        lines.append(lines[5])                    // repeats line 7, in the last part
        lines.append(lines[9])                    // repeats the rejected line 11
        let path = try handMade(lines, checks: "      - required: case_id")
        let one = try compute(path, split: .none)
        let duplicates = try XCTUnwrap(one.summaries["cases"]?.sorted.first { $0.check == "duplicate" })
        XCTAssertEqual(duplicates.examples.map { "\($0.line) \($0.message)" },
                       ["3002 this row repeats line 7 exactly", "3003 this row repeats line 11 exactly"])
        XCTAssertEqual(one.tallies["cases"], SourceTally(read: 3002, accepted: 3000, rejected: 2, warned: 1))
        let split = try compute(path, split: SourceSplit(parts: 3, minimumPartBytes: 4096))
        XCTAssertEqual(split.parts["cases"], 3, "the parts are used, not read again in one piece")
        XCTAssertEqual(split, one)
    }

    /// A text field nothing reads (`note`) is left missing by the mapper, yet a rejected
    /// row shows it: read where it lies on a line without quotes, copied when the record
    /// has quotes or spans lines; the same in one piece and in parts.
    func testARejectedRowShowsTheTextNothingReads() throws {
        var lines = rows(3000).map { $0 + ",n\($0.count)" }
        lines[10] = "K10,Pune,2015-02-13,many,plain note"                    // line 12: not an integer
        lines[20] = "K20,Pune,2015-03-13,old,\"quoted, with a comma\""      // line 22: quotes
        lines[30] = "K30,Pune,2015-04-13,sixty,\"two\nlines\""              // lines 32-33: a line break
        lines[2500] = "K2500,Agra,2016-05-17,nine, spaced , too many"        // line 2503 (after the two-line record): a field too many
        lines.append("K9999,Delhi,2017-06-18,old,last note")
        let path = try handMade(lines, checks: "      - required: case_id", header: "case_id,office,date,age,note",
                                fields: "case_id: text, office: text, date: date, age: integer, note: text")
        let one = try compute(path, split: .none)
        let rejected = try XCTUnwrap(one.rejected["cases"]).components(separatedBy: "\r\n")
        XCTAssertEqual(rejected.first, "line,field,check,reason,case_id,office,date,age,note")
        for (line, note) in [("12,", ",plain note"), ("22,", ",\"quoted, with a comma\""), ("32,", "\"two\nlines\""),
                             ("2503,", ",\" spaced \""), ("3003,", ",last note")] {
            XCTAssertTrue(rejected.contains { $0.hasPrefix(line) && $0.hasSuffix(note) }, "line \(line) is rejected and shows its note \(note)")
        }
        let split = try compute(path, split: SourceSplit(parts: 3, minimumPartBytes: 4096))
        XCTAssertEqual(split.parts["cases"], 3)
        XCTAssertEqual(split, one)
    }

    /// JSON Lines: an object with the same values in another key order, or with a key
    /// written `null`, repeats a row (values are compared, not text); split or not.
    func testARepeatedJSONObjectIsFoundWhateverItsKeyOrder() throws {
        var lines = rows(3000).map { row -> String in
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return "{\"case_id\": \"\(f[0])\", \"office\": \"\(f[1])\", \"date\": \"\(f[2])\", \"age\": \(f[3])}"
        }
        lines.append("{\"age\": 5, \"date\": \"2015-06-15\", \"office\": \"Agra\", \"case_id\": \"K5\"}")   // line 6, reordered
        lines.append("{\"case_id\": \"K7\", \"office\": \"Delhi\", \"date\": \"2017-08-17\", \"age\": 7, \"note\": null}")
        let path = try handMade(lines, checks: "      - required: case_id", header: "", file: "cases.jsonl")
        XCTAssertEqual(lines[5], "{\"case_id\": \"K5\", \"office\": \"Agra\", \"date\": \"2015-06-15\", \"age\": 5}")
        let one = try compute(path, split: .none)
        let duplicates = try XCTUnwrap(one.summaries["cases"]?.sorted.first { $0.check == "duplicate" })
        XCTAssertEqual(duplicates.examples.map { "\($0.line) \($0.message)" },
                       ["3001 this row repeats line 6 exactly", "3002 this row repeats line 8 exactly"])
        let split = try compute(path, split: SourceSplit(parts: 3, minimumPartBytes: 4096))
        XCTAssertEqual(split, one)
    }

    /// The run copies only the columns it maps, yet a repeated row is one repeated in
    /// every column: rows that differ in an unmapped column alone are not repeats.
    func testARepeatIsARepeatInEveryColumnThoseNotMappedIncluded() throws {
        var lines = rows(3000).map { $0 + ",note \($0.count % 2 == 0 ? "a" : "b")" }
        let seventh = lines[5]
        lines.append(seventh)                                                  // a repeat of line 7
        lines.append(String(seventh.dropLast(6)) + "note c")                   // differs in the note only
        let path = try handMade(lines, checks: "      - duplicate: error", header: "case_id,office,date,age,note")
        for split in [SourceSplit.none, SourceSplit(parts: 3, minimumPartBytes: 4096)] {
            let outcome = try compute(path, split: split)
            let duplicates = outcome.summaries["cases"]?.sorted.first { $0.check == "duplicate" }
            XCTAssertEqual(duplicates?.count, 1, "\(split)")
            XCTAssertEqual(duplicates?.examples.first?.line, 3002, "\(split)")
            XCTAssertEqual(outcome.tallies["cases"], SourceTally(read: 3002, accepted: 3001, rejected: 1), "\(split)")
        }
    }

    func testAUniqueKeyAcrossTheCutIsStillFound() throws {
        var lines = rows(3000)
        lines.append("K12,Pune,2015-03-04,30")  // K12 is on line 14; this row is in the last part
        let path = try handMade(lines, checks: "      - unique: case_id")
        let one = try compute(path, split: .none)
        XCTAssertEqual(one.summaries["cases"]?.sorted.first { $0.check == "unique" }?.examples.first?.message,
                       "'K12' already appears on line 14")
        var unique = SourceSplit(parts: 2, minimumPartBytes: 4096)
        XCTAssertEqual(try compute(path, split: unique).parts["cases"], 1, "a source with a unique check is read in one piece")
        unique.splitsUniqueChecks = true
        let split = try compute(path, split: unique)
        XCTAssertEqual(split, one, "split anyway, the key across the cut sends it back to one piece")
        XCTAssertEqual(split.tallies["cases"], SourceTally(read: 3001, accepted: 3000, rejected: 1))
    }

    func testAKilledRunsUnfinishedRejectedPartsAreSweptUnderTheLock() throws {
        let folder = try GenerateFixture.directory(self)
        try FileManager.default.createDirectory(atPath: folder + "/rejected", withIntermediateDirectories: true)
        for name in [".rescues.csv.partial", ".rescues.csv.part-2-of-2.partial", "rescues.csv"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/rejected/" + name))
        }
        TemporaryFileSweep.sweep(folder: folder)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/rejected"), ["rescues.csv"],
                       "the finished file stays; the parts of a killed run go")
    }

    func testWithoutMeetingRowsTheCutIsKept() throws {
        let path = try handMade(rows(3000), checks: "      - unique: case_id\n      - duplicate: error")
        let one = try compute(path, split: .none)
        let split = try compute(path, split: SourceSplit(parts: 2, minimumPartBytes: 4096, splitsUniqueChecks: true))
        XCTAssertEqual(split.parts["cases"], 2, "no row meets another across the cut: the parts are used")
        XCTAssertEqual(split, one)
        XCTAssertEqual(split.results.first { $0.name == "ids" }?.value, 3000)
    }
}
