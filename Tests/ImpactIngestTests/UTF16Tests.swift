import ImpactCore
@testable import ImpactIngest
import XCTest

/// Excel's "Unicode Text" is UTF-16 with a byte-order mark, tab-delimited, CRLF: read as
/// the characters it holds, whatever the chunk size; a broken unit is a finding at its
/// line and field, never a guess.
final class UTF16Tests: XCTestCase {
    private let text = "Survivor ID\tRescued\tNote\r\nS-1\t04/03/2019\tSão Paulo 👩‍⚕️\r\nS-2\t05/03/2019\t\"two\r\nlines\"\r\n"

    private func utf16(_ text: String, bigEndian: Bool, mark: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        return bytes
    }

    private func read(_ path: String, chunk: Int = 64 * 1024, encoding: TextEncoding = .utf8) throws -> (CollectingSink, SourceFormat) {
        var options = CSVOptions(chunkSize: chunk)
        options.encoding = encoding
        return try collect(path, .csv(options))
    }

    func testEitherByteOrderWithItsMarkIsReadAsItsCharactersWhateverTheChunkSize() throws {
        let dir = try TemporaryDirectory()
        for bigEndian in [false, true] {
            let path = try dir.write("unicode-\(bigEndian).txt", utf16(text, bigEndian: bigEndian))
            // Chunks of 1, 3 and 5 bytes cut code units and the surrogate pair of 👩.
            for chunk in [1, 2, 3, 5, 64 * 1024] {
                let (sink, format) = try read(path, chunk: chunk)
                XCTAssertEqual(format.encoding, bigEndian ? "UTF-16BE" : "UTF-16LE")
                XCTAssertEqual(format.delimiter, #"\t"#)
                XCTAssertEqual(sink.columns, ["Survivor ID", "Rescued", "Note"], "chunk \(chunk)")
                XCTAssertEqual(sink.records.map(\.line), [2, 3], "chunk \(chunk)")
                XCTAssertEqual(sink.records.map(\.values), [
                    [.text("S-1"), .text("04/03/2019"), .text("São Paulo 👩‍⚕️")],
                    [.text("S-2"), .text("05/03/2019"), .text("two\r\nlines")],
                ], "big-endian \(bigEndian), chunk \(chunk)")
                XCTAssertTrue(sink.malformed.isEmpty && sink.findings.isEmpty, "\(sink.findings)")
            }
        }
    }

    func testWithoutAMarkItIsReadWhenNamedAndRefusedWithTheNameToGiveOtherwise() throws {
        let dir = try TemporaryDirectory()
        for bigEndian in [false, true] {
            let path = try dir.write("bare-\(bigEndian).txt", utf16(text, bigEndian: bigEndian, mark: false))
            let (sink, format) = try read(path, encoding: bigEndian ? .utf16be : .utf16le)
            XCTAssertEqual(sink.records.count, 2)
            XCTAssertFalse(format.bom)
            XCTAssertThrowsError(try read(path)) { error in
                XCTAssertTrue("\(error)".contains("encoding: utf-16\(bigEndian ? "be" : "le")"), "\(error)")
            }
        }
    }

    func testAUTF8FileNamedUTF16IsRefusedNotReadAsGarbage() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("plain.csv", "id,note\n1,ok\n")
        XCTAssertThrowsError(try read(path, encoding: .utf16le)) { error in
            XCTAssertEqual(error as? IngestError, .notInNamedEncoding(path: path, encoding: "UTF-16LE"))
            XCTAssertTrue("\(error)".contains("remove the encoding"), "\(error)")
        }
    }

    func testABrokenUnitIsAFindingAtItsLineAndField() throws {
        let dir = try TemporaryDirectory()
        var bytes = utf16("id\tnote\r\n1\tok\r\n2\t", bigEndian: false)
        bytes += [0x00, 0xD8]  // a high surrogate with no low half
        bytes += utf16("x\r\n3\tfine\r\n", bigEndian: false, mark: false)
        bytes += [0x41]  // an odd byte at the end of the file
        let path = try dir.write("broken.txt", bytes)
        for chunk in [1, 3, 64 * 1024] {
            let (sink, _) = try read(path, chunk: chunk)
            XCTAssertEqual(sink.records.map(\.line), [2, 4], "chunk \(chunk)")
            XCTAssertEqual(sink.malformed.first?.finding.check, "encoding.utf8")
            XCTAssertEqual(sink.malformed.first?.finding.line, 3)
            XCTAssertEqual(sink.malformed.first?.finding.field, "note")
            // The odd byte is not dropped: its line is rejected too.
            XCTAssertEqual(sink.malformed.count + sink.findings.count, 2, "\(sink.malformed.map(\.finding)) \(sink.findings)")
        }
    }
}
