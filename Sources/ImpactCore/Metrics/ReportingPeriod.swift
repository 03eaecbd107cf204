/// The window of days a run reports on: from `since` (open when nil) to `until`, both inclusive.
public struct ReportingPeriod: Sendable, Hashable {
    public var since: Day?
    public var until: Day

    public init(since: Day?, until: Day) {
        self.since = since
        self.until = until
    }

    /// True when `day` falls in the window.
    @inline(__always)
    public func contains(_ day: Day) -> Bool {
        day <= until && (since.map { day >= $0 } ?? true)
    }

    /// The last calendar month that is complete on `asOf`: the month of `asOf`
    /// itself when `asOf` is its last day, else the month before.
    public static func lastCompleteMonth(asOf: Day) -> ReportingPeriod {
        let (year, month, day) = asOf.components
        if day == Day.daysIn(month: month, year: year) {
            return monthWindow(year: year, month: month, fallback: asOf)
        }
        return month == 1 ? monthWindow(year: year - 1, month: 12, fallback: asOf)
                          : monthWindow(year: year, month: month - 1, fallback: asOf)
    }

    /// From 1 January of `asOf`'s year to `asOf`.
    public static func yearToDate(asOf: Day) -> ReportingPeriod {
        ReportingPeriod(since: Day(year: asOf.year, month: 1, day: 1), until: asOf)
    }

    /// One calendar month, first to last day; nil when the month does not exist.
    public static func month(year: Int, month: Int) -> ReportingPeriod? {
        guard (1...12).contains(month), let first = Day(year: year, month: month, day: 1),
              let last = Day(year: year, month: month, day: Day.daysIn(month: month, year: year)) else { return nil }
        return ReportingPeriod(since: first, until: last)
    }

    /// The same window one calendar month earlier, for month-on-month change
    /// (only meaningful for a whole-month window); nil before year 1.
    public func previousMonth() -> ReportingPeriod? {
        guard let since else { return nil }
        let (year, month, _) = since.components
        return month == 1 ? Self.month(year: year - 1, month: 12) : Self.month(year: year, month: month - 1)
    }

    private static func monthWindow(year: Int, month: Int, fallback: Day) -> ReportingPeriod {
        Self.month(year: year, month: month) ?? ReportingPeriod(since: fallback, until: fallback)
    }
}
