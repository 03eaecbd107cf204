/// A date format as a pipeline writes it (`dd/MM/yyyy`, `dd-MMM-yyyy`, `M/d/yy`),
/// compiled once and matched against many values.
///
/// Tokens: `yyyy` (four-digit year), `yy` (two-digit year: 00-69 are 2000-2069,
/// 70-99 are 1970-1999), `MM` or `M` (month, one or two digits), `MMM` (month
/// name: Jan..Dec, or the full name, any case), `dd` or `d` (day, one or two
/// digits). Separators: `-`, `/`, `.`, `,` and space, matched as written (`MMM d, yyyy`
/// reads `Jan 5, 2024` and `January 5, 2024`). A pattern without a day (`yyyy-MM`,
/// `MMM yyyy`, DHIS2's monthly period `yyyyMM`) reads a month as its first day.
public struct DatePattern: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case year4, year2, month, monthName, day
        case separator(UInt8)
        /// The whole of `date_format: dhis2`: DHIS2's period identifiers (`DHIS2Period`).
        case dhis2Period
    }

    let tokens: [Token]
    /// The pattern as written.
    public let text: String
    /// The day a pattern without a day token gives (`yyyy-MM`, `MMM yyyy`, DHIS2's `yyyyMM`):
    /// the first of the month; 0 when the pattern reads the day.
    let firstOfMonth: Int

    /// ISO 8601 (`yyyy-MM-dd`), accepted in every source whatever its formats.
    public static let iso = DatePattern(text: "yyyy-MM-dd",
                                        tokens: [.year4, .separator(0x2D), .month, .separator(0x2D), .day])

    init(text: String, tokens: [Token]) {
        self.text = text
        self.tokens = tokens
        firstOfMonth = tokens.contains(.day) ? 0 : 1
    }

    /// Compiles a pattern, or explains what is wrong with it.
    public init(_ text: String) throws(DatePatternError) {
        if text.lowercased() == "dhis2" {
            self.init(text: text, tokens: [.dhis2Period])
            return
        }
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        var hasYear = false, hasMonth = false
        while i < chars.count {
            let c = chars[i]
            var run = 1
            while i + run < chars.count, chars[i + run] == c { run += 1 }
            switch (c, run) {
            case ("y", 4): tokens.append(.year4); hasYear = true
            case ("y", 2): tokens.append(.year2); hasYear = true
            case ("M", 1), ("M", 2): tokens.append(.month); hasMonth = true
            case ("M", 3): tokens.append(.monthName); hasMonth = true
            case ("d", 1), ("d", 2): tokens.append(.day)
            case ("-", _), ("/", _), (".", _), (" ", _), (",", _):
                for _ in 0..<run { tokens.append(.separator(c.asciiValue ?? 0x20)) }
            default:
                throw DatePatternError(pattern: text, problem: "'\(String(repeating: c, count: run))' is not a date token; use yyyy, yy, MM, M, MMM, dd, d and the separators - / . , or a space (or dhis2 alone, for DHIS2's periods)")
            }
            i += run
        }
        guard hasYear, hasMonth else {
            throw DatePatternError(pattern: text, problem: "a date format needs a year (yyyy or yy) and a month (MM, M or MMM), and a day (dd or d) unless the export gives months alone")
        }
        self.init(text: text, tokens: tokens)
    }

    public var description: String { text }

    /// The day the (already trimmed) text names, or nil when it does not match or names no real day.
    public func parse(_ text: String) -> Day? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// `yyyy-MM-dd` with every digit in place, read without the token loop: the
    /// common date of an export. Nil for anything else (the caller then asks `iso`).
    @inline(__always)
    static func isoDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = bytes[i] &- 0x30
            return d < 10 ? Int(d) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
        return Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    }

    func parse(bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let (day, end) = match(bytes), end == bytes.count else { return nil }
        return day
    }

    /// The day the tokens read from the start of `bytes`, and where they ended; nil when
    /// they do not match or name no real day.
    func match(_ bytes: UnsafeBufferPointer<UInt8>) -> (Day, Int)? {
        var pos = 0
        var year = 0, month = 0, day = firstOfMonth
        let n = bytes.count
        func digits(max: Int, exact: Bool) -> Int? {
            var value = 0, count = 0
            while pos < n, count < max, bytes[pos] >= 0x30, bytes[pos] <= 0x39 {
                value = value * 10 + Int(bytes[pos] - 0x30)
                pos += 1
                count += 1
            }
            if count == 0 || (exact && count != max) { return nil }
            return value
        }
        for token in tokens {
            switch token {
            case .year4:
                guard let v = digits(max: 4, exact: true) else { return nil }
                year = v
            case .year2:
                guard let v = digits(max: 2, exact: true) else { return nil }
                year = v < 70 ? 2000 + v : 1900 + v
            case .month:
                guard let v = digits(max: 2, exact: false) else { return nil }
                month = v
            case .day:
                guard let v = digits(max: 2, exact: false) else { return nil }
                day = v
            case .monthName:
                var end = pos
                while end < n, (bytes[end] | 0x20) >= 0x61, (bytes[end] | 0x20) <= 0x7A { end += 1 }
                guard let v = DatePattern.month(named: bytes, from: pos, to: end) else { return nil }
                month = v
                pos = end
            case .separator(let s):
                guard pos < n, bytes[pos] == s else { return nil }
                pos += 1
            case .dhis2Period:
                return DHIS2Period.match(bytes, from: pos)
            }
        }
        return Day(year: year, month: month, day: day).map { ($0, pos) }
    }

    /// `parse`, and else the date before a time of day (`04/03/2019 10:22`,
    /// `4/3/2019 9:05:07 PM`, `04.03.2019T10:22:33+05:30`), the time ignored as it is
    /// after an ISO date: spreadsheets and case systems often write one. The time is looked
    /// at only when the date matched, so a value that is no date costs nothing more.
    public func parseIgnoringTime(_ text: String) -> Day? {
        var text = text
        return text.withUTF8 { bytes in
            guard let (day, end) = match(bytes) else { return nil }
            return end == bytes.count || DatePattern.isTimeOfDay(bytes, from: end) ? day : nil
        }
    }

    /// True when `bytes` from `start` are a time of day after a date: a space (or several)
    /// or `T`, then `H:mm`, `H:mm:ss` or `H:mm:ss.fff`, optionally `AM`/`PM` (or `a.m.`) and
    /// a zone (`Z`, `UTC`, `GMT`, `+05:30`, `-0500`), and nothing else.
    static func isTimeOfDay(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let n = bytes.count
        var pos = start
        if pos < n, bytes[pos] == UInt8(ascii: "T") {
            pos += 1
        } else {
            guard pos < n, bytes[pos] == 0x20 else { return false }
            while pos < n, bytes[pos] == 0x20 { pos += 1 }
        }
        func number(_ count: Int) -> Int? { bytes.digits(count, at: &pos) }
        func skipSpaces() { while pos < n, bytes[pos] == 0x20 { pos += 1 } }
        func word(_ options: [StaticString]) -> Bool {
            for option in options {
                let length = option.utf8CodeUnitCount
                guard pos + length <= n else { continue }
                var same = true
                for k in 0..<length where (bytes[pos + k] | 0x20) != (option.utf8Start[k] | 0x20) {
                    same = false
                    break
                }
                if same {
                    pos += length
                    return true
                }
            }
            return false
        }
        let hourStart = pos
        while pos < n, pos - hourStart < 2, bytes[pos] &- 0x30 < 10 { pos += 1 }
        guard pos > hourStart, pos < n, bytes[pos] == UInt8(ascii: ":") else { return false }
        var hour = 0
        for k in hourStart..<pos { hour = hour * 10 + Int(bytes[k] - 0x30) }
        pos += 1
        guard let minute = number(2), hour <= 24, minute <= 59 else { return false }
        if pos < n, bytes[pos] == UInt8(ascii: ":") {
            pos += 1
            guard let second = number(2), second <= 60 else { return false }
            if pos < n, bytes[pos] == UInt8(ascii: ".") || bytes[pos] == UInt8(ascii: ",") {
                pos += 1
                let first = pos
                while pos < n, bytes[pos] &- 0x30 < 10 { pos += 1 }
                guard pos > first else { return false }
            }
        }
        skipSpaces()
        if word(["a.m.", "p.m.", "am", "pm"]) {
            guard (1...12).contains(hour) else { return false }
            skipSpaces()
        }
        if word(["utc", "gmt", "z"]) { skipSpaces() }
        if pos < n, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") {
            pos += 1
            guard number(2) != nil else { return false }
            if pos < n, bytes[pos] == UInt8(ascii: ":") { pos += 1 }
            guard number(2) != nil else { return false }
        }
        return pos == n
    }

    /// The month names in lower case, as bytes (made once, not at each value).
    private static let monthNames = Day.monthNames.map { Array($0.lowercased().utf8) }

    /// 1...12 for `Jan`, `jan`, `January`, `Sept`; nil otherwise.
    static func month(named bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        let length = end - start
        guard length >= 3 else { return nil }
        for (index, nameBytes) in monthNames.enumerated() {
            let isPrefix = length <= nameBytes.count
                && (length == 3 || length == nameBytes.count || (index == 8 && length == 4))
            guard isPrefix else { continue }
            var same = true
            for k in 0..<length where (bytes[start + k] | 0x20) != nameBytes[k] {
                same = false
                break
            }
            if same { return index + 1 }
        }
        return nil
    }
}

/// A date format that cannot be compiled: the pattern and what is wrong.
public struct DatePatternError: Error, Sendable, Equatable {
    public var pattern: String
    public var problem: String
}

extension Day {
    /// ISO `yyyy-MM-dd`, optionally followed by a time (`T10:00:00Z` or ` 10:00`),
    /// which is ignored: exports from case-management systems often carry one.
    public static func parseISOPrefix(_ text: String) -> Day? {
        let utf8 = text.utf8
        guard utf8.count >= 10 else { return nil }
        if utf8.count > 10 {
            let next = utf8[utf8.index(utf8.startIndex, offsetBy: 10)]
            guard next == UInt8(ascii: "T") || next == UInt8(ascii: " ") else { return nil }
            return DatePattern.iso.parse(String(text.prefix(10)))
        }
        return DatePattern.iso.parse(text)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The number written in exactly `count` ASCII digits at `pos`, which moves past them; nil
    /// (and `pos` unmoved) when the bytes end first or one is not a digit.
    func digits(_ count: Int, at pos: inout Int) -> Int? {
        guard pos + count <= self.count else { return nil }
        var value = 0
        for k in 0..<count {
            let d = self[pos + k] &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        pos += count
        return value
    }
}
