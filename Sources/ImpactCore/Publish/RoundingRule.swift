/// How a published figure is rounded. Every rule rounds toward zero, so that a
/// published figure never states more than was counted.
public enum RoundingRule: Sendable, Hashable, Codable {
    /// Published as counted (a fraction is cut to one decimal place).
    case none
    /// Down to a multiple of `step`: 643 with step 10 -> 640.
    case down(step: Int)
    /// Down to `digits` significant figures: 24,861 with 3 -> 24,800.
    case significant(digits: Int)

    /// The rule in words, kept beside every published figure.
    public var summary: String {
        switch self {
        case .none: return "exact"
        case .down(let step): return "rounded down to a multiple of \(step)"
        case .significant(let digits):
            return "rounded down to \(digits) significant figure\(digits == 1 ? "" : "s")"
        }
    }
}

/// How a figure that was cut by rounding is marked.
public enum RoundingWording: String, Sendable, Hashable, Codable, CaseIterable {
    /// "640+"
    case plus
    /// "over 640"
    case over
}
