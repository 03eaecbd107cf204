import Foundation
import XCTest

/// Issue 3's promise: an export with foreign column names, `;` between fields,
/// dd/MM/yyyy dates, -99 for missing, thousands separators, a BOM and CRLF is
/// mapped by a pipeline file alone (pipelines/partner-office.yml), no Swift change.
final class PartnerExportTests: XCTestCase {
    func testAForeignExportMapsWithAPipelineFileAlone() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let result = try BinaryRunner.run(["run", "pipelines/partner-office.yml", "--as-of", "2019-12-31", "--out", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let data = try Data(contentsOf: folder.appendingPathComponent("figures.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let metrics = try XCTUnwrap(json["metrics"] as? [[String: Any]])
        var values: [String: Double] = [:]
        for metric in metrics {
            if let name = metric["name"] as? String, let value = metric["value"] as? Double { values[name] = value }
        }
        // The figures of fixtures/partner/EXPECTED.md, computed there by an independent script.
        XCTAssertEqual(values, ["survivors_rescued": 39, "minors_rescued": 15, "ages_missing": 4, "shelter_days": 24_255])
        let inputs = try XCTUnwrap(json["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.first?["rows_read"] as? Int, 50)
        XCTAssertEqual(inputs.first?["rows_rejected"] as? Int, 0)
        XCTAssertEqual(inputs.first?["identifying_columns"] as? [String], ["Nom"])
    }
}
