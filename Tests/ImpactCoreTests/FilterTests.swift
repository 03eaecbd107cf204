import XCTest
import ImpactCore

final class FilterTests: XCTestCase {
    /// Lines of `Fixture.sample` that pass the filter.
    private func lines(_ filter: String, file: StaticString = #filePath, line: UInt = #line) throws -> [Int] {
        let compiled = try FilterExpression.parse(filter).compile(against: Fixture.rescues)
        return Fixture.sample.filter(compiled.matches).map(\.line)
    }

    func testEachOperatorSelectsTheRowsItNames() throws {
        let cases: [(String, [Int])] = [
            ("office == \"Mumbai\"", [2, 3, 6, 8, 9]),
            ("office != 'Mumbai'", [4, 5]),                 // missing office (line 7) is not "not Mumbai"
            ("age < 18", [2, 4, 7, 9]),                       // censored <18 (line 5) never compares
            ("age <= 17", [2, 4, 7, 9]),
            ("age > 21", [3, 8]),
            ("age >= 21", [3, 6, 8]),
            ("date >= 2010-01-01", [5, 6, 7]),
            ("date < \"2004-06-01\"", [2, 9]),
            ("year(date) == 2004", [2, 3]),
            ("month(date) in [6, 7]", [5, 6]),
            ("quarter(date) == 4", [3, 7]),
            ("office in ['Kolkata', \"Delhi\"]", [4, 5]),
            ("office is missing", [7]),
            ("date is not missing and age is missing", []),
            ("age is missing", []),
            ("cross_border", [2, 4, 9]),
            ("cross_border == false", [3, 6]),
            ("services == \"legal\"", [2]),
            ("services != \"legal\"", [3]),
            ("score >= 2.5", [2, 4, 6]),
            ("score == 1", [3]),
        ]
        for (filter, expected) in cases {
            XCTAssertEqual(try lines(filter), expected, filter)
        }
    }

    func testNotBindsTighterThanAndWhichBindsTighterThanOr() throws {
        let cases: [(String, [Int])] = [
            ("office == 'Kolkata' or office == 'Mumbai' and age < 18", [2, 4, 5, 9]),
            ("(office == 'Kolkata' or office == 'Mumbai') and age < 18", [2, 4, 9]),
            ("not office == 'Mumbai' and age < 18", [4, 7]),
            ("not (office == 'Mumbai' and age < 18)", [3, 4, 5, 6, 7, 8]),
            ("not not cross_border", [2, 4, 9]),
            ("NOT office IS MISSING AND Year(date) < 2004", [9]),
        ]
        for (filter, expected) in cases {
            XCTAssertEqual(try lines(filter), expected, filter)
        }
    }

    func testErrorsPointAtTheColumnOfTheMistake() {
        let cases: [(String, Int, String)] = [
            ("age < 18 andd office == 'x'", 10, "expected 'and', 'or'"),
            ("office = 'Mumbai'", 8, "=="),
            ("office == 'Mumbai", 11, "no closing"),
            ("(age < 18", 10, "')'"),
            ("date > 2014-02-30", 8, "not a date"),
            ("office in []", 12, "empty"),
            ("age is present", 8, "expected 'missing'"),
            ("", 1, "empty"),
            ("weekday(date) == 1", 1, "unknown function 'weekday'"),
            ("age < 18 and", 13, "expected a field name"),
        ]
        for (text, column, fragment) in cases {
            do {
                _ = try FilterExpression.parse(text)
                XCTFail("parsed: \(text)")
            } catch {
                XCTAssertEqual(error.column, column, text)
                XCTAssertTrue(error.message.contains(fragment), "\(text): \(error.message)")
            }
        }
    }

    func testCompileNamesUnknownFieldsAndListsTheKnownOnes() throws {
        do {
            _ = try FilterExpression.parse("age < 18 and ofice == 'x'").compile(against: Fixture.rescues)
            XCTFail("compiled")
        } catch {
            XCTAssertEqual(error.column, 14)
            XCTAssertTrue(error.message.contains("unknown field 'ofice'"), error.message)
            XCTAssertTrue(error.message.contains("person_id, office, date"), error.message)
        }
    }

    func testCompileRejectsComparisonsOfDifferentTypes() {
        let cases: [(String, Int, String)] = [
            ("office == 12", 11, "put text in quotes"),
            ("year(office) == 2004", 1, "needs a date field"),
            ("age == 'twelve'", 8, "cannot compare"),
            ("office", 1, "not true/false"),
            ("age in [1, 'x']", 1, "holds text"),
            ("cross_border < true", 1, "== or !="),
        ]
        for (text, column, fragment) in cases {
            do {
                _ = try FilterExpression.parse(text).compile(against: Fixture.rescues)
                XCTFail("compiled: \(text)")
            } catch {
                XCTAssertEqual(error.column, column, text)
                XCTAssertTrue(error.message.contains(fragment), "\(text): \(error.message)")
            }
        }
    }

    func testCaretPointsUnderTheMistake() {
        let error = FilterError(column: 5, "here")
        XCTAssertEqual(error.pointing(into: "abc defg"), "abc defg\n    ^ here")
    }

    func testFieldNamesAreListedInOrderOfUse() throws {
        XCTAssertEqual(try FilterExpression.parse("year(date) == 2004 and age < 18 or date is missing").fieldNames, ["date", "age"])
    }
}
