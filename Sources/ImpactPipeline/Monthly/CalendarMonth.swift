import ImpactCore

/// A calendar month, `2012-09`: the unit of the monthly report.
public struct CalendarMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int


    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `yyyy-MM` (`2026-10`); nil for anything else.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        self.init(year: year, month: month)
    }

    /// The month a day falls in.
    public init(containing day: Day) {
        let (year, month, _) = day.components
        self.year = year
        self.month = month
    }

    /// The last month complete on `asOf` (see `ReportingPeriod.lastCompleteMonth`).
    public static func lastComplete(asOf: Day) -> CalendarMonth {
        let window = ReportingPeriod.lastCompleteMonth(asOf: asOf)
        return CalendarMonth(containing: window.since ?? window.until)
    }

    /// `count` months later (earlier when negative).
    public func adding(months count: Int) -> CalendarMonth {
        let index = year * 12 + (month - 1) + count
        return CalendarMonth(uncheckedYear: index / 12, month: index % 12 + 1)
    }

    private init(uncheckedYear: Int, month: Int) {
        year = uncheckedYear
        self.month = month
    }

    public var firstDay: Day { Day(year: year, month: month, day: 1) ?? Day(daysSinceEpoch: 0) }
    public var lastDay: Day { Day(year: year, month: month, day: Day.daysIn(month: month, year: year)) ?? firstDay }
    public var window: ReportingPeriod { ReportingPeriod(since: firstDay, until: lastDay) }

    /// From 1 January to the end of this month.
    public var yearToDate: ReportingPeriod {
        ReportingPeriod(since: Day(year: year, month: 1, day: 1), until: lastDay)
    }

    /// `2012-09`.
    public var iso: String {
        let y = String(year), m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count < 2 ? "0" : "") + m
    }

    /// `September 2012`.
    public var text: String { "\(Day.monthNames[month - 1]) \(year)" }

    public var description: String { iso }

    public static func < (a: CalendarMonth, b: CalendarMonth) -> Bool {
        (a.year, a.month) < (b.year, b.month)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let month = CalendarMonth(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a yyyy-MM month: \(text)"))
        }
        self = month
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
