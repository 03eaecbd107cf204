import Foundation
import ImpactCore
import ImpactIngest
import XCTest

/// Generated CSV, read by our reader and by Python's csv module, record for record.
final class DifferentialTests: XCTestCase {
    private static let pieces = ["a", "Mumbai", " spaced ", "", "1,5", "say \"hi\"", "two\nlines", "crlf\r\nend",
                                 "सीता", "রহিমা", "Ștefana", "😀", ";", "|", "\t", "x\"", "\"", ",", "\r\n"]

    private func field(_ rng: inout SplitMix64) -> (text: String, csv: String) {
        let count = Int(rng.next() % 3)
        let text = (0..<count).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined()
        let mustQuote = text.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) || text.isEmpty
        if mustQuote || rng.next() % 4 == 0 {
            return (text, "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        }
        return (text, text)
    }

    func testRecordsEqualPythonCSVModule() throws {
        let python = "/usr/bin/env"
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = ["python3", "-c", "import csv, json"]
        probe.standardError = FileHandle.nullDevice
        do { try probe.run(); probe.waitUntilExit() } catch { throw XCTSkip("python3 is not installed: differential test skipped") }
        guard probe.terminationStatus == 0 else { throw XCTSkip("python3 with csv and json is not available: skipped") }

        let dir = try TemporaryDirectory()
        var rng = SplitMix64(seed: 2024)
        for round in 0..<20 {
            let columns = 2 + Int(rng.next() % 5)
            var lines: [String] = [(1...columns).map { "c\($0)" }.joined(separator: ",")]
            for _ in 0..<(50 + Int(rng.next() % 100)) {
                lines.append((0..<columns).map { _ in field(&rng).csv }.joined(separator: ","))
            }
            let ending = round % 2 == 0 ? "\n" : "\r\n"
            let path = try dir.write("gen\(round).csv", lines.joined(separator: ending) + (round % 3 == 0 ? "" : ending))

            let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                rows = [r for r in csv.reader(f, strict=True) if r]
            json.dump(rows, sys.stdout)
            """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["python3", "-c", script, path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            let theirs = try XCTUnwrap(JSONSerialization.jsonObject(with: output) as? [[String]])

            let (sink, format) = try collect(path, .csv(CSVOptions(chunkSize: 97)))
            XCTAssertTrue(sink.malformed.isEmpty && sink.findings.isEmpty,
                          "round \(round): \((sink.findings + sink.malformed.map(\.finding)).first?.description ?? "")")
            let ours = [format.columns] + sink.records.map { row in row.values.map { $0.text ?? "" } }
            XCTAssertEqual(ours.count, theirs.count, "round \(round)")
            for (index, pair) in zip(ours, theirs).enumerated() where pair.0 != pair.1 {
                XCTFail("round \(round), record \(index): ours \(pair.0) theirs \(pair.1)")
                break
            }
        }
    }
}
