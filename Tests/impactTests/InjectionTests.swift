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

    /// An export's control characters are data too: an escape sequence that recolours or
    /// retitles the terminal, a C1 escape, a carriage return that writes over the line, a bell,
    /// and a bidirectional override, in a header name and in values (one of which fails its
    /// type, so that a message quotes it). `inspect`, `validate`, `run`, the text fact sheet and
    /// a query's table show them as `\u{1B}`; a query's CSV and the rejected rows keep the bytes,
    /// as data.
    func testControlCharactersFromAnExportReachNoTerminal() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let hostile = "A\u{1B}[31mB\u{1B}]0;title\u{7}C\u{9B}2JD\rE\u{202E}F"
        var csv = "person_id,date,office,age,note\u{1B}[2J\n"
        for i in 0..<12 { csv += "P\(i),2015-01-0\(i % 9 + 1),\"\(hostile)\",\(i == 0 ? "3\u{1B}[5m" : "30"),x\n" }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("rescues.csv"))
        let templates = BinaryRunner.packageRoot.appendingPathComponent("reports/templates").path
        try Data("""
            name: terminal
            templates: \(templates)
            sources:
              rescues: { path: rescues.csv }
            metrics:
              by_office: { count: rows, from: rescues, by: office }
            factsheet:
              title: Terminal
              headline:
                - { metric: by_office, label: rows }
              tables:
                - { metric: by_office, title: Offices }
              suppress_below: 1
            """.utf8).write(to: folder.appendingPathComponent("terminal.yml"))
        let hidden: [(String, [UInt8])] = [("ESC", [0x1B]), ("BEL", [0x07]), ("CR", [0x0D]), ("C1 CSI", [0xC2, 0x9B]),
                                           ("RLO", [0xE2, 0x80, 0xAE])]
        func assertShownNotObeyed(_ output: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
            let bytes = Array(output.utf8)
            for (name, raw) in hidden {
                let found = bytes.indices.contains { bytes[$0...].starts(with: raw) }
                XCTAssertFalse(found, "\(what) wrote a raw \(name):\n\(output)", file: file, line: line)
            }
        }
        let inspect = try BinaryRunner.run(["inspect", "rescues.csv"], in: folder)
        assertShownNotObeyed(inspect.stdout + inspect.stderr, "inspect")
        XCTAssertTrue(inspect.stdout.contains("\"A\\u{1B}[31mB\\u{1B}]0;title\\u{7}C\\u{9B}2JD"), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("E\\u{202E}F\""), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("note\\u{1B}[2J"), inspect.stdout)

        let validate = try BinaryRunner.run(["validate", "terminal.yml", "--as-of", "2020-12-31"], in: folder)
        assertShownNotObeyed(validate.stdout + validate.stderr, "validate")
        XCTAssertTrue((validate.stdout + validate.stderr).contains("'3\\u{1B}[5m' is not a whole number"), validate.stdout + validate.stderr)

        let out = folder.appendingPathComponent("out")
        let run = try BinaryRunner.run(["run", "terminal.yml", "--as-of", "2020-12-31", "--out", out.path], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        assertShownNotObeyed(run.stdout + run.stderr, "run")
        // The text fact sheet (read in terminals and e-mail) shows them too, and so does the
        // HTML one (they are not text in HTML).
        let sheet = try String(contentsOf: out.appendingPathComponent("factsheet.txt"), encoding: .utf8)
        assertShownNotObeyed(sheet, "factsheet.txt")
        XCTAssertTrue(sheet.contains("A\\u{1B}[31mB"), sheet)
        let html = try String(contentsOf: out.appendingPathComponent("factsheet.html"), encoding: .utf8)
        let htmlBytes = Array(html.utf8)
        for (name, raw) in hidden.dropLast() {  // bidirectional controls are kept in HTML (right-to-left text)
            XCTAssertFalse(htmlBytes.indices.contains { htmlBytes[$0...].starts(with: raw) }, "factsheet.html holds a raw \(name)")
        }
        XCTAssertTrue(html.contains("A\\u{1B}[31mB"), html)

        let table = try BinaryRunner.run(["query", "rescues.csv", "--by", "office", "--format", "table"], in: folder)
        assertShownNotObeyed(table.stdout + table.stderr, "query --format table")
        XCTAssertTrue(table.stdout.contains("A\\u{1B}[31mB"), table.stdout)

        // Data files keep the bytes: a query's CSV, and the rejected row for correction.
        let data = try BinaryRunner.run(["query", "rescues.csv", "--by", "office", "--format", "csv"], in: folder)
        XCTAssertTrue(data.stdout.contains(hostile), data.stdout)
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected/rescues.csv"), encoding: .utf8)
        XCTAssertTrue(rejected.contains("3\u{1B}[5m"), rejected)
    }
}
