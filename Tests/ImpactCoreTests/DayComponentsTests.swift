import XCTest
import ImpactCore

/// `Day.components` looks days of 1900-2099 up in a table and works out others:
/// every day from 1800 to 2200, across both edges of the table, must give the
/// year, month and day that build the same day again, one day after the other;
/// days that do not exist build nothing.
final class DayComponentsTests: XCTestCase {
    func testEveryDayFrom1800To2200RoundTripsThroughItsComponents() throws {
        let first = try XCTUnwrap(Day(year: 1800, month: 1, day: 1))
        let last = try XCTUnwrap(Day(year: 2200, month: 12, day: 31))
        var previous = (year: 1799, month: 12, day: 31)
        for days in first.daysSinceEpoch...last.daysSinceEpoch {
            let day = Day(daysSinceEpoch: days)
            let c = day.components
            XCTAssertEqual(Day(year: c.year, month: c.month, day: c.day), day, "\(c)")
            // The next day after `previous`, by the calendar's rules.
            let next = previous.day < Day.daysIn(month: previous.month, year: previous.year)
                ? (previous.year, previous.month, previous.day + 1)
                : previous.month < 12 ? (previous.year, previous.month + 1, 1) : (previous.year + 1, 1, 1)
            XCTAssertTrue(c == next, "\(day.iso): \(c), expected \(next)")
            if c != next { return }
            previous = c
        }
        XCTAssertEqual(Day(year: 1900, month: 1, day: 1)?.daysSinceEpoch, -25_567)
        // Days that do not exist, inside the table's years and outside them.
        for (y, m, d) in [(2023, 2, 29), (1900, 2, 29), (2100, 2, 29), (2019, 4, 31), (2019, 13, 1), (2019, 0, 1),
                          (2019, 1, 0), (2019, 1, 32), (1899, 2, 29), (Int.min, 1, 1), (Int.max, 12, 31), (2019, Int.min, 1)] {
            XCTAssertNil(Day(year: y, month: m, day: d), "\(y)-\(m)-\(d)")
        }
        for (y, m, d) in [(2024, 2, 29), (2000, 2, 29), (1904, 2, 29), (2096, 2, 29), (1896, 2, 29)] {
            XCTAssertEqual(Day(year: y, month: m, day: d)?.components.month, 2, "\(y)-\(m)-\(d)")
        }
        XCTAssertEqual(Day(daysSinceEpoch: -25_568).iso, "1899-12-31")
        XCTAssertEqual(Day(daysSinceEpoch: -25_567 + 73_049).iso, "2100-01-01")
    }
}
