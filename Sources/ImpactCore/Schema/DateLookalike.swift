/// Values that are dates written in a form no date format reads (a spreadsheet's day
/// number, a Unix time) or in one the source did not name (a two-digit year): told apart
/// only for a finding's hint or a query's error. Such a value is never read as a date.
public enum DateLookalike {
    /// The day a spreadsheet's day number (days since 1899-12-30, as Excel and LibreOffice
    /// count them) gives, for five digits from 20000 (1954) to 79999 (2119): what a date
    /// column saved without its date format looks like in a CSV.
    public static func spreadsheetDay(_ text: String) -> Day? {
        guard text.utf8.count == 5, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let serial = Int(text), (20_000...79_999).contains(serial) else { return nil }
        return Day(daysSinceEpoch: Int32(serial - 25_569))
    }

    /// The day a Unix time gives (seconds or milliseconds since 1970, UTC), for ten or
    /// thirteen digits from 1990 to 2099: what an API export's time stamps look like (its
    /// time zone is unknown, so it is not read as a day).
    public static func unixTimeDay(_ text: String) -> (Day, String)? {
        let count = text.utf8.count
        guard count == 10 || count == 13, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int(text) else { return nil }
        let seconds = count == 13 ? value / 1000 : value
        guard (631_152_000..<4_102_444_800).contains(seconds) else { return nil }
        return (Day(daysSinceEpoch: Int32(seconds / 86_400)), count == 13 ? "milliseconds" : "seconds")
    }

    /// Day-first and month-first formats with a two-digit year (`5/3/19`, Excel's short date
    /// in many locales), in the order a hint offers them. Not sniffed: the century is the
    /// export's to say (`yy` reads 00-69 as 2000-2069, 70-99 as 1970-1999).
    public static let twoDigitYearFormats: [DatePattern] = ["d/M/yy", "M/d/yy", "d.M.yy", "d-M-yy", "M-d-yy", "d-MMM-yy", "d MMM yy"]
        .compactMap { try? DatePattern($0) }
}
