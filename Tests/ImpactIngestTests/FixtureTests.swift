import Foundation
import ImpactCore
import ImpactIngest
import XCTest

/// Reads every file in fixtures/ingest and compares it with its `.expected.json`.
final class FixtureTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/ingest").path

    private func expectedValue(_ json: Any) -> RawValue {
        if let text = json as? String { return .text(text) }
        if let list = json as? [String] { return .list(list) }
        return .missing
    }

    private func expectedRows(_ json: Any?) -> [CollectingSink.Row] {
        ((json as? [[String: Any]]) ?? []).map { item in
            CollectingSink.Row(line: item["line"] as? Int ?? -1,
                               values: ((item["values"] as? [Any]) ?? []).map(expectedValue))
        }
    }

    func testEveryFixtureReadsAsExpected() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory)
            .filter { !$0.hasSuffix(".expected.json") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 20, "the fixtures folder should hold one file per quirk")
        for name in names {
            let path = Self.directory + "/" + name
            let expectedData = try Data(contentsOf: URL(fileURLWithPath: path + ".expected.json"))
            let expected = try XCTUnwrap(JSONSerialization.jsonObject(with: expectedData) as? [String: Any], name)
            var format = InputFormat.auto
            if let options = expected["options"] as? [String: Any], let preamble = options["preambleLines"] as? Int {
                format = .csv(CSVOptions(preambleLines: preamble))
            }
            // Small chunks too, so records and line ends straddle chunk borders.
            for chunkSize in [64 * 1024, 3] {
                let sized: InputFormat
                switch try SourceReader.resolve(path: path, format: format) {
                case .csv(var options): options.chunkSize = chunkSize; sized = .csv(options)
                case .json(var options): options.chunkSize = chunkSize; sized = .json(options)
                case .auto: sized = format
                }
                let (sink, detected) = try collect(path, sized)
                let label = "\(name) (chunks of \(chunkSize))"
                XCTAssertEqual(sink.records, expectedRows(expected["records"]), label)
                XCTAssertEqual(detected.columns, expected["columns"] as? [String] ?? [], label)
                let malformed = (expected["malformed"] as? [[String: Any]]) ?? []
                XCTAssertEqual(sink.malformed.map { "\($0.finding.line) \($0.finding.check)" },
                               malformed.map { "\($0["line"] ?? "") \($0["check"] ?? "")" }, label)
                for (got, want) in zip(sink.malformed, expectedRows(expected["malformed"])) where !want.values.isEmpty {
                    XCTAssertEqual(got.row.values, want.values, label)
                }
                let findings = (expected["findings"] as? [[String: Any]]) ?? []
                XCTAssertEqual(sink.findings.map { "\($0.line) \($0.check)" },
                               findings.map { "\($0["line"] ?? "") \($0["check"] ?? "")" }, label)
                let detectedJSON = try XCTUnwrap(
                    JSONSerialization.jsonObject(with: JSONEncoder().encode(detected)) as? [String: Any])
                for (key, want) in (expected["format"] as? [String: Any]) ?? [:] {
                    XCTAssertEqual(detectedJSON[key] as? NSObject, want as? NSObject, "\(label): format.\(key)")
                }
                XCTAssertEqual(detected.bytesRead, try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int,
                               "\(label): every byte is read")
            }
        }
    }

    func testEveryFindingNamesTheFileAndSaysWhatToDo() throws {
        for name in ["stray-quote.csv", "field-count.csv", "invalid-utf8.csv", "unterminated-quote.csv", "lines-broken.jsonl"] {
            let path = Self.directory + "/" + name
            let (sink, _) = try collect(path)
            XCTAssertFalse(sink.malformed.isEmpty, name)
            for (_, finding) in sink.malformed {
                XCTAssertTrue(finding.description.hasPrefix("\(path):\(finding.line): error: "), finding.description)
                XCTAssertNotNil(finding.hint, name)
            }
        }
    }
}
