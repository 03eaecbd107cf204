import XCTest
import ImpactCore

final class PublishNumberLocaleTests: XCTestCase {
    func testGroupingByLocale() {
        let table: [(value: Int, en: String, enIN: String)] = [
            (0, "0", "0"),
            (940, "940", "940"),
            (1_000, "1,000", "1,000"),
            (24_800, "24,800", "24,800"),
            (120_000, "120,000", "1,20,000"),
            (1_234_567, "1,234,567", "12,34,567"),
            (-120_000, "-120,000", "-1,20,000"),
        ]
        for row in table {
            XCTAssertEqual(NumberLocale.en.format(row.value), row.en)
            XCTAssertEqual(NumberLocale.enIN.format(row.value), row.enIN)
        }
    }

    func testDecimalsAndDates() {
        XCTAssertEqual(NumberLocale.en.format(scaled: 735, decimals: 1), "73.5")
        XCTAssertEqual(NumberLocale.en.format(scaled: 7, decimals: 2), "0.07")
        XCTAssertEqual(NumberLocale.enIN.format(scaled: 12_345_678, decimals: 1), "12,34,567.8")
        XCTAssertEqual(NumberLocale.en.format(Day(year: 2019, month: 12, day: 31) ?? Day(daysSinceEpoch: 0)), "31 December 2019")
    }

    func testIdentifiers() {
        XCTAssertEqual(NumberLocale(identifier: "en-IN"), .enIN)
        XCTAssertEqual(NumberLocale(identifier: "en_in"), .enIN)
        XCTAssertEqual(NumberLocale(identifier: "en-US"), .en)
        XCTAssertNil(NumberLocale(identifier: "fr"))
        XCTAssertEqual(RoundedFigure(exact: 1_234_567, rule: .significant(digits: 3)).text(.enIN), "12,30,000+")
    }
}
