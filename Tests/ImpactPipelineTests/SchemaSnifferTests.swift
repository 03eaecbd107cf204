import Foundation
import ImpactCore
import ImpactIngest
@testable import ImpactPipeline
import XCTest

/// The types `impact query FILE` guesses from a sample of a raw export.
final class SchemaSnifferTests: XCTestCase {
    /// A header becomes a field name whole, in NFC: an accent written as a combining mark,
    /// a vowel sign, a digit of another script stay in the name instead of cutting it.
    func testHeadersInAnyScriptBecomeWholeFieldNames() {
        XCTAssertEqual(SchemaSniffer.identifier("Date de libe\u{301}ration"), "date_de_libération")
        XCTAssertEqual(SchemaSniffer.identifier("Date de libération"), "date_de_libération")
        XCTAssertEqual(SchemaSniffer.identifier("ज़िला (District)"), "ज़िला_district")
        XCTAssertEqual(SchemaSniffer.identifier("तारीख़ ०१"), "तारीख़_०१")
        XCTAssertEqual(SchemaSniffer.identifier("०१ तारीख़"), "c_०१_तारीख़")
        XCTAssertEqual(SchemaSniffer.identifier("FIR No."), "fir_no")
        // Whatever the header, the name it gives can be written in a breakdown or a filter.
        for header in ["a _\u{301}b", "__id", "m²", "٣ أيام", "x\u{20DD}y", "Ⅻ total", "  ", "%"] {
            let name = SchemaSniffer.identifier(header)
            XCTAssertTrue(FieldNameRule.isName(name), "\(header) -> \(name)")
        }
    }

    func testTypesAreGuessedFromValuesTrimmedAsTheParserTrimsThem() {
        XCTAssertEqual(SchemaSniffer.guessType([" 12", "13 ", "NA", "", "7"]).0, .integer)
        XCTAssertEqual(SchemaSniffer.guessType(["1.5", " 2 ", "-3.25"]).0, .number)
        let dates = SchemaSniffer.guessType(["2019-01-02", " 2020-03-04 ", "n/a"])
        XCTAssertEqual(dates.0, .date)
        XCTAssertEqual(dates.1, "yyyy-MM-dd")
        XCTAssertEqual(SchemaSniffer.guessType(["Mumbai", "12", "Pune"]).0, .text)
        XCTAssertEqual(SchemaSniffer.guessType(["", "NA", "null"]).0, .text, "nothing but missing values")
        // A quoted value with a line break around it: the parser reads it as a number, so the
        // sniffer must not call the column text.
        XCTAssertEqual(SchemaSniffer.guessType(["12\n", "\n7", "30"]).0, .integer)
        XCTAssertEqual(try ValueParser(type: .integer).parse(text: "12\n").get(), .integer(12))
    }

    /// Numbers are typed as a run reads them: thousands grouped with commas or spaces (what a
    /// spreadsheet's number format exports) and `17.0` are whole numbers, so that a query sums
    /// them and does not advise `--decimal ,`, which would read `1,234` as 1.234.
    func testGroupedThousandsAreWholeNumbersAndNotADecimalComma() {
        XCTAssertEqual(SchemaSniffer.guessType(["12", "1,234", "2,345,678", "1 247", "17.0"]).0, .integer)
        // Leading zeros are kept, as a code's or an id's: `007` and `7` are two values.
        XCTAssertEqual(SchemaSniffer.guessType(["007", "7", "12"]).0, .text)
        XCTAssertEqual(SchemaSniffer.guessType(["-04", "3"]).0, .text)
        XCTAssertEqual(SchemaSniffer.guessType(["0", "0.5", "10"]).0, .number, "a zero, and a fraction below one, are numbers")
        XCTAssertEqual(SchemaSniffer.guessType(["1,234.5", "12"]).0, .number)
        XCTAssertEqual(SchemaSniffer.guessType(["nan", "inf", "Infinity"]).0, .text, "not numbers a run reads")
        var comma = SniffedColumn(header: "Weight", field: "weight", type: .text)
        comma.textSamples = ["12,5", "1,25", "3"]
        XCTAssertEqual(SchemaSniffer.guessType(comma.textSamples).0, .text)
        XCTAssertTrue(comma.readsWithDecimalComma)
    }

    func testDatesThatReadWithDayAndMonthEitherWayAreTold() {
        XCTAssertEqual(SchemaSniffer.swappedReading(["03/05/2019", "11/12/2019"], "dd/MM/yyyy"), "MM/dd/yyyy")
        XCTAssertEqual(SchemaSniffer.swappedReading(["03-05-2019 10:22"], "dd-MM-yyyy"), "MM-dd-yyyy")
        XCTAssertNil(SchemaSniffer.swappedReading(["03/05/2019", "25/12/2019"], "dd/MM/yyyy"), "a day above 12 tells")
        XCTAssertNil(SchemaSniffer.swappedReading(["05/05/2019", "2019-03-04"], "dd/MM/yyyy"), "the same days either way")
        XCTAssertNil(SchemaSniffer.swappedReading(["03-Mar-2019"], "dd-MMM-yyyy"), "a month's name tells")
        XCTAssertEqual(SchemaSniffer.swappedReading(["03/05/2019", "typo"], "dd/MM/yyyy"), "MM/dd/yyyy", "a typo tells nothing")
    }

    /// A query types only the columns it names: the rest keep their field names (for the
    /// error that lists them) as text, and are not sampled.
    func testOnlyTheNamedColumnsAreTyped() throws {
        let dir = FileManager.default.temporaryDirectory.path + "/impact-sniff-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/wide.csv"
        var text = "Rescued On,Age,Age,Office,Count\n"
        for row in 0..<50 { text += "2020-01-\(10 + row % 9),\(row),\(row + 1),Pune,\(row * 2)\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))

        let all = try SchemaSniffer.sniff(path: path, format: .csv(CSVOptions()))
        XCTAssertEqual(all.map(\.field), ["rescued_on", "age", "age_2", "office", "count"])
        XCTAssertEqual(all.map(\.type), [.date, .integer, .integer, .text, .integer])

        let some = try SchemaSniffer.sniff(path: path, format: .csv(CSVOptions()), typing: ["rescued_on", "age_2"])
        XCTAssertEqual(some.map(\.field), all.map(\.field))
        XCTAssertEqual(some.map(\.type), [.date, .text, .integer, .text, .text])
        XCTAssertEqual(some[0].dateFormat, "yyyy-MM-dd")

        let spec = try QuerySpec(aggregates: [.sum("count")], by: "year(rescued_on)", filter: "age_2 > 3")
        XCTAssertEqual(QueryRunner.names(read: spec), ["count", "rescued_on", "age_2"])
    }
}
