import Foundation
import XCTest
import ImpactCore
@testable import ImpactIngest
@testable import ImpactPipeline

/// A JSON Lines file read on several cores (cut at line ends, a reader, mapper
/// and engine per part, merged in file order) must give the one-piece results:
/// the same tables, the same findings at the same lines, the same format report.
final class ParallelJSONLinesTests: XCTestCase {
    typealias QuerySink = ParallelQueryTests.QuerySink

    /// A generated export as JSON Lines made messy by hand: a byte-order mark,
    /// CRLF on some lines, blank lines, an object written over three lines, a
    /// line that is not an object, a line with a syntax error, one with a bad
    /// type, escapes, and (with `lateKey`) a key met only in the second half.
    static func messyFile(_ test: XCTestCase, lateKey: Bool = false) throws -> String {
        let (dir, _) = try GenerateFixture.generate(test, GenerateOptions(rows: 6000, seed: 44, messy: true,
                                                                         jsonLines: true, sources: [.rescues]))
        let path = dir + "/spliced.jsonl"
        try mess(GenerateFixture.read(dir, "rescues.jsonl"), lateKey: lateKey).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `data` (JSON Lines, one object a line) made messy as `messyFile` says.
    static func mess(_ data: Data, lateKey: Bool) -> Data {
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for k in stride(from: 7, to: lines.count, by: 11) { lines[k] += "\r" }   // CRLF here and there
        for k in stride(from: 13, to: lines.count, by: 97) { lines[k] += "\n" }  // blank lines
        lines.insert("""
            {"person_id":"P9001","case_id":"C9001","office":"Pune",
              "date":"2019-02-03",
              "age":14,"name":"R\\u00e4ni \\"Rani\\" \\ud83d\\ude00"}
            """, at: 40)
        lines.insert("[\"not\", \"an\", \"object\"]", at: 60)
        lines.insert("{\"person_id\":\"P9002\",\"office\":\"Pune\",\"date\":\"2019-02-03\",\"age\":14} x", at: 61)
        lines.insert("{\"person_id\":\"P9003\",\"office\":\"Pune\",\"date\":\"someday\",\"age\":\"fourteen\"}", at: 62)
        // A list holding an object, in a mapped field, early and late: warned about once per file.
        for k in [30, lines.count * 2 / 3] {
            lines[k] = lines[k].replacingOccurrences(of: "\"place\":\"", with: "\"place\":[{\"room\":3},\"")
            lines[k] = lines[k].replacingOccurrences(of: "\",\"name\"", with: "\"],\"name\"")
        }
        // Python's NaN for a missing age, early and late: warned about once per file too.
        for k in [35, lines.count * 5 / 6] {
            lines[k] = lines[k].replacing(#/"age":\d+/#, with: "\"age\":NaN")
        }
        if lateKey {
            let k = lines.count * 3 / 4
            lines[k] = String(lines[k].dropLast()) + ",\"note\":\"met late\"}"
        }
        return Data([0xEF, 0xBB, 0xBF] + Array(lines.joined(separator: "\n").utf8) + [0x0A])
    }

    private func sequential(_ path: String) throws -> (QuerySink, SourceFormat) {
        var sink = try QuerySink(ParallelQueryTests.definition(path), path: path)
        let format = try JSONReader.read(path: path, options: JSONOptions(), into: &sink)
        return (sink, format)
    }

    private func parallel(_ path: String, parts: Int, minimumPartBytes: Int = 4096) throws -> (QuerySink, SourceFormat, Int) {
        let template = try QuerySink(ParallelQueryTests.definition(path), path: path).sharingDistinctKeys()
        let outcome = try ParallelReader.read(path: path, format: .json(JSONOptions()), parts: parts,
                                              minimumPartBytes: minimumPartBytes) { _, _ in template }
        var merged = try XCTUnwrap(outcome.sinks.first)
        for sink in outcome.sinks.dropFirst() { merged.merge(sink) }
        // As the real merges do: leave out what a part repeated of an earlier one.
        merged.findings = merged.findings.filter { text in
            !outcome.repeated.joined().contains { "\($0.line) \($0.check) \($0.message)" == text }
        }
        return (merged, outcome.format, outcome.parts)
    }

    func testBothCoresGiveTheOneCoreResultsOnMessyJSONLines() throws {
        for lateKey in [false, true] {
            let path = try Self.messyFile(self, lateKey: lateKey)
            let (one, format) = try sequential(path)
            // Array index 60 is physical line 64: one blank line before it, and the object over three lines.
            XCTAssertTrue(one.findings.contains { $0.hasPrefix("64 json.syntax the line does not hold") }, "not an object")
            XCTAssertTrue(one.findings.contains { $0.hasPrefix("65 json.syntax there is more after") }, "text after an object")
            XCTAssertTrue(one.findings.contains { $0.hasPrefix("66 ") && $0.hasSuffix(" date") }, "the bad date")
            XCTAssertFalse(one.findings.contains { $0.hasPrefix("42 ") || $0.hasPrefix("43 ") || $0.hasPrefix("44 ") },
                           "the object over three lines reads: \(one.findings.prefix(5))")
            XCTAssertEqual(format.columns.contains("note"), lateKey)
            XCTAssertEqual(one.findings.filter { $0.contains("json.nested_list") }.count, 1, "the nested list, warned about once")
            XCTAssertEqual(format.lineEnding, .mixed)
            XCTAssertTrue(format.bom)
            XCTAssertGreaterThan(one.byYearOffice.table().rows.count, 20)
            for parts in [2, 3, 5] {
                let label = "\(parts) parts, late key \(lateKey)"
                let (split, splitFormat, used) = try parallel(path, parts: parts)
                XCTAssertEqual(used, parts, "the file was split, \(label)")
                XCTAssertEqual(split.byYearOffice.table(), one.byYearOffice.table(), "year x office counts and mean age, \(label)")
                XCTAssertEqual(split.distinctByOffice.table(), one.distinctByOffice.table(), "distinct persons and median age, \(label)")
                XCTAssertEqual(split.findings, one.findings, "findings, lines and order, \(label)")
                XCTAssertEqual(splitFormat, format, "what the reader reports (columns, line ends, BOM, bytes), \(label)")
            }
        }
    }

    func testTheQuerysMergeGivesEachFileFindingAsOnePieceDoes() throws {
        let path = try Self.messyFile(self)
        let definition = try ParallelQueryTests.definition(path)
        let asOf = try XCTUnwrap(Day(year: 2026, month: 1, day: 1))
        let engine = try QueryEngine(QuerySpec(aggregates: [.count, .countDistinct("person_id")], by: "office", filter: nil),
                                     schema: definition.schema)
        func query(parts: Int) throws -> (QueryTable, SourceReport, Int) {
            let shared = engine.sharingDistinctKeys()
            let outcome = try ParallelReader.read(path: path, format: .json(JSONOptions()), parts: parts, minimumPartBytes: 4096) { _, n in
                QueryPartSink(definition: definition, file: path, asOf: asOf, engine: n > 1 ? shared : engine)
            }
            let (merged, report) = try XCTUnwrap(QueryPartSink.merged(outcome.sinks, format: outcome.format,
                                                                      repeated: outcome.repeated, path: path))
            return (merged.table(), report, outcome.parts)
        }
        let (table, report, _) = try query(parts: 1)
        XCTAssertEqual(report.fileFindings.map(\.check), ["json.nested_list", "json.not_a_number"], "one warning each for the file")
        for parts in [2, 3] {
            let (splitTable, splitReport, used) = try query(parts: parts)
            XCTAssertEqual(used, parts)
            XCTAssertEqual(splitTable, table, "\(parts) parts")
            XCTAssertEqual(splitReport.fileFindings, report.fileFindings, "\(parts) parts")
            XCTAssertEqual(splitReport.tally, report.tally, "\(parts) parts")
            XCTAssertEqual(splitReport.droppedColumns, report.droppedColumns, "\(parts) parts")
            XCTAssertEqual(splitReport.format, report.format, "\(parts) parts")
        }
    }

    func testAPartEndsCleanOnlyBetweenRecords() throws {
        let dir = try GenerateFixture.directory(self)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let records = "{\"a\":1}\n{\"a\":2,\n \"b\":3}\n{\"a\":4}\n"
        let path = dir + "/cut.jsonl"
        try Data(records.utf8).write(to: URL(fileURLWithPath: path))
        let size = records.utf8.count
        let lineEnds = records.utf8.enumerated().filter { $0.element == 0x0A }.map { $0.offset + 1 }
        func firstPart(cut: Int, line: Int) throws -> JSONPartOutcome {
            let plan = JSONLinesSplitPlan(path: path, options: JSONOptions(), bom: false,
                                          parts: [FilePart(range: 0..<cut, firstLine: 1), FilePart(range: cut..<size, firstLine: line)])
            var sink = DiscardingSink()
            return try JSONLinesSplit.readPart(plan, index: 0, into: &sink)
        }
        XCTAssertTrue(try firstPart(cut: lineEnds[0], line: 2).clean, "cut after the first record")
        XCTAssertFalse(try firstPart(cut: lineEnds[1], line: 3).clean, "cut inside the object written over two lines")
        XCTAssertTrue(try firstPart(cut: lineEnds[2], line: 4).clean, "cut after the two-line object")
        // The reader as a whole: every cut inside the object sends the file back to one piece.
        let (one, format) = try sequential(path)
        XCTAssertEqual(format.columns, ["a", "b"])
        XCTAssertEqual(one.findings.filter { $0.contains("json") }, [])
    }

    func testAnObjectOverTheCutIsReadInOnePiece() throws {
        // Every record written over two lines: half the line feeds are inside an object.
        let dir = try GenerateFixture.directory(self)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var text = ""
        for n in 0..<3000 {
            text += "{\"person_id\":\"P\(n % 700)\",\"office\":\"\(["Pune", "Agra"][n % 2])\",\n"
                + " \"date\":\"201\(n % 10)-0\(1 + n % 9)-15\",\"age\":\(n % 40)}\n"
        }
        let path = dir + "/pretty.jsonl"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let (one, _) = try sequential(path)
        XCTAssertEqual(one.findings, [], "the one-piece reader reads every object")
        var usedCounts: [Int] = []
        for parts in [2, 3, 4, 5, 6, 7] {
            let (split, _, used) = try parallel(path, parts: parts)
            usedCounts.append(used)
            XCTAssertEqual(split.byYearOffice.table(), one.byYearOffice.table(), "\(parts) parts")
            XCTAssertEqual(split.distinctByOffice.table(), one.distinctByOffice.table(), "\(parts) parts")
            XCTAssertEqual(split.findings, one.findings, "\(parts) parts")
        }
        XCTAssertTrue(usedCounts.contains(1), "some cut fell inside an object and the file was read in one piece: \(usedCounts)")
    }

    func testAJSONArrayIsNotSplit() throws {
        let dir = try GenerateFixture.directory(self)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/array.json"
        let objects = (0..<2000).map { "{\"person_id\":\"P\($0)\",\"office\":\"Pune\",\"date\":\"2015-01-01\",\"age\":3}" }
        try Data(("[\n" + objects.joined(separator: ",\n") + "\n]\n").utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertNil(try JSONLinesSplit.plan(path: path, options: JSONOptions(), parts: 2, minimumPartBytes: 4096))
        let (split, format, used) = try parallel(path, parts: 2)
        XCTAssertEqual(used, 1)
        XCTAssertEqual(format.kind, .jsonArray)
        XCTAssertEqual(split.byYearOffice.table().rows, [["2015", "Pune", "2000", "3"]])
    }

    func testRandomJSONLinesFilesReadAlikeWhateverTheCuts() throws {
        // Random files: LF, CRLF and lone CR line ends, blank lines, objects over two lines,
        // lines that are not objects, text after an object, nested lists, escapes. Whatever
        // the cuts, split or sent back to one piece, the results are the one-piece ones.
        var rng = SplitMix64(seed: 31_337)
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + rng.below(range.count) }
        let dir = try GenerateFixture.directory(self)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var splitReads = 0
        for trial in 0..<60 {
            var text = ""
            let ends = ["\n", "\r\n", "\r"]
            for n in 0..<int(200...700) {
                let end = ends[int(0...9) == 0 ? int(0...2) : 0]
                let person = "\"person_id\":\"P\(int(0...150))\""
                let office = "\"office\":\"\(["Pune", "Agra", "D\\u00e9lhi", "Kochi"][int(0...3)])\""
                let date = "\"date\":\"20\(10 + int(0...9))-0\(1 + int(0...8))-1\(int(0...8))\""
                let age = "\"age\":\(int(0...70))"
                switch int(0...19) {
                case 0: text += end
                case 1: text += "{\(person),\(office)," + end + " \(date),\(age)}" + end
                case 2: text += "[\"not an object\", \(n)]" + end
                case 3: text += "{\(person),\(office)} trailing" + end
                case 4: text += "{\(person),\(office),\(date),\"age\":[{\"x\":1},\(n)]}" + end
                default: text += "{\(person),\(office),\(date),\(age)}" + end
                }
            }
            let path = dir + "/random-\(trial).jsonl"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let (one, format) = try sequential(path)
            for parts in [2, 3, 5] {
                let (merged, splitFormat, used) = try parallel(path, parts: parts, minimumPartBytes: 2048)
                if used > 1 { splitReads += 1 }
                let label = "trial \(trial), \(parts) parts (\(used) used)"
                XCTAssertEqual(merged.byYearOffice.table(), one.byYearOffice.table(), label)
                XCTAssertEqual(merged.distinctByOffice.table(), one.distinctByOffice.table(), label)
                XCTAssertEqual(merged.findings, one.findings, label)
                XCTAssertEqual(splitFormat, format, label)
            }
        }
        XCTAssertGreaterThan(splitReads, 60, "many of the reads were split")
    }
}
