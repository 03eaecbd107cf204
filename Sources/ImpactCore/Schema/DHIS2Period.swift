/// DHIS2's period identifiers (`pe` in its analytics and data value exports), read as the
/// first day of the period: `date_format: dhis2`.
///
/// | period | written | first day |
/// | --- | --- | --- |
/// | daily | `20240315` | 2024-03-15 |
/// | weekly (ISO weeks, from Monday) | `2024W5`, `2024W05` | the Monday of ISO week 5 |
/// | bi-weekly | `2024BiW3` | the Monday of ISO week 5 |
/// | monthly | `202403` | 2024-03-01 |
/// | bi-monthly | `202402B` | 2024-03-01 (the second pair of months) |
/// | quarterly | `2024Q2` | 2024-04-01 |
/// | six-monthly | `2024S2`; from April: `2024AprilS2` | 2024-07-01; 2024-10-01 |
/// | yearly | `2024` | 2024-01-01 |
/// | financial years | `2024April`, `2024July`, `2024Oct`, `2024Nov` | 2024-04-01, 2024-07-01... |
///
/// Weeks that start on another day (`2024WedW5`, `2024SunW5`) are not read.
enum DHIS2Period {
    /// The first day of the period written from `start` in `bytes`, and where it ended; nil
    /// when it is none of the forms above.
    static func match(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Day, Int)? {
        let n = bytes.count
        var pos = start
        func digits(_ count: Int) -> Int? { bytes.digits(count, at: &pos) }
        func word(_ text: StaticString) -> Bool {
            let length = text.utf8CodeUnitCount
            guard pos + length <= n else { return false }
            for k in 0..<length where bytes[pos + k] != text.utf8Start[k] { return false }
            pos += length
            return true
        }
        /// One or two digits (a week's or a half-year's number).
        func number() -> Int? {
            guard let first = digits(1) else { return nil }
            if let second = digits(1) { return first * 10 + second }
            return first
        }
        guard let year = digits(4) else { return nil }
        func day(_ month: Int, _ day: Int = 1) -> (Day, Int)? { Day(year: year, month: month, day: day).map { ($0, pos) } }
        if pos == n { return day(1) }
        if let month = digits(2) {
            if pos == n { return day(month) }
            if word("B") { return (1...6).contains(month) ? day((month - 1) * 2 + 1) : nil }
            guard let date = digits(2) else { return nil }
            return day(month, date)
        }
        if word("Q") {
            guard let quarter = digits(1), (1...4).contains(quarter) else { return nil }
            return day((quarter - 1) * 3 + 1)
        }
        if word("BiW") {
            guard let biweek = number(), biweek >= 1, let monday = isoWeekMonday(year: year, week: biweek * 2 - 1) else { return nil }
            return (monday, pos)
        }
        if word("W") {
            guard let week = number(), week >= 1, let monday = isoWeekMonday(year: year, week: week) else { return nil }
            return (monday, pos)
        }
        if word("S") {
            guard let half = digits(1), (1...2).contains(half) else { return nil }
            return day(half == 1 ? 1 : 7)
        }
        if word("AprilS") {
            guard let half = digits(1), (1...2).contains(half) else { return nil }
            return day(half == 1 ? 4 : 10)
        }
        for (name, month) in [("April", 4), ("July", 7), ("Oct", 10), ("Nov", 11)] as [(StaticString, Int)] where word(name) {
            return day(month)
        }
        return nil
    }

    /// The Monday of ISO week `week` of `year` (week 1 holds the year's first Thursday); nil
    /// past the year's last week.
    static func isoWeekMonday(year: Int, week: Int) -> Day? {
        guard let january4 = Day(year: year, month: 1, day: 4), let next = Day(year: year + 1, month: 1, day: 4) else { return nil }
        func monday(of day: Day) -> Int {
            // 1970-01-01 was a Thursday: weekday 0 is Monday.
            let days = Int(day.daysSinceEpoch)
            return days - ((days + 3) % 7 + 7) % 7
        }
        let first = monday(of: january4)
        let weeks = (monday(of: next) - first) / 7
        guard week <= weeks else { return nil }
        return Day(daysSinceEpoch: Int32(first + (week - 1) * 7))
    }
}
