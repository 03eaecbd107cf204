import ImpactCore
@testable import ImpactPipeline
import XCTest

/// The types `impact query FILE` guesses from a sample of a raw export.
final class SchemaSnifferTests: XCTestCase {
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
}
