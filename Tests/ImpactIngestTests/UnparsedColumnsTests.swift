import Foundation
import XCTest
import ImpactCore
import ImpactIngest

/// When a sink reads only some columns, the reader has libcsv parse a plain line's runs of
/// read columns only and counts the rest by their delimiters; columns the sink keeps but
/// does not read in every row are parsed when it asks. What the sink sees must be what it
/// sees when every column is parsed: the same records and rejections on the same lines,
/// the same values in the columns it keeps, the same field counts and blank tests, the
/// same findings.
final class UnparsedColumnsTests: XCTestCase {
    struct Seen: Equatable {
        var line: Int
        var fieldCount: Int
        var blank: Bool
        var values: [RawValue]
        var check: String?
    }

    struct Sink: RecordSink {
        /// The columns kept (nil: all) and, of those, read in every row (nil: all kept):
        /// the others are asked for in every record (`readUnparsedColumns`).
        var keep: [Bool]?
        var everyRow: [Bool]?
        var seen: [Seen] = []
        var findings: [String] = []
        func columnsToKeep(_ columns: ColumnTable) -> [Bool]? { keep }
        func columnsReadInEveryRow(_ columns: ColumnTable) -> [Bool]? { everyRow }
        mutating func record(_ row: RowBuffer) throws {
            if everyRow != nil { row.readUnparsedColumns() }
            seen.append(Seen(line: row.line, fieldCount: row.fieldCount, blank: row.isBlank,
                             values: Self.kept(row.values(), keep), check: nil))
        }
        mutating func malformed(_ row: RowBuffer, _ finding: Finding) throws {
            seen.append(Seen(line: row.line, fieldCount: row.fieldCount, blank: false,
                             values: Self.kept(row.values(), keep), check: finding.check + ": " + finding.message))
        }
        mutating func finding(_ finding: Finding) throws { findings.append(finding.description) }

        static func kept(_ values: [RawValue], _ keep: [Bool]?) -> [RawValue] {
            values.indices.filter { index in keep.map { index < $0.count && $0[index] } ?? true }.map { values[$0] }
        }
    }

    private func read(_ path: String, keep: [Bool]?, everyRow: [Bool]? = nil, chunkSize: Int,
                      maxFieldBytes: Int = 1 << 20) throws -> Sink {
        var sink = Sink(keep: keep, everyRow: everyRow)
        let options = CSVOptions(chunkSize: chunkSize, maxFieldBytes: maxFieldBytes)
        _ = try SourceReader.read(path: path, format: .csv(options), into: &sink)
        return sink
    }

    private func read(_ path: String, reading: Int, of columns: Int, chunkSize: Int,
                      maxFieldBytes: Int = 1 << 20) throws -> Sink {
        try read(path, keep: reading >= columns ? nil : (0..<columns).map { $0 < reading }, chunkSize: chunkSize,
                 maxFieldBytes: maxFieldBytes)
    }

    /// Field texts chosen for what a cut could get wrong: spaces and tabs at a value's
    /// edges (libcsv's trimming), empty and only-space values, quotes (which stop a cut),
    /// a delimiter inside quotes, bytes that are not UTF-8, non-ASCII text, long values.
    private static let pieces: [[UInt8]] = [
        Array("Mumbai".utf8), Array(" x".utf8), Array("y ".utf8), Array("\tz".utf8), Array("".utf8),
        Array("  ".utf8), Array("\"q,r\"".utf8), Array("a\"b".utf8), [0xFF, 0x41], Array("सीता".utf8),
        Array("2010-11-24".utf8), Array(String(repeating: "L", count: 40).utf8), Array("P1".utf8),
    ]

    func testCountingTheUnreadColumnsChangesNothingTheSinkSees() throws {
        let dir = try TemporaryDirectory()
        var rng = SplitMix64(seed: 77)
        for round in 0..<24 {
            let columns = 3 + Int(rng.next() % 5)
            // Comma, semicolon and tab files; LF, CRLF and lone CR line ends.
            let delimiter: UInt8 = [0x2C, 0x3B, 0x09][round % 3]
            var bytes = Array((1...columns).map { "c\($0)" }.joined(separator: String(UnicodeScalar(delimiter))).utf8)
            let ending: [UInt8] = [[0x0A], [0x0D, 0x0A], [0x0D], [0x0A]][round % 4]
            for _ in 0..<(60 + Int(rng.next() % 60)) {
                bytes += ending
                // Mostly the header's number of fields; now and then one more or one fewer,
                // an empty line or a line of spaces.
                let roll = rng.next() % 20
                if roll == 0 { continue }
                if roll == 1 { bytes += Array("   ".utf8); continue }
                let count = roll == 2 ? columns + 1 : roll == 3 ? columns - 1 : columns
                var fields: [[UInt8]] = []
                for _ in 0..<count {
                    // Most values plain, as in a real export, so that most lines are cut.
                    let plain = rng.next() % 4 != 0
                    fields.append(plain ? Self.pieces[[0, 10, 12][Int(rng.next() % 3)]]
                                        : Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))])
                }
                if roll == 4 { fields = Array(repeating: [], count: columns) }
                bytes += Array(fields.joined(separator: [delimiter]))
            }
            if round % 2 == 0 { bytes += ending }
            let path = try dir.write("tail\(round).csv", bytes)
            // The first k columns; scattered columns (runs with gaps between them); every column
            // kept but only some read in every row, the others asked for in every record.
            var masks: [(keep: [Bool]?, everyRow: [Bool]?)] = (0..<columns).map { k in ((0..<columns).map { $0 < k }, nil) }
            for _ in 0..<4 { masks.append(((0..<columns).map { _ in rng.next() % 2 == 0 }, nil)) }
            for _ in 0..<3 { masks.append((nil, (0..<columns).map { _ in rng.next() % 3 == 0 })) }
            for chunkSize in [13, 64 * 1024] {
                let all = try read(path, keep: nil, chunkSize: chunkSize)
                XCTAssertGreaterThan(all.seen.filter { $0.check == nil && $0.fieldCount == columns }.count, 30,
                                     "round \(round): records read with the header's fields (the delimiter found)")
                for mask in masks {
                    let label = "round \(round), chunk \(chunkSize), keep \(String(describing: mask.keep)), every row \(String(describing: mask.everyRow))"
                    let some = try read(path, keep: mask.keep, everyRow: mask.everyRow, chunkSize: chunkSize)
                    XCTAssertEqual(some.findings, all.findings, label)
                    XCTAssertEqual(some.seen.count, all.seen.count, label)
                    for (ours, whole) in zip(some.seen, all.seen) where ours != Seen(
                        line: whole.line, fieldCount: whole.fieldCount, blank: whole.blank,
                        values: Sink.kept(whole.values, mask.keep), check: whole.check) {
                        XCTFail("\(label): \(ours) against \(whole)")
                        break
                    }
                }
            }
        }
    }

    /// An unread field over the field limit stops the read as a read field would.
    func testAnOverLongUnreadFieldIsStillFound() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("long.csv", "id,place,note\nP1,Pune,short\nP2,Pune,\(String(repeating: "n", count: 300))\n")
        for reading in [1, 3] {
            XCTAssertThrowsError(try read(path, reading: reading, of: 3, chunkSize: 64 * 1024, maxFieldBytes: 100),
                                 "reading \(reading) columns") { error in
                XCTAssertTrue("\(error)".contains("long.csv:3:"), "\(error)")
            }
        }
    }

    /// A field that is not UTF-8 after the last column read still rejects its row.
    func testBadUTF8InAnUnreadColumnStillRejectsTheRow() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("utf8.csv", Array("id,place,note\nP1,Pune,ok\nP2,Pune,".utf8) + [0xFF] + Array("\n".utf8))
        let some = try read(path, reading: 1, of: 3, chunkSize: 64 * 1024)
        XCTAssertEqual(some.seen.map(\.line), [2, 3])
        XCTAssertEqual(some.seen.last?.check?.hasPrefix("encoding.utf8"), true)
    }
}
