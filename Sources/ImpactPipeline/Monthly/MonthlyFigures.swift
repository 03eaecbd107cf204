import ImpactCore

/// What a monthly run published, kept in figures.json so that the next run can
/// flag every past month's figure that has changed since: the reported month,
/// and per metric the exact and published value of each of the thirteen months
/// computed (the reported month and the twelve before it) and of the year to date.
public struct MonthlyFigures: Codable, Sendable, Equatable {
    public struct Figure: Codable, Sendable, Equatable {
        public var metric: String
        /// `2012-09`; for the year to date, the month it ends with.
        public var month: CalendarMonth
        /// `month` or `year_to_date`.
        public var window: String
        public var exact: Double?
        /// As the report prints it ("16", "fewer than 11").
        public var published: String
    }

    public var month: CalendarMonth
    public var suppressBelow: Int
    public var figures: [Figure]

    /// A month's figure of a metric, when this run computed it.
    public func figure(_ metric: String, month: CalendarMonth) -> Figure? {
        figures.first { $0.metric == metric && $0.month == month && $0.window == "month" }
    }
}

/// Compares this run's monthly figures with the previous run's.
enum MonthlyRevisions {
    /// Every month's figure both runs computed whose exact value differs, oldest month first, in metric order.
    static func changed(previous: MonthlyFigures, current: MonthlyFigures) -> [(old: MonthlyFigures.Figure, new: MonthlyFigures.Figure)] {
        var out: [(MonthlyFigures.Figure, MonthlyFigures.Figure)] = []
        for new in current.figures where new.window == "month" {
            guard let old = previous.figure(new.metric, month: new.month), !same(old.exact, new.exact) else { continue }
            out.append((old, new))
        }
        let order = Dictionary(current.figures.map(\.metric).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return out.sorted { a, b in
            a.1.month != b.1.month ? a.1.month < b.1.month : (order[a.1.metric] ?? 0) < (order[b.1.metric] ?? 0)
        }
    }

    private static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
        default: return false
        }
    }
}
