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

    func testEncodingNames() {
        XCTAssertEqual(TextEncoding(name: "CP1252"), .windows1252)
        XCTAssertEqual(TextEncoding(name: "Windows-1252"), .windows1252)
        XCTAssertEqual(TextEncoding(name: "latin-1"), .latin1)
        XCTAssertEqual(TextEncoding(name: "UTF8"), .utf8)
        XCTAssertNil(TextEncoding(name: "ebcdic"))
    }
}
