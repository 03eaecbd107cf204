import ImpactCore
@testable import ImpactIngest
import XCTest

/// Exports saved by Excel on Windows are Windows-1252: named, they are read as
/// the characters they hold; unnamed, their rows are UTF-8 findings with advice.
final class EncodingTests: XCTestCase {
    // "id;note\n1;José paid 5€ – ‘ok’\n" in Windows-1252.
    private let bytes: [UInt8] = Array("id;note\n1;Jos".utf8) + [0xE9] + Array(" paid 5".utf8) + [0x80, 0x20, 0x96, 0x20, 0x91]
        + Array("ok".utf8) + [0x92, 0x0A]

    func testAWindows1252ExportIsReadAsItsCharactersWhateverTheChunkSize() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("cp1252.csv", bytes)
        for chunk in [1, 3, 64 * 1024] {
            var options = CSVOptions(delimiter: UInt8(ascii: ";"), chunkSize: chunk)
            options.encoding = .windows1252
            var sink = CollectingSink()
            _ = try SourceReader.read(path: path, format: .csv(options), into: &sink)
            XCTAssertEqual(sink.records.map(\.values), [[.text("1"), .text("José paid 5€ – ‘ok’")]], "chunk \(chunk)")
            XCTAssertTrue(sink.malformed.isEmpty)
        }
    }

    func testUnnamedItIsAUTF8FindingThatSaysHowToNameTheEncoding() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("cp1252.csv", bytes)
        var sink = CollectingSink()
        _ = try SourceReader.read(path: path, format: .csv(CSVOptions(delimiter: UInt8(ascii: ";"))), into: &sink)
        XCTAssertEqual(sink.malformed.map(\.finding.check), ["encoding.utf8"])
        XCTAssertTrue(sink.malformed.first?.finding.hint?.contains("encoding: windows-1252") ?? false)
    }

    /// The validator against the standard library's, on long ASCII runs around
    /// characters of two to four bytes, broken sequences, overlongs and surrogates.
    func testUTF8CheckAgreesWithTheStandardLibrary() {
        var state: UInt64 = 99
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let pieces: [[UInt8]] = [Array("é".utf8), Array("স".utf8), Array("€".utf8), Array("😀".utf8),
                                 [0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF]]
        for round in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + next(6)) {
                bytes += Array(repeating: UInt8(ascii: "a"), count: next(20))
                if next(3) > 0 { bytes += pieces[next(round % 2 == 0 ? 4 : pieces.count)] }
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            XCTAssertEqual(UTF8Check.isValid(bytes), expected, "\(bytes)")
        }
    }

    /// A line with valid non-ASCII text in one field and a broken byte in another: the
    /// finding names the broken field, not the first non-ASCII one.
    func testTheBrokenFieldIsNamedOnALineWithOtherNonASCIIText() throws {
        let dir = try TemporaryDirectory()
        let bytes = Array("id,name,note,place\n1,সোনাগাছি,ok,Pune\n2,Jos".utf8) + [0xE9] + Array(",fine,Pune\n3,অ,x,".utf8)
            + [0xFF] + Array("\n".utf8)
        let path = try dir.write("mixed.csv", bytes)
        var sink = CollectingSink()
        _ = try SourceReader.read(path: path, format: .csv(CSVOptions()), into: &sink)
        XCTAssertEqual(sink.records.map(\.line), [2])
        XCTAssertEqual(sink.malformed.map(\.finding.check), ["encoding.utf8", "encoding.utf8"])
        XCTAssertEqual(sink.malformed.map(\.finding.field), ["name", "place"])
        XCTAssertEqual(sink.malformed.map(\.finding.line), [3, 4])
    }

    func testEncodingNames() {
        XCTAssertEqual(TextEncoding(name: "CP1252"), .windows1252)
        XCTAssertEqual(TextEncoding(name: "Windows-1252"), .windows1252)
        XCTAssertEqual(TextEncoding(name: "latin-1"), .latin1)
        XCTAssertEqual(TextEncoding(name: "UTF8"), .utf8)
        XCTAssertNil(TextEncoding(name: "ebcdic"))
    }
}
