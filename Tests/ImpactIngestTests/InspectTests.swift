import Foundation
import ImpactCore
import ImpactIngest
import XCTest

/// The report `impact inspect` prints, built from real reads.
final class InspectTests: XCTestCase {
    func testReportCountsRecordsMissingValuesAndSamples() throws {
        let dir = try TemporaryDirectory()
        let long = String(repeating: "x", count: 60)
        let path = try dir.write("r.csv", "id;office;note\r\n1;;\"\(long)\"\r\n2;Pune;\r\n3;Pune\r\n")
        // `note` looks identifying: its sample is shown only on request.
        let report = try Inspector.inspect(path: path, showIdentifying: true)
        XCTAssertEqual(report.format.delimiter, ";")
        XCTAssertEqual(report.format.lineEnding, .crlf)
        XCTAssertEqual(report.records, 3)
        XCTAssertEqual(report.malformed, 1)
        XCTAssertEqual(report.fields.map(\.name), ["id", "office", "note"])
        XCTAssertEqual(report.fields.map(\.missing), [0, 1, 1])
        XCTAssertEqual(report.fields[1].sample, "Pune")
        XCTAssertEqual(report.fields[2].sample, String(repeating: "x", count: 39) + "…")
        XCTAssertEqual(report.findings.map(\.line), [4])
        XCTAssertFalse(report.isClean)
        let text = report.text()
        XCTAssertTrue(text.contains("delimiter ';'"), text)
        XCTAssertTrue(text.contains("\(path):4: error: expected 3 fields"), text)
    }

    func testNoSamplesHidesEveryValue() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("r.jsonl", "{\"name\": \"Test Person\", \"age\": 14}\n")
        let report = try Inspector.inspect(path: path, samples: false)
        XCTAssertEqual(report.fields.map(\.name), ["name", "age"])
        XCTAssertEqual(report.fields.compactMap(\.sample), [])
        XCTAssertFalse(report.text().contains("Test Person"))
        XCTAssertTrue(report.isClean)
    }

    func testJSONFieldSeenLateCountsAsMissingInEarlierRecords() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("r.json", "[{\"a\": 1}, {\"a\": 2}, {\"a\": 3, \"b\": \"late\"}]")
        let report = try Inspector.inspect(path: path)
        XCTAssertEqual(report.fields.map(\.name), ["a", "b"])
        XCTAssertEqual(report.fields.map(\.missing), [0, 2])
    }

    func testReportRoundTripsThroughJSON() throws {
        let path = FixtureTests.directory + "/bom.csv"
        let report = try Inspector.inspect(path: path)
        let decoded = try JSONDecoder().decode(InspectReport.self, from: JSONEncoder().encode(report))
        XCTAssertEqual(decoded, report)
        XCTAssertTrue(decoded.format.bom)
    }

    /// Past `maxFindings` the findings are counted per check, not kept: the report says how
    /// many there are of each and that the rest were not listed.
    func testFindingsPastTheLimitAreCountedPerCheckNotListed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-many-\(UUID().uuidString).csv")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        var text = "id,place\n"
        for n in 1...50 { text += n % 10 == 0 ? "\(n),caf#\n" : "\(n),a,b\n" }
        // On the lines of n = 10, 20, ... a lone byte FF (Latin-1 'ÿ'): not UTF-8.
        try Data(text.utf8.map { $0 == UInt8(ascii: "#") ? 0xFF : $0 }).write(to: url)
        let report = try Inspector.inspect(path: url.path, maxFindings: 7)
        XCTAssertEqual(report.findingCount, 50)
        XCTAssertEqual(report.findingsByCheck, ["csv.field_count": 45, "encoding.utf8": 5])
        XCTAssertEqual(report.findings.map(\.line), [2, 3, 4, 5, 6, 7, 8], "the first seven, in file order")
        XCTAssertFalse(report.isClean)
        let shown = report.text()
        XCTAssertTrue(shown.contains("findings: 50\n  csv.field_count: 45\n  encoding.utf8: 5\n"), shown)
        XCTAssertTrue(shown.hasSuffix("… and 43 more (the first 7 shown; --max-findings N shows more)\n"), shown)
        let decoded = try JSONDecoder().decode(InspectReport.self, from: JSONEncoder().encode(report))
        XCTAssertEqual(decoded, report)
    }

    /// What a run rejects as a whole row (a blank row, the header again) `inspect` shows first.
    func testBlankRowsAndARepeatedHeaderAreWarned() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-rows-\(UUID().uuidString).csv")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        try Data("id,place\n1,Pune\n,\nid,place\n2,id\n\"\",\"\"\n".utf8).write(to: url)
        let report = try Inspector.inspect(path: url.path)
        XCTAssertEqual(report.findings.map { "\($0.line) \($0.check) \($0.severity.rawValue)" },
                       ["3 blank warning", "4 repeated_header warning", "6 blank warning"])
        XCTAssertEqual(report.records, 5, "still records: the run decides")
    }
}
