import Foundation
import XCTest

/// The Mumbai brochure, rendered end to end from the bundled exports, compared
/// byte for byte with the files in Golden/. A change anywhere (reading,
/// checks, metrics, rounding, templates) shows here. Re-record on purpose only:
/// `IMPACT_RECORD_GOLDEN=1 swift test --filter BrochureGoldenTests`.
final class BrochureGoldenTests: XCTestCase {
    private static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func testMumbaiBrochureMatchesGoldenFiles() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let result = try BinaryRunner.run(["run", "pipelines/mumbai-brochure.yml", "--as-of", "2019-12-31", "--out", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let recording = ProcessInfo.processInfo.environment["IMPACT_RECORD_GOLDEN"] == "1"
        for name in ["factsheet.html", "factsheet.txt"] {
            let actual = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let goldenFile = Self.golden.appendingPathComponent("mumbai-brochure." + name)
            if recording {
                try actual.write(to: goldenFile, atomically: true, encoding: .utf8)
                XCTFail("recorded \(goldenFile.path); run again without IMPACT_RECORD_GOLDEN to compare")
                continue
            }
            let expected = try String(contentsOf: goldenFile, encoding: .utf8)
            if actual != expected {
                let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
                let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
                XCTFail("\(name) differs from its golden file at line \(line + 1):\n  got:      \(line < a.count ? String(a[line]) : "<end>")\n  expected: \(line < e.count ? String(e[line]) : "<end>")")
            }
        }
    }
}
