/// A figure as published: rounded toward zero by a `RoundingRule` and marked
/// ("640+", "over 640") only where rounding cut something off.
///
/// The arithmetic is done on whole millionths, never on binary fractions, so
/// 0.73 rounded to two figures is 0.73 and not 0.72.
public struct RoundedFigure: Sendable, Hashable, Codable {
    /// The value as counted.
    public let exact: Double
    public let rule: RoundingRule
    public let wording: RoundingWording
    /// The published value as a whole number of `10^-decimals` units.
    public let scaled: Int
    /// Digits after the decimal point in the published text.
    public let decimals: Int
    /// True when the published value is less than the exact value.
    public let wasCut: Bool
    /// False for a value that cannot be written (not finite, or beyond 9 million million).
    public let isAvailable: Bool

    private static let microsPerUnit = 1_000_000
    private static let limit = 9e12

    public init(exact: Double, rule: RoundingRule, wording: RoundingWording = .plus) {
        self.exact = exact
        self.rule = rule
        self.wording = wording
        guard exact.isFinite, exact.magnitude < RoundedFigure.limit else {
            (scaled, decimals, wasCut, isAvailable) = (0, 0, false, false)
            return
        }
        isAvailable = true
        let micros = Int((exact * 1e6).rounded())
        let integral = micros % RoundedFigure.microsPerUnit == 0
        if micros < 0 {
            // A negative figure (a fall) is never rounded: rounding toward zero would understate the fall.
            let places = integral ? 0 : RoundedFigure.placesNeeded(micros)
            (scaled, decimals, wasCut) = (micros / RoundedFigure.power(6 - places), places, false)
            return
        }
        let unit = RoundedFigure.unit(for: rule, micros: micros, integral: integral)
        let floored = (micros / unit) * unit
        let places = max(0, 6 - RoundedFigure.log10(unit))
        scaled = floored / RoundedFigure.power(6 - places)
        decimals = places
        wasCut = floored != micros
    }

    /// The published value as a number.
    public var published: Double { Double(scaled) / Double(RoundedFigure.power(decimals)) }

    /// The published value without a mark: "24,800".
    public func number(_ locale: NumberLocale) -> String {
        isAvailable ? locale.format(scaled: scaled, decimals: decimals) : "not available"
    }

    /// The published text: "640+", "over 640", or the figure alone when nothing was cut.
    public func text(_ locale: NumberLocale) -> String {
        let base = number(locale)
        guard wasCut else { return base }
        switch wording {
        case .plus: return base + "+"
        case .over: return "over " + base
        }
    }

    /// The exact value written out ("24,861", "0.734"), for the record beside the sheet.
    public func exactText(_ locale: NumberLocale) -> String {
        guard isAvailable else { return "not available" }
        let micros = Int((exact * 1e6).rounded())
        let places = micros % RoundedFigure.microsPerUnit == 0 ? 0 : RoundedFigure.placesNeeded(micros)
        return locale.format(scaled: micros / RoundedFigure.power(6 - places), decimals: places)
    }

    /// The rounding unit in millionths.
    private static func unit(for rule: RoundingRule, micros: Int, integral: Bool) -> Int {
        switch rule {
        case .none:
            return integral ? microsPerUnit : microsPerUnit / 10
        case .down(let step):
            return max(1, step) * microsPerUnit
        case .significant(let digits):
            let length = String(micros).count
            let unit = power(max(0, length - max(1, digits)))
            return integral ? max(unit, microsPerUnit) : unit
        }
    }

    /// Decimal places (at most 6) needed to write a non-integral value of `micros` millionths exactly.
    private static func placesNeeded(_ micros: Int) -> Int {
        var places = 6
        var rest = micros.magnitude
        while places > 0, rest % 10 == 0 {
            rest /= 10
            places -= 1
        }
        return places
    }

    private static func power(_ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }

    private static func log10(_ value: Int) -> Int {
        var exponent = 0
        var rest = value
        while rest >= 10 {
            rest /= 10
            exponent += 1
        }
        return exponent
    }
}
