import Foundation
import XCTest

/// The Mumbai brochure, rendered end to end from the bundled exports, compared
/// byte for byte with the files in Golden/. A change anywhere (reading,
/// checks, metrics, rounding, templates) shows here. Re-record on purpose only:
/// `IMPACT_RECORD_GOLDEN=1 swift test --filter BrochureGoldenTests`.
final class BrochureGoldenTests: XCTestCase {
    func testMumbaiBrochureMatchesGoldenFiles() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let result = try BinaryRunner.run(["run", "pipelines/mumbai-brochure.yml", "--as-of", "2019-12-31", "--out", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        for name in ["factsheet.html", "factsheet.txt"] {
            assertGolden(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8),
                         named: "mumbai-brochure." + name)
        }
    }
}
