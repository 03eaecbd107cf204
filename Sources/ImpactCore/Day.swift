/// A calendar day (proleptic Gregorian, no time zone): the unit every date in
/// an export is read to. Stored as days since 1970-01-01, so it sorts and hashes cheaply.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let daysSinceEpoch: Int32

    public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

    /// nil when the components name no real day (31 April, 29 February 2023, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year),
              (1...9999).contains(year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSinceEpoch = Int32(era * 146_097 + doe - 719_468)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// (year, month, day), by Howard Hinnant's civil_from_days.
    public var components: (year: Int, month: Int, day: Int) {
        let index = Int(daysSinceEpoch) - Self.tableStart
        if index >= 0 && index < Self.civilTable.count {
            let packed = Self.civilTable.withUnsafeBufferPointer { $0[index] }
            return (Int(packed >> 9), Int((packed >> 5) & 15), Int(packed & 31))
        }
        return Self.civil(fromDays: Int(daysSinceEpoch))
    }

    /// The first day `civilTable` covers: 1900-01-01.
    private static let tableStart = -25_567
    /// (year << 9 | month << 5 | day) for every day of 1900 to 2099: a breakdown by
    /// year or a period ordinal per row looks its day up (a few hundred kB, of which
    /// an export's decades are a small part) instead of dividing its way there.
    /// Built once a process by walking the calendar a day at a time (working each
    /// day out on its own took 10 million instructions, 3 ms, at every start).
    private static let civilTable: [UInt32] = {
        var table: [UInt32] = []
        table.reserveCapacity(73_049)
        var (y, m, d) = (1900, 1, 1)
        var monthLength = daysIn(month: m, year: y)
        for _ in 0..<73_049 {
            table.append(UInt32(y) << 9 | UInt32(m) << 5 | UInt32(d))
            d += 1
            if d > monthLength {
                d = 1
                m += 1
                if m > 12 { (m, y) = (1, y + 1) }
                monthLength = daysIn(month: m, year: y)
            }
        }
        return table
    }()

    private static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// English month names, January first: dates in words and the `MMM` date pattern.
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var quarter: Int { (components.month - 1) / 3 + 1 }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + Int32(days)) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { Int(other.daysSinceEpoch) - Int(daysSinceEpoch) }

    /// ISO 8601: 2019-12-31.
    public var iso: String {
        let (y, m, d) = components
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    public var description: String { iso }

    /// Parses exactly `yyyy-MM-dd`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a yyyy-MM-dd date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    public static func < (a: Day, b: Day) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}

/// Zero-padded decimal digits: pad(7, 2) == "07".
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
