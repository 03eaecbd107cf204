import Foundation
import XCTest
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
}
