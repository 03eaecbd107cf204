import Foundation
import XCTest
@testable import ImpactPipeline

final class GenerateMessyTests: XCTestCase {
    func testMessyCSVStillParsesAsRFC4180() throws {
        let (path, summary) = try GenerateFixture.generate(self, GenerateOptions(rows: 5000, seed: 8, messy: true))
        for file in summary.files {
            let data = try GenerateFixture.read(path, file.name)
            XCTAssert(data.starts(with: [0xEF, 0xBB, 0xBF]), "\(file.name) starts with a BOM")
            let parsed = RFC4180(data)
            XCTAssertNil(parsed.error, file.name)
            XCTAssert(parsed.everyLineEndIsCRLF, "\(file.name) ends its records with CRLF")
            XCTAssertEqual(parsed.records.count - 1, file.rows, file.name)
            let width = parsed.records[0].count
            XCTAssert(parsed.records.allSatisfy { $0.count == width }, "\(file.name): every record has \(width) fields")
        }
        let rescues = RFC4180(try GenerateFixture.read(path, "rescues.csv")).records
        XCTAssertEqual(rescues[0].last, "name")
        let places = rescues.dropFirst().map { $0[8] }
        XCTAssert(places.contains { $0.contains("\n") }, "a place with a line break")
        XCTAssert(places.contains { $0.contains(",") }, "a place with a comma")
        XCTAssert(places.contains { $0.contains("\"") }, "a place with a quote")
        let names = rescues.dropFirst().map { $0[9] }
        XCTAssert(names.contains { $0.unicodeScalars.contains { (0x0980...0x09FF).contains($0.value) } }, "Bengali")
        XCTAssert(names.contains { $0.unicodeScalars.contains { (0x0900...0x097F).contains($0.value) } }, "Devanagari")
        XCTAssert(names.contains { $0.contains(", ") }, "a name written 'Family, Given'")
        let sessions = RFC4180(try GenerateFixture.read(path, "trainings.csv")).records.dropFirst()
        XCTAssert(sessions.contains { $0[4].contains(",") }, "a count written with a thousands separator")
    }

    /// Python's csv module, where python3 is installed, reads the same records.
    func testPythonCSVReadsTheSameRecords() throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("python3 is not installed")
        }
        let (path, _) = try GenerateFixture.generate(self, GenerateOptions(rows: 3000, seed: 4, messy: true, sources: [.rescues]))
        let file = path + "/rescues.csv"
        let script = """
            import csv, sys
            with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
                rows = list(csv.reader(f, strict=True))
            print(len(rows), min(map(len, rows)), max(map(len, rows)), sum("\\n" in r[8] for r in rows))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let ours = RFC4180(try GenerateFixture.read(path, "rescues.csv")).records
        let breaks = ours.filter { $0[8].contains("\n") }.count
        XCTAssertEqual(output.trimmingCharacters(in: .whitespacesAndNewlines), "\(ours.count) 10 10 \(breaks)")
    }

    func testMessyJSONLinesEscapeLineBreaksAndQuotes() throws {
        let (path, _) = try GenerateFixture.generate(self, GenerateOptions(rows: 3000, seed: 8, messy: true, jsonLines: true, sources: [.rescues]))
        let csv = RFC4180(try GenerateFixture.read(path, "rescues.csv")).records.dropFirst()
        let lines = try GenerateFixture.read(path, "rescues.jsonl").split(separator: 0x0A)
        XCTAssertEqual(lines.count, csv.count, "one line per record: no raw line break inside a value")
        for (row, line) in zip(csv, lines) {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            XCTAssertEqual(object["place"] as? String, row[8])
            XCTAssertEqual(object["name"] as? String, row[9])
        }
    }
}
