import Foundation
import XCTest
import ImpactIngest
@testable import ImpactPipeline
import ImpactRender

/// Inputs that fuzz runs found breaking a promise (fixtures/hostile/regressions/).
final class HostileRegressionTests: XCTestCase {
    private func files(_ target: String) throws -> [URL] {
        let folder = Hostile.fixtures.appendingPathComponent("regressions/\(target)")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Each fuzz-found template is refused as an HTML template, at the line of its pragma.
    func testTemplatesThatTurnedEscapingOffAreRefused() throws {
        let regressions = try files("template")
        XCTAssertFalse(regressions.isEmpty)
        for url in regressions {
            let dir = try Hostile.scratch(self)
            try FileManager.default.copyItem(at: url, to: dir.appendingPathComponent("t.html"))
            XCTAssertThrowsError(try TemplateLoader(directory: dir.path).load(name: "t", extension: "html"), url.lastPathComponent) {
                guard case .templateNotAllowed(_, let line, let message) = $0 as? RenderError else {
                    return XCTFail("\(url.lastPathComponent): \($0)")
                }
                XCTAssertEqual(line, 1)
                XCTAssertTrue(message.contains("pragma"), message)
            }
            // The same text is still a valid plain-text template.
            try FileManager.default.copyItem(at: url, to: dir.appendingPathComponent("t.txt"))
            XCTAssertNoThrow(try TemplateLoader(directory: dir.path).load(name: "t", extension: "txt"))
        }
    }

    /// Each fuzz-found JSON Lines file reads in parts as in one piece: the same records, lines
    /// and findings (`jsonl-list-line-at-a-cut`: a part starting at a line that is a list took
    /// it for a table's first line of names, where the one-piece read rejects it).
    func testSplitInputsReadInPartsAsInOnePiece() throws {
        let regressions = try files("split").filter { $0.pathExtension == "jsonl" }
        XCTAssertFalse(regressions.isEmpty)
        for url in regressions {
            for each in [nil, "s"] as [String?] {
                var options = JSONOptions()
                options.each = each
                var one = ReadRows()
                _ = try JSONReader.read(path: url.path, options: options, into: &one)
                for parts in 2...5 {
                    let outcome = try ParallelReader.read(path: url.path, format: .json(options), parts: parts, workers: 2,
                                                          minimumPartBytes: 1) { _, _ in ReadRows() }
                    let label = "\(url.lastPathComponent), \(parts) parts, each \(each ?? "-")"
                    XCTAssertEqual(outcome.sinks.flatMap(\.rows), one.rows, label)
                    let repeated = Set(outcome.repeated.joined().map { "\($0.line) \($0.check) \($0.message)" })
                    XCTAssertEqual(outcome.sinks.flatMap(\.findings).filter { !repeated.contains($0) }, one.findings, label)
                }
            }
        }
    }

    /// Each fuzz-found CSV file reads in parts as in one piece, with the fuzz target's tight
    /// limits (`csv-stray-quotes-tight-limit`: quotes inside unquoted values made a part start
    /// where the parser would have been inside a quoted value; it read on to a field over the
    /// 32-byte limit and the split read failed where the one piece did not).
    func testCSVInputsReadInPartsAsInOnePiece() throws {
        let regressions = try files("split").filter { $0.pathExtension == "csv" }
        XCTAssertFalse(regressions.isEmpty)
        for url in regressions {
            for chunk in [1, 3, 64, 64 * 1024] {
                let format = InputFormat.csv(CSVOptions(chunkSize: chunk, maxFieldBytes: 32, maxFieldsPerRecord: 8))
                var one = ReadRows()
                let oneError = Result { try SourceReader.read(path: url.path, format: format, into: &one) }.failureText
                for parts in 2...5 {
                    let label = "\(url.lastPathComponent), chunks of \(chunk), \(parts) parts"
                    let split = Result { try ParallelReader.read(path: url.path, format: format, parts: parts, workers: 2,
                                                                 minimumPartBytes: 1) { _, _ in ReadRows() } }
                    XCTAssertEqual(split.failureText, oneError, label)
                    guard case .success(let outcome) = split else { continue }
                    XCTAssertEqual(outcome.sinks.flatMap(\.rows), one.rows, label)
                    XCTAssertEqual(outcome.sinks.flatMap(\.findings), one.findings, label)
                }
            }
        }
    }
}

private extension Result {
    /// The error's text, nil on success.
    var failureText: String? {
        if case .failure(let error) = self { return "\(error)" }
        return nil
    }
}
