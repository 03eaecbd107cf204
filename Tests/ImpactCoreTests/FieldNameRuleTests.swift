import ImpactCore
import XCTest

/// Field names in breakdowns and filters are letters of any script, digits and `_`: an
/// office that exports `numéro`, `âge` or `नाम` names those fields as they are.
final class FieldNameRuleTests: XCTestCase {
    func testNamesInAnyScriptAreNames() {
        for name in ["office", "_id", "numéro", "âge", "libe\u{301}ration", "नाम", "तारीख़_०१", "ज़िला", "año_2", "ΗΜΕΡΟΜΗΝΙΑ"] {
            XCTAssertTrue(FieldNameRule.isName(name), name)
        }
        for text in ["", "1abc", "group/district", "office name", "a-b", "x.y", "é@", "\u{301}a"] {
            XCTAssertFalse(FieldNameRule.isName(text), text)
        }
    }

    func testABreakdownNamesSuchFields() throws {
        XCTAssertEqual(try ByExpression.parse("numéro").field, "numéro")
        XCTAssertEqual(try ByExpression.parse("year(तारीख़_०१)").field, "तारीख़_०१")
        XCTAssertEqual(try ByExpression.parseList("year(date_de_libération), bureau_régional").map(\.field),
                       ["date_de_libération", "bureau_régional"])
        XCTAssertThrowsError(try ByExpression.parse("group/district"))
    }

    func testAFilterNamesSuchFields() throws {
        XCTAssertNoThrow(try FilterExpression.parse("âge < 17 and bureau == \"Thiès\""))
        XCTAssertNoThrow(try FilterExpression.parse("आयु < 18"))
        XCTAssertThrowsError(try FilterExpression.parse("âge @ 17")) { error in
            XCTAssertTrue("\(error)".contains("unexpected character '@'"), "\(error)")
        }
        // Copied from a word processor: curly quotes and a ≤ are no letters, and the error says what to write.
        XCTAssertThrowsError(try FilterExpression.parse("office == \u{201C}Mumbai\u{201D}")) { error in
            XCTAssertTrue("\(error)".contains("write text in straight quotes"), "\(error)")
        }
        XCTAssertThrowsError(try FilterExpression.parse("age \u{2264} 17")) { error in
            XCTAssertTrue("\(error)".contains("write <="), "\(error)")
        }
    }
}
