import Foundation
import XCTest

/// Text from exports and pipeline files is data, never markup: hostile values
/// in every text field come out escaped in HTML and literal in text.
final class InjectionTests: XCTestCase {
    private let script = "<script>alert(1)</script>"
    private let image = "\"><img src=x onerror=alert(1)>"
    private let braces = "{{title}}"

    func testHostileTextIsEscapedInHTMLAndLiteralInText() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let hostile = "\(script) \(image) \(braces)"
        let quoted = "\"" + hostile.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        var csv = "person,date,office,place\n"
        for i in 0..<30 { csv += "P\(i),2015-0\(i % 9 + 1)-10,\(quoted),\(quoted)\n" }
        try csv.write(to: folder.appendingPathComponent("rescues.csv"), atomically: true, encoding: .utf8)
        let yaml = hostile.replacingOccurrences(of: "'", with: "''")
        let templates = BinaryRunner.packageRoot.appendingPathComponent("reports/templates").path
        try """
        name: hostile
        templates: \(templates)
        sources:
          rescues:
            path: rescues.csv
            columns: { person_id: person, date: date, office: office, place: place }
        metrics:
          rescued: { count_distinct: person_id, from: rescues, by: year(date) }
          by_office: { count: rows, from: rescues, by: office }
        factsheet:
          title: '\(yaml)'
          place: '\(yaml)'
          heading: '\(yaml)'
          intro: '\(yaml)'
          headline:
            - { metric: rescued, label: '\(yaml)' }
          facts:
            - { figure: '\(yaml)', text: '\(yaml)', source: '\(yaml)' }
          quote: { text: '\(yaml)', by: '\(yaml)', role: '\(yaml)', pseudonym: true, consent: true }
          sections:
            - { title: '\(yaml)', body: '\(yaml)' }
          milestones:
            - { year: 2015, text: '\(yaml)', detail: '\(yaml)' }
          chart: { metric: rescued, title: '\(yaml)' }
          tables:
            - { metric: by_office, title: '\(yaml)' }
          suppress_below: 1
        """.write(to: folder.appendingPathComponent("hostile.yml"), atomically: true, encoding: .utf8)

        let out = folder.appendingPathComponent("out")
        let result = try BinaryRunner.run(["run", folder.appendingPathComponent("hostile.yml").path,
                                           "--as-of", "2019-12-31", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: out.appendingPathComponent("factsheet.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("<script"), "a script tag reached the HTML")
        XCTAssertFalse(html.contains("<img"), "an img tag reached the HTML")
        XCTAssertFalse(html.contains("\"><img"), "a quote that closes an attribute reached the HTML")
        XCTAssertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "the attribute breaker is shown, escaped")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the text should be shown, escaped")
        XCTAssertGreaterThanOrEqual(html.components(separatedBy: "&lt;script&gt;").count - 1, 12,
                                    "every field (title, headline, facts, quote, sections, milestones, chart, table) shows the text")
        XCTAssertTrue(html.contains(braces), "{{ is printed, not expanded by the template engine")

        let text = try String(contentsOf: out.appendingPathComponent("factsheet.txt"), encoding: .utf8)
        XCTAssertTrue(text.contains(script), "the text version prints the value literally")
        XCTAssertFalse(text.contains("&lt;"), "the text version is not HTML-escaped")
        XCTAssertTrue(text.contains(braces))
    }
}
