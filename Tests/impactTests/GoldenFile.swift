import Foundation
import XCTest

/// Compares text with a file in Tests/impactTests/Golden/, byte for byte. Re-records only when
/// IMPACT_RECORD_GOLDEN=1 is set, and then fails so that a recording is never taken for a pass.
func assertGolden(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = BinaryRunner.packageRoot.appendingPathComponent("Tests/impactTests/Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["IMPACT_RECORD_GOLDEN"] == "1" {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            XCTFail("recorded \(name); run again without IMPACT_RECORD_GOLDEN to compare", file: file, line: line)
        } catch {
            XCTFail("cannot record \(name): \(error)", file: file, line: line)
        }
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no golden file \(name); record it with IMPACT_RECORD_GOLDEN=1", file: file, line: line)
        return
    }
    if expected != actual {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let want = first < a.count ? String(a[first]) : "<end>"
        let got = first < b.count ? String(b[first]) : "<end>"
        XCTFail("\(name) differs at line \(first + 1):\n  golden: \(want)\n  actual: \(got)", file: file, line: line)
    }
}
