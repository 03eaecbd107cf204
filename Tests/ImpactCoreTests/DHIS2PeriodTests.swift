import XCTest
@testable import ImpactCore

/// `date_format: dhis2`: DHIS2's period identifiers read as their first day, so that an
/// analytics export's `pe` column is a date (`by: year(pe)`, the window) whatever the period type.
final class DHIS2PeriodTests: XCTestCase {
    private func day(_ text: String) throws -> String? {
        try DatePattern("dhis2").parse(text)?.iso
    }

    func testEachPeriodTypeIsItsFirstDay() throws {
        let cases: [(String, String)] = [
            ("2024", "2024-01-01"), ("202403", "2024-03-01"), ("20240315", "2024-03-15"),
            ("2024Q1", "2024-01-01"), ("2024Q4", "2024-10-01"),
            ("202401B", "2024-01-01"), ("202406B", "2024-11-01"),
            ("2024S1", "2024-01-01"), ("2024S2", "2024-07-01"), ("2024AprilS1", "2024-04-01"), ("2024AprilS2", "2024-10-01"),
            ("2024April", "2024-04-01"), ("2024July", "2024-07-01"), ("2024Oct", "2024-10-01"), ("2024Nov", "2024-11-01"),
            ("2024W1", "2024-01-01"), ("2024W05", "2024-01-29"), ("2024W52", "2024-12-23"),
            ("2020W53", "2020-12-28"), ("2026W1", "2025-12-29"), ("2015W53", "2015-12-28"),
            ("2024BiW1", "2024-01-01"), ("2024BiW2", "2024-01-15"),
        ]
        for (text, first) in cases {
            XCTAssertEqual(try day(text), first, text)
        }
        XCTAssertEqual(try DatePattern("DHIS2").text, "DHIS2", "the keyword in any case")
    }

    func testWhatIsNoPeriodIsNoDate() throws {
        for text in ["2024W53", "2024W0", "2024Q5", "2024Q", "202413", "202407B", "2024S3", "2024AprilS3", "2024June",
                     "2024WedW5", "24Q1", "2024-03", "2024q1", "20240230", "2024Q1x", "Q12024", ""] {
            XCTAssertNil(try day(text), text)
        }
    }

    func testAPipelineReadsAPeriodColumnAsDates() throws {
        let definition = try source("values", ["kind": "custom", "path": "v.csv", "date_format": "dhis2",
                                               "fields": ["pe": "date", "value": "integer"] as KeyValuePairs<String, Any>])
        let table = ColumnTable(["pe", "value"])
        let mapped = RowMapper(definition: definition, columns: table, file: "v.csv").map(makeRow(table, ["2024Q3", "7"], line: 2))
        XCTAssertEqual(mapped.record[0], .date(Day(iso: "2024-07-01")!))
        XCTAssertTrue(mapped.findings.isEmpty, "\(mapped.findings)")
        let wrong = RowMapper(definition: definition, columns: table, file: "v.csv").map(makeRow(table, ["2024Q5", "7"], line: 3))
        XCTAssertEqual(wrong.findings.map(\.check), ["type"], "a period that is none is a type finding")
    }
}
