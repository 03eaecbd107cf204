import XCTest
import ImpactCore
@testable import ImpactRender

final class GoldenTests: XCTestCase {
    func testMumbaiSheetMatchesGoldenFiles() throws {
        let (sheet, warnings) = try MumbaiFixture.sheet()
        XCTAssertEqual(warnings, [])
        let html = try HTMLRenderer(templatesDirectory: MumbaiFixture.templates).render(sheet)
        let text = try TextRenderer(templatesDirectory: MumbaiFixture.templates).render(sheet)
        assertGolden(html, named: "mumbai.html")
        assertGolden(text, named: "mumbai.txt")
    }

    func testSameInputRendersSameBytes() throws {
        let first = try HTMLRenderer(templatesDirectory: MumbaiFixture.templates).render(try MumbaiFixture.sheet().0)
        let second = try HTMLRenderer(templatesDirectory: MumbaiFixture.templates).render(try MumbaiFixture.sheet().0)
        XCTAssertEqual(first, second)
    }

    func testHeadlineFiguresAreTheBrochures() throws {
        let (sheet, _) = try MumbaiFixture.sheet()
        XCTAssertEqual(sheet.headline.map(\.published), ["640+", "178", "24,800+"])
        XCTAssertEqual(sheet.headline.map(\.exactText), ["647", "178", "24,861"])
        XCTAssertEqual(sheet.milestones.map(\.year), ["2000", "2004", "2004", "2013", "2014"])
        XCTAssertEqual(sheet.milestones.map(\.text)[3], "500th trafficking victim rescued")
        XCTAssertEqual(sheet.notes.map(\.marker), ["¹", "²", "³"])
    }

    func testTextVersionWrapsAt72Columns() throws {
        let text = try TextRenderer(templatesDirectory: MumbaiFixture.templates).render(try MumbaiFixture.sheet().0)
        for line in text.split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, 72, String(line))
        }
        XCTAssertTrue(text.contains("640+"))
        XCTAssertTrue(text.contains("Sani*"))
        XCTAssertTrue(text.contains("*A pseudonym."))
        XCTAssertTrue(text.contains("fewer than 11"))
    }
}
