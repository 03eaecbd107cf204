/// How numbers are written for a readership: the digit grouping and the decimal mark.
///
/// `en` groups by thousands (120,000); `en-IN` uses the Indian system, a group of
/// three and then groups of two (1,20,000). Dates on a sheet are written day month
/// year in English under both.
public struct NumberLocale: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier as written in a pipeline file (`en`, `en-IN`).
    public let identifier: String
    /// Digits grouped in threes, or three and then twos.
    public let indianGrouping: Bool

    /// Thousands grouping: 120,000.
    public static let en = NumberLocale(identifier: "en", indianGrouping: false)
    /// Indian grouping: 1,20,000.
    public static let enIN = NumberLocale(identifier: "en-IN", indianGrouping: true)

    /// The identifiers a pipeline may name.
    public static let known: [String] = ["en", "en-GB", "en-IN", "en-US"]

    private init(identifier: String, indianGrouping: Bool) {
        self.identifier = identifier
        self.indianGrouping = indianGrouping
    }

    /// nil for an identifier this tool cannot write numbers for.
    public init?(identifier: String) {
        switch String(identifier.map { $0 == "_" ? "-" : $0 }).lowercased() {
        case "en", "en-gb", "en-us": self = .en
        case "en-in": self = .enIN
        default: return nil
        }
    }

    public var description: String { identifier }

    /// A whole number with grouping: 24800 -> "24,800" (en) or 1234567 -> "12,34,567" (en-IN).
    public func format(_ value: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + group(digits)
    }

    /// A number given as an integer count of `10^-decimals` units, written with exactly
    /// `decimals` digits after the point: format(scaled: 735, decimals: 1) == "73.5".
    public func format(scaled: Int, decimals: Int) -> String {
        guard decimals > 0 else { return format(scaled) }
        let digits = String(scaled.magnitude)
        let padded = digits.count > decimals ? digits : String(repeating: "0", count: decimals - digits.count + 1) + digits
        let whole = String(padded.dropLast(decimals))
        let fraction = String(padded.suffix(decimals))
        return (scaled < 0 ? "-" : "") + group(whole) + "." + fraction
    }

    /// "31 December 2019".
    public func format(_ day: Day) -> String {
        let (year, month, dayOfMonth) = day.components
        return "\(dayOfMonth) \(Day.monthNames[month - 1]) \(year)"
    }


    private func group(_ digits: String) -> String {
        let characters = Array(digits)
        guard characters.count > 3 else { return digits }
        var groups: [String] = [String(characters.suffix(3))]
        var rest = characters.dropLast(3)
        let size = indianGrouping ? 2 : 3
        while !rest.isEmpty {
            groups.append(String(rest.suffix(size)))
            rest = rest.dropLast(size)
        }
        return groups.reversed().joined(separator: ",")
    }
}
