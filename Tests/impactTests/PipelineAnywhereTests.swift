import Foundation
import XCTest

/// A pipeline a new user keeps in a folder of their own, run from there: without a
/// `templates:` key and without a templates folder nearby, the fact sheet is made with
/// the templates that came with the tool.
final class PipelineAnywhereTests: XCTestCase {
    private func writeOffice(in folder: URL, templates: String? = nil) throws -> URL {
        let csv = "survivor_code,date_rescued,district\nS-1,2019-03-04,Pune\nS-2,2019-04-01,Thane\n"
        try csv.write(to: folder.appendingPathComponent("intake.csv"), atomically: true, encoding: .utf8)
        let yaml = """
            name: own-office
            period: { since: 2019-01-01 }
            \(templates.map { "templates: \($0)\n" } ?? "")sources:
              rescues:
                path: intake.csv
                columns: { person_id: survivor_code, date: date_rescued, office: district }
            metrics:
              survivors: { count_distinct: person_id, from: rescues }
            factsheet:
              title: Our own office
              headline:
                - { metric: survivors, label: survivors brought to safety }

            """
        let pipeline = folder.appendingPathComponent("office.yml")
        try yaml.write(to: pipeline, atomically: true, encoding: .utf8)
        return pipeline
    }

    func testAPipelineOutsideTheProjectUsesTheToolsTemplates() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let pipeline = try writeOffice(in: folder)
        let result = try BinaryRunner.run(["run", pipeline.path, "--as-of", "2019-12-31", "--out", "out", "--quiet"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: folder.appendingPathComponent("out/factsheet.html"), encoding: .utf8)
        let shipped = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("reports/templates/brochure.html"),
                                 encoding: .utf8)
        XCTAssertTrue(html.contains("Our own office"), html)
        // The brochure's own opening line, as the shipped template writes it.
        let firstLine = try XCTUnwrap(shipped.split(separator: "\n").first)
        XCTAssertTrue(html.hasPrefix(String(firstLine)), "not the shipped brochure: \(html.prefix(200))")
    }

    func testATemplatesFolderNamedButMissingIsStillAnError() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        let pipeline = try writeOffice(in: folder, templates: "my-templates")
        let result = try BinaryRunner.run(["run", pipeline.path, "--as-of", "2019-12-31", "--out", "out"], in: folder)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("my-templates"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/factsheet.html").path))
    }
}
