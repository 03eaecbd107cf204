/// A milestone found in the data: the value reached and the period it was reached in.
public struct Milestone: Sendable, Hashable, Codable {
    /// The threshold reached (0 for "first period above zero").
    public var value: Double
    public var period: Period

    public init(value: Double, period: Period) {
        self.value = value
        self.period = period
    }
}

/// Finds milestones in a metric's series for the fact sheet's timeline:
/// "first conviction: 2004", "500th survivor brought to safety: 2013".
/// Needs a metric broken down by a period (its `series` and `cumulative`).
public struct MilestoneFinder: Sendable {
    /// 100th, 250th, 500th, 1,000th.
    public static let defaultLadder: [Double] = [100, 250, 500, 1_000]

    public let result: MetricResult

    public init(_ result: MetricResult) { self.result = result }

    /// The first period in which the metric is above zero; nil when it never is.
    public func firstAboveZero() -> Milestone? {
        result.firstNonZeroPeriod().map { Milestone(value: 0, period: $0) }
    }

    /// The period in which the cumulative value first reaches `target`; nil when it never does.
    public func reaching(_ target: Double) -> Milestone? {
        result.periodReaching(target).map { Milestone(value: target, period: $0) }
    }

    /// Each rung of the ladder that the cumulative value reaches, in ladder order
    /// (rungs not reached are left out). Several rungs may fall in one period.
    public func ladder(_ rungs: [Double] = MilestoneFinder.defaultLadder) -> [Milestone] {
        rungs.sorted().compactMap(reaching)
    }
}

extension Int {
    /// English ordinal: 1st, 2nd, 3rd, 11th, 500th, 1,000th (thousands grouped with commas).
    public var ordinalText: String {
        let suffix: String
        switch (self % 100, self % 10) {
        case (11...13, _): suffix = "th"
        case (_, 1): suffix = "st"
        case (_, 2): suffix = "nd"
        case (_, 3): suffix = "rd"
        default: suffix = "th"
        }
        let digits = String(Swift.abs(self))
        var grouped = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return (self < 0 ? "-" : "") + grouped + suffix
    }
}
