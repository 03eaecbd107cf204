import Foundation
import ImpactCore
import ImpactIngest
import XCTest

/// `impact inspect` hides samples of columns whose header looks identifying,
/// unless asked: an analyst's first look at an export shows no survivor's name.
final class InspectPrivacyTests: XCTestCase {
    func testSamplesOfIdentifyingLookingColumnsAreHiddenUnlessAsked() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID().uuidString).csv")
        try "Ref,Victim Name,Phone No.,Office,Case notes\nR1,Asha Planted,+91 555 000,Pune,met at station\n"
            .write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let hidden = try Inspector.inspect(path: url.path)
        XCTAssertEqual(hidden.fields.map(\.sample), ["R1", InspectCollector.hiddenSample, InspectCollector.hiddenSample,
                                                     "Pune", InspectCollector.hiddenSample])
        XCTAssertFalse(hidden.text().contains("Asha Planted"))
        let shown = try Inspector.inspect(path: url.path, showIdentifying: true)
        XCTAssertEqual(shown.fields[1].sample, "Asha Planted")
    }

    func testHeaderWordsAreMatchedWhole() {
        XCTAssertTrue(IdentifyingHeader.looksIdentifying("Survivor Name"))
        XCTAssertTrue(IdentifyingHeader.looksIdentifying("mobile_no"))
        XCTAssertFalse(IdentifyingHeader.looksIdentifying("Office"))
        XCTAssertFalse(IdentifyingHeader.looksIdentifying("Operation"), "'operation' is not 'notes' or 'name'")
        XCTAssertFalse(IdentifyingHeader.looksIdentifying("Rescued On"))
    }
}
