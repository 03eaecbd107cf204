import Foundation
import ImpactCore
@testable import ImpactIngest
import XCTest

/// Large fields, limits, and inputs that must not crash the reader.
final class LimitTests: XCTestCase {
    func testOneMegabyteFieldIsReadWholeAndLaterLinesStayRight() throws {
        let dir = try TemporaryDirectory()
        let big = String(repeating: "अ,bc\"\n", count: 1_048_576 / 8)
        let quoted = big.replacingOccurrences(of: "\"", with: "\"\"")
        let path = try dir.write("big.csv", "id,note\n1,\"\(quoted)\"\n2,after\n")
        for chunkSize in [65_536, 1_000] {
            let (sink, _) = try collect(path, .csv(CSVOptions(chunkSize: chunkSize)))
            XCTAssertEqual(sink.records.count, 2)
            XCTAssertEqual(sink.records.first?.values.last, .text(big))
            XCTAssertEqual(big.utf8.count, 1_048_576)
            // The big field spans 131,072 line ends, so record 2 starts on line 131,075.
            XCTAssertEqual(sink.records.last, CollectingSink.Row(line: 131_075, values: [.text("2"), .text("after")]))
        }
    }

    func testFieldOverTheLimitStopsWithAMessageNamingTheLine() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("over.csv", "id,note\n1,ok\n2,\"" + String(repeating: "x", count: 5_000) + "\"\n")
        XCTAssertThrowsError(try collect(path, .csv(CSVOptions(chunkSize: 512, maxFieldBytes: 1_000)))) { error in
            XCTAssertEqual(error as? IngestError, .fieldTooLarge(path: path, line: 3, limit: 1_000))
            XCTAssertTrue("\(error)".contains("\(path):3:"), "\(error)")
        }
        let json = try dir.write("over.jsonl", "{\"a\": \"" + String(repeating: "x", count: 5_000) + "\"}\n")
        XCTAssertThrowsError(try collect(json, .json(JSONOptions(maxFieldBytes: 1_000)))) { error in
            XCTAssertEqual(error as? IngestError, .fieldTooLarge(path: json, line: 1, limit: 1_000))
        }
    }

    func testHeaderWiderThanTheLimitStops() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("wide.csv", (1...50).map { "c\($0)" }.joined(separator: ",") + "\n")
        XCTAssertThrowsError(try collect(path, .csv(CSVOptions(maxFieldsPerRecord: 10)))) { error in
            XCTAssertEqual(error as? IngestError, .tooManyFields(path: path, line: 1, limit: 10))
        }
    }

    func testJSONNestedDeeperThanTheLimitIsMalformedAndReadingGoesOn() throws {
        let dir = try TemporaryDirectory()
        let deep = String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        let path = try dir.write("deep.jsonl", "{\"id\": 1}\n{\"id\": 2, \"x\": \(deep)}\n{\"id\": 3}\n")
        let (sink, _) = try collect(path, .json(JSONOptions(maxDepth: 64)))
        XCTAssertEqual(sink.records.map(\.line), [1, 3])
        XCTAssertEqual(sink.malformed.map { "\($0.finding.line) \($0.finding.check)" }, ["2 json.depth"])
    }

    func testMissingFileAndDirectoryAreErrorsThatSayWhatToDo() throws {
        XCTAssertThrowsError(try collect("/nonexistent/rescues.csv")) { error in
            XCTAssertEqual(error as? IngestError, .fileNotFound(path: "/nonexistent/rescues.csv"))
        }
        let dir = try TemporaryDirectory()
        XCTAssertThrowsError(try collect(dir.path, .csv(CSVOptions()))) { error in
            XCTAssertEqual(error as? IngestError, .notAFile(path: dir.path))
        }
        let utf32 = try dir.write("utf32.csv", [0xFF, 0xFE, 0x00, 0x00, 0x69, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00])
        XCTAssertThrowsError(try collect(utf32)) { error in
            XCTAssertTrue("\(error)".contains("UTF-32"), "\(error)")
        }
    }

    func testRandomBytesNeverCrashAndEveryRecordIsAccounted() throws {
        let dir = try TemporaryDirectory()
        var rng = SplitMix64(seed: 7)
        let alphabet: [UInt8] = Array("a,;\"\n\r{}[]:1 \\".utf8) + [0xFF, 0xE0, 0x80]
        for round in 0..<200 {
            let bytes = (0..<Int(rng.next() % 300)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let csv = try dir.write("r\(round).csv", [UInt8](Array("h1,h2\n".utf8)) + bytes)
            let (sink, _) = try collect(csv, .csv(CSVOptions(delimiter: UInt8(ascii: ","), chunkSize: 7)))
            XCTAssertTrue(sink.records.allSatisfy { $0.line >= 2 }, "round \(round)")
            let json = try dir.write("r\(round).jsonl", bytes)
            _ = try collect(json, .json(JSONOptions(chunkSize: 5)))
            let array = try dir.write("r\(round).json", [UInt8(ascii: "[")] + bytes)
            _ = try collect(array, .json(JSONOptions(chunkSize: 5)))
        }
    }
}

/// A small seeded generator, so random tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
