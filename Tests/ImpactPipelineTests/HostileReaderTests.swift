import Foundation
import XCTest
import ImpactCore
import ImpactIngest

/// The hostile corpus against the CSV and JSON readers. Big cases are generated
/// into a temporary folder and read by the `impact inspect` binary in a child
/// process, so that time, peak memory and exit status are those a user sees.
final class HostileReaderTests: XCTestCase {
    /// Records and findings, kept.
    struct Sink: RecordSink {
        var records: [[RawValue]] = []
        var findings: [Finding] = []
        mutating func record(_ row: RowBuffer) throws { records.append(row.values()) }
        mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws { findings.append(finding) }
        mutating func finding(_ finding: Finding) throws { findings.append(finding) }
    }

    private func read(_ url: URL, _ format: InputFormat = .auto) throws -> Sink {
        var sink = Sink()
        _ = try SourceReader.read(path: url.path, format: format, into: &sink)
        return sink
    }

    // MARK: through the binary: time, memory, exit status

    func testA100MegabyteFieldStopsAtTheFieldLimitWithItsLine() throws {
        let dir = try Hostile.scratch(self)
        let csv = dir.appendingPathComponent("big-field.csv")
        try Hostile.write(csv, head: "id,note\n1,ok\n2,\"", body: UInt8(ascii: "a"), bodyBytes: 100 << 20, tail: "\"\n")
        let json = dir.appendingPathComponent("big-field.json")
        try Hostile.write(json, head: "[{\"id\": 1},\n{\"note\": \"", body: UInt8(ascii: "a"), bodyBytes: 100 << 20, tail: "\"}]\n")
        for (url, line) in [(csv, 3), (json, 2)] {
            let run = try Hostile.impact(["inspect", url.path], scratch: dir)
            Hostile.assertBounded(run, url.lastPathComponent)
            XCTAssertEqual(run.status, 2, run.stderr)
            XCTAssertTrue(run.stderr.contains("\(url.path):\(line): error: a field is larger than 16777216 bytes"), run.stderr)
        }
    }

    func testAMillionColumnsInTheHeaderIsRefusedAtLineOne() throws {
        let dir = try Hostile.scratch(self)
        let url = dir.appendingPathComponent("wide.csv")
        let header = (1...1_000_000).map { "c\($0)" }.joined(separator: ",")
        try Data((header + "\n" + String(repeating: "1,", count: 999_999) + "1\n").utf8).write(to: url)
        let run = try Hostile.impact(["inspect", url.path], scratch: dir)
        Hostile.assertBounded(run, "a million columns")
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("\(url.path):1: error: the header has more than 100000 fields"), run.stderr)
    }

    func testAMillionFieldsInOneRecordIsAFieldCountFinding() throws {
        let dir = try Hostile.scratch(self)
        let url = dir.appendingPathComponent("wide-row.csv")
        try Data(("a,b\n1,2\n" + String(repeating: "x,", count: 999_999) + "x\n3,4\n").utf8).write(to: url)
        let run = try Hostile.impact(["inspect", "--format", "json", url.path], scratch: dir)
        Hostile.assertBounded(run, "a million fields in a record")
        XCTAssertEqual(run.status, 1)
        let sink = try read(url)
        XCTAssertEqual(sink.records.count, 2, "the records around it are read")
        XCTAssertEqual(sink.findings.map { "\($0.line) \($0.check) \($0.message)" },
                       ["3 csv.field_count expected 2 fields (the header on line 1), found 1000000"])
    }

    /// Every line of a million broken: the findings are counted, the first thousand listed,
    /// and memory stays flat (every finding kept took about 1 GB).
    func testAMillionMalformedLinesAreCountedInBoundedMemory() throws {
        let dir = try Hostile.scratch(self)
        let url = dir.appendingPathComponent("all-broken.csv")
        try Hostile.write(url, head: "a,b\n", body: 0, bodyBytes: 0, tail: String(repeating: "1,2,3\n", count: 1_000_000))
        let run = try Hostile.impact(["inspect", url.path], scratch: dir)
        Hostile.assertBounded(run, "a million malformed lines")
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stdout.contains("findings: 1000000\n"), String(run.stdout.suffix(300)))
        XCTAssertTrue(run.stdout.contains("\(url.path):1001: error: expected 2 fields"), "the first thousand listed")
        XCTAssertFalse(run.stdout.contains("\(url.path):1002: error:"), "and no more")
        XCTAssertTrue(run.stdout.contains("… and 999000 more (the first 1000 shown; --max-findings N shows more)"),
                      String(run.stdout.suffix(300)))
    }

    func testJSONNested100000DeepIsADepthFindingNotAStackOverflow() throws {
        let dir = try Hostile.scratch(self)
        let inRecord = dir.appendingPathComponent("deep.json")
        let depth = 100_000
        try Data(("[{\"id\": 1, \"a\": " + String(repeating: "{\"a\": ", count: depth) + "1"
                  + String(repeating: "}", count: depth) + "},\n{\"id\": 2}]\n").utf8).write(to: inRecord)
        let lists = dir.appendingPathComponent("deep-list.json")
        try Data(("[{\"id\": 1, \"a\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
                  + "},\n" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "]\n").utf8).write(to: lists)
        for url in [inRecord, lists] {
            let run = try Hostile.impact(["inspect", url.path], scratch: dir)
            Hostile.assertBounded(run, url.lastPathComponent)
            XCTAssertEqual(run.status, 1, run.stderr)
        }
        let deep = try read(inRecord)
        XCTAssertEqual(deep.records.count, 1, "the record after the deep one is read")
        XCTAssertEqual(deep.findings.map { "\($0.line) \($0.check)" }, ["1 json.depth"])
        XCTAssertEqual(try read(lists).findings.map { "\($0.line) \($0.check)" }, ["1 json.nested_list", "2 json.syntax"])
    }

    func testA2GigabyteSparseFileIsRefusedAsBinaryInBoundedMemory() throws {
        let dir = try Hostile.scratch(self)
        let bare = dir.appendingPathComponent("sparse.csv")
        try Hostile.sparse(bare, head: "", size: 2 << 30)
        let afterHeader = dir.appendingPathComponent("sparse-after-header.csv")
        try Hostile.sparse(afterHeader, head: "id,note\n", size: 2 << 30)
        let json = dir.appendingPathComponent("sparse.json")
        try Hostile.sparse(json, head: "[", size: 2 << 30)

        let run = try Hostile.impact(["inspect", bare.path], scratch: dir)
        Hostile.assertBounded(run, "2 GB of NUL bytes")
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("\(bare.path): error: the file is binary data (it starts with NUL bytes), not UTF-8"), run.stderr)

        // After a header the NULs are one unquoted field: libcsv buffers it until the field limit.
        let field = try Hostile.impact(["inspect", afterHeader.path], scratch: dir)
        Hostile.assertBounded(field, "a header then 2 GB of NUL bytes")
        XCTAssertEqual(field.status, 2)
        XCTAssertTrue(field.stderr.contains("\(afterHeader.path):2: error: a field is larger than"), field.stderr)

        let inArray = try Hostile.impact(["inspect", json.path], scratch: dir)
        Hostile.assertBounded(inArray, "[ then 2 GB of NUL bytes")
        XCTAssertEqual(inArray.status, 2)
        XCTAssertTrue(inArray.stderr.contains("\(json.path): error: the file is UTF-16LE (no byte-order mark), not UTF-8"), inArray.stderr)
    }

    // MARK: in the reader: exact findings

    func testNULBytesInsideValuesAreKeptWholeAndDoNotShiftFields() throws {
        let dir = try Hostile.scratch(self)
        let url = dir.appendingPathComponent("nul.csv")
        try Data([UInt8]("id,note,n\n1,a".utf8) + [0, 0x62] + [UInt8](",7\n2,\"".utf8) + [0] + [UInt8]("\",8\n".utf8)).write(to: url)
        let sink = try read(url)
        XCTAssertEqual(sink.findings, [])
        XCTAssertEqual(sink.records, [[.text("1"), .text("a\u{0}b"), .text("7")], [.text("2"), .text("\u{0}"), .text("8")]])
    }

    func testOverlongAndTruncatedUTF8AreFindingsAtTheirLineAndField() throws {
        let dir = try Hostile.scratch(self)
        let csv = dir.appendingPathComponent("utf8.csv")
        // C0 AF is an overlong '/'; E2 82 is the start of '€' cut short; ED A0 80 a surrogate.
        try Data([UInt8]("id,name\n1,ok\n2,".utf8) + [0xC0, 0xAF] + [UInt8]("\n3,".utf8) + [0xE2, 0x82]
                 + [UInt8]("\n4,x".utf8) + [0xED, 0xA0, 0x80] + [UInt8]("\n5,fine\n".utf8)).write(to: csv)
        let sink = try read(csv)
        XCTAssertEqual(sink.records.count, 2)
        XCTAssertEqual(sink.findings.map { "\($0.line) \($0.field ?? "-") \($0.check)" },
                       ["3 name encoding.utf8", "4 name encoding.utf8", "5 name encoding.utf8"])
        let json = dir.appendingPathComponent("utf8.jsonl")
        try Data([UInt8]("{\"id\": 1, \"name\": \"".utf8) + [0xC0, 0xAF] + [UInt8]("\"}\n{\"id\": 2, \"name\": \"".utf8)
                 + [0xE2, 0x82] + [UInt8]("\"}\n{\"id\": 3}\n".utf8)).write(to: json)
        let lines = try read(json)
        XCTAssertEqual(lines.records.count, 1)
        XCTAssertEqual(lines.findings.map { "\($0.line) \($0.field ?? "-") \($0.check)" },
                       ["1 name encoding.utf8", "2 name encoding.utf8"])
    }

    func testEveryReaderLimitIsConfigurableAndNamesItsLine() throws {
        let dir = try Hostile.scratch(self)
        let csv = dir.appendingPathComponent("limits.csv")
        try Data("a,b\n1,short\n2,this value is longer than sixteen bytes\n".utf8).write(to: csv)
        var sink = Sink()
        XCTAssertThrowsError(try CSVReader.read(path: csv.path, options: CSVOptions(maxFieldBytes: 16), into: &sink)) {
            XCTAssertEqual($0 as? IngestError, .fieldTooLarge(path: csv.path, line: 3, limit: 16))
        }
        XCTAssertEqual(sink.records.count, 1, "records before the limit were delivered")
        sink = Sink()
        XCTAssertThrowsError(try CSVReader.read(path: csv.path, options: CSVOptions(maxFieldsPerRecord: 1), into: &sink)) {
            XCTAssertEqual($0 as? IngestError, .tooManyFields(path: csv.path, line: 1, limit: 1))
        }
        let json = dir.appendingPathComponent("limits.json")
        try Data("[{\"a\": 1},\n{\"a\": {\"b\": {\"c\": 1}}},\n{\"a\": \"a long string of text\"}]".utf8).write(to: json)
        sink = Sink()
        XCTAssertThrowsError(try JSONReader.read(path: json.path, options: JSONOptions(maxDepth: 2, maxFieldBytes: 8), into: &sink)) {
            XCTAssertEqual($0 as? IngestError, .fieldTooLarge(path: json.path, line: 3, limit: 8))
        }
        XCTAssertEqual(sink.findings.map { "\($0.line) \($0.check) \($0.message)" },
                       ["2 json.depth objects are nested more than 2 deep here"])
    }
}
