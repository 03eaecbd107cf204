import Foundation
import XCTest

/// An export merged from two systems spells some names two ways: "José" with a precomposed é
/// and with an e and a combining accent. A person is counted once, an office is one row of a
/// table, and what is published is one spelling (NFC), in `run` and in `query` alike.
final class UnicodeFormTests: XCTestCase {
    func testOneTextSpelledTwoWaysIsOnePersonAndOneGroup() throws {
        let folder = try BinaryRunner.temporaryFolder(self)
        // Twelve people in two offices, each person written once precomposed and once decomposed.
        var csv = "person_id,date,office\n"
        for person in 0..<12 {
            let office = person % 2 == 0 ? "S\u{101}ngli" : "Th\u{101}ne"
            let decomposed = office.replacingOccurrences(of: "\u{101}", with: "a\u{304}")
            csv += "Jos\u{E9}-\(person),2015-03-0\(person % 9 + 1),\(office)\n"
            csv += "Jose\u{301}-\(person),2016-04-0\(person % 9 + 1),\(decomposed)\n"
        }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("rescues.csv"))
        try Data("""
            name: forms
            period: { since: 2000-01-01 }
            sources:
              rescues: { path: rescues.csv }
            metrics:
              people: { count_distinct: person_id, from: rescues }
              people_by_office: { count_distinct: person_id, from: rescues, by: office }
            """.utf8).write(to: folder.appendingPathComponent("forms.yml"))

        let out = folder.appendingPathComponent("out")
        let run = try BinaryRunner.run(["run", "forms.yml", "--as-of", "2020-12-31", "--out", out.path, "--quiet"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        let data = try Data(contentsOf: out.appendingPathComponent("figures.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let metrics = try XCTUnwrap(json["metrics"] as? [[String: Any]])
        let people = try XCTUnwrap(metrics.first { $0["name"] as? String == "people" })
        XCTAssertEqual(people["value"] as? Double, 12, "each person once, not once per spelling")
        let byOffice = try XCTUnwrap(metrics.first { $0["name"] as? String == "people_by_office" })
        let groups = try XCTUnwrap(byOffice["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.map { $0["value"] as? Double }, [6, 6])
        // JSONSerialization gives Swift strings (whose == ignores the spelling): compare bytes.
        let labels = groups.compactMap { ($0["keys"] as? [String])?.first }.map { Array($0.utf8) }
        XCTAssertEqual(labels, [Array("S\u{101}ngli".utf8), Array("Th\u{101}ne".utf8)])

        let query = try BinaryRunner.run(["query", "rescues.csv", "--distinct", "person_id", "--by", "office", "--format", "csv"], in: folder)
        XCTAssertEqual(query.status, 0, query.stderr)
        let lines = query.stdout.split(whereSeparator: \.isNewline).map { Array($0.utf8) }  // CSV lines end in CRLF
        XCTAssertEqual(lines.dropFirst().sorted { $0.lexicographicallyPrecedes($1) },
                       [Array("S\u{101}ngli,6".utf8), Array("Th\u{101}ne,6".utf8)])
    }
}
