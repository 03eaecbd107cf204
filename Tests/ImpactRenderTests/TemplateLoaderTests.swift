import XCTest
import ImpactCore
@testable import ImpactRender

final class TemplateLoaderTests: XCTestCase {
    func testTemplateNamesArePlainNames() {
        let table: [(String, Bool)] = [("brochure", true), ("mumbai-2019", true), ("my_layout", true),
                                       ("../secret", false), ("a/b", false), ("..", false), ("brochure.html", false),
                                       ("", false), ("-x", false), ("/etc/passwd", false)]
        for (name, valid) in table { XCTAssertEqual(TemplateName.isValid(name), valid, name) }
    }

    func testOnlyFilesInsideTheFolderAreRead() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("impact-tl-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("outside {{title}}".utf8).write(to: root.appendingPathComponent("outside.html"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("linked.html"),
                                                   withDestinationURL: root.appendingPathComponent("outside.html"))
        let loader = TemplateLoader(directory: folder.path)
        XCTAssertThrowsError(try loader.load(name: "linked", extension: "html")) { error in
            XCTAssertEqual(error as? RenderError, .templateMissing(path: folder.path + "/linked.html"))
        }
        XCTAssertThrowsError(try loader.load(name: "../outside", extension: "html")) { error in
            XCTAssertEqual(error as? RenderError, .invalidTemplateName("../outside"))
        }
        XCTAssertThrowsError(try loader.load(name: "missing", extension: "html"))
    }

    /// A template holds text: a control character is refused at its line (a CRLF file counts
    /// its lines as an editor does), and tabs and line ends are text.
    func testAControlCharacterInATemplateIsRefusedAtItsLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("impact-tl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loader = TemplateLoader(directory: folder.path)
        try Data("<p>\r\n\t{{title}}\r\n<b>\u{1B}[2J</b>\r\n".utf8).write(to: folder.appendingPathComponent("esc.html"))
        XCTAssertThrowsError(try loader.load(name: "esc", extension: "html")) { error in
            guard case RenderError.templateNotAllowed(_, let line, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 3)
            XCTAssertTrue(message.contains("U+001B"), message)
        }
        try Data("<p>\r\n{{{title}}}\r\n".utf8).write(to: folder.appendingPathComponent("raw.html"))
        XCTAssertThrowsError(try loader.load(name: "raw", extension: "html")) { error in
            guard case RenderError.templateNotAllowed(_, let line, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 2, "a CRLF template's lines are counted")
        }
        try Data("<p>\r\n\t{{title}}\r\n".utf8).write(to: folder.appendingPathComponent("fine.html"))
        XCTAssertNoThrow(try loader.load(name: "fine", extension: "html"))
    }

    func testSyntaxErrorNamesTheLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("impact-tl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<p>\n{{#headline}}\n{{label}}\n".utf8).write(to: folder.appendingPathComponent("broken.html"))
        XCTAssertThrowsError(try TemplateLoader(directory: folder.path).load(name: "broken", extension: "html")) { error in
            guard case RenderError.templateSyntax(let path, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(path.hasSuffix("broken.html"))
        }
    }

    func testPipelineTemplateIsUsedInsteadOfLayout() throws {
        var definition = try FactSheetDefinition.decode(node: MumbaiFixture.node)
        definition.template = "does-not-exist"
        let (sheet, _) = try FactSheetBuilder.build(definition: definition, results: MumbaiFixture.results,
                                                    asOf: MumbaiFixture.asOf, locale: .en)
        XCTAssertThrowsError(try HTMLRenderer(templatesDirectory: MumbaiFixture.templates).render(sheet)) { error in
            XCTAssertEqual(error as? RenderError, .templateMissing(path: MumbaiFixture.templates + "/does-not-exist.html"))
        }
    }
}
