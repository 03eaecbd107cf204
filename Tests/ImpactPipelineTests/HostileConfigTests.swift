import Foundation
import XCTest
import ImpactCore
import ImpactRender
@testable import ImpactPipeline

/// Hostile pipeline files, filters and templates: each is refused with its
/// line, or made harmless, quickly.
final class HostileConfigTests: XCTestCase {
    private func configError(_ text: String, file: String = "p.yml") -> ConfigError? {
        do {
            let root = try YAMLConfig.parse(text, file: file)
            _ = try PipelineDefinition(file: try PipelineFile(root: root, path: file))
            return nil
        } catch {
            return error
        }
    }

    func testAYAMLAliasBombIsRefusedAtItsFirstAnchor() {
        var text = "name: bomb\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        text += "sources: *a9\n"
        let start = Date()
        let error = configError(text)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
        // Yams resolves an alias to the anchored node itself; the converter sees that
        // node's position a second time and refuses it, before any expansion.
        XCTAssertEqual(error?.line, 2)
        XCTAssertTrue(error?.message.contains("aliases") == true, "\(String(describing: error))")
    }

    /// A text editor's tab in the indentation: YAML's own message, at its line, says what to do.
    func testATabIndentIsNamedAtItsLine() {
        let error = configError("name: t\r\nsources:\r\n\trescues:\r\n\t\tpath: r.csv\r\n")
        XCTAssertEqual(error?.line, 3)
        XCTAssertTrue(error?.description.contains("indented with a tab: YAML indents with spaces only") ?? false, "\(String(describing: error))")
        let spaces = configError("name: t\nsources: [\n")
        XCTAssertFalse(spaces?.description.contains("tab") ?? true, "\(String(describing: spaces))")
    }

    func testASingleAliasIsRefusedWithAdvice() {
        let error = configError("name: x\nmissing: &m [NA]\nsources:\n  r: { path: r.csv, missing: *m }\n")
        XCTAssertTrue(error?.message.contains("write the value out") == true, "\(String(describing: error))")
    }

    func testYAMLNested100000DeepIsAnErrorNotACrash() {
        for text in ["name: x\nsources: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n",
                     "name: x\nsources:\n  " + String(repeating: "- ", count: 100_000) + "x\n"] {
            let error = configError(text)
            XCTAssertNotNil(error)
            XCTAssertGreaterThanOrEqual(error?.line ?? 0, 1, "\(String(describing: error))")
        }
    }

    func testAPipelineFileOver4MiBIsRefusedBeforeParsing() throws {
        let dir = try Hostile.scratch(self)
        let url = dir.appendingPathComponent("huge.yml")
        try Hostile.write(url, head: "name: huge\n# ", body: UInt8(ascii: "x"), bodyBytes: 5 << 20, tail: "\n")
        XCTAssertThrowsError(try PipelineFile.load(path: url.path)) {
            XCTAssertTrue("\($0)".contains("over 4 MiB"), "\($0)")
        }
    }

    func testANameThatClimbsOutOfTheReportsFolderIsRefusedAtItsLine() {
        for name in ["../../etc", "/etc/passwd", "a/../../b", "..", ".hidden", "x/y"] {
            let error = configError("sources: {}\nname: \"\(name)\"\n")
            XCTAssertEqual(error?.line, 2, name)
            XCTAssertTrue(error?.message.contains("names the output folder") == true, "\(name): \(String(describing: error))")
        }
    }

    func testATemplateOutsideTheTemplateFolderIsRefused() {
        for name in ["../../x", "/etc/passwd", "a.b", "..", "x/y"] {
            for key in ["template", "layout"] {
                let error = configError("name: p\nsources:\n  s: {kind: rescues, path: s.csv, columns: {person_id: P}}\nfactsheet:\n  title: T\n  \(key): \"\(name)\"\n")
                XCTAssertEqual(error?.line, 6, "\(key): \(name)")
                XCTAssertTrue(error?.description.contains("must be a plain name") == true, "\(String(describing: error))")
            }
        }
    }

    func testAFilterNested100000DeepIsAnErrorAtItsColumn() {
        for text in [String(repeating: "(", count: 100_000) + "office" + String(repeating: ")", count: 100_000),
                     String(repeating: "not ", count: 100_000) + "is_minor"] {
            XCTAssertThrowsError(try FilterExpression.parse(text)) { error in
                let filterError = error as? FilterError
                XCTAssertTrue(filterError?.message.contains("more than 64 deep") == true, "\(error)")
                XCTAssertGreaterThan(filterError?.column ?? 0, 64)
            }
        }
        XCTAssertNoThrow(try FilterExpression.parse(String(repeating: "(", count: 60) + "a == 1" + String(repeating: ")", count: 60)))
    }

    // MARK: the template sandbox

    /// A fact sheet with a title and one headline figure.
    private func sheet(template: String) throws -> FactSheet {
        let json = #"""
        {"template":"\#(template)","title":"Pune","titleUnderline":"====","intro":[],"asOf":"2019-12-31",
         "asOfText":"31 December 2019","locale":"en","headline":[{"metric":"m","label":"survivors","exact":641,
         "exactText":"641","published":"640+","rule":"down to 10","wasCut":true,"paddedPublished":"640+"}],
         "hasCutFigures":true,"facts":[],"notes":[],"sections":[],"milestones":[],"tables":[],"suppressBelow":11,
         "hasSuppressed":false,"suppressionNote":""}
        """#
        return try JSONDecoder().decode(FactSheet.self, from: Data(json.utf8))
    }

    func testATemplateNamingAnIdentifyingFieldRendersNothing() throws {
        let dir = try Hostile.scratch(self)
        let body = "<p>{{title}}|{{name}}|{{person_id}}|{{Survivor_Name}}|{{#headline}}{{published}} {{name}}{{mobile}}{{/headline}}|"
            + "{{#records}}{{name}}{{/records}}|{{rows.0.name}}|{{#sources}}x{{/sources}}</p>"
        try Data(body.utf8).write(to: dir.appendingPathComponent("leak.html"))
        let html = try HTMLRenderer(templatesDirectory: dir.path).render(try sheet(template: "leak"))
        XCTAssertEqual(html, "<p>Pune||||640+ |||</p>")
    }

    func testPartialsUnescapedTagsAndFilesOutsideTheFolderAreRefused() throws {
        let dir = try Hostile.scratch(self)
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("{{title}}".utf8).write(to: dir.appendingPathComponent("outside.html"))
        let cases = ["partial": "a\n{{> ../outside}}", "raw": "{{{title}}}", "amp": "{{& title}}", "delims": "{{=<% %>=}}"]
        for (name, text) in cases {
            try Data(text.utf8).write(to: templates.appendingPathComponent("\(name).html"))
            XCTAssertThrowsError(try HTMLRenderer(templatesDirectory: templates.path).render(try sheet(template: name)), name) {
                guard case .templateNotAllowed(_, let line, _) = $0 as? RenderError else { return XCTFail("\(name): \($0)") }
                XCTAssertEqual(line, name == "partial" ? 2 : 1, name)
            }
        }
        try FileManager.default.createSymbolicLink(at: templates.appendingPathComponent("link.html"),
                                                   withDestinationURL: dir.appendingPathComponent("outside.html"))
        XCTAssertThrowsError(try HTMLRenderer(templatesDirectory: templates.path).render(try sheet(template: "link"))) {
            XCTAssertEqual($0 as? RenderError, .templateMissing(path: templates.path + "/link.html"))
        }
        XCTAssertThrowsError(try HTMLRenderer(templatesDirectory: templates.path).render(try sheet(template: "../outside"))) {
            XCTAssertEqual($0 as? RenderError, .invalidTemplateName("../outside"))
        }
    }

    func testAnOversizedTemplateOrAFIFOIsRefusedWithoutReadingIt() throws {
        let dir = try Hostile.scratch(self)
        try Hostile.write(dir.appendingPathComponent("big.html"), head: "{{title}}", body: UInt8(ascii: " "), bodyBytes: 2 << 20, tail: "")
        XCTAssertThrowsError(try HTMLRenderer(templatesDirectory: dir.path).render(try sheet(template: "big"))) {
            XCTAssertTrue("\($0)".contains("over 1 MiB"), "\($0)")
        }
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("pipe.html").path, 0o600), 0)
        XCTAssertThrowsError(try HTMLRenderer(templatesDirectory: dir.path).render(try sheet(template: "pipe"))) {
            XCTAssertTrue("\($0)".contains("not a regular file"), "\($0)")
        }
    }
}
