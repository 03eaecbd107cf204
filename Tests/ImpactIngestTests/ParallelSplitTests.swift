import Foundation
import XCTest
import ImpactCore
@testable import ImpactIngest

/// The split reader (parts read separately, in file order) must give exactly
/// the one-piece reader's records, malformed rows and findings, lines included.
final class ParallelSplitTests: XCTestCase {
    /// A messy export: BOM, CRLF or LF, quoted commas, doubled quotes and line
    /// breaks, Devanagari and Bengali text, blank lines, empty and missing values,
    /// and records with too many or too few fields. Seeded, so every run is the same.
    static func messyCSV(rows: Int, crlf: Bool, seed: UInt64, strayQuotes: Bool = false) -> [UInt8] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let end = crlf ? "\r\n" : "\n"
        let places = ["Sonagachi", "\"Hotel, Baner\"", "\"a \"\"quoted\"\" name\"", "\"two\(end)lines\"", "रेलवे स्टेशन",
                      "\"সোনাগাছি,\nকলকাতা\"", "", "\"\""]
        var text = "\u{FEFF}person_id,office,date,place" + end
        for n in 1...rows {
            switch next(40) {
            case 0: text += end                                             // a blank line
            case 1: text += "P\(n),Pune,2019-01-0\(1 + next(9)),x,extra" + end  // too many fields
            case 2: text += "P\(n),Pune" + end                               // too few
            case 3 where strayQuotes: text += "P\(n),Pu\"ne,2020-02-02,x" + end  // a stray quote
            default:
                text += "P\(next(rows)),\(["Mumbai", "Pune", "Kolkata"][next(3)]),20\(10 + next(10))-0\(1 + next(9))-1\(next(9)),"
                    + places[next(places.count)] + end
            }
        }
        return Array(text.utf8)
    }

    private func sequential(_ path: String) throws -> CollectingSink {
        try sequentialWithFormat(path).0
    }

    private func sequentialWithFormat(_ path: String) throws -> (CollectingSink, SourceFormat) {
        var sink = CollectingSink()
        let format = try CSVReader.read(path: path, options: CSVOptions(), into: &sink)
        return (sink, format)
    }

    private func split(_ plan: CSVSplitPlan, keep: [Bool]? = nil) throws -> (CollectingSink, [CSVPartOutcome]) {
        var merged = CollectingSink()
        var outcomes: [CSVPartOutcome] = []
        for index in plan.parts.indices {
            var sink = CollectingSink(keep: keep)
            outcomes.append(try CSVSplit.readPart(plan, index: index, into: &sink))
            merged.records += sink.records
            merged.malformed += sink.malformed
            merged.findings += sink.findings
        }
        return (merged, outcomes)
    }

    private func assertSame(_ a: CollectingSink, _ b: CollectingSink, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.records.count, b.records.count, file: file, line: line)
        XCTAssertEqual(a.records, b.records, "records (lines and values) differ", file: file, line: line)
        XCTAssertEqual(a.malformed.map(\.row), b.malformed.map(\.row), file: file, line: line)
        XCTAssertEqual(a.malformed.map(\.finding), b.malformed.map(\.finding), file: file, line: line)
        XCTAssertEqual(a.findings, b.findings, file: file, line: line)
    }

    func testPartsGiveTheOnePieceRecordsAndFindingsLFAndCRLF() throws {
        let dir = try TemporaryDirectory()
        for (crlf, seed) in [(false, UInt64(1)), (true, UInt64(2)), (false, UInt64(3))] {
            let path = try dir.write("messy-\(seed).csv", Self.messyCSV(rows: 3000, crlf: crlf, seed: seed))
            for parts in [2, 3, 7] {
                let plan = try XCTUnwrap(CSVSplit.plan(path: path, options: CSVOptions(), parts: parts, minimumPartBytes: 1024))
                XCTAssertEqual(plan.parts.count, parts, "a \(parts)-part plan")
                XCTAssertEqual(plan.header, ["person_id", "office", "date", "place"])
                let (merged, outcomes) = try split(plan)
                XCTAssertTrue(outcomes.dropLast().allSatisfy(\.clean), "well-formed quoting splits cleanly")
                let (one, oneFormat) = try sequentialWithFormat(path)
                XCTAssertFalse(one.malformed.isEmpty, "the fixture has malformed rows")
                assertSame(merged, one)
                let format = CSVSplit.format(plan, outcomes)
                // The CRLF file also has a bare LF inside a quoted value: mixed, as the one-piece reader says.
                XCTAssertEqual(format.lineEnding, crlf ? .mixed : .lf)
                XCTAssertEqual(format.lineEnding, oneFormat.lineEnding)
                XCTAssertEqual(format.bom, oneFormat.bom)
                XCTAssertEqual(format.bytesRead, oneFormat.bytesRead)
                XCTAssertEqual(format.headerLine, oneFormat.headerLine)
                XCTAssertEqual(format.columns, oneFormat.columns)
                XCTAssertEqual(format.delimiter, oneFormat.delimiter)
            }
        }
    }

    /// Each part tells its sink, before its first record, about how many follow: its
    /// line ends, which add up to the file's (header included) and, in a file with no
    /// record over two lines, are the part's records (+ 1 for the header in the first).
    /// A processor sizes its duplicate table from it.
    func testEachPartIsToldHowManyRecordsFollow() throws {
        let dir = try TemporaryDirectory()
        var text = "id,office\n"
        for k in 0..<5_000 { text += "P\(k),Pune\n" }
        let path = try dir.write("plain.csv", text)
        for parts in [2, 3] {
            let plan = try XCTUnwrap(CSVSplit.plan(path: path, options: CSVOptions(), parts: parts, minimumPartBytes: 1024))
            var hinted = 0
            for index in plan.parts.indices {
                var sink = CollectingSink()
                _ = try CSVSplit.readPart(plan, index: index, into: &sink)
                XCTAssertEqual(sink.expected.count, 1, "one hint, part \(index) of \(parts)")
                XCTAssertEqual(sink.expected.first, sink.records.count + (index == 0 ? 1 : 0), "part \(index) of \(parts)")
                hinted += sink.expected.first ?? 0
            }
            XCTAssertEqual(hinted, 5_001, "the file's line ends, \(parts) parts")
        }
    }

    /// A sink that reads some columns only (`columnsToKeep`) gets the others missing, and
    /// everything else as a sink that keeps them all: the kept values, lines, malformed
    /// rows and findings, a bad byte in a skipped column included; in one piece and in parts.
    func testSkippedColumnsAreMissingAndChangeNothingElse() throws {
        let dir = try TemporaryDirectory()
        var bytes = Self.messyCSV(rows: 3000, crlf: false, seed: 5)
        bytes += Array("P1,Pune,2019-01-01,Sona".utf8) + [0xFF, 0x0A]   // not UTF-8, in the skipped column
        let path = try dir.write("skipped.csv", bytes)
        let keep = [true, true, true, false]
        var all = CollectingSink()
        _ = try CSVReader.read(path: path, options: CSVOptions(), into: &all)
        var some = CollectingSink(keep: keep)
        _ = try CSVReader.read(path: path, options: CSVOptions(), into: &some)
        func withoutPlace(_ row: CollectingSink.Row) -> CollectingSink.Row {
            var row = row
            if row.values.count > 3 { row.values[3] = .missing }
            return row
        }
        XCTAssertTrue(all.records.contains { $0.values.count > 3 && $0.values[3] != .missing }, "places are read when kept")
        XCTAssertEqual(some.records, all.records.map(withoutPlace))
        XCTAssertEqual(some.malformed.map(\.finding), all.malformed.map(\.finding))
        XCTAssertTrue(some.malformed.contains { $0.finding.check == "encoding.utf8" }, "the bad byte is still found")
        XCTAssertEqual(some.findings, all.findings)
        let plan = try XCTUnwrap(CSVSplit.plan(path: path, options: CSVOptions(), parts: 3, minimumPartBytes: 1024))
        let (parts, outcomes) = try split(plan, keep: keep)
        XCTAssertTrue(outcomes.dropLast().allSatisfy(\.clean))
        XCTAssertEqual(parts.records, some.records)
        XCTAssertEqual(parts.malformed.map(\.finding), some.malformed.map(\.finding))
    }

    /// A wide export (150 columns): columns past the 64th that the sink does not keep are
    /// left missing too, the kept ones (before and past 64 and 128) read as before.
    func testSkippedColumnsPastTheSixtyFourthOfAWideExport() throws {
        let dir = try TemporaryDirectory()
        let width = 150
        var text = (0..<width).map { "c\($0)" }.joined(separator: ",") + "\r\n"
        for row in 0..<400 {
            text += (0..<width).map { column in column % 7 == 3 && row % 5 == 0 ? "\"v,\(row)\"" : "r\(row)c\(column)" }
                .joined(separator: ",") + "\r\n"
        }
        let path = try dir.write("wide.csv", Array(text.utf8))
        let kept: Set<Int> = [0, 5, 63, 64, 65, 100, 127, 128, 149]
        let keep = (0..<width).map { kept.contains($0) }
        var all = CollectingSink()
        _ = try CSVReader.read(path: path, options: CSVOptions(), into: &all)
        var some = CollectingSink(keep: keep)
        _ = try CSVReader.read(path: path, options: CSVOptions(), into: &some)
        XCTAssertEqual(all.records.count, 400)
        XCTAssertEqual(some.records.count, 400)
        for (full, trimmed) in zip(all.records, some.records) {
            XCTAssertEqual(trimmed.line, full.line)
            for column in 0..<width {
                let expected: RawValue = kept.contains(column) ? full.values[column] : .missing
                XCTAssertEqual(column < trimmed.values.count ? trimmed.values[column] : .missing, expected,
                               "line \(full.line), column \(column)")
            }
        }
        XCTAssertTrue(all.records.allSatisfy { $0.values[149] != .missing })
    }

    /// A sink that leaves columns out and hashes rows gets, for every row, the hash of
    /// the whole row (`RowHash.of` with every column copied), built as the fields were
    /// read: quoted, empty, missing and trailing missing values, CRLF, quoted line breaks,
    /// and columns past the 64th.
    func testRowsHashedAsReadHashAsTheWholeRow() throws {
        let dir = try TemporaryDirectory()
        var bytes = Self.messyCSV(rows: 2000, crlf: true, seed: 9)
        bytes += Array("P1,Pune,,\r\nP1,Pune,\"\",\r\n".utf8)
        let path = try dir.write("hashed.csv", bytes)
        var all = CollectingSink()
        _ = try CSVReader.read(path: path, options: CSVOptions(), into: &all)
        for keep in [[true, false, true, false], [false, false, false, false], [true, true, true, false]] {
            var some = CollectingSink(keep: keep)
            some.hashes = true
            _ = try CSVReader.read(path: path, options: CSVOptions(), into: &some)
            XCTAssertEqual(some.rowHashes, all.rowHashes, "keep \(keep)")
            XCTAssertEqual(some.records.map(\.line), all.records.map(\.line))
            var unhashed = CollectingSink(keep: keep)
            _ = try CSVReader.read(path: path, options: CSVOptions(), into: &unhashed)
            XCTAssertNotEqual(unhashed.rowHashes, all.rowHashes, "without asking, a row with left-out columns hashes what it holds")
        }
        XCTAssertEqual(Set(all.rowHashes).count, Set(all.records.map(\.values)).count, "rows differing only in \"\" and missing hash apart")

        let width = 150
        var text = (0..<width).map { "c\($0)" }.joined(separator: ",") + "\n"
        for row in 0..<50 { text += (0..<width).map { $0 == 140 ? "r\(row % 7)" : ($0 == 3 && row % 5 == 0 ? "" : "x") }.joined(separator: ",") + "\n" }
        let wide = try dir.write("wide-hashed.csv", Array(text.utf8))
        var full = CollectingSink()
        _ = try CSVReader.read(path: wide, options: CSVOptions(), into: &full)
        var narrow = CollectingSink(keep: (0..<width).map { $0 < 2 })
        narrow.hashes = true
        _ = try CSVReader.read(path: wide, options: CSVOptions(), into: &narrow)
        XCTAssertEqual(narrow.rowHashes, full.rowHashes)
        XCTAssertEqual(Set(narrow.rowHashes).count, Set(full.records.map(\.values)).count, "a value in column 140 alone tells rows apart")
        XCTAssertEqual(Set(narrow.rowHashes).count, 14)
    }

    /// With another delimiter the rows' text for the hash is written with it: a line
    /// without quotes hashed whole (empty fields at its end left out), quoted values
    /// (the delimiter, quotes, line breaks inside) field by field, and both equal to
    /// the hash of the row's values.
    func testRowsHashedAsReadWithOtherDelimiters() throws {
        let dir = try TemporaryDirectory()
        for delimiter in [";", "\t", "|"] {
            var text = ["id", "office", "note"].joined(separator: delimiter) + "\r\n"
            for row in 0..<300 {
                let note = row % 3 == 0 ? "\"a\(delimiter)b\"" : row % 3 == 1 ? "\"say \"\"hi\"\"\nthere\"" : " plain "
                text += ["P\(row % 40)", row % 7 == 0 ? "" : "Pune", row % 11 == 0 ? "" : note].joined(separator: delimiter) + "\r\n"
            }
            text += ["P1", "Pune", "\"x\""].joined(separator: delimiter) + "\r\n" + ["P1", "Pune", "x"].joined(separator: delimiter) + "\r\n"
            let path = try dir.write("delimited.csv", Array(text.utf8))
            var options = CSVOptions()
            options.delimiter = UInt8(ascii: delimiter.unicodeScalars.first!)
            var all = CollectingSink()
            _ = try CSVReader.read(path: path, options: options, into: &all)
            var hashed = CollectingSink(keep: [true, false, true])
            hashed.hashes = true
            _ = try CSVReader.read(path: path, options: options, into: &hashed)
            XCTAssertEqual(hashed.rowHashes, all.rowHashes, "delimiter \(delimiter)")
            XCTAssertEqual(Set(hashed.rowHashes).count, Set(all.records.map(\.values)).count, "delimiter \(delimiter)")
            XCTAssertEqual(hashed.rowHashes.suffix(2).first, hashed.rowHashes.last, "\"x\" and x are one value")
        }
    }

    /// Rows that lengthen along the file (short lines first, long ones last): the cuts
    /// share the rows out by the parts' shares, not the bytes, so that the parts' work is as
    /// planned: halves for two parts; from three parts on, the last parts short (the last
    /// part is read by one core while the other has nothing left of the file).
    func testPartsHoldTheirShareOfRowsWhenRowsLengthen() throws {
        let dir = try TemporaryDirectory()
        var text = "id,note\n"
        for n in 0..<20_000 { text += "P\(n),\(String(repeating: "x", count: n / 400))\n" }
        let path = try dir.write("lengthening.csv", text)
        for parts in [2, 3, 6] {
            let plan = try XCTUnwrap(CSVSplit.plan(path: path, options: CSVOptions(), parts: parts, minimumPartBytes: 1024))
            XCTAssertEqual(plan.parts.count, parts)
            let (merged, _) = try split(plan)
            XCTAssertEqual(merged.records.count, 20_000)
            let starts = plan.parts.map(\.firstLine) + [20_002]
            let rows = (0..<parts).map { starts[$0 + 1] - starts[$0] }
            let ends = LineShares.shareEnds(parts: parts)
            for k in 0..<parts {
                let share = 20_000 * Double(ends[k] - (k > 0 ? ends[k - 1] : 0)) / Double(ends[parts - 1])
                XCTAssertEqual(Double(rows[k]), share, accuracy: 20_000 / Double(parts) / 8,
                               "part \(k) of \(parts): \(rows[k]) rows")
            }
            if parts == 2 {
                XCTAssertEqual(Double(rows[0]), Double(rows[1]), accuracy: 20_000 / 16, "two parts are halves")
            } else {
                XCTAssertLessThan(rows[parts - 1] * 3, rows[0] * 2, "the last of \(parts) parts is short: \(rows)")
            }
        }
    }

    func testStrayQuotesEitherSplitCleanlyAndMatchOrAreCaught() throws {
        let dir = try TemporaryDirectory()
        var caught = 0, matched = 0
        for seed in UInt64(10)..<UInt64(16) {
            let path = try dir.write("stray-\(seed).csv", Self.messyCSV(rows: 2000, crlf: seed % 2 == 0, seed: seed, strayQuotes: true))
            let plan = try XCTUnwrap(CSVSplit.plan(path: path, options: CSVOptions(), parts: 4, minimumPartBytes: 1024))
            let (merged, outcomes) = try split(plan)
            if outcomes.dropLast().allSatisfy(\.clean) {
                assertSame(merged, try sequential(path))
                matched += 1
            } else {
                caught += 1
            }
        }
        XCTAssertEqual(caught + matched, 6)
    }

    /// Every CSV fixture of the reader's quirks (a BOM, CRLF, CR only, quoted line ends,
    /// stray quotes, broken records, other delimiters, invalid UTF-8) and the organisation's
    /// exports, cut into 2 to 5 parts with no minimum size: where the plan cuts the file and
    /// every part before the last ends between records (else the run reads it in one piece),
    /// the parts give the one-piece records, malformed rows and findings, lines included.
    func testEveryCSVFixtureReadInPartsGivesTheOnePieceRows() throws {
        let root = URL(fileURLWithPath: FixtureTests.directory).deletingLastPathComponent()
        let folders = ["ingest", "mumbai", "partner", "invalid"].map { root.appendingPathComponent($0).path }
        var cut = 0
        for folder in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            where [".csv", ".tsv", ".txt"].contains(where: { name.hasSuffix($0) }) {
                let path = folder + "/" + name
                guard let whole = try? sequential(path) else { continue }
                for parts in 2...5 {
                    guard let plan = try CSVSplit.plan(path: path, options: CSVOptions(), parts: parts, minimumPartBytes: 1)
                    else { continue }
                    let (merged, outcomes) = try split(plan)
                    guard outcomes.dropLast().allSatisfy(\.clean) else { continue }
                    cut += 1
                    assertSame(merged, whole)
                    XCTAssertEqual(merged.records.map(\.line), whole.records.map(\.line), "\(name) in \(parts) parts")
                }
            }
        }
        XCTAssertGreaterThan(cut, 20, "the fixtures should be cut, not all read in one piece")
    }

    func testSmallFilesAndPreamblesAreNotSplit() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("small.csv", Self.messyCSV(rows: 50, crlf: false, seed: 4))
        XCTAssertNil(try CSVSplit.plan(path: path, options: CSVOptions(), parts: 2))
        let big = try dir.write("big.csv", Self.messyCSV(rows: 3000, crlf: false, seed: 5))
        XCTAssertNil(try CSVSplit.plan(path: big, options: CSVOptions(preambleLines: 1), parts: 2, minimumPartBytes: 1024))
        XCTAssertNil(try CSVSplit.plan(path: big, options: CSVOptions(), parts: 1, minimumPartBytes: 1024))
    }

    func testByteTallyCountsLinesAsTheReaderDoes() {
        // given bytes, expected (quotes, lines): LF, CRLF once, lone CR, a CRLF split across words.
        let cases: [(String, Int, Int)] = [
            ("a,b\nc,d\n", 0, 2),
            ("a,\"b\"\r\nc\r\n", 2, 2),
            ("a\rb\rc", 0, 2),
            ("1234567\r\n9\n\r\r\n", 0, 4),
            ("\"\"\"\"\"\"\"\"\"", 9, 0),
        ]
        for (text, quotes, lines) in cases {
            var tally = ByteTally()
            Array(text.utf8).withUnsafeBytes { ByteTally.count($0, before: 0, into: &tally) }
            XCTAssertEqual(tally.quotes, quotes, text.debugDescription)
            XCTAssertEqual(tally.lines, lines, text.debugDescription)
        }
        // An LF at the start of a stretch after a CR ending the one before counts once (with the CR).
        var tally = ByteTally()
        Array("\nab".utf8).withUnsafeBytes { ByteTally.count($0, before: 0x0D, into: &tally) }
        XCTAssertEqual(tally.lines, 0)
    }

    func testByteTallyVectorBlocksCountLikeAByteByByteCount() {
        // Long buffers (many 2,048-byte vector blocks): blocks with and without CRs, a CRLF
        // across a block border, quotes, and the bytes one bit away from a quote, LF or CR
        // (`#`, 0x0B, 0x0C, 0x2A...) and at the ends of the range (0x00, 0x7F, 0x80, 0xFF),
        // where a lane test that is off by one would count wrongly; compared with a plain
        // byte loop, several seeds.
        var generator = SystemRandomNumberGenerator()
        // (One group a round: a CR's neighbour miscounted as a CR would only send its block
        // to the exact word loop and hide a quote's or an LF's neighbour miscounted.)
        let neighbours: [[UInt8]] = [[0x23, 0x20, 0x2A], [0x0B, 0x08, 0x1A], [0x0C, 0x0E, 0x05], [0x00, 0x7F, 0x80, 0xA2, 0xFF]]
        for round in 0..<24 {
            let alphabet: [UInt8] = (round % 2 == 0 ? Array("ab,\"\n".utf8) : Array("ab,\"\n\r".utf8))
                + neighbours[(round / 2) % neighbours.count]
            var bytes = (0..<(20_000 + round * 97)).map { _ in alphabet.randomElement(using: &generator) ?? 0x61 }
            if round % 3 == 0 { bytes[2047] = 0x0D; bytes[2048] = 0x0A }
            let before: UInt8 = round % 4 == 1 ? 0x0D : 0
            var quotes = 0, lines = 0
            var previous = before
            for b in bytes {
                if b == 0x22 { quotes += 1 }
                if b == 0x0D || (b == 0x0A && previous != 0x0D) { lines += 1 }
                previous = b
            }
            var tally = ByteTally()
            bytes.withUnsafeBytes { ByteTally.count($0, before: before, into: &tally) }
            XCTAssertEqual(tally.quotes, quotes, "round \(round)")
            XCTAssertEqual(tally.lines, lines, "round \(round)")
        }
    }
}
