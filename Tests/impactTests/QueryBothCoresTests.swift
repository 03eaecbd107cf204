import Foundation
import XCTest

/// `impact query` on a large CSV reads it on all cores (the file cut at record
/// boundaries); its answer must equal the one-piece read of the same records,
/// here the JSON Lines copy the generator writes beside it.
final class QueryBothCoresTests: XCTestCase {
    func testTheSplitCSVReadAnswersAsTheSequentialJSONRead() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let generate = try BinaryRunner.run(["generate", "--rows", "120000", "--out", folder.path, "--messy", "--jsonl",
                                             "--sources", "rescues", "--seed", "7"])
        XCTAssertEqual(generate.status, 0, generate.stderr)
        let csv = folder.appendingPathComponent("rescues.csv")
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? Int)
        XCTAssertGreaterThan(size, 8 << 20, "big enough to be cut into parts")
        var answers: [String] = []
        for file in ["rescues.csv", "rescues.jsonl"] {
            let result = try BinaryRunner.run(["query", folder.appendingPathComponent(file).path, "--count",
                                               "--distinct", "person_id", "--by", "year(date),office", "--format", "csv"])
            XCTAssertEqual(result.status, 0, result.stderr)
            answers.append(result.stdout)
        }
        XCTAssertGreaterThan(answers[0].split(separator: "\r\n").count, 100)
        XCTAssertEqual(answers[0], answers[1])
    }
}
