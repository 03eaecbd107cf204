import XCTest
import ImpactCore
@testable import ImpactRender

/// Text from pipelines and exports is data, never markup, in either format.
final class InjectionTests: XCTestCase {
    static let payloads = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "{{title}}", "{{asOf}} {{#headline}}x{{/headline}}"]

    func testEveryTextFieldIsEscapedInHTMLAndLiteralInText() throws {
        for payload in InjectionTests.payloads {
            let (sheet, _) = try sheet(with: payload)
            let html = try HTMLRenderer(templatesDirectory: MumbaiFixture.templates).render(sheet)
            let text = try TextRenderer(templatesDirectory: MumbaiFixture.templates).render(sheet)
            XCTAssertFalse(html.contains("<script"), payload)
            XCTAssertFalse(html.contains("<img"), payload)
            // A tag in data comes out as written (counted below), never expanded.
            // The payload reaches the text version as written (wrapping may break it only at spaces).
            let unwrapped = text.split(separator: "\n").joined(separator: " ")
            let literalCount = unwrapped.components(separatedBy: payload).count - 1
            XCTAssertGreaterThanOrEqual(literalCount, 14, "payload literal in every field of the text: \(payload)")
            let escaped = payload.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&#39;")
            XCTAssertGreaterThanOrEqual(html.components(separatedBy: escaped).count - 1, 16, "payload escaped in every field: \(payload)")
        }
    }

    /// The Mumbai sheet with the payload in every text field, metric keys and breakdown labels included.
    private func sheet(with payload: String) throws -> (FactSheet, [FactSheetWarning]) {
        var definition = try FactSheetDefinition.decode(node: MumbaiFixture.node)
        definition.title = payload
        definition.place = payload
        definition.heading = payload
        definition.intro = payload + "\n\n- " + payload
        for index in definition.headline.indices { definition.headline[index].label = payload }
        for index in definition.facts.indices {
            definition.facts[index].text = payload
            definition.facts[index].figure = payload
            definition.facts[index].source = payload
        }
        definition.quote?.text = payload
        definition.quote?.by = payload
        definition.quote?.role = payload
        definition.sections = [SectionDefinition(title: payload, body: "**" + payload + "** " + payload + "\n- " + payload, line: 1)]
        for index in definition.milestones.indices {
            definition.milestones[index].text = payload
            definition.milestones[index].detail = payload
        }
        definition.chart?.title = payload
        for index in definition.tables.indices { definition.tables[index].title = payload }
        var results = MumbaiFixture.results
        if var byAge = results["survivors_by_age"] {
            byAge.groups = [GroupRow(keys: [payload], value: 30), GroupRow(keys: ["adults"], value: 40)]
            byAge.provenance.by = [payload]
            results["survivors_by_age"] = byAge
        }
        return try FactSheetBuilder.build(definition: definition, results: results, asOf: MumbaiFixture.asOf, locale: .en)
    }

    func testTemplatesThatPrintRawValuesAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("impact-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (sheet, _) = try MumbaiFixture.sheet()
        let cases = ["<h1>{{{title}}}</h1>", "<h1>{{& title}}</h1>", "{{=<% %>=}}<%{title}%>", "{{> other}}"]
        for body in cases {
            try Data(body.utf8).write(to: folder.appendingPathComponent("brochure.html"))
            XCTAssertThrowsError(try HTMLRenderer(templatesDirectory: folder.path).render(sheet), body) { error in
                guard case RenderError.templateNotAllowed(_, let line, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(line, 1)
            }
        }
        try Data("<h1>{{title}}</h1>".utf8).write(to: folder.appendingPathComponent("brochure.txt"))
        XCTAssertThrowsError(try TextRenderer(templatesDirectory: folder.path).render(sheet), "a text template must declare TEXT")
    }
}
